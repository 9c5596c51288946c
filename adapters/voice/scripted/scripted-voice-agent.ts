import type { CallTimers } from '../../../application/ports/call-timers';
import type { Clock } from '../../../application/ports/clock';
import type { AgentSession, AgentSessionConfig, VoiceAgentPort } from '../../../application/ports/voice-agent';
import type { CaptionFeed } from './caption-feed';
import { ScriptedAgentSession } from './scripted-agent-session';

export interface ScriptedAgentOptions {
  /** Open -> ready (VOICE.md §5.3: 150 ms). */
  readonly readyDelayMs: number;
  /** Pause before a reply. */
  readonly replyDelayMs: number;
  /** How long a line takes to say (VOICE.md §5.1: at least 600 ms, 65 ms per character). */
  readonly speechMs: (text: string) => number;
  /** Failure injection: sessions for which this answers true are refused when opened. */
  readonly refuseOpen?: (config: AgentSessionConfig) => boolean;
}

export const DEFAULT_SCRIPTED_AGENT: ScriptedAgentOptions = {
  readyDelayMs: 150,
  replyDelayMs: 300,
  speechMs: (text) => Math.max(600, 65 * text.length),
};

/** Thrown when a session cannot be opened (the application ends the call `agent_unavailable`). */
export class AgentUnavailableError extends Error {
  constructor(readonly code: string) {
    super(`voice agent unavailable: ${code}`);
    this.name = 'AgentUnavailableError';
  }
}

/**
 * The offline `VoiceAgentPort` of the embedded default (VOICE.md §5.3), a minimal stand-in that the voice-agent
 * issue replaces with the full scripted agent: sessions become ready after a short delay and speak deterministic
 * lines in the patient's language.
 */
export class ScriptedVoiceAgent implements VoiceAgentPort {
  private sessions = 0;
  private opened: ScriptedAgentSession[] = [];

  constructor(
    private readonly timers: CallTimers,
    private readonly clock: Clock,
    private readonly captions: CaptionFeed | null,
    private readonly options: ScriptedAgentOptions = DEFAULT_SCRIPTED_AGENT,
  ) {}

  open(config: AgentSessionConfig): Promise<AgentSession> {
    return new Promise((resolve, reject) => {
      this.timers.after(this.options.readyDelayMs, () => {
        if (this.options.refuseOpen?.(config) === true) {
          reject(new AgentUnavailableError('refused'));
          return;
        }
        this.sessions += 1;
        const session = new ScriptedAgentSession(
          `scripted-${this.sessions}`,
          config,
          this.timers,
          this.clock,
          this.captions,
          { speechMs: this.options.speechMs, replyDelayMs: this.options.replyDelayMs },
        );
        this.opened = [...this.opened.filter((open) => !open.isClosed()), session];
        resolve(session);
      });
    });
  }

  /** Sessions opened and not yet closed (the leak audit). */
  openSessions(): number {
    return this.opened.filter((session) => !session.isClosed()).length;
  }
}
