import type { Client } from 'ari-client';
import type { Logger } from '../../../application/ports/logger';
import { Deadlines } from './ari-deadlines';
import { eventSourceOf, retireClient, type AriConnect } from './ari-library-guard';
import { AriRequests, type AriRequestSettings } from './ari-requests';
import { restOverClient, type AriRest } from './ari-rest';
import type { AriTimers, CancelTimer } from './ari-timers';

/**
 * `connecting`: our own connect loop (start-up, or a fresh client after a failure); `reconnecting`: the library's
 * short reconnection of the event socket; `reconciling`: comparing Asterisk with our calls before dials resume.
 */
export type AriConnectionState =
  'idle' | 'connecting' | 'ready' | 'reconnecting' | 'reconciling' | 'replaced' | 'closed';

export interface AriSupervisorSettings extends AriRequestSettings {
  readonly url: string;
  readonly username: string;
  readonly password: string;
  readonly app: string;
  readonly connectTimeoutMs: number;
  readonly pingIntervalMs: number;
  readonly pongTimeoutMs: number;
  readonly healthIntervalMs: number;
  readonly reconnectBaseMs: number;
  readonly reconnectMaxMs: number;
}

export interface AriSupervisorHooks {
  /** Every event of our app as the library parsed it. */
  onEvent(event: unknown): void;
  /** After start-up and every reconnection, before dials are let through; `restarted`: Asterisk restarted. */
  reconcile(restarted: boolean): Promise<void>;
}

export interface AriSupervisorDeps {
  readonly timers: AriTimers;
  readonly logger: Logger;
  readonly connect: AriConnect;
  /** In [0, 1): the back-off jitter. */
  readonly random: () => number;
}

/**
 * Owns the ARI client's life (VOICE.md §7.1): connect (retried with back-off, forever), heartbeat, the library's
 * own short reconnections followed by reconciliation, a full reconnection with a fresh client when the library
 * gives up or the heartbeat fails, and `ApplicationReplaced`. Every outcome counts on the telephony breaker.
 */
export class AriSupervisor {
  readonly requests: AriRequests;
  private current: AriConnectionState = 'idle';
  private client: Client | null = null;
  private rest: AriRest | null = null;
  private generation = 0;
  private failures = 0;
  private startupTime: string | null = null;
  private readonly waiters = new Set<(ready: boolean) => void>();
  private readonly cancels = new Map<'retry' | 'ping' | 'pong' | 'health', CancelTimer>();
  private isolation: { dispose: () => void } | null = null;
  private readonly deadlines: Deadlines;
  /** The library's connect under way, which `close()` lets finish (bounded): its requests must not outlive us. */
  private pendingConnect: Promise<unknown> | null = null;

  constructor(
    private readonly settings: AriSupervisorSettings,
    private readonly hooks: AriSupervisorHooks,
    private readonly deps: AriSupervisorDeps,
  ) {
    this.requests = new AriRequests(() => this.rest, deps.timers, settings);
    this.deadlines = new Deadlines(deps.timers);
  }

  get state(): AriConnectionState {
    return this.current;
  }

  start(): void {
    if (this.current !== 'idle') return;
    this.current = 'connecting';
    this.connectNow();
  }

  /** Resolves true once ready; false after `timeoutMs`, when closed, or at once while the breaker is open. */
  whenReady(timeoutMs: number): Promise<boolean> {
    if (this.current === 'ready') return Promise.resolve(true);
    if (this.current === 'closed' || this.requests.breakerOpen) return Promise.resolve(false);
    return new Promise((resolve) => {
      const finish = (ready: boolean): void => {
        this.waiters.delete(finish);
        cancel();
        onBreak.dispose();
        resolve(ready);
      };
      const cancel = this.deps.timers.after(timeoutMs, () => finish(false));
      const onBreak = this.requests.breaker.onBreak(() => finish(false));
      this.waiters.add(finish);
    });
  }

  async close(): Promise<void> {
    if (this.current === 'closed') return;
    this.current = 'closed';
    this.generation += 1;
    for (const cancel of this.cancels.values()) cancel();
    this.cancels.clear();
    this.deadlines.abortAll();
    this.dropClient();
    this.isolation?.dispose();
    this.isolation = null;
    for (const waiter of [...this.waiters]) waiter(false);
    if (this.pendingConnect !== null) await this.deadlines.settle(this.pendingConnect, this.settings.connectTimeoutMs);
  }

  private connectNow(): void {
    void this.establish();
  }

  private setTimer(name: 'retry' | 'ping' | 'pong' | 'health', ms: number, action: () => void): void {
    this.cancels.get(name)?.();
    this.cancels.set(
      name,
      this.deps.timers.after(ms, () => {
        this.cancels.delete(name);
        action();
      }),
    );
  }

  private clearTimer(name: 'retry' | 'ping' | 'pong' | 'health'): void {
    this.cancels.get(name)?.();
    this.cancels.delete(name);
  }

  private stale(generation: number): boolean {
    return generation !== this.generation || this.current === 'closed';
  }

  private async establish(): Promise<void> {
    const generation = ++this.generation;
    const { url, username, password, app, connectTimeoutMs } = this.settings;
    this.current = 'connecting';
    try {
      const connecting = this.deps.connect(url, username, password);
      this.pendingConnect = connecting;
      void connecting
        .finally(() => {
          if (this.pendingConnect === connecting) this.pendingConnect = null;
        })
        .catch(() => undefined);
      const client = await this.deadlines.within(connecting, connectTimeoutMs, 'connect', retireClient);
      if (this.stale(generation)) return retireClient(client);
      this.client = client;
      this.rest = restOverClient(client);
      this.listen(client);
      await this.deadlines.within(eventSourceOf(client).start(app), connectTimeoutMs, 'start');
      const info = await this.requests.read('asterisk.getInfo', (rest) => rest.getInfo());
      await this.requests.read('applications.get', (rest) => rest.getApplication(app));
      if (this.stale(generation)) return;
      this.deps.logger.info({ app, version: info.version }, 'ARI connected');
      await this.reconcile(info.startupTime);
      // A drop during reconciliation hands over to the library's reconnection, which reconciles again.
      if (!this.stale(generation) && this.state === 'reconciling') this.becomeReady(client);
    } catch (error) {
      if (this.stale(generation)) return;
      this.deps.logger.warn({ app, error: String(error), attempt: this.failures + 1 }, 'ARI connection failed');
      this.fallBack();
    }
  }

  private async reconcile(startupTime: string | null): Promise<void> {
    const restarted = this.startupTime !== null && startupTime !== null && startupTime !== this.startupTime;
    this.startupTime = startupTime ?? this.startupTime;
    this.current = 'reconciling';
    await this.hooks.reconcile(restarted);
  }

  private becomeReady(client: Client): void {
    this.current = 'ready';
    this.failures = 0;
    this.requests.record('success');
    this.startHeartbeat(client);
    for (const waiter of [...this.waiters]) waiter(true);
  }

  /** Discards the client and tries again with a fresh one after the back-off (1 s doubling to 30 s, ±20 %). */
  private fallBack(): void {
    this.dropClient();
    this.requests.record('failure');
    this.current = 'connecting';
    const { reconnectBaseMs, reconnectMaxMs } = this.settings;
    const base = Math.min(reconnectMaxMs, reconnectBaseMs * 2 ** Math.min(this.failures, 16));
    this.failures += 1;
    const delay = Math.round(base * (0.8 + 0.4 * this.deps.random()));
    this.setTimer('retry', delay, () => this.connectNow());
  }

  private dropClient(): void {
    for (const name of ['ping', 'pong', 'health'] as const) this.clearTimer(name);
    if (this.client !== null) retireClient(this.client);
    this.client = null;
    this.rest = null;
  }

  private listen(client: Client): void {
    const source = eventSourceOf(client);
    const mine = (): boolean => this.client === client && this.current !== 'closed';
    source.on('*', (event: unknown) => {
      if (!mine()) return;
      if (typeof event === 'object' && event !== null && (event as { type?: unknown }).type === 'ApplicationReplaced') {
        return this.replaced();
      }
      try {
        this.hooks.onEvent(event);
      } catch (error) {
        this.deps.logger.error({ error: String(error) }, 'ARI event handler failed');
      }
    });
    source.on('WebSocketReconnecting', () => {
      if (!mine()) return;
      if (this.current === 'ready' || this.current === 'reconciling') {
        this.deps.logger.warn({ app: this.settings.app }, 'ARI event socket lost; the library reconnects');
        this.current = 'reconnecting';
        for (const name of ['ping', 'pong', 'health'] as const) this.clearTimer(name);
      }
      this.requests.record('failure');
    });
    source.on('WebSocketConnected', () => {
      if (mine() && this.current === 'reconnecting') void this.afterLibraryReconnect(client);
    });
    source.on('WebSocketMaxRetries', () => {
      if (mine()) this.restart('the library gave up reconnecting');
    });
    source.on('pong', () => {
      if (!mine()) return;
      this.clearTimer('pong');
      this.setTimer('ping', this.settings.pingIntervalMs, () => this.ping(client));
    });
  }

  private async afterLibraryReconnect(client: Client): Promise<void> {
    const generation = this.generation;
    try {
      const info = await this.requests.read('asterisk.getInfo', (rest) => rest.getInfo());
      if (this.stale(generation)) return;
      await this.reconcile(info.startupTime);
      if (!this.stale(generation) && this.client === client && this.state === 'reconciling') {
        this.becomeReady(client);
      }
    } catch (error) {
      if (!this.stale(generation)) this.restart(`reconciliation failed: ${String(error)}`);
    }
  }

  private restart(reason: string): void {
    if (this.current === 'closed') return;
    this.deps.logger.warn({ app: this.settings.app, reason }, 'ARI connection restarted');
    this.generation += 1;
    this.fallBack();
  }

  private replaced(): void {
    this.deps.logger.error(
      { app: this.settings.app },
      'ARI application taken over by another process (deployment error): telephony breaker forced open',
    );
    this.current = 'replaced';
    for (const name of ['ping', 'pong', 'health'] as const) this.clearTimer(name);
    this.isolation ??= this.requests.breaker.isolate();
  }

  private startHeartbeat(client: Client): void {
    this.setTimer('ping', this.settings.pingIntervalMs, () => this.ping(client));
    this.setTimer('health', this.settings.healthIntervalMs, () => void this.checkHealth(client));
  }

  private ping(client: Client): void {
    if (this.client !== client || this.current !== 'ready') return;
    this.setTimer('pong', this.settings.pongTimeoutMs, () => this.restart('no pong from the ARI event socket'));
    try {
      eventSourceOf(client).ping();
    } catch {
      // The socket is not open: the pong timer decides.
    }
  }

  private async checkHealth(client: Client): Promise<void> {
    const generation = this.generation;
    try {
      await this.requests.once('applications.get', (rest) => rest.getApplication(this.settings.app));
      if (!this.stale(generation) && this.client === client && this.current === 'ready') {
        this.setTimer('health', this.settings.healthIntervalMs, () => void this.checkHealth(client));
      }
    } catch (error) {
      if (!this.stale(generation) && this.client === client) this.restart(`health check failed: ${String(error)}`);
    }
  }
}
