/**
 * A vector as the frames the conformance driver executes: one CALL per WSK call step, DELIVER per `complete`.
 * Sockets are numbered in the vector: the n-th `socket` step creates socket n (the driver numbers them the same way).
 */
import type { BufferSpec, ControlBuffers, Step, Vector } from '../vectors/types';
import { callFrame, encodeFrame, encodeVectorBegin, FN, FRAME, type CallArg } from './frames';
import { vectorSkipReason, type SkipReason } from './executable';

/** sizeof(IRP) on x64: the only IRP image the driver accepts. */
export const IRP_SIZE_X64 = 208;

/** What was sent for one step. */
export type PlannedStep =
  | { readonly kind: 'call'; readonly index: number; readonly seq: number; readonly fn: number;
      /** Per argument index: the runner's buffer name for BUFFER/IRP arguments ('input', 'output', 'irp'...), else null. */
      readonly names: readonly (string | null)[];
      /** Per argument index: the image sent for BUFFER/IRP arguments, else null. */
      readonly sent: readonly (Buffer | null)[];
      /** The IRP image's bytes past sizeof(IRP) (kept as they were: the driver passes a real IRP). */
      readonly irpTail: Buffer | null }
  | { readonly kind: 'deliver'; readonly index: number; readonly seq: number }
  | { readonly kind: 'not-sent'; readonly index: number; readonly reason: string };

/** A vector ready to send, or why it is not sent. */
export type VectorPlan =
  | { readonly kind: 'skip'; readonly id: string; readonly reason: SkipReason }
  | { readonly kind: 'plan'; readonly id: string; readonly frames: Buffer; readonly steps: readonly PlannedStep[]; readonly firstSeq: number; readonly lastSeq: number };

/** Bounded waits the driver applies. */
export interface WaitOptions {
  /** How long to wait for an IRP after STATUS_PENDING (and for WskSocket, and at DELIVER), ms. */
  readonly pendingWaitMs: number;
  /** How long to wait for an IRP after any other return value, ms. */
  readonly graceMs: number;
}

export const DEFAULT_WAITS: WaitOptions = { pendingWaitMs: 1000, graceMs: 20 };

const NULL: CallArg = { kind: 'null' };
const value = (v: bigint | number): CallArg => ({ kind: 'value', value: BigInt(v) });

function bufferArg(spec: BufferSpec): CallArg {
  return spec === null ? NULL : { kind: 'buffer', bytes: Buffer.from(spec.initial) };
}

/** Plans one vector; `seq` numbers continue from `firstSeq`. */
export function planVector(v: Vector, waits: WaitOptions = DEFAULT_WAITS, firstSeq = 1): VectorPlan {
  const skip = vectorSkipReason(v);
  if (skip !== undefined) return { kind: 'skip', id: v.id, reason: skip };
  const frames: Buffer[] = [encodeFrame(FRAME.VECTOR_BEGIN, 0, encodeVectorBegin(waits.pendingWaitMs, waits.graceMs, v.id))];
  const steps: PlannedStep[] = [];
  const socketNumbers = new Map<string, number>();
  let sockets = 0;
  let seq = firstSeq;

  const irpArg = (spec: BufferSpec): { arg: CallArg; tail: Buffer | null } | { reason: string } => {
    if (spec === null) return { arg: NULL, tail: null };
    if (spec.initial.length < IRP_SIZE_X64) {
      return { reason: `an IRP buffer of ${spec.initial.length} bytes (sizeof(IRP) is ${IRP_SIZE_X64}); the driver passes only real IRPs` };
    }
    return { arg: { kind: 'irp', bytes: Buffer.from(spec.initial.subarray(0, IRP_SIZE_X64)) }, tail: Buffer.from(spec.initial.subarray(IRP_SIZE_X64)) };
  };
  const socketArg = (name: string): CallArg => ({ kind: 'socket', handle: BigInt(socketNumbers.get(name) ?? 0) });
  const push = (index: number, fn: number, args: CallArg[], names: (string | null)[], irpTail: Buffer | null): void => {
    frames.push(callFrame(seq, fn, args));
    const sent = args.map((a) => (a.kind === 'buffer' || a.kind === 'irp' ? Buffer.from(a.bytes) : null));
    steps.push({ kind: 'call', index, seq, fn, names, sent, irpTail });
    seq++;
  };
  const controlArgs = (st: ControlBuffers): CallArg[] => [value(st.inputSize), bufferArg(st.input), value(st.outputSize),
    bufferArg(st.output), bufferArg(st.outputSizeReturned)];
  const controlNames = (st: ControlBuffers): (string | null)[] => [null, st.input ? 'input' : null, null,
    st.output ? 'output' : null, st.outputSizeReturned ? 'outputSizeReturned' : null];

  for (const s of v.steps) {
    switch (s.op) {
      case 'socket': {
        sockets++;
        if (s.as !== undefined) socketNumbers.set(s.as, sockets);
        push(s.index, FN.WskSocket, [value(s.family), value(s.type), value(s.protocol), value(s.flags), value(0),
          { kind: 'irp', bytes: Buffer.alloc(IRP_SIZE_X64) }], [null, null, null, null, null, null], null);
        break;
      }
      case 'control': {
        const irp = irpArg(s.irp);
        if ('reason' in irp) { steps.push({ kind: 'not-sent', index: s.index, reason: irp.reason }); break; }
        push(s.index, FN.WskControlSocket,
          [socketArg(s.socket), value(s.requestType), value(s.controlCode), value(s.level), ...controlArgs(s), irp.arg],
          [null, null, null, null, ...controlNames(s), irp.arg.kind === 'irp' ? 'irp' : null], irp.tail);
        break;
      }
      case 'controlClient': {
        const irp = irpArg(s.irp);
        if ('reason' in irp) { steps.push({ kind: 'not-sent', index: s.index, reason: irp.reason }); break; }
        push(s.index, FN.WskControlClient, [value(s.controlCode), ...controlArgs(s), irp.arg],
          [null, ...controlNames(s), irp.arg.kind === 'irp' ? 'irp' : null], irp.tail);
        break;
      }
      case 'bind': {
        const irp = irpArg(s.irp);
        if ('reason' in irp) { steps.push({ kind: 'not-sent', index: s.index, reason: irp.reason }); break; }
        const addr: CallArg = s.address === null ? NULL : { kind: 'buffer', bytes: Buffer.from(s.address.bytes) };
        push(s.index, FN.WskBind, [socketArg(s.socket), addr, value(s.flags), irp.arg],
          [null, s.address === null ? null : 'address', null, irp.arg.kind === 'irp' ? 'irp' : null], irp.tail);
        break;
      }
      case 'close': {
        const irp = irpArg(s.irp);
        if ('reason' in irp) { steps.push({ kind: 'not-sent', index: s.index, reason: irp.reason }); break; }
        push(s.index, FN.WskCloseSocket, [socketArg(s.socket), irp.arg], [null, irp.arg.kind === 'irp' ? 'irp' : null], irp.tail);
        break;
      }
      case 'complete':
        frames.push(encodeFrame(FRAME.DELIVER, seq, Buffer.alloc(0)));
        steps.push({ kind: 'deliver', index: s.index, seq });
        seq++;
        break;
      default:
        steps.push({ kind: 'not-sent', index: s.index, reason: `${s.op} is not a WSK call` });
    }
  }
  frames.push(encodeFrame(FRAME.VECTOR_END, 0, Buffer.alloc(0)));
  return { kind: 'plan', id: v.id, frames: Buffer.concat(frames), steps, firstSeq, lastSeq: seq - 1 };
}
