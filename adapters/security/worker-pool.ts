import { Worker } from 'node:worker_threads';

export interface WorkerPoolOptions {
  /** Absolute path of a plain JavaScript worker (see bcrypt-worker.js for the message protocol). */
  readonly scriptPath: string;
  /** Most workers alive at once (they start on demand). */
  readonly size: number;
  /** Names the pool in error messages. */
  readonly name?: string;
}

interface Task {
  readonly id: number;
  readonly payload: unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

interface Slot {
  readonly worker: Worker;
  task: Task | undefined;
  lastError: Error | undefined;
}

interface WorkerReply {
  readonly id: number;
  readonly ok: boolean;
  readonly value?: unknown;
  readonly message?: string;
}

const isReply = (value: unknown): value is WorkerReply =>
  typeof value === 'object' && value !== null && typeof (value as WorkerReply).id === 'number';

/**
 * A small pool of worker threads that run CPU-heavy tasks off the event loop. Tasks queue in order; each worker
 * runs one at a time. A worker that crashes rejects its task and is replaced when work is waiting. Idle
 * workers are unref'd (an idle pool never keeps the process alive); busy ones are ref'd so no work is lost.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private readonly name: string;
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: WorkerPoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1) {
      throw new RangeError(`Worker pool size must be a positive integer, got ${options.size}`);
    }
    this.name = options.name ?? 'worker pool';
  }

  /** Live workers, busy ones, and tasks waiting for a worker. */
  stats(): { readonly workers: number; readonly busy: number; readonly queued: number } {
    return {
      workers: this.slots.length,
      busy: this.slots.filter((slot) => slot.task !== undefined).length,
      queued: this.queue.length,
    };
  }

  run(payload: unknown): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error(`The ${this.name} is closed`));
    return new Promise<unknown>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, payload, resolve, reject });
      this.dispatch();
    });
  }

  /** Rejects queued and running tasks and terminates every worker. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new Error(`The ${this.name} was closed`));
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    while (!this.closed && this.queue.length > 0) {
      const slot = this.slots.find((candidate) => candidate.task === undefined) ?? this.spawn();
      if (slot === undefined) return;
      const task = this.queue.shift() as Task;
      slot.task = task;
      slot.worker.ref();
      slot.worker.postMessage({ id: task.id, payload: task.payload });
    }
  }

  private spawn(): Slot | undefined {
    if (this.slots.length >= this.options.size) return undefined;
    const slot: Slot = { worker: new Worker(this.options.scriptPath), task: undefined, lastError: undefined };
    slot.worker.on('message', (reply: unknown) => this.settle(slot, reply));
    slot.worker.on('error', (error: Error) => {
      slot.lastError = error;
    });
    slot.worker.on('messageerror', (error: Error) => {
      slot.lastError = error;
      void slot.worker.terminate();
    });
    slot.worker.on('exit', (code: number) => this.retire(slot, code));
    this.slots.push(slot);
    return slot;
  }

  private settle(slot: Slot, reply: unknown): void {
    const task = slot.task;
    if (task === undefined || !isReply(reply) || reply.id !== task.id) return;
    slot.task = undefined;
    slot.worker.unref();
    if (reply.ok) task.resolve(reply.value);
    else task.reject(new Error(`The ${this.name} task failed: ${reply.message ?? 'unknown error'}`));
    this.dispatch();
  }

  private retire(slot: Slot, code: number): void {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    const task = slot.task;
    slot.task = undefined;
    if (task !== undefined) {
      const reason = this.closed ? 'was closed' : `worker exited with code ${code}`;
      task.reject(new Error(`The ${this.name} ${reason}`, { cause: slot.lastError }));
    }
    this.dispatch();
  }
}
