import { type DrainState } from '../../../application/shared/drain-state';
import { TOKENS } from '../../../application/ports/tokens';
import { createCallWorld, type CallWorld } from './call-world';

/** `EndCall`, `ReportCallStatus`, `GetCallStatus`, `ListActiveCalls` and the initiation rules (DOMAIN.md §5.3-§5.4). */
describe('ending calls', () => {
  let w: CallWorld;

  beforeEach(async () => {
    w = await createCallWorld();
  });
  afterEach(async () => {
    await w.h.close();
  });

  const end = (id: string, caller = w.staffA, outcome: 'answered' | 'no_answer' = 'answered') =>
    w.calls.end.execute(w.h.scopeOf(caller), id, { status: 'ended', outcome, notes: 'done' }, w.h.actorOf(caller));

  it('in progress: hung up at once, completed (caregiver_ended), report stored, billed', async () => {
    const call = await w.callNow(w.staffA, w.assigned);
    await w.runUntil(call, ['in-progress']);
    await w.timers.advance(5_000);
    const view = await end(call.conversationId);
    expect(view.call).toMatchObject({
      status: 'completed',
      endReason: 'caregiver_ended',
      reportedOutcome: 'answered',
      endNotes: 'done',
    });
    expect(view.call.reports).toHaveLength(1);
    expect(view.conversation?.status).toBe('completed');
    expect(await w.line.liveLegs()).toEqual([]);
    expect(await w.ports.lineItems.findByCallId(call.id)).not.toBeNull();
    expect(w.calls.runtime.held().sessions).toBe(0);
  });

  it('ringing: hung up, cancelled; the conversation ends failed; nothing billed', async () => {
    const call = await w.callNow(w.staffA, w.assigned);
    await w.runUntil(call, ['ringing']);
    const view = await end(call.id, w.adminA, 'no_answer');
    expect(view.call).toMatchObject({ status: 'cancelled', endReason: 'cancelled', outcome: 'cancelled' });
    expect(view.conversation).toMatchObject({ status: 'failed', call: { callStatus: 'ended', callOutcome: null } });
    expect(await w.line.liveLegs()).toEqual([]);
    await w.timers.advance(60_000);
    expect((await w.reload(call)).status).toBe('cancelled');
    expect(await w.ports.lineItems.findByCallId(call.id)).toBeNull();
  });

  it('queued: cancelled without touching the line', async () => {
    await w.h.close();
    w = await createCallWorld({ settings: { maxConcurrentCalls: 0 } });
    const call = await w.callNow(w.staffA, w.assigned);
    expect((await w.reload(call)).status).toBe('queued');
    const view = await end(call.id);
    expect(view.call.status).toBe('cancelled');
    expect(w.line.placedCalls()).toEqual([]);
  });

  it('already ended: no change but the report (idempotent)', async () => {
    const call = await w.callNow(w.staffA, w.assigned);
    await w.runUntil(call, ['completed']);
    const before = await w.reload(call);
    const view = await end(call.id);
    expect(view.call).toMatchObject({ status: 'completed', endReason: before.endReason, endedAt: before.endedAt });
    expect(view.call.reports).toHaveLength(1);
  });

  it('a manual status report other than `ended` is only stored', async () => {
    const call = await w.callNow(w.staffA, w.assigned);
    await w.runUntil(call, ['ringing']);
    const view = await w.calls.report.execute(
      w.h.scopeOf(w.adminA),
      call.id,
      { status: 'failed', outcome: 'failed', notes: 'line sounded odd' },
      w.h.actorOf(w.adminA),
    );
    expect(view.call).toMatchObject({ status: 'ringing', reportedOutcome: 'failed', endNotes: 'line sounded odd' });
  });
});

describe('who may call, read and end', () => {
  let w: CallWorld;

  beforeEach(async () => {
    w = await createCallWorld();
  });
  afterEach(async () => {
    await w.h.close();
  });

  const initiate = (caller: CallWorld['staffA'], patientId: string) =>
    w.calls.initiate.execute(w.h.scopeOf(caller), { patientId }, w.h.actorOf(caller));

  it('staff call only assigned patients (403, audited); other organisations are 404', async () => {
    await expect(initiate(w.staffA, w.unassignedA.id)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(initiate(w.staffA, w.patientB.id)).rejects.toMatchObject({
      kind: 'not-found',
      message: 'Patient not found',
    });
    await expect(initiate(w.adminA, w.patientB.id)).rejects.toMatchObject({ kind: 'not-found' });
    const denials = w.h.audit().filter((e) => e.action === 'ACCESS_DENIED' && e.resourceType === 'call');
    expect(denials.map((e) => e.details['rule'])).toEqual(['not_assigned', 'other_org', 'other_org']);
    expect(await w.ports.calls.countByStatus(['queued', 'dialing', 'ringing', 'in-progress'])).toBe(0);
  });

  it('admins call any patient of their org; superAdmins any org', async () => {
    await expect(initiate(w.adminA, w.unassignedA.id)).resolves.toMatchObject({ call: { status: 'queued' } });
    await expect(initiate(w.superAdmin, w.patientB.id)).resolves.toMatchObject({ call: { orgId: w.orgB.id } });
  });

  it('a second call while one is unfinished is a 409 CALL_IN_PROGRESS', async () => {
    await initiate(w.adminA, w.assigned.id);
    await expect(initiate(w.staffA, w.assigned.id)).rejects.toMatchObject({
      kind: 'conflict',
      reason: 'CALL_IN_PROGRESS',
      message: 'A call to this patient is already in progress',
    });
  });

  it('a draining process refuses "Call now" with 503 Telephony is not available', async () => {
    w.h.container.get<DrainState>(TOKENS.shared.DrainState).startDraining();
    await expect(initiate(w.adminA, w.assigned.id)).rejects.toMatchObject({
      kind: 'unavailable',
      message: 'Telephony is not available',
    });
  });

  it('status reads follow the same matrix and accept the call id or the conversation id', async () => {
    const call = await w.callNow(w.adminA, w.unassignedA);
    const read = (caller: CallWorld['staffA'], id: string) =>
      w.calls.status.execute(w.h.scopeOf(caller), id, w.h.actorOf(caller));
    await expect(read(w.adminA, call.id)).resolves.toMatchObject({ call: { id: call.id } });
    await expect(read(w.adminA, call.conversationId)).resolves.toMatchObject({ call: { id: call.id } });
    await expect(read(w.staffA, call.id)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(read(w.adminB, call.id)).rejects.toMatchObject({
      kind: 'not-found',
      message: 'Conversation not found',
    });
    await expect(read(w.adminA, w.ports.ids.next())).rejects.toMatchObject({ kind: 'not-found' });
    await expect(
      w.calls.end.execute(w.h.scopeOf(w.staffB), call.id, { status: 'ended' }, w.h.actorOf(w.staffB)),
    ).rejects.toMatchObject({ kind: 'not-found' });
    expect((await w.reload(call)).status).not.toBe('cancelled');
  });

  it('active calls: the unfinished calls the caller started, newest first', async () => {
    const first = await w.callNow(w.adminA, w.assigned);
    w.h.clock.advance(1_000);
    const second = await w.callNow(w.adminA, w.unassignedA);
    await w.callNow(w.staffA, w.adminsOnly).catch(() => undefined);
    const views = await w.calls.active.execute(w.h.scopeOf(w.adminA), w.h.actorOf(w.adminA));
    expect(views.map((v) => v.call.id)).toEqual([second.id, first.id]);
    await w.runUntil(first, ['completed']);
    await w.runUntil(second, ['completed']);
    expect(await w.calls.active.execute(w.h.scopeOf(w.adminA), w.h.actorOf(w.adminA))).toEqual([]);
  });
});

describe('dialing capacity', () => {
  let w: CallWorld;
  afterEach(async () => {
    await w.h.close();
  });

  it('a call beyond the capacity waits queued, then dials when a slot frees', async () => {
    w = await createCallWorld({ settings: { maxConcurrentCalls: 1 } });
    const first = await w.callNow(w.adminA, w.assigned);
    const second = await w.callNow(w.adminA, w.unassignedA);
    expect((await w.reload(second)).status).toBe('queued');
    await w.runUntil(first, ['completed']);
    await w.runUntil(second, ['dialing', 'ringing', 'in-progress']);
    expect(w.line.placedCalls().map((p) => p.callId)).toEqual([first.id, second.id]);
  });

  it('a call still queued after 10 minutes fails (queue_timeout)', async () => {
    w = await createCallWorld({ settings: { maxConcurrentCalls: 0 } });
    const call = await w.callNow(w.adminA, w.assigned);
    await w.runUntil(call, ['failed']);
    const ended = await w.reload(call);
    expect(ended.endReason).toBe('queue_timeout');
    expect(ended.endedAt!.getTime() - ended.queuedAt.getTime()).toBe(600_000);
  });
});
