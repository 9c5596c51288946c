import type { JsonResponse } from '../../support/http-client';
import {
  buildCareWorld,
  PNG,
  startCareApp,
  type CareApp,
  type CareRole,
  type CareTargets,
  type CareWorld,
  type OrgKey,
} from '../../support/care-world';
import { CARE_MATRIX, CARE_RESOURCES, contractEndpoints, pathOf, routeKey, type MatrixRow } from './care-route-matrix';
import { NOT_YET_BUILT } from './care-routes-not-built';

/**
 * QUALITY.md S2 for the patient-care routes: every route x caller gets the exact status of API-CONTRACT.md
 * §2.7/§2.8 and §4.7-§4.10 (401 without a token, 403 inside the own organisation when role or assignment forbid,
 * 404 for another organisation's records), and no answer carries records outside the caller's scope.
 */
const ROLES: readonly CareRole[] = [
  'anonymous',
  'staffAssigned',
  'staffUnassigned',
  'orgAdmin',
  'superAdmin',
  'otherOrg',
];
const OWN_ORG_ROLES: readonly CareRole[] = ['staffAssigned', 'staffUnassigned', 'orgAdmin'];
const FORBIDDEN = 'Access denied: insufficient permissions.';
const ZERO_ID = '000000000000000000000000';

const label = (row: MatrixRow): string => `${row.method} ${row.path}${row.note === undefined ? '' : ` (${row.note})`}`;

/** What is wrong with one answer besides its status: the envelope, the 204 body, the ids it shows or hides. */
const answerProblems = (
  res: JsonResponse,
  role: CareRole,
  t: CareTargets,
  w: CareWorld,
  row: MatrixRow,
  leaks: readonly string[],
) => {
  const problems: string[] = [];
  const body = res.body as { code?: unknown; message?: unknown; reason?: unknown } | null;
  if (res.status >= 400) {
    if (body?.code !== res.status || typeof body.message !== 'string') problems.push(`${role}: no {code, message}`);
    if (res.status === 401 && body?.reason !== 'TOKEN_MISSING') problems.push(`${role}: 401 without TOKEN_MISSING`);
    if (res.status === 403 && body?.message !== FORBIDDEN) problems.push(`${role}: 403 says ${String(body?.message)}`);
    if (res.status === 404 && !/not found$/i.test(String(body?.message))) problems.push(`${role}: odd 404 message`);
  } else if (res.status === 204 ? res.text !== '' : typeof res.body !== 'object' || res.body === null) {
    problems.push(`${role}: ${res.status} with body ${res.text.slice(0, 80)}`);
  }
  for (const id of leaks) if (res.text.includes(id)) problems.push(`${role}: answer leaks ${id}`);
  for (const id of row.hidden?.[role]?.(t, w) ?? []) if (res.text.includes(id)) problems.push(`${role}: shows ${id}`);
  if (res.status < 300) {
    for (const id of row.shown?.[role]?.(t, w) ?? [])
      if (!res.text.includes(id)) problems.push(`${role}: misses ${id}`);
  }
  return problems;
};

describe('care authorization matrix over HTTP (S2)', () => {
  let t: CareApp;
  let w: CareWorld;

  beforeAll(async () => {
    t = await startCareApp();
    w = await buildCareWorld(t);
  }, 60_000);
  afterAll(async () => {
    await t.stop();
  });

  /** One request of `row` by `role` against the records of `org` (fresh ones when the row asks). */
  const perform = async (row: MatrixRow, org: OrgKey, role: CareRole) => {
    const targets = row.fresh === undefined ? w.targets[org] : { ...w.targets[org], ...(await row.fresh(w, org)) };
    const token = role === 'anonymous' ? undefined : w.tokens[role];
    const path = pathOf(row, targets, w);
    const res = row.upload
      ? await t.upload(path, PNG, token)
      : await t.send(row.method, path, row.body?.({ t: targets, w, role }), token);
    return { res, targets };
  };

  describe('route coverage', () => {
    const care = contractEndpoints()
      .filter((e) => CARE_RESOURCES.has(e.resource))
      .map(routeKey);
    const inMatrix = new Set(CARE_MATRIX.map(routeKey));

    it('gives every care route of the contract a matrix row, unless it is listed as not built yet', () => {
      expect(care.length).toBeGreaterThanOrEqual(70);
      const excluded = new Set(NOT_YET_BUILT);
      expect(care.filter((key) => !inMatrix.has(key) && !excluded.has(key))).toEqual([]);
    });

    it('names only contract routes, and no route both in the matrix and as not built', () => {
      expect([...inMatrix].filter((key) => !care.includes(key))).toEqual([]);
      expect(NOT_YET_BUILT.filter((key) => !care.includes(key))).toEqual([]);
      expect(NOT_YET_BUILT.filter((key) => inMatrix.has(key))).toEqual([]);
    });

    it('finds every route listed as not built yet unmounted (a mounted one needs its matrix row)', async () => {
      const mounted: string[] = [];
      for (const key of NOT_YET_BUILT) {
        const [method = 'GET', path = ''] = key.split(' ');
        const res = await t.send(method, path.replace(/\{[A-Za-z]+\}/g, ZERO_ID), method === 'GET' ? undefined : {});
        if (res.status !== 404) mounted.push(`${key} answered ${res.status}`);
      }
      expect(mounted).toEqual([]);
    });
  });

  describe.each(CARE_MATRIX.map((row) => [label(row), row] as const))('%s', (_name, row) => {
    const matrixTest = row.knownDefect === undefined ? it : it.failing;
    matrixTest('answers each caller with the contract status, in the envelope, within scope', async () => {
      const statuses: Partial<Record<CareRole, number>> = {};
      const problems: string[] = [];
      for (const role of ROLES) {
        const { res, targets } = await perform(row, 'orgA', role);
        statuses[role] = res.status;
        problems.push(...answerProblems(res, role, targets, w, row, role === 'otherOrg' ? w.secrets.orgA : []));
      }
      expect({ statuses, problems }).toEqual({ statuses: row.expect, problems: [] });
    });

    if (row.path.includes('{')) {
      it("answers org A's callers 404 for org B's records, without a trace of them", async () => {
        const expectedOf = (role: CareRole): number =>
          typeof row.crossOrg === 'number' ? row.crossOrg : (row.crossOrg?.[role] ?? 404);
        const statuses: Partial<Record<CareRole, number>> = {};
        const problems: string[] = [];
        for (const role of OWN_ORG_ROLES) {
          const { res, targets } = await perform(row, 'orgB', role);
          statuses[role] = res.status;
          problems.push(...answerProblems(res, role, targets, w, { ...row, shown: {} }, w.secrets.orgB));
        }
        expect({ statuses, problems }).toEqual({
          statuses: Object.fromEntries(OWN_ORG_ROLES.map((role) => [role, expectedOf(role)])),
          problems: [],
        });
      });
    }
  });
});
