import { isActiveRole, type ActiveRole, type Role } from '../../domain/identity/roles';
import { systemActor } from '../../domain/shared/actor';
import type { CareDirectory, PatientRef } from '../ports/care-directory';
import { recordPhi } from './patient-audit';
import { emitPatientEvent } from './patient-events';
import type { PatientPorts } from './patient-ports';
import { assignedPatients, loadPatientViews, patientRefOf, type PatientView } from './patient-views';

/** Turns a patient view into what the login payload carries (the HTTP presenter, injected by bootstrap). */
export type PatientPresenter = (view: PatientView, viewer: ActiveRole) => unknown;

/** The login payload's `alerts` for a caregiver (the alerts context's reader, attached by bootstrap). */
export type LoginAlertsReader = (caregiverId: string) => Promise<readonly unknown[]>;

/**
 * Identity's questions about patients (`CareDirectory`), answered from the patients context: the org's patient
 * ids, a caregiver's assigned patients (short refs and, for the login payload, PatientDTOs in the caller's role
 * view), and removing a leaving caregiver's assignments. The login payload's alerts come from the alerts
 * context's reader when one is attached (`withAlerts`), and are empty otherwise.
 */
export class PatientCareDirectory implements CareDirectory {
  constructor(
    private readonly ports: PatientPorts,
    private readonly present: PatientPresenter,
    private readonly alerts: LoginAlertsReader | null = null,
  ) {}

  /** The same directory answering `loginAlerts` with `alerts`. */
  withAlerts(alerts: LoginAlertsReader): PatientCareDirectory {
    return new PatientCareDirectory(this.ports, this.present, alerts);
  }

  patientIdsOfOrg(orgId: string): Promise<readonly string[]> {
    return this.ports.patients.idsOfOrg(orgId);
  }

  async assignedPatientRefs(caregiverId: string): Promise<readonly PatientRef[]> {
    return (await assignedPatients(this.ports, caregiverId)).map(patientRefOf);
  }

  /**
   * The signed-in caregiver's assigned patients, each with `schedules`, in their role view; an unexpected role
   * gets the narrowest (care) view. Handing them out is a PHI read, audited like any list.
   */
  async loginPatients(caregiverId: string, role: string): Promise<readonly unknown[]> {
    const { ports } = this;
    const viewer: ActiveRole = isActiveRole(role as Role) ? (role as ActiveRole) : 'staff';
    const views = await loadPatientViews(ports, await assignedPatients(ports, caregiverId));
    const orgId = (await ports.caregivers.findById(caregiverId))?.orgId ?? views[0]?.patient.orgId ?? null;
    if (orgId !== null) {
      await recordPhi(
        ports,
        { kind: 'caregiver', caregiverId, role },
        'READ',
        { type: 'patient', id: 'list', orgId },
        views.map((view) => view.patient.id),
        { count: views.length, via: 'login' },
      );
    }
    return views.map((view) => this.present(view, viewer));
  }

  loginAlerts(caregiverId: string): Promise<readonly unknown[]> {
    return this.alerts === null ? Promise.resolve([]) : this.alerts(caregiverId);
  }

  /** Joins the caller's transaction (caregiver deletion, move, promotion to superAdmin) or opens one. */
  async removeAssignmentsOf(caregiverId: string): Promise<void> {
    const { ports } = this;
    await ports.uow.run(async () => {
      const removed = await ports.careTeam.removeAllOfCaregiver(caregiverId);
      const patients = new Map(
        (await ports.patients.findByIds(removed.map((a) => a.patientId))).map((patient) => [patient.id, patient]),
      );
      for (const assignment of removed) {
        const version = patients.get(assignment.patientId)?.version ?? 0;
        await emitPatientEvent(
          ports,
          'CaregiverUnassigned',
          { id: assignment.patientId, orgId: assignment.orgId, version },
          systemActor,
          { caregiverId, by: 'system' },
        );
      }
    });
  }
}
