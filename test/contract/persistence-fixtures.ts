import { createCaregiver, type Caregiver } from '../../domain/identity/caregiver';
import type { OneTimeToken } from '../../domain/identity/one-time-token';
import { createOrg, type Org } from '../../domain/identity/org';
import type { Role } from '../../domain/identity/roles';
import { createDomainEvent, type DomainEvent } from '../../domain/shared/domain-event';
import type { AuditEvent } from '../../application/ports/audit-recorder';
import type { BreachRecord } from '../../application/ports/breach-log-repository';
import { ObjectIdGenerator } from '../../adapters/shared/object-id-generator';

/** Object mothers for the persistence contract suites: valid aggregates with ids the app would generate. */

const ids = new ObjectIdGenerator();
export const newId = (): string => ids.next();

/** A fixed 24-hex id whose order is `n`'s (for tie-break tests). */
export const orderedId = (n: number): string => `aa${n.toString(16).padStart(22, '0')}`;

export const T0 = new Date('2026-03-01T09:00:00.000Z');
export const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);

let emails = 0;
export const uniqueEmail = (prefix = 'user'): string => {
  emails += 1;
  return `${prefix}${emails}@example.com`;
};

export const anOrg = (overrides: Partial<Org> = {}): Org => ({
  ...createOrg({ id: newId(), name: 'Sunrise Care', email: uniqueEmail('org'), phone: '+15551230000', now: T0 }),
  ...overrides,
});

export interface CaregiverOverrides extends Partial<Caregiver> {
  readonly orgId: string;
}

export const aCaregiver = (overrides: CaregiverOverrides): Caregiver => ({
  ...createCaregiver({
    id: newId(),
    orgId: overrides.orgId,
    name: 'Casey Carer',
    email: uniqueEmail('carer'),
    phone: '+15551239999',
    role: 'staff' satisfies Role,
    intendedRole: null,
    passwordHash: '$2b$10$abcdefghijklmnopqrstuv',
    isEmailVerified: true,
    now: T0,
  }),
  ...overrides,
});

/** A caregiver with every optional part filled, to prove the mapping of each field. */
export const aFullyLoadedCaregiver = (orgId: string): Caregiver =>
  aCaregiver({
    orgId,
    name: 'Frances Full',
    pendingEmail: uniqueEmail('pending'),
    isPhoneVerified: true,
    phoneVerifiedAt: at(1),
    phoneVerification: { codeHash: 'c0de', targetNumber: '+15550001111', expiresAt: at(10), attemptsLeft: 3 },
    avatar: 'avatars/abc.png',
    role: 'orgAdmin',
    intendedRole: 'superAdmin',
    emailVerifiedAt: at(2),
    passwordChangedAt: at(3),
    passwordHistory: ['h1', 'h2', 'h3'],
    ssoIdentities: [
      { provider: 'google', subject: `g-${newId()}`, emailAtLink: 'f@example.com', linkedAt: at(4) },
      { provider: 'microsoft', subject: `m-${newId()}`, emailAtLink: 'f@example.org', linkedAt: at(5) },
    ],
    mfa: {
      enabled: true,
      secretCiphertext: 'k1:secret',
      pendingSecretCiphertext: 'k1:pending',
      pendingBackupCodeHashes: ['p1', 'p2'],
      pendingExpiresAt: at(6),
      enrolledAt: at(7),
      backupCodeHashes: ['b1', 'b2', 'b3'],
      lastAcceptedStep: 59_123_456,
    },
    mfaGraceStartedAt: at(8),
    failedLogins: { count: 2, windowStartedAt: at(9) },
    lock: { lockedAt: at(11), lockedUntil: at(41), reason: 'failed_logins', lockedBy: 'system' },
    preferredLanguage: 'es',
    themePreference: 'colorblind',
    telemetryOptIn: false,
    lastLoginAt: at(12),
    formerEmailHash: 'hmac-of-old',
    updatedAt: at(13),
    version: 4,
  });

export const aToken = (overrides: Partial<OneTimeToken> & { caregiverId: string; orgId: string }): OneTimeToken => ({
  id: newId(),
  type: 'verifyEmail',
  tokenHash: `sha256-${newId()}`,
  expiresAt: at(60),
  usedAt: null,
  revokedAt: null,
  createdAt: T0,
  data: {},
  ...overrides,
});

export const aBreach = (overrides: Partial<BreachRecord> = {}): BreachRecord => ({
  id: newId(),
  type: 'excessive_failed_logins',
  severity: 'MEDIUM',
  status: 'INVESTIGATING',
  orgId: null,
  caregiverId: null,
  ip: null,
  detectedAt: T0,
  details: {},
  notificationDeadline: at(60 * 24 * 60),
  ...overrides,
});

export const anAuditEvent = (overrides: Partial<AuditEvent> = {}): AuditEvent => ({
  action: 'CAREGIVER_VIEWED',
  outcome: 'success',
  actorKind: 'caregiver',
  actorId: newId(),
  orgId: newId(),
  resourceType: 'caregiver',
  resourceId: newId(),
  requestId: 'req-1',
  ip: '203.0.113.7',
  at: T0,
  details: {},
  ...overrides,
});

export const anEvent = (overrides: Partial<DomainEvent> = {}): DomainEvent => ({
  ...createDomainEvent(newId(), T0, {
    type: 'caregiver.invited',
    orgId: newId(),
    aggregateType: 'caregiver',
    aggregateId: newId(),
    aggregateVersion: 1,
    actor: { kind: 'caregiver', caregiverId: newId() },
    payload: { role: 'staff', count: 2, flag: true, nothing: null, list: ['a', 1] },
  }),
  ...overrides,
});
