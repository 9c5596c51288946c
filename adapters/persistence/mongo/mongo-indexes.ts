import type { Db, IndexDescription } from 'mongodb';
import { COLLECTIONS } from './mongo-collections';

/** Names of the unique indexes the repositories translate into domain conflicts. */
export const UNIQUE_INDEXES = {
  orgEmail: 'orgs_email_live_unique',
  caregiverEmail: 'caregivers_email_live_unique',
  caregiverSsoIdentity: 'caregivers_sso_identity_unique',
  tokenHash: 'one_time_tokens_hash_unique',
  handledClaim: 'outbox_handled_claim_unique',
  patientEmail: 'patients_org_email_live_unique',
  careTeamPair: 'care_team_pair_unique',
} as const;

/** Soft-deleted records keep their row but release their unique values. */
const LIVE_ONLY = { deletedAt: null };

/** Every index of the Mongo profile, per collection. `ensureIndexes` creates them at start-up. */
export const INDEX_DEFINITIONS: Readonly<Record<string, readonly IndexDescription[]>> = {
  [COLLECTIONS.orgs]: [
    { key: { email: 1 }, name: UNIQUE_INDEXES.orgEmail, unique: true, partialFilterExpression: LIVE_ONLY },
  ],
  [COLLECTIONS.caregivers]: [
    { key: { email: 1 }, name: UNIQUE_INDEXES.caregiverEmail, unique: true, partialFilterExpression: LIVE_ONLY },
    { key: { pendingEmail: 1 }, name: 'caregivers_pending_email' },
    {
      key: { 'ssoIdentities.provider': 1, 'ssoIdentities.subject': 1 },
      name: UNIQUE_INDEXES.caregiverSsoIdentity,
      unique: true,
      // Accounts without SSO links would otherwise all share the key (null, null).
      partialFilterExpression: { 'ssoIdentities.subject': { $exists: true } },
    },
    { key: { orgId: 1, createdAt: 1 }, name: 'caregivers_org_created' },
  ],
  [COLLECTIONS.oneTimeTokens]: [
    { key: { tokenHash: 1 }, name: UNIQUE_INDEXES.tokenHash, unique: true },
    { key: { caregiverId: 1, type: 1, createdAt: -1 }, name: 'one_time_tokens_caregiver_type' },
  ],
  [COLLECTIONS.breachLogs]: [
    { key: { type: 1, detectedAt: 1 }, name: 'breach_logs_type_detected' },
    { key: { orgId: 1 }, name: 'breach_logs_org' },
  ],
  // Equality on the pending flags, then the append order `pending` sorts by.
  [COLLECTIONS.outbox]: [{ key: { dispatchedAt: 1, dead: 1, seq: 1 }, name: 'outbox_pending' }],
  [COLLECTIONS.outboxHandled]: [{ key: { eventId: 1, handler: 1 }, name: UNIQUE_INDEXES.handledClaim, unique: true }],
  [COLLECTIONS.patients]: [
    {
      key: { orgId: 1, email: 1 },
      name: UNIQUE_INDEXES.patientEmail,
      unique: true,
      // The address is optional: patients without one (null) never collide.
      partialFilterExpression: { ...LIVE_ONLY, email: { $type: 'string' } },
    },
    { key: { orgId: 1, createdAt: 1 }, name: 'patients_org_created' },
  ],
  // The pair index also serves the patient side; the caregiver and org sides get their own.
  [COLLECTIONS.careTeam]: [
    { key: { patientId: 1, caregiverId: 1 }, name: UNIQUE_INDEXES.careTeamPair, unique: true },
    { key: { caregiverId: 1, assignedAt: 1 }, name: 'care_team_caregiver_assigned' },
    { key: { orgId: 1 }, name: 'care_team_org' },
  ],
  // The named patients' schedules in creation order (listByPatients).
  [COLLECTIONS.schedules]: [{ key: { patientId: 1, createdAt: 1 }, name: 'schedules_patient_created' }],
  // A patient's conversations in the listed statuses; the list's sort keys vary, so none is indexed.
  [COLLECTIONS.conversations]: [{ key: { patientId: 1, status: 1 }, name: 'conversations_patient_status' }],
  // The two halves of candidatesFor (the org's alerts, the author's elsewhere), each in creation order.
  [COLLECTIONS.alerts]: [
    { key: { orgId: 1, createdAt: 1 }, name: 'alerts_org_created' },
    { key: { authorCaregiverId: 1, createdAt: 1 }, name: 'alerts_author_created' },
  ],
};

/**
 * Creates every collection's indexes (idempotent: an index that exists with the same definition is left alone;
 * one that exists with a different definition fails start-up with the server's error). Also creates the
 * collections, which MongoDB before 4.4 could not do inside a transaction.
 */
export const ensureIndexes = async (db: Db): Promise<void> => {
  for (const [collection, indexes] of Object.entries(INDEX_DEFINITIONS)) {
    await db.collection(collection).createIndexes([...indexes]);
  }
};
