import type { EmergencyPhrase } from '../../domain/emergencies/emergency-phrase';
import type { PhraseCapability } from '../../domain/emergencies/phrase-policy';
import type { Actor } from '../../domain/shared/actor';
import { createDomainEvent } from '../../domain/shared/domain-event';
import { forbidden } from '../../domain/shared/errors';
import type { EmergencyPhrasePorts } from './emergency-phrase-ports';

export type PhraseOperation = 'create' | 'update' | 'delete';

/**
 * A phrase change is an admin action (DOMAIN.md §11.2): `CONFIG_CHANGE` on `emergencyPhrase`, flagged `highRisk`
 * because it changes what raises emergency alerts. Codes only: never the label or the pattern. Written inside
 * the change's transaction, so it is undone with it.
 */
export const recordPhraseChange = async (
  ports: EmergencyPhrasePorts,
  actor: Actor,
  operation: PhraseOperation,
  phrase: EmergencyPhrase,
  changedFields: readonly string[] = [],
): Promise<void> => {
  await ports.audit.record({
    action: 'CONFIG_CHANGE',
    outcome: 'success',
    actorKind: actor.kind,
    actorId: actor.caregiverId ?? null,
    orgId: phrase.orgId ?? actor.orgId ?? null,
    resourceType: 'emergencyPhrase',
    resourceId: phrase.id,
    requestId: actor.requestId ?? null,
    ip: actor.ip ?? null,
    at: ports.clock.now(),
    details: {
      operation,
      scope: phrase.scope,
      language: phrase.language,
      highRisk: true,
      ...(changedFields.length > 0 ? { changedFields: changedFields.join(',') } : {}),
    },
  });
};

/** What a refusal was about: one phrase, or the organisation a request named. */
export interface DeniedPhraseResource {
  readonly type: 'emergencyPhrase' | 'org';
  readonly id: string | null;
  readonly orgId: string | null;
}

/** Audits a refusal (`ACCESS_DENIED`, flagged for review) without throwing; call it outside any transaction. */
export const recordPhraseDenial = async (
  ports: EmergencyPhrasePorts,
  actor: Actor,
  capability: PhraseCapability,
  resource: DeniedPhraseResource,
  rule?: string,
): Promise<void> => {
  await ports.audit.record({
    action: 'ACCESS_DENIED',
    outcome: 'denied',
    actorKind: actor.kind,
    actorId: actor.caregiverId ?? null,
    orgId: resource.orgId ?? actor.orgId ?? null,
    resourceType: resource.type,
    resourceId: resource.id,
    requestId: actor.requestId ?? null,
    ip: actor.ip ?? null,
    at: ports.clock.now(),
    details: { capability, requiresReview: true, ...(rule === undefined ? {} : { rule }) },
  });
};

/** Audits the refusal and throws the 403 `Access denied: insufficient permissions.` */
export const denyPhraseAccess = async (
  ports: EmergencyPhrasePorts,
  actor: Actor,
  capability: PhraseCapability,
  resource: DeniedPhraseResource,
  rule?: string,
): Promise<never> => {
  await recordPhraseDenial(ports, actor, capability, resource, rule);
  throw forbidden();
};

/**
 * `EmergencyPhrasesChanged` (DOMAIN.md §7.5) in the change's transaction, for the caches of other processes and
 * anyone else listening; must run inside `uow.run`.
 */
export const emitPhrasesChanged = async (
  ports: EmergencyPhrasePorts,
  actor: Actor,
  operation: PhraseOperation,
  phrase: EmergencyPhrase,
): Promise<void> => {
  await ports.outbox.append([
    createDomainEvent(ports.ids.next(), ports.clock.now(), {
      type: 'EmergencyPhrasesChanged',
      orgId: phrase.orgId,
      aggregateType: 'EmergencyPhrase',
      aggregateId: phrase.id,
      aggregateVersion: phrase.version,
      actor:
        actor.caregiverId === undefined ? { kind: actor.kind } : { kind: actor.kind, caregiverId: actor.caregiverId },
      payload: { phraseId: phrase.id, orgId: phrase.orgId, language: phrase.language, operation },
    }),
  ]);
};
