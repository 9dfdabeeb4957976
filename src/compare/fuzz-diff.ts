/**
 * Differential fuzzing: generated cases (src/fuzz's seeded generator) run on wsksim and on an external provider;
 * differences are counted by kind and one example of each kind is shrunk. These are measurements of the other
 * provider, not wsksim invariant findings.
 *
 * Cases are adapted to what the conformance driver can execute (named decision, docs/MEASURING.md): x64, one owner
 * (the driver's security context), no modelled security descriptor, no forced close, no harness address-list step.
 */
import { caseToVector, type CaseShape } from '../fuzz/arbitraries';
import { caseSeed } from '../fuzz/campaign';
import { caseShapeFor } from '../fuzz/generator';
import { vectorFile, type VectorFileJson, type VectorJson } from '../fuzz/vector-json';
import { parseVectorFile } from '../vectors/reader';
import { runVector } from '../vectors/runner';
import type { Vector } from '../vectors/types';
import { decodeVectorAnswer } from './answers';
import { providerLine, vectorTimeoutMs } from './compare';
import { compareVector, DIFF_KINDS, type DiffKind, type Difference } from './diff';
import { vectorSkipReason } from './executable';
import { isFrameError } from './frames';
import { DEFAULT_WAITS, planVector, type WaitOptions } from './plan';
import type { ExternalProvider } from './wine';

/** The generated case, adapted to what the driver can execute. */
export function executableCase(c: CaseShape): CaseShape {
  return {
    env: { ...c.env, arch: 'x64' },
    sd: null,
    ports: c.ports,
    sockets: c.sockets.map((s) => ({ ...s, owner: 0, useSd: false, state: s.state === 'forced-closed' ? 'fresh' : s.state })),
    calls: c.calls.filter((k) => k.op !== 'addresses').map((k) => (k.op === 'socket' ? { ...k, owner: 0 } : k)),
    conn: [],
  };
}

/** The case as a parsed vector with an id. */
export function caseVector(c: CaseShape, id: string): { json: VectorJson; vector: Vector } {
  const json = { ...caseToVector(c), id, source: 'wsksim fuzz --against' };
  const file = parseVectorFile(JSON.stringify(vectorFile(id, [json])), `<${id}>`);
  return { json, vector: file.vectors[0]! };
}

/** The first difference of one case, undefined when SAME; 'skip' when the driver cannot run it. */
export async function diffCase(v: Vector, ext: ExternalProvider, waits: WaitOptions): Promise<Difference | undefined | 'skip'> {
  const plan = planVector(v, waits);
  if (plan.kind === 'skip') return 'skip';
  const w = runVector(v, '<fuzz>', { keepGoing: true });
  const got = await ext.runVector(plan.frames, vectorTimeoutMs(plan.steps, waits));
  if (!Array.isArray(got)) return { kind: got.failed, step: undefined, op: undefined, field: 'vector', message: got.message };
  try {
    return compareVector(plan.steps, w, decodeVectorAnswer(got, plan.steps), ext.info.provider).difference;
  } catch (e) {
    if (!isFrameError(e)) throw e;
    return { kind: 'garbage', step: undefined, op: undefined, field: 'vector', message: e.message };
  }
}

/** Smaller variants of a case, most promising first. */
export function shrinkCandidates(c: CaseShape): CaseShape[] {
  const out: CaseShape[] = [];
  for (let i = c.calls.length - 1; i >= 0; i--) out.push({ ...c, calls: c.calls.filter((_, j) => j !== i) });
  if (c.sockets.length > 1) out.push({ ...c, sockets: c.sockets.slice(0, -1) });
  c.sockets.forEach((s, i) => {
    s.presets.forEach((_, p) => out.push({ ...c, sockets: c.sockets.map((x, j) => (j === i ? { ...x, presets: x.presets.filter((_q, q) => q !== p) } : x)) }));
    if (s.state !== 'fresh') out.push({ ...c, sockets: c.sockets.map((x, j) => (j === i ? { ...x, state: 'fresh' } : x)) });
  });
  if (c.env.completion === 'pending') out.push({ ...c, env: { ...c.env, completion: 'inline' } });
  if (c.env.policy !== 'strict') out.push({ ...c, env: { ...c.env, policy: 'strict' } });
  return out;
}

/** One kind of difference: how many cases showed it, and a shrunk example. */
export interface KindReport {
  readonly kind: DiffKind;
  readonly count: number;
  readonly firstCase: number;
  readonly example: VectorJson;
  readonly difference: Difference;
  readonly shrinkSteps: number;
}

/** Result of a differential campaign. */
export interface DiffFuzzReport {
  readonly seed: number;
  readonly cases: number;
  readonly same: number;
  readonly skipped: number;
  readonly kinds: readonly KindReport[];
  readonly elapsedMs: number;
  readonly provider: string;
}

/** Options of diffFuzz. */
export interface DiffFuzzOptions {
  readonly seed: number;
  readonly runs: number;
  readonly waits?: WaitOptions;
  /** Largest number of provider runs spent shrinking one kind's example. */
  readonly shrinkBudget?: number;
}

/** Runs the cases, classifies the differences, shrinks one example per kind. */
export async function diffFuzz(ext: ExternalProvider, o: DiffFuzzOptions): Promise<DiffFuzzReport> {
  const t0 = Date.now();
  const waits = o.waits ?? DEFAULT_WAITS;
  const first = new Map<DiffKind, { index: number; shape: CaseShape; difference: Difference; count: number }>();
  let same = 0;
  let skipped = 0;
  for (let i = 0; i < o.runs; i++) {
    const shape = executableCase(caseShapeFor(caseSeed(o.seed, i)));
    const { vector } = caseVector(shape, `fuzz-${o.seed}-${i}`);
    const d = await diffCase(vector, ext, waits);
    if (d === 'skip') { skipped++; continue; }
    if (d === undefined) { same++; continue; }
    const f = first.get(d.kind);
    if (f === undefined) first.set(d.kind, { index: i, shape, difference: d, count: 1 });
    else f.count++;
  }
  const kinds: KindReport[] = [];
  for (const kind of Object.keys(DIFF_KINDS) as DiffKind[]) {
    const f = first.get(kind);
    if (f === undefined) continue;
    let best = f.shape;
    let bestDiff = f.difference;
    let budget = o.shrinkBudget ?? 200;
    let steps = 0;
    // Greedy: take the first smaller variant that still shows the same kind, until none does.
    for (let progress = true; progress && budget > 0;) {
      progress = false;
      for (const cand of shrinkCandidates(best)) {
        if (budget-- <= 0) break;
        const { vector } = caseVector(cand, `fuzz-${o.seed}-${f.index}-shrunk`);
        const d = await diffCase(vector, ext, waits);
        if (d !== 'skip' && d !== undefined && d.kind === kind) {
          best = cand; bestDiff = d; steps++; progress = true;
          break;
        }
      }
    }
    kinds.push({ kind, count: f.count, firstCase: f.index, example: caseVector(best, `fuzz-${o.seed}-${f.index}-${kind}`).json, difference: bestDiff, shrinkSteps: steps });
  }
  return { seed: o.seed, cases: o.runs, same, skipped, kinds, elapsedMs: Date.now() - t0, provider: providerLine(ext.info) };
}

/** The examples as one vector file (`--out`). */
export function examplesFile(r: DiffFuzzReport): VectorFileJson {
  return vectorFile(`Differences found by wsksim fuzz --against (seed ${r.seed}): one shrunk example per kind`,
    r.kinds.map((k) => ({ ...k.example, 'x-difference': { kind: k.kind, step: k.difference.step ?? null, field: k.difference.field, message: k.difference.message } })),
    { 'x-provider': r.provider });
}

/** Text report. */
export function formatDiffFuzz(r: DiffFuzzReport): string {
  const lines = [
    `wsksim fuzz --against: seed ${r.seed}, ${r.cases} cases: ${r.same} SAME, ${r.cases - r.same - r.skipped} DIFF, ${r.skipped} SKIP in ${(r.elapsedMs / 1000).toFixed(1)} s`,
    `provider: ${r.provider}`,
    `differences by kind: ${r.kinds.length ? r.kinds.map((k) => `${k.kind} ${k.count}`).join(', ') : 'none'}`,
  ];
  for (const k of r.kinds) {
    const where = k.difference.step === undefined ? '' : `step ${k.difference.step} (${k.difference.op}) `;
    lines.push(`  [${k.kind}] first in case ${k.firstCase}; shrunk (${k.shrinkSteps} steps) to ${k.example.steps.length} step(s): ${where}${k.difference.field}: ${k.difference.message.split('\n').join('\n    ')}`);
  }
  return `${lines.join('\n')}\n`;
}
