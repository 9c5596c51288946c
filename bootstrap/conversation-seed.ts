import type { Container } from 'inversify';
import {
  answerConversation,
  endConversation,
  reserveConversation,
  withSentiment,
  withSummary,
  type Conversation,
  type ConversationProblem,
  type Message,
  type MessageRole,
  type StoredSentiment,
} from '../domain/conversations/conversation';
import type { ConversationPorts } from '../application/conversations/conversation-ports';
import { CONVERSATION_TOKENS } from '../application/conversations/conversation-tokens';

/** Demo transcripts: invented small talk, the same for every seeded patient. */
const DEMO_CALLS: ReadonlyArray<{
  readonly daysAgo: number;
  readonly minutes: number;
  readonly turns: ReadonlyArray<readonly [MessageRole, string]>;
  readonly summary: string;
  readonly mood: StoredSentiment['overallSentiment'];
}> = [
  {
    daysAgo: 3,
    minutes: 6,
    turns: [
      ['assistant', 'Hello, this is Bianca. How are you feeling today?'],
      ['patient', 'Quite well, thank you. I spent the morning in the garden with the tomatoes.'],
      ['assistant', 'That sounds lovely. Did you sleep well last night?'],
      ['patient', 'Yes, much better than last week.'],
    ],
    summary: '6-minute call. Topics mentioned: garden, tomatoes, sleep. Mood: positive.',
    mood: 'positive',
  },
  {
    daysAgo: 24,
    minutes: 4,
    turns: [
      ['assistant', 'Good afternoon! How has your week been?'],
      ['patient', 'A little lonely. My daughter is travelling.'],
      ['assistant', 'I am sorry to hear that. Is there someone nearby you could visit?'],
      ['patient', 'Maybe my neighbour. We sometimes play cards.'],
    ],
    summary: '4-minute call. Topics mentioned: daughter, travelling, neighbour, cards. Mood: mixed.',
    mood: 'mixed',
  },
  {
    daysAgo: 58,
    minutes: 5,
    turns: [
      ['assistant', 'Hello, it is Bianca. How are you today?'],
      ['patient', 'Fine. I went to the doctor for my check-up and everything was normal.'],
      ['assistant', 'That is good news. How is your appetite?'],
      ['patient', 'Good, I made soup yesterday.'],
    ],
    summary: '5-minute call. Topics mentioned: doctor, check-up, appetite, soup. Mood: positive.',
    mood: 'positive',
  },
];

const sentimentOf = (mood: StoredSentiment['overallSentiment'], summary: string): StoredSentiment => ({
  overallSentiment: mood,
  sentimentScore: mood === 'positive' ? 0.6 : mood === 'mixed' ? 0.1 : 0,
  confidence: 0.7,
  patientMood: mood === 'positive' ? 'content' : 'a little lonely',
  keyEmotions: mood === 'positive' ? ['happy', 'calm'] : ['sad', 'calm'],
  concernLevel: mood === 'positive' ? 'low' : 'medium',
  satisfactionIndicators: { positive: mood === 'positive' ? ['enjoys gardening'] : [], negative: [] },
  summary,
  recommendations: mood === 'positive' ? '' : 'Encourage social contact.',
  fallback: true,
  analyzer: 'offline:seed',
});

const DAY_MS = 86_400_000;

const must = (value: Conversation | ConversationProblem): Conversation => {
  if (typeof value === 'string') throw new Error(`seed conversation refused: ${value}`);
  return value;
};

/**
 * Demo data for the app's Conversations screen (API-CONTRACT.md §6.4 seed): a few completed calls with messages,
 * summaries and sentiment over the past two months for each of `patientIds` (patients must exist). Written through
 * the repository directly (no audit entries, no events); nothing is logged.
 */
export const seedConversations = async (
  container: Container,
  patientIds: readonly string[],
  now: Date,
): Promise<string[]> => {
  const ports = container.get<ConversationPorts>(CONVERSATION_TOKENS.Ports);
  const created: string[] = [];
  for (const patientId of patientIds) {
    const patient = await ports.patients.findById(patientId);
    if (patient === null) continue;
    for (const demo of DEMO_CALLS) {
      const placedAt = new Date(now.getTime() - demo.daysAgo * DAY_MS);
      const answeredAt = new Date(placedAt.getTime() + 15_000);
      const endedAt = new Date(answeredAt.getTime() + demo.minutes * 60_000);
      const id = ports.ids.next();
      let conversation = reserveConversation({
        id,
        orgId: patient.orgId,
        patientId: patient.id,
        language: patient.preferredLanguage,
        callId: ports.ids.next(),
        callType: 'wellness-check',
        now: placedAt,
      });
      conversation = must(answerConversation(conversation, answeredAt));
      const step = Math.floor((endedAt.getTime() - answeredAt.getTime()) / (demo.turns.length + 1));
      const messages = demo.turns.map(([role, content], index): Message => {
        const at = new Date(answeredAt.getTime() + step * index);
        const messageId = ports.ids.next();
        return {
          id: messageId,
          orgId: patient.orgId,
          conversationId: id,
          seq: index + 1,
          turnId: `seed-${messageId}`,
          role,
          messageType: role === 'patient' ? 'user_message' : 'assistant_response',
          status: 'final',
          content,
          audioStartMs: step * index,
          audioEndMs: step * index + 5_000,
          source: 'call',
          createdAt: at,
          updatedAt: new Date(at.getTime() + 5_000),
        };
      });
      conversation = must(endConversation({ ...conversation, messages }, endedAt, 'answered'));
      conversation = withSummary(
        conversation,
        { text: demo.summary, source: 'offline', status: 'done', generatedAt: endedAt },
        endedAt,
      );
      conversation = withSentiment(conversation, sentimentOf(demo.mood, demo.summary), endedAt);
      await ports.conversations.insert(conversation);
      created.push(conversation.id);
    }
  }
  return created;
};
