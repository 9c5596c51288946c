import type { AuditEvent } from '../ports/audit-recorder';

/**
 * Read access to the audit log for the access export (DOMAIN.md §11.5): the accounting of disclosures of a
 * patient and a caregiver's sign-in history. Ids, codes and times only, as the log holds nothing else.
 */
export interface PrivacyAuditLog {
  /** Entries naming the patient (`patientIds`) at or after `since`, oldest first. */
  aboutPatient(patientId: string, since: Date): Promise<readonly AuditEvent[]>;
  /** Sign-in events (`LOGIN`, `LOGIN_FAILED`, `LOGOUT`) of the caregiver's account, oldest first. */
  signInsOf(caregiverId: string): Promise<readonly AuditEvent[]>;
}

/** The actions that make up a sign-in history. */
export const SIGN_IN_ACTIONS: readonly string[] = ['LOGIN', 'LOGIN_FAILED', 'LOGOUT'];
