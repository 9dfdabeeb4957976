/**
 * `wsksim fuzz --seed S (--runs N | --time T) [--workers K] [--shard i/n] [--out DIR] [--json]`: a reproducible
 * invariant campaign over generated cases; every finding is shrunk and written as a vector file `wsksim run` replays.
 * `wsksim fuzz merge SHARD.json...` combines the `--json` summaries of the shards of one campaign into the summary a
 * single run of the whole campaign gives.
 */
import { accessSync, constants, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Command } from 'commander';
import {
  coverageCells, mergeSummaries, PlanRun, shrinkFinding, sortSummary, writeFinding, type FindingRef, type PartialSummary, type Shard, type WorkPlan,
} from '../fuzz/campaign';
import type { WorkerMessage } from '../fuzz/worker';
import { fuzzAgainst } from './compare';
import type { CliContext } from './main';

/** Parsed and validated flags of `wsksim fuzz`. */
export interface FuzzFlags {
  readonly seed: number;
  readonly runs: number | null;
  readonly timeMs: number | null;
  readonly workers: number;
  readonly shard: Shard;
  readonly out: string;
  readonly json: boolean;
  readonly maxFindings: number;
}

class FlagError extends Error {}

function intFlag(v: string | undefined, name: string, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v.trim())) throw new FlagError(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(v)}`);
  const n = Number(v);
  if (n < min || n > max) throw new FlagError(`${name} must be an integer from ${min} to ${max}, got ${v}`);
  return n;
}

/** Parse `--time` values: seconds ("300", "300s"), minutes ("5m") or milliseconds ("500ms"). */
export function parseDuration(v: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(v.trim());
  if (!m) throw new FlagError(`--time must be a duration such as 300, 300s, 5m or 500ms, got ${JSON.stringify(v)}`);
  const n = Number(m[1]) * (m[2] === 'ms' ? 1 : m[2] === 'm' ? 60000 : 1000);
  if (n <= 0 || n > 7 * 24 * 3600 * 1000) throw new FlagError(`--time must be positive and at most a week, got ${v}`);
  return n;
}

/** Validate the raw option values of `wsksim fuzz`. */
export function parseFuzzFlags(o: Record<string, string | boolean | undefined>): FuzzFlags {
  const seed = intFlag(o.seed as string | undefined, '--seed', 0, 0x7fffffff);
  if (seed === undefined) throw new FlagError('--seed S is required (an integer from 0 to 2147483647), so that the campaign can be replayed');
  const runs = intFlag(o.runs as string | undefined, '--runs', 1, 1e12) ?? null;
  const timeMs = o.time === undefined ? null : parseDuration(String(o.time));
  if ((runs === null) === (timeMs === null)) throw new FlagError('give exactly one of --runs N and --time T');
  const workers = intFlag(o.workers as string | undefined, '--workers', 1, 64) ?? 1;
  let shard: Shard = { index: 0, count: 1 };
  if (o.shard !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(String(o.shard).trim());
    if (!m || Number(m[2]) < 1 || Number(m[1]) >= Number(m[2])) throw new FlagError(`--shard must be i/n with 0 <= i < n, got ${JSON.stringify(o.shard)}`);
    shard = { index: Number(m[1]), count: Number(m[2]) };
  }
  const maxFindings = intFlag(o.maxFindings as string | undefined, '--max-findings', 0, 1000) ?? 20;
  return { seed, runs, timeMs, workers, shard, out: String(o.out ?? 'fuzz-failures'), json: o.json === true, maxFindings };
}

/** Path of the compiled worker script (workers always run the compiled dist/ code). */
export function workerScript(): string {
  const here = __filename.endsWith('.ts') ? resolve(__dirname, '../../dist/src/fuzz/worker.js') : join(__dirname, '../fuzz/worker.js');
  return here;
}

/** Cases a campaign run in this thread runs between two turns of the event loop (about 25 ms). */
const SLICE_CASES = 1024;

/**
 * Run the campaign described by the flags; resolves to the merged summary and the elapsed time. Worker 0 runs in this
 * thread, in slices of SLICE_CASES cases with the event loop turning between them, so that a SIGINT handler setting
 * `stop` and the other workers' messages are heard within one slice; workers 1 to K-1 run in worker threads. With more
 * than one worker, each takes the campaign's indices a block at a time from a shared counter (WorkPlan.claim), so that
 * a worker slowed by the machine or by costlier cases leaves more to the others.
 */
export async function runCampaign(
  f: FuzzFlags, onProgress?: (cases: number, calls: number, findings: number) => void, stop?: Int32Array,
): Promise<{ summary: PartialSummary; elapsedMs: number }> {
  const start = Date.now();
  const deadline = f.timeMs === null ? null : start + f.timeMs;
  const claim = f.workers > 1 ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
  const plan = (worker: number): WorkPlan => ({
    seed: f.seed, runs: f.runs, shard: f.shard, worker, workers: f.workers, deadline, ...(stop !== undefined ? { stop } : {}), ...(claim !== undefined ? { claim } : {}),
  });
  const script = workerScript();
  if (f.workers > 1 && !existsSync(script)) throw new FlagError(`the compiled worker ${script} is missing; run \`npm run build\` first`);
  const progress = new Array<{ cases: number; calls: number; findings: number }>(f.workers).fill({ cases: 0, calls: 0, findings: 0 });
  const report = (w: number, m: { cases: number; calls: number; findings: number }): void => {
    progress[w] = m;
    if (onProgress === undefined) return;
    const t = progress.reduce((a, b) => ({ cases: a.cases + b.cases, calls: a.calls + b.calls, findings: a.findings + b.findings }));
    onProgress(t.cases, t.calls, t.findings);
  };
  let failed = false;
  const threads = Promise.all(Array.from({ length: f.workers - 1 }, (_, i) => new Promise<PartialSummary>((res, rej) => {
    const w = i + 1;
    const worker = new Worker(script, { workerData: plan(w) });
    const fail = (e: Error): void => { failed = true; rej(e); };
    worker.on('message', (m: WorkerMessage) => { if (m.type === 'progress') report(w, m); else res(m.summary); });
    worker.on('error', fail);
    worker.on('exit', (code) => { if (code !== 0) fail(new Error(`fuzz worker ${w} exited with code ${code}`)); });
  })));
  // Awaited below; a thread failing meanwhile stops this thread's worker at its next slice.
  threads.catch(() => undefined);
  const r = new PlanRun(plan(0));
  const own = onProgress === undefined ? undefined : (p: PartialSummary): void => report(0, { cases: p.cases, calls: p.calls, findings: Object.keys(p.findings).length });
  while (!failed && r.run(SLICE_CASES, own)) await new Promise<void>((resolve) => setImmediate(resolve));
  const parts = [r.finish(), ...await threads];
  return { summary: mergeSummaries(parts), elapsedMs: Date.now() - start };
}

function table(rows: [string, number][], indent = '  '): string[] {
  const w = Math.max(0, ...rows.map(([k]) => k.length));
  return rows.map(([k, n]) => `${indent}${k.padEnd(w)}  ${n}`);
}

/** Text report of a campaign. */
export function formatFuzzSummary(f: FuzzFlags, s: PartialSummary, elapsedMs: number, written: readonly string[]): string {
  const lines: string[] = [];
  const rate = elapsedMs > 0 ? Math.round((s.calls * 1000) / elapsedMs) : 0;
  lines.push(`wsksim fuzz: seed ${f.seed}, ${s.cases} cases${f.shard.count > 1 ? ` (shard ${f.shard.index}/${f.shard.count})` : ''}, ${f.workers} worker${f.workers > 1 ? 's' : ''}`);
  lines.push(`calls: ${s.calls} in ${(elapsedMs / 1000).toFixed(1)} s = ${rate} calls/s`);
  lines.push('results (return values by function):');
  for (const [op, h] of Object.entries(s.results)) {
    lines.push(`  ${op}:`);
    lines.push(...table(Object.entries(h).sort((a, b) => b[1] - a[1]), '    '));
  }
  if (Object.keys(s.completions).length > 0) {
    lines.push('completions delivered later (completion: pending), by IoStatus.Status:');
    lines.push(...table(Object.entries(s.completions).sort((a, b) => b[1] - a[1])));
  }
  const cells = coverageCells();
  let hit = 0;
  let total = 0;
  const rowLines: string[] = [];
  for (const c of cells) {
    const got = c.rules.filter((r) => (s.coverage[`${c.row}\t${r}`] ?? 0) > 0);
    hit += got.length;
    total += c.rules.length;
    const missing = c.rules.filter((r) => !got.includes(r));
    const prefix = `${c.row}\t`;
    const other = Object.keys(s.coverage).filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)).filter((r) => !c.rules.includes(r));
    rowLines.push(`  ${c.row}: ${got.length}/${c.rules.length}${missing.length > 0 ? ` (never decided by: ${missing.join(', ')})` : ''}${other.length > 0 ? `; handler rules also seen: ${other.join(', ')}` : ''}`);
  }
  lines.push(`coverage of (option row × check) cells: ${hit}/${total} possible cells hit`);
  lines.push(...rowLines);
  const findings = Object.values(s.findings).sort((a, b) => a.index - b.index);
  lines.push(`findings: ${findings.length}`);
  for (const x of findings) lines.push(`  ${x.invariant} at ${x.op} (rule ${x.rule}), first case ${x.index} of ${x.count}: ${x.message}`);
  for (const w of written) lines.push(`  written: ${w}`);
  return `${lines.join('\n')}\n`;
}

/** The `--json` document of a campaign (of a shard, or merged). */
export function summaryJson(f: FuzzFlags, s: PartialSummary, elapsedMs: number, written: readonly string[]): Record<string, unknown> {
  return {
    seed: f.seed, runs: f.runs, shard: f.shard, workers: f.workers, elapsedMs, callsPerSecond: Math.round((s.calls * 1000) / Math.max(1, elapsedMs)),
    ...sortSummary(s), written,
  };
}

/** One shard's `--json` summary, as read back by `fuzz merge`. */
interface ShardJson {
  readonly file: string;
  readonly seed: number;
  readonly runs: number | null;
  readonly shard: Shard;
  readonly workers: number;
  readonly elapsedMs: number;
  readonly summary: PartialSummary;
}

function isCounts(x: unknown): x is Record<string, number> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && Object.values(x).every((n) => Number.isSafeInteger(n) && (n as number) >= 0);
}

/** Read and validate one shard summary written by `wsksim fuzz --json`. */
export function readShard(file: string): ShardJson {
  let text: string;
  try {
    if (!statSync(file).isFile()) throw new FlagError(`${file}: not a regular file`);
    if (statSync(file).size > 256 * 1024 * 1024) throw new FlagError(`${file}: larger than 256 MiB, not a fuzz summary`);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof FlagError) throw e;
    throw new FlagError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  let j: Record<string, unknown>;
  try {
    j = JSON.parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>;
  } catch {
    throw new FlagError(`${file}: not JSON (write shard summaries with \`wsksim fuzz --json\`)`);
  }
  const bad = (what: string): FlagError => new FlagError(`${file}: not a \`wsksim fuzz --json\` summary (${what})`);
  if (typeof j !== 'object' || j === null || Array.isArray(j)) throw bad('not an object');
  const sh = j.shard as Record<string, unknown> | undefined;
  if (!Number.isSafeInteger(j.seed)) throw bad('no seed');
  if (j.runs !== null && !Number.isSafeInteger(j.runs)) throw bad('no runs');
  if (typeof sh !== 'object' || sh === null || !Number.isSafeInteger(sh.index) || !Number.isSafeInteger(sh.count) || (sh.index as number) < 0 || (sh.index as number) >= (sh.count as number)) throw bad('no shard i/n');
  if (!Number.isSafeInteger(j.cases) || !Number.isSafeInteger(j.calls)) throw bad('no cases or calls');
  if (typeof j.results !== 'object' || j.results === null || !Object.values(j.results).every(isCounts)) throw bad('results');
  if (!isCounts(j.completions) || !isCounts(j.coverage)) throw bad('completions or coverage');
  if (typeof j.findings !== 'object' || j.findings === null || Array.isArray(j.findings)) throw bad('findings');
  for (const [k, f] of Object.entries(j.findings as Record<string, FindingRef>)) {
    if (typeof f !== 'object' || f === null || f.signature !== k || !Number.isSafeInteger(f.index) || !Number.isSafeInteger(f.count)) throw bad(`finding ${k}`);
  }
  return {
    file, seed: j.seed as number, runs: j.runs as number | null, shard: { index: sh.index as number, count: sh.count as number },
    workers: Number.isSafeInteger(j.workers) ? j.workers as number : 1, elapsedMs: typeof j.elapsedMs === 'number' ? j.elapsedMs : 0,
    summary: {
      cases: j.cases as number, calls: j.calls as number, results: j.results as PartialSummary['results'],
      completions: j.completions as PartialSummary['completions'], coverage: j.coverage as PartialSummary['coverage'], findings: j.findings as PartialSummary['findings'],
    },
  };
}

/**
 * Merge the summaries of every shard of one campaign (same seed, same --runs or all --time, shards 0..n-1 of one n,
 * each once) into the summary of the whole campaign; throws FlagError naming what does not fit.
 */
export function mergeShards(shards: readonly ShardJson[]): { flags: FuzzFlags; summary: PartialSummary; elapsedMs: number } {
  if (shards.length === 0) throw new FlagError('give the --json summaries of every shard of one campaign');
  const first = shards[0]!;
  for (const s of shards) {
    if (s.seed !== first.seed) throw new FlagError(`${s.file}: seed ${s.seed}, but ${first.file} has seed ${first.seed} (shards of one campaign share the seed)`);
    if (s.runs !== first.runs) throw new FlagError(`${s.file}: ${s.runs === null ? '--time' : `--runs ${s.runs}`}, but ${first.file} has ${first.runs === null ? '--time' : `--runs ${first.runs}`}`);
    if (s.shard.count !== first.shard.count) throw new FlagError(`${s.file}: shard ${s.shard.index}/${s.shard.count}, but ${first.file} is one of ${first.shard.count} shards`);
  }
  const n = first.shard.count;
  const seen = new Map<number, string>();
  for (const s of shards) {
    const other = seen.get(s.shard.index);
    if (other !== undefined) throw new FlagError(`${s.file} and ${other} are both shard ${s.shard.index}/${n}`);
    seen.set(s.shard.index, s.file);
  }
  const missing = Array.from({ length: n }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length > 0) throw new FlagError(`missing shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${n}`).join(', ')} of the ${n}`);
  const summary = mergeSummaries(shards.map((s) => s.summary));
  const flags: FuzzFlags = {
    seed: first.seed, runs: first.runs, timeMs: null, workers: shards.reduce((a, s) => a + s.workers, 0), shard: { index: 0, count: 1 },
    out: 'fuzz-failures', json: false, maxFindings: 20,
  };
  return { flags, summary, elapsedMs: Math.max(...shards.map((s) => s.elapsedMs)) };
}

/** Register the `fuzz` command. */
export function registerFuzzCommand(program: Command, ctx: CliContext): void {
  const fuzz = program
    .command('fuzz')
    .description('run a reproducible invariant campaign; write every finding, shrunk, as a vector file')
    .option('--seed <S>', 'campaign seed (0 to 2147483647); case i is derived from (S, i) only')
    .option('--runs <N>', 'number of cases (campaign indices 0..N-1)')
    .option('--time <T>', 'run until T has elapsed (300, 300s, 5m, 500ms)')
    .option('--workers <K>', 'workers (default 1): one in this thread, the others in worker threads; the same seed gives the same campaign for any K')
    .option('--shard <i/n>', 'run only the indices congruent to i mod n')
    .option('--out <DIR>', 'directory for finding vectors', 'fuzz-failures')
    .option('--max-findings <M>', 'shrink and write at most M findings (default 20)')
    .option('--json', 'print the summary as JSON')
    .option('--against <provider>', 'differential: run the cases on wsksim and on wine (see wsksim compare); report differences by kind')
    .option('--prefix <dir>', 'with --against wine: the Wine prefix')
    .addHelpText('after', '\nExit status: 0 no finding, 1 findings were written, 2 bad flags.')
    .action(async (opts: Record<string, string | boolean | undefined>) => {
      if (opts.against !== undefined) { await fuzzAgainst(opts, ctx); return; }
      let flags: FuzzFlags;
      try {
        flags = parseFuzzFlags(opts);
      } catch (e) {
        if (e instanceof FlagError) { ctx.err(`wsksim fuzz: ${e.message}\n`); ctx.setExit(2); return; }
        throw e;
      }
      // --out is checked before the campaign, so that no finding is lost to a path it cannot write.
      const outProblem = checkOutDir(flags.out);
      if (outProblem !== null) { ctx.err(`wsksim fuzz: --out ${flags.out}: ${outProblem}\n`); ctx.setExit(2); return; }
      const tty = process.stderr.isTTY === true;
      let last = 0;
      const start = Date.now();
      const progress = tty ? (cases: number, calls: number, findings: number): void => {
        const now = Date.now();
        if (now - last < 250) return;
        last = now;
        const rate = Math.round((calls * 1000) / Math.max(1, now - start));
        process.stderr.write(`\rfuzz: ${cases} cases, ${calls} calls, ${rate} calls/s, ${findings} finding(s)   `);
      } : undefined;
      // Ctrl-C stops the campaign before its next case; the findings so far are still shrunk and written. A second
      // Ctrl-C abandons them.
      const stop = new Int32Array(new SharedArrayBuffer(4));
      let interrupted = false;
      const onSigint = (): void => {
        if (interrupted) process.exit(130);
        interrupted = true;
        Atomics.store(stop, 0, 1);
        process.stderr.write('\nwsksim fuzz: interrupted: finishing the running cases, then writing the findings so far (Ctrl-C again abandons them)\n');
      };
      process.on('SIGINT', onSigint);
      let result: { summary: PartialSummary; elapsedMs: number };
      try {
        result = await runCampaign(flags, progress, stop);
      } catch (e) {
        process.removeListener('SIGINT', onSigint);
        if (e instanceof FlagError) { ctx.err(`wsksim fuzz: ${e.message}\n`); ctx.setExit(2); return; }
        throw e;
      }
      if (tty) process.stderr.write('\r\x1b[K');
      const summary = sortSummary(result.summary);
      const written: string[] = [];
      const findings = Object.values(summary.findings).sort((a, b) => a.index - b.index).slice(0, flags.maxFindings);
      for (const ref of findings) written.push(writeFinding(flags.out, flags.seed, shrinkFinding(flags.seed, ref)));
      if (flags.json) {
        ctx.out(`${JSON.stringify(summaryJson(flags, summary, result.elapsedMs, written), null, 2)}\n`);
      } else {
        ctx.out(formatFuzzSummary(flags, summary, result.elapsedMs, written));
      }
      process.removeListener('SIGINT', onSigint);
      if (interrupted) ctx.err(`wsksim fuzz: stopped by Ctrl-C after ${summary.cases} cases; ${written.length} finding(s) written\n`);
      ctx.setExit(interrupted ? 130 : Object.keys(summary.findings).length > 0 ? 1 : 0);
    });
  fuzz
    .command('merge')
    .description('combine the --json summaries of the shards of one campaign into the summary of the whole campaign')
    .argument('<SHARD.json...>', 'the `wsksim fuzz --shard i/n --json` output of every shard')
    .option('--out <DIR>', 'shrink the merged findings and write them here as vector files (as a single run would)')
    .option('--max-findings <M>', 'shrink and write at most M findings (default 20)')
    .option('--json', 'print the merged summary as JSON (the document `wsksim fuzz --json` prints)')
    .addHelpText('after', '\nExit status: 0 no finding, 1 the campaign has findings, 2 bad input (a file that is not a shard summary, shards of different campaigns, a missing or repeated shard).')
    .action((files: string[], own: Record<string, string | boolean | undefined>, cmd: Command) => {
      // Flags given after `fuzz` are parsed by the parent command too: take them from there when given there.
      const parent = cmd.parent!;
      const opts = { ...own };
      for (const k of ['out', 'maxFindings', 'json'] as const) if (opts[k] === undefined && parent.getOptionValueSource(k) === 'cli') opts[k] = parent.opts()[k] as string | boolean;
      let merged: ReturnType<typeof mergeShards>;
      let max: number;
      try {
        max = intFlag(opts.maxFindings as string | undefined, '--max-findings', 0, 1000) ?? 20;
        merged = mergeShards(files.map(readShard));
      } catch (e) {
        if (e instanceof FlagError) { ctx.err(`wsksim fuzz merge: ${e.message}\n`); ctx.setExit(2); return; }
        throw e;
      }
      const { flags, summary, elapsedMs } = merged;
      const written: string[] = [];
      if (typeof opts.out === 'string') {
        const findings = Object.values(summary.findings).sort((a, b) => a.index - b.index).slice(0, max);
        for (const ref of findings) written.push(writeFinding(opts.out, flags.seed, shrinkFinding(flags.seed, ref)));
      }
      if (opts.json === true) ctx.out(`${JSON.stringify(summaryJson(flags, summary, elapsedMs, written), null, 2)}\n`);
      else ctx.out(formatFuzzSummary(flags, summary, elapsedMs, written));
      ctx.setExit(Object.keys(summary.findings).length > 0 ? 1 : 0);
    });
}

/** Why findings could not be written into `dir` (created if missing), or null when they can. */
function checkOutDir(dir: string): string | null {
  try {
    if (existsSync(dir) && !statSync(dir).isDirectory()) return 'exists and is not a directory';
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}
