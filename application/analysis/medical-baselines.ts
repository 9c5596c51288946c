import type { ManualBaselineMetrics, MedicalBaseline } from '../../domain/analysis/medical-baseline';
import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { loadPatientForAnalysis } from './analysis-access';
import { recordAnalysisPhi } from './analysis-audit';
import type { AnalysisPorts } from './analysis-ports';

const changedFieldsOf = (metrics: ManualBaselineMetrics | null): string => {
  const keys = metrics === null ? [] : Object.keys(metrics);
  return keys.length === 0 ? 'manual' : keys.map((key) => `manual.${key}`).join(',');
};

/**
 * The baseline endpoints of API-CONTRACT.md §6.3: assigned staff, admins and superAdmins read a patient's
 * baseline (null until one exists); admins set or clear (null) the manual reference values, which sit next to
 * the automatic statistics and replace their means in comparisons (domain/analysis/medical-baseline.ts).
 */
export class MedicalBaselines {
  constructor(private readonly ports: AnalysisPorts) {}

  async get(scope: AccessScope, patientId: string, actor: Actor): Promise<MedicalBaseline | null> {
    const { ports } = this;
    const resource = { type: 'baseline', id: null } as const;
    const patient = await loadPatientForAnalysis(ports, scope, patientId, 'analysis.read', resource, actor);
    const baseline = await ports.baselines.findByPatient(patient.id);
    await recordAnalysisPhi(ports, actor, 'READ', { ...resource, id: baseline?.id ?? null, orgId: patient.orgId }, [
      patient.id,
    ]);
    return baseline !== null && (baseline.automatic !== null || baseline.manual !== null) ? baseline : null;
  }

  async setManual(
    scope: AccessScope,
    patientId: string,
    metrics: ManualBaselineMetrics | null,
    actor: Actor,
  ): Promise<MedicalBaseline | null> {
    const { ports } = this;
    const resource = { type: 'baseline', id: null } as const;
    const patient = await loadPatientForAnalysis(ports, scope, patientId, 'analysis.admin', resource, actor);
    const now = ports.clock.now();
    return ports.uow.run(async () => {
      const stored = await ports.baselines.findByPatient(patient.id);
      if (stored === null && metrics === null) return null;
      const saved = await ports.baselines.save({
        id: stored?.id ?? ports.ids.next(),
        orgId: patient.orgId,
        patientId: patient.id,
        automatic: stored?.automatic ?? null,
        manual: metrics === null ? null : { metrics, setBy: scope.caregiverId, setAt: now },
        establishedAt: stored?.establishedAt ?? now,
        updatedAt: now,
        version: stored?.version ?? 0,
      });
      await recordAnalysisPhi(
        ports,
        actor,
        'UPDATE',
        { ...resource, id: saved.id, orgId: patient.orgId },
        [patient.id],
        {
          changedFields: changedFieldsOf(metrics),
          cleared: metrics === null,
        },
      );
      return saved.automatic === null && saved.manual === null ? null : saved;
    });
  }
}
