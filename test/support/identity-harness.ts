import type { Container } from 'inversify';
import { createCaregiver, type Caregiver } from '../../domain/identity/caregiver';
import { createOrg, type Org } from '../../domain/identity/org';
import type { ActiveRole, AccessScope, Role } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import type { IdentityPorts } from '../../application/identity/identity-ports';
import type { IdentityUseCases } from '../../application/identity/identity-use-cases';
import type { MessageOutbox } from '../../application/ports/message-outbox';
import { TOKENS } from '../../application/ports/tokens';
import { closeAdapters } from '../../bootstrap/application';
import type { Environment } from '../../bootstrap/config';
import { buildContainer } from '../../bootstrap/container';
import { auditLogOf } from './audit-log';
import { TestClock } from './test-clock';
import { testConfig } from './test-config';

export const TEST_PASSWORD = 'Password1';

export interface CaregiverSpec {
  readonly orgId: string;
  readonly role?: Role;
  readonly email?: string;
  readonly name?: string;
  readonly phone?: string | null;
  readonly password?: string | null;
}

/**
 * The identity context on the real container of the embedded profile (what runs is what is tested), with a
 * hand-moved clock and helpers to create orgs and caregivers directly.
 */
export const createIdentityHarness = (env: Environment = {}) => {
  const clock = new TestClock();
  const container: Container = buildContainer({
    config: testConfig(env),
    overrides: (c) => {
      c.rebind(TOKENS.shared.Clock).toConstantValue(clock);
    },
  });
  const useCases = container.get<IdentityUseCases>(TOKENS.identity.UseCases);
  const ports: IdentityPorts = useCases.ports;
  const outbox = container.get<MessageOutbox>(TOKENS.shared.MessageOutbox);
  const auditLog = auditLogOf(container);
  let counter = 0;
  let passwordHash: Promise<string> | null = null;

  const createTestOrg = async (name = 'Org'): Promise<Org> => {
    counter += 1;
    const org = createOrg({
      id: ports.ids.next(),
      name: `${name} ${counter}`,
      email: `org${counter}@example.com`,
      phone: null,
      now: clock.now(),
    });
    await ports.orgs.insert(org);
    return org;
  };

  const createTestCaregiver = async (spec: CaregiverSpec): Promise<Caregiver> => {
    counter += 1;
    const role = spec.role ?? 'staff';
    passwordHash ??= ports.passwords.hash(TEST_PASSWORD);
    const hash =
      spec.password === null
        ? null
        : spec.password === undefined
          ? await passwordHash
          : await ports.passwords.hash(spec.password);
    const caregiver = createCaregiver({
      id: ports.ids.next(),
      orgId: spec.orgId,
      name: spec.name ?? `Caregiver ${counter}`,
      email: spec.email ?? `caregiver${counter}@example.com`,
      phone: spec.phone === undefined ? '+16045550100' : spec.phone,
      role,
      intendedRole: role === 'invited' || role === 'unverified' ? 'staff' : null,
      passwordHash: hash,
      isEmailVerified: role !== 'unverified' && role !== 'invited',
      now: clock.now(),
    });
    await ports.caregivers.insert(caregiver);
    return caregiver;
  };

  const scopeOf = (caregiver: Caregiver): AccessScope => ({
    caregiverId: caregiver.id,
    role: caregiver.role as ActiveRole,
    orgId: caregiver.orgId,
  });

  const actorOf = (caregiver: Caregiver, sessionId?: string): Actor => ({
    kind: 'caregiver',
    caregiverId: caregiver.id,
    orgId: caregiver.orgId,
    role: caregiver.role,
    requestId: 'test-request',
    ip: '127.0.0.1',
    ...(sessionId === undefined ? {} : { sessionId }),
  });

  const anonymousActor: Actor = { kind: 'anonymous', requestId: 'test-request', ip: '127.0.0.1' };

  /** The token in the newest e-mail to `address` for `path` (e.g. '/auth/verify-email'). */
  const tokenFromMail = (address: string, path: string): string => {
    const message = outbox.lastTo(address);
    const match = message === undefined ? null : new RegExp(`${path}\\?token=([A-Za-z0-9_.~-]+)`).exec(message.text);
    if (!match?.[1]) throw new Error(`no ${path} link in the last e-mail to ${address}`);
    return match[1];
  };

  return {
    container,
    clock,
    useCases,
    ports,
    outbox,
    auditLog,
    createOrg: createTestOrg,
    createCaregiver: createTestCaregiver,
    scopeOf,
    actorOf,
    anonymousActor,
    tokenFromMail,
    close: () => closeAdapters(container),
  };
};

export type IdentityHarness = ReturnType<typeof createIdentityHarness>;
