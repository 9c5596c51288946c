/**
 * P3 (QUALITY.md) / B1 (VOICE.md §9): the cost of one 20 ms µ-law frame through the media path, in process, no
 * sockets, side by side with baselines measured in the same run.
 *
 * - Inbound: datagram -> source check -> RTP parse -> PT and SSRC checks -> reorder buffer -> consumer that
 *   builds the Realtime `input_audio_buffer.append` message (base64 inside a string template).
 *   Baseline: `Buffer.toString('base64')` + `JSON.stringify` of an equivalent append object.
 * - Outbound: agent delta (base64 of 100 ms) decoded -> playout framing -> pacer slot -> RTP header -> packet
 *   buffer handed to a no-op send. Baseline: the irreducible work, the same base64 decode share plus a bare
 *   172-byte header + payload write.
 * - Context: a bare dgram echo over loopback (send 172 bytes, receive them), CPU per packet, so the path's cost
 *   can be read against what the kernel round trip alone costs.
 *
 * Per-frame time = batch time / 1,000 over batches of 1,000 frames; CPU per frame from process.cpuUsage.
 * Bars: median <= 20 µs and p99 <= 100 µs per frame each direction; ratio to the in-run baseline <= 3.
 * Usage: npx tsx bench/voice/p3-frame-cost.ts [--frames 200000] [--echo 20000]   (exits 1 when a bar is missed).
 */
import { createSocket } from 'node:dgram';
import { tone } from '../../adapters/audio/synthetic-voice';
import { OutboundPlayout } from '../../adapters/telephony/media/outbound-playout';
import { RtpInbound } from '../../adapters/telephony/rtp/rtp-inbound';
import { RTP_HEADER_BYTES, serializeRtp, writeRtpHeader } from '../../adapters/telephony/rtp/rtp-packet';
import { RtpSender } from '../../adapters/telephony/rtp/rtp-sender';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const FRAMES = option('--frames', 200_000);
const ECHO = option('--echo', 20_000);
const BATCH = 1000;
const MEDIAN_BAR_US = 20;
const P99_BAR_US = 100;
const RATIO_BAR = 3;

interface Measure {
  readonly medianUs: number;
  readonly p99Us: number;
  readonly cpuUs: number;
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/**
 * Runs `ours` and `baseline` FRAMES times each, in alternating batches of 1,000 so that machine noise hits both
 * alike; per-frame times are batch times / 1,000.
 */
const measurePair = (ours: (i: number) => void, baseline: (i: number) => void): [Measure, Measure] => {
  for (let i = 0; i < 20_000; i += 1) {
    ours(i); // warm-up: JIT and caches
    baseline(i);
  }
  const times: [number[], number[]] = [[], []];
  const cpu = [0, 0];
  const runs = [ours, baseline];
  let i = 0;
  for (let batch = 0; batch < FRAMES / BATCH; batch += 1) {
    for (let which = 0; which < 2; which += 1) {
      const run = runs[which];
      const cpuStart = process.cpuUsage();
      const started = process.hrtime.bigint();
      for (let k = 0; k < BATCH; k += 1) run(i + k);
      times[which].push(Number(process.hrtime.bigint() - started) / 1000 / BATCH);
      const used = process.cpuUsage(cpuStart);
      cpu[which] += used.user + used.system;
    }
    i += BATCH;
  }
  return [0, 1].map((which) => {
    const sorted = times[which].sort((a, b) => a - b);
    return { medianUs: percentile(sorted, 50), p99Us: percentile(sorted, 99), cpuUs: cpu[which] / i };
  }) as [Measure, Measure];
};

let sink = 0;
const payload = tone({ frequencyHz: 440, durationMs: 20 });

// Inbound: one datagram rewritten in place (sequence number and timestamp advance like a live stream).
const datagram = Buffer.from(
  serializeRtp({ marker: false, payloadType: 0, sequenceNumber: 0, timestamp: 0, ssrc: 7 }, payload),
);
const inbound = new RtpInbound(() => undefined);
inbound.expect({ address: '127.0.0.1', port: 4000 });
inbound.attach({
  onFrame: (frame) => {
    const audio = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength).toString('base64');
    sink += `{"type":"input_audio_buffer.append","audio":"${audio}"}`.length;
  },
});
// Own counters: `measure` restarts its index after the warm-up, a live stream never goes back.
let inboundSeq = 0;
const inboundFrame = (): void => {
  inboundSeq += 1;
  datagram.writeUInt16BE(inboundSeq & 0xffff, 2);
  datagram.writeUInt32BE((inboundSeq * 160) >>> 0, 4);
  inbound.onDatagram(datagram, '127.0.0.1', 4000, inboundSeq * 20);
};
const inboundBaseline = (): void => {
  const audio = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('base64');
  sink += JSON.stringify({ type: 'input_audio_buffer.append', audio }).length;
};

// Outbound: a delta of 100 ms every 5 frames, one item, paced slots into a sender whose socket is a no-op.
const delta = Buffer.from(tone({ frequencyHz: 300, durationMs: 100 })).toString('base64');
let now = 0;
const playout = new OutboundPlayout(() => now);
const sender = new RtpSender(
  playout,
  { sequenceNumber: 1, timestamp: 1, ssrc: 9 },
  () => noopSend,
  () => undefined,
);
const noopSend = (packet: Uint8Array, done: (error: Error | null) => void): void => {
  sink += packet[RTP_HEADER_BYTES];
  done(null);
};
let outboundSlot = 0;
const outboundFrame = (): void => {
  if (outboundSlot % 5 === 0) playout.write('item', Buffer.from(delta, 'base64'));
  outboundSlot += 1;
  now = outboundSlot * 20;
  sender.sendSlot(now);
};
const packet = Buffer.alloc(RTP_HEADER_BYTES + 160);
const outboundBaseline = (i: number): void => {
  if (i % 5 === 0) sink += Buffer.from(delta, 'base64').length;
  writeRtpHeader(packet, { marker: false, payloadType: 0, sequenceNumber: i & 0xffff, timestamp: i * 160, ssrc: 9 });
  packet.set(payload, RTP_HEADER_BYTES);
  sink += packet[RTP_HEADER_BYTES];
};

const dgramEchoCpuUs = async (): Promise<number> => {
  const receiver = createSocket('udp4');
  const senderSocket = createSocket('udp4');
  await new Promise<void>((resolve) => receiver.bind(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => senderSocket.bind(0, '127.0.0.1', resolve));
  const port = receiver.address().port;
  const bytes = Buffer.alloc(172);
  let received = 0;
  const cpuStart = process.cpuUsage();
  await new Promise<void>((resolve) => {
    receiver.on('message', () => {
      received += 1;
      if (received === ECHO) resolve();
      else if (received % 50 === 0) sendBurst();
    });
    // Bursts of 50 in flight keep the loopback busy without overrunning the receive buffer.
    const sendBurst = (): void => {
      for (let k = 0; k < 50; k += 1) senderSocket.send(bytes, port, '127.0.0.1');
    };
    sendBurst();
  });
  const cpu = process.cpuUsage(cpuStart);
  await Promise.all([receiver, senderSocket].map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  return (cpu.user + cpu.system) / received;
};

const report = (name: string, ours: Measure, base: Measure): boolean => {
  const ratio = ours.medianUs / base.medianUs;
  const pass = ours.medianUs <= MEDIAN_BAR_US && ours.p99Us <= P99_BAR_US && ratio <= RATIO_BAR;
  console.log(`  ${name}`);
  console.log(
    `    ours      median ${ours.medianUs.toFixed(3)} µs  p99 ${ours.p99Us.toFixed(3)} µs  CPU ${ours.cpuUs.toFixed(3)} µs/frame`,
  );
  console.log(
    `    baseline  median ${base.medianUs.toFixed(3)} µs  p99 ${base.p99Us.toFixed(3)} µs  CPU ${base.cpuUs.toFixed(3)} µs/frame`,
  );
  console.log(
    `    ratio ${ratio.toFixed(2)}x (bar <= ${RATIO_BAR}); median bar <= ${MEDIAN_BAR_US} µs, p99 bar <= ${P99_BAR_US} µs: ${pass ? 'PASS' : 'FAIL'}`,
  );
  return pass;
};

const main = async (): Promise<void> => {
  console.log(`P3 per-frame cost, ${FRAMES} frames per direction in batches of ${BATCH}:`);
  const [inOurs, inBase] = measurePair(inboundFrame, inboundBaseline);
  const inPass = report('inbound (RTP datagram -> append message)', inOurs, inBase);
  const [outOurs, outBase] = measurePair(outboundFrame, outboundBaseline);
  const outPass = report('outbound (agent delta -> RTP packet buffer)', outOurs, outBase);
  const echo = await dgramEchoCpuUs();
  console.log(
    `  context: bare dgram send+receive of 172 bytes over loopback costs ${echo.toFixed(2)} µs CPU per packet;`,
  );
  const inCpu = inOurs.cpuUs;
  const delivered = inbound.stats();
  const sent = sender.stats();
  const playoutStats = playout.stats();
  console.log(
    `  checks: inbound released ${delivered.framesReleased} (late ${delivered.reorder.late}, dup ${delivered.reorder.duplicates}); ` +
      `outbound sent ${sent.packetsSent}, agent frames ${playoutStats.agentFrames}, underruns ${playoutStats.underrunFrames}`,
  );
  console.log(
    `    our in+out path adds ${(inCpu + outOurs.cpuUs).toFixed(2)} µs CPU per frame pair = ` +
      `${((inCpu + outOurs.cpuUs) / echo).toFixed(2)}x one bare datagram`,
  );
  if (sink === 42) console.log('');
  console.log(`P3 overall: ${inPass && outPass ? 'PASS' : 'FAIL'}`);
  process.exitCode = inPass && outPass ? 0 : 1;
};

void main();
