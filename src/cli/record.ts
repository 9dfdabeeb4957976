/**
 * `wsksim record SCRIPT [-o OUT]`: fill a steps file's expectations with the simulator's results.
 */
import { existsSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { readInputFile } from '../vectors/input-file';
import { recordVectors } from '../vectors/record';
import type { CliContext } from './main';
import { guard, paint, UsageError } from './util';

interface RecordCliOptions {
  output?: string;
  overwrite?: boolean;
  force?: boolean;
  source?: string;
  date?: string;
}

/** Register the `record` command. */
export function registerRecordCommand(program: Command, ctx: CliContext): void {
  program
    .command('record')
    .description("record a steps file (the vector format without expectations) into a vector file with the simulator's results")
    .argument('<script>', 'steps file: wsksim/vectors@1 with "expect" absent (or partly present)')
    .option('-o, --output <file>', 'write the vector file here (default: stdout)')
    .option('--overwrite', 'replace expectations already in the script (default: keep them, add what is missing)')
    .option('--force', 'replace an existing -o file (never the script itself)')
    .option('--source <text>', 'source note for the file and vectors without one (default: "recorded by wsksim <version> on <date>")')
    .option('--date <YYYY-MM-DD>', 'date of the default source note (default: today)')
    .addHelpText('after', `
Each step gets expect.status or expect.fault, expect.output / outputSizeReturned (whole buffers), expect.irp
{completed, status, information}, expect.rule, conflictsWith (bind) and irps (complete). The file and each vector
are marked "recorded": true. The result is replayed after recording: kept expectations that disagree with the
simulator are reported on stderr (the file is written all the same).

Exit status: 0 recorded and the result replays cleanly, 1 the result was written but some vector does not pass
(a kept expectation disagrees; see --overwrite), 2 the script is malformed or unreadable, or bad usage.`)
    .action((script: string, opts: RecordCliOptions) => {
      guard(ctx, 'record', () => {
        if (opts.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.date)) throw new UsageError(`--date: ${JSON.stringify(opts.date)} is not YYYY-MM-DD`);
        if (opts.output !== undefined) checkOutputPath(opts.output, script, opts.force === true);
        const text = readInputFile(script, 'steps file');
        const r = recordVectors(text, script, {
          ...(opts.overwrite ? { overwrite: true } : {}),
          ...(opts.source !== undefined ? { source: opts.source } : {}),
          ...(opts.date !== undefined ? { date: opts.date } : {}),
        });
        if (opts.output !== undefined) {
          writeAtomically(opts.output, r.text);
          ctx.err(`wsksim record: ${r.vectors} vector(s), ${r.steps} step(s) recorded into ${opts.output}\n`);
        } else {
          ctx.out(r.text);
        }
        const p = paint({});
        for (const c of r.conflicts) {
          ctx.err(`wsksim record: ${p.bad('vector')} ${JSON.stringify(c.vectorId)}, step ${c.step}: a kept expectation disagrees with the simulator: ${c.message}\n`);
        }
        ctx.setExit(r.conflicts.length > 0 ? 1 : 0);
      });
    });
}

/** -o must not be the script itself, and replaces an existing file only with --force. */
function checkOutputPath(output: string, script: string, force: boolean): void {
  if (!existsSync(output)) return;
  let same = false;
  try { same = realpathSync(output) === realpathSync(script); } catch { /* the script is unreadable: reported when read */ }
  if (same) throw new UsageError(`-o ${output} is the steps file itself; write the recording elsewhere`);
  if (!statSync(output).isFile()) throw new UsageError(`-o ${output} exists and is not a regular file`);
  if (!force) throw new UsageError(`-o ${output} exists; add --force to replace it`);
}

/** Write through a temporary file in the same folder and rename it, so a failed write leaves the old file whole. */
function writeAtomically(path: string, text: string): void {
  const tmp = resolve(dirname(path), `.${process.pid}.wsksim-record.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new UsageError(`cannot write ${path}: ${(e as Error).message}`);
  }
}
