import {
  answerConversation,
  appendManualMessage,
  createManualConversation,
  endConversation,
  LISTED_STATUSES,
  reserveConversation,
  withSentiment,
  withSummary,
  type Conversation,
  type ConversationProblem,
  type Message,
} from '../../domain/conversations/conversation';
import type { SortKey } from '../../domain/shared/page';
import type {
  ConversationQuery,
  ConversationRepository,
  ConversationSortField,
} from '../../application/ports/conversation-repository';
import type { UnitOfWork } from '../../application/ports/unit-of-work';

/** What the conversation contract suite needs from a persistence target: the ports over one empty database. */
export interface ConversationStores {
  readonly uow: UnitOfWork;
  readonly conversations: ConversationRepository;
}

const ORG = 'a'.repeat(24);
const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
const hex = (n: number) => n.toString(16).padStart(24, '0');
const PATIENT = hex(1001);

const must = (value: Conversation | ConversationProblem): Conversation => {
  if (typeof value === 'string') throw new Error(`fixture conversation refused: ${value}`);
  return value;
};

/** A call placed at second `n` that is still ringing. */
const ringing = (n: number): Conversation =>
  reserveConversation({
    id: hex(n),
    orgId: ORG,
    patientId: PATIENT,
    language: 'en',
    callId: `call-${n}`,
    callType: 'outbound',
    now: at(n),
  });

const manual = (n: number): Conversation =>
  createManualConversation({ id: hex(n), orgId: ORG, patientId: PATIENT, language: 'en', now: at(n) });

/** A call placed at second `n` (id `hex(n)`), answered `answerAfter` s later and ended after `seconds` more. */
const call = (n: number, spec: { seconds?: number; answerAfter?: number; end?: boolean; patientId?: string } = {}) => {
  const reserved = reserveConversation({
    id: hex(n),
    orgId: ORG,
    patientId: spec.patientId ?? PATIENT,
    language: 'en',
    callId: `call-${n}`,
    callType: 'wellness-check',
    now: at(n),
  });
  const answeredAt = at(n + (spec.answerAfter ?? 1));
  const live = must(answerConversation(reserved, answeredAt));
  if (spec.end === false) return live;
  return must(endConversation(live, new Date(answeredAt.getTime() + (spec.seconds ?? 60) * 1000), 'answered'));
};

const turn = (conversation: Conversation, seq: number, fields: Partial<Message> = {}): Message => ({
  id: hex(9000 + seq),
  orgId: conversation.orgId,
  conversationId: conversation.id,
  seq,
  turnId: `item_${seq}`,
  role: seq % 2 === 0 ? 'patient' : 'assistant',
  messageType: seq % 2 === 0 ? 'user_message' : 'assistant_response',
  status: 'final',
  content: `turn ${seq}`,
  audioStartMs: seq * 1000,
  audioEndMs: seq * 1000 + 500,
  source: 'call',
  createdAt: at(100 + seq),
  updatedAt: at(101 + seq),
  ...fields,
});

/** Every optional part filled: transcript, summary, sentiment, call facts, quality counters. */
const fullyLoaded = (): Conversation => {
  const base = call(1, { seconds: 125 });
  const messages = [turn(base, 1), turn(base, 2, { status: 'truncated', audioEndMs: null }), turn(base, 3)];
  const summarised = withSummary(
    { ...base, messages },
    { text: 'A chat about the garden.', source: 'llm', status: 'done', generatedAt: at(300) },
    at(300),
  );
  return {
    ...withSentiment(
      summarised,
      {
        overallSentiment: 'mixed',
        sentimentScore: 0.25,
        confidence: 0.8,
        patientMood: 'calm',
        keyEmotions: ['calm', 'tired'],
        concernLevel: 'medium',
        satisfactionIndicators: { positive: ['garden'], negative: ['sleep'] },
        summary: 'Mostly fine.',
        recommendations: 'Ask about sleep.',
        fallback: false,
        analyzer: 'llm:test',
      },
      at(301),
    ),
    call: { ...summarised.call, agentId: hex(500), costCents: 42, lineItemId: 'li_1', callNotes: 'note' },
    quality: { agentReconnects: 1, transcriptionFailures: 2, truncatedAgentTurns: 3 },
  };
};

const query = (fields: Partial<ConversationQuery> = {}): ConversationQuery => ({
  patientId: PATIENT,
  statuses: LISTED_STATUSES,
  page: 1,
  limit: 10,
  sort: [{ field: 'createdAt', direction: 'asc' }],
  ...fields,
});

const by = (field: ConversationSortField, direction: 'asc' | 'desc'): SortKey<ConversationSortField>[] => [
  { field, direction },
];

/** The ConversationRepository contract every adapter passes. */
export const describeConversationRepositoryContract = (name: string, open: () => Promise<ConversationStores>): void => {
  describe(`ConversationRepository contract (${name})`, () => {
    let s: ConversationStores;
    const ids = async (q: Partial<ConversationQuery>) =>
      (await s.conversations.listOfPatient(query(q))).results.map((c) => c.id);

    beforeEach(async () => {
      s = await open();
    });

    it('round-trips every field, the transcript in seq order, and answers null for unknown ids', async () => {
      const full = fullyLoaded();
      await s.conversations.insert(full);
      const read = await s.conversations.findById(full.id);
      expect(read).toEqual(full);
      expect(read?.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
      expect(read?.sentimentAnalyzedAt?.toISOString()).toBe(at(301).toISOString());
      const spanish = { ...manual(2), language: 'es' };
      await s.conversations.insert(spanish);
      expect(await s.conversations.findById(spanish.id)).toEqual(spanish);
      expect(await s.conversations.findById(hex(99))).toBeNull();
      expect(await s.conversations.findById('not-an-id')).toBeNull();
    });

    it('lists one patient’s conversations in the requested statuses, with totals that agree', async () => {
      await s.conversations.insert(call(1));
      await s.conversations.insert(call(2, { end: false }));
      await s.conversations.insert(ringing(3));
      await s.conversations.insert(must(endConversation(ringing(4), at(9), 'no_answer')));
      await s.conversations.insert(manual(5));
      await s.conversations.insert(call(6, { patientId: hex(1002) }));
      await s.conversations.insert(must(endConversation(ringing(7), at(9), 'voicemail')));
      await s.conversations.insert(call(8));

      const listed = await s.conversations.listOfPatient(query());
      expect(listed.results.map((c) => c.id)).toEqual([hex(1), hex(2), hex(5), hex(8)]);
      expect(listed).toMatchObject({ page: 1, limit: 10, totalPages: 1, totalResults: 4 });
      expect(await ids({ statuses: ['reserved', 'machine'] })).toEqual([hex(3), hex(7)]);
      expect(await ids({ statuses: ['failed'] })).toEqual([hex(4)]);
      expect(await s.conversations.listOfPatient(query({ statuses: [] }))).toMatchObject({
        results: [],
        totalResults: 0,
      });
      expect(await ids({ patientId: hex(1002) })).toEqual([hex(6)]);
      expect(await ids({ patientId: hex(1003) })).toEqual([]);
      expect(await ids({ patientId: 'not-an-id' })).toEqual([]);
    });

    it('sorts by every wire field both ways, nulls first ascending and last descending, ties by id', async () => {
      // Placed in order 1..4; durations 30, 90, 30 s; #3 is still live (no end, duration 0).
      await s.conversations.insert(call(4, { seconds: 30, answerAfter: 1 }));
      await s.conversations.insert(call(1, { seconds: 90, answerAfter: 20 }));
      await s.conversations.insert(call(2, { seconds: 30, answerAfter: 1 }));
      await s.conversations.insert(call(3, { end: false, answerAfter: 5 }));
      expect(await ids({ sort: by('createdAt', 'desc') })).toEqual([hex(4), hex(3), hex(2), hex(1)]);
      expect(await ids({ sort: by('startTime', 'asc') })).toEqual([hex(2), hex(4), hex(3), hex(1)]);
      expect(await ids({ sort: by('startTime', 'desc') })).toEqual([hex(1), hex(3), hex(4), hex(2)]);
      expect(await ids({ sort: by('endTime', 'asc') })).toEqual([hex(3), hex(2), hex(4), hex(1)]);
      expect(await ids({ sort: by('endTime', 'desc') })).toEqual([hex(1), hex(4), hex(2), hex(3)]);
      expect(await ids({ sort: by('duration', 'asc') })).toEqual([hex(3), hex(2), hex(4), hex(1)]);
      expect(await ids({ sort: by('duration', 'desc') })).toEqual([hex(1), hex(2), hex(4), hex(3)]);
      expect(
        await ids({
          sort: [
            { field: 'duration', direction: 'asc' },
            { field: 'createdAt', direction: 'desc' },
          ],
        }),
      ).toEqual([hex(3), hex(4), hex(2), hex(1)]);
      expect(await ids({ sort: [] })).toEqual([hex(1), hex(2), hex(3), hex(4)]);
    });

    it('pages through the sorted list with the app’s envelope', async () => {
      for (const n of [1, 2, 3, 4, 5]) await s.conversations.insert(call(n));
      const second = await s.conversations.listOfPatient(query({ page: 2, limit: 2, sort: by('createdAt', 'desc') }));
      expect(second).toMatchObject({ page: 2, limit: 2, totalPages: 3, totalResults: 5 });
      expect(second.results.map((c) => c.id)).toEqual([hex(3), hex(2)]);
      expect(await ids({ page: 3, limit: 2, sort: by('createdAt', 'desc') })).toEqual([hex(1)]);
      const beyond = await s.conversations.listOfPatient(query({ page: 4, limit: 2 }));
      expect(beyond).toMatchObject({ results: [], totalPages: 3, totalResults: 5 });
    });

    it('updates under compare-and-set on version, resolving the saved record', async () => {
      const created = manual(1);
      await s.conversations.insert(created);
      const first = must(appendManualMessage(created, { id: hex(50), role: 'patient', content: 'Hello', now: at(2) }));
      const saved = await s.conversations.update(first);
      expect(saved).toEqual({ ...first, version: created.version + 1 });
      const second = must(appendManualMessage(saved, { id: hex(51), role: 'assistant', content: 'Hi', now: at(3) }));
      await s.conversations.update(second);
      const stale = must(appendManualMessage(created, { id: hex(52), role: 'patient', content: 'Late', now: at(4) }));
      await expect(s.conversations.update(stale)).rejects.toMatchObject({ kind: 'conflict', reason: 'STALE_VERSION' });
      const read = await s.conversations.findById(created.id);
      expect(read?.version).toBe(created.version + 2);
      expect(read?.messages.map((m) => [m.seq, m.content])).toEqual([
        [1, 'Hello'],
        [2, 'Hi'],
      ]);
      await expect(s.conversations.update(call(7))).rejects.toThrow(/does not exist/);
    });

    it('refuses a second insert of the same id, as a rejected promise, keeping the first', async () => {
      await s.conversations.insert(call(1));
      await expect(s.conversations.insert(call(1, { patientId: hex(1002) }))).rejects.toMatchObject({
        kind: 'conflict',
        id: 'DUPLICATE_ID',
      });
      expect((await s.conversations.findById(hex(1)))?.patientId).toBe(PATIENT);
    });

    it('keeps private copies: changing a returned or stored object does not change the store', async () => {
      const original = fullyLoaded();
      await s.conversations.insert(original);
      (original.messages as Message[]).pop();
      const read = await s.conversations.findById(original.id);
      expect(read?.messages).toHaveLength(3);
      (read!.messages as Message[]).length = 0;
      (read!.sentiment!.keyEmotions as string[]).push('angry');
      const again = await s.conversations.findById(original.id);
      expect(again?.messages).toHaveLength(3);
      expect(again?.sentiment?.keyEmotions).toEqual(['calm', 'tired']);
    });

    it('R3: undoes its inserts and updates when the unit of work fails', async () => {
      const kept = manual(1);
      await s.conversations.insert(kept);
      await expect(
        s.uow.run(async () => {
          await s.conversations.insert(call(2));
          await s.conversations.update(
            must(appendManualMessage(kept, { id: hex(50), role: 'patient', content: 'Lost', now: at(3) })),
          );
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await s.conversations.findById(kept.id)).toEqual(kept);
      expect(await s.conversations.findById(hex(2))).toBeNull();
      expect((await s.conversations.listOfPatient(query())).totalResults).toBe(1);
    });

    it('commits a successful unit of work, its own reads seeing its writes', async () => {
      const seen = await s.uow.run(async () => {
        await s.conversations.insert(call(1));
        return (await s.conversations.listOfPatient(query())).totalResults;
      });
      expect(seen).toBe(1);
      expect(await s.conversations.findById(hex(1))).toEqual(call(1));
    });
  });
};
