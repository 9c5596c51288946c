import { FRAME_BYTES } from '../../audio/mu-law';
import type { OutboundPlayout } from '../media/outbound-playout';
import type { PacedStream } from './pacer';
import { PT_PCMU, RTP_HEADER_BYTES, writeRtpHeaderValues } from './rtp-packet';

/**
 * What one call sends (VOICE.md §3.6), one packet per pacer slot: V=2, PT 0, 160-byte payload; the sequence number
 * +1 per packet sent; the timestamp +160 per slot consumed (sent, or skipped as filler during a slip); the marker
 * on the stream's first packet and on each talk-spurt start. A packet buffer is reused only after its send
 * callback fired.
 */
export interface RtpOrigin {
  readonly sequenceNumber: number;
  readonly timestamp: number;
  readonly ssrc: number;
}

export type DatagramSend = (packet: Uint8Array, done: (error: Error | null) => void) => void;

export interface SenderStats {
  readonly packetsSent: number;
  readonly slotsSkipped: number;
  /** Slots consumed while the socket could not send (not yet connected). */
  readonly slotsUnsent: number;
  readonly sendErrors: number;
  /** Packets dropped because every buffer of the ring was still in flight. */
  readonly backpressureDrops: number;
}

const PACKET_BYTES = RTP_HEADER_BYTES + FRAME_BYTES;
const MAX_RING = 64;

interface Slot {
  readonly buffer: Uint8Array;
  inFlight: boolean;
  readonly done: (error: Error | null) => void;
}

export class RtpSender implements PacedStream {
  private sequenceNumber: number;
  private timestamp: number;
  private readonly ssrc: number;
  private first = true;
  private readonly ring: Slot[] = [];
  private cursor = 0;
  private readonly scratch = new Uint8Array(FRAME_BYTES);
  private counters = { packetsSent: 0, slotsSkipped: 0, slotsUnsent: 0, sendErrors: 0, backpressureDrops: 0 };

  constructor(
    private readonly playout: OutboundPlayout,
    origin: RtpOrigin,
    /** Null while the socket is not connected to the remote. */
    private readonly send: () => DatagramSend | null,
    private readonly onSendError: (error: Error) => void,
  ) {
    this.sequenceNumber = origin.sequenceNumber & 0xffff;
    this.timestamp = origin.timestamp >>> 0;
    this.ssrc = origin.ssrc >>> 0;
    for (let i = 0; i < 4; i += 1) this.ring.push(this.newSlot());
  }

  sendSlot(nowMs: number): void {
    const send = this.send();
    const slot = send === null ? null : this.freeSlot();
    if (send === null || slot === null) {
      // The slot passes unsent (socket not connected yet, or every buffer still in flight): audio moves on.
      this.playout.nextFrameInto(this.scratch, 0, nowMs);
      if (send === null) this.counters.slotsUnsent += 1;
      else this.counters.backpressureDrops += 1;
      if (send !== null) this.sequenceNumber = (this.sequenceNumber + 1) & 0xffff;
      this.advanceTimestamp();
      return;
    }
    const kind = this.playout.nextFrameInto(slot.buffer, RTP_HEADER_BYTES, nowMs);
    const marker = this.first || kind === 'talkSpurtStart';
    writeRtpHeaderValues(slot.buffer, marker, PT_PCMU, this.sequenceNumber, this.timestamp, this.ssrc);
    slot.inFlight = true;
    this.first = false;
    this.counters.packetsSent += 1;
    try {
      send(slot.buffer, slot.done);
    } catch (error) {
      // A synchronous refusal (socket already closed): the buffer never left, so it is free again.
      slot.done(error instanceof Error ? error : new Error(String(error)));
    }
    this.sequenceNumber = (this.sequenceNumber + 1) & 0xffff;
    this.advanceTimestamp();
  }

  skipFillerSlot(nowMs: number): boolean {
    if (this.playout.hasAudioDue(nowMs)) return false;
    // The skipped slot still counts as filler, so the next agent frame is a talk-spurt start.
    this.playout.nextFrameInto(this.scratch, 0, nowMs);
    this.counters.slotsSkipped += 1;
    this.advanceTimestamp();
    return true;
  }

  origin(): RtpOrigin {
    return { sequenceNumber: this.sequenceNumber, timestamp: this.timestamp, ssrc: this.ssrc };
  }

  stats(): SenderStats {
    return { ...this.counters };
  }

  private advanceTimestamp(): void {
    this.timestamp = (this.timestamp + FRAME_BYTES) >>> 0;
  }

  private freeSlot(): Slot | null {
    for (let tried = 0; tried < this.ring.length; tried += 1) {
      const slot = this.ring[this.cursor];
      this.cursor = (this.cursor + 1) % this.ring.length;
      if (!slot.inFlight) return slot;
    }
    if (this.ring.length >= MAX_RING) return null;
    const slot = this.newSlot();
    this.ring.push(slot);
    return slot;
  }

  private newSlot(): Slot {
    const slot: Slot = {
      buffer: new Uint8Array(PACKET_BYTES),
      inFlight: false,
      done: (error) => {
        slot.inFlight = false;
        if (error !== null && error !== undefined) {
          this.counters.sendErrors += 1;
          this.onSendError(error);
        }
      },
    };
    return slot;
  }
}
