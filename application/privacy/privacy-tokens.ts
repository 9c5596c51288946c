/** Injection tokens of the privacy context (plain symbols, like application/ports/tokens.ts). */
export const PRIVACY_TOKENS = {
  Ports: Symbol.for('privacy.Ports'),
  UseCases: Symbol.for('privacy.UseCases'),
  PrivacyRequestRepository: Symbol.for('privacy.PrivacyRequestRepository'),
  ConsentRepository: Symbol.for('privacy.ConsentRepository'),
  PrivacyExportStore: Symbol.for('privacy.PrivacyExportStore'),
  PrivacyAuditLog: Symbol.for('privacy.PrivacyAuditLog'),
  /** `hasActiveConsent` / `consentWithdrawn` for the call and analysis pipelines. */
  ConsentService: Symbol.for('privacy.ConsentService'),
} as const;
