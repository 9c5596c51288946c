import { performance } from 'node:perf_hooks';
import type { Clock } from '../../../application/ports/clock';
import type { Logger } from '../../../application/ports/logger';
import type {
  LiveLeg,
  PlaceCallRequest,
  PlaceCallResult,
  TelephonyEvent,
  TelephonyPort,
} from '../../../application/ports/telephony';
import { SystemClock } from '../../shared/system-clock';
import type { RtpMediaFactory } from '../rtp/rtp-media-factory';
import { AriCall } from './ari-call';
import { handleCallEvent } from './ari-call-events';
import { runCleanupSaga } from './ari-cleanup-saga';
import { parseAriEvent, subjectOf } from './ari-event';
import { allObjectIds, carriesOurPrefix, isE164, isUsableCallId } from './ari-ids';
import { connectAri, type AriConnect } from './ari-library-guard';
import { resolveAriSettings, type AriTelephonyOptions, type AriTelephonySettings } from './ari-options';
import { originateCall } from './ari-originate';
import { auditOrphans, reconcileCalls, type ReconcileContext } from './ari-reconciler';
import { silentLogger } from './ari-silent-logger';
import { AriSupervisor } from './ari-supervisor';
import { systemTimers, type AriTimers, type CancelTimer } from './ari-timers';

/** Events that only a live channel produces. */
const LIVE_EVENTS = new Set(['StasisStart', 'ChannelStateChange', 'Dial', 'ChannelEnteredBridge']);

export interface AriTelephonyDeps {
  readonly media: RtpMediaFactory;
  readonly clock?: Clock;
  readonly timers?: AriTimers;
  readonly logger?: Logger;
  /** The library's connect, guarded (tests may wrap it). */
  readonly connect?: AriConnect;
  readonly monotonic?: () => number;
  readonly random?: () => number;
}

/**
 * `TelephonyPort` over Asterisk ARI (VOICE.md §2, §7). Calls are correlated by our call id only: every Asterisk
 * object gets an id derived from it, and the registry maps those ids back (tombstones remember ended ones for a
 * while). `start()` begins connecting; dials wait for the connection (and its reconciliation) up to
 * `readyWaitMs`, and are refused at once while the telephony breaker is open.
 */
export class AriTelephony implements TelephonyPort {
  readonly supervisor: AriSupervisor;
  /** Cleanup sagas that gave up on a step (left to the audits). */
  sagasLeftToAudits = 0;
  /** Objects of ended calls that showed up alive later (a timed-out create that landed) and were removed. */
  lateObjectsRemoved = 0;
  /** Orphans removed by the periodic audit (`voice_leak_total`: 0 in normal operation). */
  auditRemovals = 0;
  private readonly settings: AriTelephonySettings;
  private readonly calls = new Map<string, AriCall>();
  private readonly registry = new Map<string, string>();
  private readonly tombstones = new Map<string, number>();
  private readonly handlers = new Set<(event: TelephonyEvent) => void>();
  private readonly sagas = new Set<Promise<void>>();
  private readonly closingController = new AbortController();
  private readonly ctx: ReconcileContext;
  private closing: Promise<void> | null = null;
  private readonly lateHangups = new Set<string>();
  private cancelAudit: CancelTimer = () => undefined;

  constructor(options: AriTelephonyOptions, deps: AriTelephonyDeps) {
    this.settings = resolveAriSettings(options);
    const timers = deps.timers ?? systemTimers;
    const logger = (deps.logger ?? silentLogger).child({ component: 'ari' });
    const clock = deps.clock ?? new SystemClock();
    const monotonic = deps.monotonic ?? (() => performance.now());
    this.supervisor = new AriSupervisor(
      this.settings,
      {
        onEvent: (raw) => this.route(raw),
        reconcile: async (restarted) => {
          await reconcileCalls(this.ctx, restarted);
        },
      },
      { timers, logger, connect: deps.connect ?? connectAri, random: deps.random ?? Math.random },
    );
    this.ctx = {
      settings: this.settings,
      requests: this.supervisor.requests,
      timers,
      logger,
      media: deps.media,
      closing: this.closingController.signal,
      connected: () => this.supervisor.state === 'ready',
      now: () => clock.now(),
      monotonic,
      emit: (call, event) => (call.accepted ? this.deliver(event) : call.buffered.push(event)),
      register: (id, call) => this.registry.set(id, call.callId),
      finish: (call) => this.finish(call),
      activeCalls: () => [...this.calls.values()],
      knows: (id, vars) => this.lookup(id, vars) !== undefined || this.tombstoned(id),
    };
  }

  start(): void {
    if (this.closing !== null) return;
    this.supervisor.start();
    this.scheduleAudit();
  }

  onEvent(handler: (event: TelephonyEvent) => void): void {
    this.handlers.add(handler);
  }

  async placeCall(request: PlaceCallRequest): Promise<PlaceCallResult> {
    const refused = (reason: string): PlaceCallResult => ({ accepted: false, reason });
    if (!isUsableCallId(request.callId)) return refused('invalid-call-id');
    if (!isE164(request.to)) return refused('invalid-number');
    const blocked = (): PlaceCallResult | null => {
      if (this.closing !== null) return refused('closed');
      if (this.calls.has(request.callId)) return refused('duplicate-call');
      if (this.supervisor.requests.breakerOpen) return refused('circuit-open');
      return null;
    };
    const early = blocked();
    if (early !== null) return early;
    if (this.supervisor.state !== 'ready') {
      const ready = await this.supervisor.whenReady(this.settings.readyWaitMs);
      const late = blocked() ?? (ready ? null : refused('telephony-unavailable'));
      if (late !== null) return late;
    }

    const call = new AriCall(request.callId, request.language, this.ctx.monotonic(), this.settings.ringTimeoutS * 1000);
    this.calls.set(call.callId, call);
    this.ctx.register(call.ids.pstn, call);
    const originating = originateCall(this.ctx, call, request.to);
    call.originating = originating.catch(() => undefined);
    const outcome = await originating;
    if (outcome.result.accepted && !call.endedByUs) {
      // Events that overtook the answer are delivered right after it, in order.
      this.ctx.timers.after(0, () => {
        call.accepted = true;
        for (const event of call.buffered.splice(0)) this.deliver(event);
      });
      return outcome.result;
    }
    call.endedByUs = true;
    call.finished = true;
    if (outcome.maybeCreated || outcome.result.accepted) void this.finish(call);
    else this.retire(call);
    return outcome.result.accepted ? refused('closed') : outcome.result;
  }

  async hangup(callId: string): Promise<void> {
    const call = this.calls.get(callId);
    if (call === undefined) return;
    call.endedByUs = true;
    call.finished = true;
    await this.finish(call);
  }

  async liveLegs(): Promise<readonly LiveLeg[]> {
    const channels = await this.supervisor.requests.read('channels.list', (rest) => rest.listChannels());
    const legs: LiveLeg[] = [];
    for (const channel of channels) {
      const owner = channel.vars['BIANCA_APP'];
      const callId = this.registry.get(channel.id) ?? channel.vars['BIANCA_CALL_ID'];
      const pstn = channel.vars['BIANCA_ROLE'] === 'pstn' || this.calls.get(callId ?? '')?.ids.pstn === channel.id;
      if (callId === undefined || !pstn || (owner !== undefined && owner !== this.settings.app)) continue;
      legs.push({ callId, answered: channel.state === 'Up' });
    }
    return legs;
  }

  /** Hangs up every call (sagas get `closeBudgetMs`), then closes the connection and clears every timer. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      for (const call of this.calls.values()) {
        call.endedByUs = true;
        call.finished = true;
        void this.finish(call);
      }
      this.cancelAudit();
      const stop = this.ctx.timers.after(this.settings.closeBudgetMs, () => this.closingController.abort());
      while (this.sagas.size > 0) await Promise.all([...this.sagas]);
      stop();
      await this.supervisor.close();
      this.tombstones.clear();
    })();
    return this.closing;
  }

  /** Calls the adapter still tracks, registry entries and tombstones: what the leak audit compares. */
  inspect(): { calls: number; registry: number; tombstones: number; sagas: number } {
    return {
      calls: this.calls.size,
      registry: this.registry.size,
      tombstones: this.tombstones.size,
      sagas: this.sagas.size,
    };
  }

  private deliver(event: TelephonyEvent): void {
    for (const handler of this.handlers) {
      try {
        handler(event);
      } catch (error) {
        this.ctx.logger.error(
          { callId: event.callId, type: event.type, error: String(error) },
          'telephony event handler failed',
        );
      }
    }
  }

  private route(raw: unknown): void {
    const event = parseAriEvent(raw);
    const subject = event === null ? null : subjectOf(event);
    if (event === null || subject === null) return;
    const call = this.lookup(subject.id, subject.snapshot?.vars ?? {});
    if (call !== undefined) return handleCallEvent(this.ctx, call, subject.id, event);
    if (this.tombstoned(subject.id)) return this.lateEvent(subject.id, event.type, subject.snapshot !== null);
    if (!carriesOurPrefix(subject.id)) return;
    this.ctx.logger.debug({ id: subject.id, type: event.type }, 'ARI event for an unknown object of ours (orphan)');
  }

  /**
   * An event saying a channel of an ended call is alive: a create that timed out landed after the saga. The call
   * is over, so the channel is hung up now rather than left to the audit.
   */
  private lateEvent(id: string, type: string, isChannel: boolean): void {
    if (!isChannel || !LIVE_EVENTS.has(type) || this.lateHangups.has(id) || this.closing !== null) return;
    this.lateHangups.add(id);
    this.ctx.logger.warn({ id, type }, 'a channel of an ended call came alive late; hanging it up');
    this.supervisor.requests
      .once('channels.hangup', (rest) => rest.hangupChannel(id))
      .then(() => (this.lateObjectsRemoved += 1))
      .catch(() => undefined)
      .finally(() => this.lateHangups.delete(id));
  }

  private scheduleAudit(): void {
    this.cancelAudit = this.ctx.timers.after(this.settings.auditIntervalMs, () => {
      const run =
        this.supervisor.state === 'ready' ? auditOrphans(this.ctx, this.settings.auditMinAgeMs) : Promise.resolve(0);
      void run
        .then((removed) => {
          this.auditRemovals += removed;
          if (removed > 0) this.ctx.logger.warn({ removed }, 'ARI audit removed orphaned channels or bridges');
        })
        .catch((error: unknown) => this.ctx.logger.warn({ error: String(error) }, 'ARI audit failed'))
        .finally(() => {
          if (this.closing === null) this.scheduleAudit();
        });
    });
  }

  /** Registry first; then `BIANCA_CALL_ID`, accepted only for an id that call would have created. */
  private lookup(id: string, vars: Readonly<Record<string, string>>): AriCall | undefined {
    const call = this.calls.get(this.registry.get(id) ?? vars['BIANCA_CALL_ID'] ?? '');
    return call !== undefined && allObjectIds(call.ids).includes(id) ? call : undefined;
  }

  private tombstoned(id: string): boolean {
    const expiresAt = this.tombstones.get(id);
    return expiresAt !== undefined && expiresAt > this.ctx.monotonic();
  }

  private finish(call: AriCall): Promise<void> {
    if (call.pstnReleased === null) {
      call.phase = 'ended';
      call.disarmAll();
      call.apologyPlayed?.();
      const budget = this.closing === null ? this.settings.sagaBudgetMs : this.settings.closeBudgetMs;
      const saga = runCleanupSaga(this.ctx, call, budget);
      call.pstnReleased = saga.pstnReleased;
      const done = saga.done.then((complete) => {
        if (!complete) this.sagasLeftToAudits += 1;
        this.retire(call);
        this.sagas.delete(done);
      });
      this.sagas.add(done);
    }
    return call.pstnReleased;
  }

  private retire(call: AriCall): void {
    call.phase = 'ended';
    call.disarmAll();
    const now = this.ctx.monotonic();
    for (const id of allObjectIds(call.ids)) {
      if (this.registry.get(id) === call.callId) this.registry.delete(id);
      this.tombstones.delete(id);
      this.tombstones.set(id, now + this.settings.tombstoneMs);
    }
    if (this.calls.get(call.callId) === call) this.calls.delete(call.callId);
    for (const [id, expiresAt] of this.tombstones) {
      if (expiresAt > now) break;
      this.tombstones.delete(id);
    }
  }
}
