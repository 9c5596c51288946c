import { createSocket, type Socket } from 'node:dgram';

/**
 * The Asterisk side of one externalMedia channel: a real UDP socket whose address Asterisk would report as
 * `UNICASTRTP_LOCAL_ADDRESS`/`PORT`. It records what reaches it ("what the patient heard", as a count and the
 * sources) and, while its channel is bridged with the callee, can play the callee talking: 20 ms RTP packets
 * (PT 0, 160 bytes) sent to `external_host`. A richer RTP peer can take its place through the fake's
 * `mediaTarget` option.
 */
export class FakeMediaEndpoint {
  packetsReceived = 0;
  packetsSent = 0;
  readonly sources = new Set<string>();
  private speaking: NodeJS.Timeout | null = null;
  private sequence = 0;
  private closed = false;

  private constructor(private readonly socket: Socket) {
    socket.on('message', (_message, remote) => {
      this.packetsReceived += 1;
      this.sources.add(`${remote.address}:${remote.port}`);
    });
    // A send to a closed port answers ICMP unreachable, surfacing here; the fake ignores it like Asterisk does.
    socket.on('error', () => undefined);
  }

  static async open(address = '127.0.0.1'): Promise<FakeMediaEndpoint> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, address, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    return new FakeMediaEndpoint(socket);
  }

  get address(): string {
    return this.socket.address().address;
  }

  get port(): number {
    return this.socket.address().port;
  }

  get isSpeaking(): boolean {
    return this.speaking !== null;
  }

  /** Sends `durationMs` of callee audio to `target` (`ip:port`), one packet every 20 ms. */
  speak(target: string, durationMs: number): void {
    this.stopSpeaking();
    const [host, port] = splitHostPort(target);
    let remaining = Math.max(1, Math.round(durationMs / 20));
    this.speaking = setInterval(() => {
      if (this.closed) return;
      this.socket.send(this.packet(), port, host);
      this.packetsSent += 1;
      remaining -= 1;
      if (remaining <= 0) this.stopSpeaking();
    }, 20);
  }

  stopSpeaking(): void {
    if (this.speaking !== null) clearInterval(this.speaking);
    this.speaking = null;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stopSpeaking();
    this.socket.close();
  }

  private packet(): Buffer {
    const packet = Buffer.alloc(12 + 160, 0x7e);
    packet[0] = 0x80;
    packet[1] = 0;
    packet.writeUInt16BE(this.sequence & 0xffff, 2);
    packet.writeUInt32BE((this.sequence * 160) >>> 0, 4);
    packet.writeUInt32BE(0x0a5e7e11, 8);
    this.sequence += 1;
    return packet;
  }
}

export const splitHostPort = (value: string): [string, number] => {
  const index = value.lastIndexOf(':');
  return [value.slice(0, index), Number(value.slice(index + 1))];
};
