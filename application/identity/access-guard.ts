import { authorize, type AccessScope, type Capability } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { forbidden, type DomainError } from '../../domain/shared/errors';
import { audit } from './audit-trail';
import type { IdentityPorts } from './identity-ports';

/** The record an access decision is about, as the audit trail names it. */
export interface GuardedResource {
  readonly type: 'org' | 'caregiver';
  readonly id: string;
  readonly orgId: string;
  /** The caregiver the action is about, for capabilities granted on "self". */
  readonly caregiverId?: string;
}

export const orgResource = (orgId: string): GuardedResource => ({ type: 'org', id: orgId, orgId });

export const caregiverResource = (caregiver: { id: string; orgId: string }): GuardedResource => ({
  type: 'caregiver',
  id: caregiver.id,
  orgId: caregiver.orgId,
  caregiverId: caregiver.id,
});

/** Audits the refusal (ids and codes only) and throws the 403 `Access denied: insufficient permissions.` */
export const deny = async (
  ports: IdentityPorts,
  actor: Actor,
  capability: Capability,
  resource: GuardedResource,
  rule?: string,
): Promise<never> => {
  await audit(
    ports,
    actor,
    'ACCESS_DENIED',
    'denied',
    { type: resource.type, id: resource.id, orgId: resource.orgId },
    rule === undefined ? { capability } : { capability, rule },
  );
  throw forbidden();
};

/**
 * Applies the permission matrix before anything else happens: another organisation's record is reported with
 * `missing()` exactly like a record that does not exist (the probe is still audited), a record of the own
 * organisation outside the granted scope is a 403.
 */
export const guardAccess = async (
  ports: IdentityPorts,
  scope: AccessScope,
  capability: Capability,
  resource: GuardedResource,
  actor: Actor,
  missing: () => DomainError,
): Promise<void> => {
  const target =
    resource.caregiverId === undefined
      ? { orgId: resource.orgId }
      : { orgId: resource.orgId, caregiverId: resource.caregiverId };
  const decision = authorize(scope, capability, target);
  if (decision === 'allow') return;
  if (decision === 'not-found') {
    await audit(
      ports,
      actor,
      'ACCESS_DENIED',
      'denied',
      { type: resource.type, id: resource.id, orgId: resource.orgId },
      { capability, rule: 'other_org' },
    );
    throw missing();
  }
  await deny(ports, actor, capability, resource);
};
