import { DomainError } from '../../../domain/shared/errors';
import type { MonotonicClock } from './pacer';

/**
 * Bookkeeping of RTP ports (VOICE.md §3.8): even ports of `RTP_PORT_RANGE` (odd RTCP companions stay unused), a
 * random free one per lease (a guessable port invites injection and stale packets), a 2 s cool-down after release,
 * idempotent release. The socket itself is bound by the factory; this class never blocks and never waits.
 */
export type PortRange =
  { readonly kind: 'os' } | { readonly kind: 'range'; readonly min: number; readonly max: number };

/** Refuses the media set-up (the call ends before it is live) and is worth an operator alert. */
export class RtpPortsExhaustedError extends DomainError {
  constructor(readonly leased: number) {
    super('RTP_PORTS_EXHAUSTED', 'unavailable', `No RTP port is free (${leased} leased)`);
    this.name = 'RtpPortsExhaustedError';
  }
}

export class RtpLeaseConflictError extends DomainError {
  constructor(readonly callId: string) {
    super('RTP_LEASE_EXISTS', 'conflict', 'The call already holds an RTP port');
    this.name = 'RtpLeaseConflictError';
  }
}

/** `"40000-40999"`, or `"0"` for ports chosen by the operating system (tests). */
export const parsePortRange = (text: string): PortRange => {
  const trimmed = text.trim();
  if (trimmed === '0') return { kind: 'os' };
  const match = /^(\d{1,5})-(\d{1,5})$/.exec(trimmed);
  const min = Number(match?.[1]);
  const max = Number(match?.[2]);
  const firstEven = min + (min % 2);
  if (match === null || min < 1024 || max > 65535 || firstEven > max) {
    throw new RangeError(`RTP port range must look like 40000-40999 (1024-65535, one even port at least): ${text}`);
  }
  return { kind: 'range', min, max };
};

export interface PortPoolOptions {
  readonly clock: MonotonicClock;
  /** A uniformly random integer in [0, bound). */
  readonly randomIndex: (bound: number) => number;
  readonly coolDownMs?: number;
}

export interface PortLease {
  readonly callId: string;
  readonly port: number;
}

export class PortPool {
  private readonly leased = new Map<string, number>();
  private readonly inUse = new Set<number>();
  private readonly coolingUntil = new Map<number, number>();
  private readonly coolDownMs: number;

  constructor(
    private readonly range: PortRange,
    private readonly options: PortPoolOptions,
  ) {
    this.coolDownMs = options.coolDownMs ?? 2000;
  }

  /**
   * The port to bind (0 = let the OS choose), never one of `exclude` (ports this set-up already found taken).
   * Throws `RtpPortsExhaustedError`, never waits.
   */
  lease(callId: string, exclude: ReadonlySet<number> = new Set()): number {
    if (this.leased.has(callId)) throw new RtpLeaseConflictError(callId);
    if (this.range.kind === 'os') {
      this.leased.set(callId, 0);
      return 0;
    }
    const free = this.freePorts().filter((port) => !exclude.has(port));
    if (free.length === 0) throw new RtpPortsExhaustedError(this.leased.size);
    const port = free[this.options.randomIndex(free.length)];
    this.leased.set(callId, port);
    this.inUse.add(port);
    return port;
  }

  /** Records the port the OS chose for a lease of port 0. */
  bound(callId: string, port: number): void {
    if (this.leased.get(callId) === 0) this.leased.set(callId, port);
  }

  /** Idempotent. The port cools down before it can be leased again, so late packets of this call land nowhere. */
  release(callId: string): void {
    const port = this.leased.get(callId);
    if (port === undefined) return;
    this.leased.delete(callId);
    if (this.range.kind === 'os') return;
    this.inUse.delete(port);
    this.coolingUntil.set(port, this.options.clock.nowMs() + this.coolDownMs);
  }

  leases(): readonly PortLease[] {
    return [...this.leased].map(([callId, port]) => ({ callId, port }));
  }

  /** Even ports neither leased nor cooling down. */
  freeCount(): number {
    return this.range.kind === 'os' ? Infinity : this.freePorts().length;
  }

  private freePorts(): number[] {
    if (this.range.kind === 'os') return [];
    const now = this.options.clock.nowMs();
    for (const [port, until] of this.coolingUntil) if (until <= now) this.coolingUntil.delete(port);
    const free: number[] = [];
    for (let port = this.range.min + (this.range.min % 2); port <= this.range.max; port += 2) {
      if (!this.inUse.has(port) && !this.coolingUntil.has(port)) free.push(port);
    }
    return free;
  }
}
