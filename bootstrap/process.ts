import { ConfigError, loadConfig, type AppConfig } from './config';
import { startApplication, type StartOptions } from './application';

const readConfig = (): AppConfig => {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
};

/**
 * Runs Bianca as a process: a bad setting exits 1 with one line naming it; SIGTERM/SIGINT drain and exit with
 * the coordinator's code. `options` exists so test fixtures run the very same process logic with extra routes.
 */
export const runProcess = async (options: StartOptions = {}): Promise<void> => {
  const config = readConfig();
  const app = await startApplication(config, options);
  const stop = (signal: string): void => {
    void app.shutdown(signal).then((code) => process.exit(code));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
};

export const reportStartupFailure = (error: unknown): never => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Bianca failed to start: ${message}\n`);
  process.exit(1);
};

process.on('unhandledRejection', (reason) => {
  const type = reason instanceof Error ? reason.name : typeof reason;
  process.stderr.write(`${JSON.stringify({ level: 'error', msg: 'unhandled rejection', type })}\n`);
});
