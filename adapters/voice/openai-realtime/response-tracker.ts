import type { ResponseKind } from '../../../application/ports/voice-agent';

export interface ActiveResponse {
  /** Null until `response.created` names it. */
  id: string | null;
  intent: string | null;
  readonly items: string[];
  hadAudio: boolean;
  /** The `response.create` event we sent for it, when it was ours. */
  readonly requestEventId: string | null;
}

/**
 * One response at a time (VOICE.md §4.5): the response in progress from our `response.create` (or the server's
 * own `response.created`) to its `response.done`, and at most one request waiting for it to finish. A waiting
 * request is dropped when the patient starts speaking (the conversation moved on), except an emergency.
 */
export class ResponseTracker {
  private active: ActiveResponse | null = null;
  private waiting: ResponseKind | null = null;

  get current(): ActiveResponse | null {
    return this.active;
  }

  inProgress(): boolean {
    return this.active !== null;
  }

  requested(kind: ResponseKind, eventId: string): void {
    this.active = { id: null, intent: kind, items: [], hadAudio: false, requestEventId: eventId };
  }

  created(id: string | null, intent: string | null): void {
    if (this.active !== null && this.active.id === null) {
      this.active.id = id;
      this.active.intent = intent ?? this.active.intent;
      return;
    }
    this.active = { id, intent, items: [], hadAudio: false, requestEventId: null };
  }

  addItem(itemId: string): void {
    this.active?.items.push(itemId);
  }

  audio(): void {
    if (this.active !== null) this.active.hadAudio = true;
  }

  /** Ends the response `id` (or the unnamed one); returns what it was. */
  done(id: string | null): ActiveResponse | null {
    const active = this.active;
    if (active === null || (active.id !== null && id !== null && active.id !== id)) return null;
    this.active = null;
    return active;
  }

  /** Our `response.create` was refused: it never started. */
  refused(eventId: string): void {
    if (this.active?.requestEventId === eventId && this.active.id === null) this.active = null;
  }

  defer(kind: ResponseKind): void {
    this.waiting = kind;
  }

  takeWaiting(): ResponseKind | null {
    const kind = this.waiting;
    this.waiting = null;
    return kind;
  }

  patientStartedSpeaking(): void {
    if (this.waiting !== 'emergency') this.waiting = null;
  }

  /** The connection is gone: nothing is in progress on the next one. */
  reset(): void {
    this.active = null;
  }
}
