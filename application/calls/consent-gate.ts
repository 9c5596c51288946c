import { DomainError } from '../../domain/shared/errors';
import type { CallConsents, CallConsentType } from '../ports/call-consents';
import type { Logger } from '../ports/logger';

/** Checked in this order, so a refusal always names the same consent when both were withdrawn. */
export const CALL_CONSENTS: readonly CallConsentType[] = ['recording', 'transcription'];

export const CALL_CONSENT_WITHDRAWN = 'CALL_CONSENT_WITHDRAWN';

/**
 * 409, not 403: the caller is allowed to call this patient (403 means a permission the caller lacks, and the app
 * answers it as such), but the patient's current state forbids the call, like `CALL_IN_PROGRESS`. The contract
 * defines no `reason` for it, so none is sent (domain/shared/errors.ts); the message names the consent only.
 */
export const callConsentWithdrawn = (type: CallConsentType): DomainError =>
  new DomainError(
    CALL_CONSENT_WITHDRAWN,
    'conflict',
    `Calls to this patient are stopped: consent to call ${type} was withdrawn`,
  );

export const isCallConsentWithdrawn = (error: unknown): boolean =>
  error instanceof DomainError && error.id === CALL_CONSENT_WITHDRAWN;

/**
 * The consent check in front of every call (API-CONTRACT.md §6.3: withdrawing `recording` or `transcription`
 * stops calls; RESOLUTIONS.md 35: enforced). "Call now" and scheduled calls ask it before a call is queued. A
 * failing consent lookup is not swallowed: no call is placed while the answer is unknown.
 */
export class ConsentGate {
  constructor(
    private readonly consents: CallConsents,
    private readonly logger?: Logger,
  ) {}

  /** The first withdrawn call consent, or null when the patient may be called. */
  async withdrawnConsent(patientId: string): Promise<CallConsentType | null> {
    for (const type of CALL_CONSENTS) {
      if (await this.consents.patientConsentWithdrawn(patientId, type)) return type;
    }
    return null;
  }

  /** Throws the 409 `callConsentWithdrawn` when a call consent was withdrawn. */
  async assertCallAllowed(patientId: string): Promise<void> {
    const withdrawn = await this.withdrawnConsent(patientId);
    if (withdrawn === null) return;
    this.logger?.info({ patientId, consentType: withdrawn }, 'call refused: patient consent withdrawn');
    throw callConsentWithdrawn(withdrawn);
  }
}
