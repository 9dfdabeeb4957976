/**
 * Running a Windows program under Wine for `wsksim drive`: the loader, a private prefix created once and reused,
 * and stopping the prefix's wineserver when this run started it and ended badly.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';

/** Wine is missing or its prefix cannot be set up: a one-line message. */
export class WineUnavailableError extends Error {}

/** The Wine loader: $WSKSIM_WINE, /usr/lib/wine/wine64 (Debian's wine64, not on PATH) or wine64 on PATH. */
export function findWine(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.WSKSIM_WINE !== undefined && env.WSKSIM_WINE !== '') return existsSync(env.WSKSIM_WINE) ? env.WSKSIM_WINE : undefined;
  if (existsSync('/usr/lib/wine/wine64')) return '/usr/lib/wine/wine64';
  for (const d of (env.PATH ?? '').split(delimiter)) if (d !== '' && existsSync(join(d, 'wine64'))) return join(d, 'wine64');
  return undefined;
}

/** The wineserver next to a loader. */
export function wineserverOf(wine: string): string {
  for (const name of ['wineserver64', 'wineserver']) {
    const p = join(dirname(wine), name);
    if (existsSync(p)) return p;
  }
  return 'wineserver';
}

/** The default prefix of `drive`: $XDG_CACHE_HOME/wsksim/wine-x64 (XDG_CACHE_HOME defaulting to ~/.cache). */
export function defaultPrefix(env: NodeJS.ProcessEnv = process.env): string {
  const cache = env.XDG_CACHE_HOME !== undefined && env.XDG_CACHE_HOME !== '' ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(cache, 'wsksim', 'wine-x64');
}

/** The environment a program runs in under a prefix: no debug channels, no Mono/Gecko prompts, no display. */
export function wineEnv(prefix: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, WINEPREFIX: prefix, WINEDEBUG: '-all', WINEDLLOVERRIDES: 'mscoree,mshtml=' };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  return env;
}

/**
 * Whether a wineserver is running for a prefix: its socket exists in the server directory Wine derives from the
 * prefix's device and inode numbers, server-DEV-INODE, under /tmp/.wine-UID or, for Debian's Wine 8, under the
 * /tmp directory named in the prefix's `wineserver` file.
 */
export function wineserverRunning(prefix: string): boolean {
  try {
    const st = statSync(prefix);
    const leaf = `server-${st.dev.toString(16)}-${st.ino.toString(16)}`;
    const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
    const dirs = [join(tmpdir(), `.wine-${uid}`)];
    try { dirs.push(join(tmpdir(), readFileSync(join(prefix, 'wineserver'), 'utf8').trim())); } catch { /* no such file */ }
    return dirs.some((d) => existsSync(join(d, leaf, 'socket')));
  } catch {
    return false;
  }
}

const LOCK_WAIT_MS = 5 * 60_000;
const LOCK_STALE_MS = 10 * 60_000;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Create the prefix once (wineboot --init, 20-40 s) and make an unhandled exception end a program at once
 * instead of starting a debugger. Serialised between processes by a lock file in the prefix's parent.
 */
export function ensurePrefix(wine: string, prefix: string, log: (s: string) => void): void {
  const marker = join(prefix, '.wsksim-drive-1');
  if (existsSync(marker)) return;
  mkdirSync(dirname(prefix), { recursive: true });
  const lock = `${prefix}.lock`;
  const start = Date.now();
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new WineUnavailableError(`cannot create ${lock}: ${(e as Error).message}`);
      try { if (Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) rmSync(lock, { force: true }); } catch { /* gone meanwhile */ }
      if (Date.now() - start > LOCK_WAIT_MS) throw new WineUnavailableError(`another wsksim has been creating the Wine prefix ${prefix} for 5 minutes (remove ${lock} if it is stale)`);
      sleep(250);
    }
  }
  try {
    if (existsSync(marker)) return;
    const env = wineEnv(prefix);
    const wineserver = wineserverOf(wine);
    if (!existsSync(join(prefix, 'system.reg'))) {
      log(`wsksim drive: creating the Wine prefix ${prefix} (once; 20-40 s)\n`);
      mkdirSync(prefix, { recursive: true });
      const r = spawnSync(wine, ['wineboot', '--init'], { env, timeout: 300_000, stdio: 'ignore' });
      spawnSync(wineserver, ['-w'], { env, timeout: 120_000, stdio: 'ignore' });
      if (r.error !== undefined || !existsSync(join(prefix, 'system.reg'))) {
        throw new WineUnavailableError(`cannot create the Wine prefix ${prefix}${r.error ? `: ${r.error.message}` : ''}`);
      }
    }
    const r = spawnSync(wine, ['reg', 'add', 'HKLM\\Software\\Microsoft\\Windows NT\\CurrentVersion\\AeDebug', '/v', 'Debugger', '/d', 'wsksim-no-debugger', '/f'],
      { env, timeout: 120_000, stdio: 'ignore' });
    spawnSync(wineserver, ['-w'], { env, timeout: 120_000, stdio: 'ignore' });
    if (r.status !== 0) throw new WineUnavailableError(`cannot configure the Wine prefix ${prefix} (wine reg add failed)`);
    writeFileSync(marker, 'AeDebug Debugger = wsksim-no-debugger (an unhandled exception ends the program)\n');
  } finally {
    rmSync(lock, { force: true });
  }
}

/** Stop every process of a prefix (wineserver -k). */
export function killWineserver(wine: string, prefix: string): void {
  spawnSync(wineserverOf(wine), ['-k'], { env: wineEnv(prefix), timeout: 30_000, stdio: 'ignore' });
}

/** Whether a program is run under Wine: a name ending in .exe. */
export function isWindowsProgram(program: string): boolean {
  return /\.exe$/i.test(program);
}

/** The absolute path of a prefix argument. */
export function prefixPath(p: string | undefined): string {
  return resolve(p ?? defaultPrefix());
}
