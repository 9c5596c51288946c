import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repoRoot = join(__dirname, '..', '..');
const depcruise = join(repoRoot, 'node_modules', '.bin', 'depcruise');

/**
 * Plants files in a scratch copy of the layout and runs the project's real dependency-cruiser config on it:
 * each planted violation must fail lint with the named rule, and the legal imports must pass.
 */
const cruise = async (files: Record<string, string>): Promise<{ code: number; output: string }> => {
  const dir = mkdtempSync(join(tmpdir(), 'bianca-layers-'));
  try {
    copyFileSync(join(repoRoot, '.dependency-cruiser.js'), join(dir, '.dependency-cruiser.js'));
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext' } }),
    );
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    try {
      const { stdout } = await run(
        depcruise,
        ['--config', '.dependency-cruiser.js', 'domain', 'application', 'adapters', 'bootstrap'],
        { cwd: dir },
      );
      return { code: 0, output: stdout };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, output: failed.stdout + failed.stderr };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const legal = {
  'domain/patients/patient.ts': 'export interface Patient { id: string }\n',
  'application/ports/patient-repository.ts':
    "import type { Patient } from '../../domain/patients/patient';\nexport interface PatientRepository { find(id: string): Promise<Patient | undefined> }\n",
  'adapters/shared/ids.ts': 'export const id = (): string => "x";\n',
  'adapters/persistence/memory/patients.ts':
    "import type { PatientRepository } from '../../../application/ports/patient-repository';\nimport { id } from '../../shared/ids';\nexport const repo: PatientRepository = { find: () => Promise.resolve({ id: id() }) };\n",
  'bootstrap/container.ts': "import { repo } from '../adapters/persistence/memory/patients';\nexport const c = repo;\n",
};

describe('layer rules (npm run lint:layers)', () => {
  jest.setTimeout(60_000);

  it('passes the legal layout', async () => {
    const result = await cruise(legal);
    expect(result.output).toContain('no dependency violations');
    expect(result.code).toBe(0);
  });

  it.each([
    [
      'domain importing an adapter',
      'domain/patients/bad.ts',
      "import { repo } from '../../adapters/persistence/memory/patients';\nexport const x = repo;\n",
      'domain-is-pure',
    ],
    [
      'domain importing node I/O',
      'domain/patients/bad.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
      'domain-no-core-modules',
    ],
    [
      'application importing an adapter',
      'application/patients/bad.ts',
      "import { repo } from '../../adapters/persistence/memory/patients';\nexport const x = repo;\n",
      'application-depends-on-domain-only',
    ],
    [
      'application importing bootstrap',
      'application/patients/bad.ts',
      "import { c } from '../../bootstrap/container';\nexport const x = c;\n",
      'application-depends-on-domain-only',
    ],
    [
      'an adapter importing bootstrap',
      'adapters/http/bad.ts',
      "import { c } from '../../bootstrap/container';\nexport const x = c;\n",
      'adapters-not-bootstrap',
    ],
    [
      'one adapter family importing another',
      'adapters/http/bad.ts',
      "import { repo } from '../persistence/memory/patients';\nexport const x = repo;\n",
      'adapter-families-through-ports',
    ],
  ])('fails on %s', async (_label, path, content, rule) => {
    const result = await cruise({ ...legal, [path]: content });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(rule);
  });
});
