/**
 * `npm run verify:abi`: checks every constant, NTSTATUS, size, alignment and field offset of abi/ against the
 * Windows headers as compiled by x86_64- and i686-w64-mingw32-gcc (and Wine's ddk/wsk.h), and the simulator's
 * structure encoders against the bytes the compilers lay down. Exit 0 all agree, 1 a difference, 2 no toolchain.
 */
import { IMAGE_SAMPLES, compareImages, generateImageDefinitions, readImages, sampleUnit } from './abi-images';
import {
  COMPILER_ARCHES, ProbeCompileError, UNITS, WSK_H_FILE, abiTables, checksFor, collectChecks, summarise, verifyUnit,
  type AbiTables, type CompilerArch, type Outcome, type UnitName, type ValueReport,
} from './abi-probe';
import { Scratch, WSKSIM_C_INCLUDE, assemble, compileToAsm, findToolchain, pool, type Toolchain } from './toolchain';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';

/** apt packages that provide the toolchain (TOOLING.md §10.1). */
export const APT_PACKAGES = 'gcc-mingw-w64-x86-64 gcc-mingw-w64-i686 mingw-w64-common mingw-w64-x86-64-dev mingw-w64-i686-dev libwine-dev';

/** Structured result of a verification run. */
export interface AbiVerification {
  readonly values: ValueReport;
  readonly images: { readonly [K in CompilerArch]?: { readonly compared: number; readonly differences: readonly string[] } };
  readonly differences: readonly string[];
  /** Parts of the toolchain that were missing (the run is then incomplete). */
  readonly missing: readonly string[];
  /** Directory holding the generated probes, when kept. */
  readonly kept?: string;
}

/** Run every value check and byte-image comparison the installed toolchain allows. */
export async function runVerification(tc: Toolchain, tables: AbiTables = abiTables(), keep = false): Promise<AbiVerification> {
  const scratch = new Scratch(keep);
  try {
    const compile = compileToAsm(tc, scratch);
    const { checks, skipped } = collectChecks(tables);
    const arches = Object.keys(tc.compilers) as CompilerArch[];
    const missing: string[] = tc.missingCompilers.map((a) => tc.commands[a]);
    if (!tc.wineInclude) missing.push("libwine-dev's ddk/wsk.h");
    const imageUnits = new Set(IMAGE_SAMPLES.map(sampleUnit));
    type UnitRun = { outcomes: Outcome[]; arch: CompilerArch; images: { compared: number; differences: string[] } | null };
    const tasks: (() => Promise<UnitRun>)[] = [];
    for (const arch of arches) {
      for (const unit of Object.keys(UNITS) as UnitName[]) {
        const mine = checksFor(checks, arch).filter((c) => c.unit === unit);
        if (unit === 'wine-wsk' && !tc.wineInclude) {
          tasks.push(async () => ({ arch, images: null, outcomes: mine.map((c) => ({ check: c, arch, status: 'unverified' as const, reason: "libwine-dev's ddk/wsk.h is not installed" })) }));
          continue;
        }
        const withImages = imageUnits.has(unit);
        if (mine.length === 0 && !withImages) continue;
        tasks.push(async () => {
          const r = await verifyUnit(compile, arch, unit, mine, withImages ? generateImageDefinitions(unit, arch) : '');
          if (!withImages) return { arch, outcomes: r.outcomes, images: null };
          const obj = await assemble(tc, scratch, arch, unit, r.asm);
          return { arch, outcomes: r.outcomes, images: typeof obj === 'string' ? { compared: 0, differences: [obj] } : compareImages(arch, readImages(obj, unit, arch)) };
        });
      }
    }
    const runs = await pool(tasks, Math.max(2, cpus().length));
    const values = summarise(runs.flatMap((r) => r.outcomes), skipped);
    const images: { [K in CompilerArch]?: { compared: number; differences: string[] } } = {};
    for (const r of runs) {
      if (!r.images) continue;
      const t = (images[r.arch] ??= { compared: 0, differences: [] });
      t.compared += r.images.compared;
      t.differences.push(...r.images.differences);
    }
    const differences = [...values.differences, ...Object.values(images).flatMap((r) => r.differences)];
    return keep ? { values, images, differences, missing, kept: scratch.dir } : { values, images, differences, missing };
  } finally {
    scratch.dispose();
  }
}

/** abi/ files verify:abi reads, and those that hold no table (types, the source list). */
const COVERED_ABI_FILES = new Set(['arch', 'constants', 'ntstatus', 'structs', 'dispatch', 'schema', 'sources']);

/** The abi/ table files verify:abi does not check (found next to this module, compiled or not). */
export function uncoveredAbiFiles(): string[] {
  const dir = resolve(__dirname, '..', '..', 'abi');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => f.replace(/\.(ts|js)$/, ''))
    .filter((f) => !COVERED_ABI_FILES.has(f))
    .sort()
    .map((f) => `abi/${f}.ts`);
}

/** Object-like macros c/include/wsk.h defines that no abi/ constant row names (so nothing to compare them with). */
export function wskHeaderExtras(tables: AbiTables = abiTables()): string[] {
  const file = join(WSKSIM_C_INCLUDE, 'wsk.h');
  if (!existsSync(file)) return [];
  const known = new Set(tables.constants.flatMap((t) => Object.keys(t.rows)));
  const names = [...readFileSync(file, 'utf8').matchAll(/^#define ([A-Za-z_][A-Za-z0-9_]*)[ \t]+\S/gm)].map((m) => m[1]!);
  return [...new Set(names)].filter((n) => !known.has(n) && /^[A-Z]/.test(n) && n !== 'WSKAPI' && !n.startsWith('WSKSIM_')).sort();
}

/** Render a verification as the lines verify:abi prints. */
export function renderReport(tc: Toolchain, v: AbiVerification): string[] {
  const out: string[] = ['verify:abi: abi/ tables against the Windows headers as compiled by mingw-w64 GCC (-S / -c; nothing linked or run)'];
  for (const [arch, c] of Object.entries(tc.compilers)) out.push(`  ${arch}: ${c.version}`);
  out.push(`  Wine ddk/wsk.h: ${tc.wineInclude ?? 'not found (libwine-dev missing)'}`);
  out.push(`  wsksim ${WSK_H_FILE}: compiled after mingw-w64 <ntddk.h> (${Object.values(tc.compilers).map((c) => c.ddk ?? 'ddk headers not found').join(', ')})`);
  const extras = wskHeaderExtras();
  if (extras.length) out.push(`  ${WSK_H_FILE} also defines (no abi/ row to compare with): ${extras.join(' ')}`);
  if (v.values.derived.length) {
    out.push('', `Derived (${v.values.derived.length}): not in the headers, computed in the probe from documented definitions:`);
    for (const d of v.values.derived) out.push(`  ${d}`);
  }
  if (v.values.unverified.length) {
    out.push('', `Not verified by the compiler (${v.values.unverified.length}; reported, not a failure):`);
    for (const u of v.values.unverified) out.push(`  ${u.file} ${u.id}: ${u.reason}${u.arches ? ` [${u.arches.join(', ')}]` : ''}`);
  }
  const others = uncoveredAbiFiles();
  if (others.length) out.push('', `Not covered (tables without header values: documentation, measured tests, policy): ${others.join(', ')}`);
  if (v.values.provenance.length) {
    out.push('', 'Provenance warnings (citation does not match what the headers define):');
    for (const p of v.values.provenance) out.push(`  ${p}`);
  }
  if (v.kept) out.push('', `Generated probes kept in ${v.kept}`);
  if (v.missing.length) out.push('', `Toolchain incomplete, missing: ${v.missing.join(', ')} (apt-get install ${APT_PACKAGES})`);
  if (v.differences.length) {
    out.push('', `DIFFERENCES (${v.differences.length}):`);
    for (const d of v.differences) out.push(`  ${d}`);
  }
  out.push('');
  for (const arch of Object.keys(tc.compilers) as CompilerArch[]) {
    const n = v.values.counts[arch] ?? { header: 0, derived: 0 };
    const img = v.images[arch]?.compared ?? 0;
    out.push(`${arch} (${COMPILER_ARCHES[arch]}): ${n.header + n.derived} values checked (${n.header} from headers, ${n.derived} derived), ${img} byte images compared`);
  }
  return out;
}

/** Exit status of a verification: 1 on any difference, 2 when the toolchain was incomplete, else 0. */
export function exitStatus(v: AbiVerification): 0 | 1 | 2 {
  if (v.differences.length) return 1;
  return v.missing.length ? 2 : 0;
}

/** The verify:abi command; resolves to its exit status. */
export async function main(argv: readonly string[], out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): Promise<number> {
  const keep = argv.includes('--keep');
  const tc = findToolchain();
  if (tc.missingCompilers.length === 2) {
    err(`verify:abi: no Windows-targeting compiler found (${Object.values(tc.commands).join(' and ')} are not on PATH).\n`);
    err(`verify:abi: install them with: apt-get install -y --no-install-recommends ${APT_PACKAGES}\n`);
    return 2;
  }
  try {
    const v = await runVerification(tc, abiTables(), keep);
    for (const line of renderReport(tc, v)) out(`${line}\n`);
    const code = exitStatus(v);
    out(code === 0 ? 'verify:abi: OK\n' : code === 1 ? `verify:abi: FAILED, ${v.differences.length} difference(s)\n` : 'verify:abi: INCOMPLETE (toolchain missing parts)\n');
    return code;
  } catch (e) {
    if (e instanceof ProbeCompileError) { err(`verify:abi: ${e.message}\n`); return 2; }
    err(`verify:abi: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
