/**
 * `wsksim compare --against wine|windows|answers FILES|DIRS...`: the same vectors on wsksim and on an external
 * WSK provider reached through the conformance driver (c/conformance/); SAME / DIFF / SKIP per vector.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { VectorFormatError } from '../errors';
import { compareFiles, compareJson, formatSummaryLines, formatVector, type CompareReport } from '../compare/compare';
import { answersFileProvider, nativeRelay, writePlan } from '../compare/offline';
import { measuredVectorFile } from '../compare/measured';
import { DEFAULT_WAITS } from '../compare/plan';
import { ExternalUnavailableError, openWine, type ExternalProvider } from '../compare/wine';
import { diffFuzz, examplesFile, formatDiffFuzz } from '../compare/fuzz-diff';
import { expandPaths, loadVectorFile } from '../vectors/suite';
import type { CliContext } from './main';
import { parseU32Arg, UsageError } from './util';

interface CompareOpts {
  against?: string;
  prefix?: string;
  json?: boolean;
  filter?: string;
  recordMeasured?: string;
  writePlan?: string;
  answers?: string;
  relay?: string;
  pendingWait?: string;
  grace?: string;
  quiet?: boolean;
}

/** A vector-id filter: substring, or /REGEX/flags. */
export function idFilter(filter: string | undefined): ((id: string) => boolean) | undefined {
  if (filter === undefined || filter === '') return undefined;
  const m = /^\/(.*)\/([a-z]*)$/.exec(filter);
  if (m) {
    let re: RegExp;
    try { re = new RegExp(m[1]!, m[2]); } catch (e) { throw new UsageError(`--filter: ${(e as Error).message}`); }
    return (id) => re.test(id);
  }
  return (id) => id.includes(filter);
}

/** Register the `compare` command. */
export function registerCompareCommand(program: Command, ctx: CliContext): void {
  program
    .command('compare')
    .description('replay vectors on wsksim and on an external WSK provider (Wine\'s netio.sys, or Windows) and report the differences')
    .argument('<paths...>', 'vector files or directories')
    .option('--against <provider>', 'wine (run the conformance driver under Wine), windows (the relay on this Windows machine), or answers (read --answers)', 'wine')
    .option('--prefix <dir>', 'Wine prefix (default: $WSKSIM_WINEPREFIX or ~/.cache/wsksim/wine)')
    .option('--json', 'print a machine-readable report')
    .option('--filter <pattern>', 'only vectors whose id contains PATTERN (or matches /REGEX/)')
    .option('--record-measured <out.json>', 'also write the provider\'s answers as a wsksim/vectors@1 file')
    .option('--write-plan <file>', 'only write the frames the relay would execute (for a machine without Node), then exit')
    .option('--answers <file>', 'the relay\'s output for a plan written with --write-plan (with --against answers)')
    .option('--relay <exe>', 'with --against windows: the relay (default: build/conformance/wskconf-relay.exe)')
    .option('--pending-wait <ms>', `how long the driver waits for an IRP after STATUS_PENDING (default ${DEFAULT_WAITS.pendingWaitMs})`)
    .option('--grace <ms>', `how long the driver waits for an IRP after any other return (default ${DEFAULT_WAITS.graceMs})`)
    .addHelpText('after', '\nOutput: SAME id / DIFF id with the first difference ([kind] field: wsksim vs provider, hex with the differing\n' +
      'byte in [brackets]) / SKIP id (reason), then "compare: N vectors, N SAME, N DIFF, N SKIP", DIFF by kind, SKIP by\n' +
      'reason and the provider. wsksim\'s own answers are never changed: this measures the other provider.\n' +
      '\nExit status: 0 the comparison ran (whatever it found), 2 bad input, or the provider could not be reached.')
    .action(async (paths: string[], opts: CompareOpts) => {
      let ext: ExternalProvider | undefined;
      try {
        const waits = {
          pendingWaitMs: opts.pendingWait !== undefined ? parseU32Arg(opts.pendingWait, '--pending-wait') : DEFAULT_WAITS.pendingWaitMs,
          graceMs: opts.grace !== undefined ? parseU32Arg(opts.grace, '--grace') : DEFAULT_WAITS.graceMs,
        };
        const filter = idFilter(opts.filter);
        const { files } = expandPaths(paths);
        if (files.length === 0) throw new UsageError(`no vector files (*.json) in ${paths.join(', ')}`);
        const parsed = files.map(loadVectorFile);
        if (opts.writePlan !== undefined) {
          const n = writePlan(parsed, opts.writePlan, waits, filter);
          ctx.out(`wrote ${n.sent} vectors (${n.skipped} skipped) to ${opts.writePlan}\n`);
          return;
        }
        const against = opts.against ?? 'wine';
        if (against === 'wine') {
          ext = await openWine({ ...(opts.prefix !== undefined ? { prefix: opts.prefix } : {}), log: (s) => ctx.err(`wsksim compare: ${s}\n`) });
        } else if (against === 'windows') {
          ext = await nativeRelay(opts.relay);
        } else if (against === 'answers') {
          if (opts.answers === undefined) throw new UsageError('--against answers needs --answers FILE');
          ext = answersFileProvider(opts.answers);
        } else {
          throw new UsageError(`--against: unknown provider ${JSON.stringify(against)} (wine, windows or answers)`);
        }
        const streaming = opts.json !== true;
        const report: CompareReport = await compareFiles(parsed, ext, {
          waits, ...(filter !== undefined ? { filter } : {}),
          ...(streaming ? { onVector: (c) => ctx.out(`${formatVector(c)}\n`) } : {}),
        });
        if (opts.recordMeasured !== undefined) {
          writeFileSync(opts.recordMeasured, `${JSON.stringify(measuredVectorFile(report, parsed), null, 2)}\n`);
        }
        ctx.out(streaming ? `${formatSummaryLines(report).join('\n')}\n` : `${JSON.stringify(compareJson(report), null, 2)}\n`);
        ctx.setExit(0);
      } catch (e) {
        if (e instanceof VectorFormatError) { ctx.err(`wsksim compare: ${e.where()}: ${e.message}\n`); ctx.setExit(2); return; }
        if (e instanceof UsageError || e instanceof ExternalUnavailableError) { ctx.err(`wsksim compare: ${e.message}\n`); ctx.setExit(2); return; }
        throw e;
      } finally {
        await ext?.close();
      }
    });
}

/** `wsksim fuzz --against wine --seed S --runs N [--out DIR] [--json]`: differential fuzzing (exit 0 whatever it finds). */
export async function fuzzAgainst(opts: Record<string, string | boolean | undefined>, ctx: CliContext): Promise<void> {
  let ext: ExternalProvider | undefined;
  try {
    if (opts.against !== 'wine') throw new UsageError(`--against: unknown provider ${JSON.stringify(opts.against)} (wine)`);
    if (typeof opts.seed !== 'string' || !/^\d+$/.test(opts.seed) || Number(opts.seed) > 0x7fffffff) throw new UsageError('--seed S is required (an integer from 0 to 2147483647)');
    if (typeof opts.runs !== 'string' || !/^\d+$/.test(opts.runs) || Number(opts.runs) < 1 || Number(opts.runs) > 1_000_000) {
      throw new UsageError('--runs N is required with --against (1 to 1000000; --time is not supported there)');
    }
    ext = await openWine({ ...(typeof opts.prefix === 'string' ? { prefix: opts.prefix } : {}), log: (s) => ctx.err(`wsksim fuzz: ${s}\n`) });
    const r = await diffFuzz(ext, { seed: Number(opts.seed), runs: Number(opts.runs) });
    if (r.kinds.length > 0) {
      const dir = typeof opts.out === 'string' ? opts.out : 'fuzz-failures';
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `against-wine-seed-${r.seed}.json`);
      writeFileSync(file, `${JSON.stringify(examplesFile(r), null, 2)}\n`);
      ctx.err(`wsksim fuzz: examples written to ${file}\n`);
    }
    ctx.out(opts.json === true ? `${JSON.stringify(r, null, 2)}\n` : formatDiffFuzz(r));
    ctx.setExit(0);
  } catch (e) {
    if (e instanceof UsageError || e instanceof ExternalUnavailableError) { ctx.err(`wsksim fuzz: ${e.message}\n`); ctx.setExit(2); return; }
    throw e;
  } finally {
    await ext?.close();
  }
}
