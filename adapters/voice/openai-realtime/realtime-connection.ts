import WebSocket from 'ws';
import type { RealtimeAgentOptions } from './realtime-options';
import { realtimeUrl } from './realtime-options';

/** Why an open attempt failed; `retryable` says whether another attempt within the budget may help (§4.14). */
export type OpenFailure = 'unauthorized' | 'rate_limited' | 'server_error' | 'network' | 'timeout' | 'invalid_config';

const RETRYABLE: ReadonlySet<OpenFailure> = new Set(['rate_limited', 'server_error', 'network', 'timeout']);

export class RealtimeOpenError extends Error {
  constructor(
    readonly code: OpenFailure,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'RealtimeOpenError';
  }

  get retryable(): boolean {
    return RETRYABLE.has(this.code);
  }
}

const failureOfStatus = (status: number): OpenFailure =>
  status === 401 || status === 403 ? 'unauthorized' : status === 429 ? 'rate_limited' : 'server_error';

export interface ConnectionHandlers {
  onMessage(text: string): void;
  /** Once, for any end the owner did not ask for: close code, pong timeout, stalled send buffer, socket error. */
  onLost(reason: string): void;
}

const MAX_PAYLOAD = 16 * 1024 * 1024;

/**
 * One Realtime WebSocket (VOICE.md §4.1): `ws` directly, Authorization header, no beta header, no deflate, a
 * handshake timeout; keep-alive pings with a pong deadline; a watched send buffer (§3.10). Knows nothing of the
 * protocol above the socket.
 */
export class RealtimeConnection {
  private pingTimer: NodeJS.Timeout | null = null;
  private pongTimer: NodeJS.Timeout | null = null;
  private ended = false;
  private handlers: ConnectionHandlers | null = null;

  private constructor(
    private readonly socket: WebSocket,
    private readonly options: RealtimeAgentOptions,
  ) {}

  /** Resolves once the WebSocket is open; rejects with a `RealtimeOpenError`. */
  static open(options: RealtimeAgentOptions, timeoutMs: number): Promise<RealtimeConnection> {
    let url: string;
    try {
      url = realtimeUrl(options);
    } catch (error) {
      return Promise.reject(new RealtimeOpenError('invalid_config', (error as Error).message));
    }
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, {
        headers: { Authorization: `Bearer ${options.apiKey}` },
        perMessageDeflate: false,
        handshakeTimeout: Math.max(1, Math.min(options.handshakeTimeoutMs, timeoutMs)),
        maxPayload: MAX_PAYLOAD,
        ...(options.ca === undefined ? {} : { ca: options.ca }),
      });
      let settled = false;
      const fail = (error: RealtimeOpenError): void => {
        if (settled) return;
        settled = true;
        socket.removeAllListeners();
        socket.on('error', () => undefined);
        socket.terminate();
        reject(error);
      };
      socket.once('unexpected-response', (_request, response) => {
        const status = response.statusCode ?? 0;
        response.resume();
        fail(new RealtimeOpenError(failureOfStatus(status), `handshake answered ${status}`, status));
      });
      socket.once('error', (error: Error) => {
        const timedOut = /timeout|timed out/i.test(error.message);
        fail(new RealtimeOpenError(timedOut ? 'timeout' : 'network', error.message));
      });
      socket.once('close', () => fail(new RealtimeOpenError('network', 'closed during the handshake')));
      socket.once('open', () => {
        if (settled) return;
        settled = true;
        socket.removeAllListeners();
        resolve(new RealtimeConnection(socket, options));
      });
    });
  }

  /** Starts delivering messages and watching the connection. */
  start(handlers: ConnectionHandlers): void {
    this.handlers = handlers;
    this.socket.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
      if (!isBinary) handlers.onMessage(rawText(data));
    });
    this.socket.on('pong', () => this.clearPongTimer());
    this.socket.on('close', (code: number, reason: Buffer) => this.lose(`closed ${code}${reasonText(reason)}`));
    this.socket.on('error', (error: Error) => this.lose(`socket error: ${error.message}`));
    this.armPing();
  }

  /** Sends a text frame; a stalled send buffer is a lost connection. False when nothing was sent. */
  send(text: string): boolean {
    if (this.ended || this.socket.readyState !== WebSocket.OPEN) return false;
    if (this.socket.bufferedAmount > this.options.maxBufferedBytes) {
      this.lose('send buffer stalled');
      return false;
    }
    this.socket.send(text);
    return true;
  }

  get bufferedAmount(): number {
    return this.socket.bufferedAmount;
  }

  /** Our own close: no `onLost`. */
  close(code = 1000): void {
    if (this.ended) return;
    this.ended = true;
    this.stopTimers();
    this.socket.removeAllListeners();
    this.socket.on('error', () => undefined);
    if (this.socket.readyState === WebSocket.OPEN) this.socket.close(code);
    else this.socket.terminate();
  }

  private lose(reason: string): void {
    if (this.ended) return;
    this.ended = true;
    this.stopTimers();
    this.socket.removeAllListeners();
    this.socket.on('error', () => undefined);
    this.socket.terminate();
    this.handlers?.onLost(reason);
  }

  private armPing(): void {
    this.pingTimer = setInterval(() => {
      if (this.pongTimer !== null) return;
      this.socket.ping();
      this.pongTimer = setTimeout(() => this.lose('no pong'), this.options.pongTimeoutMs);
      this.pongTimer.unref();
    }, this.options.pingIntervalMs);
    this.pingTimer.unref();
  }

  private clearPongTimer(): void {
    if (this.pongTimer !== null) clearTimeout(this.pongTimer);
    this.pongTimer = null;
  }

  private stopTimers(): void {
    if (this.pingTimer !== null) clearInterval(this.pingTimer);
    this.pingTimer = null;
    this.clearPongTimer();
  }
}

const rawText = (data: WebSocket.RawData): string => {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  return Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data).toString('utf8');
};

const reasonText = (reason: Buffer): string => (reason.length > 0 ? ` (${reason.toString('utf8')})` : '');
