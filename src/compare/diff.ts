/**
 * Compares what wsksim did in a vector with what the external provider answered, step by step, and classifies
 * the first difference. wsksim's answers are only read (runVector on a fresh provider), never changed.
 */
import { firstDifference, hex32, markedHex } from '../codec/hex';
import { STATUS, statusName } from '../codec/names';
import { faultName } from '../provider/result';
import type { StepTrace, VectorResult } from '../vectors/runner';
import type { CallAnswer, VectorAnswer } from './answers';
import { FN, FrameError, imagesAfter, WIRE_FAULTS, type Answer, type CompletionWhen } from './frames';
import { IRP_SIZE_X64, type PlannedStep } from './plan';

/** Kinds of difference, in the order the summary lists them. */
export const DIFF_KINDS = {
  'not-implemented': 'the provider answered STATUS_NOT_IMPLEMENTED where wsksim did not',
  'irp-never-completed': 'wsksim completed the IRP; the provider did not complete it within the bounded wait',
  'irp-completed': 'the provider completed an IRP that wsksim left pending or untouched',
  'completion-timing': 'same final status, but one side returned STATUS_PENDING and completed later',
  status: 'different return status',
  'io-status': 'same return status, different IoStatus in the IRP',
  bytes: 'different bytes in a caller buffer',
  fault: 'wsksim reports a fault (an ABI violation, nothing written); the provider returned a status',
  'not-executed': 'the driver did not call the provider where wsksim executed the call',
  crash: 'the provider crashed (its process died) during the vector',
  hung: 'the provider did not return within the timeout',
  garbage: 'the answer was malformed or inconsistent with the calls sent',
  'driver-error': 'the driver could not run the vector',
} as const;
export type DiffKind = keyof typeof DIFF_KINDS;

/** The first difference in a vector. */
export interface Difference {
  readonly kind: DiffKind;
  /** Step index, or undefined when the whole vector failed (crash, hung, garbage). */
  readonly step: number | undefined;
  readonly op: string | undefined;
  /** The field that differs: 'status', 'irp.completed', 'output', 'irp' (IoStatus bytes)... */
  readonly field: string;
  readonly message: string;
}

/** Result of comparing one vector. */
export interface VectorComparison {
  readonly difference: Difference | undefined;
  /** Steps the driver did not execute, with the reason (both sides agreed there was nothing to compare). */
  readonly notExecuted: readonly { readonly step: number; readonly reason: string }[];
}

/** The provider's view of one call, in the runner's vocabulary. */
export interface ProviderStep {
  readonly executed: boolean;
  readonly note: string;
  /** Return value (NTSTATUS), or a wire fault name when the driver refused the call. */
  readonly status: number;
  readonly fault: string | undefined;
  readonly completion: CompletionWhen;
  /** How long the driver waited for the IRP, ms. */
  readonly waitedMs: number;
  readonly ioStatus: { readonly status: number; readonly information: bigint } | undefined;
  /** Caller buffers after the call, by the runner's names. */
  readonly buffers: ReadonlyMap<string, Buffer>;
}

type PlannedCall = Extract<PlannedStep, { kind: 'call' }>;

/** Argument index of a call's IRP (WskSocket always has one: the driver passes a real IRP), or -1. */
export function irpIndex(planned: PlannedCall): number {
  return planned.fn === FN.WskSocket ? 5 : planned.names.indexOf('irp');
}

/** IoStatus of the IRP image after a call or completion, or undefined when the call had no IRP. */
export function ioStatusOf(planned: PlannedCall, a: Answer): { status: number; information: bigint } | undefined {
  const i = irpIndex(planned);
  if (i < 0) return undefined;
  const img = imagesAfter(planned.sent, a.written)[i];
  if (img === null || img === undefined || img.length !== IRP_SIZE_X64) throw new FrameError(`step ${planned.index}: no IRP image of ${IRP_SIZE_X64} bytes`);
  return { status: img.readUInt32LE(48), information: img.readBigUInt64LE(56) };
}

/** Map a call's answer to the runner's buffer names. */
export function providerStep(planned: PlannedCall, a: CallAnswer): ProviderStep {
  const buffers = new Map<string, Buffer>();
  const images = imagesAfter(planned.sent, a.result.written);
  planned.names.forEach((name, i) => {
    const img = images[i];
    if (name === null || img === null || img === undefined) return;
    buffers.set(name, name === 'irp' && planned.irpTail ? Buffer.concat([img, planned.irpTail]) : img);
  });
  const ioStatus = ioStatusOf(planned, a.result);
  const fault = a.result.fault === 0 ? undefined : WIRE_FAULTS[a.result.fault - 1] ?? `fault ${a.result.fault}`;
  return { executed: a.timing.executed, note: a.timing.note, status: a.result.status, fault, completion: a.timing.completion, waitedMs: a.timing.waitedMs, ioStatus, buffers };
}

function st(v: number): string {
  return `${statusName(v)} (${hex32(v)})`;
}

function wsksimResult(t: StepTrace): string {
  const f = t.result === undefined ? undefined : faultName(t.result);
  return f !== undefined ? `fault ${f}` : t.result === undefined ? 'no result' : st(t.result);
}

function when(p: ProviderStep): string {
  if (p.completion === 'never') return 'IRP never completed';
  const io = p.ioStatus ? ` with ${st(p.ioStatus.status)}` : '';
  return p.completion === 'before-return' ? `IRP completed before returning${io}` : `IRP completed after returning${io}`;
}

/** Compare one call step; undefined when equal. */
export function compareCall(t: StepTrace, p: ProviderStep, fn: number, providerName: string): Omit<Difference, 'step' | 'op'> | undefined {
  const wFault = t.result === undefined ? undefined : faultName(t.result);
  if (!p.executed) {
    if (wFault !== undefined) return undefined;
    return { kind: 'not-executed', field: 'call', message: `the driver did not call ${providerName}: ${p.note}; wsksim: ${wsksimResult(t)}` };
  }
  if (wFault !== undefined) {
    return { kind: 'fault', field: 'status', message: `wsksim: fault ${wFault} (nothing written); ${providerName}: ${st(p.status)}, ${when(p)}` };
  }
  const w = t.result!;
  if (fn === FN.WskSocket) {
    const eff = p.completion !== 'never' && p.ioStatus ? p.ioStatus.status : p.status;
    if (eff === w) return undefined;
    const kind = eff === STATUS.STATUS_NOT_IMPLEMENTED ? 'not-implemented'
      : p.completion === 'never' && p.status === STATUS.STATUS_PENDING ? 'irp-never-completed' : 'status';
    return { kind, field: 'status', message: `wsksim ${st(w)}; ${providerName} returned ${st(p.status)}, ${when(p)}` };
  }
  const wIrp = t.irp;
  if (p.status !== w) {
    const pFinal = p.completion !== 'never' && p.ioStatus ? p.ioStatus.status : p.status;
    const wFinal = wIrp?.completed ? wIrp.status : w;
    const kind: DiffKind = p.status === STATUS.STATUS_NOT_IMPLEMENTED ? 'not-implemented'
      : (p.status === STATUS.STATUS_PENDING || w === STATUS.STATUS_PENDING) && pFinal === wFinal ? 'completion-timing' : 'status';
    return { kind, field: 'status', message: `wsksim ${st(w)}; ${providerName} ${st(p.status)}, ${when(p)}` };
  }
  if (wIrp !== undefined) {
    const pDone = p.completion !== 'never';
    if (wIrp.completed && !pDone) {
      return { kind: 'irp-never-completed', field: 'irp.completed', message: `wsksim completed the IRP with ${st(wIrp.status)}; ${providerName} did not complete it within ${p.waitedMs} ms` };
    }
    if (!wIrp.completed && pDone) {
      return { kind: 'irp-completed', field: 'irp.completed', message: `wsksim left the IRP pending; ${providerName} completed it with ${st(p.ioStatus?.status ?? 0)}` };
    }
  }
  for (const [name, hex] of Object.entries(t.buffers)) {
    const got = p.buffers.get(name);
    if (got === undefined) continue;
    const want = Buffer.from(hex, 'hex');
    const at = firstDifference(want, got);
    if (at < 0) continue;
    const label = name === 'irp' ? 'IoStatus' : name;
    return {
      kind: name === 'irp' ? 'io-status' : 'bytes', field: name,
      message: `${label} differs at offset ${at}\n    wsksim:   ${markedHex(want, at)}\n    provider: ${markedHex(got, at)}`,
    };
  }
  return undefined;
}

/** Compare a vector: wsksim's trace (keepGoing run) against the provider's answer. */
export function compareVector(steps: readonly PlannedStep[], w: VectorResult, answer: VectorAnswer, providerName: string): VectorComparison {
  const notExecuted: { step: number; reason: string }[] = [];
  if (answer.outcome !== 'done') {
    const kind: DiffKind = answer.outcome === 'crashed' ? 'crash' : answer.outcome === 'hung' ? 'hung' : 'driver-error';
    return { difference: { kind, step: undefined, op: undefined, field: 'vector', message: `${providerName}: ${answer.outcome}${answer.message ? `: ${answer.message}` : ''}` }, notExecuted };
  }
  const traces = new Map(w.trace.map((t) => [t.index, t]));
  for (const s of steps) {
    const t = traces.get(s.index);
    if (t === undefined) continue;
    if (s.kind === 'not-sent') { notExecuted.push({ step: s.index, reason: s.reason }); continue; }
    if (s.kind === 'deliver') {
      const got = answer.delivered.get(s.seq) ?? [];
      const want = t.completions;
      for (let i = 0; i < Math.max(got.length, want.length); i++) {
        const g = got[i];
        const e = want[i];
        if (g === undefined) {
          return { difference: { kind: 'irp-never-completed', step: s.index, op: t.op, field: `irps[${i}]`, message: `wsksim completed ${e!.irp} with ${e!.status}; ${providerName} completed ${got.length} IRP(s) here` }, notExecuted };
        }
        const call = steps.find((x): x is PlannedCall => x.kind === 'call' && x.seq === g.callSeq);
        if (call === undefined) throw new FrameError(`COMPLETION for seq ${g.callSeq}, which is no CALL of this vector`);
        const io = ioStatusOf(call, g.result);
        const gs = io?.status ?? g.result.status;
        const gi = io?.information ?? 0n;
        if (e === undefined) {
          return { difference: { kind: 'irp-completed', step: s.index, op: t.op, field: `irps[${i}]`, message: `${providerName} completed an IRP here with ${st(gs)}; wsksim completed ${want.length}` }, notExecuted };
        }
        if (e.status !== statusName(gs) || e.information !== gi.toString()) {
          return { difference: { kind: 'io-status', step: s.index, op: t.op, field: `irps[${i}]`, message: `wsksim {${e.status}, ${e.information}}; ${providerName} {${statusName(gs)}, ${gi}}` }, notExecuted };
        }
      }
      continue;
    }
    const a = answer.calls.get(s.seq);
    if (a === undefined) throw new FrameError(`no answer for step ${s.index}`);
    const p = providerStep(s, a);
    if (!p.executed && t.result !== undefined && faultName(t.result) !== undefined) notExecuted.push({ step: s.index, reason: p.note });
    const d = compareCall(t, p, s.fn, providerName);
    if (d !== undefined) return { difference: { ...d, step: s.index, op: t.op }, notExecuted };
  }
  return { difference: undefined, notExecuted };
}
