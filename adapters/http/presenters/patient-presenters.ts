import type { ActiveRole } from '../../../domain/identity/roles';
import { patientViewFor } from '../../../domain/patients/patient-policy';
import type { PatientView } from '../../../application/patients/patient-views';

/** PatientDTO (API-CONTRACT.md §3.8): the care view (staff) and the admin view (orgAdmin, superAdmin). */
export interface CarePatientDto {
  id: string;
  name: string;
  preferredName: string | null;
  avatar: string;
  email: string | null;
  phone: string;
  preferredLanguage: string;
  timezone: string | null;
  lastContactAt: string | null;
  isEmailVerified: boolean;
  org: string;
  caregivers: string[];
  schedules: unknown[];
}

export interface AdminPatientDto extends CarePatientDto {
  age: number | null;
  notes: string | null;
}

const iso = (at: Date | null): string | null => (at === null ? null : at.toISOString());

/** Minimum necessary (D5): staff never receive `age` or `notes`; the keys are absent, not null. */
export const patientDto = (view: PatientView, viewer: ActiveRole): CarePatientDto | AdminPatientDto => {
  const { patient } = view;
  const care: CarePatientDto = {
    id: patient.id,
    name: patient.name,
    preferredName: patient.preferredName,
    avatar: patient.avatar ?? '',
    email: patient.email,
    phone: patient.phone,
    preferredLanguage: patient.preferredLanguage,
    timezone: patient.timezone,
    lastContactAt: iso(patient.lastContactAt),
    isEmailVerified: patient.isEmailVerified,
    org: patient.orgId,
    caregivers: [...view.caregiverIds],
    schedules: [...view.schedules],
  };
  if (patientViewFor(viewer) === 'care') return care;
  return { ...care, age: patient.age, notes: patient.notes };
};
