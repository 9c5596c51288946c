/** Injection tokens of the emergency-phrase context (plain symbols, like application/ports/tokens.ts). */
export const EMERGENCY_PHRASE_TOKENS = {
  Ports: Symbol.for('emergencies.Ports'),
  UseCases: Symbol.for('emergencies.UseCases'),
  EmergencyPhraseRepository: Symbol.for('emergencies.EmergencyPhraseRepository'),
  /** The shared detection cache the call pipeline asks for effective phrase sets (EmergencyPhraseCatalog). */
  Catalog: Symbol.for('emergencies.Catalog'),
  RegexProbe: Symbol.for('emergencies.RegexProbe'),
} as const;
