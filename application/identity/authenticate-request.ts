import type { Caregiver } from '../../domain/identity/caregiver';
import { activeLock, isLoginCapable } from '../../domain/identity/caregiver';
import { minutes } from '../../domain/identity/identity-policy';
import type { ActiveRole } from '../../domain/identity/roles';
import type { Session } from '../../domain/identity/session';
import { unauthenticated } from './identity-errors';
import type { IdentityPorts } from './identity-ports';

export interface Authenticated {
  readonly caregiver: Caregiver & { readonly role: ActiveRole };
  readonly session: Session;
}

/**
 * Every authenticated request (API-CONTRACT.md §2.1): token, session, absolute and idle limits, account state,
 * then activity. The role comes from the caregiver record, never from the token.
 */
export class AuthenticateRequest {
  constructor(private readonly ports: IdentityPorts) {}

  async execute(bearer: string | null, options: { passive: boolean }): Promise<Authenticated> {
    const { accessTokens, sessions, caregivers, orgs, clock, policy } = this.ports;
    if (bearer === null || bearer === '') throw unauthenticated('TOKEN_MISSING');
    const now = clock.now();
    const claims = await accessTokens.verify(bearer, now);
    if (claims === null) throw unauthenticated('TOKEN_INVALID');

    const session = await sessions.findById(claims.sessionId);
    if (session === null || session.revokedAt !== null || session.caregiverId !== claims.caregiverId) {
      throw unauthenticated('SESSION_REVOKED');
    }
    if (now.getTime() >= session.absoluteExpiresAt.getTime()) {
      await sessions.revoke(session.id, 'absolute_timeout', now);
      throw unauthenticated('SESSION_EXPIRED');
    }
    const idleMs = now.getTime() - session.lastActivityAt.getTime();
    if (idleMs > minutes(policy.idleTimeoutMinutes)) {
      await sessions.revoke(session.id, 'idle_timeout', now);
      throw unauthenticated('IDLE_TIMEOUT', {
        idleMinutes: Math.floor(idleMs / 60_000),
        maxIdleMinutes: policy.idleTimeoutMinutes,
      });
    }

    const caregiver = await caregivers.findById(session.caregiverId);
    const org = caregiver === null ? null : await orgs.findById(caregiver.orgId);
    if (caregiver === null || org === null || !isLoginCapable(caregiver) || activeLock(caregiver, now) !== null) {
      await sessions.revoke(session.id, 'account_disabled', now);
      throw unauthenticated('SESSION_REVOKED');
    }
    if (!options.passive) await sessions.touch(session.id, now);
    return { caregiver: caregiver as Caregiver & { role: ActiveRole }, session };
  }
}
