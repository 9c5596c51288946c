import { createCall, type Call } from '../../../domain/calls/call';
import { appendCallTurn, centsOf, conversationForCall } from '../../../domain/calls/call-conversation';
import { applyCallEvent, type CallEvent } from '../../../domain/calls/call-transitions';
import { reserveConversation, type Conversation } from '../../../domain/conversations/conversation';

/** How a call shows on its pre-created conversation (RESOLUTIONS.md 32) and how turns are recorded. */
const t0 = new Date('2026-06-01T12:00:00.000Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);

const base = createCall({
  id: 'c'.repeat(24),
  orgId: 'a'.repeat(24),
  patientId: 'b'.repeat(24),
  conversationId: 'd'.repeat(24),
  trigger: 'on_demand',
  telephonyProvider: 'simulated',
  now: t0,
  initiatedBy: 'e'.repeat(24),
  callNotes: 'hi',
});
const reserved = reserveConversation({
  id: base.conversationId,
  orgId: base.orgId,
  patientId: base.patientId,
  language: 'en',
  now: t0,
  callId: base.id,
  callType: 'outbound',
  agentId: base.initiatedBy,
  callNotes: 'hi',
});

const after = (...events: CallEvent[]): Call =>
  events.reduce((c, e) => {
    const r = applyCallEvent(c, e);
    return r.kind === 'applied' ? r.call : c;
  }, base);

const answered = () =>
  after(
    { type: 'dialAccepted', at: at(1) },
    { type: 'answered', at: at(4), by: 'human' },
    { type: 'agentConnected', at: at(5) },
  );

const turn = (itemId: string, role: 'assistant' | 'patient', text: string, s: number) => ({
  messageId: `m-${itemId}`,
  itemId,
  role,
  status: 'final' as const,
  text,
  at: at(s),
});

describe('the conversation of a call', () => {
  it('stays reserved while ringing, with the call word the app knows', () => {
    const ringing = after({ type: 'dialAccepted', at: at(1) }, { type: 'ringing', at: at(2) });
    expect(conversationForCall(reserved, ringing, at(2))).toMatchObject({
      status: 'reserved',
      startedAt: null,
      call: { callStatus: 'ringing', callOutcome: null, agentId: base.initiatedBy, callNotes: 'hi' },
    });
  });

  it('starts at the answer and completes with the call duration, cost and line item', () => {
    const live = conversationForCall(reserved, answered(), at(4));
    expect(live).toMatchObject({ status: 'in-progress', startedAt: at(4), call: { callStatus: 'connected' } });
    const ended = after(
      { type: 'dialAccepted', at: at(1) },
      { type: 'answered', at: at(4), by: 'human' },
      { type: 'hangup', at: at(64.5), reason: 'patient_hangup' },
    );
    const rated: Call = { ...ended, lineItemId: 'f'.repeat(24), costMillicents: 10_167, billableSeconds: 61 };
    expect(conversationForCall(live, rated, at(65))).toMatchObject({
      status: 'completed',
      endedAt: at(64.5),
      durationSeconds: 61,
      call: { callStatus: 'ended', callOutcome: 'answered', costCents: 10, lineItemId: 'f'.repeat(24) },
    });
  });

  it.each<[string, CallEvent, string, string, string | null]>([
    ['busy', { type: 'dialFailed', at: at(2), outcome: 'busy' }, 'failed', 'busy', 'busy'],
    ['voicemail', { type: 'answered', at: at(2), by: 'machine' }, 'machine', 'failed', 'voicemail'],
    ['cancelled', { type: 'cancel', at: at(2) }, 'failed', 'ended', null],
  ])('an unanswered call (%s) ends the conversation %s', (_t, event, status, callStatus, callOutcome) => {
    const ended = after({ type: 'dialAccepted', at: at(1) }, event);
    expect(conversationForCall(reserved, ended, at(3))).toMatchObject({
      status,
      endedAt: null,
      durationSeconds: 0,
      messages: [],
      call: { callStatus, callOutcome },
    });
  });

  it('rounds cents half up', () => {
    expect([centsOf(4_499), centsOf(4_500), centsOf(5_167), centsOf(0)]).toEqual([4, 5, 5, 0]);
  });
});

describe('recording turns', () => {
  const live = (): Conversation => conversationForCall(reserved, answered(), at(5));

  it('appends settled turns in order with the next seq and the right message types', () => {
    let conversation = live();
    for (const next of [turn('a1', 'assistant', 'Hello', 6), turn('p1', 'patient', ' Hi there ', 8)]) {
      const appended = appendCallTurn(conversation, next, at(9));
      if (typeof appended === 'string') throw new Error(appended);
      conversation = appended;
    }
    expect(conversation.messages.map((m) => [m.seq, m.role, m.messageType, m.content, m.source])).toEqual([
      [1, 'assistant', 'assistant_response', 'Hello', 'call'],
      [2, 'patient', 'user_message', 'Hi there', 'call'],
    ]);
    expect(conversation.messages[1]?.createdAt).toEqual(at(8));
  });

  it('is idempotent by item id and refuses a conversation that is not live', () => {
    const once = appendCallTurn(live(), turn('a1', 'assistant', 'Hello', 6), at(6));
    if (typeof once === 'string') throw new Error(once);
    expect(appendCallTurn(once, turn('a1', 'assistant', 'Hello again', 7), at(7))).toBe('duplicate');
    expect(appendCallTurn(reserved, turn('a2', 'assistant', 'Hello', 7), at(7))).toBe('not_live');
  });

  it('keeps only the heard words of a truncated turn, and counts it', () => {
    const cut = appendCallTurn(live(), { ...turn('a1', 'assistant', 'How are', 6), status: 'truncated' }, at(6));
    if (typeof cut === 'string') throw new Error(cut);
    expect(cut.messages[0]).toMatchObject({ status: 'truncated', content: 'How are…' });
    expect(cut.quality.truncatedAgentTurns).toBe(1);
  });
});
