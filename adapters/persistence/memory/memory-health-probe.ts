import type { ComponentState, HealthProbe } from '../../../application/ports/health-probe';
import type { MemoryDatabase } from './memory-database';

/** Reports the embedded store; `setAvailable(false)` lets tests see readiness fail as it would on Mongo. */
export class MemoryDatabaseProbe implements HealthProbe {
  readonly component = 'database' as const;

  constructor(private readonly database: MemoryDatabase) {}

  check(): Promise<ComponentState> {
    return Promise.resolve(this.database.isAvailable() ? 'up' : 'down');
  }
}
