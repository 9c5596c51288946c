import type { Clock } from '../../../application/ports/clock';
import type { JobHandler, JobScheduler, ScheduledJob } from '../../../application/ports/job-scheduler';
import type { Logger } from '../../../application/ports/logger';

/**
 * The embedded scheduler: jobs live in a map keyed by their deterministic key and a timer polls for due ones.
 * Jobs are lost on restart, which is acceptable only because embedded mode is not for production.
 */
export class InMemoryJobScheduler implements JobScheduler {
  private readonly jobs = new Map<string, ScheduledJob>();
  private readonly handlers = new Map<string, JobHandler>();
  private readonly inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly pollIntervalMs = 1000,
  ) {}

  define(name: string, handler: JobHandler): void {
    this.handlers.set(name, handler);
  }

  schedule(job: ScheduledJob): Promise<void> {
    this.jobs.set(job.key, job);
    return Promise.resolve();
  }

  cancel(key: string): Promise<void> {
    this.jobs.delete(key);
    return Promise.resolve();
  }

  cancelByPrefix(prefix: string): Promise<number> {
    let removed = 0;
    for (const key of [...this.jobs.keys()]) {
      if (key.startsWith(prefix)) {
        this.jobs.delete(key);
        removed += 1;
      }
    }
    return Promise.resolve(removed);
  }

  /** Jobs still waiting (for inspection in tests and the admin CLI). */
  scheduled(): readonly ScheduledJob[] {
    return [...this.jobs.values()].sort((a, b) => a.runAt.getTime() - b.runAt.getTime());
  }

  start(): Promise<void> {
    if (!this.timer) {
      this.timer = setInterval(() => void this.runDue(), this.pollIntervalMs);
      this.timer.unref();
    }
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.allSettled([...this.inFlight]);
  }

  /** Runs every job due now, oldest first; returns how many ran. */
  async runDue(): Promise<number> {
    const now = this.clock.now().getTime();
    const due = this.scheduled().filter((job) => job.runAt.getTime() <= now);
    for (const job of due) this.jobs.delete(job.key);
    await Promise.all(due.map((job) => this.track(this.execute(job))));
    return due.length;
  }

  private async execute(job: ScheduledJob): Promise<void> {
    const handler = this.handlers.get(job.name);
    if (!handler) {
      this.logger.error({ jobName: job.name, jobKey: job.key }, 'no handler defined for job');
      return;
    }
    try {
      await handler(job);
    } catch (error) {
      this.logger.error({ err: error, jobName: job.name, jobKey: job.key }, 'job failed');
    }
  }

  private async track(run: Promise<void>): Promise<void> {
    this.inFlight.add(run);
    try {
      await run;
    } finally {
      this.inFlight.delete(run);
    }
  }
}
