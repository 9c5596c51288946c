import type { Logger } from '../application/ports/logger';

interface Phase {
  readonly name: string;
  readonly run: () => Promise<void>;
}

/**
 * One coordinator for the whole shutdown (RESOLUTIONS.md 37): phases run in the order registered (stop
 * intake, drain HTTP, stop jobs, close adapters) and the process exits as soon as they finish, or with code 1
 * when the cap passes first. A phase that fails is logged and the next one still runs.
 */
export class ShutdownCoordinator {
  private readonly phases: Phase[] = [];
  private running: Promise<number> | null = null;

  constructor(
    private readonly logger: Logger,
    private readonly capMs: number,
  ) {}

  register(name: string, run: () => Promise<void>): void {
    this.phases.push({ name, run });
  }

  /** Idempotent: a second signal while shutting down waits for the same run. Resolves to the exit code. */
  shutdown(reason: string): Promise<number> {
    this.running ??= this.runAll(reason);
    return this.running;
  }

  private async runAll(reason: string): Promise<number> {
    this.logger.info({ reason }, 'shutting down');
    let timer: NodeJS.Timeout | undefined;
    const cap = new Promise<'cap'>((resolve) => {
      timer = setTimeout(() => resolve('cap'), this.capMs);
      timer.unref();
    });
    const outcome = await Promise.race([this.runPhases(), cap]);
    clearTimeout(timer);
    if (outcome === 'cap') {
      this.logger.error({ capMs: this.capMs }, 'shutdown did not finish in time');
      return 1;
    }
    this.logger.info({ clean: outcome }, 'shutdown complete');
    return outcome ? 0 : 1;
  }

  private async runPhases(): Promise<boolean> {
    let clean = true;
    for (const phase of this.phases) {
      try {
        await phase.run();
      } catch (error) {
        clean = false;
        this.logger.error({ err: error, phase: phase.name }, 'shutdown phase failed');
      }
    }
    return clean;
  }
}
