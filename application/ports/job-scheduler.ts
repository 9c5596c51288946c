/**
 * Deferred work (DOMAIN.md §1.4). Every job has a deterministic key: scheduling the same key again replaces
 * the earlier job, so a retried use-case never queues a duplicate. Handlers re-check their preconditions.
 */
export type JobPayload = Readonly<Record<string, string | number | boolean | null>>;

export interface ScheduledJob {
  readonly key: string;
  readonly name: string;
  readonly runAt: Date;
  readonly payload: JobPayload;
}

export type JobHandler = (job: ScheduledJob) => Promise<void>;

export interface JobScheduler {
  define(name: string, handler: JobHandler): void;
  schedule(job: ScheduledJob): Promise<void>;
  cancel(key: string): Promise<void>;
  cancelByPrefix(prefix: string): Promise<number>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
