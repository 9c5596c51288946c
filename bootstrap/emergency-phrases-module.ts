import type Router from '@koa/router';
import type { Container } from 'inversify';
import type { Middleware } from 'koa';
import { performance } from 'node:perf_hooks';
import { createContext, runInContext } from 'node:vm';
import { EmergencyPhraseCatalog } from '../application/emergency-phrases/emergency-phrase-catalog';
import type { EmergencyPhrasePorts } from '../application/emergency-phrases/emergency-phrase-ports';
import { EMERGENCY_PHRASE_TOKENS } from '../application/emergency-phrases/emergency-phrase-tokens';
import {
  createEmergencyPhraseUseCases,
  type EmergencyPhraseUseCases,
} from '../application/emergency-phrases/emergency-phrase-use-cases';
import type { RegexProbe, RegexProbeOutcome } from '../application/emergency-phrases/regex-probe';
import type { SeedOutcome } from '../application/emergency-phrases/seed-global-phrases';
import type { Clock } from '../application/ports/clock';
import type { EmergencyPhraseRepository } from '../application/ports/emergency-phrase-repository';
import { TOKENS } from '../application/ports/tokens';
import { emergencyPhraseRoutes } from '../adapters/http/routes/emergency-phrase-routes';
import { InMemoryEmergencyPhraseRepository } from '../adapters/persistence/memory/in-memory-emergency-phrase-repository';
import type { MemoryDatabase } from '../adapters/persistence/memory/memory-database';
import type { MongoDatabase } from '../adapters/persistence/mongo/mongo-connection';
import { MongoEmergencyPhraseRepository } from '../adapters/persistence/mongo/mongo-emergency-phrase-repository';
import type { AppConfig } from './config';
import { INFRA } from './infra-tokens';
import { MONGO } from './mongo-module';

/** A probe still running at this multiple of the limit is cut off, whatever the clocks say. */
const HARD_CAP_FACTOR = 4;

/**
 * Runs each probe in a separate V8 context with a hard time limit (`vm` interrupts even a regular expression
 * stuck in backtracking), so a bad pattern costs a bounded time and never hangs the process. A probe counts as
 * slow when both its wall-clock and its CPU time pass the limit: wall-clock alone would refuse good patterns on a
 * busy machine, process CPU time alone would count other threads' work. It lives here until an adapter family
 * takes it (adapters/security/ would suit it).
 */
export class VmRegexProbe implements RegexProbe {
  run(source: string, flags: string, inputs: readonly string[], limitMs: number): Promise<RegexProbeOutcome> {
    const sandbox = createContext({ source, flags, input: '' });
    let slowestMs = 0;
    for (const input of inputs) {
      sandbox['input'] = input;
      const wallStart = performance.now();
      const cpuStart = process.cpuUsage();
      try {
        runInContext('new RegExp(source, flags).test(input)', sandbox, { timeout: limitMs * HARD_CAP_FACTOR });
      } catch {
        return Promise.resolve({ ok: false, slowestMs: limitMs * HARD_CAP_FACTOR });
      }
      const cpu = process.cpuUsage(cpuStart);
      const elapsed = Math.min(performance.now() - wallStart, (cpu.user + cpu.system) / 1000);
      slowestMs = Math.max(slowestMs, elapsed);
      if (elapsed > limitMs) return Promise.resolve({ ok: false, slowestMs });
    }
    return Promise.resolve({ ok: true, slowestMs });
  }
}

/**
 * The emergency-phrase context: the repository (Mongo when the container has the Mongo profile's database,
 * else the embedded store), the runtime pattern probe, the shared detection cache (`EMERGENCY_PHRASE_TOKENS.Catalog`,
 * the detector service the call pipeline will use), ports and use-cases.
 */
export const bindEmergencyPhrases = (c: Container, _config: AppConfig): void => {
  c.bind(EMERGENCY_PHRASE_TOKENS.EmergencyPhraseRepository).toResolvedValue((): EmergencyPhraseRepository =>
    c.isBound(MONGO.Database)
      ? new MongoEmergencyPhraseRepository(c.get<MongoDatabase>(MONGO.Database))
      : new InMemoryEmergencyPhraseRepository(c.get<MemoryDatabase>(INFRA.MemoryDatabase)),
  );
  c.bind(EMERGENCY_PHRASE_TOKENS.RegexProbe).toConstantValue(new VmRegexProbe());
  c.bind(EMERGENCY_PHRASE_TOKENS.Catalog).toResolvedValue(
    (phrases: EmergencyPhraseRepository, clock: Clock) => new EmergencyPhraseCatalog(phrases, clock),
    [EMERGENCY_PHRASE_TOKENS.EmergencyPhraseRepository, TOKENS.shared.Clock],
  );
  c.bind(EMERGENCY_PHRASE_TOKENS.Ports).toResolvedValue(
    (...deps: unknown[]): EmergencyPhrasePorts => {
      const [phrases, catalog, probe, orgs, uow, outbox, clock, ids, audit] = deps as [
        EmergencyPhrasePorts['phrases'],
        EmergencyPhrasePorts['catalog'],
        EmergencyPhrasePorts['probe'],
        EmergencyPhrasePorts['orgs'],
        EmergencyPhrasePorts['uow'],
        EmergencyPhrasePorts['outbox'],
        EmergencyPhrasePorts['clock'],
        EmergencyPhrasePorts['ids'],
        EmergencyPhrasePorts['audit'],
      ];
      return { phrases, catalog, probe, orgs, uow, outbox, clock, ids, audit };
    },
    [
      EMERGENCY_PHRASE_TOKENS.EmergencyPhraseRepository,
      EMERGENCY_PHRASE_TOKENS.Catalog,
      EMERGENCY_PHRASE_TOKENS.RegexProbe,
      TOKENS.identity.OrgRepository,
      TOKENS.shared.UnitOfWork,
      TOKENS.shared.EventOutbox,
      TOKENS.shared.Clock,
      TOKENS.shared.IdGenerator,
      TOKENS.shared.AuditRecorder,
    ],
  );
  c.bind(EMERGENCY_PHRASE_TOKENS.UseCases).toResolvedValue(
    (ports: EmergencyPhrasePorts) => createEmergencyPhraseUseCases(ports),
    [EMERGENCY_PHRASE_TOKENS.Ports],
  );
};

/** `/v1/emergency-phrases`, behind the shared authentication middleware. */
export const emergencyPhraseRouters = (phrases: EmergencyPhraseUseCases, authenticated: Middleware): Router[] => [
  emergencyPhraseRoutes(phrases, authenticated),
];

/**
 * The start-up step (and the operator command): creates the phrase indexes on the Mongo profile, forgets every
 * cached phrase set, then seeds the global phrase set of every language whose set is empty. Idempotent: run it
 * at every boot and after the test-support `clean` (which empties the phrases with everything else, while the
 * contract keeps the global ones). Resolves what was inserted.
 */
export const installDefaultEmergencyPhrases = async (c: Container): Promise<SeedOutcome> => {
  const repository = c.get<EmergencyPhraseRepository>(EMERGENCY_PHRASE_TOKENS.EmergencyPhraseRepository);
  if (repository instanceof MongoEmergencyPhraseRepository) await repository.ensureIndexes();
  c.get<EmergencyPhraseCatalog>(EMERGENCY_PHRASE_TOKENS.Catalog).invalidateAll();
  return c.get<EmergencyPhraseUseCases>(EMERGENCY_PHRASE_TOKENS.UseCases).seed.execute();
};
