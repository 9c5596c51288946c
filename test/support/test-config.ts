import { loadConfig, type AppConfig, type Environment } from '../../bootstrap/config';

/**
 * The PHI-volume and off-hours breach rules stay out of the way of tests about other things (a matrix test opens
 * dozens of patients a minute, and CI may run at night in the org's zone); test/e2e/compliance/phi-volume.test.ts
 * and the rule unit tests run them with the production thresholds.
 */
export const QUIET_BREACH_RULES: Environment = {
  PHI_VOLUME_MINUTE_LIMIT: '100000',
  PHI_VOLUME_HOUR_LIMIT: '1000000',
  PHI_LIST_ALERT_HOUR_LIMIT: '10000000',
  OFF_HOURS_START: '00:00',
  OFF_HOURS_END: '00:00',
};

/** A test configuration: ephemeral port, quiet logs, no demo seed, unless the caller says otherwise. */
export const testConfig = (env: Environment = {}): AppConfig =>
  loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'silent',
    SEED_DEMO_DATA: 'false',
    ...QUIET_BREACH_RULES,
    ...env,
  });
