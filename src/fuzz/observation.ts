/**
 * The observation record of one step: what the call saw and did (its arguments as arena buffers, their bytes before
 * and after, the result, the deciding rule, the IRPs completed during the step, the socket state before and after),
 * and the world the sharing invariants judge against (which sockets exist, who owns them, how each was bound). The
 * case engine fills it; src/fuzz/invariants.ts reads it and nothing else. One record is reused for every step.
 */
import type { ArchLayout } from '../codec/layout';
import type { ProfileName } from '../provider/provider';
import type { Arena } from './arena';
import { PendingCalls, type Op } from './pending';
import { socketAt, StateImages, W_ADDR, W_OPTIONS, W_PORT } from './state-image';
import { OPTION_STATE_INDEX } from '../provider/socket';
import { AF } from '../codec/names';
import { HAS_V6ONLY_ROW } from './sharing-model';

/** The IRPs completed during one step (by the provider's IoCompletion hook). */
export class CompletionEvents {
  count = 0;
  readonly irp: Uint8Array[] = [];
  readonly status: number[] = [];
  /** IoStatus.Information, low and high 32 bits. */
  readonly infoLo: number[] = [];
  readonly infoHi: number[] = [];
  readonly rule: string[] = [];
  readonly conflict: number[] = [];
  /** The pending call (PendingCalls index) the IRP belongs to, or -1 (the step's own IRP, or one the case never saw pend). */
  readonly call: number[] = [];
  /** State image right after the completion (kept for complete and setAddressList steps; else null: the step's after-image). */
  readonly state: (Uint32Array | null)[] = [];
  readonly stateLen: number[] = [];
  /** The image buffers `state` points into, kept from case to case (an image is 2 KB: no allocation per completion). */
  readonly images: Uint32Array[] = [];
}

/** Sockets of the case and how each was bound: what the sharing invariants judge a bind against. */
export class World {
  profile: ProfileName = 'wsk';
  /** Number of sockets of the case. */
  n = 0;
  /** Socket handles in creation order (the first n); per index: owner, family, category, type. */
  readonly handles: number[] = [];
  readonly owner: string[] = [];
  readonly family: number[] = [];
  readonly category: string[] = [];
  readonly type: number[] = [];
  /** Per index, once a bind of the socket succeeded: its SO_EXCLUSIVEADDRUSE, SO_REUSEADDR, dual stack, descriptor, bind order. */
  readonly boundSeq: number[] = [];
  readonly exclusive: boolean[] = [];
  readonly reuse: boolean[] = [];
  readonly dualStack: boolean[] = [];
  readonly sd: number[] = [];
  /** Per index, once a bind succeeded: the port and the address words (4) and scope it was bound to. */
  readonly port: number[] = [];
  readonly addr: number[] = [];
  private seq = 0;
  /**
   * Cached descriptors the case created: handles and their allowed principals, the first `sdCount` entries. A list,
   * because a case caches a few at most and a list empties by its count, where a Map would be emptied per case by
   * Map.prototype.clear, a call into V8's runtime.
   */
  private readonly sdHandles: number[] = [];
  private readonly sdAllow: (readonly string[])[] = [];
  private sdCount = 0;

  reset(profile: ProfileName): void {
    this.profile = profile;
    this.n = 0;
    this.seq = 0;
    this.sdCount = 0;
  }

  /** The case cached descriptor `sd` allowing `allow` (a handle cached again takes the new principals). */
  addDescriptor(sd: number, allow: readonly string[]): void {
    let k = this.descriptorAt(sd);
    if (k < 0) this.sdHandles[(k = this.sdCount++)] = sd;
    this.sdAllow[k] = allow;
  }

  /** Index of descriptor `sd` in the list, or -1. */
  private descriptorAt(sd: number): number {
    for (let k = 0; k < this.sdCount; k++) if (this.sdHandles[k] === sd) return k;
    return -1;
  }

  /** A socket was created. */
  add(handle: number, owner: string, family: number, category: string, type: number): void {
    const i = this.n++;
    this.handles[i] = handle;
    this.owner[i] = owner;
    this.family[i] = family;
    this.category[i] = category;
    this.type[i] = type;
    this.boundSeq[i] = 0;
  }

  /** Index of a handle, or -1. */
  indexOf(handle: number): number {
    const hs = this.handles;
    for (let i = 0; i < this.n; i++) if (hs[i] === handle) return i;
    return -1;
  }

  /** Socket `i` bound: keep its sharing options as they were in `img` (the state the bind saw). */
  recordBind(i: number, img: Uint32Array): void {
    const o = socketAt(i) + W_OPTIONS;
    this.boundSeq[i] = ++this.seq;
    this.exclusive[i] = img[o + OPTION_STATE_INDEX.exclusiveAddrUse] !== 0;
    this.reuse[i] = img[o + OPTION_STATE_INDEX.reuseAddr] !== 0;
    this.dualStack[i] = HAS_V6ONLY_ROW && this.family[i] === AF.AF_INET6 && img[o + OPTION_STATE_INDEX.ipv6Only] === 0;
    this.sd[i] = img[o + OPTION_STATE_INDEX.securityDescriptor]!;
    const b = socketAt(i);
    this.port[i] = img[b + W_PORT]!;
    for (let k = 0; k < 5; k++) this.addr[5 * i + k] = img[b + W_ADDR + k]!;
  }

  /** Whether descriptor `sd` allows `owner` to share: null when the case did not create that descriptor. */
  allows(sd: number, owner: string): boolean | null {
    if (sd === 0) return false;
    const k = this.descriptorAt(sd);
    return k < 0 ? null : this.sdAllow[k]!.includes(owner);
  }
}

/**
 * No result (harness steps): below every ULONG and every fault value (faults are small negative numbers). It is not a
 * small integer, so the fields and arrays that hold results get V8's double representation from the first store, as
 * NTSTATUS values of 2^31 and above need.
 */
export const NO_RESULT = -(2 ** 40);

/**
 * Zero, as a number V8 stores as a double: a field initialised with it has the double representation from the start.
 * Fields that may later hold values of 2^31 and above (handles, sizes, flags) start with it, so that no later store
 * changes the hidden class of the record and deoptimizes every function that reads it. Equal (===) to 0.
 */
export const DOUBLE_ZERO = -0;

/** The observation record of the step just run. */
export class Observation {
  arena!: Arena;
  layout!: ArchLayout;
  /** completion: inline. */
  inline = true;
  readonly state = new StateImages();
  readonly events = new CompletionEvents();
  readonly world = new World();
  readonly pending = new PendingCalls();
  // ---- the step ----
  step = 0;
  op: Op = 'socket';
  /** Whether the step returned a value (calls and WskSocket; not harness steps). */
  hasResult = false;
  /** The returned NTSTATUS or fault (NO_RESULT when !hasResult). */
  result = NO_RESULT;
  /** provider.reason after the step: the deciding rule and the conflicting socket. */
  rule = '';
  conflict = 0;
  /** `${name}/${requestType}` of the option row a control call resolved to, or null. */
  row: string | null = null;
  /** Whether the step is part of the case's setup. */
  setup = false;
  /** The socket handle the call named (0: none). */
  handle = DOUBLE_ZERO;
  /** Arena buffers of the call's arguments (-1: NULL): InputBuffer or LocalAddress, OutputBuffer, *OutputSizeReturned, IRP. */
  inB = -1;
  outB = -1;
  osrB = -1;
  irpB = -1;
  /** The declared OutputSize (capped at Number.MAX_SAFE_INTEGER). */
  declaredOut = DOUBLE_ZERO;
  /** Index in `events` of the completion of the call's own IRP, or -1. */
  own = -1;
  // ---- connections (filled only in cases with connection steps) ----
  /** Whether the case has connection steps. */
  conn = false;
  /** Per world index, after the step: the connections the socket accepted that are still active or lingering (-1: not a listener). */
  readonly held: number[] = [];
  /** advanceTime: the seconds asked for, the clock before and after, the count it returned. */
  seconds = 0;
  nowBefore = 0;
  nowAfter = 0;
  released = 0;
  /** advanceTime: the lingering endpoints (old handle, release time) before and after the step. */
  lingerBefore: readonly { readonly handle: number; readonly until: number }[] = [];
  lingerAfter: readonly { readonly handle: number; readonly until: number }[] = [];
}

/** What one step did, for injected invariants and coverage. */
export interface CallObservation {
  readonly step: number;
  readonly op: Op;
  readonly setup: boolean;
  /** The returned value (undefined for harness steps). */
  readonly result: number | undefined;
  readonly rule: string;
  /** `${name}/${requestType}` of the option row the call resolved to, or null. */
  readonly row: string | null;
}
