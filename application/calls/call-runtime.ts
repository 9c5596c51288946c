import type { LiveDeadline } from '../../domain/calls/call-deadlines';
import type { TimerHandle } from '../ports/call-timers';
import { CallWorkQueue } from './call-work-queue';
import { LiveCallStates } from './live-call-state';

/** What the runtime needs from a live call's session (call-session.ts), without depending on it. */
export interface LiveSession {
  onDeadline(kind: LiveDeadline): void;
  /** Releases the agent session, the media and the session's timers; idempotent. */
  stop(): void;
}

/**
 * The in-process registries of the calls this process runs (VOICE.md §0.4): the per-call work queues, the live
 * sessions (`callId -> CallSession`), the armed set-up deadlines and the live voice states. Everything here is
 * released when a call ends, which is what the leak audits compare with the active calls (§7.8).
 */
export class CallRuntime {
  readonly queue = new CallWorkQueue();
  readonly live = new LiveCallStates();
  private readonly sessions = new Map<string, LiveSession>();
  private readonly setupTimers = new Map<string, TimerHandle[]>();
  private readonly freedListeners: Array<() => void> = [];

  session(callId: string): LiveSession | undefined {
    return this.sessions.get(callId);
  }

  addSession(callId: string, session: LiveSession): void {
    this.sessions.set(callId, session);
  }

  /** Replaces the call's armed set-up deadlines. */
  armSetupTimers(callId: string, handles: readonly TimerHandle[]): void {
    this.cancelSetupTimers(callId);
    if (handles.length > 0) this.setupTimers.set(callId, [...handles]);
  }

  cancelSetupTimers(callId: string): void {
    for (const handle of this.setupTimers.get(callId) ?? []) handle.cancel();
    this.setupTimers.delete(callId);
  }

  /** Called when a call reaches a terminal status: stops its session, timers and live state. */
  release(callId: string): void {
    this.cancelSetupTimers(callId);
    const session = this.sessions.get(callId);
    this.sessions.delete(callId);
    session?.stop();
    this.live.end(callId);
    for (const listener of this.freedListeners) listener();
  }

  /** Runs `listener` whenever a call ends (a dialing slot may have been freed). */
  onCallFreed(listener: () => void): void {
    this.freedListeners.push(listener);
  }

  /** Sessions and armed call timers still held: all zero once every call has ended. */
  held(): { readonly sessions: number; readonly setupTimers: number; readonly liveStates: number } {
    return { sessions: this.sessions.size, setupTimers: this.setupTimers.size, liveStates: this.live.size() };
  }
}
