/** The patient consents whose withdrawal stops calls (API-CONTRACT.md §6.3 "consent effects"). */
export type CallConsentType = 'recording' | 'transcription';

/**
 * What the calls context asks the privacy context before placing a call. `ConsentService` satisfies it as it is.
 * Only an explicit withdrawal counts: a patient with no consent record is covered by the organisation's service
 * agreement (DOMAIN.md §15 O13).
 */
export interface CallConsents {
  patientConsentWithdrawn(patientId: string, type: CallConsentType): Promise<boolean>;
}
