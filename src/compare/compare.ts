/**
 * `compare`: replays vectors on wsksim and on an external provider and reports, per vector, SAME / DIFF (first
 * difference, classified) / SKIP (why the provider cannot execute it), then a summary by kind.
 */
import { runVector } from '../vectors/runner';
import type { VectorFile } from '../vectors/types';
import { decodeVectorAnswer, type VectorAnswer } from './answers';
import { compareVector, DIFF_KINDS, type DiffKind, type Difference } from './diff';
import type { SkipReason } from './executable';
import { isFrameError, type ProviderInfo } from './frames';
import { DEFAULT_WAITS, planVector, type PlannedStep, type WaitOptions } from './plan';
import type { ExternalProvider } from './wine';

export type Verdict = 'SAME' | 'DIFF' | 'SKIP';

/** One vector's comparison. */
export interface ComparedVector {
  readonly file: string;
  readonly id: string;
  readonly verdict: Verdict;
  readonly difference?: Difference;
  readonly skip?: SkipReason;
  readonly notExecuted: readonly { readonly step: number; readonly reason: string }[];
  /** What was sent and answered (for --record-measured); absent for SKIP and failed runs. */
  readonly steps?: readonly PlannedStep[];
  readonly answer?: VectorAnswer;
}

/** The whole comparison. */
export interface CompareReport {
  readonly provider: ProviderInfo;
  readonly vectors: readonly ComparedVector[];
  readonly same: number;
  readonly diff: number;
  readonly skip: number;
  readonly byKind: Readonly<Partial<Record<DiffKind, number>>>;
  readonly bySkip: Readonly<Record<string, number>>;
  readonly elapsedMs: number;
}

/** Options of compareFiles. */
export interface CompareOptions {
  readonly waits?: WaitOptions;
  /** Keep vectors whose id passes. */
  readonly filter?: (id: string) => boolean;
  /** Called after each vector (progress). */
  readonly onVector?: (v: ComparedVector) => void;
}

/** Time the relay gets for one vector: every call's bounded wait plus a margin. */
export function vectorTimeoutMs(steps: readonly PlannedStep[], waits: WaitOptions): number {
  return 30_000 + steps.length * (waits.pendingWaitMs + waits.graceMs) * 2;
}

/** Compare every vector of the files. */
export async function compareFiles(files: readonly VectorFile[], ext: ExternalProvider, opts: CompareOptions = {}): Promise<CompareReport> {
  const t0 = Date.now();
  const waits = opts.waits ?? DEFAULT_WAITS;
  const vectors: ComparedVector[] = [];
  const byKind: Partial<Record<DiffKind, number>> = {};
  const bySkip: Record<string, number> = {};
  const name = ext.info.provider;
  let seq = 1;
  for (const f of files) {
    for (const v of f.vectors) {
      if (opts.filter !== undefined && !opts.filter(v.id)) continue;
      const w = runVector(v, f.file, { keepGoing: true });
      const plan = planVector(v, waits, seq);
      let c: ComparedVector;
      if (plan.kind === 'skip') {
        c = { file: f.file, id: v.id, verdict: 'SKIP', skip: plan.reason, notExecuted: [] };
      } else {
        seq = plan.lastSeq + 1;
        const got = await ext.runVector(plan.frames, vectorTimeoutMs(plan.steps, waits));
        let difference: Difference | undefined;
        let notExecuted: ComparedVector['notExecuted'] = [];
        let answer: VectorAnswer | undefined;
        if (!Array.isArray(got)) {
          difference = { kind: got.failed, step: undefined, op: undefined, field: 'vector', message: `${name}: ${got.message}` };
        } else {
          try {
            answer = decodeVectorAnswer(got, plan.steps);
            ({ difference, notExecuted } = compareVector(plan.steps, w, answer, name));
          } catch (e) {
            if (!isFrameError(e)) throw e;
            answer = undefined;
            difference = { kind: 'garbage', step: undefined, op: undefined, field: 'vector', message: `${name}: malformed answer: ${e.message}` };
          }
        }
        c = {
          file: f.file, id: v.id, verdict: difference === undefined ? 'SAME' : 'DIFF', notExecuted,
          ...(difference !== undefined ? { difference } : {}), steps: plan.steps, ...(answer !== undefined ? { answer } : {}),
        };
      }
      if (c.verdict === 'DIFF') byKind[c.difference!.kind] = (byKind[c.difference!.kind] ?? 0) + 1;
      if (c.verdict === 'SKIP') bySkip[c.skip!.id] = (bySkip[c.skip!.id] ?? 0) + 1;
      vectors.push(c);
      opts.onVector?.(c);
    }
  }
  const count = (x: Verdict): number => vectors.filter((c) => c.verdict === x).length;
  return { provider: ext.info, vectors, same: count('SAME'), diff: count('DIFF'), skip: count('SKIP'), byKind, bySkip, elapsedMs: Date.now() - t0 };
}

/** The provider in one line: name, version, machine, driver. */
export function providerLine(p: ProviderInfo): string {
  return `${p.provider} ${p.version} on ${p.machine}, ${p.driver}`;
}

/** Text form of one vector's line(s). */
export function formatVector(c: ComparedVector): string {
  if (c.verdict === 'SKIP') return `SKIP ${c.id} (${c.skip!.id}: ${c.skip!.text})`;
  const ne = c.notExecuted.length ? ` (${c.notExecuted.length} step(s) not executed: ${c.notExecuted.map((n) => `step ${n.step}: ${n.reason}`).join('; ')})` : '';
  if (c.verdict === 'SAME') return `SAME ${c.id}${ne}`;
  const d = c.difference!;
  const where = d.step === undefined ? '' : `step ${d.step} (${d.op}) `;
  return `DIFF ${c.id}${ne}\n  ${where}[${d.kind}] ${d.field}: ${d.message}`;
}

/** Summary lines: counts, DIFF by kind, SKIP by reason, provider. The first line is machine-parsable. */
export function formatSummaryLines(r: CompareReport): string[] {
  const kinds = (Object.keys(DIFF_KINDS) as DiffKind[]).filter((k) => r.byKind[k] !== undefined).map((k) => `${k} ${r.byKind[k]}`);
  const skips = Object.entries(r.bySkip).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`);
  return [
    `compare: ${r.vectors.length} vectors, ${r.same} SAME, ${r.diff} DIFF, ${r.skip} SKIP`,
    `  DIFF by kind: ${kinds.length ? kinds.join(', ') : 'none'}`,
    `  SKIP by reason: ${skips.length ? skips.join(', ') : 'none'}`,
    `  provider: ${providerLine(r.provider)}`,
  ];
}

/** The whole text report. */
export function formatCompareText(r: CompareReport): string {
  return `${[...r.vectors.map(formatVector), ...formatSummaryLines(r)].join('\n')}\n`;
}

/** The JSON report (`--json`). */
export function compareJson(r: CompareReport): object {
  return {
    format: 'wsksim/compare@1',
    provider: r.provider,
    summary: { vectors: r.vectors.length, same: r.same, diff: r.diff, skip: r.skip, byKind: r.byKind, bySkip: r.bySkip, elapsedMs: r.elapsedMs },
    kinds: DIFF_KINDS,
    vectors: r.vectors.map((c) => ({
      file: c.file, id: c.id, verdict: c.verdict,
      ...(c.difference !== undefined ? { difference: c.difference } : {}),
      ...(c.skip !== undefined ? { skip: c.skip } : {}),
      ...(c.notExecuted.length ? { notExecuted: c.notExecuted } : {}),
    })),
  };
}

/** Parsed first summary line of the text report; undefined when the text has none. */
export function parseSummaryLine(text: string): { vectors: number; same: number; diff: number; skip: number } | undefined {
  const m = /^compare: (\d+) vectors, (\d+) SAME, (\d+) DIFF, (\d+) SKIP$/m.exec(text);
  if (m === null) return undefined;
  const [vectors, same, diff, skip] = m.slice(1).map(Number) as [number, number, number, number];
  return vectors === same + diff + skip ? { vectors, same, diff, skip } : undefined;
}
