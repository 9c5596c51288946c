import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The package version, found by walking up from this file (works from the sources and from dist/). */
export const packageVersion = (): string => {
  let dir = __dirname;
  for (let i = 0; i < 5; i += 1) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const parsed = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (parsed.name === 'bianca' && typeof parsed.version === 'string') return parsed.version;
    }
    dir = dirname(dir);
  }
  return '0.0.0';
};
