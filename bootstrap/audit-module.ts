import type { Container } from 'inversify';
import { AuditSequencer } from '../application/audit/audit-sequencer';
import { PendingAuditRecorder } from '../application/audit/pending-audit-recorder';
import { VerifyAuditChain } from '../application/audit/verify-audit-chain';
import type { AuditRecorder } from '../application/ports/audit-recorder';
import type { AuditSigner } from '../application/ports/audit-signer';
import type { AuditStore } from '../application/ports/audit-store';
import { AUDIT_TOKENS } from '../application/ports/audit-tokens';
import type { Clock } from '../application/ports/clock';
import type { IdGenerator } from '../application/ports/id-generator';
import type { Logger } from '../application/ports/logger';
import { TOKENS } from '../application/ports/tokens';
import type { UnitOfWork } from '../application/ports/unit-of-work';
import { InMemoryAuditStore } from '../adapters/persistence/memory/in-memory-audit-store';
import type { MemoryDatabase } from '../adapters/persistence/memory/memory-database';
import { ensureAuditIndexes, MongoAuditStore } from '../adapters/persistence/mongo/mongo-audit-store';
import type { MongoDatabase } from '../adapters/persistence/mongo/mongo-connection';
import { HmacAuditSigner } from '../adapters/security/hmac-audit-signer';
import { Sha256Digest } from '../adapters/security/sha256-digest';
import type { AppConfig } from './config';
import { INFRA } from './infra-tokens';

/**
 * The audit trail (DOMAIN.md §11): use cases record through `TOKENS.shared.AuditRecorder`, which stores pending
 * entries in their transaction; the sequencer chains and signs them in the background.
 */
export const bindAudit = (c: Container, config: AppConfig): void => {
  c.bind(AUDIT_TOKENS.AuditStore).toResolvedValue(
    (db: MemoryDatabase) => new InMemoryAuditStore(db),
    [INFRA.MemoryDatabase],
  );
  c.bind(AUDIT_TOKENS.AuditSigner).toConstantValue(new HmacAuditSigner(config.keys.auditSigningKey));
  c.bind(AUDIT_TOKENS.AuditSequencer).toResolvedValue(
    (store: AuditStore, uow: UnitOfWork, signer: AuditSigner, clock: Clock, logger: Logger) =>
      new AuditSequencer(store, uow, new Sha256Digest(), signer, clock, logger.child({ component: 'audit' })),
    [
      AUDIT_TOKENS.AuditStore,
      TOKENS.shared.UnitOfWork,
      AUDIT_TOKENS.AuditSigner,
      TOKENS.shared.Clock,
      TOKENS.shared.Logger,
    ],
  );
  c.bind(TOKENS.shared.AuditRecorder).toResolvedValue(
    (store: AuditStore, ids: IdGenerator, sequencer: AuditSequencer) => new PendingAuditRecorder(store, ids, sequencer),
    [AUDIT_TOKENS.AuditStore, TOKENS.shared.IdGenerator, AUDIT_TOKENS.AuditSequencer],
  );
  c.bind(AUDIT_TOKENS.VerifyAuditChain).toResolvedValue(
    (store: AuditStore, signer: AuditSigner, clock: Clock, recorder: AuditRecorder) =>
      new VerifyAuditChain(store, new Sha256Digest(), signer, clock, recorder),
    [AUDIT_TOKENS.AuditStore, AUDIT_TOKENS.AuditSigner, TOKENS.shared.Clock, TOKENS.shared.AuditRecorder],
  );
};

/** The Mongo profile's audit store (`audit_pending`, `audit_entries`, `audit_checkpoints`). */
export const bindMongoAudit = (c: Container, database: MongoDatabase): void => {
  c.rebind(AUDIT_TOKENS.AuditStore).toConstantValue(new MongoAuditStore(database));
};

export const ensureMongoAuditIndexes = (database: MongoDatabase): Promise<void> => ensureAuditIndexes(database.db);

/** Starts the sequencer (after seeding, so the seed's entries are chained at once). */
export const startAuditSequencer = (c: Container): AuditSequencer => {
  const sequencer = c.get<AuditSequencer>(AUDIT_TOKENS.AuditSequencer);
  sequencer.start();
  return sequencer;
};
