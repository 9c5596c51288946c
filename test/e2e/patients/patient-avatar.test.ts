import { startPatientsApp, type PatientsApp } from '../../support/patients-app';

/** `POST /patients/:id/avatar` (multipart, API-CONTRACT.md §1.3, §4.7) and `GET /uploads/:name` (§6.1). */
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]);
const WEBP = Uint8Array.from([0x52, 0x49, 0x46, 0x46, 4, 0, 0, 0, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x20]);

describe('patient avatars over HTTP', () => {
  let t: PatientsApp;
  let admin: string;
  let staff: string;
  let patientId: string;

  beforeAll(async () => {
    t = await startPatientsApp();
  });
  afterAll(async () => {
    await t.stop();
  });
  beforeEach(async () => {
    expect((await t.call('POST', '/test/seed')).status).toBe(200);
    // These flows start from an organisation without patients: remove the ones the seed creates.
    const seededAdmin = (await t.login('admin@example.org')).token;
    const seeded = (await t.call('GET', '/patients', undefined, seededAdmin)).body as {
      results: Array<{ id: string }>;
    };
    for (const patient of seeded.results) {
      expect((await t.call('DELETE', `/patients/${patient.id}`, undefined, seededAdmin)).status).toBe(204);
    }
    admin = (await t.login('admin@example.org')).token;
    staff = (await t.login('fake@example.org')).token;
    const staffId = await t.idOf('fake@example.org');
    const created = await t.call(
      'POST',
      '/patients',
      { name: 'Agnes', phone: '+16045551234', caregivers: [staffId] },
      admin,
    );
    patientId = (created.body as { id: string }).id;
  });

  /** The app's upload: one `avatar` part named `avatar.jpg`, whatever the real format, with a guessed type. */
  const upload = async (bytes: Uint8Array, token: string, field = 'avatar') => {
    const form = new FormData();
    form.append(field, new Blob([bytes], { type: 'image/jpeg' }), 'avatar.jpg');
    const res = await fetch(`${t.app.url}/v1/patients/${patientId}/avatar`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  const fetchUpload = (avatar: unknown) => {
    const name = String(avatar).split('/uploads/')[1] ?? 'missing';
    return fetch(`${t.app.url}/uploads/${name}`);
  };

  it('stores the image by content, links it absolutely, serves it, and deletes the one it replaces', async () => {
    const first = await upload(PNG, admin);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: patientId });
    expect(first.body['avatar']).toMatch(/^http:\/\/localhost:0\/uploads\/[0-9a-f]{32}\.png$/);

    const served = await fetchUpload(first.body['avatar']);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('cache-control')).toBe('private, max-age=86400');
    expect(served.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG);

    // The patient form saves again with the uploaded URL (an echo) or the device's local URI: the image stays.
    const echoed = await t.call(
      'PATCH',
      `/patients/${patientId}`,
      { avatar: first.body['avatar'], name: 'Agnes' },
      admin,
    );
    expect((echoed.body as Record<string, unknown>)['avatar']).toBe(first.body['avatar']);
    const local = await t.call('PATCH', `/patients/${patientId}`, { avatar: 'file:///var/mobile/avatar.jpg' }, admin);
    expect((local.body as Record<string, unknown>)['avatar']).toBe(first.body['avatar']);

    const second = await upload(WEBP, staff);
    expect(second.status).toBe(200);
    expect(second.body['avatar']).toMatch(/\.webp$/);
    expect((await fetchUpload(first.body['avatar'])).status).toBe(404);
    const missing = await fetchUpload(first.body['avatar']);
    expect(await missing.json()).toEqual({ code: 404, message: 'Not found' });

    const deleted = await t.call('DELETE', `/patients/${patientId}`, undefined, admin);
    expect(deleted.status).toBe(204);
    expect((await fetchUpload(second.body['avatar'])).status).toBe(404);
  });

  it('refuses what is not a JPEG, PNG or WebP image, a missing file, and more than 5 MB', async () => {
    expect(await upload(new TextEncoder().encode('<svg onload="alert(1)"/>'), admin)).toEqual({
      status: 400,
      body: { code: 400, message: 'Only JPEG, PNG or WebP images are allowed' },
    });
    expect(await upload(JPEG, admin, 'picture')).toEqual({
      status: 400,
      body: { code: 400, message: 'No file uploaded' },
    });
    const json = await t.call('POST', `/patients/${patientId}/avatar`, { avatar: 'x' }, admin);
    expect(json.body).toEqual({ code: 400, message: 'No file uploaded' });
    const huge = new Uint8Array(5 * 1024 * 1024 + 1);
    huge.set(JPEG);
    const tooLarge = await upload(huge, admin);
    expect(tooLarge.status).toBe(413);
    const after = await t.call('GET', `/patients/${patientId}`, undefined, admin);
    expect((after.body as Record<string, unknown>)['avatar']).toBe('');
    expect((await fetch(`${t.app.url}/uploads/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
  });

  it('keeps the upload to those who may edit the patient (assigned staff, admins)', async () => {
    expect((await upload(JPEG, staff)).status).toBe(200);
    const unassigned = await t.call(
      'DELETE',
      `/patients/${patientId}/caregivers/${await t.idOf('fake@example.org')}`,
      undefined,
      admin,
    );
    expect(unassigned.status).toBe(200);
    expect(await upload(JPEG, staff)).toEqual({
      status: 403,
      body: { code: 403, message: 'Access denied: insufficient permissions.', reason: 'FORBIDDEN' },
    });
    const ok = await upload(JPEG, admin);
    expect(ok.body['avatar']).toMatch(/\.jpg$/);
  });
});
