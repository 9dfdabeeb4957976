/**
 * verify:abi, the part that runs compilers: finds mingw-w64 GCC (x86_64, i686) and libwine-dev's Windows include
 * tree, compiles probes with `-S` (values) or `-c` (byte images) in a scratch directory, nothing linked or run.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { CompileFn, CompilerArch, UnitName } from './abi-probe';

/** wsksim's C directory (c/: include/wsk.h, the harness sources), found above this module compiled or not. */
export const WSKSIM_C_DIR = ((): string => {
  for (let dir = __dirname, i = 0; i < 6; i++, dir = dirname(dir)) {
    if (existsSync(join(dir, 'c', 'include', 'wsk.h'))) return join(dir, 'c');
  }
  return resolve(__dirname, '..', '..', 'c');
})();

/** wsksim's C include directory (c/include: wsk.h). */
export const WSKSIM_C_INCLUDE = join(WSKSIM_C_DIR, 'include');

/** The directory of a mingw-w64 compiler's kernel headers (the one holding ntddk.h), from its search list. */
export function ddkIncludeOf(command: string): string | null {
  const r = spawnSync(command, ['-xc', '-E', '-v', '-'], { input: '', encoding: 'utf8' });
  const text = `${r.stderr ?? ''}`;
  const start = text.indexOf('#include <...> search starts here:');
  const end = text.indexOf('End of search list.');
  if (start < 0 || end < 0) return null;
  for (const line of text.slice(start, end).split('\n').slice(1)) {
    const dir = join(line.trim(), 'ddk');
    if (line.trim() && existsSync(join(dir, 'ntddk.h'))) return resolve(dir);
  }
  return null;
}

/** The compilers verify:abi uses, by arch. */
export const COMPILERS: { readonly [K in CompilerArch]: string } = { x86_64: 'x86_64-w64-mingw32-gcc', i686: 'i686-w64-mingw32-gcc' };

/** Environment variables that override the compiler commands (for other distributions' names). */
export const COMPILER_ENV: { readonly [K in CompilerArch]: string } = { x86_64: 'WSKSIM_CC_X86_64', i686: 'WSKSIM_CC_I686' };

/** Where libwine-dev installs Wine's Windows headers (Debian: /usr/include/wine/wine/{windows,msvcrt}). */
const WINE_INCLUDE_CANDIDATES = ['/usr/include/wine/wine', '/usr/include/wine', '/usr/local/include/wine/wine', '/usr/local/include/wine'];

/** What is installed: compilers (with their version line) and the Wine include root. */
export interface Toolchain {
  readonly compilers: { readonly [K in CompilerArch]?: { readonly command: string; readonly version: string; readonly include: string; readonly ddk: string | null } };
  readonly missingCompilers: readonly CompilerArch[];
  /** The command tried for each compiler (the default name or its WSKSIM_CC_* override). */
  readonly commands: { readonly [K in CompilerArch]: string };
  /** Directory holding libwine-dev's `windows/ddk/wsk.h` and `msvcrt/`, or null. */
  readonly wineInclude: string | null;
}

/** Look for the compilers and Wine's headers (WSKSIM_CC_X86_64, WSKSIM_CC_I686 and WSKSIM_WINE_INCLUDE override). */
export function findToolchain(): Toolchain {
  const compilers: { [K in CompilerArch]?: { command: string; version: string; include: string; ddk: string | null } } = {};
  const missing: CompilerArch[] = [];
  const commands = { ...COMPILERS };
  for (const [arch, fallback] of Object.entries(COMPILERS) as [CompilerArch, string][]) {
    const command = process.env[COMPILER_ENV[arch]] || fallback;
    commands[arch] = command;
    const v = spawnSync(command, ['--version'], { encoding: 'utf8' });
    if (v.error || v.status !== 0) { missing.push(arch); continue; }
    const inc = spawnSync(command, ['-print-file-name=include'], { encoding: 'utf8' });
    compilers[arch] = { command, version: (v.stdout.split('\n')[0] ?? '').trim(), include: (inc.stdout ?? '').trim(), ddk: ddkIncludeOf(command) };
  }
  const candidates = process.env['WSKSIM_WINE_INCLUDE'] ? [process.env['WSKSIM_WINE_INCLUDE']] : WINE_INCLUDE_CANDIDATES;
  const wineInclude = candidates.find((d) => existsSync(join(d, 'windows', 'ddk', 'wsk.h')) && existsSync(join(d, 'msvcrt'))) ?? null;
  return { compilers, missingCompilers: missing, commands, wineInclude };
}

/** GCC flags for a unit: Wine's unit replaces the system headers by libwine-dev's msvcrt and windows trees. */
export function unitFlags(tc: Toolchain, arch: CompilerArch, unit: UnitName): string[] | null {
  if (unit === 'wsksim-wsk') {
    const ddk = tc.compilers[arch]?.ddk;
    return ddk ? ['-Wall', '-Werror', '-I', ddk, '-I', WSKSIM_C_INCLUDE] : null;
  }
  if (unit !== 'wine-wsk') return [];
  if (!tc.wineInclude) return null;
  return ['-nostdinc', '-isystem', tc.compilers[arch]!.include, '-I', join(tc.wineInclude, 'msvcrt'), '-I', join(tc.wineInclude, 'windows')];
}

/** A scratch directory for probe files; removed by `dispose` unless kept. */
export class Scratch {
  readonly dir = mkdtempSync(join(tmpdir(), 'wsksim-abi-'));
  constructor(private readonly keep: boolean) {}
  dispose(): void { if (!this.keep) rmSync(this.dir, { recursive: true, force: true }); }
}

function run(command: string, args: readonly string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, [...args], { cwd, maxBuffer: 64 << 20, encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 127) : 0;
      resolve({ code, stdout, stderr: stderr || (err && !stderr ? err.message : '') });
    });
  });
}

/** The CompileFn for value probes: `gcc -std=gnu11 -S -O2` to assembly on stdout. */
export function compileToAsm(tc: Toolchain, scratch: Scratch): CompileFn {
  return async (arch, unit, source, probeFile) => {
    const flags = unitFlags(tc, arch, unit);
    if (!flags) return { code: 1, stdout: '', stderr: `${probeFile}:1:1: fatal error: ${unit === 'wsksim-wsk' ? "mingw-w64's ddk/ntddk.h" : 'libwine-dev headers (ddk/wsk.h)'} not found` };
    writeFileSync(join(scratch.dir, probeFile), source);
    return run(tc.compilers[arch]!.command, ['-std=gnu11', '-S', '-O2', ...flags, probeFile, '-o', '-'], scratch.dir);
  };
}

/** Assemble the probe's final assembly with `gcc -c` and return the COFF object's bytes (or the assembler's message). */
export async function assemble(tc: Toolchain, scratch: Scratch, arch: CompilerArch, unit: UnitName, asm: string): Promise<Uint8Array | string> {
  const base = `wsksim-probe-${unit}-${arch}`;
  writeFileSync(join(scratch.dir, `${base}.s`), asm);
  const r = await run(tc.compilers[arch]!.command, ['-c', `${base}.s`, '-o', `${base}.o`], scratch.dir);
  if (r.code !== 0) return `${COMPILERS[arch]} -c failed on the ${unit} probe assembly:\n${r.stderr.trim().split('\n').slice(0, 20).join('\n')}`;
  return readFileSync(join(scratch.dir, `${base}.o`));
}

/** Run async tasks with at most `limit` at a time, keeping their order. */
export async function pool<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const out: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) { const i = next++; out[i] = await tasks[i]!(); }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker));
  return out;
}
