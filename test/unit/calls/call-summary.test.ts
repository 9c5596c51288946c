import { offlineCallSummary, topicsOf } from '../../../domain/conversations/call-summary';
import {
  answerConversation,
  endConversation,
  reserveConversation,
  type Conversation,
  type ConversationProblem,
  type Message,
} from '../../../domain/conversations/conversation';

/** DOMAIN.md §6.3 step 1: the offline summary stored for the next call's briefing. */
const T0 = new Date('2026-01-10T10:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const ok = (value: Conversation | ConversationProblem): Conversation => {
  if (typeof value === 'string') throw new Error(value);
  return value;
};

const ended = (turns: Array<[Message['role'], string, Message['status']?]>, language = 'en'): Conversation => {
  const base = reserveConversation({
    orgId: 'o'.repeat(24),
    patientId: 'p'.repeat(24),
    language,
    id: 'c'.repeat(24),
    callId: 'a'.repeat(24),
    callType: 'outbound',
    now: T0,
  });
  const messages = turns.map(([role, content, status], index): Message => ({
    id: `m${index}`,
    orgId: base.orgId,
    conversationId: base.id,
    seq: index + 1,
    turnId: `t${index}`,
    role,
    messageType: role === 'patient' ? 'user_message' : 'assistant_response',
    status: status ?? 'final',
    content,
    audioStartMs: null,
    audioEndMs: null,
    source: 'call',
    createdAt: T0,
    updatedAt: T0,
  }));
  return { ...ok(endConversation(ok(answerConversation(base, at(0))), at(190), 'answered')), messages };
};

describe('offline call summary', () => {
  it('states minutes (rounded up), the most frequent content words of the patient and the mood', () => {
    const conversation = ended([
      ['assistant', 'How is the garden doing today?'],
      ['patient', 'The garden is lovely, my daughter visited the garden.'],
      ['patient', 'My daughter brought tomatoes. I am happy.'],
      ['patient', 'unheard words', 'failed'],
    ]);
    const summary = offlineCallSummary(conversation, at(200));
    expect(summary).toEqual({
      text: '4-minute call. Topics mentioned: garden, daughter, lovely, visited, brought. Mood: positive.',
      source: 'offline',
      status: 'done',
      generatedAt: at(200),
    });
  });

  it('says that nothing was recorded when the patient never spoke, in the conversation language', () => {
    expect(offlineCallSummary(ended([['assistant', 'Hello?']]), at(1)).text).toBe('No conversation content recorded');
    expect(offlineCallSummary(ended([], 'es'), at(1)).text).toBe('No se registró contenido de la conversación');
    expect(offlineCallSummary(ended([['patient', 'Hola, estoy muy feliz hoy']], 'es'), at(1)).text).toMatch(
      /^Llamada de 4 minutos\. Temas mencionados: .*feliz.*\. Estado de ánimo: /,
    );
  });

  it('keeps first-occurrence order between equally frequent topics and skips short and stop words', () => {
    expect(topicsOf(['zebra apple, the and with', 'apple zebra 2024 mango'])).toEqual(['zebra', 'apple', 'mango']);
  });
});
