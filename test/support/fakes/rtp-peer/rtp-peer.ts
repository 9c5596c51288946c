import { type Socket, createSocket } from 'node:dgram';
import { hrtimeClock } from '../../../../adapters/telephony/rtp/pacer';
import { type RtpHeaderFields, parseRtp, serializeRtp } from '../../../../adapters/telephony/rtp/rtp-packet';
import { type RtpAnalysis, type ReceivedPacket, agentAudioOf, analyse } from './rtp-analysis';
import { type PlaySpec, type SendPlan, planSend } from './send-plan';

/**
 * A `dgram` RTP endpoint playing Asterisk's part (VOICE.md §8.3): it sends µ-law frames at 20 ms on an absolute
 * schedule with optional impairments, sends raw or spoofed datagrams on demand (a second socket = another source
 * port), and records every packet it receives with its monotonic arrival time for `analysis()`.
 */
export interface PlayResult {
  readonly plan: SendPlan;
  /** Datagrams actually handed to the socket. */
  readonly sent: number;
}

export interface PlayHandle {
  readonly done: Promise<PlayResult>;
  stop(): void;
}

export interface PeerOptions {
  readonly address?: string;
  /** False keeps only the running tally (long benchmarks); true (default) keeps every packet for analysis. */
  readonly keepPackets?: boolean;
  /** False keeps headers and arrival times only (pacing benchmarks over many streams). */
  readonly keepPayloads?: boolean;
}

/** Counted as packets arrive, whether or not they are kept. */
export interface RunningTally {
  received: number;
  /** Packets whose sequence number is not the previous +1 (mod 2^16). */
  sequenceBreaks: number;
  /** Sequence numbers skipped over (forward gaps only). */
  missing: number;
  markers: number;
  ssrcChanges: number;
  unparsable: number;
}

export interface Destination {
  readonly address: string;
  readonly port: number;
}

const EMPTY = new Uint8Array(0);

const bindSocket = (address: string): Promise<Socket> =>
  new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, address, () => {
      socket.off('error', reject);
      resolve(socket);
    });
  });

export class RtpPeer {
  private readonly packets: ReceivedPacket[] = [];
  private destination: Destination | null = null;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly finishers = new Set<() => void>();
  private lastSeq = -1;
  private lastSsrc = -1;
  private closed = false;
  readonly tally: RunningTally = {
    received: 0,
    sequenceBreaks: 0,
    missing: 0,
    markers: 0,
    ssrcChanges: 0,
    unparsable: 0,
  };

  private constructor(
    private readonly socket: Socket,
    private readonly spoofSocket: Socket,
    readonly address: string,
    readonly port: number,
    private readonly keepPackets: boolean,
    private readonly keepPayloads: boolean,
  ) {
    socket.on('message', (datagram: Buffer) => this.record(datagram));
    socket.on('error', () => undefined);
    spoofSocket.on('error', () => undefined);
  }

  static async start(options: PeerOptions = {}): Promise<RtpPeer> {
    const address = options.address ?? '127.0.0.1';
    const socket = await bindSocket(address);
    const spoof = await bindSocket(address);
    const keepPackets = options.keepPackets ?? true;
    return new RtpPeer(socket, spoof, address, socket.address().port, keepPackets, options.keepPayloads ?? true);
  }

  /** The port a spoofing sender uses (same address, other port). */
  get spoofPort(): number {
    return this.spoofSocket.address().port;
  }

  sendTo(destination: Destination): this {
    this.destination = destination;
    return this;
  }

  play(spec: PlaySpec, options: { spoofed?: boolean } = {}): PlayHandle {
    const plan = planSend(spec);
    const socket = options.spoofed === true ? this.spoofSocket : this.socket;
    let stopped = false;
    let sent = 0;
    let resolveDone: (result: PlayResult) => void = () => undefined;
    const done = new Promise<PlayResult>((resolve) => (resolveDone = resolve));
    const finish = (): void => {
      this.finishers.delete(finish);
      resolveDone({ plan, sent });
    };
    this.finishers.add(finish);
    const start = hrtimeClock.nowMs();
    let next = 0;
    const step = (): void => {
      const elapsed = hrtimeClock.nowMs() - start;
      while (!stopped && next < plan.packets.length && plan.packets[next].sendAtMs <= elapsed) {
        this.transmit(socket, plan.packets[next].datagram);
        sent += 1;
        next += 1;
      }
      if (stopped || this.closed || next >= plan.packets.length) {
        finish();
        return;
      }
      this.schedule(step, plan.packets[next].sendAtMs - (hrtimeClock.nowMs() - start));
    };
    step();
    return {
      done,
      stop: () => {
        stopped = true;
      },
    };
  }

  sendRaw(datagram: Uint8Array, options: { spoofed?: boolean } = {}): void {
    this.transmit(options.spoofed === true ? this.spoofSocket : this.socket, datagram);
  }

  sendPacket(fields: RtpHeaderFields, payload: Uint8Array, options: { spoofed?: boolean } = {}): void {
    this.sendRaw(serializeRtp(fields, payload), options);
  }

  received(): readonly ReceivedPacket[] {
    return this.packets;
  }

  analysis(frameMs = 20): RtpAnalysis {
    return analyse(this.packets, frameMs);
  }

  agentAudio(): Uint8Array {
    return agentAudioOf(this.packets);
  }

  clearReceived(): void {
    this.packets.length = 0;
  }

  /** Resolves once `count` packets have been received in total (or after `timeoutMs`, with what arrived). */
  async waitForPackets(count: number, timeoutMs = 5000): Promise<number> {
    const deadline = hrtimeClock.nowMs() + timeoutMs;
    while (this.tally.received < count && hrtimeClock.nowMs() < deadline && !this.closed) {
      await new Promise<void>((resolve) => this.schedule(resolve, 5));
    }
    return this.tally.received;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const finish of [...this.finishers]) finish();
    await Promise.all([this.socket, this.spoofSocket].map((s) => new Promise<void>((r) => s.close(() => r()))));
  }

  private transmit(socket: Socket, datagram: Uint8Array): void {
    const destination = this.destination;
    if (destination === null || this.closed) return;
    socket.send(datagram, destination.port, destination.address);
  }

  private schedule(callback: () => void, delayMs: number): void {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        callback();
      },
      Math.max(0, delayMs),
    );
    this.timers.add(timer);
  }

  private record(datagram: Buffer): void {
    const arrivalMs = hrtimeClock.nowMs();
    const parsed = parseRtp(datagram);
    const tally = this.tally;
    if (!parsed.ok) {
      tally.unparsable += 1;
      return;
    }
    const { payload, ...header } = parsed.packet;
    tally.received += 1;
    if (header.marker) tally.markers += 1;
    if (this.lastSsrc !== -1 && header.ssrc !== this.lastSsrc) tally.ssrcChanges += 1;
    if (this.lastSeq !== -1) {
      const step = (header.sequenceNumber - this.lastSeq) & 0xffff;
      if (step !== 1) tally.sequenceBreaks += 1;
      if (step > 1 && step < 0x8000) tally.missing += step - 1;
    }
    this.lastSeq = header.sequenceNumber;
    this.lastSsrc = header.ssrc;
    if (!this.keepPackets) return;
    const kept = this.keepPayloads ? Uint8Array.from(payload) : EMPTY;
    this.packets.push({ ...header, payload: kept, arrivalMs });
  }
}
