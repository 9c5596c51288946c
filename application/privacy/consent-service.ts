import { consentState, type ConsentType } from '../../domain/privacy/consent';
import type { PrivacySubjectType } from '../../domain/privacy/privacy-subject';
import type { ConsentRepository } from '../ports/consent-repository';

/**
 * What other contexts ask about consent (API-CONTRACT.md §6.3 "consent effects"): the call pipeline stops
 * calls when a patient's `recording` or `transcription` consent is withdrawn, the analysis pipeline stops on
 * `analysis`. Internal system queries: not audited, no PHI returned.
 */
export class ConsentService {
  constructor(private readonly consents: ConsentRepository) {}

  /** A current grant of `type` exists for the subject. */
  async hasActiveConsent(subjectType: PrivacySubjectType, subjectId: string, type: ConsentType): Promise<boolean> {
    return consentState(await this.consents.listBySubject(subjectType, subjectId), type) === 'active';
  }

  /**
   * Consent of `type` was recorded and none is active any more. A patient with no record at all is covered by
   * the organisation's service agreement (DOMAIN.md O13), so only an explicit withdrawal stops processing.
   */
  async consentWithdrawn(subjectType: PrivacySubjectType, subjectId: string, type: ConsentType): Promise<boolean> {
    return consentState(await this.consents.listBySubject(subjectType, subjectId), type) === 'withdrawn';
  }

  /** Shorthand for the call pipeline: `consentWithdrawn('patient', patientId, type)`. */
  patientConsentWithdrawn(patientId: string, type: ConsentType): Promise<boolean> {
    return this.consentWithdrawn('patient', patientId, type);
  }
}
