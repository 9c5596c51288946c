import type { Alert } from '../alerts/alert';
import type { Conversation } from '../conversations/conversation';
import type { Caregiver } from '../identity/caregiver';
import type { Patient } from '../patients/patient';

/**
 * Deletion by anonymisation (DOMAIN.md §11.5, API-CONTRACT.md §6.3): names replaced, contact data, notes and
 * transcripts erased. Each step is idempotent, so a retried completion changes nothing twice.
 */
export const ANONYMISED_PATIENT_NAME = 'Deleted patient';
export const ANONYMISED_CAREGIVER_NAME = 'Deleted caregiver';

/** The completion note of a deletion: what was kept, and why the request ends `partially_fulfilled`. */
export const DELETION_NOTE =
  'Personal data anonymised. Retained as required by law: audit entries, billing records, consent records and breach logs.';

/**
 * The patient record anonymised: name replaced; preferred name, e-mail, phone, avatar, age, notes and time
 * zone erased; status `anonymised`. The record stays readable (its id is referenced by audit and billing
 * records); `phone` is required by the record's shape, so it becomes empty rather than null.
 */
export const anonymisePatient = (patient: Patient, now: Date): Patient => {
  if (patient.status === 'anonymised') return patient;
  return {
    ...patient,
    name: ANONYMISED_PATIENT_NAME,
    preferredName: null,
    email: null,
    phone: '',
    avatar: null,
    age: null,
    notes: null,
    timezone: null,
    status: 'anonymised',
    updatedAt: now,
  };
};

/**
 * A conversation with the patient's words gone: message texts and the summary emptied, sentiment removed, call
 * notes cleared; times, outcome and durations kept (billing needs them). Marked `redacted`.
 */
export const redactConversation = (conversation: Conversation, now: Date): Conversation => {
  if (conversation.redacted) return conversation;
  return {
    ...conversation,
    messages: conversation.messages.map((message) => ({ ...message, content: '' })),
    summary: conversation.summary === null ? null : { ...conversation.summary, text: '' },
    sentiment: null,
    sentimentAnalyzedAt: null,
    call: { ...conversation.call, callNotes: null },
    redacted: true,
    updatedAt: now,
  };
};

/** A custom alert's free text about the patient emptied (other kinds hold no text; they render the new name). */
export const redactAlert = (alert: Alert, now: Date): Alert =>
  alert.message === null || alert.message === '' ? alert : { ...alert, message: '', updatedAt: now };

/**
 * The caregiver's own identifying data before the account is erased (the identity context's soft delete then
 * removes e-mail, MFA and SSO identities): name replaced, phone, avatar and password removed.
 */
export const anonymiseCaregiverProfile = (caregiver: Caregiver, now: Date): Caregiver => ({
  ...caregiver,
  name: ANONYMISED_CAREGIVER_NAME,
  phone: null,
  isPhoneVerified: false,
  phoneVerifiedAt: null,
  phoneVerification: null,
  avatar: null,
  passwordHash: null,
  passwordHistory: [],
  updatedAt: now,
});
