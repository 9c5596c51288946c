/** The numbers of the identity rules (DOMAIN.md §2.4), defaults overridable from configuration. */
export interface IdentityPolicy {
  readonly failedLoginLimit: number;
  readonly failedLoginWindowMinutes: number;
  readonly lockMinutes: number;
  readonly mfaGraceDays: number;
  readonly passwordMaxAgeDays: number;
  readonly idleTimeoutMinutes: number;
  readonly sessionLifetimeDays: number;
  readonly refreshTokenDays: number;
  readonly mfaPendingMinutes: number;
  readonly mfaIssuer: string;
  readonly tokenLifetimesMinutes: Readonly<Record<OneTimeTokenType, number>>;
  readonly phoneCodeMinutes: number;
  readonly phoneCodeAttempts: number;
  readonly loginChallengeMinutes: number;
  readonly passwordExpiryMailMinutes: number;
}

export type OneTimeTokenType = 'verifyEmail' | 'changeEmail' | 'resetPassword' | 'setSsoPassword' | 'invite';

export const defaultIdentityPolicy: IdentityPolicy = {
  failedLoginLimit: 5,
  failedLoginWindowMinutes: 5,
  lockMinutes: 30,
  mfaGraceDays: 7,
  passwordMaxAgeDays: 90,
  idleTimeoutMinutes: 15,
  sessionLifetimeDays: 30,
  refreshTokenDays: 30,
  mfaPendingMinutes: 15,
  mfaIssuer: 'MyPhoneFriend',
  tokenLifetimesMinutes: {
    verifyEmail: 24 * 60,
    changeEmail: 24 * 60,
    resetPassword: 10,
    setSsoPassword: 10,
    invite: 7 * 24 * 60,
  },
  phoneCodeMinutes: 10,
  phoneCodeAttempts: 5,
  loginChallengeMinutes: 5,
  passwordExpiryMailMinutes: 15,
};

export const minutes = (n: number): number => n * 60_000;
export const days = (n: number): number => n * 86_400_000;
export const addMs = (at: Date, ms: number): Date => new Date(at.getTime() + ms);
