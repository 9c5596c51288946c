import type { Session, SessionRevokeReason } from '../../domain/identity/session';

export interface RefreshTokenMatch {
  readonly session: Session;
  /** True when the hash is a rotated-out one (reuse), false when it is the session's current hash. */
  readonly retired: boolean;
}

export interface RefreshRotation {
  readonly sessionId: string;
  /** Compare-and-set: the rotation happens only if this is still the current hash. */
  readonly expectedHash: string;
  readonly newHash: string;
  readonly issuedAt: Date;
  readonly refreshExpiresAt: Date;
}

/**
 * Where sessions live (Redis when configured, memory otherwise; DOMAIN.md §2.7). Not part of `UnitOfWork`
 * transactions: revocations take effect at once. Revoked sessions are kept (terminal) until purged.
 */
export interface SessionStore {
  create(session: Session): Promise<void>;
  findById(sessionId: string): Promise<Session | null>;
  /** Finds the session whose current or retired refresh-token hash is `hash`. */
  findByRefreshTokenHash(hash: string): Promise<RefreshTokenMatch | null>;
  /**
   * Rotates the refresh token: `newHash` becomes current, the old one moves to the retired list (newest first,
   * at most 5), `lastActivityAt = issuedAt`. Resolves false (nothing changed) if the session is revoked or its
   * current hash is no longer `expectedHash` (a concurrent refresh won).
   */
  rotateRefreshToken(rotation: RefreshRotation): Promise<boolean>;
  /** Records activity. Adapters may coalesce writes within 15 s; `lastActivityAt` never moves backwards. */
  touch(sessionId: string, at: Date): Promise<void>;
  /** Revokes one session; a no-op if it is already revoked (the first reason is kept). */
  revoke(sessionId: string, reason: SessionRevokeReason, at: Date): Promise<void>;
  /** Revokes every live session of a caregiver, except `exceptSessionId`; resolves how many were revoked. */
  revokeAllOf(caregiverId: string, reason: SessionRevokeReason, at: Date, exceptSessionId?: string): Promise<number>;
  /** Live (not revoked) sessions of a caregiver, newest first. */
  listActiveOf(caregiverId: string): Promise<readonly Session[]>;
  /** Removes every session (test-support `clean`). */
  clear(): Promise<void>;
}
