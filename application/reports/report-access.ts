import type { AccessScope } from '../../domain/identity/roles';
import type { Patient } from '../../domain/patients/patient';
import type { Actor } from '../../domain/shared/actor';
import type { Report } from './report';
import { denyReportAccess, recordReportDenial } from './report-audit';
import { patientNotFound, reportNotFound } from './report-errors';
import type { ReportPorts } from './report-ports';

/**
 * The reports row of the permission matrix (API-CONTRACT.md §2.8): orgAdmins of the own organisation, superAdmins
 * of any; staff none (an audited 403 before anything is read). Records of another organisation are not found.
 */
export const requireReportAccess = async (ports: ReportPorts, scope: AccessScope, actor: Actor): Promise<void> => {
  if (scope.role !== 'orgAdmin' && scope.role !== 'superAdmin') {
    await denyReportAccess(ports, actor, { type: 'org', id: scope.orgId, orgId: scope.orgId }, 'role');
  }
};

const outOfScope = (scope: AccessScope, orgId: string): boolean => scope.role !== 'superAdmin' && orgId !== scope.orgId;

/** A patient to report on: unknown, deleted and other organisations' patients are all 404 `Patient not found`. */
export const loadPatientForReport = async (
  ports: ReportPorts,
  scope: AccessScope,
  patientId: string,
  actor: Actor,
): Promise<Patient> => {
  await requireReportAccess(ports, scope, actor);
  const patient = await ports.patients.findById(patientId);
  if (patient === null) throw patientNotFound();
  if (outOfScope(scope, patient.orgId)) {
    await recordReportDenial(ports, actor, { type: 'patient', id: patient.id, orgId: patient.orgId }, 'other_org');
    throw patientNotFound();
  }
  return patient;
};

/** A stored report the caller may see: unknown and other organisations' reports are both 404 `Report not found`. */
export const loadReport = async (
  ports: ReportPorts,
  scope: AccessScope,
  reportId: string,
  actor: Actor,
): Promise<Report> => {
  await requireReportAccess(ports, scope, actor);
  const report = await ports.reports.findById(reportId);
  if (report === null) throw reportNotFound();
  if (outOfScope(scope, report.orgId)) {
    await recordReportDenial(ports, actor, { type: 'report', id: report.id, orgId: report.orgId }, 'other_org');
    throw reportNotFound();
  }
  return report;
};
