import type { Caregiver } from '../../../domain/identity/caregiver';
import type { ActiveRole } from '../../../domain/identity/roles';
import type { CaregiverView, LoginPayload, OrgView } from '../../../application/identity/views';

/** The wire shapes of API-CONTRACT.md §3.8; fields the role may not see are left out (D5, minimum necessary). */
export interface CaregiverDto {
  id: string;
  name: string;
  email: string;
  pendingEmail: string | null;
  phone: string;
  avatar: string;
  role: string;
  org: string;
  patients: Array<{ id: string; name: string; email: string | null; phone: string; avatar: string }>;
  isEmailVerified: boolean;
  isPhoneVerified: boolean;
  preferredLanguage: string;
  themePreference: string;
  mfaEnabled: boolean;
}

export const caregiverDto = (view: CaregiverView): CaregiverDto => caregiverFields(view.caregiver, view.patients);

export const caregiverFields = (c: Caregiver, patients: CaregiverView['patients'] = []): CaregiverDto => ({
  id: c.id,
  name: c.name,
  email: c.email ?? '',
  pendingEmail: c.pendingEmail,
  phone: c.phone ?? '',
  avatar: c.avatar ?? '',
  role: c.role,
  org: c.orgId,
  patients: patients.map((p) => ({ id: p.id, name: p.name, email: p.email, phone: p.phone, avatar: p.avatar })),
  isEmailVerified: c.isEmailVerified,
  isPhoneVerified: c.isPhoneVerified,
  preferredLanguage: c.preferredLanguage,
  themePreference: c.themePreference,
  mfaEnabled: c.mfa.enabled,
});

const iso = (at: Date | null): string | null => (at === null ? null : at.toISOString());

export const orgDto = (
  view: OrgView,
  viewer: ActiveRole,
  nextBillingDate: Date | null = null,
): Record<string, unknown> => {
  const { org } = view;
  const base: Record<string, unknown> = {
    id: org.id,
    name: org.name,
    email: org.email,
    phone: org.phone ?? '',
    avatar: org.avatar ?? '',
    logo: org.logo,
    isEmailVerified: org.isEmailVerified,
    timezone: org.timezone,
    callRetrySettings: { ...org.callRetrySettings },
    caregivers: [...view.caregiverIds],
    patients: [...view.patientIds],
  };
  if (viewer === 'staff') return base;
  return {
    ...base,
    stripeCustomerId: org.stripeCustomerId,
    planName: 'Pay as you go',
    nextBillingDate: iso(nextBillingDate),
  };
};

export const loginPayloadDto = (payload: LoginPayload): Record<string, unknown> => ({
  org: payload.org === null ? null : orgDto(payload.org, payload.viewerRole),
  caregiver: caregiverDto(payload.caregiver),
  patients: payload.patients,
  alerts: payload.alerts,
  tokens: payload.tokens,
  mfaEnrollmentRequiredBy: iso(payload.mfaEnrollmentRequiredBy),
});
