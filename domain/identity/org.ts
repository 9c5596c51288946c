/** An organisation (DOMAIN.md §2.1). Caregiver and patient ids are derived from the owning side. */
export interface CallRetrySettings {
  readonly retryCount: number;
  readonly retryIntervalMinutes: number;
  readonly alertOnAllMissedCalls: boolean;
}

export interface Org {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly phone: string | null;
  readonly avatar: string | null;
  readonly logo: string | null;
  readonly isEmailVerified: boolean;
  readonly timezone: string;
  readonly callRetrySettings: CallRetrySettings;
  readonly stripeCustomerId: string | null;
  readonly isPlatform: boolean;
  readonly deletedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
}

export const DEFAULT_TIMEZONE = 'America/New_York';
export const defaultCallRetrySettings: CallRetrySettings = {
  retryCount: 2,
  retryIntervalMinutes: 15,
  alertOnAllMissedCalls: true,
};

export interface NewOrg {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly phone: string | null;
  readonly now: Date;
  readonly timezone?: string;
  readonly isPlatform?: boolean;
}

export const createOrg = (input: NewOrg): Org => ({
  id: input.id,
  name: input.name,
  email: input.email,
  phone: input.phone,
  avatar: null,
  logo: null,
  isEmailVerified: false,
  timezone: input.timezone ?? DEFAULT_TIMEZONE,
  callRetrySettings: defaultCallRetrySettings,
  stripeCustomerId: null,
  isPlatform: input.isPlatform ?? false,
  deletedAt: null,
  createdAt: input.now,
  updatedAt: input.now,
  version: 1,
});
