import type Router from '@koa/router';
import type { Container, ServiceIdentifier } from 'inversify';
import type { Middleware } from 'koa';
import { ALERT_TOKENS } from '../application/alerts/alert-tokens';
import { CONVERSATION_TOKENS } from '../application/conversations/conversation-tokens';
import { PATIENT_TOKENS } from '../application/patients/patient-tokens';
import type { AuditStore } from '../application/ports/audit-store';
import { AUDIT_TOKENS } from '../application/ports/audit-tokens';
import { TOKENS } from '../application/ports/tokens';
import { AuditStorePrivacyLog } from '../application/privacy/audit-store-privacy-log';
import type { PrivacyPorts } from '../application/privacy/privacy-ports';
import { PRIVACY_TOKENS } from '../application/privacy/privacy-tokens';
import { createPrivacyUseCases, type PrivacyUseCases } from '../application/privacy/privacy-use-cases';
import { privacyRoutes } from '../adapters/http/routes/privacy-routes';
import { InMemoryConsentRepository } from '../adapters/persistence/memory/in-memory-consent-repository';
import { InMemoryPrivacyExportStore } from '../adapters/persistence/memory/in-memory-privacy-export-store';
import { InMemoryPrivacyRequestRepository } from '../adapters/persistence/memory/in-memory-privacy-request-repository';
import type { MemoryDatabase } from '../adapters/persistence/memory/memory-database';
import type { MongoDatabase } from '../adapters/persistence/mongo/mongo-connection';
import { MongoConsentRepository } from '../adapters/persistence/mongo/mongo-consent-repository';
import { ensurePrivacyIndexes } from '../adapters/persistence/mongo/mongo-privacy-collections';
import { MongoPrivacyExportStore } from '../adapters/persistence/mongo/mongo-privacy-export-store';
import { MongoPrivacyRequestRepository } from '../adapters/persistence/mongo/mongo-privacy-request-repository';
import type { AppConfig } from './config';
import { INFRA } from './infra-tokens';

/**
 * The privacy context (API-CONTRACT.md §6.3, DOMAIN.md §11.5-§11.6): the stores of the embedded profile, the
 * audit-log reader over the audit store, use-cases, and `ConsentService` for the call and analysis pipelines.
 * Bind it after the identity, patients, conversations, alerts and audit bindings it reads through. Exports are
 * encrypted with identity's `SecretCipher` (the AES-256-GCM key of MFA secrets; no key of their own yet).
 */
export const bindPrivacy = (c: Container, _config: AppConfig): void => {
  c.bind(PRIVACY_TOKENS.PrivacyRequestRepository).toResolvedValue(
    (db: MemoryDatabase) => new InMemoryPrivacyRequestRepository(db),
    [INFRA.MemoryDatabase],
  );
  c.bind(PRIVACY_TOKENS.ConsentRepository).toResolvedValue(
    (db: MemoryDatabase) => new InMemoryConsentRepository(db),
    [INFRA.MemoryDatabase],
  );
  c.bind(PRIVACY_TOKENS.PrivacyExportStore).toResolvedValue(
    (db: MemoryDatabase) => new InMemoryPrivacyExportStore(db),
    [INFRA.MemoryDatabase],
  );
  c.bind(PRIVACY_TOKENS.PrivacyAuditLog).toResolvedValue(
    (store: AuditStore) => new AuditStorePrivacyLog(store),
    [AUDIT_TOKENS.AuditStore],
  );
  c.bind(PRIVACY_TOKENS.Ports).toResolvedValue(
    (...deps: unknown[]): PrivacyPorts => {
      const [requests, consents, exports, auditLog, cipher, conversations, alerts] = deps as [
        PrivacyPorts['requests'],
        PrivacyPorts['consents'],
        PrivacyPorts['exports'],
        PrivacyPorts['auditLog'],
        PrivacyPorts['cipher'],
        PrivacyPorts['conversations'],
        PrivacyPorts['alerts'],
      ];
      const [patientContext, identity, uow, clock, ids, audit] = deps.slice(7) as [
        PrivacyPorts['patientContext'],
        PrivacyPorts['identity'],
        PrivacyPorts['uow'],
        PrivacyPorts['clock'],
        PrivacyPorts['ids'],
        PrivacyPorts['audit'],
      ];
      return {
        requests,
        consents,
        exports,
        auditLog,
        cipher,
        conversations,
        alerts,
        patientContext,
        identity,
        uow,
        clock,
        ids,
        audit,
      };
    },
    [
      PRIVACY_TOKENS.PrivacyRequestRepository,
      PRIVACY_TOKENS.ConsentRepository,
      PRIVACY_TOKENS.PrivacyExportStore,
      PRIVACY_TOKENS.PrivacyAuditLog,
      TOKENS.identity.SecretCipher,
      CONVERSATION_TOKENS.ConversationRepository,
      ALERT_TOKENS.AlertRepository,
      PATIENT_TOKENS.Ports,
      TOKENS.identity.Ports,
      TOKENS.shared.UnitOfWork,
      TOKENS.shared.Clock,
      TOKENS.shared.IdGenerator,
      TOKENS.shared.AuditRecorder,
    ],
  );
  c.bind(PRIVACY_TOKENS.UseCases).toResolvedValue(
    (ports: PrivacyPorts) => createPrivacyUseCases(ports),
    [PRIVACY_TOKENS.Ports],
  );
  c.bind(PRIVACY_TOKENS.ConsentService).toResolvedValue(
    (useCases: PrivacyUseCases) => useCases.consentService,
    [PRIVACY_TOKENS.UseCases],
  );
};

/** Replaces a binding of the embedded profile, or binds it when `bindPrivacy` did not run. */
const bindOrRebind = (c: Container, token: ServiceIdentifier, value: unknown): void => {
  (c.isBound(token) ? c.rebind(token) : c.bind(token)).toConstantValue(value);
};

/**
 * The Mongo profile's privacy stores (`privacy_requests`, `consents`, `privacy_exports`). Call it from
 * `bindMongoPersistence`, before anything is resolved: the privacy ports capture their stores when first resolved.
 */
export const bindPrivacyMongo = (c: Container, database: MongoDatabase): void => {
  bindOrRebind(c, PRIVACY_TOKENS.PrivacyRequestRepository, new MongoPrivacyRequestRepository(database));
  bindOrRebind(c, PRIVACY_TOKENS.ConsentRepository, new MongoConsentRepository(database));
  bindOrRebind(c, PRIVACY_TOKENS.PrivacyExportStore, new MongoPrivacyExportStore(database));
};

/** Creates the privacy collections' indexes (call it with the other start-up indexes). */
export const ensurePrivacyMongoIndexes = (database: MongoDatabase): Promise<void> => ensurePrivacyIndexes(database.db);

/** The privacy context's router (`/v1/privacy/*`); its paths overlap no other router's. */
export const privacyRouters = (privacy: PrivacyUseCases, authenticated: Middleware): Router[] => [
  privacyRoutes(privacy, authenticated),
];
