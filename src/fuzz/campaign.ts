/**
 * Fuzz campaigns: case i of seed S is generated from a seed derived from (S, i) alone, so a campaign is the same
 * whatever the worker count; shards partition the index space (indices congruent to i mod n); workers split a
 * shard (a fixed share each, or blocks taken from a shared counter); partial summaries merge by addition into one that
 * does not depend on the split.
 */
import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTROL_CHECKS } from '../../abi/policy';
import { OPTION_ROWS } from '../../abi/options';
import type { OptionRow } from '../../abi/schema';
import { readUintNBig } from '../codec/bytes';
import { STATUS, statusName } from '../codec/names';
import { LAYOUTS } from '../codec/layout';
import { faultName, isFault, resultName } from '../provider/result';
import { stateSlot } from '../provider/socket';
import { caseToVector, fuzzCase, type CaseConstraints, type CaseShape, type SocketShape } from './arbitraries';
import { CaseEngine, expectedIrp, runCase, ulongImage, type CaseRun, type EngineCounts, type EngineRun, type StepRecord } from './engine';
import { caseShapeFor } from './generator';
import { INVARIANTS, type ExtraInvariant, type Violation } from './invariants';
import { vectorFile, type JsonValue, type StepJson, type VectorFileJson, type VectorJson } from './vector-json';

/** Which indices a run covers: all of them, or those congruent to `index` mod `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** The first failing case of one kind of finding. */
export interface FindingRef {
  /** `invariant|op|rule`: findings with the same signature are one finding. */
  readonly signature: string;
  readonly index: number;
  readonly invariant: string;
  readonly step: number;
  readonly op: string;
  readonly rule: string;
  readonly message: string;
  /** Number of cases with this signature. */
  readonly count: number;
}

/** Mergeable campaign totals. */
export interface PartialSummary {
  cases: number;
  calls: number;
  /** Return values per op, by name (`STATUS_SUCCESS`, `fault InvalidSocket`). */
  results: Record<string, Record<string, number>>;
  /** IoStatus.Status of IRPs completed later (completion: pending), by name. */
  completions: Record<string, number>;
  /** (option row × deciding check) cells: `${row}\t${rule}` -> count. */
  coverage: Record<string, number>;
  findings: Record<string, FindingRef>;
}

/** A new, empty partial summary. */
export function emptySummary(): PartialSummary {
  return { cases: 0, calls: 0, results: {}, completions: {}, coverage: {}, findings: {} };
}

/** Seed of case `index` of a campaign with seed `seed` (a 31-bit integer, depends on nothing else). */
export function caseSeed(seed: number, index: number): number {
  let h = Math.imul((seed | 0) ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index | 0, 0xc2b2ae35) ^ Math.floor(index / 0x100000000);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 1;
}

const ARBS = new Map<string, fc.Arbitrary<VectorJson>>();
function arbitrary(c: CaseConstraints): fc.Arbitrary<VectorJson> {
  const key = JSON.stringify(c);
  let a = ARBS.get(key);
  if (a === undefined) ARBS.set(key, (a = fuzzCase(c)));
  return a;
}

/**
 * Case `index` of a campaign as a vector object: the seeded generator's shape (src/fuzz/generator.ts, what the
 * campaign engine ran) mapped by caseToVector, for the reference checker, shrinking and finding files.
 */
export function generateCase(seed: number, index: number, constraints: CaseConstraints = {}): VectorJson {
  return caseToVector(caseShapeFor(caseSeed(seed, index), constraints));
}

function bump(o: Record<string, number>, k: string, n = 1): void {
  o[k] = (o[k] ?? 0) + n;
}

function signatureOf(v: Violation): string {
  return `${v.invariant}|${v.op}|${v.rule}`;
}

/** Add one case's run (cases, checked calls, violations) to a partial summary; counts come from the engine (accountCounts). */
export function account(s: PartialSummary, index: number, run: EngineRun): void {
  s.cases++;
  s.calls += run.calls;
  accountViolations(s, index, run.violations);
}

/** Add the engine's counts (results, completions, coverage) to a partial summary. */
export function accountCounts(s: PartialSummary, c: EngineCounts): void {
  for (const [op, h] of c.results) for (const [r, n] of h) bump((s.results[op] ??= {}), resultName(r), n);
  for (const [op, h] of c.completions) for (const [r, n] of h) bump(s.completions, `${op} ${resultName(r)}`, n);
  for (const [row, h] of c.coverage) for (const [rule, n] of h) bump(s.coverage, `${row}\t${rule}`, n);
}

/** Add one case's violations to the findings of a partial summary (one per signature and case). */
export function accountViolations(s: PartialSummary, index: number, violations: readonly Violation[]): void {
  if (violations.length === 0) return;
  const seen = new Set<string>();
  for (const v of violations) {
    const sig = signatureOf(v);
    if (seen.has(sig)) continue;
    seen.add(sig);
    const f = s.findings[sig];
    if (f === undefined || index < f.index) {
      s.findings[sig] = { signature: sig, index, invariant: v.invariant, step: v.step, op: v.op, rule: v.rule, message: v.message, count: (f?.count ?? 0) + 1 };
    } else {
      s.findings[sig] = { ...f, count: f.count + 1 };
    }
  }
}

/** Merge partial summaries; the result does not depend on how indices were split. */
export function mergeSummaries(parts: readonly PartialSummary[]): PartialSummary {
  const out = emptySummary();
  for (const p of parts) {
    out.cases += p.cases;
    out.calls += p.calls;
    for (const [op, h] of Object.entries(p.results)) for (const [k, n] of Object.entries(h)) bump((out.results[op] ??= {}), k, n);
    for (const [k, n] of Object.entries(p.completions)) bump(out.completions, k, n);
    for (const [k, n] of Object.entries(p.coverage)) bump(out.coverage, k, n);
    for (const [k, f] of Object.entries(p.findings)) {
      const g = out.findings[k];
      out.findings[k] = g === undefined ? f : { ...(f.index < g.index ? f : g), count: f.count + g.count };
    }
  }
  return sortSummary(out);
}

function sortObj<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Canonical key order, so that equal summaries serialise equally. */
export function sortSummary(s: PartialSummary): PartialSummary {
  return {
    cases: s.cases, calls: s.calls,
    results: sortObj(Object.fromEntries(Object.entries(s.results).map(([k, v]) => [k, sortObj(v)]))),
    completions: sortObj(s.completions), coverage: sortObj(s.coverage), findings: sortObj(s.findings),
  };
}

/** What one worker (or the main thread) runs. */
export interface WorkPlan {
  readonly seed: number;
  /** Total number of indices of the campaign (null: until the deadline). */
  readonly runs: number | null;
  readonly shard: Shard;
  readonly worker: number;
  readonly workers: number;
  /** Date.now() after which no new case starts (null: no deadline). */
  readonly deadline: number | null;
  readonly constraints?: CaseConstraints;
  /** Shared stop flag: once its element 0 is nonzero (Atomics.store, e.g. on Ctrl-C), no new case starts. */
  readonly stop?: Int32Array;
  /**
   * Shared block counter of the campaign's workers: when given, a worker takes the indices it runs CLAIM_CASES at a
   * time (element 0 counts the blocks taken, Atomics.add) instead of owning a fixed share, so that a worker that runs
   * faster runs more. The merged summary is the same either way.
   */
  readonly claim?: Int32Array;
}

/** Indices per block a worker takes from WorkPlan.claim (about 12 ms of cases). */
export const CLAIM_CASES = 512;

/**
 * The campaign indices a worker owns: shard index + k * shard count for k from `from` below `to` (Infinity without a
 * run count) in steps of `step`; `total` is the number of k of the whole shard (Infinity without a run count).
 */
function planRange(p: WorkPlan): { readonly from: number; readonly to: number; readonly step: number; readonly total: number } {
  const { index: i, count: n } = p.shard;
  if (p.runs === null) return { from: p.worker, to: Infinity, step: p.workers, total: Infinity };
  const total = i < p.runs ? Math.ceil((p.runs - i) / n) : 0;
  return { from: Math.floor((p.worker * total) / p.workers), to: Math.floor(((p.worker + 1) * total) / p.workers), step: 1, total };
}

/**
 * A plan being run on the case engine (src/fuzz/engine.ts), with injected invariants if any, in as many slices as its
 * driver likes: `run(n)` runs up to n more cases, `finish()` gives the summary. The summary does not depend on the
 * slicing.
 */
export class PlanRun {
  private readonly summary = emptySummary();
  private readonly engine: CaseEngine;
  private readonly constraints: CaseConstraints;
  private readonly total: number;
  private readonly step: number;
  /** The current block of indices: k from `k` below `to` (with a claim counter, the block last taken). */
  private k: number;
  private to: number;
  private over = false;

  constructor(private readonly p: WorkPlan, extra: readonly ExtraInvariant[] = []) {
    this.engine = new CaseEngine(p.constraints?.maxCalls, extra);
    this.constraints = p.constraints ?? {};
    const { from, to, step, total } = planRange(p);
    this.total = total;
    if (p.claim === undefined) {
      this.k = from;
      this.to = to;
      this.step = step;
    } else {
      this.k = 0;
      this.to = 0;
      this.step = 1;
    }
  }

  /**
   * Run up to `max` more cases; stops early at the end of the plan, at its deadline or when its stop flag is set.
   * `progress` is called about every 256 cases. Returns whether the plan may have cases left.
   */
  run(max: number, progress?: (s: PartialSummary) => void): boolean {
    const { p, summary: s, engine, constraints, step } = this;
    for (let n = 0; n < max && !this.over; n++) {
      if (this.k >= this.to && !this.take()) { this.over = true; break; }
      if ((p.deadline !== null && Date.now() >= p.deadline) || (p.stop !== undefined && Atomics.load(p.stop, 0) !== 0)) { this.over = true; break; }
      const index = p.shard.index + this.k * p.shard.count;
      this.k += step;
      account(s, index, engine.run(caseShapeFor(caseSeed(p.seed, index), constraints)));
      if (progress !== undefined && (s.cases & 255) === 0) progress(s);
    }
    if (p.claim === undefined && this.k >= this.to) this.over = true;
    return !this.over;
  }

  /** Take the next block of CLAIM_CASES indices from the plan's claim counter; false without a counter or when none is left. */
  private take(): boolean {
    if (this.p.claim === undefined) return false;
    const from = Atomics.add(this.p.claim, 0, 1) * CLAIM_CASES;
    if (from >= this.total) return false;
    this.k = from;
    this.to = Math.min(from + CLAIM_CASES, this.total);
    return true;
  }

  /** The summary of the cases run, with the engine's counts (results, completions, coverage); call once, at the end. */
  finish(): PartialSummary {
    accountCounts(this.summary, this.engine.counts);
    return this.summary;
  }
}

/** Run a whole plan in one go (see PlanRun); `progress` is called about every 256 cases. */
export function runPlan(p: WorkPlan, extra: readonly ExtraInvariant[] = [], progress?: (s: PartialSummary) => void): PartialSummary {
  const r = new PlanRun(p, extra);
  r.run(Infinity, progress);
  return r.finish();
}

// ---- shrinking and writing findings -----------------------------------------------------------------------------

/** A shrunk finding, ready to be written as a vector file. */
export interface ShrunkFinding {
  readonly ref: FindingRef;
  readonly vector: VectorJson;
  readonly violation: Violation;
  readonly file: VectorFileJson;
}

/** Shrink the case of a finding, keeping its signature, and build the vector file that pins it. */
export function shrinkFinding(seed: number, ref: FindingRef, extra: readonly ExtraInvariant[] = [], constraints: CaseConstraints = {}): ShrunkFinding {
  const arb = arbitrary(constraints);
  const fails = (v: VectorJson): boolean => runCase(v, { extraInvariants: extra }).violations.some((x) => signatureOf(x) === ref.signature);
  // First a greedy reduction of the generated shape (drop calls, sockets, presets, setup states), then fast-check
  // shrinking from the reduced case.
  const original = caseToVector(reduceShape(caseShapeFor(caseSeed(seed, ref.index), constraints), (c) => fails(caseToVector(c))));
  let shrunk = original;
  // The case is fed to fast-check as an example: the arbitrary's unmapper (vectorToCase) lets it shrink.
  const out = fc.check(fc.property(arb, (v) => !fails(v)), { examples: [[original]], numRuns: 1, seed: caseSeed(seed, ref.index) });
  if (out.failed && out.counterexample !== null && fails(out.counterexample[0]!)) shrunk = out.counterexample[0]!;
  const run = runCase(shrunk, { extraInvariants: extra, record: true });
  const violation = run.violations.find((x) => signatureOf(x) === ref.signature) ?? run.violations[0] ?? {
    step: ref.step, op: ref.op, invariant: ref.invariant as Violation['invariant'], message: ref.message, rule: ref.rule,
  };
  const id = `fuzz/${seed}/${ref.index}/${ref.invariant}`;
  const vector = findingVector({ ...shrunk, id }, run, violation);
  const file = vectorFile(`wsksim fuzz finding: ${ref.invariant} (${ref.op}, rule ${ref.rule})`, [vector], {
    'x-finding': {
      invariant: ref.invariant, description: describeInvariant(ref.invariant), message: violation.message, step: violation.step,
      op: violation.op, rule: violation.rule, seed, index: ref.index, casesWithThisSignature: ref.count,
      replay: 'wsksim run THIS_FILE (expectations are the bytes the invariants demand; a failing replay reproduces the finding)',
    } as JsonValue,
  });
  return { ref, vector, violation, file };
}

/** Greedily drop parts of a case while it still fails: calls, sockets, presets, descriptor use, setup states. */
export function reduceShape(shape: CaseShape, fails: (c: CaseShape) => boolean): CaseShape {
  let cur = shape;
  const attempt = (c: CaseShape): boolean => {
    if (!fails(c)) return false;
    cur = c;
    return true;
  };
  for (let progress = true, rounds = 0; progress && rounds < 20; rounds++) {
    progress = false;
    for (let i = cur.calls.length - 1; i >= 0 && cur.calls.length > 1; i--) {
      if (attempt({ ...cur, calls: cur.calls.filter((_, j) => j !== i) })) progress = true;
    }
    for (let i = cur.conn.length - 1; i >= 0; i--) {
      if (attempt({ ...cur, conn: cur.conn.filter((_, j) => j !== i) })) progress = true;
    }
    for (let i = cur.sockets.length - 1; i >= 0 && cur.sockets.length > 1; i--) {
      if (attempt({ ...cur, sockets: cur.sockets.filter((_, j) => j !== i) })) progress = true;
    }
    for (let i = 0; i < cur.sockets.length; i++) {
      const s = cur.sockets[i]!;
      const with1 = (x: SocketShape): CaseShape => ({ ...cur, sockets: cur.sockets.map((y, j) => (j === i ? x : y)) });
      for (let k = s.presets.length - 1; k >= 0; k--) {
        const now = cur.sockets[i]!;
        if (attempt(with1({ ...now, presets: now.presets.filter((_, j) => j !== k) }))) progress = true;
      }
      if (cur.sockets[i]!.state !== 'fresh' && attempt(with1({ ...cur.sockets[i]!, state: 'fresh' }))) progress = true;
      if (cur.sockets[i]!.useSd && attempt(with1({ ...cur.sockets[i]!, useSd: false }))) progress = true;
    }
    if (cur.sd !== null && attempt({ ...cur, sd: null })) progress = true;
  }
  return cur;
}

function describeInvariant(id: string): string {
  return (INVARIANTS as Record<string, string>)[id] ?? (id.startsWith('extra:') ? 'an injected invariant' : id);
}

function sanitize(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
}

/** Write a shrunk finding into `dir`; returns the file path. */
export function writeFinding(dir: string, seed: number, f: ShrunkFinding): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${sanitize(`${f.ref.invariant}-${f.ref.op}-${f.ref.rule}`)}-s${seed}-i${f.ref.index}.json`);
  writeFileSync(path, `${JSON.stringify(f.file, null, 2)}\n`);
  return path;
}

function correctedImage(initial: Buffer, after: Buffer, limit: number): string {
  const b = Buffer.from(initial);
  after.copy(b, 0, 0, Math.min(limit, after.length));
  return b.toString('hex');
}

/**
 * The vector of a finding: each step expects what the invariants demand (a fault changes nothing; a failure leaves
 * the output untouched and completes the IRP with {status, 0}; a success writes only inside the declared sizes and
 * only IoStatus in the IRP; a bind judged by a sharing invariant gets the status the sharing tables give it; a failure
 * that changed state is followed by Get probes of the options as they were), so that a provider with the bug fails
 * the replay and a fixed one passes. Steps after the violating one are left out: a fixed provider may well differ there.
 */
export function findingVector(v: VectorJson, run: CaseRun, violation: Violation): VectorJson {
  const L = LAYOUTS[v.arch];
  const steps: StepJson[] = [];
  const last = violation.step < 0 ? v.steps.length - 1 : violation.step;
  v.steps.forEach((st, i) => {
    if (i > last) return;
    const r: StepRecord | undefined = run.records[i];
    if (r?.skipped === true) return;
    const step: StepJson = { ...st };
    if (r !== undefined) {
      const e = expectationOf(st, r, L);
      if (e !== null) step.expect = i === violation.step && violation.expectedStatus !== undefined ? withStatus(e, r, violation, L) : e;
    }
    if (i === violation.step) step['x-violation'] = `${violation.invariant}: ${violation.message}`;
    steps.push(step);
    if (i === violation.step && violation.invariant === 'failure-no-state' && v.completion === 'inline' && r?.optionsBefore !== undefined) {
      steps.push(...probes(String(st.socket), r.optionsBefore));
    }
  });
  return { ...v, recorded: true, source: `wsksim fuzz (shrunk); ${violation.invariant}`, steps };
}

/** A step's expectation with the violating bind's status replaced by the one the sharing tables give (IRP Information 0). */
function withStatus(e: JsonValue, r: StepRecord, violation: Violation, L: (typeof LAYOUTS)['x64']): JsonValue {
  const status = violation.expectedStatus!;
  const value = (STATUS as Record<string, number>)[status]!;
  const x = { ...(e as { [k: string]: JsonValue }) };
  if (violation.completion !== undefined) {
    const irps = [...(x.irps as JsonValue[])];
    irps[violation.completion] = { status, information: 0 };
    x.irps = irps;
    return x;
  }
  x.status = status;
  if (r.irp !== undefined && r.irp.completed) x.irp = { completed: true, bytes: expectedIrp(r.irp.initial, value, 0n, L).toString('hex') };
  return x;
}

function probes(socket: string, before: readonly number[]): StepJson[] {
  const out: StepJson[] = [];
  for (const row of OPTION_ROWS as readonly OptionRow[]) {
    if (row.requestType !== 'WskGetOption' || row.irp === 'null' || row.payload !== 'ulongBool') continue;
    const value = before[stateSlot(row.state)];
    if (value === undefined) continue;
    out.push({
      op: 'control', socket, requestType: 'WskGetOption', controlCode: row.code, level: row.level, outputSize: 4,
      output: { length: 4, fill: 'cc' }, irp: { fill: 'cc' }, 'x-probe': 'the failed call must not have changed this option',
      expect: { output: ulongImage(value) },
    });
  }
  return out;
}

function expectationOf(st: StepJson, r: StepRecord, L: (typeof LAYOUTS)['x64']): JsonValue | null {
  const res = r.result;
  switch (st.op) {
    case 'socket':
    case 'releaseSd':
      return res === undefined ? null : { status: statusName(res) };
    case 'advanceTime':
      return r.released === undefined ? null : { released: r.released };
    case 'complete':
    case 'setAddressList':
      return { irps: r.completions.map((c) => ({ status: statusName(c.status), information: c.status === STATUS.STATUS_SUCCESS ? Number(c.information) : 0 })) };
    case 'control':
    case 'controlClient':
    case 'bind':
    case 'close': {
      if (res === undefined) return null;
      if (isFault(res)) return { fault: faultName(res)! };
      const e: { [k: string]: JsonValue } = { status: statusName(res) };
      const declared = st.op === 'control' || st.op === 'controlClient' ? Number(BigInt(String(st.outputSize ?? 0)) > 4096n ? 4096n : BigInt(String(st.outputSize ?? 0))) : 0;
      const failed = res !== STATUS.STATUS_SUCCESS;
      const pending = res === STATUS.STATUS_PENDING;
      if (r.output !== undefined) e.output = failed ? r.output.initial.toString('hex') : correctedImage(r.output.initial, r.output.after, declared);
      if (r.outputSizeReturned !== undefined) {
        e.outputSizeReturned = failed || r.irp !== undefined ? r.outputSizeReturned.initial.toString('hex') : correctedImage(r.outputSizeReturned.initial, r.outputSizeReturned.after, L.sizeT);
      }
      if (r.irp !== undefined) {
        if (pending || !r.irp.completed) e.irp = 'untouched';
        else {
          const info = failed || (st.op !== 'control' && st.op !== 'controlClient') ? 0n : readUintNBig(r.irp.after, L.irpInformationOffset, L.ulongPtr);
          e.irp = { completed: true, bytes: expectedIrp(r.irp.initial, res, info > BigInt(declared) ? BigInt(declared) : info, L).toString('hex') };
        }
      }
      return e;
    }
    default:
      return null;
  }
}

/**
 * Every (option row × deciding check) cell that can occur, in table order: the CONTROL_CHECKS that can decide a
 * call resolved to the row (read from the row: request type, IRP rule, timing, families, mutual exclusion), plus
 * the row's success rule. Checks 4 and 5 never resolve to a row.
 */
export function coverageCells(): { row: string; rules: string[] }[] {
  return (OPTION_ROWS as readonly OptionRow[]).map((r) => {
    const isSet = r.requestType === 'WskSetOption';
    const isIoctl = r.requestType === 'WskIoctl';
    const restricted = r.families !== null || (r.socketTypes ?? null) !== null || r.notUnderLoopbackFastPath === true;
    const possible = (id: string): boolean => {
      switch (id) {
        case 'socket-live': case 'buffers-cover-sizes': case 'not-forced-closed': return true;
        case 'request-type': case 'option-known': return false;
        case 'irp-required': return r.irp === 'required';
        case 'irp-must-be-null': return r.irp === 'null';
        case 'socket-category': return r.categories.length < 5;
        case 'option-transport': return restricted;
        case 'socket-family': return r.families !== null;
        // The IOCTL handlers decide the later checks themselves; only the generic ones are counted for them.
        case 'set-input-size': return isSet;
        // A plain ULONG with domain 'any' and no maximum has no value check; other payloads validate their own.
        case 'value-domain': return isSet && (r.domain !== 'any' || r.domainMax !== undefined || (r.payload !== 'ulong' && r.payload !== 'ulongBool'));
        case 'get-output-size': return !isSet && !isIoctl;
        case 'buffer-presence': case 'unused-args-null': return !isIoctl;
        case 'timing': return !isIoctl && (isSet ? r.timing !== 'any' : r.timing === 'afterBind' || r.timing === 'afterConnect');
        case 'mutual-exclusion': return isSet && r.mutuallyExclusiveWith !== null;
        default: return !isIoctl;
      }
    };
    const rules = [...new Set(CONTROL_CHECKS.map((c) => c.id as string))].filter(possible);
    if (!isIoctl) rules.push(isSet ? 'set-success' : 'get-success');
    return { row: `${r.name}/${r.requestType}`, rules };
  });
}
