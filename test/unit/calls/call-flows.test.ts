import { createCallWorld, type CallWorld } from './call-world';

/**
 * Whole calls through the use-cases on the embedded adapters (simulated line, scripted agent, memory stores) and
 * virtual timers: the call-now happy path from queued to a completed, rated conversation.
 */
describe('a "Call now" on the simulated line', () => {
  let w: CallWorld;

  beforeEach(async () => {
    w = await createCallWorld();
  });
  afterEach(async () => {
    await w.h.close();
  });

  it('goes queued -> dialing -> ringing -> in-progress -> completed with a transcript and a line item', async () => {
    const call = await w.callNow(w.staffA, w.assigned, 'Check on her sleep');
    expect(call.status).toBe('queued');
    const conversation = await w.ports.conversations.findById(call.conversationId);
    expect(conversation).toMatchObject({ status: 'reserved', callId: call.id, messages: [] });

    const seen = await w.runUntil(call, ['completed']);
    expect(seen).toEqual(['dialing', 'ringing', 'in-progress', 'completed']);

    const ended = await w.reload(call);
    expect(ended).toMatchObject({ outcome: 'answered', endReason: 'agent_goodbye', answeredBy: 'human' });
    expect(ended.agentConnectedAt).not.toBeNull();
    expect(ended.durationSeconds).toBe(Math.ceil((ended.endedAt!.getTime() - ended.answeredAt!.getTime()) / 1000));

    const transcript = (await w.ports.conversations.findById(call.conversationId))!;
    expect(transcript.status).toBe('completed');
    expect(transcript.messages.map((m) => m.role)).toEqual([
      'assistant',
      'patient',
      'assistant',
      'patient',
      'assistant',
      'patient',
      'assistant',
      'patient',
      'assistant',
    ]);
    expect(transcript.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(transcript.messages[0]?.content).toBe('Hello Agnes, this is Bianca. How are you feeling today?');
    expect(transcript.messages[1]).toMatchObject({ messageType: 'user_message', status: 'final' });
    expect(transcript.messages[2]?.content).toContain("didn't rest well");
    expect(transcript.messages[8]?.content).toContain('goodbye');
    expect(transcript.durationSeconds).toBe(ended.durationSeconds);

    const item = await w.ports.lineItems.findByCallId(call.id);
    expect(item).not.toBeNull();
    expect(ended.lineItemId).toBe(item!.id);
    expect(item!.billableSeconds).toBe(Math.max(30, ended.durationSeconds));
    expect(ended.costMillicents).toBe(item!.amountMillicents);
    expect(transcript.call.lineItemId).toBe(item!.id);

    expect((await w.ports.patients.findById(w.assigned.id))?.lastContactAt).toEqual(ended.endedAt);
  });

  it('leaves nothing behind: no timers, sessions, legs or open agent sessions', async () => {
    const call = await w.callNow(w.adminA, w.assigned);
    await w.runUntil(call, ['completed']);
    expect(w.timers.pending()).toBe(0);
    expect(w.calls.runtime.held()).toEqual({ sessions: 0, setupTimers: 0, liveStates: 0 });
    expect(await w.line.liveLegs()).toEqual([]);
    expect(w.agent.openSessions()).toBe(0);
  });

  it('records the call events and audit entries, without PHI', async () => {
    const call = await w.callNow(w.staffA, w.assigned);
    await w.runUntil(call, ['completed']);
    const types = await w.h.eventTypes();
    expect(types.filter((t) => t.startsWith('Call'))).toEqual(['CallQueued', 'CallAnswered', 'CallEnded']);
    const entries = w.h.audit().filter((e) => e.resourceType === 'call' && e.resourceId === call.id);
    expect(entries.map((e) => [e.action, e.details['transition'] ?? null])).toEqual([
      ['CREATE', null],
      ['UPDATE', 'answered'],
      ['UPDATE', 'ended'],
    ]);
    expect(JSON.stringify(entries)).not.toContain('Agnes');
  });

  it('speaks Spanish to a Spanish-speaking patient', async () => {
    const patient = await w.patientWithPhone(w.orgA.id, '+16045550177', [w.staffA], 'es');
    const call = await w.callNow(w.staffA, patient);
    await w.runUntil(call, ['completed']);
    const transcript = (await w.ports.conversations.findById(call.conversationId))!;
    expect(transcript.messages[0]?.content).toMatch(/^Hola .*, soy Bianca/);
    expect(transcript.messages[1]?.content).toContain('cansada');
    expect(transcript.messages.at(-1)?.content).toContain('adiós');
  });
});
