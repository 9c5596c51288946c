import type { CareRole, CareWorld, OrgKey } from '../../support/care-world';
import { consentBody, phraseBody } from '../../support/care-world-records';
import type { MatrixRow, Method } from './care-route-matrix';

/**
 * Matrix rows of the §6.3 administration contexts: emergency phrases, reports, privacy requests and consents.
 * Statuses in the order of care-route-matrix.ts: staff assigned, staff not assigned, orgAdmin, superAdmin,
 * another org's admin.
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

/** Admin-only routes refuse staff by role before looking the record up: 403 even for another org's id. */
const STAFF_REFUSED_FIRST = { staffAssigned: 403, staffUnassigned: 403 };

const freshPhrase = async (w: CareWorld, org: OrgKey) => ({ phraseId: await w.fresh.phrase(org) });
const freshReport = async (w: CareWorld, org: OrgKey) => ({ reportId: await w.fresh.report(org) });
const freshRequest = async (w: CareWorld, org: OrgKey) => ({ privacyRequestId: await w.fresh.privacyRequest(org) });
const freshConsent = async (w: CareWorld, org: OrgKey) => ({ consentId: await w.fresh.consent(org) });

export const ADMINISTRATION_ROWS: readonly MatrixRow[] = [
  // §6.3 emergency phrases: admins only; an orgAdmin's phrases are always of the own organisation.
  row('GET', '/v1/emergency-phrases', grid(403, 403, 200, 200, 200), {
    shown: { orgAdmin: (t) => [t.phraseId], otherOrg: (_t, w) => [w.targets.orgB.phraseId] },
  }),
  row('POST', '/v1/emergency-phrases', grid(403, 403, 201, 201, 201), {
    body: ({ role }) => ({
      ...phraseBody(`Created by ${role}`),
      ...(role === 'superAdmin' ? { scope: 'global' } : {}),
    }),
  }),
  row('GET', '/v1/emergency-phrases/{id}', grid(403, 403, 200, 200, 404), {
    crossOrg: STAFF_REFUSED_FIRST,
    params: (t) => ({ id: t.phraseId }),
  }),
  row('PATCH', '/v1/emergency-phrases/{id}', grid(403, 403, 200, 200, 404), {
    crossOrg: STAFF_REFUSED_FIRST,
    params: (t) => ({ id: t.phraseId }),
    body: ({ role }) => ({ description: `Reviewed by ${role}` }),
  }),
  row('DELETE', '/v1/emergency-phrases/{id}', grid(403, 403, 204, 204, 404), {
    crossOrg: STAFF_REFUSED_FIRST,
    fresh: freshPhrase,
    params: (t) => ({ id: t.phraseId }),
  }),
  row('POST', '/v1/emergency-phrases/test', grid(403, 403, 200, 200, 200), {
    body: () => ({ text: 'I fell and I cannot get up', language: 'en' }),
  }),

  // §6.3 reports: admins of the patient's organisation and superAdmins.
  row('POST', '/v1/reports', grid(403, 403, 201, 201, 404), { body: ({ t }) => ({ patientId: t.patientId }) }),
  row('GET', '/v1/reports', grid(403, 403, 200, 200, 200), {
    shown: { orgAdmin: (t) => [t.reportId], otherOrg: (_t, w) => [w.targets.orgB.reportId] },
  }),
  row('GET', '/v1/reports/{id}', grid(403, 403, 200, 200, 404), {
    crossOrg: STAFF_REFUSED_FIRST,
    params: (t) => ({ id: t.reportId }),
  }),
  row('DELETE', '/v1/reports/{id}', grid(403, 403, 204, 204, 404), {
    crossOrg: STAFF_REFUSED_FIRST,
    fresh: freshReport,
    params: (t) => ({ id: t.reportId }),
  }),

  // §6.3 privacy requests: anyone about themselves; the requester, the org's admins and superAdmins see one.
  // The target request was filed by `staffAssigned` about themselves (org B: by its admin).
  row('POST', '/v1/privacy/requests', grid(201, 201, 201, 201, 201), {
    note: 'about oneself',
    body: ({ w, role }) => ({
      requestType: 'access',
      subjectType: 'caregiver',
      subjectId: role === 'anonymous' ? w.caregiverIds.orgAdmin : w.caregiverIds[role],
    }),
  }),
  row('POST', '/v1/privacy/requests', grid(403, 403, 201, 201, 404), {
    note: 'about a patient',
    body: ({ t }) => ({ requestType: 'access', subjectType: 'patient', subjectId: t.patientId }),
  }),
  row('GET', '/v1/privacy/requests', grid(200, 200, 200, 200, 200), {
    shown: { staffAssigned: (t) => [t.privacyRequestId], orgAdmin: (t) => [t.privacyRequestId] },
    hidden: { staffUnassigned: (t) => [t.privacyRequestId] },
  }),
  row('GET', '/v1/privacy/requests/{id}', grid(200, 404, 200, 200, 404), {
    params: (t) => ({ id: t.privacyRequestId }),
  }),
  // Decisions are the admins': the requester is refused (403), other staff do not see the request at all (404).
  row('PATCH', '/v1/privacy/requests/{id}', grid(403, 404, 200, 200, 404), {
    params: (t) => ({ id: t.privacyRequestId }),
    body: ({ role }) => ({ action: 'note', note: `Noted by ${role}` }),
  }),
  // Only a denied request can be appealed (§6.3): the requester gets 409 for a pending one.
  row('POST', '/v1/privacy/requests/{id}/appeal', grid(409, 404, 403, 403, 404), {
    params: (t) => ({ id: t.privacyRequestId }),
    body: () => ({ reason: 'Please look again' }),
  }),
  row('POST', '/v1/privacy/requests/{id}/complete', grid(403, 404, 200, 200, 404), {
    fresh: freshRequest,
    params: (t) => ({ id: t.privacyRequestId }),
  }),
  // The export exists once an access request is completed (§6.3): a pending one is 404 to everyone.
  row('GET', '/v1/privacy/requests/{id}/export', grid(404, 404, 404, 404, 404), {
    params: (t) => ({ id: t.privacyRequestId }),
  }),

  // §6.3 consents about a patient: the assigned staff member, the org's admins, superAdmins.
  row('POST', '/v1/privacy/consents', grid(201, 403, 201, 201, 404), {
    body: ({ t, role }) => consentBody(t.patientId, `Recorded by ${role}`),
  }),
  row('GET', '/v1/privacy/consents', grid(200, 403, 200, 200, 404), {
    // With the superseded history: every consent recorded by a row replaces the active one of its type.
    query: (t) => `subjectType=patient&subjectId=${t.patientId}&includeWithdrawn=true`,
    shown: { staffAssigned: (t) => [t.consentId], orgAdmin: (t) => [t.consentId] },
  }),
  row('POST', '/v1/privacy/consents/{id}/withdraw', grid(200, 403, 200, 200, 404), {
    fresh: freshConsent,
    params: (t) => ({ id: t.consentId }),
    body: () => ({ reason: 'Changed her mind' }),
  }),
];
