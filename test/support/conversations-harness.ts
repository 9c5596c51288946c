import type Router from '@koa/router';
import type { Container } from 'inversify';
import {
  answerConversation,
  createManualConversation,
  endConversation,
  reserveConversation,
  withSummary,
  type CallEnd,
  type Conversation,
  type ConversationProblem,
  type Message,
} from '../../domain/conversations/conversation';
import type { Patient } from '../../domain/patients/patient';
import type { IdentityUseCases } from '../../application/identity/identity-use-cases';
import { CONVERSATION_TOKENS } from '../../application/conversations/conversation-tokens';
import type { ConversationUseCases } from '../../application/conversations/conversation-use-cases';
import { TOKENS } from '../../application/ports/tokens';
import { requireAuth, type RequireAuthOptions } from '../../adapters/http/middleware/require-auth';
import type { AppConfig } from '../../bootstrap/config';
import { bindConversations, conversationRouters } from '../../bootstrap/conversations-module';
import { INFRA } from '../../bootstrap/infra-tokens';
import { createPatientsHarness } from './patients-harness';

/**
 * Wires the conversations context into a container the way bootstrap will once the lead mounts it; with
 * `routers`, its routers go ahead of everything already mounted (the patients router included). Skips what
 * bootstrap already does, so the tests keep working after the wiring lands.
 */
export const wireConversations = (c: Container, config: AppConfig, routers = false): void => {
  if (c.isBound(CONVERSATION_TOKENS.UseCases)) return;
  bindConversations(c, config);
  if (!routers) return;
  c.onActivation<Router[]>(INFRA.HttpRouters, (_context, mounted) => {
    const identity = c.get<IdentityUseCases>(TOKENS.identity.UseCases);
    const conversations = c.get<ConversationUseCases>(CONVERSATION_TOKENS.UseCases);
    const factory = (options?: RequireAuthOptions) =>
      requireAuth(identity.authenticate, identity.ports.rateLimiter, options);
    return [...conversationRouters(conversations, factory), ...mounted];
  });
};

const must = (value: Conversation | ConversationProblem): Conversation => {
  if (typeof value === 'string') throw new Error(`conversation refused: ${value}`);
  return value;
};

export interface CallSpec {
  /** Where the call ends: `completed` (answered), `failed`, `machine`, `in-progress` or `reserved` (ringing). */
  readonly status?: 'completed' | 'failed' | 'machine' | 'in-progress' | 'reserved';
  readonly answeredAt?: Date;
  readonly durationSeconds?: number;
  readonly turns?: readonly string[];
  readonly summary?: string;
}

/**
 * The patients harness plus the conversations context on the same container, and an object mother that stores
 * call conversations straight to the repository (no audit entries).
 */
export const createConversationsHarness = () => {
  const h = createPatientsHarness();
  wireConversations(h.container, h.config);
  const conversations = h.container.get<ConversationUseCases>(CONVERSATION_TOKENS.UseCases);
  const { ports } = conversations;

  const newCall = async (patient: Patient, spec: CallSpec = {}): Promise<Conversation> => {
    const status = spec.status ?? 'completed';
    const answeredAt = spec.answeredAt ?? h.clock.now();
    const placedAt = new Date(answeredAt.getTime() - 10_000);
    let conversation = reserveConversation({
      id: ports.ids.next(),
      orgId: patient.orgId,
      patientId: patient.id,
      language: patient.preferredLanguage,
      callId: ports.ids.next(),
      callType: 'wellness-check',
      now: placedAt,
    });
    const end = new Date(answeredAt.getTime() + (spec.durationSeconds ?? 120) * 1000);
    if (status === 'failed' || status === 'machine') {
      const outcome: CallEnd = status === 'machine' ? 'voicemail' : 'no_answer';
      conversation = must(endConversation(conversation, end, outcome));
    } else if (status !== 'reserved') {
      conversation = must(answerConversation(conversation, answeredAt));
      const messages = (spec.turns ?? ['Hello', 'Fine, thanks']).map((content, index): Message => ({
        id: ports.ids.next(),
        orgId: patient.orgId,
        conversationId: conversation.id,
        seq: index + 1,
        turnId: `turn-${index + 1}`,
        role: index % 2 === 0 ? 'assistant' : 'patient',
        messageType: index % 2 === 0 ? 'assistant_response' : 'user_message',
        status: 'final',
        content,
        audioStartMs: null,
        audioEndMs: null,
        source: 'call',
        createdAt: new Date(answeredAt.getTime() + index * 1000),
        updatedAt: new Date(answeredAt.getTime() + index * 1000 + 500),
      }));
      conversation = { ...conversation, messages };
      if (status === 'completed') {
        conversation = must(endConversation(conversation, end, 'answered'));
        conversation = withSummary(
          conversation,
          { text: spec.summary ?? 'A short chat.', source: 'offline', status: 'done', generatedAt: end },
          end,
        );
      }
    }
    await ports.conversations.insert(conversation);
    return conversation;
  };

  const newManual = async (patient: Patient): Promise<Conversation> => {
    const conversation = createManualConversation({
      id: ports.ids.next(),
      orgId: patient.orgId,
      patientId: patient.id,
      language: patient.preferredLanguage,
      now: h.clock.now(),
    });
    await ports.conversations.insert(conversation);
    return conversation;
  };

  return { ...h, conversations, newCall, newManual };
};

export type ConversationsHarness = ReturnType<typeof createConversationsHarness>;
