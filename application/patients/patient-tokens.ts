/** Injection tokens of the patients context (plain symbols, like application/ports/tokens.ts). */
export const PATIENT_TOKENS = {
  Ports: Symbol.for('patients.Ports'),
  UseCases: Symbol.for('patients.UseCases'),
  PatientRepository: Symbol.for('patients.PatientRepository'),
  CareTeamRepository: Symbol.for('patients.CareTeamRepository'),
  PatientSchedules: Symbol.for('patients.PatientSchedules'),
  CareDirectory: Symbol.for('patients.CareDirectory'),
  /** Avatars and logos; the caregiver and org uploads may share it (a `shared` token would suit them all). */
  MediaStore: Symbol.for('patients.MediaStore'),
} as const;
