import type { ImageUploads } from '../identity/inline-images';
import type { PatientPorts } from './patient-ports';

/** The patients context's image store, for inline `data:` avatars. */
export const patientUploads = (ports: PatientPorts): ImageUploads => ({
  media: ports.media,
  baseUrl: ports.uploadsBaseUrl,
});

/** The absolute link of a stored image. */
export const uploadUrl = (ports: PatientPorts, name: string): string => `${ports.uploadsBaseUrl}/${name}`;

/** The stored image an avatar link names, when it is one of ours; null for outside links and no avatar. */
export const ownedUpload = (ports: PatientPorts, avatar: string | null): string | null => {
  const prefix = `${ports.uploadsBaseUrl}/`;
  if (avatar === null || !avatar.startsWith(prefix)) return null;
  const name = avatar.slice(prefix.length);
  return /^[A-Za-z0-9._-]+$/.test(name) ? name : null;
};

/**
 * Deletes an image no longer referenced (replaced, or its owner deleted), after the change committed. Best
 * effort: a leftover file is harmless, a failed request after a committed change is not.
 */
export const releaseUpload = async (ports: PatientPorts, avatar: string | null): Promise<void> => {
  const name = ownedUpload(ports, avatar);
  if (name === null) return;
  try {
    await ports.media.delete(name);
  } catch {
    // Unreferenced image left behind; it names nothing and is unguessable.
  }
};
