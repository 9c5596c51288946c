import type Router from '@koa/router';
import type { Container } from 'inversify';
import type { Middleware } from 'koa';
import { PATIENT_TOKENS } from '../application/patients/patient-tokens';
import type { PatientSchedules } from '../application/ports/patient-schedules';
import { TOKENS } from '../application/ports/tokens';
import { ScheduleDirectory } from '../application/schedules/schedule-directory';
import type { SchedulePorts } from '../application/schedules/schedule-ports';
import { SCHEDULE_TOKENS } from '../application/schedules/schedule-tokens';
import { createScheduleUseCases, type ScheduleUseCases } from '../application/schedules/schedule-use-cases';
import { scheduleDto } from '../adapters/http/presenters/schedule-presenters';
import { parseScheduleBody, scheduleRoutes } from '../adapters/http/routes/schedule-routes';
import { InMemoryScheduleRepository } from '../adapters/persistence/memory/in-memory-schedule-repository';
import type { MemoryDatabase } from '../adapters/persistence/memory/memory-database';
import type { AppConfig } from './config';
import { INFRA } from './infra-tokens';

/**
 * The schedules context: the repository of the embedded profile, use-cases, and the directory the patients
 * context calls (`PATIENT_TOKENS.PatientSchedules`, replacing the `NoPatientSchedules` stand-in). Call it after
 * `bindPatients` and before anything is resolved: the patient ports capture the hook when first resolved.
 *
 * Call jobs are `schedule:<scheduleId>` jobs named `place-scheduled-call` (application/schedules/schedule-jobs.ts);
 * their handler is defined by the telephony issue.
 */
export const bindSchedules = (c: Container, _config: AppConfig): void => {
  c.bind(SCHEDULE_TOKENS.ScheduleRepository).toResolvedValue(
    (db: MemoryDatabase) => new InMemoryScheduleRepository(db),
    [INFRA.MemoryDatabase],
  );
  c.bind(SCHEDULE_TOKENS.Ports).toResolvedValue(
    (...deps: unknown[]): SchedulePorts => {
      const [schedules, patients, careTeam, orgs, jobs, uow, outbox, clock, ids, audit] = deps as [
        SchedulePorts['schedules'],
        SchedulePorts['patients'],
        SchedulePorts['careTeam'],
        SchedulePorts['orgs'],
        SchedulePorts['jobs'],
        SchedulePorts['uow'],
        SchedulePorts['outbox'],
        SchedulePorts['clock'],
        SchedulePorts['ids'],
        SchedulePorts['audit'],
      ];
      return { schedules, patients, careTeam, orgs, jobs, uow, outbox, clock, ids, audit };
    },
    [
      SCHEDULE_TOKENS.ScheduleRepository,
      PATIENT_TOKENS.PatientRepository,
      PATIENT_TOKENS.CareTeamRepository,
      TOKENS.identity.OrgRepository,
      TOKENS.shared.JobScheduler,
      TOKENS.shared.UnitOfWork,
      TOKENS.shared.EventOutbox,
      TOKENS.shared.Clock,
      TOKENS.shared.IdGenerator,
      TOKENS.shared.AuditRecorder,
    ],
  );
  c.bind(SCHEDULE_TOKENS.UseCases).toResolvedValue(
    (ports: SchedulePorts) => createScheduleUseCases(ports),
    [SCHEDULE_TOKENS.Ports],
  );
  c.bind(SCHEDULE_TOKENS.Directory).toResolvedValue(
    (ports: SchedulePorts) => new ScheduleDirectory(ports, { present: scheduleDto, parseBody: parseScheduleBody }),
    [SCHEDULE_TOKENS.Ports],
  );
  const hook = c.isBound(PATIENT_TOKENS.PatientSchedules)
    ? c.rebind(PATIENT_TOKENS.PatientSchedules)
    : c.bind(PATIENT_TOKENS.PatientSchedules);
  hook.toResolvedValue((directory: PatientSchedules) => directory, [SCHEDULE_TOKENS.Directory]);
};

/** The schedules context's router (`/v1/schedules/*`); its paths overlap no other router's. */
export const scheduleRouters = (schedules: ScheduleUseCases, authenticated: Middleware): Router[] => [
  scheduleRoutes(schedules, authenticated),
];
