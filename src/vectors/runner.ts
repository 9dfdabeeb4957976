/**
 * Replays vectors on fresh providers and compares every observable output byte for byte.
 */
import { readUintNBig } from '../codec/bytes';
import { firstDifference, hex32, markedHex, toHex } from '../codec/hex';
import { STATUS, statusName, WSA } from '../codec/names';
import { AbiUsageError, VectorFormatError } from '../errors';
import { WskProvider } from '../provider/provider';
import { faultName, resultName } from '../provider/result';
import type { Citation } from '../../abi/schema';
import type { BufferSpec, ControlBuffers, IrpExpect, Step, StepExpect, Vector } from './types';

/** What one step did: its result and the rule that decided it. */
export interface StepTrace {
  readonly index: number;
  readonly op: Step['op'];
  /** NTSTATUS or fault as returned; undefined for harness-only steps. */
  readonly result: number | undefined;
  readonly resultName: string;
  readonly rule: string;
  readonly conflictSocket: string | undefined;
  /** Winsock error beside the NTSTATUS (sharing refusals), as a name such as WSAEACCES; undefined when none. */
  readonly wsaError: string | undefined;
  /** The caller buffers after the step, hex (NULL buffers absent). */
  readonly buffers: Readonly<Record<string, string>>;
  /** IRPs completed during the step, in order: name plus IoStatus. */
  readonly completions: readonly { readonly irp: string; readonly status: string; readonly information: string; readonly rule: string }[];
  /** The caller buffers before the step (their initial images), hex, same keys as `buffers`. */
  readonly initialBuffers: Readonly<Record<string, string>>;
  /** The step's own IRP after the step: whether it was completed, and IoStatus; undefined when NULL, none or shorter than sizeof(IRP). */
  readonly irp: { readonly completed: boolean; readonly status: number; readonly information: bigint } | undefined;
  /** Citation the provider gave with the deciding rule (reason.source), when it gave one. */
  readonly source: Citation | null;
  /** Deviations from the documented parameter table the step's call recorded (reason.lint), in order. */
  readonly lint: readonly string[];
  /** Whether the step's expectations held: 'none' (no expect and no fault), 'matched' or 'mismatched'. */
  readonly expectation: 'none' | 'matched' | 'mismatched';
  /** The mismatch message when `expectation` is 'mismatched'. */
  readonly mismatch: string | undefined;
  /** connect, socketConnect, incoming: the listening socket the connection was routed to (name), or null. */
  readonly listener?: string | null;
  /** advanceTime: how many lingering endpoints it released. */
  readonly released?: number;
  /**
   * A bind refused by a closed exclusive listener's reservation (policy connection-exclusive-reservation): what still
   * holds it, as text (accepted sockets still open, lingering endpoints and when their TIME_WAIT ends).
   */
  readonly heldBy?: string;
}

/** Options of runVector. */
export interface RunOptions {
  /** Keep running the steps after the first mismatch (the result still reports the first one); for explain/record. */
  readonly keepGoing?: boolean;
  /** Run WskControlSocket through the full check sequence only (the guarded success path off), to compare the two. */
  readonly fullSequence?: boolean;
  /** Called with each step's trace as soon as the step has run (explain prints as it goes). */
  readonly onStep?: (t: StepTrace) => void;
  /** Keep every step's trace in the result (default true); false keeps only the last, for very long vectors. */
  readonly retainTrace?: boolean;
}

/** First mismatch of a failed vector. */
export interface Mismatch {
  readonly step: number;
  readonly op: Step['op'];
  readonly message: string;
}

/** Result of one vector. */
export interface VectorResult {
  readonly id: string;
  readonly passed: boolean;
  readonly mismatch: Mismatch | undefined;
  readonly trace: readonly StepTrace[];
}

/** A caller buffer live during a vector, with its initial image. */
interface LiveBuffer {
  readonly name: string;
  readonly buf: Buffer;
  readonly initial: Buffer;
}

class StepFailure extends Error {}

/** The lint of a step that recorded none (shared). */
const NO_LINT: readonly string[] = Object.freeze([]);

function materialise(spec: BufferSpec): Buffer | null {
  return spec === null ? null : Buffer.from(spec.initial);
}

function compareBytes(what: string, expected: Buffer, actual: Uint8Array): void {
  const at = firstDifference(expected, actual);
  if (at < 0) return;
  throw new StepFailure(
    `${what} differs at offset ${at} (expected ${expected.length} bytes, got ${actual.length})\n` +
    `    expected: ${markedHex(expected, at)}\n    actual:   ${markedHex(actual, at)}`,
  );
}

/** Run one vector on a fresh provider; never throws for a mismatch (only VectorFormatError for unusable input). */
export function runVector(v: Vector, file = '<vectors>', options: RunOptions = {}): VectorResult {
  let first: Mismatch | undefined;
  const completedIrps = new Set<Uint8Array>();
  let stepCompletions: Uint8Array[] = [];
  /** The rule that decided each IRP's completion (reason.rule when the IRP completed). */
  const completionRules = new Map<Uint8Array, string>();
  const sockets = new Map<string, number>();
  const socketNames = new Map<number, string>();
  /** Give a socket handle a vector's name, both ways. */
  const nameSocket = (name: string, handle: number): void => { sockets.set(name, handle); socketNames.set(handle, name); };
  /** The `as` names of accept steps whose IRP has not completed yet: the accepted socket is named when it does. */
  const acceptNames = new Map<Uint8Array, string>();
  const provider = new WskProvider({
    arch: v.arch, profile: v.profile, policy: v.policy, completion: v.completion,
    onComplete: (irp, status, information) => {
      completedIrps.add(irp); stepCompletions.push(irp); completionRules.set(irp, provider.reason.rule);
      const name = acceptNames.get(irp);
      if (name !== undefined) {
        acceptNames.delete(irp);
        if (status === 0) nameSocket(name, information);
      }
    },
  });
  if (options.fullSequence === true) provider.disableGuardedPath();
  const L = provider.layout;
  const sds = new Map<string, number>();
  const irpNames = new Map<Uint8Array, string>();
  const trace: StepTrace[] = [];

  const socketOf = (name: string, step: Step): number => {
    const h = sockets.get(name);
    if (h === undefined) throw new VectorFormatError(`socket ${JSON.stringify(name)} was not created by an earlier step ("as")`, file, v.id, step.index);
    return h;
  };

  for (const step of v.steps) {
    stepCompletions = [];
    const live: LiveBuffer[] = [];
    const track = (name: string, spec: BufferSpec): Buffer | null => {
      const buf = materialise(spec);
      if (buf !== null) {
        live.push({ name, buf, initial: Buffer.from(buf) });
        if (name === 'irp') irpNames.set(buf, `step ${step.index} irp`);
      }
      return buf;
    };
    /** OutputBuffer, OutputSizeReturned and IRP of a control step, tracked in that order. */
    const trackOutputs = (st: ControlBuffers): { output: Buffer | null; osr: Buffer | null; irp: Buffer | null } => ({
      output: track('output', st.output), osr: track('outputSizeReturned', st.outputSizeReturned), irp: track('irp', st.irp),
    });
    let result: number | undefined;
    let irp: Buffer | null = null;
    let output: Buffer | null = null;
    let osr: Buffer | null = null;
    let localAddress: Buffer | null = null;
    let remoteAddress: Buffer | null = null;
    let released: number | undefined;
    const sdOf = (name: string | undefined): number => {
      if (name === undefined) return 0;
      const h = sds.get(name);
      if (h === undefined) throw new VectorFormatError(`security descriptor ${JSON.stringify(name)} was not created by a cacheSd step`, file, v.id, step.index);
      return h;
    };
    try {
      switch (step.op) {
        case 'socket': {
          const sd = sdOf(step.securityDescriptor);
          const r = provider.wskSocket({
            family: step.family, type: step.type, protocol: step.protocol, flags: step.flags,
            ...(step.owner !== undefined ? { owner: step.owner } : {}), securityDescriptor: sd,
          });
          result = r.status;
          if (r.socket !== 0 && step.as !== undefined) nameSocket(step.as, r.socket);
          break;
        }
        case 'control': {
          const input = track('input', step.input);
          ({ output, osr, irp } = trackOutputs(step));
          result = provider.wskControlSocket(socketOf(step.socket, step), step.requestType, step.controlCode, step.level,
            sizeValue(step.inputSize), input, sizeValue(step.outputSize), output, osr, irp);
          break;
        }
        case 'bind': {
          const addr = step.address === null ? null : track('address', { initial: step.address.bytes });
          irp = track('irp', step.irp);
          result = provider.wskBind(socketOf(step.socket, step), addr, step.flags, irp, step.address?.size);
          break;
        }
        case 'close':
          irp = track('irp', step.irp);
          result = provider.wskCloseSocket(socketOf(step.socket, step), irp);
          break;
        case 'cacheSd':
          sds.set(step.as, provider.cacheSecurityDescriptor(step.allow));
          result = 0;
          break;
        case 'releaseSd': {
          const h = sds.get(step.sd);
          if (h === undefined) throw new VectorFormatError(`security descriptor ${JSON.stringify(step.sd)} was not created by a cacheSd step`, file, v.id, step.index);
          result = provider.releaseSecurityDescriptor(h);
          break;
        }
        case 'complete':
          provider.deliverCompletions();
          break;
        case 'controlClient': {
          const input = track('input', step.input);
          ({ output, osr, irp } = trackOutputs(step));
          result = provider.wskControlClient(step.controlCode, step.inputSize, input, step.outputSize, output, osr, irp);
          break;
        }
        case 'setAddressList':
          provider.setAddressList(step.family, step.addresses);
          break;
        case 'callbackInProgress':
          provider.setCallbackInProgress(socketOf(step.socket, step), step.event, step.inProgress);
          break;
        case 'sdImage':
          provider.registerSecurityDescriptorImage(step.allow);
          break;
        case 'setRedirectData':
          provider.setRedirectData(socketOf(step.socket, step), step.which, step.bytes);
          break;
        case 'forceClose':
          if (!provider.forceClose(socketOf(step.socket, step))) {
            throw new VectorFormatError('forceClose: the socket is closed', file, v.id, step.index);
          }
          break;
        case 'listen':
          irp = track('irp', step.irp);
          result = provider.wskListen(socketOf(step.socket, step), irp);
          break;
        case 'connect': {
          const addr = step.address === null ? null : track('remoteAddress', { initial: step.address.bytes });
          irp = track('irp', step.irp);
          result = provider.wskConnect(socketOf(step.socket, step), addr, step.flags, irp);
          break;
        }
        case 'socketConnect': {
          const local = step.localAddress === null ? null : track('localAddress', { initial: step.localAddress.bytes });
          const remote = step.remoteAddress === null ? null : track('remoteAddress', { initial: step.remoteAddress.bytes });
          irp = track('irp', step.irp);
          const r = provider.wskSocketConnect({
            type: step.type, protocol: step.protocol, localAddress: local, remoteAddress: remote, flags: step.flags,
            securityDescriptor: sdOf(step.securityDescriptor), ...(step.owner !== undefined ? { owner: step.owner } : {}),
          }, irp);
          result = r.status;
          if (r.socket !== 0 && step.as !== undefined) nameSocket(step.as, r.socket);
          break;
        }
        case 'incoming':
          provider.incomingConnection(step.from, step.to);
          break;
        case 'accept': {
          localAddress = track('localAddress', step.localAddress);
          remoteAddress = track('remoteAddress', step.remoteAddress);
          irp = track('irp', step.irp);
          if (irp !== null && step.as !== undefined) acceptNames.set(irp, step.as);
          result = provider.wskAccept(socketOf(step.socket, step), step.flags, localAddress, remoteAddress, irp);
          if (irp !== null && result !== STATUS.STATUS_PENDING) acceptNames.delete(irp);
          break;
        }
        case 'disconnect':
          irp = track('irp', step.irp);
          result = provider.wskDisconnect(socketOf(step.socket, step), step.buffer, step.flags, irp);
          break;
        case 'peerClose':
          provider.peerClose(socketOf(step.socket, step));
          break;
        case 'advanceTime':
          released = provider.advanceTime(step.seconds);
          break;
        case 'localAddress':
        case 'remoteAddress':
          output = track('output', step.output);
          irp = track('irp', step.irp);
          result = step.op === 'localAddress'
            ? provider.wskGetLocalAddress(socketOf(step.socket, step), output, irp)
            : provider.wskGetRemoteAddress(socketOf(step.socket, step), output, irp);
          break;
        case 'remote':
          provider.addRemoteListener(step.listen);
          break;
      }
    } catch (e) {
      if (e instanceof AbiUsageError) throw new VectorFormatError(e.message, file, v.id, step.index);
      throw e;
    }

    const conflict = provider.reason.conflictSocket;
    const ioStatus = (b: Uint8Array): { status: string; information: string } => ({
      status: statusName(Number(readUintNBig(b, L.irpStatusOffset, 4))),
      information: readUintNBig(b, L.irpInformationOffset, L.ulongPtr).toString(),
    });
    let mismatch: string | undefined;
    try {
      checkStep(step.expect, result, live, irp, output, osr, completedIrps, stepCompletions, provider, L, socketNames);
      checkConnectionStep(step.expect, localAddress, remoteAddress, released, stepCompletions, completedIrps, provider, L, socketNames);
    } catch (e) {
      if (!(e instanceof StepFailure)) throw e;
      mismatch = e.message;
    }
    const stepTrace: StepTrace = {
      index: step.index, op: step.op, result,
      resultName: result === undefined ? '' : step.op === 'cacheSd' ? 'cached' : resultName(result),
      rule: provider.reason.rule,
      conflictSocket: conflict === 0 ? undefined : socketNames.get(conflict) ?? `#${conflict}`,
      wsaError: provider.reason.wsaError === 0 ? undefined : wsaName(provider.reason.wsaError),
      buffers: Object.fromEntries(live.map((l) => [l.name, toHex(l.buf)])),
      completions: stepCompletions.map((b) => ({ irp: irpNames.get(b) ?? 'irp', ...ioStatus(b), rule: completionRules.get(b) ?? '' })),
      initialBuffers: Object.fromEntries(live.map((l) => [l.name, toHex(l.initial)])),
      irp: irp === null || irp.length < L.sizeofIrp ? undefined : {
        completed: completedIrps.has(irp),
        status: Number(readUintNBig(irp, L.irpStatusOffset, 4)),
        information: readUintNBig(irp, L.irpInformationOffset, L.ulongPtr),
      },
      source: provider.reason.source,
      lint: provider.reason.lint.length === 0 ? NO_LINT : [...provider.reason.lint],
      expectation: mismatch !== undefined ? 'mismatched' : step.expect === undefined ? 'none' : 'matched',
      mismatch,
      ...(step.op === 'connect' || step.op === 'socketConnect' || step.op === 'incoming'
        ? { listener: provider.lastRoutedListener === 0 ? null : socketNames.get(provider.lastRoutedListener) ?? `#${provider.lastRoutedListener}` } : {}),
      ...(released !== undefined ? { released } : {}),
      ...(provider.reason.rule === 'connection-exclusive-reservation' ? { heldBy: heldByText(provider, conflict, socketNames) } : {}),
    };
    if (options.retainTrace === false) trace.length = 0;
    trace.push(stepTrace);
    options.onStep?.(stepTrace);
    if (mismatch !== undefined) {
      first ??= { step: step.index, op: step.op, message: mismatch };
      if (options.keepGoing !== true) return { id: v.id, passed: false, mismatch: first, trace };
    }
  }
  return { id: v.id, passed: first === undefined, mismatch: first, trace };
}

function checkStep(
  e: StepExpect | undefined, result: number | undefined, live: readonly LiveBuffer[],
  irp: Buffer | null, output: Buffer | null, osr: Buffer | null, completedIrps: ReadonlySet<Uint8Array>,
  stepCompletions: readonly Uint8Array[], provider: WskProvider, L: WskProvider['layout'], socketNames: ReadonlyMap<number, string>,
): void {
  const fault = result === undefined ? undefined : faultName(result);
  if (e === undefined || e.fault === undefined) {
    if (fault !== undefined) throw new StepFailure(`unexpected fault ${fault} (rule ${provider.reason.rule})`);
  }
  if (e === undefined) return;
  if (e.fault !== undefined) {
    if (fault !== e.fault) throw new StepFailure(`expected fault ${e.fault}, got ${result === undefined ? 'no result' : resultName(result)}`);
    for (const l of live) compareBytes(`${l.name} (a fault must leave every buffer untouched)`, l.initial, l.buf);
  }
  if (e.status !== undefined && result !== e.status) {
    throw new StepFailure(`status: expected ${statusName(e.status)} (${hex32(e.status)}), got ${result === undefined ? 'no result' : resultName(result)} (rule ${provider.reason.rule})`);
  }
  if (e.output !== undefined) {
    if (e.output === null) { if (output !== null) throw new StepFailure('output: expected a NULL OutputBuffer argument'); }
    else if (output === null) throw new StepFailure('output: the step passed a NULL OutputBuffer');
    else compareBytes('output', e.output, output);
  }
  if (e.outputSizeReturned !== undefined) {
    if (e.outputSizeReturned === null) { if (osr !== null) throw new StepFailure('outputSizeReturned: expected a NULL argument'); }
    else if (osr === null) throw new StepFailure('outputSizeReturned: the step passed NULL');
    else compareBytes('outputSizeReturned', e.outputSizeReturned, osr);
  }
  if (e.irp !== undefined) {
    if (irp === null) throw new StepFailure('irp: the step passed a NULL IRP');
    checkIrp('irp', e.irp, irp, live.find((l) => l.buf === irp)!.initial, completedIrps, L);
  }
  if (e.irps !== undefined) {
    if (stepCompletions.length !== e.irps.length) {
      throw new StepFailure(`irps: expected ${e.irps.length} completion(s), the step completed ${stepCompletions.length}`);
    }
    e.irps.forEach((x, i) => checkIrp(`irps[${i}]`, x, stepCompletions[i] as Buffer, null, completedIrps, L));
  }
  if (e.rule !== undefined && !/\s/.test(e.rule) && e.rule !== provider.reason.rule) {
    throw new StepFailure(`rule: expected ${e.rule}, decided by ${provider.reason.rule}`);
  }
  if (e.conflictsWith !== undefined) {
    const c = provider.reason.conflictSocket;
    const name = c === 0 ? 'none' : socketNames.get(c) ?? `#${c}`;
    if (name !== e.conflictsWith) throw new StepFailure(`conflictsWith: expected ${e.conflictsWith}, got ${name}`);
  }
  if (e.lint !== undefined) {
    const got = provider.reason.lint;
    if (got.length !== e.lint.length || got.some((x, i) => x !== e.lint![i])) {
      throw new StepFailure(`lint: expected [${e.lint.join(', ')}], the call recorded [${got.join(', ')}] (rule ${provider.reason.rule})`);
    }
  }
  if (e.wsaError !== undefined && e.wsaError !== provider.reason.wsaError) {
    throw new StepFailure(`wsaError: expected ${wsaName(e.wsaError)}, got ${provider.reason.wsaError === 0 ? 'none' : wsaName(provider.reason.wsaError)} (rule ${provider.reason.rule})`);
  }
}

/** What holds the reservation of the closed listener `handle`, as text. */
function heldByText(provider: WskProvider, handle: number, socketNames: ReadonlyMap<number, string>): string {
  const h = provider.reservationHolders(handle);
  const name = (x: number): string => socketNames.get(x) ?? `#${x}`;
  const parts = [
    ...h.open.map((x) => `accepted socket ${name(x)} (still open)`),
    ...h.lingering.map((e) => `the lingering endpoint of closed socket ${name(e.handle)} (TIME_WAIT until t=${e.until} s; now ${provider.now} s)`),
  ];
  return parts.join(', ');
}

/** The expectations of the connection ops (VECTORS.md "Connections"). */
function checkConnectionStep(
  e: StepExpect | undefined, localAddress: Buffer | null, remoteAddress: Buffer | null, released: number | undefined,
  stepCompletions: readonly Uint8Array[], completedIrps: ReadonlySet<Uint8Array>, provider: WskProvider, L: WskProvider['layout'],
  socketNames: ReadonlyMap<number, string>,
): void {
  if (e === undefined) return;
  for (const [what, want, got] of [['localAddress', e.localAddress, localAddress], ['remoteAddress', e.remoteAddress, remoteAddress]] as const) {
    if (want === undefined) continue;
    if (want === null) { if (got !== null) throw new StepFailure(`${what}: expected a NULL ${what} argument`); }
    else if (got === null) throw new StepFailure(`${what}: the step passed a NULL ${what}`);
    else compareBytes(what, want, got);
  }
  if (e.completedIrps !== undefined) {
    if (stepCompletions.length !== e.completedIrps.length) {
      throw new StepFailure(`completedIrps: expected ${e.completedIrps.length} completion(s), the step completed ${stepCompletions.length}`);
    }
    e.completedIrps.forEach((x, i) => checkIrp(`completedIrps[${i}]`, x, stepCompletions[i] as Buffer, null, completedIrps, L));
  }
  if (e.listener !== undefined) {
    const h = provider.lastRoutedListener;
    const name = h === 0 ? null : socketNames.get(h) ?? `#${h}`;
    if (name !== e.listener) throw new StepFailure(`listener: expected ${e.listener === null ? 'none (refused)' : e.listener}, the connection ${name === null ? 'reached no listener' : `was routed to ${name}`} (rule ${provider.reason.rule})`);
  }
  if (e.released !== undefined) {
    if (released === undefined) throw new StepFailure('released: only an advanceTime step releases lingering endpoints');
    if (released !== e.released) throw new StepFailure(`released: expected ${e.released} lingering endpoint(s) released, the step released ${released}`);
  }
}

/**
 * A SIZE_T of a vector as the provider's API takes it: a number below 2^32 (as a C caller's constant reaches it, and
 * as the guarded success path accepts it), the bigint otherwise; both stand for the same SIZE_T.
 */
function sizeValue(v: bigint): number | bigint {
  return v <= 0xffffffffn ? Number(v) : v;
}

const WSA_NAMES = new Map<number, string>(Object.entries(WSA).map(([k, v]) => [v, k]));

/** The Winsock name of a WSA error code, or its number. */
export function wsaName(code: number): string {
  return code === 0 ? '0' : WSA_NAMES.get(code) ?? String(code);
}

function checkIrp(what: string, e: IrpExpect, irp: Uint8Array, initial: Buffer | null, completed: ReadonlySet<Uint8Array>, L: WskProvider['layout']): void {
  if (e === 'untouched') {
    if (initial === null) throw new StepFailure(`${what}: "untouched" cannot be asserted here`);
    compareBytes(`${what} (expected untouched)`, initial, irp);
    return;
  }
  if (e.completed !== undefined && completed.has(irp) !== e.completed) {
    throw new StepFailure(`${what}.completed: expected ${e.completed}, the IRP was ${completed.has(irp) ? '' : 'not '}completed`);
  }
  if (e.status !== undefined) {
    const got = Number(readUintNBig(irp, L.irpStatusOffset, 4));
    if (got !== e.status) throw new StepFailure(`${what}.status: expected ${statusName(e.status)} (${hex32(e.status)}), IoStatus.Status is ${statusName(got)} (${hex32(got)})`);
  }
  if (e.information !== undefined) {
    const got = readUintNBig(irp, L.irpInformationOffset, L.ulongPtr);
    if (got !== e.information) throw new StepFailure(`${what}.information: expected ${e.information}, IoStatus.Information is ${got}`);
  }
  if (e.ioStatus !== undefined) {
    const start = L.irpStatusOffset;
    compareBytes(`${what}.ioStatus`, e.ioStatus, irp.subarray(start, start + (L.irpInformationOffset - start) + L.ulongPtr));
  }
  if (e.bytes !== undefined) compareBytes(`${what}.bytes`, e.bytes, irp);
}
