/**
 * Winsock and WSK constants as the C headers define them, stored as the unsigned ULONG a caller passes. Data only.
 * JavaScript bit operators are signed: SO_EXCLUSIVEADDRUSE is ((int)(~SO_REUSEADDR)) = -5, which a ULONG
 * parameter carries as 0xFFFFFFFB, so it is stored here in that unsigned form.
 */
import type { Citation, ValueRow } from './schema';

const WINSOCK2_H: Citation = { ref: 'H-mingw', at: 'mingw-w64-headers/include/winsock2.h', layer: 'header' };
const WS2DEF_H: Citation = { ref: 'H-mingw', at: 'mingw-w64-headers/include/ws2def.h', layer: 'header' };
const WS2IPDEF_H: Citation = { ref: 'H-mingw', at: 'mingw-w64-headers/include/ws2ipdef.h', layer: 'header' };
const WSK_H: Citation = { ref: 'H-wine-wsk', at: 'include/ddk/wsk.h (WSK_CONTROL_SOCKET_TYPE, WSK_FLAG_*_SOCKET); WDK km/wsk.h agrees', layer: 'header' };
const WSK_H_WDK: Citation = { ref: 'H-wsk', at: 'km/wsk.h (WskControlMax; absent from Wine\'s copy)', layer: 'header' };
const WINERROR_H: Citation = { ref: 'H-mingw', at: 'mingw-w64-headers/include/winerror.h', layer: 'header' };
const MSWSOCK_H: Citation = { ref: 'H-mingw', at: 'mingw-w64-headers/include/mswsock.h (TCP_BSDURGENT 0x7000)', layer: 'header' };
const WS2IPDEF_SDK: Citation = { ref: 'H-ws2ipdef', at: 'shared/ws2ipdef.h (absent from mingw-w64 10)', layer: 'header' };
const WSK_H_CONST: Citation = { ref: 'H-wsk', at: 'km/wsk.h (listed by npm run verify:abi; abi/README.md)', layer: 'header' };
const CALC_IOC = (expr: string): Citation => ({ ref: 'CALC', at: `${expr}: mingw-w64 _WSAIO/_WSAIOR/_WSAIOW/_WSAIORW macros with IOC_WSK = (IOC_WS2|0x07000000) from SDK ws2def.h, compiled with x86_64-w64-mingw32-gcc 12 (npm run verify:abi; abi/README.md)`, layer: 'header' });
const WS2DEF_WSK: Citation = { ref: 'H-ws2def', at: 'shared/ws2def.h: WSK_SO_BASE 0x4000; km/wsk.h: SO_WSK_SECURITY (WSK_SO_BASE+1)', layer: 'header' };

/** Socket option levels. */
export const LEVELS = {
  SOL_SOCKET: { value: 0xFFFF, source: WINSOCK2_H },
  IPPROTO_IP: { value: 0, source: WS2DEF_H },
  IPPROTO_TCP: { value: 6, source: WS2DEF_H },
  IPPROTO_UDP: { value: 17, source: WS2DEF_H },
  IPPROTO_IPV6: { value: 41, source: WS2DEF_H },
} as const satisfies Record<string, ValueRow>;

/** Socket option and IOCTL control codes. */
export const CONTROL_CODES = {
  SO_REUSEADDR: { value: 0x0004, source: WINSOCK2_H },
  SO_EXCLUSIVEADDRUSE: { value: 0xFFFFFFFB, source: { ref: 'H-mingw', at: 'winsock2.h line 202: ((int)(~SO_REUSEADDR)) = -5, as ULONG 0xFFFFFFFB', layer: 'header' } },
  SO_KEEPALIVE: { value: 0x0008, source: WINSOCK2_H },
  SO_BROADCAST: { value: 0x0020, source: WINSOCK2_H },
  SO_SNDBUF: { value: 0x1001, source: WINSOCK2_H },
  SO_RCVBUF: { value: 0x1002, source: WINSOCK2_H },
  SO_CONDITIONAL_ACCEPT: { value: 0x3002, source: WINSOCK2_H },
  SO_WSK_SECURITY: { value: 0x4001, source: WS2DEF_WSK },
  IPV6_V6ONLY: { value: 27, source: WS2IPDEF_H },
  // ---- every other WSK control operation ----
  SO_PORT_SCALABILITY: { value: 0x3006, source: { ref: 'W1', at: 'so-port-scalability.md: 0x3006 (absent from mingw-w64 10)', layer: 'header' } },
  SO_WSK_EVENT_CALLBACK: { value: 0x4002, source: WS2DEF_WSK },
  IP_TTL: { value: 4, source: WS2IPDEF_H },
  IP_UNICAST_IF: { value: 31, source: WS2IPDEF_H },
  IPV6_UNICAST_HOPS: { value: 4, source: WS2IPDEF_H },
  IPV6_UNICAST_IF: { value: 31, source: WS2IPDEF_H },
  TCP_NODELAY: { value: 0x0001, source: WS2DEF_H },
  TCP_KEEPALIVE: { value: 3, source: WS2IPDEF_SDK },
  TCP_KEEPIDLE: { value: 3, source: WS2IPDEF_SDK },
  TCP_FASTOPEN: { value: 15, source: WS2IPDEF_SDK },
  TCP_KEEPCNT: { value: 16, source: WS2IPDEF_SDK },
  TCP_KEEPINTVL: { value: 17, source: WS2IPDEF_SDK },
  TCP_BSDURGENT: { value: 0x7000, source: MSWSOCK_H },
  // ---- datagram options real WSK clients set (docs/EVIDENCE.md: msquic) ----
  IP_DONTFRAGMENT: { value: 14, source: WS2IPDEF_H },
  IP_PKTINFO: { value: 19, source: WS2IPDEF_H },
  IP_HOPLIMIT: { value: 21, source: WS2IPDEF_H },
  IP_RECVTOS: { value: 40, source: WS2IPDEF_H },
  IP_ECN: { value: 50, source: WS2IPDEF_H },
  IP_RECVERR: { value: 75, source: WS2IPDEF_H },
  IPV6_DONTFRAG: { value: 14, source: WS2IPDEF_H },
  IPV6_PKTINFO: { value: 19, source: WS2IPDEF_H },
  IPV6_HOPLIMIT: { value: 21, source: WS2IPDEF_H },
  IPV6_TCLASS: { value: 39, source: WS2IPDEF_H },
  IPV6_RECVTCLASS: { value: 40, source: WS2IPDEF_H },
  IPV6_ECN: { value: 50, source: WS2IPDEF_H },
  IPV6_RECVERR: { value: 75, source: WS2IPDEF_H },
  UDP_SEND_MSG_SIZE: { value: 2, source: { ref: 'H-ws2ipdef', at: 'shared/ws2ipdef.h (absent from mingw-w64 10); W1 ipproto-udp-socket-options.md names it (ws2ipdef.h)', layer: 'header' } },
  UDP_RECV_MAX_COALESCED_SIZE: { value: 3, source: { ref: 'H-ws2ipdef', at: 'shared/ws2ipdef.h (absent from mingw-w64 10); W1 ipproto-udp-socket-options.md names it (ws2ipdef.h)', layer: 'header' } },
  SIO_WSK_SET_REMOTE_ADDRESS: { value: 0x8F000001, source: CALC_IOC('_WSAIOW(IOC_WSK,1)') },
  SIO_WSK_REGISTER_EXTENSION: { value: 0xCF000002, source: CALC_IOC('_WSAIORW(IOC_WSK,2)') },
  SIO_WSK_QUERY_IDEAL_SEND_BACKLOG: { value: 0x4F000003, source: CALC_IOC('_WSAIOR(IOC_WSK,3)') },
  SIO_WSK_QUERY_RECEIVE_BACKLOG: { value: 0x4F000004, source: CALC_IOC('_WSAIOR(IOC_WSK,4)') },
  SIO_WSK_QUERY_INSPECT_ID: { value: 0x4F000005, source: CALC_IOC('_WSAIOR(IOC_WSK,5)') },
  SIO_WSK_SET_SENDTO_ADDRESS: { value: 0x8F000006, source: CALC_IOC('_WSAIOW(IOC_WSK,6)') },
  SIO_WSK_SET_TCP_SILENT_MODE: { value: 0x2F000007, source: CALC_IOC('_WSAIO(IOC_WSK,7)') },
  SIO_ADDRESS_LIST_QUERY: { value: 0x48000016, source: CALC_IOC('_WSAIOR(IOC_WS2,22); mingw ws2def.h gives 0x48000016') },
  SIO_ADDRESS_LIST_CHANGE: { value: 0x28000017, source: CALC_IOC('_WSAIO(IOC_WS2,23); mingw ws2def.h gives 0x28000017') },
  SIO_LOOPBACK_FAST_PATH: { value: 0x98000010, source: CALC_IOC('_WSAIOW(IOC_VENDOR,16); mingw mstcpip.h gives 0x98000010') },
  SIO_QUERY_WFP_CONNECTION_REDIRECT_RECORDS: { value: 0x980000DC, source: CALC_IOC('_WSAIOW(IOC_VENDOR,220); mingw macro arithmetic gives 0x980000DC') },
  SIO_QUERY_WFP_CONNECTION_REDIRECT_CONTEXT: { value: 0x980000DD, source: CALC_IOC('_WSAIOW(IOC_VENDOR,221)') },
  SIO_SET_WFP_CONNECTION_REDIRECT_RECORDS: { value: 0x980000DE, source: CALC_IOC('_WSAIOW(IOC_VENDOR,222)') },
} as const satisfies Record<string, ValueRow>;

/** WSK_EVENT_* flags of WSK_EVENT_CALLBACK_CONTROL.EventMask. */
export const WSK_EVENT_FLAGS = {
  WSK_EVENT_SEND_BACKLOG: { value: 0x00000010, source: WSK_H_CONST },
  WSK_EVENT_RECEIVE: { value: 0x00000040, source: WSK_H_CONST },
  WSK_EVENT_DISCONNECT: { value: 0x00000080, source: WSK_H_CONST },
  WSK_EVENT_RECEIVE_FROM: { value: 0x00000100, source: WSK_H_CONST },
  WSK_EVENT_ACCEPT: { value: 0x00000200, source: WSK_H_CONST },
  WSK_EVENT_DISABLE: { value: 0x80000000, source: WSK_H_CONST },
} as const satisfies Record<string, ValueRow>;

/** WskControlClient control codes. */
export const WSK_CLIENT_CONTROL_CODES = {
  WSK_TRANSPORT_LIST_QUERY: { value: 2, source: WSK_H_CONST },
  WSK_TRANSPORT_LIST_CHANGE: { value: 3, source: WSK_H_CONST },
  WSK_CACHE_SD: { value: 4, source: WSK_H_CONST },
  WSK_RELEASE_SD: { value: 5, source: WSK_H_CONST },
  WSK_TDI_DEVICENAME_MAPPING: { value: 6, source: WSK_H_CONST },
  WSK_SET_STATIC_EVENT_CALLBACKS: { value: 7, source: WSK_H_CONST },
  WSK_TDI_BEHAVIOR: { value: 8, source: WSK_H_CONST },
  WSK_TDI_BEHAVIOR_BYPASS_TDI: { value: 0x00000001, source: { ref: 'H-wsk', at: 'km/wsk.h WSK_TDI_BEHAVIOR_BYPASS_TDI; D2 wsk-tdi-behavior.md', layer: 'header' } },
} as const satisfies Record<string, ValueRow>;

/** Address families. */
export const ADDRESS_FAMILIES = {
  AF_UNSPEC: { value: 0, source: WS2DEF_H },
  AF_INET: { value: 2, source: WS2DEF_H },
  AF_INET6: { value: 23, source: WS2DEF_H },
} as const satisfies Record<string, ValueRow>;

/** Socket types. */
export const SOCKET_TYPES = {
  SOCK_STREAM: { value: 1, source: WINSOCK2_H },
  SOCK_DGRAM: { value: 2, source: WINSOCK2_H },
  SOCK_RAW: { value: 3, source: WINSOCK2_H },
} as const satisfies Record<string, ValueRow>;

/** Protocol numbers accepted by WskSocket (0 selects the type's default protocol). */
export const PROTOCOLS = {
  IPPROTO_TCP: { value: 6, source: WS2DEF_H },
  IPPROTO_UDP: { value: 17, source: WS2DEF_H },
  /** The largest protocol number a SOCK_RAW socket accepts (policy raw-protocol-range). */
  IPPROTO_RAW: { value: 255, source: WINSOCK2_H },
} as const satisfies Record<string, ValueRow>;

/** WskSocket Flags: the socket category. */
export const WSK_SOCKET_FLAGS = {
  WSK_FLAG_BASIC_SOCKET: { value: 0x00000000, source: WSK_H },
  WSK_FLAG_LISTEN_SOCKET: { value: 0x00000001, source: WSK_H },
  WSK_FLAG_CONNECTION_SOCKET: { value: 0x00000002, source: WSK_H },
  WSK_FLAG_DATAGRAM_SOCKET: { value: 0x00000004, source: WSK_H },
  WSK_FLAG_STREAM_SOCKET: { value: 0x00000008, source: WSK_H },
} as const satisfies Record<string, ValueRow>;

/** Flags of WskDisconnect (and of the data path, not modelled). */
export const WSK_IO_FLAGS = {
  WSK_FLAG_ABORTIVE: { value: 0x00000001, source: { ref: 'H-wsk', at: 'km/wsk.h WSK_FLAG_ABORTIVE; D1 nc-wsk-pfn_wsk_disconnect.md Flags', layer: 'header' } },
} as const satisfies Record<string, ValueRow>;

/** WSK_CONTROL_SOCKET_TYPE members (a 4-byte C enum). */
export const WSK_CONTROL_SOCKET_TYPE = {
  WskSetOption: { value: 0, source: WSK_H },
  WskGetOption: { value: 1, source: WSK_H },
  WskIoctl: { value: 2, source: WSK_H },
  WskControlMax: { value: 3, source: WSK_H_WDK },
} as const satisfies Record<string, ValueRow>;

/** Winsock error codes reported beside NTSTATUS by the user-mode profiles. */
export const WSA_ERRORS = {
  WSAEACCES: { value: 10013, source: WINERROR_H },
  WSAEFAULT: { value: 10014, source: WINERROR_H },
  WSAEINVAL: { value: 10022, source: WINERROR_H },
  WSAENOPROTOOPT: { value: 10042, source: WINERROR_H },
  WSAEADDRINUSE: { value: 10048, source: WINERROR_H },
} as const satisfies Record<string, ValueRow>;
