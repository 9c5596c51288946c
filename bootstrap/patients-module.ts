import type Router from '@koa/router';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Container } from 'inversify';
import type { Middleware } from 'koa';
import type { ActiveRole } from '../domain/identity/roles';
import { NoPatientSchedules } from '../application/patients/no-patient-schedules';
import { PatientCareDirectory } from '../application/patients/patient-care-directory';
import type { PatientPorts } from '../application/patients/patient-ports';
import { PATIENT_TOKENS } from '../application/patients/patient-tokens';
import { createPatientUseCases, type PatientUseCases } from '../application/patients/patient-use-cases';
import type { PatientView } from '../application/patients/patient-views';
import { TOKENS } from '../application/ports/tokens';
import { patientDto } from '../adapters/http/presenters/patient-presenters';
import { caregiverPatientRoutes, patientRoutes } from '../adapters/http/routes/patient-routes';
import { uploadRoutes } from '../adapters/http/routes/upload-routes';
import { LocalDiskMediaStore } from '../adapters/media/local-disk-media-store';
import { InMemoryCareTeamRepository } from '../adapters/persistence/memory/in-memory-care-team-repository';
import { InMemoryPatientRepository } from '../adapters/persistence/memory/in-memory-patient-repository';
import type { MemoryDatabase } from '../adapters/persistence/memory/memory-database';
import type { AppConfig } from './config';
import { INFRA } from './infra-tokens';

/**
 * The patients and care-team context: repositories of the embedded profile, the schedules stand-in, use-cases,
 * and the care directory identity reads patients through (bound to `TOKENS.identity.CareDirectory` by the caller:
 * `c.rebind(TOKENS.identity.CareDirectory).toResolvedValue((d) => d, [PATIENT_TOKENS.CareDirectory])`).
 */
export interface PatientModuleOptions {
  /** Where uploaded images are kept; a per-machine temporary directory by default (the embedded store is too). */
  readonly uploadsDirectory?: string;
}

export const bindPatients = (c: Container, config: AppConfig, options: PatientModuleOptions = {}): void => {
  c.bind(PATIENT_TOKENS.PatientRepository).toResolvedValue(
    (db: MemoryDatabase) => new InMemoryPatientRepository(db),
    [INFRA.MemoryDatabase],
  );
  c.bind(PATIENT_TOKENS.CareTeamRepository).toResolvedValue(
    (db: MemoryDatabase) => new InMemoryCareTeamRepository(db),
    [INFRA.MemoryDatabase],
  );
  c.bind(PATIENT_TOKENS.PatientSchedules).toConstantValue(new NoPatientSchedules());
  c.bind(PATIENT_TOKENS.MediaStore).toConstantValue(
    new LocalDiskMediaStore({ directory: options.uploadsDirectory ?? join(tmpdir(), 'bianca-uploads') }),
  );
  c.bind(PATIENT_TOKENS.Ports).toResolvedValue(
    (...deps: unknown[]): PatientPorts => {
      const [patients, careTeam, caregivers, orgs, schedules, uow, outbox, clock, ids, audit, media, rateLimiter] =
        deps as [
          PatientPorts['patients'],
          PatientPorts['careTeam'],
          PatientPorts['caregivers'],
          PatientPorts['orgs'],
          PatientPorts['schedules'],
          PatientPorts['uow'],
          PatientPorts['outbox'],
          PatientPorts['clock'],
          PatientPorts['ids'],
          PatientPorts['audit'],
          PatientPorts['media'],
          PatientPorts['rateLimiter'],
        ];
      return {
        patients,
        careTeam,
        caregivers,
        orgs,
        schedules,
        uow,
        outbox,
        clock,
        ids,
        audit,
        media,
        rateLimiter,
        uploadsBaseUrl: `${config.http.publicBaseUrl}/uploads`,
      };
    },
    [
      PATIENT_TOKENS.PatientRepository,
      PATIENT_TOKENS.CareTeamRepository,
      TOKENS.identity.CaregiverRepository,
      TOKENS.identity.OrgRepository,
      PATIENT_TOKENS.PatientSchedules,
      TOKENS.shared.UnitOfWork,
      TOKENS.shared.EventOutbox,
      TOKENS.shared.Clock,
      TOKENS.shared.IdGenerator,
      TOKENS.shared.AuditRecorder,
      PATIENT_TOKENS.MediaStore,
      TOKENS.shared.RateLimiter,
    ],
  );
  c.bind(PATIENT_TOKENS.UseCases).toResolvedValue(
    (ports: PatientPorts) => createPatientUseCases(ports),
    [PATIENT_TOKENS.Ports],
  );
  c.bind(PATIENT_TOKENS.CareDirectory).toResolvedValue(
    (ports: PatientPorts) =>
      new PatientCareDirectory(ports, (view: PatientView, viewer: ActiveRole) => patientDto(view, viewer)),
    [PATIENT_TOKENS.Ports],
  );
};

/**
 * The patients context's routers. `caregiverPatientRoutes` answers `GET /v1/caregivers/:id/patients[/:pid]`
 * with PatientDTOs and must be mounted before identity's caregiver router.
 */
export const patientRouters = (patients: PatientUseCases, authenticated: Middleware): Router[] => [
  caregiverPatientRoutes(patients, authenticated),
  patientRoutes(patients, authenticated),
  uploadRoutes(patients.ports.media),
];
