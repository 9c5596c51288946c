import type { Caregiver } from '../../domain/identity/caregiver';
import { addMs, days } from '../../domain/identity/identity-policy';
import type { AuthMethod } from '../../domain/identity/session';
import type { IdentityPorts } from './identity-ports';

export interface AuthTokens {
  readonly access: { readonly token: string; readonly expires: number };
  readonly refresh: { readonly token: string; readonly expires: number };
}

export interface ClientMeta {
  readonly ip?: string;
  readonly userAgent?: string;
}

const epochSeconds = (at: Date): number => Math.floor(at.getTime() / 1000);

/** Creates sessions and mints their tokens: every login gets a new session (no fixation). */
export class SessionIssuer {
  constructor(private readonly ports: IdentityPorts) {}

  async open(caregiver: Caregiver, method: AuthMethod, mfaSatisfied: boolean, meta: ClientMeta): Promise<AuthTokens> {
    const { clock, random, hasher, sessions, accessTokens, policy } = this.ports;
    const now = clock.now();
    const sessionId = Buffer.from(random.bytes(16)).toString('base64url');
    const refreshToken = random.token();
    const absoluteExpiresAt = addMs(now, days(policy.sessionLifetimeDays));
    const refreshExpiresAt = new Date(
      Math.min(addMs(now, days(policy.refreshTokenDays)).getTime(), absoluteExpiresAt.getTime()),
    );
    await sessions.create({
      id: sessionId,
      caregiverId: caregiver.id,
      orgId: caregiver.orgId,
      authMethod: method,
      mfaSatisfied,
      createdAt: now,
      lastActivityAt: now,
      absoluteExpiresAt,
      refreshTokenHash: hasher.sha256(refreshToken),
      refreshTokenIssuedAt: now,
      refreshExpiresAt,
      retiredRefreshTokenHashes: [],
      revokedAt: null,
      revokeReason: null,
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 256) ?? null,
    });
    const access = await accessTokens.sign({ caregiverId: caregiver.id, sessionId }, now);
    return {
      access: { token: access.token, expires: epochSeconds(access.expiresAt) },
      refresh: { token: refreshToken, expires: epochSeconds(refreshExpiresAt) },
    };
  }
}

export const toEpochSeconds = epochSeconds;
