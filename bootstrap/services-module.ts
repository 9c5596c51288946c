import type { Container } from 'inversify';
import type { Redis } from 'ioredis';
import type { RateLimitRule, RateLimitRuleName } from '../application/ports/rate-limiter';
import type { Clock } from '../application/ports/clock';
import type { EmailSender } from '../application/ports/email-sender';
import type { IdGenerator } from '../application/ports/id-generator';
import type { Logger } from '../application/ports/logger';
import type { MessageOutbox } from '../application/ports/message-outbox';
import type { SmsSender } from '../application/ports/sms-sender';
import { TOKENS } from '../application/ports/tokens';
import { InMemoryRateLimiter } from '../adapters/cache/memory/in-memory-rate-limiter';
import { createRedisClient } from '../adapters/cache/redis/redis-connection';
import { RedisRateLimiter } from '../adapters/cache/redis/redis-rate-limiter';
import { CapturingEmailSender, CapturingSmsSender } from '../adapters/notifications/outbox/capture';
import { InMemoryMessageOutbox } from '../adapters/notifications/outbox/in-memory-message-outbox';
import { OutboxEmailSender } from '../adapters/notifications/outbox/outbox-email-sender';
import { OutboxSmsSender } from '../adapters/notifications/outbox/outbox-sms-sender';
import { SesEmailSender } from '../adapters/notifications/ses/ses-email-sender';
import { SnsSmsSender } from '../adapters/notifications/sns/sns-sms-sender';
import { I18nextTranslator } from '../adapters/i18n/i18next-translator';
import { CryptoHasher } from '../adapters/security/crypto-hasher';
import { CryptoRandomSource } from '../adapters/security/crypto-random-source';
import { defaultRateLimitRules } from '../adapters/shared/default-rate-limit-rules';
import { bindAudit } from './audit-module';
import type { AppConfig } from './config';
import { INFRA } from './infra-tokens';

/** The rules of API-CONTRACT.md §1.5 with the limits configuration may raise (e2e suites raise the auth ones). */
export const rateLimitRules = (config: AppConfig): Record<RateLimitRuleName, RateLimitRule> => ({
  ...defaultRateLimitRules,
  'auth-ip': { ...defaultRateLimitRules['auth-ip'], limit: config.rateLimits.auth },
  'auth-account': { ...defaultRateLimitRules['auth-account'], limit: config.rateLimits.auth },
  'api-user': { ...defaultRateLimitRules['api-user'], limit: config.rateLimits.apiUser },
  'public-ip': { ...defaultRateLimitRules['public-ip'], limit: config.rateLimits.publicIp },
});

/** Cross-context services: randomness, hashing, rate limits, messages, audit, and Redis when configured. */
export const bindServices = (c: Container, config: AppConfig): void => {
  c.bind(TOKENS.shared.RandomSource).toConstantValue(new CryptoRandomSource());
  c.bind(TOKENS.shared.Translator).toConstantValue(new I18nextTranslator());
  c.bind(TOKENS.shared.Hasher).toConstantValue(new CryptoHasher(config.keys.hmacPepper));
  bindAudit(c, config);

  const rules = rateLimitRules(config);
  if (config.redisUrl === undefined) {
    c.bind(TOKENS.shared.RateLimiter).toConstantValue(new InMemoryRateLimiter({ rules }));
  } else {
    const url = config.redisUrl;
    c.bind(INFRA.Redis).toResolvedValue(
      (logger: Logger) =>
        createRedisClient(url, { onError: (error) => logger.warn({ err: error }, 'redis connection error') }),
      [TOKENS.shared.Logger],
    );
    c.bind(TOKENS.shared.RateLimiter).toResolvedValue(
      (redis: Redis) => new RedisRateLimiter(redis, { rules, keyPrefix: config.redisKeyPrefix }),
      [INFRA.Redis],
    );
  }

  bindMessaging(c, config);
};

const bindMessaging = (c: Container, config: AppConfig): void => {
  const n = config.notifications;
  c.bind(TOKENS.shared.MessageOutbox).toConstantValue(new InMemoryMessageOutbox());
  // Embedded mode prints subjects and links (never recipients or bodies) so a demo user can follow them.
  const printToLog = config.env !== 'production';
  const aws = {
    region: n.awsRegion ?? 'us-east-1',
    ...(n.awsEndpointUrl === undefined ? {} : { endpoint: n.awsEndpointUrl }),
  };

  c.bind(TOKENS.shared.EmailSender).toResolvedValue(
    (outbox: MessageOutbox, clock: Clock, logger: Logger, ids: IdGenerator): EmailSender => {
      if (n.emailProvider === 'outbox')
        return new OutboxEmailSender(outbox, clock, { from: n.emailFrom, logger, printToLog, ids });
      const ses = new SesEmailSender({ ...aws, from: n.emailFrom });
      return config.testSupportRoutes ? new CapturingEmailSender(ses, outbox, clock, n.emailFrom) : ses;
    },
    [TOKENS.shared.MessageOutbox, TOKENS.shared.Clock, TOKENS.shared.Logger, TOKENS.shared.IdGenerator],
  );
  c.bind(TOKENS.shared.SmsSender).toResolvedValue(
    (outbox: MessageOutbox, clock: Clock, logger: Logger, ids: IdGenerator): SmsSender => {
      if (n.smsProvider === 'outbox')
        return new OutboxSmsSender(outbox, clock, { from: n.smsSenderId ?? 'MyPhoneFriend', logger, printToLog, ids });
      const sns = new SnsSmsSender({ ...aws, ...(n.smsSenderId === undefined ? {} : { senderId: n.smsSenderId }) });
      return config.testSupportRoutes ? new CapturingSmsSender(sns, outbox, clock, n.smsSenderId ?? '') : sns;
    },
    [TOKENS.shared.MessageOutbox, TOKENS.shared.Clock, TOKENS.shared.Logger, TOKENS.shared.IdGenerator],
  );
};
