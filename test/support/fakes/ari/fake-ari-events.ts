import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { timestamp } from './fake-ari-model';
import type { AriEventJson, EventSink, SentEvent } from './fake-asterisk';

/**
 * The `/ari/events` WebSocket (VOICE.md §8.1, Appendix D.5): credentials in `api_key=user:pass`, one socket holds
 * each app at a time (a newer one takes it and the older gets `ApplicationReplaced`), and events for an app nobody
 * holds are dropped, as Asterisk drops them.
 */
export class FakeAriEventHub implements EventSink {
  private readonly server = new WebSocketServer({ noServer: true, autoPong: false });
  /** While set, pings go unanswered (a half-dead connection the client can only notice by its heartbeat). */
  silent = false;
  private readonly holders = new Map<string, WebSocket>();
  private refuseUntil = 0;
  private refuseStatus = 503;
  /** Upgrades accepted so far (reconnections included). */
  connections = 0;

  constructor(
    private readonly credentialsOk: (user: string, password: string) => boolean,
    private readonly record: (sent: SentEvent) => void,
  ) {}

  get openSockets(): number {
    return this.server.clients.size;
  }

  holds(app: string): boolean {
    return this.holders.has(app);
  }

  deliver(event: AriEventJson): boolean {
    const socket = this.holders.get(event.application);
    if (socket === undefined || socket.readyState !== socket.OPEN) return false;
    socket.send(JSON.stringify(event));
    return true;
  }

  /** Upgrade attempts are answered `status` until `ms` from now (a reconnection blackout). */
  refuseFor(ms: number, status = 503): void {
    this.refuseUntil = Date.now() + ms;
    this.refuseStatus = status;
  }

  /** Kills every event socket at once, as a network drop would (no close frame). */
  dropAll(): void {
    for (const socket of this.server.clients) socket.terminate();
    this.holders.clear();
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://fake');
    const reject = (status: number, text: string): void => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      socket.destroy();
    };
    if (url.pathname !== '/ari/events') return reject(404, 'Not Found');
    if (Date.now() < this.refuseUntil) return reject(this.refuseStatus, 'Service Unavailable');
    const [user, ...rest] = (url.searchParams.get('api_key') ?? '').split(':');
    if (!this.credentialsOk(user ?? '', rest.join(':'))) return reject(401, 'Unauthorized');
    const apps = (url.searchParams.get('app') ?? '').split(',').filter((a) => a !== '');
    if (apps.length === 0) return reject(400, 'Bad Request');
    this.server.handleUpgrade(request, socket, head, (ws) => this.accept(ws, apps));
  }

  close(): void {
    this.dropAll();
    this.server.close();
  }

  private accept(ws: WebSocket, apps: readonly string[]): void {
    this.connections += 1;
    for (const app of apps) {
      const previous = this.holders.get(app);
      if (previous !== undefined && previous !== ws && previous.readyState === previous.OPEN) {
        const event: AriEventJson = { type: 'ApplicationReplaced', application: app, timestamp: timestamp() };
        previous.send(JSON.stringify(event));
        this.record({ event, delivered: true });
      }
      this.holders.set(app, ws);
    }
    ws.on('error', () => undefined);
    ws.on('ping', (data) => {
      if (!this.silent) ws.pong(data);
    });
    ws.on('close', () => {
      for (const [app, holder] of this.holders) if (holder === ws) this.holders.delete(app);
    });
  }
}
