import type { OneTimeTokenType } from './identity-policy';

/** An e-mailed single-use token (DOMAIN.md §2.1); only the SHA-256 of the token is stored. */
export interface OneTimeToken {
  readonly id: string;
  readonly type: OneTimeTokenType;
  readonly caregiverId: string;
  readonly orgId: string;
  readonly tokenHash: string;
  readonly expiresAt: Date;
  readonly usedAt: Date | null;
  readonly revokedAt: Date | null;
  readonly createdAt: Date;
  readonly data: Readonly<Record<string, string>>;
}

export type TokenProblem = 'UNKNOWN' | 'EXPIRED' | 'USED';

/** Why a token cannot be used now, or null when it can. */
export const tokenProblem = (token: OneTimeToken | null, now: Date): TokenProblem | null => {
  if (token === null) return 'UNKNOWN';
  if (token.usedAt !== null || token.revokedAt !== null) return 'USED';
  if (token.expiresAt.getTime() <= now.getTime()) return 'EXPIRED';
  return null;
};
