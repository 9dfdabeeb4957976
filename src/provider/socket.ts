/**
 * The simulated socket: plain data owned by the provider. A bound address is decoded into the socket's own scalar
 * fields (no per-bind allocation), and the socket carries the intrusive links of the endpoint table.
 */
import type { SocketCategory } from '../../abi/schema';
import { AF } from '../codec/names';
import type { TransportAddress } from '../codec/sockaddr';

/** Bit per socket category, used for the option table's category masks. */
export const CATEGORY_BIT: { readonly [K in SocketCategory]: number } = { basic: 1, listen: 2, connection: 4, datagram: 8, stream: 16 };

/** Index of each option state field inside SimSocket.options. */
export const OPTION_STATE_INDEX = { exclusiveAddrUse: 0, reuseAddr: 1, ipv6Only: 2, securityDescriptor: 3 } as const;

/** Number of option state slots per socket. */
export const OPTION_STATE_SLOTS = 4;

/** Stack index of the endpoint table: IPv4 or IPv6. */
export const STACK_V4 = 0;
export const STACK_V6 = 1;

/** State of one simulated WSK socket. */
export class SimSocket {
  /** Option values, indexed by OPTION_STATE_INDEX (the descriptor handle lives in slot securityDescriptor). */
  readonly options = new Uint32Array(OPTION_STATE_SLOTS);
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
   * Endpoint-table links on the IPv4 (…4) and IPv6 (…6) stacks: `next` = next socket on the bucket's wildcard
   * chain or same-address-hash chain; `specPrev`/`specNext` = the bucket's doubly linked chain of all specific
   * bindings, in bind order.
   */
  next4: SimSocket | null = null;
  specPrev4: SimSocket | null = null;
  specNext4: SimSocket | null = null;
  next6: SimSocket | null = null;
  specPrev6: SimSocket | null = null;
  specNext6: SimSocket | null = null;
  forcedClosed = false;
  /** Set when WskCloseSocket was called: the handle is no longer valid. */
  closing = false;

  constructor(
    readonly handle: number,
    readonly category: SocketCategory,
    readonly categoryBit: number,
    readonly family: number,
    readonly type: number,
    readonly protocol: number,
    readonly owner: string,
  ) {}

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
