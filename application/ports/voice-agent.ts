import type { MediaStream } from './media-stream';

/**
 * The conversational voice (VOICE.md §4-§5, Appendix C). The adapter pumps audio between the `MediaStream` and
 * the provider and performs barge-in itself; the application sees turns and events only.
 */
export interface HeardTurn {
  readonly role: 'assistant' | 'patient';
  readonly text: string;
}

export interface AgentSessionConfig {
  readonly callId: string;
  readonly conversationId: string;
  readonly language: string;
  /** The briefing assembled in the domain (persona, patient, recent summaries, topic). */
  readonly instructions: string;
  readonly voice?: string;
  /** The patient's preferred name, for scripted greetings. */
  readonly patientName: string;
}

export type ResponseKind = 'greeting' | 'reply' | 'checkIn' | 'goodbye' | 'resume' | 'emergency';

export interface RuntimeInstruction {
  readonly kind: 'silenceCheckIn' | 'wrapUp' | 'goodbye' | 'emergency' | 'custom';
  readonly text: string;
}

export type AgentEvent =
  | { readonly type: 'ready' }
  | { readonly type: 'speechStarted' }
  | { readonly type: 'speechStopped' }
  /** A completed turn, in conversation order; `itemId` identifies it for idempotent persistence. */
  | {
      readonly type: 'turnFinal';
      readonly itemId: string;
      readonly role: 'assistant' | 'patient';
      readonly text: string;
      readonly at: Date;
    }
  | { readonly type: 'turnTruncated'; readonly itemId: string; readonly heardText: string; readonly playedMs: number }
  | { readonly type: 'responseDone'; readonly itemId: string | null; readonly hadAudio: boolean }
  | { readonly type: 'endCallRequested'; readonly reason: string }
  | { readonly type: 'lost'; readonly reason: string }
  | { readonly type: 'error'; readonly code: string; readonly message: string };

export interface AgentSession {
  readonly id: string;
  readonly expiresAt: Date | null;
  /** Starts the frame pump both ways. */
  attach(media: MediaStream): void;
  requestResponse(kind: ResponseKind): void;
  deliverInstruction(instruction: RuntimeInstruction): void;
  /** Cancel the current response, clear queued audio and truncate (emergency). */
  preempt(): void;
  enableTurnTaking(): void;
  replay(turns: readonly HeardTurn[]): void;
  onEvent(handler: (event: AgentEvent) => void): void;
  close(): void;
}

export interface VoiceAgentPort {
  /** Resolves when the session is ready; rejects with a typed reason. */
  open(config: AgentSessionConfig): Promise<AgentSession>;
}
