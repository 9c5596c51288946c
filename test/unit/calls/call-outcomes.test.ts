import { createCallWorld, type CallWorld } from './call-world';

/**
 * The simulated line's outcomes (VOICE.md §5.2, chosen by the last four digits of the phone) through the whole
 * pipeline: the call's terminal status and end reason, the conversation it leaves (RESOLUTIONS.md 32), and the
 * rating (DOMAIN.md §9.3.1: unanswered attempts and calls that never went live are free).
 */
describe('simulated outcomes', () => {
  let w: CallWorld;

  beforeEach(async () => {
    w = await createCallWorld();
  });
  afterEach(async () => {
    await w.h.close();
  });

  const endedCall = async (lastDigits: string) => {
    const patient = await w.patientWithPhone(w.orgA.id, `+1604555${lastDigits}`, [w.staffA]);
    const call = await w.callNow(w.staffA, patient);
    const seen = await w.runUntil(call, ['completed', 'no-answer', 'busy', 'failed', 'voicemail', 'cancelled']);
    const ended = await w.reload(call);
    const conversation = (await w.ports.conversations.findById(call.conversationId))!;
    const item = await w.ports.lineItems.findByCallId(call.id);
    return { call: ended, seen, conversation, item };
  };

  it('busy: the call ends busy, the conversation failed, nothing billed', async () => {
    const { call, seen, conversation, item } = await endedCall('0002');
    expect(seen).toEqual(['dialing', 'busy']);
    expect(call).toMatchObject({ outcome: 'busy', failureCode: 'SIP 486', durationSeconds: 0, billableSeconds: 0 });
    expect(conversation).toMatchObject({ status: 'failed', call: { callStatus: 'busy', callOutcome: 'busy' } });
    expect(conversation.messages).toEqual([]);
    expect(item).toBeNull();
  });

  it('no answer: our ring deadline hangs up after 30 s (ring_timeout)', async () => {
    const { call, seen, conversation, item } = await endedCall('0001');
    expect(seen).toEqual(['dialing', 'ringing', 'no-answer']);
    expect(call.endReason).toBe('ring_timeout');
    expect(call.endedAt!.getTime() - call.dialingAt!.getTime()).toBe(30_000);
    expect(conversation).toMatchObject({ status: 'failed', call: { callStatus: 'no_answer' } });
    expect(item).toBeNull();
    expect(await w.line.liveLegs()).toEqual([]);
  });

  it('voicemail: a machine answers; the conversation is `machine`, nothing billed', async () => {
    const { call, conversation, item } = await endedCall('0003');
    expect(call).toMatchObject({ status: 'voicemail', endReason: 'machine_detected', answeredBy: 'machine' });
    expect(conversation).toMatchObject({ status: 'machine', call: { callStatus: 'failed', callOutcome: 'voicemail' } });
    expect(item).toBeNull();
  });

  it('dial failure: failed with the provider cause', async () => {
    const { call, conversation } = await endedCall('0004');
    expect(call).toMatchObject({ status: 'failed', endReason: 'provider_error', failureCode: 'SIP 404' });
    expect(conversation.status).toBe('failed');
  });

  it('the patient hangs up after the greeting: completed (patient_hangup), billed the 30 s minimum', async () => {
    const { call, conversation, item } = await endedCall('0005');
    expect(call).toMatchObject({ status: 'completed', endReason: 'patient_hangup' });
    expect(conversation.messages.map((m) => m.role)).toEqual(['assistant']);
    expect(item).toMatchObject({ billableSeconds: 30, amountMillicents: 5_000 });
  });

  it('a silent patient: check-in after 60 s, goodbye and hang-up after 90 s (silence_timeout)', async () => {
    const { call, conversation } = await endedCall('0006');
    expect(call.endReason).toBe('silence_timeout');
    const sinceLive = call.endedAt!.getTime() - call.agentConnectedAt!.getTime();
    expect(sinceLive).toBeGreaterThanOrEqual(90_000);
    expect(sinceLive).toBeLessThan(90_000 + 10_000 + 1_000);
    expect(conversation.messages.map((m) => m.content)).toEqual([
      'Hello Rosa, this is Bianca. How are you feeling today?',
      'Are you still there, Rosa?',
      'It was lovely talking with you, Rosa. Take care, goodbye!',
    ]);
  });
});

describe('deadlines and agent failures', () => {
  let w: CallWorld | undefined;
  afterEach(async () => {
    await w?.h.close();
  });

  it('maximum duration: goodbye at the limit, then hang-up (max_duration)', async () => {
    w = await createCallWorld({
      settings: { timing: { ...defaults(), maxDurationMs: 12_000, wrapUpLeadMs: 4_000 } },
    });
    const call = await w.callNow(w.staffA, w.assigned);
    await w.runUntil(call, ['completed']);
    const ended = await w.reload(call);
    expect(ended.endReason).toBe('max_duration');
    expect(ended.endedAt!.getTime() - ended.answeredAt!.getTime()).toBeLessThanOrEqual(12_000 + 10_000);
    expect(ended.endedAt!.getTime() - ended.answeredAt!.getTime()).toBeGreaterThanOrEqual(12_000);
  });

  it('an agent that cannot be opened ends the call agent_unavailable, not billed', async () => {
    w = await createCallWorld({ agent: { refuseOpen: () => true } });
    const call = await w.callNow(w.staffA, w.assigned);
    await w.runUntil(call, ['completed']);
    const ended = await w.reload(call);
    expect(ended).toMatchObject({ endReason: 'agent_unavailable', agentConnectedAt: null, billableSeconds: 0 });
    expect(await w.ports.lineItems.findByCallId(call.id)).toBeNull();
  });

  it('an agent not ready within 8 s ends the call setup_timeout, not billed, line hung up', async () => {
    w = await createCallWorld({ agent: { readyDelayMs: 20_000 } });
    const call = await w.callNow(w.staffA, w.assigned);
    await w.runUntil(call, ['completed']);
    const ended = await w.reload(call);
    expect(ended.endReason).toBe('setup_timeout');
    expect(ended.endedAt!.getTime() - ended.answeredAt!.getTime()).toBe(8_000);
    expect(ended.lineItemId).toBeNull();
    expect(await w.line.liveLegs()).toEqual([]);
    await w.timers.advance(30_000);
    expect(w.agent.openSessions()).toBe(0);
    expect(w.timers.pending()).toBe(0);
  });
});

const defaults = () => ({
  queueTimeoutMs: 600_000,
  ringTimeoutMs: 30_000,
  setupTimeoutMs: 8_000,
  maxDurationMs: 1_800_000,
  wrapUpLeadMs: 60_000,
  silenceCheckInMs: 60_000,
  silenceHangupMs: 90_000,
  goodbyeLimitMs: 10_000,
});
