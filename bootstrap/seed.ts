import type { Container } from 'inversify';
import type { Logger } from '../application/ports/logger';

export interface DemoLogin {
  readonly email: string;
  readonly password: string;
  readonly role: string;
}

/**
 * Demo data for development and the embedded default (API-CONTRACT.md §6.4), written through use-cases as
 * they come to exist (RESOLUTIONS.md 27). Returns the logins to print at start-up.
 */
export const seedDemoData = (container: Container, logger: Logger): Promise<readonly DemoLogin[]> => {
  void container;
  logger.info({}, 'demo seed: nothing to seed yet');
  return Promise.resolve([]);
};
