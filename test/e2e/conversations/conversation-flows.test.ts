import type { Conversation } from '../../../domain/conversations/conversation';
import { CONVERSATION_TOKENS } from '../../../application/conversations/conversation-tokens';
import type { ConversationPorts } from '../../../application/conversations/conversation-ports';
import { seedConversations } from '../../../bootstrap/conversations-module';
import { startConversationsApp, type ConversationsApp } from '../../support/conversations-app';

/**
 * The conversation routes of API-CONTRACT.md §4.9 over HTTP, as the caregiver app uses them: the Conversations
 * screen pages `GET /patients/:id/conversations?page=N&limit=10&sortBy=startTime:desc` until `page >= totalPages`;
 * the Call screen polls `GET /conversations/:id` (passive once terminal, §2.6); admins create manual conversations
 * and append messages.
 */
type Dto = Record<string, unknown> & { id: string };
type PageBody = { results: Dto[]; page: number; limit: number; totalPages: number; totalResults: number };

const DENIED = { code: 403, message: 'Access denied: insufficient permissions.', reason: 'FORBIDDEN' };
const CARE_KEYS = [
  'agentId',
  'callId',
  'callNotes',
  'callOutcome',
  'callStatus',
  'duration',
  'endTime',
  'history',
  'id',
  'messages',
  'patientId',
  'sentiment',
  'sentimentAnalyzedAt',
  'startTime',
  'status',
];
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('conversations over HTTP (§4.9)', () => {
  let t: ConversationsApp;
  let admin: string;
  let staff: string;
  let superAdmin: string;
  let patients: string[];

  const ports = (): ConversationPorts => t.app.container.get<ConversationPorts>(CONVERSATION_TOKENS.Ports);

  beforeAll(async () => {
    t = await startConversationsApp();
  });
  afterAll(async () => {
    await t.stop();
  });
  beforeEach(async () => {
    const seeded = await t.call('POST', '/test/seed');
    expect(seeded.status).toBe(200);
    patients = [...(seeded.body as { data: { patients: string[] } }).data.patients];
    expect(patients.length).toBeGreaterThan(0);
    admin = await t.login('admin@example.org');
    staff = await t.login('fake@example.org');
    superAdmin = await t.login('superadmin@example.org');
  });

  const patientId = (): string => patients[0] ?? '';

  /** `count` more completed calls of the first patient, one a day back from yesterday. */
  const moreCalls = async (count: number): Promise<void> => {
    for (let i = 0; i < count; i += 1) {
      await seedConversations(t.app.container, [patientId()], new Date(t.clock.now().getTime() - (i + 1) * 3_600_000));
    }
  };

  const listPage = (page: number, token = staff) =>
    t.call(
      'GET',
      `/patients/${patientId()}/conversations?page=${page}&limit=10&sortBy=startTime:desc`,
      undefined,
      token,
    );

  /** Conversations the first patient already has (the demo seed may bring some once the lead wires it). */
  const existing = async (): Promise<number> => ((await listPage(1, admin)).body as PageBody).totalResults;

  it('pages the seeded conversations newest first, page by page, as the Conversations screen does', async () => {
    const before = await existing();
    await seedConversations(t.app.container, patients, t.clock.now());
    await moreCalls(3); // 3 seeded + 3 x 3 = 12 more for the first patient
    const total = before + 12;
    const seen: Dto[] = [];
    // The app replaces its list on page 1 and appends later pages until `page >= totalPages`.
    for (let page = 1, more = true; more; page += 1) {
      const res = await listPage(page);
      expect(res.status).toBe(200);
      const body = res.body as PageBody;
      expect(body).toMatchObject({ page, limit: 10, totalResults: total, totalPages: Math.ceil(total / 10) });
      seen.push(...body.results);
      more = page < body.totalPages;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((c) => c.id)).size).toBe(total);
    const starts = seen.map((c) => c.startTime as string);
    expect([...starts].sort().reverse()).toEqual(starts);
    for (const dto of seen) {
      expect(Object.keys(dto).sort()).toEqual(CARE_KEYS);
      expect(dto).toMatchObject({ patientId: patientId(), status: 'completed', callStatus: 'ended' });
      expect(dto['startTime']).toMatch(ISO);
      expect(Number.isInteger(dto['duration'])).toBe(true);
      expect(dto['history']).not.toBe('');
      expect(dto['sentiment']).toMatchObject({ overallSentiment: expect.any(String), keyEmotions: expect.any(Array) });
    }
  });

  it('uses the contract defaults (limit 10, startTime:desc) and refuses other sort fields and limits', async () => {
    const before = await existing();
    await seedConversations(t.app.container, patients, t.clock.now());
    const res = await t.call('GET', `/patients/${patientId()}/conversations`, undefined, admin);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ page: 1, limit: 10, totalResults: before + 3 });
    const starts = (res.body as PageBody).results.map((c) => c.startTime as string);
    expect([...starts].sort().reverse()).toEqual(starts);
    const bad = await t.call('GET', `/patients/${patientId()}/conversations?sortBy=name:asc`, undefined, admin);
    expect(bad.status).toBe(400);
    expect((await t.call('GET', `/patients/${patientId()}/conversations?limit=101`, undefined, admin)).status).toBe(
      400,
    );
    expect((await t.call('GET', '/patients/nope/conversations', undefined, admin)).body).toMatchObject({
      code: 400,
      message: '"patientId" must be a valid id',
    });
  });

  it('reads one conversation with messages carrying _id and id, in transcript order', async () => {
    const [id] = await seedConversations(t.app.container, [patientId()], t.clock.now());
    const res = await t.call('GET', `/conversations/${id}`, undefined, staff);
    expect(res.status).toBe(200);
    const dto = res.body as Dto & { messages: Array<Record<string, unknown>> };
    expect(Object.keys(dto).sort()).toEqual(CARE_KEYS);
    expect(dto.messages.length).toBeGreaterThan(0);
    dto.messages.forEach((message, index) => {
      expect(message['_id']).toBe(message['id']);
      expect(message).toMatchObject({ conversationId: id, seq: index + 1, status: 'final' });
      expect(message['createdAt']).toMatch(ISO);
      expect(message['updatedAt']).toMatch(ISO);
    });
    const asAdmin = (await t.call('GET', `/conversations/${id}`, undefined, admin)).body as Dto;
    expect(asAdmin).toMatchObject({
      callType: 'wellness-check',
      callSid: dto['callId'],
      analyzedData: {},
      metadata: {},
    });
    expect(asAdmin['quality']).toEqual({ agentReconnects: 0, transcriptionFailures: 0, truncatedAgentTurns: 0 });
  });

  it('answers 404 for unknown ids, 403 to staff of the own org once unassigned (cross-org: application tests)', async () => {
    const [id] = await seedConversations(t.app.container, [patientId()], t.clock.now());
    const unknown = 'aaaaaaaaaaaaaaaaaaaaaaaa';
    expect((await t.call('GET', `/conversations/${unknown}`, undefined, admin)).body).toEqual({
      code: 404,
      message: 'Conversation not found',
    });
    // The superAdmin may read any organisation's conversations.
    expect((await t.call('GET', `/conversations/${id}`, undefined, superAdmin)).status).toBe(200);
    // Unassign the staff member: the same read becomes an audited 403.
    const staffId = (
      (await t.call('POST', '/test/get-caregiver-by-email', { email: 'fake@example.org' })).body as { id: string }
    ).id;
    expect((await t.call('DELETE', `/patients/${patientId()}/caregivers/${staffId}`, undefined, admin)).status).toBe(
      200,
    );
    const denied = await t.call('GET', `/conversations/${id}`, undefined, staff);
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual(DENIED);
    expect((await listPage(1)).body).toEqual(DENIED);
  });

  it('creates a manual conversation and appends messages (admins only)', async () => {
    const created = await t.call('POST', `/conversations/patient/${patientId()}`, {}, admin);
    expect(created.status).toBe(201);
    const dto = created.body as Dto;
    expect(dto).toMatchObject({
      patientId: patientId(),
      status: 'initiated',
      callStatus: null,
      callId: null,
      callType: 'manual',
      messages: [],
      history: '',
      duration: 0,
    });
    const appended = await t.call('POST', `/conversations/${dto.id}`, { role: 'patient', content: 'Hello' }, admin);
    expect(appended.status).toBe(200);
    const messages = (appended.body as { messages: Array<Record<string, unknown>> }).messages;
    expect(messages).toEqual([
      expect.objectContaining({
        _id: messages[0]?.['id'],
        seq: 1,
        role: 'patient',
        content: 'Hello',
        messageType: 'text',
      }),
    ]);
    // A manual conversation is a conversation: it is listed.
    expect(((await listPage(1, admin)).body as PageBody).results.map((c) => c.id)).toContain(dto.id);

    expect((await t.call('POST', `/conversations/patient/${patientId()}`, {}, staff)).body).toEqual(DENIED);
    expect((await t.call('POST', `/conversations/${dto.id}`, { role: 'patient', content: 'x' }, staff)).body).toEqual(
      DENIED,
    );
    const invalid = await t.call('POST', `/conversations/${dto.id}`, { role: 'doctor', content: '' }, admin);
    expect(invalid.status).toBe(400);
    expect((await t.call('POST', `/conversations/patient/${'b'.repeat(24)}`, {}, admin)).body).toEqual({
      code: 404,
      message: 'Patient not found',
    });
  });

  it('keeps the session alive while polling a live call, not once the conversation is terminal (§2.6)', async () => {
    const [done] = await seedConversations(t.app.container, [patientId()], t.clock.now());
    const stored = await ports().conversations.findById(done ?? '');
    if (stored === null) throw new Error('seeded conversation missing');
    const live: Conversation = {
      ...stored,
      id: ports().ids.next(),
      status: 'in-progress',
      endedAt: null,
      durationSeconds: 0,
    };
    await ports().conversations.insert(live);

    const liveToken = await t.login('fake@example.org');
    for (let i = 0; i < 3; i += 1) {
      t.clock.advance(10 * 60_000);
      expect((await t.call('GET', `/conversations/${live.id}`, undefined, liveToken)).status).toBe(200);
    }

    const idleToken = await t.login('fake@example.org');
    t.clock.advance(10 * 60_000);
    expect((await t.call('GET', `/conversations/${done}`, undefined, idleToken)).status).toBe(200);
    t.clock.advance(10 * 60_000);
    const expired = await t.call('GET', `/conversations/${done}`, undefined, idleToken);
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ code: 401, reason: 'IDLE_TIMEOUT' });
  });
});
