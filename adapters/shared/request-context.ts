import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line of a request carries; set by the HTTP adapter, read by the logger. */
export interface RequestContext {
  readonly requestId: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

export const currentRequestId = (): string | undefined => requestContext.getStore()?.requestId;
