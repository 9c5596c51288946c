import type { MediaStream } from './media-stream';

/**
 * The phone network as the application sees it (VOICE.md Appendix C). Calls are correlated by our own call id,
 * never by provider channel names.
 */
export interface PlaceCallRequest {
  readonly callId: string;
  /** E.164 number. */
  readonly to: string;
  readonly language: string;
}

export type PlaceCallResult = { readonly accepted: true } | { readonly accepted: false; readonly reason: string };

export type DialOutcome = 'busy' | 'no-answer' | 'failed';

export type TelephonyEvent =
  | { readonly type: 'ringing'; readonly callId: string; readonly at: Date }
  | {
      readonly type: 'answered';
      readonly callId: string;
      readonly by: 'human' | 'machine' | 'unknown';
      readonly amd?: { readonly status: string; readonly cause: string };
      readonly at: Date;
    }
  | {
      readonly type: 'dialFailed';
      readonly callId: string;
      readonly outcome: DialOutcome;
      readonly failureCode?: string;
      readonly at: Date;
    }
  | { readonly type: 'mediaReady'; readonly callId: string; readonly media: MediaStream; readonly at: Date }
  | { readonly type: 'hungUp'; readonly callId: string; readonly cause?: number; readonly at: Date }
  | { readonly type: 'legLost'; readonly callId: string; readonly at: Date };

export interface LiveLeg {
  readonly callId: string;
  readonly answered: boolean;
}

export interface TelephonyPort {
  placeCall(request: PlaceCallRequest): Promise<PlaceCallResult>;
  /** Idempotent: hanging up a call that is already gone resolves. */
  hangup(callId: string): Promise<void>;
  onEvent(handler: (event: TelephonyEvent) => void): void;
  /** The legs the provider still holds, for reconciliation after a reconnect or restart. */
  liveLegs(): Promise<readonly LiveLeg[]>;
  /** Stops accepting calls, hangs up what is live, releases sockets and timers. */
  close(): Promise<void>;
}
