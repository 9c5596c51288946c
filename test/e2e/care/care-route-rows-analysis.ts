import type { CareRole, CareWorld, OrgKey } from '../../support/care-world';
import type { MatrixRow, Method } from './care-route-matrix';

/**
 * Matrix rows of the calls (§4.11) and analysis contexts (§4.12-§4.14, with the baseline and re-analysis routes of
 * §6.3 and the debug routes of §6.4). Statuses in the order of care-route-matrix.ts: staff assigned, staff not
 * assigned, orgAdmin, superAdmin, another org's admin.
 */
const grid = (a: number, u: number, o: number, s: number, x: number): Record<CareRole, number> => ({
  anonymous: 401,
  staffAssigned: a,
  staffUnassigned: u,
  orgAdmin: o,
  superAdmin: s,
  otherOrg: x,
});
const row = (method: Method, path: string, expect: Record<CareRole, number>, extra: Partial<MatrixRow> = {}) => ({
  method,
  path,
  expect,
  ...extra,
});

/** Reads and triggers about one patient: the assigned staff member, the org's admins and superAdmins. */
const PATIENT_READ = grid(200, 403, 200, 200, 404);
/** Administration of one patient's analyses: admins only. */
const PATIENT_ADMIN = grid(403, 403, 200, 200, 404);
/** Organisation-wide administration: the other org's admin acts on their own organisation. */
const ORG_ADMIN = grid(403, 403, 200, 200, 200);

/** Every call needs a patient without a call in progress, so writes to a call and new calls get fresh ones. */
const freshCall = async (w: CareWorld, org: OrgKey) => ({ callId: await w.fresh.call(org) });
const freshPatient = async (w: CareWorld, org: OrgKey) => ({ patientId: await w.fresh.patient(org) });

export const ANALYSIS_AND_CALL_ROWS: readonly MatrixRow[] = [
  // §4.11 calls on the simulated line.
  row('POST', '/v1/calls/initiate', grid(201, 403, 201, 201, 404), {
    fresh: freshPatient,
    body: ({ t }) => ({ patientId: t.patientId }),
  }),
  row('GET', '/v1/calls/active', grid(200, 200, 200, 200, 200), {
    shown: { orgAdmin: (t) => [t.callId] },
    hidden: { staffUnassigned: (t) => [t.callId] },
  }),
  row('GET', '/v1/calls/{id}/status', PATIENT_READ, { params: (t) => ({ id: t.callId }) }),
  row('GET', '/v1/calls/{id}/conversation', PATIENT_READ, { params: (t) => ({ id: t.callId }) }),
  row('POST', '/v1/calls/{id}/status', PATIENT_READ, {
    fresh: freshCall,
    params: (t) => ({ id: t.callId }),
    body: () => ({ status: 'ringing' }),
  }),
  row('POST', '/v1/calls/{id}/end', PATIENT_READ, {
    fresh: freshCall,
    params: (t) => ({ id: t.callId }),
    body: () => ({ outcome: 'no_answer' }),
  }),

  // §4.12 sentiment, §6.3 re-analysis, §6.4 debug routes.
  row('GET', '/v1/sentiment/patient/{patientId}/trend', PATIENT_READ, { query: () => 'timeRange=lifetime' }),
  row('GET', '/v1/sentiment/patient/{patientId}/summary', PATIENT_READ),
  row('GET', '/v1/sentiment/conversation/{conversationId}', PATIENT_READ),
  // The matrix's conversation is a manual one that never completed: those who may trigger get 400 (§4.12).
  row('POST', '/v1/sentiment/conversation/{conversationId}/analyze', grid(400, 403, 400, 400, 404)),
  row('POST', '/v1/sentiment/patient/{patientId}/reanalyze', PATIENT_ADMIN, { body: () => ({ force: false }) }),
  row('POST', '/v1/test/debug-conversation-data', PATIENT_READ, { body: ({ t }) => ({ patientId: t.patientId }) }),
  row('POST', '/v1/test/debug-sentiment-analysis', ORG_ADMIN, { body: () => ({ hoursBack: 24 }) }),

  // §4.13 medical analysis, §6.3 baselines.
  row('GET', '/v1/medical-analysis/results/{patientId}', PATIENT_READ),
  row('GET', '/v1/medical-analysis/trend/{patientId}', PATIENT_READ),
  row('GET', '/v1/medical-analysis/summary/{patientId}', PATIENT_READ),
  row('POST', '/v1/medical-analysis/trigger-patient/{patientId}', PATIENT_READ),
  row('POST', '/v1/medical-analysis/trigger-all', ORG_ADMIN),
  row('GET', '/v1/medical-analysis/status', ORG_ADMIN),
  row('GET', '/v1/medical-analysis/baseline/{patientId}', PATIENT_READ),
  row('PUT', '/v1/medical-analysis/baseline/{patientId}', PATIENT_ADMIN, {
    body: () => ({ metrics: { vocabularyScore: 60, cognitiveScore: 70 } }),
  }),

  // §4.14 fraud and abuse analysis.
  row('GET', '/v1/fraud-abuse-analysis/results/{patientId}', PATIENT_READ),
  row('GET', '/v1/fraud-abuse-analysis/{patientId}', PATIENT_READ),
  row('POST', '/v1/fraud-abuse-analysis/trigger-patient/{patientId}', PATIENT_READ),
];
