/*
 * wsk.h: the Winsock Kernel (WSK) client interface for mingw-w64 kernel-mode sources, written for wsksim from
 * Microsoft's documentation (Windows Driver Kit reference, "wsk.h header" pages: every structure below follows
 * the page's C syntax block) and the documented values of ws2def.h / ws2ipdef.h / mstcpip.h / mswsock.h.
 * Values and layouts are checked against wsksim's abi/ tables by `npm run verify:abi` (unit "wsksim wsk.h").
 *
 * Use: `#include <ntddk.h>` (or <wdm.h>) then `#include <wsk.h>`, built with `npx wsksim cc`. The header brings
 * kernel-mode definitions of the Winsock types a WSK client needs (SOCKADDR, SOCKADDR_IN, SOCKADDR_IN6,
 * SOCKADDR_STORAGE, IN_ADDR, SOL_SOCKET, SO_*, IPPROTO_*, AF_*...) without user-mode <windows.h>. When a
 * user-mode <winsock2.h> was included first, its definitions are used instead; include <wsk.h> after it.
 *
 * Dispatch tables: C code names the basic functions through the table itself (`Dispatch->WskCloseSocket`), as
 * the WDK's anonymous member allows; `Dispatch->Basic.WskCloseSocket` works too.
 * NPI_WSK_INTERFACE_ID is declared here and defined by wsksim's harness library; a source built elsewhere
 * (for example a .sys linked against Wine's netio) defines it in one file with
 * `#define WSK_DEFINE_NPI_WSK_INTERFACE_ID` before including this header.
 */
#ifndef _WSK_
#define _WSK_

#if !defined(_WDMDDK_) && !defined(_NTDDK_)
#error "wsk.h is a kernel-mode header: include <ntddk.h> or <wdm.h> before <wsk.h>"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------------------------- */
/* netioddk.h: Network Module Registrar identifiers                                                           */
/* ---------------------------------------------------------------------------------------------------------- */
#ifndef _NETIODDK_
#define _NETIODDK_
/** Identifier of a Network Programming Interface (a GUID). */
typedef GUID NPIID;
typedef NPIID *PNPIID;
typedef const NPIID *PCNPIID;
#endif

/* ---------------------------------------------------------------------------------------------------------- */
/* ws2def.h / ws2ipdef.h / mstcpip.h / mswsock.h stand-ins (kernel mode: no <windows.h>)                       */
/* ---------------------------------------------------------------------------------------------------------- */
#if defined(_WINSOCK2API_) || defined(_WINSOCKAPI_)
/* A user-mode <winsock2.h> came first: take the rest of its family from mingw-w64. */
#include <ws2tcpip.h>
#include <mswsock.h>
#include <mstcpip.h>
#else
#include <ws2def.h> /* mingw-w64: SCOPE_LEVEL, SCOPE_ID (kernel-safe) */

/** Address family of a SOCKADDR (ws2def.h). */
typedef USHORT ADDRESS_FAMILY;

#define AF_UNSPEC 0
#define AF_INET 2
#define AF_INET6 23

#define SOCK_STREAM 1
#define SOCK_DGRAM 2
#define SOCK_RAW 3

#define SOL_SOCKET 0xffff

#define IPPROTO_IP 0
#define IPPROTO_ICMP 1
#define IPPROTO_TCP 6
#define IPPROTO_UDP 17
#define IPPROTO_IPV6 41
#define IPPROTO_ICMPV6 58
#define IPPROTO_RAW 255

/* SOL_SOCKET options */
#define SO_DEBUG 0x0001
#define SO_ACCEPTCONN 0x0002
#define SO_REUSEADDR 0x0004
#define SO_KEEPALIVE 0x0008
#define SO_DONTROUTE 0x0010
#define SO_BROADCAST 0x0020
#define SO_USELOOPBACK 0x0040
#define SO_LINGER 0x0080
#define SO_OOBINLINE 0x0100
#define SO_DONTLINGER ((int)(~SO_LINGER))
#define SO_EXCLUSIVEADDRUSE ((int)(~SO_REUSEADDR))
#define SO_SNDBUF 0x1001
#define SO_RCVBUF 0x1002
#define SO_SNDLOWAT 0x1003
#define SO_RCVLOWAT 0x1004
#define SO_SNDTIMEO 0x1005
#define SO_RCVTIMEO 0x1006
#define SO_ERROR 0x1007
#define SO_TYPE 0x1008
#define SO_CONDITIONAL_ACCEPT 0x3002
#define SO_PAUSE_ACCEPT 0x3003
#define SO_COMPARTMENT_ID 0x3004
#define SO_RANDOMIZE_PORT 0x3005
#define SO_PORT_SCALABILITY 0x3006
#define SO_REUSE_UNICASTPORT 0x3007
#define SO_REUSE_MULTICASTPORT 0x3008

/* IPPROTO_IP options (ws2ipdef.h) */
#define IP_OPTIONS 1
#define IP_HDRINCL 2
#define IP_TOS 3
#define IP_TTL 4
#define IP_MULTICAST_IF 9
#define IP_MULTICAST_TTL 10
#define IP_MULTICAST_LOOP 11
#define IP_DONTFRAGMENT 14
#define IP_PKTINFO 19
#define IP_HOPLIMIT 21
#define IP_RECVIF 24
#define IP_UNICAST_IF 31
#define IP_RECVTOS 40
#define IP_ECN 50
#define IP_RECVERR 75

/* IPPROTO_IPV6 options (ws2ipdef.h) */
#define IPV6_HOPOPTS 1
#define IPV6_HDRINCL 2
#define IPV6_UNICAST_HOPS 4
#define IPV6_MULTICAST_IF 9
#define IPV6_MULTICAST_HOPS 10
#define IPV6_MULTICAST_LOOP 11
#define IPV6_DONTFRAG 14
#define IPV6_PKTINFO 19
#define IPV6_HOPLIMIT 21
#define IPV6_PROTECTION_LEVEL 23
#define IPV6_RECVIF 24
#define IPV6_V6ONLY 27
#define IPV6_UNICAST_IF 31
#define IPV6_TCLASS 39
#define IPV6_RECVTCLASS 40
#define IPV6_ECN 50
#define IPV6_RECVERR 75

/* IPPROTO_UDP options (ws2ipdef.h) */
#define UDP_SEND_MSG_SIZE 2
#define UDP_RECV_MAX_COALESCED_SIZE 3

/* IPPROTO_TCP options (ws2def.h, ws2ipdef.h, mswsock.h) */
#define TCP_NODELAY 0x0001
#define TCP_EXPEDITED_1122 0x0002
#define TCP_KEEPALIVE 3
#define TCP_MAXSEG 4
#define TCP_MAXRT 5
#define TCP_STDURG 6
#define TCP_NOURG 7
#define TCP_ATMARK 8
#define TCP_NOSYNRETRIES 9
#define TCP_TIMESTAMPS 10
#define TCP_OFFLOAD_PREFERENCE 11
#define TCP_CONGESTION_ALGORITHM 12
#define TCP_DELAY_FIN_ACK 13
#define TCP_MAXRTMS 14
#define TCP_FASTOPEN 15
#define TCP_KEEPCNT 16
#define TCP_KEEPIDLE TCP_KEEPALIVE
#define TCP_KEEPINTVL 17
#define TCP_BSDURGENT 0x7000

/* IOCTL code construction (ws2def.h) */
#define IOCPARM_MASK 0x7f
#define IOC_VOID 0x20000000
#define IOC_OUT 0x40000000
#define IOC_IN 0x80000000
#define IOC_INOUT (IOC_IN | IOC_OUT)
#define IOC_UNIX 0x00000000
#define IOC_WS2 0x08000000
#define IOC_PROTOCOL 0x10000000
#define IOC_VENDOR 0x18000000
#define _WSAIO(x, y) (IOC_VOID | (x) | (y))
#define _WSAIOR(x, y) (IOC_OUT | (x) | (y))
#define _WSAIOW(x, y) (IOC_IN | (x) | (y))
#define _WSAIORW(x, y) (IOC_INOUT | (x) | (y))

#define SIO_ADDRESS_LIST_QUERY _WSAIOR(IOC_WS2, 22)
#define SIO_ADDRESS_LIST_CHANGE _WSAIO(IOC_WS2, 23)
#define SIO_QUERY_TARGET_PNP_HANDLE _WSAIOR(IOC_WS2, 24)
#define SIO_ADDRESS_LIST_SORT _WSAIORW(IOC_WS2, 25)
#define SIO_KEEPALIVE_VALS _WSAIOW(IOC_VENDOR, 4)
#define SIO_LOOPBACK_FAST_PATH _WSAIOW(IOC_VENDOR, 16)

/** IPv4 address (inaddr.h); the union members keep the Windows field names. */
typedef struct in_addr {
  union {
    struct { UCHAR s_b1, s_b2, s_b3, s_b4; } S_un_b;
    struct { USHORT s_w1, s_w2; } S_un_w;
    ULONG S_addr;
  } S_un;
} IN_ADDR, *PIN_ADDR;
#define s_addr S_un.S_addr

/** IPv6 address (in6addr.h). */
typedef struct in6_addr {
  union {
    UCHAR Byte[16];
    USHORT Word[8];
  } u;
} IN6_ADDR, *PIN6_ADDR;
#define s6_addr u.Byte
#define s6_words u.Word

/** Generic socket address (ws2def.h). */
typedef struct sockaddr {
  ADDRESS_FAMILY sa_family;
  CHAR sa_data[14];
} SOCKADDR, *PSOCKADDR;

/** IPv4 socket address (ws2def.h): 16 bytes, sin_port in network byte order. */
typedef struct sockaddr_in {
  ADDRESS_FAMILY sin_family;
  USHORT sin_port;
  IN_ADDR sin_addr;
  CHAR sin_zero[8];
} SOCKADDR_IN, *PSOCKADDR_IN;

/** IPv6 socket address (ws2ipdef.h): 28 bytes. */
typedef struct sockaddr_in6 {
  ADDRESS_FAMILY sin6_family;
  USHORT sin6_port;
  ULONG sin6_flowinfo;
  IN6_ADDR sin6_addr;
  __C89_NAMELESS union {
    ULONG sin6_scope_id;
    SCOPE_ID sin6_scope_struct;
  };
} SOCKADDR_IN6, *PSOCKADDR_IN6;

/** Storage large and aligned enough for any socket address (ws2def.h): 128 bytes, 8-aligned. */
typedef struct sockaddr_storage {
  ADDRESS_FAMILY ss_family;
  CHAR __ss_pad1[6];
  __int64 __ss_align;
  CHAR __ss_pad2[112];
} SOCKADDR_STORAGE, *PSOCKADDR_STORAGE;

/** A socket address and its length (ws2def.h). */
typedef struct _SOCKET_ADDRESS {
  PSOCKADDR lpSockaddr;
  INT iSockaddrLength;
} SOCKET_ADDRESS, *PSOCKET_ADDRESS;

/** A counted list of socket addresses (ws2def.h); SIO_ADDRESS_LIST_QUERY output. */
typedef struct _SOCKET_ADDRESS_LIST {
  INT iAddressCount;
  SOCKET_ADDRESS Address[1];
} SOCKET_ADDRESS_LIST, *PSOCKET_ADDRESS_LIST;
#define SIZEOF_SOCKET_ADDRESS_LIST(AddressCount) \
  (FIELD_OFFSET(SOCKET_ADDRESS_LIST, Address) + (AddressCount) * sizeof(SOCKET_ADDRESS))

/** SO_LINGER value (winsock2.h). */
typedef struct linger {
  USHORT l_onoff;
  USHORT l_linger;
} LINGER, *PLINGER;

/** SIO_KEEPALIVE_VALS input (mstcpip.h). */
struct tcp_keepalive {
  ULONG onoff;
  ULONG keepalivetime;
  ULONG keepaliveinterval;
};

/** Control-message header of datagram ancillary data (ws2def.h). */
typedef struct _WSACMSGHDR {
  SIZE_T cmsg_len;
  INT cmsg_level;
  INT cmsg_type;
} WSACMSGHDR, *PWSACMSGHDR, CMSGHDR, *PCMSGHDR;

/** Name-resolution result of WskGetAddressInfo (ws2def.h). */
typedef struct addrinfoexW {
  INT ai_flags;
  INT ai_family;
  INT ai_socktype;
  INT ai_protocol;
  SIZE_T ai_addrlen;
  PWSTR ai_canonname;
  struct sockaddr *ai_addr;
  PVOID ai_blob;
  SIZE_T ai_bloblen;
  GUID *ai_provider;
  struct addrinfoexW *ai_next;
} ADDRINFOEXW, *PADDRINFOEXW;
#endif /* kernel-mode Winsock stand-ins */

/* Values a user-mode mingw-w64 <winsock2.h> does not carry (Windows SDK ws2def.h, ws2ipdef.h, mstcpip.h). */
#ifndef SO_PORT_SCALABILITY
#define SO_PORT_SCALABILITY 0x3006
#endif
#ifndef SO_REUSE_UNICASTPORT
#define SO_REUSE_UNICASTPORT 0x3007
#endif
#ifndef TCP_KEEPALIVE
#define TCP_KEEPALIVE 3
#endif
#ifndef TCP_FASTOPEN
#define TCP_FASTOPEN 15
#endif
#ifndef TCP_KEEPCNT
#define TCP_KEEPCNT 16
#endif
#ifndef TCP_KEEPIDLE
#define TCP_KEEPIDLE TCP_KEEPALIVE
#endif
#ifndef TCP_KEEPINTVL
#define TCP_KEEPINTVL 17
#endif
#ifndef UDP_SEND_MSG_SIZE
#define UDP_SEND_MSG_SIZE 2
#endif
#ifndef UDP_RECV_MAX_COALESCED_SIZE
#define UDP_RECV_MAX_COALESCED_SIZE 3
#endif
#ifndef SIO_QUERY_WFP_CONNECTION_REDIRECT_RECORDS
#define SIO_QUERY_WFP_CONNECTION_REDIRECT_RECORDS _WSAIOW(IOC_VENDOR, 220)
#endif
#ifndef SIO_QUERY_WFP_CONNECTION_REDIRECT_CONTEXT
#define SIO_QUERY_WFP_CONNECTION_REDIRECT_CONTEXT _WSAIOW(IOC_VENDOR, 221)
#endif
#ifndef SIO_SET_WFP_CONNECTION_REDIRECT_RECORDS
#define SIO_SET_WFP_CONNECTION_REDIRECT_RECORDS _WSAIOW(IOC_VENDOR, 222)
#endif

/* WSK-specific option and IOCTL bases (ws2def.h) */
#ifndef WSK_SO_BASE
#define WSK_SO_BASE 0x4000
#endif
#ifndef IOC_WSK
#define IOC_WSK (IOC_WS2 | 0x07000000)
#endif

/* ---------------------------------------------------------------------------------------------------------- */
/* wsk.h                                                                                                      */
/* ---------------------------------------------------------------------------------------------------------- */

/** Calling convention of WSK functions and callbacks. */
#define WSKAPI NTAPI

/** The WSK Network Programming Interface identifier. */
extern const NPIID NPI_WSK_INTERFACE_ID;
#ifdef WSK_DEFINE_NPI_WSK_INTERFACE_ID
const NPIID NPI_WSK_INTERFACE_ID = { 0x2227E803, 0x8D8B, 0x11D4, { 0xAB, 0xAD, 0x00, 0x90, 0x27, 0x71, 0x9E, 0x09 } };
#endif

#define MAKE_WSK_VERSION(Mj, Mn) ((USHORT)((Mj) << 8) | (USHORT)((Mn) & 0xff))
#define WSK_MAJOR_VERSION(V) ((UCHAR)((V) >> 8))
#define WSK_MINOR_VERSION(V) ((UCHAR)(V))
#define WSK_FIRST_VERSION MAKE_WSK_VERSION(1, 0)

/* WskCaptureProviderNPI WaitTimeout */
#define WSK_NO_WAIT 0
#define WSK_INFINITE_WAIT 0xffffffff

/* WskSocket Flags: the socket category */
#define WSK_FLAG_BASIC_SOCKET 0x00000000
#define WSK_FLAG_LISTEN_SOCKET 0x00000001
#define WSK_FLAG_CONNECTION_SOCKET 0x00000002
#define WSK_FLAG_DATAGRAM_SOCKET 0x00000004
#define WSK_FLAG_STREAM_SOCKET 0x00000008

/* Flags of WskSend, WskReceive, WskDisconnect, event callbacks */
#define WSK_FLAG_ABORTIVE 0x00000001
#define WSK_FLAG_RELEASE_ASAP 0x00000002
#define WSK_FLAG_ENTIRE_MESSAGE 0x00000004
#define WSK_FLAG_AT_DISPATCH_LEVEL 0x00000008
#define WSK_FLAG_NODELAY 0x00000002
#define WSK_FLAG_WAITALL 0x00000002
#define WSK_FLAG_DRAIN 0x00000004

/* WskControlClient control codes */
#define WSK_TRANSPORT_LIST_QUERY 2
#define WSK_TRANSPORT_LIST_CHANGE 3
#define WSK_CACHE_SD 4
#define WSK_RELEASE_SD 5
#define WSK_TDI_DEVICENAME_MAPPING 6
#define WSK_SET_STATIC_EVENT_CALLBACKS 7
#define WSK_TDI_BEHAVIOR 8
#define WSK_TDI_BEHAVIOR_BYPASS_TDI 0x00000001

/* WSK socket options (level SOL_SOCKET) */
#define SO_WSK_SECURITY (WSK_SO_BASE + 1)
#define SO_WSK_EVENT_CALLBACK (WSK_SO_BASE + 2)

/* WSK_EVENT_CALLBACK_CONTROL.EventMask */
#define WSK_EVENT_SEND_BACKLOG 0x00000010
#define WSK_EVENT_RECEIVE 0x00000040
#define WSK_EVENT_DISCONNECT 0x00000080
#define WSK_EVENT_RECEIVE_FROM 0x00000100
#define WSK_EVENT_ACCEPT 0x00000200
#define WSK_EVENT_DISABLE 0x80000000

/* WSK socket IOCTLs */
#define SIO_WSK_SET_REMOTE_ADDRESS _WSAIOW(IOC_WSK, 0x1)
#define SIO_WSK_REGISTER_EXTENSION _WSAIORW(IOC_WSK, 0x2)
#define SIO_WSK_QUERY_IDEAL_SEND_BACKLOG _WSAIOR(IOC_WSK, 0x3)
#define SIO_WSK_QUERY_RECEIVE_BACKLOG _WSAIOR(IOC_WSK, 0x4)
#define SIO_WSK_QUERY_INSPECT_ID _WSAIOR(IOC_WSK, 0x5)
#define SIO_WSK_SET_SENDTO_ADDRESS _WSAIOW(IOC_WSK, 0x6)
#define SIO_WSK_SET_TCP_SILENT_MODE _WSAIO(IOC_WSK, 0x7)

/** Request type of WskControlSocket. */
typedef enum _WSK_CONTROL_SOCKET_TYPE {
  WskSetOption,
  WskGetOption,
  WskIoctl,
  WskControlMax
} WSK_CONTROL_SOCKET_TYPE, *PWSK_CONTROL_SOCKET_TYPE;

/** Decision of a WskInspectEvent callback. */
typedef enum _WSK_INSPECT_ACTION {
  WskInspectReject,
  WskInspectAccept,
  WskInspectPend,
  WskInspectMax
} WSK_INSPECT_ACTION, *PWSK_INSPECT_ACTION;

/** The WSK client object a provider hands out (opaque). */
typedef PVOID PWSK_CLIENT;

/** A WSK socket object: its first member is the category's provider dispatch table. */
typedef struct _WSK_SOCKET {
  const VOID *Dispatch;
} WSK_SOCKET, *PWSK_SOCKET;

/** A data buffer described by an MDL chain, an offset into its first MDL and a length. */
typedef struct _WSK_BUF {
  PMDL Mdl;
  ULONG Offset;
  SIZE_T Length;
} WSK_BUF, *PWSK_BUF;

/** A linked list of WSK_BUFs (WskSendMessages). */
typedef struct _WSK_BUF_LIST {
  struct _WSK_BUF_LIST *Next;
  WSK_BUF Buffer;
} WSK_BUF_LIST, *PWSK_BUF_LIST;

/** Received data indicated to a WskReceiveEvent callback. */
typedef struct _WSK_DATA_INDICATION {
  struct _WSK_DATA_INDICATION *Next;
  WSK_BUF Buffer;
} WSK_DATA_INDICATION, *PWSK_DATA_INDICATION;

/** A received datagram indicated to a WskReceiveFromEvent callback. */
typedef struct _WSK_DATAGRAM_INDICATION {
  struct _WSK_DATAGRAM_INDICATION *Next;
  WSK_BUF Buffer;
  WSACMSGHDR *ControlInfo;
  ULONG ControlInfoLength;
  PSOCKADDR RemoteAddress;
} WSK_DATAGRAM_INDICATION, *PWSK_DATAGRAM_INDICATION;

/** Identifies an incoming connection under conditional accept. */
typedef struct _WSK_INSPECT_ID {
  ULONG_PTR Key;
  ULONG SerialNumber;
} WSK_INSPECT_ID, *PWSK_INSPECT_ID;

/** SO_WSK_EVENT_CALLBACK / WSK_SET_STATIC_EVENT_CALLBACKS input: which event callbacks to enable or disable. */
typedef struct _WSK_EVENT_CALLBACK_CONTROL {
  PNPIID NpiId;
  ULONG EventMask;
} WSK_EVENT_CALLBACK_CONTROL, *PWSK_EVENT_CALLBACK_CONTROL;

/** SIO_WSK_REGISTER_EXTENSION input. */
typedef struct _WSK_EXTENSION_CONTROL_IN {
  PNPIID NpiId;
  PVOID ClientContext;
  const VOID *ClientDispatch;
} WSK_EXTENSION_CONTROL_IN, *PWSK_EXTENSION_CONTROL_IN;

/** SIO_WSK_REGISTER_EXTENSION output. */
typedef struct _WSK_EXTENSION_CONTROL_OUT {
  PVOID ProviderContext;
  const VOID *ProviderDispatch;
} WSK_EXTENSION_CONTROL_OUT, *PWSK_EXTENSION_CONTROL_OUT;

/** One transport of the WSK_TRANSPORT_LIST_QUERY output. */
typedef struct _WSK_TRANSPORT {
  USHORT Version;
  USHORT SocketType;
  ULONG Protocol;
  ADDRESS_FAMILY AddressFamily;
  GUID ProviderId;
} WSK_TRANSPORT, *PWSK_TRANSPORT;

/** One entry of the WSK_TDI_DEVICENAME_MAPPING input. */
typedef struct _WSK_TDI_MAP {
  USHORT SocketType;
  ADDRESS_FAMILY AddressFamily;
  ULONG Protocol;
  PCWSTR TdiDeviceName;
} WSK_TDI_MAP, *PWSK_TDI_MAP;

/** WSK_TDI_DEVICENAME_MAPPING input. */
typedef struct _WSK_TDI_MAP_INFO {
  const ULONG ElementCount;
  const WSK_TDI_MAP *Map;
} WSK_TDI_MAP_INFO, *PWSK_TDI_MAP_INFO;

/** WskQueryProviderCharacteristics output: the WSK versions the provider supports. */
typedef struct _WSK_PROVIDER_CHARACTERISTICS {
  USHORT HighestVersion;
  USHORT LowestVersion;
} WSK_PROVIDER_CHARACTERISTICS, *PWSK_PROVIDER_CHARACTERISTICS;

/* ---- client event callbacks ---- */

typedef NTSTATUS (WSKAPI *PFN_WSK_CLIENT_EVENT)(PVOID ClientContext, ULONG EventType, PVOID Information,
                                                 SIZE_T InformationLength);
typedef NTSTATUS (WSKAPI *PFN_WSK_RECEIVE_FROM_EVENT)(PVOID SocketContext, ULONG Flags,
                                                       PWSK_DATAGRAM_INDICATION DataIndication);
typedef NTSTATUS (WSKAPI *PFN_WSK_RECEIVE_EVENT)(PVOID SocketContext, ULONG Flags, PWSK_DATA_INDICATION DataIndication,
                                                  SIZE_T BytesIndicated, SIZE_T *BytesAccepted);
typedef NTSTATUS (WSKAPI *PFN_WSK_DISCONNECT_EVENT)(PVOID SocketContext, ULONG Flags);
typedef NTSTATUS (WSKAPI *PFN_WSK_SEND_BACKLOG_EVENT)(PVOID SocketContext, SIZE_T IdealBacklogSize);

/** Event callbacks of a connection-oriented socket. */
typedef struct _WSK_CLIENT_CONNECTION_DISPATCH {
  PFN_WSK_RECEIVE_EVENT WskReceiveEvent;
  PFN_WSK_DISCONNECT_EVENT WskDisconnectEvent;
  PFN_WSK_SEND_BACKLOG_EVENT WskSendBacklogEvent;
} WSK_CLIENT_CONNECTION_DISPATCH, *PWSK_CLIENT_CONNECTION_DISPATCH;

typedef NTSTATUS (WSKAPI *PFN_WSK_ACCEPT_EVENT)(PVOID SocketContext, ULONG Flags, PSOCKADDR LocalAddress,
                                                 PSOCKADDR RemoteAddress, PWSK_SOCKET AcceptSocket,
                                                 PVOID *AcceptSocketContext,
                                                 const WSK_CLIENT_CONNECTION_DISPATCH **AcceptSocketDispatch);
typedef WSK_INSPECT_ACTION (WSKAPI *PFN_WSK_INSPECT_EVENT)(PVOID SocketContext, PSOCKADDR LocalAddress,
                                                            PSOCKADDR RemoteAddress, PWSK_INSPECT_ID InspectID);
typedef NTSTATUS (WSKAPI *PFN_WSK_ABORT_EVENT)(PVOID SocketContext, PWSK_INSPECT_ID InspectID);

/** Event callbacks of a listening socket. */
typedef struct _WSK_CLIENT_LISTEN_DISPATCH {
  PFN_WSK_ACCEPT_EVENT WskAcceptEvent;
  PFN_WSK_INSPECT_EVENT WskInspectEvent;
  PFN_WSK_ABORT_EVENT WskAbortEvent;
} WSK_CLIENT_LISTEN_DISPATCH, *PWSK_CLIENT_LISTEN_DISPATCH;

/** Event callbacks of a datagram socket. */
typedef struct _WSK_CLIENT_DATAGRAM_DISPATCH {
  PFN_WSK_RECEIVE_FROM_EVENT WskReceiveFromEvent;
} WSK_CLIENT_DATAGRAM_DISPATCH, *PWSK_CLIENT_DATAGRAM_DISPATCH;

/** Event callbacks of a stream socket. */
typedef struct _WSK_CLIENT_STREAM_DISPATCH {
  const WSK_CLIENT_LISTEN_DISPATCH *Listen;
  const WSK_CLIENT_CONNECTION_DISPATCH *Connect;
} WSK_CLIENT_STREAM_DISPATCH, *PWSK_CLIENT_STREAM_DISPATCH;

/** The client's dispatch table, given to WskRegister in WSK_CLIENT_NPI. */
typedef struct _WSK_CLIENT_DISPATCH {
  USHORT Version;
  USHORT Reserved;
  PFN_WSK_CLIENT_EVENT WskClientEvent;
} WSK_CLIENT_DISPATCH, *PWSK_CLIENT_DISPATCH;

/* ---- provider functions ---- */

typedef NTSTATUS (WSKAPI *PFN_WSK_SOCKET)(PWSK_CLIENT Client, ADDRESS_FAMILY AddressFamily, USHORT SocketType,
                                           ULONG Protocol, ULONG Flags, PVOID SocketContext, const VOID *Dispatch,
                                           PEPROCESS OwningProcess, PETHREAD OwningThread,
                                           PSECURITY_DESCRIPTOR SecurityDescriptor, PIRP Irp);
typedef NTSTATUS (WSKAPI *PFN_WSK_SOCKET_CONNECT)(PWSK_CLIENT Client, USHORT SocketType, ULONG Protocol,
                                                   PSOCKADDR LocalAddress, PSOCKADDR RemoteAddress, ULONG Flags,
                                                   PVOID SocketContext, const WSK_CLIENT_CONNECTION_DISPATCH *Dispatch,
                                                   PEPROCESS OwningProcess, PETHREAD OwningThread,
                                                   PSECURITY_DESCRIPTOR SecurityDescriptor, PIRP Irp);
typedef NTSTATUS (WSKAPI *PFN_WSK_CONTROL_CLIENT)(PWSK_CLIENT Client, ULONG ControlCode, SIZE_T InputSize,
                                                   PVOID InputBuffer, SIZE_T OutputSize, PVOID OutputBuffer,
                                                   SIZE_T *OutputSizeReturned, PIRP Irp);
typedef NTSTATUS (WSKAPI *PFN_WSK_GET_ADDRESS_INFO)(PWSK_CLIENT Client, PUNICODE_STRING NodeName,
                                                     PUNICODE_STRING ServiceName, ULONG NameSpace, GUID *Provider,
                                                     PADDRINFOEXW Hints, PADDRINFOEXW *Result, PEPROCESS OwningProcess,
                                                     PETHREAD OwningThread, PIRP Irp);
typedef VOID (WSKAPI *PFN_WSK_FREE_ADDRESS_INFO)(PWSK_CLIENT Client, PADDRINFOEXW AddrInfo);
typedef NTSTATUS (WSKAPI *PFN_WSK_GET_NAME_INFO)(PWSK_CLIENT Client, PSOCKADDR SockAddr, ULONG SockAddrLength,
                                                  PUNICODE_STRING NodeName, PUNICODE_STRING ServiceName, ULONG Flags,
                                                  PEPROCESS OwningProcess, PETHREAD OwningThread, PIRP Irp);

typedef NTSTATUS (WSKAPI *PFN_WSK_CONTROL_SOCKET)(PWSK_SOCKET Socket, WSK_CONTROL_SOCKET_TYPE RequestType,
                                                   ULONG ControlCode, ULONG Level, SIZE_T InputSize, PVOID InputBuffer,
                                                   SIZE_T OutputSize, PVOID OutputBuffer, SIZE_T *OutputSizeReturned,
                                                   PIRP Irp);
typedef NTSTATUS (WSKAPI *PFN_WSK_CLOSE_SOCKET)(PWSK_SOCKET Socket, PIRP Irp);
typedef NTSTATUS (WSKAPI *PFN_WSK_BIND)(PWSK_SOCKET Socket, PSOCKADDR LocalAddress, ULONG Flags, PIRP Irp);
typedef NTSTATUS (WSKAPI *PFN_WSK_ACCEPT)(PWSK_SOCKET ListenSocket, ULONG Flags, PVOID AcceptSocketContext,
                                           const WSK_CLIENT_CONNECTION_DISPATCH *AcceptSocketDispatch,
                                           PSOCKADDR LocalAddress, PSOCKADDR RemoteAddress, PIRP Irp);
typedef NTSTATUS (WSKAPI *PFN_WSK_INSPECT_COMPLETE)(PWSK_SOCKET ListenSocket, PWSK_INSPECT_ID InspectID,
                                                     WSK_INSPECT_ACTION Action, PIRP Irp);
typedef NTSTATUS (WSKAPI *PFN_WSK_GET_LOCAL_ADDRESS)(PWSK_SOCKET Socket, PSOCKADDR LocalAddress, PIRP Irp);
typedef NTSTATUS (WSKAPI *PFN_WSK_GET_REMOTE_ADDRESS)(PWSK_SOCKET Socket, PSOCKADDR RemoteAddress, PIRP Irp);
typedef NTSTATUS (WSKAPI *PFN_WSK_CONNECT)(PWSK_SOCKET Socket, PSOCKADDR RemoteAddress, ULONG Flags, PIRP Irp);
typedef NTSTATUS (WSKAPI *PFN_WSK_CONNECT_EX)(PWSK_SOCKET Socket, PSOCKADDR RemoteAddress, PWSK_BUF Buffer,
                                               ULONG Flags, PIRP Irp);
typedef NTSTATUS (WSKAPI *PFN_WSK_LISTEN)(PWSK_SOCKET Socket, PIRP Irp);
typedef NTSTATUS (WSKAPI *PFN_WSK_SEND)(PWSK_SOCKET Socket, PWSK_BUF Buffer, ULONG Flags, PIRP Irp);
typedef NTSTATUS (WSKAPI *PFN_WSK_RECEIVE)(PWSK_SOCKET Socket, PWSK_BUF Buffer, ULONG Flags, PIRP Irp);
typedef NTSTATUS (WSKAPI *PFN_WSK_DISCONNECT)(PWSK_SOCKET Socket, PWSK_BUF Buffer, ULONG Flags, PIRP Irp);
typedef NTSTATUS (WSKAPI *PFN_WSK_RELEASE_DATA_INDICATION_LIST)(PWSK_SOCKET Socket,
                                                                 PWSK_DATA_INDICATION DataIndication);
typedef NTSTATUS (WSKAPI *PFN_WSK_SEND_TO)(PWSK_SOCKET Socket, PWSK_BUF Buffer, ULONG Flags, PSOCKADDR RemoteAddress,
                                            ULONG ControlInfoLength, WSACMSGHDR *ControlInfo, PIRP Irp);
typedef NTSTATUS (WSKAPI *PFN_WSK_RECEIVE_FROM)(PWSK_SOCKET Socket, PWSK_BUF Buffer, ULONG Flags,
                                                 PSOCKADDR RemoteAddress, PULONG ControlLength, WSACMSGHDR *ControlInfo,
                                                 PULONG ControlFlags, PIRP Irp);
typedef NTSTATUS (WSKAPI *PFN_WSK_RELEASE_DATAGRAM_INDICATION_LIST)(PWSK_SOCKET Socket,
                                                                     PWSK_DATAGRAM_INDICATION DatagramIndication);
typedef NTSTATUS (WSKAPI *PFN_WSK_SEND_MESSAGES)(PWSK_SOCKET Socket, PWSK_BUF_LIST BufferList, ULONG Flags,
                                                  PSOCKADDR RemoteAddress, ULONG ControlInfoLength,
                                                  WSACMSGHDR *ControlInfo, PIRP Irp);
/** Reserved for system use (the documentation gives no prototype users may rely on). */
typedef NTSTATUS (WSKAPI *PFN_WSK_SEND_EX)(PWSK_SOCKET Socket, PWSK_BUF Buffer, ULONG Flags, ULONG ControlInfoLength,
                                            WSACMSGHDR *ControlInfo, PIRP Irp);
/** Reserved for system use. */
typedef NTSTATUS (WSKAPI *PFN_WSK_RECEIVE_EX)(PWSK_SOCKET Socket, PWSK_BUF Buffer, ULONG Flags,
                                               PULONG ControlInfoLength, WSACMSGHDR *ControlInfo, PULONG ControlFlags,
                                               PIRP Irp);

/** The provider's client-level dispatch table (WSK_PROVIDER_NPI.Dispatch). */
typedef struct _WSK_PROVIDER_DISPATCH {
  USHORT Version;
  USHORT Reserved;
  PFN_WSK_SOCKET WskSocket;
  PFN_WSK_SOCKET_CONNECT WskSocketConnect;
  PFN_WSK_CONTROL_CLIENT WskControlClient;
  PFN_WSK_GET_ADDRESS_INFO WskGetAddressInfo;
  PFN_WSK_FREE_ADDRESS_INFO WskFreeAddressInfo;
  PFN_WSK_GET_NAME_INFO WskGetNameInfo;
} WSK_PROVIDER_DISPATCH, *PWSK_PROVIDER_DISPATCH;

/** Functions of every socket category (WSK_FLAG_BASIC_SOCKET). */
typedef struct _WSK_PROVIDER_BASIC_DISPATCH {
  PFN_WSK_CONTROL_SOCKET WskControlSocket;
  PFN_WSK_CLOSE_SOCKET WskCloseSocket;
} WSK_PROVIDER_BASIC_DISPATCH, *PWSK_PROVIDER_BASIC_DISPATCH;

/* The basic functions at the head of every other table, reachable as Dispatch->WskCloseSocket (the WDK's
   anonymous member in C) and as Dispatch->Basic.WskCloseSocket (its C++ spelling). */
#ifdef __cplusplus
#define WSKSIM_BASIC_MEMBERS WSK_PROVIDER_BASIC_DISPATCH Basic;
#else
#define WSKSIM_BASIC_MEMBERS                                                                                   \
  __C89_NAMELESS union {                                                                                       \
    WSK_PROVIDER_BASIC_DISPATCH Basic;                                                                         \
    __C89_NAMELESS struct {                                                                                    \
      PFN_WSK_CONTROL_SOCKET WskControlSocket;                                                                 \
      PFN_WSK_CLOSE_SOCKET WskCloseSocket;                                                                     \
    };                                                                                                         \
  };
#endif

/** Functions of a listening socket (WSK_FLAG_LISTEN_SOCKET). */
typedef struct _WSK_PROVIDER_LISTEN_DISPATCH {
  WSKSIM_BASIC_MEMBERS
  PFN_WSK_BIND WskBind;
  PFN_WSK_ACCEPT WskAccept;
  PFN_WSK_INSPECT_COMPLETE WskInspectComplete;
  PFN_WSK_GET_LOCAL_ADDRESS WskGetLocalAddress;
} WSK_PROVIDER_LISTEN_DISPATCH, *PWSK_PROVIDER_LISTEN_DISPATCH;

/** Functions of a datagram socket (WSK_FLAG_DATAGRAM_SOCKET). */
typedef struct _WSK_PROVIDER_DATAGRAM_DISPATCH {
  WSKSIM_BASIC_MEMBERS
  PFN_WSK_BIND WskBind;
  PFN_WSK_SEND_TO WskSendTo;
  PFN_WSK_RECEIVE_FROM WskReceiveFrom;
  PFN_WSK_RELEASE_DATAGRAM_INDICATION_LIST WskRelease;
  PFN_WSK_GET_LOCAL_ADDRESS WskGetLocalAddress;
  PFN_WSK_SEND_MESSAGES WskSendMessages;
} WSK_PROVIDER_DATAGRAM_DISPATCH, *PWSK_PROVIDER_DATAGRAM_DISPATCH;

/** Functions of a connection-oriented socket (WSK_FLAG_CONNECTION_SOCKET). */
typedef struct _WSK_PROVIDER_CONNECTION_DISPATCH {
  WSKSIM_BASIC_MEMBERS
  PFN_WSK_BIND WskBind;
  PFN_WSK_CONNECT WskConnect;
  PFN_WSK_GET_LOCAL_ADDRESS WskGetLocalAddress;
  PFN_WSK_GET_REMOTE_ADDRESS WskGetRemoteAddress;
  PFN_WSK_SEND WskSend;
  PFN_WSK_RECEIVE WskReceive;
  PFN_WSK_DISCONNECT WskDisconnect;
  PFN_WSK_RELEASE_DATA_INDICATION_LIST WskRelease;
  PFN_WSK_CONNECT_EX WskConnectEx;
  PFN_WSK_SEND_EX WskSendEx;
  PFN_WSK_RECEIVE_EX WskReceiveEx;
} WSK_PROVIDER_CONNECTION_DISPATCH, *PWSK_PROVIDER_CONNECTION_DISPATCH;

/** Functions of a stream socket (WSK_FLAG_STREAM_SOCKET): listen or connect, decided by use. */
typedef struct _WSK_PROVIDER_STREAM_DISPATCH {
  WSKSIM_BASIC_MEMBERS
  PFN_WSK_BIND WskBind;
  PFN_WSK_ACCEPT WskAccept;
  PFN_WSK_CONNECT WskConnect;
  PFN_WSK_LISTEN WskListen;
  PFN_WSK_SEND WskSend;
  PFN_WSK_RECEIVE WskReceive;
  PFN_WSK_DISCONNECT WskDisconnect;
  PFN_WSK_RELEASE_DATA_INDICATION_LIST WskRelease;
  PFN_WSK_GET_LOCAL_ADDRESS WskGetLocalAddress;
  PFN_WSK_GET_REMOTE_ADDRESS WskGetRemoteAddress;
  PFN_WSK_CONNECT_EX WskConnectEx;
  PFN_WSK_SEND_EX WskSendEx;
  PFN_WSK_RECEIVE_EX WskReceiveEx;
} WSK_PROVIDER_STREAM_DISPATCH, *PWSK_PROVIDER_STREAM_DISPATCH;

/* ---- registration ---- */

/** The client's NPI: its context and dispatch table (WskRegister input). */
typedef struct _WSK_CLIENT_NPI {
  PVOID ClientContext;
  const WSK_CLIENT_DISPATCH *Dispatch;
} WSK_CLIENT_NPI, *PWSK_CLIENT_NPI;

/** The provider's NPI: the client object and the provider dispatch table (WskCaptureProviderNPI output). */
typedef struct _WSK_PROVIDER_NPI {
  PWSK_CLIENT Client;
  const WSK_PROVIDER_DISPATCH *Dispatch;
} WSK_PROVIDER_NPI, *PWSK_PROVIDER_NPI;

/** Registration state WskRegister fills (opaque to the client). */
typedef struct _WSK_REGISTRATION {
  ULONGLONG ReservedRegistrationState;
  PVOID ReservedRegistrationContext;
  KSPIN_LOCK ReservedRegistrationLock;
} WSK_REGISTRATION, *PWSK_REGISTRATION;

NTSTATUS WSKAPI WskRegister(PWSK_CLIENT_NPI WskClientNpi, PWSK_REGISTRATION WskRegistration);
NTSTATUS WSKAPI WskCaptureProviderNPI(PWSK_REGISTRATION WskRegistration, ULONG WaitTimeout,
                                      PWSK_PROVIDER_NPI WskProviderNpi);
VOID WSKAPI WskReleaseProviderNPI(PWSK_REGISTRATION WskRegistration);
NTSTATUS WSKAPI WskQueryProviderCharacteristics(PWSK_REGISTRATION WskRegistration,
                                                PWSK_PROVIDER_CHARACTERISTICS WskProviderCharacteristics);
VOID WSKAPI WskDeregister(PWSK_REGISTRATION WskRegistration);

#ifdef __cplusplus
}
#endif

#endif /* _WSK_ */
