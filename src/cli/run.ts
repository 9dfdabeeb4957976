/**
 * `wsksim run FILE|DIR...`: replay vector files, one line per vector, a closing `N passed, N failed` line.
 */
import type { Command } from 'commander';
import { VectorFormatError } from '../errors';
import { readInputFile } from '../vectors/input-file';
import { expandPaths, loadVectorFile, parseKnownFailures, runSuite, type SuiteSummary } from '../vectors/suite';
import type { VectorFile } from '../vectors/types';
import type { CliContext } from './main';
import { paint, type Paint, UsageError } from './util';

/** Text report: PASS/FAIL/XFAIL/XPASS lines with the first difference, then the closing line (coloured by `p`). */
export function formatSummary(s: SuiteSummary, p: Paint = paint({})): string {
  const lines: string[] = [];
  for (const o of s.outcomes) {
    const where = o.file === '' ? '' : `  ${p.dim(`(${o.file})`)}`;
    switch (o.outcome) {
      case 'pass': lines.push(`${p.ok('PASS')} ${o.id}${where}`); break;
      case 'xfail': lines.push(`${p.warn('XFAIL')} ${o.id}${where} (known failure${o.knownReason ? `: ${o.knownReason}` : ''})`); break;
      case 'xpass': lines.push(`${p.bad('FAIL')} ${o.id}${where}\n  listed as a known failure but passes now: remove it from the list`); break;
      case 'stale': lines.push(`${p.bad('FAIL')} ${o.id}\n  listed as a known failure but no vector of the files run has this id: remove it from the list`); break;
      case 'fail': {
        const m = o.result.mismatch!;
        const t = o.result.trace[o.result.trace.length - 1];
        const why = t && t.rule ? `\n  decided by: ${t.rule}${t.conflictSocket ? ` (conflict with ${t.conflictSocket})` : ''}${t.wsaError ? ` [${t.wsaError}]` : ''}` : '';
        const lint = t && t.lint.length > 0 ? `\n  deviations: ${t.lint.join(', ')}` : '';
        lines.push(`${p.bad('FAIL')} ${o.id}${where}\n  step ${m.step} (${m.op}): ${m.message}${why}${lint}`);
        break;
      }
    }
  }
  lines.push(s.failed > 0 ? p.bad(`${s.passed} passed, ${s.failed} failed`) : p.ok(`${s.passed} passed, ${s.failed} failed`));
  return `${lines.join('\n')}\n`;
}

/** JSON report (`--json`). */
export function jsonSummary(s: SuiteSummary): object {
  return {
    passed: s.passed,
    failed: s.failed,
    vectors: s.outcomes.map((o) => ({
      file: o.file, id: o.id, outcome: o.outcome,
      ...(o.result.mismatch ? { mismatch: o.result.mismatch } : {}),
      ...(o.knownReason !== undefined ? { knownFailure: o.knownReason } : {}),
    })),
  };
}

/** Register the `run` command. */
export function registerRunCommand(program: Command, ctx: CliContext): void {
  program
    .command('run')
    .description('replay wsksim/vectors@1 files (or directories of them); exit 0 only when nothing failed')
    .argument('<paths...>', 'vector files or directories (a directory\'s known-failures.txt is applied)')
    .option('--json', 'print a machine-readable report')
    .option('--filter <pattern>', 'run only vectors whose id contains PATTERN (or matches /REGEX/)')
    .option('--known-failures <file>', 'known-failures list: one vector id per line, # comments')
    .addHelpText('after', '\nOutput: one PASS/FAIL/XFAIL line per vector (FAIL with the first difference, hex with the differing byte\n' +
      'in [brackets]), then "N passed, N failed". A listed known failure that still fails is XFAIL (counted as passed);\n' +
      'one that passes, or a listed id that names no vector of the files run (without --filter), is FAIL.\n' +
      'A malformed or unreadable file is reported on stderr and the other files still run. Input files must be regular\n' +
      'files of at most 64 MiB. Colour only when stdout is a TTY and NO_COLOR is unset.\n' +
      '\nExit status: 0 all passed, 1 a vector failed, 2 a file is malformed or unreadable, --filter matches nothing, or bad usage.')
    .action((paths: string[], opts: { json?: boolean; filter?: string; knownFailures?: string }) => {
      try {
        const { files, knownFailureFiles } = expandPaths(paths);
        if (files.length === 0) throw new UsageError(`no vector files (*.json) in ${paths.join(', ')}`);
        const listFiles = opts.knownFailures ? [...knownFailureFiles, opts.knownFailures] : knownFailureFiles;
        const known = new Map<string, string>();
        for (const f of listFiles) {
          for (const [k, v] of parseKnownFailures(readInputFile(f, 'known-failures list'))) known.set(k, v);
        }
        if (opts.filter !== undefined && /^\/.*\/[a-z]*$/.test(opts.filter)) {
          try { new RegExp(opts.filter.slice(1, opts.filter.lastIndexOf('/')), opts.filter.slice(opts.filter.lastIndexOf('/') + 1)); } catch (e) {
            throw new UsageError(`--filter: ${(e as Error).message}`);
          }
        }
        // A malformed or unreadable file is reported and skipped; the other files still run (exit status 2 at the end).
        const parsed: VectorFile[] = [];
        let malformed = 0;
        for (const f of files) {
          try {
            parsed.push(loadVectorFile(f));
          } catch (e) {
            if (!(e instanceof VectorFormatError)) throw e;
            ctx.err(`wsksim run: ${e.where()}: ${e.message}\n`);
            malformed++;
          }
        }
        if (parsed.length === 0) { ctx.setExit(2); return; }
        const summary = runSuite(parsed, known, opts.filter);
        if (summary.outcomes.length === 0) {
          throw new UsageError(opts.filter !== undefined ? `--filter ${JSON.stringify(opts.filter)} matches no vector in ${files.length} file(s)` : 'no vectors to run');
        }
        ctx.out(opts.json ? `${JSON.stringify(jsonSummary(summary), null, 2)}\n` : formatSummary(summary, paint(ctx)));
        if (malformed > 0 && files.length > 1) ctx.err(`wsksim run: ${malformed} of ${files.length} file(s) could not be read (above); the others ran\n`);
        ctx.setExit(malformed > 0 ? 2 : summary.failed > 0 ? 1 : 0);
      } catch (e) {
        if (e instanceof VectorFormatError) {
          ctx.err(`wsksim run: ${e.where()}: ${e.message}\n`);
          ctx.setExit(2);
          return;
        }
        if (e instanceof UsageError) {
          ctx.err(`wsksim run: ${e.message}\n`);
          ctx.setExit(2);
          return;
        }
        throw e;
      }
    });
}
