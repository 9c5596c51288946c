import type { ComponentState, HealthProbe } from '../../../application/ports/health-probe';
import type { AriSupervisor } from './ari-supervisor';

/**
 * Readiness of the telephony (VOICE.md §7.3, RESOLUTIONS.md 36): `up` while the ARI connection is established and
 * reconciled and the breaker lets dials through; `down` otherwise (the API then reports `degraded`, not 503).
 */
export class AriHealthProbe implements HealthProbe {
  readonly component = 'telephony' as const;

  constructor(private readonly supervisor: Pick<AriSupervisor, 'state' | 'requests'>) {}

  check(): Promise<ComponentState> {
    const up = this.supervisor.state === 'ready' && !this.supervisor.requests.breakerOpen;
    return Promise.resolve(up ? 'up' : 'down');
  }
}
