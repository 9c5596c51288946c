import type { RealtimeAgentSession } from '../../../adapters/voice/openai-realtime/realtime-agent-session';
import { type RealtimeOpenError } from '../../../adapters/voice/openai-realtime/openai-realtime-agent';
import { silence, speech, startHarness, type Harness } from './support/realtime-test-kit';

/** Error events and failed opens (VOICE.md §4.14), and the one-response-at-a-time rule (§4.5). */
describe('OpenAI Realtime errors and request ordering', () => {
  let h: Harness;

  afterEach(async () => {
    await h.close();
  });

  it('fails the open without retry when the provider refuses our configuration', async () => {
    h = await startHarness();
    h.fake.failNext('session.update');

    const failure = await h.open().catch((error: unknown) => error);

    expect((failure as RealtimeOpenError).code).toBe('invalid_config');
    expect(h.fake.sessions).toHaveLength(1);
    await h.fake.waitFor(() => h.fake.openSessions() === 0, 2000, 'refused session closed');
    expect(h.agent.openSessions()).toBe(0);
  });

  it('retries an open that hit a rate limit within the budget', async () => {
    h = await startHarness();
    h.fake.failNext('session.update.rate_limit');

    await h.open();

    expect(h.fake.sessions).toHaveLength(2);
    expect(h.fake.sessions[0].isOpen).toBe(false);
  });

  it('gives up an open whose handshake never completes, within the open budget', async () => {
    h = await startHarness({}, { handshakeTimeoutMs: 200, openBudgetMs: 600 });
    h.fake.hangHandshakes(true);

    const startedAt = performance.now();
    const failure = await h.open().catch((error: unknown) => error);

    expect((failure as RealtimeOpenError).code).toBe('timeout');
    expect(performance.now() - startedAt).toBeLessThan(600 + 400);
    h.fake.hangHandshakes(false);
  });

  it('retries a refused truncate once at the received audio, then lets it be', async () => {
    h = await startHarness(
      {
        speed: 1,
        scenario: { replies: [{ intent: 'reply', text: 'A long answer about the weather today.', audioMs: 3000 }] },
      },
      {},
      20,
    );
    const session = await h.open();
    session.attach(h.media);
    session.requestResponse('reply');
    await h.fake.waitFor(() => h.media.played.length >= 10, 3000, 'reply playing');
    h.fake.failNext('truncate');

    session.preempt();
    await h.fake.waitFor(() => h.fake.latest!.truncations.length === 1, 2000, 'retried truncate');

    const fake = h.fake.latest!;
    const sent = fake.receivedOf('conversation.item.truncate');
    const itemId = fake.responses[0].messageItemId!;
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatchObject({ item_id: itemId, audio_end_ms: h.media.clears[0].position.playedMs });
    expect(sent[1].audio_end_ms).toBeGreaterThanOrEqual(sent[0].audio_end_ms as number);
    expect(fake.truncations[0].audioEndMs).toBe(sent[1].audio_end_ms);
    expect(h.eventsOf('error')).toHaveLength(0);
  });

  it('counts benign races without reporting them, and reports other errors', async () => {
    h = await startHarness();
    const session = (await h.open()) as RealtimeAgentSession;
    const fake = h.fake.latest!;

    fake.push({
      type: 'error',
      error: { type: 'invalid_request_error', code: 'conversation_already_has_active_response', message: 'busy' },
    });
    fake.push({
      type: 'error',
      error: { type: 'invalid_request_error', code: 'response_cancel_not_active', message: 'none' },
    });
    fake.push({ type: 'error', error: { type: 'server_error', code: null, message: 'The server had an error' } });
    const error = await h.waitForEvent('error');

    expect(error).toEqual({ type: 'error', code: 'server_error', message: 'The server had an error' });
    expect(session.stats().benignErrors).toBe(2);
    expect(h.eventsOf('lost')).toHaveLength(0);
  });

  it('defers a request made during a response until it is done, and drops it when the patient speaks first', async () => {
    h = await startHarness({
      speed: 1,
      scenario: {
        utterances: ['Sorry, go on.'],
        replies: [
          { intent: 'greeting', text: 'Hello!', audioMs: 300 },
          { intent: 'reply', text: 'Here is a fairly long reply.', audioMs: 1500 },
          { intent: 'checkIn', text: 'Are you still there?', audioMs: 300 },
        ],
      },
    });
    const session = await h.open();
    session.attach(h.media);
    session.requestResponse('greeting');
    session.requestResponse('checkIn');
    await h.waitForEvent('responseDone', 2);
    expect(
      h.fake
        .latest!.receivedOf('response.create')
        .map((event) => (event.response as { metadata: { intent: string } }).metadata.intent),
    ).toEqual(['greeting', 'checkIn']);

    session.enableTurnTaking();
    session.requestResponse('reply');
    await h.fake.waitFor(() => h.fake.latest!.responses.length === 3, 2000, 'reply started');
    session.requestResponse('checkIn');
    h.media.injectAudio(speech(300));
    h.media.injectAudio(silence(400));
    await h.waitForEvent('responseDone', 4);

    const creates = h.fake.latest!.receivedOf('response.create');
    expect(creates).toHaveLength(3);
    expect(h.fake.latest!.sentOf('error')).toHaveLength(0);
  });
});
