/**
 * The case generator: every argument of every implemented provider function, composed into whole fuzz cases, written
 * once as `Gen`s (src/fuzz/gen.ts) that are both fast-check arbitraries and seeded PRNG draws. Campaigns draw with
 * the PRNG (src/fuzz/generator.ts); properties and shrinking use the arbitraries; the two cannot drift apart. A case
 * IS a `wsksim/vectors@1` vector (steps without expectations): the structured shape is mapped to the vector object
 * by `caseToVector`, and `vectorToCase` is the unmapper, so a vector read from disk can be fed back as an `examples`
 * entry and still shrink. Option keys, sizes and preset options are read from abi/options.ts OPTION_ROWS, so rows
 * added there are fuzzed without touching this file.
 */
import type fc from 'fast-check';
import { OPTION_ROWS } from '../../abi/options';
import { POLICY_PRESETS } from '../../abi/policy';
import type { ArchName, OptionRow } from '../../abi/schema';
import {
  ADDRESS_FAMILIES, CONTROL_CODES, LEVELS, PROTOCOLS, SOCKET_TYPES, WSK_CLIENT_CONTROL_CODES, WSK_CONTROL_SOCKET_TYPE, WSK_SOCKET_FLAGS,
} from '../../abi/constants';
import { archSize, LAYOUTS } from '../codec/layout';
import { AF, CLIENT_CODE, CODE, LEVEL, PROTO, REQUEST, SOCK, WSK_FLAG } from '../codec/names';
import { encodeSockaddrText } from '../codec/sockaddr';
import { toHex } from '../codec/hex';
import {
  array, bigIntRange, boolean, constant, constantFrom, integer, map, oneof, oneofEqual, option, record, uniqueArray, type Gen,
} from './gen';
import { jsonSize, parseJsonSize, type JsonValue, type StepJson, type VectorJson } from './vector-json';

// ---- environment ---------------------------------------------------------------------------------------------

/** The four per-vector settings of a case. */
export interface EnvShape {
  readonly arch: ArchName;
  readonly profile: VectorJson['profile'];
  readonly policy: VectorJson['policy'];
  readonly completion: VectorJson['completion'];
}

const ARCH_GEN = constantFrom<ArchName>('x64', 'x86');
const PROFILE_GEN = constantFrom<EnvShape['profile']>('wsk', 'winsock', 'winsock-xp');
const POLICY_GEN = constantFrom(...(Object.keys(POLICY_PRESETS) as EnvShape['policy'][]));
const COMPLETION_GEN = constantFrom<EnvShape['completion']>('inline', 'pending');

/** Both data models. */
export const arch = (): fc.Arbitrary<ArchName> => ARCH_GEN.arb;
/** Every sharing profile. */
export const profile = (): fc.Arbitrary<EnvShape['profile']> => PROFILE_GEN.arb;
/** Every policy preset (read from abi/policy.ts). */
export const policy = (): fc.Arbitrary<EnvShape['policy']> => POLICY_GEN.arb;
/** Both completion modes. */
export const completion = (): fc.Arbitrary<EnvShape['completion']> => COMPLETION_GEN.arb;

// ---- scalars -------------------------------------------------------------------------------------------------

const U32_MAX = 0xffffffff;
const SIZE_T_MAX_X64 = (1n << 64n) - 1n;

/** Every value a boolean-ish option row's domain names, plus the classic edge values of a ULONG. */
const ULONG_EDGES = [...new Set<number>([
  ...OPTION_ROWS.flatMap((r: OptionRow) => (r.domain === 'any' ? [] : r.domain)),
  0, 1, 2, 4, 0x7fffffff, 0x80000000, 0xfffffffe, U32_MAX, 0xdead0001,
])];

/** A ULONG, biased to 0, 1, the rows' domains and the edges. */
const ULONG_GEN: Gen<number> = oneof(
  { gen: constantFrom(0, 1), weight: 5 },
  { gen: constantFrom(...ULONG_EDGES), weight: 2 },
  { gen: integer(0, U32_MAX), weight: 1 },
);
/** A ULONG, biased to 0, 1, the rows' domains and the edges. */
export const ulong = (): fc.Arbitrary<number> => ULONG_GEN.arb;

/** Every size a row declares on either arch, so that new rows with new sizes are hit. */
const ROW_SIZES = [...new Set<number>(OPTION_ROWS.flatMap((r: OptionRow) => [archSize(r.size, 'x86'), archSize(r.size, 'x64'), archSize(r.returnedSize, 'x86'), archSize(r.returnedSize, 'x64')]))];
const SIZE_EDGES: readonly bigint[] = [...new Set<bigint>([
  ...ROW_SIZES.flatMap((s) => [s - 1, s, s + 1]).filter((s) => s >= 0).map(BigInt),
  0n, 1n, 2n, 3n, 5n, 8n, 16n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n, 0x100000004n,
  (1n << 53n) + 1n, 1n << 63n, SIZE_T_MAX_X64,
])];

/**
 * A SIZE_T argument from 0 to 2^64-1 (lying sizes included). On x86 the mapper reduces it modulo 2^32, as a C
 * caller's cast would, so the TypeScript API never sees a value it rejects.
 */
const SIZE_GEN: Gen<bigint> = oneof(
  { gen: constantFrom(...SIZE_EDGES), weight: 4 },
  { gen: bigIntRange(0n, 64n), weight: 2 },
  { gen: bigIntRange(0n, SIZE_T_MAX_X64), weight: 1 },
);
/** A SIZE_T argument from 0 to 2^64-1. */
export const sizeField = (): fc.Arbitrary<bigint> => SIZE_GEN.arb;

/** Reduce a size to the arch's SIZE_T. */
export function fitSizeT(v: bigint, a: ArchName): bigint {
  return BigInt.asUintN(LAYOUTS[a].sizeT * 8, v);
}

// ---- option keys -----------------------------------------------------------------------------------------------

/** (RequestType, Level, ControlCode) of a WskControlSocket call. */
export interface KeyShape {
  readonly requestType: number;
  readonly level: number;
  readonly code: number;
}

/** The key of an option row. */
export function rowKey(r: OptionRow): KeyShape {
  return { requestType: REQUEST[r.requestType]!, level: r.requestType === 'WskIoctl' ? 0 : LEVEL[r.level as keyof typeof LEVEL]!, code: CODE[r.code as keyof typeof CODE]! };
}
const ROW_KEYS = OPTION_ROWS.map(rowKey);
const KNOWN_LEVELS = Object.values(LEVEL);
const KNOWN_CODES = Object.values(CODE);
const REQUEST_TYPES = [...Object.values(REQUEST), 0x7fffffff, 0x80000000, U32_MAX];

function keyRow(k: KeyShape): KeyShape {
  const r = ROW_KEYS.find((x) => x.code === k.code);
  if (r === undefined) throw new Error('no row with this code');
  return r;
}

const ROW_KEY_GEN = constantFrom(...ROW_KEYS);
const LEVEL_GEN = oneofEqual(constantFrom(...KNOWN_LEVELS), integer(0, U32_MAX));

/** A (RequestType, Level, ControlCode) triple: a table row, a row with a wrong level or request type, or anything. */
const OPTION_KEY_GEN: Gen<KeyShape> = oneof(
  { gen: ROW_KEY_GEN, weight: 10 },
  {
    gen: map(record({ row: ROW_KEY_GEN, level: LEVEL_GEN }), ({ row, level }): KeyShape => ({ requestType: row.requestType, level, code: row.code }), (v) => ({ row: keyRow(v as KeyShape), level: (v as KeyShape).level })),
    weight: 1,
  },
  {
    gen: map(record({ row: ROW_KEY_GEN, requestType: constantFrom(...REQUEST_TYPES) }), ({ row, requestType }): KeyShape => ({ requestType, level: row.level, code: row.code }), (v) => ({ row: keyRow(v as KeyShape), requestType: (v as KeyShape).requestType })),
    weight: 1,
  },
  {
    gen: record<KeyShape>({
      requestType: oneofEqual(constantFrom(...REQUEST_TYPES), integer(0, U32_MAX)),
      level: LEVEL_GEN,
      code: oneofEqual(constantFrom(...KNOWN_CODES), integer(0, U32_MAX)),
    }),
    weight: 1,
  },
);
/** A (RequestType, Level, ControlCode) triple. */
export const optionKey = (): fc.Arbitrary<KeyShape> => OPTION_KEY_GEN.arb;

// ---- buffers -----------------------------------------------------------------------------------------------------

/** Length of a caller buffer: NULL, relative to its declared size (shorter, equal, longer), or absolute. */
export type BufLenShape = { readonly kind: 'null' } | { readonly kind: 'rel'; readonly delta: number } | { readonly kind: 'abs'; readonly length: number };

/** Largest buffer a case allocates. */
export const MAX_BUFFER = 4096;

const NULL_LEN: BufLenShape = Object.freeze({ kind: 'null' });
/** The relative lengths -2..+4, shared (shapes are never mutated). */
const REL_LEN: readonly BufLenShape[] = [-2, -1, 0, 1, 2, 3, 4].map((delta) => Object.freeze({ kind: 'rel', delta }));

function nullLen(v: unknown): number {
  if ((v as BufLenShape).kind !== 'null') throw new Error('not null');
  return 0;
}
function relDelta(v: unknown): number {
  const s = v as BufLenShape;
  if (s.kind !== 'rel') throw new Error('not rel');
  return s.delta;
}
function absLen(v: unknown): number {
  const s = v as BufLenShape;
  if (s.kind !== 'abs') throw new Error('not abs');
  return s.length;
}

/** A buffer length relative to the declared size: NULL, shorter, equal, longer, or an absolute length. */
const BUF_LEN_GEN: Gen<BufLenShape> = oneof(
  // A mapped constant, so that a {kind: 'null'} read back from a vector (a new object) can still shrink.
  { gen: map(constant(0), (): BufLenShape => NULL_LEN, nullLen), weight: 2 },
  { gen: map(integer(-2, 4), (delta): BufLenShape => REL_LEN[delta + 2]!, relDelta), weight: 6 },
  { gen: map(integer(1, MAX_BUFFER), (length): BufLenShape => ({ kind: 'abs', length }), absLen), weight: 1 },
);
/** A buffer length relative to the declared size. */
export const bufLen = (): fc.Arbitrary<BufLenShape> => BUF_LEN_GEN.arb;

/** Resolve a buffer length against a declared size: 0 means NULL. */
export function resolveLen(s: BufLenShape, declared: bigint): number {
  if (s.kind === 'null') return 0;
  if (s.kind === 'abs') return s.length;
  const base = declared <= BigInt(MAX_BUFFER - 8) ? Number(declared) : 8;
  return Math.max(0, base + s.delta);
}

/** Length kind of an OutputSizeReturned or IRP buffer relative to sizeof(SIZE_T) / sizeof(IRP). */
export type FixedBufShape = 'null' | 'exact' | 'short' | 'long';

/** NULL, exactly sizeof(T), one byte short, or longer. */
function fixedBufGen(nullWeight: number): Gen<FixedBufShape> {
  return oneof(
    { gen: constant<FixedBufShape>('null'), weight: nullWeight },
    { gen: constant<FixedBufShape>('exact'), weight: 4 },
    { gen: constantFrom<FixedBufShape>('short', 'long'), weight: 1 },
  );
}
const FIXED_1 = fixedBufGen(1);
const FIXED_2 = fixedBufGen(2);
const FIXED_6 = fixedBufGen(6);
/** NULL, exactly sizeof(T), one byte short, or longer. */
export const fixedBuf = (nullWeight = 1): fc.Arbitrary<FixedBufShape> => fixedBufGen(nullWeight).arb;

/** Length in bytes of a fixed-size buffer kind (OutputSizeReturned, IRP) for a structure of `size` bytes. */
export function fixedLength(s: FixedBufShape, size: number): number {
  return s === 'null' ? 0 : s === 'exact' ? size : s === 'short' ? size - 1 : size + 8;
}
function fixedKind(length: number, size: number): FixedBufShape {
  if (length === 0) return 'null';
  if (length === size) return 'exact';
  if (length === size - 1) return 'short';
  if (length === size + 8) return 'long';
  throw new Error('length is not one of the generated kinds');
}

const FILL_GEN = constantFrom(0xcc, 0x00, 0xff);
const IRP_FILL_GEN = constantFrom(0xcc, 0x00);
const TAIL_GEN = constantFrom(0x00, 0xaa);
/** Fill bytes of caller-owned output buffers and IRPs. */
export const fillByte = (): fc.Arbitrary<number> => FILL_GEN.arb;

// ---- addresses -------------------------------------------------------------------------------------------------

/** Hosts per family: wildcard, loopback, another specific address, v4-mapped and dual-stack forms, scoped. */
export const HOSTS = {
  v4: ['0.0.0.0', '127.0.0.1', '10.0.0.1'],
  v6: ['[::]', '[::1]', '[::ffff:127.0.0.1]', '[::ffff:0.0.0.0]', '[fe80::1%4]', '[::ffff:10.0.0.1]'],
} as const;

/** Most ports a case's port table holds: binds of one case draw their ports from this handful (so they collide). */
export const MAX_PORTS = 4;
/** A port of 1-65535, uniform (fast-check biases it toward the bounds). */
const PORT_GEN = integer(1, 65535);
/** The port table of a case: one to MAX_PORTS distinct ports from anywhere in 1-65535. */
const PORTS_GEN = uniqueArray(PORT_GEN, 1, MAX_PORTS);

/** How a LocalAddress lies: not at all, a short or long declared size, the other family, a short buffer, NULL. */
export type AddressLie = 'none' | 'short' | 'long' | 'family' | 'bufferShort' | 'null';

/**
 * A WskBind LocalAddress: host index within the socket's family list, port slot (0: port 0; k >= 1: the case's port
 * table entry (k - 1) mod its length), and lie.
 */
export interface AddressShape {
  readonly host: number;
  readonly port: number;
  readonly lie: AddressLie;
}

/** The port an address shape names in a case's port table. */
export function portOf(ports: readonly number[], slot: number): number {
  return slot === 0 || ports.length === 0 ? 0 : ports[(slot - 1) % ports.length]!;
}

/** A bind address for a socket of some family; wildcards and collisions are likely. */
const ADDRESS_GEN: Gen<AddressShape> = record<AddressShape>({
  host: oneof({ gen: constant(0), weight: 2 }, { gen: integer(0, 5), weight: 3 }),
  port: oneof({ gen: constant(0), weight: 1 }, { gen: integer(1, MAX_PORTS), weight: 5 }),
  lie: oneof(
    { gen: constant<AddressLie>('none'), weight: 12 },
    { gen: constantFrom<AddressLie>('short', 'long', 'family', 'bufferShort', 'null'), weight: 1 },
  ),
});
/** A bind address for a socket of some family. */
export const address = (): fc.Arbitrary<AddressShape> => ADDRESS_GEN.arb;

function hostList(family: number): readonly string[] {
  return family === AF.AF_INET6 ? HOSTS.v6 : HOSTS.v4;
}

/** The vector form of a bind address for a socket of `family`, with the case's port table. */
export function addressJson(a: AddressShape, family: number, ports: readonly number[]): JsonValue {
  if (a.lie === 'null') return null;
  const fam = a.lie === 'family' ? (family === AF.AF_INET6 ? AF.AF_INET : AF.AF_INET6) : family;
  const hosts = hostList(fam);
  const text = `${hosts[a.host % hosts.length]}:${portOf(ports, a.port)}`;
  if (a.lie === 'none' || a.lie === 'family') return text;
  const b = encodeSockaddrText(text)!;
  if (a.lie === 'short') return { bytes: toHex(b), size: b.length - 1 };
  if (a.lie === 'long') return { bytes: `${toHex(b)}00000000`, size: b.length + 4 };
  return { bytes: toHex(b.subarray(0, b.length - 2)), size: b.length };
}

/** The port a vector address names (0 for NULL or an image too short to hold one). */
function portInJson(v: JsonValue | undefined): number {
  if (typeof v === 'string') return Number(v.slice(v.lastIndexOf(':') + 1));
  if (typeof v === 'object' && v !== null && !Array.isArray(v) && typeof v.bytes === 'string' && v.bytes.length >= 8) {
    return parseInt(v.bytes.slice(4, 8), 16);
  }
  return 0;
}

function addressFromJson(v: JsonValue | undefined, family: number, ports: readonly number[]): AddressShape {
  if (v === null) return { host: 0, port: 0, lie: 'null' };
  const p = portInJson(v);
  const slot = p === 0 ? 0 : ports.indexOf(p) + 1;
  if (p !== 0 && slot === 0) throw new Error(`port ${p} is not in the case's port table`);
  const parse = (text: string): { fam: number; host: number } => {
    const host = text.slice(0, text.lastIndexOf(':'));
    for (const fam of [AF.AF_INET, AF.AF_INET6]) {
      const i = hostList(fam).indexOf(host);
      if (i >= 0) return { fam, host: i };
    }
    throw new Error(`host ${host} is not generated`);
  };
  if (typeof v === 'string') {
    const x = parse(v);
    return { host: x.host, port: slot, lie: x.fam === family ? 'none' : 'family' };
  }
  if (typeof v === 'object' && v !== null && !Array.isArray(v) && typeof v.bytes === 'string') {
    for (const lie of ['short', 'long', 'bufferShort'] as const) {
      for (let host = 0; host < hostList(family).length; host++) {
        const a: AddressShape = { host, port: slot, lie };
        if (JSON.stringify(addressJson(a, family, ports)) === JSON.stringify(v)) return a;
      }
    }
  }
  throw new Error('address is not one the generator gives');
}

// ---- sockets ---------------------------------------------------------------------------------------------------

/** Principals that create sockets. */
export const OWNERS = ['system', 'alice', 'bob'] as const;

/** A socket kind: category flag, type and protocol (including the UDP listening socket Windows accepts). */
interface SocketKind { readonly flags: string; readonly type: string; readonly protocol: string | number }
const SOCKET_KINDS: readonly SocketKind[] = [
  { flags: 'WSK_FLAG_LISTEN_SOCKET', type: 'SOCK_STREAM', protocol: 'IPPROTO_TCP' },
  { flags: 'WSK_FLAG_CONNECTION_SOCKET', type: 'SOCK_STREAM', protocol: 'IPPROTO_TCP' },
  { flags: 'WSK_FLAG_STREAM_SOCKET', type: 'SOCK_STREAM', protocol: 0 },
  { flags: 'WSK_FLAG_DATAGRAM_SOCKET', type: 'SOCK_DGRAM', protocol: 'IPPROTO_UDP' },
  { flags: 'WSK_FLAG_BASIC_SOCKET', type: 'SOCK_STREAM', protocol: 'IPPROTO_TCP' },
  { flags: 'WSK_FLAG_DATAGRAM_SOCKET', type: 'SOCK_RAW', protocol: 255 },
  { flags: 'WSK_FLAG_LISTEN_SOCKET', type: 'SOCK_DGRAM', protocol: 'IPPROTO_UDP' },
  { flags: 'WSK_FLAG_CONNECTION_SOCKET', type: 'SOCK_DGRAM', protocol: 'IPPROTO_UDP' },
];

/** State a setup leaves a socket in before the calls under test. */
export type SocketState = 'fresh' | 'bound' | 'closed' | 'forced-closed';

/** A Set of a before-bind option row during setup (sharing-option combinations). */
export interface PresetShape {
  readonly row: number;
  readonly value: number;
}

/**
 * Set rows usable as setup presets: options documented as set before bind (SO_EXCLUSIVEADDRUSE, SO_REUSEADDR,
 * IPV6_V6ONLY, SO_WSK_SECURITY, ...). The value is written as a little-endian integer of the row's size.
 */
export const PRESET_ROWS: readonly OptionRow[] = OPTION_ROWS.filter((r: OptionRow) => r.requestType === 'WskSetOption' && r.timing === 'beforeBind');

/** A socket created during setup. */
export interface SocketShape {
  readonly kind: number;
  readonly v6: boolean;
  readonly owner: number;
  readonly useSd: boolean;
  readonly presets: readonly PresetShape[];
  readonly state: SocketState;
  readonly address: AddressShape;
}

/** A sharing-option preset: a row of PRESET_ROWS and a value (mostly 1). */
const PRESET_GEN: Gen<PresetShape> = record<PresetShape>({
  row: integer(0, Math.max(0, PRESET_ROWS.length - 1)),
  value: oneof({ gen: constant(1), weight: 4 }, { gen: constant(0), weight: 1 }),
});

const OWNER_GEN = integer(0, OWNERS.length - 1);

/** A setup socket of any category, family, owner and state. */
const SOCKET_SHAPE_GEN: Gen<SocketShape> = record<SocketShape>({
  kind: oneof({ gen: constantFrom(0, 3), weight: 3 }, { gen: integer(0, SOCKET_KINDS.length - 1), weight: 2 }),
  v6: boolean(),
  owner: OWNER_GEN,
  useSd: boolean(),
  presets: array(PRESET_GEN, 0, 3),
  state: oneof(
    { gen: constantFrom<SocketState>('fresh', 'bound'), weight: 6 },
    { gen: constantFrom<SocketState>('closed', 'forced-closed'), weight: 1 },
  ),
  address: ADDRESS_GEN,
});
/** A setup socket. */
export const socketShape = (): fc.Arbitrary<SocketShape> => SOCKET_SHAPE_GEN.arb;

/** A WskSocket call made among the calls under test (family, type, protocol and flags inside and outside the tables). */
export interface SocketCallShape {
  readonly family: number;
  readonly type: number;
  readonly protocol: number;
  readonly flags: number;
  readonly owner: number;
}

const FAMILIES = Object.values(AF);
const TYPES = Object.values(SOCK);
const PROTOS = [0, ...Object.values(PROTO), 255, 256];
const FLAGS = [...Object.values(WSK_FLAG), 3, 0x10, 0x80000000];

/** WskSocket arguments, valid and invalid. */
const SOCKET_CALL_GEN: Gen<SocketCallShape> = record<SocketCallShape>({
  family: oneof({ gen: constantFrom(...FAMILIES), weight: 4 }, { gen: integer(0, 0xffff), weight: 1 }),
  type: oneof({ gen: constantFrom(...TYPES), weight: 4 }, { gen: integer(0, 0xffff), weight: 1 }),
  protocol: oneof({ gen: constantFrom(...PROTOS), weight: 4 }, { gen: integer(0, U32_MAX), weight: 1 }),
  flags: oneof({ gen: constantFrom(...FLAGS), weight: 4 }, { gen: integer(0, U32_MAX), weight: 1 }),
  owner: OWNER_GEN,
});
/** WskSocket arguments. */
export const socketCall = (): fc.Arbitrary<SocketCallShape> => SOCKET_CALL_GEN.arb;

// ---- calls under test --------------------------------------------------------------------------------------------

/** The buffer arguments WskControlSocket and WskControlClient calls share. */
export interface ControlBuffersShape {
  readonly inputSize: bigint;
  readonly input: BufLenShape;
  readonly value: number;
  readonly tail: number;
  readonly outputSize: bigint;
  readonly output: BufLenShape;
  readonly fill: number;
  readonly osr: FixedBufShape;
  readonly irp: FixedBufShape;
  readonly irpFill: number;
}

/** A WskControlSocket call. */
export interface ControlShape extends ControlBuffersShape {
  readonly op: 'control';
  readonly socket: number;
  readonly key: KeyShape;
}

/** A WskBind call. */
export interface BindShape {
  readonly op: 'bind';
  readonly socket: number;
  readonly address: AddressShape;
  readonly flags: number;
  readonly irp: FixedBufShape;
  readonly irpFill: number;
}

/** A WskCloseSocket call. */
export interface CloseShape {
  readonly op: 'close';
  readonly socket: number;
  readonly irp: FixedBufShape;
  readonly irpFill: number;
}

/** A WskControlClient call (same buffer arguments as WskControlSocket, no socket). */
export interface ClientShape extends ControlBuffersShape {
  readonly op: 'client';
  readonly code: number;
}

/** Harness: replace the host address list of a family (completes waiting SIO_ADDRESS_LIST_CHANGE IRPs). */
export interface AddressListShape {
  readonly op: 'addresses';
  readonly v6: boolean;
  /** Indexes into the family's specific hosts. */
  readonly hosts: readonly number[];
}

/** Any call under test. */
export type CallShape =
  | ControlShape | BindShape | CloseShape | ClientShape | AddressListShape
  | { readonly op: 'complete' }
  | ({ readonly op: 'socket' } & SocketCallShape);

/** Largest number of setup sockets. */
export const MAX_SOCKETS = 3;

/** What a connection step does: harness events (incoming, peerClose, advance) and calls on connections. */
export type ConnAct = 'incoming' | 'accept' | 'disconnect' | 'abort' | 'peerClose' | 'close' | 'advance';

/**
 * A connection step, run before call `at` under test (at or beyond the last call: after it). incoming (a remote peer
 * connects to the loopback address on the port of setup socket `socket`) and accept (WskAccept on it) name a setup
 * socket; disconnect (graceful), abort (WSK_FLAG_ABORTIVE), peerClose and close name a setup socket or an accepted one
 * (connTarget); advance moves simulated time by `seconds`.
 */
export interface ConnShape {
  readonly at: number;
  readonly act: ConnAct;
  readonly socket: number;
  /** incoming: the port table slot it connects to (0: the port setup socket `socket` was bound to). */
  readonly port: number;
  readonly seconds: number;
}

/** The socket a connection step names: an index below `n` is setup socket `s<i>`, else accepted socket `a<i - n>`. */
export function connTarget(k: ConnShape, n: number, accepts: number): number {
  if (k.act === 'incoming' || k.act === 'accept' || accepts === 0 || k.socket < 2) return k.socket % n;
  return n + ((k.socket - 2) % accepts);
}

/** The remote peer of the `k`-th incoming connection of a case, as text. */
export function connFrom(v6: boolean, k: number): string {
  return v6 ? `[2001:db8::7]:${40000 + k}` : `192.0.2.7:${40000 + k}`;
}

/**
 * The local address an incoming connection to setup socket `s` goes to: the host (loopback for a wildcard) and port its
 * setup bound it to, or loopback on the case's first port.
 */
export function connTo(s: SocketShape, slot: number, ports: readonly number[]): string {
  const bound = s.state === 'bound' && s.address.lie === 'none';
  const port = slot !== 0 ? portOf(ports, slot) : (bound && portOf(ports, s.address.port)) || portOf(ports, 1);
  if (!bound) return s.v6 ? `[::1]:${port}` : `127.0.0.1:${port}`;
  const hosts = s.v6 ? HOSTS.v6 : HOSTS.v4;
  const host = hosts[s.address.host % hosts.length]!;
  if (host === '0.0.0.0') return `127.0.0.1:${port}`;
  if (s.v6 && (host === '[::]' || host.startsWith('[::ffff:'))) return `[::1]:${port}`;
  return `${host}:${port}`;
}

/** Seconds of an advanceTime: around TIME_WAIT's 240 s, or any of 0-300. */
const CONN_GEN_SECONDS: Gen<number> = oneof({ gen: constantFrom(0, 1, 239, 240, 241), weight: 1 }, { gen: integer(0, 300), weight: 2 });

/** A connection step: a connection arrives and is accepted more often than anything else happens to it. */
const CONN_GEN: Gen<ConnShape> = record<ConnShape>({
  at: integer(0, 8),
  act: oneof(
    { gen: constant<ConnAct>('incoming'), weight: 3 }, { gen: constant<ConnAct>('accept'), weight: 3 },
    { gen: constantFrom<ConnAct>('disconnect', 'close', 'advance'), weight: 4 }, { gen: constantFrom<ConnAct>('abort', 'peerClose'), weight: 1 },
  ),
  socket: integer(0, 7),
  port: oneof({ gen: constant(0), weight: 3 }, { gen: integer(1, MAX_PORTS), weight: 1 }),
  seconds: CONN_GEN_SECONDS,
});

/** No connection steps (recognised by identity when unmapping). */
const NO_CONN: readonly ConnShape[] = Object.freeze([]) as readonly ConnShape[];

/** A connection story's parts: the listener (setup socket 0 or 1), which story, the seconds of its advanceTime. */
interface StoryShape { readonly listener: number; readonly story: number; readonly seconds: number }

/**
 * Connection stories, run before the calls under test (which then bind on the listener's port): a connection arrives
 * and is accepted, then the listener is closed while it is open (0), the accepted side disconnects and closes (TIME_WAIT)
 * before (1) or after (2) the listener closes, or only the accepted side closes gracefully (3); or the listener is closed
 * with a WskAccept waiting and no connection (4); time then advances.
 */
function story(x: StoryShape): readonly ConnShape[] {
  const k = (act: ConnAct, socket: number, seconds = 0): ConnShape => ({ at: 0, act, socket, port: 0, seconds });
  const L = x.listener;
  const open = [k('incoming', L), k('accept', L)];
  switch (x.story) {
    case 0: return [...open, k('close', L), k('advance', 0, x.seconds)];
    case 1: return [...open, k('disconnect', 2), k('close', 2), k('close', L), k('advance', 0, x.seconds)];
    case 2: return [...open, k('close', L), k('disconnect', 2), k('close', 2), k('advance', 0, x.seconds)];
    case 4: return [k('accept', L), k('close', L), k('advance', 0, x.seconds)];
    default: return [...open, k('disconnect', 2), k('close', 2), k('advance', 0, x.seconds)];
  }
}

function unStory(v: unknown): StoryShape {
  const a = v as readonly ConnShape[];
  for (let listener = 0; listener < 2; listener++) {
    for (let s = 0; s < 5; s++) {
      const x = { listener, story: s, seconds: a[a.length - 1]?.seconds ?? 0 };
      if (JSON.stringify(story(x)) === JSON.stringify(a)) return x;
    }
  }
  throw new Error('not a connection story');
}

const STORY_GEN: Gen<readonly ConnShape[]> = map(
  record<StoryShape>({ listener: integer(0, 1), story: integer(0, 4), seconds: CONN_GEN_SECONDS }), story, unStory,
);

/** The connection steps of a case: none in fifteen cases of sixteen; else a story or any steps. */
const CONNS_GEN: Gen<readonly ConnShape[]> = oneof<readonly ConnShape[]>(
  { gen: constant(NO_CONN), weight: 30 }, { gen: STORY_GEN, weight: 1 }, { gen: array(CONN_GEN, 2, 10), weight: 1 },
);

const SOCKET_INDEX_GEN = integer(0, MAX_SOCKETS - 1);

/** Mostly `good`, sometimes anything `other` generates. */
function mostly<T>(good: T, other: Gen<T>): Gen<T> {
  return oneof({ gen: constant(good), weight: 14 }, { gen: other, weight: 1 });
}

/**
 * A call that follows a table row's documented parameter form on one arch, with each argument sometimes replaced
 * by anything: reaches the later checks (value domain, timing, mutual exclusion) that random calls rarely reach.
 */
function wellFormedControlGen(row: OptionRow, a: ArchName): Gen<ControlShape> {
  const isSet = row.requestType === 'WskSetOption';
  const isIoctl = row.requestType === 'WskIoctl';
  const size = BigInt(archSize(row.size, a));
  const inSize = isSet || isIoctl ? size : 0n;
  const outSize = isIoctl ? BigInt(archSize(row.outputSize ?? 0, a)) : isSet ? 0n : size;
  const domain = row.domain === 'any' ? [0, 1, ...(row.domainMax !== undefined ? [row.domainMax, row.domainMax + 1] : [])] : row.domain;
  return record<ControlShape>({
    op: constant<'control'>('control'),
    socket: SOCKET_INDEX_GEN,
    key: mostly(rowKey(row), OPTION_KEY_GEN),
    inputSize: mostly(inSize, SIZE_GEN),
    input: mostly<BufLenShape>(inSize > 0n ? REL_LEN[2]! : NULL_LEN, BUF_LEN_GEN),
    value: oneof({ gen: constantFrom(...domain), weight: 6 }, { gen: ULONG_GEN, weight: 1 }),
    tail: constant(0),
    outputSize: mostly(outSize, SIZE_GEN),
    output: mostly<BufLenShape>(outSize > 0n ? REL_LEN[2]! : NULL_LEN, BUF_LEN_GEN),
    fill: FILL_GEN,
    osr: mostly<FixedBufShape>(row.outputSizeReturned === 'required' ? 'exact' : 'null', FIXED_1),
    irp: mostly<FixedBufShape>(row.irp === 'null' ? 'null' : 'exact', FIXED_1),
    irpFill: IRP_FILL_GEN,
  });
}
/** A well-formed call of a row on one arch. */
export const wellFormedControl = (row: OptionRow, a: ArchName): fc.Arbitrary<ControlShape> => wellFormedControlGen(row, a).arb;

/** Arguments of WskControlSocket, inside and outside the tables, independently drawn. */
const RANDOM_CONTROL_GEN: Gen<ControlShape> = record<ControlShape>({
  op: constant<'control'>('control'),
  socket: SOCKET_INDEX_GEN,
  key: OPTION_KEY_GEN,
  inputSize: SIZE_GEN,
  input: BUF_LEN_GEN,
  value: ULONG_GEN,
  tail: TAIL_GEN,
  outputSize: SIZE_GEN,
  output: BUF_LEN_GEN,
  fill: FILL_GEN,
  osr: FIXED_6,
  irp: FIXED_1,
  irpFill: IRP_FILL_GEN,
});
/** Arguments of WskControlSocket, independently drawn. */
export const randomControl = (): fc.Arbitrary<ControlShape> => RANDOM_CONTROL_GEN.arb;

/** Arguments of WskControlSocket: mostly a row's documented form with one argument off, sometimes anything. */
const CONTROL_GEN: Gen<ControlShape> = oneof(
  { gen: oneofEqual(...OPTION_ROWS.flatMap((r: OptionRow) => [wellFormedControlGen(r, 'x64'), wellFormedControlGen(r, 'x86')])), weight: 2 },
  { gen: RANDOM_CONTROL_GEN, weight: 1 },
);
/** Arguments of WskControlSocket. */
export const controlCall = (): fc.Arbitrary<ControlShape> => CONTROL_GEN.arb;

/** Arguments of WskBind. */
const BIND_GEN: Gen<BindShape> = record<BindShape>({
  op: constant<'bind'>('bind'),
  socket: SOCKET_INDEX_GEN,
  address: ADDRESS_GEN,
  flags: oneof({ gen: constant(0), weight: 9 }, { gen: integer(0, U32_MAX), weight: 1 }),
  irp: FIXED_1,
  irpFill: IRP_FILL_GEN,
});
/** Arguments of WskBind. */
export const bindCall = (): fc.Arbitrary<BindShape> => BIND_GEN.arb;

/** Arguments of WskCloseSocket. */
const CLOSE_GEN: Gen<CloseShape> = record<CloseShape>({
  op: constant<'close'>('close'),
  socket: SOCKET_INDEX_GEN,
  irp: FIXED_1,
  irpFill: IRP_FILL_GEN,
});
/** Arguments of WskCloseSocket. */
export const closeCall = (): fc.Arbitrary<CloseShape> => CLOSE_GEN.arb;

const CLIENT_CODES = Object.values(CLIENT_CODE);

/** Arguments of WskControlClient: a known control code or any ULONG, sizes and buffers as for WskControlSocket. */
const CLIENT_GEN: Gen<ClientShape> = record<ClientShape>({
  op: constant<'client'>('client'),
  code: oneof({ gen: constantFrom(...CLIENT_CODES), weight: 6 }, { gen: integer(0, U32_MAX), weight: 1 }),
  inputSize: SIZE_GEN,
  input: BUF_LEN_GEN,
  value: ULONG_GEN,
  tail: TAIL_GEN,
  outputSize: SIZE_GEN,
  output: BUF_LEN_GEN,
  fill: FILL_GEN,
  osr: FIXED_2,
  irp: FIXED_2,
  irpFill: IRP_FILL_GEN,
});
/** Arguments of WskControlClient. */
export const clientCall = (): fc.Arbitrary<ClientShape> => CLIENT_GEN.arb;

/** The one `complete` call value (fc.constant recognises its own value by identity when unmapping). */
const COMPLETE: CallShape = Object.freeze({ op: 'complete' });

/** Specific host addresses a harness address list may hold, per family. */
const LIST_HOSTS = { v4: ['127.0.0.1', '10.0.0.1'], v6: ['::1', 'fe80::1'] } as const;

/** A host address list change (harness). */
const ADDRESS_LIST_GEN: Gen<AddressListShape> = record<AddressListShape>({
  op: constant<'addresses'>('addresses'),
  v6: boolean(),
  hosts: uniqueArray(integer(0, 1), 0, 2),
});
/** A host address list change (harness). */
export const addressListCall = (): fc.Arbitrary<AddressListShape> => ADDRESS_LIST_GEN.arb;

function unSocketCall(v: unknown): SocketCallShape {
  const c = v as CallShape;
  if (c.op !== 'socket') throw new Error('not a socket call');
  return { family: c.family, type: c.type, protocol: c.protocol, flags: c.flags, owner: c.owner };
}

/** Any call under test. */
const CALL_GEN: Gen<CallShape> = oneof<CallShape>(
  { gen: ADDRESS_LIST_GEN, weight: 1 },
  { gen: CLIENT_GEN, weight: 1 },
  { gen: CONTROL_GEN, weight: 8 },
  { gen: BIND_GEN, weight: 3 },
  { gen: CLOSE_GEN, weight: 1 },
  { gen: constant<CallShape>(COMPLETE), weight: 1 },
  { gen: map(SOCKET_CALL_GEN, (s): CallShape => ({ op: 'socket', family: s.family, type: s.type, protocol: s.protocol, flags: s.flags, owner: s.owner }), unSocketCall), weight: 1 },
);
/** Any call under test. */
export const call = (): fc.Arbitrary<CallShape> => CALL_GEN.arb;

// ---- whole cases -------------------------------------------------------------------------------------------------

/** The structured form of a fuzz case, before it is mapped to a vector. */
export interface CaseShape {
  readonly env: EnvShape;
  /** Principals allowed by the cached security descriptor `sd0`, or null for none. */
  readonly sd: readonly number[] | null;
  /** The case's port table: every non-zero port its binds use. */
  readonly ports: readonly number[];
  readonly sockets: readonly SocketShape[];
  readonly calls: readonly CallShape[];
  /** Connection steps interleaved with the calls (drawn last, so the other parts draw as they would without them). */
  readonly conn: readonly ConnShape[];
}

/** Calls under test per case unless constrained. */
export const MAX_CALLS_DEFAULT = 6;

/** Constraints of caseShape / fuzzCase. */
export interface CaseConstraints {
  /** @defaultValue 6 */
  readonly maxCalls?: number;
  /** Fix some of the environment. */
  readonly env?: Partial<EnvShape>;
}

const CASE_GENS = new Map<string, Gen<CaseShape>>();

// ---- sharing-focused cases: the same shapes, drawn so that binds of different owners meet on one port ------------

const EXCLUSIVE_PRESET = Math.max(0, PRESET_ROWS.findIndex((r) => r.code === 'SO_EXCLUSIVEADDRUSE'));

/** A bind address on the case's first port, mostly a wildcard, never lying. */
const FOCUS_ADDRESS_GEN: Gen<AddressShape> = record<AddressShape>({
  host: oneof({ gen: constant(0), weight: 3 }, { gen: integer(0, 5), weight: 2 }),
  port: oneof({ gen: constant(1), weight: 6 }, { gen: integer(0, MAX_PORTS), weight: 1 }),
  lie: constant<AddressLie>('none'),
});

/** A preset biased to SO_EXCLUSIVEADDRUSE. */
const FOCUS_PRESET_GEN: Gen<PresetShape> = record<PresetShape>({
  row: oneof({ gen: constant(EXCLUSIVE_PRESET), weight: 2 }, { gen: integer(0, Math.max(0, PRESET_ROWS.length - 1)), weight: 2 }),
  value: oneof({ gen: constant(1), weight: 4 }, { gen: constant(0), weight: 1 }),
});

/** A setup socket of the same transport as its neighbours (mostly a TCP listening socket), mostly bound on the first port. */
const FOCUS_SOCKET_GEN: Gen<SocketShape> = record<SocketShape>({
  kind: oneof({ gen: constant(0), weight: 6 }, { gen: integer(0, SOCKET_KINDS.length - 1), weight: 1 }),
  v6: oneof({ gen: constant(false), weight: 2 }, { gen: boolean(), weight: 1 }),
  owner: OWNER_GEN,
  useSd: boolean(),
  presets: array(FOCUS_PRESET_GEN, 0, 2),
  state: oneof({ gen: constant<SocketState>('bound'), weight: 2 }, { gen: constant<SocketState>('fresh'), weight: 1 }),
  address: FOCUS_ADDRESS_GEN,
});

/** A well-formed bind on the case's first port. */
const FOCUS_BIND_GEN: Gen<BindShape> = record<BindShape>({
  op: constant<'bind'>('bind'),
  socket: SOCKET_INDEX_GEN,
  address: FOCUS_ADDRESS_GEN,
  flags: constant(0),
  irp: constant<FixedBufShape>('exact'),
  irpFill: IRP_FILL_GEN,
});

/** The case generator for some constraints (built once per distinct constraints). */
export function caseGen(c: CaseConstraints = {}): Gen<CaseShape> {
  if (c === lastConstraints) return lastGen!;
  const key = JSON.stringify([c.maxCalls ?? MAX_CALLS_DEFAULT, c.env ?? {}]);
  let g = CASE_GENS.get(key);
  if (g !== undefined) { lastConstraints = c; lastGen = g; return g; }
  const e = c.env ?? {};
  const envGen = record<EnvShape>({
    arch: e.arch !== undefined ? constant(e.arch) : ARCH_GEN,
    profile: e.profile !== undefined ? constant(e.profile) : PROFILE_GEN,
    policy: e.policy !== undefined ? constant(e.policy) : POLICY_GEN,
    completion: e.completion !== undefined ? constant(e.completion) : COMPLETION_GEN,
  });
  const maxCalls = c.maxCalls ?? MAX_CALLS_DEFAULT;
  const sdGen = option(uniqueArray(OWNER_GEN, 0, OWNERS.length));
  // Any shape, or (one case in four) a sharing-focused one: two or three sockets of one transport whose binds meet on
  // the first port of the table, with SO_EXCLUSIVEADDRUSE likely. Every focused shape is also one the general branch
  // can give, so any case read back from a vector unmaps and shrinks through either.
  g = oneof<CaseShape>(
    {
      gen: record<CaseShape>({ env: envGen, sd: sdGen, ports: PORTS_GEN, sockets: array(SOCKET_SHAPE_GEN, 1, MAX_SOCKETS), calls: array(CALL_GEN, 1, maxCalls), conn: CONNS_GEN }),
      weight: 3,
    },
    {
      gen: record<CaseShape>({
        env: envGen, sd: sdGen, ports: PORTS_GEN, sockets: array(FOCUS_SOCKET_GEN, 2, MAX_SOCKETS),
        calls: array(oneof<CallShape>({ gen: FOCUS_BIND_GEN, weight: 2 }, { gen: CALL_GEN, weight: 1 }), 1, maxCalls),
        conn: CONNS_GEN,
      }),
      weight: 1,
    },
  );
  CASE_GENS.set(key, g);
  lastConstraints = c;
  lastGen = g;
  return g;
}
let lastConstraints: CaseConstraints | null = null;
let lastGen: Gen<CaseShape> | null = null;

/** The structured case arbitrary. */
export const caseShape = (c: CaseConstraints = {}): fc.Arbitrary<CaseShape> => caseGen(c).arb;

/** A fuzz case: a vector object (steps without expectations) that maps back to its structured form. */
export const fuzzCase = (c: CaseConstraints = {}): fc.Arbitrary<VectorJson> =>
  caseShape(c).map(caseToVector, (v) => vectorToCase(v as VectorJson));

// ---- mapper ------------------------------------------------------------------------------------------------------

function nameOf(table: Record<string, { value: number }>, v: number): string | number {
  for (const [k, row] of Object.entries(table)) if (row.value === v) return k;
  return v;
}
function valueOf(v: JsonValue | undefined, table: Record<string, { value: number }>): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const row = table[v];
    if (row !== undefined) return row.value;
  }
  throw new Error(`unknown value ${JSON.stringify(v)}`);
}

function ulongHex(v: number): string {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(v >>> 0, 0);
  return b.toString('hex');
}

function inputHex(value: number, tail: number, length: number): string {
  const b = Buffer.alloc(length, tail);
  const v = Buffer.from(ulongHex(value), 'hex');
  v.copy(b, 0, 0, Math.min(4, length));
  return b.toString('hex');
}

function fixedJson(s: FixedBufShape, size: number, fill: number): JsonValue {
  return s === 'null' ? null : { length: fixedLength(s, size), fill: fill.toString(16).padStart(2, '0') };
}

function controlJson(c: ControlShape, a: ArchName, name: string): StepJson {
  const L = LAYOUTS[a];
  const inputSize = fitSizeT(c.inputSize, a);
  const outputSize = fitSizeT(c.outputSize, a);
  const inLen = resolveLen(c.input, inputSize);
  const outLen = resolveLen(c.output, outputSize);
  return {
    op: 'control', socket: name,
    requestType: nameOf(WSK_CONTROL_SOCKET_TYPE, c.key.requestType), controlCode: nameOf(CONTROL_CODES, c.key.code),
    level: nameOf(LEVELS, c.key.level),
    inputSize: jsonSize(inputSize), input: inLen === 0 ? null : inputHex(c.value, c.tail, inLen),
    outputSize: jsonSize(outputSize), output: outLen === 0 ? null : { length: outLen, fill: c.fill.toString(16).padStart(2, '0') },
    outputSizeReturned: fixedJson(c.osr, L.sizeT, 0xcc),
    irp: fixedJson(c.irp, L.sizeofIrp, c.irpFill),
  };
}

function presetJson(p: PresetShape, name: string, a: ArchName): StepJson | null {
  const row = PRESET_ROWS[p.row % Math.max(1, PRESET_ROWS.length)];
  if (row === undefined) return null;
  return {
    op: 'control', socket: name, requestType: row.requestType, controlCode: row.code, level: row.level,
    inputSize: archSize(row.size, a), input: ulongHex(p.value).padEnd(2 * archSize(row.size, a), '0'), outputSize: 0, output: null, outputSizeReturned: null, irp: { fill: 'cc' }, 'x-setup': true,
  };
}

/** Map a structured case to its vector object (the arbitrary's mapper). */
export function caseToVector(c: CaseShape): VectorJson {
  const { arch: a, completion: mode } = c.env;
  const L = LAYOUTS[a];
  const steps: StepJson[] = [];
  if (c.sd !== null) steps.push({ op: 'cacheSd', as: 'sd0', allow: c.sd.map((i) => OWNERS[i]!), 'x-setup': true });
  const families: number[] = [];
  c.sockets.forEach((s, i) => {
    const name = `s${i}`;
    const kind = SOCKET_KINDS[s.kind]!;
    const family = s.v6 ? AF.AF_INET6 : AF.AF_INET;
    families.push(family);
    steps.push({
      op: 'socket', as: name, family: s.v6 ? 'AF_INET6' : 'AF_INET', type: kind.type, protocol: kind.protocol, flags: kind.flags,
      owner: OWNERS[s.owner]!, ...(s.useSd && c.sd !== null ? { securityDescriptor: 'sd0' } : {}), 'x-setup': true,
    });
    for (const p of s.presets) {
      const st = presetJson(p, name, a);
      if (st !== null) steps.push(st);
    }
    if (s.state === 'bound') steps.push({ op: 'bind', socket: name, address: addressJson(s.address, family, c.ports), irp: { fill: 'cc' }, 'x-setup': true });
    if (mode === 'pending' && (s.presets.length > 0 || s.state === 'bound')) steps.push({ op: 'complete', 'x-setup': true });
    if (s.state === 'closed') steps.push({ op: 'close', socket: name, irp: { fill: '00' }, 'x-setup': true });
    if (s.state === 'forced-closed') steps.push({ op: 'forceClose', socket: name, 'x-setup': true });
  });
  const n = c.sockets.length;
  let accepts = 0;
  let incomings = 0;
  const connSteps = (q: number): void => {
    c.conn.forEach((k) => {
      if (Math.min(k.at, c.calls.length) !== q) return;
      const t = connTarget(k, n, accepts);
      const name = t < n ? `s${t}` : `a${t - n}`;
      switch (k.act) {
        case 'incoming': {
          const s = c.sockets[t]!;
          steps.push({ op: 'incoming', from: connFrom(s.v6, incomings++), to: connTo(s, k.port, c.ports), 'x-socket': name });
          break;
        }
        case 'accept': steps.push({ op: 'accept', socket: name, as: `a${accepts++}`, irp: { fill: 'cc' } }); break;
        case 'disconnect': steps.push({ op: 'disconnect', socket: name, irp: { fill: 'cc' } }); break;
        case 'abort': steps.push({ op: 'disconnect', socket: name, flags: 1, irp: { fill: 'cc' } }); break;
        case 'peerClose': steps.push({ op: 'peerClose', socket: name }); break;
        case 'close': steps.push({ op: 'close', socket: name, irp: { fill: 'cc' }, 'x-conn': true }); break;
        case 'advance': steps.push({ op: 'advanceTime', seconds: k.seconds }); break;
      }
    });
  };
  for (let q = 0; q <= c.calls.length; q++) {
    if (c.conn.length > 0) connSteps(q);
    const k = c.calls[q];
    if (k === undefined) break;
    switch (k.op) {
      case 'control': steps.push(controlJson(k, a, `s${k.socket % n}`)); break;
      case 'bind': {
        const i = k.socket % n;
        steps.push({ op: 'bind', socket: `s${i}`, address: addressJson(k.address, families[i]!, c.ports), ...(k.flags !== 0 ? { flags: k.flags } : {}), irp: fixedJson(k.irp, L.sizeofIrp, k.irpFill) });
        break;
      }
      case 'close': steps.push({ op: 'close', socket: `s${k.socket % n}`, irp: fixedJson(k.irp, L.sizeofIrp, k.irpFill) }); break;
      case 'complete': steps.push({ op: 'complete' }); break;
      case 'addresses': {
        const hosts = k.v6 ? LIST_HOSTS.v6 : LIST_HOSTS.v4;
        steps.push({ op: 'setAddressList', family: k.v6 ? 'AF_INET6' : 'AF_INET', addresses: k.hosts.map((i) => (k.v6 ? `[${hosts[i]}]:0` : `${hosts[i]}:0`)) });
        break;
      }
      case 'client': {
        const { op: _op, socket: _s, requestType: _r, level: _l, controlCode: _c, ...rest } = controlJson({ ...k, op: 'control', socket: 0, key: { requestType: 0, level: 0, code: k.code } }, a, '');
        steps.push({ op: 'controlClient', controlCode: nameOf(WSK_CLIENT_CONTROL_CODES, k.code), ...rest });
        break;
      }
      case 'socket':
        steps.push({
          op: 'socket', family: nameOf(ADDRESS_FAMILIES, k.family), type: nameOf(SOCKET_TYPES, k.type),
          protocol: nameOf(PROTOCOLS, k.protocol), flags: nameOf(WSK_SOCKET_FLAGS, k.flags), owner: OWNERS[k.owner]!,
        });
        break;
    }
  }
  return { id: 'fuzz', source: 'wsksim fuzz', arch: a, profile: c.env.profile, policy: c.env.policy, completion: mode, steps };
}

// ---- unmapper ----------------------------------------------------------------------------------------------------

function fixedFromJson(v: JsonValue | undefined, size: number): { shape: FixedBufShape; fill: number } {
  if (v === null || v === undefined) return { shape: 'null', fill: 0xcc };
  if (typeof v === 'object' && !Array.isArray(v)) {
    const length = v.length === undefined ? size : Number(v.length);
    const fill = typeof v.fill === 'string' ? parseInt(v.fill, 16) : 0;
    return { shape: fixedKind(length, size), fill };
  }
  throw new Error('buffer is not {length, fill}');
}

function lenFromJson(length: number, declared: bigint): BufLenShape {
  if (length === 0) return { kind: 'null' };
  const base = declared <= BigInt(MAX_BUFFER - 8) ? Number(declared) : 8;
  const delta = length - base;
  if (delta >= -2 && delta <= 4) return { kind: 'rel', delta };
  return { kind: 'abs', length };
}

function controlFromJson(st: StepJson, a: ArchName, socket: number): ControlShape {
  const L = LAYOUTS[a];
  const inputSize = parseJsonSize(st.inputSize ?? 0);
  const outputSize = parseJsonSize(st.outputSize ?? 0);
  const inHex = typeof st.input === 'string' ? st.input : '';
  const inBytes = Buffer.from(inHex, 'hex');
  const tail = inBytes.length > 4 ? inBytes[4]! : 0;
  const value = inBytes.length >= 4 ? inBytes.readUInt32LE(0) : inBytes.length > 0 ? inBytes.readUIntLE(0, inBytes.length) : 0;
  if (inHex !== '' && inputHex(value, tail, inBytes.length) !== inHex.toLowerCase()) throw new Error('input bytes are not generated');
  const out = st.output;
  let outLen = 0;
  let fill = 0xcc;
  if (out !== null && out !== undefined) {
    if (typeof out !== 'object' || Array.isArray(out)) throw new Error('output is not {length, fill}');
    outLen = Number(out.length);
    fill = typeof out.fill === 'string' ? parseInt(out.fill, 16) : 0;
  }
  const osr = fixedFromJson(st.outputSizeReturned, L.sizeT);
  const irp = fixedFromJson(st.irp, L.sizeofIrp);
  return {
    op: 'control', socket,
    key: {
      requestType: valueOf(st.requestType, WSK_CONTROL_SOCKET_TYPE), level: valueOf(st.level ?? 0, LEVELS),
      code: valueOf(st.controlCode, CONTROL_CODES),
    },
    inputSize, input: lenFromJson(inBytes.length, inputSize), value, tail,
    outputSize, output: lenFromJson(outLen, outputSize), fill, osr: osr.shape, irp: irp.shape, irpFill: irp.fill,
  };
}

/** Map a vector object back to its structured case (the arbitrary's unmapper); throws for vectors it cannot express. */
export function vectorToCase(v: VectorJson): CaseShape {
  if (typeof v !== 'object' || v === null || !Array.isArray(v.steps)) throw new Error('not a vector');
  const a = v.arch;
  const L = LAYOUTS[a];
  let sd: number[] | null = null;
  const sockets: SocketShape[] = [];
  const families: number[] = [];
  const calls: CallShape[] = [];
  // The port table: the non-zero ports of the binds, in order of first use.
  const ports: number[] = [];
  for (const st of v.steps) {
    if (st.op !== 'bind' && st.op !== 'incoming') continue;
    const p = portInJson(st.op === 'incoming' ? st.to : st.address);
    if (p !== 0 && !ports.includes(p)) ports.push(p);
  }
  if (ports.length > MAX_PORTS) throw new Error(`the binds use more than ${MAX_PORTS} ports`);
  if (ports.length === 0) ports.push(1);
  const mutable = (i: number): { -readonly [K in keyof SocketShape]: SocketShape[K] } => sockets[i] as { -readonly [K in keyof SocketShape]: SocketShape[K] };
  const index = (name: JsonValue | undefined): number => {
    const m = typeof name === 'string' ? /^s(\d+)$/.exec(name) : null;
    if (!m || Number(m[1]) >= sockets.length) throw new Error(`unknown socket ${JSON.stringify(name)}`);
    return Number(m[1]);
  };
  const conn: ConnShape[] = [];
  let accepts = 0;
  const connSocket = (name: JsonValue | undefined): number => {
    const m = typeof name === 'string' ? /^a(\d+)$/.exec(name) : null;
    if (m !== null && Number(m[1]) < accepts) return 2 + Number(m[1]);
    const i = index(name);
    if (i >= 2 && accepts > 0) throw new Error('connection step target is not generated');
    return i;
  };
  const connStep = (act: ConnAct, socket: number, seconds = 0, port = 0): void => { conn.push({ at: calls.length, act, socket, port, seconds }); };
  for (const st of v.steps) {
    if (st['x-setup'] !== true) {
      switch (st.op) {
        case 'incoming': connStep('incoming', index(st['x-socket']), 0, ports.indexOf(portInJson(st.to)) + 1); continue;
        case 'accept': connStep('accept', index(st.socket)); accepts++; continue;
        case 'disconnect': connStep(st.flags === 1 ? 'abort' : 'disconnect', connSocket(st.socket)); continue;
        case 'peerClose': connStep('peerClose', connSocket(st.socket)); continue;
        case 'advanceTime': connStep('advance', 0, Number(st.seconds)); continue;
        case 'close': if (st['x-conn'] === true) { connStep('close', connSocket(st.socket)); continue; } break;
        default: break;
      }
    }
    if (st['x-setup'] === true) {
      switch (st.op) {
        case 'cacheSd': sd = (st.allow as string[]).map((o) => OWNERS.indexOf(o as typeof OWNERS[number])); break;
        case 'socket': {
          const kind = SOCKET_KINDS.findIndex((k) => k.flags === st.flags && k.type === st.type && k.protocol === st.protocol);
          if (kind < 0 || st.as !== `s${sockets.length}`) throw new Error('setup socket is not generated');
          const fam = valueOf(st.family, ADDRESS_FAMILIES);
          families.push(fam);
          sockets.push({
            kind, v6: fam === AF.AF_INET6, owner: OWNERS.indexOf(st.owner as typeof OWNERS[number]),
            useSd: st.securityDescriptor === 'sd0', presets: [], state: 'fresh', address: { host: 0, port: 1, lie: 'none' },
          });
          break;
        }
        case 'control': {
          const i = index(st.socket);
          const row = PRESET_ROWS.findIndex((r) => r.code === st.controlCode && r.requestType === st.requestType);
          if (row < 0) throw new Error('setup control is not a preset');
          mutable(i).presets = [...sockets[i]!.presets, { row, value: Buffer.from(String(st.input), 'hex').readUInt32LE(0) }];
          break;
        }
        case 'bind': { const i = index(st.socket); mutable(i).state = 'bound'; mutable(i).address = addressFromJson(st.address, families[i]!, ports); break; }
        case 'close': mutable(index(st.socket)).state = 'closed'; break;
        case 'forceClose': mutable(index(st.socket)).state = 'forced-closed'; break;
        case 'complete': break;
        default: throw new Error(`unknown setup op ${st.op}`);
      }
      continue;
    }
    switch (st.op) {
      case 'control': calls.push(controlFromJson(st, a, index(st.socket))); break;
      case 'bind': {
        const i = index(st.socket);
        const irp = fixedFromJson(st.irp, L.sizeofIrp);
        calls.push({ op: 'bind', socket: i, address: addressFromJson(st.address, families[i]!, ports), flags: typeof st.flags === 'number' ? st.flags : 0, irp: irp.shape, irpFill: irp.fill });
        break;
      }
      case 'close': {
        const irp = fixedFromJson(st.irp, L.sizeofIrp);
        calls.push({ op: 'close', socket: index(st.socket), irp: irp.shape, irpFill: irp.fill });
        break;
      }
      case 'complete': calls.push(COMPLETE); break;
      case 'setAddressList': {
        const v6 = st.family === 'AF_INET6';
        const hosts: readonly string[] = v6 ? LIST_HOSTS.v6 : LIST_HOSTS.v4;
        const idx = (st.addresses as string[]).map((t) => hosts.indexOf(v6 ? t.slice(1, t.lastIndexOf(']')) : t.slice(0, t.lastIndexOf(':'))));
        if (idx.some((i) => i < 0)) throw new Error('address list is not generated');
        calls.push({ op: 'addresses', v6, hosts: idx });
        break;
      }
      case 'controlClient': {
        const c = controlFromJson({ ...st, op: 'control', requestType: 0, level: 0, controlCode: 0 }, a, 0);
        const { op: _op, socket: _s, key: _k, ...rest } = c;
        calls.push({ ...rest, op: 'client', code: valueOf(st.controlCode, WSK_CLIENT_CONTROL_CODES) });
        break;
      }
      case 'socket':
        calls.push({
          op: 'socket', family: valueOf(st.family, ADDRESS_FAMILIES), type: valueOf(st.type, SOCKET_TYPES),
          protocol: valueOf(st.protocol, PROTOCOLS), flags: valueOf(st.flags, WSK_SOCKET_FLAGS), owner: OWNERS.indexOf(st.owner as typeof OWNERS[number]),
        });
        break;
      default: throw new Error(`unknown op ${st.op}`);
    }
  }
  return { env: { arch: a, profile: v.profile, policy: v.policy, completion: v.completion }, sd, ports, sockets, calls, conn: conn.length === 0 ? NO_CONN : conn };
}

/** The value tables the case engine (src/fuzz/engine.ts) reads to run a shape without mapping it to a vector. */
export const SHAPE_TABLES = { SOCKET_KINDS, LIST_HOSTS } as const;
