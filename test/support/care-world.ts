import type { Environment } from '../../bootstrap/config';
import { startApplication } from '../../bootstrap/application';
import { TOKENS } from '../../application/ports/tokens';
import { request, type JsonResponse } from './http-client';
import { LogCapture } from './log-capture';
import { TestClock } from './test-clock';
import { testConfig } from './test-config';

/**
 * A server of the embedded profile (bootstrap mounts every care router) with test-support routes on, limits
 * raised for hundreds of requests from one caller, a hand-moved clock (never moved: sessions stay fresh) and
 * captured logs. `send` takes full paths (`/v1/...`), as the contract's endpoint list spells them.
 */
export const startCareApp = async (env: Environment = {}) => {
  const clock = new TestClock(new Date());
  const logs = new LogCapture();
  const config = testConfig({
    TEST_SUPPORT_ROUTES: 'true',
    LOG_LEVEL: 'debug',
    AUTH_RATE_LIMIT: '10000',
    API_USER_RATE_LIMIT: '1000000',
    PUBLIC_IP_RATE_LIMIT: '1000000',
    ...env,
  });
  const app = await startApplication(config, {
    logDestination: logs,
    overrides: (c) => {
      c.rebind(TOKENS.shared.Clock).toConstantValue(clock);
    },
  });

  const send = (method: string, path: string, body?: unknown, token?: string): Promise<JsonResponse> =>
    request(app.url, path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  /** The app's avatar upload: one `avatar` part named `avatar.jpg` holding `bytes`. */
  const upload = (path: string, bytes: Uint8Array, token?: string): Promise<JsonResponse> => {
    const form = new FormData();
    form.append('avatar', new Blob([bytes], { type: 'image/jpeg' }), 'avatar.jpg');
    return request(app.url, path, {
      method: 'POST',
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
      body: form,
    });
  };

  return { app, clock, logs, send, upload, stop: () => app.shutdown('test end') };
};

export type CareApp = Awaited<ReturnType<typeof startCareApp>>;

/** The callers of the matrix: one per role, plus a caller of another organisation. */
export type CareRole = 'anonymous' | 'staffAssigned' | 'staffUnassigned' | 'orgAdmin' | 'superAdmin' | 'otherOrg';
export type SignedInRole = Exclude<CareRole, 'anonymous'>;
export type OrgKey = 'orgA' | 'orgB';

/** The records of one organisation that the routes address. */
export interface CareTargets {
  readonly orgId: string;
  /** Assigned to `staffAssigned` (org A) or to the admin who created it (org B). */
  readonly patientId: string;
  /** A patient of the organisation on nobody's care team. */
  readonly unassignedPatientId: string;
  /** A caregiver of the organisation to put on and take off a care team (never one the matrix relies on). */
  readonly caregiverId: string;
  readonly scheduleId: string;
  readonly conversationId: string;
  /** A custom alert about `patientId` written by the organisation's admin, visible to assigned caregivers. */
  readonly alertId: string;
}

export const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);

/** The body of a custom alert about `patientId`, for its assigned caregivers (and its author). */
export const alertBody = (patientId: string, message: string) => ({
  message,
  importance: 'medium',
  alertType: 'patient',
  visibility: 'assignedCaregivers',
  createdModel: 'Patient',
  createdBy: patientId,
  relatedPatient: patientId,
});

const must = (res: JsonResponse, status: number, what: string): Record<string, unknown> => {
  if (res.status !== status) throw new Error(`${what} answered ${res.status}: ${res.text}`);
  return res.body as Record<string, unknown>;
};

const idOf = (res: JsonResponse, status: number, what: string): string => String(must(res, status, what)['id']);

/**
 * The world of the care matrix, built through the API only: the seed's "Test Organization" (org A: its orgAdmin,
 * its staff member with three assigned patients, a superAdmin of the platform) plus an invited staff member of
 * org A on no care team, and a second, self-registered organisation (org B) whose orgAdmin is the "other org"
 * caller. Each organisation gets a patient, an unassigned patient, a schedule, a manual conversation and an alert.
 */
export const buildCareWorld = async (t: CareApp) => {
  const seeded = must(await t.send('POST', '/v1/test/seed'), 200, 'seed')['data'] as {
    org: string;
    patients: string[];
  };
  const login = async (email: string, password = 'Password1') => {
    const body = must(await t.send('POST', '/v1/auth/login', { email, password }), 200, `login of ${email}`);
    const payload = body as { tokens: { access: { token: string } }; caregiver: { id: string; org: string } };
    return { token: payload.tokens.access.token, id: payload.caregiver.id, org: payload.caregiver.org };
  };
  const mailToken = async (email: string, kind: 'invite' | 'verification'): Promise<string> => {
    const mail = must(await t.send('POST', '/v1/test/get-email', { email }), 200, `mail to ${email}`);
    return String((mail['email'] as { tokens: Record<string, string | null> }).tokens[kind]);
  };

  const admin = await login('admin@example.org');
  const staff = await login('fake@example.org');
  const superAdmin = await login('superadmin@example.org');
  const teamMate = await login('playwright@example.org');

  const invitee = { name: 'Una Signed', email: 'una.unassigned@example.org', phone: '6045550177' };
  must(await t.send('PATCH', `/v1/orgs/${admin.org}/invite`, invitee, admin.token), 200, 'invite');
  const token = await mailToken(invitee.email, 'invite');
  must(
    await t.send('POST', '/v1/auth/registerWithInvite', { ...invitee, token, password: 'Sunshine42' }),
    201,
    'invite sign-up',
  );
  const unassigned = await login(invitee.email, 'Sunshine42');

  const boss = {
    name: 'Other Care Org',
    email: 'boss@other-care.example',
    password: 'Sunshine42',
    phone: '6045550111',
  };
  must(await t.send('POST', '/v1/auth/register', boss), 201, 'register org B');
  const verification = await mailToken(boss.email, 'verification');
  must(await t.send('GET', `/v1/auth/verify-email?token=${verification}`), 200, 'verify org B');
  const other = await login(boss.email, boss.password);

  const tokens: Record<SignedInRole, string> = {
    staffAssigned: staff.token,
    staffUnassigned: unassigned.token,
    orgAdmin: admin.token,
    superAdmin: superAdmin.token,
    otherOrg: other.token,
  };
  const adminOf: Record<OrgKey, string> = { orgA: admin.token, orgB: other.token };
  const orgIdOf: Record<OrgKey, string> = { orgA: admin.org, orgB: other.org };
  let counter = 0;
  const next = () => (counter += 1);

  /** A patient of `org` on the care team of `staffAssigned` (org A) or of org B's admin. */
  const freshPatient = async (org: OrgKey): Promise<string> => {
    const n = next();
    const body = {
      name: `Matrix Patient ${n}`,
      phone: `+1604556${String(1000 + n)}`,
      ...(org === 'orgA' ? { caregivers: [staff.id] } : {}),
    };
    return idOf(await t.send('POST', '/v1/patients', body, adminOf[org]), 201, 'create patient');
  };
  /** A patient of `org` on nobody's care team: a superAdmin acting in another organisation is not assigned. */
  const freshUnassignedPatient = async (org: OrgKey): Promise<string> => {
    const n = next();
    const body = { name: `Unassigned Patient ${n}`, phone: `+1604557${String(1000 + n)}`, org: orgIdOf[org] };
    return idOf(await t.send('POST', '/v1/patients', body, superAdmin.token), 201, 'create unassigned patient');
  };

  const patientOf: Record<OrgKey, string> = { orgA: seeded.patients[0] ?? '', orgB: await freshPatient('orgB') };
  const freshSchedule = async (org: OrgKey): Promise<string> =>
    idOf(
      await t.send(
        'POST',
        `/v1/schedules/patients/${patientOf[org]}`,
        { frequency: 'daily', time: '09:00' },
        adminOf[org],
      ),
      201,
      'create schedule',
    );
  /** An alert about the organisation's patient, written by its admin or (org A only) by `staffAssigned`. */
  const freshAlert = async (org: OrgKey, author: 'admin' | 'staff' = 'admin'): Promise<string> =>
    idOf(
      await t.send(
        'POST',
        '/v1/alerts',
        alertBody(patientOf[org], `Matrix alert ${next()}`),
        author === 'staff' && org === 'orgA' ? staff.token : adminOf[org],
      ),
      201,
      'create alert',
    );
  const conversationIn = async (org: OrgKey): Promise<string> =>
    idOf(
      await t.send('POST', `/v1/conversations/patient/${patientOf[org]}`, {}, adminOf[org]),
      201,
      'create conversation',
    );

  const targetsOf = async (org: OrgKey): Promise<CareTargets> => ({
    orgId: orgIdOf[org],
    patientId: patientOf[org],
    unassignedPatientId: await freshUnassignedPatient(org),
    caregiverId: org === 'orgA' ? teamMate.id : other.id,
    scheduleId: await freshSchedule(org),
    conversationId: await conversationIn(org),
    alertId: await freshAlert(org),
  });
  const orgA = await targetsOf('orgA');
  const orgB = await targetsOf('orgB');
  const recordIds = (x: CareTargets) => [x.patientId, x.unassignedPatientId, x.scheduleId, x.conversationId, x.alertId];

  return {
    tokens,
    caregiverIds: { staffAssigned: staff.id, staffUnassigned: unassigned.id, orgAdmin: admin.id, otherOrg: other.id },
    targets: { orgA, orgB } as Record<OrgKey, CareTargets>,
    /** Ids of each organisation's care records: no answer to a caller of the other organisation may contain one. */
    secrets: { orgA: [...recordIds(orgA), ...seeded.patients], orgB: recordIds(orgB) } as Record<OrgKey, string[]>,
    fresh: {
      patient: freshPatient,
      unassignedPatient: freshUnassignedPatient,
      schedule: freshSchedule,
      alert: freshAlert,
    },
  };
};

export type CareWorld = Awaited<ReturnType<typeof buildCareWorld>>;
