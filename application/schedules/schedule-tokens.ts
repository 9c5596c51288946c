/** Injection tokens of the schedules context (plain symbols, like application/ports/tokens.ts). */
export const SCHEDULE_TOKENS = {
  Ports: Symbol.for('schedules.Ports'),
  UseCases: Symbol.for('schedules.UseCases'),
  ScheduleRepository: Symbol.for('schedules.ScheduleRepository'),
  /** The real `PatientSchedules`; bootstrap also binds `PATIENT_TOKENS.PatientSchedules` to it. */
  Directory: Symbol.for('schedules.Directory'),
} as const;
