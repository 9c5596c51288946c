/** How one dependency is doing, as `/health` reports it (API-CONTRACT.md §6.1). */
export type ComponentState = 'up' | 'down' | 'disabled' | 'simulated';

export type ComponentName = 'database' | 'cache' | 'email' | 'telephony' | 'stripe';

export interface HealthProbe {
  readonly component: ComponentName;
  check(): Promise<ComponentState>;
}
