/**
 * Building a driver against the C harness (c/): the mingw-w64 cross compiler for the arch, the harness library
 * compiled once per harness version and compiler and cached, the driver's sources compiled with the harness's
 * include paths and prelude, and the link. Used by `wsksim cc`.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { COMPILER_ENV, COMPILERS, WSKSIM_C_DIR, WSKSIM_C_INCLUDE, ddkIncludeOf } from './toolchain';
import type { CompilerArch } from './abi-probe';

/** The Debian packages that provide both cross compilers. */
export const CC_APT_PACKAGES = 'gcc-mingw-w64-x86-64 gcc-mingw-w64-i686';

/** Architectures `wsksim cc` builds for, by their Windows name. */
export const CC_ARCHES: { readonly [arch: string]: CompilerArch } = { x64: 'x86_64', x86: 'i686' };

/** A build that cannot proceed (no compiler, no DriverEntry, a compile or link error): one line for the user. */
export class BuildError extends Error {
  constructor(message: string, readonly details = '') {
    super(message);
    Object.setPrototypeOf(this, new.target.prototype);
    Object.defineProperty(this, 'name', { value: 'BuildError', enumerable: false, configurable: true });
  }
}

/** What to build. */
export interface BuildRequest {
  readonly arch: 'x64' | 'x86';
  readonly output: string;
  /** C sources, objects (.o, .obj) and archives (.a, .lib), in order. */
  readonly inputs: readonly string[];
  /** Other gcc arguments: -l, -L, -Wl,... go to the link, the rest to each compile. */
  readonly flags: readonly string[];
  /** Print each command to this sink. */
  readonly log?: (line: string) => void;
  /** Where the compiler's warnings go (default stderr). */
  readonly diagnostics?: (text: string) => void;
  /** Where the harness library is cached (default $XDG_CACHE_HOME/wsksim/harness or ~/.cache/wsksim/harness). */
  readonly cacheDir?: string;
}

/** The harness's fixed compile flags for driver sources (after the user's own -I, before the sources). */
export function driverCompileFlags(ddk: string, flags: readonly string[]): string[] {
  const dbg = flags.some((f) => /^-[DU]DBG(=|$)/.test(f)) ? [] : ['-DDBG=1'];
  return ['-include', join(WSKSIM_C_INCLUDE, 'wsksim', 'prelude.h'), '-I', ddk, '-I', WSKSIM_C_INCLUDE, '-Wno-unknown-pragmas', '-Wno-multichar', ...dbg];
}

/** Split user flags into compile and link flags. */
export function splitFlags(flags: readonly string[]): { compile: string[]; link: string[] } {
  const compile: string[] = [];
  const link: string[] = [];
  for (let i = 0; i < flags.length; i++) {
    const f = flags[i]!;
    if ((f === '-l' || f === '-L') && i + 1 < flags.length) link.push(f, flags[++i]!);
    else if (/^-(l|L|Wl,|static|s$|shared|mconsole|mwindows)/.test(f)) link.push(f);
    else if (/^-(I|D|U|include|isystem|iquote)$/.test(f) && i + 1 < flags.length) compile.push(f, flags[++i]!);
    else compile.push(f);
  }
  return { compile, link };
}

function run(command: string, args: readonly string[], log?: (s: string) => void): { code: number; stdout: string; stderr: string } {
  log?.(`${command} ${args.join(' ')}`);
  const r = spawnSync(command, [...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) return { code: 127, stdout: '', stderr: r.error.message };
  return { code: r.status ?? 1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** The compiler for an arch (WSKSIM_CC_X86_64 / WSKSIM_CC_I686 override), its version and kernel headers. */
export function findCompiler(arch: 'x64' | 'x86'): { command: string; version: string; ddk: string; tool: (name: string) => string } {
  const triplet = CC_ARCHES[arch]!;
  const command = process.env[COMPILER_ENV[triplet]] || COMPILERS[triplet];
  const v = spawnSync(command, ['--version'], { encoding: 'utf8' });
  if (v.error || v.status !== 0) {
    throw new BuildError(`${command} not found: install the mingw-w64 cross compilers with: apt-get install ${CC_APT_PACKAGES}`);
  }
  const ddk = ddkIncludeOf(command);
  if (!ddk) throw new BuildError(`${command} has no kernel headers (ddk/ntddk.h): install them with: apt-get install mingw-w64-${arch === 'x64' ? 'x86-64' : 'i686'}-dev`);
  const tool = (name: string): string => {
    const p = spawnSync(command, [`-print-prog-name=${name}`], { encoding: 'utf8' }).stdout?.trim();
    return p && p !== name ? p : command.replace(/gcc(-[^/]*)?$/, name);
  };
  return { command, version: (v.stdout.split('\n')[0] ?? '').trim(), ddk, tool };
}

const HARNESS_DIR = join(WSKSIM_C_DIR, 'harness');

/** Flags the harness library itself is compiled with. */
const HARNESS_FLAGS = ['-std=gnu11', '-O2', '-Wall', '-Wextra'];

function defaultCacheDir(): string {
  const cache = process.env.XDG_CACHE_HOME ? process.env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(cache, 'wsksim', 'harness');
}

/**
 * The harness library for a compiler: libwsksim.a and the two mains (DriverEntry NTAPI or cdecl), compiled once
 * and kept in the cache under a hash of the harness sources, wsk.h, wsksim/*.h and the compiler's version.
 */
export function harnessLibrary(cc: ReturnType<typeof findCompiler>, arch: 'x64' | 'x86', cacheDir: string | undefined, log?: (s: string) => void): string {
  const sources = readdirSync(HARNESS_DIR).filter((f) => /\.(c|h)$/.test(f)).sort();
  const hash = createHash('sha256');
  hash.update(cc.version).update(HARNESS_FLAGS.join(' '));
  for (const f of sources) hash.update(f).update(readFileSync(join(HARNESS_DIR, f)));
  hash.update(readFileSync(join(WSKSIM_C_INCLUDE, 'wsk.h')));
  for (const f of ['harness.h', 'prelude.h']) hash.update(readFileSync(join(WSKSIM_C_INCLUDE, 'wsksim', f)));
  const key = `${arch}-${hash.digest('hex').slice(0, 16)}`;
  let root = cacheDir ?? defaultCacheDir();
  try { mkdirSync(root, { recursive: true }); } catch { root = join(tmpdir(), 'wsksim-harness'); mkdirSync(root, { recursive: true }); }
  const dir = join(root, key);
  if (existsSync(join(dir, 'libwsksim.a'))) return dir;
  const work = mkdtempSync(join(root, `${key}.tmp-`));
  try {
    const objects: string[] = [];
    for (const f of sources.filter((s) => s.endsWith('.c') && s !== 'main.c')) {
      const o = join(work, `${basename(f, '.c')}.o`);
      const r = run(cc.command, [...HARNESS_FLAGS, '-I', cc.ddk, '-I', WSKSIM_C_INCLUDE, '-c', join(HARNESS_DIR, f), '-o', o], log);
      if (r.code !== 0) throw new BuildError(`compiling the harness (${f}) failed`, r.stderr);
      objects.push(o);
    }
    for (const [name, defs] of [['main-ntapi.o', []], ['main-cdecl.o', ['-DWSKSIM_DRIVERENTRY_CDECL']]] as const) {
      const r = run(cc.command, [...HARNESS_FLAGS, ...defs, '-I', cc.ddk, '-I', WSKSIM_C_INCLUDE, '-c', join(HARNESS_DIR, 'main.c'), '-o', join(work, name)], log);
      if (r.code !== 0) throw new BuildError('compiling the harness (main.c) failed', r.stderr);
    }
    const ar = run(cc.tool('ar'), ['rcs', join(work, 'libwsksim.a'), ...objects], log);
    if (ar.code !== 0) throw new BuildError('archiving the harness failed', ar.stderr);
    try { renameSync(work, dir); } catch { if (!existsSync(join(dir, 'libwsksim.a'))) throw new BuildError(`cannot store the harness in ${dir}`); }
    return dir;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Names a linker reports undefined, without import decoration (`__imp_X`, `_imp__X@8`, `_X@8`, `@X@8`). */
export function undefinedSymbols(linkerOutput: string): string[] {
  const names = new Set<string>();
  for (const m of linkerOutput.matchAll(/undefined reference to `([^']+)'/g)) {
    names.add(m[1]!.replace(/^_?_imp_+/, '').replace(/^[_@]/, '').replace(/@\d+$/, ''));
  }
  return [...names];
}

/** Whether the objects define DriverEntry as NTAPI (stdcall) or cdecl (they differ only on x86). */
function driverEntryKind(cc: ReturnType<typeof findCompiler>, arch: 'x64' | 'x86', objects: readonly string[], log?: (s: string) => void): 'ntapi' | 'cdecl' {
  if (arch === 'x64') {
    const r = run(cc.tool('nm'), ['--defined-only', ...objects], log);
    if (!/ T DriverEntry$/m.test(r.stdout)) throw new BuildError('no DriverEntry is defined by the sources (the harness calls DriverEntry(PDRIVER_OBJECT, PUNICODE_STRING))');
    return 'ntapi';
  }
  const r = run(cc.tool('nm'), ['--defined-only', ...objects], log);
  if (/ T _DriverEntry@8$/m.test(r.stdout)) return 'ntapi';
  if (/ T _DriverEntry$/m.test(r.stdout)) return 'cdecl';
  throw new BuildError('no DriverEntry(PDRIVER_OBJECT, PUNICODE_STRING) is defined by the sources');
}

/** Compile and link; throws BuildError. Returns the output path. */
export function buildDriver(req: BuildRequest): string {
  const cc = findCompiler(req.arch);
  if (req.inputs.length === 0) throw new BuildError('no source files given');
  for (const f of req.inputs) if (!existsSync(f)) throw new BuildError(`${f}: no such file`);
  const lib = harnessLibrary(cc, req.arch, req.cacheDir, req.log);
  const { compile, link } = splitFlags(req.flags);
  const work = mkdtempSync(join(tmpdir(), 'wsksim-cc-'));
  try {
    const objects: string[] = [];
    const archives: string[] = [];
    req.inputs.forEach((f, i) => {
      const ext = extname(f).toLowerCase();
      if (ext === '.o' || ext === '.obj') { objects.push(resolve(f)); return; }
      if (ext === '.a' || ext === '.lib') { archives.push(resolve(f)); return; }
      const o = join(work, `${i}-${basename(f, ext)}.o`);
      const r = run(cc.command, [...compile, ...driverCompileFlags(cc.ddk, compile), '-c', f, '-o', o], req.log);
      if (r.stderr) (req.diagnostics ?? ((t: string) => process.stderr.write(t)))(r.stderr);
      if (r.code !== 0) throw new BuildError(`compiling ${f} failed`);
      objects.push(o);
    });
    const main = driverEntryKind(cc, req.arch, objects, req.log) === 'cdecl' ? 'main-cdecl.o' : 'main-ntapi.o';
    const r = run(cc.command, ['-o', req.output, ...objects, join(lib, main), ...archives, join(lib, 'libwsksim.a'), ...link], req.log);
    if (r.code !== 0) {
      const missing = undefinedSymbols(r.stderr);
      if (missing.length) {
        throw new BuildError(`link failed: the harness does not provide ${missing.join(', ')} (c/README.md lists the kernel functions it provides)`, r.stderr);
      }
      throw new BuildError('link failed', r.stderr);
    }
    return req.output;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
