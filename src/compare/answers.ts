/**
 * The relay's answer to one vector, decoded and checked against what was sent: garbage is a FrameError.
 */
import {
  imagesAfter, decodeAnswer, decodeTiming, FRAME, FrameError, OUTCOME, payloadReader, type Frame, type Outcome, type Answer,
  type TimingBody,
} from './frames';
import type { PlannedStep } from './plan';

/** The answer to one CALL: its RESULT and TIMING. */
export interface CallAnswer {
  readonly result: Answer;
  readonly timing: TimingBody;
}

/** A completion reported at a DELIVER: the CALL it belongs to, and its COMPLETION body. */
export interface DeliveredCompletion {
  readonly callSeq: number;
  readonly result: Answer;
}

/** The external provider's answer to one vector. */
export interface VectorAnswer {
  readonly outcome: Outcome;
  readonly message: string;
  readonly calls: ReadonlyMap<number, CallAnswer>;
  readonly delivered: ReadonlyMap<number, readonly DeliveredCompletion[]>;
}

/** Decode the frames of one vector's answer (VECTOR_BEGIN ... VECTOR_END) against the steps sent. */
export function decodeVectorAnswer(frames: readonly Frame[], steps: readonly PlannedStep[]): VectorAnswer {
  const calls = new Map<number, CallAnswer>();
  const delivered = new Map<number, DeliveredCompletion[]>();
  const sent = new Map<number, PlannedStep>();
  for (const s of steps) if (s.kind !== 'not-sent') sent.set(s.seq, s);
  let pendingResult: { seq: number; result: Answer } | undefined;
  let completions: DeliveredCompletion[] = [];
  let outcome: Outcome | undefined;
  let message = '';
  for (const f of frames) {
    switch (f.type) {
      case FRAME.VECTOR_BEGIN:
        break;
      case FRAME.RESULT:
      case FRAME.COMPLETION: {
        const planned = sent.get(f.seq);
        if (planned === undefined || planned.kind !== 'call') throw new FrameError(`answer for seq ${f.seq}, which is no CALL of this vector`);
        const result = decodeAnswer(f.payload);
        if (result.functionId !== planned.fn) throw new FrameError(`seq ${f.seq}: function ${result.functionId}, the CALL was ${planned.fn}`);
        imagesAfter(planned.sent, result.written);
        if (f.type === FRAME.RESULT) {
          if (calls.has(f.seq)) throw new FrameError(`seq ${f.seq}: two RESULTs`);
          pendingResult = { seq: f.seq, result };
        } else {
          completions.push({ callSeq: f.seq, result });
          pendingResult = undefined;
        }
        break;
      }
      case FRAME.TIMING: {
        const timing = decodeTiming(f.payload);
        if (pendingResult !== undefined && pendingResult.seq === f.seq) {
          calls.set(f.seq, { result: pendingResult.result, timing });
          pendingResult = undefined;
        }
        break;
      }
      case FRAME.DELIVERED: {
        const planned = sent.get(f.seq);
        if (planned === undefined || planned.kind !== 'deliver') throw new FrameError(`DELIVERED for seq ${f.seq}, which is no DELIVER of this vector`);
        const n = payloadReader(f.payload).u32();
        if (n !== completions.length) throw new FrameError(`DELIVERED says ${n} completions, ${completions.length} came`);
        delivered.set(f.seq, completions);
        completions = [];
        break;
      }
      case FRAME.VECTOR_END: {
        const r = payloadReader(f.payload);
        const code = r.u32();
        message = r.str();
        outcome = OUTCOME[code];
        if (outcome === undefined) throw new FrameError(`VECTOR_END outcome ${code}`);
        break;
      }
      default:
        throw new FrameError(`unexpected frame type 0x${f.type.toString(16)}`);
    }
  }
  if (outcome === undefined) throw new FrameError('no VECTOR_END');
  if (pendingResult !== undefined) throw new FrameError(`seq ${pendingResult.seq}: RESULT without TIMING`);
  if (outcome === 'done') {
    for (const s of steps) {
      if (s.kind === 'call' && !calls.has(s.seq)) throw new FrameError(`no answer for step ${s.index} (seq ${s.seq})`);
      if (s.kind === 'deliver' && !delivered.has(s.seq)) throw new FrameError(`no DELIVERED for step ${s.index} (seq ${s.seq})`);
    }
  }
  return { outcome, message, calls, delivered };
}
