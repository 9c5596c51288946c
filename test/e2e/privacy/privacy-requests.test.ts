import { startPrivacyApp, type PrivacyApp } from '../../support/privacy-app';

type Dto = Record<string, unknown> & { id: string };

const DAY = 86_400_000;
const DENIED = { code: 403, message: 'Access denied: insufficient permissions.', reason: 'FORBIDDEN' };
const INVALID = { code: 409, message: 'Invalid status transition', reason: 'INVALID_TRANSITION' };

/** Privacy requests over HTTP (API-CONTRACT.md §6.3): filing, handling, the access export, roles and scope. */
describe('privacy requests over HTTP', () => {
  let t: PrivacyApp;
  let admin: string;
  let staff: string;
  let superAdmin: string;
  let staffId: string;
  let adminId: string;
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
    adminId = await t.idOf('admin@example.org');
    admin = await t.login('admin@example.org');
    staff = await t.login('fake@example.org');
    superAdmin = await t.login('superadmin@example.org');
  });

  const file = async (body: Record<string, unknown>, token: string): Promise<Dto> => {
    const res = await t.call('POST', '/privacy/requests', body, token);
    expect([res.status, res.body]).toEqual([201, expect.objectContaining({ status: 'pending' })]);
    return res.body as Dto;
  };
  const patch = (id: string, body: Record<string, unknown>, token = admin) =>
    t.call('PATCH', `/privacy/requests/${id}`, body, token);

  it('answers a caregiver’s access request with an encrypted JSON export for 7 days, every download audited', async () => {
    const request = await file({ requestType: 'access', subjectType: 'caregiver', subjectId: staffId }, staff);
    expect(request).toMatchObject({ requestType: 'access', subjectType: 'caregiver', subjectId: staffId });
    expect(request['requestedBy']).toBe(staffId);
    const filed = Date.parse(request['createdAt'] as string);
    expect(Date.parse(request['responseDeadline'] as string) - filed).toBe(30 * DAY);

    expect((await t.call('GET', `/privacy/requests/${request.id}/export`, undefined, staff)).status).toBe(404);
    const done = await t.call('POST', `/privacy/requests/${request.id}/complete`, undefined, admin);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'completed' });
    const until = Date.parse((done.body as Dto)['exportAvailableUntil'] as string);
    expect(until - Date.parse((done.body as Dto)['completedAt'] as string)).toBe(7 * DAY);

    const download = await t.call('GET', `/privacy/requests/${request.id}/export`, undefined, staff);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toMatch(/^application\/json/);
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="privacy-export-${request.id}.json"`,
    );
    const document = download.body as Record<string, unknown>;
    expect(document).toMatchObject({
      schemaVersion: 1,
      requestId: request.id,
      subject: { type: 'caregiver', id: staffId },
      profile: { id: staffId, email: 'fake@example.org', name: 'Test User' },
    });
    // Sign-ins come from the audit log: timestamps, outcomes and addresses.
    expect(document['signInHistory']).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'LOGIN', outcome: 'success' })]),
    );
    expect((document['privacyRequests'] as Dto[]).map((r) => r.id)).toEqual([request.id]);
    // A caregiver's own data only (RESOLUTIONS.md 5): nothing about the patients they care for.
    expect(download.text).not.toMatch(/Agnes|Barnaby|Clara/);
    expect(document).not.toHaveProperty('conversations');

    // Their admin sees the request but does not receive the caregiver's data.
    expect((await t.call('GET', `/privacy/requests/${request.id}/export`, undefined, admin)).status).toBe(404);

    const downloads = (await t.auditEntries()).filter(
      (e) => e.action === 'EXPORT' && e.details['operation'] === 'privacy.export.download',
    );
    expect(downloads).toHaveLength(1);
    expect(downloads[0]).toMatchObject({ actorId: staffId, resourceType: 'privacyExport', resourceId: request.id });
    expect(JSON.stringify(await t.auditEntries())).not.toContain('fake@example.org');

    t.clock.advance(7 * DAY - 60_000);
    const late = await t.login('fake@example.org');
    expect((await t.call('GET', `/privacy/requests/${request.id}/export`, undefined, late)).status).toBe(200);
    t.clock.advance(60_000);
    const expired = await t.call('GET', `/privacy/requests/${request.id}/export`, undefined, late);
    expect(expired.body).toEqual({ code: 404, message: 'Privacy export not found' });
  });

  it('moves along the state machine and refuses every other move with 409', async () => {
    const request = await file({ requestType: 'access', subjectType: 'caregiver', subjectId: staffId }, staff);
    const started = await patch(request.id, { action: 'start' });
    expect(started.body).toMatchObject({ status: 'processing' });
    expect((await patch(request.id, { action: 'start' })).body).toEqual(INVALID);

    const extended = await patch(request.id, { action: 'extend', reason: 'Large archive' });
    expect(extended.body).toMatchObject({ extensionReason: 'Large archive' });
    const dto = extended.body as Dto;
    expect(Date.parse(dto['extendedDeadline'] as string) - Date.parse(dto['responseDeadline'] as string)).toBe(
      30 * DAY,
    );
    expect(dto['effectiveDeadline']).toBe(dto['extendedDeadline']);
    expect((await patch(request.id, { action: 'extend', reason: 'Again' })).body).toEqual(INVALID);

    const noted = await patch(request.id, { action: 'note', note: 'Called the caregiver' });
    expect((noted.body as Dto)['notes']).toEqual([
      expect.objectContaining({ by: adminId, text: 'Called the caregiver' }),
    ]);

    const denied = await patch(request.id, { action: 'deny', reason: 'Identity not verified' });
    expect(denied.body).toMatchObject({ status: 'denied', denialReason: 'Identity not verified' });
    for (const body of [{ action: 'start' }, { action: 'deny', reason: 'x' }, { action: 'extend', reason: 'x' }]) {
      expect((await patch(request.id, body)).body).toEqual(INVALID);
    }
    expect((await t.call('POST', `/privacy/requests/${request.id}/complete`, undefined, admin)).body).toEqual(INVALID);
    expect((await patch(request.id, { action: 'appeal-decision', approve: true })).body).toEqual(INVALID);

    // Only the requester appeals, once; an approved appeal reopens the request.
    expect((await t.call('POST', `/privacy/requests/${request.id}/appeal`, {}, admin)).body).toEqual(DENIED);
    const appealed = await t.call('POST', `/privacy/requests/${request.id}/appeal`, { reason: 'I sent my ID' }, staff);
    expect(appealed.body).toMatchObject({ status: 'denied', appeal: { decision: 'pending', filedBy: staffId } });
    expect((await t.call('POST', `/privacy/requests/${request.id}/appeal`, {}, staff)).body).toEqual(INVALID);
    const reopened = await patch(request.id, { action: 'appeal-decision', approve: true });
    expect(reopened.body).toMatchObject({ status: 'processing', denialReason: null, appeal: { decision: 'approved' } });
    expect((await patch(request.id, { action: 'appeal-decision', approve: false })).body).toEqual(INVALID);
    const completed = await t.call('POST', `/privacy/requests/${request.id}/complete`, undefined, admin);
    expect(completed.body).toMatchObject({ status: 'completed' });
    expect((await patch(request.id, { action: 'deny', reason: 'late' })).body).toEqual(INVALID);
    expect((await t.call('POST', `/privacy/requests/${request.id}/appeal`, {}, staff)).body).toEqual(INVALID);

    const updates = (await t.auditEntries()).filter(
      (e) => e.resourceType === 'privacyRequest' && e.resourceId === request.id,
    );
    expect(updates.map((e) => e.details['operation'])).toEqual(
      expect.arrayContaining(['privacy.request.create', 'privacy.request.extend', 'privacy.request.appeal']),
    );
    expect(JSON.stringify(updates)).not.toMatch(/Identity not verified|Called the caregiver|I sent my ID/);
  });

  it('validates bodies: actions, reasons, the correction allow-list', async () => {
    const request = await file({ requestType: 'access', subjectType: 'caregiver', subjectId: staffId }, staff);
    expect((await patch(request.id, {})).body).toEqual({ code: 400, message: '"action" is required' });
    expect((await patch(request.id, { action: 'close' })).body).toEqual({
      code: 400,
      message: '"action" must be one of [start, deny, extend, note, appeal-decision]',
    });
    expect((await patch(request.id, { action: 'deny' })).body).toEqual({ code: 400, message: '"reason" is required' });
    expect((await patch(request.id, { action: 'start', reason: 'x' })).body).toEqual({
      code: 400,
      message: '"reason" is not allowed',
    });

    const notOnList = await t.call(
      'POST',
      '/privacy/requests',
      {
        requestType: 'correction',
        subjectType: 'patient',
        subjectId: patients[0],
        correctionDetails: { field: 'notes', requestedValue: 'x', reason: 'wrong' },
      },
      admin,
    );
    expect(notOnList.body).toEqual({
      code: 400,
      message: '"correctionDetails.field" must be one of [name, email, phone, preferredName, preferredLanguage]',
    });
    const caregiverEmail = await t.call(
      'POST',
      '/privacy/requests',
      {
        requestType: 'correction',
        subjectType: 'caregiver',
        subjectId: staffId,
        correctionDetails: { field: 'email', requestedValue: 'new@example.org' },
      },
      staff,
    );
    expect(caregiverEmail.body).toEqual({
      code: 400,
      message: '"correctionDetails.field" must be one of [name, phone, preferredLanguage]',
    });
    const badPhone = await t.call(
      'POST',
      '/privacy/requests',
      {
        requestType: 'correction',
        subjectType: 'caregiver',
        subjectId: staffId,
        correctionDetails: { field: 'phone', requestedValue: '12' },
      },
      staff,
    );
    expect(badPhone.body).toEqual({
      code: 400,
      message: '"correctionDetails.requestedValue" must be a valid phone number',
    });
    const missing = await t.call(
      'POST',
      '/privacy/requests',
      { requestType: 'correction', subjectType: 'caregiver', subjectId: staffId },
      staff,
    );
    expect(missing.body).toEqual({ code: 400, message: '"correctionDetails" is required' });
    const wrongType = await t.call('POST', '/privacy/requests', { requestType: 'erase', subjectType: 'x' }, staff);
    expect(wrongType.status).toBe(400);
    expect((await t.call('GET', '/privacy/requests/not-an-id', undefined, staff)).body).toEqual({
      code: 400,
      message: '"id" must be a valid id',
    });
  });

  it('keeps requests in scope: self for everyone, the org for admins, everything for superAdmins', async () => {
    const superAdminId = await t.idOf('superadmin@example.org');
    const own = await file({ requestType: 'deletion', subjectType: 'caregiver', subjectId: staffId }, staff);
    const about = { requestType: 'access', subjectType: 'patient', subjectId: patients[0] };
    expect((await t.call('POST', '/privacy/requests', about, staff)).body).toEqual(DENIED);
    const otherCaregiver = { requestType: 'access', subjectType: 'caregiver', subjectId: adminId };
    expect((await t.call('POST', '/privacy/requests', otherCaregiver, staff)).body).toEqual(DENIED);
    const forSomeoneElse = {
      requestType: 'access',
      subjectType: 'caregiver',
      subjectId: staffId,
      externalRequestor: { name: 'A lawyer', identityVerified: true },
    };
    expect((await t.call('POST', '/privacy/requests', forSomeoneElse, staff)).body).toEqual(DENIED);
    const foreign = { requestType: 'access', subjectType: 'caregiver', subjectId: superAdminId };
    expect((await t.call('POST', '/privacy/requests', foreign, admin)).body).toEqual({
      code: 404,
      message: 'Caregiver not found',
    });
    const unknown = { requestType: 'access', subjectType: 'patient', subjectId: 'e'.repeat(24) };
    expect((await t.call('POST', '/privacy/requests', unknown, admin)).body).toEqual({
      code: 404,
      message: 'Patient not found',
    });

    const byPhone = await file(
      { ...about, externalRequestor: { name: 'Agnes’ daughter', relationship: 'daughter' } },
      admin,
    );
    expect(byPhone['externalRequestor']).toMatchObject({ name: 'Agnes’ daughter', identityVerified: false });

    // Staff see their own requests only; admins their organisation's; superAdmins all.
    const ids = async (token: string, query = '') =>
      ((await t.call('GET', `/privacy/requests${query}`, undefined, token)).body as Dto[]).map((r) => r.id);
    expect(await ids(staff)).toEqual([own.id]);
    expect(await ids(admin)).toEqual([own.id, byPhone.id]);
    expect(await ids(superAdmin)).toEqual([own.id, byPhone.id]);
    expect(await ids(admin, '?requestType=access')).toEqual([byPhone.id]);
    expect(await ids(admin, '?status=processing')).toEqual([]);
    expect((await t.call('GET', `/privacy/requests/${byPhone.id}`, undefined, staff)).body).toEqual({
      code: 404,
      message: 'Privacy request not found',
    });
    expect((await t.call('GET', `/privacy/requests/${own.id}`, undefined, admin)).status).toBe(200);
    expect((await patch(own.id, { action: 'start' }, staff)).body).toEqual(DENIED);
    expect((await t.call('POST', `/privacy/requests/${own.id}/complete`, undefined, staff)).body).toEqual(DENIED);
    expect((await patch(byPhone.id, { action: 'start' }, staff)).body).toEqual({
      code: 404,
      message: 'Privacy request not found',
    });

    // A patient of the platform organisation does not exist for the customer's admin.
    const platformOrg = ((await t.call('GET', `/caregivers/${superAdminId}`, undefined, superAdmin)).body as Dto)[
      'org'
    ];
    const platformPatient = await t.call(
      'POST',
      '/patients',
      { name: 'Platform P', phone: '+16045551234', org: platformOrg },
      superAdmin,
    );
    expect(platformPatient.status).toBe(201);
    const theirs = { requestType: 'access', subjectType: 'patient', subjectId: (platformPatient.body as Dto).id };
    expect((await t.call('POST', '/privacy/requests', theirs, admin)).body).toEqual({
      code: 404,
      message: 'Patient not found',
    });
    const filedBySuperAdmin = await file(theirs, superAdmin);
    expect(filedBySuperAdmin['org']).toBe(platformOrg);
    expect((await t.call('GET', `/privacy/requests/${filedBySuperAdmin.id}`, undefined, admin)).status).toBe(404);
    const denials = (await t.auditEntries()).filter((e) => e.action === 'ACCESS_DENIED' && e.actorId === staffId);
    expect(denials.length).toBeGreaterThanOrEqual(4);
  });

  it('filters approaching and overdue requests against the effective deadline', async () => {
    const body = { requestType: 'access', subjectType: 'caregiver', subjectId: staffId };
    const first = await file(body, staff);
    const extended = await file(body, staff);
    expect((await patch(extended.id, { action: 'extend', reason: 'Backlog' })).status).toBe(200);
    t.clock.advance(DAY);
    const second = await file(body, await t.login('fake@example.org'));
    // Admins must enrol in MFA within 7 days, so the staff member lists their own requests as time passes.
    const ids = async (query: string) => {
      const token = await t.login('fake@example.org');
      return ((await t.call('GET', `/privacy/requests${query}`, undefined, token)).body as Dto[]).map((r) => r.id);
    };
    expect(await ids('?approaching=true')).toEqual([]);
    t.clock.advance(25 * DAY + 60_000);
    expect(await ids('?approaching=true')).toEqual([first.id, second.id]);
    expect(await ids('?overdue=true')).toEqual([]);
    t.clock.advance(4 * DAY);
    expect(await ids('?overdue=true')).toEqual([first.id]);
    expect(await ids('?approaching=true')).toEqual([second.id]);
    expect(await ids('?overdue=true&approaching=true')).toEqual([]);
    expect(await ids('')).toEqual([first.id, second.id, extended.id]);
    const token = await t.login('fake@example.org');
    expect((await t.call('GET', '/privacy/requests?overdue=maybe', undefined, token)).body).toEqual({
      code: 400,
      message: '"overdue" must be a boolean',
    });
  });
});
