import { ConfigError, loadConfig } from '../../bootstrap/config';

const key = 'k'.repeat(32);
const productionEnv = {
  NODE_ENV: 'production',
  MONGODB_URL: 'mongodb://db.internal:27017/bianca',
  REDIS_URL: 'redis://cache.internal:6379',
  CORS_ORIGINS: 'https://app.example.com',
  PUBLIC_BASE_URL: 'https://api.example.com',
  JWT_SECRET: key,
  MFA_ENCRYPTION_KEY: key,
  AUDIT_SIGNING_KEY: key,
  HMAC_PEPPER: key,
};

const messageOf = (env: Record<string, string>): string => {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected loadConfig to throw');
};

describe('loadConfig', () => {
  it('defaults to the embedded development profile on port 3000 with localhost CORS', () => {
    const config = loadConfig({});
    expect(config.env).toBe('development');
    expect(config.http.port).toBe(3000);
    expect(config.http.corsOrigins).toBeNull();
    expect(config.mongodbUrl).toBeUndefined();
    expect(config.seedDemoData).toBe(true);
    expect(config.testSupportRoutes).toBe(false);
    expect(config.shutdownTimeoutMs).toBe(30_000);
    expect(config.http.drainTimeoutMs).toBe(10_000);
  });

  it('generates per-boot keys outside production and names them for the warning', () => {
    const a = loadConfig({});
    const b = loadConfig({});
    expect(a.generatedKeys).toEqual(['JWT_SECRET', 'MFA_ENCRYPTION_KEY', 'AUDIT_SIGNING_KEY', 'HMAC_PEPPER']);
    expect(a.keys.jwtSecret).not.toBe(b.keys.jwtSecret);
    expect(a.keys.jwtSecret.length).toBeGreaterThanOrEqual(32);
  });

  it.each([
    [{ PORT: 'abc' }, /^Invalid configuration: PORT must be an integer from 0 to 65535$/],
    [{ PORT: '70000' }, /^Invalid configuration: PORT /],
    [{ NODE_ENV: 'staging' }, /^Invalid configuration: NODE_ENV must be development, test or production$/],
    [{ LOG_LEVEL: 'loud' }, /^Invalid configuration: LOG_LEVEL /],
    [{ MONGODB_URL: 'http://x' }, /^Invalid configuration: MONGODB_URL must be a URL starting with mongodb:/],
    [{ CORS_ORIGINS: 'https://*.vercel.app' }, /^Invalid configuration: CORS_ORIGINS /],
    [{ JWT_SECRET: 'short' }, /^Invalid configuration: JWT_SECRET must be at least 32 characters long$/],
    [{ TEST_SUPPORT_ROUTES: 'maybe' }, /^Invalid configuration: TEST_SUPPORT_ROUTES must be true or false$/],
  ])('rejects %j with one line naming the variable', (env, expected) => {
    const message = messageOf(env);
    expect(message).toMatch(expected);
    expect(message).not.toContain('\n');
  });

  it('never echoes a rejected secret value', () => {
    expect(messageOf({ JWT_SECRET: 'hunter2-short' })).not.toContain('hunter2');
  });

  it('accepts a complete production environment and applies production defaults', () => {
    const config = loadConfig(productionEnv);
    expect(config.http.host).toBe('0.0.0.0');
    expect(config.http.apiDocsEnabled).toBe(false);
    expect(config.seedDemoData).toBe(false);
    expect(config.generatedKeys).toEqual([]);
    expect(config.http.corsOrigins).toEqual(['https://app.example.com']);
  });

  it.each([
    'JWT_SECRET',
    'MFA_ENCRYPTION_KEY',
    'AUDIT_SIGNING_KEY',
    'HMAC_PEPPER',
    'MONGODB_URL',
    'REDIS_URL',
    'CORS_ORIGINS',
  ])('requires %s in production', (variable) => {
    const env: Record<string, string> = { ...productionEnv };
    delete env[variable];
    expect(messageOf(env)).toBe(`Invalid configuration: ${variable} is required when NODE_ENV=production`);
  });

  it.each([
    ['SEED_DEMO_DATA', 'true'],
    ['TEST_SUPPORT_ROUTES', 'true'],
  ])('refuses %s=%s in production', (variable, value) => {
    expect(messageOf({ ...productionEnv, [variable]: value })).toMatch(
      new RegExp(`^Invalid configuration: ${variable} cannot be true`),
    );
  });
});
