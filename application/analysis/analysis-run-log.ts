/**
 * What `GET /medical-analysis/status` reports about queued analyses (API-CONTRACT.md §4.13), per organisation.
 * Kept in the process, like the embedded job scheduler it follows: after a restart the counters start again
 * (queued jobs of the memory scheduler are lost with it anyway).
 */
export interface AnalysisRunStatus {
  readonly running: boolean;
  readonly queuedJobs: number;
  readonly failedJobs: number;
  readonly lastRunAt: Date | null;
  readonly lastBatchId: string | null;
}

interface OrgRuns {
  queued: number;
  running: number;
  failed: number;
  lastRunAt: Date | null;
  lastBatchId: string | null;
  lastQueuedAt: Date | null;
}

export class AnalysisRunLog {
  private readonly byOrg = new Map<string, OrgRuns>();

  private of(orgId: string): OrgRuns {
    let runs = this.byOrg.get(orgId);
    if (runs === undefined) {
      runs = { queued: 0, running: 0, failed: 0, lastRunAt: null, lastBatchId: null, lastQueuedAt: null };
      this.byOrg.set(orgId, runs);
    }
    return runs;
  }

  queued(orgId: string, batchId: string, count: number, at: Date): void {
    const runs = this.of(orgId);
    runs.queued += count;
    runs.lastBatchId = batchId;
    runs.lastQueuedAt = at;
  }

  /** A queued job starts (a retry re-enters the queue through `requeued`). */
  started(orgId: string): void {
    const runs = this.of(orgId);
    runs.queued = Math.max(0, runs.queued - 1);
    runs.running += 1;
  }

  finished(orgId: string, at: Date, outcome: 'done' | 'retry' | 'failed'): void {
    const runs = this.of(orgId);
    runs.running = Math.max(0, runs.running - 1);
    runs.lastRunAt = at;
    if (outcome === 'retry') runs.queued += 1;
    if (outcome === 'failed') runs.failed += 1;
  }

  /** One organisation's runs, or (null) every organisation's added up, with the latest batch among them. */
  statusOf(orgId: string | null): AnalysisRunStatus {
    const selected = orgId === null ? [...this.byOrg.values()] : this.byOrg.has(orgId) ? [this.of(orgId)] : [];
    const latest = (pick: (runs: OrgRuns) => Date | null): OrgRuns | undefined =>
      selected
        .filter((runs) => pick(runs) !== null)
        .sort((a, b) => (pick(b)?.getTime() ?? 0) - (pick(a)?.getTime() ?? 0))[0];
    return {
      running: selected.some((runs) => runs.running > 0),
      queuedJobs: selected.reduce((total, runs) => total + runs.queued, 0),
      failedJobs: selected.reduce((total, runs) => total + runs.failed, 0),
      lastRunAt: latest((runs) => runs.lastRunAt)?.lastRunAt ?? null,
      lastBatchId: latest((runs) => runs.lastQueuedAt)?.lastBatchId ?? null,
    };
  }
}
