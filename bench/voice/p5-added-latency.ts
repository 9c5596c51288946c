/**
 * P5 (QUALITY.md, VOICE.md §9 B2/B3, agent side): latency the OpenAI Realtime adapter adds, each way, next to a bare
 * `ws` baseline measured in the same run over the same TLS loopback.
 *
 * - caller → AI: an inbound 20 ms frame handed to the `MediaStream` consumer → its `input_audio_buffer.append`
 *   decoded at the fake provider. Baseline: a bare `ws` client sending the same append JSON to a bare TLS `ws`
 *   server that parses and decodes it.
 * - AI → caller: a `response.output_audio.delta` (100 ms of audio) sent by the fake provider → the bytes handed to
 *   `MediaStream.write` (the pacer's own slot is therefore excluded). Baseline: the same event sent by a bare
 *   server to a bare client that parses and decodes it.
 *
 * Our frame and the baseline frame are sent in the same tick, so machine noise hits both. Added = ours − baseline
 * at the same percentile. Bars: added p99 ≤ 5 ms caller → AI, ≤ 20 ms AI → caller. The fake runs in this process
 * (the quick variant; VOICE.md §9 runs the full B2/B3 with the fakes in another process).
 *
 * Usage: npx tsx bench/voice/p5-added-latency.ts [--full | --frames N] [--interval-ms M]   (exits 1 when a bar is missed).
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import WebSocket, { WebSocketServer } from 'ws';
import { MuLaw } from '../../adapters/audio/mu-law';
import { OpenAiRealtimeAgent } from '../../adapters/voice/openai-realtime/openai-realtime-agent';
import { DEFAULT_REALTIME_OPTIONS } from '../../adapters/voice/openai-realtime/realtime-options';
import { FakeRealtimeServer, TEST_CA } from '../../test/support/fakes/openai-realtime/fake-realtime-server';
import { RecordingMediaStream } from '../../test/adapters/voice/support/recording-media-stream';
import { CALL_CONFIG, silentLogger } from '../../test/adapters/voice/support/realtime-test-kit';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
/** Quick variant 2,000 samples per direction; `--full` takes the ≥ 10,000 VOICE.md §9 asks for percentiles. */
const FRAMES = option('--frames', args.includes('--full') ? 10_000 : 2000);
const INTERVAL_MS = option('--interval-ms', 5);
const INBOUND_BAR_MS = 5;
const OUTBOUND_BAR_MS = 20;
const DELTA_BYTES = 800;

const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const waitUntil = async (done: () => boolean, timeoutMs: number, what: string): Promise<void> => {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
};

/** The bare baseline: a TLS ws server and client that only parse JSON and decode base64. */
const startBaseline = async () => {
  const key = readFileSync(join(__dirname, '..', '..', 'test', 'fixtures', 'tls', 'localhost-key.pem'), 'utf8');
  const https = createServer({ cert: TEST_CA, key });
  const wss = new WebSocketServer({ server: https, perMessageDeflate: false });
  await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
  const port = (https.address() as AddressInfo).port;
  const serverArrivals: number[] = [];
  const clientArrivals: number[] = [];
  let serverSocket: WebSocket | null = null;
  wss.on('connection', (socket) => {
    serverSocket = socket;
    socket.on('message', (data: Buffer) => {
      const event = JSON.parse(data.toString('utf8')) as { audio: string };
      Buffer.from(event.audio, 'base64');
      serverArrivals.push(performance.now());
    });
  });
  const client = new WebSocket(`wss://127.0.0.1:${port}/`, { ca: TEST_CA, perMessageDeflate: false });
  client.on('message', (data: Buffer) => {
    const event = JSON.parse(data.toString('utf8')) as { delta: string };
    Buffer.from(event.delta, 'base64');
    clientArrivals.push(performance.now());
  });
  await new Promise((resolve) => client.once('open', resolve));
  await waitUntil(() => serverSocket !== null, 2000, 'baseline connection');
  return {
    serverArrivals,
    clientArrivals,
    sendUp: (frame: Uint8Array) =>
      client.send(JSON.stringify({ type: 'input_audio_buffer.append', audio: Buffer.from(frame).toString('base64') })),
    sendDown: (event: Record<string, unknown>) => serverSocket!.send(JSON.stringify({ event_id: 'event_x', ...event })),
    close: async () => {
      client.close();
      wss.close();
      await new Promise<void>((resolve) => https.close(() => resolve()));
    },
  };
};

const report = (name: string, ours: number[], baseline: number[], barMs: number): boolean => {
  const line = (label: string, values: number[]) =>
    `  ${label.padEnd(10)} p50 ${percentile(values, 50).toFixed(3)} ms  p99 ${percentile(values, 99).toFixed(3)} ms  max ${Math.max(...values).toFixed(3)} ms`;
  const addedP50 = percentile(ours, 50) - percentile(baseline, 50);
  const addedP99 = percentile(ours, 99) - percentile(baseline, 99);
  const ratio = percentile(ours, 99) / Math.max(percentile(baseline, 99), 1e-6);
  const withinFrame = ours.filter((value) => value <= 20).length / ours.length;
  const pass = addedP99 <= barMs;
  console.log(`${name} (${ours.length} samples):`);
  console.log(line('ours', ours));
  console.log(line('bare ws', baseline));
  console.log(
    `  added p50 ${addedP50.toFixed(3)} ms, p99 ${addedP99.toFixed(3)} ms; p99 ratio to bare ${ratio.toFixed(2)}x; ` +
      `${(withinFrame * 100).toFixed(2)} % within one frame time (20 ms)`,
  );
  console.log(`  bar: added p99 <= ${barMs} ms: ${pass ? 'PASS' : 'FAIL'}`);
  return pass;
};

const main = async (): Promise<void> => {
  const fake = await new FakeRealtimeServer().start();
  const baseline = await startBaseline();
  const agent = new OpenAiRealtimeAgent(
    { ...DEFAULT_REALTIME_OPTIONS, apiKey: fake.apiKey, url: fake.url, ca: fake.ca },
    { now: () => new Date() },
    silentLogger(),
  );
  const media = new RecordingMediaStream({ autoPlay: false });
  const session = await agent.open(CALL_CONFIG);
  session.attach(media);
  const provider = fake.latest!;
  const appendArrivals: number[] = [];
  fake.onAppend = () => appendArrivals.push(performance.now());
  const frame = MuLaw.silence(160);
  const delta = Buffer.from(MuLaw.silence(DELTA_BYTES)).toString('base64');

  // Caller → AI: one frame through our pump and one through the bare client per tick (after a warm-up).
  const upSent: number[] = [];
  const upBaseSent: number[] = [];
  for (let i = 0; i < FRAMES + 200; i += 1) {
    const measured = i >= 200;
    const t0 = performance.now();
    media.inject(frame);
    if (measured) upSent.push(t0);
    const t1 = performance.now();
    baseline.sendUp(frame);
    if (measured) upBaseSent.push(t1);
    await sleep(INTERVAL_MS);
  }
  await waitUntil(
    () => appendArrivals.length >= FRAMES + 200 && baseline.serverArrivals.length >= FRAMES + 200,
    10_000,
    'appends',
  );
  const upOurs = upSent.map((sent, i) => appendArrivals[i + 200] - sent);
  const upBase = upBaseSent.map((sent, i) => baseline.serverArrivals[i + 200] - sent);

  // AI → caller: one delta from the fake provider and one from the bare server per tick.
  const downSent: number[] = [];
  const downBaseSent: number[] = [];
  const writesBefore = media.writes.length;
  for (let i = 0; i < FRAMES + 200; i += 1) {
    const measured = i >= 200;
    const event = {
      type: 'response.output_audio.delta',
      response_id: 'resp_bench',
      item_id: `bench_${i}`,
      output_index: 0,
      content_index: 0,
      delta,
    };
    const t0 = performance.now();
    provider.push(event);
    if (measured) downSent.push(t0);
    const t1 = performance.now();
    baseline.sendDown(event);
    if (measured) downBaseSent.push(t1);
    await sleep(INTERVAL_MS);
  }
  await waitUntil(
    () => media.writes.length - writesBefore >= FRAMES + 200 && baseline.clientArrivals.length >= FRAMES + 200,
    10_000,
    'deltas',
  );
  const writes = media.writes.slice(writesBefore);
  const downOurs = downSent.map((sent, i) => writes[i + 200].at - sent);
  const downBase = downBaseSent.map((sent, i) => baseline.clientArrivals[i + 200] - sent);

  console.log(
    `P5 added latency, OpenAI Realtime adapter vs bare ws over TLS loopback (one frame every ${INTERVAL_MS} ms)`,
  );
  const inbound = report('caller -> AI (frame -> append decoded at the provider)', upOurs, upBase, INBOUND_BAR_MS);
  const outbound = report('AI -> caller (delta sent -> MediaStream.write)', downOurs, downBase, OUTBOUND_BAR_MS);
  session.close();
  media.close();
  await baseline.close();
  await fake.stop();
  process.exitCode = inbound && outbound ? 0 : 1;
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
