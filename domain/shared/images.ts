import { DomainError } from './errors';

/**
 * Uploaded images (API-CONTRACT.md §1.3, §3.7; DOMAIN.md §2.4.11): JPEG, PNG or WebP recognised by their content
 * signature, never by a declared type or a file name (the app names every file `avatar.jpg`), at most 5 MB.
 */
export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

export const IMAGE_EXTENSIONS: Readonly<Record<ImageType, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
};

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0): boolean =>
  bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte);

/** The image type the bytes really are, or null. */
export const sniffImageType = (bytes: Uint8Array): ImageType | null => {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  // RIFF....WEBP
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) {
    return 'image/webp';
  }
  return null;
};

export const imageTypeNotAllowed = (): DomainError =>
  new DomainError('IMAGE_TYPE_NOT_ALLOWED', 'invalid', 'Only JPEG, PNG or WebP images are allowed');

export const imageTooLarge = (): DomainError =>
  new DomainError('BODY_TOO_LARGE', 'too-large', 'Request body too large');

export const noFileUploaded = (): DomainError => new DomainError('NO_FILE_UPLOADED', 'invalid', 'No file uploaded');

/** The checked type of an upload: 413 past 5 MB, 400 for anything but JPEG, PNG or WebP (an empty file too). */
export const checkedImageType = (bytes: Uint8Array): ImageType => {
  if (bytes.length > MAX_IMAGE_BYTES) throw imageTooLarge();
  const type = sniffImageType(bytes);
  if (type === null) throw imageTypeNotAllowed();
  return type;
};
