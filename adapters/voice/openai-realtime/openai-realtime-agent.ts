import type { Clock } from '../../../application/ports/clock';
import type { Logger } from '../../../application/ports/logger';
import type { AgentSession, AgentSessionConfig, VoiceAgentPort } from '../../../application/ports/voice-agent';
import type { RealtimeAgentOptions } from './realtime-options';
import { RealtimeAgentSession } from './realtime-agent-session';

export { RealtimeOpenError, type OpenFailure } from './realtime-connection';
export { DEFAULT_REALTIME_OPTIONS, type RealtimeAgentOptions } from './realtime-options';

/**
 * The production `VoiceAgentPort` (VOICE.md §4): one OpenAI Realtime session per call, over `ws` (GA protocol,
 * `audio/pcmu` both ways). `open` resolves once the session is configured (`session.updated`), retrying network,
 * 429 and 5xx failures within the open budget; it rejects with a `RealtimeOpenError` whose `code` says why
 * (`unauthorized` is never retried). Nothing is shared between sessions.
 */
export class OpenAiRealtimeAgent implements VoiceAgentPort {
  private readonly sessions = new Set<RealtimeAgentSession>();

  constructor(
    private readonly options: RealtimeAgentOptions,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async open(config: AgentSessionConfig): Promise<AgentSession> {
    const session = new RealtimeAgentSession(config, {
      options: this.options,
      clock: this.clock,
      logger: this.logger.child({ callId: config.callId }),
    });
    this.prune();
    this.sessions.add(session);
    try {
      await session.start();
    } catch (error) {
      session.close();
      this.sessions.delete(session);
      throw error;
    }
    return session;
  }

  /** Sessions opened and not yet closed (the leak audit, VOICE.md §7.8). */
  openSessions(): number {
    this.prune();
    return this.sessions.size;
  }

  private prune(): void {
    for (const session of this.sessions) if (session.isClosed()) this.sessions.delete(session);
  }
}
