import { startPrivacyApp, type PrivacyApp } from '../../support/privacy-app';

type Dto = Record<string, unknown> & { id: string };
type Conversation = { messages: { content: string }[]; history: string; sentiment: unknown };

/** What completing a request does (API-CONTRACT.md §6.3): the patient export, corrections, anonymisation. */
describe('completing privacy requests over HTTP', () => {
  let t: PrivacyApp;
  let admin: string;
  let staff: string;
  let staffId: string;
  let patients: string[];

  beforeAll(async () => {
    t = await startPrivacyApp();
  });
  afterAll(async () => {
    await t.stop();
  });
  beforeEach(async () => {
    patients = await t.seed();
    staffId = await t.idOf('fake@example.org');
    admin = await t.login('admin@example.org');
    staff = await t.login('fake@example.org');
  });

  const file = async (body: Record<string, unknown>, token = admin): Promise<Dto> => {
    const res = await t.call('POST', '/privacy/requests', body, token);
    expect([res.status, res.text]).toEqual([201, expect.any(String)]);
    return res.body as Dto;
  };
  const complete = (id: string) => t.call('POST', `/privacy/requests/${id}/complete`, undefined, admin);
  const conversationsOf = async (patientId: string): Promise<Conversation[]> => {
    const res = await t.call('GET', `/patients/${patientId}/conversations?limit=100`, undefined, admin);
    expect(res.status).toBe(200);
    return (res.body as { results: Conversation[] }).results;
  };

  it('exports a patient’s whole record to the organisation’s admins, encrypted at rest', async () => {
    const patientId = patients[0];
    const request = await file({ requestType: 'access', subjectType: 'patient', subjectId: patientId });
    expect((await complete(request.id)).body).toMatchObject({ status: 'completed' });

    const download = await t.call('GET', `/privacy/requests/${request.id}/export`, undefined, admin);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="privacy-export-/);
    const document = download.body as Record<string, unknown>;
    expect(document).toMatchObject({
      schemaVersion: 1,
      subject: { type: 'patient', id: patientId },
      profile: { id: patientId, name: 'Agnes Alphabet', email: 'agnes@example.org', age: 82 },
    });
    expect(document['careTeam']).toEqual(expect.arrayContaining([{ caregiverId: staffId, name: 'Test User' }]));
    const conversations = document['conversations'] as Conversation[];
    expect(conversations.length).toBeGreaterThan(0);
    expect(conversations.some((c) => c.messages.some((m) => m.content.includes('garden')))).toBe(true);
    expect((document['alerts'] as { message: string }[]).map((a) => a.message)).toContain(
      'Agnes mentioned feeling dizzy this morning',
    );
    for (const key of ['schedules', 'consents', 'privacyRequests', 'disclosures', 'billingLineItems']) {
      expect([key, Array.isArray(document[key])]).toEqual([key, true]);
    }
    // The accounting of disclosures: entries naming the patient, ids and actions only.
    const disclosures = document['disclosures'] as { action: string; actorKind: string }[];
    expect(disclosures.length).toBeGreaterThan(0);
    expect(disclosures.every((d) => typeof d.action === 'string' && typeof d.actorKind === 'string')).toBe(true);

    // The document never reaches the logs, and staff never see it; the stored copy holds no clear text.
    expect(t.logs.text).not.toMatch(/garden|tomatoes/);
    expect((await t.call('GET', `/privacy/requests/${request.id}/export`, undefined, staff)).status).toBe(404);
    const stored = t.app.container.get<{ find(id: string): Promise<{ ciphertext: string } | null> }>(
      Symbol.for('privacy.PrivacyExportStore'),
    );
    const ciphertext = (await stored.find(request.id))?.ciphertext ?? '';
    expect(ciphertext.length).toBeGreaterThan(100);
    expect(ciphertext).not.toMatch(/Agnes|garden|schemaVersion/);

    const exportEntries = (await t.auditEntries()).filter((e) => e.action === 'EXPORT' && e.resourceId === request.id);
    expect(exportEntries.map((e) => e.details['operation'])).toEqual([
      'privacy.export.create',
      'privacy.export.download',
    ]);
    expect(exportEntries.every((e) => e.patientIds?.includes(patientId) === true)).toBe(true);
  });

  it('anonymises a patient on deletion, keeps the audit trail, and ends partially fulfilled', async () => {
    const patientId = patients[0];
    const consent = await t.call(
      'POST',
      '/privacy/consents',
      { subjectType: 'patient', subjectId: patientId, consentType: 'recording', purpose: 'Record calls' },
      admin,
    );
    expect(consent.status).toBe(201);
    const access = await file({ requestType: 'access', subjectType: 'patient', subjectId: patientId });
    expect((await complete(access.id)).status).toBe(200);
    expect((await conversationsOf(patientId)).some((c) => c.messages.some((m) => m.content !== ''))).toBe(true);
    const namingBefore = (await t.auditEntries()).filter((e) => e.patientIds?.includes(patientId) === true).length;

    const deletion = await file({ requestType: 'deletion', subjectType: 'patient', subjectId: patientId });
    const done = await complete(deletion.id);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'partially_fulfilled' });
    expect((done.body as Dto)['completionNote']).toMatch(/audit entries, billing records, consent records/);

    const record = await t.call('GET', `/patients/${patientId}`, undefined, admin);
    expect(record.status).toBe(200);
    expect(record.body).toMatchObject({
      id: patientId,
      name: 'Deleted patient',
      preferredName: null,
      email: null,
      phone: '',
      age: null,
      notes: null,
      timezone: null,
    });
    const conversations = await conversationsOf(patientId);
    expect(conversations.length).toBeGreaterThan(0);
    for (const conversation of conversations) {
      expect(conversation.messages.every((m) => m.content === '')).toBe(true);
      expect(conversation.history).toBe('');
      expect(conversation.sentiment).toBeNull();
    }
    const alerts = (await t.call('GET', '/alerts?showRead=true', undefined, admin)).body as Dto[];
    expect(alerts.filter((a) => a['relatedPatient'] === patientId).map((a) => a['message'])).toEqual(['']);
    // The other patients are untouched.
    expect((await t.call('GET', `/patients/${patients[1]}`, undefined, admin)).body).toMatchObject({
      name: 'Barnaby Button',
    });

    // Audit entries and consents are retained; the earlier export is gone.
    const naming = (await t.auditEntries()).filter((e) => e.patientIds?.includes(patientId) === true);
    expect(naming.length).toBeGreaterThan(namingBefore);
    expect(naming.filter((e) => e.action === 'ANONYMISE')).toEqual([
      expect.objectContaining({ resourceType: 'patient', resourceId: patientId }),
    ]);
    expect(JSON.stringify(await t.auditEntries())).not.toMatch(/Agnes|agnes@example\.org|dizzy|garden/);
    const consents = await t.call(
      'GET',
      `/privacy/consents?subjectType=patient&subjectId=${patientId}&includeWithdrawn=true`,
      undefined,
      admin,
    );
    expect((consents.body as Dto[]).map((c) => c.id)).toEqual([(consent.body as Dto).id]);
    expect((await t.call('GET', `/privacy/requests/${access.id}/export`, undefined, admin)).body).toEqual({
      code: 404,
      message: 'Privacy export not found',
    });
    expect((await complete(deletion.id)).body).toEqual({
      code: 409,
      message: 'Invalid status transition',
      reason: 'INVALID_TRANSITION',
    });
  });

  it('applies corrections through the update rules', async () => {
    const patientId = patients[1];
    const rename = await file({
      requestType: 'correction',
      subjectType: 'patient',
      subjectId: patientId,
      correctionDetails: { field: 'name', requestedValue: '  Barnaby B. Button ', reason: 'Middle initial' },
    });
    expect(rename['correctionDetails']).toEqual({
      field: 'name',
      requestedValue: 'Barnaby B. Button',
      reason: 'Middle initial',
    });
    expect((await complete(rename.id)).body).toMatchObject({ status: 'completed' });
    expect((await t.call('GET', `/patients/${patientId}`, undefined, admin)).body).toMatchObject({
      name: 'Barnaby B. Button',
    });
    const update = (await t.auditEntries()).filter(
      (e) => e.action === 'UPDATE' && e.resourceType === 'patient' && e.resourceId === patientId,
    );
    expect(update.at(-1)?.details).toMatchObject({ changedFields: 'name', operation: 'privacy.correction.apply' });

    // Another patient's address stays unique: the request stays open.
    const clash = await file({
      requestType: 'correction',
      subjectType: 'patient',
      subjectId: patientId,
      correctionDetails: { field: 'email', requestedValue: 'AGNES@example.org' },
    });
    expect((await complete(clash.id)).body).toEqual({
      code: 409,
      message: 'Email already taken',
      reason: 'EMAIL_TAKEN',
    });
    expect((await t.call('GET', `/privacy/requests/${clash.id}`, undefined, admin)).body).toMatchObject({
      status: 'pending',
    });

    // A caregiver corrects their own phone; the new number is unverified.
    const phone = await file(
      {
        requestType: 'correction',
        subjectType: 'caregiver',
        subjectId: staffId,
        correctionDetails: { field: 'phone', requestedValue: '604-555-0177' },
      },
      staff,
    );
    expect((await complete(phone.id)).status).toBe(200);
    const me = await t.call('GET', `/caregivers/${staffId}`, undefined, staff);
    expect(me.body).toMatchObject({ phone: '+16045550177', isPhoneVerified: false });
  });

  it('anonymises a caregiver’s account on deletion and ends their sessions', async () => {
    const request = await file({ requestType: 'deletion', subjectType: 'caregiver', subjectId: staffId }, staff);
    const done = await complete(request.id);
    expect(done.body).toMatchObject({ status: 'partially_fulfilled' });
    expect((await t.call('GET', '/privacy/requests', undefined, staff)).status).toBe(401);
    const login = await t.call('POST', '/auth/login', { email: 'fake@example.org', password: 'Password1' });
    expect(login.status).toBe(401);
    expect((await t.call('GET', `/caregivers/${staffId}`, undefined, admin)).status).toBe(404);
    expect((await t.auditEntries()).filter((e) => e.action === 'ANONYMISE' && e.resourceId === staffId)).toHaveLength(
      1,
    );

    // The last orgAdmin of an organisation with members is kept (409), and the request stays open.
    const adminId = await t.idOf('admin@example.org');
    const playwright = await t.idOf('playwright@example.org');
    const self = await file({ requestType: 'deletion', subjectType: 'caregiver', subjectId: adminId });
    const last = await file({ requestType: 'deletion', subjectType: 'caregiver', subjectId: playwright });
    expect((await complete(self.id)).status).toBe(200);
    const refused = await t.call(
      'POST',
      `/privacy/requests/${last.id}/complete`,
      undefined,
      await t.login('superadmin@example.org'),
    );
    expect(refused.body).toEqual({
      code: 409,
      message: 'An organization must keep at least one orgAdmin',
      reason: 'LAST_ORG_ADMIN',
    });
  });
});
