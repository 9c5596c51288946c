import type { AccessDecision, AccessScope, ActiveRole, Scope } from '../identity/roles';

/**
 * The analysis rows of the permission matrix (API-CONTRACT.md §2.8): assigned staff, the organisation's admins
 * and superAdmins read analyses and trigger one patient's; only admins trigger all, read the run status, set a
 * manual baseline or re-run a patient's sentiment in bulk (§6.3).
 */
export type AnalysisCapability = 'analysis.read' | 'analysis.trigger' | 'analysis.admin';

export const ANALYSIS_PERMISSIONS: Readonly<Record<AnalysisCapability, Partial<Record<ActiveRole, Scope>>>> = {
  'analysis.read': { staff: 'assigned', orgAdmin: 'org', superAdmin: 'any' },
  'analysis.trigger': { staff: 'assigned', orgAdmin: 'org', superAdmin: 'any' },
  'analysis.admin': { orgAdmin: 'org', superAdmin: 'any' },
};

export interface AnalysisTarget {
  readonly orgId: string;
  readonly assignedToCaller: boolean;
}

/** Another organisation's patient is not found (no existence leak); the own org's outside the scope is forbidden. */
export const authorizeAnalysis = (
  scope: AccessScope,
  capability: AnalysisCapability,
  target: AnalysisTarget,
): AccessDecision => {
  const granted = ANALYSIS_PERMISSIONS[capability][scope.role];
  if (granted === 'any') return 'allow';
  if (target.orgId !== scope.orgId) return 'not-found';
  if (granted === 'org') return 'allow';
  if (granted === 'assigned') return target.assignedToCaller ? 'allow' : 'forbidden';
  return 'forbidden';
};
