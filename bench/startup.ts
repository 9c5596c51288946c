/**
 * P11: `npm start` (node dist/bootstrap/main.js, embedded default) to the first `/health` 200, measured from
 * process start, side by side with a bare Node HTTP server started the same way. Prints medians and the ratio.
 * Usage: npx tsx bench/startup.ts [--runs N] [--max-ms M]  (exits 1 if the median exceeds --max-ms).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const runs = option('--runs', 5);
const maxMs = option('--max-ms', 3000);

const bareServer =
  "require('http').createServer((q,s)=>{s.setHeader('content-type','application/json');s.end('{}')})" +
  ".listen(0,'127.0.0.1',function(){console.log(JSON.stringify({url:'http://127.0.0.1:'+this.address().port}))})";

const timeToHealth = (argv: string[]): Promise<number> =>
  new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, argv, {
      cwd: root,
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'development' },
    });
    let output = '';
    let polling = false;
    const fail = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no /health within 15 s: ${output.slice(0, 500)}`));
    }, 15_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /"url":"(http:\/\/[^"]+)"/.exec(output);
      if (!match?.[1] || polling) return;
      polling = true;
      const url = `${match[1]}/health`;
      const poll = (): void => {
        fetch(url)
          .then((res) => {
            if (res.status !== 200) throw new Error(`status ${res.status}`);
            const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
            clearTimeout(fail);
            child.kill('SIGTERM');
            child.once('exit', () => resolve(elapsed));
          })
          .catch(() => setTimeout(poll, 5));
      };
      poll();
    });
  });

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

const main = async (): Promise<void> => {
  const entry = join(root, 'dist', 'bootstrap', 'main.js');
  if (!existsSync(entry)) throw new Error('dist/ missing: run `npm run build` first');
  const bianca: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    bare.push(await timeToHealth(['-e', bareServer]));
    bianca.push(await timeToHealth([entry]));
  }
  const b = median(bianca);
  const n = median(bare);
  console.log(
    `P11 start-up to /health 200 (median of ${runs}): bianca ${b.toFixed(0)} ms, bare node http ${n.toFixed(0)} ms, ratio ${(b / n).toFixed(2)}x; bar <= ${maxMs} ms: ${b <= maxMs ? 'PASS' : 'FAIL'}`,
  );
  if (b > maxMs) process.exitCode = 1;
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
