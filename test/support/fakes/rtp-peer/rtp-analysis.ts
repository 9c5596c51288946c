import { isFillerFrame } from '../../../../adapters/audio/energy';

/**
 * What the RTP peer concludes from the packets it received (VOICE.md §8.3): inter-arrival statistics, bursts,
 * drift against the ideal count, sequence continuity, timestamp steps, marker positions against talk-spurt
 * starts, SSRC constancy, and the agent audio itself for byte-exact comparison.
 */
export interface ReceivedPacket {
  readonly arrivalMs: number;
  readonly sequenceNumber: number;
  readonly timestamp: number;
  readonly ssrc: number;
  readonly marker: boolean;
  readonly payloadType: number;
  readonly payload: Uint8Array;
}

export interface InterArrival {
  readonly count: number;
  readonly meanMs: number;
  readonly stddevMs: number;
  /** Share of intervals within ±4 ms of the frame time. */
  readonly within4ms: number;
  /** Percentiles of |interval − frame time|. */
  readonly p50DeviationMs: number;
  readonly p99DeviationMs: number;
  readonly p99IntervalMs: number;
}

export interface RtpAnalysis {
  readonly count: number;
  readonly ssrcs: readonly number[];
  readonly payloadTypes: readonly number[];
  readonly payloadSizes: readonly number[];
  /** Places where the sequence number is not the previous +1 (mod 2^16). */
  readonly sequenceBreaks: number;
  /** Places where the timestamp step is not 160 × the sequence step. */
  readonly timestampIrregularities: number;
  /** Indices (in arrival order) carrying the marker bit. */
  readonly markers: readonly number[];
  /** Indices of the first packet and of each audio packet following a filler packet. */
  readonly talkSpurtStarts: readonly number[];
  readonly interArrival: InterArrival;
  /** Longest run of packets arriving within 2 ms of the previous one. */
  readonly longestBurst: number;
  readonly elapsedMs: number;
  /** Received minus the ideal count for the elapsed time. */
  readonly drift: number;
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

export const interArrivalOf = (arrivals: readonly number[], frameMs = 20): InterArrival => {
  const intervals: number[] = [];
  for (let i = 1; i < arrivals.length; i += 1) intervals.push(arrivals[i] - arrivals[i - 1]);
  const count = intervals.length;
  if (count === 0) {
    return { count, meanMs: 0, stddevMs: 0, within4ms: 0, p50DeviationMs: 0, p99DeviationMs: 0, p99IntervalMs: 0 };
  }
  const mean = intervals.reduce((sum, value) => sum + value, 0) / count;
  const variance = intervals.reduce((sum, value) => sum + (value - mean) ** 2, 0) / count;
  const deviations = intervals.map((value) => Math.abs(value - frameMs)).sort((a, b) => a - b);
  return {
    count,
    meanMs: mean,
    stddevMs: Math.sqrt(variance),
    within4ms: deviations.filter((value) => value <= 4).length / count,
    p50DeviationMs: percentile(deviations, 50),
    p99DeviationMs: percentile(deviations, 99),
    p99IntervalMs: percentile(
      [...intervals].sort((a, b) => a - b),
      99,
    ),
  };
};

export const analyse = (packets: readonly ReceivedPacket[], frameMs = 20): RtpAnalysis => {
  let sequenceBreaks = 0;
  let timestampIrregularities = 0;
  let longestBurst = packets.length > 0 ? 1 : 0;
  let burst = 1;
  const markers: number[] = [];
  const talkSpurtStarts: number[] = [];
  packets.forEach((packet, index) => {
    if (packet.marker) markers.push(index);
    const audio = !isFillerFrame(packet.payload);
    const previous = packets[index - 1];
    if (previous === undefined) {
      talkSpurtStarts.push(index);
      return;
    }
    if (audio && isFillerFrame(previous.payload)) talkSpurtStarts.push(index);
    const seqStep = (packet.sequenceNumber - previous.sequenceNumber) & 0xffff;
    if (seqStep !== 1) sequenceBreaks += 1;
    const tsStep = (packet.timestamp - previous.timestamp) >>> 0;
    if (tsStep !== (seqStep * previous.payload.length) >>> 0) timestampIrregularities += 1;
    burst = packet.arrivalMs - previous.arrivalMs < 2 ? burst + 1 : 1;
    longestBurst = Math.max(longestBurst, burst);
  });
  const elapsedMs = packets.length > 1 ? packets[packets.length - 1].arrivalMs - packets[0].arrivalMs : 0;
  return {
    count: packets.length,
    ssrcs: [...new Set(packets.map((packet) => packet.ssrc))],
    payloadTypes: [...new Set(packets.map((packet) => packet.payloadType))],
    payloadSizes: [...new Set(packets.map((packet) => packet.payload.length))],
    sequenceBreaks,
    timestampIrregularities,
    markers,
    talkSpurtStarts,
    interArrival: interArrivalOf(
      packets.map((packet) => packet.arrivalMs),
      frameMs,
    ),
    longestBurst,
    elapsedMs,
    drift: packets.length - (Math.floor(elapsedMs / frameMs) + 1),
  };
};

/** The concatenated non-filler payloads: what the patient heard of the agent. */
export const agentAudioOf = (packets: readonly ReceivedPacket[]): Uint8Array => {
  const audio = packets.filter((packet) => !isFillerFrame(packet.payload));
  const out = new Uint8Array(audio.reduce((sum, packet) => sum + packet.payload.length, 0));
  let at = 0;
  for (const packet of audio) {
    out.set(packet.payload, at);
    at += packet.payload.length;
  }
  return out;
};
