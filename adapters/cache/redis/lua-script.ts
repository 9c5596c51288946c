import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

const isNoScriptError = (error: unknown): boolean => error instanceof Error && error.message.startsWith('NOSCRIPT');

/**
 * A Lua script run with `EVALSHA`, falling back to `EVAL` (which also caches it on the server) when the server
 * does not know it yet (first use, restart, `SCRIPT FLUSH`). A script runs atomically on the server.
 * `keys` get the client's `keyPrefix` from ioredis; keys a script builds itself must include it already.
 */
export class LuaScript {
  private readonly sha1: string;

  constructor(private readonly source: string) {
    this.sha1 = createHash('sha1').update(source).digest('hex');
  }

  async run(client: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    try {
      return await client.evalsha(this.sha1, keys.length, ...keys, ...args);
    } catch (error: unknown) {
      if (!isNoScriptError(error)) throw error;
      return client.eval(this.source, keys.length, ...keys, ...args);
    }
  }
}
