import type { FraudAbuseAnalysis } from '../../domain/analysis/fraud-abuse-analysis';
import type { MedicalAnalysis } from '../../domain/analysis/medical-analysis';
import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { loadPatientForAnalysis } from './analysis-access';
import { recordAnalysisPhi } from './analysis-audit';
import type { AnalysisPorts } from './analysis-ports';

/**
 * `ListMedicalAnalysisResults` and `ListFraudAbuseResults` (API-CONTRACT.md §4.13, §4.14 `GET .../results/:id`;
 * DOMAIN.md §10.8 #9, #15): the patient's stored analyses, newest first, `limit` (1-50) of them.
 */
export class ListAnalysisResults {
  constructor(private readonly ports: AnalysisPorts) {}

  async medical(
    scope: AccessScope,
    patientId: string,
    limit: number,
    actor: Actor,
  ): Promise<readonly MedicalAnalysis[]> {
    const { ports } = this;
    const resource = { type: 'medicalAnalysis', id: 'list' } as const;
    const patient = await loadPatientForAnalysis(ports, scope, patientId, 'analysis.read', resource, actor);
    const results = await ports.medical.latestOfPatient(patient.id, limit);
    await recordAnalysisPhi(ports, actor, 'READ', { ...resource, orgId: patient.orgId }, [patient.id], {
      count: results.length,
    });
    return results;
  }

  async fraudAbuse(
    scope: AccessScope,
    patientId: string,
    limit: number,
    actor: Actor,
  ): Promise<readonly FraudAbuseAnalysis[]> {
    const { ports } = this;
    const resource = { type: 'fraudAbuseAnalysis', id: 'list' } as const;
    const patient = await loadPatientForAnalysis(ports, scope, patientId, 'analysis.read', resource, actor);
    const results = await ports.fraud.latestOfPatient(patient.id, limit);
    await recordAnalysisPhi(ports, actor, 'READ', { ...resource, orgId: patient.orgId }, [patient.id], {
      count: results.length,
    });
    return results;
  }
}
