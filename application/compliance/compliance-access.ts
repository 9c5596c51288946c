import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { forbidden } from '../../domain/shared/errors';
import type { AuditOutcome } from '../ports/audit-recorder';
import type { CompliancePorts } from './compliance-ports';

type Details = Record<string, string | number | boolean | null>;

/** One entry about the compliance views themselves: reading the log is audited too (DOMAIN.md §11.2). */
export const recordCompliance = (
  ports: CompliancePorts,
  actor: Actor,
  action: string,
  outcome: AuditOutcome,
  resource: { type: 'audit' | 'breach'; id: string | null; orgId: string | null },
  details: Details = {},
): Promise<void> =>
  ports.audit.record({
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

/**
 * orgAdmins see their own organisation, superAdmins every one; anyone else is refused (403, audited). Resolves
 * the organisation the caller is limited to, or null for all of them.
 */
export const complianceOrgScope = async (
  ports: CompliancePorts,
  scope: AccessScope,
  actor: Actor,
  resource: 'audit' | 'breach',
  superAdminOnly = false,
): Promise<string | null> => {
  if (scope.role === 'superAdmin') return null;
  if (scope.role === 'orgAdmin' && !superAdminOnly) return scope.orgId;
  await recordCompliance(
    ports,
    actor,
    'ACCESS_DENIED',
    'denied',
    { type: resource, id: null, orgId: scope.orgId },
    {
      requiresReview: true,
    },
  );
  throw forbidden();
};
