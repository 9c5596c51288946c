import { startIdentityApp, type IdentityApp } from '../../support/identity-app';

/**
 * QUALITY.md S2 for the identity routes: for each role, what is allowed, what is forbidden (403), and that
 * another organisation's records are invisible (404) on every id-taking route.
 */
type Role = 'staff' | 'orgAdmin' | 'superAdmin';

interface World {
  tokens: Record<Role, string>;
  orgA: string;
  orgB: string;
  staffA: string;
  playwrightA: string;
  adminB: string;
}

describe('identity authorization matrix over HTTP (S2)', () => {
  let t: IdentityApp;
  let w: World;

  const login = async (email: string, password = 'Password1') => {
    const res = await t.call('POST', '/auth/login', { email, password });
    expect(res.status).toBe(200);
    return res.body as { tokens: { access: { token: string } }; caregiver: { id: string; org: string } };
  };

  beforeAll(async () => {
    t = await startIdentityApp({
      AUTH_RATE_LIMIT: '10000',
      API_USER_RATE_LIMIT: '100000',
      PUBLIC_IP_RATE_LIMIT: '100000',
    });
    await t.call('POST', '/test/seed');
    await t.call('POST', '/auth/register', {
      name: 'Other Org',
      email: 'boss@other.example',
      password: 'Sunshine42',
      phone: '6045550111',
    });
    await t.call('GET', `/auth/verify-email?token=${t.tokenFromMail('boss@other.example', '/auth/verify-email')}`);
    const staff = await login('fake@example.org');
    const admin = await login('admin@example.org');
    const superAdmin = await login('superadmin@example.org');
    const playwright = await login('playwright@example.org');
    const adminB = await login('boss@other.example', 'Sunshine42');
    w = {
      tokens: {
        staff: staff.tokens.access.token,
        orgAdmin: admin.tokens.access.token,
        superAdmin: superAdmin.tokens.access.token,
      },
      orgA: admin.caregiver.org,
      orgB: adminB.caregiver.org,
      staffA: staff.caregiver.id,
      playwrightA: playwright.caregiver.id,
      adminB: adminB.caregiver.id,
    };
  });
  afterAll(async () => {
    await t.stop();
  });

  const expectStatus = async (role: Role, method: string, path: string, expected: number, body?: unknown) => {
    const res = await t.call(method, path, body, w.tokens[role]);
    expect({ role, route: `${method} ${path}`, status: res.status }).toEqual({
      role,
      route: `${method} ${path}`,
      status: expected,
    });
    if (expected >= 400) expect(res.body).toMatchObject({ code: expected, message: expect.any(String) });
  };

  it('reads of the own org follow the matrix', async () => {
    await expectStatus('staff', 'GET', `/orgs/${w.orgA}`, 200);
    await expectStatus('orgAdmin', 'GET', `/orgs/${w.orgA}`, 200);
    await expectStatus('superAdmin', 'GET', `/orgs/${w.orgA}`, 200);
    const staffView = await t.call('GET', `/orgs/${w.orgA}`, undefined, w.tokens.staff);
    expect(staffView.body).not.toHaveProperty('stripeCustomerId');
    await expectStatus('staff', 'GET', '/caregivers', 403);
    await expectStatus('orgAdmin', 'GET', '/caregivers', 200);
    await expectStatus('staff', 'GET', `/caregivers/${w.staffA}`, 200);
    await expectStatus('staff', 'GET', `/caregivers/${w.playwrightA}`, 403);
    await expectStatus('orgAdmin', 'GET', `/caregivers/${w.playwrightA}`, 200);
    await expectStatus('staff', 'GET', '/orgs', 403);
    await expectStatus('orgAdmin', 'GET', '/orgs', 403);
    await expectStatus('superAdmin', 'GET', '/orgs', 200);
  });

  it('a staff caregiver cannot act on another caregiver or administer the org', async () => {
    await expectStatus('staff', 'PATCH', `/caregivers/${w.playwrightA}`, 403, { name: 'Renamed' });
    await expectStatus('staff', 'DELETE', `/caregivers/${w.playwrightA}`, 403);
    await expectStatus('staff', 'PATCH', `/orgs/${w.orgA}`, 403, { name: 'Mine now' });
    await expectStatus('staff', 'PATCH', `/orgs/${w.orgA}/invite`, 403, {
      name: 'X',
      email: 'x1@example.org',
      phone: '6045550123',
    });
    await expectStatus('staff', 'PATCH', `/orgs/${w.orgA}/caregiver/${w.staffA}/role`, 403, { role: 'orgAdmin' });
    await expectStatus('staff', 'DELETE', `/orgs/${w.orgA}`, 403);
  });

  it('denies role escalation: nobody changes their own role, an orgAdmin never grants superAdmin', async () => {
    const admin = await t.call('POST', '/auth/login', { email: 'admin@example.org', password: 'Password1' });
    const adminId = (admin.body as { caregiver: { id: string } }).caregiver.id;
    await expectStatus('orgAdmin', 'PATCH', `/orgs/${w.orgA}/caregiver/${adminId}/role`, 403, { role: 'staff' });
    await expectStatus('orgAdmin', 'PATCH', `/orgs/${w.orgA}/caregiver/${w.staffA}/role`, 403, { role: 'superAdmin' });
    await expectStatus('orgAdmin', 'PATCH', `/orgs/${w.orgA}/invite`, 403, {
      name: 'Y',
      email: 'y1@example.org',
      phone: '6045550124',
      role: 'superAdmin',
    });
    const role = await t.call('PATCH', `/caregivers/${w.staffA}`, { role: 'superAdmin' }, w.tokens.staff);
    expect(role.status).toBe(400);
  });

  it('another organisation is invisible (404) on every id-taking route, for everyone but superAdmin', async () => {
    for (const role of ['staff', 'orgAdmin'] as const) {
      await expectStatus(role, 'GET', `/orgs/${w.orgB}`, 404);
      await expectStatus(role, 'PATCH', `/orgs/${w.orgB}`, 404, { name: 'Hijacked' });
      await expectStatus(role, 'DELETE', `/orgs/${w.orgB}`, 404);
      await expectStatus(role, 'GET', `/caregivers/${w.adminB}`, 404);
      await expectStatus(role, 'PATCH', `/caregivers/${w.adminB}`, 404, { name: 'Hijacked' });
      await expectStatus(role, 'DELETE', `/caregivers/${w.adminB}`, 404);
      await expectStatus(role, 'GET', `/caregivers/${w.adminB}/patients`, 404);
      await expectStatus(role, 'PATCH', `/orgs/${w.orgB}/invite`, 404, {
        name: 'Z',
        email: 'z1@example.org',
        phone: '6045550125',
      });
      await expectStatus(role, 'PATCH', `/orgs/${w.orgB}/caregiver/${w.adminB}/role`, 404, { role: 'staff' });
      await expectStatus(role, 'DELETE', `/orgs/${w.orgB}/caregiver/${w.adminB}`, 404);
    }
    await expectStatus('orgAdmin', 'GET', `/caregivers?org=${w.orgB}`, 403);
    await expectStatus('superAdmin', 'GET', `/orgs/${w.orgB}`, 200);
    await expectStatus('superAdmin', 'GET', `/caregivers/${w.adminB}`, 200);
    await expectStatus('superAdmin', 'GET', `/caregivers?org=${w.orgB}`, 200);
    const unchanged = await t.call('GET', `/orgs/${w.orgB}`, undefined, w.tokens.superAdmin);
    expect(unchanged.body).toMatchObject({ name: 'Other Org' });
  });

  it('every route of this issue refuses an anonymous caller with 401', async () => {
    for (const [method, path] of [
      ['GET', `/orgs/${w.orgA}`],
      ['GET', '/caregivers'],
      ['GET', '/mfa/status'],
      ['POST', '/mfa/enable'],
      ['POST', '/phone-verification/send-code'],
      ['PATCH', `/caregivers/${w.staffA}`],
    ] as const) {
      const res = await t.call(method, path, method === 'GET' ? undefined : {});
      expect({ route: `${method} ${path}`, status: res.status }).toEqual({ route: `${method} ${path}`, status: 401 });
    }
  });
});
