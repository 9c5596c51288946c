/** Injection tokens of the calls context (plain symbols, like application/ports/tokens.ts). */
export const CALL_TOKENS = {
  Ports: Symbol.for('calls.Ports'),
  UseCases: Symbol.for('calls.UseCases'),
  Settings: Symbol.for('calls.Settings'),
  CallRepository: Symbol.for('calls.CallRepository'),
  LineItemRepository: Symbol.for('calls.LineItemRepository'),
  Telephony: Symbol.for('calls.Telephony'),
  VoiceAgent: Symbol.for('calls.VoiceAgent'),
  CallTimers: Symbol.for('calls.CallTimers'),
  EmergencyWatch: Symbol.for('calls.EmergencyWatch'),
  ConsentGate: Symbol.for('calls.ConsentGate'),
} as const;
