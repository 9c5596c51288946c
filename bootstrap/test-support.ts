import type Router from '@koa/router';
import type { Container } from 'inversify';
import type { IdentityUseCases } from '../application/identity/identity-use-cases';
import type { Logger } from '../application/ports/logger';
import type { MessageOutbox } from '../application/ports/message-outbox';
import type { SessionStore } from '../application/ports/session-store';
import { TOKENS } from '../application/ports/tokens';
import { testSupportRoutes as routes } from '../adapters/http/routes/test-support-routes';
import type { MemoryDatabase } from '../adapters/persistence/memory/memory-database';
import { INFRA } from './infra-tokens';
import { seedDemoData } from './seed';
import { installDefaultEmergencyPhrases } from './emergency-phrases-module';
import { clearMongoData } from './mongo-module';

/** The test-support router with what it needs from the container: clean, seed, the message outbox. */
export const testSupportRoutes = (c: Container): Router => {
  const identity = c.get<IdentityUseCases>(TOKENS.identity.UseCases);
  const outbox = c.get<MessageOutbox>(TOKENS.shared.MessageOutbox);
  return routes({
    identity,
    outbox,
    clean: async () => {
      c.get<MemoryDatabase>(INFRA.MemoryDatabase).clear();
      await c.get<SessionStore>(TOKENS.identity.SessionStore).clear();
      outbox.clear();
      await clearMongoData(c);
      // The contract keeps the global emergency phrases through a clean.
      await installDefaultEmergencyPhrases(c);
    },
    seed: () => seedDemoData(c, c.get<Logger>(TOKENS.shared.Logger)),
  });
};
