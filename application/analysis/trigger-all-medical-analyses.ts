import { thirtyDaysEnding } from '../../domain/analysis/analysis-windows';
import type { AccessScope } from '../../domain/identity/roles';
import type { Patient } from '../../domain/patients/patient';
import { systemActor, type Actor } from '../../domain/shared/actor';
import type { ScheduledJob } from '../ports/job-scheduler';
import { consumeTrigger, orgsForAdmin } from './analysis-access';
import { recordAnalysisPhi } from './analysis-audit';
import type { AnalysisPorts } from './analysis-ports';
import type { AnalysisRunStatus } from './analysis-run-log';
import { ANALYSIS_JOBS } from './analysis-tokens';
import { runMedicalAnalysis } from './medical-window';

/** Jobs in batches of 50 (one second apart), 3 attempts, back-off doubling from 30 s (DOMAIN.md §10.2). */
export const MEDICAL_QUEUE = { batchSize: 50, batchGapMs: 1000, attempts: 3, firstBackoffMs: 30_000 } as const;

export interface TriggerAllResult {
  readonly batchId: string;
  readonly jobsScheduled: number;
  readonly patients: readonly Pick<Patient, 'id' | 'name'>[];
  readonly errors: readonly { patientId: string; error: string }[];
}

const ORG_PAGE = 100;

/**
 * `TriggerAllMedicalAnalyses` (API-CONTRACT.md §4.13 `POST /medical-analysis/trigger-all`, `GET .../status`;
 * DOMAIN.md §10.8 #8, #12): admins queue a 30-day analysis of every patient of their organisation (a superAdmin of
 * the named one, or of all); jobs run in the background and their counts show in the status.
 */
export class TriggerAllMedicalAnalyses {
  constructor(private readonly ports: AnalysisPorts) {}

  private async orgIdsOf(scope: AccessScope, orgId: string | undefined, actor: Actor): Promise<readonly string[]> {
    const selected = await orgsForAdmin(this.ports, scope, orgId, 'medicalAnalysis', actor, true);
    if (selected !== 'all') return selected;
    const ids: string[] = [];
    for (let page = 1; ; page += 1) {
      const found = await this.ports.orgs.list({
        page,
        limit: ORG_PAGE,
        sort: [{ field: 'createdAt', direction: 'asc' }],
      });
      ids.push(...found.results.map((org) => org.id));
      if (page >= found.totalPages) return ids;
    }
  }

  async execute(scope: AccessScope, orgId: string | undefined, actor: Actor): Promise<TriggerAllResult> {
    const { ports } = this;
    const orgIds = await this.orgIdsOf(scope, orgId, actor);
    await consumeTrigger(ports, scope);
    const batchId = ports.ids.next();
    const now = ports.clock.now();
    const patients: Patient[] = [];
    for (const id of orgIds) patients.push(...(await ports.patients.listByOrg(id)));
    for (const [index, patient] of patients.entries()) {
      await ports.jobs.schedule({
        key: `analysis-medical:${batchId}:${patient.id}`,
        name: ANALYSIS_JOBS.medicalPatient,
        runAt: new Date(now.getTime() + Math.floor(index / MEDICAL_QUEUE.batchSize) * MEDICAL_QUEUE.batchGapMs),
        payload: { patientId: patient.id, batchId, attempt: 1 },
      });
    }
    for (const id of orgIds) {
      const count = patients.filter((patient) => patient.orgId === id).length;
      ports.runs.queued(id, batchId, count, now);
      if (count > 0) {
        await recordAnalysisPhi(
          ports,
          actor,
          'CREATE',
          { type: 'medicalAnalysis', id: batchId, orgId: id },
          patients.filter((patient) => patient.orgId === id).map((patient) => patient.id),
          { count, queued: true },
        );
      }
    }
    return {
      batchId,
      jobsScheduled: patients.length,
      patients: patients.map((patient) => ({ id: patient.id, name: patient.name })),
      errors: [],
    };
  }

  /** The run status an admin sees: their organisation's, a superAdmin's of every organisation. */
  async status(scope: AccessScope, actor: Actor): Promise<AnalysisRunStatus> {
    const selected = await orgsForAdmin(this.ports, scope, undefined, 'medicalAnalysis', actor, true);
    return this.ports.runs.statusOf(selected === 'all' ? null : (selected[0] ?? scope.orgId));
  }

  /** One queued analysis, run by the system; a failure is retried with back-off, then counted as failed. */
  async runQueued(job: ScheduledJob): Promise<'done' | 'skipped' | 'retry' | 'failed'> {
    const { ports } = this;
    const patientId = String(job.payload['patientId'] ?? '');
    const attempt = Number(job.payload['attempt'] ?? 1);
    const patient = await ports.patients.findById(patientId);
    if (patient === null) return 'skipped';
    ports.runs.started(patient.orgId);
    try {
      const now = ports.clock.now();
      await runMedicalAnalysis(
        ports,
        { patient, source: 'manual', timeRange: 'custom', window: thirtyDaysEnding(now) },
        { ...systemActor, requestId: job.key },
      );
      ports.runs.finished(patient.orgId, ports.clock.now(), 'done');
      return 'done';
    } catch (error) {
      const retry = attempt < MEDICAL_QUEUE.attempts;
      ports.logger.warn({ err: error, patientId, jobKey: job.key, attempt }, 'queued medical analysis failed');
      ports.runs.finished(patient.orgId, ports.clock.now(), retry ? 'retry' : 'failed');
      if (!retry) return 'failed';
      await ports.jobs.schedule({
        ...job,
        runAt: new Date(ports.clock.now().getTime() + MEDICAL_QUEUE.firstBackoffMs * 2 ** (attempt - 1)),
        payload: { ...job.payload, attempt: attempt + 1 },
      });
      return 'retry';
    }
  }
}
