import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Router from '@koa/router';
import type { Container } from 'inversify';
import { createCaregiver, type Caregiver } from '../../domain/identity/caregiver';
import { createOrg, type Org } from '../../domain/identity/org';
import type { ActiveRole, AccessScope, Role } from '../../domain/identity/roles';
import { createAssignment } from '../../domain/patients/care-team';
import { createPatient, type NewPatient, type Patient } from '../../domain/patients/patient';
import type { Actor } from '../../domain/shared/actor';
import type { IdentityUseCases } from '../../application/identity/identity-use-cases';
import type { AuditEvent } from '../../application/ports/audit-recorder';
import type { CareDirectory } from '../../application/ports/care-directory';
import type { OutboxStore } from '../../application/ports/event-outbox';
import { TOKENS } from '../../application/ports/tokens';
import { PATIENT_TOKENS } from '../../application/patients/patient-tokens';
import type { PatientUseCases } from '../../application/patients/patient-use-cases';
import type { PatientPorts } from '../../application/patients/patient-ports';
import { requireAuth } from '../../adapters/http/middleware/require-auth';
import { closeAdapters } from '../../bootstrap/application';
import type { AppConfig, Environment } from '../../bootstrap/config';
import { buildContainer } from '../../bootstrap/container';
import { INFRA } from '../../bootstrap/infra-tokens';
import { bindPatients, patientRouters } from '../../bootstrap/patients-module';
import { auditLogOf } from './audit-log';
import { TestClock } from './test-clock';
import { testConfig } from './test-config';

/**
 * Wires the patients context into a container the way bootstrap will once the lead mounts it: its bindings, the
 * care directory identity reads patients through, and (with `routers`) its HTTP routers ahead of identity's
 * caregiver router. Skips what bootstrap already does, so the tests keep working after the wiring lands.
 */
export const wirePatients = (c: Container, config: AppConfig, routers = false): void => {
  if (c.isBound(PATIENT_TOKENS.UseCases)) return;
  bindPatients(c, config, { uploadsDirectory: mkdtempSync(join(tmpdir(), 'bianca-test-uploads-')) });
  c.rebind(TOKENS.identity.CareDirectory).toResolvedValue(
    (directory: CareDirectory) => directory,
    [PATIENT_TOKENS.CareDirectory],
  );
  if (!routers) return;
  c.onActivation<Router[]>(INFRA.HttpRouters, (_context, mounted) => {
    const identity = c.get<IdentityUseCases>(TOKENS.identity.UseCases);
    const patients = c.get<PatientUseCases>(PATIENT_TOKENS.UseCases);
    const authenticated = requireAuth(identity.authenticate, identity.ports.rateLimiter);
    return [...patientRouters(patients, authenticated), ...mounted];
  });
};

export interface PatientSpec extends Partial<Omit<NewPatient, 'id' | 'orgId' | 'now'>> {
  readonly caregivers?: readonly Caregiver[];
}

/**
 * The patients context on the real container of the embedded profile, with a hand-moved clock and object
 * mothers that write organisations, caregivers and patients straight to the stores.
 */
export const createPatientsHarness = (env: Environment = {}) => {
  const clock = new TestClock();
  const config = testConfig(env);
  const container: Container = buildContainer({
    config,
    overrides: (c) => {
      c.rebind(TOKENS.shared.Clock).toConstantValue(clock);
      wirePatients(c, config);
    },
  });
  const useCases = container.get<PatientUseCases>(PATIENT_TOKENS.UseCases);
  const identity = container.get<IdentityUseCases>(TOKENS.identity.UseCases);
  const ports: PatientPorts = useCases.ports;
  const auditLog = auditLogOf(container);
  const outboxStore = container.get<OutboxStore>(TOKENS.shared.OutboxStore);
  let counter = 0;

  const newOrg = async (name = 'Org', isPlatform = false): Promise<Org> => {
    counter += 1;
    const org = createOrg({
      id: ports.ids.next(),
      name: `${name} ${counter}`,
      email: `org${counter}@example.com`,
      phone: null,
      now: clock.now(),
      isPlatform,
    });
    await ports.orgs.insert(org);
    return org;
  };

  const newCaregiver = async (orgId: string, role: Role = 'staff', name?: string): Promise<Caregiver> => {
    counter += 1;
    const caregiver = createCaregiver({
      id: ports.ids.next(),
      orgId,
      name: name ?? `Caregiver ${counter}`,
      email: `caregiver${counter}@example.com`,
      phone: '+16045550100',
      role,
      intendedRole: role === 'invited' || role === 'unverified' ? 'staff' : null,
      passwordHash: null,
      isEmailVerified: role !== 'invited' && role !== 'unverified',
      now: clock.now(),
    });
    await ports.caregivers.insert(caregiver);
    return caregiver;
  };

  /** A patient stored directly (no audit entry), assigned to `spec.caregivers`; the clock moves 1 s after it. */
  const newPatient = async (orgId: string, spec: PatientSpec = {}): Promise<Patient> => {
    counter += 1;
    const { caregivers = [], ...fields } = spec;
    const patient = createPatient({
      name: `Patient ${counter}`,
      phone: '+16045550199',
      email: `patient${counter}@example.com`,
      ...fields,
      id: ports.ids.next(),
      orgId,
      now: clock.now(),
    });
    await ports.patients.insert(patient);
    for (const caregiver of caregivers) {
      await ports.careTeam.insert(
        createAssignment({
          id: ports.ids.next(),
          orgId,
          patientId: patient.id,
          caregiverId: caregiver.id,
          assignedBy: 'test',
          now: clock.now(),
        }),
      );
    }
    clock.advance(1000);
    return patient;
  };

  const scopeOf = (caregiver: Caregiver): AccessScope => ({
    caregiverId: caregiver.id,
    role: caregiver.role as ActiveRole,
    orgId: caregiver.orgId,
  });

  const actorOf = (caregiver: Caregiver): Actor => ({
    kind: 'caregiver',
    caregiverId: caregiver.id,
    orgId: caregiver.orgId,
    role: caregiver.role,
    requestId: 'test-request',
    ip: '127.0.0.1',
  });

  const audit = (): readonly AuditEvent[] => auditLog.entries();

  /** Event types in the outbox, oldest first. */
  const eventTypes = async (): Promise<string[]> =>
    (await outboxStore.pending(10_000, new Date(clock.now().getTime() + 86_400_000))).map((p) => p.event.type);

  return {
    container,
    clock,
    config,
    useCases,
    identity,
    ports,
    auditLog,
    audit,
    eventTypes,
    newOrg,
    newCaregiver,
    newPatient,
    scopeOf,
    actorOf,
    close: () => closeAdapters(container),
  };
};

export type PatientsHarness = ReturnType<typeof createPatientsHarness>;
