import { startCareExtrasApp, type CareExtrasApp } from '../../support/care-extras-app';
import { auditLogOf } from '../../support/audit-log';

/** `/v1/emergency-phrases` over HTTP (API-CONTRACT.md §6.3, §2.8): roles, scopes, validation and the dry run. */
type Phrase = { id: string; scope: string; org: string | null; label: string; language: string } & Record<
  string,
  unknown
>;

const DENIED = { code: 403, message: 'Access denied: insufficient permissions.' };

describe('emergency phrases over HTTP', () => {
  let t: CareExtrasApp;
  let admin: string;
  let staff: string;
  let superAdmin: string;
  let orgId: string;
  let other: { token: string; orgId: string };

  beforeAll(async () => {
    t = await startCareExtrasApp();
    orgId = (await t.seed()).org;
    admin = await t.login('admin@example.org');
    staff = await t.login('fake@example.org');
    superAdmin = await t.login('superadmin@example.org');
    other = await t.registerOtherOrg();
  });
  afterAll(async () => {
    await t.stop();
  });

  const list = async (query = '', token = admin): Promise<Phrase[]> => {
    const res = await t.call('GET', `/emergency-phrases${query}`, undefined, token);
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body)).toBe(true);
    return res.body as Phrase[];
  };
  const globalNamed = async (label: string, language = 'en'): Promise<Phrase> => {
    const found = (await list(`?scope=global&language=${language}`)).find((p) => p.label === label);
    if (found === undefined) throw new Error(`no global phrase ${label}`);
    return found;
  };
  const create = (body: Record<string, unknown>, token = admin) => t.call('POST', '/emergency-phrases', body, token);
  const dryRun = async (text: string, language = 'en', token = admin) => {
    const res = await t.call('POST', '/emergency-phrases/test', { text, language }, token);
    expect(res.status).toBe(200);
    return res.body as Record<string, unknown>;
  };
  /** Audit entries on the embedded profile; null on the Mongo profile, whose audit store has no test reader yet. */
  const auditEntries = () => (process.env['E2E_PROFILE'] === 'mongo' ? null : auditLogOf(t.app.container).entries());
  const base = { pattern: 'pineapple', language: 'en', category: 'Request', severity: 'MEDIUM' };

  it('lists the seeded global phrases with the DTO of §6.3, filtered, to admins only', async () => {
    const english = await list('?language=en&scope=global');
    expect(english.length).toBeGreaterThanOrEqual(12);
    expect(await globalNamed('Chest pain')).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      scope: 'global',
      org: null,
      label: 'Chest pain',
      language: 'en',
      severity: 'HIGH',
      category: 'Medical',
      pattern: expect.stringContaining('chest'),
      boundary: 'word',
      isActive: true,
      description: null,
      tags: ['seed', 'chest-pain'],
      usageCount: 0,
      lastUsedAt: null,
    });
    expect(
      (await list('?language=es&severity=CRITICAL')).every((p) => p.language === 'es' && p.severity === 'CRITICAL'),
    ).toBe(true);
    expect((await list('?language=zh')).every((p) => p['boundary'] === 'none')).toBe(true);
    expect(await list('?isActive=false')).toEqual([]);
    expect(await t.call('GET', '/emergency-phrases', undefined, staff)).toMatchObject({ status: 403, body: DENIED });
    expect((await t.call('GET', '/emergency-phrases?severity=LOW', undefined, admin)).body).toEqual({
      code: 400,
      message: '"severity" must be one of [CRITICAL, HIGH, MEDIUM]',
    });
  });

  it('dry-runs the detector with the suppression filters of §7.3.5 and raises no alert', async () => {
    const alertsBefore = (await t.call('GET', '/alerts?showRead=true', undefined, admin)).body as unknown[];
    const breathe = await globalNamed("Can't breathe");
    expect(await dryRun("Help, I can't breathe")).toEqual({
      isEmergency: true,
      severity: 'CRITICAL',
      category: 'Medical',
      phraseId: breathe.id,
      matchedText: "can't breathe",
      suppressedBy: null,
    });
    const chestPain = await globalNamed('Chest pain');
    expect(await dryRun("I don't have any chest pain")).toEqual({
      isEmergency: false,
      severity: 'HIGH',
      category: 'Medical',
      phraseId: chestPain.id,
      matchedText: 'chest pain',
      suppressedBy: 'negation',
    });
    expect(await dryRun('What if I had a heart attack?')).toMatchObject({
      isEmergency: false,
      suppressedBy: 'hypothetical',
    });
    expect(await dryRun('My neighbour had chest pain')).toMatchObject({
      isEmergency: false,
      suppressedBy: 'third_party',
    });
    expect(await dryRun('I fell last week')).toMatchObject({ isEmergency: false, suppressedBy: 'past' });
    expect(await dryRun('My husband has chest pain, call an ambulance')).toMatchObject({ isEmergency: true });
    expect(await dryRun('Lovely weather for the garden')).toEqual({
      isEmergency: false,
      severity: null,
      category: null,
      phraseId: null,
      matchedText: null,
      suppressedBy: null,
    });
    const spanish = await globalNamed('Dolor de pecho', 'es');
    expect(await dryRun('Tengo dolor de pecho', 'es')).toMatchObject({ isEmergency: true, phraseId: spanish.id });
    expect(await dryRun('No tengo dolor de pecho', 'es-MX')).toMatchObject({
      isEmergency: false,
      suppressedBy: 'negation',
    });
    expect(await dryRun('mi hija tiene dolor de pecho', 'es')).toMatchObject({ suppressedBy: 'third_party' });
    // A clause boundary ends the reach of a person cue.
    expect(await dryRun('mi hija se fue, tengo dolor de pecho', 'es')).toMatchObject({ isEmergency: true });
    expect(await dryRun('Ich bin gestürzt', 'de')).toMatchObject({
      isEmergency: true,
      severity: 'HIGH',
      category: 'Physical',
    });
    // Korean has no phrases: the English set stands in.
    expect(await dryRun('chest pain', 'ko')).toMatchObject({ isEmergency: true, phraseId: chestPain.id });
    expect((await t.call('GET', '/alerts?showRead=true', undefined, admin)).body).toEqual(alertsBefore);

    expect(await t.call('POST', '/emergency-phrases/test', { text: 'help me', language: 'en' }, staff)).toMatchObject({
      status: 403,
      body: DENIED,
    });
    expect((await t.call('POST', '/emergency-phrases/test', { text: 'help me' }, admin)).body).toEqual({
      code: 400,
      message: '"language" is required',
    });
    expect((await t.call('POST', '/emergency-phrases/test', { text: '', language: 'en' }, admin)).status).toBe(400);
  });

  it('lets an orgAdmin manage their own phrases: create, read, deactivate, delete', async () => {
    const created = await create({ ...base, label: 'Pineapple code word', tags: ['family'] });
    expect(created.status).toBe(201);
    const phrase = created.body as Phrase;
    expect(phrase).toMatchObject({
      scope: 'org',
      org: orgId,
      label: 'Pineapple code word',
      boundary: 'word',
      tags: ['family'],
    });
    expect((await list('?scope=org')).map((p) => p.id)).toContain(phrase.id);
    expect((await t.call('GET', `/emergency-phrases/${phrase.id}`, undefined, admin)).body).toEqual(phrase);
    expect(await dryRun('pineapple!')).toMatchObject({
      isEmergency: true,
      phraseId: phrase.id,
      matchedText: 'pineapple',
    });

    const updated = await t.call('PATCH', `/emergency-phrases/${phrase.id}`, { isActive: false }, admin);
    expect(updated).toMatchObject({ status: 200, body: { id: phrase.id, isActive: false } });
    // The change reaches the detection cache at once.
    expect(await dryRun('pineapple!')).toMatchObject({ isEmergency: false, phraseId: null });

    expect((await t.call('DELETE', `/emergency-phrases/${phrase.id}`, undefined, admin)).status).toBe(204);
    expect(await t.call('GET', `/emergency-phrases/${phrase.id}`, undefined, admin)).toMatchObject({
      status: 404,
      body: { code: 404, message: 'Emergency phrase not found' },
    });
    const entries = auditEntries();
    if (entries !== null) {
      const changes = entries.filter((e) => e.action === 'CONFIG_CHANGE' && e.resourceId === phrase.id);
      expect(changes.map((e) => e.details['operation'])).toEqual(['create', 'update', 'delete']);
      expect(changes.every((e) => e.resourceType === 'emergencyPhrase' && e.details['highRisk'] === true)).toBe(true);
    }
  });

  it('refuses orgAdmins the global phrases (403) and other organisations (403 on request, 404 on records)', async () => {
    const chestPain = await globalNamed('Chest pain');
    expect((await t.call('GET', `/emergency-phrases/${chestPain.id}`, undefined, admin)).status).toBe(200);
    expect(await t.call('PATCH', `/emergency-phrases/${chestPain.id}`, { isActive: false }, admin)).toMatchObject({
      status: 403,
      body: DENIED,
    });
    expect(await t.call('DELETE', `/emergency-phrases/${chestPain.id}`, undefined, admin)).toMatchObject({
      status: 403,
      body: DENIED,
    });
    expect((await globalNamed('Chest pain')).isActive).toBe(true);
    expect((await create({ ...base, label: 'Global try', scope: 'global' })).status).toBe(403);
    expect((await create({ ...base, label: 'Other try', org: other.orgId })).status).toBe(403);
    expect((await t.call('GET', `/emergency-phrases?org=${other.orgId}`, undefined, admin)).status).toBe(403);

    const theirs = (await create({ ...base, label: 'Their phrase', pattern: 'mango' }, other.token)).body as Phrase;
    expect(theirs).toMatchObject({ scope: 'org', org: other.orgId });
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { isActive: false }],
      ['DELETE', undefined],
    ] as const) {
      expect(await t.call(method, `/emergency-phrases/${theirs.id}`, body, admin)).toMatchObject({
        status: 404,
        body: { message: 'Emergency phrase not found' },
      });
    }
    expect((await list()).map((p) => p.id)).not.toContain(theirs.id);
    expect(await dryRun('mango', 'en', admin)).toMatchObject({ isEmergency: false });
    expect(await dryRun('mango', 'en', other.token)).toMatchObject({ isEmergency: true, phraseId: theirs.id });
    const entries = auditEntries();
    if (entries !== null) {
      expect(entries.filter((e) => e.action === 'ACCESS_DENIED' && e.resourceId === chestPain.id)).toHaveLength(2);
    }
  });

  it('lets a superAdmin manage global phrases and any organisation’s', async () => {
    const global = await create({ ...base, label: 'Global kiwi', pattern: 'kiwi', scope: 'global' }, superAdmin);
    expect(global).toMatchObject({ status: 201, body: { scope: 'global', org: null } });
    expect(await dryRun('kiwi', 'en', other.token)).toMatchObject({ isEmergency: true });
    const forOrg = await create(
      { ...base, label: 'Org guava', pattern: 'guava', scope: 'org', org: orgId },
      superAdmin,
    );
    expect(forOrg).toMatchObject({ status: 201, body: { scope: 'org', org: orgId } });
    expect((await list(`?org=${orgId}&scope=org`, superAdmin)).map((p) => p.label)).toContain('Org guava');
    expect((await create({ ...base, label: 'No org', scope: 'org' }, superAdmin)).body).toEqual({
      code: 400,
      message: '"org" is required',
    });
    expect((await create({ ...base, label: 'Unknown org', org: 'f'.repeat(24) }, superAdmin)).body).toEqual({
      code: 404,
      message: 'Org not found',
    });
    const id = (global.body as Phrase).id;
    expect((await t.call('PATCH', `/emergency-phrases/${id}`, { severity: 'CRITICAL' }, superAdmin)).status).toBe(200);
    expect(await dryRun('kiwi')).toMatchObject({ isEmergency: true, severity: 'CRITICAL' });
    expect((await t.call('DELETE', `/emergency-phrases/${id}`, undefined, superAdmin)).status).toBe(204);
    expect(await dryRun('kiwi')).toMatchObject({ isEmergency: false });
  });

  it.each([
    ['(a+)+', 'nested quantifier'],
    ['(a|a)*', 'overlapping alternation'],
    ['[', 'does not compile'],
    ['\\bhelp', 'word boundary'],
    ['(a)\\1', 'back-reference'],
    ['x?', 'matches the empty string'],
    // The timed probe (a quadratic pattern such as `[a ]*x`) is not asserted here: whether it crosses 50 ms depends on
    // the machine's speed. test/unit/emergencies/vm-regex-probe.test.ts covers it.
  ])('refuses the pattern %j with 400 Invalid pattern (%s), on create and update', async (pattern) => {
    expect((await create({ ...base, label: `Bad ${pattern}`, pattern })).body).toEqual({
      code: 400,
      message: 'Invalid pattern',
    });
    const made = await create({ ...base, label: `Good before ${pattern}`, pattern: 'papaya' });
    expect(made.body).toMatchObject({ pattern: 'papaya' });
    const good = made.body as Phrase;
    expect((await t.call('PATCH', `/emergency-phrases/${good.id}`, { pattern }, admin)).body).toEqual({
      code: 400,
      message: 'Invalid pattern',
    });
    expect((await t.call('GET', `/emergency-phrases/${good.id}`, undefined, admin)).body).toMatchObject({
      pattern: 'papaya',
    });
  });

  it('validates bodies the Joi way and refuses a duplicate label', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...base }, '"label" is required'],
      [{ ...base, label: 'x'.repeat(201) }, '"label" length must be less than or equal to 200 characters long'],
      [
        { ...base, label: 'Long', pattern: 'x'.repeat(501) },
        '"pattern" length must be less than or equal to 500 characters long',
      ],
      [
        { ...base, label: 'Lang', language: 'xx' },
        '"language" must be one of [en, es, fr, de, zh, ja, pt, it, ru, ko, ar]',
      ],
      [{ ...base, label: 'Cat', category: 'Other' }, '"category" must be one of [Medical, Safety, Physical, Request]'],
      [{ ...base, label: 'Extra', $where: '1' }, '"$where" is not allowed'],
    ];
    for (const [body, message] of cases) expect((await create(body)).body).toEqual({ code: 400, message });
    expect((await create({ ...base, label: 'Twice' })).status).toBe(201);
    expect((await create({ ...base, label: 'Twice' })).status).toBe(409);
    const any = (await list('?scope=org'))[0];
    expect((await t.call('PATCH', `/emergency-phrases/${any.id}`, {}, admin)).body).toEqual({
      code: 400,
      message: '"value" must have at least 1 key',
    });
    expect((await t.call('GET', '/emergency-phrases/nope', undefined, admin)).body).toEqual({
      code: 400,
      message: '"id" must be a valid id',
    });
  });
});
