/** A login session (DOMAIN.md §2.1). Only hashes of refresh tokens are ever stored. */
export type AuthMethod = 'password' | 'sso' | 'email_verification' | 'invite';

export type SessionRevokeReason =
  | 'logout'
  | 'idle_timeout'
  | 'absolute_timeout'
  | 'password_changed'
  | 'password_reset'
  | 'locked'
  | 'role_changed'
  | 'mfa_changed'
  | 'deleted'
  | 'admin'
  | 'refresh_reuse'
  | 'org_deleted'
  | 'account_disabled';

export interface Session {
  readonly id: string;
  readonly caregiverId: string;
  readonly orgId: string;
  readonly authMethod: AuthMethod;
  readonly mfaSatisfied: boolean;
  readonly createdAt: Date;
  readonly lastActivityAt: Date;
  readonly absoluteExpiresAt: Date;
  /** SHA-256 (hex) of the current refresh token. */
  readonly refreshTokenHash: string;
  readonly refreshTokenIssuedAt: Date;
  /** When the current refresh token stops working (never after `absoluteExpiresAt`). */
  readonly refreshExpiresAt: Date;
  /** The last rotated-out hashes, newest first, at most 5: presenting one of them is reuse. */
  readonly retiredRefreshTokenHashes: readonly string[];
  readonly revokedAt: Date | null;
  readonly revokeReason: SessionRevokeReason | null;
  readonly ip: string | null;
  readonly userAgent: string | null;
}

export const MAX_RETIRED_REFRESH_HASHES = 5;
