import { createSocket, type Socket } from 'node:dgram';
import type { MediaStats, MediaStream } from '../../../../application/ports/media-stream';
import type { RtpLeg, RtpMediaFactory } from '../../../../adapters/telephony/rtp/rtp-media-factory';

const zeroStats: MediaStats = { framesIn: 0, framesOut: 0, lost: 0, concealed: 0, underruns: 0, jitterMs: 0 };

/** A media stream that only counts: the ARI tests care that the handle arrives, not about audio. */
class CountingStream implements MediaStream {
  closed = false;
  attach(): void {}
  detach(): void {}
  write(): void {}
  endOfItem(): void {}
  clear() {
    return { itemId: null, playedMs: 0 };
  }
  onPlaybackFinished(): void {}
  stats(): MediaStats {
    return zeroStats;
  }
  close(): void {
    this.closed = true;
  }
}

/** One leg: a real UDP socket on loopback that records what arrives and can send a packet to the pinned remote. */
export class StubRtpLeg implements RtpLeg {
  readonly stream = new CountingStream();
  packetsReceived = 0;
  remote: { address: string; port: number } | null = null;
  released = false;

  constructor(
    readonly callId: string,
    private readonly socket: Socket,
    private readonly onRelease: (leg: StubRtpLeg) => void,
  ) {
    socket.on('message', () => (this.packetsReceived += 1));
    socket.on('error', () => undefined);
  }

  get localAddress(): string {
    return this.socket.address().address;
  }

  get localPort(): number {
    return this.socket.address().port;
  }

  setRemote(address: string, port: number): void {
    this.remote = { address, port };
  }

  /** Sends one 20 ms µ-law packet to the pinned remote (what the agent's audio would be). */
  sendPacket(): void {
    if (this.remote === null || this.released) return;
    const packet = Buffer.alloc(172, 0xff);
    packet[0] = 0x80;
    this.socket.send(packet, this.remote.port, this.remote.address);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.stream.close();
    this.socket.close();
    this.onRelease(this);
  }
}

/** `RtpMediaFactory` for the ARI tests: real sockets, a count of open legs, and a switch to fail the next opens. */
export class StubRtpMediaFactory implements RtpMediaFactory {
  readonly legs = new Map<string, StubRtpLeg>();
  opened = 0;
  released = 0;
  failOpens = 0;

  async open(callId: string): Promise<RtpLeg> {
    if (this.failOpens > 0) {
      this.failOpens -= 1;
      throw new Error('no free RTP port');
    }
    const socket = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, '127.0.0.1', () => resolve());
    });
    const leg = new StubRtpLeg(callId, socket, (l) => {
      this.released += 1;
      if (this.legs.get(l.callId) === l) this.legs.delete(l.callId);
    });
    this.opened += 1;
    this.legs.set(callId, leg);
    return leg;
  }

  activeLegs(): readonly string[] {
    return [...this.legs.keys()];
  }

  close(): Promise<void> {
    for (const leg of [...this.legs.values()]) leg.release();
    return Promise.resolve();
  }
}
