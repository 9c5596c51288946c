import { frameDbfs } from '../../../../adapters/audio/energy';
import { FRAME_BYTES } from '../../../../adapters/audio/mu-law';

export interface VadSettings {
  readonly thresholdDbfs: number;
  readonly prefixPaddingMs: number;
  readonly silenceDurationMs: number;
}

export type VadEvent =
  | { readonly kind: 'started'; readonly audioStartMs: number }
  | { readonly kind: 'stopped'; readonly audioEndMs: number };

const FRAME_MS = 20;
const BYTES_PER_MS = 8;

/**
 * Server VAD on the session's audio timeline (1 ms = 8 bytes of µ-law), measured on decoded samples: a frame
 * louder than the threshold starts speech (reported `prefixPaddingMs` earlier, like the provider); speech stops
 * after `silenceDurationMs` of quiet frames. Driven by the bytes received, not by wall time.
 */
export class FakeEnergyVad {
  private pending = Buffer.alloc(0);
  private timelineMs = 0;
  private speaking = false;
  private quietMs = 0;

  constructor(private settings: VadSettings) {}

  configure(settings: VadSettings): void {
    this.settings = settings;
  }

  get audioMs(): number {
    return this.timelineMs + Math.floor(this.pending.length / BYTES_PER_MS);
  }

  get isSpeaking(): boolean {
    return this.speaking;
  }

  /** Forces a speech start now (a scripted barge-in that needs no audio). */
  forceStart(): VadEvent | null {
    if (this.speaking) return null;
    this.speaking = true;
    this.quietMs = 0;
    return { kind: 'started', audioStartMs: this.audioMs };
  }

  push(bytes: Uint8Array): VadEvent[] {
    this.pending = this.pending.length === 0 ? Buffer.from(bytes) : Buffer.concat([this.pending, bytes]);
    const events: VadEvent[] = [];
    while (this.pending.length >= FRAME_BYTES) {
      const frame = this.pending.subarray(0, FRAME_BYTES);
      this.pending = this.pending.subarray(FRAME_BYTES);
      const startMs = this.timelineMs;
      this.timelineMs += FRAME_MS;
      const loud = frameDbfs(frame) > this.settings.thresholdDbfs;
      if (!this.speaking && loud) {
        this.speaking = true;
        this.quietMs = 0;
        events.push({ kind: 'started', audioStartMs: Math.max(0, startMs - this.settings.prefixPaddingMs) });
      } else if (this.speaking) {
        this.quietMs = loud ? 0 : this.quietMs + FRAME_MS;
        if (this.quietMs >= this.settings.silenceDurationMs) {
          this.speaking = false;
          this.quietMs = 0;
          events.push({ kind: 'stopped', audioEndMs: this.timelineMs });
        }
      }
    }
    return events;
  }
}
