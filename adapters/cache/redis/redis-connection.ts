import { Redis } from 'ioredis';

export interface RedisClientOptions {
  /** ioredis `keyPrefix`: prepended to every key the client sends (not to SCAN patterns). */
  readonly keyPrefix?: string;
  /** How long one connection attempt may take before it is abandoned (default 5000 ms). */
  readonly connectTimeoutMs?: number;
  /**
   * Receives connection errors (ioredis emits them as `error` events and reconnects on its own). Without it,
   * ioredis prints them to the console; bootstrap passes one that writes to the logger.
   */
  readonly onError?: (error: Error) => void;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 5000;
/** A command waits for at most this many reconnect attempts before it rejects. */
const MAX_RETRIES_PER_REQUEST = 1;
const MAX_RECONNECT_DELAY_MS = 1000;

/**
 * One ioredis client for `url` (`redis://` or `rediss://`, credentials and db in the URL), connecting at once.
 *
 * - Commands sent before the connection is ready wait in the offline queue, so start-up races are harmless.
 * - While Redis is down the client keeps reconnecting (100 ms doubling up to 1 s), and a command waits for at
 *   most one reconnect attempt before it rejects (about 1 s in a long outage when the host refuses connections,
 *   up to `connectTimeoutMs` when it does not answer): callers see a failure quickly instead of hanging.
 * - The RESP protocol is ioredis 6's default (RESP3, replies in RESP2 shapes); our adapters work with either.
 */
export const createRedisClient = (url: string, options: RedisClientOptions = {}): Redis => {
  const client = new Redis(url, {
    connectTimeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: MAX_RETRIES_PER_REQUEST,
    enableOfflineQueue: true,
    lazyConnect: false,
    retryStrategy: (attempt) => Math.min(50 * 2 ** Math.min(attempt, 5), MAX_RECONNECT_DELAY_MS),
    connectionName: 'bianca',
    ...(options.keyPrefix === undefined ? {} : { keyPrefix: options.keyPrefix }),
  });
  if (options.onError !== undefined) client.on('error', options.onError);
  return client;
};

const CLOSE_TIMEOUT_MS = 2000;

/**
 * Closes the client and resolves once it has ended (status `end`, no reconnection left): a polite `QUIT` when
 * connected (replies in flight arrive first), an immediate disconnect otherwise. If it has not ended within 2 s
 * the socket is forced closed and the promise resolves anyway. Never rejects.
 */
export const closeRedis = async (client: Redis): Promise<void> => {
  if (client.status === 'end') return;
  const ended = new Promise<'ended'>((resolve) => client.once('end', () => resolve('ended')));
  if (client.status === 'ready') {
    client.quit().catch(() => client.disconnect(false));
  } else {
    client.disconnect(false);
  }
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), CLOSE_TIMEOUT_MS);
    timer.unref();
  });
  try {
    // Past the timeout, force the socket closed and stop waiting for the `end` event.
    if ((await Promise.race([ended, timedOut])) === 'timeout') client.disconnect(false);
  } finally {
    clearTimeout(timer);
  }
};
