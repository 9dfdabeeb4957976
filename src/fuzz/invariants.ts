/**
 * The invariants: the properties POLICY.md promises for any input, each written once as a pure check over the
 * observation record of a step (src/fuzz/observation.ts). The case engine (src/fuzz/engine.ts) runs them on every
 * call of campaigns, jest properties and `runCase` alike.
 */
import { POLICY_ENTRIES } from '../../abi/policy';
import { SHARING_PROFILES } from '../../abi/sharing-rules';
import { isKnownStatus, STATUS } from '../codec/names';
import { decodeSockaddr, formatAddress, type TransportAddress } from '../codec/sockaddr';
import { faultName, isFault, resultName } from '../provider/result';
import { AF } from '../codec/names';
import type { CallObservation, Observation, World } from './observation';
import { sameImage, socketAt, W_ADDR, W_BOUND, W_LIVE, W_OPTIONS, W_PORT } from './state-image';
import { OPTION_STATE_INDEX } from '../provider/socket';
import {
  bindingsOverlap, checkFirstKinds, claimsOf, HAS_V6ONLY_ROW, hijackedHolder, isCheckCell, judgements, mayOverlap, tablesVerdict, type BoundView,
} from './sharing-model';

/** First port of the dynamic range (POLICY.md "Bind": port 0 takes the lowest free port of 49152-65535). */
const DYNAMIC_PORT_FIRST = 49152;

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
  'check-descriptor': 'a CHECK cell decides by the first binding\'s security descriptor: a bind succeeds over it only if that descriptor allows the newcomer\'s owner, and is refused by it only if it does not',
  'connection-never-blocks': 'a bind refused by a connection (rule connection-exclusive-reservation) names a closed SO_EXCLUSIVEADDRUSE listener bound on the requested port that still has an active or lingering connection',
  'reservation-exclusive': 'no socket is bound over a closed SO_EXCLUSIVEADDRUSE listener, where the sharing tables refuse it, while a connection the listener accepted is active or lingering',
  'time-no-early-release': 'advanceTime(t) moves simulated time by exactly t and releases exactly the lingering endpoints whose TIME_WAIT has run out by then',
  deterministic: 'the same inputs give the same bytes on a fresh provider',
} as const;

/** Identifier of an invariant (or of an injected one). */
export type InvariantId = keyof typeof INVARIANTS | `extra:${string}`;

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
    invariant: 'failure-no-output', rule: 'address-list-overflow', message: /wrote \*OutputSizeReturned$/, policy: 'failure-exception-address-list-query',
    why: 'SIO_ADDRESS_LIST_QUERY: STATUS_BUFFER_OVERFLOW (a warning) reports the required size in *OutputSizeReturned (D2 sio-address-list-query.md)',
  },
  {
    invariant: 'failure-no-output', rule: 'transport-list-overflow', message: /wrote \*OutputSizeReturned$/, policy: 'failure-exception-transport-list-query',
    why: 'WSK_TRANSPORT_LIST_QUERY: STATUS_BUFFER_OVERFLOW (a warning) reports the required size in *OutputSizeReturned (D2 wsk-transport-list-query.md)',
  },
  {
    invariant: 'failure-no-output', rule: 'wfp-buffer-too-small', message: /wrote \*OutputSizeReturned$/, policy: 'failure-exception-wfp-redirect-query',
    why: 'SIO_QUERY_WFP_CONNECTION_REDIRECT_RECORDS/CONTEXT: STATUS_BUFFER_TOO_SMALL with the required size in *OutputSizeReturned (D2: "OutputSizeReturned will contain the required size")',
  },
  {
    invariant: 'inline-never-pending', rule: 'address-list-change-pending', message: /./, policy: 'failure-exception-address-list-change',
    why: 'SIO_ADDRESS_LIST_CHANGE completes its IRP only when the address list changes, whatever the completion mode',
  },
];

const ACTIVE_EXCEPTIONS = INVARIANT_EXCEPTIONS.filter((x) => (POLICY_ENTRIES as readonly { id: string }[]).some((e) => e.id === x.policy));

function excepted(invariant: InvariantId, rule: string, message: string): boolean {
  for (const x of ACTIVE_EXCEPTIONS) if (x.invariant === invariant && x.rule === rule && x.message.test(message)) return true;
  return false;
}

/** One violated invariant. */
export interface Violation {
  readonly step: number;
  readonly op: string;
  readonly invariant: InvariantId;
  readonly message: string;
  /** The rule that decided the call (provider.reason.rule; for a delivered completion, the rule of that completion). */
  readonly rule: string;
  /** For a sharing invariant: the status the sharing tables give the bind (a finding vector expects it). */
  readonly expectedStatus?: string;
  /** For a check of a completion delivered during the step: its index among the step's completions. */
  readonly completion?: number;
}

/** An injected invariant: returns a message when violated (used to plant bugs in tests). */
export type ExtraInvariant = { readonly id: string; readonly check: (o: CallObservation) => string | null };

/** Where checks report: violations of one run, tagged with the step, op and deciding rule. */
export class Violations {
  readonly list: Violation[] = [];
  step = 0;
  op = '';
  rule = '';
  /** Index of the completion being checked among the step's completions, or -1 (the call itself). */
  completion = -1;

  violate(invariant: InvariantId, message: string, expectedStatus?: string): void {
    if (excepted(invariant, this.rule, message)) return;
    const v: { -readonly [K in keyof Violation]: Violation[K] } = { step: this.step, op: this.op, invariant, message, rule: this.rule };
    if (expectedStatus !== undefined) v.expectedStatus = expectedStatus;
    if (this.completion >= 0) v.completion = this.completion;
    this.list.push(v);
  }
}

const { STATUS_SUCCESS, STATUS_PENDING } = STATUS;

function readU32(b: Uint8Array, off: number): number {
  return (b[off]! | (b[off + 1]! << 8) | (b[off + 2]! << 16) | (b[off + 3]! << 24)) >>> 0;
}

function big(lo: number, hi: number): bigint {
  return (BigInt(hi) << 32n) | BigInt(lo);
}

// ---- the call itself ---------------------------------------------------------------------------------------------

/**
 * Check a step's own call: result-kind, fault-changes-nothing, inline-never-pending, pending-unobservable,
 * within-declared, irp-iostatus-only, irp-needs-completion, return-equals-iostatus, failure-information,
 * information-le-output-size, failure-no-state, failure-no-output, osr-le-output-size, and the sharing invariants of
 * a bind decided in the step.
 */
export function checkCall(o: Observation, v: Violations): void {
  v.step = o.step;
  v.op = o.op;
  v.rule = o.rule;
  v.completion = -1;
  const result = o.result;
  if (!o.hasResult) return;
  // result-kind
  const ok = Number.isInteger(result) && (isFault(result) ? faultName(result) !== undefined : isKnownStatus(result));
  if (!ok) v.violate('result-kind', `result ${String(result)} is neither a known NTSTATUS nor a fault`);
  const op = o.op;
  if (op !== 'control' && op !== 'controlClient' && op !== 'bind' && op !== 'close') return;
  const A = o.arena;
  const L = o.layout;
  const { outB, osrB, irpB, own } = o;
  const outLen = outB >= 0 ? A.bufLen[outB]! : 0;
  const osrLen = osrB >= 0 ? A.bufLen[osrB]! : 0;
  const ev = o.events;
  if (isFault(result)) {
    const f = faultName(result);
    if (o.state.changed) v.violate('fault-changes-nothing', `fault ${f} changed socket state`);
    if (ev.count > 0) v.violate('fault-changes-nothing', `fault ${f} completed ${ev.count} IRP(s)`);
    if (outB >= 0 && !A.unchanged(outB, 0, outLen)) v.violate('fault-changes-nothing', `fault ${f} wrote OutputBuffer`);
    if (osrB >= 0 && !A.unchanged(osrB, 0, osrLen)) v.violate('fault-changes-nothing', `fault ${f} wrote *OutputSizeReturned`);
    if (irpB >= 0 && !A.unchanged(irpB, 0, A.bufLen[irpB]!)) v.violate('fault-changes-nothing', `fault ${f} wrote the IRP`);
    return;
  }
  if (result === STATUS_PENDING) {
    if (o.inline) v.violate('inline-never-pending', `${op} returned STATUS_PENDING with inline completion`);
    if (irpB < 0) v.violate('pending-unobservable', `${op} returned STATUS_PENDING without an IRP`);
    if (outB >= 0 && !A.unchanged(outB, 0, outLen)) v.violate('pending-unobservable', 'OutputBuffer written before completion');
    if (osrB >= 0 && !A.unchanged(osrB, 0, osrLen)) v.violate('pending-unobservable', '*OutputSizeReturned written before completion');
    if (own >= 0 || (irpB >= 0 && !A.unchanged(irpB, 0, A.bufLen[irpB]!))) v.violate('pending-unobservable', 'the IRP was completed or written before completions were delivered');
    if (op !== 'close' && o.state.changed) v.violate('pending-unobservable', 'socket state changed before completion');
    return;
  }
  const failed = result !== STATUS_SUCCESS;
  const declaredOut = o.declaredOut;
  if (outB >= 0 && outLen > declaredOut && !A.unchanged(outB, declaredOut, outLen - declaredOut)) {
    v.violate('within-declared', `OutputBuffer written at or beyond OutputSize ${declaredOut}`);
  }
  if (osrB >= 0 && osrLen > L.sizeT && !A.unchanged(osrB, L.sizeT, osrLen - L.sizeT)) {
    v.violate('within-declared', `*OutputSizeReturned written beyond sizeof(SIZE_T) ${L.sizeT}`);
  }
  if (irpB >= 0) {
    checkIrpBytes(o, irpB, v);
    if (own < 0 && !A.unchanged(irpB, 0, A.bufLen[irpB]!)) v.violate('irp-needs-completion', 'the IRP was written but not completed');
    if (own >= 0) {
      const a = A.live;
      const off = A.bufOff[irpB]!;
      const status = readU32(a, off + L.irpStatusOffset);
      const lo = readU32(a, off + L.irpInformationOffset);
      const hi = L.ulongPtr === 8 ? readU32(a, off + L.irpInformationOffset + 4) : 0;
      if (status !== ev.status[own] || lo !== ev.infoLo[own] || hi !== ev.infoHi[own]) {
        v.violate('irp-iostatus-only', `IoStatus changed after the IRP was completed (${resultName(ev.status[own]!)}/${big(ev.infoLo[own]!, ev.infoHi[own]!)} -> ${resultName(status)}/${big(lo, hi)})`);
      }
      if (status !== result) v.violate('return-equals-iostatus', `returned ${resultName(result)}, IoStatus.Status ${resultName(status)}`);
      checkInformation(op, status, lo, hi, declaredOut, v);
    }
  }
  if (failed) {
    if (op !== 'close' && o.state.changed) v.violate('failure-no-state', `${resultName(result)} changed socket state`);
    if (outB >= 0 && !A.unchanged(outB, 0, outLen)) v.violate('failure-no-output', `${resultName(result)} wrote OutputBuffer`);
    if (osrB >= 0 && !A.unchanged(osrB, 0, osrLen)) v.violate('failure-no-output', `${resultName(result)} wrote *OutputSizeReturned`);
  } else if (osrB >= 0 && !A.unchanged(osrB, 0, osrLen)) {
    if (irpB >= 0) v.violate('osr-le-output-size', '*OutputSizeReturned written although an IRP was used');
    const off = A.bufOff[osrB]!;
    const lo = readU32(A.live, off);
    const hi = L.sizeT === 8 ? readU32(A.live, off + 4) : 0;
    if (hi * 0x100000000 + lo > declaredOut) v.violate('osr-le-output-size', `*OutputSizeReturned = ${big(lo, hi)} > OutputSize ${declaredOut}`);
  }
  if (op === 'bind') {
    const img = o.state.cur;
    if (result === STATUS_SUCCESS) {
      checkBound(o.world, img, o.world.indexOf(o.handle), o.arena, o.inB, v);
      if (o.conn) checkReservations(o, img, o.world.indexOf(o.handle), v);
    } else if (o.conflict !== 0) checkRefused(o.world, img, o.world.indexOf(o.handle), o.arena, o.inB, o.conflict, o.rule, v, o);
  }
}

/** Check the completion (event k) of an earlier pending call (PendingCalls index c), delivered during the step. */
export function checkCompletion(o: Observation, k: number, c: number, v: Violations): void {
  const ev = o.events;
  const P = o.pending;
  const A = o.arena;
  v.step = o.step;
  v.op = o.op;
  v.rule = ev.rule[k]!;
  v.completion = k;
  const status = ev.status[k]!;
  const cOp = P.op[c]!;
  const cStep = P.step[c]!;
  const cOut = P.outB[c]!;
  const cOsr = P.osrB[c]!;
  const cDecl = P.declaredOut[c]!;
  checkIrpBytes(o, P.irpB[c]!, v);
  checkInformation(cOp, status, ev.infoLo[k]!, ev.infoHi[k]!, cDecl, v);
  if (cOut >= 0 && A.bufLen[cOut]! > cDecl && !A.unchanged(cOut, cDecl, A.bufLen[cOut]! - cDecl)) {
    v.violate('within-declared', `OutputBuffer of step ${cStep} written at or beyond OutputSize ${cDecl}`);
  }
  if (cOsr >= 0 && !A.unchanged(cOsr, 0, A.bufLen[cOsr]!)) v.violate('osr-le-output-size', `*OutputSizeReturned of step ${cStep} written although an IRP was used`);
  const img = ev.state[k] ?? o.state.cur;
  if (status !== STATUS_SUCCESS) {
    if (cOut >= 0 && !A.unchanged(cOut, 0, A.bufLen[cOut]!)) v.violate('failure-no-output', `completion of step ${cStep} with ${resultName(status)} wrote OutputBuffer`);
    const snap = ev.state[k];
    if (snap !== null && cOp !== 'close') {
      // The state before this completion: the previous completion's image, or the step's before-image.
      let prev = o.state.before;
      let prevLen = o.state.beforeLen;
      for (let j = k - 1; j >= 0; j--) if (ev.state[j] !== null) { prev = ev.state[j]!; prevLen = ev.stateLen[j]!; break; }
      if (!sameImage(snap!, ev.stateLen[k]!, prev, prevLen)) v.violate('failure-no-state', `completion of step ${cStep} with ${resultName(status)} changed socket state`);
    }
    if (cOp === 'bind' && ev.conflict[k] !== 0) checkRefused(o.world, img, o.world.indexOf(P.socket[c]!), A, P.addrB[c]!, ev.conflict[k]!, ev.rule[k]!, v, o);
  } else if (cOp === 'bind') {
    checkBound(o.world, img, o.world.indexOf(P.socket[c]!), A, P.addrB[c]!, v);
    if (o.conn) checkReservations(o, img, o.world.indexOf(P.socket[c]!), v);
  }
}

/**
 * guard-bytes (every buffer of the case so far: a provider may keep a pointer) and input-readonly. Called once the
 * buffers the provider was entitled to write are settled into the shadow: an arena equal to the shadow then means no
 * guard byte and no input changed. Returns whether the arena differed (the caller then resynchronises the shadow).
 */
export function checkMemory(o: Observation, v: Violations): boolean {
  const A = o.arena;
  if (!A.differs()) return false;
  v.step = o.step;
  v.op = o.op;
  v.rule = o.rule;
  v.completion = -1;
  for (let b = 0; b < A.nBuf; b++) {
    const at = A.brokenGuard(b);
    if (at === at) v.violate('guard-bytes', `${A.bufName[b]} of step ${A.bufStep[b]}: guard byte at ${at} changed`);
  }
  if (o.inB >= 0 && !A.unchanged(o.inB, 0, A.bufLen[o.inB]!)) v.violate('input-readonly', `${o.op === 'bind' ? 'LocalAddress' : 'InputBuffer'} was written`);
  return true;
}

/** Injected invariants, over the call's summary. */
export function checkExtra(o: Observation, extra: readonly ExtraInvariant[], v: Violations): void {
  if (extra.length === 0) return;
  const obs: CallObservation = { step: o.step, op: o.op, setup: o.setup, result: o.hasResult ? o.result : undefined, rule: o.rule, row: o.row };
  v.step = o.step;
  v.op = o.op;
  v.rule = o.rule;
  v.completion = -1;
  for (const x of extra) {
    const m = x.check(obs);
    if (m !== null) v.violate(`extra:${x.id}`, m);
  }
}

function checkIrpBytes(o: Observation, b: number, v: Violations): void {
  const L = o.layout;
  const A = o.arena;
  const off = A.bufOff[b]!;
  const len = A.bufLen[b]!;
  const s0 = L.irpStatusOffset;
  const i0 = L.irpInformationOffset;
  const i1 = i0 + L.ulongPtr;
  if (A.sameAsShadow(off, s0) && A.sameAsShadow(off + s0 + 4, i0 - s0 - 4) && A.sameAsShadow(off + i1, len - i1)) return;
  const m = A.mem;
  const H = A.size;
  for (let i = 0; i < len; i++) {
    if ((i >= s0 && i < s0 + 4) || (i >= i0 && i < i1)) continue;
    if (m[off + i] !== m[H + off + i]) { v.violate('irp-iostatus-only', `IRP byte ${i} changed (outside IoStatus.Status and Information)`); return; }
  }
}

function checkInformation(op: string, status: number, lo: number, hi: number, declaredOut: number, v: Violations): void {
  if (status !== STATUS_SUCCESS) {
    if (lo !== 0 || hi !== 0) v.violate('failure-information', `IRP completed with ${resultName(status)} and Information ${big(lo, hi)}`);
    return;
  }
  // WskAccept: Information is the accepted socket (its PWSK_SOCKET), not a byte count.
  if (op === 'accept') return;
  const hasOutput = op === 'control' || op === 'controlClient';
  const limit = hasOutput ? declaredOut : 0;
  if (hi * 0x100000000 + lo > limit) v.violate('information-le-output-size', `IoStatus.Information ${big(lo, hi)} > ${hasOutput ? `OutputSize ${declaredOut}` : '0'}`);
}

// ---- sharing: every bind is judged on the state image of the moment it was decided -------------------------------

/** The address a state image holds for socket `i` (bound). */
function boundAddress(w: World, img: Uint32Array, i: number): TransportAddress {
  const b = socketAt(i);
  return addressOfWords(w.family[i]!, img[b + W_PORT]!, img, b + W_ADDR);
}

/** A transport address from its words as a state image (and World.addr) holds them: address words (4) at `at`, the scope after them. */
function addressOfWords(family: number, port: number, words: ArrayLike<number>, at: number): TransportAddress {
  const v6 = family === AF.AF_INET6;
  const n = v6 ? 4 : 1;
  const addr = new Uint8Array(4 * n);
  for (let k = 0; k < n; k++) {
    const x = words[at + k]!;
    addr[4 * k] = x >>> 24; addr[4 * k + 1] = x >>> 16; addr[4 * k + 2] = x >>> 8; addr[4 * k + 3] = x;
  }
  return { family, port, addr, scopeId: v6 ? words[at + 4]! : 0, flowInfo: 0 };
}

/** The view of socket `i` with its options as `img` has them (a bind being judged), at `address`. */
function viewNow(w: World, img: Uint32Array, i: number, address: TransportAddress): BoundView {
  const o = socketAt(i) + W_OPTIONS;
  return {
    handle: w.handles[i]!, owner: w.owner[i]!, family: w.family[i]!, category: w.category[i]!, type: w.type[i]!, address,
    exclusive: img[o + OPTION_STATE_INDEX.exclusiveAddrUse] !== 0,
    reuse: img[o + OPTION_STATE_INDEX.reuseAddr] !== 0,
    dualStack: HAS_V6ONLY_ROW && w.family[i] === AF.AF_INET6 && img[o + OPTION_STATE_INDEX.ipv6Only] === 0,
    sd: img[o + OPTION_STATE_INDEX.securityDescriptor]!,
  };
}

/** The view of a bound socket `i` of `img`, with the options it was bound with (or, if its bind was not seen, those of img). */
function boundView(w: World, img: Uint32Array, i: number): BoundView {
  const address = boundAddress(w, img, i);
  if (w.boundSeq[i] === 0) return viewNow(w, img, i, address);
  return viewAsBound(w, i, address);
}

/** The view of socket `i` with the options the world recorded at its bind, at `address`. */
function viewAsBound(w: World, i: number, address: TransportAddress): BoundView {
  return {
    handle: w.handles[i]!, owner: w.owner[i]!, family: w.family[i]!, category: w.category[i]!, type: w.type[i]!, address,
    exclusive: w.exclusive[i]!, reuse: w.reuse[i]!, dualStack: w.dualStack[i]!, sd: w.sd[i]!,
  };
}

function isBound(img: Uint32Array, i: number): boolean {
  const b = socketAt(i);
  return img[b + W_LIVE] === 1 && img[b + W_BOUND] === 1;
}

/** Every other bound socket of `img`, in bind order (the order the tables' first refusal is taken in). */
function othersBound(w: World, img: Uint32Array, me: number): BoundView[] {
  const idx: number[] = [];
  for (let i = 0; i < w.n; i++) if (i !== me && isBound(img, i)) idx.push(i);
  idx.sort((a, b) => (w.boundSeq[a] || Infinity) - (w.boundSeq[b] || Infinity));
  return idx.map((i) => boundView(w, img, i));
}

function statusOf(w: World, verdict: ReturnType<typeof tablesVerdict>): string | undefined {
  if (verdict === null) return undefined;
  const pr = SHARING_PROFILES[w.profile];
  return verdict.outcome === 'SUCCESS' ? 'STATUS_SUCCESS' : verdict.outcome === 'INUSE' ? pr.inuse.status : pr.denied.status;
}

/** anti-hijack, check-descriptor and port-zero-lowest for a bind of socket `me` that succeeded, judged on `img`. */
function checkBound(w: World, img: Uint32Array, me: number, A: Observation['arena'], addrB: number, v: Violations): void {
  if (me < 0 || !isBound(img, me)) return;
  const port = img[socketAt(me) + W_PORT]!;
  const zero = addrB >= 0 && A.bufLen[addrB]! >= 16 && A.live[A.bufOff[addrB]! + 2] === 0 && A.live[A.bufOff[addrB]! + 3] === 0;
  // Claims overlap only on equal ports. Anti-hijack needs another owner's exclusive binding there; check-descriptor a
  // binding whose kind can be the first of a CHECK cell of the profile. Without either, only port 0 has anything to check.
  const checkFirst = checkFirstKinds(w.profile);
  let hijack = false;
  let check = false;
  for (let i = 0; i < w.n; i++) {
    if (i === me || !isBound(img, i) || img[socketAt(i) + W_PORT] !== port) continue;
    const b = socketAt(i);
    const seen = w.boundSeq[i] !== 0;
    const excl = seen ? w.exclusive[i]! : img[b + W_OPTIONS + OPTION_STATE_INDEX.exclusiveAddrUse] !== 0;
    if (excl && w.owner[i] !== w.owner[me]) hijack = true;
    if (checkFirst === 0 || check) continue;
    // The kinds this binding can have on its claims: its option mode, wildcard or specific (a v4-mapped 0.0.0.0 is
    // specific on IPv6 and the wildcard on IPv4).
    const mode = excl ? 2 : (seen ? w.reuse[i]! : img[b + W_OPTIONS + OPTION_STATE_INDEX.reuseAddr] !== 0) ? 1 : 0;
    const a0 = img[b + W_ADDR]!, a1 = img[b + W_ADDR + 1]!, a2 = img[b + W_ADDR + 2]!, a3 = img[b + W_ADDR + 3]!;
    let kinds = 1 << (mode * 2 + ((a0 | a1 | a2 | a3) === 0 ? 0 : 1));
    if (a0 === 0 && a1 === 0 && a2 === 0xffff && a3 === 0) kinds |= 1 << (mode * 2);
    if ((kinds & checkFirst) !== 0) check = true;
  }
  if (!hijack && !check && !zero) return;
  const cand = viewNow(w, img, me, boundAddress(w, img, me));
  const others = othersBound(w, img, me);
  if (hijack) {
    const holder = hijackedHolder(cand, others);
    if (holder !== null) {
      v.violate('anti-hijack', `${cand.owner}'s socket bound ${formatAddress(cand.address)} over ${holder.owner}'s SO_EXCLUSIVEADDRUSE binding ${formatAddress(holder.address)}`,
        statusOf(w, tablesVerdict(w.profile, cand, others, (sd, owner) => w.allows(sd, owner))));
    }
  }
  if (check) {
    for (const j of judgements(w.profile, cand, others)) {
      if (j.cell.outcome !== 'CHECK' || w.allows(j.holder.sd ?? 0, cand.owner) !== false) continue;
      v.violate('check-descriptor', `${cand.owner}'s bind of ${formatAddress(cand.address)} succeeded over ${j.holder.owner}'s binding ${formatAddress(j.holder.address)} (CHECK cell ${j.cell.id}), whose descriptor does not allow ${cand.owner}`,
        statusOf(w, tablesVerdict(w.profile, cand, others, (sd, owner) => w.allows(sd, owner))));
      break;
    }
  }
  if (zero && claimsOf(cand).length > 0) {
    for (let q = DYNAMIC_PORT_FIRST; q < port; q++) {
      const at = { ...cand, address: { ...cand.address, port: q } };
      if (!others.some((x) => bindingsOverlap(at, x))) {
        v.violate('port-zero-lowest', `port 0 was given ${port}, but ${formatAddress(at.address)} overlaps no live binding`);
        return;
      }
    }
  }
}

/** refusal-names-overlap, check-descriptor and port-zero-lowest for a bind of `me` refused by a sharing cell naming `conflict`. */
function checkRefused(w: World, img: Uint32Array, me: number, A: Observation['arena'], addrB: number, conflict: number, rule: string, v: Violations, o: Observation): void {
  if (me < 0 || addrB < 0 || A.bufLen[addrB]! < 16) return;
  const requested = decodeSockaddr(A.bytes(addrB));
  if (requested.port === 0) {
    v.violate('port-zero-lowest', `a port-0 bind was refused by sharing rule ${rule}`);
    return;
  }
  const cand = viewNow(w, img, me, requested);
  const expected = (): string | undefined => statusOf(w, tablesVerdict(w.profile, cand, othersBound(w, img, me), (sd, owner) => w.allows(sd, owner)));
  const ci = w.indexOf(conflict);
  const other = ci >= 0 && ci !== me && isBound(img, ci) ? boundView(w, img, ci) : null;
  if (other === null && rule === RESERVATION_RULE) {
    checkReservationRefusal(o, ci, requested, conflict, v);
    return;
  }
  if (other === null) {
    v.violate('refusal-names-overlap', `bind refused (rule ${rule}) naming socket #${conflict}, which is not bound`, expected());
    return;
  }
  if (!mayOverlap(cand, other)) {
    v.violate('refusal-names-overlap', `bind of ${formatAddress(requested)} refused naming ${formatAddress(other.address)}, which does not overlap`, expected());
    return;
  }
  if (isCheckCell(w.profile, rule) && w.allows(other.sd ?? 0, cand.owner) === true) {
    v.violate('check-descriptor', `bind of ${formatAddress(requested)} refused by CHECK cell ${rule} naming ${other.owner}'s binding ${formatAddress(other.address)}, whose descriptor allows ${cand.owner}`, expected());
  }
}

// ---- connections: exclusive reservations and simulated time --------------------------------------------------------

/** The rule of a bind refused by a closed exclusive listener's reservation (policy connection-exclusive-reservation). */
const RESERVATION_RULE = 'connection-exclusive-reservation';

/** The view of socket `i` as it was bound (its recorded options and address): a closed listener's reservation. */
function recordedView(w: World, i: number): BoundView {
  return viewAsBound(w, i, addressOfWords(w.family[i]!, w.port[i]!, w.addr, 5 * i));
}

/** Whether socket `i` is a closed listener bound with SO_EXCLUSIVEADDRUSE whose accepted connections are still active or lingering. */
function reserving(o: Observation, img: Uint32Array, i: number): boolean {
  const w = o.world;
  return img[socketAt(i) + W_LIVE] !== 1 && w.boundSeq[i] !== 0 && w.exclusive[i] === true && o.conn && (o.held[i] ?? -1) > 0;
}

/** connection-never-blocks: a reservation refusal of a bind of `requested` naming `conflict` (world index ci). */
function checkReservationRefusal(o: Observation, ci: number, requested: TransportAddress, conflict: number, v: Violations): void {
  const w = o.world;
  const why = ci < 0 ? 'a socket the case never created'
    : w.boundSeq[ci] === 0 || !w.exclusive[ci] ? 'a socket not bound with SO_EXCLUSIVEADDRUSE'
      : w.port[ci] !== requested.port ? `a listener bound on port ${w.port[ci]}`
        : !o.conn || (o.held[ci] ?? -1) <= 0 ? 'a closed listener with no active or lingering connection' : null;
  if (why !== null) v.violate('connection-never-blocks', `bind of ${formatAddress(requested)} refused by rule ${RESERVATION_RULE} naming socket #${conflict}: ${why}`);
}

/** reservation-exclusive: the bind of socket `me` that succeeded, against every reservation that lasts. */
function checkReservations(o: Observation, img: Uint32Array, me: number, v: Violations): void {
  if (me < 0 || !isBound(img, me)) return;
  const w = o.world;
  const port = img[socketAt(me) + W_PORT]!;
  for (let i = 0; i < w.n; i++) {
    if (i === me || w.port[i] !== port || !reserving(o, img, i)) continue;
    const cand = viewNow(w, img, me, boundAddress(w, img, me));
    const held = recordedView(w, i);
    const verdict = tablesVerdict(w.profile, cand, [held], (sd, owner) => w.allows(sd, owner));
    if (verdict === null || verdict.outcome === 'SUCCESS') continue;
    v.violate('reservation-exclusive', `${cand.owner}'s socket bound ${formatAddress(cand.address)} over the reservation of closed SO_EXCLUSIVEADDRUSE listener #${held.handle} (${formatAddress(held.address)}, ${o.held[i]} connection(s) active or lingering)`, statusOf(w, verdict));
    return;
  }
}

/** time-no-early-release: an advanceTime step. */
export function checkTime(o: Observation, v: Violations): void {
  v.step = o.step;
  v.op = o.op;
  v.rule = o.rule;
  v.completion = -1;
  const expected = o.nowBefore + o.seconds;
  if (o.nowAfter !== expected) v.violate('time-no-early-release', `advanceTime(${o.seconds}) at ${o.nowBefore} s moved the clock to ${o.nowAfter} s, not ${expected} s`);
  let gone = 0;
  for (const e of o.lingerBefore) {
    const still = o.lingerAfter.some((x) => x.handle === e.handle && x.until === e.until);
    if (!still) gone++;
    if (!still && e.until > expected) v.violate('time-no-early-release', `endpoint of socket #${e.handle} released at ${expected} s, its TIME_WAIT ends at ${e.until} s`);
    if (still && e.until <= expected) v.violate('time-no-early-release', `endpoint of socket #${e.handle} still lingering at ${expected} s, its TIME_WAIT ended at ${e.until} s`);
  }
  if (o.released !== gone) v.violate('time-no-early-release', `advanceTime returned ${o.released} released, ${gone} lingering endpoint(s) left`);
}
