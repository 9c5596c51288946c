import { assignmentProblem, createAssignment, isAssignableRole } from '../../domain/patients/care-team';
import { createPatient, type Patient } from '../../domain/patients/patient';
import { authorizePatient } from '../../domain/patients/patient-policy';
import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { ValidationError } from '../../domain/shared/errors';
import { applyImageChange, type ImageChange } from '../identity/image-change';
import { loadCaregiverOfOrg, orgForRequest } from './patient-access';
import { denyPatientAccess, recordPhi } from './patient-audit';
import { assignmentError, caregiverNotAssignable, caregiverNotFound, emailTaken, orgNotFound } from './patient-errors';
import { emitPatientEvent } from './patient-events';
import type { PatientPorts } from './patient-ports';
import { loadPatientView, type PatientView } from './patient-views';
import { releasingOnFailure, storeInlineImage } from '../identity/inline-images';
import { patientUploads } from './patient-media';

/** A validated `POST /patients` body (API-CONTRACT.md §4.7). */
export interface NewPatientInput {
  /** The target organisation: the caller's own for an orgAdmin; a superAdmin must name it. */
  readonly orgId?: string;
  readonly name: string;
  /** E.164. */
  readonly phone: string;
  /** Normalised address, or null/absent for none. */
  readonly email?: string | null;
  readonly preferredLanguage?: string;
  readonly avatar?: ImageChange;
  readonly preferredName?: string | null;
  readonly timezone?: string | null;
  readonly age?: number | null;
  readonly notes?: string | null;
  /** Caregivers of that organisation to put on the care team. */
  readonly caregiverIds?: readonly string[];
  /** Schedule bodies (§4.8), created in the same transaction by the schedules context. */
  readonly schedules?: readonly unknown[];
}

/**
 * `CreatePatient` (DOMAIN.md §3.4 #1): orgAdmins in their organisation, superAdmins in the one they name. The
 * creating orgAdmin is always on the care team (the app adds the new patient to the home list of every id in
 * `caregivers`); a superAdmin is not. Patient, assignments, embedded schedules, events and the audit entry are one
 * transaction.
 */
export class CreatePatient {
  constructor(private readonly ports: PatientPorts) {}

  async execute(scope: AccessScope, input: NewPatientInput, actor: Actor): Promise<PatientView> {
    const { ports } = this;
    if (scope.role === 'superAdmin' && input.orgId === undefined) throw new ValidationError(['"org" is required']);
    const orgId = await orgForRequest(ports, scope, input.orgId, 'patient.create', actor, orgNotFound);
    if (authorizePatient(scope, 'patient.create', { orgId, assignedToCaller: false }) !== 'allow') {
      await denyPatientAccess(ports, actor, 'patient.create', { type: 'patient', id: null, orgId });
    }
    const teamIds = [
      ...new Set([...(scope.role === 'orgAdmin' ? [scope.caregiverId] : []), ...(input.caregiverIds ?? [])]),
    ];
    for (const caregiverId of teamIds) {
      const caregiver = await loadCaregiverOfOrg(ports, caregiverId, orgId, 'patient.create', actor);
      if (!isAssignableRole(caregiver.role)) throw caregiverNotAssignable();
    }
    const email = input.email ?? null;
    if (email !== null && (await ports.patients.isEmailTaken(orgId, email))) throw emailTaken();

    const uploads = patientUploads(ports);
    const avatar = await storeInlineImage(uploads, 'avatar', input.avatar);

    const patient = await releasingOnFailure(uploads, [avatar.uploaded], () =>
      ports.uow.run(async () => {
        if (email !== null && (await ports.patients.isEmailTaken(orgId, email))) throw emailTaken();
        const now = ports.clock.now();
        const created: Patient = createPatient({
          id: ports.ids.next(),
          orgId,
          name: input.name,
          phone: input.phone,
          now,
          email,
          preferredName: input.preferredName ?? null,
          avatar: applyImageChange(null, avatar.change),
          age: input.age ?? null,
          notes: input.notes ?? null,
          ...(input.preferredLanguage === undefined ? {} : { preferredLanguage: input.preferredLanguage }),
          timezone: input.timezone ?? null,
        });
        await ports.patients.insert(created);
        for (const caregiverId of teamIds) {
          const caregiver = await ports.caregivers.findById(caregiverId);
          if (caregiver === null) throw caregiverNotFound();
          const problem = assignmentProblem(created, caregiver);
          if (problem !== null) throw assignmentError(problem);
          await ports.careTeam.insert(
            createAssignment({
              id: ports.ids.next(),
              orgId,
              patientId: created.id,
              caregiverId,
              assignedBy: actor.caregiverId ?? 'system',
              now,
            }),
          );
          await emitPatientEvent(ports, 'CaregiverAssigned', created, actor, {
            caregiverId,
            by: actor.caregiverId ?? 'system',
          });
        }
        await ports.schedules.createForNewPatient(created, input.schedules ?? [], actor);
        await emitPatientEvent(ports, 'PatientCreated', created, actor);
        await recordPhi(ports, actor, 'CREATE', { type: 'patient', id: created.id, orgId }, [created.id], {
          caregiverCount: teamIds.length,
          scheduleCount: input.schedules?.length ?? 0,
        });
        return created;
      }),
    );
    return loadPatientView(ports, patient);
  }
}
