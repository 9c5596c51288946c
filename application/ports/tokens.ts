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
    RateLimiter: Symbol.for('shared.RateLimiter'),
    EmailSender: Symbol.for('shared.EmailSender'),
    SmsSender: Symbol.for('shared.SmsSender'),
    MessageOutbox: Symbol.for('shared.MessageOutbox'),
    AuditRecorder: Symbol.for('shared.AuditRecorder'),
    RandomSource: Symbol.for('shared.RandomSource'),
    Hasher: Symbol.for('shared.Hasher'),
    Translator: Symbol.for('shared.Translator'),
  },
  identity: {
    Ports: Symbol.for('identity.Ports'),
    UseCases: Symbol.for('identity.UseCases'),
    OrgRepository: Symbol.for('identity.OrgRepository'),
    CaregiverRepository: Symbol.for('identity.CaregiverRepository'),
    OneTimeTokenRepository: Symbol.for('identity.OneTimeTokenRepository'),
    SessionStore: Symbol.for('identity.SessionStore'),
    PasswordHasher: Symbol.for('identity.PasswordHasher'),
    AccessTokenService: Symbol.for('identity.AccessTokenService'),
    TotpService: Symbol.for('identity.TotpService'),
    SecretCipher: Symbol.for('identity.SecretCipher'),
    IdTokenVerifier: Symbol.for('identity.IdTokenVerifier'),
    BreachLogRepository: Symbol.for('identity.BreachLogRepository'),
    CareDirectory: Symbol.for('identity.CareDirectory'),
    Policy: Symbol.for('identity.Policy'),
  },
} as const;
