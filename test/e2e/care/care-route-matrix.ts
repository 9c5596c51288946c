import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { alertBody, type CareRole, type CareTargets, type CareWorld, type OrgKey } from '../../support/care-world';
import { ADMINISTRATION_ROWS } from './care-route-rows-admin';
import { ANALYSIS_AND_CALL_ROWS } from './care-route-rows-analysis';
import { AUDIT_ROWS } from './care-route-rows-audit';

/**
 * The care routes' authorization matrix (API-CONTRACT.md §2.7, §2.8, §4.7-§4.10, §6.3; QUALITY.md S2) as data:
 * one row per route (several when a route has distinct cases), the exact status each caller gets. Adding a route
 * is adding one row here; the matrix and fuzz suites both walk this table.
 */
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RowContext {
  readonly t: CareTargets;
  readonly w: CareWorld;
  readonly role: CareRole;
}

export type IdsOf = (t: CareTargets, w: CareWorld) => readonly string[];

export interface MatrixRow {
  readonly method: Method;
  /** Exactly as test/fixtures/api-endpoints.json spells it, `{param}` placeholders included. */
  readonly path: string;
  /** Tells apart several rows of one route. */
  readonly note?: string;
  readonly expect: Readonly<Record<CareRole, number>>;
  /** A query string (without `?`). */
  readonly query?: (t: CareTargets, w: CareWorld) => string;
  /** Path parameters from the targets of the organisation addressed; DEFAULT_PARAMS otherwise. */
  readonly params?: (t: CareTargets) => Readonly<Record<string, string>>;
  readonly body?: (ctx: RowContext) => unknown;
  /** Sends a multipart `avatar` upload instead of a JSON body. */
  readonly upload?: boolean;
  /** Targets created anew for every request, for routes that consume them (deletes) or change who sees them. */
  readonly fresh?: (w: CareWorld, org: OrgKey) => Promise<Partial<CareTargets>>;
  /** Ids a role's answer must contain (proves the data is there) and must not contain (scope). */
  readonly shown?: Partial<Record<CareRole, IdsOf>>;
  readonly hidden?: Partial<Record<CareRole, IdsOf>>;
  /**
   * What org A's own roles get when the path names org B's records (path parameters only): 404 by default. Per
   * role where the role check comes first: staff are refused an admin-only route (403) before any lookup.
   */
  readonly crossOrg?: number | Partial<Record<CareRole, number>>;
  /**
   * A reported deviation from the contract: the row's test runs as `it.failing` until the production code is
   * fixed, then fails, and this line is deleted. Say what is wrong and where the contract says so.
   */
  readonly knownDefect?: string;
}

const DEFAULT_PARAMS = (t: CareTargets): Record<string, string> => ({
  id: t.patientId,
  patientId: t.patientId,
  caregiverId: t.caregiverId,
  scheduleId: t.scheduleId,
  conversationId: t.conversationId,
  alertId: t.alertId,
});

/** Statuses in a fixed order: staff assigned, staff not assigned, orgAdmin, superAdmin, another org's admin. */
const grid = (
  staffAssigned: number,
  staffUnassigned: number,
  orgAdmin: number,
  superAdmin: number,
  otherOrg: number,
  anonymous = 401,
): Record<CareRole, number> => ({ anonymous, staffAssigned, staffUnassigned, orgAdmin, superAdmin, otherOrg });

const row = (method: Method, path: string, expect: Record<CareRole, number>, extra: Partial<MatrixRow> = {}) => ({
  method,
  path,
  expect,
  ...extra,
});

const freshPatient = async (w: CareWorld, org: OrgKey) => ({ patientId: await w.fresh.patient(org) });
const freshSchedule = async (w: CareWorld, org: OrgKey) => ({ scheduleId: await w.fresh.schedule(org) });
const freshAlert = async (w: CareWorld, org: OrgKey) => ({ alertId: await w.fresh.alert(org) });
const freshStaffAlert = async (w: CareWorld, org: OrgKey) => ({ alertId: await w.fresh.alert(org, 'staff') });
const freshUnassigned = async (w: CareWorld, org: OrgKey) => ({
  unassignedPatientId: await w.fresh.unassignedPatient(org),
});

export const CARE_MATRIX: readonly MatrixRow[] = [
  // §4.7 patients and care teams. A non-superAdmin naming another org in a body gets 403 (§2.8).
  row('POST', '/v1/patients', grid(403, 403, 201, 201, 403), {
    body: ({ t, role }) => ({ name: `Created by ${role}`, phone: '+16045550150', org: t.orgId }),
  }),
  row('POST', '/v1/patients', grid(403, 403, 201, 400, 201), {
    note: 'without org: a superAdmin must name it',
    body: ({ role }) => ({ name: `Own org of ${role}`, phone: '+16045550151' }),
  }),
  row('POST', '/v1/patients', grid(403, 403, 201, 201, 404), {
    note: "org A's caregiver on the care team",
    body: ({ w, role }) => ({
      name: `Team of ${role}`,
      phone: '+16045550152',
      caregivers: [w.caregiverIds.staffAssigned],
      ...(role === 'superAdmin' ? { org: w.targets.orgA.orgId } : {}),
    }),
  }),
  row('GET', '/v1/patients', grid(200, 200, 200, 200, 200), {
    shown: { staffAssigned: (t) => [t.patientId], orgAdmin: (t) => [t.patientId, t.unassignedPatientId] },
    hidden: { staffUnassigned: (t) => [t.patientId, t.unassignedPatientId] },
  }),
  row('GET', '/v1/patients', grid(403, 403, 403, 200, 200), {
    note: '?org= another organisation',
    query: (_t, w) => `org=${w.targets.orgB.orgId}`,
    shown: { superAdmin: (_t, w) => [w.targets.orgB.patientId], otherOrg: (_t, w) => [w.targets.orgB.patientId] },
  }),
  row('GET', '/v1/patients/unassigned', grid(200, 200, 200, 200, 200), {
    shown: { orgAdmin: (t) => [t.unassignedPatientId] },
    hidden: { staffAssigned: (t) => [t.unassignedPatientId], staffUnassigned: (t) => [t.unassignedPatientId] },
  }),
  row('GET', '/v1/patients/unassigned', grid(403, 403, 403, 200, 200), {
    note: '?org= another organisation',
    query: (_t, w) => `org=${w.targets.orgB.orgId}`,
    shown: { superAdmin: (_t, w) => [w.targets.orgB.unassignedPatientId] },
  }),
  row('POST', '/v1/patients/assign-unassigned', grid(403, 403, 200, 200, 404), {
    fresh: freshUnassigned,
    body: ({ t }) => ({ caregiverId: t.caregiverId, patientIds: [t.unassignedPatientId] }),
  }),
  row('GET', '/v1/patients/{id}', grid(200, 403, 200, 200, 404), { shown: { staffAssigned: (t) => [t.patientId] } }),
  row('PATCH', '/v1/patients/{id}', grid(200, 403, 200, 200, 404), {
    note: 'care fields',
    body: () => ({ preferredName: 'Aggie', notes: 'Prefers morning calls' }),
  }),
  row('PATCH', '/v1/patients/{id}', grid(403, 403, 200, 200, 404), {
    note: 'a non-care field',
    fresh: freshPatient,
    body: ({ role }) => ({ name: `Renamed by ${role}` }),
  }),
  row('POST', '/v1/patients/{id}/avatar', grid(200, 403, 200, 200, 404), { upload: true }),
  row('DELETE', '/v1/patients/{id}', grid(403, 403, 204, 204, 404), { fresh: freshPatient }),
  row('POST', '/v1/patients/{patientId}/caregivers/{caregiverId}', grid(403, 403, 200, 200, 404)),
  row('DELETE', '/v1/patients/{patientId}/caregivers/{caregiverId}', grid(403, 403, 200, 200, 404)),
  row('GET', '/v1/patients/{patientId}/caregivers', grid(403, 403, 200, 200, 404)),

  // §4.8 schedules: staff act on the schedules of their assigned patients.
  row('POST', '/v1/schedules/patients/{patientId}', grid(201, 403, 201, 201, 404), {
    body: () => ({ frequency: 'daily', time: '08:15' }),
  }),
  row('GET', '/v1/schedules/{scheduleId}', grid(200, 403, 200, 200, 404)),
  row('PUT', '/v1/schedules/{scheduleId}', grid(200, 403, 200, 200, 404), {
    body: () => ({ frequency: 'weekly', intervals: [{ day: 1 }], time: '10:00' }),
  }),
  row('PATCH', '/v1/schedules/{scheduleId}', grid(200, 403, 200, 200, 404), { body: () => ({ time: '11:30' }) }),
  row('DELETE', '/v1/schedules/{scheduleId}', grid(204, 403, 204, 204, 404), { fresh: freshSchedule }),

  // §4.9 conversations: manual conversations and messages are admin tools.
  row('POST', '/v1/conversations/patient/{patientId}', grid(403, 403, 201, 201, 404), { body: () => ({}) }),
  row('POST', '/v1/conversations/{conversationId}', grid(403, 403, 200, 200, 404), {
    body: ({ role }) => ({ role: 'assistant', content: `Note by ${role}` }),
  }),
  row('GET', '/v1/conversations/{conversationId}', grid(200, 403, 200, 200, 404)),
  row('GET', '/v1/patients/{patientId}/conversations', grid(200, 403, 200, 200, 404), {
    shown: { staffAssigned: (t) => [t.conversationId] },
  }),

  // §4.10 alerts: reads answer the alert's audience; anyone else gets 404, never 403 (D23). The target alert is
  // for assigned caregivers, written by org A's admin: a superAdmin is not in its audience.
  row('POST', '/v1/alerts', grid(201, 403, 201, 201, 404), {
    body: ({ t, role }) => alertBody(t.patientId, `Raised by ${role}`),
  }),
  row('POST', '/v1/alerts', grid(201, 403, 201, 201, 404), {
    note: 'about a conversation',
    body: ({ t, role }) => ({
      ...alertBody(t.patientId, `About the call, by ${role}`),
      alertType: 'conversation',
      relatedConversation: t.conversationId,
    }),
  }),
  row('POST', '/v1/alerts', grid(201, 403, 201, 201, 403), {
    note: 'createdBy a schedule',
    body: ({ t, role }) => ({
      ...alertBody(t.patientId, `Schedule note by ${role}`),
      createdModel: 'Schedule',
      createdBy: t.scheduleId,
      alertType: 'system',
      relatedPatient: undefined,
    }),
  }),
  row('POST', '/v1/alerts', grid(201, 403, 403, 403, 403), {
    note: 'createdBy a caregiver: only oneself',
    body: ({ w, role }) => ({
      message: `Signed as staff by ${role}`,
      importance: 'low',
      alertType: 'system',
      visibility: 'allCaregivers',
      createdModel: 'Caregiver',
      createdBy: w.caregiverIds.staffAssigned,
    }),
  }),
  row('POST', '/v1/alerts', grid(403, 403, 201, 403, 403), {
    note: 'createdBy the organisation: its orgAdmins only',
    body: ({ t, role }) => ({
      message: `Signed as the org by ${role}`,
      importance: 'low',
      alertType: 'system',
      visibility: 'orgAdmin',
      createdModel: 'Org',
      createdBy: t.orgId,
    }),
  }),
  row('GET', '/v1/alerts', grid(200, 200, 200, 200, 200), {
    query: () => 'showRead=true',
    shown: { staffAssigned: (t) => [t.alertId], orgAdmin: (t) => [t.alertId] },
    hidden: { staffUnassigned: (t) => [t.alertId] },
  }),
  row('GET', '/v1/alerts', grid(403, 403, 403, 200, 200), {
    note: '?org= another organisation',
    query: (_t, w) => `showRead=true&org=${w.targets.orgB.orgId}`,
    shown: { otherOrg: (_t, w) => [w.targets.orgB.alertId] },
  }),
  row('GET', '/v1/alerts/{alertId}', grid(200, 404, 200, 404, 404)),
  row('PATCH', '/v1/alerts/{alertId}', grid(403, 403, 200, 200, 404), { body: () => ({ importance: 'high' }) }),
  row('PATCH', '/v1/alerts/{alertId}', grid(200, 403, 200, 200, 404), {
    note: 'written by the staff member',
    fresh: freshStaffAlert,
    body: () => ({ message: 'Edited note' }),
  }),
  row('DELETE', '/v1/alerts/{alertId}', grid(403, 403, 204, 204, 404), { fresh: freshAlert }),
  row('DELETE', '/v1/alerts/{alertId}', grid(204, 403, 204, 204, 404), {
    note: 'written by the staff member',
    fresh: freshStaffAlert,
  }),
  row('POST', '/v1/alerts/markAsRead/{alertId}', grid(200, 404, 200, 404, 404), { fresh: freshAlert }),
  row('POST', '/v1/alerts/markAsRead', grid(200, 200, 200, 200, 200), { body: () => ({ alertIds: [] }) }),
  row('POST', '/v1/alerts/{alertId}/acknowledge', grid(200, 404, 200, 404, 404), {
    fresh: freshAlert,
    body: () => ({ note: 'Seen, calling her now' }),
  }),
  ...ANALYSIS_AND_CALL_ROWS,
  ...ADMINISTRATION_ROWS,
  ...AUDIT_ROWS,
];

/** The path of `row` with its parameters taken from `t`. */
export const pathOf = (row: MatrixRow, t: CareTargets, w: CareWorld): string => {
  const params = (row.params ?? DEFAULT_PARAMS)(t);
  const path = row.path.replace(/\{([A-Za-z]+)\}/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${row.method} ${row.path}`);
    return encodeURIComponent(value);
  });
  return row.query === undefined ? path : `${path}?${row.query(t, w)}`;
};

export const routeKey = (route: { method: string; path: string }): string => `${route.method} ${route.path}`;

export interface ContractEndpoint {
  readonly resource: string;
  readonly method: string;
  readonly path: string;
  readonly auth: string;
}

/** The contract's endpoint list (a copy of the spec's api-endpoints.json). */
export const contractEndpoints = (): ContractEndpoint[] =>
  JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'api-endpoints.json'), 'utf8')) as ContractEndpoint[];

/** The `resource` values of the endpoint list that hold patient-care routes (and the audit log over them). */
export const CARE_RESOURCES: ReadonlySet<string> = new Set([
  'patient',
  'schedule',
  'conversation',
  'alert',
  'callWorkflow',
  'sentiment',
  'medicalAnalysis',
  'fraudAbuse',
  'emergencyPhrase',
  'report',
  'privacy',
  'audit',
]);
