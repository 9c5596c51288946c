import {
  alertTypeProblems,
  createCustomAlert,
  isCurrent,
  relevanceProblem,
  type Alert,
  type AlertType,
  type AlertVisibility,
  type CreatedModel,
  type Importance,
} from '../../domain/alerts/alert';
import { isInAudience } from '../../domain/alerts/alert-policy';
import { isActiveRole, type AccessScope } from '../../domain/identity/roles';
import type { Patient } from '../../domain/patients/patient';
import type { Actor } from '../../domain/shared/actor';
import { ValidationError } from '../../domain/shared/errors';
import { audienceMemberFor, patientIdsOfAlert } from './alert-access';
import { denyAlertAccess, recordAlertAccess, recordAlertDenial } from './alert-audit';
import { caregiverNotFound, conversationNotFound, patientNotFound } from './alert-errors';
import type { AlertPorts } from './alert-ports';

/** A validated `POST /alerts` body (`readBy` is accepted on the wire and dropped before this). */
export interface AlertCreateInput {
  readonly message: string;
  readonly importance: Importance;
  readonly alertType: AlertType;
  readonly visibility: AlertVisibility;
  readonly createdModel: CreatedModel;
  readonly createdBy: string;
  readonly relatedPatient?: string;
  readonly relatedConversation?: string;
  /** Absent: now + 7 days. */
  readonly relevanceUntil?: Date;
}

export interface CreatedAlert {
  readonly alert: Alert;
  /** False when an identical visible custom alert was returned instead (200, not 201). */
  readonly created: boolean;
}

/**
 * `CreateAlert` (DOMAIN.md §8.4 #2, `POST /alerts`): a `custom` alert. Staff create them for their assigned
 * patients, orgAdmins in their organisation, superAdmins anywhere. `relatedPatient` must be in the caller's scope
 * (another organisation's patient is 404, an unassigned one 403); `createdBy` must name the caller (`Caregiver`),
 * a patient or a patient's schedule in scope (`Patient`, `Schedule`), or the own organisation (`Org`, orgAdmin
 * only), anything else is 403. An identical visible custom alert is returned instead of a duplicate. Custom
 * alerts never notify.
 */
export class CreateAlert {
  constructor(private readonly ports: AlertPorts) {}

  async execute(scope: AccessScope, input: AlertCreateInput, actor: Actor): Promise<CreatedAlert> {
    const { ports } = this;
    const now = ports.clock.now();
    const problems = alertTypeProblems(
      input.alertType,
      input.relatedPatient ?? null,
      input.relatedConversation ?? null,
    );
    const late = input.relevanceUntil === undefined ? null : relevanceProblem(input.relevanceUntil, now);
    if (late !== null) problems.push(late);
    if (problems.length > 0) throw new ValidationError(problems);

    const related =
      input.relatedPatient === undefined ? null : await this.patientInScope(scope, input.relatedPatient, actor);
    const creator = await this.creatorPatient(scope, input, actor);
    const orgId = related?.orgId ?? creator?.orgId ?? scope.orgId;
    if (creator !== null && creator.orgId !== orgId) {
      await denyAlertAccess(
        ports,
        actor,
        'alert.create',
        { type: 'patient', id: creator.id, orgId },
        'created_by_other_org',
      );
    }
    if (input.relatedConversation !== undefined) {
      const owner = await ports.references.patientOfConversation(input.relatedConversation);
      if (owner === null || owner !== related?.id) throw conversationNotFound();
    }

    const patientId = related?.id ?? null;
    const duplicate = await this.identicalVisible(scope, {
      orgId,
      patientId,
      createdBy: input.createdBy,
      message: input.message,
    });
    if (duplicate !== null) {
      await recordAlertAccess(ports, actor, 'READ', { id: duplicate.id, orgId }, patientIdsOfAlert(duplicate), {
        duplicate: true,
      });
      return { alert: duplicate, created: false };
    }

    const alert = createCustomAlert({
      id: ports.ids.next(),
      orgId,
      authorCaregiverId: scope.caregiverId,
      message: input.message,
      importance: input.importance,
      alertType: input.alertType,
      visibility: input.visibility,
      createdBy: input.createdBy,
      createdModel: input.createdModel,
      patientId,
      conversationId: input.relatedConversation ?? null,
      ...(input.relevanceUntil === undefined ? {} : { relevanceUntil: input.relevanceUntil }),
      now,
    });
    await ports.uow.run(async () => {
      await ports.alerts.insert(alert);
      await recordAlertAccess(ports, actor, 'CREATE', { id: alert.id, orgId }, patientIdsOfAlert(alert), {
        kind: alert.kind,
        importance: alert.importance,
        visibility: alert.visibility,
      });
    });
    return { alert, created: true };
  }

  /**
   * The test-support `POST /v1/test/create-alert` (API-CONTRACT.md §6.4): a custom alert written as the named
   * caregiver (`createdBy` = that caregiver, `createdModel: 'Caregiver'`), with their scope. An unknown or
   * inactive caregiver is 404.
   */
  async asCaregiver(
    caregiverId: string,
    input: Omit<AlertCreateInput, 'createdBy' | 'createdModel'>,
    actor: Actor,
  ): Promise<CreatedAlert> {
    const caregiver = await this.ports.caregivers.findById(caregiverId);
    if (caregiver === null || !isActiveRole(caregiver.role)) throw caregiverNotFound();
    const scope: AccessScope = { caregiverId: caregiver.id, role: caregiver.role, orgId: caregiver.orgId };
    return this.execute(scope, { ...input, createdBy: caregiver.id, createdModel: 'Caregiver' }, actor);
  }

  /** A patient the caller may raise an alert about: 404 for unknown and other organisations', 403 unassigned. */
  private async patientInScope(scope: AccessScope, patientId: string, actor: Actor): Promise<Patient> {
    const { ports } = this;
    const patient = await ports.patients.findById(patientId);
    if (patient === null) throw patientNotFound();
    if (scope.role === 'superAdmin') return patient;
    if (patient.orgId !== scope.orgId) {
      await recordAlertDenial(
        ports,
        actor,
        'alert.create',
        { type: 'patient', id: patient.id, orgId: patient.orgId },
        'other_org',
      );
      throw patientNotFound();
    }
    if (scope.role === 'staff' && (await ports.careTeam.find(patient.id, scope.caregiverId)) === null) {
      await denyAlertAccess(
        ports,
        actor,
        'alert.create',
        { type: 'patient', id: patient.id, orgId: patient.orgId, patientIds: [patient.id] },
        'not_assigned',
      );
    }
    return patient;
  }

  /**
   * Checks `createdBy`/`createdModel` and resolves the patient they name (`Patient`, `Schedule`), or null
   * (`Caregiver`, `Org`). Every refusal is an audited 403, whatever the reason (unknown, other org, unassigned).
   */
  private async creatorPatient(scope: AccessScope, input: AlertCreateInput, actor: Actor): Promise<Patient | null> {
    const { ports } = this;
    const refuse = (rule: string): Promise<never> =>
      denyAlertAccess(ports, actor, 'alert.create', { type: 'alert', id: null, orgId: scope.orgId }, rule);
    switch (input.createdModel) {
      case 'Caregiver':
        return input.createdBy === scope.caregiverId ? null : refuse('created_by_other_caregiver');
      case 'Org':
        return scope.role === 'orgAdmin' && input.createdBy === scope.orgId ? null : refuse('created_by_org');
      case 'Patient':
      case 'Schedule': {
        const patientId =
          input.createdModel === 'Patient'
            ? input.createdBy
            : await ports.references.patientOfSchedule(input.createdBy);
        const patient = patientId === null ? null : await ports.patients.findById(patientId);
        if (patient === null) return refuse('created_by_unknown');
        if (scope.role === 'superAdmin') return patient;
        if (patient.orgId !== scope.orgId) return refuse('created_by_other_org');
        if (scope.role === 'staff' && (await ports.careTeam.find(patient.id, scope.caregiverId)) === null) {
          return refuse('created_by_not_assigned');
        }
        return patient;
      }
    }
  }

  /** An identical custom alert that is current and in the caller's audience, or null. */
  private async identicalVisible(
    scope: AccessScope,
    query: { orgId: string; patientId: string | null; createdBy: string; message: string },
  ): Promise<Alert | null> {
    const { ports } = this;
    const now = ports.clock.now();
    for (const alert of await ports.alerts.findIdenticalCustom(query)) {
      if (isCurrent(alert, now) && isInAudience(alert, await audienceMemberFor(ports, scope, alert))) return alert;
    }
    return null;
  }
}
