/**
 * A protocol conversation as vector steps (`wsksim/vectors@1`, VECTORS.md): each CALL the vector format can express
 * becomes the step a replay runs (`wsksim drive --record` writes them with the simulator's results; `--trace` shows
 * each with explain's rendering of the step).
 */
import { hex32 } from '../codec/hex';
import { statusName } from '../codec/names';
import { faultName } from '../provider/result';
import { recordVectors, type RecordConflict } from '../vectors/record';
import { parseVectorFile } from '../vectors/reader';
import { runVector } from '../vectors/runner';
import { VECTOR_FORMAT, type BufferSpec, type Step } from '../vectors/types';
import type { CallEvent, CompletionEvent, HarnessEvent, ObservedArg, SessionObserver } from './session';
import { EVENT } from './protocol';
import type { Hello, Welcome } from './messages';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

const num = (v: number | bigint): Json => (typeof v === 'bigint' || v > Number.MAX_SAFE_INTEGER ? v.toString() : v);
const big = (v: number | bigint): bigint => BigInt(v);

/** The argument of a call by its prototype name. */
function arg(e: CallEvent, name: string): ObservedArg {
  const a = e.args.find((x) => x.name === name);
  if (a === undefined) throw new Error(`${e.row.name} has no argument ${name}`);
  return a;
}

function spec(a: ObservedArg): BufferSpec {
  return a.before === null || a.before.length === 0 ? null : { initial: a.before };
}

function specJson(a: ObservedArg): Json {
  return a.before === null || a.before.length === 0 ? null : { bytes: a.before.toString('hex') };
}

/** A step built from a call, or why the call cannot be one. */
export type Converted = { readonly json: Obj; readonly step: Step } | { readonly omitted: string };

/** An address argument as a vector's {bytes, size} form (null for NULL). */
function addressOf(a: ObservedArg): { json: Json; spec: { bytes: Buffer; size: number } | null } {
  if (a.before === null || a.before.length === 0) return { json: null, spec: null };
  return { json: { bytes: a.before.toString('hex'), size: a.before.length }, spec: { bytes: Buffer.from(a.before), size: a.before.length } };
}

/** The largest PWSK_BUF pointer value a disconnect step takes (docs/VECTORS.md). */
const MAX_DISCONNECT_BUFFER = 0x7fffffff;

/**
 * Turns observed calls into vector steps, naming sockets `s<handle>` as WskSocket, WskAccept and WskSocketConnect
 * create them (an accept or socket-connect that pends is named when the frame that completes it arrives).
 */
export class StepBuilder {
  private readonly names = new Map<number, string>();
  private index = 0;
  /** The steps of calls that create a socket, by the call's seq, until their IRP completes. */
  private readonly creating = new Map<number, Obj>();

  /** Name the sockets that completions created (`as` of their accept or socketConnect step). */
  completed(cs: readonly CompletionEvent[]): void {
    for (const c of cs) {
      const json = this.creating.get(c.seq);
      if (json === undefined) continue;
      this.creating.delete(c.seq);
      this.nameNew(json, c.answer.newSocket);
    }
  }

  private nameNew(json: Obj, handle: number | bigint): void {
    if (handle === 0) return;
    const as = `s${handle}`;
    this.names.set(Number(handle), as);
    json.as = as;
  }

  private handleName(v: number | bigint): string | null {
    return typeof v === 'number' ? this.names.get(v) ?? null : null;
  }

  private socket(e: CallEvent): string | null {
    const v = arg(e, 'Socket').value;
    return typeof v === 'number' ? this.names.get(v) ?? null : null;
  }

  /** The step of a call (index = its position among the steps so far), or why it cannot be expressed. */
  convert(e: CallEvent): Converted {
    this.completed(e.completions);
    const index = this.index;
    const r = this.build(e, index);
    if ('json' in r) {
      this.index++;
      if (e.row.createsSocket === true) {
        if (e.answer.newSocket !== 0) this.nameNew(r.json, e.answer.newSocket);
        else if (!e.answer.irpCompleted && e.answer.fault === 0) this.creating.set(e.seq, r.json);
      }
    }
    return r;
  }

  /** The step of a harness event, or why it cannot be one. */
  convertEvent(e: HarnessEvent): Converted {
    const index = this.index;
    const r = this.buildEvent(e, index);
    if ('json' in r) this.index++;
    this.completed(e.completions);
    return r;
  }

  private buildEvent(e: HarnessEvent, index: number): Converted {
    const base = { index, expect: undefined };
    const bytes = (i: number): Buffer => Buffer.from(e.args[i]!.before!);
    switch (e.row.id) {
      case EVENT.INCOMING:
        return { json: { op: 'incoming', from: bytes(0).toString('hex'), to: bytes(1).toString('hex') }, step: { op: 'incoming', ...base, from: bytes(0), to: bytes(1) } };
      case EVENT.PEER_CLOSE: {
        const socket = this.handleName(e.args[0]!.value);
        if (socket === null) return { omitted: 'a Socket the server never created' };
        return { json: { op: 'peerClose', socket }, step: { op: 'peerClose', ...base, socket } };
      }
      case EVENT.ADVANCE_TIME: {
        const seconds = Number(e.args[0]!.value);
        return { json: { op: 'advanceTime', seconds }, step: { op: 'advanceTime', ...base, seconds } };
      }
      case EVENT.REMOTE_LISTENER:
        return { json: { op: 'remote', listen: bytes(0).toString('hex') }, step: { op: 'remote', ...base, listen: bytes(0) } };
      default:
        return { omitted: `event ${e.row.name} has no vector step` };
    }
  }

  /** The `complete` step of a DELIVER. */
  complete(): { json: Obj; step: Step } {
    return { json: { op: 'complete' }, step: { op: 'complete', index: this.index++, expect: undefined } };
  }

  private build(e: CallEvent, index: number): Converted {
    const base = { index, expect: undefined };
    switch (e.row.name) {
      case 'WskSocket': {
        if (big(arg(e, 'SecurityDescriptor').value) !== 0n) return { omitted: 'a SecurityDescriptor pointer value (a vector names descriptors created by cacheSd steps)' };
        const [family, type, protocol, flags] = ['AddressFamily', 'SocketType', 'Protocol', 'Flags'].map((n) => Number(arg(e, n).value)) as [number, number, number, number];
        let as: string | undefined;
        if (e.answer.newSocket !== 0) { as = `s${e.answer.newSocket}`; this.names.set(Number(e.answer.newSocket), as); }
        return {
          json: { op: 'socket', ...(as !== undefined ? { as } : {}), family, type, protocol, flags },
          step: { op: 'socket', ...base, as, family, type, protocol, flags, owner: undefined, securityDescriptor: undefined },
        };
      }
      case 'WskControlSocket': {
        const socket = this.socket(e);
        if (socket === null) return { omitted: 'a Socket the server never created (a vector names sockets created by socket steps)' };
        const v = (n: string): number => Number(arg(e, n).value);
        const [input, output, osr, irp] = ['InputBuffer', 'OutputBuffer', 'OutputSizeReturned', 'Irp'].map((n) => arg(e, n)) as [ObservedArg, ObservedArg, ObservedArg, ObservedArg];
        return {
          json: {
            op: 'control', socket, requestType: v('RequestType'), controlCode: `0x${v('ControlCode').toString(16)}`, level: `0x${v('Level').toString(16)}`,
            inputSize: num(arg(e, 'InputSize').value), input: input.before === null || input.before.length === 0 ? null : input.before.toString('hex'),
            outputSize: num(arg(e, 'OutputSize').value), output: specJson(output), outputSizeReturned: specJson(osr), irp: specJson(irp),
          },
          step: {
            op: 'control', ...base, socket, requestType: v('RequestType'), controlCode: v('ControlCode'), level: v('Level'),
            inputSize: big(arg(e, 'InputSize').value), input: spec(input), outputSize: big(arg(e, 'OutputSize').value), output: spec(output), outputSizeReturned: spec(osr), irp: spec(irp),
          },
        };
      }
      case 'WskControlClient': {
        const v = (n: string): number => Number(arg(e, n).value);
        const [input, output, osr, irp] = ['InputBuffer', 'OutputBuffer', 'OutputSizeReturned', 'Irp'].map((n) => arg(e, n)) as [ObservedArg, ObservedArg, ObservedArg, ObservedArg];
        return {
          json: {
            op: 'controlClient', controlCode: `0x${v('ControlCode').toString(16)}`, inputSize: num(arg(e, 'InputSize').value), input: specJson(input),
            outputSize: num(arg(e, 'OutputSize').value), output: specJson(output), outputSizeReturned: specJson(osr), irp: specJson(irp),
          },
          step: {
            op: 'controlClient', ...base, controlCode: v('ControlCode'), inputSize: big(arg(e, 'InputSize').value), input: spec(input),
            outputSize: big(arg(e, 'OutputSize').value), output: spec(output), outputSizeReturned: spec(osr), irp: spec(irp),
          },
        };
      }
      case 'WskBind': {
        const socket = this.socket(e);
        if (socket === null) return { omitted: 'a Socket the server never created' };
        const a = arg(e, 'LocalAddress').before;
        const address = a === null || a.length === 0 ? null : { bytes: a, size: a.length };
        const flags = Number(arg(e, 'Flags').value);
        const irp = arg(e, 'Irp');
        return {
          json: { op: 'bind', socket, address: address === null ? null : { bytes: address.bytes.toString('hex'), size: address.size }, flags, irp: specJson(irp) },
          step: { op: 'bind', ...base, socket, address, flags, irp: spec(irp) },
        };
      }
      case 'WskCloseSocket': {
        const socket = this.socket(e);
        if (socket === null) return { omitted: 'a Socket the server never created' };
        const irp = arg(e, 'Irp');
        return { json: { op: 'close', socket, irp: specJson(irp) }, step: { op: 'close', ...base, socket, irp: spec(irp) } };
      }
      case 'WskListen': {
        const socket = this.socket(e);
        if (socket === null) return { omitted: 'a Socket the server never created' };
        const irp = arg(e, 'Irp');
        return { json: { op: 'listen', socket, irp: specJson(irp) }, step: { op: 'listen', ...base, socket, irp: spec(irp) } };
      }
      case 'WskConnect': {
        const socket = this.socket(e);
        if (socket === null) return { omitted: 'a Socket the server never created' };
        const address = addressOf(arg(e, 'RemoteAddress'));
        const flags = Number(arg(e, 'Flags').value);
        const irp = arg(e, 'Irp');
        return {
          json: { op: 'connect', socket, address: address.json, flags, irp: specJson(irp) },
          step: { op: 'connect', ...base, socket, address: address.spec, flags, irp: spec(irp) },
        };
      }
      case 'WskSocketConnect': {
        if (big(arg(e, 'SecurityDescriptor').value) !== 0n) return { omitted: 'a SecurityDescriptor pointer value (a vector names descriptors created by cacheSd steps)' };
        const [type, protocol, flags] = ['SocketType', 'Protocol', 'Flags'].map((n) => Number(arg(e, n).value)) as [number, number, number];
        const local = addressOf(arg(e, 'LocalAddress'));
        const remote = addressOf(arg(e, 'RemoteAddress'));
        const irp = arg(e, 'Irp');
        return {
          json: { op: 'socketConnect', type, protocol, localAddress: local.json, remoteAddress: remote.json, flags, irp: specJson(irp) },
          step: { op: 'socketConnect', ...base, as: undefined, type, protocol, localAddress: local.spec, remoteAddress: remote.spec, flags, owner: undefined, securityDescriptor: undefined, irp: spec(irp) },
        };
      }
      case 'WskAccept': {
        const socket = this.socket(e);
        if (socket === null) return { omitted: 'a Socket the server never created' };
        const flags = Number(arg(e, 'Flags').value);
        const [local, remote, irp] = ['LocalAddress', 'RemoteAddress', 'Irp'].map((n) => arg(e, n)) as [ObservedArg, ObservedArg, ObservedArg];
        return {
          json: { op: 'accept', socket, flags, localAddress: specJson(local), remoteAddress: specJson(remote), irp: specJson(irp) },
          step: { op: 'accept', ...base, socket, as: undefined, flags, localAddress: spec(local), remoteAddress: spec(remote), irp: spec(irp) },
        };
      }
      case 'WskDisconnect': {
        const socket = this.socket(e);
        if (socket === null) return { omitted: 'a Socket the server never created' };
        const buffer = arg(e, 'Buffer').value;
        if (big(buffer) > BigInt(MAX_DISCONNECT_BUFFER)) return { omitted: `a Buffer pointer value above 0x${MAX_DISCONNECT_BUFFER.toString(16)} (a vector's disconnect takes smaller ones)` };
        const flags = Number(arg(e, 'Flags').value);
        const irp = arg(e, 'Irp');
        return {
          json: { op: 'disconnect', socket, buffer: Number(buffer), flags, irp: specJson(irp) },
          step: { op: 'disconnect', ...base, socket, buffer: Number(buffer), flags, irp: spec(irp) },
        };
      }
      case 'WskGetLocalAddress':
      case 'WskGetRemoteAddress': {
        const socket = this.socket(e);
        if (socket === null) return { omitted: 'a Socket the server never created' };
        const op = e.row.name === 'WskGetLocalAddress' ? 'localAddress' : 'remoteAddress';
        const output = arg(e, op === 'localAddress' ? 'LocalAddress' : 'RemoteAddress');
        const irp = arg(e, 'Irp');
        return { json: { op, socket, output: specJson(output), irp: specJson(irp) }, step: { op, ...base, socket, output: spec(output), irp: spec(irp) } };
      }
      default:
        return { omitted: `${e.row.name} (not modelled; vectors have no step for it)` };
    }
  }
}

/** The C-like text of a call that is not a vector step: the function and each argument. */
export function callText(e: CallEvent): string {
  const parts = e.args.map((a) => {
    if (a.kind === 'null') return `${a.name} NULL`;
    if (a.kind === 'buffer' || a.kind === 'irp') return `${a.name} ${a.before?.length ?? 0} bytes`;
    if (a.kind === 'socket') return `${a.name} #${a.value}`;
    return `${a.name} ${typeof a.value === 'bigint' || a.value > 0xffff ? `0x${a.value.toString(16).toUpperCase()}` : a.value}`;
  });
  return `${e.row.name}(${parts.join(', ')})`;
}

/** A difference between the live conversation and the replay of its recording. */
export interface ReplayMismatch {
  readonly step: number;
  readonly message: string;
}

/** Records a conversation as steps; serialises them into a recorded vector file. */
export class ConversationRecorder implements SessionObserver {
  readonly builder = new StepBuilder();
  readonly steps: Obj[] = [];
  /** Calls not expressible as vector steps. */
  readonly omitted: string[] = [];
  /** Live results of the recorded steps (for the replay check). */
  private readonly live: { readonly step: number; readonly event: CallEvent }[] = [];
  arch = 'x64';
  profile = 'wsk';
  policy = 'strict';
  completion = 'inline';
  program = '';

  /** Optional per-event hooks (the trace). */
  constructor(
    private readonly onStep?: (e: CallEvent, c: Converted) => void,
    private readonly onDeliver?: (seq: number, cs: readonly CompletionEvent[]) => void,
    private readonly onEvent?: (e: HarnessEvent, c: Converted) => void,
  ) {}

  hello(h: Hello, w: Welcome): void {
    this.arch = h.pointerSize === 8 ? 'x64' : 'x86';
    this.profile = w.profile;
    this.policy = w.policy;
    this.completion = w.completion;
    this.program = h.program;
  }

  call(e: CallEvent): void {
    const c = this.builder.convert(e);
    if ('json' in c) { this.live.push({ step: this.steps.length, event: e }); this.steps.push(c.json); } else this.omitted.push(`call ${e.seq}: ${callText(e)}: ${c.omitted}`);
    this.onStep?.(e, c);
  }

  event(e: HarnessEvent): void {
    const c = this.builder.convertEvent(e);
    if ('json' in c) this.steps.push(c.json); else this.omitted.push(`${e.scripted !== null ? `--event ${e.scripted.text}` : `event ${e.seq}`}: ${e.row.name}: ${c.omitted}`);
    this.onEvent?.(e, c);
  }

  deliver(seq: number, cs: readonly CompletionEvent[]): void {
    this.builder.completed(cs);
    this.steps.push(this.builder.complete().json);
    this.onDeliver?.(seq, cs);
  }

  /**
   * The recorded vector file (expectations filled by replaying the steps, VECTORS.md "recorded"), the conflicts the
   * replay reports, and any difference between the replay and the live answers.
   */
  document(id: string, date?: string): { text: string; conflicts: readonly RecordConflict[]; mismatches: readonly ReplayMismatch[] } {
    const script = {
      format: VECTOR_FORMAT,
      title: `recorded by wsksim drive from ${this.program || id}`,
      vectors: [{
        id, arch: this.arch, profile: this.profile, policy: this.policy, completion: this.completion,
        ...(this.omitted.length > 0 ? { 'x-omitted': this.omitted } : {}),
        steps: this.steps,
      }],
    };
    const r = recordVectors(JSON.stringify(script), `${id}.json`, { overwrite: true, ...(date !== undefined ? { date } : {}) });
    return { text: r.text, conflicts: r.conflicts, mismatches: this.compare(r.text, id) };
  }

  /** Replay the recorded file and compare each recorded step with what the live session answered. */
  private compare(text: string, id: string): ReplayMismatch[] {
    const out: ReplayMismatch[] = [];
    const v = parseVectorFile(text, `${id}.json`).vectors[0]!;
    const trace = runVector(v, `${id}.json`, { keepGoing: true }).trace;
    const keys: Record<string, string> = { InputBuffer: 'input', OutputBuffer: 'output', OutputSizeReturned: 'outputSizeReturned', Irp: 'irp' };
    const keyOf = (fn: string, name: string): string | undefined => {
      if (fn === 'WskBind' && name === 'LocalAddress') return 'address';
      if (fn === 'WskAccept' && name === 'LocalAddress') return 'localAddress';
      if (fn === 'WskAccept' && name === 'RemoteAddress') return 'remoteAddress';
      if ((fn === 'WskGetLocalAddress' && name === 'LocalAddress') || (fn === 'WskGetRemoteAddress' && name === 'RemoteAddress')) return 'output';
      return keys[name];
    };
    for (const { step, event } of this.live) {
      const t = trace.find((x) => x.index === step);
      if (t === undefined) { out.push({ step, message: 'not replayed' }); continue; }
      const live = event.result;
      if (event.row.name !== 'WskSocket' && t.result !== live) {
        out.push({ step, message: `the replay returns ${t.result === undefined ? 'nothing' : t.resultName}, the live call ${live < 0 ? `fault ${faultName(live)}` : `${statusName(live)} (${hex32(live)})`}` });
        continue;
      }
      if (event.row.name === 'WskSocket') continue;
      for (const a of event.args) {
        const key = keyOf(event.row.name, a.name);
        if (key === undefined || a.after === null || a.after.length === 0) continue;
        const replayed = t.buffers[key];
        if (replayed !== undefined && replayed !== a.after.toString('hex')) out.push({ step, message: `${a.name} differs: replay ${replayed}, live ${a.after.toString('hex')}` });
      }
    }
    return out;
  }
}
