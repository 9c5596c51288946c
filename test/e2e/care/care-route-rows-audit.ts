import type { CareRole } from '../../support/care-world';
import type { MatrixRow, Method } from './care-route-matrix';

/**
 * Matrix rows of the audit (D12) and breach (D13) routes of §6.3. Statuses in the order of care-route-matrix.ts:
 * staff assigned, staff not assigned, orgAdmin, superAdmin, another org's admin. Breach logs are opened by the
 * system's detectors only (no endpoint creates one), so the `{id}` rows address an id of nothing: they check the
 * role gate and the 404 of a missing record, not the reading of a real breach.
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

const NO_BREACH = '000000000000000000000000';
const noBreach = () => ({ id: NO_BREACH });
const DAY = 24 * 60 * 60 * 1000;

export const AUDIT_ROWS: readonly MatrixRow[] = [
  // Org A's entries are org A's: the other org's admin never sees one naming org A's records (the leak check).
  // No `patientId` filter here: the caller's own audit-read entry records the filter it was given.
  row('GET', '/v1/audit/entries', grid(403, 403, 200, 200, 200), {
    query: () => 'limit=100',
    shown: { orgAdmin: (t) => [t.patientId] },
  }),
  row('GET', '/v1/audit/report', grid(403, 403, 200, 200, 200), {
    query: () => `from=${new Date(Date.now() - DAY).toISOString()}&to=${new Date(Date.now() + DAY).toISOString()}`,
  }),
  row('POST', '/v1/audit/verify', grid(403, 403, 403, 200, 403), { body: () => ({}) }),
  row('GET', '/v1/breaches', grid(403, 403, 200, 200, 200)),
  row('GET', '/v1/breaches/{id}', grid(403, 403, 404, 404, 404), {
    params: noBreach,
    crossOrg: { staffAssigned: 403, staffUnassigned: 403, orgAdmin: 404 },
  }),
  row('PATCH', '/v1/breaches/{id}', grid(403, 403, 403, 404, 403), {
    params: noBreach,
    body: () => ({ rootCause: 'Matrix probe' }),
    crossOrg: 403,
  }),
];
