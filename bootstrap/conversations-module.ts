import type Router from '@koa/router';
import type { Container } from 'inversify';
import type { ConversationPorts } from '../application/conversations/conversation-ports';
import { CONVERSATION_TOKENS } from '../application/conversations/conversation-tokens';
import {
  createConversationUseCases,
  type ConversationUseCases,
} from '../application/conversations/conversation-use-cases';
import { PATIENT_TOKENS } from '../application/patients/patient-tokens';
import { TOKENS } from '../application/ports/tokens';
import {
  conversationRoutes,
  patientConversationRoutes,
  type RequireAuthFactory,
} from '../adapters/http/routes/conversation-routes';
import { InMemoryConversationRepository } from '../adapters/persistence/memory/in-memory-conversation-repository';
import type { MemoryDatabase } from '../adapters/persistence/memory/memory-database';
import type { AppConfig } from './config';
import { INFRA } from './infra-tokens';

/**
 * The conversations context: the repository of the embedded profile, the ports (patients and care teams read
 * through the patients context's repositories, sessions through identity's store) and the use-cases.
 */
export const bindConversations = (c: Container, _config: AppConfig): void => {
  c.bind(CONVERSATION_TOKENS.ConversationRepository).toResolvedValue(
    (db: MemoryDatabase) => new InMemoryConversationRepository(db),
    [INFRA.MemoryDatabase],
  );
  c.bind(CONVERSATION_TOKENS.Ports).toResolvedValue(
    (...deps: unknown[]): ConversationPorts => {
      const [conversations, patients, careTeam, sessions, uow, clock, ids, audit] = deps as [
        ConversationPorts['conversations'],
        ConversationPorts['patients'],
        ConversationPorts['careTeam'],
        ConversationPorts['sessions'],
        ConversationPorts['uow'],
        ConversationPorts['clock'],
        ConversationPorts['ids'],
        ConversationPorts['audit'],
      ];
      return { conversations, patients, careTeam, sessions, uow, clock, ids, audit };
    },
    [
      CONVERSATION_TOKENS.ConversationRepository,
      PATIENT_TOKENS.PatientRepository,
      PATIENT_TOKENS.CareTeamRepository,
      TOKENS.identity.SessionStore,
      TOKENS.shared.UnitOfWork,
      TOKENS.shared.Clock,
      TOKENS.shared.IdGenerator,
      TOKENS.shared.AuditRecorder,
    ],
  );
  c.bind(CONVERSATION_TOKENS.UseCases).toResolvedValue(
    (ports: ConversationPorts) => createConversationUseCases(ports),
    [CONVERSATION_TOKENS.Ports],
  );
};

/**
 * The conversations context's routers. `GET /v1/patients/:patientId/conversations` comes first and must be
 * mounted before the patients router; `requireAuth` builds the authentication middleware with route options
 * (`GET /v1/conversations/:id` authenticates passively, §2.6).
 */
export const conversationRouters = (conversations: ConversationUseCases, requireAuth: RequireAuthFactory): Router[] => [
  patientConversationRoutes(conversations, requireAuth),
  conversationRoutes(conversations, requireAuth),
];

export { seedConversations } from './conversation-seed';
