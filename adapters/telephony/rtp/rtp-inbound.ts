import type { MediaFrameConsumer } from '../../../application/ports/media-stream';
import { type ReorderBufferOptions, ReorderBuffer, defaultReorderOptions } from './reorder-buffer';
import { PT_COMFORT_NOISE, PT_PCMU, parseRtp } from './rtp-packet';

/**
 * The inbound path of one call (VOICE.md §3.3): source check, parse, payload type, SSRC lock, reorder buffer, then
 * the attached consumer or, while none is attached, a bounded pending buffer delivered first on attach.
 */
export interface InboundStats {
  readonly datagrams: number;
  readonly rejectedSource: number;
  readonly malformed: number;
  readonly rejectedPt: number;
  readonly comfortNoise: number;
  readonly telephoneEvents: number;
  readonly ssrcChanges: number;
  /** Packets of a new SSRC dropped before it was adopted. */
  readonly ssrcDropped: number;
  readonly framesReleased: number;
  readonly pendingDropped: number;
  readonly consumerErrors: number;
  /** Monotonic time of the last accepted packet (the silence probe of §7.5), null before the first. */
  readonly lastArrivalMs: number | null;
}

export interface Endpoint {
  readonly address: string;
  readonly port: number;
}

const SSRC_ADOPT_AFTER = 3;
const PENDING_FRAMES = 100;

/** IPv4 addresses may be reported in their IPv4-mapped IPv6 form. */
export const normaliseAddress = (address: string): string =>
  address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;

export class RtpInbound {
  private expected: Endpoint | null = null;
  private lockedSsrc: number | null = null;
  private candidateSsrc: number | null = null;
  private candidateCount = 0;
  private consumer: MediaFrameConsumer | null = null;
  private pending: Uint8Array[] = [];
  private readonly reorder: ReorderBuffer;
  private counters = {
    datagrams: 0,
    rejectedSource: 0,
    malformed: 0,
    rejectedPt: 0,
    comfortNoise: 0,
    telephoneEvents: 0,
    ssrcChanges: 0,
    ssrcDropped: 0,
    framesReleased: 0,
    pendingDropped: 0,
    consumerErrors: 0,
  };
  private lastArrivalMs: number | null = null;

  constructor(
    /** Called once, with the source of the first valid packet, when no remote was pinned before it. */
    private readonly onLearned: (remote: Endpoint) => void,
    reorderOptions: ReorderBufferOptions = defaultReorderOptions,
  ) {
    this.reorder = new ReorderBuffer((payload) => this.deliver(payload), reorderOptions);
  }

  /** Pins the only source accepted from now on. */
  expect(remote: Endpoint): void {
    this.expected = { address: normaliseAddress(remote.address), port: remote.port };
  }

  onDatagram(datagram: Uint8Array, address: string, port: number, nowMs: number): void {
    this.counters.datagrams += 1;
    const expected = this.expected;
    if (expected !== null && (expected.port !== port || expected.address !== normaliseAddress(address))) {
      this.counters.rejectedSource += 1;
      return;
    }
    const parsed = parseRtp(datagram);
    if (!parsed.ok) {
      this.counters.malformed += 1;
      return;
    }
    if (expected === null) {
      this.expect({ address, port });
      this.onLearned({ address: normaliseAddress(address), port });
    }
    const packet = parsed.packet;
    if (packet.payloadType !== PT_PCMU) {
      if (packet.payloadType === PT_COMFORT_NOISE) this.counters.comfortNoise += 1;
      else if (packet.payloadType >= 96) this.counters.telephoneEvents += 1;
      else this.counters.rejectedPt += 1;
      return;
    }
    if (!this.acceptSsrc(packet.ssrc)) return;
    this.lastArrivalMs = nowMs;
    this.reorder.push(packet.sequenceNumber, packet.timestamp, packet.payload, nowMs);
  }

  /** Conceals an expired gap when packets stop arriving (called once per pacer slot). */
  poll(nowMs: number): void {
    this.reorder.poll(nowMs);
  }

  attach(consumer: MediaFrameConsumer): void {
    this.consumer = consumer;
    const backlog = this.pending;
    this.pending = [];
    for (const frame of backlog) this.deliver(frame, false);
  }

  detach(): void {
    this.consumer = null;
  }

  stats(): InboundStats & { readonly reorder: ReturnType<ReorderBuffer['stats']> } {
    return { ...this.counters, lastArrivalMs: this.lastArrivalMs, reorder: this.reorder.stats() };
  }

  private acceptSsrc(ssrc: number): boolean {
    if (this.lockedSsrc === null || this.lockedSsrc === ssrc) {
      this.lockedSsrc = ssrc;
      this.candidateSsrc = null;
      this.candidateCount = 0;
      return true;
    }
    // Asterisk may change the SSRC when the bridge changes: believe it after a few packets in a row.
    this.candidateCount = this.candidateSsrc === ssrc ? this.candidateCount + 1 : 1;
    this.candidateSsrc = ssrc;
    if (this.candidateCount < SSRC_ADOPT_AFTER) {
      this.counters.ssrcDropped += 1;
      return false;
    }
    this.counters.ssrcChanges += 1;
    this.lockedSsrc = ssrc;
    this.candidateSsrc = null;
    this.candidateCount = 0;
    this.reorder.reset();
    return true;
  }

  private deliver(frame: Uint8Array, counted = true): void {
    if (counted) this.counters.framesReleased += 1;
    const consumer = this.consumer;
    if (consumer === null) {
      this.pending.push(frame);
      if (this.pending.length > PENDING_FRAMES) {
        this.pending.shift();
        this.counters.pendingDropped += 1;
      }
      return;
    }
    try {
      consumer.onFrame(frame);
    } catch {
      this.counters.consumerErrors += 1;
    }
  }
}
