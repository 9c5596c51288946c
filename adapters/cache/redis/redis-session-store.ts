import type { Redis } from 'ioredis';
import type { RefreshRotation, RefreshTokenMatch, SessionStore } from '../../../application/ports/session-store';
import {
  MAX_RETIRED_REFRESH_HASHES,
  type AuthMethod,
  type Session,
  type SessionRevokeReason,
} from '../../../domain/identity/session';
import { DomainError } from '../../../domain/shared/errors';
import { newestSessionFirst } from '../session-order';
import {
  createSessionScript,
  revokeAllOfScript,
  revokeSessionScript,
  rotateRefreshScript,
  touchSessionScript,
} from './redis-session-scripts';

export interface RedisSessionStoreOptions {
  /** Prepended to every key of the store (after the client's own `keyPrefix`); default `bianca:`. */
  readonly keyPrefix?: string;
  /** `touch` skips the write while the stored activity is less than this much older (default 15 000 ms). */
  readonly touchCoalesceMs?: number;
}

const DEFAULT_KEY_PREFIX = 'bianca:';
const DEFAULT_TOUCH_COALESCE_MS = 15_000;
/** Ended sessions are kept this long after their absolute expiry, then Redis drops every key (DOMAIN.md #45). */
const PURGE_AFTER_ABSOLUTE_EXPIRY_MS = 30 * 24 * 60 * 60 * 1000;
const SCAN_BATCH = 500;

const escapeGlob = (text: string): string => text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);

/**
 * Sessions in Redis, shared by every instance (DOMAIN.md §2.7). Keys, under `<prefix>`:
 * - `session:<id>`: a hash of the session's fields (dates as epoch milliseconds, absent fields for nulls);
 * - `refresh:<hash>`: `current:<sessionId>` or `retired:<sessionId>`, for the current and the retired
 *   refresh-token hashes (the session itself decides which, the flag is for people reading the keys);
 * - `caregiver-sessions:<caregiverId>`: the set of the caregiver's session ids.
 *
 * Rotation, touch and revocations are Lua scripts, so each is atomic: of two rotations with the same expected
 * hash exactly one wins. `touch` never moves `lastActivityAt` backwards and coalesces: it skips the write while
 * the stored value is less than `touchCoalesceMs` (15 s) older than the new one, so an idle check may see
 * activity up to 15 s stale. Every key expires 30 days after the session's `absoluteExpiresAt` (wall clock),
 * which is how ended sessions are purged. Needs Redis 7 (`PEXPIRETIME`).
 *
 * Failures (Redis unreachable, timeouts, a corrupt record) reject with `SESSION_STORE_UNAVAILABLE` (kind
 * `unavailable`, the original error as `cause`); nothing is swallowed.
 */
export class RedisSessionStore implements SessionStore {
  private readonly prefix: string;
  /** The prefix as stored on the server, for keys built inside scripts and for SCAN patterns. */
  private readonly serverPrefix: string;
  private readonly clientPrefix: string;
  private readonly touchCoalesceMs: number;

  constructor(
    private readonly client: Redis,
    options: RedisSessionStoreOptions = {},
  ) {
    this.prefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
    this.clientPrefix = client.options.keyPrefix ?? '';
    this.serverPrefix = this.clientPrefix + this.prefix;
    this.touchCoalesceMs = options.touchCoalesceMs ?? DEFAULT_TOUCH_COALESCE_MS;
  }

  create(session: Session): Promise<void> {
    return this.guard(async () => {
      const retired = session.retiredRefreshTokenHashes.slice(0, MAX_RETIRED_REFRESH_HASHES);
      const purgeAt = String(session.absoluteExpiresAt.getTime() + PURGE_AFTER_ABSOLUTE_EXPIRY_MS);
      await createSessionScript.run(
        this.client,
        [this.sessionKey(session.id), this.caregiverKey(session.caregiverId)],
        [
          purgeAt,
          `${this.serverPrefix}refresh:`,
          session.id,
          session.refreshTokenHash,
          JSON.stringify(retired),
          ...encodeSession({ ...session, retiredRefreshTokenHashes: retired }, purgeAt),
        ],
      );
    });
  }

  findById(sessionId: string): Promise<Session | null> {
    return this.guard(async () => decodeSession(await this.client.hgetall(this.sessionKey(sessionId))));
  }

  findByRefreshTokenHash(hash: string): Promise<RefreshTokenMatch | null> {
    return this.guard(async () => {
      const entry = await this.client.get(this.refreshKey(hash));
      const sessionId = entry?.slice(entry.indexOf(':') + 1);
      if (sessionId === undefined) return null;
      const session = decodeSession(await this.client.hgetall(this.sessionKey(sessionId)));
      // The session is the truth: an index entry can outlive a replaced or purged session.
      if (session === null) return null;
      if (session.refreshTokenHash === hash) return { session, retired: false };
      if (session.retiredRefreshTokenHashes.includes(hash)) return { session, retired: true };
      return null;
    });
  }

  rotateRefreshToken(rotation: RefreshRotation): Promise<boolean> {
    return this.guard(async () => {
      const rotated = await rotateRefreshScript.run(
        this.client,
        [this.sessionKey(rotation.sessionId)],
        [
          rotation.expectedHash,
          rotation.newHash,
          String(rotation.issuedAt.getTime()),
          String(rotation.refreshExpiresAt.getTime()),
          `${this.serverPrefix}refresh:`,
          rotation.sessionId,
          MAX_RETIRED_REFRESH_HASHES,
        ],
      );
      return rotated === 1;
    });
  }

  touch(sessionId: string, at: Date): Promise<void> {
    return this.guard(async () => {
      await touchSessionScript.run(
        this.client,
        [this.sessionKey(sessionId)],
        [String(at.getTime()), this.touchCoalesceMs],
      );
    });
  }

  revoke(sessionId: string, reason: SessionRevokeReason, at: Date): Promise<void> {
    return this.guard(async () => {
      await revokeSessionScript.run(this.client, [this.sessionKey(sessionId)], [String(at.getTime()), reason]);
    });
  }

  revokeAllOf(caregiverId: string, reason: SessionRevokeReason, at: Date, exceptSessionId?: string): Promise<number> {
    return this.guard(async () => {
      const revoked = await revokeAllOfScript.run(
        this.client,
        [this.caregiverKey(caregiverId)],
        [`${this.serverPrefix}session:`, caregiverId, String(at.getTime()), reason, exceptSessionId ?? ''],
      );
      return Number(revoked);
    });
  }

  listActiveOf(caregiverId: string): Promise<readonly Session[]> {
    return this.guard(async () => {
      const ids = await this.client.smembers(this.caregiverKey(caregiverId));
      if (ids.length === 0) return [];
      const pipeline = this.client.pipeline();
      for (const id of ids) pipeline.hgetall(this.sessionKey(id));
      const replies = (await pipeline.exec()) ?? [];
      const active: Session[] = [];
      for (const [error, fields] of replies) {
        if (error !== null) throw error;
        const session = decodeSession(fields as Record<string, string>);
        if (session !== null && session.caregiverId === caregiverId && session.revokedAt === null) {
          active.push(session);
        }
      }
      return active.sort(newestSessionFirst);
    });
  }

  /** Deletes every key of this store's prefix (the three key families), with SCAN: never `FLUSHDB`. */
  clear(): Promise<void> {
    return this.guard(async () => {
      for (const family of ['session:', 'refresh:', 'caregiver-sessions:']) {
        const pattern = `${escapeGlob(this.serverPrefix + family)}*`;
        let cursor = '0';
        do {
          const [next, keys] = await this.client.scan(cursor, 'MATCH', pattern, 'COUNT', SCAN_BATCH);
          cursor = next;
          // SCAN answers full names; ioredis adds the client prefix again to the keys of UNLINK.
          if (keys.length > 0) await this.client.unlink(...keys.map((key) => key.slice(this.clientPrefix.length)));
        } while (cursor !== '0');
      }
    });
  }

  private sessionKey(sessionId: string): string {
    return `${this.prefix}session:${sessionId}`;
  }

  private refreshKey(hash: string): string {
    return `${this.prefix}refresh:${hash}`;
  }

  private caregiverKey(caregiverId: string): string {
    return `${this.prefix}caregiver-sessions:${caregiverId}`;
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error: unknown) {
      throw new DomainError('SESSION_STORE_UNAVAILABLE', 'unavailable', 'The session store is unavailable', {
        reason: 'SERVICE_UNAVAILABLE',
        cause: error,
      });
    }
  }
}

/** Hash field/value pairs of a session; null fields are left out. */
const encodeSession = (session: Session, purgeAt: string): string[] => {
  const fields: [string, string | null][] = [
    ['id', session.id],
    ['caregiverId', session.caregiverId],
    ['orgId', session.orgId],
    ['authMethod', session.authMethod],
    ['mfaSatisfied', session.mfaSatisfied ? '1' : '0'],
    ['createdAt', String(session.createdAt.getTime())],
    ['lastActivityAt', String(session.lastActivityAt.getTime())],
    ['absoluteExpiresAt', String(session.absoluteExpiresAt.getTime())],
    ['refreshTokenHash', session.refreshTokenHash],
    ['refreshTokenIssuedAt', String(session.refreshTokenIssuedAt.getTime())],
    ['refreshExpiresAt', String(session.refreshExpiresAt.getTime())],
    ['retiredRefreshTokenHashes', JSON.stringify(session.retiredRefreshTokenHashes)],
    ['revokedAt', session.revokedAt === null ? null : String(session.revokedAt.getTime())],
    ['revokeReason', session.revokeReason],
    ['ip', session.ip],
    ['userAgent', session.userAgent],
    ['purgeAt', purgeAt],
  ];
  return fields.flatMap(([name, value]) => (value === null ? [] : [name, value]));
};

const field = (fields: Readonly<Record<string, string>>, name: string): string => {
  const value = fields[name];
  if (value === undefined) throw new Error(`Corrupt session record: field ${name} is missing`);
  return value;
};

const dateField = (fields: Readonly<Record<string, string>>, name: string): Date => {
  const date = new Date(Number(field(fields, name)));
  if (Number.isNaN(date.getTime())) throw new Error(`Corrupt session record: field ${name} is not a time`);
  return date;
};

const retiredHashes = (json: string | undefined): string[] => {
  // Lua's cjson writes an empty table as `{}`: anything but an array means none.
  const parsed: unknown = json === undefined ? [] : JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((hash): hash is string => typeof hash === 'string') : [];
};

/** The session of a `HGETALL` reply, or null for a missing key (an empty reply). */
const decodeSession = (fields: Readonly<Record<string, string>>): Session | null => {
  if (Object.keys(fields).length === 0) return null;
  const revokedAt = fields['revokedAt'];
  return {
    id: field(fields, 'id'),
    caregiverId: field(fields, 'caregiverId'),
    orgId: field(fields, 'orgId'),
    authMethod: field(fields, 'authMethod') as AuthMethod,
    mfaSatisfied: field(fields, 'mfaSatisfied') === '1',
    createdAt: dateField(fields, 'createdAt'),
    lastActivityAt: dateField(fields, 'lastActivityAt'),
    absoluteExpiresAt: dateField(fields, 'absoluteExpiresAt'),
    refreshTokenHash: field(fields, 'refreshTokenHash'),
    refreshTokenIssuedAt: dateField(fields, 'refreshTokenIssuedAt'),
    refreshExpiresAt: dateField(fields, 'refreshExpiresAt'),
    retiredRefreshTokenHashes: retiredHashes(fields['retiredRefreshTokenHashes']),
    revokedAt: revokedAt === undefined ? null : dateField(fields, 'revokedAt'),
    revokeReason: (fields['revokeReason'] ?? null) as SessionRevokeReason | null,
    ip: fields['ip'] ?? null,
    userAgent: fields['userAgent'] ?? null,
  };
};
