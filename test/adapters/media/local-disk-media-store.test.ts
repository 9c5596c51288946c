import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalDiskMediaStore } from '../../../adapters/media/local-disk-media-store';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xdb, 9]);

describe('LocalDiskMediaStore', () => {
  let root: string;
  let directory: string;
  let store: LocalDiskMediaStore;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'media-store-'));
    directory = join(root, 'nested', 'uploads');
    store = new LocalDiskMediaStore({ directory });
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('stores under 128 random bits plus the sniffed extension, whatever type was declared', async () => {
    const name = await store.put(PNG, 'image/jpeg');
    expect(name).toMatch(/^[0-9a-f]{32}\.png$/);
    expect(await store.get(name)).toEqual({ bytes: expect.any(Uint8Array), contentType: 'image/png' });
    expect(Uint8Array.from((await store.get(name))!.bytes)).toEqual(PNG);
    const other = await store.put(PNG, 'image/png');
    expect(other).not.toBe(name);
    expect(await readdir(directory)).toHaveLength(2);
    expect((await stat(join(directory, name))).mode & 0o077).toBe(0);
  });

  it('refuses anything but JPEG, PNG or WebP, and more than 5 MB, writing nothing', async () => {
    await expect(store.put(new TextEncoder().encode('GIF89a....'), 'image/gif')).rejects.toMatchObject({
      kind: 'invalid',
      message: 'Only JPEG, PNG or WebP images are allowed',
    });
    const huge = new Uint8Array(5 * 1024 * 1024 + 1);
    huge.set(JPEG);
    await expect(store.put(huge, 'image/jpeg')).rejects.toMatchObject({ kind: 'too-large' });
    const fits = new Uint8Array(5 * 1024 * 1024);
    fits.set(JPEG);
    expect(await store.put(fits, 'image/jpeg')).toMatch(/\.jpg$/);
    expect(await readdir(directory)).toHaveLength(1);
  });

  it('answers null for unknown or malformed names and never leaves its directory', async () => {
    const name = await store.put(JPEG, 'image/jpeg');
    expect(await store.get(`${'0'.repeat(32)}.jpg`)).toBeNull();
    for (const bad of ['../secret.jpg', `${name}/..`, name.toUpperCase(), `${name.slice(0, -4)}.gif`, '']) {
      expect(await store.get(bad)).toBeNull();
      await store.delete(bad);
    }
    expect(await store.get(name)).not.toBeNull();
    await store.delete(name);
    await store.delete(name);
    expect(await store.get(name)).toBeNull();
  });
});
