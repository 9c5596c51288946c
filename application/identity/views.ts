import type { Caregiver } from '../../domain/identity/caregiver';
import type { Org } from '../../domain/identity/org';
import type { ActiveRole } from '../../domain/identity/roles';
import type { PatientRef } from '../ports/care-directory';
import type { IdentityPorts } from './identity-ports';
import type { AuthTokens } from './session-issuer';

/** An org with the ids the app reads beside it (derived from the owning side, never stored on the org). */
export interface OrgView {
  readonly org: Org;
  readonly caregiverIds: readonly string[];
  readonly patientIds: readonly string[];
}

export interface CaregiverView {
  readonly caregiver: Caregiver;
  readonly patients: readonly PatientRef[];
}

export interface LoginPayload {
  readonly viewerRole: ActiveRole;
  readonly org: OrgView | null;
  readonly caregiver: CaregiverView;
  readonly patients: readonly unknown[];
  readonly alerts: readonly unknown[];
  readonly tokens: AuthTokens;
  readonly mfaEnrollmentRequiredBy: Date | null;
}

export const loadOrgView = async (ports: IdentityPorts, org: Org): Promise<OrgView> => ({
  org,
  caregiverIds: await ports.caregivers.idsOfOrg(org.id),
  patientIds: await ports.care.patientIdsOfOrg(org.id),
});

export const loadCaregiverView = async (ports: IdentityPorts, caregiver: Caregiver): Promise<CaregiverView> => ({
  caregiver,
  patients: await ports.care.assignedPatientRefs(caregiver.id),
});

export const loadLoginPayload = async (
  ports: IdentityPorts,
  caregiver: Caregiver & { role: ActiveRole },
  tokens: AuthTokens,
  mfaEnrollmentRequiredBy: Date | null,
): Promise<LoginPayload> => {
  const org = await ports.orgs.findById(caregiver.orgId);
  return {
    viewerRole: caregiver.role,
    org: org === null ? null : await loadOrgView(ports, org),
    caregiver: await loadCaregiverView(ports, caregiver),
    patients: await ports.care.loginPatients(caregiver.id, caregiver.role),
    alerts: await ports.care.loginAlerts(caregiver.id),
    tokens,
    mfaEnrollmentRequiredBy,
  };
};
