import type { Actor } from '../../domain/shared/actor';
import type { AuditOutcome } from '../ports/audit-recorder';
import type { IdentityPorts } from './identity-ports';

/** Shorthand for the identity context's audit entries: ids and codes only, never an e-mail or a name. */
export const audit = async (
  ports: IdentityPorts,
  actor: Actor,
  action: string,
  outcome: AuditOutcome,
  resource: { type: string; id: string | null; orgId: string | null },
  details: Record<string, string | number | boolean | null> = {},
): Promise<void> => {
  await ports.audit.record({
    action,
    outcome,
    actorKind: actor.kind,
    actorId: actor.caregiverId ?? null,
    orgId: resource.orgId ?? actor.orgId ?? null,
    resourceType: resource.type,
    resourceId: resource.id,
    requestId: actor.requestId ?? null,
    ip: actor.ip ?? null,
    at: ports.clock.now(),
    details,
  });
};
