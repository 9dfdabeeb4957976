/**
 * Test helper: the compiled CLI (dist/), built once when missing or older than the harness sources.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'wsksim.js');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Build dist/ unless it is newer than every file of src/ and abi/. */
export function ensureDist(): void {
  const marker = join(ROOT, 'dist', 'src', 'cli', 'main.js');
  if (existsSync(marker) && statSync(marker).mtimeMs >= Math.max(newest(join(ROOT, 'src')), newest(join(ROOT, 'abi')))) return;
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT });
}
