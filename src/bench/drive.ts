/**
 * Bench section (e): a WskControlSocket Set through `wsksim drive` against a bare ECHO of a frame of the same size,
 * both measured by the same C client under Wine in one session (c/bench/frame-bench.c), and the time from the start
 * of drive() to the first CALL with a warm prefix. Skipped, with the reason, without mingw-w64 or Wine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drive } from '../harness/drive';
import { Session } from '../harness/session';
import { ensurePrefix, findWine, prefixPath, wineEnv, wineserverOf, wineserverRunning } from '../harness/wine';
import { load1, median } from './harness';

/** Round-trip figures in microseconds, measured by the client. */
export interface RoundTrip {
  readonly n: number;
  readonly frameBytes: number;
  readonly callP50: number;
  readonly callP99: number;
  readonly echoP50: number;
  readonly echoP99: number;
}

/** Result of section (e). */
export type DriveBench =
  | { readonly skipped: string }
  | {
    readonly roundTrip: RoundTrip;
    /** callP50 / echoP50 (goal <= 1.5). */
    readonly ratio: number;
    /** Milliseconds from drive() to the first CALL, per run, and whether the prefix's wineserver was already running. */
    readonly firstCall: readonly { readonly ms: number; readonly serverRunning: boolean }[];
    /** Median first-call time without a running wineserver, and with the previous run's still up. */
    readonly firstCallMedianMs: number;
    readonly firstCallServerUpMedianMs: number;
    readonly load: number;
  };

const CC = 'x86_64-w64-mingw32-gcc';

/** Build c/bench/frame-bench.c once (rebuilt when the source is newer). */
function buildClient(): string | { skipped: string } {
  const src = join(__dirname, '..', '..', '..', 'c', 'bench', 'frame-bench.c');
  if (!existsSync(src)) return { skipped: `${src} not found` };
  const probe = spawnSync(CC, ['--version'], { stdio: 'ignore' });
  if (probe.error !== undefined) return { skipped: `${CC} not found (apt-get install gcc-mingw-w64-x86-64)` };
  const dir = join(tmpdir(), 'wsksim-bench');
  mkdirSync(dir, { recursive: true });
  const exe = join(dir, 'frame-bench.exe');
  if (!existsSync(exe) || statSync(exe).mtimeMs < statSync(src).mtimeMs) {
    const r = spawnSync(CC, ['-O2', '-o', exe, src], { encoding: 'utf8' });
    if (r.status !== 0) return { skipped: `cannot build ${src}: ${(r.stderr || '').trim().split('\n')[0]}` };
  }
  return exe;
}

async function runOnce(exe: string, n: number): Promise<{ firstCallMs: number | null; stderr: string; exitCode: number; message: string | null }> {
  let stderr = '';
  const session = new Session({ profile: 'wsk', policy: 'strict', completion: 'inline' });
  const r = await drive({ program: exe, args: [String(n)], session, timeoutMs: 300_000, stderr: (c) => { stderr += c.toString(); } });
  return { firstCallMs: r.firstCallMs, stderr, exitCode: r.exitCode, message: r.message };
}

/** Run section (e): `starts` warm starts of a short session, then one session of `n` measured round trips of each kind. */
export async function benchDrive(n: number, starts: number): Promise<DriveBench> {
  const wine = findWine();
  if (wine === undefined) return { skipped: 'Wine not found (apt-get install wine64)' };
  const exe = buildClient();
  if (typeof exe !== 'string') return exe;
  const prefix = prefixPath(undefined);
  ensurePrefix(wine, prefix, (s) => process.stderr.write(s));
  await runOnce(exe, 10); // the prefix is warm from here on
  const firstCall: { ms: number; serverRunning: boolean }[] = [];
  for (let i = 0; i < starts; i++) {
    // Two states of a warm prefix: no wineserver (wineserver -w waits until the previous one has left), then at once
    // again while the server of that run is still up (Wine keeps it 3 s after its last process).
    spawnSync(wineserverOf(wine), ['-w'], { env: wineEnv(prefix), timeout: 60_000, stdio: 'ignore' });
    for (let k = 0; k < 2; k++) {
      const serverRunning = wineserverRunning(prefix);
      const r = await runOnce(exe, 10);
      if (r.exitCode !== 0 || r.firstCallMs === null) return { skipped: `the bench client failed: ${r.message ?? `exit ${r.exitCode}`} ${r.stderr.trim()}` };
      firstCall.push({ ms: r.firstCallMs, serverRunning });
    }
  }
  const load = load1();
  const r = await runOnce(exe, n);
  const line = r.stderr.split('\n').find((l) => l.startsWith('{'));
  if (r.exitCode !== 0 || line === undefined) return { skipped: `the bench client failed: ${r.message ?? `exit ${r.exitCode}`} ${r.stderr.trim()}` };
  const roundTrip = JSON.parse(line) as RoundTrip;
  return { roundTrip, ratio: roundTrip.callP50 / roundTrip.echoP50, firstCall, firstCallMedianMs: median(firstCall.filter((x) => !x.serverRunning).map((x) => x.ms)),
    firstCallServerUpMedianMs: median(firstCall.filter((x) => x.serverRunning).map((x) => x.ms)), load };
}
