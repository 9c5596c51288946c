import type Router from '@koa/router';
import type { Container } from 'inversify';
import { createCaregiver, type Caregiver } from '../../domain/identity/caregiver';
import { createOrg, type Org } from '../../domain/identity/org';
import type { AccessScope, ActiveRole, Role } from '../../domain/identity/roles';
import { createAssignment } from '../../domain/patients/care-team';
import { createPatient, type NewPatient, type Patient } from '../../domain/patients/patient';
import type { Actor } from '../../domain/shared/actor';
import type { IdentityUseCases } from '../../application/identity/identity-use-cases';
import type { PatientPorts } from '../../application/patients/patient-ports';
import { PATIENT_TOKENS } from '../../application/patients/patient-tokens';
import type { PatientUseCases } from '../../application/patients/patient-use-cases';
import type { AuditEvent } from '../../application/ports/audit-recorder';
import type { OutboxStore } from '../../application/ports/event-outbox';
import { TOKENS } from '../../application/ports/tokens';
import type { SchedulePorts } from '../../application/schedules/schedule-ports';
import { SCHEDULE_TOKENS } from '../../application/schedules/schedule-tokens';
import type { ScheduleUseCases } from '../../application/schedules/schedule-use-cases';
import { requireAuth } from '../../adapters/http/middleware/require-auth';
import type { InMemoryJobScheduler } from '../../adapters/scheduling/memory/in-memory-job-scheduler';
import { closeAdapters } from '../../bootstrap/application';
import type { AppConfig, Environment } from '../../bootstrap/config';
import { buildContainer } from '../../bootstrap/container';
import { INFRA } from '../../bootstrap/infra-tokens';
import { bindSchedules, scheduleRouters } from '../../bootstrap/schedules-module';
import { wirePatients } from './patients-harness';
import { auditLogOf } from './audit-log';
import { TestClock } from './test-clock';
import { testConfig } from './test-config';

/**
 * Wires the schedules context into a container the way bootstrap will once the lead mounts it: its bindings (which
 * replace the patients context's schedule stand-in) and, with `routers`, its router. Skips everything when
 * bootstrap already binds the context, so the tests keep working after the wiring lands.
 */
export const wireSchedules = (c: Container, config: AppConfig, routers = false): void => {
  wirePatients(c, config, routers);
  if (c.isBound(SCHEDULE_TOKENS.UseCases)) return;
  bindSchedules(c, config);
  if (!routers) return;
  c.onActivation<Router[]>(INFRA.HttpRouters, (_context, mounted) => {
    const identity = c.get<IdentityUseCases>(TOKENS.identity.UseCases);
    const schedules = c.get<ScheduleUseCases>(SCHEDULE_TOKENS.UseCases);
    const authenticated = requireAuth(identity.authenticate, identity.ports.rateLimiter);
    return [...scheduleRouters(schedules, authenticated), ...mounted];
  });
};

export interface PatientSpec extends Partial<Omit<NewPatient, 'id' | 'orgId' | 'now'>> {
  readonly caregivers?: readonly Caregiver[];
}

/**
 * The schedules context on the real container of the embedded profile, with a hand-moved clock, the in-memory job
 * scheduler to inspect, and object mothers that write organisations, caregivers and patients straight to the
 * stores (no audit entries, no events).
 */
export const createSchedulesHarness = (start = new Date('2026-06-01T12:00:00.000Z'), env: Environment = {}) => {
  const clock = new TestClock(start);
  const config = testConfig(env);
  const container: Container = buildContainer({
    config,
    overrides: (c) => {
      c.rebind(TOKENS.shared.Clock).toConstantValue(clock);
      wireSchedules(c, config);
    },
  });
  const useCases = container.get<ScheduleUseCases>(SCHEDULE_TOKENS.UseCases);
  const patients = container.get<PatientUseCases>(PATIENT_TOKENS.UseCases);
  const ports: SchedulePorts = useCases.ports;
  const patientPorts: PatientPorts = patients.ports;
  const jobScheduler = container.get<InMemoryJobScheduler>(TOKENS.shared.JobScheduler);
  const auditLog = auditLogOf(container);
  const outboxStore = container.get<OutboxStore>(TOKENS.shared.OutboxStore);
  let counter = 0;

  const newOrg = async (name = 'Org', extra: { isPlatform?: boolean; timezone?: string } = {}): Promise<Org> => {
    counter += 1;
    const org = createOrg({
      id: ports.ids.next(),
      name: `${name} ${counter}`,
      email: `org${counter}@example.com`,
      phone: null,
      now: clock.now(),
      ...extra,
    });
    await ports.orgs.insert(org);
    return org;
  };

  const newCaregiver = async (orgId: string, role: Role = 'staff'): Promise<Caregiver> => {
    counter += 1;
    const caregiver = createCaregiver({
      id: ports.ids.next(),
      orgId,
      name: `Caregiver ${counter}`,
      email: `caregiver${counter}@example.com`,
      phone: '+16045550100',
      role,
      intendedRole: null,
      passwordHash: null,
      isEmailVerified: true,
      now: clock.now(),
    });
    await patientPorts.caregivers.insert(caregiver);
    return caregiver;
  };

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

  /** Outbox events of one aggregate type, oldest first, as `[type, aggregateId]`. */
  const events = async (aggregateType: string): Promise<Array<[string, string]>> =>
    (await outboxStore.pending(10_000, new Date(clock.now().getTime() + 86_400_000)))
      .filter((p) => p.event.aggregateType === aggregateType)
      .map((p) => [p.event.type, p.event.aggregateId]);

  return {
    container,
    clock,
    config,
    useCases,
    patients,
    ports,
    jobs: () => jobScheduler.scheduled(),
    jobScheduler,
    audit,
    events,
    newOrg,
    newCaregiver,
    newPatient,
    scopeOf,
    actorOf,
    close: () => closeAdapters(container),
  };
};

export type SchedulesHarness = ReturnType<typeof createSchedulesHarness>;
