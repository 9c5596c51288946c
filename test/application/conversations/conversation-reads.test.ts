import type { Session } from '../../../domain/identity/session';
import {
  CONVERSATION_NOT_FOUND,
  conversationEntries,
  createConversationWorld,
  newestFirst,
} from './conversation-world';

/**
 * `ListPatientConversations`, `GetConversation` and the manual admin tools (DOMAIN.md §6.5, API-CONTRACT.md §4.9,
 * §3.3, RESOLUTIONS.md 32): pages in `startTime:desc` order with ties by id, only conversations listed, every read
 * and write audited as a conversation with the patient's id.
 */
const DAY = 86_400_000;

describe('patient conversation list', () => {
  it('pages newest first, page by page, with the envelope totals', async () => {
    const w = await createConversationWorld();
    const base = w.h.clock.now().getTime();
    const ids: string[] = [w.callOfAssigned.id];
    for (let i = 1; i <= 12; i += 1) {
      ids.push((await w.h.newCall(w.assigned, { answeredAt: new Date(base - i * DAY) })).id);
    }
    const list = (page: number, limit: number) =>
      w.h.conversations.listOfPatient.execute(
        w.h.scopeOf(w.staffA),
        { patientId: w.assigned.id, ...newestFirst(page, limit) },
        w.h.actorOf(w.staffA),
      );
    const first = await list(1, 5);
    const second = await list(2, 5);
    const third = await list(3, 5);
    const fourth = await list(4, 5);
    expect(
      [first, second, third, fourth].map(({ page, limit, totalPages, totalResults }) => ({
        page,
        limit,
        totalPages,
        totalResults,
      })),
    ).toEqual([1, 2, 3, 4].map((page) => ({ page, limit: 5, totalPages: 3, totalResults: 13 })));
    expect([first, second, third].flatMap((p) => p.results.map((c) => c.id))).toEqual(ids);
    expect(first.results).toHaveLength(5);
    expect(third.results).toHaveLength(3);
    expect(fourth.results).toEqual([]);
  });

  it('sorts by the other contract fields, ascending or descending, ties by id', async () => {
    const w = await createConversationWorld();
    const at = w.h.clock.now();
    const long = await w.h.newCall(w.unassignedA, { answeredAt: at, durationSeconds: 600 });
    const short = await w.h.newCall(w.unassignedA, { answeredAt: at, durationSeconds: 30 });
    const list = async (field: 'duration' | 'endTime' | 'createdAt', direction: 'asc' | 'desc') =>
      (
        await w.h.conversations.listOfPatient.execute(
          w.h.scopeOf(w.adminA),
          { patientId: w.unassignedA.id, page: 1, limit: 10, sort: [{ field, direction }] },
          w.h.actorOf(w.adminA),
        )
      ).results.map((c) => c.id);
    const durations = [w.callOfUnassigned, long, short].sort((a, b) => a.durationSeconds - b.durationSeconds);
    expect(await list('duration', 'asc')).toEqual(durations.map((c) => c.id));
    expect(await list('duration', 'desc')).toEqual(durations.reverse().map((c) => c.id));
    expect((await list('endTime', 'desc'))[0]).toBe(long.id);
    // Same creation time: ties are broken by id ascending whatever the direction.
    const byCreation = await list('createdAt', 'desc');
    expect(byCreation.slice(1)).toEqual([long.id, short.id].sort());
  });

  it('lists answered calls and manual conversations, never ringing, unanswered or voicemail calls', async () => {
    const w = await createConversationWorld();
    const live = await w.h.newCall(w.assigned, { status: 'in-progress' });
    const manual = await w.h.newManual(w.assigned);
    await w.h.newCall(w.assigned, { status: 'reserved' });
    await w.h.newCall(w.assigned, { status: 'failed' });
    await w.h.newCall(w.assigned, { status: 'machine' });
    const page = await w.h.conversations.listOfPatient.execute(
      w.h.scopeOf(w.adminA),
      { patientId: w.assigned.id, ...newestFirst() },
      w.h.actorOf(w.adminA),
    );
    expect(page.totalResults).toBe(3);
    expect(page.results.map((c) => c.id).sort()).toEqual([w.callOfAssigned.id, live.id, manual.id].sort());
  });

  it('audits the list read with the patient id, the count and the total', async () => {
    const w = await createConversationWorld();
    await w.h.conversations.listOfPatient.execute(
      w.h.scopeOf(w.staffA),
      { patientId: w.assigned.id, ...newestFirst() },
      w.h.actorOf(w.staffA),
    );
    expect(conversationEntries(w.h, 'READ')).toEqual([
      expect.objectContaining({
        outcome: 'success',
        actorId: w.staffA.id,
        orgId: w.assigned.orgId,
        resourceId: 'list',
        patientIds: [w.assigned.id],
        details: { phiAccessed: true, count: 1, totalResults: 1 },
      }),
    ]);
  });
});

describe('one conversation', () => {
  it('answers while the call is still ringing (reserved) and audits the read', async () => {
    const w = await createConversationWorld();
    const ringing = await w.h.newCall(w.assigned, { status: 'reserved' });
    const read = await w.h.conversations.get.execute(w.h.scopeOf(w.staffA), ringing.id, w.h.actorOf(w.staffA));
    expect(read).toMatchObject({ id: ringing.id, status: 'reserved', messages: [], startedAt: null });
    expect(conversationEntries(w.h, 'READ')).toEqual([
      expect.objectContaining({ resourceId: ringing.id, patientIds: [w.assigned.id] }),
    ]);
  });

  it('is not found once the patient is deleted', async () => {
    const w = await createConversationWorld();
    const { patients } = w.h.ports;
    const stored = await patients.findById(w.unassignedA.id);
    if (stored === null) throw new Error('missing patient');
    await patients.update({ ...stored, deletedAt: w.h.clock.now() });
    await expect(
      w.h.conversations.get.execute(w.h.scopeOf(w.adminA), w.callOfUnassigned.id, w.h.actorOf(w.adminA)),
    ).rejects.toMatchObject(CONVERSATION_NOT_FOUND);
  });

  it('counts a poll of a live conversation as activity, not one of a terminal conversation (§2.6)', async () => {
    const w = await createConversationWorld();
    const { sessions } = w.h.conversations.ports;
    const start = w.h.clock.now();
    const later = new Date(start.getTime() + 12 * 3_600_000);
    const session: Session = {
      id: w.h.ports.ids.next(),
      caregiverId: w.staffA.id,
      orgId: w.staffA.orgId,
      authMethod: 'password',
      mfaSatisfied: false,
      createdAt: start,
      lastActivityAt: start,
      absoluteExpiresAt: later,
      refreshTokenHash: 'hash',
      refreshTokenIssuedAt: start,
      refreshExpiresAt: later,
      retiredRefreshTokenHashes: [],
      revokedAt: null,
      revokeReason: null,
      ip: null,
      userAgent: null,
    };
    await sessions.create(session);
    const actor = { ...w.h.actorOf(w.staffA), sessionId: session.id };
    const live = await w.h.newCall(w.assigned, { status: 'in-progress' });

    w.h.clock.advance(60_000);
    await w.h.conversations.get.execute(w.h.scopeOf(w.staffA), w.callOfAssigned.id, actor);
    expect((await sessions.findById(session.id))?.lastActivityAt).toEqual(start);

    await w.h.conversations.get.execute(w.h.scopeOf(w.staffA), live.id, actor);
    expect((await sessions.findById(session.id))?.lastActivityAt).toEqual(w.h.clock.now());
  });
});

describe('manual conversations and messages', () => {
  it('creates an empty initiated manual conversation, then appends final text turns in seq order', async () => {
    const w = await createConversationWorld();
    const created = await w.h.conversations.createManual.execute(
      w.h.scopeOf(w.adminA),
      w.assigned.id,
      w.h.actorOf(w.adminA),
    );
    expect(created).toMatchObject({
      patientId: w.assigned.id,
      orgId: w.assigned.orgId,
      status: 'initiated',
      source: 'manual',
      callType: 'manual',
      callId: null,
      messages: [],
    });
    const append = (role: 'patient' | 'assistant', content: string) =>
      w.h.conversations.appendManual.execute(
        w.h.scopeOf(w.adminA),
        created.id,
        { role, content },
        w.h.actorOf(w.adminA),
      );
    await append('patient', 'I feel fine');
    const saved = await append('assistant', 'Glad to hear it');
    expect(saved.messages.map((m) => [m.seq, m.role, m.content, m.messageType, m.status, m.source])).toEqual([
      [1, 'patient', 'I feel fine', 'text', 'final', 'manual'],
      [2, 'assistant', 'Glad to hear it', 'text', 'final', 'manual'],
    ]);
    expect(await w.h.conversations.ports.conversations.findById(created.id)).toEqual(saved);
    expect(conversationEntries(w.h, 'CREATE')).toEqual([
      expect.objectContaining({ resourceId: created.id, patientIds: [w.assigned.id], actorId: w.adminA.id }),
    ]);
    const updates = conversationEntries(w.h, 'UPDATE');
    expect(updates).toHaveLength(2);
    expect(updates[1]).toMatchObject({
      resourceId: created.id,
      patientIds: [w.assigned.id],
      details: { phiAccessed: true, messageId: saved.messages[1]?.id, role: 'assistant' },
    });
    // Audit entries carry ids and codes, never the text.
    expect(JSON.stringify(w.h.audit())).not.toContain('Glad to hear it');
  });

  it('refuses manual messages on a call transcript with 409 and changes nothing', async () => {
    const w = await createConversationWorld();
    await expect(
      w.h.conversations.appendManual.execute(
        w.h.scopeOf(w.adminA),
        w.callOfAssigned.id,
        { role: 'system', content: 'x' },
        w.h.actorOf(w.adminA),
      ),
    ).rejects.toMatchObject({ kind: 'conflict', id: 'CONVERSATION_NOT_MANUAL' });
    expect(await w.h.conversations.ports.conversations.findById(w.callOfAssigned.id)).toEqual(w.callOfAssigned);
    expect(conversationEntries(w.h, 'UPDATE')).toHaveLength(0);
  });
});
