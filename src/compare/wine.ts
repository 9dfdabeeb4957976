/**
 * Wine as the external provider: builds the conformance driver and relay, keeps a Wine prefix of its own,
 * installs the driver as a kernel service there (it runs in winedevice.exe against Wine's netio.sys), runs the
 * relay, and at the end stops every Wine process of that prefix (wineserver -k).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { isFrameError, OUTCOME, type Frame, type Outcome, type ProviderInfo } from './frames';
import { RelayError, RelaySession } from './relay';

/** The external provider could not be set up (Wine missing, build failed...): a one-line message. */
export class ExternalUnavailableError extends Error {}

/** What a comparison needs from an external provider. */
export interface ExternalProvider {
  readonly info: ProviderInfo;
  /** Runs one vector: its answer frames, or how the relay failed (the provider is restarted for the next vector). */
  runVector(frames: Buffer, timeoutMs: number): Promise<Frame[] | { readonly failed: 'crash' | 'hung' | 'garbage'; readonly message: string }>;
  close(): Promise<void>;
}

/** Options of openWine. */
export interface WineOptions {
  /** The Wine prefix (default: $WSKSIM_WINEPREFIX or ~/.cache/wsksim/wine). */
  readonly prefix?: string;
  /** Where the driver and relay are built (default: build/conformance in the repository). */
  readonly buildDir?: string;
  /** Progress messages (stderr). */
  readonly log?: (s: string) => void;
}

/** The repository root (the directory holding package.json named wsksim and c/conformance). */
export function repoRoot(): string {
  for (let dir = __dirname, i = 0; i < 8; i++, dir = dirname(dir)) {
    if (existsSync(join(dir, 'c', 'conformance', 'wskconf.c')) && existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new ExternalUnavailableError('cannot find c/conformance/ (run from a wsksim checkout)');
}

/** The Wine loader: $WSKSIM_WINE, /usr/lib/wine/wine64, or wine64 on PATH; undefined when none. */
export function findWine(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.WSKSIM_WINE !== undefined && env.WSKSIM_WINE !== '') return existsSync(env.WSKSIM_WINE) ? env.WSKSIM_WINE : undefined;
  if (existsSync('/usr/lib/wine/wine64')) return '/usr/lib/wine/wine64';
  for (const d of (env.PATH ?? '').split(delimiter)) {
    if (d !== '' && existsSync(join(d, 'wine64'))) return join(d, 'wine64');
  }
  return undefined;
}

function wineserverOf(wine: string): string {
  for (const name of ['wineserver64', 'wineserver']) {
    const p = join(dirname(wine), name);
    if (existsSync(p)) return p;
  }
  return 'wineserver';
}

/** The default prefix: $WSKSIM_WINEPREFIX or ~/.cache/wsksim/wine. */
export function defaultPrefix(env: NodeJS.ProcessEnv = process.env): string {
  return env.WSKSIM_WINEPREFIX !== undefined && env.WSKSIM_WINEPREFIX !== '' ? env.WSKSIM_WINEPREFIX : join(homedir(), '.cache', 'wsksim', 'wine');
}

function newest(dir: string): number {
  return Math.max(...readdirSync(dir).map((f) => statSync(join(dir, f)).mtimeMs));
}

/** Builds wskconf.sys and wskconf-relay.exe when missing or older than their sources; returns their paths. */
export function buildDriver(buildDir?: string): { sys: string; relay: string } {
  const root = repoRoot();
  const out = buildDir ?? join(root, 'build', 'conformance');
  const sys = join(out, 'wskconf.sys');
  const relay = join(out, 'wskconf-relay.exe');
  const src = join(root, 'c', 'conformance');
  let stale = !existsSync(sys) || !existsSync(relay);
  if (!stale) {
    const built = Math.min(statSync(sys).mtimeMs, statSync(relay).mtimeMs);
    stale = newest(src) > built || (existsSync(join(root, 'c', 'include')) && newest(join(root, 'c', 'include')) > built);
  }
  if (stale) {
    const r = spawnSync('sh', [join(src, 'build.sh'), out], { encoding: 'utf8', timeout: 300_000 });
    if (r.error !== undefined || r.status !== 0) {
      const why = r.error?.message ?? (r.stderr || r.stdout).trim().split('\n').filter((l) => l.trim() !== '').slice(-1)[0] ?? `status ${r.status}`;
      throw new ExternalUnavailableError(`cannot build the conformance driver (c/conformance/build.sh): ${why}`);
    }
  }
  return { sys, relay };
}

/** Unix path -> the Windows path Wine maps it to (drive Z: is /). */
export function winePath(p: string): string {
  return `Z:${resolve(p).replace(/\//g, '\\')}`;
}

const LOCK_STALE_MS = 30 * 60_000;

/** Sets up Wine (prefix, driver service) and starts the relay. */
export async function openWine(opts: WineOptions = {}): Promise<ExternalProvider> {
  const log = opts.log ?? ((): void => undefined);
  const wine = findWine();
  if (wine === undefined) {
    throw new ExternalUnavailableError('Wine not found (looked for $WSKSIM_WINE, /usr/lib/wine/wine64 and wine64 on PATH); install it, e.g. apt-get install wine64');
  }
  const { sys, relay } = buildDriver(opts.buildDir);
  const prefix = resolve(opts.prefix ?? defaultPrefix());
  const env: NodeJS.ProcessEnv = { ...process.env, WINEPREFIX: prefix, WINEDEBUG: '-all', WINEDLLOVERRIDES: 'mscoree,mshtml=' };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  const wineserver = wineserverOf(wine);

  mkdirSync(prefix, { recursive: true });
  const lock = join(prefix, '.wsksim-lock');
  acquireLock(lock);
  const stopWine = (): void => { spawnSync(wineserver, ['-k'], { env, timeout: 30_000, stdio: 'ignore' }); };
  try {
    if (!existsSync(join(prefix, 'system.reg'))) {
      log(`creating the Wine prefix ${prefix} (once; 10-40 s)`);
      const r = spawnSync(wine, ['wineboot', '--init'], { env, timeout: 180_000, stdio: 'ignore' });
      spawnSync(wineserver, ['-w'], { env, timeout: 60_000, stdio: 'ignore' });
      if (r.error !== undefined || !existsSync(join(prefix, 'system.reg'))) {
        throw new ExternalUnavailableError(`cannot create the Wine prefix ${prefix}${r.error ? `: ${r.error.message}` : ''}`);
      }
    }
    const marker = join(prefix, '.wsksim-setup-1');
    if (!existsSync(marker)) {
      // An unhandled exception in winedevice.exe (a provider crash) ends it at once instead of starting winedbg.
      const r = spawnSync(wine, ['reg', 'add', 'HKLM\\Software\\Microsoft\\Windows NT\\CurrentVersion\\AeDebug', '/v', 'Debugger',
        '/d', 'wsksim-no-debugger', '/f'], { env, timeout: 120_000, stdio: 'ignore' });
      if (r.status === 0) writeFileSync(marker, 'AeDebug Debugger = wsksim-no-debugger\n');
    }
    const drivers = join(prefix, 'drive_c', 'windows', 'system32', 'drivers');
    mkdirSync(drivers, { recursive: true });
    const target = join(drivers, 'wskconf.sys');
    if (!existsSync(target) || !readFileSync(target).equals(readFileSync(sys))) {
      stopWine();
      copyFileSync(sys, target);
    }
    const inst = spawnSync(wine, [relay, '--install', 'C:\\windows\\system32\\drivers\\wskconf.sys'], { env, timeout: 120_000, encoding: 'utf8' });
    if (inst.error !== undefined || inst.status !== 0) {
      throw new ExternalUnavailableError(`cannot install the conformance driver in ${prefix}: ${inst.error?.message ?? (inst.stderr.trim().split('\n').pop() || `status ${inst.status}`)}`);
    }
  } catch (e) {
    stopWine();
    releaseLock(lock);
    throw e;
  }

  const start = async (): Promise<RelaySession> => RelaySession.start(wine, [relay], env, 120_000);
  let session: RelaySession;
  try {
    session = await start();
  } catch (e) {
    stopWine();
    releaseLock(lock);
    throw new ExternalUnavailableError(`cannot start the relay under Wine: ${(e as Error).message}`);
  }
  const info = session.info!;
  let broken = 0;
  return {
    info,
    async runVector(frames, timeoutMs) {
      if (!session.alive) {
        if (broken >= 3) return { failed: 'crash', message: 'the relay could not be restarted' };
        stopWine();
        try { session = await start(); } catch (e) { broken++; return { failed: 'crash', message: `relay restart failed: ${(e as Error).message}` }; }
      }
      try {
        const out = await session.runVector(frames, timeoutMs);
        broken = 0;
        // After a crash or hang the relay exits (status 3): the next vector starts a new one.
        if (outcomeOf(out[out.length - 1]!) !== 'done') session.kill();
        return out;
      } catch (e) {
        broken++;
        session.kill();
        if (e instanceof RelayError) return { failed: e.reason === 'timeout' ? 'hung' : e.reason === 'garbage' ? 'garbage' : 'crash', message: e.message };
        if (isFrameError(e)) return { failed: 'garbage', message: e.message };
        throw e;
      }
    },
    async close() {
      await session.close();
      stopWine();
      releaseLock(lock);
    },
  };
}

/** The outcome a VECTOR_END frame carries, or undefined when it is not one. */
function outcomeOf(f: Frame): Outcome | undefined {
  return f.payload.length >= 4 ? OUTCOME[f.payload.readUInt32LE(0)] : undefined;
}

function acquireLock(lock: string): void {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      return;
    } catch {
      let stale = false;
      let pid = NaN;
      try { pid = Number(readFileSync(join(lock, 'pid'), 'utf8')); } catch { /* being written, or gone */ }
      if (Number.isInteger(pid) && pid > 0) {
        try { process.kill(pid, 0); } catch { stale = true; }
      } else {
        try { stale = Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS; } catch { continue; }
      }
      if (stale) { rmSync(lock, { recursive: true, force: true }); continue; }
      if (Date.now() > deadline) throw new ExternalUnavailableError(`the Wine prefix is in use by another wsksim run (${lock})`);
      spawnSync('sleep', ['1']);
    }
  }
}

function releaseLock(lock: string): void {
  rmSync(lock, { recursive: true, force: true });
}
