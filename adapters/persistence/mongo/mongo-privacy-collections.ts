import type { Db, IndexDescription } from 'mongodb';

/**
 * Collections of the privacy context on the Mongo profile (the memory adapters use the same names). Kept here
 * until they join COLLECTIONS and INDEX_DEFINITIONS (then `clearMongoData` empties them too).
 */
export const PRIVACY_COLLECTIONS = {
  privacyRequests: 'privacy_requests',
  privacyExports: 'privacy_exports',
  consents: 'consents',
} as const;

/**
 * The indexes of the privacy lists: by organisation, requester and subject; consents by subject in time order;
 * exports by subject (anonymisation) and expiry (purge). No TTL index: the download checks the expiry itself and
 * deletes what has expired, so a late TTL monitor can never serve a stale export.
 */
export const PRIVACY_INDEX_DEFINITIONS: Readonly<Record<string, readonly IndexDescription[]>> = {
  [PRIVACY_COLLECTIONS.privacyRequests]: [
    { key: { orgId: 1, createdAt: 1 }, name: 'privacy_requests_org_created' },
    { key: { requestedBy: 1, createdAt: 1 }, name: 'privacy_requests_requester_created' },
    { key: { subjectType: 1, subjectId: 1 }, name: 'privacy_requests_subject' },
  ],
  [PRIVACY_COLLECTIONS.consents]: [
    { key: { subjectType: 1, subjectId: 1, createdAt: 1 }, name: 'consents_subject_created' },
  ],
  [PRIVACY_COLLECTIONS.privacyExports]: [
    { key: { subjectType: 1, subjectId: 1 }, name: 'privacy_exports_subject' },
    { key: { expiresAt: 1 }, name: 'privacy_exports_expiry' },
  ],
};

/** Creates the privacy indexes (idempotent), like `ensureIndexes` for the other collections. */
export const ensurePrivacyIndexes = async (db: Db): Promise<void> => {
  for (const [collection, indexes] of Object.entries(PRIVACY_INDEX_DEFINITIONS)) {
    await db.collection(collection).createIndexes([...indexes]);
  }
};
