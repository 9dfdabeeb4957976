/**
 * A TypeScript client of the wsksim wire protocol (docs/PROTOCOL.md), over an in-process session or a child
 * process's stdin/stdout; used by the harness tests as the reference client.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { FrameReader, FrameWriter } from '../../src/harness/frame-codec';
import { decodeAnswer, decodeError, decodeEventDone, decodeWelcome, encodeCall, encodeEvent, encodeHello, type Answer, type CallArg, type EventDone, type Welcome } from '../../src/harness/messages';
import { FRAME, ProtocolError } from '../../src/harness/protocol';
import { Session, type SessionOptions } from '../../src/harness/session';

/** A frame as received, with its own copy of the payload. */
export interface RawFrame {
  readonly type: number;
  readonly seq: number;
  readonly payload: Buffer;
  /** The whole frame, header included. */
  readonly bytes: Buffer;
}

/** Moves frames between the client and a server. */
export interface Transport {
  write(frame: Buffer): void;
  next(): Promise<RawFrame>;
  close(): void;
}

function cut(reader: FrameReader, sink: (f: RawFrame) => void): void {
  for (let f = reader.next(); f !== null; f = reader.next()) {
    const payload = Buffer.from(f.payload);
    const header = Buffer.alloc(12);
    header.writeUInt32LE(payload.length + 8, 0);
    header.writeUInt16LE(f.type, 4);
    header.writeUInt32LE(f.seq, 8);
    sink({ type: f.type, seq: f.seq, payload, bytes: Buffer.concat([header, payload]) });
  }
}

/** A server session in this process: what the client writes is handled at once. */
export class InProcessTransport implements Transport {
  readonly session: Session;
  /** Every frame the server sent, in order. */
  readonly received: RawFrame[] = [];
  private readonly queue: RawFrame[] = [];
  private readonly serverReader = new FrameReader();

  constructor(options: SessionOptions) {
    const clientReader = new FrameReader();
    this.session = new Session(options, (frame) => {
      clientReader.push(frame);
      cut(clientReader, (f) => { this.received.push(f); this.queue.push(f); });
    });
  }

  write(frame: Buffer): void {
    this.serverReader.push(frame);
    try {
      for (let f = this.serverReader.next(); f !== null; f = this.serverReader.next()) this.session.handle(f);
    } catch (e) {
      if (!(e instanceof ProtocolError)) throw e;
      this.session.fail(e);
    }
  }

  next(): Promise<RawFrame> {
    const f = this.queue.shift();
    return f === undefined ? Promise.reject(new Error('the server sent no frame')) : Promise.resolve(f);
  }

  close(): void {}
}

/** A server in a child process: frames to its stdin, from its stdout. */
export class ChildTransport implements Transport {
  private readonly reader = new FrameReader();
  private readonly queue: RawFrame[] = [];
  private waiting: ((f: RawFrame | null) => void) | null = null;
  private ended = false;

  constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (chunk: Buffer) => {
      this.reader.push(chunk);
      cut(this.reader, (f) => {
        if (this.waiting !== null) { const w = this.waiting; this.waiting = null; w(f); } else this.queue.push(f);
      });
    });
    child.stdout.on('end', () => { this.ended = true; if (this.waiting !== null) { const w = this.waiting; this.waiting = null; w(null); } });
  }

  write(frame: Buffer): void {
    this.child.stdin.write(Buffer.from(frame));
  }

  next(): Promise<RawFrame> {
    const f = this.queue.shift();
    if (f !== undefined) return Promise.resolve(f);
    if (this.ended) return Promise.reject(new Error('the server closed its stdout'));
    return new Promise((resolve, reject) => { this.waiting = (x) => (x === null ? reject(new Error('the server closed its stdout')) : resolve(x)); });
  }

  close(): void {
    this.child.stdin.end();
  }
}

/** The answer to a CALL, and the COMPLETION frames that came before it. */
export interface CallReply {
  readonly answer: Answer;
  readonly completions: readonly { readonly seq: number; readonly answer: Answer }[];
}

/** The protocol client. */
export class ProtocolClient {
  seq = 0;
  /** The pointer size HELLO stated. */
  pointerSize = 8;
  private readonly w = new FrameWriter();

  constructor(readonly t: Transport) {}

  /** Send raw bytes (for tests of bad input). */
  raw(bytes: Buffer): void {
    this.t.write(bytes);
  }

  async hello(pointerSize = 8, program = 'test-client'): Promise<Welcome> {
    this.pointerSize = pointerSize;
    this.t.write(encodeHello(this.w, ++this.seq, { version: 1, pointerSize, program }));
    const f = await this.t.next();
    if (f.type === FRAME.ERROR) throw new Error(`ERROR ${decodeError(f.payload).message}`);
    expectType(f, FRAME.WELCOME);
    return decodeWelcome(f.payload);
  }

  async call(functionId: number, args: readonly CallArg[]): Promise<CallReply> {
    const seq = ++this.seq;
    this.t.write(encodeCall(this.w, seq, { functionId, args }));
    const completions: { seq: number; answer: Answer }[] = [];
    for (;;) {
      const f = await this.t.next();
      if (f.type === FRAME.COMPLETION) { completions.push({ seq: f.seq, answer: decodeAnswer(f.payload) }); continue; }
      if (f.type === FRAME.ERROR) throw new Error(`ERROR ${decodeError(f.payload).code}: ${decodeError(f.payload).message}`);
      expectType(f, FRAME.RESULT);
      if (f.seq !== seq) throw new Error(`RESULT seq ${f.seq}, expected ${seq}`);
      return { answer: decodeAnswer(f.payload), completions };
    }
  }

  async deliver(): Promise<{ count: number; completions: { seq: number; answer: Answer }[] }> {
    const seq = ++this.seq;
    this.t.write(this.w.begin(FRAME.DELIVER, seq).finish());
    const completions: { seq: number; answer: Answer }[] = [];
    for (;;) {
      const f = await this.t.next();
      if (f.type === FRAME.COMPLETION) { completions.push({ seq: f.seq, answer: decodeAnswer(f.payload) }); continue; }
      expectType(f, FRAME.DELIVERED);
      return { count: f.payload.readUInt32LE(0), completions };
    }
  }

  /** Send an EVENT: the COMPLETION frames it caused and its EVENT_DONE. */
  async event(eventId: number, args: readonly CallArg[]): Promise<{ done: EventDone; completions: { seq: number; answer: Answer }[] }> {
    const seq = ++this.seq;
    this.t.write(encodeEvent(this.w, seq, { eventId, args }));
    const completions: { seq: number; answer: Answer }[] = [];
    for (;;) {
      const f = await this.t.next();
      if (f.type === FRAME.COMPLETION) { completions.push({ seq: f.seq, answer: decodeAnswer(f.payload) }); continue; }
      if (f.type === FRAME.ERROR) throw new Error(`ERROR ${decodeError(f.payload).code}: ${decodeError(f.payload).message}`);
      expectType(f, FRAME.EVENT_DONE);
      if (f.seq !== seq) throw new Error(`EVENT_DONE seq ${f.seq}, expected ${seq}`);
      return { done: decodeEventDone(f.payload), completions };
    }
  }

  bye(status = 0): void {
    this.t.write(this.w.begin(FRAME.BYE, ++this.seq).u32(status).finish());
  }

  /** Read the next frame, expecting ERROR: its code and message. */
  async error(): Promise<{ code: number; message: string }> {
    const f = await this.t.next();
    expectType(f, FRAME.ERROR);
    return decodeError(f.payload);
  }
}

function expectType(f: RawFrame, type: number): void {
  if (f.type !== type) throw new Error(`frame type 0x${f.type.toString(16)}, expected 0x${type.toString(16)}`);
}

/** Argument constructors. */
export const V = (value: number | bigint): CallArg => ({ kind: 'value', value });
export const S = (handle: number | bigint): CallArg => ({ kind: 'socket', handle });
export const NUL: CallArg = { kind: 'null' };
export const B = (bytes: Uint8Array): CallArg => ({ kind: 'buffer', bytes });
export const I = (bytes: Uint8Array): CallArg => ({ kind: 'irp', bytes });
