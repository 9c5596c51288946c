/** Roles and the permission matrix as data (API-CONTRACT.md §2.8, DOMAIN.md §2.2). */
export type Role = 'superAdmin' | 'orgAdmin' | 'staff' | 'unverified' | 'invited';
export type ActiveRole = 'superAdmin' | 'orgAdmin' | 'staff';
export type IntendedRole = 'superAdmin' | 'orgAdmin' | 'staff';

export const ROLES: readonly Role[] = ['superAdmin', 'orgAdmin', 'staff', 'unverified', 'invited'];
export const ACTIVE_ROLES: readonly ActiveRole[] = ['superAdmin', 'orgAdmin', 'staff'];

export const isActiveRole = (role: Role): role is ActiveRole => (ACTIVE_ROLES as readonly Role[]).includes(role);
export const isAdminRole = (role: Role): boolean => role === 'orgAdmin' || role === 'superAdmin';

/** Where a capability is granted: the caller's own record, their org, patients assigned to them, or any org. */
export type Scope = 'self' | 'org' | 'assigned' | 'any';

export type Capability =
  | 'caregiver.read'
  | 'caregiver.updateOther'
  | 'caregiver.invite'
  | 'caregiver.setRole'
  | 'caregiver.delete'
  | 'caregiver.manageSecurity'
  | 'caregiver.resetMfa'
  | 'org.read'
  | 'org.update'
  | 'org.delete'
  | 'org.administer';

/** Cells of the matrix; a missing role means denied. */
export const PERMISSIONS: Readonly<Record<Capability, Partial<Record<ActiveRole, Scope>>>> = {
  'caregiver.read': { staff: 'self', orgAdmin: 'org', superAdmin: 'any' },
  'caregiver.updateOther': { orgAdmin: 'org', superAdmin: 'any' },
  'caregiver.invite': { orgAdmin: 'org', superAdmin: 'any' },
  'caregiver.setRole': { orgAdmin: 'org', superAdmin: 'any' },
  'caregiver.delete': { staff: 'self', orgAdmin: 'org', superAdmin: 'any' },
  'caregiver.manageSecurity': { orgAdmin: 'org', superAdmin: 'any' },
  'caregiver.resetMfa': { orgAdmin: 'org', superAdmin: 'any' },
  'org.read': { staff: 'org', orgAdmin: 'org', superAdmin: 'any' },
  'org.update': { orgAdmin: 'org', superAdmin: 'any' },
  'org.delete': { orgAdmin: 'org', superAdmin: 'any' },
  'org.administer': { superAdmin: 'any' },
};

/** Roles each role may hand out through invitations (an orgAdmin never grants superAdmin). */
export const INVITABLE_ROLES: Readonly<Record<ActiveRole, readonly IntendedRole[]>> = {
  superAdmin: ['staff', 'orgAdmin', 'superAdmin'],
  orgAdmin: ['staff', 'orgAdmin'],
  staff: [],
};

export interface AccessScope {
  readonly caregiverId: string;
  readonly role: ActiveRole;
  readonly orgId: string;
}

export interface AccessTarget {
  readonly orgId: string;
  /** The caregiver the action is about, when it is about one. */
  readonly caregiverId?: string;
}

export type AccessDecision = 'allow' | 'forbidden' | 'not-found';

/**
 * The one policy function: another org's record is reported as not found (no existence leak), a record of the
 * own org outside the granted scope is forbidden.
 */
export const authorize = (scope: AccessScope, capability: Capability, target: AccessTarget): AccessDecision => {
  const granted = PERMISSIONS[capability][scope.role];
  if (granted === 'any') return 'allow';
  if (target.orgId !== scope.orgId) return 'not-found';
  if (granted === undefined) return 'forbidden';
  if (granted === 'self') return target.caregiverId === scope.caregiverId ? 'allow' : 'forbidden';
  return 'allow';
};
