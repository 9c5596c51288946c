import { activeLock, isLoginCapable } from '../../domain/identity/caregiver';
import { addMs, days, minutes } from '../../domain/identity/identity-policy';
import type { Actor } from '../../domain/shared/actor';
import { audit } from './audit-trail';
import { refreshInvalid } from './identity-errors';
import type { IdentityPorts } from './identity-ports';
import { toEpochSeconds, type AuthTokens } from './session-issuer';

/**
 * Rotates the refresh token (API-CONTRACT.md §2.4). Presenting a rotated-out token is reuse: the whole session
 * is revoked. Every failure is a 400 with a reason, never a 401 (the app would replay it after re-login).
 */
export class RefreshSession {
  constructor(private readonly ports: IdentityPorts) {}

  async execute(refreshToken: string, actor: Actor): Promise<AuthTokens> {
    const { sessions, hasher, clock, caregivers, orgs, accessTokens, random, policy } = this.ports;
    const now = clock.now();
    const hash = hasher.sha256(refreshToken);
    const match = await sessions.findByRefreshTokenHash(hash);
    if (match === null) throw refreshInvalid('TOKEN_INVALID');
    const { session } = match;
    if (match.retired) {
      await sessions.revoke(session.id, 'refresh_reuse', now);
      await audit(
        this.ports,
        actor,
        'REFRESH_TOKEN_REUSE',
        'denied',
        { type: 'session', id: null, orgId: session.orgId },
        { caregiverRef: session.caregiverId },
      );
      throw refreshInvalid('SESSION_REVOKED');
    }
    if (session.revokedAt !== null)
      throw refreshInvalid(session.revokeReason === 'idle_timeout' ? 'IDLE_TIMEOUT' : 'SESSION_REVOKED');
    if (now.getTime() >= session.absoluteExpiresAt.getTime()) {
      await sessions.revoke(session.id, 'absolute_timeout', now);
      throw refreshInvalid('SESSION_EXPIRED');
    }
    if (now.getTime() >= session.refreshExpiresAt.getTime()) throw refreshInvalid('SESSION_EXPIRED');
    if (now.getTime() - session.lastActivityAt.getTime() > minutes(policy.idleTimeoutMinutes)) {
      await sessions.revoke(session.id, 'idle_timeout', now);
      throw refreshInvalid('IDLE_TIMEOUT');
    }
    const caregiver = await caregivers.findById(session.caregiverId);
    const org = caregiver === null ? null : await orgs.findById(caregiver.orgId);
    if (caregiver === null || org === null || !isLoginCapable(caregiver) || activeLock(caregiver, now) !== null) {
      await sessions.revoke(session.id, 'account_disabled', now);
      throw refreshInvalid('SESSION_REVOKED');
    }

    const next = random.token();
    const refreshExpiresAt = new Date(
      Math.min(addMs(now, days(policy.refreshTokenDays)).getTime(), session.absoluteExpiresAt.getTime()),
    );
    const rotated = await sessions.rotateRefreshToken({
      sessionId: session.id,
      expectedHash: hash,
      newHash: hasher.sha256(next),
      issuedAt: now,
      refreshExpiresAt,
    });
    if (!rotated) throw refreshInvalid('TOKEN_INVALID');
    const access = await accessTokens.sign({ caregiverId: caregiver.id, sessionId: session.id }, now);
    return {
      access: { token: access.token, expires: toEpochSeconds(access.expiresAt) },
      refresh: { token: next, expires: toEpochSeconds(refreshExpiresAt) },
    };
  }
}
