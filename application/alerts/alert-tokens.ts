/** Injection tokens of the alerts context (plain symbols, like application/ports/tokens.ts). */
export const ALERT_TOKENS = {
  Ports: Symbol.for('alerts.Ports'),
  UseCases: Symbol.for('alerts.UseCases'),
  AlertRepository: Symbol.for('alerts.AlertRepository'),
  AlertReferences: Symbol.for('alerts.AlertReferences'),
  /** The login payload's `alerts`, read by the care directory. */
  LoginAlerts: Symbol.for('alerts.LoginAlerts'),
} as const;
