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

describe('loadConfig: voice (VOICE.md Appendix A)', () => {
  const asteriskEnv = {
    ARI_URL: 'http://asterisk.internal:8088',
    ARI_USERNAME: 'bianca',
    ARI_PASSWORD: 'ari-pass-secret',
    ASTERISK_DIAL_TEMPLATE: 'PJSIP/{e164}@carrier',
    ASTERISK_CALLER_ID: '+15550001111',
  };

  it('defaults to the simulated line and the scripted agent', () => {
    const { voice } = loadConfig({});
    expect(voice).toMatchObject({ telephony: 'simulated', agent: 'scripted', asterisk: undefined, openai: undefined });
    expect(voice.rtp).toEqual({
      bindAddress: '127.0.0.1',
      advertiseAddress: undefined,
      portRange: { kind: 'range', min: 40_000, max: 40_999 },
      socketBufferBytes: 262_144,
    });
  });

  it('selects Asterisk when ARI_URL is set and OpenAI when OPENAI_API_KEY is set', () => {
    const { voice } = loadConfig({
      ...asteriskEnv,
      OPENAI_API_KEY: 'sk-test-key',
      RTP_BIND_ADDRESS: '0.0.0.0',
      RTP_ADVERTISE_ADDRESS: '10.0.0.5',
      RTP_PORT_RANGE: '0',
    });
    expect(voice.telephony).toBe('asterisk');
    expect(voice.asterisk).toEqual({
      ariUrl: 'http://asterisk.internal:8088',
      username: 'bianca',
      password: 'ari-pass-secret',
      app: 'bianca',
      requestTimeoutMs: 5000,
      dialTemplate: 'PJSIP/{e164}@carrier',
      callerId: '+15550001111',
      mediaAddress: undefined,
      amd: true,
    });
    expect(voice.rtp).toMatchObject({
      bindAddress: '0.0.0.0',
      advertiseAddress: '10.0.0.5',
      portRange: { kind: 'os' },
    });
    expect(voice.openai).toMatchObject({
      apiKey: 'sk-test-key',
      url: 'wss://api.openai.com/v1/realtime',
      model: 'gpt-realtime',
      voice: 'marin',
      allowPlainWs: false,
    });
  });

  it('lets VOICE_TELEPHONY and VOICE_AGENT force the embedded adapters', () => {
    const { voice } = loadConfig({
      ...asteriskEnv,
      OPENAI_API_KEY: 'k',
      VOICE_TELEPHONY: 'simulated',
      VOICE_AGENT: 'scripted',
    });
    expect(voice).toMatchObject({ telephony: 'simulated', agent: 'scripted', asterisk: undefined, openai: undefined });
  });

  it.each([
    ['ARI_USERNAME', 'ARI_USERNAME is required when VOICE_TELEPHONY=asterisk'],
    ['ARI_PASSWORD', 'ARI_PASSWORD is required when VOICE_TELEPHONY=asterisk'],
    ['ASTERISK_DIAL_TEMPLATE', 'ASTERISK_DIAL_TEMPLATE is required when VOICE_TELEPHONY=asterisk'],
    ['ASTERISK_CALLER_ID', 'ASTERISK_CALLER_ID is required when VOICE_TELEPHONY=asterisk'],
  ])('Asterisk without %s fails naming it', (variable, message) => {
    const env: Record<string, string> = { ...asteriskEnv };
    delete env[variable];
    expect(messageOf(env)).toBe(`Invalid configuration: ${message}`);
  });

  it('needs ARI_URL for VOICE_TELEPHONY=asterisk and a key for VOICE_AGENT=openai', () => {
    expect(messageOf({ VOICE_TELEPHONY: 'asterisk' })).toBe(
      'Invalid configuration: ARI_URL is required when VOICE_TELEPHONY=asterisk',
    );
    expect(messageOf({ VOICE_AGENT: 'openai' })).toBe(
      'Invalid configuration: OPENAI_API_KEY is required when VOICE_AGENT=openai',
    );
  });

  it.each([
    ['VOICE_TELEPHONY', 'twilio', 'must be simulated or asterisk'],
    ['VOICE_AGENT', 'gemini', 'must be scripted or openai'],
    ['ARI_URL', 'ftp://asterisk', 'must be a URL starting with http:// or https://'],
    ['ASTERISK_DIAL_TEMPLATE', 'PJSIP/${number}@carrier', 'must contain {e164}'],
    ['RTP_BIND_ADDRESS', 'localhost', 'must be an IP address literal'],
    ['RTP_PORT_RANGE', '80-90', 'must be 0 or a range like 40000-40999 (ports 1024-65535)'],
    ['OPENAI_REALTIME_URL', 'https://api.openai.com', 'must be a URL starting with wss:// or ws://'],
  ])('rejects %s=%s without echoing it', (variable, value, message) => {
    const text = messageOf({ ...asteriskEnv, [variable]: value });
    expect(text).toBe(`Invalid configuration: ${variable} ${message}`);
    expect(text).not.toContain(value);
  });

  it('never echoes secrets and accepts ws:// only with NODE_ENV=test', () => {
    const secretUrl = 'ws://127.0.0.1:9/v1/realtime';
    const text = messageOf({ OPENAI_API_KEY: 'sk-super-secret', OPENAI_REALTIME_URL: secretUrl });
    expect(text).toBe('Invalid configuration: OPENAI_REALTIME_URL must use wss:// outside NODE_ENV=test');
    expect(text).not.toContain('sk-super-secret');
    const { voice } = loadConfig({ NODE_ENV: 'test', OPENAI_API_KEY: 'k', OPENAI_REALTIME_URL: secretUrl });
    expect(voice.openai).toMatchObject({ url: secretUrl, allowPlainWs: true });
  });

  it('fails on an unknown VOICE_/ARI_/RTP_/OPENAI_ key (a typo must not fall back to a default)', () => {
    expect(messageOf({ ARI_PASWORD: 'x' })).toBe(
      'Invalid configuration: ARI_PASWORD is not a known setting (check for a typo)',
    );
    expect(messageOf({ VOICE_TELEPHONEY: 'asterisk' })).toMatch(
      /^Invalid configuration: VOICE_TELEPHONEY is not a known/,
    );
  });

  it('requires a real port range for Asterisk in production', () => {
    expect(messageOf({ ...productionEnv, ...asteriskEnv, RTP_PORT_RANGE: '0' })).toBe(
      'Invalid configuration: RTP_PORT_RANGE must be a port range when NODE_ENV=production',
    );
  });
});
