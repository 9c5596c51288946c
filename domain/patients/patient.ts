/**
 * The Patient aggregate (DOMAIN.md §3.1, API-CONTRACT.md §3.8). A patient never logs in. `email` is optional and
 * unique within the organisation among non-deleted patients when present (RESOLUTIONS.md 35); `phone` is required
 * and not unique (two patients may share a line). `timezone` null means "the organisation's".
 */
export type PatientStatus = 'active' | 'anonymised';

export interface Patient {
  readonly id: string;
  readonly orgId: string;
  readonly name: string;
  readonly preferredName: string | null;
  readonly email: string | null;
  readonly phone: string;
  readonly avatar: string | null;
  readonly age: number | null;
  readonly notes: string | null;
  readonly preferredLanguage: string;
  readonly timezone: string | null;
  /** Always false: patients never log in. Kept because the app's forms send it back. */
  readonly isEmailVerified: boolean;
  /** End of the latest answered call; maintained by the calls context. */
  readonly lastContactAt: Date | null;
  readonly status: PatientStatus;
  readonly deletedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
}

/**
 * Languages of the voice agent for a patient. DOMAIN.md §1.1 lists ten; the wire contract (§3.5) also accepts
 * `ko` for patients because the app's patient form offers Korean, and the contract wins on the wire.
 */
export const PATIENT_LANGUAGES = ['en', 'es', 'fr', 'de', 'zh', 'ja', 'pt', 'it', 'ru', 'ko', 'ar'] as const;
export type PatientLanguage = (typeof PATIENT_LANGUAGES)[number];
export const DEFAULT_PATIENT_LANGUAGE: PatientLanguage = 'en';

/** The numbers of §3.1. */
export const PATIENT_LIMITS = {
  nameMax: 100,
  preferredNameMax: 100,
  notesMax: 2000,
  ageMin: 0,
  ageMax: 150,
} as const;

export const isPatientLanguage = (value: string): value is PatientLanguage =>
  (PATIENT_LANGUAGES as readonly string[]).includes(value);

export const isValidAge = (age: number): boolean =>
  Number.isInteger(age) && age >= PATIENT_LIMITS.ageMin && age <= PATIENT_LIMITS.ageMax;

export interface NewPatient {
  readonly id: string;
  readonly orgId: string;
  readonly name: string;
  readonly phone: string;
  readonly now: Date;
  readonly email?: string | null;
  readonly preferredName?: string | null;
  readonly avatar?: string | null;
  readonly age?: number | null;
  readonly notes?: string | null;
  readonly preferredLanguage?: string;
  readonly timezone?: string | null;
}

export const createPatient = (input: NewPatient): Patient => ({
  id: input.id,
  orgId: input.orgId,
  name: input.name,
  preferredName: input.preferredName ?? null,
  email: input.email ?? null,
  phone: input.phone,
  avatar: input.avatar ?? null,
  age: input.age ?? null,
  notes: input.notes ?? null,
  preferredLanguage: input.preferredLanguage ?? DEFAULT_PATIENT_LANGUAGE,
  timezone: input.timezone ?? null,
  isEmailVerified: false,
  lastContactAt: null,
  status: 'active',
  deletedAt: null,
  createdAt: input.now,
  updatedAt: input.now,
  version: 1,
});

/** The fields an update may set (everything except id, org, status, lastContactAt: DOMAIN.md §3.3). */
export const EDITABLE_PATIENT_FIELDS = [
  'name',
  'email',
  'phone',
  'avatar',
  'preferredLanguage',
  'preferredName',
  'timezone',
  'age',
  'notes',
] as const;
export type EditablePatientField = (typeof EDITABLE_PATIENT_FIELDS)[number];

/** Validated new values; an absent key stays as it is, null clears an optional field. */
export type PatientChanges = {
  readonly [K in EditablePatientField]?: Patient[K];
};

/** Applies `changes` and names the fields whose value really changed (in the order of EDITABLE_PATIENT_FIELDS). */
export const applyPatientChanges = (
  patient: Patient,
  changes: PatientChanges,
): { readonly next: Patient; readonly changed: readonly EditablePatientField[] } => {
  const changed = EDITABLE_PATIENT_FIELDS.filter(
    (field) => changes[field] !== undefined && changes[field] !== patient[field],
  );
  const next: Patient = { ...patient };
  for (const field of changed) Object.assign(next, { [field]: changes[field] });
  return { next, changed };
};

/**
 * The soft delete (§3.2 active -> deleted). The record is kept for its retention period; its e-mail no longer
 * counts for uniqueness because uniqueness only looks at non-deleted patients.
 */
export const softDeletedPatient = (patient: Patient, now: Date): Patient => ({
  ...patient,
  deletedAt: now,
  updatedAt: now,
});

export const isLivePatient = (patient: Patient): boolean => patient.deletedAt === null && patient.status === 'active';
