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
  SO_RCVBUF: { value: 0x1002, source: WINSOCK2_H },
  SO_CONDITIONAL_ACCEPT: { value: 0x3002, source: WINSOCK2_H },
  SO_WSK_SECURITY: { value: 0x4001, source: WS2DEF_WSK },
  IPV6_V6ONLY: { value: 27, source: WS2IPDEF_H },
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
} as const satisfies Record<string, ValueRow>;

/** WskSocket Flags: the socket category. */
export const WSK_SOCKET_FLAGS = {
  WSK_FLAG_BASIC_SOCKET: { value: 0x00000000, source: WSK_H },
  WSK_FLAG_LISTEN_SOCKET: { value: 0x00000001, source: WSK_H },
  WSK_FLAG_CONNECTION_SOCKET: { value: 0x00000002, source: WSK_H },
  WSK_FLAG_DATAGRAM_SOCKET: { value: 0x00000004, source: WSK_H },
  WSK_FLAG_STREAM_SOCKET: { value: 0x00000008, source: WSK_H },
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
