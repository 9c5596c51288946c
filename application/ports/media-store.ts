/**
 * Stored images (avatars, logos) under unguessable names: at least 128 random bits, plus the extension of the
 * checked type (`<32 hex>.jpg`). Implementations check the content themselves (JPEG, PNG or WebP by signature,
 * at most 5 MB), whatever type the caller declares.
 */
export interface StoredMedia {
  readonly bytes: Uint8Array;
  readonly contentType: string;
}

export interface MediaStore {
  /** Stores the image; resolves its name. `contentType` is what the client declared, advisory only. */
  put(bytes: Uint8Array, contentType: string): Promise<string>;
  /** The image, or null for an unknown or malformed name. */
  get(name: string): Promise<StoredMedia | null>;
  /** Removes the image; an unknown name is not an error. */
  delete(name: string): Promise<void>;
}
