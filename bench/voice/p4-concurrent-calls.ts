/**
 * P4 (QUALITY.md) / B6 (VOICE.md §9): concurrent calls on one process. Per step, N RTP legs (DgramRtpMediaFactory,
 * one shared Pacer) each exchange RTP with an RTP peer; the peers run in a child process so they do not compete
 * with the system under test for our event loop. Each peer streams synthetic speech at 50 packets/s; each leg's
 * consumer builds the Realtime append message for every inbound frame (a fake Realtime sink), and a fake agent
 * answers every 5 s with 2 s of audio written at once as 100 ms deltas (~40 % talk time), like Realtime does.
 *
 * Per step: event-loop delay p99 (perf_hooks.monitorEventLoopDelay), inbound frames lost by us (datagrams the peers
 * sent that our sockets never delivered, plus reorder-buffer late drops), outbound packets the peers missed,
 * playout underruns mid-utterance, our CPU % and CPU per call, with the ratio to the first step.
 * Bar: loop delay p99 < 10 ms and 0 frames lost; the first failing step is the knee (bar: >= 200 calls).
 *
 * Usage: npx tsx bench/voice/p4-concurrent-calls.ts [--steps 10,50,100] [--seconds 10]   (exits 1 when a bar is missed).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { syntheticVoice } from '../../adapters/audio/synthetic-voice';
import { CryptoRandomSource } from '../../adapters/security/crypto-random-source';
import { DgramRtpMediaFactory } from '../../adapters/telephony/rtp/dgram-rtp-media-factory';
import { Pacer, hrtimeClock } from '../../adapters/telephony/rtp/pacer';
import type { RtpLeg } from '../../adapters/telephony/rtp/rtp-media-factory';
import type { RtpMediaStream } from '../../adapters/telephony/rtp/rtp-media-stream';
import type { Logger } from '../../application/ports/logger';
import type { PeerReport } from './p4-peer-child';

const args = process.argv.slice(2);
const valueOf = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const STEPS = (valueOf('--steps') ?? '10,50,100').split(',').map(Number);
const SECONDS = Number(valueOf('--seconds') ?? 10);
const LAG_BAR_MS = 10;
const CAPACITY_BAR = 200;

const quietLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => quietLogger,
};

interface StepResult {
  readonly calls: number;
  readonly lagP99Ms: number;
  readonly lagMaxMs: number;
  readonly inboundLost: number;
  readonly lateDrops: number;
  readonly outboundMissed: number;
  readonly underruns: number;
  readonly cpuPercent: number;
  readonly cpuMsPerCallSecond: number;
  readonly framesIn: number;
  readonly framesOut: number;
}

const request = <T>(child: ChildProcess, message: object, reply: string): Promise<T> =>
  new Promise((resolve) => {
    const onMessage = (answer: { type: string; body: T }): void => {
      if (answer.type !== reply) return;
      child.off('message', onMessage);
      resolve(answer.body);
    };
    child.on('message', onMessage);
    child.send(message);
  });

/** The fake agent: every 5 s per call (staggered), 2 s of speech written at once in 100 ms deltas. */
const startAgent = (legs: readonly RtpLeg[], reply: Uint8Array): (() => void) => {
  const nextReplyAt = legs.map((_, i) => hrtimeClock.nowMs() + 1000 + ((i * 97) % 5000));
  let turn = 0;
  const timer = setInterval(() => {
    const now = hrtimeClock.nowMs();
    legs.forEach((leg, i) => {
      if (now < nextReplyAt[i]) return;
      nextReplyAt[i] = now + 5000;
      const itemId = `reply-${(turn += 1)}`;
      for (let at = 0; at < reply.length; at += 800) leg.stream.write(itemId, reply.subarray(at, at + 800));
      leg.stream.endOfItem(itemId);
    });
  }, 100);
  return () => clearInterval(timer);
};

const runStep = async (calls: number, voiceMs: number): Promise<StepResult> => {
  const pacer = new Pacer();
  const factory = new DgramRtpMediaFactory(
    { bindAddress: '127.0.0.1', portRange: { kind: 'os' }, socketBufferBytes: 262_144 },
    { pacer, clock: hrtimeClock, random: new CryptoRandomSource(), logger: quietLogger },
  );
  const legs = await Promise.all(Array.from({ length: calls }, (_, i) => factory.open(`p4-${calls}-${i}`)));
  let appendChars = 0;
  for (const leg of legs) {
    leg.stream.attach({
      onFrame: (frame) => {
        const audio = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength).toString('base64');
        appendChars += `{"type":"input_audio_buffer.append","audio":"${audio}"}`.length;
      },
    });
  }
  const child = fork(__filename.replace('p4-concurrent-calls', 'p4-peer-child'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const peers = await request<{ address: string; port: number }[]>(
    child,
    { type: 'start', targets: legs.map((leg) => ({ address: leg.localAddress, port: leg.localPort })) },
    'ready',
  );
  legs.forEach((leg, i) => leg.setRemote(peers[i].address, peers[i].port));
  const reply = syntheticVoice({ durationMs: 2000, seed: 11 });
  const stopAgent = startAgent(legs, reply);
  const lag = monitorEventLoopDelay({ resolution: 1 });
  const cpuStart = process.cpuUsage();
  const wallStart = hrtimeClock.nowMs();
  lag.enable();
  const reports = await request<PeerReport[]>(child, { type: 'play', durationMs: voiceMs }, 'done');
  lag.disable();
  const cpu = process.cpuUsage(cpuStart);
  const wallMs = hrtimeClock.nowMs() - wallStart;
  stopAgent();
  const stats = legs.map((leg) => (leg.stream as RtpMediaStream).stats());
  child.send({ type: 'exit' });
  await factory.close();
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const inboundLost = stats.reduce((sum, s, i) => sum + Math.max(0, reports[i].sent - s.inbound.datagrams), 0);
  if (appendChars < 0) console.log('');
  return {
    calls,
    lagP99Ms: lag.percentile(99) / 1e6,
    lagMaxMs: lag.max / 1e6,
    inboundLost,
    lateDrops: stats.reduce((sum, s) => sum + s.inbound.reorder.late, 0),
    outboundMissed: reports.reduce((sum, report) => sum + report.missing, 0),
    underruns: stats.reduce((sum, s) => sum + s.underruns, 0),
    cpuPercent: (cpuMs / wallMs) * 100,
    cpuMsPerCallSecond: cpuMs / calls / (wallMs / 1000),
    framesIn: stats.reduce((sum, s) => sum + s.framesIn, 0),
    framesOut: stats.reduce((sum, s) => sum + s.framesOut, 0),
  };
};

/** The loop delay of this process doing nothing, measured in the same run: what the machine alone adds. */
const idleLagP99Ms = async (ms: number): Promise<number> => {
  const lag = monitorEventLoopDelay({ resolution: 1 });
  lag.enable();
  await new Promise((resolve) => setTimeout(resolve, ms));
  lag.disable();
  return lag.percentile(99) / 1e6;
};

const main = async (): Promise<void> => {
  const idle = await idleLagP99Ms(Math.min(SECONDS, 3) * 1000);
  console.log(
    `P4 concurrent calls, ${SECONDS} s per step, peers in a child process (load average ${loadavg()[0].toFixed(1)}; ` +
      `idle loop lag p99 of this process ${idle.toFixed(2)} ms, the in-run baseline):`,
  );
  const results: StepResult[] = [];
  for (const calls of STEPS) {
    const result = await runStep(calls, SECONDS * 1000);
    results.push(result);
    const pass = result.lagP99Ms < LAG_BAR_MS && result.inboundLost + result.lateDrops === 0;
    console.log(
      `  ${String(calls).padStart(4)} calls: loop lag p99 ${result.lagP99Ms.toFixed(2)} ms ` +
        `(${(result.lagP99Ms / idle).toFixed(1)}x idle, max ${result.lagMaxMs.toFixed(1)}), ` +
        `lost in ${result.inboundLost} + late ${result.lateDrops} of ${result.framesIn}, peers missed ${result.outboundMissed} ` +
        `of ${result.framesOut}, underruns ${result.underruns}, CPU ${result.cpuPercent.toFixed(1)} % ` +
        `(${result.cpuMsPerCallSecond.toFixed(2)} ms CPU per call-second, ` +
        `${(result.cpuMsPerCallSecond / results[0].cpuMsPerCallSecond).toFixed(2)}x step 1): ${pass ? 'PASS' : 'FAIL'}`,
    );
  }
  const knee = results.find((r) => r.lagP99Ms >= LAG_BAR_MS || r.inboundLost + r.lateDrops > 0);
  const bestPass = results.filter((r) => r !== knee && (knee === undefined || r.calls < knee.calls)).pop();
  const capacity = bestPass?.calls ?? 0;
  console.log(
    `  knee: ${knee === undefined ? 'not reached' : `${knee.calls} calls`}; held ${capacity} calls; ` +
      `bar >= ${CAPACITY_BAR} calls: ${capacity >= CAPACITY_BAR ? 'PASS' : `FAIL (steps up to ${Math.max(...STEPS)} measured)`}`,
  );
  process.exitCode = knee === undefined && capacity >= CAPACITY_BAR ? 0 : 1;
};

void main();
