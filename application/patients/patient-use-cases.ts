import { AssignCaregiver } from './assign-caregiver';
import { AssignUnassignedPatients } from './assign-unassigned-patients';
import { CaregiverPatients } from './caregiver-patients';
import { CreatePatient } from './create-patient';
import { DeletePatient } from './delete-patient';
import { GetPatient } from './get-patient';
import { ListPatientCaregivers } from './list-patient-caregivers';
import { ListPatients } from './list-patients';
import { ListUnassignedPatients } from './list-unassigned-patients';
import type { PatientPorts } from './patient-ports';
import { UnassignCaregiver } from './unassign-caregiver';
import { UpdatePatient } from './update-patient';
import { UploadPatientAvatar } from './upload-patient-avatar';

/** Every patients and care-team use-case over one set of ports; the HTTP adapter takes what it needs. */
export const createPatientUseCases = (ports: PatientPorts) => ({
  ports,
  create: new CreatePatient(ports),
  list: new ListPatients(ports),
  get: new GetPatient(ports),
  update: new UpdatePatient(ports),
  delete: new DeletePatient(ports),
  uploadAvatar: new UploadPatientAvatar(ports),
  assignCaregiver: new AssignCaregiver(ports),
  unassignCaregiver: new UnassignCaregiver(ports),
  listCaregivers: new ListPatientCaregivers(ports),
  listUnassigned: new ListUnassignedPatients(ports),
  assignUnassigned: new AssignUnassignedPatients(ports),
  caregiverPatients: new CaregiverPatients(ports),
});

export type PatientUseCases = ReturnType<typeof createPatientUseCases>;
