import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import type { PasswordHasher } from '../../application/ports/password-hasher';
import { WorkerPool } from './worker-pool';

export interface BcryptPasswordHasherOptions {
  /** bcrypt cost factor (log2 rounds), at least 10 (at most 31). */
  readonly cost: number;
  /** Worker threads running bcryptjs; default 2. */
  readonly poolSize?: number;
}

export const MIN_BCRYPT_COST = 10;
const MAX_BCRYPT_COST = 31;
const BCRYPT_HASH = /^\$2[aby]\$(\d{2})\$[./A-Za-z0-9]{53}$/;

/** The cost of a `$2a$`/`$2b$`/`$2y$` hash, or null when `hash` is not a bcrypt hash. */
export const bcryptCost = (hash: string): number | null => {
  const match = BCRYPT_HASH.exec(hash);
  return match === null ? null : Number(match[1]);
};

/** The worker file sits next to this module both in the sources (Jest) and in `dist/` (tsc copies .js files). */
export const bcryptWorkerPath = (): string => join(__dirname, 'bcrypt-worker.js');

/**
 * bcryptjs on a small pool of worker threads (RESOLUTIONS.md 18): pure-JS bcrypt would block the event loop for
 * tens of milliseconds per hash, which would wreck the RTP pacer. Call `close()` at shutdown.
 */
export class BcryptPasswordHasher implements PasswordHasher {
  private readonly cost: number;
  private readonly pool: WorkerPool;
  /**
   * A well-formed hash of the configured cost with a random salt and digest: comparing against it costs the same
   * key derivation as a real hash, and no password matches it. It needs no hashing at start-up.
   */
  private readonly dummyHash: string;

  constructor(options: BcryptPasswordHasherOptions) {
    const { cost, poolSize = 2 } = options;
    if (!Number.isInteger(cost) || cost < MIN_BCRYPT_COST || cost > MAX_BCRYPT_COST) {
      throw new RangeError(`bcrypt cost must be an integer from ${MIN_BCRYPT_COST} to ${MAX_BCRYPT_COST}, got ${cost}`);
    }
    this.cost = cost;
    this.pool = new WorkerPool({ scriptPath: bcryptWorkerPath(), size: poolSize, name: 'bcrypt worker pool' });
    this.dummyHash = bcrypt.genSaltSync(cost) + bcrypt.encodeBase64(randomBytes(23), 23);
  }

  async hash(password: string): Promise<string> {
    const value = await this.pool.run({ op: 'hash', password, cost: this.cost });
    if (typeof value !== 'string') throw new Error('The bcrypt worker returned no hash');
    return value;
  }

  async verify(password: string, hash: string): Promise<boolean> {
    if (bcryptCost(hash) === null) return false;
    const value = await this.pool.run({ op: 'compare', password, hash });
    return value === true;
  }

  needsRehash(hash: string): boolean {
    const cost = bcryptCost(hash);
    return cost === null || cost < this.cost;
  }

  async dummyVerify(password: string): Promise<void> {
    await this.pool.run({ op: 'compare', password, hash: this.dummyHash });
  }

  /** Live workers, busy ones and queued tasks (for health checks and tests). */
  poolStats(): ReturnType<WorkerPool['stats']> {
    return this.pool.stats();
  }

  /** Terminates the workers; later calls reject. */
  close(): Promise<void> {
    return this.pool.close();
  }
}
