import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { parseVoiceConfig, VoiceConfigProblem, type VoiceConfig } from './voice-config';

/**
 * Every setting, read once from the environment through this one schema (RESOLUTIONS.md 26). Defaults give
 * the embedded profile; each real service switches on when its URL or key is set. Every variable has a row in
 * the README's configuration table.
 */
const boolean = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
    .optional()
    .transform((value) => (value === undefined ? fallback : ['true', '1', 'yes'].includes(value)));

const integer = (min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return fallback;
      if (!/^\d+$/.test(value.trim()) || Number(value) < min || Number(value) > max) {
        ctx.addIssue({ code: 'custom', message: `must be an integer from ${min} to ${max}` });
        return z.NEVER;
      }
      return Number(value);
    });

/** A time of day `HH:mm` (24 h); unset or empty means `fallback`. */
const timeOfDay = (fallback: string) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return fallback;
      if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(value.trim())) {
        ctx.addIssue({ code: 'custom', message: 'must be a time of day HH:mm' });
        return z.NEVER;
      }
      return value.trim();
    });

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const optionalUrl = (protocols: readonly string[]) =>
  optionalText.refine(
    (value) => {
      if (value === undefined) return true;
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
  );

const secret = optionalText.refine((value) => value === undefined || value.length >= 32, {
  message: 'must be at least 32 characters long',
});

const origins = optionalText.transform((value, ctx) => {
  if (value === undefined) return undefined;
  const list = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
  for (const origin of list) {
    if (!/^https?:\/\/[^/\s*]+$/.test(origin)) {
      ctx.addIssue({ code: 'custom', message: `"${origin}" is not an origin like https://app.example.com` });
      return z.NEVER;
    }
  }
  return list;
});

const schema = z.object({
  NODE_ENV: z
    .enum(['development', 'test', 'production'], { error: 'must be development, test or production' })
    .default('development'),
  PORT: integer(0, 65535, 3000),
  HOST: optionalText,
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  PUBLIC_BASE_URL: optionalUrl(['http:', 'https:']),
  FRONTEND_URL: optionalUrl(['http:', 'https:']),
  CORS_ORIGINS: origins,
  TRUST_PROXY_HOPS: integer(0, 10, 0),
  HTTP_DRAIN_TIMEOUT_MS: integer(0, 10_000, 10_000),
  SHUTDOWN_TIMEOUT_MS: integer(1000, 120_000, 30_000),
  MONGODB_URL: optionalUrl(['mongodb:', 'mongodb+srv:']),
  REDIS_URL: optionalUrl(['redis:', 'rediss:']),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_.-]{1,64}$/, { error: 'must be 1-64 letters, digits or : _ . -' })
    .default('bianca:'),
  JWT_SECRET: secret,
  MFA_ENCRYPTION_KEY: secret,
  AUDIT_SIGNING_KEY: secret,
  HMAC_PEPPER: secret,
  SEED_DEMO_DATA: optionalText.pipe(z.enum(['true', 'false'], { error: 'must be true or false' }).optional()),
  TEST_SUPPORT_ROUTES: boolean(false),
  API_DOCS_ENABLED: optionalText.pipe(z.enum(['true', 'false'], { error: 'must be true or false' }).optional()),
  SCHEDULER_POLL_MS: integer(100, 60_000, 1000),
  CALL_MAX_DURATION_MINUTES: integer(1, 240, 30),
  CALL_MAX_CONCURRENT: integer(1, 1000, 50),
  SIMULATED_RING_MS: integer(0, 60_000, 2000),
  PHI_VOLUME_MINUTE_LIMIT: integer(1, 100_000, 20),
  PHI_VOLUME_HOUR_LIMIT: integer(1, 1_000_000, 100),
  PHI_LIST_ALERT_HOUR_LIMIT: integer(1, 10_000_000, 500),
  OFF_HOURS_START: timeOfDay('22:00'),
  OFF_HOURS_END: timeOfDay('06:00'),
  SECURITY_CONTACT_EMAIL: optionalText,
  BCRYPT_COST: integer(10, 15, 10),
  JWT_ALGORITHM: z.enum(['HS256', 'EdDSA'], { error: 'must be HS256 or EdDSA' }).default('HS256'),
  JWT_PRIVATE_KEY: optionalText,
  JWT_PUBLIC_KEY: optionalText,
  JWT_ISSUER: optionalText,
  JWT_AUDIENCE: optionalText,
  ACCESS_TOKEN_TTL_MINUTES: integer(1, 1440, 30),
  REFRESH_TOKEN_DAYS: integer(1, 365, 30),
  SESSION_LIFETIME_DAYS: integer(1, 365, 30),
  IDLE_TIMEOUT_MINUTES: integer(1, 1440, 15),
  MFA_ISSUER: optionalText,
  MFA_GRACE_DAYS: integer(0, 365, 7),
  PASSWORD_MAX_AGE_DAYS: integer(1, 3650, 90),
  GOOGLE_CLIENT_IDS: optionalText,
  GOOGLE_JWKS_URL: optionalUrl(['http:', 'https:']),
  MICROSOFT_CLIENT_IDS: optionalText,
  MICROSOFT_JWKS_URL: optionalUrl(['http:', 'https:']),
  MICROSOFT_TENANT_IDS: optionalText,
  EMAIL_PROVIDER: z.enum(['outbox', 'ses'], { error: 'must be outbox or ses' }).default('outbox'),
  EMAIL_FROM: optionalText,
  SMS_PROVIDER: z.enum(['outbox', 'sns'], { error: 'must be outbox or sns' }).default('outbox'),
  SMS_SENDER_ID: optionalText,
  AWS_REGION: optionalText,
  AWS_ENDPOINT_URL: optionalUrl(['http:', 'https:']),
  AUTH_RATE_LIMIT: integer(1, 100_000, 20),
  API_USER_RATE_LIMIT: integer(1, 10_000_000, 300),
  PUBLIC_IP_RATE_LIMIT: integer(1, 1_000_000, 60),
});

export type Environment = Record<string, string | undefined>;

export interface Keys {
  readonly jwtSecret: string;
  readonly mfaEncryptionKey: string;
  readonly auditSigningKey: string;
  readonly hmacPepper: string;
}

export interface AppConfig {
  readonly env: 'development' | 'test' | 'production';
  readonly http: {
    readonly port: number;
    readonly host: string;
    readonly publicBaseUrl: string;
    readonly frontendUrl: string;
    /** Explicit allow-list; `null` means "any localhost / 127.0.0.1 origin" (development and test only). */
    readonly corsOrigins: readonly string[] | null;
    readonly trustProxyHops: number;
    readonly drainTimeoutMs: number;
    readonly apiDocsEnabled: boolean;
  };
  readonly logLevel: string;
  readonly shutdownTimeoutMs: number;
  readonly mongodbUrl: string | undefined;
  readonly redisUrl: string | undefined;
  readonly redisKeyPrefix: string;
  readonly keys: Keys;
  /** Names of keys generated for this boot only (logged as a warning; never in production). */
  readonly generatedKeys: readonly string[];
  readonly seedDemoData: boolean;
  readonly testSupportRoutes: boolean;
  readonly schedulerPollMs: number;
  readonly calls: CallsConfig;
  /** DOMAIN.md §2.4.9 PHI-volume and off-hours rules (RESOLUTIONS.md 33). */
  readonly breachRules: {
    readonly phiVolumeMinuteLimit: number;
    readonly phiVolumeHourLimit: number;
    readonly phiListAlertHourLimit: number;
    readonly offHoursStart: string;
    readonly offHoursEnd: string;
    readonly securityContactEmail: string | undefined;
  };
  /** Telephony and voice agent selection and settings (VOICE.md Appendix A, voice-config.ts). */
  readonly voice: VoiceConfig;
  readonly identity: IdentityConfig;
  readonly notifications: NotificationConfig;
  readonly rateLimits: { readonly auth: number; readonly apiUser: number; readonly publicIp: number };
}

export interface CallsConfig {
  readonly maxDurationMinutes: number;
  readonly maxConcurrent: number;
  /** How long the simulated phone line rings before the patient "answers" (embedded default). */
  readonly simulatedRingMs: number;
}

export interface IdentityConfig {
  readonly bcryptCost: number;
  readonly jwt: {
    readonly algorithm: 'HS256' | 'EdDSA';
    readonly privateKeyPem: string | undefined;
    readonly publicKeyPem: string | undefined;
    readonly issuer: string;
    readonly audience: string;
  };
  readonly accessTokenTtlMinutes: number;
  readonly refreshTokenDays: number;
  readonly sessionLifetimeDays: number;
  readonly idleTimeoutMinutes: number;
  readonly mfaIssuer: string;
  readonly mfaGraceDays: number;
  readonly passwordMaxAgeDays: number;
  readonly sso: {
    readonly google: { readonly clientIds: readonly string[]; readonly jwksUrl: string | undefined };
    readonly microsoft: {
      readonly clientIds: readonly string[];
      readonly jwksUrl: string | undefined;
      readonly tenantIds: readonly string[];
    };
  };
}

export interface NotificationConfig {
  readonly emailProvider: 'outbox' | 'ses';
  readonly emailFrom: string;
  readonly smsProvider: 'outbox' | 'sns';
  readonly smsSenderId: string | undefined;
  readonly awsRegion: string | undefined;
  readonly awsEndpointUrl: string | undefined;
}

const list = (value: string | undefined): string[] =>
  value === undefined
    ? []
    : value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '');

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const keyNames = {
  jwtSecret: 'JWT_SECRET',
  mfaEncryptionKey: 'MFA_ENCRYPTION_KEY',
  auditSigningKey: 'AUDIT_SIGNING_KEY',
  hmacPepper: 'HMAC_PEPPER',
} as const satisfies Record<keyof Keys, string>;

/** Parses the environment; throws `ConfigError` whose message is one line naming the variable at fault. */
export const loadConfig = (environment: Environment): AppConfig => {
  const parsed = schema.safeParse(environment);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(`Invalid configuration: ${variable} ${issue?.message ?? 'is invalid'}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';

  const generatedKeys: string[] = [];
  const keyOf = (name: keyof Keys): string => {
    const value = e[keyNames[name]];
    if (value !== undefined) return value;
    if (production)
      throw new ConfigError(`Invalid configuration: ${keyNames[name]} is required when NODE_ENV=production`);
    generatedKeys.push(keyNames[name]);
    return randomBytes(32).toString('base64url');
  };
  const keys: Keys = {
    jwtSecret: keyOf('jwtSecret'),
    mfaEncryptionKey: keyOf('mfaEncryptionKey'),
    auditSigningKey: keyOf('auditSigningKey'),
    hmacPepper: keyOf('hmacPepper'),
  };

  if (production) {
    if (e.MONGODB_URL === undefined)
      throw new ConfigError('Invalid configuration: MONGODB_URL is required when NODE_ENV=production');
    if (e.REDIS_URL === undefined)
      throw new ConfigError('Invalid configuration: REDIS_URL is required when NODE_ENV=production');
    if (e.CORS_ORIGINS === undefined)
      throw new ConfigError('Invalid configuration: CORS_ORIGINS is required when NODE_ENV=production');
    if (e.SEED_DEMO_DATA === 'true')
      throw new ConfigError('Invalid configuration: SEED_DEMO_DATA cannot be true when NODE_ENV=production');
    if (e.TEST_SUPPORT_ROUTES)
      throw new ConfigError('Invalid configuration: TEST_SUPPORT_ROUTES cannot be true when NODE_ENV=production');
    if (e.PUBLIC_BASE_URL === undefined)
      throw new ConfigError('Invalid configuration: PUBLIC_BASE_URL is required when NODE_ENV=production');
  }

  if (e.JWT_ALGORITHM === 'EdDSA' && e.JWT_PRIVATE_KEY === undefined) {
    throw new ConfigError('Invalid configuration: JWT_PRIVATE_KEY is required when JWT_ALGORITHM=EdDSA');
  }
  if ((e.EMAIL_PROVIDER === 'ses' || e.SMS_PROVIDER === 'sns') && e.AWS_REGION === undefined) {
    throw new ConfigError('Invalid configuration: AWS_REGION is required when EMAIL_PROVIDER=ses or SMS_PROVIDER=sns');
  }
  if (e.EMAIL_PROVIDER === 'ses' && e.EMAIL_FROM === undefined) {
    throw new ConfigError('Invalid configuration: EMAIL_FROM is required when EMAIL_PROVIDER=ses');
  }

  const voice = voiceOf(environment, e.NODE_ENV);

  const publicBaseUrl = (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    env: e.NODE_ENV,
    http: {
      port: e.PORT,
      host: e.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
      publicBaseUrl,
      frontendUrl: (e.FRONTEND_URL ?? 'http://localhost:8081').replace(/\/+$/, ''),
      corsOrigins: e.CORS_ORIGINS ?? null,
      trustProxyHops: e.TRUST_PROXY_HOPS,
      drainTimeoutMs: e.HTTP_DRAIN_TIMEOUT_MS,
      apiDocsEnabled: e.API_DOCS_ENABLED === undefined ? !production : e.API_DOCS_ENABLED === 'true',
    },
    logLevel: e.LOG_LEVEL,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    mongodbUrl: e.MONGODB_URL,
    redisUrl: e.REDIS_URL,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    keys,
    generatedKeys,
    seedDemoData:
      e.SEED_DEMO_DATA === undefined
        ? e.NODE_ENV === 'development' && e.MONGODB_URL === undefined
        : e.SEED_DEMO_DATA === 'true',
    testSupportRoutes: e.TEST_SUPPORT_ROUTES,
    schedulerPollMs: e.SCHEDULER_POLL_MS,
    breachRules: {
      phiVolumeMinuteLimit: e.PHI_VOLUME_MINUTE_LIMIT,
      phiVolumeHourLimit: e.PHI_VOLUME_HOUR_LIMIT,
      phiListAlertHourLimit: e.PHI_LIST_ALERT_HOUR_LIMIT,
      offHoursStart: e.OFF_HOURS_START,
      offHoursEnd: e.OFF_HOURS_END,
      securityContactEmail: e.SECURITY_CONTACT_EMAIL,
    },
    calls: {
      maxDurationMinutes: e.CALL_MAX_DURATION_MINUTES,
      maxConcurrent: e.CALL_MAX_CONCURRENT,
      simulatedRingMs: e.SIMULATED_RING_MS,
    },
    voice,
    identity: {
      bcryptCost: e.BCRYPT_COST,
      jwt: {
        algorithm: e.JWT_ALGORITHM,
        privateKeyPem: e.JWT_PRIVATE_KEY?.replace(/\\n/g, '\n'),
        publicKeyPem: e.JWT_PUBLIC_KEY?.replace(/\\n/g, '\n'),
        issuer: e.JWT_ISSUER ?? 'bianca',
        audience: e.JWT_AUDIENCE ?? 'bianca-caregiver-app',
      },
      accessTokenTtlMinutes: e.ACCESS_TOKEN_TTL_MINUTES,
      refreshTokenDays: e.REFRESH_TOKEN_DAYS,
      sessionLifetimeDays: e.SESSION_LIFETIME_DAYS,
      idleTimeoutMinutes: e.IDLE_TIMEOUT_MINUTES,
      mfaIssuer: e.MFA_ISSUER ?? 'MyPhoneFriend',
      mfaGraceDays: e.MFA_GRACE_DAYS,
      passwordMaxAgeDays: e.PASSWORD_MAX_AGE_DAYS,
      sso: {
        google: { clientIds: list(e.GOOGLE_CLIENT_IDS), jwksUrl: e.GOOGLE_JWKS_URL },
        microsoft: {
          clientIds: list(e.MICROSOFT_CLIENT_IDS),
          jwksUrl: e.MICROSOFT_JWKS_URL,
          tenantIds: list(e.MICROSOFT_TENANT_IDS),
        },
      },
    },
    notifications: {
      emailProvider: e.EMAIL_PROVIDER,
      emailFrom: e.EMAIL_FROM ?? 'MyPhoneFriend <no-reply@myphonefriend.local>',
      smsProvider: e.SMS_PROVIDER,
      smsSenderId: e.SMS_SENDER_ID,
      awsRegion: e.AWS_REGION,
      awsEndpointUrl: e.AWS_ENDPOINT_URL,
    },
    rateLimits: { auth: e.AUTH_RATE_LIMIT, apiUser: e.API_USER_RATE_LIMIT, publicIp: e.PUBLIC_IP_RATE_LIMIT },
  };
};

const voiceOf = (environment: Environment, nodeEnv: AppConfig['env']): VoiceConfig => {
  try {
    return parseVoiceConfig(environment, nodeEnv);
  } catch (error) {
    if (error instanceof VoiceConfigProblem) throw new ConfigError(`Invalid configuration: ${error.message}`);
    throw error;
  }
};
