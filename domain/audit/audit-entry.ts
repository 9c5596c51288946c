/**
 * The stored audit entry (DOMAIN.md §11.1) and the rule that keeps PHI out of it (§11.1 "never stored", QUALITY.md
 * S5). An entry names who did what to which record, when, and how it ended, with ids, codes and integers only.
 *
 * Field names follow the `AuditRecorder` port (`actorId`, `resourceId`, `orgId`, ...); DOMAIN.md's `sequence`,
 * `previousHash` and `timestamp` are `seq`, `prevHash` and `at` here. Fields that the port carries as `null` are
 * stored as `null` (every entry has every field, so "absent" and "null" cannot be confused in the hash); only
 * `patientIds` and `patientIdsTruncated` are omitted when there are none.
 */
export const ZERO_HASH = '0'.repeat(64);

export type AuditActorKind = 'caregiver' | 'system' | 'anonymous';
export type AuditEntryOutcome = 'success' | 'failure' | 'denied';
export type AuditDetailValue = string | number | boolean | null;
export type AuditDetails = Readonly<Record<string, AuditDetailValue>>;

/** What the recorder knows about an action: everything but the chain fields. */
export interface AuditFacts {
  readonly id: string;
  /** When the action completed: ISO 8601 UTC with milliseconds. */
  readonly at: string;
  readonly actorKind: AuditActorKind;
  readonly actorId: string | null;
  readonly orgId: string | null;
  readonly action: string;
  readonly resourceType: string;
  readonly resourceId: string | null;
  readonly outcome: AuditEntryOutcome;
  readonly requestId: string | null;
  readonly ip: string | null;
  readonly details: AuditDetails;
  /** Patients whose data the action touched (at most 100, for disclosure accounting and PHI-volume rules). */
  readonly patientIds?: readonly string[];
  readonly patientIdsTruncated?: true;
}

/** Everything that is hashed: the facts plus their place in the chain and the signing key. */
export interface AuditEntryBody extends AuditFacts {
  readonly seq: number;
  /** `hash` of the entry `seq - 1`; 64 zeros for `seq = 1`. */
  readonly prevHash: string;
  readonly keyId: string;
}

export interface AuditEntry extends AuditEntryBody {
  /** Lowercase hex SHA-256 of the canonical body (see `linkPayload`). */
  readonly hash: string;
  /** base64url signature of `hash` with the key `keyId`. */
  readonly signature: string;
}

/** The head of the chain: the last appended entry. */
export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

export const MAX_PATIENT_IDS = 100;
/** The marker that replaces a value the entry must not hold. */
export const REDACTED = 'REDACTED';

/** Ids, codes and short machine words: what a string field of an entry may look like (no spaces, `@` or `+`). */
const TOKEN = /^[A-Za-z0-9_:.-]{0,64}$/;
/** A detail string: one token, or a comma-separated list of tokens (`changedFields = name,phone`). */
const DETAIL_STRING = /^[A-Za-z0-9_:.-]{0,64}(?:,[A-Za-z0-9_:.-]{1,64}){0,31}$/;
/** Detail keys: identifiers, so they cannot smuggle a value in themselves (and never `$x` or `a.b` for Mongo). */
const DETAIL_KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
/** Keys that name a PHI or secret value: their value is never kept, whatever it looks like. */
const DENIED_KEY =
  /(name|e-?mail|phone|mobile|address|street|zip|postal|birth|dob|ssn|transcript|utterance|text|message|note|summary|body|comment|password|passcode|secret|token|otp|totp|pin$|diagnos|medication|symptom)/i;
/** `messageId`, `noteIds`: ids of PHI records are not PHI (their values must still look like codes). */
const ID_KEY = /[a-z0-9](Id|Ids)$/;
const MAX_DETAILS = 32;

/** A string field kept only when it has the shape of an id or code; anything else becomes `REDACTED`. */
export const auditToken = (value: string | null): string | null =>
  value === null ? null : TOKEN.test(value) ? value : REDACTED;

/**
 * Details keep what the port allows (strings, numbers, booleans, null) only where it cannot be a PHI value:
 * - a key that is not an identifier is dropped, and so are the keys after the first 32;
 * - a key naming PHI or a secret (`name`, `email`, `phone`, `note`, `token`, ...) keeps a boolean or null (a flag
 *   such as `emailChangeRequested` carries no value); any other value of such a key becomes `REDACTED`;
 * - a string that is not a token or a comma-separated list of tokens (free text, e-mails, `+1...` phones) is
 *   `REDACTED`; numbers must be safe integers (DOMAIN.md: integers only), else `REDACTED`.
 * The rule strips instead of refusing: a refused audit write fails the use case (fail closed), and a stray value
 * must not turn a legitimate action into an outage; the `REDACTED` marker shows a reviewer that something was cut.
 * It is a shape filter, not a PHI detector: a bare single word or digit string still passes, which is why callers
 * put ids and codes in details, never values.
 */
export const sanitiseDetails = (details: Readonly<Record<string, unknown>>): AuditDetails => {
  const out: Record<string, AuditDetailValue> = {};
  let kept = 0;
  for (const key of Object.keys(details)) {
    if (!DETAIL_KEY.test(key)) continue;
    if (kept === MAX_DETAILS) break;
    kept += 1;
    const value = details[key];
    if (value === null || typeof value === 'boolean') out[key] = value;
    else if (DENIED_KEY.test(key) && !ID_KEY.test(key)) out[key] = REDACTED;
    else if (typeof value === 'number') out[key] = Number.isSafeInteger(value) ? (value === 0 ? 0 : value) : REDACTED;
    else if (typeof value === 'string') out[key] = DETAIL_STRING.test(value) ? value : REDACTED;
    else out[key] = REDACTED;
  }
  return out;
};

/** What a use case reports (the `AuditRecorder` port's event, with the time still a `Date`). */
export interface AuditFactsInput {
  readonly action: string;
  readonly outcome: AuditEntryOutcome;
  readonly actorKind: AuditActorKind;
  readonly actorId: string | null;
  readonly orgId: string | null;
  readonly resourceType: string;
  readonly resourceId: string | null;
  readonly requestId: string | null;
  readonly ip: string | null;
  readonly at: Date;
  readonly details: Readonly<Record<string, unknown>>;
  readonly patientIds?: readonly string[];
}

const OUTCOMES: readonly AuditEntryOutcome[] = ['success', 'failure', 'denied'];
const ACTOR_KINDS: readonly AuditActorKind[] = ['caregiver', 'system', 'anonymous'];

/** The facts of an entry from a recorder event: PHI-safe, JSON-plain (no `Date`, no `undefined`), ready to hash. */
export const auditFacts = (id: string, input: AuditFactsInput): AuditFacts => {
  const patients = (input.patientIds ?? []).map((patientId) => auditToken(patientId) ?? REDACTED);
  const unique = [...new Set(patients)];
  return {
    id,
    at: input.at.toISOString(),
    actorKind: ACTOR_KINDS.includes(input.actorKind) ? input.actorKind : 'anonymous',
    actorId: auditToken(input.actorId),
    orgId: auditToken(input.orgId),
    action: auditToken(input.action) ?? REDACTED,
    resourceType: auditToken(input.resourceType) ?? REDACTED,
    resourceId: auditToken(input.resourceId),
    outcome: OUTCOMES.includes(input.outcome) ? input.outcome : 'failure',
    requestId: auditToken(input.requestId),
    ip: auditToken(input.ip),
    details: sanitiseDetails(input.details),
    ...(unique.length === 0 ? {} : { patientIds: unique.slice(0, MAX_PATIENT_IDS) }),
    ...(unique.length > MAX_PATIENT_IDS ? { patientIdsTruncated: true as const } : {}),
  };
};
