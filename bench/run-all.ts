/**
 * Runs every benchmark in bench/ one after another (each prints its own side-by-side ratios).
 * Usage: npm run bench  (quick variants; pass --full for the long runs where a script supports it).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const here = __dirname;
const tsx = join(here, '..', 'node_modules', '.bin', 'tsx');
const scripts = readdirSync(here)
  .filter((name) => name.endsWith('.ts') && name !== 'run-all.ts')
  .sort();
// The voice pipeline's measurements (VOICE.md §9); `-child.ts` files are helpers those scripts spawn.
const voiceScripts = readdirSync(join(here, 'voice'))
  .filter((name) => /^p\d+-.*\.ts$/.test(name) && !name.endsWith('-child.ts'))
  .sort()
  .map((name) => join('voice', name));

let failed = 0;
for (const script of [...scripts, ...voiceScripts]) {
  console.log(`\n== ${script}`);
  const result = spawnSync(tsx, [join(here, script), ...process.argv.slice(2)], { stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
}
process.exitCode = failed === 0 ? 0 : 1;
