/** Injection tokens of the conversations context (plain symbols, like application/ports/tokens.ts). */
export const CONVERSATION_TOKENS = {
  Ports: Symbol.for('conversations.Ports'),
  UseCases: Symbol.for('conversations.UseCases'),
  ConversationRepository: Symbol.for('conversations.ConversationRepository'),
} as const;
