import pino, { type DestinationStream, type Logger as Pino } from 'pino';
import type { LogFields, Logger } from '../../application/ports/logger';
import { currentRequestId } from '../shared/request-context';
import { redactString, redactValue } from './log-redactor';

export interface LoggerOptions {
  readonly level: string;
  readonly service?: string;
}

/**
 * JSON-lines logging with pino. Every line written inside a request carries its `requestId`; every object
 * and message passes through the redactor before serialisation (formatters.log and hooks.logMethod).
 */
export const createPinoLogger = (options: LoggerOptions, destination?: DestinationStream): Pino =>
  pino(
    {
      level: options.level,
      base: { service: options.service ?? 'bianca' },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'msg',
      mixin: () => {
        const requestId = currentRequestId();
        return requestId === undefined ? {} : { requestId };
      },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => redactValue(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args: unknown[], method) {
          const cleaned = args.map((arg) => {
            if (typeof arg === 'string') return redactString(arg);
            if (arg instanceof Error) return { err: redactValue(arg) };
            return arg;
          });
          method.apply(this, cleaned as Parameters<typeof method>);
        },
      },
      serializers: { err: (value: unknown) => redactValue(value) },
    },
    destination,
  );

/** Adapts pino to the core's `Logger` port. */
export class PinoLogger implements Logger {
  constructor(readonly pino: Pino) {}

  debug(fields: LogFields, message: string): void {
    this.pino.debug(fields, message);
  }

  info(fields: LogFields, message: string): void {
    this.pino.info(fields, message);
  }

  warn(fields: LogFields, message: string): void {
    this.pino.warn(fields, message);
  }

  error(fields: LogFields, message: string): void {
    this.pino.error(fields, message);
  }

  child(bindings: LogFields): Logger {
    return new PinoLogger(this.pino.child(redactValue(bindings) as Record<string, unknown>));
  }
}
