import { createRequire } from 'node:module';
import { connect, type Client } from 'ari-client';

/**
 * Containment of two `ari-client` 2.2.0 faults (VOICE.md §2.1, STACK.md gotcha 9). Everything that touches the
 * library's internals is in this file.
 *
 * 1. swagger-client 2.0.26 answers a non-2xx api-docs download (a 401 for a wrong password, a 503 while Asterisk
 *    starts) by throwing inside an HTTP callback, which kills the process. Its `fail` is patched once so that it
 *    only reports the failure, and `connect` rejects instead.
 * 2. `client.stop()` cannot cancel a reconnection the library has already scheduled: when that timer fires, the
 *    discarded client opens a new event socket, subscribes our app and takes it from the client that replaced it
 *    (Asterisk sends `ApplicationReplaced` to the live one). `retireClient` closes the socket and makes every later
 *    socket of that client close itself before it connects.
 */

interface SwaggerApiPrototype {
  fail: (this: { failure: (message: unknown) => void }, message: unknown) => void;
  __biancaGuarded?: boolean;
}

let guardInstalled = false;

export const installSwaggerFailGuard = (): void => {
  if (guardInstalled) return;
  const load = createRequire(__filename);
  const swaggerPath = load.resolve('swagger-client', { paths: [load.resolve('ari-client')] });
  const swagger = load(swaggerPath) as { SwaggerApi: { prototype: SwaggerApiPrototype } };
  const prototype = swagger.SwaggerApi.prototype;
  if (prototype.__biancaGuarded !== true) {
    prototype.fail = function (this: { failure: (message: unknown) => void }, message: unknown) {
      this.failure(message);
    };
    prototype.__biancaGuarded = true;
  }
  guardInstalled = true;
};

/** A connect failure. The library rejects with a string (api-docs status) or an Error (`HostIsNotReachable`). */
export class AriConnectError extends Error {
  constructor(reason: unknown) {
    const detail =
      reason instanceof Error ? `${reason.name}: ${reason.message}` : typeof reason === 'string' ? reason : 'unknown';
    super(`ARI connect failed: ${detail.slice(0, 300)}`);
    this.name = 'AriConnectError';
  }
}

export type AriConnect = (url: string, username: string, password: string) => Promise<Client>;

/** `ari.connect` with the crash guard installed and every failure turned into an `AriConnectError`. */
export const connectAri: AriConnect = async (url, username, password) => {
  installSwaggerFailGuard();
  try {
    return await Promise.resolve(connect(url, username, password));
  } catch (error) {
    throw new AriConnectError(error);
  }
};

/** The event side of a client, which the typings describe only partly (`'*'`, removing every listener). */
export interface AriEventSource {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  removeAllListeners(): unknown;
  start(app: string): PromiseLike<void>;
  ping(): void;
}

export const eventSourceOf = (client: Client): AriEventSource => client as unknown as AriEventSource;

interface ClientSocket {
  terminate(): void;
}

interface ClientInternals {
  _ws?: ClientSocket;
  _wsClosed?: boolean;
}

/**
 * Ends a client for good: no listener of ours stays attached, its event socket is closed, and any socket a pending
 * library reconnection opens later is terminated before it connects (with `_wsClosed` set, the library neither
 * reports that nor schedules another attempt, so its reconnection chain ends).
 */
export const retireClient = (client: Client): void => {
  eventSourceOf(client).removeAllListeners();
  const internals = client as unknown as ClientInternals;
  let current = internals._ws;
  internals._wsClosed = true;
  Object.defineProperty(internals, '_ws', {
    configurable: true,
    get: () => current,
    set: (socket: ClientSocket) => {
      current = socket;
      internals._wsClosed = true;
      // After the library has attached its handlers, so the abort's `error` event has a listener.
      process.nextTick(() => {
        internals._wsClosed = true;
        socket.terminate();
      });
    },
  });
  current?.terminate();
};
