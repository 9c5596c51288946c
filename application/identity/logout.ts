import type { Actor } from '../../domain/shared/actor';
import { notFound } from '../../domain/shared/errors';
import { audit } from './audit-trail';
import type { IdentityPorts } from './identity-ports';

/** Revokes the session owning the refresh token; its access tokens stop working at once (API-CONTRACT.md §2.5). */
export class Logout {
  constructor(private readonly ports: IdentityPorts) {}

  async execute(refreshToken: string, actor: Actor): Promise<void> {
    const { sessions, hasher, clock } = this.ports;
    const match = await sessions.findByRefreshTokenHash(hasher.sha256(refreshToken));
    if (match === null || match.retired || match.session.revokedAt !== null) throw notFound('SESSION_NOT_FOUND');
    await sessions.revoke(match.session.id, 'logout', clock.now());
    await audit(this.ports, { ...actor, caregiverId: match.session.caregiverId }, 'LOGOUT', 'success', {
      type: 'session',
      id: null,
      orgId: match.session.orgId,
    });
  }
}
