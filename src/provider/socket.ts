/**
 * The simulated socket: plain data owned by the provider. A bound address is decoded into the socket's own scalar
 * fields (no per-bind allocation), and the socket carries the intrusive links of the endpoint table.
 */
import { OPTION_ROWS, type OptionStateName } from '../../abi/options';
import { DISPATCH_TABLES } from '../../abi/dispatch';
import type { OptionRow, SocketCategory, WskFunctionName } from '../../abi/schema';
import { AF } from '../codec/names';
import type { TransportAddress } from '../codec/sockaddr';
import type { Connection, Listener } from './connections';
import type { CompiledOption } from './option-table';

/** Bit per socket category, used for the option table's category masks. */
export const CATEGORY_BIT: { readonly [K in SocketCategory]: number } = { basic: 1, listen: 2, connection: 4, datagram: 8, stream: 16 };

/** Per WSK function: the CATEGORY_BITs of the socket categories whose dispatch table has it (abi/dispatch.ts). */
export const DISPATCH_BITS: ReadonlyMap<WskFunctionName, number> = (() => {
  const m = new Map<WskFunctionName, number>();
  for (const c of Object.keys(CATEGORY_BIT) as SocketCategory[]) {
    for (const fn of DISPATCH_TABLES[c].functions as readonly WskFunctionName[]) m.set(fn, (m.get(fn) ?? 0) | CATEGORY_BIT[c]);
  }
  return m;
})();

/**
 * Index of each option state slot inside SimSocket.options: the distinct `state` names of abi/options.ts OPTION_ROWS in
 * row order ('none', the slot of rows that keep no ULONG state, included), so a new option's slot needs no edit here.
 */
export const OPTION_STATE_INDEX: { readonly [K in OptionStateName]: number } = stateIndex(OPTION_ROWS);

/** Number of option state slots per socket. */
export const OPTION_STATE_SLOTS = Object.keys(OPTION_STATE_INDEX).length;

/** The index of the state slot a row names (`row.state`, `row.mutuallyExclusiveWith`). */
export function stateSlot(state: string): number {
  const i = (OPTION_STATE_INDEX as Readonly<Record<string, number>>)[state];
  if (i === undefined) throw new Error(`abi/options.ts: no row keeps the state ${state}`);
  return i;
}

function stateIndex(rows: readonly OptionRow[]): { readonly [K in OptionStateName]: number } {
  const index: Record<string, number> = {};
  let n = 0;
  for (const r of rows) if (index[r.state] === undefined) index[r.state] = n++;
  for (const r of rows) {
    if (r.mutuallyExclusiveWith !== null && index[r.mutuallyExclusiveWith] === undefined) {
      throw new Error(`abi/options.ts: ${r.name} mutuallyExclusiveWith names ${r.mutuallyExclusiveWith}, a state no row keeps`);
    }
  }
  return Object.freeze(index) as { readonly [K in OptionStateName]: number };
}

/** Stack index of the endpoint table: IPv4 or IPv6. */
export const STACK_V4 = 0;
export const STACK_V6 = 1;

/**
 * A socket handle is slot + generation * HANDLE_GENERATION (policy socket-handle-reuse): the slot indexes the
 * provider's socket array and is reused once its socket is closed, the generation counts the slot's reuses, so a stale
 * handle never names a later socket. Both fit a small integer (below 2^31), which V8 keeps unboxed.
 */
export const HANDLE_SLOT_BITS = 22;
/** Mask of the slot bits of a handle. */
export const HANDLE_SLOT_MASK = (1 << HANDLE_SLOT_BITS) - 1;
/** Difference between two generations of a slot's handle. */
export const HANDLE_GENERATION = 1 << HANDLE_SLOT_BITS;
/** Largest handle: a slot whose next generation would exceed it is retired instead of reused. */
export const HANDLE_MAX = 0x7fffffff;

/** Sockets per option-slot slab. */
const SLAB_SOCKETS = 256;
let slab = new Uint32Array(0);
let slabUsed = SLAB_SOCKETS;

/**
 * A new socket's option slots (all 0): a view of a slab shared with up to SLAB_SOCKETS - 1 other sockets and never
 * handed out twice. A Uint32Array of its own per socket is an off-heap allocation each (100 bytes is above V8's 64-byte
 * limit for on-heap typed arrays): 0.3-0.5 µs and an ArrayBuffer object, against about 40 ns for a view.
 */
function newOptionSlots(): Uint32Array {
  if (freeSlots.length > 0) return freeSlots.pop()!;
  if (slabUsed === SLAB_SOCKETS) {
    slab = new Uint32Array(SLAB_SOCKETS * OPTION_STATE_SLOTS);
    slabUsed = 0;
  }
  const at = slabUsed++ * OPTION_STATE_SLOTS;
  return slab.subarray(at, at + OPTION_STATE_SLOTS);
}

/** Option slots of freed sockets, handed out again before the slab grows (createSocket overwrites every slot). */
const freeSlots: Uint32Array[] = [];

/**
 * Give back the option slots of a socket whose handle slot was freed: the next socket created gets them. The freed
 * SimSocket must not be read again (nothing keeps it but a closed listener's connections, which read only its `net`).
 */
export function recycleOptionSlots(s: SimSocket): void {
  freeSlots.push(s.options);
}

/** State of one simulated WSK socket. */
export class SimSocket {
  /** Option values, indexed by OPTION_STATE_INDEX (the descriptor handle lives in slot securityDescriptor). */
  readonly options = newOptionSlots();
  /** Whether WskBind succeeded on this socket. */
  bound = false;
  /** Bound port (host order) and transport (endpoint-table TRANSPORT_*; -1 raw). */
  port = 0;
  transport = 0;
  /** Bound address as four big-endian words (int32); an IPv4 address is in w0. */
  w0 = 0;
  w1 = 0;
  w2 = 0;
  w3 = 0;
  flowInfo = 0;
  scopeId = 0;
  /** Registered on the IPv4 stack / the IPv6 stack. */
  onV4 = false;
  onV6 = false;
  /** IPv4 address of the IPv4-stack side (big-endian int32; 0 = wildcard). */
  v4Addr = 0;
  /** Sharing-table kind index (option * 2 + specific) of each side. */
  kind4 = 0;
  kind6 = 0;
  /** Position in bind order. */
  bindSeq = 0;
  /** Descriptor handle in force when the socket bound (a later lenient SO_WSK_SECURITY set does not change it). */
  boundSd = 0;
  /**
   * Endpoint-table links on the IPv4 (…4) and IPv6 (…6) stacks: `chainPrev`/`chainNext` = the port bucket's doubly
   * linked chain in bind order (its wildcard chain for a wildcard side, its all-specific chain otherwise);
   * `addrNext` = the next specific binding with the same address.
   */
  chainPrev4: SimSocket | null = null;
  chainNext4: SimSocket | null = null;
  addrNext4: SimSocket | null = null;
  chainPrev6: SimSocket | null = null;
  chainNext6: SimSocket | null = null;
  addrNext6: SimSocket | null = null;
  forcedClosed = false;
  /**
   * The last option row found usable on this socket by the guarded success path (checks 3, 7, 7b and the bind state
   * of check 12, under inline completion; control-fast.ts). It depends on `bound`, `closing` and `forcedClosed`:
   * whatever changes one of them calls forgetFitRow().
   */
  fitRow: CompiledOption | null = null;
  /** Set when WskCloseSocket was called: the handle is no longer valid. */
  closing = false;
  /** Its listening state or its connection (src/provider/connections.ts), null until it listens or connects. */
  net: Listener | Connection | null = null;
  // ---- state beyond the ULONG slots ----
  /** Event flags enabled by WSK_SET_STATIC_EVENT_CALLBACKS at creation: they cannot be disabled or re-enabled. */
  staticEvents = 0;
  /** Event flags whose callbacks the harness marks as in progress (provider.setCallbackInProgress). */
  callbacksInProgress = 0;
  /** SOCKADDR images fixed by SIO_WSK_SET_REMOTE_ADDRESS / SIO_WSK_SET_SENDTO_ADDRESS, keyed by IOCTL code. */
  /** Created on first use (an empty Map per socket would cost about 100 bytes of heap per bound socket). */
  fixedAddresses: Map<number, Uint8Array> | null = null;
  /** WFP redirect records / context (opaque bytes), keyed by the query IOCTL code that returns them. */
  /** Created on first use. */
  wfpData: Map<number, Uint8Array> | null = null;

  constructor(
    readonly handle: number,
    readonly category: SocketCategory,
    readonly categoryBit: number,
    readonly family: number,
    readonly type: number,
    readonly protocol: number,
    readonly owner: string,
  ) {}

  /** The one invalidation point of fitRow: `bound`, `closing` or `forcedClosed` changed. */
  forgetFitRow(): void {
    this.fitRow = null;
  }

  /** Handle of the security descriptor applied to the socket (0 = the WSK default descriptor). */
  get securityDescriptor(): number {
    return this.options[OPTION_STATE_INDEX.securityDescriptor]!;
  }

  set securityDescriptor(sd: number) {
    this.options[OPTION_STATE_INDEX.securityDescriptor] = sd;
  }

  /** The bound local address, decoded on demand (allocates; for inspection), or null while unbound. */
  get boundAddress(): TransportAddress | null {
    if (!this.bound) return null;
    const words = this.family === AF.AF_INET6 ? [this.w0, this.w1, this.w2, this.w3] : [this.w0];
    const addr = new Uint8Array(words.length * 4);
    words.forEach((w, i) => { addr[i * 4] = (w >>> 24) & 0xff; addr[i * 4 + 1] = (w >>> 16) & 0xff; addr[i * 4 + 2] = (w >>> 8) & 0xff; addr[i * 4 + 3] = w & 0xff; });
    return { family: this.family, port: this.port, addr, scopeId: this.scopeId, flowInfo: this.flowInfo };
  }
}
