/**
 * Frames exchanged with the conformance driver's relay (docs/MEASURING.md): the wire protocol's frames, CALL and
 * answer record through its codec (src/harness), plus the conformance extension types 0x0100-0x0103.
 */
import { FAULT_NAMES } from '../../abi/policy';
import { FrameReader, FrameWriter, PayloadReader } from '../harness/frame-codec';
import { decodeAnswer, encodeCall, type Answer, type CallArg, type WrittenSpan } from '../harness/messages';
import { ERROR_CODE, FRAME as PROTOCOL_FRAME, ProtocolError } from '../harness/protocol';

/** Frame types used with the relay: the wire protocol's, and the conformance extension 0x0100-0x0103. */
export const FRAME = {
  ...PROTOCOL_FRAME,
  VECTOR_BEGIN: 0x0100,
  VECTOR_END: 0x0101,
  PROVIDER: 0x0102,
  TIMING: 0x0103,
} as const;

/** Function ids of CALL (the wire protocol's numbering). */
export const FN = { WskSocket: 1, WskControlClient: 3, WskControlSocket: 4, WskCloseSocket: 5, WskBind: 6 } as const;

/** How a vector ended on the relay side (VECTOR_END outcome). */
export const OUTCOME = ['done', 'crashed', 'error', 'hung'] as const;
export type Outcome = typeof OUTCOME[number];

/** When the IRP of a call completed (TIMING). */
export const COMPLETION_WHEN = ['never', 'before-return', 'after-return'] as const;
export type CompletionWhen = typeof COMPLETION_WHEN[number];

/** Fault names in the wire protocol's order (fault field = 1 + index). */
export const WIRE_FAULTS = FAULT_NAMES;

export type { Answer, CallArg, WrittenSpan };
export { decodeAnswer };

/** A decoded frame (its own copy of the payload). */
export interface Frame {
  readonly type: number;
  readonly seq: number;
  readonly payload: Buffer;
}

/** Malformed input from the relay: the message names what was wrong. */
export class FrameError extends Error {}

/** Whether an error means a malformed answer (ours, or the protocol codec's). */
export function isFrameError(e: unknown): e is Error {
  return e instanceof FrameError || e instanceof ProtocolError;
}

const writer = new FrameWriter();

/** Encode one frame (a copy). */
export function encodeFrame(type: number, seq: number, payload: Buffer): Buffer {
  return Buffer.from(writer.begin(type, seq).bytes(payload).finish());
}

/** u16-length-prefixed UTF-8 string. */
export function encodeStr(s: string): Buffer {
  const w = new FrameWriter(64).begin(0, 0).str(s).finish();
  return Buffer.from(w.subarray(12));
}

/** A CALL frame (docs/PROTOCOL.md), encoded by the protocol codec. */
export function callFrame(seq: number, functionId: number, args: readonly CallArg[]): Buffer {
  return Buffer.from(encodeCall(writer, seq, { functionId, args }));
}

/** VECTOR_BEGIN payload: bounded waits and the vector id. */
export function encodeVectorBegin(pendingWaitMs: number, graceMs: number, id: string): Buffer {
  const w = new FrameWriter(64).begin(0, 0).u32(pendingWaitMs).u32(graceMs).str(id).finish();
  return Buffer.from(w.subarray(12));
}

/** A frame reader over a stream (the protocol codec's), handing out copies. */
export class FrameStream {
  private readonly reader = new FrameReader();

  /** Append bytes; returns the whole frames they complete. Throws ProtocolError on a bad header. */
  push(chunk: Uint8Array): Frame[] {
    this.reader.push(chunk);
    const out: Frame[] = [];
    for (let f = this.reader.next(); f !== null; f = this.reader.next()) out.push({ type: f.type, seq: f.seq, payload: Buffer.from(f.payload) });
    return out;
  }

  /** Bytes received that do not form a whole frame yet. */
  get buffered(): number {
    return this.reader.buffered;
  }
}

/** Splits a byte string into frames; returns the frames and how many bytes were left over. */
export function splitFrames(data: Buffer): { frames: Frame[]; rest: number } {
  const s = new FrameStream();
  try {
    const frames = s.push(data);
    return { frames, rest: s.buffered };
  } catch (e) {
    if (e instanceof ProtocolError) throw new FrameError(e.message);
    throw e;
  }
}

/** A reader over one payload (the protocol codec's). */
export function payloadReader(p: Buffer): PayloadReader {
  return new PayloadReader(ERROR_CODE.FRAME).reset(p);
}

/** The images of the BUFFER and IRP arguments after the call: the images sent with the written spans applied. */
export function imagesAfter(sent: readonly (Buffer | null)[], written: readonly WrittenSpan[]): (Buffer | null)[] {
  const out = sent.map((b) => (b === null ? null : Buffer.from(b)));
  for (const s of written) {
    const b = out[s.argument];
    if (b === undefined || b === null) throw new FrameError(`written span for argument ${s.argument}, which is no BUFFER or IRP`);
    if (s.offset + s.bytes.length > b.length) throw new FrameError(`written span ${s.offset}+${s.bytes.length} beyond argument ${s.argument} (${b.length} bytes)`);
    s.bytes.copy(b, s.offset);
  }
  return out;
}

/** TIMING body: whether the driver called the provider, and when the IRP completed. */
export interface TimingBody {
  readonly executed: boolean;
  readonly completion: CompletionWhen;
  readonly callMicros: number;
  readonly completionMicros: number;
  readonly waitedMs: number;
  readonly note: string;
}

/** Decode a TIMING body. */
export function decodeTiming(p: Buffer): TimingBody {
  const r = payloadReader(p);
  const executed = r.u8() !== 0;
  const c = r.u8();
  r.u16();
  const callMicros = r.u32();
  const completionMicros = r.u32();
  const waitedMs = r.u32();
  const note = r.str();
  const completion = COMPLETION_WHEN[c];
  if (completion === undefined) throw new FrameError(`TIMING: completion ${c}`);
  return { executed, completion, callMicros, completionMicros, waitedMs, note };
}

/** PROVIDER body: which provider answered, its version, the machine and the driver. */
export interface ProviderInfo {
  readonly provider: string;
  readonly version: string;
  readonly machine: string;
  readonly driver: string;
}

/** Decode a PROVIDER body. */
export function decodeProvider(p: Buffer): ProviderInfo {
  const r = payloadReader(p);
  return { provider: r.str(), version: r.str(), machine: r.str(), driver: r.str() };
}
