import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import bcrypt from 'bcryptjs';
import { BcryptPasswordHasher, bcryptCost } from '../../../adapters/security/bcrypt-password-hasher';
import { repoRoot } from '../../support/spawn-server';

/** Counts the ticks of a 5 ms interval while `work` runs: a blocked event loop cannot tick. */
const ticksDuring = async (work: () => Promise<unknown>): Promise<{ ticks: number; elapsedMs: number }> => {
  let ticks = 0;
  const timer = setInterval(() => {
    ticks += 1;
  }, 5);
  const started = performance.now();
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return { ticks, elapsedMs: performance.now() - started };
};

const timed = async (work: () => Promise<unknown>): Promise<number> => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

describe('BcryptPasswordHasher', () => {
  const hasher = new BcryptPasswordHasher({ cost: 10, poolSize: 2 });
  afterAll(() => hasher.close());

  it('hashes at the configured cost and verifies the right password only', async () => {
    const hash = await hasher.hash('correct horse 1');
    expect(hash).toMatch(/^\$2b\$10\$[./A-Za-z0-9]{53}$/);
    await expect(hasher.verify('correct horse 1', hash)).resolves.toBe(true);
    await expect(hasher.verify('correct horse 2', hash)).resolves.toBe(false);
    await expect(hasher.verify('Correct horse 1', hash)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    const [first, second] = await Promise.all([hasher.hash('same password 1'), hasher.hash('same password 1')]);
    expect(first).not.toBe(second);
  });

  it('verifies hashes made elsewhere and answers false for malformed ones', async () => {
    const foreign = bcrypt.hashSync('from another system 1', 10).replace(/^\$2b\$/, '$2a$');
    await expect(hasher.verify('from another system 1', foreign)).resolves.toBe(true);
    await expect(hasher.verify('anything', 'not a hash')).resolves.toBe(false);
    await expect(hasher.verify('anything', '')).resolves.toBe(false);
  });

  it('asks for a re-hash only when the hash is cheaper than the configured cost', async () => {
    const cost10 = await hasher.hash('rehash me 1');
    const stronger = new BcryptPasswordHasher({ cost: 11 });
    try {
      expect(stronger.needsRehash(cost10)).toBe(true);
      expect(stronger.needsRehash(cost10.replace(/^\$2b\$/, '$2a$'))).toBe(true);
      expect(hasher.needsRehash(cost10)).toBe(false);
      expect(hasher.needsRehash(cost10.replace(/^\$2b\$10\$/, '$2a$12$'))).toBe(false);
      expect(hasher.needsRehash('not a hash')).toBe(true);
    } finally {
      await stronger.close();
    }
  });

  it('reads the cost of $2a$ and $2b$ hashes', () => {
    const body = 'a'.repeat(53);
    expect(bcryptCost(`$2a$12$${body}`)).toBe(12);
    expect(bcryptCost(`$2b$10$${body}`)).toBe(10);
    expect(bcryptCost(`$2b$10$${body}x`)).toBeNull();
    expect(bcryptCost('$1$10$')).toBeNull();
  });

  it('refuses a cost below 10', () => {
    expect(() => new BcryptPasswordHasher({ cost: 9 })).toThrow(RangeError);
    expect(() => new BcryptPasswordHasher({ cost: 10.5 })).toThrow(RangeError);
    expect(() => new BcryptPasswordHasher({ cost: 10, poolSize: 0 })).toThrow(RangeError);
  });

  it('runs more hashes than workers by queueing them', async () => {
    const passwords = ['one 1', 'two 2', 'three 3', 'four 4', 'five 5', 'six 6'];
    const pending = passwords.map((password) => hasher.hash(password));
    expect(hasher.poolStats()).toEqual(expect.objectContaining({ busy: 2, queued: 4 }));
    const hashes = await Promise.all(pending);
    expect(new Set(hashes).size).toBe(6);
    const checks = await Promise.all(passwords.map((password, i) => hasher.verify(password, hashes[i])));
    expect(checks).toEqual([true, true, true, true, true, true]);
    expect(hasher.poolStats().workers).toBe(2);
  });

  it('keeps the event loop responsive while hashing, unlike bcrypt in-process', async () => {
    await hasher.hash('warm up 1');
    // Control: the same measurement sees an in-process bcrypt block the loop (so the assertion below can fail).
    const blocked = await ticksDuring(() => {
      bcrypt.hashSync('blocking 1', 10);
      bcrypt.hashSync('blocking 2', 10);
      return Promise.resolve();
    });
    expect(blocked.ticks).toBeLessThanOrEqual(1);

    const pooled = await ticksDuring(() =>
      Promise.all(['a 1', 'b 2', 'c 3', 'd 4'].map((password) => hasher.hash(password))),
    );
    // Ideal is elapsed / 5; demand a third of that (noisy 2-core machines), and at least 8 ticks.
    expect(pooled.ticks).toBeGreaterThanOrEqual(Math.max(8, Math.floor(pooled.elapsedMs / 5 / 3)));
  });

  it('spends about as long on a dummy verification as on a real one', async () => {
    const hash = await hasher.hash('timing 1');
    const real: number[] = [];
    const dummy: number[] = [];
    for (let i = 0; i < 3; i++) {
      real.push(await timed(() => hasher.verify('timing 2', hash)));
      dummy.push(await timed(() => hasher.dummyVerify('timing 2')));
    }
    await expect(hasher.dummyVerify('x')).resolves.toBeUndefined();
    expect(median(dummy)).toBeGreaterThan(median(real) * 0.5);
    expect(median(dummy)).toBeLessThan(median(real) * 2);
  });

  it('close() terminates the workers, and later calls reject', async () => {
    const own = new BcryptPasswordHasher({ cost: 10, poolSize: 2 });
    const pending = Promise.all([own.hash('x 1'), own.hash('y 2')]);
    await pending;
    expect(own.poolStats().workers).toBe(2);
    await own.close();
    expect(own.poolStats().workers).toBe(0);
    await expect(own.hash('z 3')).rejects.toThrow('closed');
  });

  it('finishes a hash in flight and then lets an unclosed, idle pool end the process', async () => {
    // node itself (not the tsx wrapper) is the child, so the kill below cannot leave an orphan behind.
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures', 'idle-hasher-exits.ts')], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve)).finally(() =>
      clearTimeout(killer),
    );
    expect(stderr).toBe('');
    expect(stdout).toBe('hashed 60\n');
    expect(code).toBe(0);
  });
});
