import type { AccessDecision, AccessScope, ActiveRole, Scope } from '../identity/roles';
import type { PatientTarget } from '../patients/patient-policy';

/**
 * The call rows of the permission matrix (API-CONTRACT.md §2.8): "Read patients, schedules, calls and
 * conversations" and "Start or end a call; report call status" are granted to staff for assigned patients, to
 * orgAdmins in their organisation and to superAdmins anywhere. A call is judged through its patient.
 */
export type CallCapability = 'call.read' | 'call.manage';

const CARE_TEAM_SCOPE: Partial<Record<ActiveRole, Scope>> = { staff: 'assigned', orgAdmin: 'org', superAdmin: 'any' };

export const CALL_PERMISSIONS: Readonly<Record<CallCapability, Partial<Record<ActiveRole, Scope>>>> = {
  'call.read': CARE_TEAM_SCOPE,
  'call.manage': CARE_TEAM_SCOPE,
};

/** Another organisation's call or patient is not found; the own organisation's outside the scope is forbidden. */
export const authorizeCall = (
  scope: AccessScope,
  capability: CallCapability,
  target: PatientTarget,
): AccessDecision => {
  const granted = CALL_PERMISSIONS[capability][scope.role];
  if (granted === 'any') return 'allow';
  if (target.orgId !== scope.orgId) return 'not-found';
  if (granted === 'org') return 'allow';
  if (granted === 'assigned') return target.assignedToCaller ? 'allow' : 'forbidden';
  return 'forbidden';
};
