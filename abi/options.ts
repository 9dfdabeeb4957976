/**
 * The option table: one row per (request type, level, control code) the simulated provider implements. Data only.
 * OPTION_ROWS (at the end) is the one export of every row: the provider, the CLI, the fuzzer, the tests and the docs
 * read it. Adding an option is its constant (abi/constants.ts), its rows here (the socket state slot is derived from
 * the rows' `state`), a policy entry for what the documents leave open, and vectors; at most a small handler in
 * src/provider/option-handlers.ts for a new payload kind.
 */
import type { Citation, OptionRow, SocketCategory } from './schema';

const SEED: Citation = { ref: 'D2', at: 'so-exclusiveaddruse.md, parameter tables', layer: 'WSK' };
const REUSE_PAGE: Citation = { ref: 'D2', at: 'so-reuseaddr.md, parameter tables', layer: 'WSK' };
const STREAM: Citation = { ref: 'WSKSIM', at: 'docs/POLICY.md#stream-socket-options', layer: 'policy' };
const V6ONLY_HDR: Citation = { ref: 'H-ws2ipdef', at: 'shared/ws2ipdef.h: IPV6_V6ONLY 27 at level IPPROTO_IPV6', layer: 'header' };
const V6ONLY_SAMPLE: Citation = { ref: 'WDS', at: 'network/wsk/echosrv/wsksmple.c: WskControlSocket(WskSetOption, IPV6_V6ONLY, IPPROTO_IPV6, sizeof(ULONG), &0, 0, NULL, NULL, Irp) before bind (docs/EVIDENCE.md#echosrv-set-ipv6-v6only)', layer: 'WSK' };
const V6ONLY_POLICY: Citation = { ref: 'POLICY', at: 'docs/POLICY.md#dual-stack: IPV6_V6ONLY defaults to 1; set to 0 before bind makes an IPv6 socket dual-stack', layer: 'policy' };
const V6ONLY_SHAPE: Citation = { ref: 'WSKSIM', at: 'docs/POLICY.md#ipv6-v6only-shape: parameter forms of the SOL_SOCKET boolean options (sizeof(ULONG), IRP required, 0/1)', layer: 'policy' };
const FAMILY: Citation = { ref: 'WSKSIM', at: 'docs/POLICY.md#transport-option-applicability: an IPPROTO_IPV6 option on an AF_INET socket fails check 7b (option-transport); transport options apply to every category', layer: 'policy' };
const WSK_SECURITY_PAGE: Citation = { ref: 'D2', at: 'so-wsk-security.md, parameter tables: sizeof(PSECURITY_DESCRIPTOR), IRP required, set before bind', layer: 'WSK' };
const WSK_SECURITY_VALUE: Citation = { ref: 'WSKSIM', at: 'docs/POLICY.md#so-wsk-security-value: the pointer value is the cached descriptor handle, pointer-sized little-endian; Get returns the current handle (0 = default)', layer: 'policy' };
const EXCL: Citation = { ref: 'POLICY', at: 'docs/POLICY.md#check-13 (user-mode precedent: Wine sock.c test_reuseaddr, measured on Windows)', layer: 'policy' };

/** SO_EXCLUSIVEADDRUSE, SO_REUSEADDR (the seed's options), IPV6_V6ONLY and SO_WSK_SECURITY (the bind rules). */
const BIND_OPTION_ROWS = [
  {
    name: 'SO_EXCLUSIVEADDRUSE', requestType: 'WskSetOption', level: 'SOL_SOCKET', code: 'SO_EXCLUSIVEADDRUSE',
    payload: 'ulongBool', size: 4, returnedSize: 0, unusedMustBeNull: true, outputSizeReturned: 'null',
    categories: ['listen', 'datagram', 'connection', 'stream'], irp: 'required', timing: 'beforeBind',
    state: 'exclusiveAddrUse', defaultValue: 0, domain: [0, 1], mutuallyExclusiveWith: 'reuseAddr', families: null,
    source: [SEED, STREAM, EXCL],
  },
  {
    name: 'SO_EXCLUSIVEADDRUSE', requestType: 'WskGetOption', level: 'SOL_SOCKET', code: 'SO_EXCLUSIVEADDRUSE',
    payload: 'ulongBool', size: 4, returnedSize: 4, unusedMustBeNull: true, outputSizeReturned: 'null',
    categories: ['listen', 'datagram', 'connection', 'stream'], irp: 'required', timing: 'any',
    state: 'exclusiveAddrUse', defaultValue: 0, domain: [0, 1], mutuallyExclusiveWith: null, families: null,
    source: [SEED, STREAM],
  },
  {
    name: 'SO_REUSEADDR', requestType: 'WskSetOption', level: 'SOL_SOCKET', code: 'SO_REUSEADDR',
    payload: 'ulongBool', size: 4, returnedSize: 0, unusedMustBeNull: true, outputSizeReturned: 'null',
    categories: ['listen', 'datagram', 'connection', 'stream'], irp: 'required', timing: 'beforeBind',
    state: 'reuseAddr', defaultValue: 0, domain: [0, 1], mutuallyExclusiveWith: 'exclusiveAddrUse', families: null,
    source: [REUSE_PAGE, STREAM, EXCL],
  },
  {
    name: 'SO_REUSEADDR', requestType: 'WskGetOption', level: 'SOL_SOCKET', code: 'SO_REUSEADDR',
    payload: 'ulongBool', size: 4, returnedSize: 4, unusedMustBeNull: true, outputSizeReturned: 'null',
    categories: ['listen', 'datagram', 'connection', 'stream'], irp: 'required', timing: 'any',
    state: 'reuseAddr', defaultValue: 0, domain: [0, 1], mutuallyExclusiveWith: null, families: null,
    source: [REUSE_PAGE, STREAM],
  },
  {
    name: 'IPV6_V6ONLY', requestType: 'WskSetOption', level: 'IPPROTO_IPV6', code: 'IPV6_V6ONLY',
    payload: 'ulongBool', size: 4, returnedSize: 0, unusedMustBeNull: true, outputSizeReturned: 'null',
    categories: ['basic', 'listen', 'datagram', 'connection', 'stream'], irp: 'required', timing: 'beforeBind',
    state: 'ipv6Only', defaultValue: 1, domain: [0, 1], mutuallyExclusiveWith: null, families: ['AF_INET6'],
    source: [V6ONLY_HDR, V6ONLY_SAMPLE, V6ONLY_POLICY, V6ONLY_SHAPE, FAMILY, STREAM],
  },
  {
    name: 'IPV6_V6ONLY', requestType: 'WskGetOption', level: 'IPPROTO_IPV6', code: 'IPV6_V6ONLY',
    payload: 'ulongBool', size: 4, returnedSize: 4, unusedMustBeNull: true, outputSizeReturned: 'null',
    categories: ['basic', 'listen', 'datagram', 'connection', 'stream'], irp: 'required', timing: 'any',
    state: 'ipv6Only', defaultValue: 1, domain: [0, 1], mutuallyExclusiveWith: null, families: ['AF_INET6'],
    source: [V6ONLY_HDR, V6ONLY_POLICY, V6ONLY_SHAPE, FAMILY, STREAM],
  },
  {
    name: 'SO_WSK_SECURITY', requestType: 'WskSetOption', level: 'SOL_SOCKET', code: 'SO_WSK_SECURITY',
    payload: 'securityDescriptor', size: { x86: 4, x64: 8 }, returnedSize: 0, unusedMustBeNull: true, outputSizeReturned: 'null',
    categories: ['listen', 'datagram', 'connection', 'stream'], irp: 'required', timing: 'beforeBind',
    state: 'securityDescriptor', defaultValue: 0, domain: 'any', mutuallyExclusiveWith: null, families: null,
    source: [WSK_SECURITY_PAGE, WSK_SECURITY_VALUE, STREAM],
  },
  {
    name: 'SO_WSK_SECURITY', requestType: 'WskGetOption', level: 'SOL_SOCKET', code: 'SO_WSK_SECURITY',
    payload: 'securityDescriptor', size: { x86: 4, x64: 8 }, returnedSize: { x86: 4, x64: 8 }, unusedMustBeNull: true, outputSizeReturned: 'null',
    categories: ['listen', 'datagram', 'connection', 'stream'], irp: 'required', timing: 'any',
    state: 'securityDescriptor', defaultValue: 0, domain: 'any', mutuallyExclusiveWith: null, families: null,
    source: [WSK_SECURITY_PAGE, WSK_SECURITY_VALUE, STREAM],
  },
] as const satisfies readonly OptionRow[];

// =====================================================================================================================
// The other SOL_SOCKET options, transport options and WSK socket IOCTLs. One row per (request type, level, code).
// =====================================================================================================================

const D2 = (page: string): Citation => ({ ref: 'D2', at: `${page}, parameter tables`, layer: 'WSK' });
const W1 = (page: string, what: string): Citation => ({ ref: 'W1', at: `${page}: ${what}`, layer: 'user-mode Winsock' });
const POL = (id: string): Citation => ({ ref: 'WSKSIM', at: `docs/POLICY.md#${id}`, layer: 'policy' });
const TCP_PAGE = 'ipproto-tcp-socket-options.md';
const IP_PAGE = 'ipproto-ip-socket-options.md';
const IPV6_PAGE = 'ipproto-ipv6-socket-options.md';
const ALL_CATEGORIES = ['basic', 'listen', 'datagram', 'connection', 'stream'] as const;
const BOUND_CATEGORIES = ['listen', 'datagram', 'connection', 'stream'] as const;
/** Common fields of a documented Set of a 4-byte option (InputSize sizeof(ULONG); Output 0/NULL; OSR NULL). */
const SET4 = { requestType: 'WskSetOption', size: 4, returnedSize: 0, unusedMustBeNull: true, outputSizeReturned: 'null', irp: 'required', mutuallyExclusiveWith: null } as const;
/** Common fields of a documented Get of a 4-byte option (Input 0/NULL; OutputSize sizeof(ULONG); OSR NULL). */
const GET4 = { requestType: 'WskGetOption', size: 4, returnedSize: 4, unusedMustBeNull: true, outputSizeReturned: 'null', irp: 'required', timing: 'any', mutuallyExclusiveWith: null } as const;
/** Common fields of a transport option (levels other than SOL_SOCKET): every category, basic sockets included. */
const TRANSPORT = { categories: ALL_CATEGORIES, timing: 'any' } as const;
const TRANSPORT_GET = { categories: ALL_CATEGORIES } as const;
const BOOL = { payload: 'ulongBool', domain: [0, 1] } as const;
const ULONG_ANY = { payload: 'ulong', domain: 'any' } as const;

/**
 * SOL_SOCKET options documented for WSK (WSK-SPEC.md §2.2), SO_PORT_SCALABILITY (named in the fast-path list) and
 * SO_SNDBUF (user-mode Winsock only; policy so-sndbuf).
 */
const SOL_SOCKET_ROWS = [
  { ...SET4, ...BOOL, name: 'SO_BROADCAST', level: 'SOL_SOCKET', code: 'SO_BROADCAST', categories: ['datagram'], timing: 'any', state: 'broadcast', defaultValue: 0, families: null, source: [D2('so-broadcast.md')] },
  { ...GET4, ...BOOL, name: 'SO_BROADCAST', level: 'SOL_SOCKET', code: 'SO_BROADCAST', categories: ['datagram'], state: 'broadcast', defaultValue: 0, families: null, source: [D2('so-broadcast.md')] },
  { ...SET4, ...BOOL, name: 'SO_CONDITIONAL_ACCEPT', level: 'SOL_SOCKET', code: 'SO_CONDITIONAL_ACCEPT', categories: ['listen', 'stream'], timing: 'beforeBind', state: 'conditionalAccept', defaultValue: 0, families: null, source: [D2('so-conditional-accept.md'), STREAM, POL('conditional-accept')] },
  { ...GET4, ...BOOL, name: 'SO_CONDITIONAL_ACCEPT', level: 'SOL_SOCKET', code: 'SO_CONDITIONAL_ACCEPT', categories: ['listen', 'stream'], state: 'conditionalAccept', defaultValue: 0, families: null, source: [D2('so-conditional-accept.md'), STREAM, POL('conditional-accept')] },
  { ...SET4, ...BOOL, name: 'SO_KEEPALIVE', level: 'SOL_SOCKET', code: 'SO_KEEPALIVE', notUnderLoopbackFastPath: true, categories: ['listen', 'connection', 'stream'], timing: 'any', state: 'keepAlive', defaultValue: 0, families: null, source: [D2('so-keepalive.md'), STREAM, POL('accept-inheritance')] },
  { ...GET4, ...BOOL, name: 'SO_KEEPALIVE', level: 'SOL_SOCKET', code: 'SO_KEEPALIVE', notUnderLoopbackFastPath: true, categories: ['listen', 'connection', 'stream'], state: 'keepAlive', defaultValue: 0, families: null, source: [D2('so-keepalive.md'), STREAM] },
  { ...SET4, ...ULONG_ANY, name: 'SO_RCVBUF', level: 'SOL_SOCKET', code: 'SO_RCVBUF', categories: BOUND_CATEGORIES, timing: 'any', state: 'rcvBuf', defaultValue: 8192, families: null, source: [D2('so-rcvbuf.md'), STREAM, POL('so-rcvbuf-default'), POL('accept-inheritance')] },
  { ...GET4, ...ULONG_ANY, name: 'SO_RCVBUF', level: 'SOL_SOCKET', code: 'SO_RCVBUF', categories: BOUND_CATEGORIES, state: 'rcvBuf', defaultValue: 8192, families: null, source: [D2('so-rcvbuf.md'), STREAM, POL('so-rcvbuf-default')] },
  { ...SET4, ...ULONG_ANY, name: 'SO_SNDBUF', level: 'SOL_SOCKET', code: 'SO_SNDBUF', notUnderLoopbackFastPath: true, categories: BOUND_CATEGORIES, timing: 'any', state: 'sndBuf', defaultValue: 8192, families: null, source: [W1('sol-socket-socket-options.md', 'SO_SNDBUF DWORD, get and set: "the total per-socket buffer space reserved for sends"'), POL('so-sndbuf'), POL('loopback-fast-path-options')] },
  { ...GET4, ...ULONG_ANY, name: 'SO_SNDBUF', level: 'SOL_SOCKET', code: 'SO_SNDBUF', notUnderLoopbackFastPath: true, categories: BOUND_CATEGORIES, state: 'sndBuf', defaultValue: 8192, families: null, source: [W1('sol-socket-socket-options.md', 'SO_SNDBUF DWORD'), POL('so-sndbuf'), POL('loopback-fast-path-options')] },
  {
    name: 'SO_WSK_EVENT_CALLBACK', requestType: 'WskSetOption', level: 'SOL_SOCKET', code: 'SO_WSK_EVENT_CALLBACK',
    payload: 'eventCallback', size: { x86: 8, x64: 16 }, returnedSize: 0, unusedMustBeNull: true, outputSizeReturned: 'null',
    categories: BOUND_CATEGORIES, irp: 'optional', timing: 'afterBind', state: 'eventMask', defaultValue: 0, domain: 'any',
    mutuallyExclusiveWith: null, families: null,
    source: [D2('so-wsk-event-callback.md'), STREAM, POL('event-callback-enable-irp'), POL('event-callback-npiid'), POL('event-callback-mask'), POL('event-callback-basic'), POL('after-connect-state')],
  },
  { ...SET4, ...BOOL, name: 'SO_PORT_SCALABILITY', level: 'SOL_SOCKET', code: 'SO_PORT_SCALABILITY', categories: BOUND_CATEGORIES, timing: 'any', state: 'portScalability', defaultValue: 0, families: null, source: [W1('so-port-scalability.md and sol-socket-socket-options.md', 'DWORD (BOOL), get and set'), { ref: 'D2', at: 'sio-loopback-fast-path.md (list of options supported under the fast path)', layer: 'WSK' }, POL('non-wsk-sol-socket-categories')] },
  { ...GET4, ...BOOL, name: 'SO_PORT_SCALABILITY', level: 'SOL_SOCKET', code: 'SO_PORT_SCALABILITY', categories: BOUND_CATEGORIES, state: 'portScalability', defaultValue: 0, families: null, source: [W1('so-port-scalability.md', 'DWORD (BOOL)'), POL('non-wsk-sol-socket-categories')] },
] as const satisfies readonly OptionRow[];

/** IPPROTO_IP / IPPROTO_IPV6 / IPPROTO_TCP options the WSK docs name (WSK-SPEC.md §2.4), with Winsock's sizes and domains. */
const TRANSPORT_ROWS = [
  { ...SET4, ...TRANSPORT, ...ULONG_ANY, name: 'IP_TTL', level: 'IPPROTO_IP', code: 'IP_TTL', state: 'ipTtl', defaultValue: 128, domainMax: 255, families: ['AF_INET'], source: [W1(IP_PAGE, 'IP_TTL DWORD, get and set (the table says "DWORD (boolean)"; the description is a TTL)'), POL('ip-ttl-default'), POL('transport-option-applicability')] },
  { ...GET4, ...TRANSPORT_GET, ...ULONG_ANY, name: 'IP_TTL', level: 'IPPROTO_IP', code: 'IP_TTL', state: 'ipTtl', defaultValue: 128, families: ['AF_INET'], source: [W1(IP_PAGE, 'IP_TTL DWORD'), POL('ip-ttl-default')] },
  { ...SET4, ...TRANSPORT, payload: 'ifIndexNetOrder', domain: 'any', name: 'IP_UNICAST_IF', level: 'IPPROTO_IP', code: 'IP_UNICAST_IF', state: 'ipUnicastIf', defaultValue: 0, families: ['AF_INET'], source: [W1(IP_PAGE, 'IP_UNICAST_IF DWORD (IF_INDEX): set in network byte order, first octet 0; get returns host byte order; 0 = unspecified'), POL('transport-option-applicability')] },
  { ...GET4, ...TRANSPORT_GET, payload: 'ifIndexNetOrder', domain: 'any', name: 'IP_UNICAST_IF', level: 'IPPROTO_IP', code: 'IP_UNICAST_IF', state: 'ipUnicastIf', defaultValue: 0, families: ['AF_INET'], source: [W1(IP_PAGE, 'IP_UNICAST_IF get: host byte order')] },
  { ...SET4, ...TRANSPORT, ...ULONG_ANY, name: 'IPV6_UNICAST_HOPS', level: 'IPPROTO_IPV6', code: 'IPV6_UNICAST_HOPS', state: 'ipv6UnicastHops', defaultValue: 128, domainMax: 255, families: ['AF_INET6'], source: [W1(IPV6_PAGE, 'IPV6_UNICAST_HOPS DWORD; "illegal to set the TTL to a value greater than 255"'), POL('ip-ttl-default'), POL('transport-option-applicability')] },
  { ...GET4, ...TRANSPORT_GET, ...ULONG_ANY, name: 'IPV6_UNICAST_HOPS', level: 'IPPROTO_IPV6', code: 'IPV6_UNICAST_HOPS', state: 'ipv6UnicastHops', defaultValue: 128, families: ['AF_INET6'], source: [W1(IPV6_PAGE, 'IPV6_UNICAST_HOPS DWORD'), POL('ip-ttl-default')] },
  { ...SET4, ...TRANSPORT, ...ULONG_ANY, name: 'IPV6_UNICAST_IF', level: 'IPPROTO_IPV6', code: 'IPV6_UNICAST_IF', state: 'ipv6UnicastIf', defaultValue: 0, families: ['AF_INET6'], source: [W1(IPV6_PAGE, 'IPV6_UNICAST_IF DWORD (IF_INDEX), host byte order both ways; 0 = unspecified'), POL('transport-option-applicability')] },
  { ...GET4, ...TRANSPORT_GET, ...ULONG_ANY, name: 'IPV6_UNICAST_IF', level: 'IPPROTO_IPV6', code: 'IPV6_UNICAST_IF', state: 'ipv6UnicastIf', defaultValue: 0, families: ['AF_INET6'], source: [W1(IPV6_PAGE, 'IPV6_UNICAST_IF DWORD')] },
  { ...SET4, ...TRANSPORT, ...BOOL, name: 'TCP_NODELAY', level: 'IPPROTO_TCP', code: 'TCP_NODELAY', notUnderLoopbackFastPath: true, state: 'tcpNoDelay', defaultValue: 0, families: null, socketTypes: ['SOCK_STREAM'], source: [W1(TCP_PAGE, 'TCP_NODELAY DWORD (Boolean), default FALSE'), POL('transport-option-applicability')] },
  { ...GET4, ...TRANSPORT_GET, ...BOOL, name: 'TCP_NODELAY', level: 'IPPROTO_TCP', code: 'TCP_NODELAY', notUnderLoopbackFastPath: true, state: 'tcpNoDelay', defaultValue: 0, families: null, socketTypes: ['SOCK_STREAM'], source: [W1(TCP_PAGE, 'TCP_NODELAY')] },
  { ...SET4, ...TRANSPORT, ...BOOL, name: 'TCP_FASTOPEN', level: 'IPPROTO_TCP', code: 'TCP_FASTOPEN', notUnderLoopbackFastPath: true, state: 'tcpFastOpen', defaultValue: 0, families: null, socketTypes: ['SOCK_STREAM'], source: [W1(TCP_PAGE, 'TCP_FASTOPEN DWORD (Boolean)'), { ref: 'D1', at: 'nc-wsk-pfn_wsk_connect_ex.md (mentions TCP_FASTOPEN)', layer: 'WSK' }, POL('tcp-defaults')] },
  { ...GET4, ...TRANSPORT_GET, ...BOOL, name: 'TCP_FASTOPEN', level: 'IPPROTO_TCP', code: 'TCP_FASTOPEN', notUnderLoopbackFastPath: true, state: 'tcpFastOpen', defaultValue: 0, families: null, socketTypes: ['SOCK_STREAM'], source: [W1(TCP_PAGE, 'TCP_FASTOPEN'), POL('tcp-defaults')] },
  { ...SET4, ...TRANSPORT, ...ULONG_ANY, name: 'TCP_KEEPIDLE', level: 'IPPROTO_TCP', code: 'TCP_KEEPIDLE', notUnderLoopbackFastPath: true, state: 'tcpKeepIdle', defaultValue: 7200, families: null, socketTypes: ['SOCK_STREAM'], source: [W1(TCP_PAGE, 'TCP_KEEPIDLE DWORD seconds (= TCP_KEEPALIVE, value 3)'), POL('tcp-defaults')] },
  { ...GET4, ...TRANSPORT_GET, ...ULONG_ANY, name: 'TCP_KEEPIDLE', level: 'IPPROTO_TCP', code: 'TCP_KEEPIDLE', notUnderLoopbackFastPath: true, state: 'tcpKeepIdle', defaultValue: 7200, families: null, socketTypes: ['SOCK_STREAM'], source: [W1(TCP_PAGE, 'TCP_KEEPIDLE DWORD'), POL('tcp-defaults')] },
  { ...SET4, ...TRANSPORT, ...ULONG_ANY, name: 'TCP_KEEPCNT', level: 'IPPROTO_TCP', code: 'TCP_KEEPCNT', notUnderLoopbackFastPath: true, state: 'tcpKeepCnt', defaultValue: 10, domainMax: 255, families: null, socketTypes: ['SOCK_STREAM'], source: [W1(TCP_PAGE, 'TCP_KEEPCNT DWORD; "illegal to set TCP_KEEPCNT to a value greater than 255"'), POL('tcp-defaults')] },
  { ...GET4, ...TRANSPORT_GET, ...ULONG_ANY, name: 'TCP_KEEPCNT', level: 'IPPROTO_TCP', code: 'TCP_KEEPCNT', notUnderLoopbackFastPath: true, state: 'tcpKeepCnt', defaultValue: 10, families: null, socketTypes: ['SOCK_STREAM'], source: [W1(TCP_PAGE, 'TCP_KEEPCNT DWORD'), POL('tcp-defaults')] },
  { ...SET4, ...TRANSPORT, ...ULONG_ANY, name: 'TCP_KEEPINTVL', level: 'IPPROTO_TCP', code: 'TCP_KEEPINTVL', notUnderLoopbackFastPath: true, state: 'tcpKeepIntvl', defaultValue: 1, families: null, socketTypes: ['SOCK_STREAM'], source: [W1(TCP_PAGE, 'TCP_KEEPINTVL DWORD seconds'), POL('tcp-defaults')] },
  { ...GET4, ...TRANSPORT_GET, ...ULONG_ANY, name: 'TCP_KEEPINTVL', level: 'IPPROTO_TCP', code: 'TCP_KEEPINTVL', notUnderLoopbackFastPath: true, state: 'tcpKeepIntvl', defaultValue: 1, families: null, socketTypes: ['SOCK_STREAM'], source: [W1(TCP_PAGE, 'TCP_KEEPINTVL DWORD'), POL('tcp-defaults')] },
  { ...SET4, ...TRANSPORT, ...BOOL, name: 'TCP_BSDURGENT', level: 'IPPROTO_TCP', code: 'TCP_BSDURGENT', state: 'tcpBsdUrgent', defaultValue: 1, families: null, socketTypes: ['SOCK_STREAM'], source: [W1(TCP_PAGE, 'TCP_BSDURGENT DWORD (Boolean), enabled by default'), POL('tcp-bsdurgent-once')] },
  { ...GET4, ...TRANSPORT_GET, ...BOOL, name: 'TCP_BSDURGENT', level: 'IPPROTO_TCP', code: 'TCP_BSDURGENT', state: 'tcpBsdUrgent', defaultValue: 1, families: null, socketTypes: ['SOCK_STREAM'], source: [W1(TCP_PAGE, 'TCP_BSDURGENT')] },
] as const satisfies readonly OptionRow[];

/**
 * Datagram options the surveyed WSK clients set and depend on (docs/EVIDENCE.md: msquic), with Winsock's sizes and
 * domains (policy datagram-options): IPPROTO_IP rows apply to AF_INET, IPPROTO_IPV6 rows to AF_INET6, IPPROTO_UDP rows
 * to SOCK_DGRAM sockets of either family.
 */
const DATAGRAM_ROWS = [
  { ...SET4, ...TRANSPORT, ...BOOL, name: 'IP_DONTFRAGMENT', level: 'IPPROTO_IP', code: 'IP_DONTFRAGMENT', state: 'ipDontFragment', defaultValue: 0, families: ['AF_INET'], socketTypes: ['SOCK_DGRAM', 'SOCK_RAW'], source: [W1(IP_PAGE, 'IP_DONTFRAGMENT DWORD (boolean), get and set; "valid only for message oriented protocols"'), POL('datagram-options')] },
  { ...GET4, ...TRANSPORT_GET, ...BOOL, name: 'IP_DONTFRAGMENT', level: 'IPPROTO_IP', code: 'IP_DONTFRAGMENT', state: 'ipDontFragment', defaultValue: 0, families: ['AF_INET'], socketTypes: ['SOCK_DGRAM', 'SOCK_RAW'], source: [W1(IP_PAGE, 'IP_DONTFRAGMENT DWORD (boolean)'), POL('datagram-options')] },
  { ...SET4, ...TRANSPORT, ...BOOL, name: 'IP_PKTINFO', level: 'IPPROTO_IP', code: 'IP_PKTINFO', state: 'ipPktInfo', defaultValue: 0, families: ['AF_INET'], source: [W1(IP_PAGE, 'IP_PKTINFO DWORD, get and set (ip-pktinfo.md: a flag)'), POL('datagram-options')] },
  { ...GET4, ...TRANSPORT_GET, ...BOOL, name: 'IP_PKTINFO', level: 'IPPROTO_IP', code: 'IP_PKTINFO', state: 'ipPktInfo', defaultValue: 0, families: ['AF_INET'], source: [W1(IP_PAGE, 'IP_PKTINFO DWORD'), POL('datagram-options')] },
  { ...SET4, ...TRANSPORT, ...BOOL, name: 'IP_HOPLIMIT', level: 'IPPROTO_IP', code: 'IP_HOPLIMIT', state: 'ipHopLimit', defaultValue: 0, families: ['AF_INET'], socketTypes: ['SOCK_DGRAM', 'SOCK_RAW'], source: [W1(IP_PAGE, 'IP_RECVTTL (ws2ipdef.h: IP_HOPLIMIT = IP_RECVTTL = 21) DWORD (boolean), get and set; datagram and raw sockets only'), POL('datagram-options')] },
  { ...GET4, ...TRANSPORT_GET, ...BOOL, name: 'IP_HOPLIMIT', level: 'IPPROTO_IP', code: 'IP_HOPLIMIT', state: 'ipHopLimit', defaultValue: 0, families: ['AF_INET'], socketTypes: ['SOCK_DGRAM', 'SOCK_RAW'], source: [W1(IP_PAGE, 'IP_RECVTTL = IP_HOPLIMIT DWORD (boolean)'), POL('datagram-options')] },
  { ...SET4, ...TRANSPORT, ...BOOL, name: 'IP_RECVTOS', level: 'IPPROTO_IP', code: 'IP_RECVTOS', state: 'ipRecvTos', defaultValue: 0, families: ['AF_INET'], socketTypes: ['SOCK_DGRAM'], source: [W1(IP_PAGE, 'IP_RECVTOS DWORD (boolean), get and set; datagram sockets only'), POL('datagram-options')] },
  { ...GET4, ...TRANSPORT_GET, ...BOOL, name: 'IP_RECVTOS', level: 'IPPROTO_IP', code: 'IP_RECVTOS', state: 'ipRecvTos', defaultValue: 0, families: ['AF_INET'], socketTypes: ['SOCK_DGRAM'], source: [W1(IP_PAGE, 'IP_RECVTOS DWORD (boolean)'), POL('datagram-options')] },
  { ...SET4, ...TRANSPORT, ...BOOL, name: 'IP_ECN', level: 'IPPROTO_IP', code: 'IP_ECN', state: 'ipEcn', defaultValue: 0, families: ['AF_INET'], source: [{ ref: 'H-mingw', at: 'mingw-w64-headers/include/ws2ipdef.h: IP_ECN 50; the W1 options page does not list it', layer: 'header' }, POL('datagram-options')] },
  { ...GET4, ...TRANSPORT_GET, ...BOOL, name: 'IP_ECN', level: 'IPPROTO_IP', code: 'IP_ECN', state: 'ipEcn', defaultValue: 0, families: ['AF_INET'], source: [{ ref: 'H-mingw', at: 'mingw-w64-headers/include/ws2ipdef.h: IP_ECN 50; the W1 options page does not list it', layer: 'header' }, POL('datagram-options')] },
  { ...SET4, ...TRANSPORT, ...BOOL, name: 'IP_RECVERR', level: 'IPPROTO_IP', code: 'IP_RECVERR', state: 'ipRecvErr', defaultValue: 0, families: ['AF_INET'], source: [{ ref: 'H-mingw', at: 'mingw-w64-headers/include/ws2ipdef.h: IP_RECVERR 75; the W1 options page does not list it', layer: 'header' }, POL('datagram-options')] },
  { ...GET4, ...TRANSPORT_GET, ...BOOL, name: 'IP_RECVERR', level: 'IPPROTO_IP', code: 'IP_RECVERR', state: 'ipRecvErr', defaultValue: 0, families: ['AF_INET'], source: [{ ref: 'H-mingw', at: 'mingw-w64-headers/include/ws2ipdef.h: IP_RECVERR 75; the W1 options page does not list it', layer: 'header' }, POL('datagram-options')] },
  { ...SET4, ...TRANSPORT, ...BOOL, name: 'IPV6_DONTFRAG', level: 'IPPROTO_IPV6', code: 'IPV6_DONTFRAG', state: 'ipv6DontFrag', defaultValue: 0, families: ['AF_INET6'], source: [{ ref: 'H-mingw', at: 'mingw-w64-headers/include/ws2ipdef.h: IPV6_DONTFRAG 14; the W1 options page does not list it', layer: 'header' }, POL('datagram-options')] },
  { ...GET4, ...TRANSPORT_GET, ...BOOL, name: 'IPV6_DONTFRAG', level: 'IPPROTO_IPV6', code: 'IPV6_DONTFRAG', state: 'ipv6DontFrag', defaultValue: 0, families: ['AF_INET6'], source: [{ ref: 'H-mingw', at: 'mingw-w64-headers/include/ws2ipdef.h: IPV6_DONTFRAG 14; the W1 options page does not list it', layer: 'header' }, POL('datagram-options')] },
  { ...SET4, ...TRANSPORT, ...BOOL, name: 'IPV6_PKTINFO', level: 'IPPROTO_IPV6', code: 'IPV6_PKTINFO', state: 'ipv6PktInfo', defaultValue: 0, families: ['AF_INET6'], source: [W1(IPV6_PAGE, 'IPV6_PKTINFO DWORD (boolean), get and set'), POL('datagram-options')] },
  { ...GET4, ...TRANSPORT_GET, ...BOOL, name: 'IPV6_PKTINFO', level: 'IPPROTO_IPV6', code: 'IPV6_PKTINFO', state: 'ipv6PktInfo', defaultValue: 0, families: ['AF_INET6'], source: [W1(IPV6_PAGE, 'IPV6_PKTINFO DWORD (boolean)'), POL('datagram-options')] },
  { ...SET4, ...TRANSPORT, ...BOOL, name: 'IPV6_HOPLIMIT', level: 'IPPROTO_IPV6', code: 'IPV6_HOPLIMIT', state: 'ipv6HopLimit', defaultValue: 0, families: ['AF_INET6'], socketTypes: ['SOCK_DGRAM', 'SOCK_RAW'], source: [W1(IPV6_PAGE, 'IPV6_HOPLIMIT DWORD (boolean), get and set; datagram and raw sockets only'), POL('datagram-options')] },
  { ...GET4, ...TRANSPORT_GET, ...BOOL, name: 'IPV6_HOPLIMIT', level: 'IPPROTO_IPV6', code: 'IPV6_HOPLIMIT', state: 'ipv6HopLimit', defaultValue: 0, families: ['AF_INET6'], socketTypes: ['SOCK_DGRAM', 'SOCK_RAW'], source: [W1(IPV6_PAGE, 'IPV6_HOPLIMIT DWORD (boolean)'), POL('datagram-options')] },
  { ...SET4, ...TRANSPORT, ...ULONG_ANY, name: 'IPV6_TCLASS', level: 'IPPROTO_IPV6', code: 'IPV6_TCLASS', state: 'ipv6TClass', defaultValue: 0, domainMax: 255, families: ['AF_INET6'], source: [{ ref: 'H-mingw', at: 'mingw-w64-headers/include/ws2ipdef.h: IPV6_TCLASS 39; the W1 options page does not list it', layer: 'header' }, POL('datagram-options')] },
  { ...GET4, ...TRANSPORT_GET, ...ULONG_ANY, name: 'IPV6_TCLASS', level: 'IPPROTO_IPV6', code: 'IPV6_TCLASS', state: 'ipv6TClass', defaultValue: 0, families: ['AF_INET6'], source: [{ ref: 'H-mingw', at: 'mingw-w64-headers/include/ws2ipdef.h: IPV6_TCLASS 39; the W1 options page does not list it', layer: 'header' }, POL('datagram-options')] },
  { ...SET4, ...TRANSPORT, ...BOOL, name: 'IPV6_RECVTCLASS', level: 'IPPROTO_IPV6', code: 'IPV6_RECVTCLASS', state: 'ipv6RecvTClass', defaultValue: 0, families: ['AF_INET6'], socketTypes: ['SOCK_DGRAM'], source: [W1(IPV6_PAGE, 'IPV6_RECVTCLASS DWORD (boolean), get and set; datagram sockets only'), POL('datagram-options')] },
  { ...GET4, ...TRANSPORT_GET, ...BOOL, name: 'IPV6_RECVTCLASS', level: 'IPPROTO_IPV6', code: 'IPV6_RECVTCLASS', state: 'ipv6RecvTClass', defaultValue: 0, families: ['AF_INET6'], socketTypes: ['SOCK_DGRAM'], source: [W1(IPV6_PAGE, 'IPV6_RECVTCLASS DWORD (boolean)'), POL('datagram-options')] },
  { ...SET4, ...TRANSPORT, ...BOOL, name: 'IPV6_ECN', level: 'IPPROTO_IPV6', code: 'IPV6_ECN', state: 'ipv6Ecn', defaultValue: 0, families: ['AF_INET6'], source: [{ ref: 'H-mingw', at: 'mingw-w64-headers/include/ws2ipdef.h: IPV6_ECN 50; the W1 options page does not list it', layer: 'header' }, POL('datagram-options')] },
  { ...GET4, ...TRANSPORT_GET, ...BOOL, name: 'IPV6_ECN', level: 'IPPROTO_IPV6', code: 'IPV6_ECN', state: 'ipv6Ecn', defaultValue: 0, families: ['AF_INET6'], source: [{ ref: 'H-mingw', at: 'mingw-w64-headers/include/ws2ipdef.h: IPV6_ECN 50; the W1 options page does not list it', layer: 'header' }, POL('datagram-options')] },
  { ...SET4, ...TRANSPORT, ...BOOL, name: 'IPV6_RECVERR', level: 'IPPROTO_IPV6', code: 'IPV6_RECVERR', state: 'ipv6RecvErr', defaultValue: 0, families: ['AF_INET6'], source: [{ ref: 'H-mingw', at: 'mingw-w64-headers/include/ws2ipdef.h: IPV6_RECVERR 75; the W1 options page does not list it', layer: 'header' }, POL('datagram-options')] },
  { ...GET4, ...TRANSPORT_GET, ...BOOL, name: 'IPV6_RECVERR', level: 'IPPROTO_IPV6', code: 'IPV6_RECVERR', state: 'ipv6RecvErr', defaultValue: 0, families: ['AF_INET6'], source: [{ ref: 'H-mingw', at: 'mingw-w64-headers/include/ws2ipdef.h: IPV6_RECVERR 75; the W1 options page does not list it', layer: 'header' }, POL('datagram-options')] },
  { ...SET4, ...TRANSPORT, ...ULONG_ANY, name: 'UDP_SEND_MSG_SIZE', level: 'IPPROTO_UDP', code: 'UDP_SEND_MSG_SIZE', state: 'udpSendMsgSize', defaultValue: 0, families: null, socketTypes: ['SOCK_DGRAM'], source: [W1('ipproto-udp-socket-options.md', 'UDP_SEND_MSG_SIZE DWORD, get and set: a segment size in bytes, default 0 (no segmentation)'), POL('datagram-options')] },
  { ...GET4, ...TRANSPORT_GET, ...ULONG_ANY, name: 'UDP_SEND_MSG_SIZE', level: 'IPPROTO_UDP', code: 'UDP_SEND_MSG_SIZE', state: 'udpSendMsgSize', defaultValue: 0, families: null, socketTypes: ['SOCK_DGRAM'], source: [W1('ipproto-udp-socket-options.md', 'UDP_SEND_MSG_SIZE DWORD'), POL('datagram-options')] },
  { ...SET4, ...TRANSPORT, ...ULONG_ANY, name: 'UDP_RECV_MAX_COALESCED_SIZE', level: 'IPPROTO_UDP', code: 'UDP_RECV_MAX_COALESCED_SIZE', state: 'udpRecvMaxCoalescedSize', defaultValue: 0, families: null, socketTypes: ['SOCK_DGRAM'], source: [W1('ipproto-udp-socket-options.md', 'UDP_RECV_MAX_COALESCED_SIZE DWORD, get and set: a message size in bytes, default 0 (no coalescing)'), POL('datagram-options')] },
  { ...GET4, ...TRANSPORT_GET, ...ULONG_ANY, name: 'UDP_RECV_MAX_COALESCED_SIZE', level: 'IPPROTO_UDP', code: 'UDP_RECV_MAX_COALESCED_SIZE', state: 'udpRecvMaxCoalescedSize', defaultValue: 0, families: null, socketTypes: ['SOCK_DGRAM'], source: [W1('ipproto-udp-socket-options.md', 'UDP_RECV_MAX_COALESCED_SIZE DWORD'), POL('datagram-options')] },
] as const satisfies readonly OptionRow[];

/** Common fields of an IOCTL row (RequestType WskIoctl; Level ignored). */
const IOCTL = { requestType: 'WskIoctl', level: 'SOL_SOCKET', returnedSize: 0, unusedMustBeNull: true, mutuallyExclusiveWith: null, domain: 'any', defaultValue: 0, families: null } as const;

/** The WSK socket IOCTLs (WSK-SPEC.md §2.3). */
const IOCTL_ROWS = [
  { ...IOCTL, name: 'SIO_WSK_SET_REMOTE_ADDRESS', code: 'SIO_WSK_SET_REMOTE_ADDRESS', payload: 'sockaddrOrClear', size: 16, outputSizeReturned: 'null', categories: ['datagram'], irp: 'required', timing: 'afterBind', state: 'none', source: [D2('sio-wsk-set-remote-address.md'), POL('fixed-address-size')] },
  { ...IOCTL, name: 'SIO_WSK_SET_SENDTO_ADDRESS', code: 'SIO_WSK_SET_SENDTO_ADDRESS', payload: 'sockaddrOrClear', size: 16, outputSizeReturned: 'null', categories: ['datagram'], irp: 'required', timing: 'afterBind', state: 'none', source: [D2('sio-wsk-set-sendto-address.md'), POL('fixed-address-size')] },
  { ...IOCTL, name: 'SIO_WSK_REGISTER_EXTENSION', code: 'SIO_WSK_REGISTER_EXTENSION', payload: 'registerExtension', size: { x86: 12, x64: 24 }, outputSize: { x86: 8, x64: 16 }, outputSizeReturned: 'null', categories: ALL_CATEGORIES, irp: 'null', timing: 'any', state: 'none', source: [D2('sio-wsk-register-extension.md'), { ref: 'D2', at: 'registering-an-extension-interface.md: unsupported extension -> STATUS_NOT_SUPPORTED', layer: 'WSK' }, POL('no-extension-interfaces')] },
  { ...IOCTL, name: 'SIO_WSK_QUERY_IDEAL_SEND_BACKLOG', code: 'SIO_WSK_QUERY_IDEAL_SEND_BACKLOG', payload: 'sizeTQuery', size: 0, outputSize: { x86: 4, x64: 8 }, outputSizeReturned: 'null', categories: ['connection', 'stream'], socketTypes: ['SOCK_STREAM'], irp: 'required', timing: 'afterConnect', state: 'idealSendBacklog', defaultValue: 65536, source: [D2('sio-wsk-query-ideal-send-backlog.md'), STREAM, POL('backlog-values'), POL('after-connect-state')] },
  { ...IOCTL, name: 'SIO_WSK_QUERY_RECEIVE_BACKLOG', code: 'SIO_WSK_QUERY_RECEIVE_BACKLOG', payload: 'sizeTQuery', size: 0, outputSize: { x86: 4, x64: 8 }, outputSizeReturned: 'null', categories: ['connection', 'stream'], socketTypes: ['SOCK_STREAM'], irp: 'required', timing: 'afterConnect', state: 'receiveBacklog', source: [D2('sio-wsk-query-receive-backlog.md'), STREAM, POL('backlog-values'), POL('after-connect-state')] },
  { ...IOCTL, name: 'SIO_WSK_QUERY_INSPECT_ID', code: 'SIO_WSK_QUERY_INSPECT_ID', payload: 'inspectId', size: 0, outputSize: { x86: 8, x64: 16 }, outputSizeReturned: 'required', categories: ['connection'], irp: 'null', timing: 'any', state: 'none', source: [D2('sio-wsk-query-inspect-id.md: STATUS_INVALID_DEVICE_REQUEST on any other socket'), POL('inspect-id')] },
  { ...IOCTL, name: 'SIO_WSK_SET_TCP_SILENT_MODE', code: 'SIO_WSK_SET_TCP_SILENT_MODE', payload: 'silentMode', size: 0, outputSizeReturned: 'null', categories: ['connection', 'stream'], socketTypes: ['SOCK_STREAM'], irp: 'required', timing: 'afterConnect', state: 'silentMode', source: [D2('sio-wsk-set-tcp-silent-mode.md'), STREAM, POL('silent-mode'), POL('after-connect-state')] },
  { ...IOCTL, name: 'SIO_ADDRESS_LIST_QUERY', code: 'SIO_ADDRESS_LIST_QUERY', payload: 'addressListQuery', size: 0, outputSize: 0, outputSizeReturned: 'required', categories: ALL_CATEGORIES, irp: 'null', timing: 'any', state: 'none', source: [D2('sio-address-list-query.md'), POL('address-list-layout'), POL('address-list-pointers'), POL('host-address-list')] },
  { ...IOCTL, name: 'SIO_ADDRESS_LIST_CHANGE', code: 'SIO_ADDRESS_LIST_CHANGE', payload: 'addressListChange', size: 0, outputSizeReturned: 'null', categories: ALL_CATEGORIES, irp: 'required', timing: 'any', state: 'none', source: [D2('sio-address-list-change.md'), POL('address-list-change-harness')] },
  { ...IOCTL, name: 'SIO_LOOPBACK_FAST_PATH', code: 'SIO_LOOPBACK_FAST_PATH', payload: 'loopbackFastPath', size: 4, outputSizeReturned: 'null', categories: ['listen', 'connection', 'stream'], socketTypes: ['SOCK_STREAM'], irp: 'required', timing: 'any', state: 'loopbackFastPath', source: [D2('sio-loopback-fast-path.md'), POL('loopback-fast-path-input'), POL('loopback-fast-path-options'), POL('transport-option-applicability')] },
  { ...IOCTL, name: 'SIO_QUERY_WFP_CONNECTION_REDIRECT_RECORDS', code: 'SIO_QUERY_WFP_CONNECTION_REDIRECT_RECORDS', payload: 'wfpQuery', size: 0, outputSizeReturned: 'optional', categories: ['connection', 'stream'], socketTypes: ['SOCK_STREAM'], irp: 'required', timing: 'any', state: 'none', source: [D2('sio-query-wfp-connection-redirect-records.md'), POL('wfp-redirect-data')] },
  { ...IOCTL, name: 'SIO_QUERY_WFP_CONNECTION_REDIRECT_CONTEXT', code: 'SIO_QUERY_WFP_CONNECTION_REDIRECT_CONTEXT', payload: 'wfpQuery', size: 0, outputSizeReturned: 'optional', categories: ['connection', 'stream'], socketTypes: ['SOCK_STREAM'], irp: 'required', timing: 'any', state: 'none', source: [D2('sio-query-wfp-connection-redirect-context.md'), POL('wfp-redirect-data')] },
  { ...IOCTL, name: 'SIO_SET_WFP_CONNECTION_REDIRECT_RECORDS', code: 'SIO_SET_WFP_CONNECTION_REDIRECT_RECORDS', payload: 'wfpSet', size: 0, outputSizeReturned: 'null', categories: ['connection', 'stream'], socketTypes: ['SOCK_STREAM'], irp: 'required', timing: 'any', state: 'none', source: [D2('sio-set-wfp-connection-redirect-records.md'), POL('wfp-redirect-data')] },
] as const satisfies readonly OptionRow[];

// =====================================================================================================================
// Data used by the SO_WSK_EVENT_CALLBACK and WskControlClient handlers
// =====================================================================================================================

const EVENT_PAGE: Citation = { ref: 'D2', at: 'so-wsk-event-callback.md and enabling-and-disabling-event-callback-functions.md', layer: 'WSK' };

/** Event flags SO_WSK_EVENT_CALLBACK may enable per socket category, and those that cannot be disabled once enabled. */
export const EVENT_CALLBACK_FLAGS = {
  basic: { valid: [], sticky: [], source: { ref: 'WSKSIM', at: 'docs/POLICY.md#event-callback-basic (no extension interface is modelled)', layer: 'policy' } },
  listen: { valid: ['WSK_EVENT_ACCEPT', 'WSK_EVENT_DISCONNECT', 'WSK_EVENT_RECEIVE', 'WSK_EVENT_SEND_BACKLOG'], sticky: ['WSK_EVENT_DISCONNECT', 'WSK_EVENT_RECEIVE', 'WSK_EVENT_SEND_BACKLOG'], source: EVENT_PAGE },
  datagram: { valid: ['WSK_EVENT_RECEIVE_FROM'], sticky: [], source: EVENT_PAGE },
  connection: { valid: ['WSK_EVENT_DISCONNECT', 'WSK_EVENT_RECEIVE', 'WSK_EVENT_SEND_BACKLOG'], sticky: [], source: EVENT_PAGE },
  stream: { valid: ['WSK_EVENT_ACCEPT', 'WSK_EVENT_DISCONNECT', 'WSK_EVENT_RECEIVE', 'WSK_EVENT_SEND_BACKLOG'], sticky: [], source: { ref: 'WSKSIM', at: 'docs/POLICY.md#stream-socket-options: union of listening and connection-oriented flags', layer: 'policy' } },
} as const satisfies { readonly [K in SocketCategory]: { readonly valid: readonly string[]; readonly sticky: readonly string[]; readonly source: Citation } };

/** The network transports WSK_TRANSPORT_LIST_QUERY reports, in order (policy transport-list). */
export const SIMULATED_TRANSPORTS = [
  { socketType: 'SOCK_STREAM', protocol: 'IPPROTO_TCP', family: 'AF_INET' },
  { socketType: 'SOCK_DGRAM', protocol: 'IPPROTO_UDP', family: 'AF_INET' },
  { socketType: 'SOCK_STREAM', protocol: 'IPPROTO_TCP', family: 'AF_INET6' },
  { socketType: 'SOCK_DGRAM', protocol: 'IPPROTO_UDP', family: 'AF_INET6' },
] as const;

/** The host's local addresses per family before the harness changes them (policy host-address-list). */
export const DEFAULT_HOST_ADDRESSES = { AF_INET: ['127.0.0.1:0'], AF_INET6: ['[::1]:0'] } as const;

const ROWS = [...BIND_OPTION_ROWS, ...SOL_SOCKET_ROWS, ...TRANSPORT_ROWS, ...DATAGRAM_ROWS, ...IOCTL_ROWS] as const;

/** Every implemented control operation, one row per (request type, level, code). */
export const OPTION_ROWS: readonly OptionRow[] = ROWS;

/** A socket state slot: a `state` some row names (src/provider/socket.ts gives each one an index). */
export type OptionStateName = (typeof ROWS)[number]['state'];
