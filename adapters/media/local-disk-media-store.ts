import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkedImageType, IMAGE_EXTENSIONS, type ImageType } from '../../domain/shared/images';
import type { MediaStore, StoredMedia } from '../../application/ports/media-store';

export interface LocalDiskMediaStoreOptions {
  /** Where the files live; created on first use. */
  readonly directory: string;
}

const NAME = /^([0-9a-f]{32})\.(jpg|png|webp)$/;

const TYPE_OF_EXTENSION: Readonly<Record<string, ImageType>> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

/**
 * The embedded default `MediaStore`: one file per image in a local directory, named by 128 random bits and the
 * extension of the type sniffed from the content. Names are checked against that exact shape before any file
 * access, so a name can never reach outside the directory.
 */
export class LocalDiskMediaStore implements MediaStore {
  private ready: Promise<void> | null = null;

  constructor(private readonly options: LocalDiskMediaStoreOptions) {}

  async put(bytes: Uint8Array, _declaredType: string): Promise<string> {
    const type = checkedImageType(bytes);
    await this.ensureDirectory();
    const name = `${randomBytes(16).toString('hex')}.${IMAGE_EXTENSIONS[type]}`;
    await writeFile(join(this.options.directory, name), bytes, { flag: 'wx', mode: 0o600 });
    return name;
  }

  async get(name: string): Promise<StoredMedia | null> {
    const match = NAME.exec(name);
    const type = match?.[2] === undefined ? undefined : TYPE_OF_EXTENSION[match[2]];
    if (type === undefined) return null;
    try {
      return { bytes: await readFile(join(this.options.directory, name)), contentType: type };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(name: string): Promise<void> {
    if (!NAME.test(name)) return;
    await rm(join(this.options.directory, name), { force: true });
  }

  private ensureDirectory(): Promise<void> {
    this.ready ??= mkdir(this.options.directory, { recursive: true, mode: 0o700 }).then(
      () => undefined,
      (error: unknown) => {
        this.ready = null;
        throw error;
      },
    );
    return this.ready;
  }
}
