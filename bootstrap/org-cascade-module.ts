import type { Container } from 'inversify';
import type { IdentityPorts } from '../application/identity/identity-ports';
import type { OrgCascade } from '../application/identity/org-cascade';
import { OrgPatientsCascade } from '../application/patients/org-patients-cascade';
import type { PatientPorts } from '../application/patients/patient-ports';
import { PATIENT_TOKENS } from '../application/patients/patient-tokens';
import { TOKENS } from '../application/ports/tokens';
import { OrgScheduleRezoning } from '../application/schedules/org-rezoning';
import type { SchedulePorts } from '../application/schedules/schedule-ports';
import { SCHEDULE_TOKENS } from '../application/schedules/schedule-tokens';

/**
 * Gives identity's org use-cases the care contexts' cascade (`IdentityPorts.orgCascade`): patients soft-deleted
 * with their org, schedules re-zoned with its time zone. Call it after `bindPatients` and `bindSchedules`.
 */
export const bindOrgCascade = (c: Container): void => {
  c.onActivation<IdentityPorts>(TOKENS.identity.Ports, (_context, ports) => {
    const patients = new OrgPatientsCascade(c.get<PatientPorts>(PATIENT_TOKENS.Ports));
    const schedules = new OrgScheduleRezoning(c.get<SchedulePorts>(SCHEDULE_TOKENS.Ports));
    const orgCascade: OrgCascade = {
      orgDeleted: (orgId, actor) => patients.orgDeleted(orgId, actor),
      orgTimezoneChanged: (orgId, timezone, actor) => schedules.orgTimezoneChanged(orgId, timezone, actor),
    };
    return { ...ports, orgCascade };
  });
};
