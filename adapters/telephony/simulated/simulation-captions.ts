/**
 * The per-call caption channel (VOICE.md §5.2, `SimulationCaptions`): when the simulated patient starts an
 * utterance, its text is published here, and an offline agent reads it instead of recognising speech. Exposed to
 * the voice adapters structurally (they declare the `subscribe` shape they need), never by import.
 */
export interface Caption {
  readonly text: string;
  /** How long the utterance lasts, in ms. */
  readonly durationMs: number;
}

type CaptionHandler = (caption: Caption) => void;

export class SimulationCaptions {
  private readonly subscribers = new Map<string, Set<CaptionHandler>>();

  publish(callId: string, caption: Caption): void {
    for (const handler of [...(this.subscribers.get(callId) ?? [])]) handler(caption);
  }

  /** Resolves an unsubscribe function; the channel forgets a call once nobody listens. */
  subscribe(callId: string, handler: CaptionHandler): () => void {
    const handlers = this.subscribers.get(callId) ?? new Set<CaptionHandler>();
    handlers.add(handler);
    this.subscribers.set(callId, handlers);
    return () => {
      handlers.delete(handler);
      if (handlers.size === 0) this.subscribers.delete(callId);
    };
  }

  /** Calls somebody listens to (the leak audit). */
  listenedCalls(): number {
    return this.subscribers.size;
  }
}
