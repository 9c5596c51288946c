/**
 * P7 (QUALITY.md) / B5 (VOICE.md §9): barge-in stop time — from `speech_started` to the last outbound agent frame.
 * Ours: the OpenAI Realtime agent (against the TLS fake in this process) plays a long reply through a real RTP leg
 * (DgramRtpMediaFactory + Pacer) to an RTP peer; the fake announces speech; the peer time-stamps every arrival on
 * the monotonic clock. Baseline, same run and loop: a bare sender (`setInterval(20)` over one UDP socket) that a
 * plain WebSocket message tells to stop — the least any design can do over the same sockets.
 *
 * Reported per side: "silence after" p50/p99 (speech_started -> the slot after the last agent frame, i.e. when the
 * patient hears silence), the stop time of the bar (speech_started -> last agent frame received, 0 when none came
 * after), agent frames after speech_started (max, share of trials with <= 2), and our p99 over the baseline's.
 * Bars: stop time <= 40 ms and <= 2 agent frames in 100 % of trials.
 *
 * Usage: npx tsx bench/voice/p7-barge-in.ts [--trials 50]   (exits 1 when a bar is missed).
 */
import { createSocket } from 'node:dgram';
import { performance } from 'node:perf_hooks';
import { WebSocket, WebSocketServer } from 'ws';
import { isFillerFrame } from '../../adapters/audio/energy';
import { syntheticVoice } from '../../adapters/audio/synthetic-voice';
import { CryptoRandomSource } from '../../adapters/security/crypto-random-source';
import { DgramRtpMediaFactory } from '../../adapters/telephony/rtp/dgram-rtp-media-factory';
import { Pacer, hrtimeClock } from '../../adapters/telephony/rtp/pacer';
import { serializeRtp } from '../../adapters/telephony/rtp/rtp-packet';
import { OpenAiRealtimeAgent } from '../../adapters/voice/openai-realtime/openai-realtime-agent';
import { DEFAULT_REALTIME_OPTIONS } from '../../adapters/voice/openai-realtime/realtime-options';
import type { Logger } from '../../application/ports/logger';
import type { AgentEvent } from '../../application/ports/voice-agent';
import { FakeRealtimeServer } from '../../test/support/fakes/openai-realtime/fake-realtime-server';
import { RtpPeer } from '../../test/support/fakes/rtp-peer/rtp-peer';

const args = process.argv.slice(2);
const at = args.indexOf('--trials');
const TRIALS = at >= 0 ? Number(args[at + 1]) : 50;
const STOP_BAR_MS = 40;
const FRAME_BAR = 2;
const SETTLE_MS = 200;

const quiet: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => quiet,
};

/** performance.now() (the fake's clock) -> hrtimeClock (the peer's clock); both monotonic. */
const offset = hrtimeClock.nowMs() - performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const waitFor = async (what: string, condition: () => boolean, timeoutMs = 5000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
};

interface Trial {
  /** speech_started -> last agent frame received (0 when none came after it). */
  readonly stopMs: number;
  /** speech_started -> the slot after the last agent frame: when the patient hears silence (the comparable figure). */
  readonly silentMs: number;
  readonly framesAfter: number;
}

const measure = (peer: RtpPeer, startedAtHr: number): Trial => {
  const agent = peer.received().filter((p) => !isFillerFrame(p.payload));
  const last = Math.max(...agent.map((p) => p.arrivalMs));
  return {
    stopMs: Math.max(0, last - startedAtHr),
    silentMs: Math.max(0, last + 20 - startedAtHr),
    framesAfter: agent.filter((p) => p.arrivalMs > startedAtHr).length,
  };
};

const ours = async (trials: number): Promise<Trial[]> => {
  const fake = await new FakeRealtimeServer({
    scenario: {
      replies: [
        { intent: 'greeting', text: 'Hello!', audioMs: 200 },
        { intent: 'reply', text: 'A long story about the garden club and the tulips.', audioMs: 6000 },
      ],
    },
  }).start();
  const peer = await RtpPeer.start();
  const pacer = new Pacer();
  const media = new DgramRtpMediaFactory(
    { bindAddress: '127.0.0.1', portRange: { kind: 'os' }, socketBufferBytes: 262_144 },
    { pacer, clock: hrtimeClock, random: new CryptoRandomSource(), logger: quiet },
  );
  const agent = new OpenAiRealtimeAgent(
    { ...DEFAULT_REALTIME_OPTIONS, apiKey: fake.apiKey, url: fake.url, ca: fake.ca, assistantSettleMs: 200 },
    { now: () => new Date() },
    quiet,
  );
  const results: Trial[] = [];
  try {
    for (let i = 0; i < trials; i += 1) {
      const leg = await media.open(`p7-${i}`);
      leg.setRemote(peer.address, peer.port);
      const session = await agent.open({
        callId: `p7-${i}`,
        conversationId: `p7c-${i}`,
        language: 'en',
        instructions: 'You are Bianca.',
        patientName: 'Ann',
      });
      const events: AgentEvent[] = [];
      session.onEvent((event) => events.push(event));
      session.attach(leg.stream);
      session.requestResponse('greeting');
      await waitFor('greeting settled', () => events.some((e) => e.type === 'turnFinal'));
      session.enableTurnTaking();
      peer.clearReceived();
      session.requestResponse('reply');
      await waitFor('reply playing', () => peer.received().filter((p) => !isFillerFrame(p.payload)).length >= 15);
      const fakeSession = fake.latest!;
      fakeSession.startSpeech();
      const sent = fakeSession.sent.map((e, index) => (e['type'] === 'input_audio_buffer.speech_started' ? index : -1));
      const startedAt = fakeSession.sentAt[Math.max(...sent)] ?? performance.now();
      await sleep(SETTLE_MS);
      results.push(measure(peer, startedAt + offset));
      session.close();
      leg.release();
    }
  } finally {
    await media.close();
    pacer.close();
    await peer.close();
    await fake.stop();
  }
  return results;
};

/** The bare baseline: frames at 20 ms until a WebSocket "stop" arrives. */
const baseline = async (trials: number): Promise<Trial[]> => {
  const peer = await RtpPeer.start();
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => server.once('listening', resolve));
  const port = (server.address() as { port: number }).port;
  const frame = syntheticVoice({ durationMs: 20, seed: 5, pauses: false });
  const results: Trial[] = [];
  for (let i = 0; i < trials; i += 1) {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const connected = new Promise<WebSocket>((resolve) => server.once('connection', resolve));
    const client = new WebSocket(`ws://127.0.0.1:${port}`);
    const serverSide = await connected;
    let seq = 0;
    const timer = setInterval(() => {
      const header = { marker: false, payloadType: 0, sequenceNumber: seq, timestamp: seq * 160, ssrc: 42 };
      seq += 1;
      socket.send(serializeRtp(header, frame), peer.port, peer.address);
    }, 20);
    client.on('message', () => clearInterval(timer));
    peer.clearReceived();
    await waitFor('baseline playing', () => peer.received().length >= 15);
    const startedAt = hrtimeClock.nowMs();
    serverSide.send('{"type":"input_audio_buffer.speech_started"}');
    await sleep(SETTLE_MS);
    results.push(measure(peer, startedAt));
    clearInterval(timer);
    client.close();
    socket.close();
  }
  server.close();
  await peer.close();
  return results;
};

const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

const report = (name: string, trials: readonly Trial[]) => {
  const stops = trials.map((t) => t.stopMs);
  const silent = trials.map((t) => t.silentMs);
  const frames = trials.map((t) => t.framesAfter);
  const row = {
    p50: percentile(silent, 50),
    p99: percentile(silent, 99),
    max: Math.max(...stops),
    maxFrames: Math.max(...frames),
    withinFrames: frames.filter((f) => f <= FRAME_BAR).length / trials.length,
  };
  console.log(
    `${name.padEnd(9)} silence after ms p50 ${row.p50.toFixed(1)}  p99 ${row.p99.toFixed(1)}  ` +
      `stop ms (bar) max ${row.max.toFixed(1)}  ` +
      `agent frames after speech max ${row.maxFrames}  trials with <= ${FRAME_BAR}: ${(row.withinFrames * 100).toFixed(1)} %`,
  );
  return row;
};

const main = async (): Promise<void> => {
  console.log(`P7 barge-in: ${TRIALS} trials per side (bar: stop <= ${STOP_BAR_MS} ms, <= ${FRAME_BAR} agent frames)`);
  const base = report('baseline', await baseline(TRIALS));
  const mine = report('ours', await ours(TRIALS));
  const ratio = base.p99 > 0 ? mine.p99 / base.p99 : Number.NaN;
  console.log(`ratio ours/baseline p99 silence-after time: ${ratio.toFixed(2)}`);
  const pass = mine.max <= STOP_BAR_MS && mine.withinFrames === 1;
  console.log(pass ? 'PASS' : 'FAIL');
  process.exit(pass ? 0 : 1);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
