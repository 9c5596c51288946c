import type { ComponentState, HealthProbe } from '../../../application/ports/health-probe';
import type { MongoDatabase } from './mongo-connection';

const DEFAULT_TIMEOUT_MS = 1000;

/**
 * `/health` view of MongoDB: `up` when `ping` answers within the timeout, `down` otherwise (server unreachable,
 * no primary, or too slow). The driver reconnects on its own, so the next check after the server returns is `up`.
 * The ping never joins an ambient transaction.
 */
export class MongoDatabaseProbe implements HealthProbe {
  readonly component = 'database' as const;

  constructor(
    private readonly database: MongoDatabase,
    private readonly timeoutMs: number = DEFAULT_TIMEOUT_MS,
  ) {}

  async check(): Promise<ComponentState> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'down'>((resolve) => {
      timer = setTimeout(() => resolve('down'), this.timeoutMs);
      timer.unref();
    });
    // A ping still waiting for server selection when the timeout wins settles later; its failure is dropped.
    const ping = this.database.db.command({ ping: 1 }).then(
      (reply): ComponentState => (Number(reply.ok) === 1 ? 'up' : 'down'),
      (): ComponentState => 'down',
    );
    try {
      return await Promise.race([ping, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }
}
