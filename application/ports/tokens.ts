/**
 * Injection tokens for ports and use-cases, grouped by context. Plain symbols: the core never imports the
 * container; bootstrap binds each token with the adapter or factory of the active profile.
 */
export const TOKENS = {
  shared: {
    Clock: Symbol.for('shared.Clock'),
    IdGenerator: Symbol.for('shared.IdGenerator'),
    Logger: Symbol.for('shared.Logger'),
    UnitOfWork: Symbol.for('shared.UnitOfWork'),
    EventOutbox: Symbol.for('shared.EventOutbox'),
    OutboxStore: Symbol.for('shared.OutboxStore'),
    EventHandlers: Symbol.for('shared.EventHandlers'),
    OutboxRelay: Symbol.for('shared.OutboxRelay'),
    JobScheduler: Symbol.for('shared.JobScheduler'),
    HealthProbes: Symbol.for('shared.HealthProbes'),
    DrainState: Symbol.for('shared.DrainState'),
    GetHealth: Symbol.for('shared.GetHealth'),
  },
} as const;
