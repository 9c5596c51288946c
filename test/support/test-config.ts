import { loadConfig, type AppConfig, type Environment } from '../../bootstrap/config';

/** A test configuration: ephemeral port, quiet logs, no demo seed, unless the caller says otherwise. */
export const testConfig = (env: Environment = {}): AppConfig =>
  loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', SEED_DEMO_DATA: 'false', ...env });
