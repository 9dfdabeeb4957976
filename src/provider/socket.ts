/**
 * The simulated socket: plain data owned by the provider.
 */
import type { SocketCategory } from '../../abi/schema';
import type { TransportAddress } from '../codec/sockaddr';

/** Bit per socket category, used for the option table's category masks. */
export const CATEGORY_BIT: { readonly [K in SocketCategory]: number } = { basic: 1, listen: 2, connection: 4, datagram: 8, stream: 16 };

/** Index of each option state field inside SimSocket.options. */
export const OPTION_STATE_INDEX = { exclusiveAddrUse: 0, reuseAddr: 1, ipv6Only: 2 } as const;

/** Number of option state slots per socket. */
export const OPTION_STATE_SLOTS = 3;

/** State of one simulated WSK socket. */
export class SimSocket {
  /** Option values, indexed by OPTION_STATE_INDEX. */
  readonly options = new Uint32Array(OPTION_STATE_SLOTS);
  /** The bound local address, or null while unbound. */
  boundAddress: TransportAddress | null = null;
  /** Keys of the endpoint-table buckets this socket is registered in while bound. */
  bindingKeys: number[] = [];
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
    public securityDescriptor: number,
  ) {}
}
