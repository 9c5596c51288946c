import type { LogFields, Logger } from '../../../application/ports/logger';

/** The default when no logger is injected (tests): drops everything. */
export const silentLogger: Logger = {
  debug: (_fields: LogFields, _message: string) => undefined,
  info: (_fields: LogFields, _message: string) => undefined,
  warn: (_fields: LogFields, _message: string) => undefined,
  error: (_fields: LogFields, _message: string) => undefined,
  child: () => silentLogger,
};
