import { RealtimeOpenError } from '../../../adapters/voice/openai-realtime/openai-realtime-agent';
import { OpenAiRealtimeAgent } from '../../../adapters/voice/openai-realtime/openai-realtime-agent';
import {
  CALL_CONFIG,
  optionsFor,
  silence,
  silentLogger,
  speech,
  startHarness,
  systemClock,
  type Harness,
} from './support/realtime-test-kit';

/**
 * OpenAI Realtime adapter against the fake server over real TLS sockets (VOICE.md §4.1-§4.7, §8.4): what it
 * configures, how the greeting reaches the media stream, patient speech and replies as turns in item order,
 * silent replies and the `end_call` tool.
 */
describe('OpenAiRealtimeAgent session', () => {
  let h: Harness;

  afterEach(async () => {
    await h.close();
  });

  it('connects over TLS with the GA handshake and configures the session exactly as VOICE.md §4.2 says', async () => {
    h = await startHarness();
    const session = await h.open({ ...CALL_CONFIG, language: 'es' });

    const fake = h.fake.latest!;
    const handshake = h.fake.handshakes[0];
    expect(handshake.status).toBe(101);
    expect(handshake.headers.authorization).toBe(`Bearer ${h.fake.apiKey}`);
    expect(handshake.headers['openai-beta']).toBeUndefined();
    expect(fake.model).toBe('gpt-realtime');
    expect(fake.configs).toHaveLength(1);
    expect(fake.configs[0]).toEqual({
      type: 'realtime',
      output_modalities: ['audio'],
      instructions: CALL_CONFIG.instructions,
      audio: {
        input: {
          format: { type: 'audio/pcmu' },
          noise_reduction: { type: 'near_field' },
          transcription: { model: 'gpt-4o-mini-transcribe', language: 'es' },
          turn_detection: {
            type: 'server_vad',
            threshold: 0.5,
            prefix_padding_ms: 300,
            silence_duration_ms: 300,
            create_response: false,
            interrupt_response: false,
          },
        },
        output: { format: { type: 'audio/pcmu' }, voice: 'marin' },
      },
      tools: [
        expect.objectContaining({
          type: 'function',
          name: 'end_call',
          parameters: expect.objectContaining({ required: ['reason'] }),
        }),
      ],
      tool_choice: 'auto',
      tracing: null,
    });
    expect(session.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 3500 * 1000);
  });

  it('rejects with a typed, non-retried reason when the key is refused', async () => {
    h = await startHarness();
    const agent = new OpenAiRealtimeAgent({ ...optionsFor(h.fake), apiKey: 'sk-wrong' }, systemClock, silentLogger());

    const failure = await agent.open(CALL_CONFIG).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(RealtimeOpenError);
    expect((failure as RealtimeOpenError).code).toBe('unauthorized');
    expect(h.fake.handshakes.map((attempt) => attempt.status)).toEqual([401]);
    expect(agent.openSessions()).toBe(0);
  });

  it('retries a 503 handshake within the open budget', async () => {
    h = await startHarness();
    h.fake.refuseNext(1, 503);

    await h.open();

    expect(h.fake.handshakes.map((attempt) => attempt.status)).toEqual([503, 101]);
  });

  it('refuses a plain ws:// endpoint unless explicitly allowed', async () => {
    h = await startHarness();
    const agent = new OpenAiRealtimeAgent(
      { ...optionsFor(h.fake), url: h.fake.url.replace('wss:', 'ws:') },
      systemClock,
      silentLogger(),
    );

    const failure = await agent.open(CALL_CONFIG).catch((error: unknown) => error);

    expect((failure as RealtimeOpenError).code).toBe('invalid_config');
    expect(h.fake.handshakes).toHaveLength(0);
  });

  it('plays the greeting into the media stream and settles it as a final assistant turn once heard', async () => {
    h = await startHarness();
    const session = await h.open();
    session.attach(h.media);

    session.requestResponse('greeting');
    const turn = await h.waitForEvent('turnFinal');

    const fake = h.fake.latest!;
    const create = fake.receivedOf('response.create')[0];
    expect(create.response).toEqual({ metadata: { intent: 'greeting' } });
    const greeting = fake.responses[0];
    expect(turn).toMatchObject({
      role: 'assistant',
      itemId: greeting.messageItemId,
      text: 'Hello! This is Bianca. How are you feeling today?',
    });
    const written = h.media.writes.filter((write) => write.itemId === greeting.messageItemId);
    expect(written.reduce((sum, write) => sum + write.bytes, 0)).toBe(greeting.generatedMs * 8);
    expect(h.media.finished).toEqual([
      { itemId: greeting.messageItemId, playedMs: greeting.generatedMs, at: expect.any(Number) },
    ]);
    expect(h.eventsOf('responseDone')).toEqual([
      { type: 'responseDone', itemId: greeting.messageItemId, hadAudio: true },
    ]);
  });

  it('turns patient speech into committed items with transcripts, and reports both sides in item order', async () => {
    h = await startHarness({
      scenario: {
        utterances: ['I slept badly last night.'],
        replies: [
          { intent: 'greeting', text: 'Hello Maggie, how are you today?' },
          { transcript: /slept badly/, text: 'I am sorry to hear that. What kept you awake?' },
        ],
      },
      transcriptionDelayMs: 1500,
    });
    const session = await h.open();
    session.attach(h.media);
    session.requestResponse('greeting');
    await h.waitForEvent('turnFinal');
    session.enableTurnTaking();
    await h.fake.waitFor(() => h.fake.latest!.configs.length === 2, 2000, 'turn-taking update');

    h.media.injectAudio(speech(800));
    h.media.injectAudio(silence(400));
    await h.waitForEvent('turnFinal', 3);

    const fake = h.fake.latest!;
    const turnDetection = (fake.configs[1].audio as { input: { turn_detection: Record<string, unknown> } }).input
      .turn_detection;
    expect(turnDetection).toMatchObject({ create_response: true, interrupt_response: true });
    const turns = h.eventsOf('turnFinal').map((turn) => [turn.role, turn.text]);
    // The reply finished playing before the (slow) transcript arrived; it is still reported after the patient turn.
    expect(turns).toEqual([
      ['assistant', 'Hello Maggie, how are you today?'],
      ['patient', 'I slept badly last night.'],
      ['assistant', 'I am sorry to hear that. What kept you awake?'],
    ]);
    const reply = fake.responses[1];
    const replyPlayed = h.media.finished.find((item) => item.itemId === reply.messageItemId)!;
    expect(replyPlayed.at).toBeLessThan(fake.sentTimeOf('conversation.item.input_audio_transcription.completed')!);
    const userItem = fake.items.find((item) => item.role === 'user')!;
    expect(h.eventsOf('turnFinal')[1].itemId).toBe(userItem.id);
    expect(h.eventsOf('speechStarted')).toHaveLength(1);
    expect(h.eventsOf('speechStopped')).toHaveLength(1);
    expect(fake.appends).toBe(h.media.stats().framesIn);
    expect(fake.receivedOf('response.create')).toHaveLength(1);
    expect(fake.receivedOf('input_audio_buffer.commit')).toHaveLength(0);
    expect(fake.receivedOf('input_audio_buffer.clear')).toHaveLength(0);
  });

  it('delivers inbound audio that waited in the pending buffer before the agent attached', async () => {
    h = await startHarness();
    h.media.injectAudio(silence(200));
    const session = await h.open();

    session.attach(h.media);
    await h.fake.waitFor(() => h.fake.latest!.appends === 10, 2000, 'pending frames');

    expect(h.fake.latest!.audioBytes).toBe(1600);
  });

  it('reports a silent reply as responseDone without audio', async () => {
    h = await startHarness({ scenario: { replies: [{ intent: 'reply', text: '', silent: true }] } });
    const session = await h.open();
    session.attach(h.media);

    session.requestResponse('reply');
    const done = await h.waitForEvent('responseDone');

    expect(done).toEqual({ type: 'responseDone', itemId: null, hadAudio: false });
    expect(h.media.writes).toHaveLength(0);
    expect(h.eventsOf('turnFinal')).toHaveLength(0);
  });

  it('drops a patient item whose transcription failed without holding the reply back, and reports a failed response as silent', async () => {
    h = await startHarness({
      scenario: {
        utterances: [{ fail: true }],
        replies: [
          { intent: 'greeting', text: 'Hello!', audioMs: 200 },
          { intent: 'checkIn', text: '', status: 'failed' },
        ],
        defaultReply: 'Sorry, I did not catch that.',
      },
    });
    const session = await h.open();
    session.attach(h.media);
    session.requestResponse('greeting');
    await h.waitForEvent('turnFinal');
    session.enableTurnTaking();

    h.media.injectAudio(speech(400));
    h.media.injectAudio(silence(400));
    await h.waitForEvent('turnFinal', 2);
    session.requestResponse('checkIn');
    const failed = await h.waitForEvent('responseDone', 3);

    expect(h.eventsOf('turnFinal').map((turn) => [turn.role, turn.text])).toEqual([
      ['assistant', 'Hello!'],
      ['assistant', 'Sorry, I did not catch that.'],
    ]);
    expect(h.fake.latest!.sentOf('conversation.item.input_audio_transcription.failed')).toHaveLength(1);
    expect(failed).toEqual({ type: 'responseDone', itemId: null, hadAudio: false });
  });

  it('releases the socket on close and ignores commands afterwards', async () => {
    h = await startHarness();
    const session = await h.open();
    session.attach(h.media);
    h.media.injectAudio(silence(100));
    await h.fake.waitFor(() => h.fake.latest!.appends === 5, 2000, 'appends');

    session.close();
    session.requestResponse('greeting');
    session.deliverInstruction({ kind: 'wrapUp', text: 'Wrap up.' });
    session.enableTurnTaking();
    h.media.injectAudio(silence(100));
    await h.fake.waitFor(() => h.fake.openSessions() === 0, 2000, 'socket closed');

    const fake = h.fake.latest!;
    expect(fake.appends).toBe(5);
    expect(fake.receivedOf('response.create')).toHaveLength(0);
    expect(fake.configs).toHaveLength(1);
    expect(h.media.isAttached).toBe(false);
    expect(h.agent.openSessions()).toBe(0);
    expect(h.events).toEqual([]);
  });

  it('asks to end the call when the model calls end_call after its goodbye', async () => {
    h = await startHarness({
      scenario: { replies: [{ intent: 'goodbye', text: 'Goodbye Maggie, talk soon.', endCall: 'goodbye' }] },
    });
    const session = await h.open();
    session.attach(h.media);

    session.deliverInstruction({ kind: 'goodbye', text: 'Say a short, warm goodbye now.' });
    session.requestResponse('goodbye');
    const request = await h.waitForEvent('endCallRequested');
    await h.waitForEvent('turnFinal');

    expect(request).toEqual({ type: 'endCallRequested', reason: 'goodbye' });
    expect(h.eventsOf('endCallRequested')).toHaveLength(1);
    const system = h.fake.latest!.items.find((item) => item.role === 'system')!;
    expect(system.text).toBe('Say a short, warm goodbye now.');
    const goodbye = h.fake.latest!.responses[0];
    expect(h.media.playedFramesOf(goodbye.messageItemId!)).toBe(Math.ceil(goodbye.generatedMs / 20));
  });
});
