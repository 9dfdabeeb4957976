/**
 * The package version, read once from the nearest package.json named "wsksim" (works from src/ and dist/).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: string | undefined;

/** wsksim's version string (package.json "version"), or "unknown" when no package.json is found. */
export function packageVersion(): string {
  if (cached !== undefined) return cached;
  cached = 'unknown';
  for (let dir = __dirname, i = 0; i < 6; i++, dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'wsksim' && typeof pkg.version === 'string') { cached = pkg.version; break; }
    } catch { /* keep looking upwards */ }
  }
  return cached;
}
