import { thirtyDaysEnding } from '../../domain/analysis/analysis-windows';
import type { MedicalAnalysis } from '../../domain/analysis/medical-analysis';
import type { AccessScope } from '../../domain/identity/roles';
import type { Actor } from '../../domain/shared/actor';
import { consumeTrigger, loadPatientForAnalysis } from './analysis-access';
import type { AnalysisPorts } from './analysis-ports';
import { runMedicalAnalysis } from './medical-window';

/**
 * `POST /medical-analysis/trigger-patient/:patientId` (API-CONTRACT.md §4.13): assigned staff, the organisation's
 * admins, superAdmins run one patient's analysis now, synchronously, over the 30 days ending now
 * (`custom`, `manual`), stored. Counts toward `analysis-trigger`.
 */
export class TriggerMedicalAnalysis {
  constructor(private readonly ports: AnalysisPorts) {}

  async execute(scope: AccessScope, patientId: string, actor: Actor): Promise<MedicalAnalysis> {
    const { ports } = this;
    const resource = { type: 'medicalAnalysis', id: null } as const;
    const patient = await loadPatientForAnalysis(ports, scope, patientId, 'analysis.trigger', resource, actor);
    await consumeTrigger(ports, scope);
    return runMedicalAnalysis(
      ports,
      { patient, source: 'manual', timeRange: 'custom', window: thirtyDaysEnding(ports.clock.now()) },
      actor,
    );
  }
}
