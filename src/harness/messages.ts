/**
 * The payloads of the wire protocol in decoded form, with encoders and decoders (docs/PROTOCOL.md): HELLO, WELCOME,
 * ERROR, CALL and the answer record of RESULT and COMPLETION. The server writes answers field by field
 * (session.ts); these forms serve clients, tests, traces and tools that compare answers.
 */
import { FAULT_NAMES } from '../../abi/policy';
import { FrameWriter, PayloadReader } from './frame-codec';
import { ARG, ERROR_CODE, FRAME, HELLO_MAGIC, ProtocolError } from './protocol';

/** HELLO. */
export interface Hello {
  readonly version: number;
  readonly pointerSize: number;
  readonly program: string;
}

/** WELCOME. */
export interface Welcome {
  readonly version: number;
  readonly pointerSize: number;
  readonly profile: string;
  readonly policy: string;
  readonly completion: string;
  readonly maxBuffer: number;
}

/** One argument of a CALL. */
export type CallArg =
  | { readonly kind: 'value'; readonly value: number | bigint }
  | { readonly kind: 'socket'; readonly handle: number | bigint }
  | { readonly kind: 'null' }
  | { readonly kind: 'buffer'; readonly bytes: Uint8Array }
  | { readonly kind: 'irp'; readonly bytes: Uint8Array }
  | { readonly kind: 'oversize'; readonly size: number | bigint };

/** A CALL. */
export interface Call {
  readonly functionId: number;
  readonly args: readonly CallArg[];
}

/** An EVENT: a harness event (protocol.ts EVENT) with its arguments. */
export interface HarnessEventFrame {
  readonly eventId: number;
  readonly args: readonly CallArg[];
}

/** EVENT_DONE. */
export interface EventDone {
  readonly eventId: number;
  /** 0, or 1 + index in FAULT_NAMES. */
  readonly fault: number;
  readonly value: number | bigint;
  readonly rule: string;
  /** Number of COMPLETION frames sent before it. */
  readonly completions: number;
}

/** Bytes the provider wrote into one BUFFER or IRP argument: `bytes` lie at `offset` in argument `argument`. */
export interface WrittenSpan {
  readonly argument: number;
  readonly offset: number;
  readonly bytes: Buffer;
}

/** A deviation from the documented parameter tables that the active policy accepted. */
export interface LintEntry {
  readonly id: string;
  readonly message: string;
}

/** The answer record: the body of RESULT and COMPLETION. */
export interface Answer {
  readonly functionId: number;
  /** The return value (RESULT) or IoStatus.Status (COMPLETION); 0 with a fault. */
  readonly status: number;
  /** 0, or 1 + index in FAULT_NAMES. */
  readonly fault: number;
  readonly irpCompleted: boolean;
  readonly newSocket: number | bigint;
  readonly newSocketFlags: number;
  readonly newSocketFamily: number;
  readonly rule: string;
  readonly lint: readonly LintEntry[];
  readonly written: readonly WrittenSpan[];
}

/** The fault name of an answer's fault field, or undefined for 0. */
export function answerFaultName(fault: number): string | undefined {
  return fault === 0 ? undefined : FAULT_NAMES[fault - 1] ?? `fault ${fault}`;
}

/** Write HELLO. */
export function encodeHello(w: FrameWriter, seq: number, h: Hello): Buffer {
  return w.begin(FRAME.HELLO, seq).u32(HELLO_MAGIC).u16(h.version).u16(h.pointerSize).str(h.program).finish();
}

/** Read a HELLO payload (magic checked: ProtocolError VERSION). */
export function decodeHello(payload: Buffer): Hello {
  const r = new PayloadReader(ERROR_CODE.ARGUMENTS).reset(payload);
  const magic = r.u32('the HELLO magic');
  if (magic !== HELLO_MAGIC) throw new ProtocolError(ERROR_CODE.VERSION, `HELLO magic is 0x${magic.toString(16).padStart(8, '0')}, not 0x534b5357 ("WSKS")`);
  const version = r.u16('the protocol version');
  const pointerSize = r.u16('the pointer size');
  const program = r.str('the program name');
  r.done('HELLO');
  return { version, pointerSize, program };
}

/** Write WELCOME. */
export function encodeWelcome(w: FrameWriter, seq: number, x: Welcome): Buffer {
  return w.begin(FRAME.WELCOME, seq).u16(x.version).u16(x.pointerSize).str(x.profile).str(x.policy).str(x.completion).u32(x.maxBuffer).finish();
}

/** Read a WELCOME payload. */
export function decodeWelcome(payload: Buffer): Welcome {
  const r = new PayloadReader().reset(payload);
  const x = { version: r.u16(), pointerSize: r.u16(), profile: r.str(), policy: r.str(), completion: r.str(), maxBuffer: r.u32() };
  r.done('WELCOME');
  return x;
}

/** Write ERROR. */
export function encodeError(w: FrameWriter, seq: number, code: number, message: string): Buffer {
  return w.begin(FRAME.ERROR, seq).u32(code).str(message).finish();
}

/** Read an ERROR payload. */
export function decodeError(payload: Buffer): { code: number; message: string } {
  const r = new PayloadReader().reset(payload);
  return { code: r.u32(), message: r.str() };
}

/** Write a CALL. */
export function encodeCall(w: FrameWriter, seq: number, c: Call): Buffer {
  w.begin(FRAME.CALL, seq).u32(c.functionId).u32(c.args.length);
  return encodeArgs(w, c.args);
}

/** Write an EVENT. */
export function encodeEvent(w: FrameWriter, seq: number, e: HarnessEventFrame): Buffer {
  w.begin(FRAME.EVENT, seq).u32(e.eventId).u32(e.args.length);
  return encodeArgs(w, e.args);
}

/** Read an EVENT_DONE payload. */
export function decodeEventDone(payload: Buffer): EventDone {
  const r = new PayloadReader().reset(payload);
  const x = { eventId: r.u32(), fault: r.u32(), value: r.u64(), rule: r.str(), completions: r.u32() };
  r.done('EVENT_DONE');
  return x;
}

function encodeArgs(w: FrameWriter, args: readonly CallArg[]): Buffer {
  for (const a of args) {
    switch (a.kind) {
      case 'value': w.u8(ARG.VALUE).u64(a.value); break;
      case 'socket': w.u8(ARG.SOCKET).u64(a.handle); break;
      case 'null': w.u8(ARG.NULL); break;
      case 'buffer': w.u8(ARG.BUFFER).u32(a.bytes.length).bytes(a.bytes); break;
      case 'irp': w.u8(ARG.IRP).u32(a.bytes.length).bytes(a.bytes); break;
      case 'oversize': w.u8(ARG.OVERSIZE).u64(a.size); break;
    }
  }
  return w.finish();
}

/** Read a CALL payload (bytes copied out of the payload). */
export function decodeCall(payload: Buffer): Call {
  const r = new PayloadReader().reset(payload);
  const functionId = r.u32('the function id');
  const n = r.u32('the argument count');
  const args: CallArg[] = [];
  for (let i = 0; i < n; i++) {
    const k = r.u8(`the kind of argument ${i}`);
    if (k === ARG.VALUE) args.push({ kind: 'value', value: r.u64() });
    else if (k === ARG.SOCKET) args.push({ kind: 'socket', handle: r.u64() });
    else if (k === ARG.NULL) args.push({ kind: 'null' });
    else if (k === ARG.BUFFER || k === ARG.IRP) {
      const len = r.u32();
      const bytes = Buffer.from(r.bytes(len));
      args.push(k === ARG.BUFFER ? { kind: 'buffer', bytes } : { kind: 'irp', bytes });
    } else if (k === ARG.OVERSIZE) args.push({ kind: 'oversize', size: r.u64() });
    else throw new ProtocolError(ERROR_CODE.ARGUMENTS, `argument ${i} has unknown kind ${k}`);
  }
  r.done('CALL');
  return { functionId, args };
}

/** Write the answer record as a RESULT or COMPLETION body. */
export function encodeAnswer(w: FrameWriter, type: number, seq: number, a: Answer): Buffer {
  w.begin(type, seq).u32(a.functionId).u32(a.status).u32(a.fault).u8(a.irpCompleted ? 1 : 0).u8(0).u16(0)
    .u64(a.newSocket).u32(a.newSocketFlags).u32(a.newSocketFamily).str(a.rule).u16(a.lint.length);
  for (const l of a.lint) w.str(l.id).str(l.message);
  w.u32(a.written.length);
  for (const s of a.written) w.u32(s.argument).u32(s.offset).u32(s.bytes.length).bytes(s.bytes);
  return w.finish();
}

/** Read a RESULT or COMPLETION body (bytes copied out of the payload). */
export function decodeAnswer(payload: Buffer): Answer {
  const r = new PayloadReader().reset(payload);
  const functionId = r.u32();
  const status = r.u32();
  const fault = r.u32();
  const irpCompleted = r.u8() !== 0;
  r.u8();
  r.u16();
  const newSocket = r.u64();
  const newSocketFlags = r.u32();
  const newSocketFamily = r.u32();
  const rule = r.str();
  const lint: LintEntry[] = [];
  for (let i = r.u16(); i > 0; i--) lint.push({ id: r.str(), message: r.str() });
  const written: WrittenSpan[] = [];
  for (let i = r.u32(); i > 0; i--) {
    const argument = r.u32();
    const offset = r.u32();
    const len = r.u32();
    written.push({ argument, offset, bytes: Buffer.from(r.bytes(len)) });
  }
  r.done('answer');
  return { functionId, status, fault, irpCompleted, newSocket, newSocketFlags, newSocketFamily, rule, lint, written };
}
