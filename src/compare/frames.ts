/**
 * Frames exchanged with the conformance driver's relay (docs/MEASURING.md): the wire protocol's frame header,
 * CALL arguments and RESULT body, plus the conformance extension types 0x0100-0x0103.
 */

/** Frame types used with the relay. */
export const FRAME = {
  CALL: 0x0010,
  RESULT: 0x0011,
  DELIVER: 0x0012,
  DELIVERED: 0x0013,
  COMPLETION: 0x0020,
  BYE: 0x0030,
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
export const WIRE_FAULTS = ['InvalidSocket', 'InputBufferOverrun', 'OutputBufferOverrun', 'OutputSizeReturnedOverrun',
  'IrpOverrun', 'AddressBufferOverrun', 'NotInDispatchTable'] as const;

/** One CALL argument. */
export type Arg =
  | { readonly kind: 'value'; readonly value: bigint }
  | { readonly kind: 'socket'; readonly value: bigint }
  | { readonly kind: 'null' }
  | { readonly kind: 'buffer'; readonly bytes: Buffer }
  | { readonly kind: 'irp'; readonly bytes: Buffer };

const KIND_CODE = { value: 1, socket: 2, null: 3, buffer: 4, irp: 5 } as const;

/** A decoded frame. */
export interface Frame {
  readonly type: number;
  readonly seq: number;
  readonly payload: Buffer;
}

/** Encode one frame. */
export function encodeFrame(type: number, seq: number, payload: Buffer): Buffer {
  const h = Buffer.alloc(12);
  h.writeUInt32LE(8 + payload.length, 0);
  h.writeUInt16LE(type, 4);
  h.writeUInt32LE(seq >>> 0, 8);
  return Buffer.concat([h, payload]);
}

/** u16-length-prefixed UTF-8 string. */
export function encodeStr(s: string): Buffer {
  const b = Buffer.from(s, 'utf8');
  const n = Math.min(b.length, 0xffff);
  const l = Buffer.alloc(2);
  l.writeUInt16LE(n, 0);
  return Buffer.concat([l, b.subarray(0, n)]);
}

function u32(v: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(v >>> 0, 0);
  return b;
}

/** CALL payload: function id, argument count, arguments. */
export function encodeCall(fn: number, args: readonly Arg[]): Buffer {
  const parts: Buffer[] = [u32(fn), u32(args.length)];
  for (const a of args) {
    const k = Buffer.from([KIND_CODE[a.kind]]);
    if (a.kind === 'value' || a.kind === 'socket') {
      const v = Buffer.alloc(8);
      v.writeBigUInt64LE(BigInt.asUintN(64, a.value), 0);
      parts.push(k, v);
    } else if (a.kind === 'null') parts.push(k);
    else parts.push(k, u32(a.bytes.length), a.bytes);
  }
  return Buffer.concat(parts);
}

/** VECTOR_BEGIN payload: bounded waits and the vector id. */
export function encodeVectorBegin(pendingWaitMs: number, graceMs: number, id: string): Buffer {
  return Buffer.concat([u32(pendingWaitMs), u32(graceMs), encodeStr(id)]);
}

/** Malformed input from the relay: the message names what was wrong. */
export class FrameError extends Error {}

/** Splits a byte stream into frames; returns the frames and the unconsumed tail. */
export function splitFrames(data: Buffer): { frames: Frame[]; rest: Buffer } {
  const frames: Frame[] = [];
  let at = 0;
  while (data.length - at >= 12) {
    const len = data.readUInt32LE(at);
    if (len < 8 || len > 64 * 1024 * 1024 + 64) throw new FrameError(`frame length ${len} at byte ${at}`);
    if (data.length - at < 4 + len) break;
    frames.push({ type: data.readUInt16LE(at + 4), seq: data.readUInt32LE(at + 8), payload: data.subarray(at + 12, at + 4 + len) });
    at += 4 + len;
  }
  return { frames, rest: data.subarray(at) };
}

/** Sequential little-endian reader over a payload; throws FrameError past the end. */
export class PayloadReader {
  private at = 0;
  constructor(private readonly b: Buffer, private readonly what: string) {}
  private need(n: number): void {
    if (this.at + n > this.b.length) throw new FrameError(`${this.what}: truncated at byte ${this.at} (needs ${n} more)`);
  }
  u8(): number { this.need(1); return this.b.readUInt8(this.at++); }
  u16(): number { this.need(2); const v = this.b.readUInt16LE(this.at); this.at += 2; return v; }
  u32(): number { this.need(4); const v = this.b.readUInt32LE(this.at); this.at += 4; return v; }
  u64(): bigint { this.need(8); const v = this.b.readBigUInt64LE(this.at); this.at += 8; return v; }
  bytes(n: number): Buffer { this.need(n); const v = this.b.subarray(this.at, this.at + n); this.at += n; return Buffer.from(v); }
  str(): string { return this.bytes(this.u16()).toString('utf8'); }
  done(): boolean { return this.at === this.b.length; }
}

/** Bytes the provider wrote into one BUFFER or IRP argument: `bytes` lie at `offset` in argument `argument`. */
export interface WrittenSpan {
  readonly argument: number;
  readonly offset: number;
  readonly bytes: Buffer;
}

/** The answer record: the body of RESULT and COMPLETION (docs/PROTOCOL.md). */
export interface Answer {
  readonly functionId: number;
  readonly status: number;
  /** 0, or 1 + index in WIRE_FAULTS. */
  readonly fault: number;
  readonly irpCompleted: boolean;
  readonly newSocket: bigint;
  readonly newSocketFlags: number;
  readonly newSocketFamily: number;
  readonly rule: string;
  readonly lint: readonly { readonly id: string; readonly message: string }[];
  readonly written: readonly WrittenSpan[];
}

/** Decode a RESULT or COMPLETION body. */
export function decodeAnswer(p: Buffer): Answer {
  const r = new PayloadReader(p, 'RESULT');
  const functionId = r.u32();
  const status = r.u32();
  const fault = r.u32();
  const irpCompleted = r.u8() !== 0;
  r.u8(); r.u16();
  const newSocket = r.u64();
  const newSocketFlags = r.u32();
  const newSocketFamily = r.u32();
  const rule = r.str();
  const lint: { id: string; message: string }[] = [];
  for (let n = r.u16(); n > 0; n--) lint.push({ id: r.str(), message: r.str() });
  const written: WrittenSpan[] = [];
  for (let n = r.u32(); n > 0; n--) {
    const argument = r.u32();
    const offset = r.u32();
    written.push({ argument, offset, bytes: r.bytes(r.u32()) });
  }
  if (!r.done()) throw new FrameError('RESULT: trailing bytes');
  return { functionId, status, fault, irpCompleted, newSocket, newSocketFlags, newSocketFamily, rule, lint, written };
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
  const r = new PayloadReader(p, 'TIMING');
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
  const r = new PayloadReader(p, 'PROVIDER');
  return { provider: r.str(), version: r.str(), machine: r.str(), driver: r.str() };
}
