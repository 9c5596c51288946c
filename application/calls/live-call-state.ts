/**
 * The live voice state the call poll shows as `aiSpeaking` (VOICE.md §1.6), kept in process for the calls this
 * process runs (`LiveCallStateReader`). A call that is not running here reports nobody speaking, `ended` (or
 * `idle` before it is live) and no times.
 */
export type ConversationState = 'idle' | 'listening' | 'thinking' | 'speaking' | 'ended';

export interface AiSpeakingState {
  readonly isSpeaking: boolean;
  readonly userIsSpeaking: boolean;
  readonly conversationState: ConversationState;
  readonly lastAiSpeechStart: Date | null;
  readonly lastUserSpeechStart: Date | null;
}

const IDLE: AiSpeakingState = {
  isSpeaking: false,
  userIsSpeaking: false,
  conversationState: 'idle',
  lastAiSpeechStart: null,
  lastUserSpeechStart: null,
};

export class LiveCallStates {
  private readonly states = new Map<string, AiSpeakingState>();

  /** The state of a running call; `fallback` for one that is not running here. */
  get(callId: string, fallback: 'idle' | 'ended'): AiSpeakingState {
    return this.states.get(callId) ?? { ...IDLE, conversationState: fallback };
  }

  update(callId: string, change: Partial<AiSpeakingState>): void {
    this.states.set(callId, { ...(this.states.get(callId) ?? IDLE), ...change });
  }

  /** Forgets a call that ended (nothing is kept per ended call, so nothing leaks). */
  end(callId: string): void {
    this.states.delete(callId);
  }

  size(): number {
    return this.states.size;
  }
}
