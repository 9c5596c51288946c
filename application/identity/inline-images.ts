import { ValidationError } from '../../domain/shared/errors';
import { checkedImageType } from '../../domain/shared/images';
import type { MediaStore } from '../ports/media-store';
import type { ImageChange, ResolvedImageChange } from './image-change';

/** Where uploaded images go and the absolute base of their public links (`<PUBLIC_BASE_URL>/uploads`). */
export interface ImageUploads {
  readonly media: MediaStore;
  readonly baseUrl: string;
}

/** An image field with its inline image stored: the change to apply, and the link to release if it is not. */
export interface StoredImageChange {
  readonly change: ResolvedImageChange | undefined;
  readonly uploaded: string | null;
}

/**
 * Stores an inline `data:` image exactly like an upload (API-CONTRACT.md §1.3: checked by content, at most 5 MB)
 * and turns the change into a link to it. Other changes pass through. Without an image store (a context that
 * has none bound) the value is refused rather than silently dropped.
 */
export const storeInlineImage = async (
  uploads: ImageUploads | undefined,
  field: string,
  change: ImageChange | undefined,
): Promise<StoredImageChange> => {
  if (change === undefined || change.kind !== 'inline') return { change, uploaded: null };
  if (uploads === undefined) throw new ValidationError([`"${field}" must be a valid image URL`]);
  const type = checkedImageType(change.bytes);
  const name = await uploads.media.put(change.bytes, type);
  const url = `${uploads.baseUrl}/${name}`;
  return { change: { kind: 'url', url }, uploaded: url };
};

/**
 * Deletes a stored image by its link when it is one of ours (replaced, owner deleted, or a change that failed).
 * Best effort: a leftover file names nothing and is unguessable; a failed request after a commit is worse.
 */
export const releaseImage = async (uploads: ImageUploads | undefined, url: string | null): Promise<void> => {
  if (uploads === undefined || url === null || !url.startsWith(`${uploads.baseUrl}/`)) return;
  const name = url.slice(uploads.baseUrl.length + 1);
  if (!/^[A-Za-z0-9._-]+$/.test(name)) return;
  try {
    await uploads.media.delete(name);
  } catch {
    // Unreferenced image left behind.
  }
};

/** Runs `work`, releasing the images stored for it when it fails. */
export const releasingOnFailure = async <T>(
  uploads: ImageUploads | undefined,
  stored: readonly (string | null)[],
  work: () => Promise<T>,
): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    for (const url of stored) await releaseImage(uploads, url);
    throw error;
  }
};
