import type { AgentSession } from '../../../application/ports/voice-agent';
import type { FakeRealtimeOptions } from '../../support/fakes/openai-realtime/fake-realtime-scenario';
import { silence, speech, startHarness, type Harness } from './support/realtime-test-kit';

const GREETING = 'Hello Maggie, how are you today?';
const REPLY = 'That sounds lovely. Did you sleep well?';

type Json = Record<string, unknown>;
const replayed = (events: Json[]) =>
  events
    .filter((event) => String((event.item as Json).id).startsWith('replay_'))
    .map((event) => {
      const item = event.item as { role: string; content: Array<{ type: string; text: string }> };
      return [item.role, item.content[0].type, item.content[0].text];
    });

/**
 * Connection loss (VOICE.md §4.9, §6.5): the session reconnects within the budget, sends the full configuration
 * and the heard transcript again, re-delivers pending instructions, resumes if the agent was speaking, and keeps
 * every transcribed turn; when it cannot reconnect in time it reports `lost`.
 */
describe('OpenAI Realtime reconnection', () => {
  let h: Harness;

  afterEach(async () => {
    await h.close();
  });

  /** Greeting, one patient turn and the reply, all final. */
  const conversationSoFar = async (fakeOptions: FakeRealtimeOptions = {}): Promise<AgentSession> => {
    h = await startHarness({
      ...fakeOptions,
      scenario: {
        utterances: ['I went to the garden club.', 'Yes, thank you.'],
        replies: [
          { intent: 'greeting', text: GREETING, audioMs: 400 },
          { transcript: /garden/, text: REPLY, audioMs: 400, times: 1 },
          { intent: 'resume', text: 'Sorry, the line dropped. As I was saying, how did you sleep?', audioMs: 400 },
        ],
        ...fakeOptions.scenario,
      },
    });
    const session = await h.open();
    session.attach(h.media);
    session.requestResponse('greeting');
    await h.waitForEvent('turnFinal');
    session.enableTurnTaking();
    h.media.injectAudio(speech(600));
    h.media.injectAudio(silence(400));
    await h.waitForEvent('turnFinal', 3);
    return session;
  };

  it('reconnects after a drop, replays configuration and heard transcript, and loses nothing', async () => {
    await conversationSoFar();
    const first = h.fake.latest!;
    const before = h.eventsOf('turnFinal').map((turn) => [turn.role, turn.text]);

    h.fake.dropSessions(1006);
    await h.waitForEvent('ready');
    h.media.injectAudio(speech(600, 3));
    h.media.injectAudio(silence(400));
    await h.waitForEvent('turnFinal', 4);

    expect(h.fake.sessions).toHaveLength(2);
    expect(first.isOpen).toBe(false);
    const second = h.fake.latest!;
    expect(second.configs).toHaveLength(1);
    expect(second.configs[0]).toEqual({ ...first.configs[1], instructions: first.configs[0].instructions });
    expect(replayed(second.receivedOf('conversation.item.create'))).toEqual([
      ['assistant', 'output_text', GREETING],
      ['user', 'input_text', 'I went to the garden club.'],
      ['assistant', 'output_text', REPLY],
    ]);
    // Nothing was pending and the agent had finished speaking: it waits for the patient.
    expect(second.receivedOf('response.create')).toHaveLength(0);
    expect(h.eventsOf('lost')).toHaveLength(0);
    const turns = h.eventsOf('turnFinal').map((turn) => [turn.role, turn.text]);
    expect(turns.slice(0, 3)).toEqual(before);
    expect(turns[3]).toEqual(['patient', 'Yes, thank you.']);
    expect(second.appends).toBeGreaterThanOrEqual(50);
  });

  it('keeps inbound audio spoken during the outage in the stream and sends it to the new session', async () => {
    await conversationSoFar();
    h.fake.refuseFor(300, 503);

    h.fake.dropSessions(1011);
    await h.fake.waitFor(() => !h.media.isAttached, 2000, 'detached');
    h.media.injectAudio(speech(400, 5));
    h.media.injectAudio(silence(400));
    await h.waitForEvent('turnFinal', 4);

    const second = h.fake.latest!;
    expect(h.fake.handshakes.filter((attempt) => attempt.status === 503).length).toBeGreaterThan(0);
    expect(second.appends).toBe(40);
    expect(h.eventsOf('turnFinal')[3]).toMatchObject({ role: 'patient', text: 'Yes, thank you.' });
  });

  it('settles the interrupted reply as heard and asks the agent to resume when it was speaking', async () => {
    h = await startHarness(
      {
        scenario: {
          replies: [
            { intent: 'greeting', text: GREETING, audioMs: 300 },
            {
              intent: 'reply',
              text: 'Here is a rather long story about tulips and roses in the garden.',
              audioMs: 4000,
            },
            { intent: 'resume', text: 'Sorry about that. Where was I?', audioMs: 300 },
          ],
        },
        speed: 1,
      },
      {},
      20,
    );
    const session = await h.open();
    session.attach(h.media);
    session.requestResponse('greeting');
    await h.waitForEvent('turnFinal');
    session.enableTurnTaking();
    session.requestResponse('reply');
    await h.fake.waitFor(() => (h.fake.latest!.responses[1]?.generatedMs ?? 0) >= 600, 3000, 'reply streaming');
    await h.fake.waitFor(() => h.media.played.length >= 20, 3000, 'reply playing');
    const interrupted = h.fake.latest!.responses[1].messageItemId!;

    h.fake.dropSessions(1006);
    const truncated = await h.waitForEvent('turnTruncated');
    await h.waitForEvent('turnFinal', 2);

    expect(truncated.itemId).toBe(interrupted);
    expect(truncated.playedMs).toBeGreaterThan(0);
    expect(h.media.clears).toHaveLength(1);
    const second = h.fake.latest!;
    expect(second.receivedOf('response.create')).toEqual([
      expect.objectContaining({ response: { metadata: { intent: 'resume' } } }),
    ]);
    const system = second.items.filter((item) => item.role === 'system');
    expect(system.map((item) => item.text)).toEqual([expect.stringContaining('line dropped')]);
    const replay = replayed(second.receivedOf('conversation.item.create'));
    expect(replay).toEqual([
      ['assistant', 'output_text', GREETING],
      ['assistant', 'output_text', truncated.heardText],
    ]);
    expect(h.eventsOf('turnFinal')[1].text).toBe('Sorry about that. Where was I?');
  });

  it('re-delivers an instruction that was not acknowledged before the drop, and only that one', async () => {
    const session = await conversationSoFar();
    session.deliverInstruction({ kind: 'wrapUp', text: 'Start closing the conversation gently.' });
    await h.fake.waitFor(() => h.fake.latest!.items.some((item) => item.role === 'system'), 2000, 'first ack');
    h.fake.dropBefore((event) => event.type === 'conversation.item.added' && (event.item as Json).role === 'system');

    session.deliverInstruction({ kind: 'silenceCheckIn', text: 'Check whether the patient is still there.' });
    await h.waitForEvent('ready');
    await h.fake.waitFor(() => h.fake.latest!.items.some((item) => item.role === 'system'), 2000, 'redelivery');

    const second = h.fake.latest!;
    expect(h.fake.sessions).toHaveLength(2);
    expect(second.items.filter((item) => item.role === 'system').map((item) => item.text)).toEqual([
      'Check whether the patient is still there.',
    ]);
  });

  it('fails an open patient turn without transcript at the drop and does not hold later turns back', async () => {
    await conversationSoFar({
      scenario: { utterances: ['I went to the garden club.', 'Lost in the drop.', 'Yes, thank you.'] },
    });
    h.fake.dropBefore((event) => event.type === 'conversation.item.input_audio_transcription.delta');

    h.media.injectAudio(speech(600, 9));
    h.media.injectAudio(silence(400));
    await h.waitForEvent('ready');
    h.media.injectAudio(speech(600, 11));
    h.media.injectAudio(silence(400));
    await h.fake.waitFor(() => h.eventsOf('turnFinal').length >= 4, 5000, 'later turn');

    const patientTurns = h.eventsOf('turnFinal').filter((turn) => turn.role === 'patient');
    expect(patientTurns.map((turn) => turn.text)).toEqual(['I went to the garden club.', 'Yes, thank you.']);
    expect(h.eventsOf('speechStarted')).toHaveLength(3);
  });

  it('treats a session_expired error as a loss and reconnects', async () => {
    await conversationSoFar();

    h.fake.latest!.push({
      type: 'error',
      error: { type: 'invalid_request_error', code: 'session_expired', message: 'Session expired' },
    });
    await h.waitForEvent('ready');

    expect(h.fake.sessions).toHaveLength(2);
    expect(h.fake.sessions[0].isOpen).toBe(false);
    expect(h.eventsOf('error')).toHaveLength(0);
  });

  it('treats missing pongs as a loss and reconnects', async () => {
    h = await startHarness({}, { pingIntervalMs: 50, pongTimeoutMs: 100 });
    const session = await h.open();
    session.attach(h.media);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.fake.sessions).toHaveLength(1);

    h.fake.silencePings(true);
    await h.fake.waitFor(() => h.fake.handshakes.length === 2, 3000, 'second handshake');
    h.fake.silencePings(false);
    await h.waitForEvent('ready');

    expect(h.fake.sessions[0].isOpen).toBe(false);
    expect(h.eventsOf('lost')).toHaveLength(0);
  });

  it('reports lost within the budget when no reconnection is possible', async () => {
    await conversationSoFar();
    h.fake.refuseFor(Infinity, 503);

    const droppedAt = performance.now();
    h.fake.dropSessions(1001);
    const lost = await h.waitForEvent('lost', 1, 4000);
    const elapsed = performance.now() - droppedAt;

    expect(lost.reason).toMatch(/closed 1001/);
    expect(elapsed).toBeLessThan(2000 + 500);
    // Attempts at 0, 250 and 750 ms: three refused handshakes.
    expect(h.fake.handshakes.filter((attempt) => attempt.status === 503)).toHaveLength(3);
    expect(h.eventsOf('ready')).toHaveLength(0);
  });
});
