import { offlineCallSummary } from '../../domain/conversations/call-summary';
import { withSummary } from '../../domain/conversations/conversation';
import type { DomainEvent } from '../../domain/shared/domain-event';
import type { EventHandler } from '../ports/event-handler';
import type { CallPorts } from './call-ports';

/** The post-call analyses (sentiment, medical, fraud); bootstrap binds the analysis context's `afterCall`. */
export type PostCallAnalysis = (conversationId: string) => Promise<void>;

/**
 * After the terminal transaction (VOICE.md §6.3), on `CallEnded` from the outbox (at least once): a completed
 * call's conversation gets its offline summary — what the next call's briefing reads — unless it has one, then the
 * post-call analyses run. Both steps are idempotent per conversation; a failed summary is logged and does not
 * stop the analyses, and nothing here throws back into the relay.
 */
export class FinishCallConversation {
  constructor(
    private readonly ports: Pick<CallPorts, 'conversations' | 'clock' | 'logger'>,
    private readonly analyse: PostCallAnalysis,
  ) {}

  handler(): EventHandler {
    return {
      name: 'calls.finish-conversation',
      eventTypes: ['CallEnded'],
      handle: (event: DomainEvent) => this.onCallEnded(event),
    };
  }

  async execute(conversationId: string): Promise<void> {
    const conversation = await this.ports.conversations.findById(conversationId);
    if (conversation === null || conversation.status !== 'completed') return;
    try {
      if (conversation.summary?.status !== 'done') {
        const now = this.ports.clock.now();
        await this.ports.conversations.update(withSummary(conversation, offlineCallSummary(conversation, now), now));
      }
    } catch (error) {
      this.ports.logger.warn({ conversationId, err: error }, 'post-call summary could not be stored');
    }
    try {
      await this.analyse(conversationId);
    } catch (error) {
      this.ports.logger.warn({ conversationId, err: error }, 'post-call analyses failed');
    }
  }

  private async onCallEnded(event: DomainEvent): Promise<void> {
    const conversationId = event.payload['conversationId'];
    if (typeof conversationId === 'string') await this.execute(conversationId);
  }
}
