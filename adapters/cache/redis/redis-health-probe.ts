import type { Redis } from 'ioredis';
import type { ComponentState, HealthProbe } from '../../../application/ports/health-probe';

const DEFAULT_TIMEOUT_MS = 1000;

/** `/health` view of Redis: `up` when `PING` answers `PONG` within the timeout, `down` otherwise. */
export class RedisHealthProbe implements HealthProbe {
  readonly component = 'cache' as const;

  constructor(
    private readonly client: Redis,
    private readonly timeoutMs: number = DEFAULT_TIMEOUT_MS,
  ) {}

  async check(): Promise<ComponentState> {
    // Not connected: answer at once rather than queue a PING behind the reconnection.
    if (this.client.status !== 'ready') return 'down';
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.timeoutMs);
      timer.unref();
    });
    try {
      const reply = await Promise.race([this.client.ping(), timedOut]);
      return reply === 'PONG' ? 'up' : 'down';
    } catch {
      return 'down';
    } finally {
      clearTimeout(timer);
    }
  }
}
