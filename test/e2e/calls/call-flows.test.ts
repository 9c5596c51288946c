import { startCallsApp, type CallsApp } from '../../support/calls-app';

/**
 * The call endpoints of API-CONTRACT.md §4.11 over HTTP, as the caregiver app uses them, against the embedded
 * default (simulated line, scripted agent) on virtual time: "Call now", the call banner's 2 s status poll, the
 * call screen's conversation poll, "End call", and the line item written when the call ends.
 */
type Body = Record<string, unknown>;
type StatusData = Body & { status: string; callStatus: string; messages: Body[] };

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ID = /^[0-9a-f]{24}$/;

describe('calls over HTTP (§4.11)', () => {
  let t: CallsApp;
  let staff: string;
  let admin: string;
  let staffId: string;
  let patients: string[];

  beforeAll(async () => {
    t = await startCallsApp();
  });
  afterAll(async () => {
    await t.stop();
  });
  beforeEach(async () => {
    const seeded = await t.call('POST', '/test/seed');
    expect(seeded.status).toBe(200);
    patients = [...(seeded.body as { data: { patients: string[] } }).data.patients];
    staff = (await t.login('fake@example.org')).token;
    admin = (await t.login('admin@example.org')).token;
    staffId = await t.idOf('fake@example.org');
  });
  afterEach(async () => {
    // Let every call of the test end, so none leaks into the next one.
    await t.timers.runUntil(
      async () => (await t.calls.ports.calls.countByStatus(['queued', 'dialing', 'ringing', 'in-progress'])) === 0,
      2_000,
    );
  });

  const initiate = async (patientId: string, token = staff, callNotes?: string) => {
    const res = await t.call('POST', '/calls/initiate', { patientId, ...(callNotes ? { callNotes } : {}) }, token);
    expect(res.status).toBe(201);
    return res.body as Body & { conversationId: string; callId: string };
  };

  const poll = async (id: string, token = staff): Promise<StatusData> => {
    const res = await t.call('GET', `/calls/${id}/status`, undefined, token);
    expect(res.status).toBe(200);
    return (res.body as { data: StatusData }).data;
  };

  /** Steps the simulated world, polling like the call banner, until the polled status is one of `words`. */
  const pollUntil = async (id: string, words: readonly string[], token = staff) => {
    const seen: string[] = [];
    let last: StatusData = await poll(id, token);
    for (let steps = 0; steps < 500; steps += 1) {
      const pair = `${last.status}/${last.callStatus}`;
      if (seen[seen.length - 1] !== pair) seen.push(pair);
      if (words.includes(last.status)) return { seen, last };
      expect(await t.timers.step()).toBe(true);
      last = await poll(id, token);
    }
    throw new Error(`call ${id} never reached ${words.join('|')}`);
  };

  const newPatient = async (phone: string, caregivers: string[] = [staffId]) => {
    const res = await t.call('POST', '/patients', { name: 'Rosa Rivera', phone, caregivers }, admin);
    expect(res.status).toBe(201);
    return (res.body as { id: string }).id;
  };

  it('"Call now" rings, connects, talks and completes; the conversation and line item are there', async () => {
    const patientId = patients[0];
    const started = await initiate(patientId, staff, 'Ask about her sleep');
    expect(started).toEqual({
      conversationId: expect.stringMatching(ID),
      callId: expect.stringMatching(ID),
      callSid: started.callId,
      patientId,
      patientName: 'Agnes Alphabet',
      patientPhone: '+16045550101',
      agentId: staffId,
      agentName: 'Test User',
      status: 'initiated',
      callStatus: 'initiating',
    });

    // The call screen polls the conversation at once: it exists while the phone rings (RESOLUTIONS.md 2).
    const early = await t.call('GET', `/conversations/${started.conversationId}`, undefined, staff);
    expect(early.status).toBe(200);
    expect(early.body).toMatchObject({ status: 'initiated', callStatus: 'initiating', messages: [] });

    const { seen, last } = await pollUntil(started.conversationId, ['completed', 'failed']);
    expect(seen).toEqual(['initiated/initiating', 'initiated/ringing', 'in-progress/connected', 'completed/ended']);
    expect(Object.keys(last).sort()).toEqual(
      [
        'agent',
        'aiSpeaking',
        'callId',
        'callNotes',
        'callOutcome',
        'callStatus',
        'conversationId',
        'duration',
        'endTime',
        'messages',
        'patient',
        'startTime',
        'status',
      ].sort(),
    );
    expect(last).toMatchObject({
      conversationId: started.conversationId,
      callId: started.callId,
      callOutcome: 'answered',
      callNotes: 'Ask about her sleep',
      startTime: expect.stringMatching(ISO),
      endTime: expect.stringMatching(ISO),
      patient: { _id: patientId, id: patientId, name: 'Agnes Alphabet', phone: '+16045550101' },
      agent: { _id: staffId, id: staffId, name: 'Test User' },
      aiSpeaking: {
        isSpeaking: false,
        userIsSpeaking: false,
        conversationState: 'ended',
        lastAiSpeechStart: null,
        lastUserSpeechStart: null,
      },
    });
    expect(last['duration']).toBeGreaterThan(0);
    expect(last.messages[0]).toMatchObject({ role: 'assistant', seq: 1, _id: expect.stringMatching(ID) });

    const conversation = await t.call('GET', `/conversations/${started.conversationId}`, undefined, admin);
    const dto = conversation.body as Body & { messages: Array<{ role: string; content: string }> };
    expect(dto).toMatchObject({
      status: 'completed',
      callStatus: 'ended',
      callOutcome: 'answered',
      callType: 'outbound',
    });
    expect(new Set(dto.messages.map((m) => m.role))).toEqual(new Set(['assistant', 'patient']));
    expect(dto.messages[0]?.content).toBe('Hello Aggie, this is Bianca. How are you feeling today?');
    expect(dto.messages.map((m) => m.content)).toEqual(last.messages.map((m) => m['content']));

    const item = await t.calls.ports.lineItems.findByCallId(started.callId);
    expect(item).toMatchObject({ conversationId: started.conversationId, patientId, invoiceId: null });
    expect(item!.billableSeconds).toBe(Math.max(30, last['duration'] as number));
    expect(dto['lineItemId']).toBe(item!.id);
    expect(dto['cost']).toBe(Math.floor((item!.amountMillicents + 500) / 1000) / 100);
  });

  it('"End call" while connected hangs up at once and answers the ConversationDTO', async () => {
    const started = await initiate(patients[1]);
    await pollUntil(started.conversationId, ['in-progress']);
    const ended = await t.call('POST', `/calls/${started.conversationId}/end`, { outcome: 'answered' }, staff);
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ id: started.conversationId, status: 'completed', callStatus: 'ended' });
    expect(ended.body).not.toHaveProperty('cost');
    expect((await poll(started.callId)).status).toBe('completed');
    const call = await t.calls.ports.calls.findById(started.callId);
    expect(call).toMatchObject({ endReason: 'caregiver_ended', reportedOutcome: 'answered' });
    // Ending again changes nothing.
    const again = await t.call('POST', `/calls/${started.callId}/end`, { outcome: 'answered', notes: 'again' }, staff);
    expect(again.status).toBe(200);
    expect((await t.calls.ports.calls.findById(started.callId))?.endedAt).toEqual(call?.endedAt);
  });

  it('"End call" before the answer cancels: {data: CallStatusData} with the app\'s words', async () => {
    const started = await initiate(patients[2]);
    await pollUntil(started.conversationId, ['initiated']);
    await t.timers.step();
    const ended = await t.call('POST', `/calls/${started.callId}/end`, { outcome: 'no_answer' }, admin);
    expect(ended.status).toBe(200);
    expect((ended.body as { data: StatusData }).data).toMatchObject({
      status: 'completed',
      callStatus: 'ended',
      callOutcome: null,
      messages: [],
      duration: 0,
    });
    const conversation = await t.call('GET', `/conversations/${started.conversationId}`, undefined, admin);
    expect(conversation.body).toMatchObject({ status: 'failed' });
    const list = await t.call('GET', `/patients/${patients[2]}/conversations`, undefined, admin);
    const ids = (list.body as { results: Array<{ id: string }> }).results.map((r) => r.id);
    expect(ids).not.toContain(started.conversationId);
  });

  it("lists the caller's unfinished calls", async () => {
    const started = await initiate(patients[0]);
    const res = await t.call('GET', '/calls/active', undefined, staff);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: [
        {
          _id: started.conversationId,
          id: started.conversationId,
          patientId: { _id: patients[0], id: patients[0], name: 'Agnes Alphabet', phone: '+16045550101' },
          agentId: { _id: staffId, id: staffId, name: 'Test User' },
          status: 'initiated',
          startTime: expect.stringMatching(ISO),
          callNotes: '',
        },
      ],
      count: 1,
    });
    expect((await t.call('GET', '/calls/active', undefined, admin)).body).toEqual({ data: [], count: 0 });
  });

  it('a busy line and an unanswered one end `failed` with the exact word in callStatus', async () => {
    const busy = await initiate(await newPatient('+16045550002'));
    const busyEnd = await pollUntil(busy.conversationId, ['completed', 'failed']);
    expect(busyEnd.last).toMatchObject({ status: 'failed', callStatus: 'busy', callOutcome: 'busy' });

    const unanswered = await initiate(await newPatient('+16045550001'));
    const { seen, last } = await pollUntil(unanswered.conversationId, ['completed', 'failed']);
    expect(seen).toEqual(['initiated/initiating', 'initiated/ringing', 'failed/no_answer']);
    expect(last).toMatchObject({ callOutcome: 'no_answer', duration: 0, messages: [] });
    const conversation = await t.call('GET', `/conversations/${unanswered.conversationId}`, undefined, staff);
    expect(conversation.body).toMatchObject({ status: 'failed', callStatus: 'no_answer' });
    expect(await t.calls.ports.lineItems.findByCallId(unanswered.callId)).toBeNull();
  });
});
