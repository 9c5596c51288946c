/**
 * Injection tokens of the audit context (merge into `TOKENS.audit` when convenient). `TOKENS.shared.AuditRecorder`
 * stays the token that use cases depend on; it is bound to the `PendingAuditRecorder`.
 */
export const AUDIT_TOKENS = {
  AuditStore: Symbol.for('audit.AuditStore'),
  AuditSigner: Symbol.for('audit.AuditSigner'),
  AuditSequencer: Symbol.for('audit.AuditSequencer'),
  VerifyAuditChain: Symbol.for('audit.VerifyAuditChain'),
} as const;
