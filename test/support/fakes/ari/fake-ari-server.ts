import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { bridgeJson } from './fake-ari-model';
import { FakeAriEventHub } from './fake-ari-events';
import { FakeAriHttp, type LoggedOperation, type OperationOverride } from './fake-ari-http';
import type { OperationContext } from './fake-ari-operations';
import { FakeAsterisk, type AriEventJson, type SentEvent } from './fake-asterisk';
import type { DialScenario, VoicemailScript } from './fake-dial-scenarios';

export type { LoggedOperation, OperationOverride } from './fake-ari-http';

export interface FakeAriOptions {
  readonly username?: string;
  readonly password?: string;
  /** `ari.conf` channelvars (default: BIANCA_CALL_ID, BIANCA_ROLE, BIANCA_APP). */
  readonly channelvars?: readonly string[];
  /** Media channels report this RTP address instead of opening their own UDP socket (e.g. a test RTP peer). */
  readonly mediaTarget?: { readonly address: string; readonly port: number };
  /** Scenario for numbers without their own (default: answer). */
  readonly defaultScenario?: DialScenario;
  readonly playbackMs?: number;
}

/**
 * A fake Asterisk ARI on real sockets (VOICE.md §8.1): the swagger documents `ari-client` loads, the REST resources
 * with Asterisk's error wording, the `/ari/events` WebSocket, dial scenarios per number, faults and inspection.
 */
export class FakeAriServer {
  readonly username: string;
  readonly password: string;
  readonly asterisk: FakeAsterisk;
  private readonly http: FakeAriHttp;
  private readonly hub: FakeAriEventHub;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly scenarios = new Map<string, DialScenario>();
  private defaultScenario: DialScenario;
  private withholdMediaVariables = false;
  private port = 0;
  private listening = false;

  private constructor(private readonly options: FakeAriOptions) {
    this.username = options.username ?? 'bianca';
    this.password = options.password ?? 'ari-secret';
    this.defaultScenario = options.defaultScenario ?? { kind: 'answer' };
    this.hub = new FakeAriEventHub(
      (u, p) => u === this.username && p === this.password,
      (sent) => this.asterisk.sent.push(sent),
    );
    this.asterisk = new FakeAsterisk(
      {
        channelvars: options.channelvars ?? ['BIANCA_CALL_ID', 'BIANCA_ROLE', 'BIANCA_APP'],
        playbackMs: options.playbackMs ?? 20,
      },
      this.hub,
    );
    this.http = new FakeAriHttp(
      this,
      () => this.url,
      () => this.context(),
    );
    this.server = createServer((request, response) => {
      this.http.handle(request, response).catch(() => {
        if (!response.headersSent) response.writeHead(400, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ message: 'Bad request' }));
      });
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
      this.sockets.add(socket);
      this.hub.handleUpgrade(request, socket, head);
    });
  }

  static async start(options: FakeAriOptions = {}): Promise<FakeAriServer> {
    const fake = new FakeAriServer(options);
    await fake.listen(0);
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  // ---- scenario API ----

  setScenario(number: string, scenario: DialScenario): void {
    this.scenarios.set(number, scenario);
  }

  setDefaultScenario(scenario: DialScenario): void {
    this.defaultScenario = scenario;
  }

  setVoicemail(script: VoicemailScript): void {
    this.asterisk.voicemail = script;
  }

  /** The callee (or the network) hangs the channel up now, e.g. while talking (`talkMs` of audio first). */
  remoteHangup(channelId: string, options: { cause?: number; talkMs?: number } = {}): void {
    const channel = this.asterisk.requireChannel(channelId);
    if (options.talkMs === undefined) return this.asterisk.hangup(channel, options.cause ?? 16);
    this.asterisk.talk(channel, options.talkMs * 4);
    this.asterisk.after(options.talkMs, () => this.asterisk.hangup(channel, options.cause ?? 16));
  }

  /** The callee talks for `ms` (RTP to our leg), if its channel is bridged with a media channel. */
  talk(channelId: string, ms: number): void {
    this.asterisk.talk(this.asterisk.requireChannel(channelId), ms);
  }

  /** Puts a channel there directly (e.g. a leftover of an earlier process), `ageMs` old, in Stasis, Up. */
  seedChannel(
    id: string,
    variables: Readonly<Record<string, string>>,
    options: { app?: string; ageMs?: number } = {},
  ): void {
    const app = options.app ?? 'seeded';
    this.asterisk.channels.set(id, {
      id,
      name: `PJSIP/seeded-${id}`,
      role: variables['BIANCA_ROLE'] === 'media' ? 'media' : 'pstn',
      app,
      createdAt: new Date(Date.now() - (options.ageMs ?? 60_000)),
      variables: new Map(Object.entries(variables)),
      endpoint: 'PJSIP/+15550009999@carrier',
      appArgs: [],
      ringTimeoutS: 30,
      state: 'Up',
      inStasis: true,
      dialplan: { context: 'default', exten: 's', priority: 1, app_name: 'Stasis', app_data: app },
      bridgeId: null,
      media: null,
      externalHost: null,
    });
  }

  seedBridge(id: string, channelIds: readonly string[], ageMs = 60_000): void {
    const bridge = {
      id,
      name: id,
      type: 'mixing',
      createdAt: new Date(Date.now() - ageMs),
      channels: [] as string[],
      apps: new Set<string>(),
    };
    this.asterisk.bridges.set(id, bridge);
    for (const channelId of channelIds) {
      const channel = this.asterisk.channels.get(channelId);
      if (channel !== undefined) {
        channel.bridgeId = id;
        bridge.channels.push(channelId);
      }
    }
  }

  // ---- faults ----

  failApiDocs(status: number | null): void {
    this.http.apiDocsStatus = status;
  }

  /** externalMedia answers without `UNICASTRTP_LOCAL_*` in `channelvars` (the adapter must ask for them). */
  omitMediaVariables(omit: boolean): void {
    this.withholdMediaVariables = omit;
  }

  override(operation: string, override: OperationOverride): void {
    this.http.override(operation, override);
  }

  clearOverrides(): void {
    this.http.clearOverrides();
  }

  transformEvents(transform: ((event: AriEventJson) => AriEventJson[]) | null): void {
    this.asterisk.transform = transform ?? ((event) => [event]);
  }

  /** Terminates every event socket; upgrades are refused for `refuseForMs` (so events in between are lost). */
  dropEventSockets(refuseForMs = 0): void {
    if (refuseForMs > 0) this.hub.refuseFor(refuseForMs);
    this.hub.dropAll();
  }

  /** Pings on the event socket go unanswered while `silent` (the socket itself stays open). */
  silenceHeartbeat(silent: boolean): void {
    this.hub.silent = silent;
  }

  /** Connections are refused from now on (the port is closed), until `comeBack()`. */
  async goUnreachable(): Promise<void> {
    this.hub.dropAll();
    for (const socket of this.sockets) socket.destroy();
    for (const response of this.http.hanging) response.destroy();
    this.http.hanging.clear();
    if (!this.listening) return;
    this.listening = false;
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  async comeBack(): Promise<void> {
    if (!this.listening) await this.listen(this.port);
  }

  /** Asterisk restarts: everything is forgotten silently, the start-up time changes, back after `downForMs`. */
  async restart(downForMs = 0): Promise<void> {
    await this.goUnreachable();
    this.asterisk.forgetEverything();
    if (downForMs > 0) await new Promise((resolve) => setTimeout(resolve, downForMs));
    await this.comeBack();
  }

  // ---- inspection ----

  liveChannels(): Array<Record<string, unknown>> {
    return [...this.asterisk.channels.values()].map((c) => this.asterisk.snapshot(c));
  }

  liveBridges(): Array<Record<string, unknown>> {
    return [...this.asterisk.bridges.values()].map(bridgeJson);
  }

  get events(): readonly SentEvent[] {
    return this.asterisk.sent;
  }

  /** Everything the fake holds open on behalf of clients: what the leak assertions compare with zero. */
  counts(): { channels: number; bridges: number; mediaSockets: number; eventSockets: number; timers: number } {
    const media = [...this.asterisk.channels.values()].filter((c) => c.media !== null).length;
    return {
      channels: this.asterisk.channels.size,
      bridges: this.asterisk.bridges.size,
      mediaSockets: media,
      eventSockets: this.hub.openSockets,
      timers: this.asterisk.pendingTimers,
    };
  }

  get eventConnections(): number {
    return this.hub.connections;
  }

  holdsApp(app: string): boolean {
    return this.hub.holds(app);
  }

  /** Every REST request, in the order the fake answered them. */
  get operations(): readonly LoggedOperation[] {
    return this.http.operations;
  }

  operationsNamed(operation: string): LoggedOperation[] {
    return this.http.operations.filter((o) => o.operation === operation);
  }

  async stop(): Promise<void> {
    this.asterisk.forgetEverything();
    this.hub.close();
    await this.goUnreachable();
  }

  // ---- HTTP ----

  private async listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
    this.listening = true;
  }

  private context(): OperationContext {
    return {
      asterisk: this.asterisk,
      scenarioFor: (number) => this.scenarios.get(number) ?? this.defaultScenario,
      appHeld: (app) => this.hub.holds(app),
      mediaTarget: this.options.mediaTarget ?? null,
      omitMediaVariables: this.withholdMediaVariables,
    };
  }
}
