import type { ComponentName, ComponentState, HealthProbe } from '../../application/ports/health-probe';

/** A component whose state is fixed by the profile (e.g. `simulated` telephony in the embedded default). */
export class StaticHealthProbe implements HealthProbe {
  constructor(
    readonly component: ComponentName,
    private readonly state: ComponentState,
  ) {}

  check(): Promise<ComponentState> {
    return Promise.resolve(this.state);
  }
}
