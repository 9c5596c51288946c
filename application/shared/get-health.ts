import type { Clock } from '../ports/clock';
import type { ComponentName, ComponentState, HealthProbe } from '../ports/health-probe';
import type { DrainState } from './drain-state';

export interface HealthReport {
  readonly status: 'ok' | 'degraded';
  readonly version: string;
  readonly uptimeSeconds: number;
  readonly components: Readonly<Record<ComponentName, ComponentState>>;
}

export interface HealthAnswer {
  readonly report: HealthReport;
  /** False when the database is down or the process drains (RESOLUTIONS.md 36). */
  readonly ready: boolean;
}

const componentNames: readonly ComponentName[] = ['database', 'cache', 'email', 'telephony', 'stripe'];

export class GetHealth {
  constructor(
    private readonly probes: readonly HealthProbe[],
    private readonly clock: Clock,
    private readonly startedAt: Date,
    private readonly version: string,
    private readonly drain: DrainState,
  ) {}

  async execute(): Promise<HealthAnswer> {
    const components = Object.fromEntries(componentNames.map((name) => [name, 'disabled'])) as Record<
      ComponentName,
      ComponentState
    >;
    const states = await Promise.all(
      this.probes.map(async (probe) => [probe.component, await this.safeCheck(probe)] as const),
    );
    for (const [name, state] of states) components[name] = state;

    const anyDown = componentNames.some((name) => components[name] === 'down');
    const uptimeSeconds = Math.max(0, Math.floor((this.clock.now().getTime() - this.startedAt.getTime()) / 1000));
    return {
      report: { status: anyDown ? 'degraded' : 'ok', version: this.version, uptimeSeconds, components },
      ready: components.database !== 'down' && !this.drain.isDraining(),
    };
  }

  private async safeCheck(probe: HealthProbe): Promise<ComponentState> {
    try {
      return await probe.check();
    } catch {
      return 'down';
    }
  }
}
