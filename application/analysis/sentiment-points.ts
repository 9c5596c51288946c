import { analyseSentimentOffline } from '../../domain/analysis/offline-sentiment';
import { patientTurnsOf } from '../../domain/analysis/analysable-conversation';
import type { SentimentPoint } from '../../domain/analysis/sentiment-trend';
import { withSentiment, type Conversation, type StoredSentiment } from '../../domain/conversations/conversation';
import type { Actor } from '../../domain/shared/actor';
import { recordAnalysisPhi } from './analysis-audit';
import type { AnalysisPorts } from './analysis-ports';
import { finalisedConversations } from './analysis-conversations';

/** A finalised conversation as a trend data point (`date` is its end). */
export const pointOf = (conversation: Conversation): SentimentPoint => ({
  conversationId: conversation.id,
  date: conversation.endedAt ?? conversation.updatedAt,
  durationSeconds: conversation.durationSeconds,
  sentiment: conversation.sentiment,
  sentimentAnalyzedAt: conversation.sentimentAnalyzedAt,
});

export const sentimentPointsOf = async (ports: AnalysisPorts, patientId: string): Promise<SentimentPoint[]> =>
  (await finalisedConversations(ports.conversations, patientId)).map(pointOf);

/**
 * Analyses one conversation with the offline analyser (the LLM path is a later issue; D24's fallback is what runs
 * without one) and stores the result on the conversation with its audit entry, in one transaction. A conversation
 * changed meanwhile (compare-and-set on its version) is re-read once and analysed again.
 */
export const analyseAndStore = async (
  ports: AnalysisPorts,
  conversation: Conversation,
  actor: Actor,
): Promise<{ conversation: Conversation; sentiment: StoredSentiment; analyzedAt: Date }> => {
  const attempt = async (current: Conversation) => {
    const sentiment = analyseSentimentOffline({ turns: patientTurnsOf(current), language: current.language });
    const analyzedAt = ports.clock.now();
    return ports.uow.run(async () => {
      const saved = await ports.conversations.update(withSentiment(current, sentiment, analyzedAt));
      await recordAnalysisPhi(
        ports,
        actor,
        'UPDATE',
        { type: 'sentiment', id: saved.id, orgId: saved.orgId },
        [saved.patientId],
        { analyzer: sentiment.analyzer, fallback: sentiment.fallback },
      );
      return { conversation: saved, sentiment, analyzedAt };
    });
  };
  try {
    return await attempt(conversation);
  } catch (error) {
    const stale = (error as { reason?: unknown }).reason === 'STALE_VERSION';
    const fresh = stale ? await ports.conversations.findById(conversation.id) : null;
    if (fresh === null) throw error;
    return attempt(fresh);
  }
};
