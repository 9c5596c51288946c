import { appendCallTurn, type CallTurn } from '../../domain/calls/call-conversation';
import { isStaleVersion } from './call-errors';
import type { CallPorts } from './call-ports';

const MAX_ATTEMPTS = 3;

/**
 * Records one settled turn on the call's conversation, idempotent by the agent's item id (DOMAIN.md §6.3 Turns).
 * A turn for a conversation that is not in progress (the call ended first) is dropped and logged without text.
 * Runs on the call's work queue, so turns are stored in the order the agent settled them.
 */
export const recordCallTurn = async (ports: CallPorts, conversationId: string, turn: CallTurn): Promise<void> => {
  for (let attempt = 1; ; attempt += 1) {
    const conversation = await ports.conversations.findById(conversationId);
    if (conversation === null) return;
    const next = appendCallTurn(conversation, turn, ports.clock.now());
    if (typeof next === 'string') {
      ports.logger.info({ conversationId, itemId: turn.itemId, role: turn.role, problem: next }, 'turn not recorded');
      return;
    }
    try {
      await ports.conversations.update(next);
      return;
    } catch (error) {
      if (!isStaleVersion(error) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
};
