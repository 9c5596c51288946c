import { FRAME_BYTES, MU_LAW_SILENCE } from '../../../../adapters/audio/mu-law';
import { seededRandom } from '../../../../adapters/audio/synthetic-voice';
import { serializeRtp } from '../../../../adapters/telephony/rtp/rtp-packet';

/**
 * What the RTP peer sends and when (VOICE.md §8.3): frames cut from the audio at 20 ms on an absolute schedule,
 * then the impairments (jitter, loss independent or bursty, reordering, duplication, SSRC change, sequence and
 * timestamp jumps), all drawn from one seeded generator so a failing test replays exactly.
 */
export interface Impairments {
  readonly seed?: number;
  /** Each packet leaves up to this much late (uniform) or with this standard deviation (normal, clipped at 0). */
  readonly jitterMs?: number;
  readonly jitterDistribution?: 'uniform' | 'normal';
  /** Independent loss probability. */
  readonly loss?: number;
  /** Gilbert–Elliott: probability of entering the bad state, and of leaving it (everything is lost while bad). */
  readonly burstLoss?: { readonly enter: number; readonly leave: number };
  /** Probability that a packet is held back by `depth` frames. */
  readonly reorder?: { readonly probability: number; readonly depth: number };
  readonly duplicate?: number;
  readonly ssrcChange?: { readonly atFrame: number; readonly ssrc: number };
  readonly sequenceJump?: { readonly atFrame: number; readonly by: number };
  readonly timestampJump?: { readonly atFrame: number; readonly by: number };
}

export interface PlaySpec {
  /** µ-law audio, cut into `payloadSize` frames (the last one padded with 0xFF). */
  readonly audio?: Uint8Array;
  /** Silence frames to send when no audio is given. */
  readonly frames?: number;
  readonly ssrc?: number;
  readonly sequenceNumber?: number;
  readonly timestamp?: number;
  readonly payloadType?: number;
  readonly payloadSize?: number;
  readonly impairments?: Impairments;
}

export interface PlannedPacket {
  /** Offset from the start of the play, in ms. */
  readonly sendAtMs: number;
  readonly frameIndex: number;
  readonly sequenceNumber: number;
  readonly datagram: Uint8Array;
}

export interface SendPlan {
  readonly packets: readonly PlannedPacket[];
  readonly frames: number;
  readonly lostFrames: readonly number[];
  readonly duplicated: number;
  readonly reordered: number;
}

const frameDurationMs = (payloadSize: number): number => payloadSize / 8;

const cutFrames = (spec: PlaySpec, size: number): Uint8Array[] => {
  if (spec.audio === undefined) {
    return Array.from({ length: spec.frames ?? 0 }, () => new Uint8Array(size).fill(MU_LAW_SILENCE));
  }
  const frames: Uint8Array[] = [];
  for (let at = 0; at < spec.audio.length; at += size) {
    const frame = new Uint8Array(size).fill(MU_LAW_SILENCE);
    frame.set(spec.audio.subarray(at, Math.min(at + size, spec.audio.length)));
    frames.push(frame);
  }
  return frames;
};

export const planSend = (spec: PlaySpec): SendPlan => {
  const size = spec.payloadSize ?? FRAME_BYTES;
  const frameMs = frameDurationMs(size);
  const imp = spec.impairments ?? {};
  const random = seededRandom(imp.seed ?? 7);
  const frames = cutFrames(spec, size);
  const packets: PlannedPacket[] = [];
  const lostFrames: number[] = [];
  let duplicated = 0;
  let reordered = 0;
  let bad = false;
  let ssrc = spec.ssrc ?? 0x1234abcd;
  let seq = spec.sequenceNumber ?? 1000;
  let ts = spec.timestamp ?? 50_000;
  frames.forEach((payload, index) => {
    if (imp.ssrcChange?.atFrame === index) ssrc = imp.ssrcChange.ssrc;
    if (imp.sequenceJump?.atFrame === index) seq = (seq + imp.sequenceJump.by) & 0xffff;
    if (imp.timestampJump?.atFrame === index) ts = (ts + imp.timestampJump.by) >>> 0;
    const datagram = serializeRtp(
      { marker: index === 0, payloadType: spec.payloadType ?? 0, sequenceNumber: seq, timestamp: ts, ssrc },
      payload,
    );
    const sequenceNumber = seq;
    seq = (seq + 1) & 0xffff;
    ts = (ts + size) >>> 0;
    if (imp.burstLoss !== undefined) bad = bad ? random() >= imp.burstLoss.leave : random() < imp.burstLoss.enter;
    if (bad || (imp.loss !== undefined && random() < imp.loss)) {
      lostFrames.push(index);
      return;
    }
    let sendAtMs = index * frameMs + jitterOf(imp, random);
    if (imp.reorder !== undefined && random() < imp.reorder.probability) {
      sendAtMs += imp.reorder.depth * frameMs + 1;
      reordered += 1;
    }
    packets.push({ sendAtMs, frameIndex: index, sequenceNumber, datagram });
    if (imp.duplicate !== undefined && random() < imp.duplicate) {
      packets.push({ sendAtMs: sendAtMs + 1, frameIndex: index, sequenceNumber, datagram });
      duplicated += 1;
    }
  });
  // Stable sort: packets due at the same instant keep their planned order.
  packets.sort((a, b) => a.sendAtMs - b.sendAtMs);
  return { packets, frames: frames.length, lostFrames, duplicated, reordered };
};

const jitterOf = (imp: Impairments, random: () => number): number => {
  const spread = imp.jitterMs ?? 0;
  if (spread <= 0) return 0;
  if (imp.jitterDistribution !== 'normal') return random() * spread;
  // Box–Muller; late only (a packet cannot leave before it was produced).
  const gaussian = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.abs(gaussian) * spread;
};
