import type { ConversationCapability } from '../../domain/conversations/conversation-policy';
import type { Actor } from '../../domain/shared/actor';
import { forbidden } from '../../domain/shared/errors';
import type { ConversationPorts } from './conversation-ports';

/** What an entry of this context is about: a conversation (its id, `list` for a list read) in an organisation. */
export interface ConversationResource {
  readonly id: string | null;
  readonly orgId: string;
}

export type ConversationAction = 'READ' | 'CREATE' | 'UPDATE';

type Details = Record<string, string | number | boolean | null>;

/**
 * One PHI entry (DOMAIN.md §11.2), `resourceType: 'conversation'`, flagged `phiAccessed`: ids, codes and counts
 * only, never a transcript, summary or name. Writes record it inside their transaction; reads before answering.
 */
export const recordConversationPhi = async (
  ports: ConversationPorts,
  actor: Actor,
  action: ConversationAction,
  resource: ConversationResource,
  patientIds: readonly string[],
  details: Details = {},
): Promise<void> => {
  await ports.audit.record({
    action,
    outcome: 'success',
    actorKind: actor.kind,
    actorId: actor.caregiverId ?? null,
    orgId: resource.orgId,
    resourceType: 'conversation',
    resourceId: resource.id,
    patientIds: [...patientIds],
    requestId: actor.requestId ?? null,
    ip: actor.ip ?? null,
    at: ports.clock.now(),
    details: { phiAccessed: true, ...details },
  });
};

/** A refusal; `patientIds` only when the caller named a patient of the own organisation. */
export interface DeniedConversationResource extends ConversationResource {
  readonly patientIds?: readonly string[];
}

/** Audits a refusal (`ACCESS_DENIED`, outcome `denied`, flagged for review) without throwing; outside transactions. */
export const recordConversationDenial = async (
  ports: ConversationPorts,
  actor: Actor,
  capability: ConversationCapability,
  resource: DeniedConversationResource,
  rule: string,
): Promise<void> => {
  await ports.audit.record({
    action: 'ACCESS_DENIED',
    outcome: 'denied',
    actorKind: actor.kind,
    actorId: actor.caregiverId ?? null,
    orgId: resource.orgId,
    resourceType: 'conversation',
    resourceId: resource.id,
    ...(resource.patientIds === undefined ? {} : { patientIds: [...resource.patientIds] }),
    requestId: actor.requestId ?? null,
    ip: actor.ip ?? null,
    at: ports.clock.now(),
    details: { capability, requiresReview: true, rule },
  });
};

/** Audits the refusal and throws the 403 `Access denied: insufficient permissions.` */
export const denyConversationAccess = async (
  ports: ConversationPorts,
  actor: Actor,
  capability: ConversationCapability,
  resource: DeniedConversationResource,
  rule: string,
): Promise<never> => {
  await recordConversationDenial(ports, actor, capability, resource, rule);
  throw forbidden();
};
