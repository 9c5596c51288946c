import {
  answerConversation,
  appendManualMessage,
  createManualConversation,
  endConversation,
  isListed,
  isTerminal,
  reserveConversation,
  withSummary,
  type Conversation,
  type ConversationProblem,
} from '../../../domain/conversations/conversation';
import {
  authorizeConversation,
  CARE_VIEW_CONVERSATION_FIELDS,
} from '../../../domain/conversations/conversation-policy';
import { conversationDto } from '../../../adapters/http/presenters/conversation-presenters';

/** The Conversation aggregate's rules (DOMAIN.md §6.1-§6.3, RESOLUTIONS.md 32) and its DTO (API-CONTRACT.md §3.8). */
const T0 = new Date('2026-01-10T10:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const ok = (value: Conversation | ConversationProblem): Conversation => {
  if (typeof value === 'string') throw new Error(value);
  return value;
};
const base = { orgId: 'o'.repeat(24), patientId: 'p'.repeat(24), language: 'en' };
const reserved = () =>
  reserveConversation({ ...base, id: 'c'.repeat(24), callId: 'a'.repeat(24), callType: 'outbound', now: T0 });

describe('conversation lifecycle', () => {
  it('reserves, answers and completes a call with its duration in whole seconds', () => {
    const answered = ok(answerConversation(reserved(), at(10)));
    expect(answered).toMatchObject({ status: 'in-progress', startedAt: at(10) });
    expect(answerConversation(answered, at(11))).toBe('already_answered');
    const done = ok(endConversation(answered, at(135.9), 'answered'));
    expect(done).toMatchObject({ status: 'completed', endedAt: at(135.9), durationSeconds: 125 });
    expect(done.call).toMatchObject({ callStatus: 'ended', callOutcome: 'answered' });
    expect(endConversation(done, at(200), 'answered')).toBe('not_live');
  });

  it('ends an unanswered call failed and a voicemail machine, both unlisted and terminal', () => {
    const failed = ok(endConversation(reserved(), at(30), 'no_answer'));
    const machine = ok(endConversation(reserved(), at(30), 'voicemail'));
    expect(failed).toMatchObject({ status: 'failed', durationSeconds: 0, endedAt: null });
    expect(failed.call).toMatchObject({ callStatus: 'no_answer', callOutcome: 'no_answer' });
    expect(machine).toMatchObject({ status: 'machine' });
    expect(machine.call.callOutcome).toBe('voicemail');
    for (const status of ['reserved', 'failed', 'machine'] as const) expect(isListed(status)).toBe(false);
    for (const status of ['initiated', 'in-progress', 'completed'] as const) expect(isListed(status)).toBe(true);
    expect(['reserved', 'initiated', 'in-progress'].some((s) => isTerminal(s as 'reserved'))).toBe(false);
  });

  it('appends manual turns with the next seq and refuses call transcripts and bad lengths', () => {
    const manual = createManualConversation({ ...base, id: 'm'.repeat(24), now: T0 });
    const one = ok(appendManualMessage(manual, { id: '1'.repeat(24), role: 'system', content: 'a', now: at(1) }));
    const two = ok(appendManualMessage(one, { id: '2'.repeat(24), role: 'patient', content: 'b', now: at(2) }));
    expect(two.messages.map((m) => m.seq)).toEqual([1, 2]);
    expect(appendManualMessage(reserved(), { id: 'x', role: 'patient', content: 'a', now: at(1) })).toBe('not_manual');
    expect(appendManualMessage(manual, { id: 'x', role: 'patient', content: '', now: at(1) })).toBe('content_length');
    const long = 'x'.repeat(10_001);
    expect(appendManualMessage(manual, { id: 'x', role: 'patient', content: long, now: at(1) })).toBe('content_length');
  });

  it('keeps summaries within 2,000 characters', () => {
    const summary = withSummary(
      reserved(),
      { text: 'y'.repeat(2_500), source: 'offline', status: 'done', generatedAt: T0 },
      T0,
    );
    expect(summary.summary?.text).toHaveLength(2_000);
  });
});

describe('conversation policy and DTO', () => {
  const scope = { caregiverId: 's'.repeat(24), orgId: base.orgId, role: 'staff' as const };

  it('grants reads to assigned staff and management to admins only', () => {
    const own = { orgId: base.orgId, assignedToCaller: true };
    expect(authorizeConversation(scope, 'conversation.read', own)).toBe('allow');
    expect(authorizeConversation(scope, 'conversation.read', { ...own, assignedToCaller: false })).toBe('forbidden');
    expect(authorizeConversation(scope, 'conversation.manage', own)).toBe('forbidden');
    expect(authorizeConversation(scope, 'conversation.read', { ...own, orgId: 'z'.repeat(24) })).toBe('not-found');
    expect(authorizeConversation({ ...scope, role: 'orgAdmin' }, 'conversation.manage', own)).toBe('allow');
  });

  it('shows a ringing call as initiated and gives staff exactly the care view', () => {
    const care = conversationDto(reserved(), 'staff');
    expect(Object.keys(care).sort()).toEqual([...CARE_VIEW_CONVERSATION_FIELDS].sort());
    expect(care).toMatchObject({ status: 'initiated', startTime: null, duration: 0, history: '', messages: [] });
    const admin = conversationDto({ ...reserved(), call: { ...reserved().call, costCents: 150 } }, 'orgAdmin');
    expect(admin).toMatchObject({ cost: 1.5, callType: 'outbound', callSid: 'a'.repeat(24), callDuration: 0 });
  });
});
