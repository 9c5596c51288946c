import { MAX_RETIRED_REFRESH_HASHES, type Session, type SessionRevokeReason } from '../../../domain/identity/session';
import type { RefreshRotation, RefreshTokenMatch, SessionStore } from '../../../application/ports/session-store';
import { newestSessionFirst } from '../session-order';

type StoredSession = { -readonly [K in keyof Session]: Session[K] };

/**
 * Sessions in this process (the embedded default, and tests). Every operation runs synchronously inside its
 * promise, so compare-and-set rotations are atomic. Sessions are stored and handed out as copies: a caller can
 * never change stored state by mutating what it passed in or got back. `touch` writes every forward move (no
 * coalescing); nothing is purged here (the process is short-lived).
 */
export class InMemorySessionStore implements SessionStore {
  private readonly byId = new Map<string, StoredSession>();
  private readonly byCurrentHash = new Map<string, string>();
  private readonly byRetiredHash = new Map<string, string>();
  private readonly byCaregiver = new Map<string, Set<string>>();

  create(session: Session): Promise<void> {
    this.remove(session.id);
    const stored = copy(session);
    stored.retiredRefreshTokenHashes = stored.retiredRefreshTokenHashes.slice(0, MAX_RETIRED_REFRESH_HASHES);
    this.byId.set(stored.id, stored);
    this.byCurrentHash.set(stored.refreshTokenHash, stored.id);
    for (const hash of stored.retiredRefreshTokenHashes) this.byRetiredHash.set(hash, stored.id);
    const ids = this.byCaregiver.get(stored.caregiverId) ?? new Set<string>();
    ids.add(stored.id);
    this.byCaregiver.set(stored.caregiverId, ids);
    return Promise.resolve();
  }

  findById(sessionId: string): Promise<Session | null> {
    const stored = this.byId.get(sessionId);
    return Promise.resolve(stored === undefined ? null : copy(stored));
  }

  findByRefreshTokenHash(hash: string): Promise<RefreshTokenMatch | null> {
    const currentId = this.byCurrentHash.get(hash);
    const current = currentId === undefined ? undefined : this.byId.get(currentId);
    if (current !== undefined) return Promise.resolve({ session: copy(current), retired: false });
    const retiredId = this.byRetiredHash.get(hash);
    const retired = retiredId === undefined ? undefined : this.byId.get(retiredId);
    if (retired !== undefined) return Promise.resolve({ session: copy(retired), retired: true });
    return Promise.resolve(null);
  }

  rotateRefreshToken(rotation: RefreshRotation): Promise<boolean> {
    const stored = this.byId.get(rotation.sessionId);
    if (stored === undefined || stored.revokedAt !== null || stored.refreshTokenHash !== rotation.expectedHash) {
      return Promise.resolve(false);
    }
    const retired = [rotation.expectedHash, ...stored.retiredRefreshTokenHashes];
    for (const dropped of retired.splice(MAX_RETIRED_REFRESH_HASHES)) {
      if (this.byRetiredHash.get(dropped) === stored.id) this.byRetiredHash.delete(dropped);
    }
    this.byCurrentHash.delete(rotation.expectedHash);
    this.byRetiredHash.set(rotation.expectedHash, stored.id);
    this.byCurrentHash.set(rotation.newHash, stored.id);
    stored.refreshTokenHash = rotation.newHash;
    stored.retiredRefreshTokenHashes = retired;
    stored.refreshTokenIssuedAt = new Date(rotation.issuedAt.getTime());
    stored.refreshExpiresAt = new Date(rotation.refreshExpiresAt.getTime());
    stored.lastActivityAt = new Date(rotation.issuedAt.getTime());
    return Promise.resolve(true);
  }

  touch(sessionId: string, at: Date): Promise<void> {
    const stored = this.byId.get(sessionId);
    if (stored !== undefined && at.getTime() > stored.lastActivityAt.getTime()) {
      stored.lastActivityAt = new Date(at.getTime());
    }
    return Promise.resolve();
  }

  revoke(sessionId: string, reason: SessionRevokeReason, at: Date): Promise<void> {
    const stored = this.byId.get(sessionId);
    if (stored !== undefined) revokeStored(stored, reason, at);
    return Promise.resolve();
  }

  revokeAllOf(caregiverId: string, reason: SessionRevokeReason, at: Date, exceptSessionId?: string): Promise<number> {
    let revoked = 0;
    for (const id of this.byCaregiver.get(caregiverId) ?? []) {
      const stored = this.byId.get(id);
      if (stored !== undefined && id !== exceptSessionId && revokeStored(stored, reason, at)) revoked += 1;
    }
    return Promise.resolve(revoked);
  }

  listActiveOf(caregiverId: string): Promise<readonly Session[]> {
    const active: Session[] = [];
    for (const id of this.byCaregiver.get(caregiverId) ?? []) {
      const stored = this.byId.get(id);
      if (stored !== undefined && stored.revokedAt === null) active.push(copy(stored));
    }
    return Promise.resolve(active.sort(newestSessionFirst));
  }

  clear(): Promise<void> {
    this.byId.clear();
    this.byCurrentHash.clear();
    this.byRetiredHash.clear();
    this.byCaregiver.clear();
    return Promise.resolve();
  }

  /** Drops a session and its index entries (before `create` replaces a session with the same id). */
  private remove(sessionId: string): void {
    const stored = this.byId.get(sessionId);
    if (stored === undefined) return;
    if (this.byCurrentHash.get(stored.refreshTokenHash) === sessionId)
      this.byCurrentHash.delete(stored.refreshTokenHash);
    for (const hash of stored.retiredRefreshTokenHashes) {
      if (this.byRetiredHash.get(hash) === sessionId) this.byRetiredHash.delete(hash);
    }
    this.byCaregiver.get(stored.caregiverId)?.delete(sessionId);
    this.byId.delete(sessionId);
  }
}

const copyDate = (date: Date): Date => new Date(date.getTime());

/**
 * A deep copy. Written out rather than `structuredClone`, whose Dates come from Node's own realm: under Jest's
 * sandbox they would fail `instanceof Date`.
 */
const copy = (session: Session): StoredSession => ({
  ...session,
  createdAt: copyDate(session.createdAt),
  lastActivityAt: copyDate(session.lastActivityAt),
  absoluteExpiresAt: copyDate(session.absoluteExpiresAt),
  refreshTokenIssuedAt: copyDate(session.refreshTokenIssuedAt),
  refreshExpiresAt: copyDate(session.refreshExpiresAt),
  retiredRefreshTokenHashes: [...session.retiredRefreshTokenHashes],
  revokedAt: session.revokedAt === null ? null : copyDate(session.revokedAt),
});

/** Sets the revocation once; the first reason and time are kept. Returns whether this call revoked it. */
const revokeStored = (stored: StoredSession, reason: SessionRevokeReason, at: Date): boolean => {
  if (stored.revokedAt !== null) return false;
  stored.revokedAt = new Date(at.getTime());
  stored.revokeReason = reason;
  return true;
};
