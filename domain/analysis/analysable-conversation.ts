import type { Conversation } from '../conversations/conversation';

/**
 * Which conversations the analyses read, and what of them (DOMAIN.md §6.3, §10.3.1, RESOLUTIONS.md 32): the
 * patient's final turns, in transcript order. Finalised calls (`completed`) are dated by their end; manual
 * conversations count only through their `patient` messages and are dated by the last of them. Calls still
 * ringing, live, unanswered or sent to voicemail are never analysed.
 */
export const patientTurnsOf = (conversation: Conversation): string[] =>
  [...conversation.messages]
    .sort((a, b) => a.seq - b.seq)
    .filter((message) => message.role === 'patient' && message.status === 'final' && message.content.trim() !== '')
    .map((message) => message.content);

export const isFinalised = (conversation: Conversation): boolean =>
  conversation.status === 'completed' && conversation.endedAt !== null;

/** When the conversation counts as having happened, or null when it is not analysable. */
export const analysisDateOf = (conversation: Conversation): Date | null => {
  if (isFinalised(conversation)) return conversation.endedAt;
  if (conversation.source !== 'manual') return null;
  const patientMessages = conversation.messages.filter((m) => m.role === 'patient' && m.status === 'final');
  if (patientMessages.length === 0) return null;
  return new Date(Math.max(...patientMessages.map((m) => m.createdAt.getTime())));
};

export const patientMessageCount = (conversation: Conversation): number => patientTurnsOf(conversation).length;
