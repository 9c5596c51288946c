import type { Socket } from 'node:dgram';
import { isIPv4 } from 'node:net';
import type {
  MediaFrameConsumer,
  MediaStats,
  MediaStream,
  PlaybackPosition,
} from '../../../application/ports/media-stream';
import { type OutboundPlayoutOptions, OutboundPlayout, defaultPlayoutOptions } from '../media/outbound-playout';
import type { MonotonicClock, PacedStream, Pacer, PacerRegistration, StreamPacingStats } from './pacer';
import { type ReorderBufferOptions, defaultReorderOptions } from './reorder-buffer';
import { type Endpoint, type InboundStats, RtpInbound, normaliseAddress } from './rtp-inbound';
import { type DatagramSend, type RtpOrigin, type SenderStats, RtpSender } from './rtp-sender';

/**
 * One call's media over one UDP socket (VOICE.md §3): inbound datagrams go through `RtpInbound`; agent audio goes
 * through the `OutboundPlayout` and leaves through `RtpSender`, one packet per slot of the shared `Pacer`, once
 * the socket is connected to the remote (pinned by `setRemote` or learned from the first valid packet).
 */
export interface RtpStreamOptions {
  readonly reorder?: ReorderBufferOptions;
  readonly playout?: OutboundPlayoutOptions;
}

export interface RtpStreamStats extends MediaStats {
  readonly inbound: InboundStats & { readonly reorder: { readonly received: number; readonly late: number } };
  readonly outbound: SenderStats & { readonly pacing: StreamPacingStats | null };
  readonly playout: ReturnType<OutboundPlayout['stats']>;
  readonly transportErrors: number;
}

export class InvalidRemoteError extends RangeError {
  constructor(address: string, port: number) {
    super(`RTP remote must be an IPv4 literal and a port 1-65535: ${address}:${port}`);
    this.name = 'InvalidRemoteError';
  }
}

export class RtpMediaStream implements MediaStream {
  private readonly inbound: RtpInbound;
  private readonly playout: OutboundPlayout;
  private readonly sender: RtpSender;
  private registration: PacerRegistration | null = null;
  private connectedTo: Endpoint | null = null;
  private wanted: Endpoint | null = null;
  private connecting = false;
  private closed = false;
  private transportErrors = 0;
  private readonly transportErrorHandlers: ((error: Error) => void)[] = [];
  private readonly sendPacket: DatagramSend;
  /** What the pacer drives: the slot's packet, and the inbound gap check on the same clock (no extra timers). */
  private readonly paced: PacedStream = {
    sendSlot: (nowMs) => {
      this.inbound.poll(nowMs);
      this.sender.sendSlot(nowMs);
    },
    skipFillerSlot: (nowMs) => this.sender.skipFillerSlot(nowMs),
  };

  constructor(
    private readonly socket: Socket,
    private readonly pacer: Pacer,
    private readonly clock: MonotonicClock,
    origin: RtpOrigin,
    private readonly onClosed: () => void,
    options: RtpStreamOptions = {},
  ) {
    this.playout = new OutboundPlayout(() => clock.nowMs(), options.playout ?? defaultPlayoutOptions);
    this.inbound = new RtpInbound((remote) => this.connectTo(remote), options.reorder ?? defaultReorderOptions);
    this.sendPacket = (packet, done) => this.socket.send(packet, done);
    this.sender = new RtpSender(
      this.playout,
      origin,
      () => (this.connectedTo !== null && !this.connecting ? this.sendPacket : null),
      (error) => this.reportTransportError(error),
    );
    socket.on('message', (datagram: Buffer, remote: { address: string; port: number }) =>
      this.inbound.onDatagram(datagram, remote.address, remote.port, this.clock.nowMs()),
    );
    // An ICMP "port unreachable" on the connected socket surfaces here: Asterisk closed the media channel.
    socket.on('error', (error: Error) => this.reportTransportError(error));
  }

  /** Pins Asterisk's address and port (§3.9): checked in code at once, enforced by `connect()` in the kernel. */
  setRemote(address: string, port: number): void {
    if (!isIPv4(normaliseAddress(address)) || !Number.isInteger(port) || port < 1 || port > 65535) {
      throw new InvalidRemoteError(address, port);
    }
    if (this.closed) return;
    const remote = { address: normaliseAddress(address), port };
    this.inbound.expect(remote);
    this.connectTo(remote);
  }

  attach(consumer: MediaFrameConsumer): void {
    if (!this.closed) this.inbound.attach(consumer);
  }

  detach(): void {
    this.inbound.detach();
  }

  write(itemId: string, bytes: Uint8Array): void {
    if (!this.closed) this.playout.write(itemId, bytes);
  }

  endOfItem(itemId: string): void {
    if (!this.closed) this.playout.endOfItem(itemId);
  }

  clear(): PlaybackPosition {
    return this.playout.clear();
  }

  onPlaybackFinished(handler: (itemId: string, playedMs: number) => void): void {
    this.playout.onPlaybackFinished(handler);
  }

  /** Send errors and socket errors (the immediate media probe of §7.5 listens here). */
  onTransportError(handler: (error: Error) => void): void {
    this.transportErrorHandlers.push(handler);
  }

  stats(): RtpStreamStats {
    const inbound = this.inbound.stats();
    const outbound = this.sender.stats();
    const playout = this.playout.stats();
    return {
      framesIn: inbound.framesReleased,
      framesOut: outbound.packetsSent,
      lost: inbound.reorder.lost,
      concealed: inbound.reorder.concealedFrames,
      underruns: playout.underrunFrames,
      jitterMs: inbound.reorder.jitterMs,
      inbound,
      outbound: { ...outbound, pacing: this.registration?.stats() ?? null },
      playout,
      transportErrors: this.transportErrors,
    };
  }

  /** The next header values (tests and the leak audit read them). */
  origin(): RtpOrigin {
    return this.sender.origin();
  }

  isClosed(): boolean {
    return this.closed;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.registration?.remove();
    this.registration = null;
    this.inbound.detach();
    this.playout.clear();
    this.socket.removeAllListeners('message');
    try {
      this.socket.close();
    } catch {
      // Already closed by the runtime (e.g. after a fatal socket error): nothing left to release.
    }
    this.onClosed();
  }

  private connectTo(remote: Endpoint): void {
    this.wanted = remote;
    if (this.connecting || this.closed) return;
    const current = this.connectedTo;
    if (current !== null && current.address === remote.address && current.port === remote.port) return;
    if (current !== null) {
      this.connectedTo = null;
      this.socket.disconnect();
    }
    this.connecting = true;
    this.socket.connect(remote.port, remote.address, (error?: Error) => this.onConnected(remote, error));
  }

  private onConnected(remote: Endpoint, error: Error | undefined): void {
    this.connecting = false;
    if (this.closed) return;
    if (error !== undefined && error !== null) {
      this.reportTransportError(error);
      return;
    }
    this.connectedTo = remote;
    const wanted = this.wanted;
    if (wanted !== null && (wanted.address !== remote.address || wanted.port !== remote.port)) {
      this.connectTo(wanted);
      return;
    }
    // The stream runs continuously from here until close (§3.5), so strictrtp learns us before the greeting.
    this.registration ??= this.pacer.add(this.paced);
  }

  private reportTransportError(error: Error): void {
    this.transportErrors += 1;
    for (const handler of this.transportErrorHandlers) {
      try {
        handler(error);
      } catch {
        // A listener's failure is its own.
      }
    }
  }
}
