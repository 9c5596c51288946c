import { type Socket, createSocket } from 'node:dgram';
import { DomainError } from '../../../domain/shared/errors';
import type { Logger } from '../../../application/ports/logger';
import type { RandomSource } from '../../../application/ports/random-source';
import type { OutboundPlayoutOptions } from '../media/outbound-playout';
import type { MonotonicClock, Pacer } from './pacer';
import { type PortRange, PortPool } from './port-pool';
import type { ReorderBufferOptions } from './reorder-buffer';
import { RtpMediaStream } from './rtp-media-stream';
import type { RtpLeg, RtpMediaFactory } from './rtp-media-factory';
import type { RtpOrigin } from './rtp-sender';

/**
 * `RtpMediaFactory` over `node:dgram`: one `udp4` socket per call, bound to a leased port on `RTP_BIND_ADDRESS`
 * with 256 KiB socket buffers (§3.10), random initial sequence number, timestamp and SSRC (§3.6), all streams
 * paced by the one shared `Pacer`. Every leg is released exactly once: socket closed, port back to the pool (after
 * its cool-down), pacer registration removed.
 */
export interface DgramRtpMediaFactoryOptions {
  readonly bindAddress: string;
  /** The IP literal Asterisk sends to (`RTP_ADVERTISE_ADDRESS`); defaults to the bind address. */
  readonly advertiseAddress?: string;
  readonly portRange: PortRange;
  readonly socketBufferBytes: number;
  readonly portCoolDownMs?: number;
  readonly reorder?: ReorderBufferOptions;
  readonly playout?: OutboundPlayoutOptions;
}

export interface DgramRtpMediaFactoryDeps {
  readonly pacer: Pacer;
  readonly clock: MonotonicClock;
  readonly random: RandomSource;
  readonly logger: Logger;
}

export class RtpBindError extends DomainError {
  constructor(readonly code: string) {
    super('RTP_BIND_FAILED', 'unavailable', `The RTP socket could not be bound (${code})`);
    this.name = 'RtpBindError';
  }
}

export class RtpFactoryClosedError extends DomainError {
  constructor() {
    super('RTP_FACTORY_CLOSED', 'unavailable', 'The RTP media factory is closed');
    this.name = 'RtpFactoryClosedError';
  }
}

const BIND_RETRIES = 10;
const errorCode = (error: unknown): string =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : 'UNKNOWN';

export class DgramRtpMediaFactory implements RtpMediaFactory {
  private readonly pool: PortPool;
  private readonly legs = new Map<string, RtpLeg>();
  private readonly sockets = new Set<Socket>();
  private readonly usedSsrcs = new Set<number>();
  private readonly socketsDrained: (() => void)[] = [];
  private warnedBufferCap = false;
  private closed = false;

  constructor(
    private readonly options: DgramRtpMediaFactoryOptions,
    private readonly deps: DgramRtpMediaFactoryDeps,
  ) {
    this.pool = new PortPool(options.portRange, {
      clock: deps.clock,
      randomIndex: (bound) => this.randomUint32() % bound,
      ...(options.portCoolDownMs === undefined ? {} : { coolDownMs: options.portCoolDownMs }),
    });
  }

  async open(callId: string): Promise<RtpLeg> {
    if (this.closed) throw new RtpFactoryClosedError();
    const socket = await this.bindLeased(callId);
    if (this.closed) {
      this.pool.release(callId);
      socket.close();
      throw new RtpFactoryClosedError();
    }
    const localPort = socket.address().port;
    this.pool.bound(callId, localPort);
    this.applyBufferSizes(socket);
    const stream = new RtpMediaStream(
      socket,
      this.deps.pacer,
      this.deps.clock,
      this.nextOrigin(),
      () => {
        this.legs.delete(callId);
        this.pool.release(callId);
      },
      {
        ...(this.options.reorder && { reorder: this.options.reorder }),
        ...(this.options.playout && { playout: this.options.playout }),
      },
    );
    const leg: RtpLeg = {
      callId,
      localAddress: this.options.advertiseAddress ?? this.options.bindAddress,
      localPort,
      stream,
      setRemote: (address, port) => stream.setRemote(address, port),
      release: () => stream.close(),
    };
    this.legs.set(callId, leg);
    return leg;
  }

  activeLegs(): readonly string[] {
    return [...this.legs.keys()];
  }

  /** Sockets created and not yet closed by the runtime (the leak audit compares it with `activeLegs`). */
  openSocketCount(): number {
    return this.sockets.size;
  }

  leasedPorts(): readonly { callId: string; port: number }[] {
    return this.pool.leases();
  }

  /** Releases every leg and resolves once every socket has closed. Later `open` calls reject. */
  async close(): Promise<void> {
    this.closed = true;
    for (const leg of [...this.legs.values()]) leg.release();
    await this.whenSocketsClosed();
  }

  whenSocketsClosed(): Promise<void> {
    if (this.sockets.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.socketsDrained.push(resolve));
  }

  private async bindLeased(callId: string): Promise<Socket> {
    const taken = new Set<number>();
    for (let attempt = 0; ; attempt += 1) {
      const port = this.pool.lease(callId, taken);
      try {
        return await this.bind(port);
      } catch (error) {
        this.pool.release(callId);
        const code = errorCode(error);
        if (code !== 'EADDRINUSE' || attempt >= BIND_RETRIES || port === 0) throw new RtpBindError(code);
        taken.add(port);
      }
    }
  }

  private bind(port: number): Promise<Socket> {
    const socket = createSocket({ type: 'udp4' });
    this.sockets.add(socket);
    socket.once('close', () => this.onSocketClosed(socket));
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => {
        socket.close();
        reject(error);
      };
      socket.once('error', onError);
      socket.bind({ port, address: this.options.bindAddress, exclusive: true }, () => {
        socket.off('error', onError);
        resolve(socket);
      });
    });
  }

  private onSocketClosed(socket: Socket): void {
    this.sockets.delete(socket);
    if (this.sockets.size > 0) return;
    for (const resolve of this.socketsDrained.splice(0)) resolve();
  }

  private applyBufferSizes(socket: Socket): void {
    const wanted = this.options.socketBufferBytes;
    try {
      socket.setRecvBufferSize(wanted);
      socket.setSendBufferSize(wanted);
      // Linux reports twice the requested size (its bookkeeping overhead); less than that means the kernel capped it.
      const expected = process.platform === 'linux' ? wanted * 2 : wanted;
      const recv = socket.getRecvBufferSize();
      const send = socket.getSendBufferSize();
      if ((recv < expected || send < expected) && !this.warnedBufferCap) {
        this.warnedBufferCap = true;
        this.deps.logger.warn(
          { wantedBytes: wanted, recvBytes: recv, sendBytes: send },
          'RTP socket buffers capped by the kernel (raise net.core.rmem_max / wmem_max)',
        );
      }
    } catch (error) {
      if (!this.warnedBufferCap) {
        this.warnedBufferCap = true;
        this.deps.logger.warn({ code: errorCode(error) }, 'RTP socket buffer sizes could not be set');
      }
    }
  }

  private nextOrigin(): RtpOrigin {
    const bytes = this.deps.random.bytes(6);
    let ssrc = this.randomUint32();
    // Never reuse an SSRC within the process: a stale packet of an old call must not pass for a new one's.
    while (this.usedSsrcs.has(ssrc)) ssrc = this.randomUint32();
    this.usedSsrcs.add(ssrc);
    return {
      sequenceNumber: (bytes[0] << 8) | bytes[1],
      timestamp: ((bytes[2] << 24) | (bytes[3] << 16) | (bytes[4] << 8) | bytes[5]) >>> 0,
      ssrc,
    };
  }

  private randomUint32(): number {
    const bytes = this.deps.random.bytes(4);
    return ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
  }
}
