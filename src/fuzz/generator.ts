/**
 * The seeded case generator of campaigns: a small PRNG seeded by caseSeed(S, i) draws a CaseShape with the same
 * value tables and the same weights as the fast-check arbitraries of src/fuzz/arbitraries.ts (well-formed and
 * random control calls, edge sizes, addresses, owners, presets, states, arches, profiles, policies, completion
 * modes), without fast-check's per-value machinery. Case i of seed S depends on (S, i) only. Every shape it draws is
 * one the arbitraries can draw (caseToVector maps it to a vector, vectorToCase maps it back), so a failing case is
 * reported and shrunk through the fast-check path. One difference in distribution: within a branch, integers and
 * array lengths are uniform here, where fast-check biases them toward small values and bounds (the edge values
 * themselves come from the explicit edge tables in both).
 */
import { OPTION_ROWS } from '../../abi/options';
import { POLICY_PRESETS } from '../../abi/policy';
import type { ArchName, OptionRow } from '../../abi/schema';
import { archSize } from '../codec/layout';
import {
  MAX_BUFFER, MAX_SOCKETS, OWNERS, PORTS, PRESET_ROWS, rowKey, SHAPE_TABLES,
  type AddressLie, type AddressShape, type BufLenShape, type CallShape, type CaseConstraints, type CaseShape, type ControlShape,
  type EnvShape, type FixedBufShape, type KeyShape, type PresetShape, type SocketShape, type SocketState,
} from './arbitraries';

const T = SHAPE_TABLES;


/** sfc32, seeded through splitmix32: fast, 32-bit, good enough for test-case generation. */
export class CaseRng {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 1;

  /** Reseed (the same seed gives the same sequence). */
  seed(s: number): this {
    let x = s >>> 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next(); this.b = next(); this.c = next(); this.d = next();
    for (let i = 0; i < 12; i++) this.u32();
    return this;
  }

  /** A uniform 32-bit unsigned integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform integer of [lo, hi] (hi - lo < 2^32). */
  int(lo: number, hi: number): number {
    const n = hi - lo + 1;
    return lo + (n >= 0x100000000 ? this.u32() : Math.floor((this.u32() / 0x100000000) * n));
  }

  /** True with probability num/den. */
  chance(num: number, den: number): boolean {
    return this.int(0, den - 1) < num;
  }

  /** One element of a non-empty array. */
  pick<X>(a: readonly X[]): X {
    return a[this.int(0, a.length - 1)]!;
  }

  /** A uniform bigint of [0, 2^64-1]. */
  u64(): bigint {
    return (BigInt(this.u32()) << 32n) | BigInt(this.u32());
  }
}

const ARCHES: readonly ArchName[] = ['x64', 'x86'];
const PROFILES: readonly EnvShape['profile'][] = ['wsk', 'winsock', 'winsock-xp'];
const POLICIES = Object.keys(POLICY_PRESETS) as EnvShape['policy'][];
const COMPLETIONS: readonly EnvShape['completion'][] = ['inline', 'pending'];
const FILLS = [0xcc, 0x00, 0xff] as const;
const IRP_FILLS = [0xcc, 0x00] as const;
const TAILS = [0x00, 0xaa] as const;
const LIES: readonly AddressLie[] = ['short', 'long', 'family', 'bufferShort', 'null'];
const STATES_COMMON: readonly SocketState[] = ['fresh', 'bound'];
const STATES_RARE: readonly SocketState[] = ['closed', 'forced-closed'];
const SHORT_LONG: readonly FixedBufShape[] = ['short', 'long'];
const NULL_LEN: BufLenShape = Object.freeze({ kind: 'null' });
/** The relative lengths -2..+4, shared (shapes are never mutated). */
/** Shared by sockets without presets (a plain array: frozen arrays have other element kinds, and slower loops). */
const NO_PRESETS: readonly PresetShape[] = [];
const REL_LEN: readonly BufLenShape[] = [-2, -1, 0, 1, 2, 3, 4].map((delta) => Object.freeze({ kind: 'rel', delta }));

/** ulong(): 0/1 (5), a row domain value or edge (2), any ULONG (1). */
function ulong(r: CaseRng): number {
  const w = r.int(0, 7);
  return w < 5 ? r.int(0, 1) : w < 7 ? r.pick(T.ULONG_EDGES) : r.u32();
}

const SMALL_SIZES: readonly bigint[] = Array.from({ length: 65 }, (_, i) => BigInt(i));

/** sizeField(): an edge (4), 0..64 (2), anything up to 2^64-1 (1). */
function sizeField(r: CaseRng): bigint {
  const w = r.int(0, 6);
  return w < 4 ? r.pick(T.SIZE_EDGES) : w < 6 ? SMALL_SIZES[r.int(0, 64)]! : r.u64();
}

/** bufLen(): NULL (2), declared size -2..+4 (6), 1..MAX_BUFFER bytes (1). */
function bufLen(r: CaseRng): BufLenShape {
  const w = r.int(0, 8);
  return w < 2 ? NULL_LEN : w < 8 ? REL_LEN[r.int(-2, 4) + 2]! : { kind: 'abs', length: r.int(1, MAX_BUFFER) };
}

/** fixedBuf(nullWeight): NULL (nullWeight), exact (4), short or long (1). */
function fixedBuf(r: CaseRng, nullWeight: number): FixedBufShape {
  const w = r.int(0, nullWeight + 4);
  return w < nullWeight ? 'null' : w < nullWeight + 4 ? 'exact' : r.pick(SHORT_LONG);
}

/** optionKey(): a table row (10), a row with another level (1) or request type (1), anything (1). */
function optionKey(r: CaseRng): KeyShape {
  const w = r.int(0, 12);
  if (w < 10) return r.pick(T.ROW_KEYS);
  if (w === 10) {
    const row = r.pick(T.ROW_KEYS);
    return { ...row, level: r.chance(1, 2) ? r.pick(T.KNOWN_LEVELS) : r.u32() };
  }
  if (w === 11) {
    const row = r.pick(T.ROW_KEYS);
    return { ...row, requestType: r.pick(T.REQUEST_TYPES) };
  }
  return {
    requestType: r.chance(1, 2) ? r.pick(T.REQUEST_TYPES) : r.u32(),
    level: r.chance(1, 2) ? r.pick(T.KNOWN_LEVELS) : r.u32(),
    code: r.chance(1, 2) ? r.pick(T.KNOWN_CODES) : r.u32(),
  };
}

/** mostly(good, other): good 14 times in 15. */
function mostly(r: CaseRng): boolean {
  return r.int(0, 14) < 14;
}

/** The constant parts of wellFormedControl(row, arch), once per (row, arch). */
interface WellFormed {
  readonly key: KeyShape;
  readonly inSize: bigint;
  readonly outSize: bigint;
  readonly input: BufLenShape;
  readonly output: BufLenShape;
  readonly domain: readonly number[];
  readonly osr: FixedBufShape;
  readonly irp: FixedBufShape;
}

const WELL_FORMED: readonly WellFormed[] = (OPTION_ROWS as readonly OptionRow[]).flatMap((row) => (['x64', 'x86'] as const).map((a): WellFormed => {
  const isSet = row.requestType === 'WskSetOption';
  const isIoctl = row.requestType === 'WskIoctl';
  const size = BigInt(archSize(row.size, a));
  const inSize = isSet || isIoctl ? size : 0n;
  const outSize = isIoctl ? BigInt(archSize(row.outputSize ?? 0, a)) : isSet ? 0n : size;
  return {
    key: rowKey(row), inSize, outSize,
    input: inSize > 0n ? REL_LEN[2]! : NULL_LEN,
    output: outSize > 0n ? REL_LEN[2]! : NULL_LEN,
    domain: row.domain === 'any' ? [0, 1, ...(row.domainMax !== undefined ? [row.domainMax, row.domainMax + 1] : [])] : row.domain,
    osr: row.outputSizeReturned === 'required' ? 'exact' : 'null',
    irp: row.irp === 'null' ? 'null' : 'exact',
  };
}));

function wellFormedControl(r: CaseRng, f: WellFormed): ControlShape {
  return {
    op: 'control',
    socket: r.int(0, MAX_SOCKETS - 1),
    key: mostly(r) ? f.key : optionKey(r),
    inputSize: mostly(r) ? f.inSize : sizeField(r),
    input: mostly(r) ? f.input : bufLen(r),
    value: r.int(0, 6) < 6 ? r.pick(f.domain) : ulong(r),
    tail: 0,
    outputSize: mostly(r) ? f.outSize : sizeField(r),
    output: mostly(r) ? f.output : bufLen(r),
    fill: r.pick(FILLS),
    osr: mostly(r) ? f.osr : fixedBuf(r, 1),
    irp: mostly(r) ? f.irp : fixedBuf(r, 1),
    irpFill: r.pick(IRP_FILLS),
  };
}

function randomControl(r: CaseRng): ControlShape {
  return {
    op: 'control',
    socket: r.int(0, MAX_SOCKETS - 1),
    key: optionKey(r),
    inputSize: sizeField(r),
    input: bufLen(r),
    value: ulong(r),
    tail: r.pick(TAILS),
    outputSize: sizeField(r),
    output: bufLen(r),
    fill: r.pick(FILLS),
    osr: fixedBuf(r, 6),
    irp: fixedBuf(r, 1),
    irpFill: r.pick(IRP_FILLS),
  };
}

function address(r: CaseRng): AddressShape {
  const host = r.int(0, 4) < 2 ? 0 : r.int(0, 5);
  const pw = r.int(0, 5);
  const port = pw < 4 ? 5150 : pw === 4 ? 0 : r.pick(PORTS);
  const lie: AddressLie = r.int(0, 12) < 12 ? 'none' : r.pick(LIES);
  return { host, port, lie };
}

function uniqueInts(r: CaseRng, max: number, maxLength: number): number[] {
  const n = r.int(0, maxLength);
  const out: number[] = [];
  while (out.length < n) {
    const x = r.int(0, max);
    if (!out.includes(x)) out.push(x);
  }
  return out;
}

function socketShape(r: CaseRng): SocketShape {
  const kind = r.int(0, 4) < 3 ? (r.chance(1, 2) ? 0 : 3) : r.int(0, T.SOCKET_KINDS.length - 1);
  const v6 = r.chance(1, 2);
  const owner = r.int(0, OWNERS.length - 1);
  const useSd = r.chance(1, 2);
  let presets: readonly PresetShape[] = NO_PRESETS;
  const np = r.int(0, 3);
  if (np > 0) {
    const list: PresetShape[] = [];
    for (let n = np; n > 0; n--) list.push({ row: r.int(0, Math.max(0, PRESET_ROWS.length - 1)), value: r.int(0, 4) < 4 ? 1 : 0 });
    presets = list;
  }
  const state = r.int(0, 6) < 6 ? r.pick(STATES_COMMON) : r.pick(STATES_RARE);
  return { kind, v6, owner, useSd, presets, state, address: address(r) };
}

function call(r: CaseRng): CallShape {
  const w = r.int(0, 15);
  if (w === 0) return { op: 'addresses', v6: r.chance(1, 2), hosts: uniqueInts(r, 1, 2) };
  if (w === 1) {
    return {
      op: 'client', code: r.int(0, 6) < 6 ? r.pick(T.CLIENT_CODES) : r.u32(),
      inputSize: sizeField(r), input: bufLen(r), value: ulong(r), tail: r.pick(TAILS),
      outputSize: sizeField(r), output: bufLen(r), fill: r.pick(FILLS), osr: fixedBuf(r, 2), irp: fixedBuf(r, 2), irpFill: r.pick(IRP_FILLS),
    };
  }
  if (w < 10) return r.int(0, 2) < 2 ? wellFormedControl(r, r.pick(WELL_FORMED)) : randomControl(r);
  if (w < 13) {
    return {
      op: 'bind', socket: r.int(0, MAX_SOCKETS - 1), address: address(r), flags: r.int(0, 9) < 9 ? 0 : r.u32(),
      irp: fixedBuf(r, 1), irpFill: r.pick(IRP_FILLS),
    };
  }
  if (w === 13) return { op: 'close', socket: r.int(0, MAX_SOCKETS - 1), irp: fixedBuf(r, 1), irpFill: r.pick(IRP_FILLS) };
  if (w === 14) return T.COMPLETE;
  return {
    op: 'socket',
    family: r.int(0, 4) < 4 ? r.pick(T.FAMILIES) : r.int(0, 0xffff),
    type: r.int(0, 4) < 4 ? r.pick(T.TYPES) : r.int(0, 0xffff),
    protocol: r.int(0, 4) < 4 ? r.pick(T.PROTOS) : r.u32(),
    flags: r.int(0, 4) < 4 ? r.pick(T.FLAGS) : r.u32(),
    owner: r.int(0, OWNERS.length - 1),
  };
}

/** Draw a whole case from a seeded PRNG (the same seed and constraints give the same case). */
export function drawCase(r: CaseRng, c: CaseConstraints = {}): CaseShape {
  const e = c.env ?? {};
  const env: EnvShape = {
    arch: e.arch ?? r.pick(ARCHES),
    profile: e.profile ?? r.pick(PROFILES),
    policy: e.policy ?? r.pick(POLICIES),
    completion: e.completion ?? r.pick(COMPLETIONS),
  };
  const sd = r.int(0, 5) === 0 ? null : uniqueInts(r, OWNERS.length - 1, OWNERS.length);
  const sockets: SocketShape[] = [];
  for (let n = r.int(1, MAX_SOCKETS); n > 0; n--) sockets.push(socketShape(r));
  const calls: CallShape[] = [];
  for (let n = r.int(1, c.maxCalls ?? 6); n > 0; n--) calls.push(call(r));
  return { env, sd, sockets, calls };
}

const RNG = new CaseRng();

/** The shape of case `index` of a campaign whose case seeds are `seedOf(index)`. */
export function caseShapeFor(caseSeedValue: number, c: CaseConstraints = {}): CaseShape {
  return drawCase(RNG.seed(caseSeedValue), c);
}
