import { spawnEntry } from '../../../support/spawn-server';

/**
 * `ari-client` 2.2.0 throws inside an HTTP callback when an api-docs download answers non-2xx (STACK.md gotcha 9):
 * in a process of its own, the bare library dies of it, and the guarded connect rejects and lives on.
 */
describe('ari-client api-docs failure containment (separate processes)', () => {
  const run = async (mode: 'guarded' | 'bare') => {
    const child = spawnEntry('test/adapters/telephony/ari/api-docs-failure-child.ts', { MODE: mode });
    const code = await child.exited;
    return { code, stdout: child.stdout.join(''), stderr: child.stderr.join('') };
  };

  it('kills a process that uses the bare library (the fault is real)', async () => {
    const { code, stdout, stderr } = await run('bare');

    expect(code).not.toBe(0);
    expect(stdout).not.toContain('survived');
    expect(stderr).toContain('503');
  });

  it('keeps the process alive with the guard: connect rejects with the status, and the process carries on', async () => {
    const { code, stdout } = await run('guarded');

    expect(stdout).toContain('rejected: ARI connect failed: 503');
    expect(stdout).toContain('survived');
    expect(code).toBe(0);
  });
});
