/**
 * The simulated socket: plain data owned by the provider.
 */
import type { OptionStateName, SocketCategory } from '../../abi/schema';
import type { TransportAddress } from '../codec/sockaddr';

/** Bit per socket category, used for the option table's category masks. */
export const CATEGORY_BIT: { readonly [K in SocketCategory]: number } = { basic: 1, listen: 2, connection: 4, datagram: 8, stream: 16 };

/** Index of each option state field inside SimSocket.options. */
export const OPTION_STATE_INDEX = {
  exclusiveAddrUse: 0, reuseAddr: 1, ipv6Only: 2,
  // options branch
  broadcast: 3, conditionalAccept: 4, keepAlive: 5, rcvBuf: 6, portScalability: 7, ipTtl: 8, ipUnicastIf: 9,
  ipv6UnicastHops: 10, ipv6UnicastIf: 11, tcpNoDelay: 12, tcpFastOpen: 13, tcpKeepIdle: 14, tcpKeepCnt: 15,
  tcpKeepIntvl: 16, tcpBsdUrgent: 17, idealSendBacklog: 18, receiveBacklog: 19, silentMode: 20, loopbackFastPath: 21,
  eventMask: 22, none: 23,
} as const satisfies { readonly [K in OptionStateName]: number };

/** Number of option state slots per socket. */
export const OPTION_STATE_SLOTS = 24;

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
  // ---- options branch: state beyond the ULONG slots ----
  /** Event flags enabled by WSK_SET_STATIC_EVENT_CALLBACKS at creation: they cannot be disabled or re-enabled. */
  staticEvents = 0;
  /** Event flags whose callbacks the harness marks as in progress (provider.setCallbackInProgress). */
  callbacksInProgress = 0;
  /** SOCKADDR images fixed by SIO_WSK_SET_REMOTE_ADDRESS / SIO_WSK_SET_SENDTO_ADDRESS, keyed by IOCTL code. */
  readonly fixedAddresses = new Map<number, Uint8Array>();
  /** WFP redirect records / context (opaque bytes), keyed by the query IOCTL code that returns them. */
  readonly wfpData = new Map<number, Uint8Array>();

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
