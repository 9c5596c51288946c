import type { Patient } from '../../domain/patients/patient';
import { createDomainEvent, type EventPayloadValue } from '../../domain/shared/domain-event';
import type { Actor } from '../../domain/shared/actor';
import type { PatientPorts } from './patient-ports';

/** The events of DOMAIN.md §3.5. Payloads carry ids, field names and flags only, never PHI values. */
export type PatientEventType =
  'PatientCreated' | 'PatientUpdated' | 'PatientDeleted' | 'CaregiverAssigned' | 'CaregiverUnassigned';

/** Appends one event about `patient` to the outbox; must run inside `uow.run`. */
export const emitPatientEvent = async (
  ports: PatientPorts,
  type: PatientEventType,
  patient: Pick<Patient, 'id' | 'orgId' | 'version'>,
  actor: Actor,
  payload: Readonly<Record<string, EventPayloadValue>> = {},
): Promise<void> => {
  await ports.outbox.append([
    createDomainEvent(ports.ids.next(), ports.clock.now(), {
      type,
      orgId: patient.orgId,
      aggregateType: 'Patient',
      aggregateId: patient.id,
      aggregateVersion: patient.version,
      actor:
        actor.caregiverId === undefined ? { kind: actor.kind } : { kind: actor.kind, caregiverId: actor.caregiverId },
      payload: { patientId: patient.id, ...payload },
    }),
  ]);
};
