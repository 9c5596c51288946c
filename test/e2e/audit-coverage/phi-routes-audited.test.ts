import type { AuditEvent } from '../../../application/ports/audit-recorder';
import { auditLogOf } from '../../support/audit-log';
import { buildCareWorld, PNG, startCareApp, type CareApp, type CareWorld } from '../../support/care-world';
import {
  CARE_MATRIX,
  CARE_RESOURCES,
  contractEndpoints,
  pathOf,
  routeKey,
  type MatrixRow,
} from '../care/care-route-matrix';
import { NOT_PHI, PHI_AUDIT_TABLE, type AuditRow } from './phi-audit-table';

/**
 * Issue #5 acceptance (DOMAIN.md §11.2, QUALITY.md): every PHI route writes its audit entry. One row per route of
 * the care resources of the contract's endpoint list (the audit log's own routes aside: they hold no PHI); a route added there without a row here fails the coverage
 * test, and a row whose route stops auditing fails its own test. Entries are read from the running server's audit
 * store (pending and chained alike), so the check does not wait for the sequencer.
 */
describe('every PHI route writes its audit entry (issue #5)', () => {
  let t: CareApp;
  let w: CareWorld;
  let entries: () => readonly AuditEvent[];

  beforeAll(async () => {
    t = await startCareApp();
    w = await buildCareWorld(t);
    entries = auditLogOf(t.app.container).entries;
  }, 60_000);
  afterAll(async () => {
    await t.stop();
  });

  const matrixRowOf = (entry: AuditRow): MatrixRow => {
    const rows = CARE_MATRIX.filter((r) => routeKey(r) === entry.key);
    const found = entry.note === undefined ? rows[0] : rows.find((r) => r.note === entry.note);
    if (found === undefined) throw new Error(`no matrix row for ${entry.key} ${entry.note ?? ''}`);
    return found;
  };

  describe('coverage', () => {
    const phiRoutes = contractEndpoints()
      .filter((e) => CARE_RESOURCES.has(e.resource) && e.resource !== 'audit')
      .map(routeKey);
    const tabled = PHI_AUDIT_TABLE.map((r) => r.key);

    it('has a row (or a reason it is not PHI) for every care route of the contract', () => {
      expect(phiRoutes.length).toBeGreaterThanOrEqual(70);
      expect(phiRoutes.filter((key) => !tabled.includes(key) && NOT_PHI[key] === undefined)).toEqual([]);
    });

    it('names only contract routes, each once, never both audited and not PHI', () => {
      expect([...tabled, ...Object.keys(NOT_PHI)].filter((key) => !phiRoutes.includes(key))).toEqual([]);
      expect(tabled.filter((key, index) => tabled.indexOf(key) !== index)).toEqual([]);
      expect(tabled.filter((key) => NOT_PHI[key] !== undefined)).toEqual([]);
    });
  });

  describe.each(PHI_AUDIT_TABLE.map((entry) => [entry.key, entry] as const))('%s', (_key, entry) => {
    const auditTest = entry.knownGap === undefined ? it : it.failing;
    auditTest(`records ${entry.action} on ${entry.resourceType}, by the caller, naming the patient`, async () => {
      const row = matrixRowOf(entry);
      const role = entry.as ?? 'orgAdmin';
      let targets = w.targets.orgA;
      if (row.fresh !== undefined) targets = { ...targets, ...(await row.fresh(w, 'orgA')) };
      if (entry.prepare !== undefined) targets = { ...targets, ...(await entry.prepare(t, w)) };
      const before = entries().length;
      const path = pathOf(row, targets, w);
      const res = row.upload
        ? await t.upload(path, PNG, w.tokens[role])
        : await t.send(row.method, path, row.body?.({ t: targets, w, role }), w.tokens[role]);

      const actorId = w.caregiverIds[role];
      const fresh = entries()
        .slice(before)
        .filter((e) => e.actorId === actorId && e.outcome === 'success');
      const match = fresh.find(
        (e) =>
          e.action === entry.action &&
          e.resourceType === entry.resourceType &&
          (entry.patient === 'none' ||
            (entry.patient === 'any'
              ? (e.patientIds ?? []).length > 0
              : (e.patientIds ?? []).includes(targets.patientId))),
      );
      expect({
        status: res.status < 300 ? 'accepted' : `${res.status} ${res.text.slice(0, 200)}`,
        entry:
          match === undefined ? fresh.map((e) => `${e.action} ${e.resourceType} ${String(e.patientIds)}`) : 'found',
      }).toEqual({ status: 'accepted', entry: 'found' });
    });
  });
});
