import { buildCareWorld, PNG, type CareWorld } from '../../support/care-world';
import { startGapsApp, type GapsApp } from './gaps-app';

// Issue #6 gaps: the caregiver avatar upload (API-CONTRACT.md §4.6, §1.3) and inline `data:` images (§1.3).
let t: GapsApp;
let w: CareWorld;

beforeAll(async () => {
  t = await startGapsApp();
  w = await buildCareWorld(t);
}, 60_000);

afterAll(async () => {
  await t.stop();
});

const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 2, 3, 4, 5]);
const TEXT = new TextEncoder().encode('not an image at all');
const dataUrl = (bytes: Uint8Array, type = 'image/png'): string =>
  `data:${type};base64,${Buffer.from(bytes).toString('base64')}`;

const avatarOf = (body: unknown): string => String((body as Record<string, unknown>)['avatar']);

/** The stored image behind an avatar link, fetched from the app's own `/uploads`. */
const fetchImage = async (url: string): Promise<Uint8Array> => {
  const res = await fetch(`${t.app.url}${new URL(url).pathname}`);
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
};

describe('POST /v1/caregivers/:id/avatar', () => {
  it('stores the caller’s own avatar and links it from the CaregiverDTO', async () => {
    const id = w.caregiverIds.staffAssigned;
    const res = await t.upload(`/v1/caregivers/${id}/avatar`, PNG, w.tokens.staffAssigned);
    expect(res.status).toBe(200);
    const url = avatarOf(res.body);
    expect(url).toMatch(/\/uploads\/[A-Za-z0-9_-]{22,}\.png$/);
    expect(await fetchImage(url)).toEqual(PNG);
    const read = await t.send('GET', `/v1/caregivers/${id}`, undefined, w.tokens.staffAssigned);
    expect(avatarOf(read.body)).toBe(url);
  });

  it('deletes the image it replaces', async () => {
    const id = w.caregiverIds.staffAssigned;
    const first = avatarOf((await t.upload(`/v1/caregivers/${id}/avatar`, PNG, w.tokens.staffAssigned)).body);
    const second = await t.upload(`/v1/caregivers/${id}/avatar`, JPEG, w.tokens.staffAssigned);
    expect(second.status).toBe(200);
    expect(avatarOf(second.body)).toMatch(/\.jpg$/);
    expect((await fetch(`${t.app.url}${new URL(first).pathname}`)).status).toBe(404);
  });

  it("lets an admin set a member's avatar", async () => {
    const res = await t.upload(`/v1/caregivers/${w.caregiverIds.staffUnassigned}/avatar`, PNG, w.tokens.orgAdmin);
    expect(res.status).toBe(200);
  });

  it.each([
    ['staff for someone else', 'staffAssigned', 'orgAdmin', 403],
    ["another org's admin", 'otherOrg', 'staffAssigned', 404],
  ] as const)('refuses %s', async (_what, caller, target, status) => {
    const res = await t.upload(`/v1/caregivers/${w.caregiverIds[target]}/avatar`, PNG, w.tokens[caller]);
    expect(res.status).toBe(status);
  });

  it('answers 401 without a token', async () => {
    expect((await t.upload(`/v1/caregivers/${w.caregiverIds.orgAdmin}/avatar`, PNG)).status).toBe(401);
  });

  it('answers 400 No file uploaded without an `avatar` part', async () => {
    const res = await t.uploadAs(`/v1/caregivers/${w.caregiverIds.orgAdmin}/avatar`, PNG, w.tokens.orgAdmin, {
      field: 'picture',
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 400, message: 'No file uploaded' });
  });

  it('sniffs the content: a non-image declared as JPEG is 400', async () => {
    const res = await t.upload(`/v1/caregivers/${w.caregiverIds.orgAdmin}/avatar`, TEXT, w.tokens.orgAdmin);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 400, message: 'Only JPEG, PNG or WebP images are allowed' });
  });

  it('accepts a PNG declared with the wrong type', async () => {
    const res = await t.uploadAs(`/v1/caregivers/${w.caregiverIds.orgAdmin}/avatar`, PNG, w.tokens.orgAdmin, {
      type: 'application/octet-stream',
    });
    expect(res.status).toBe(200);
  });

  it('answers 413 past 5 MB and keeps the stored avatar', async () => {
    const id = w.caregiverIds.orgAdmin;
    const before = avatarOf((await t.send('GET', `/v1/caregivers/${id}`, undefined, w.tokens.orgAdmin)).body);
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(PNG);
    const res = await t.upload(`/v1/caregivers/${id}/avatar`, big, w.tokens.orgAdmin);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 413 });
    const after = avatarOf((await t.send('GET', `/v1/caregivers/${id}`, undefined, w.tokens.orgAdmin)).body);
    expect(after).toBe(before);
  });
});

describe('inline data: images in JSON (API-CONTRACT.md §1.3)', () => {
  it('PATCH /caregivers/:id stores a data: avatar and answers its /uploads link', async () => {
    const id = w.caregiverIds.staffUnassigned;
    const res = await t.send('PATCH', `/v1/caregivers/${id}`, { avatar: dataUrl(PNG) }, w.tokens.staffUnassigned);
    expect(res.status).toBe(200);
    const url = avatarOf(res.body);
    expect(url).toMatch(/\/uploads\/[A-Za-z0-9_-]{22,}\.png$/);
    expect(await fetchImage(url)).toEqual(PNG);
  });

  it('PATCH /patients/:id stores a data: avatar', async () => {
    const id = w.targets.orgA.patientId;
    const res = await t.send('PATCH', `/v1/patients/${id}`, { avatar: dataUrl(JPEG, 'image/jpeg') }, w.tokens.orgAdmin);
    expect(res.status).toBe(200);
    const url = avatarOf(res.body);
    expect(url).toMatch(/\/uploads\/[A-Za-z0-9_-]{22,}\.jpg$/);
    expect(await fetchImage(url)).toEqual(JPEG);
  });

  it('PATCH /patients/:id by assigned staff (the avatar is a care field)', async () => {
    const id = w.targets.orgA.patientId;
    const res = await t.send('PATCH', `/v1/patients/${id}`, { avatar: dataUrl(PNG) }, w.tokens.staffAssigned);
    expect(res.status).toBe(200);
    expect(await fetchImage(avatarOf(res.body))).toEqual(PNG);
  });

  it('POST /patients stores a data: avatar', async () => {
    const body = { name: 'Inline Avatar', phone: '+16045558888', avatar: dataUrl(PNG) };
    const res = await t.send('POST', '/v1/patients', body, w.tokens.orgAdmin);
    expect(res.status).toBe(201);
    expect(await fetchImage(avatarOf(res.body))).toEqual(PNG);
  });

  it('refuses a data: image that is not one (400) and keeps the stored avatar', async () => {
    const id = w.targets.orgA.patientId;
    const before = avatarOf((await t.send('GET', `/v1/patients/${id}`, undefined, w.tokens.orgAdmin)).body);
    const res = await t.send('PATCH', `/v1/patients/${id}`, { avatar: dataUrl(TEXT) }, w.tokens.orgAdmin);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 400, message: 'Only JPEG, PNG or WebP images are allowed' });
    const after = avatarOf((await t.send('GET', `/v1/patients/${id}`, undefined, w.tokens.orgAdmin)).body);
    expect(after).toBe(before);
  });

  it('refuses a non-image data: value (400)', async () => {
    const id = w.caregiverIds.staffUnassigned;
    const res = await t.send(
      'PATCH',
      `/v1/caregivers/${id}`,
      { avatar: 'data:text/plain;base64,aGVsbG8=' },
      w.tokens.staffUnassigned,
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 400, message: '"avatar" must be a valid image URL' });
  });

  it('accepts an inline image of 2 MB (those routes take JSON bodies up to 8 MB)', async () => {
    const large = new Uint8Array(2 * 1024 * 1024);
    large.set(PNG);
    const id = w.targets.orgA.patientId;
    const res = await t.send('PATCH', `/v1/patients/${id}`, { avatar: dataUrl(large) }, w.tokens.orgAdmin);
    expect(res.status).toBe(200);
    expect((await fetchImage(avatarOf(res.body))).length).toBe(large.length);
  });

  it('answers 413 for an inline image past 5 MB decoded (the body itself is under 8 MB)', async () => {
    const big = new Uint8Array(5 * 1024 * 1024 + 1024);
    big.set(PNG);
    const res = await t.send(
      'PATCH',
      `/v1/caregivers/${w.caregiverIds.staffUnassigned}`,
      { avatar: dataUrl(big) },
      w.tokens.staffUnassigned,
    );
    expect(res.status).toBe(413);
  });

  it('still ignores device-local URIs (file:), keeping the current avatar', async () => {
    const id = w.caregiverIds.staffUnassigned;
    const before = avatarOf((await t.send('GET', `/v1/caregivers/${id}`, undefined, w.tokens.staffUnassigned)).body);
    const res = await t.send(
      'PATCH',
      `/v1/caregivers/${id}`,
      { avatar: 'file:///tmp/pic.jpg' },
      w.tokens.staffUnassigned,
    );
    expect(res.status).toBe(200);
    expect(avatarOf(res.body)).toBe(before);
  });
});
