import { readFileSync } from 'node:fs';
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import {
  DEFAULT_SCENARIO,
  defaultVadDbfs,
  type FakeRealtimeOptions,
  type FakeRealtimeScenario,
} from './fake-realtime-scenario';
import { FakeRealtimeSession, type FaultKind } from './fake-realtime-session';

type Json = Record<string, unknown>;

const TLS_DIR = join(__dirname, '..', '..', '..', 'fixtures', 'tls');
/** The committed test certificate (test/fixtures/tls/README.md); clients pass it as `ca`. */
export const TEST_CA = readFileSync(join(TLS_DIR, 'localhost-cert.pem'), 'utf8');
const TEST_KEY = readFileSync(join(TLS_DIR, 'localhost-key.pem'), 'utf8');

export const FAKE_API_KEY = 'sk-test-fake-realtime';

interface CloseRule {
  readonly match: (event: Json, session: FakeRealtimeSession) => boolean;
  readonly code: number;
}

/**
 * A fake OpenAI Realtime server on loopback over TLS (VOICE.md §8.2, RESOLUTIONS.md 38): GA handshake checks
 * (Bearer key, `model`, no `OpenAI-Beta`), sessions driven by an energy VAD and a scenario, and faults — refused or
 * hanging handshakes, sockets dropped with a chosen code now or just before a chosen event, silenced pings,
 * delayed `session.updated`. Inspection goes through `sessions`.
 */
export class FakeRealtimeServer {
  readonly sessions: FakeRealtimeSession[] = [];
  readonly handshakes: Array<{ readonly status: number; readonly headers: IncomingMessage['headers'] }> = [];
  readonly apiKey: string;
  /** Bench hook: every decoded append, as it arrives. */
  onAppend: ((session: FakeRealtimeSession, bytes: Buffer) => void) | undefined = undefined;
  private readonly server: Server;
  private readonly wss = new WebSocketServer({ noServer: true, autoPong: false, perMessageDeflate: false });
  private readonly sockets = new Set<Socket>();
  private readonly scenario: FakeRealtimeScenario;
  private utteranceIndex = 0;
  private refuseUntil = 0;
  private refuseStatus = 503;
  private refuseCount = 0;
  private hanging = false;
  private silentPings = false;
  private closeRules: CloseRule[] = [];
  private updateDelay: number;
  private readonly faults = new Map<FaultKind, number>();
  private port = 0;

  constructor(private readonly options: FakeRealtimeOptions = {}) {
    this.apiKey = options.apiKey ?? FAKE_API_KEY;
    this.scenario = { ...DEFAULT_SCENARIO, ...options.scenario };
    this.updateDelay = options.updateDelayMs ?? 0;
    this.server = createServer({ cert: TEST_CA, key: TEST_KEY });
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) =>
      this.upgrade(request, socket, head),
    );
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** Base URL for the adapter (it adds `?model=`). */
  get url(): string {
    return `wss://127.0.0.1:${this.port}/v1/realtime`;
  }

  get ca(): string {
    return TEST_CA;
  }

  openSessions(): number {
    return this.sessions.filter((session) => session.isOpen).length;
  }

  get latest(): FakeRealtimeSession | undefined {
    return this.sessions[this.sessions.length - 1];
  }

  // Faults -----------------------------------------------------------------------------------------------------

  /** Drops every open session now: 1006 terminates the socket, other codes close it cleanly with that code. */
  dropSessions(code = 1006): void {
    for (const session of this.sessions) session.close(code);
  }

  /** Drops the session (once) instead of sending the first event that matches. */
  dropBefore(match: (event: Json, session: FakeRealtimeSession) => boolean, code = 1006): void {
    this.closeRules.push({ match, code });
  }

  /** Answers handshakes with `status` for `ms` from now (`Infinity`: until told otherwise). */
  refuseFor(ms: number, status = 503): void {
    this.refuseUntil = ms === Infinity ? Infinity : Date.now() + ms;
    this.refuseStatus = status;
  }

  /** Answers the next `count` handshakes with `status`. */
  refuseNext(count: number, status: number): void {
    this.refuseCount = count;
    this.refuseStatus = status;
  }

  /** Accepts TCP and TLS but never answers the upgrade (a handshake timeout). */
  hangHandshakes(on: boolean): void {
    this.hanging = on;
  }

  silencePings(on: boolean): void {
    this.silentPings = on;
  }

  /** Refuses the next `count` requests of `kind` with the provider's error event. */
  failNext(kind: FaultKind, count = 1): void {
    this.faults.set(kind, count);
  }

  setUpdateDelay(ms: number): void {
    this.updateDelay = ms;
  }

  // Lifecycle --------------------------------------------------------------------------------------------------

  async stop(): Promise<void> {
    for (const session of this.sessions) session.close(1001);
    for (const socket of this.sockets) socket.destroy();
    this.wss.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Resolves when `predicate` holds (polled every 5 ms), rejects after `timeoutMs`. */
  async waitFor(predicate: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`fake realtime: timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  private upgrade(request: IncomingMessage, socket: Socket, head: Buffer): void {
    const status = this.handshakeStatus(request);
    this.handshakes.push({ status, headers: request.headers });
    if (status === 0) return;
    if (status !== 101) {
      socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    const model = new URL(request.url ?? '/', 'https://localhost').searchParams.get('model') ?? '';
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      const session = new FakeRealtimeSession(
        ws,
        {
          scenario: this.scenario,
          stream: {
            speed: this.options.speed ?? 4,
            chunkMs: this.options.chunkMs ?? 100,
            msPerChar: this.options.msPerChar ?? 60,
          },
          transcriptionDelayMs: this.options.transcriptionDelayMs ?? 20,
          expiresInS: this.options.expiresInS ?? 3600,
          vadDbfsOf: this.options.vadDbfsOf ?? defaultVadDbfs,
          updateDelayMs: () => this.updateDelay,
          nextUtterance: () => this.scenario.utterances[this.utteranceIndex++],
          closeBefore: (target, event) => this.closeBefore(target, event),
          pingsSilenced: () => this.silentPings,
          consumeFault: (kind) => this.consumeFault(kind),
          onAppend: (target, bytes) => this.onAppend?.(target, bytes),
        },
        model,
        this.sessions.length + 1,
      );
      this.sessions.push(session);
    });
  }

  /** 101 to accept; 0 to hang; an HTTP status to refuse. */
  private handshakeStatus(request: IncomingMessage): number {
    if (this.hanging) return 0;
    if (this.refuseCount > 0) {
      this.refuseCount -= 1;
      return this.refuseStatus;
    }
    if (Date.now() < this.refuseUntil) return this.refuseStatus;
    const url = new URL(request.url ?? '/', 'https://localhost');
    if (url.pathname !== '/v1/realtime') return 404;
    if (request.headers.authorization !== `Bearer ${this.apiKey}`) return 401;
    if (request.headers['openai-beta'] !== undefined) return 400;
    if (!url.searchParams.get('model')) return 400;
    return 101;
  }

  private consumeFault(kind: FaultKind): boolean {
    const left = this.faults.get(kind) ?? 0;
    if (left <= 0) return false;
    this.faults.set(kind, left - 1);
    return true;
  }

  private closeBefore(session: FakeRealtimeSession, event: Json): number | null {
    const index = this.closeRules.findIndex((rule) => rule.match(event, session));
    if (index < 0) return null;
    const [rule] = this.closeRules.splice(index, 1);
    return rule.code;
  }
}
