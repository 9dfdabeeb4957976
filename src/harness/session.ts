/**
 * One protocol session (docs/PROTOCOL.md): HELLO creates a provider for the client's arch; each CALL is decoded
 * into reused argument arrays, dispatched through the function table (dispatch-table.ts) and answered with a RESULT
 * carrying the bytes written; IRPs that stay pending are tracked and answered with COMPLETION frames when the
 * provider completes them (during a later CALL or a DELIVER).
 */
import { POLICY_PRESETS, type PolicyPresetName } from '../../abi/policy';
import type { Citation } from '../../abi/schema';
import { STATUS } from '../codec/names';
import { AbiUsageError } from '../errors';
import { describeRule } from '../vectors/rules';
import { WskProvider, type CompletionMode, type ProfileName } from '../provider/provider';
import { EVENT_BY_ID, FUNCTION_BY_ID, notImplemented, setNewSocket, type CallArgs, type CallOutcome, type FunctionRow } from './dispatch-table';
import { PayloadReader, FrameWriter, type Frame } from './frame-codec';
import { decodeHello, encodeError, encodeWelcome, type Answer, type Hello, type LintEntry, type Welcome, type WrittenSpan } from './messages';
import { ARG, DEFAULT_MAX_BUFFER, ERROR_CODE, FRAME, frameTypeName, MAX_ARGUMENTS, PROTOCOL_VERSION, ProtocolError } from './protocol';

/** The policy a session uses when none is given: `windows` when that preset exists, otherwise `strict`. */
export const DEFAULT_POLICY: string = 'windows' in POLICY_PRESETS ? 'windows' : 'strict';

/** Options of a session. */
export interface SessionOptions {
  readonly profile?: ProfileName;
  /** A preset name of abi/policy.ts POLICY_PRESETS (default DEFAULT_POLICY). */
  readonly policy?: string;
  readonly completion?: CompletionMode;
  /** Largest BUFFER argument accepted (default 16 MiB). */
  readonly maxBuffer?: number;
  /** Told about every call, completion and the end of the session (for traces and recordings). */
  readonly observer?: SessionObserver;
  /** Harness events the session takes by itself, in order (`wsksim drive --event`). */
  readonly events?: readonly ScriptedEvent[];
}

/**
 * A harness event the session takes by itself: `when` = 'wait' fires it when the client asks for completions
 * (DELIVER) and none is ready; a number n fires it before the first request that follows the n-th CALL.
 */
export interface ScriptedEvent {
  /** Event id (protocol.ts EVENT). */
  readonly event: number;
  /** Its arguments as an EVENT frame carries them: SOCKADDR images, a socket handle ('last': the newest connection socket), seconds. */
  readonly args: readonly (Uint8Array | number | 'last')[];
  readonly when: 'wait' | number;
  /** How the user wrote it (for messages). */
  readonly text: string;
}

/** One argument of an observed call, with copies of its bytes before and after the call. */
export interface ObservedArg {
  readonly name: string;
  readonly kind: 'value' | 'socket' | 'null' | 'buffer' | 'irp';
  readonly value: number | bigint;
  readonly before: Buffer | null;
  readonly after: Buffer | null;
}

/** An IRP of an earlier call completed. */
export interface CompletionEvent {
  readonly seq: number;
  readonly row: FunctionRow;
  readonly answer: Answer;
  /** The call's BUFFER and IRP arguments as they are after the completion (same indexes as the call's arguments). */
  readonly after: readonly (Buffer | null)[];
}

/** A call and its answer. */
export interface CallEvent {
  readonly seq: number;
  readonly row: FunctionRow;
  readonly args: readonly ObservedArg[];
  /** The provider's result: an NTSTATUS, or a fault (negative). */
  readonly result: number;
  readonly answer: Answer;
  /** Citation the provider gave with the deciding rule, when it gave one. */
  readonly source: Citation | null;
  /** Handle of the socket a bind conflicted with, or 0. */
  readonly conflictSocket: number;
  readonly wsaError: number;
  /** COMPLETION frames sent before this call's RESULT. */
  readonly completions: readonly CompletionEvent[];
}

/** A harness event taken: from an EVENT frame (seq of that frame) or scripted (seq 0). */
export interface HarnessEvent {
  readonly seq: number;
  readonly row: FunctionRow;
  readonly args: readonly ObservedArg[];
  /** The event's value (the listening socket of an incoming connection, the simulated time), or a fault (negative). */
  readonly result: number;
  readonly rule: string;
  /** Set for an event of `SessionOptions.events`. */
  readonly scripted: ScriptedEvent | null;
  /** COMPLETION frames the event caused. */
  readonly completions: readonly CompletionEvent[];
}

/** Receives the events of a session. */
export interface SessionObserver {
  hello?(hello: Hello, welcome: Welcome): void;
  call?(event: CallEvent): void;
  event?(event: HarnessEvent): void;
  deliver?(seq: number, completions: readonly CompletionEvent[]): void;
  bye?(status: number): void;
}

/** A call whose IRP is still pending: its argument memory (owned by the provider until completion) and images as sent. */
interface PendingCall {
  readonly seq: number;
  readonly row: FunctionRow;
  /** The images the call's BUFFER and IRP arguments hold (what the provider writes at completion). */
  readonly buffers: readonly (Buffer | null)[];
  readonly before: readonly (Buffer | null)[];
}

const NO_LINT: readonly LintEntry[] = [];

/**
 * The lint entries the provider recorded for its last call (reason.lint: deviation ids of the documented parameter
 * table), each with its table description; an empty list while the provider records none.
 */
export function lintOf(p: WskProvider): readonly LintEntry[] {
  const l = (p.reason as { lint?: unknown }).lint;
  if (!Array.isArray(l) || l.length === 0) return NO_LINT;
  return l.map((x: unknown) => (typeof x === 'string' ? { id: x, message: describeRule(x).description } : x as LintEntry));
}

/** First and last differing byte of two equally long buffers, or -1 when equal. */
function firstDiff(a: Buffer, b: Buffer): number {
  const n = a.length;
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return -1;
}

function lastDiff(a: Buffer, b: Buffer): number {
  for (let i = a.length - 1; i >= 0; i--) if (a[i] !== b[i]) return i;
  return -1;
}

/** The server side of one conversation. Frames go out through `send`, which must consume the view at once. */
export class Session {
  /** 'hello' until HELLO, 'ready' while calls are served, 'closed' after BYE or an ERROR. */
  state: 'hello' | 'ready' | 'closed' = 'hello';
  /** The provider (created by HELLO). */
  provider: WskProvider | null = null;
  /** The program name from HELLO. */
  program = '';
  /** The exit status sent with BYE, or null before BYE. */
  byeStatus: number | null = null;
  /** Number of CALL frames answered. */
  calls = 0;
  /** performance.now() when the first CALL arrived (0 before). */
  firstCallAt = 0;
  readonly profile: ProfileName;
  readonly policy: string;
  readonly completion: CompletionMode;
  readonly maxBuffer: number;
  private readonly observer: SessionObserver | null;
  private lastSeq = 0;
  private readonly w = new FrameWriter();
  private readonly reader = new PayloadReader(ERROR_CODE.ARGUMENTS);
  private readonly args: CallArgs = { count: 0, values: new Array<number | bigint>(MAX_ARGUMENTS).fill(0), buffers: new Array<Buffer | null>(MAX_ARGUMENTS).fill(null) };
  private readonly kinds = new Uint8Array(MAX_ARGUMENTS);
  /** The images as sent (views into the frame) of the current call's BUFFER and IRP arguments. */
  private readonly sent: (Buffer | null)[] = new Array<Buffer | null>(MAX_ARGUMENTS).fill(null);
  private readonly outcome: CallOutcome = { newSocket: 0, newSocketFlags: 0, newSocketFamily: 0 };
  /** The new socket of a COMPLETION (kept apart: a completion can happen inside another call). */
  private readonly completionOutcome: CallOutcome = { newSocket: 0, newSocketFlags: 0, newSocketFamily: 0 };
  /** Memory the current call's BUFFER and IRP arguments live in; handed to the provider for good when an IRP stays pending. */
  private arena = Buffer.allocUnsafe(4096);
  private arenaPos = 0;
  private readonly pending = new Map<Uint8Array, PendingCall>();
  private currentIrp: Uint8Array | null = null;
  private currentCompleted = false;
  /** IoStatus.Information the current call's IRP was completed with. */
  private currentInformation = 0;
  /** The newest socket an accept or connect created (a scripted event's 'last'), 0 before. */
  lastConnection = 0;
  private readonly script: ScriptedEvent[];
  private completionsSent = 0;
  private observedCompletions: CompletionEvent[] | null = null;

  /** `sink` receives each outgoing frame as a view it must consume at once (serveStreams sets it). */
  constructor(options: SessionOptions, public sink: (frame: Buffer) => void = () => {}) {
    this.profile = options.profile ?? 'wsk';
    this.policy = options.policy ?? DEFAULT_POLICY;
    this.completion = options.completion ?? 'inline';
    this.maxBuffer = options.maxBuffer ?? DEFAULT_MAX_BUFFER;
    this.observer = options.observer ?? null;
    this.script = [...(options.events ?? [])];
    if (!(this.policy in POLICY_PRESETS)) throw new AbiUsageError(`unknown policy ${JSON.stringify(this.policy)} (expected ${Object.keys(POLICY_PRESETS).join(', ')})`);
    // Validate profile and completion now (the provider constructor throws AbiUsageError for unknown names).
    void new WskProvider({ profile: this.profile, policy: this.policy as PolicyPresetName, completion: this.completion });
  }

  /** Scripted events not taken yet. */
  get scriptedLeft(): readonly ScriptedEvent[] {
    return this.script;
  }

  /** Number of IRPs still pending. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** Handle one frame from the client. Throws ProtocolError for a violation (then send an ERROR with fail()). */
  handle(f: Frame): void {
    if (this.state === 'closed') throw new ProtocolError(ERROR_CODE.TYPE, `${frameTypeName(f.type)} after the session ended`);
    if (f.type === FRAME.ECHO) {
      this.sink(this.w.begin(FRAME.ECHO, f.seq).bytes(f.payload).finish());
      return;
    }
    if (f.seq !== ((this.lastSeq + 1) >>> 0)) throw new ProtocolError(ERROR_CODE.SEQUENCE, `${frameTypeName(f.type)} has seq ${f.seq}, expected ${this.lastSeq + 1}`);
    this.lastSeq = f.seq;
    if (this.state === 'hello') {
      if (f.type !== FRAME.HELLO) throw new ProtocolError(ERROR_CODE.TYPE, `the first frame must be HELLO, got ${frameTypeName(f.type)}`);
      this.hello(f);
      return;
    }
    if (this.script.length > 0 && f.type !== FRAME.BYE) this.fireDue();
    switch (f.type) {
      case FRAME.CALL: this.call(f); return;
      case FRAME.DELIVER: this.deliver(f); return;
      case FRAME.EVENT: this.event(f); return;
      case FRAME.BYE: this.bye(f); return;
      case FRAME.HELLO: throw new ProtocolError(ERROR_CODE.TYPE, 'a second HELLO');
      default: throw new ProtocolError(ERROR_CODE.TYPE, `frame type ${frameTypeName(f.type)} is not a client request`);
    }
  }

  /** Send ERROR for a violation and close the session. */
  fail(e: ProtocolError): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.sink(encodeError(this.w, this.lastSeq, e.code, e.message));
  }

  private hello(f: Frame): void {
    const h = decodeHello(f.payload);
    if (h.version !== PROTOCOL_VERSION) throw new ProtocolError(ERROR_CODE.VERSION, `protocol version ${h.version} is not supported (this server speaks ${PROTOCOL_VERSION})`);
    if (h.pointerSize !== 4 && h.pointerSize !== 8) throw new ProtocolError(ERROR_CODE.VERSION, `pointer size ${h.pointerSize} is neither 4 (x86) nor 8 (x64)`);
    this.program = h.program;
    this.provider = new WskProvider({
      arch: h.pointerSize === 8 ? 'x64' : 'x86', profile: this.profile, policy: this.policy as PolicyPresetName, completion: this.completion,
      onComplete: (irp, _status, information) => this.completed(irp, information),
    });
    this.state = 'ready';
    const welcome: Welcome = { version: PROTOCOL_VERSION, pointerSize: h.pointerSize, profile: this.profile, policy: this.policy, completion: this.completion, maxBuffer: this.maxBuffer };
    this.sink(encodeWelcome(this.w, f.seq, welcome));
    this.observer?.hello?.(h, welcome);
  }

  private bye(f: Frame): void {
    if (f.payload.length !== 4) throw new ProtocolError(ERROR_CODE.ARGUMENTS, `BYE carries ${f.payload.length} bytes, not 4`);
    this.byeStatus = f.payload.readUInt32LE(0);
    this.state = 'closed';
    this.observer?.bye?.(this.byeStatus);
  }

  private deliver(f: Frame): void {
    if (f.payload.length !== 0) throw new ProtocolError(ERROR_CODE.ARGUMENTS, `DELIVER carries ${f.payload.length} bytes, not 0`);
    this.completionsSent = 0;
    if (this.observer !== null) this.observedCompletions = [];
    this.run(() => this.provider!.deliverCompletions());
    // Nothing was ready: the client waits, which is when the next scripted 'wait' event happens.
    while (this.completionsSent === 0 && this.takeScripted('wait')) this.run(() => this.provider!.deliverCompletions());
    const n = this.completionsSent;
    this.sink(this.w.begin(FRAME.DELIVERED, f.seq).u32(n).finish());
    if (this.observer !== null) { this.observer.deliver?.(f.seq, this.observedCompletions!); this.observedCompletions = null; }
  }

  /** EVENT: take a harness event; its COMPLETION frames, then EVENT_DONE. */
  private event(f: Frame): void {
    const r = this.reader.reset(f.payload);
    const id = r.u32('the event id');
    const n = r.u32('the argument count');
    const row = EVENT_BY_ID[id];
    if (row === undefined) throw new ProtocolError(ERROR_CODE.FUNCTION, `unknown event id ${id}`);
    if (n !== row.args.length) throw new ProtocolError(ERROR_CODE.ARGUMENTS, `event ${row.name} takes ${row.args.length} arguments (docs/PROTOCOL.md), the EVENT has ${n}`);
    this.decodeArgs(row, r, n);
    r.done(`${row.name} EVENT`);
    this.completionsSent = 0;
    const result = this.runEvent(row, f.seq, null);
    const fault = result < 0 ? -result : 0;
    this.sink(this.w.begin(FRAME.EVENT_DONE, f.seq).u32(id).u32(fault).u64(result < 0 ? 0 : result).str(this.provider!.reason.rule).u32(this.completionsSent).finish());
  }

  /** Take the event in this.args (addresses copied out of the frame: the provider may keep them); its value or a fault. */
  private runEvent(row: FunctionRow, seq: number, scripted: ScriptedEvent | null): number {
    const p = this.provider!;
    const a = this.args;
    for (let i = 0; i < a.count; i++) if (a.buffers[i] !== null) a.buffers[i] = Buffer.from(a.buffers[i]!);
    // The event's completions are its own; those of the request it happens in (a DELIVER) go on after it.
    const outer = this.observedCompletions;
    if (this.observer !== null) this.observedCompletions = [];
    let result: number;
    try {
      // A fallback rule; each event's provider operation records its own (connection-routing, connection-peer-close, connection-time-wait, connection-remote-listener).
      p.setReason('harness-events');
      result = row.call!(p, a, this.outcome);
    } catch (e) {
      if (e instanceof ProtocolError) throw e;
      if (e instanceof AbiUsageError) throw new ProtocolError(ERROR_CODE.ARGUMENTS, `event ${row.name}: ${e.message}`);
      throw new ProtocolError(ERROR_CODE.INTERNAL, `wsksim internal error: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (this.observer !== null) {
      const args: ObservedArg[] = [];
      for (let i = 0; i < a.count; i++) {
        const b = a.buffers[i] ?? null;
        const t = row.args[i]!.type;
        args.push({ name: row.args[i]!.name, kind: t === 'BUFFER' ? (b === null ? 'null' : 'buffer') : t === 'SOCKET' ? 'socket' : 'value', value: a.values[i]!, before: b === null ? null : Buffer.from(b), after: b === null ? null : Buffer.from(b) });
      }
      const completions = this.observedCompletions ?? [];
      this.observedCompletions = outer;
      this.observer.event?.({ seq, row, args, result, rule: p.reason.rule, scripted, completions });
    }
    return result;
  }

  /** Take the next scripted event if it fires at `when`; false when there is none. */
  private takeScripted(when: 'wait'): boolean {
    const e = this.script[0];
    if (e === undefined || e.when !== when) return false;
    this.script.shift();
    this.runScripted(e);
    return true;
  }

  /** Take every scripted event due after the CALLs answered so far. */
  private fireDue(): void {
    while (this.script.length > 0) {
      const e = this.script[0]!;
      if (e.when === 'wait' || e.when > this.calls) return;
      this.script.shift();
      this.runScripted(e);
    }
  }

  private runScripted(e: ScriptedEvent): void {
    const row = EVENT_BY_ID[e.event];
    if (row === undefined) throw new AbiUsageError(`unknown event id ${e.event}`);
    const a = this.args;
    a.count = row.args.length;
    for (let i = 0; i < a.count; i++) {
      const v = e.args[i];
      a.values[i] = 0;
      a.buffers[i] = null;
      if (v instanceof Uint8Array) a.buffers[i] = Buffer.from(v);
      else if (v === 'last') a.values[i] = this.lastConnection;
      else if (typeof v === 'number') a.values[i] = v;
    }
    this.runEvent(row, 0, e);
  }

  /** Run provider code; anything it throws is a server fault (ERROR INTERNAL). */
  private run<T>(body: () => T): T {
    try {
      return body();
    } catch (e) {
      if (e instanceof ProtocolError) throw e;
      throw new ProtocolError(ERROR_CODE.INTERNAL, `wsksim internal error: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** Copy an argument image into the arena; the view is what the provider reads and writes. */
  private place(src: Buffer): Buffer {
    const n = src.length;
    let at = (this.arenaPos + 7) & ~7;
    if (at + n > this.arena.length) {
      // Earlier arguments of this call keep their views into the old arena: it is never written again.
      let size = this.arena.length * 2;
      while (size < n) size *= 2;
      this.arena = Buffer.allocUnsafe(size);
      at = 0;
    }
    this.arena.set(src, at);
    this.arenaPos = at + n;
    return this.arena.subarray(at, at + n);
  }

  private decodeArgs(row: FunctionRow, r: PayloadReader, n: number): void {
    const a = this.args;
    const x64 = this.provider!.layout.sizeT === 8;
    this.arenaPos = 0;
    for (let i = 0; i < n; i++) {
      const spec = row.args[i]!;
      const k = r.u8(`the kind of argument ${i} (${spec.name})`);
      this.kinds[i] = k;
      a.values[i] = 0;
      a.buffers[i] = null;
      this.sent[i] = null;
      const t = spec.type;
      if (t === 'BUFFER' || t === 'IRP') {
        if (k === ARG.NULL) continue;
        if (k === ARG.OVERSIZE) {
          const size = r.u64(`the declared size of ${spec.name}`);
          throw new ProtocolError(ERROR_CODE.OVERSIZE, `${row.name}: ${spec.name} is declared ${size} bytes, over the ${this.maxBuffer}-byte limit (docs/PROTOCOL.md "Limits")`);
        }
        if (k !== (t === 'IRP' ? ARG.IRP : ARG.BUFFER)) throw badKind(row, i, k);
        const len = r.u32(`the length of ${spec.name}`);
        if (len > this.maxBuffer) throw new ProtocolError(ERROR_CODE.OVERSIZE, `${row.name}: ${spec.name} is ${len} bytes, over the ${this.maxBuffer}-byte limit (docs/PROTOCOL.md "Limits")`);
        const src = r.bytes(len, spec.name);
        this.sent[i] = src;
        a.buffers[i] = this.place(src);
        continue;
      }
      if (t === 'SOCKET') {
        if (k !== ARG.SOCKET) throw badKind(row, i, k);
        const v = r.u64(spec.name);
        // A handle the server can never have given names no socket: fault InvalidSocket.
        a.values[i] = typeof v === 'number' && v <= 0xffffffff ? v : -1;
        continue;
      }
      if (k !== ARG.VALUE) throw badKind(row, i, k);
      const v = r.u64(spec.name);
      const max = t === 'USHORT' ? 0xffff : t === 'ULONG' || !x64 ? 0xffffffff : -1;
      if (max >= 0 && (typeof v === 'bigint' || v > max)) {
        throw new ProtocolError(ERROR_CODE.ARGUMENTS, `${row.name}: ${spec.name} = ${v} does not fit a ${t}${t === 'SIZE_T' || t === 'PTR' ? ' of x86' : ''}`);
      }
      a.values[i] = v;
    }
    a.count = n;
  }

  private call(f: Frame): void {
    const p = this.provider!;
    if (this.calls === 0) this.firstCallAt = performance.now();
    const r = this.reader.reset(f.payload);
    const fn = r.u32('the function id');
    const n = r.u32('the argument count');
    const row = FUNCTION_BY_ID[fn];
    if (row === undefined) throw new ProtocolError(ERROR_CODE.FUNCTION, `unknown function id ${fn}`);
    if (n !== row.args.length) throw new ProtocolError(ERROR_CODE.ARGUMENTS, `${row.name} takes ${row.args.length} arguments (docs/PROTOCOL.md), the CALL has ${n}`);
    this.decodeArgs(row, r, n);
    r.done(`${row.name} CALL`);
    const a = this.args;
    let irpIndex = -1;
    for (let i = 0; i < n; i++) if (row.args[i]!.type === 'IRP') irpIndex = i;
    const irp = irpIndex < 0 ? null : a.buffers[irpIndex]!;
    const out = this.outcome;
    out.newSocket = 0; out.newSocketFlags = 0; out.newSocketFamily = 0;
    this.currentIrp = irp;
    this.currentCompleted = false;
    this.currentInformation = 0;
    if (this.observer !== null) this.observedCompletions = [];
    const result = this.run(() => (row.call !== null ? row.call(p, a, out) : notImplemented(p, row, a)));
    this.currentIrp = null;
    this.calls++;
    const fault = result < 0 ? -result : 0;
    const status = result < 0 ? 0 : result;
    const completed = this.currentCompleted;
    if (row.createsSocket === true && completed && status === STATUS.STATUS_SUCCESS && out.newSocket === 0 && this.currentInformation !== 0) setNewSocket(p, this.currentInformation, out);
    if (row.createsSocket === true && out.newSocket !== 0) this.lastConnection = out.newSocket;
    const stillPending = irp !== null && !completed && status === STATUS.STATUS_PENDING;

    const w = this.w;
    const rule = p.reason.rule;
    const lint = lintOf(p);
    w.begin(FRAME.RESULT, f.seq).u32(fn).u32(status).u32(fault).u8(completed ? 1 : 0).u8(0).u16(0)
      .u64(out.newSocket).u32(out.newSocketFlags).u32(out.newSocketFamily).str(rule).u16(lint.length);
    for (const l of lint) w.str(l.id).str(l.message);
    this.writeSpans(a.buffers, this.sent, n);
    this.sink(w.finish());

    if (this.observer !== null) this.observeCall(f.seq, row, result, status, fault, completed, rule, lint);
    if (stillPending) {
      const before: (Buffer | null)[] = [];
      const buffers: (Buffer | null)[] = [];
      for (let i = 0; i < n; i++) { buffers.push(a.buffers[i]!); before.push(this.sent[i] === null ? null : Buffer.from(this.sent[i]!)); }
      this.pending.set(irp, { seq: f.seq, row, buffers, before });
      // The provider keeps views into the arena until it completes the IRP: later calls use a new one.
      this.arena = Buffer.allocUnsafe(this.arena.length);
    }
  }

  /** Write the written-span list: one span per BUFFER/IRP argument whose bytes differ from those sent. */
  private writeSpans(after: readonly (Buffer | null)[], before: readonly (Buffer | null)[], n: number): void {
    const w = this.w;
    const countAt = w.offset;
    w.u32(0);
    let count = 0;
    for (let i = 0; i < n; i++) {
      const x = after[i]!;
      const b = before[i]!;
      if (x === null || b === null || x.equals(b)) continue;
      const first = firstDiff(b, x);
      const last = lastDiff(b, x);
      w.u32(i).u32(first).u32(last - first + 1).bytes(x.subarray(first, last + 1));
      count++;
    }
    w.patchU32(countAt, count);
  }

  /** The completion hook: the current call's IRP, or the IRP of an earlier call (answered with a COMPLETION now). */
  private completed(irp: Uint8Array, information: number): void {
    if (irp === this.currentIrp) { this.currentCompleted = true; this.currentInformation = information; return; }
    const pc = this.pending.get(irp);
    if (pc === undefined) return;
    this.pending.delete(irp);
    const p = this.provider!;
    const L = p.layout;
    const status = (irp[L.irpStatusOffset]! | (irp[L.irpStatusOffset + 1]! << 8) | (irp[L.irpStatusOffset + 2]! << 16) | (irp[L.irpStatusOffset + 3]! << 24)) >>> 0;
    const rule = p.reason.rule;
    const lint = lintOf(p);
    const out = this.completionOutcome;
    out.newSocket = 0; out.newSocketFlags = 0; out.newSocketFamily = 0;
    if (pc.row.createsSocket === true && status === STATUS.STATUS_SUCCESS && information !== 0 && setNewSocket(p, information, out)) this.lastConnection = information;
    const w = this.w;
    w.begin(FRAME.COMPLETION, pc.seq).u32(pc.row.id).u32(status).u32(0).u8(1).u8(0).u16(0).u64(out.newSocket).u32(out.newSocketFlags).u32(out.newSocketFamily).str(rule).u16(lint.length);
    for (const l of lint) w.str(l.id).str(l.message);
    this.writeSpans(pc.buffers, pc.before, pc.buffers.length);
    this.sink(w.finish());
    this.completionsSent++;
    if (this.observedCompletions !== null) {
      this.observedCompletions.push({
        seq: pc.seq, row: pc.row, after: pc.buffers.map((b) => (b === null ? null : Buffer.from(b))),
        answer: { functionId: pc.row.id, status, fault: 0, irpCompleted: true, newSocket: out.newSocket, newSocketFlags: out.newSocketFlags, newSocketFamily: out.newSocketFamily, rule, lint, written: spansOf(pc.buffers, pc.before) },
      });
    }
  }

  private observeCall(seq: number, row: FunctionRow, result: number, status: number, fault: number, completed: boolean, rule: string, lint: readonly LintEntry[]): void {
    const a = this.args;
    const p = this.provider!;
    const args: ObservedArg[] = [];
    for (let i = 0; i < a.count; i++) {
      const k = this.kinds[i]!;
      const kind = k === ARG.VALUE ? 'value' : k === ARG.SOCKET ? 'socket' : k === ARG.NULL ? 'null' : k === ARG.IRP ? 'irp' : 'buffer';
      const sent = this.sent[i] ?? null;
      const buf = a.buffers[i] ?? null;
      args.push({ name: row.args[i]!.name, kind, value: a.values[i]!, before: sent === null ? null : Buffer.from(sent), after: buf === null ? null : Buffer.from(buf) });
    }
    const o = this.outcome;
    const answer: Answer = {
      functionId: row.id, status, fault, irpCompleted: completed, newSocket: o.newSocket, newSocketFlags: o.newSocketFlags, newSocketFamily: o.newSocketFamily,
      rule, lint, written: spansOf(a.buffers.slice(0, a.count), this.sent.slice(0, a.count)),
    };
    const completions = this.observedCompletions ?? [];
    this.observedCompletions = null;
    this.observer!.call?.({ seq, row, args, result, answer, source: p.reason.source, conflictSocket: p.reason.conflictSocket, wsaError: p.reason.wsaError, completions });
  }
}

/** The written spans between images sent and after, as records (for observers). */
function spansOf(after: readonly (Buffer | null)[], before: readonly (Buffer | null)[]): WrittenSpan[] {
  const out: WrittenSpan[] = [];
  for (let i = 0; i < after.length; i++) {
    const x = after[i] ?? null;
    const b = before[i] ?? null;
    if (x === null || b === null || x.equals(b)) continue;
    const first = firstDiff(b, x);
    const last = lastDiff(b, x);
    out.push({ argument: i, offset: first, bytes: Buffer.from(x.subarray(first, last + 1)) });
  }
  return out;
}

const KIND_NAMES = ['?', 'VALUE', 'SOCKET', 'NULL', 'BUFFER', 'IRP', 'OVERSIZE'];

function badKind(row: FunctionRow, i: number, k: number): ProtocolError {
  const spec = row.args[i]!;
  const want = spec.type === 'SOCKET' ? 'SOCKET' : spec.type === 'BUFFER' ? 'BUFFER or NULL' : spec.type === 'IRP' ? 'IRP or NULL' : 'VALUE';
  return new ProtocolError(ERROR_CODE.ARGUMENTS, `${row.name}: argument ${i} (${spec.name}) has kind ${KIND_NAMES[k] ?? k}, expected ${want}`);
}
