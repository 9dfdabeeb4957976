/**
 * The invariant checker: runs a fuzz case (a vector) on a fresh provider with canary-guarded buffers and checks,
 * on every call, the properties POLICY.md promises for any input. Usable from jest and from `wsksim fuzz`.
 */
import { OPTION_ROWS } from '../../abi/options';
import { POLICY_ENTRIES } from '../../abi/policy';
import type { OptionRow } from '../../abi/schema';
import { readUintNBig, writeUintN, writeUlong } from '../codec/bytes';
import { toHex } from '../codec/hex';
import { isKnownStatus, STATUS } from '../codec/names';
import { decodeSockaddr, formatAddress, type TransportAddress } from '../codec/sockaddr';
import { AbiUsageError } from '../errors';
import { WskProvider } from '../provider/provider';
import { faultName, isFault, resultName } from '../provider/result';
import { parseVectorFile } from '../vectors/reader';
import type { BufferSpec, Step, Vector } from '../vectors/types';
import { bindingsOverlap, claimsOf, hijackedHolder, mayOverlap, sharingFlags, type BoundView } from './sharing-model';

/** First port of the dynamic range (POLICY.md "Bind": port 0 takes the lowest free port of 49152-65535). */
const DYNAMIC_PORT_FIRST = 49152;
import { vectorFile, type VectorJson } from './vector-json';

/** Every invariant the checker enforces, by identifier. */
export const INVARIANTS = {
  'never-throws': 'the provider never throws for a value a caller can pass',
  'result-kind': 'the result is exactly one NTSTATUS of abi/ntstatus.ts or one fault',
  'guard-bytes': 'nothing is written outside a caller buffer (canaries on both sides)',
  'input-readonly': 'InputBuffer and LocalAddress are never written',
  'within-declared': 'nothing is written at or beyond the declared OutputSize / sizeof(SIZE_T)',
  'irp-iostatus-only': 'no IRP byte outside IoStatus.Status (4 bytes) and IoStatus.Information changes',
  'irp-needs-completion': 'an IRP that was not completed is untouched',
  'fault-changes-nothing': 'a fault changes no buffer, no state and completes nothing',
  'failure-no-state': 'a failure changes no socket state',
  'failure-no-output': 'a failure writes neither OutputBuffer nor *OutputSizeReturned',
  'failure-information': 'a failed IRP has IoStatus.Information 0',
  'information-le-output-size': 'IoStatus.Information <= OutputSize (0 for WskBind and WskCloseSocket)',
  'osr-le-output-size': '*OutputSizeReturned <= OutputSize when written, and only without an IRP',
  'return-equals-iostatus': 'with inline completion the return value equals IoStatus.Status of the completed IRP',
  'inline-never-pending': 'with inline completion no call returns STATUS_PENDING',
  'pending-unobservable': 'with pending completion nothing but the return value is observable before completions are delivered',
  'anti-hijack': 'no socket of another owner gets bound over a live SO_EXCLUSIVEADDRUSE binding unless the tables allow it',
  'refusal-names-overlap': 'a bind refused by a sharing cell names a live binding that overlaps the requested address',
  'port-zero-lowest': 'port 0 takes the lowest port of 49152-65535 that no live binding of the same transport overlaps, and is never refused by a sharing cell',
  deterministic: 'the same inputs give the same bytes on a fresh provider',
} as const;

/**
 * Documented behaviour an invariant would otherwise report: each exception names the policy entry that decides it
 * and is active only while abi/policy.ts POLICY_ENTRIES contains that entry.
 */
export const INVARIANT_EXCEPTIONS: readonly {
  readonly invariant: keyof typeof INVARIANTS;
  readonly rule: string;
  readonly message: RegExp;
  readonly policy: string;
  readonly why: string;
}[] = [
  {
    invariant: 'failure-no-output', rule: 'address-list-overflow', message: /wrote \*OutputSizeReturned$/, policy: 'address-list-layout',
    why: 'SIO_ADDRESS_LIST_QUERY: STATUS_BUFFER_OVERFLOW (a warning) reports the required size in *OutputSizeReturned (D2 sio-address-list-query.md)',
  },
  {
    invariant: 'failure-no-output', rule: 'transport-list-overflow', message: /wrote \*OutputSizeReturned$/, policy: 'transport-list',
    why: 'WSK_TRANSPORT_LIST_QUERY: STATUS_BUFFER_OVERFLOW (a warning) reports the required size in *OutputSizeReturned (D2 wsk-transport-list-query.md)',
  },
  {
    invariant: 'inline-never-pending', rule: 'address-list-change-pending', message: /./, policy: 'address-list-change-harness',
    why: 'SIO_ADDRESS_LIST_CHANGE completes its IRP only when the address list changes, whatever the completion mode',
  },
];

const ACTIVE_EXCEPTIONS = INVARIANT_EXCEPTIONS.filter((x) => (POLICY_ENTRIES as readonly { id: string }[]).some((e) => e.id === x.policy));

function excepted(invariant: InvariantId, rule: string, message: string): boolean {
  for (const x of ACTIVE_EXCEPTIONS) if (x.invariant === invariant && x.rule === rule && x.message.test(message)) return true;
  return false;
}

/** Identifier of an invariant (or of an injected one). */
export type InvariantId = keyof typeof INVARIANTS | `extra:${string}`;

/** One violated invariant. */
export interface Violation {
  readonly step: number;
  readonly op: string;
  readonly invariant: InvariantId;
  readonly message: string;
  /** The rule that decided the call (provider.reason.rule). */
  readonly rule: string;
}

/** What one step did, for injected invariants and coverage. */
export interface CallObservation {
  readonly step: number;
  readonly op: Step['op'];
  readonly setup: boolean;
  /** The returned value (undefined for harness steps). */
  readonly result: number | undefined;
  readonly rule: string;
  /** `${name}/${requestType}` of the option row the call resolved to, or null. */
  readonly row: string | null;
  readonly vector: Vector;
}

/** A completion delivered during a step. */
export interface CompletionObservation {
  readonly step: number;
  readonly op: string;
  readonly status: number;
  readonly rule: string;
  readonly row: string | null;
}

/** An injected invariant: returns a message when violated (used to plant bugs in tests). */
export type ExtraInvariant = { readonly id: string; readonly check: (o: CallObservation) => string | null };

/** Options of runCase. */
export interface RunCaseOptions {
  readonly extraInvariants?: readonly ExtraInvariant[];
  /** Also run on a second fresh provider and compare every byte (invariant `deterministic`). Default true. */
  readonly twice?: boolean;
  /** Keep per-step images for turning a failure into a vector. Default false. */
  readonly record?: boolean;
}

/** Images of one caller buffer around one call. */
export interface BufferImages {
  readonly initial: Buffer;
  readonly after: Buffer;
}

/** Per-step record kept with `record: true`. */
export interface StepRecord {
  readonly result: number | undefined;
  readonly rule: string;
  readonly output?: BufferImages;
  readonly outputSizeReturned?: BufferImages;
  readonly irp?: BufferImages & { readonly completed: boolean };
  /** IoStatus of each IRP completed during the step, in order. */
  readonly completions: readonly { readonly status: number; readonly information: bigint }[];
  /** Option slots of the socket the step used, before the call (when it was live). */
  readonly optionsBefore?: readonly number[];
  readonly socketHandle?: number;
}

/** Result of running one case. */
export interface CaseRun {
  readonly calls: number;
  readonly violations: Violation[];
  readonly observations: CallObservation[];
  readonly completions: CompletionObservation[];
  readonly records: StepRecord[];
  readonly fingerprint: number;
}

/** Bytes around every caller buffer that must stay as they are. */
export const GUARD = 16;
/** Value of the guard bytes. */
export const GUARD_BYTE = 0x5a;

interface Guarded { readonly backing: Buffer; readonly buf: Buffer; readonly name: string; readonly step: number }

/** A call whose IRP may complete later. */
interface IrpCall {
  readonly step: number;
  readonly op: Step['op'];
  readonly row: string | null;
  readonly declaredOut: number;
  readonly output: Buffer | null;
  readonly outputInit: Buffer | null;
  readonly osr: Buffer | null;
  readonly osrInit: Buffer | null;
  readonly irp: Buffer;
  readonly irpInit: Buffer;
  readonly socket: number;
  /** LocalAddress bytes of a bind. */
  readonly address: Buffer | null;
}

interface CompletionEvent { readonly irp: Uint8Array; readonly status: number; readonly information: bigint; readonly rule: string; readonly conflict: number; readonly state: string }

const ROW_NAMES = new Map<OptionRow, string>();
for (const r of OPTION_ROWS as readonly OptionRow[]) ROW_NAMES.set(r, `${r.name}/${r.requestType}`);

/** Parse a fuzz case (vector object) into the runner's Vector. */
export function parseCase(v: VectorJson): Vector {
  return parseVectorFile(JSON.stringify(vectorFile('fuzz case', [v])), '<fuzz case>').vectors[0]!;
}

function fnv(h: number, b: Uint8Array): number {
  for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b[i]!, 16777619) >>> 0;
  return h;
}
function fnvNum(h: number, n: number): number {
  return Math.imul(h ^ (n >>> 0), 16777619) >>> 0;
}

/** Run a case, checking every invariant on every call. Never throws for provider misbehaviour. */
export function runCase(input: VectorJson | Vector, opts: RunCaseOptions = {}): CaseRun {
  const isParsed = typeof (input.steps[0] as { index?: unknown } | undefined)?.index === 'number';
  const vector = isParsed ? input as Vector : parseCase(input as VectorJson);
  const setup = new Set<number>();
  if (!isParsed) (input as VectorJson).steps.forEach((st, i) => { if (st['x-setup'] === true) setup.add(i); });
  const first = execute(vector, opts, setup);
  if (opts.twice !== false && first.violations.every((x) => x.invariant !== 'never-throws')) {
    const second = execute(vector, { ...opts, record: false, extraInvariants: [] }, setup);
    if (second.fingerprint !== first.fingerprint) {
      first.violations.push({ step: -1, op: 'case', invariant: 'deterministic', message: `two fresh providers gave different bytes (fingerprints ${first.fingerprint.toString(16)} vs ${second.fingerprint.toString(16)})`, rule: '' });
    }
  }
  return first;
}

function execute(v: Vector, opts: RunCaseOptions, setupSteps: ReadonlySet<number>): CaseRun {
  const violations: Violation[] = [];
  const observations: CallObservation[] = [];
  const completionsOut: CompletionObservation[] = [];
  const records: StepRecord[] = [];
  const extra = opts.extraInvariants ?? [];
  const record = opts.record === true;
  let events: CompletionEvent[] = [];
  const provider: WskProvider = new WskProvider({
    arch: v.arch, profile: v.profile, policy: v.policy, completion: v.completion,
    onComplete: (irp, status) => {
      events.push({ irp, status, information: readUintNBig(irp, L.irpInformationOffset, L.ulongPtr), rule: provider.reason.rule, conflict: provider.reason.conflictSocket, state: snapshot() });
    },
  });
  const L = provider.layout;
  const sockets = new Map<string, number>();
  const handles: number[] = [];
  const owners = new Map<number, string>();
  const sds = new Map<string, number>();
  const guarded: Guarded[] = [];
  const irpCalls = new Map<Uint8Array, IrpCall>();
  const boundFlags = new Map<number, { exclusive: boolean; dualStack: boolean }>();
  let fingerprint = 0x811c9dc5;
  let calls = 0;

  function snapshot(): string {
    let s = `${provider.endpoints.size}`;
    for (const h of handles) {
      const x = provider.inspect(h);
      s += x === undefined ? ';x' : `;${Array.from(x.options).join(',')}|${x.boundAddress === null ? '-' : formatAddress(x.boundAddress)}|${x.forcedClosed ? 1 : 0}`;
    }
    return s;
  }

  function alloc(name: string, step: number, spec: BufferSpec): Buffer | null {
    if (spec === null) return null;
    const backing = Buffer.alloc(spec.initial.length + 2 * GUARD, GUARD_BYTE);
    spec.initial.copy(backing, GUARD);
    const buf = backing.subarray(GUARD, GUARD + spec.initial.length);
    guarded.push({ backing, buf, name, step });
    return buf;
  }

  for (const step of v.steps) {
    const violate = (invariant: InvariantId, message: string): void => {
      const rule = provider.reason.rule;
      if (!excepted(invariant, rule, message)) violations.push({ step: step.index, op: step.op, invariant, message, rule });
    };
    events = [];
    const stateBefore = snapshot();
    let result: number | undefined;
    let rowName: string | null = null;
    let input: Buffer | null = null;
    let output: Buffer | null = null;
    let osr: Buffer | null = null;
    let irp: Buffer | null = null;
    let declaredOut = 0;
    let handle = 0;
    let optionsBefore: number[] | undefined;
    const named = (name: string): number => sockets.get(name) ?? 0x7fffffff;
    try {
      switch (step.op) {
        case 'socket': {
          const sd = step.securityDescriptor === undefined ? 0 : sds.get(step.securityDescriptor) ?? 0;
          const owner = step.owner ?? 'system';
          const r = provider.wskSocket({ family: step.family, type: step.type, protocol: step.protocol, flags: step.flags, owner, securityDescriptor: sd });
          result = r.status;
          if (r.socket !== 0) {
            handles.push(r.socket);
            owners.set(r.socket, owner);
            if (step.as !== undefined) sockets.set(step.as, r.socket);
          }
          break;
        }
        case 'control': {
          handle = named(step.socket);
          input = alloc('input', step.index, step.input);
          output = alloc('output', step.index, step.output);
          osr = alloc('outputSizeReturned', step.index, step.outputSizeReturned);
          irp = alloc('irp', step.index, step.irp);
          declaredOut = step.outputSize > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(step.outputSize);
          const row = provider.options.find(step.requestType, step.level, step.controlCode);
          rowName = row === undefined ? null : ROW_NAMES.get(row.row) ?? row.row.name;
          const s = provider.inspect(handle);
          if (s !== undefined) optionsBefore = Array.from(s.options);
          calls++;
          result = provider.wskControlSocket(handle, step.requestType, step.controlCode, step.level, step.inputSize, input, step.outputSize, output, osr, irp);
          break;
        }
        case 'controlClient': {
          input = alloc('input', step.index, step.input);
          output = alloc('output', step.index, step.output);
          osr = alloc('outputSizeReturned', step.index, step.outputSizeReturned);
          irp = alloc('irp', step.index, step.irp);
          declaredOut = step.outputSize > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(step.outputSize);
          calls++;
          result = provider.wskControlClient(step.controlCode, step.inputSize, input, step.outputSize, output, osr, irp);
          break;
        }
        case 'bind': {
          handle = named(step.socket);
          input = step.address === null ? null : alloc('address', step.index, { initial: step.address.bytes });
          irp = alloc('irp', step.index, step.irp);
          calls++;
          result = provider.wskBind(handle, input, step.flags, irp, step.address?.size);
          break;
        }
        case 'close':
          handle = named(step.socket);
          irp = alloc('irp', step.index, step.irp);
          calls++;
          result = provider.wskCloseSocket(handle, irp);
          break;
        case 'cacheSd':
          sds.set(step.as, provider.cacheSecurityDescriptor(step.allow));
          break;
        case 'releaseSd':
          result = provider.releaseSecurityDescriptor(sds.get(step.sd) ?? 0);
          break;
        case 'complete':
          provider.deliverCompletions();
          break;
        case 'setAddressList':
          provider.setAddressList(step.family, step.addresses);
          break;
        case 'forceClose':
          provider.forceClose(named(step.socket));
          break;
      }
    } catch (e) {
      const what = e instanceof AbiUsageError ? 'AbiUsageError (the arbitraries generated a value the TypeScript API rejects)' : e instanceof Error ? `${e.name}` : 'a non-Error value';
      violate('never-throws', `${step.op} threw ${what}: ${e instanceof Error ? e.message : String(e)}`);
      return { calls, violations, observations, completions: completionsOut, records, fingerprint };
    }

    const rule = provider.reason.rule;
    const isCall = step.op === 'control' || step.op === 'controlClient' || step.op === 'bind' || step.op === 'close';
    const stepIrpInit = irp === null ? null : (step as { irp: BufferSpec }).irp!.initial;
    const outputInit = output === null ? null : (step as { output: BufferSpec }).output!.initial;
    const osrInit = osr === null ? null : (step as { outputSizeReturned: BufferSpec }).outputSizeReturned!.initial;

    // result-kind
    if (result !== undefined && step.op !== 'releaseSd') {
      const ok = Number.isInteger(result) && (isFault(result) ? faultName(result) !== undefined : isKnownStatus(result));
      if (!ok) violate('result-kind', `result ${String(result)} is neither a known NTSTATUS nor a fault`);
    }
    // guard-bytes (every buffer of the case so far: a provider may keep a pointer)
    for (const g of guarded) {
      const end = GUARD + g.buf.length;
      for (let i = 0; i < g.backing.length; i++) {
        if (i === GUARD) { i = end - 1; continue; }
        if (g.backing[i] !== GUARD_BYTE) { violate('guard-bytes', `${g.name} of step ${g.step}: guard byte at ${i - GUARD} changed`); g.backing[i] = GUARD_BYTE; break; }
      }
    }
    if (input !== null) {
      const initial = step.op === 'control' || step.op === 'controlClient' ? step.input!.initial : (step as { address: { bytes: Buffer } }).address.bytes;
      if (!input.equals(initial)) violate('input-readonly', `${step.op === 'bind' ? 'LocalAddress' : 'InputBuffer'} was written`);
    }

    const stateAfter = snapshot();
    const ownIrpEvent = irp === null ? undefined : events.find((e) => e.irp === irp);
    if (isCall && result !== undefined) {
      if (isFault(result)) {
        if (stateAfter !== stateBefore) violate('fault-changes-nothing', `fault ${faultName(result)} changed socket state`);
        if (events.length > 0) violate('fault-changes-nothing', `fault ${faultName(result)} completed ${events.length} IRP(s)`);
        if (output !== null && !output.equals(outputInit!)) violate('fault-changes-nothing', `fault ${faultName(result)} wrote OutputBuffer`);
        if (osr !== null && !osr.equals(osrInit!)) violate('fault-changes-nothing', `fault ${faultName(result)} wrote *OutputSizeReturned`);
        if (irp !== null && !irp.equals(stepIrpInit!)) violate('fault-changes-nothing', `fault ${faultName(result)} wrote the IRP`);
      } else if (result === STATUS.STATUS_PENDING) {
        if (v.completion === 'inline') violate('inline-never-pending', `${step.op} returned STATUS_PENDING with inline completion`);
        if (irp === null) violate('pending-unobservable', `${step.op} returned STATUS_PENDING without an IRP`);
        if (output !== null && !output.equals(outputInit!)) violate('pending-unobservable', 'OutputBuffer written before completion');
        if (osr !== null && !osr.equals(osrInit!)) violate('pending-unobservable', '*OutputSizeReturned written before completion');
        if (ownIrpEvent !== undefined || (irp !== null && !irp.equals(stepIrpInit!))) violate('pending-unobservable', 'the IRP was completed or written before completions were delivered');
        if (step.op !== 'close' && stateAfter !== stateBefore) violate('pending-unobservable', 'socket state changed before completion');
        if (irp !== null) {
          irpCalls.set(irp, { step: step.index, op: step.op, row: rowName, declaredOut, output, outputInit, osr, osrInit, irp, irpInit: stepIrpInit!, socket: handle, address: step.op === 'bind' ? input : null });
        }
      } else {
        const failed = result !== STATUS.STATUS_SUCCESS;
        if (output !== null && output.length > declaredOut && !output.subarray(declaredOut).equals(outputInit!.subarray(declaredOut))) {
          violate('within-declared', `OutputBuffer written at or beyond OutputSize ${declaredOut}`);
        }
        if (osr !== null && osr.length > L.sizeT && !osr.subarray(L.sizeT).equals(osrInit!.subarray(L.sizeT))) {
          violate('within-declared', `*OutputSizeReturned written beyond sizeof(SIZE_T) ${L.sizeT}`);
        }
        if (irp !== null) {
          checkIrpBytes(irp, stepIrpInit!, L, violate);
          if (ownIrpEvent === undefined && !irp.equals(stepIrpInit!)) violate('irp-needs-completion', 'the IRP was written but not completed');
          if (ownIrpEvent !== undefined) {
            const now = { status: readUlongAt(irp, L.irpStatusOffset), information: readUintNBig(irp, L.irpInformationOffset, L.ulongPtr) };
            if (now.status !== ownIrpEvent.status || now.information !== ownIrpEvent.information) {
              violate('irp-iostatus-only', `IoStatus changed after the IRP was completed (${resultName(ownIrpEvent.status)}/${ownIrpEvent.information} -> ${resultName(now.status)}/${now.information})`);
            }
            if (now.status !== result) violate('return-equals-iostatus', `returned ${resultName(result)}, IoStatus.Status ${resultName(now.status)}`);
            checkInformation(step.op, now, declaredOut, violate);
          }
        }
        if (failed) {
          if (stateAfter !== stateBefore && step.op !== 'close') violate('failure-no-state', `${resultName(result)} changed socket state`);
          if (output !== null && !output.equals(outputInit!)) violate('failure-no-output', `${resultName(result)} wrote OutputBuffer`);
          if (osr !== null && !osr.equals(osrInit!)) violate('failure-no-output', `${resultName(result)} wrote *OutputSizeReturned`);
        } else if (osr !== null && !osr.equals(osrInit!)) {
          if (irp !== null) violate('osr-le-output-size', '*OutputSizeReturned written although an IRP was used');
          const n = readUintNBig(osr, 0, L.sizeT);
          if (n > BigInt(declaredOut)) violate('osr-le-output-size', `*OutputSizeReturned = ${n} > OutputSize ${declaredOut}`);
        }
        if (step.op === 'bind' && result === STATUS.STATUS_SUCCESS) { checkHijack(handle, violate); checkPortZero(handle, input, violate); }
        if (step.op === 'bind' && failed && provider.reason.conflictSocket !== 0) checkRefusal(handle, input, provider.reason.conflictSocket, violate);
      }
    }
    // Completions of earlier pending calls (delivered by `complete`, or cancelled by `close`).
    let prevState = stateBefore;
    for (const e of events) {
      const c = irpCalls.get(e.irp as Buffer);
      if (c === undefined) { prevState = e.state; continue; }
      irpCalls.delete(e.irp as Buffer);
      const failed = e.status !== STATUS.STATUS_SUCCESS;
      const cancelled = step.op === 'close' && e.status === STATUS.STATUS_CANCELLED;
      completionsOut.push({ step: c.step, op: c.op, status: e.status, rule: cancelled ? 'close-cancels-pending' : e.rule, row: c.row });
      checkIrpBytes(c.irp, c.irpInit, L, violate);
      checkInformation(c.op, e, c.declaredOut, violate);
      if (c.output !== null && c.output.length > c.declaredOut && !c.output.subarray(c.declaredOut).equals(c.outputInit!.subarray(c.declaredOut))) {
        violate('within-declared', `OutputBuffer of step ${c.step} written at or beyond OutputSize ${c.declaredOut}`);
      }
      if (c.osr !== null && !c.osr.equals(c.osrInit!)) violate('osr-le-output-size', `*OutputSizeReturned of step ${c.step} written although an IRP was used`);
      if (failed) {
        if (c.output !== null && !c.output.equals(c.outputInit!)) violate('failure-no-output', `completion of step ${c.step} with ${resultName(e.status)} wrote OutputBuffer`);
        if ((step.op === 'complete' || step.op === 'setAddressList') && c.op !== 'close' && e.state !== prevState) violate('failure-no-state', `completion of step ${c.step} with ${resultName(e.status)} changed socket state`);
        if (c.op === 'bind' && e.conflict !== 0) checkRefusal(c.socket, c.address, e.conflict, violate);
      } else if (c.op === 'bind') {
        checkHijack(c.socket, violate);
        checkPortZero(c.socket, c.address, violate);
      }
      prevState = e.state;
    }

    const obs: CallObservation = { step: step.index, op: step.op, setup: setupSteps.has(step.index), result, rule, row: rowName, vector: v };
    observations.push(obs);
    for (const x of extra) {
      const m = x.check(obs);
      if (m !== null) violate(`extra:${x.id}`, m);
    }
    // Fingerprint: result, rule and every caller buffer of the step, and the state.
    fingerprint = fnvNum(fingerprint, result ?? 0x12345);
    for (const b of [input, output, osr, irp]) if (b !== null) fingerprint = fnv(fingerprint, b);
    fingerprint = fnv(fingerprint, Buffer.from(`${rule}|${stateAfter}`));
    if (record) {
      records.push({
        result, rule,
        ...(output !== null ? { output: { initial: outputInit!, after: Buffer.from(output) } } : {}),
        ...(osr !== null ? { outputSizeReturned: { initial: osrInit!, after: Buffer.from(osr) } } : {}),
        ...(irp !== null ? { irp: { initial: stepIrpInit!, after: Buffer.from(irp), completed: ownIrpEvent !== undefined } } : {}),
        completions: events.map((e) => ({ status: e.status, information: e.information })),
        ...(optionsBefore !== undefined ? { optionsBefore } : {}),
        ...(handle !== 0 ? { socketHandle: handle } : {}),
      });
    }
  }
  return { calls, violations, observations, completions: completionsOut, records, fingerprint };

  function viewOf(x: number, address: TransportAddress | null): BoundView | null {
    const s = provider.inspect(x);
    const a = address ?? s?.boundAddress ?? null;
    if (s === undefined || a === null) return null;
    const flags = (address === null ? boundFlags.get(x) : undefined) ?? sharingFlags(s.family, s.options);
    return { handle: x, owner: owners.get(x) ?? 'system', family: s.family, category: s.category, type: s.type, address: a, ...flags };
  }

  function checkPortZero(h: number, address: Uint8Array | null, violate: (i: InvariantId, m: string) => void): void {
    if (address === null || address.length < 16 || address[2] !== 0 || address[3] !== 0) return;
    const me = viewOf(h, null);
    if (me === null || claimsOf(me).length === 0) return;
    const port = me.address.port;
    const others: BoundView[] = [];
    for (const x of handles) {
      if (x === h) continue;
      const o = viewOf(x, null);
      if (o !== null) others.push(o);
    }
    for (let q = DYNAMIC_PORT_FIRST; q < port; q++) {
      const at = { ...me, address: { ...me.address, port: q } };
      if (!others.some((o) => bindingsOverlap(at, o))) {
        violate('port-zero-lowest', `port 0 was given ${port}, but ${formatAddress(at.address)} overlaps no live binding`);
        return;
      }
    }
  }

  function checkRefusal(h: number, address: Uint8Array | null, conflict: number, violate: (i: InvariantId, m: string) => void): void {
    if (address === null || address.length < 16) return;
    const requested = decodeSockaddr(address);
    if (requested.port === 0) {
      violate('port-zero-lowest', `a port-0 bind was refused by sharing rule ${provider.reason.rule}`);
      return;
    }
    const me = viewOf(h, requested);
    const other = viewOf(conflict, null);
    if (me === null) return;
    if (other === null) violate('refusal-names-overlap', `bind refused (rule ${provider.reason.rule}) naming socket #${conflict}, which is not bound`);
    else if (!mayOverlap(me, other)) violate('refusal-names-overlap', `bind of ${formatAddress(requested)} refused naming ${formatAddress(other.address)}, which does not overlap`);
  }

  function checkHijack(h: number, violate: (i: InvariantId, m: string) => void): void {
    // Sharing flags are those in force when each socket was bound (a lenient late Set has no effect on a binding).
    const me = provider.inspect(h);
    if (me !== undefined) boundFlags.set(h, sharingFlags(me.family, me.options));
    const views: BoundView[] = [];
    for (const x of handles) {
      const s = provider.inspect(x);
      if (s === undefined || s.boundAddress === null) continue;
      const flags = boundFlags.get(x) ?? sharingFlags(s.family, s.options);
      views.push({ handle: x, owner: owners.get(x) ?? 'system', family: s.family, category: s.category, type: s.type, address: s.boundAddress, ...flags });
    }
    const cand = views.find((x) => x.handle === h);
    if (cand === undefined) return;
    const holder = hijackedHolder(cand, views);
    if (holder !== null) {
      violate('anti-hijack', `${cand.owner}'s socket bound ${formatAddress(cand.address)} over ${holder.owner}'s SO_EXCLUSIVEADDRUSE binding ${formatAddress(holder.address)}`);
    }
  }
}

function readUlongAt(b: Uint8Array, off: number): number {
  return (b[off]! | (b[off + 1]! << 8) | (b[off + 2]! << 16) | (b[off + 3]! << 24)) >>> 0;
}

function checkIrpBytes(irp: Uint8Array, initial: Uint8Array, L: WskProvider['layout'], violate: (i: InvariantId, m: string) => void): void {
  const s0 = L.irpStatusOffset;
  const i0 = L.irpInformationOffset;
  for (let i = 0; i < irp.length; i++) {
    if ((i >= s0 && i < s0 + 4) || (i >= i0 && i < i0 + L.ulongPtr)) continue;
    if (irp[i] !== initial[i]) { violate('irp-iostatus-only', `IRP byte ${i} changed (outside IoStatus.Status and Information)`); return; }
  }
}

function checkInformation(op: string, e: { status: number; information: bigint }, declaredOut: number, violate: (i: InvariantId, m: string) => void): void {
  if (e.status !== STATUS.STATUS_SUCCESS) {
    if (e.information !== 0n) violate('failure-information', `IRP completed with ${resultName(e.status)} and Information ${e.information}`);
    return;
  }
  const hasOutput = op === 'control' || op === 'controlClient';
  const limit = hasOutput ? BigInt(declaredOut) : 0n;
  if (e.information > limit) violate('information-le-output-size', `IoStatus.Information ${e.information} > ${hasOutput ? `OutputSize ${declaredOut}` : '0'}`);
}

/** The IRP image a correct provider leaves: the initial bytes with IoStatus {status, information}. */
export function expectedIrp(initial: Buffer, status: number, information: bigint, L: WskProvider['layout']): Buffer {
  const b = Buffer.from(initial);
  writeUlong(b, L.irpStatusOffset, status);
  writeUintN(b, L.irpInformationOffset, Number(information), L.ulongPtr);
  return b;
}

/** Read a ULONG option value image (for Get probes added to finding vectors). */
export function ulongImage(v: number): string {
  const b = Buffer.alloc(4);
  writeUlong(b, 0, v);
  return toHex(b);
}
