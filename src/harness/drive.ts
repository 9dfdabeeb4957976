/**
 * `wsksim drive`: run a program whose stdin/stdout are the protocol channel (a `.exe` under Wine, anything else
 * directly), serve it, and end with one clear outcome: the program's exit status after BYE, or one line saying
 * what went wrong. The program runs in its own process group, which is killed whenever the run ends badly.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Session } from './session';
import { serveStreams, type SessionEnd } from './transport';
import { ensurePrefix, findWine, isWindowsProgram, killWineserver, prefixPath, WineUnavailableError, wineEnv, wineserverRunning } from './wine';
import { endMessage } from './end-message';

/** Options of drive(). */
export interface DriveOptions {
  readonly program: string;
  readonly args: readonly string[];
  readonly session: Session;
  /** Kill the program after this many milliseconds (default: no limit). */
  readonly timeoutMs?: number;
  /** Wine prefix for a `.exe` (default $XDG_CACHE_HOME/wsksim/wine-x64). */
  readonly prefix?: string;
  /** Progress lines (prefix creation), written to stderr by the CLI. */
  readonly log?: (s: string) => void;
  /** Receives the program's stderr (default: it passes through to this process's stderr). */
  readonly stderr?: (chunk: Buffer) => void;
}

/** How a run ended. */
export interface DriveResult {
  /** Exit status for wsksim drive: the program's after BYE, 2 for every failure. */
  readonly exitCode: number;
  /** One line saying what went wrong, or null. */
  readonly message: string | null;
  readonly end: SessionEnd | null;
  /** The program's exit status and signal (null when it did not exit by itself). */
  readonly status: number | null;
  readonly signal: string | null;
  /** Milliseconds from the start of drive() to the first CALL (null without one). */
  readonly firstCallMs: number | null;
  /** Whether the program ran under Wine. */
  readonly wine: boolean;
}

/** Drive one program; never throws for anything the program does (only WineUnavailableError before it starts). */
export async function drive(o: DriveOptions): Promise<DriveResult> {
  const t0 = performance.now();
  const session = o.session;
  const name = o.program;
  let cmd = o.program;
  let argv = [...o.args];
  let env: NodeJS.ProcessEnv = process.env;
  let wine: string | undefined;
  let prefix = '';
  let startedServer = false;
  if (isWindowsProgram(o.program)) {
    wine = findWine();
    if (wine === undefined) throw new WineUnavailableError(`${name} is a Windows program and Wine was not found (looked for $WSKSIM_WINE, /usr/lib/wine/wine64, wine64 on PATH); install it: apt-get install wine64`);
    if (!existsSync(o.program)) throw new WineUnavailableError(`${name}: no such file`);
    prefix = prefixPath(o.prefix);
    ensurePrefix(wine, prefix, o.log ?? ((): void => {}));
    startedServer = !wineserverRunning(prefix);
    cmd = wine;
    argv = [o.program, ...o.args];
    env = wineEnv(prefix);
  }

  let child: ChildProcess;
  try {
    child = spawn(cmd, argv, { stdio: ['pipe', 'pipe', o.stderr !== undefined ? 'pipe' : 'inherit'], detached: true, env });
  } catch (e) {
    return failed(`cannot run ${name}: ${(e as Error).message}`, null, null, null);
  }
  const exited = new Promise<{ status: number | null; signal: string | null; error?: string }>((resolve) => {
    child.on('error', (e) => resolve({ status: null, signal: null, error: e.message }));
    child.on('exit', (status, signal) => resolve({ status, signal }));
  });
  if (o.stderr !== undefined) child.stderr!.on('data', o.stderr);
  child.stdin!.on('error', () => { /* the program is gone: its exit tells the story */ });
  const s = serveStreams(session, child.stdout!, child.stdin!);
  let timedOut = false;
  const timer = o.timeoutMs !== undefined ? setTimeout(() => {
    timedOut = true;
    s.stop(`${name} did not finish within ${o.timeoutMs! / 1000} s (after ${session.calls} call(s)); killed`);
    killGroup(child);
  }, o.timeoutMs) : null;

  // The session ends at BYE, a protocol error, EOF or the timeout; a program that exits while something else holds
  // its stdout open ends it half a second after its exit.
  const first = await Promise.race([s.done.then((end) => ({ end })), exited.then((x) => ({ exit: x }))]);
  let end: SessionEnd;
  if ('end' in first) end = first.end;
  else {
    const grace = new Promise<SessionEnd>((resolve) => setTimeout(() => resolve({ kind: 'eof', state: session.state, buffered: s.buffered(), calls: session.calls }), 500));
    end = await Promise.race([s.done, grace]);
    s.stop('exited');
  }
  const bad = end.kind !== 'bye';
  if (end.kind === 'error') killGroup(child);
  const x = await exited;
  if (timer !== null) clearTimeout(timer);
  child.stdout!.destroy();
  child.stdin!.destroy();
  killGroup(child);
  if (wine !== undefined && startedServer && (bad || x.signal !== null || timedOut)) killWineserver(wine, prefix);

  const firstCallMs = session.firstCallAt === 0 ? null : session.firstCallAt - t0;
  if (x.error !== undefined) return failed(`cannot run ${name}: ${x.error}`, end, null, null);
  if (timedOut && end.kind === 'stopped') return failed(end.reason, end, x.status, x.signal, firstCallMs, wine !== undefined);
  if (end.kind === 'error') return failed(endMessage(end, name)!, end, x.status, x.signal, firstCallMs, wine !== undefined);
  if (x.signal !== null) return failed(`${name} was killed by ${x.signal} ${end.kind === 'bye' ? 'after BYE' : `after ${session.calls} call(s)`}`, end, x.status, x.signal, firstCallMs, wine !== undefined);
  if (end.kind === 'bye') return { exitCode: x.status ?? 2, message: null, end, status: x.status, signal: null, firstCallMs, wine: wine !== undefined };
  const why = endMessage(end, name) ?? 'ended';
  const crash = wine !== undefined && x.status !== null && x.status >= 3 ? ' (under Wine an unhandled exception exits with a status such as 5 for an access violation)' : '';
  return failed(`${why}; it exited with status ${x.status}${crash}`, end, x.status, x.signal, firstCallMs, wine !== undefined);
}

function failed(message: string, end: SessionEnd | null, status: number | null, signal: string | null, firstCallMs: number | null = null, wine = false): DriveResult {
  return { exitCode: 2, message, end, status, signal, firstCallMs, wine };
}

/** Kill the program's process group (it was started detached, as the group leader). */
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
}
