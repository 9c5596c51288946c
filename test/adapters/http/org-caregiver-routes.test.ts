import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SessionIssuer } from '../../../application/identity/session-issuer';
import type { Logger } from '../../../application/ports/logger';
import type { Caregiver } from '../../../domain/identity/caregiver';
import { createHttpApp } from '../../../adapters/http/http-app';
import { InFlightRequests } from '../../../adapters/http/middleware/in-flight';
import { requireAuth } from '../../../adapters/http/middleware/require-auth';
import { caregiverRoutes } from '../../../adapters/http/routes/caregiver-routes';
import { orgRoutes } from '../../../adapters/http/routes/org-routes';
import { request, type JsonResponse } from '../../support/http-client';
import { createManagementWorld, type ManagementWorld } from '../../application/identity/management-world';

const quiet: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => quiet,
};

let w: ManagementWorld;
let server: Server;
let baseUrl: string;

beforeEach(async () => {
  w = await createManagementWorld();
  const identity = w.h.useCases;
  const auth = requireAuth(identity.authenticate, identity.ports.rateLimiter);
  const app = createHttpApp({
    logger: quiet,
    production: false,
    corsOrigins: null,
    trustProxyHops: 0,
    inFlight: new InFlightRequests(),
    routers: [orgRoutes(identity, auth), caregiverRoutes(identity, auth)],
  });
  const handle = app.callback();
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await w.h.close();
});

const tokenOf = async (caregiver: Caregiver): Promise<string> =>
  (await new SessionIssuer(w.h.ports).open(caregiver, 'password', false, {})).access.token;

const call = async (as: Caregiver, method: string, path: string, body?: unknown): Promise<JsonResponse> =>
  request(baseUrl, `/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await tokenOf(as)}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe('/v1/orgs', () => {
  it('GET /orgs/:id answers the staff view to staff and the admin view to admins', async () => {
    const staffView = await call(w.staffA, 'GET', `/orgs/${w.orgA.id}`);
    expect(staffView.status).toBe(200);
    expect(staffView.body).toMatchObject({ id: w.orgA.id, name: w.orgA.name, timezone: 'America/New_York' });
    expect(staffView.body).not.toHaveProperty('stripeCustomerId');
    const adminView = await call(w.adminA, 'GET', `/orgs/${w.orgA.id}`);
    expect(adminView.body).toMatchObject({ id: w.orgA.id, planName: 'Pay as you go', stripeCustomerId: null });
  });

  it('answers 400 for a malformed id, 404 for another org, 401 without a token', async () => {
    expect(await call(w.adminA, 'GET', '/orgs/nope')).toMatchObject({
      status: 400,
      body: { code: 400, message: '"orgId" must be a valid id' },
    });
    expect(await call(w.adminA, 'GET', `/orgs/${w.orgB.id}`)).toMatchObject({
      status: 404,
      body: { code: 404, message: 'Org not found' },
    });
    expect((await request(baseUrl, `/v1/orgs/${w.orgA.id}`)).status).toBe(401);
  });

  it('GET /orgs paginates for superAdmins (role accepted and ignored) and is 403 for others', async () => {
    const page = await call(w.superAdmin, 'GET', '/orgs?limit=2&page=1&role=orgAdmin&sortBy=name:asc');
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ page: 1, limit: 2, totalPages: 2, totalResults: 3 });
    expect((page.body as { results: Array<{ name: string }> }).results.map((o) => o.name)).toEqual([
      'Alpha 1',
      'Beta 2',
    ]);
    expect(await call(w.adminA, 'GET', '/orgs')).toMatchObject({
      status: 403,
      body: { code: 403, message: 'Access denied: insufficient permissions.' },
    });
    expect((await call(w.superAdmin, 'GET', '/orgs?sortBy=email:asc')).status).toBe(400);
    expect((await call(w.superAdmin, 'GET', '/orgs?limit=0')).status).toBe(400);
  });

  it('PATCH /orgs/:id answers the OrgDTO at the top level and under `org`', async () => {
    const response = await call(w.adminA, 'PATCH', `/orgs/${w.orgA.id}`, {
      id: w.orgA.id,
      name: 'Alpha Care',
      phone: '604-555-1234',
      timezone: 'europe/paris',
      logo: 'https://cdn.example.com/logo.png',
      avatar: 'file:///local/picture.jpg',
      callRetrySettings: { retryCount: 4 },
    });
    expect(response.status).toBe(200);
    const expected = {
      id: w.orgA.id,
      name: 'Alpha Care',
      phone: '+16045551234',
      timezone: 'Europe/Paris',
      logo: 'https://cdn.example.com/logo.png',
      avatar: '',
      callRetrySettings: { retryCount: 4, retryIntervalMinutes: 15, alertOnAllMissedCalls: true },
    };
    expect(response.body).toMatchObject({ ...expected, org: expected });
    expect((response.body as { org: object }).org).not.toHaveProperty('org');
  });

  it('PATCH /orgs/:id validates the body Joi-style', async () => {
    const cases: Array<[unknown, string]> = [
      [{}, '"value" must have at least 1 key'],
      [{ colour: 'red' }, '"colour" is not allowed'],
      [{ id: w.orgB.id }, `"id" must be [${w.orgA.id}]`],
      [{ timezone: 'Mars/Olympus' }, '"timezone" must be a valid IANA time zone'],
      [{ callRetrySettings: { retryCount: 11 } }, '"callRetrySettings.retryCount" must be between 0 and 10'],
      [
        { callRetrySettings: { retryIntervalMinutes: 0 } },
        '"callRetrySettings.retryIntervalMinutes" must be between 1 and 1440',
      ],
      [
        { callRetrySettings: { alertOnAllMissedCalls: 'yes' } },
        '"callRetrySettings.alertOnAllMissedCalls" must be a boolean',
      ],
      [{ callRetrySettings: { other: 1 } }, '"callRetrySettings.other" is not allowed'],
      // An inline image is stored and replaced by its URL (RESOLUTIONS.md 4); other data: values are refused.
      [{ logo: 'data:text/plain;base64,aGVsbG8=' }, '"logo" must be a valid image URL'],
      [
        { logo: `https://cdn.example.com/${'a'.repeat(2048)}` },
        '"logo" length must be less than or equal to 2048 characters long',
      ],
      [{ email: 'not-an-email' }, '"email" must be a valid email'],
      [{ phone: '12' }, '"phone" must be a valid phone number'],
      [{ name: '' }, '"name" is not allowed to be empty'],
    ];
    for (const [body, message] of cases) {
      expect(await call(w.adminA, 'PATCH', `/orgs/${w.orgA.id}`, body)).toMatchObject({
        status: 400,
        body: { code: 400, message },
      });
    }
  });

  it("PATCH /orgs/:id answers 409 EMAIL_TAKEN for another org's address", async () => {
    expect(await call(w.adminA, 'PATCH', `/orgs/${w.orgA.id}`, { email: w.orgB.email })).toMatchObject({
      status: 409,
      body: { code: 409, message: 'Email already taken', reason: 'EMAIL_TAKEN' },
    });
  });

  it('DELETE /orgs/:id answers 204', async () => {
    const response = await call(w.superAdmin, 'DELETE', `/orgs/${w.orgB.id}`);
    expect(response.status).toBe(204);
    expect(response.text).toBe('');
  });

  it('role, move and remove routes answer the contract shapes', async () => {
    const promoted = await call(w.adminA, 'PATCH', `/orgs/${w.orgA.id}/caregiver/${w.staffA.id}/role`, {
      role: 'orgAdmin',
    });
    expect(promoted).toMatchObject({ status: 200, body: { id: w.staffA.id, role: 'orgAdmin', org: w.orgA.id } });
    expect(
      await call(w.adminA, 'PATCH', `/orgs/${w.orgA.id}/caregiver/${w.adminA2.id}/role`, { role: 'invited' }),
    ).toMatchObject({
      status: 400,
      body: { message: '"role" must be one of [staff, orgAdmin, superAdmin]' },
    });

    const moved = await call(w.superAdmin, 'POST', `/orgs/${w.orgA.id}/caregiver/${w.staffB.id}`);
    expect(moved.status).toBe(200);
    expect((moved.body as { caregivers: string[] }).caregivers).toContain(w.staffB.id);

    const removed = await call(w.adminA, 'DELETE', `/orgs/${w.orgA.id}/caregiver/${w.staffB.id}`);
    expect(removed).toMatchObject({ status: 200, body: { id: w.staffB.id, email: w.staffB.email } });
    expect(await call(w.superAdmin, 'DELETE', `/orgs/${w.orgB.id}/caregiver/${w.adminB.id}`)).toMatchObject({
      status: 200,
    });
  });

  it('PATCH /orgs/:id/invite and /verify-invite/:token', async () => {
    const invited = await call(w.adminA, 'PATCH', `/orgs/${w.orgA.id}/invite`, {
      name: 'New Person',
      email: 'New.Person@Example.com',
      phone: '6045550199',
    });
    expect(invited).toMatchObject({
      status: 200,
      body: { caregiver: { email: 'new.person@example.com', role: 'invited', phone: '+16045550199', org: w.orgA.id } },
    });
    expect(invited.body).not.toHaveProperty('token');
    const token = w.h.tokenFromMail('new.person@example.com', '/signup');
    const checked = await call(w.adminA, 'PATCH', `/orgs/${w.orgA.id}/verify-invite/${token}`);
    expect(checked).toMatchObject({
      status: 200,
      body: { valid: true, orgId: w.orgA.id, name: 'New Person', email: 'new.person@example.com' },
    });
    expect((await call(w.adminA, 'PATCH', `/orgs/${w.orgA.id}/verify-invite/unknown-token`)).status).toBe(400);
    expect(
      await call(w.adminA, 'PATCH', `/orgs/${w.orgA.id}/invite`, { name: 'X', email: 'x@example.com' }),
    ).toMatchObject({
      status: 400,
      body: { message: '"phone" is required' },
    });
  });
});

describe('/v1/caregivers', () => {
  it('GET /caregivers lists the own org with a default limit of 100, and refuses staff and other orgs', async () => {
    const page = await call(w.adminA, 'GET', '/caregivers?role=orgAdmin');
    expect(page).toMatchObject({ status: 200, body: { page: 1, limit: 100, totalResults: 2 } });
    expect(await call(w.staffA, 'GET', '/caregivers')).toMatchObject({ status: 403 });
    expect(await call(w.adminA, 'GET', `/caregivers?org=${w.orgB.id}`)).toMatchObject({ status: 403 });
    expect(await call(w.superAdmin, 'GET', `/caregivers?org=${w.orgB.id}`)).toMatchObject({
      status: 200,
      body: { totalResults: 2 },
    });
    expect(await call(w.adminA, 'GET', '/caregivers?org=bad')).toMatchObject({
      status: 400,
      body: { message: '"org" must be a valid id' },
    });
  });

  it('GET /caregivers/:id answers the CaregiverDTO', async () => {
    const response = await call(w.staffA, 'GET', `/caregivers/${w.staffA.id}`);
    expect(response).toMatchObject({
      status: 200,
      body: { id: w.staffA.id, email: w.staffA.email, pendingEmail: null, role: 'staff', org: w.orgA.id, patients: [] },
    });
    expect(await call(w.staffA, 'GET', '/caregivers/xyz')).toMatchObject({
      status: 400,
      body: { message: '"id" must be a valid id' },
    });
  });

  it('PATCH /caregivers/:id keeps the image for a device URI, reduces language tags, stores inline images', async () => {
    const response = await call(w.staffA, 'PATCH', `/caregivers/${w.staffA.id}`, {
      name: 'Sam',
      email: w.staffA.email,
      avatar: 'ph://local-asset',
      preferredLanguage: 'fr-CA',
    });
    expect(response).toMatchObject({ status: 200, body: { name: 'Sam', avatar: '', preferredLanguage: 'fr' } });
    const inline = await call(w.staffA, 'PATCH', `/caregivers/${w.staffA.id}`, {
      avatar: 'data:image/jpeg;base64,/9j/4AAQ',
    });
    expect(inline).toMatchObject({
      status: 200,
      body: { avatar: expect.stringMatching(/\/uploads\/[0-9a-f]+\.jpg$/) },
    });
    expect(
      await call(w.staffA, 'PATCH', `/caregivers/${w.staffA.id}`, { avatar: 'data:text/plain;base64,aGVsbG8=' }),
    ).toMatchObject({ status: 400, body: { message: '"avatar" must be a valid image URL' } });
    expect(await call(w.staffA, 'PATCH', `/caregivers/${w.staffA.id}`, { role: 'orgAdmin' })).toMatchObject({
      status: 400,
      body: { message: '"role" is not allowed' },
    });
    expect(await call(w.staffA, 'PATCH', `/caregivers/${w.staffA.id}`, { themePreference: 'dark' })).toMatchObject({
      status: 400,
      body: { message: '"themePreference" must be one of [healthcare, colorblind]' },
    });
  });

  it('DELETE /caregivers/:id answers 204, then the account is gone', async () => {
    expect((await call(w.adminA, 'DELETE', `/caregivers/${w.staffA.id}`)).status).toBe(204);
    expect(await call(w.adminA, 'GET', `/caregivers/${w.staffA.id}`)).toMatchObject({
      status: 404,
      body: { message: 'Caregiver not found' },
    });
  });

  it('GET /caregivers/:id/patients answers a bare array; one patient is 404 until assigned', async () => {
    expect(await call(w.staffA, 'GET', `/caregivers/${w.staffA.id}/patients`)).toMatchObject({ status: 200, body: [] });
    expect(await call(w.staffA, 'GET', `/caregivers/${w.staffA.id}/patients/${'a'.repeat(24)}`)).toMatchObject({
      status: 404,
      body: { message: 'Patient not found' },
    });
    expect(await call(w.staffA, 'GET', `/caregivers/${w.adminA.id}/patients`)).toMatchObject({ status: 403 });
  });
});
