import type { Container } from 'inversify';
import type { Redis } from 'ioredis';
import { defaultIdentityPolicy, type IdentityPolicy } from '../domain/identity/identity-policy';
import type { IdentityPorts } from '../application/identity/identity-ports';
import { createIdentityUseCases } from '../application/identity/identity-use-cases';
import type { Logger } from '../application/ports/logger';
import { TOKENS } from '../application/ports/tokens';
import { InMemorySessionStore } from '../adapters/cache/memory/in-memory-session-store';
import { RedisSessionStore } from '../adapters/cache/redis/redis-session-store';
import { EmptyCareDirectory } from '../adapters/persistence/memory/empty-care-directory';
import { InMemoryBreachLogRepository } from '../adapters/persistence/memory/in-memory-breach-log-repository';
import { InMemoryCaregiverRepository } from '../adapters/persistence/memory/in-memory-caregiver-repository';
import { InMemoryOneTimeTokenRepository } from '../adapters/persistence/memory/in-memory-one-time-token-repository';
import { InMemoryOrgRepository } from '../adapters/persistence/memory/in-memory-org-repository';
import type { MemoryDatabase } from '../adapters/persistence/memory/memory-database';
import { AesGcmSecretCipher } from '../adapters/security/aes-gcm-secret-cipher';
import { BcryptPasswordHasher } from '../adapters/security/bcrypt-password-hasher';
import { BundledCommonPasswordList } from '../adapters/security/bundled-common-password-list';
import { JoseAccessTokenService } from '../adapters/security/jose-access-token-service';
import { SpeakeasyTotpService } from '../adapters/security/speakeasy-totp-service';
import { JoseIdTokenVerifier } from '../adapters/security/sso/jose-id-token-verifier';
import type { AppConfig } from './config';
import { INFRA } from './infra-tokens';

/** The identity context: repositories of the active profile, security adapters from configuration, use-cases. */
export const bindIdentity = (c: Container, config: AppConfig): void => {
  const id = config.identity;
  c.bind(TOKENS.identity.Policy).toConstantValue({
    ...defaultIdentityPolicy,
    idleTimeoutMinutes: id.idleTimeoutMinutes,
    sessionLifetimeDays: id.sessionLifetimeDays,
    refreshTokenDays: id.refreshTokenDays,
    mfaGraceDays: id.mfaGraceDays,
    mfaIssuer: id.mfaIssuer,
    passwordMaxAgeDays: id.passwordMaxAgeDays,
  } satisfies IdentityPolicy);

  c.bind(TOKENS.identity.OrgRepository).toResolvedValue(
    (db: MemoryDatabase) => new InMemoryOrgRepository(db),
    [INFRA.MemoryDatabase],
  );
  c.bind(TOKENS.identity.CaregiverRepository).toResolvedValue(
    (db: MemoryDatabase) => new InMemoryCaregiverRepository(db),
    [INFRA.MemoryDatabase],
  );
  c.bind(TOKENS.identity.OneTimeTokenRepository).toResolvedValue(
    (db: MemoryDatabase) => new InMemoryOneTimeTokenRepository(db),
    [INFRA.MemoryDatabase],
  );
  c.bind(TOKENS.identity.BreachLogRepository).toResolvedValue(
    (db: MemoryDatabase) => new InMemoryBreachLogRepository(db),
    [INFRA.MemoryDatabase],
  );
  c.bind(TOKENS.identity.CareDirectory).toConstantValue(new EmptyCareDirectory());

  if (config.redisUrl === undefined) {
    c.bind(TOKENS.identity.SessionStore).toConstantValue(new InMemorySessionStore());
  } else {
    c.bind(TOKENS.identity.SessionStore).toResolvedValue(
      (redis: Redis) => new RedisSessionStore(redis, { keyPrefix: config.redisKeyPrefix }),
      [INFRA.Redis],
    );
  }

  c.bind(TOKENS.identity.PasswordHasher).toConstantValue(
    new BcryptPasswordHasher({ cost: id.bcryptCost, poolSize: 2 }),
  );
  c.bind(TOKENS.identity.AccessTokenService).toConstantValue(
    new JoseAccessTokenService({
      algorithm: id.jwt.algorithm,
      ...(id.jwt.algorithm === 'HS256' ? { secret: config.keys.jwtSecret } : {}),
      ...(id.jwt.privateKeyPem === undefined ? {} : { privateKeyPem: id.jwt.privateKeyPem }),
      ...(id.jwt.publicKeyPem === undefined ? {} : { publicKeyPem: id.jwt.publicKeyPem }),
      issuer: id.jwt.issuer,
      audience: id.jwt.audience,
      ttlSeconds: id.accessTokenTtlMinutes * 60,
    }),
  );
  c.bind(TOKENS.identity.TotpService).toConstantValue(new SpeakeasyTotpService());
  c.bind(TOKENS.identity.SecretCipher).toConstantValue(
    new AesGcmSecretCipher({ keys: { k1: config.keys.mfaEncryptionKey }, currentKeyId: 'k1' }),
  );
  c.bind(TOKENS.identity.IdTokenVerifier).toResolvedValue(
    (logger: Logger) =>
      new JoseIdTokenVerifier(
        {
          ...(id.sso.google.clientIds.length === 0
            ? {}
            : {
                google: {
                  clientIds: id.sso.google.clientIds,
                  ...(id.sso.google.jwksUrl === undefined ? {} : { jwksUrl: id.sso.google.jwksUrl }),
                },
              }),
          ...(id.sso.microsoft.clientIds.length === 0
            ? {}
            : {
                microsoft: {
                  clientIds: id.sso.microsoft.clientIds,
                  allowedTenantIds: id.sso.microsoft.tenantIds,
                  ...(id.sso.microsoft.jwksUrl === undefined ? {} : { jwksUrl: id.sso.microsoft.jwksUrl }),
                },
              }),
        },
        logger,
      ),
    [TOKENS.shared.Logger],
  );

  c.bind(TOKENS.identity.Ports).toResolvedValue(
    (...deps: unknown[]): IdentityPorts => {
      const [
        orgs,
        caregivers,
        tokens,
        sessions,
        uow,
        clock,
        ids,
        random,
        hasher,
        passwords,
        accessTokens,
        totp,
        cipher,
        rateLimiter,
        email,
        sms,
        audit,
        breaches,
        care,
        idTokens,
        logger,
        policy,
      ] = deps as [
        IdentityPorts['orgs'],
        IdentityPorts['caregivers'],
        IdentityPorts['tokens'],
        IdentityPorts['sessions'],
        IdentityPorts['uow'],
        IdentityPorts['clock'],
        IdentityPorts['ids'],
        IdentityPorts['random'],
        IdentityPorts['hasher'],
        IdentityPorts['passwords'],
        IdentityPorts['accessTokens'],
        IdentityPorts['totp'],
        IdentityPorts['cipher'],
        IdentityPorts['rateLimiter'],
        IdentityPorts['email'],
        IdentityPorts['sms'],
        IdentityPorts['audit'],
        IdentityPorts['breaches'],
        IdentityPorts['care'],
        IdentityPorts['idTokens'],
        IdentityPorts['logger'],
        IdentityPorts['policy'],
      ];
      return {
        orgs,
        caregivers,
        tokens,
        sessions,
        uow,
        clock,
        ids,
        random,
        hasher,
        passwords,
        accessTokens,
        totp,
        cipher,
        rateLimiter,
        email,
        sms,
        audit,
        breaches,
        care,
        idTokens,
        logger,
        policy,
        commonPasswords: new BundledCommonPasswordList(),
        links: { frontendUrl: config.http.frontendUrl },
      };
    },
    [
      TOKENS.identity.OrgRepository,
      TOKENS.identity.CaregiverRepository,
      TOKENS.identity.OneTimeTokenRepository,
      TOKENS.identity.SessionStore,
      TOKENS.shared.UnitOfWork,
      TOKENS.shared.Clock,
      TOKENS.shared.IdGenerator,
      TOKENS.shared.RandomSource,
      TOKENS.shared.Hasher,
      TOKENS.identity.PasswordHasher,
      TOKENS.identity.AccessTokenService,
      TOKENS.identity.TotpService,
      TOKENS.identity.SecretCipher,
      TOKENS.shared.RateLimiter,
      TOKENS.shared.EmailSender,
      TOKENS.shared.SmsSender,
      TOKENS.shared.AuditRecorder,
      TOKENS.identity.BreachLogRepository,
      TOKENS.identity.CareDirectory,
      TOKENS.identity.IdTokenVerifier,
      TOKENS.shared.Logger,
      TOKENS.identity.Policy,
    ],
  );
  c.bind(TOKENS.identity.UseCases).toResolvedValue(
    (ports: IdentityPorts) => createIdentityUseCases(ports),
    [TOKENS.identity.Ports],
  );
};
