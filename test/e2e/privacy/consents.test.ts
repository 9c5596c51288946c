import { PRIVACY_TOKENS } from '../../../application/privacy/privacy-tokens';
import type { ConsentService } from '../../../application/privacy/consent-service';
import { startPrivacyApp, type PrivacyApp } from '../../support/privacy-app';

type Dto = Record<string, unknown> & { id: string };

const DENIED = { code: 403, message: 'Access denied: insufficient permissions.', reason: 'FORBIDDEN' };

/** Consent records over HTTP (API-CONTRACT.md §6.3) and what the pipelines read from them. */
describe('consents over HTTP', () => {
  let t: PrivacyApp;
  let admin: string;
  let staff: string;
  let staffId: string;
  let adminId: string;
  let patients: string[];
  let consents: ConsentService;

  beforeAll(async () => {
    t = await startPrivacyApp();
    consents = t.app.container.get<ConsentService>(PRIVACY_TOKENS.ConsentService);
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
  });

  const record = (body: Record<string, unknown>, token: string) => t.call('POST', '/privacy/consents', body, token);
  const list = async (subjectType: string, subjectId: string, token: string, all = false) => {
    const query = `subjectType=${subjectType}&subjectId=${subjectId}${all ? '&includeWithdrawn=true' : ''}`;
    const res = await t.call('GET', `/privacy/consents?${query}`, undefined, token);
    expect(res.status).toBe(200);
    return res.body as Dto[];
  };
  const withdraw = (id: string, token: string, reason?: string) =>
    t.call('POST', `/privacy/consents/${id}/withdraw`, reason === undefined ? {} : { reason }, token);

  it('records, lists and withdraws a caregiver’s own consent, once', async () => {
    const created = await record(
      { subjectType: 'caregiver', subjectId: staffId, consentType: 'marketing', purpose: 'Product news' },
      staff,
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      subjectType: 'caregiver',
      subjectId: staffId,
      consentType: 'marketing',
      purpose: 'Product news',
      method: 'explicit',
      granted: true,
      withdrawn: false,
      recordedBy: staffId,
      noticeVersion: '1.0',
    });
    expect(created.body).not.toHaveProperty('ipAddress');
    const id = (created.body as Dto).id;
    expect((await list('caregiver', staffId, staff)).map((c) => c.id)).toEqual([id]);

    const withdrawn = await withdraw(id, staff, 'Too many e-mails');
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({
      withdrawn: true,
      withdrawalReason: 'Too many e-mails',
      withdrawnBy: staffId,
    });
    expect((await withdraw(id, staff)).body).toEqual({
      code: 409,
      message: 'Consent already withdrawn',
      reason: 'INVALID_TRANSITION',
    });
    expect(await list('caregiver', staffId, staff)).toEqual([]);
    expect((await list('caregiver', staffId, staff, true)).map((c) => c.id)).toEqual([id]);

    const entries = (await t.auditEntries()).filter((e) => e.resourceType === 'consent' && e.resourceId === id);
    expect(entries.map((e) => e.action)).toEqual(['CONSENT_GRANTED', 'CONSENT_WITHDRAWN']);
    expect(JSON.stringify(entries)).not.toMatch(/Product news|Too many/);
  });

  it('records patient consents for assigned staff and admins; a withdrawal stops what it covers', async () => {
    const patientId = patients[0];
    expect(await consents.hasActiveConsent('patient', patientId, 'recording')).toBe(false);
    expect(await consents.patientConsentWithdrawn(patientId, 'recording')).toBe(false);

    const first = await record(
      { subjectType: 'patient', subjectId: patientId, consentType: 'recording', purpose: 'Calls', method: 'implied' },
      staff,
    );
    expect(first.status).toBe(201);
    const second = await record(
      {
        subjectType: 'patient',
        subjectId: patientId,
        consentType: 'recording',
        purpose: 'Calls, signed form',
        providedVia: 'paper form',
      },
      admin,
    );
    expect(second.body).toMatchObject({ method: 'explicit', providedVia: 'paper form', recordedBy: adminId });
    const all = await list('patient', patientId, staff, true);
    expect(all.map((c) => [c.id, c['superseded']])).toEqual([
      [(first.body as Dto).id, true],
      [(second.body as Dto).id, false],
    ]);
    expect((await list('patient', patientId, staff)).map((c) => c.id)).toEqual([(second.body as Dto).id]);
    expect(await consents.hasActiveConsent('patient', patientId, 'recording')).toBe(true);

    expect((await withdraw((second.body as Dto).id, staff)).status).toBe(200);
    expect(await consents.hasActiveConsent('patient', patientId, 'recording')).toBe(false);
    expect(await consents.patientConsentWithdrawn(patientId, 'recording')).toBe(true);
    expect(await consents.patientConsentWithdrawn(patientId, 'analysis')).toBe(false);
    const granted = (await t.auditEntries()).filter(
      (e) => e.action === 'CONSENT_GRANTED' && e.patientIds?.includes(patientId),
    );
    expect(granted).toHaveLength(2);
  });

  it('keeps consents in scope and validates bodies', async () => {
    const created = await t.call('POST', '/patients', { name: 'Unassigned U', phone: '+16045551234' }, admin);
    expect(created.status).toBe(201);
    const unassigned = (created.body as Dto).id;
    const body = { subjectType: 'patient', subjectId: unassigned, consentType: 'analysis', purpose: 'Mood trends' };
    expect((await record(body, staff)).body).toEqual(DENIED);
    expect(
      (await t.call('GET', `/privacy/consents?subjectType=patient&subjectId=${unassigned}`, undefined, staff)).body,
    ).toEqual(DENIED);
    const adminsOwn = await record(body, admin);
    expect(adminsOwn.status).toBe(201);
    expect((await withdraw((adminsOwn.body as Dto).id, staff)).body).toEqual(DENIED);

    const aboutAdmin = { subjectType: 'caregiver', subjectId: adminId, consentType: 'use', purpose: 'x' };
    expect((await record(aboutAdmin, staff)).body).toEqual(DENIED);
    expect((await record(aboutAdmin, admin)).status).toBe(201);

    const superAdminId = await t.idOf('superadmin@example.org');
    const foreign = { subjectType: 'caregiver', subjectId: superAdminId, consentType: 'use', purpose: 'x' };
    expect((await record(foreign, admin)).body).toEqual({ code: 404, message: 'Caregiver not found' });
    const superAdmin = await t.login('superadmin@example.org');
    const theirs = await record(foreign, superAdmin);
    expect(theirs.status).toBe(201);
    expect((await withdraw((theirs.body as Dto).id, admin)).body).toEqual({ code: 404, message: 'Consent not found' });
    expect((await withdraw('e'.repeat(24), admin)).body).toEqual({ code: 404, message: 'Consent not found' });

    expect((await record({ ...body, consentType: 'telepathy' }, admin)).body).toEqual({
      code: 400,
      message:
        '"consentType" must be one of [collection, use, disclosure, recording, transcription, analysis, marketing]',
    });
    expect((await record({ ...body, purpose: 'x'.repeat(501) }, admin)).body).toEqual({
      code: 400,
      message: '"purpose" length must be less than or equal to 500 characters long',
    });
    expect((await t.call('GET', '/privacy/consents', undefined, admin)).body).toEqual({
      code: 400,
      message: '"subjectType" is required, "subjectId" is required',
    });
  });

  it('locks a caregiver who withdraws their collection consent and ends their sessions', async () => {
    const created = await record(
      { subjectType: 'caregiver', subjectId: staffId, consentType: 'collection', purpose: 'Service' },
      staff,
    );
    expect(created.status).toBe(201);
    expect((await withdraw((created.body as Dto).id, staff)).status).toBe(200);
    expect((await t.call('GET', '/privacy/requests', undefined, staff)).status).toBe(401);
    const login = await t.call('POST', '/auth/login', { email: 'fake@example.org', password: 'Password1' });
    expect(login.status).toBe(403);
    expect(login.body).toMatchObject({ reason: 'ACCOUNT_LOCKED' });
    const entry = (await t.auditEntries()).find(
      (e) => e.action === 'CONSENT_WITHDRAWN' && e.resourceId === (created.body as Dto).id,
    );
    expect(entry?.details).toMatchObject({ accountLocked: true, consentType: 'collection' });
  });
});
