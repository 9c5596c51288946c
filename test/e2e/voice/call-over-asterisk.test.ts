import { performance } from 'node:perf_hooks';
import { isFillerFrame } from '../../../adapters/audio/energy';
import { MuLaw } from '../../../adapters/audio/mu-law';
import { syntheticVoice } from '../../../adapters/audio/synthetic-voice';
import { hrtimeClock } from '../../../adapters/telephony/rtp/pacer';
import { startApplication, type RunningApplication } from '../../../bootstrap/application';
import { FakeAriServer } from '../../support/fakes/ari/fake-ari-server';
import { FakeRealtimeServer } from '../../support/fakes/openai-realtime/fake-realtime-server';
import { RtpPeer } from '../../support/fakes/rtp-peer/rtp-peer';
import { request } from '../../support/http-client';
import { LogCapture } from '../../support/log-capture';
import { testConfig } from '../../support/test-config';

/**
 * The whole voice pipeline over real sockets (VOICE.md §8.4 end-to-end): the app configured for Asterisk and OpenAI
 * (fake ARI on HTTP/WebSocket, an RTP peer in Asterisk's place for the media, the TLS fake Realtime server with the
 * test CA), driven through the REST API like the caregiver app: "Call now" -> originate and answer -> the greeting
 * reaches the peer as RTP -> the peer speaks -> the transcript is stored -> a barge-in stops the agent audio ->
 * the callee hangs up -> the conversation is completed with both sides' turns, and nothing is left open.
 */
const LONG_REPLY =
  'That is lovely to hear. Let me tell you about the garden club meeting on Thursday, they are planting tulips.';

const speechThenSilence = (speechMs: number, silenceMs: number, seed: number): Uint8Array => {
  const voice = syntheticVoice({ durationMs: speechMs, seed, pauses: false });
  const out = new Uint8Array(voice.length + silenceMs * 8);
  out.set(voice, 0);
  out.set(MuLaw.silence(silenceMs * 8), voice.length);
  return out;
};

const waitUntil = async (what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

type Message = { role: string; content: string; status?: string };
type ConversationBody = { status: string; callStatus: string; messages: Message[]; history?: unknown };

describe('a call over Asterisk (fake ARI + RTP peer) with the OpenAI Realtime agent (fake, TLS)', () => {
  let ari: FakeAriServer;
  let realtime: FakeRealtimeServer;
  let peer: RtpPeer;
  let app: RunningApplication;

  beforeAll(async () => {
    realtime = await new FakeRealtimeServer({
      speed: 4,
      scenario: {
        utterances: ['I slept well, thank you.', 'Wait, my neighbour is at the door.'],
        replies: [
          { intent: 'greeting', text: 'Hello Agnes, this is Bianca. How are you today?', audioMs: 600 },
          { transcript: /slept/, text: LONG_REPLY, audioMs: 6000 },
        ],
        defaultReply: 'Of course, take your time.',
      },
    }).start();
    peer = await RtpPeer.start();
    ari = await FakeAriServer.start({ mediaTarget: { address: peer.address, port: peer.port } });
    const config = testConfig({
      TEST_SUPPORT_ROUTES: 'true',
      AUTH_RATE_LIMIT: '1000',
      ARI_URL: ari.url,
      ARI_USERNAME: ari.username,
      ARI_PASSWORD: ari.password,
      ARI_APP: 'bianca-e2e',
      ASTERISK_DIAL_TEMPLATE: 'PJSIP/{e164}@carrier',
      ASTERISK_CALLER_ID: '+15550000000',
      VOICE_AMD: 'off',
      RTP_PORT_RANGE: '0',
      OPENAI_API_KEY: realtime.apiKey,
      OPENAI_REALTIME_URL: realtime.url,
      OPENAI_VAD_SILENCE_MS: '300',
    });
    expect(config.voice).toMatchObject({ telephony: 'asterisk', agent: 'openai' });
    app = await startApplication(config, {
      logDestination: new LogCapture(),
      calls: {
        voice: {
          // The fake's certificate is trusted through the adapter's `ca`, never by turning checks off.
          realtime: { ca: realtime.ca, assistantSettleMs: 300 },
          ari: {
            reconnectBaseMs: 50,
            dialFinalGuardMs: 300,
            sagaBaseDelayMs: 20,
            closeBudgetMs: 1500,
            orphanMinAgeMs: 0,
          },
        },
      },
    });
  });

  afterAll(async () => {
    await app?.shutdown('test end');
    await peer?.close();
    await realtime?.stop();
    await ari?.stop();
  });

  const api = async (method: string, path: string, body?: unknown, token?: string) =>
    request(app.url, `/v1${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it('rings, greets over RTP, stores both sides, stops the agent on barge-in and completes on hang-up', async () => {
    // The ARI health probe replaces the simulated one: up once connected and reconciled.
    await waitUntil('telephony up', async () => {
      const health = await request(app.url, '/health');
      return (health.body as { components: Record<string, string> }).components['telephony'] === 'up';
    });
    const seeded = await api('POST', '/test/seed');
    expect(seeded.status).toBe(200);
    const patientId = (seeded.body as { data: { patients: string[] } }).data.patients[0];
    const login = await api('POST', '/auth/login', { email: 'fake@example.org', password: 'Password1' });
    const token = (login.body as { tokens: { access: { token: string } } }).tokens.access.token;
    const conversation = async (id: string) =>
      (await api('GET', `/conversations/${id}`, undefined, token)).body as ConversationBody;

    const started = await api('POST', '/calls/initiate', { patientId }, token);
    expect(started.status).toBe(201);
    const { callId, conversationId } = started.body as { callId: string; conversationId: string };

    // The fake answered; the media channel points at the peer, and the peer learns our leg from external_host.
    await waitUntil('media channel', () =>
      [...ari.asterisk.channels.values()].some((c) => c.role === 'media' && c.externalHost !== null),
    );
    const media = [...ari.asterisk.channels.values()].find((c) => c.role === 'media')!;
    const [address, port] = ari.asterisk.targetOf(media)!;
    peer.sendTo({ address, port });

    // Like Asterisk, one RTP stream: each utterance continues the sequence, its timestamp follows the wall clock.
    let nextSeq = 1000;
    const streamStart = hrtimeClock.nowMs();
    const say = (audio: Uint8Array) => {
      const spec = {
        audio,
        sequenceNumber: nextSeq,
        timestamp: 50_000 + Math.round((hrtimeClock.nowMs() - streamStart) * 8),
      };
      nextSeq += Math.ceil(audio.length / 160);
      return peer.play(spec);
    };
    const agentFrames = (afterMs = Number.NEGATIVE_INFINITY, untilMs = Number.POSITIVE_INFINITY) =>
      peer.received().filter((p) => p.arrivalMs > afterMs && p.arrivalMs <= untilMs && !isFillerFrame(p.payload))
        .length;
    await waitUntil('greeting audio at the peer', () => agentFrames() >= 20);
    await waitUntil('greeting stored', async () =>
      (await conversation(conversationId)).messages.some((m) => m.role === 'assistant' && m.content.includes('Bianca')),
    );
    const session = realtime.latest!;

    // The patient answers; its transcript is stored and the long reply starts playing.
    await say(speechThenSilence(800, 700, 3)).done;
    await waitUntil('patient turn stored', async () =>
      (await conversation(conversationId)).messages.some((m) => m.role === 'patient' && m.content.includes('slept')),
    );
    await waitUntil('reply streaming', () => session.responses.length >= 2);
    const replyStart = hrtimeClock.nowMs();
    await waitUntil('reply playing at the peer', () => agentFrames(replyStart) >= 25);

    // Barge-in: count agent frames reaching the peer after the fake announced speech_started.
    const offset = hrtimeClock.nowMs() - performance.now();
    const sentTimes = (type: string) =>
      session.sent.flatMap((event, index) => (event['type'] === type ? [session.sentAt[index]] : []));
    const speechStarts = () => sentTimes('input_audio_buffer.speech_started');
    const before = speechStarts().length;
    const speaking = say(speechThenSilence(600, 700, 9));
    await waitUntil('speech_started', () => speechStarts().length > before);
    const speechStartedAt = speechStarts()[before] + offset;
    await waitUntil('truncate', () => session.truncations.length > 0, 3000).catch((error: unknown) => {
      throw new Error(
        `${String(error)}; sent: ${session.sent.map((e) => String(e['type'])).join(',')}; received: ${session.received.map((e) => String(e['type'])).join(',')}`,
      );
    });
    await speaking.done;
    // Until the answer to the interruption starts (a new response), the patient must hear at most 2 agent frames.
    const nextResponse = sentTimes('response.created').find((at) => at + offset > speechStartedAt);
    const windowEnd = nextResponse === undefined ? Number.POSITIVE_INFINITY : nextResponse + offset;
    expect(windowEnd - speechStartedAt).toBeGreaterThan(100);
    expect(agentFrames(speechStartedAt, windowEnd)).toBeLessThanOrEqual(2);

    await waitUntil('second patient turn and the truncated reply', async () => {
      const messages = (await conversation(conversationId)).messages;
      return (
        messages.some((m) => m.role === 'patient' && m.content.includes('neighbour')) &&
        messages.some((m) => m.role === 'assistant' && m.content.endsWith('…'))
      );
    });

    ari.remoteHangup(`bianca-${callId}-pstn`);
    await waitUntil('completed', async () => (await conversation(conversationId)).status === 'completed');
    const done = await conversation(conversationId);
    expect(done.callStatus).toBe('ended');
    expect(done.messages.map((m) => m.role)).toEqual(expect.arrayContaining(['assistant', 'patient']));
    const heard = done.messages.find((m) => m.role === 'assistant' && m.content.endsWith('…'))!;
    expect(LONG_REPLY.startsWith(heard.content.slice(0, -1).trim())).toBe(true);
    expect(heard.content.length).toBeLessThan(LONG_REPLY.length);

    // Post-call: the offline summary is stored for the next briefing; nothing is left open anywhere.
    await waitUntil('summary', async () => ((await conversation(conversationId)).history ?? '') !== '');
    await waitUntil(
      'no leaks',
      () => ari.counts().channels === 0 && ari.counts().bridges === 0 && realtime.openSessions() === 0,
    );
  }, 40_000);
});
