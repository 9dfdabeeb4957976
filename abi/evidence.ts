/**
 * The evidence survey of real WSK clients: every WskControlSocket, WskControlClient and WskBind call that shipping
 * WSK client code makes, where it is (repository, commit, file, line), whether the client depends on its success, and
 * enough of its arguments to replay it through the simulator (src/docs/evidence-doc.ts replays each row under every
 * preset and writes docs/EVIDENCE.md). Data only; the clients' code is cited, never copied.
 */

/** A surveyed client: a public repository read at one commit. */
export interface SurveyedClient {
  readonly repo: string;
  readonly commit: string;
  readonly what: string;
}

/** The surveyed clients, keyed by a short name. */
export const SURVEYED_CLIENTS = {
  msquic: { repo: 'microsoft/msquic', commit: '4984c210f6657f74a4220b642a46233bc2658da6', what: 'MsQuic kernel-mode datapath (msquic.sys), shipped in Windows' },
  libwsk: { repo: 'MiroKaku/libwsk', commit: '174d4a58bd3d99d18746fc799f1fe2601055d2d7', what: 'a BSD-socket-style wrapper library over WSK, and its test driver' },
  ksocket: { repo: 'wbenny/KSOCKET', commit: '6c779c8bcdbf766c6ca76b854028b3e971f53bec', what: 'a BSD-socket-style wrapper over WSK, and its sample driver' },
  'ovpn-dco-win': { repo: 'OpenVPN/ovpn-dco-win', commit: '395f63b4abf3de18cf8abbc9534cf5d40b03a8d1', what: 'OpenVPN data channel offload driver (signed, shipped with OpenVPN for Windows)' },
  windrbd: { repo: 'LINBIT/windrbd', commit: '308559b826614ef0b8017ca08b5025c09c748db4', what: 'DRBD for Windows (LINBIT), a Linux-socket shim over WSK' },
  wdrbd: { repo: 'mantechnology/wdrbd', commit: '5478058034b0f17c101febf3aeaecdc13b76dc2e', what: 'DRBD for Windows (MANTECH)' },
  echosrv: { repo: 'microsoft/Windows-driver-samples', commit: '26a27df80772dbcfd69e6449b671d5c29eb5aedc', what: "Microsoft's WSK echo server sample" },
} as const satisfies Record<string, SurveyedClient>;

/** Name of a surveyed client. */
export type SurveyedClientName = keyof typeof SURVEYED_CLIENTS;

/** The socket a replayed call is made on, and the state it is in. */
export interface SurveySocket {
  readonly family: 'AF_INET' | 'AF_INET6';
  readonly type: 'SOCK_STREAM' | 'SOCK_DGRAM';
  readonly protocol: 'IPPROTO_TCP' | 'IPPROTO_UDP';
  readonly category: 'basic' | 'listen' | 'datagram' | 'connection' | 'stream';
  /** Bound to this address before the call (text form). */
  readonly bound?: string;
  /**
   * Connected to this remote address before the call (text form): the replay declares a remote listener there and
   * calls WskConnect (docs/POLICY.md#connection-remote-listener).
   */
  readonly connectedTo?: string;
  /** IPV6_V6ONLY set to 0 before the call (and before the setup bind), as the client did: a dual-stack socket. */
  readonly v6only?: 0;
  /** What the client did before, in its own words (connected, accepted, ...), for the reader. */
  readonly state?: string;
}

/** An input buffer of a replayed call. */
export type SurveyInput =
  | { readonly ulong: number }
  | { readonly eventMask: string }
  | { readonly sockaddr: string }
  | { readonly bytes: string };

/** A constant by its Windows name, with its value for names abi/constants.ts does not define (yet). */
export type SurveyConstant = string | number | { readonly name: string; readonly value: number };

/** The arguments of a replayed call (on x64). Codes and levels are constant names, or numbers the tables lack. */
export type SurveyReplay =
  | {
    readonly fn: 'WskControlSocket';
    readonly socket: SurveySocket;
    readonly request: 'WskSetOption' | 'WskGetOption' | 'WskIoctl';
    readonly level: SurveyConstant;
    readonly code: SurveyConstant;
    readonly input: SurveyInput | null;
    /** InputSize when it is not the input's own size. */
    readonly inputSize?: number;
    readonly outputSize: number;
    readonly outputSizeReturned: boolean;
    readonly irp: boolean;
  }
  | {
    readonly fn: 'WskControlClient';
    readonly code: string;
    readonly input: SurveyInput | null;
    readonly outputSize: number;
    readonly outputSizeReturned: boolean;
    readonly irp: boolean;
  }
  | { readonly fn: 'WskBind'; readonly socket: SurveySocket; readonly address: string; readonly irp: boolean };

/** What the client does with the status: its dependence on success. */
export type StatusUse =
  /** a failure aborts what the client was doing (socket creation, connection, listener). */
  | 'fatal'
  /** the status is returned to the client's own caller (a library function), who decides. */
  | 'propagated'
  /** a failure only turns an optional feature off. */
  | 'feature-probe'
  /** a failure is logged and ignored. */
  | 'logged'
  /** the status is not looked at. */
  | 'ignored';

/** One surveyed call. */
export interface SurveyCall {
  readonly id: string;
  readonly client: SurveyedClientName;
  readonly path: string;
  readonly line: number;
  /** The call as the client writes it (names, not code). */
  readonly call: string;
  readonly replay: SurveyReplay;
  readonly statusUse: StatusUse;
  readonly dependsOnSuccess: boolean;
  readonly note: string;
}

const MSQUIC = 'src/platform/datapath_winkernel.c';
const MSQUIC_DGRAM: SurveySocket = { family: 'AF_INET6', type: 'SOCK_DGRAM', protocol: 'IPPROTO_UDP', category: 'datagram', state: 'created, not yet bound (CxPlatSocketCreateUdp)' };
/** The same socket after line 1401 cleared IPV6_V6ONLY: every later option is set on a dual-stack socket. */
const MSQUIC_DUAL: SurveySocket = { ...MSQUIC_DGRAM, v6only: 0, state: 'created, IPV6_V6ONLY 0 (line 1401), not yet bound' };
const MSQUIC_DGRAM_BOUND: SurveySocket = { ...MSQUIC_DUAL, bound: '[::]:0', state: 'dual-stack, bound' };
const MSQUIC_PROBE: SurveySocket = { family: 'AF_INET6', type: 'SOCK_DGRAM', protocol: 'IPPROTO_UDP', category: 'basic', state: 'helper socket of CxPlatDataPathQuerySockoptSupport' };
/** msquic's CxPlatDataPathSetControlSocket (datapath_winkernel.c line 1260): OutputSize 0, OutputBuffer NULL, &OutputSizeReturned, its Irp. */
const msquicSet = (id: string, line: number, level: string, code: string, value: number, depends: string, note = ''): SurveyCall => ({
  id: `msquic/${id}`, client: 'msquic', path: MSQUIC, line,
  call: `CxPlatDataPathSetControlSocket(WskSetOption, ${code}, ${level}, sizeof(Option) = 4, &Option = ${value}) -> WskControlSocket(..., 0, NULL, &OutputSizeReturned, &Binding->Irp) (line 1260)`,
  replay: { fn: 'WskControlSocket', socket: code === 'IPV6_V6ONLY' ? MSQUIC_DGRAM : MSQUIC_DUAL, request: 'WskSetOption', level, code, input: { ulong: value }, outputSize: 0, outputSizeReturned: true, irp: true },
  statusUse: 'fatal', dependsOnSuccess: true, note: `${depends}${note}`,
});
const SOCKET_FAILS = 'a failure aborts the creation of the UDP socket (goto Error)';

const LIBWSK = 'libwsk/libwsk.cpp';
const WINDRBD = 'windrbd/src/windrbd_winsocket.c';
const WDRBD_TCP = 'drbd/drbd_transport_tcp.c';
const WDRBD_WSK = 'wdrbd9/wsk2.c';
const DRBD_LISTEN: SurveySocket = { family: 'AF_INET', type: 'SOCK_STREAM', protocol: 'IPPROTO_TCP', category: 'listen', state: 'created, not yet bound (dtt_init_listener)' };
const DRBD_LISTEN_BOUND: SurveySocket = { ...DRBD_LISTEN, bound: '0.0.0.0:7789', state: 'bound (listen() after bind)' };
const DRBD_CONNECTED: SurveySocket = { family: 'AF_INET', type: 'SOCK_STREAM', protocol: 'IPPROTO_TCP', category: 'connection', bound: '0.0.0.0:0', connectedTo: '192.0.2.7:7788', state: 'connected (dtt_connect, after the connection is established)' };

/** Every surveyed call, client by client, in file order. */
export const SURVEY_CALLS: readonly SurveyCall[] = [
  // ---- microsoft/msquic ----
  {
    id: 'msquic/tdi-behavior', client: 'msquic', path: MSQUIC, line: 826,
    call: 'WskControlClient(WSK_TDI_BEHAVIOR, sizeof(NoTdi), &NoTdi = WSK_TDI_BEHAVIOR_BYPASS_TDI, 0, NULL, NULL, NULL)',
    replay: { fn: 'WskControlClient', code: 'WSK_TDI_BEHAVIOR', input: { ulong: 1 }, outputSize: 0, outputSizeReturned: false, irp: false },
    statusUse: 'logged', dependsOnSuccess: false, note: 'a failure is traced and ignored ("MSDN says that this may be removed in the future")',
  },
  {
    id: 'msquic/static-callbacks', client: 'msquic', path: MSQUIC, line: 847,
    call: 'WskControlClient(WSK_SET_STATIC_EVENT_CALLBACKS, sizeof(WSK_EVENT_CALLBACK_CONTROL), {&NPI_WSK_INTERFACE_ID, WSK_EVENT_RECEIVE_FROM}, 0, NULL, NULL, NULL)',
    replay: { fn: 'WskControlClient', code: 'WSK_SET_STATIC_EVENT_CALLBACKS', input: { eventMask: 'WSK_EVENT_RECEIVE_FROM' }, outputSize: 0, outputSizeReturned: false, irp: false },
    statusUse: 'fatal', dependsOnSuccess: true, note: 'made before any socket; a failure aborts DataPathInitialize',
  },
  {
    id: 'msquic/rss-scalability-info', client: 'msquic', path: MSQUIC, line: 378,
    call: 'WskControlSocket(WskIoctl, SIO_QUERY_RSS_SCALABILITY_INFO, SOL_SOCKET, 0, NULL, sizeof(RssInfo), &RssInfo, &OutputSizeReturned, Irp)',
    replay: { fn: 'WskControlSocket', socket: { family: 'AF_INET6', type: 'SOCK_STREAM', protocol: 'IPPROTO_TCP', category: 'basic', state: 'helper socket of CxPlatDataPathQueryRssScalabilityInfo' }, request: 'WskIoctl', level: 'SOL_SOCKET', code: { name: 'SIO_QUERY_RSS_SCALABILITY_INFO', value: 0x580000d2 }, input: null, outputSize: 1, outputSizeReturned: true, irp: true },
    statusUse: 'feature-probe', dependsOnSuccess: false, note: 'SIO_QUERY_RSS_SCALABILITY_INFO = _WSAIOR(IOC_VENDOR, 210) (SDK mstcpip.h); RSS_SCALABILITY_INFO is one BOOLEAN; a failure leaves RSS unused',
  },
  {
    id: 'msquic/get-udp-send-msg-size', client: 'msquic', path: MSQUIC, line: 514,
    call: 'WskControlSocket(WskGetOption, UDP_SEND_MSG_SIZE, IPPROTO_UDP, 0, NULL, sizeof(SegmentSize), &SegmentSize, &OutputSizeReturned, Irp)',
    replay: { fn: 'WskControlSocket', socket: MSQUIC_PROBE, request: 'WskGetOption', level: 'IPPROTO_UDP', code: 'UDP_SEND_MSG_SIZE', input: null, outputSize: 4, outputSizeReturned: true, irp: true },
    statusUse: 'feature-probe', dependsOnSuccess: false, note: 'UDP_SEND_MSG_SIZE = 2 (SDK ws2ipdef.h; msquic defines it itself); success turns on send segmentation (USO)',
  },
  {
    id: 'msquic/get-udp-recv-max-coalesced-size', client: 'msquic', path: MSQUIC, line: 562,
    call: 'WskControlSocket(WskGetOption, UDP_RECV_MAX_COALESCED_SIZE, IPPROTO_UDP, 0, NULL, sizeof(UroMaxCoalescedMsgSize), &UroMaxCoalescedMsgSize, &OutputSizeReturned, Irp)',
    replay: { fn: 'WskControlSocket', socket: MSQUIC_PROBE, request: 'WskGetOption', level: 'IPPROTO_UDP', code: 'UDP_RECV_MAX_COALESCED_SIZE', input: null, outputSize: 4, outputSizeReturned: true, irp: true },
    statusUse: 'feature-probe', dependsOnSuccess: false, note: 'UDP_RECV_MAX_COALESCED_SIZE = 3; success turns on receive coalescing (URO)',
  },
  {
    id: 'msquic/set-ipv6-tclass-probe', client: 'msquic', path: MSQUIC, line: 610,
    call: 'WskControlSocket(WskSetOption, IPV6_TCLASS, IPPROTO_IPV6, sizeof(TypeOfService), &TypeOfService = CXPLAT_DSCP_LE << 2, 0, NULL, &OutputSizeReturned, Irp)',
    replay: { fn: 'WskControlSocket', socket: MSQUIC_PROBE, request: 'WskSetOption', level: 'IPPROTO_IPV6', code: 'IPV6_TCLASS', input: { ulong: 4 }, outputSize: 0, outputSizeReturned: true, irp: true },
    statusUse: 'feature-probe', dependsOnSuccess: false, note: 'success turns on sending DSCP',
  },
  msquicSet('set-ipv6-v6only', 1401, 'IPPROTO_IPV6', 'IPV6_V6ONLY', 0, SOCKET_FAILS),
  msquicSet('set-ip-dontfragment', 1420, 'IPPROTO_IP', 'IP_DONTFRAGMENT', 1, SOCKET_FAILS, '; an IPPROTO_IP option on the AF_INET6 dual-stack socket'),
  msquicSet('set-ipv6-dontfrag', 1439, 'IPPROTO_IPV6', 'IPV6_DONTFRAG', 1, SOCKET_FAILS),
  msquicSet('set-ipv6-pktinfo', 1458, 'IPPROTO_IPV6', 'IPV6_PKTINFO', 1, SOCKET_FAILS),
  msquicSet('set-ip-pktinfo', 1477, 'IPPROTO_IP', 'IP_PKTINFO', 1, SOCKET_FAILS, '; an IPPROTO_IP option on the AF_INET6 dual-stack socket'),
  msquicSet('set-ipv6-recvtclass', 1497, 'IPPROTO_IPV6', 'IPV6_RECVTCLASS', 1, SOCKET_FAILS, '; only when receiving DSCP is enabled'),
  msquicSet('set-ip-recvtos', 1516, 'IPPROTO_IP', 'IP_RECVTOS', 1, SOCKET_FAILS, '; only when receiving DSCP is enabled; IPPROTO_IP on AF_INET6'),
  msquicSet('set-ipv6-ecn', 1535, 'IPPROTO_IPV6', 'IPV6_ECN', 1, SOCKET_FAILS, '; when receiving DSCP is not enabled (the default)'),
  msquicSet('set-ip-ecn', 1554, 'IPPROTO_IP', 'IP_ECN', 1, SOCKET_FAILS, '; when receiving DSCP is not enabled; IPPROTO_IP on AF_INET6'),
  msquicSet('set-ipv6-recverr', 1574, 'IPPROTO_IPV6', 'IPV6_RECVERR', 1, SOCKET_FAILS),
  msquicSet('set-ip-recverr', 1593, 'IPPROTO_IP', 'IP_RECVERR', 1, SOCKET_FAILS, '; IPPROTO_IP on AF_INET6'),
  msquicSet('set-ip-hoplimit', 1613, 'IPPROTO_IP', 'IP_HOPLIMIT', 1, SOCKET_FAILS, '; on every build but Windows Server 2022 (20348); IPPROTO_IP on AF_INET6'),
  msquicSet('set-ipv6-hoplimit', 1632, 'IPPROTO_IPV6', 'IPV6_HOPLIMIT', 1, SOCKET_FAILS, '; on every build but Windows Server 2022 (20348)'),
  msquicSet('set-udp-recv-max-coalesced-size', 1653, 'IPPROTO_UDP', 'UDP_RECV_MAX_COALESCED_SIZE', 65527, SOCKET_FAILS, '; only when the URO probe succeeded; value MAX_URO_PAYLOAD_LENGTH = 65535 - 8'),
  msquicSet('set-ipv6-unicast-if', 1674, 'IPPROTO_IPV6', 'IPV6_UNICAST_IF', 7, SOCKET_FAILS, '; only for a socket bound to an interface (index 7 in the replay)'),
  msquicSet('set-ip-unicast-if', 1692, 'IPPROTO_IP', 'IP_UNICAST_IF', 0x07000000, SOCKET_FAILS, '; only for a socket bound to an interface; the index in network byte order; IPPROTO_IP on AF_INET6'),
  {
    id: 'msquic/bind', client: 'msquic', path: MSQUIC, line: 1722,
    call: 'WskBind(Binding->Socket, (PSOCKADDR)&Binding->LocalAddress, 0, &Binding->Irp)',
    replay: { fn: 'WskBind', socket: { ...MSQUIC_DUAL, state: 'options set, IPV6_V6ONLY 0' }, address: '[::]:0', irp: true },
    statusUse: 'fatal', dependsOnSuccess: true, note: 'the local address is a SOCKADDR_INET in v4-mapped IPv6 form; [::]:0 when none is configured',
  },
  {
    id: 'msquic/set-remote-address', client: 'msquic', path: MSQUIC, line: 1757,
    call: 'CxPlatDataPathSetControlSocket(WskIoctl, SIO_WSK_SET_REMOTE_ADDRESS, SOL_SOCKET, sizeof(MappedRemoteAddress), &MappedRemoteAddress) -> WskControlSocket(..., 0, NULL, &OutputSizeReturned, Irp)',
    replay: { fn: 'WskControlSocket', socket: MSQUIC_DGRAM_BOUND, request: 'WskIoctl', level: 'SOL_SOCKET', code: 'SIO_WSK_SET_REMOTE_ADDRESS', input: { sockaddr: '[::ffff:192.0.2.1]:443' }, outputSize: 0, outputSizeReturned: true, irp: true },
    statusUse: 'fatal', dependsOnSuccess: true, note: 'client sockets only; SOCKADDR_INET is 28 bytes, an IPv4 peer in v4-mapped form',
  },
  // ---- MiroKaku/libwsk ----
  {
    id: 'libwsk/getsockopt', client: 'libwsk', path: LIBWSK, line: 2505,
    call: 'WSKGetSocketOpt -> WSKControlSocketUnsafe(WskGetOption, OptionName, OptionLevel, NULL, 0, OutputBuffer, *OutputSize, OutputSize, ...) -> WskControlSocket(..., OutputSizeReturned = OutputSize, Irp) (line 683)',
    replay: { fn: 'WskControlSocket', socket: { family: 'AF_INET', type: 'SOCK_STREAM', protocol: 'IPPROTO_TCP', category: 'listen' }, request: 'WskGetOption', level: 'SOL_SOCKET', code: 'SO_REUSEADDR', input: null, outputSize: 4, outputSizeReturned: true, irp: true },
    statusUse: 'propagated', dependsOnSuccess: true, note: 'every getsockopt the library forwards (replayed with SO_REUSEADDR); the caller\'s SIZE_T length doubles as OutputSizeReturned, so the byte count lands in the length the caller reads back; SO_TYPE, SO_SNDTIMEO and SO_RCVTIMEO are answered by the library without a call',
  },
  {
    id: 'libwsk/setsockopt', client: 'libwsk', path: LIBWSK, line: 2438,
    call: 'WSKSetSocketOpt -> WSKControlSocketUnsafe(WskSetOption, OptionName, OptionLevel, InputBuffer, InputSize, nullptr, 0, nullptr, ...) -> WskControlSocket(..., Irp) (line 683)',
    replay: { fn: 'WskControlSocket', socket: { family: 'AF_INET', type: 'SOCK_STREAM', protocol: 'IPPROTO_TCP', category: 'listen' }, request: 'WskSetOption', level: 'SOL_SOCKET', code: 'SO_REUSEADDR', input: { ulong: 1 }, outputSize: 0, outputSizeReturned: false, irp: true },
    statusUse: 'propagated', dependsOnSuccess: true, note: 'every setsockopt the library forwards (replayed with SO_REUSEADDR); the documented form',
  },
  {
    id: 'libwsk/implicit-bind-before-sendto-address', client: 'libwsk', path: LIBWSK, line: 664,
    call: 'WSKControlSocketUnsafeDownlevel: before SIO_WSK_SET_REMOTE_ADDRESS / SIO_WSK_SET_SENDTO_ADDRESS, WSKBindUnsafe(Socket, SOCKADDR_STORAGE{ss_family = remote family}) -> WskBind(Socket, LocalAddress, 0, Irp) (line 801)',
    replay: { fn: 'WskBind', socket: { family: 'AF_INET', type: 'SOCK_DGRAM', protocol: 'IPPROTO_UDP', category: 'datagram' }, address: '0.0.0.0:0', irp: true },
    statusUse: 'fatal', dependsOnSuccess: true, note: 'an unbound datagram socket is bound to the wildcard of the peer\'s family first; a socket already bound would get STATUS_ADDRESS_ALREADY_ASSOCIATED, which aborts the IOCTL',
  },
  {
    id: 'libwsk/ioctl-set-sendto-address', client: 'libwsk', path: 'libwsk.test/Program.c', line: 767,
    call: 'WSKIoctl(ClientSocket, SIO_WSK_SET_SENDTO_ADDRESS, ai_addr, ai_addrlen, nullptr, 0, nullptr, ...) -> WskControlSocket(WskIoctl, SIO_WSK_SET_SENDTO_ADDRESS, 0, ..., NULL, Irp) (libwsk.cpp line 683)',
    replay: { fn: 'WskControlSocket', socket: { family: 'AF_INET', type: 'SOCK_DGRAM', protocol: 'IPPROTO_UDP', category: 'datagram', bound: '0.0.0.0:0' }, request: 'WskIoctl', level: 0, code: 'SIO_WSK_SET_SENDTO_ADDRESS', input: { sockaddr: '127.0.0.1:5150' }, outputSize: 0, outputSizeReturned: false, irp: true },
    statusUse: 'fatal', dependsOnSuccess: true, note: 'the test driver\'s UDP client; a failure ends the client thread',
  },
  {
    id: 'libwsk/bind', client: 'libwsk', path: 'libwsk.test/Program.c', line: 386,
    call: 'WSKBind(ServerSockets[i], ai_addr, ai_addrlen) -> WskBind(Socket, LocalAddress, 0, Irp) (libwsk.cpp line 798-808)',
    replay: { fn: 'WskBind', socket: { family: 'AF_INET', type: 'SOCK_STREAM', protocol: 'IPPROTO_TCP', category: 'listen' }, address: '0.0.0.0:5150', irp: true },
    statusUse: 'fatal', dependsOnSuccess: true, note: 'the test driver\'s server; WskBind is taken from the dispatch table of the socket\'s category',
  },
  {
    id: 'libwsk/implicit-bind-before-connect', client: 'libwsk', path: LIBWSK, line: 1161,
    call: 'WSKConnect: WSKBindUnsafe(Socket, SOCKADDR_STORAGE{ss_family = remote family}) -> WskBind(Socket, LocalAddress, 0, Irp)',
    replay: { fn: 'WskBind', socket: { family: 'AF_INET', type: 'SOCK_STREAM', protocol: 'IPPROTO_TCP', category: 'connection' }, address: '0.0.0.0:0', irp: true },
    statusUse: 'fatal', dependsOnSuccess: true, note: 'every connect binds the wildcard first',
  },
  // ---- wbenny/KSOCKET ----
  {
    id: 'ksocket/bind', client: 'ksocket', path: 'src/ksocket/ksocket.c', line: 513,
    call: 'KsBind: Socket->WskListenDispatch->WskBind(WskSocket, LocalAddress, 0, Irp)',
    replay: { fn: 'WskBind', socket: { family: 'AF_INET', type: 'SOCK_STREAM', protocol: 'IPPROTO_TCP', category: 'listen' }, address: '0.0.0.0:9095', irp: true },
    statusUse: 'ignored', dependsOnSuccess: false, note: 'bind() returns the status; the sample (src/ksocket/main.c line 89) stores it and does not look at it. The sample\'s SOCKADDR_IN is not zeroed, so sin_zero is stack garbage',
  },
  {
    id: 'ksocket/connect-bind', client: 'ksocket', path: 'src/ksocket/ksocket.c', line: 605,
    call: 'KsConnect: WskBind(WskSocket, SOCKADDR_IN{AF_INET, INADDR_ANY, 0}, 0, Irp) before WskConnect',
    replay: { fn: 'WskBind', socket: { family: 'AF_INET', type: 'SOCK_STREAM', protocol: 'IPPROTO_TCP', category: 'connection' }, address: '0.0.0.0:0', irp: true },
    statusUse: 'fatal', dependsOnSuccess: true, note: 'always an AF_INET wildcard, also on an AF_INET6 connection socket (a family mismatch there)',
  },
  // ---- OpenVPN/ovpn-dco-win ----
  {
    id: 'ovpn-dco-win/bind-tcp', client: 'ovpn-dco-win', path: 'socket.cpp', line: 504,
    call: 'connectionDispatch->WskBind(socket, localAddr, 0, irp)',
    replay: { fn: 'WskBind', socket: { family: 'AF_INET', type: 'SOCK_STREAM', protocol: 'IPPROTO_TCP', category: 'connection' }, address: '0.0.0.0:0', irp: true },
    statusUse: 'fatal', dependsOnSuccess: true, note: 'the local address comes from userspace (peer.cpp line 127)',
  },
  {
    id: 'ovpn-dco-win/bind-udp', client: 'ovpn-dco-win', path: 'socket.cpp', line: 514,
    call: 'datagramDispatch->WskBind(socket, localAddr, 0, irp)',
    replay: { fn: 'WskBind', socket: { family: 'AF_INET', type: 'SOCK_DGRAM', protocol: 'IPPROTO_UDP', category: 'datagram' }, address: '0.0.0.0:0', irp: true },
    statusUse: 'fatal', dependsOnSuccess: true, note: '',
  },
  {
    id: 'ovpn-dco-win/set-remote-address', client: 'ovpn-dco-win', path: 'socket.cpp', line: 521,
    call: 'basicDispatch->WskControlSocket(socket, WskIoctl, SIO_WSK_SET_REMOTE_ADDRESS, 0, remoteAddrSize, remoteAddr, 0, NULL, NULL, irp)',
    replay: { fn: 'WskControlSocket', socket: { family: 'AF_INET', type: 'SOCK_DGRAM', protocol: 'IPPROTO_UDP', category: 'datagram', bound: '0.0.0.0:0' }, request: 'WskIoctl', level: 0, code: 'SIO_WSK_SET_REMOTE_ADDRESS', input: { sockaddr: '192.0.2.1:1194' }, outputSize: 0, outputSizeReturned: false, irp: true },
    statusUse: 'fatal', dependsOnSuccess: true, note: 'remoteAddrSize is sizeof(SOCKADDR_IN) or sizeof(SOCKADDR_IN6) (peer.cpp line 119)',
  },
  {
    id: 'ovpn-dco-win/event-callback-receive-from', client: 'ovpn-dco-win', path: 'socket.cpp', line: 528,
    call: 'WskControlSocket(socket, WskSetOption, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, sizeof(WSK_EVENT_CALLBACK_CONTROL), {&NPI_WSK_INTERFACE_ID, WSK_EVENT_RECEIVE_FROM}, 0, NULL, NULL, NULL)',
    replay: { fn: 'WskControlSocket', socket: { family: 'AF_INET', type: 'SOCK_DGRAM', protocol: 'IPPROTO_UDP', category: 'datagram', bound: '0.0.0.0:0' }, request: 'WskSetOption', level: 'SOL_SOCKET', code: 'SO_WSK_EVENT_CALLBACK', input: { eventMask: 'WSK_EVENT_RECEIVE_FROM' }, outputSize: 0, outputSizeReturned: false, irp: false },
    statusUse: 'fatal', dependsOnSuccess: true, note: 'an enable with a NULL IRP, as the SO_WSK_EVENT_CALLBACK page describes it',
  },
  {
    id: 'ovpn-dco-win/event-callback-receive-disconnect', client: 'ovpn-dco-win', path: 'socket.cpp', line: 592,
    call: 'WskControlSocket(socket, WskSetOption, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, sizeof(WSK_EVENT_CALLBACK_CONTROL), {&NPI_WSK_INTERFACE_ID, WSK_EVENT_RECEIVE | WSK_EVENT_DISCONNECT}, 0, NULL, NULL, NULL)',
    replay: { fn: 'WskControlSocket', socket: { family: 'AF_INET', type: 'SOCK_STREAM', protocol: 'IPPROTO_TCP', category: 'connection', bound: '0.0.0.0:0', connectedTo: '192.0.2.7:7788', state: 'connected (in the WskConnect completion routine)' }, request: 'WskSetOption', level: 'SOL_SOCKET', code: 'SO_WSK_EVENT_CALLBACK', input: { eventMask: 'WSK_EVENT_RECEIVE|WSK_EVENT_DISCONNECT' }, outputSize: 0, outputSizeReturned: false, irp: false },
    statusUse: 'propagated', dependsOnSuccess: true, note: 'logged, and the status completes the pending NewPeer request from userspace',
  },
  // ---- LINBIT/windrbd ----
  {
    id: 'windrbd/event-callback-accept', client: 'windrbd', path: WINDRBD, line: 850,
    call: 'wsk_listen -> wsk_set_event_callbacks(socket, WSK_EVENT_ACCEPT): WskControlSocket(WskSetOption, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, sizeof(WSK_EVENT_CALLBACK_CONTROL), &callbackControl, 0, NULL, NULL, Irp)',
    replay: { fn: 'WskControlSocket', socket: DRBD_LISTEN_BOUND, request: 'WskSetOption', level: 'SOL_SOCKET', code: 'SO_WSK_EVENT_CALLBACK', input: { eventMask: 'WSK_EVENT_ACCEPT' }, outputSize: 0, outputSizeReturned: false, irp: true },
    statusUse: 'fatal', dependsOnSuccess: true, note: 'an enable with an IRP; listen() returns the status and DRBD\'s dtt_init_listener gives up the listener on failure',
  },
  {
    id: 'windrbd/bind', client: 'windrbd', path: WINDRBD, line: 1704,
    call: 'wsk_bind: ((PWSK_PROVIDER_CONNECTION_DISPATCH)Dispatch)->WskBind(wsk_socket, myaddr, 0, Irp)',
    replay: { fn: 'WskBind', socket: DRBD_LISTEN, address: '0.0.0.0:7789', irp: true },
    statusUse: 'fatal', dependsOnSuccess: true, note: 'the connection dispatch type is used for every category (WskBind has the same offset in all of them)',
  },
  {
    id: 'windrbd/reuseaddr-listener', client: 'windrbd', path: 'transform.d/578-Use-Linux-ish-kernel-API-for-setting-REUSE_ADDR-kern.patch', line: 30,
    call: 'kernel_setsockopt(s_listen, SOL_SOCKET, SO_REUSEADDR, &val = 1) -> ControlSocket(WskSetOption, SO_REUSEADDR, SOL_SOCKET, sizeof(ULONG), &flag, 0, NULL, NULL) (windrbd_winsocket.c line 1793) -> WskControlSocket(..., Irp) (line 1741)',
    replay: { fn: 'WskControlSocket', socket: DRBD_LISTEN, request: 'WskSetOption', level: 'SOL_SOCKET', code: 'SO_REUSEADDR', input: { ulong: 1 }, outputSize: 0, outputSizeReturned: false, irp: true },
    statusUse: 'fatal', dependsOnSuccess: true, note: 'before bind; a failure aborts the listener',
  },
  {
    id: 'windrbd/reuseaddr-connected', client: 'windrbd', path: 'transform.d/581-Again-use-kernel_setsockopt-for-setting-REUSEADDR.patch', line: 31,
    call: 'kernel_setsockopt(dsocket, SOL_SOCKET, SO_REUSEADDR, &one = 1), then the same for csocket (line 36) -> WskControlSocket(WskSetOption, SO_REUSEADDR, SOL_SOCKET, 4, &flag, 0, NULL, NULL, Irp)',
    replay: { fn: 'WskControlSocket', socket: DRBD_CONNECTED, request: 'WskSetOption', level: 'SOL_SOCKET', code: 'SO_REUSEADDR', input: { ulong: 1 }, outputSize: 0, outputSizeReturned: false, irp: true },
    statusUse: 'fatal', dependsOnSuccess: true, note: 'on the data and control sockets after the connection is established; a failure aborts the connection (goto out), so every DRBD connection on Windows makes this call and needs it to succeed',
  },
  {
    id: 'windrbd/rcvbuf', client: 'windrbd', path: WINDRBD, line: 2033,
    call: 'windrbd_update_socket_buffer_sizes: ControlSocket(WskSetOption, SO_RCVBUF, SOL_SOCKET, sizeof(sk_rcvbuf), &sk_rcvbuf, 0, NULL, NULL) -> WskControlSocket(..., Irp)',
    replay: { fn: 'WskControlSocket', socket: DRBD_CONNECTED, request: 'WskSetOption', level: 'SOL_SOCKET', code: 'SO_RCVBUF', input: { ulong: 4194304 }, outputSize: 0, outputSizeReturned: false, irp: true },
    statusUse: 'logged', dependsOnSuccess: false, note: 'from DRBD\'s dtt_setbufsize on the listener and on connected sockets; a failure is printed ("Could not set receive buffer size")',
  },
  // ---- mantechnology/wdrbd ----
  {
    id: 'wdrbd/static-callbacks', client: 'wdrbd', path: WDRBD_WSK, line: 1671,
    call: 'CreateEventSocket: WskControlClient(WSK_SET_STATIC_EVENT_CALLBACKS, sizeof(callbackControl), {&NPI_WSK_INTERFACE_ID, WSK_EVENT_ACCEPT}, 0, NULL, NULL, NULL)',
    replay: { fn: 'WskControlClient', code: 'WSK_SET_STATIC_EVENT_CALLBACKS', input: { eventMask: 'WSK_EVENT_ACCEPT' }, outputSize: 0, outputSizeReturned: false, irp: false },
    statusUse: 'fatal', dependsOnSuccess: true, note: 'on a registration of its own, before its only socket (the netlink listener)',
  },
  {
    id: 'wdrbd/bind', client: 'wdrbd', path: WDRBD_WSK, line: 1428,
    call: 'Bind: ((PWSK_PROVIDER_CONNECTION_DISPATCH)Dispatch)->WskBind(WskSocket, LocalAddress, 0, Irp)',
    replay: { fn: 'WskBind', socket: DRBD_LISTEN, address: '0.0.0.0:7789', irp: true },
    statusUse: 'fatal', dependsOnSuccess: true, note: '',
  },
  {
    id: 'wdrbd/reuseaddr-listener', client: 'wdrbd', path: WDRBD_TCP, line: 1620,
    call: 'ControlSocket(s_listen, WskSetOption, SO_REUSEADDR, SOL_SOCKET, sizeof(ULONG), &InputBuffer = 1, 0, NULL, NULL) -> WskControlSocket(..., Irp) (wsk2.c line 1559)',
    replay: { fn: 'WskControlSocket', socket: DRBD_LISTEN, request: 'WskSetOption', level: 'SOL_SOCKET', code: 'SO_REUSEADDR', input: { ulong: 1 }, outputSize: 0, outputSizeReturned: false, irp: true },
    statusUse: 'fatal', dependsOnSuccess: true, note: 'before bind',
  },
  {
    id: 'wdrbd/rcvbuf', client: 'wdrbd', path: WDRBD_TCP, line: 608,
    call: 'dtt_setbufsize: ControlSocket(socket, WskSetOption, SO_RCVBUF, SOL_SOCKET, sizeof(unsigned int), &rcv, 0, NULL, NULL)',
    replay: { fn: 'WskControlSocket', socket: DRBD_LISTEN, request: 'WskSetOption', level: 'SOL_SOCKET', code: 'SO_RCVBUF', input: { ulong: 131072 }, outputSize: 0, outputSizeReturned: false, irp: true },
    statusUse: 'ignored', dependsOnSuccess: false, note: 'on the listener (line 1629) and on connected sockets (lines 714, 805, 1263); the status is not looked at',
  },
  {
    id: 'wdrbd/event-callback-accept', client: 'wdrbd', path: WDRBD_TCP, line: 1701,
    call: 'SetEventCallbacks(s_listen, WSK_EVENT_ACCEPT) -> WskControlSocket(WskSetOption, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, sizeof(WSK_EVENT_CALLBACK_CONTROL), &callbackControl, 0, NULL, NULL, Irp) (wsk2.c line 1781)',
    replay: { fn: 'WskControlSocket', socket: DRBD_LISTEN_BOUND, request: 'WskSetOption', level: 'SOL_SOCKET', code: 'SO_WSK_EVENT_CALLBACK', input: { eventMask: 'WSK_EVENT_ACCEPT' }, outputSize: 0, outputSizeReturned: false, irp: true },
    statusUse: 'fatal', dependsOnSuccess: true, note: 'an enable with an IRP; a failure aborts the listener (err = -1)',
  },
  {
    id: 'wdrbd/event-callback-disconnect', client: 'wdrbd', path: WDRBD_TCP, line: 899,
    call: 'SetEventCallbacks(socket, WSK_EVENT_DISCONNECT) -> WskControlSocket(WskSetOption, SO_WSK_EVENT_CALLBACK, ..., Irp)',
    replay: { fn: 'WskControlSocket', socket: DRBD_CONNECTED, request: 'WskSetOption', level: 'SOL_SOCKET', code: 'SO_WSK_EVENT_CALLBACK', input: { eventMask: 'WSK_EVENT_DISCONNECT' }, outputSize: 0, outputSizeReturned: false, irp: true },
    statusUse: 'fatal', dependsOnSuccess: true, note: 'on a connected socket after WskConnect; an enable with an IRP; a failure aborts the connection attempt. The same call on accepted sockets (line 1392) ignores the status',
  },
  {
    id: 'wdrbd/event-callback-accept-disable', client: 'wdrbd', path: WDRBD_TCP, line: 1512,
    call: 'SetEventCallbacks(listener->s_listen, WSK_EVENT_ACCEPT | WSK_EVENT_DISABLE) -> WskControlSocket(WskSetOption, SO_WSK_EVENT_CALLBACK, ..., Irp)',
    replay: { fn: 'WskControlSocket', socket: DRBD_LISTEN_BOUND, request: 'WskSetOption', level: 'SOL_SOCKET', code: 'SO_WSK_EVENT_CALLBACK', input: { eventMask: 'WSK_EVENT_ACCEPT|WSK_EVENT_DISABLE' }, outputSize: 0, outputSizeReturned: false, irp: true },
    statusUse: 'logged', dependsOnSuccess: false, note: 'when the listener is put away (also line 2076); a disable with an IRP, as documented; replayed on a listener whose accept callback was never enabled',
  },
  {
    id: 'wdrbd/reuseaddr-connected', client: 'wdrbd', path: WDRBD_TCP, line: 2095,
    call: 'ControlSocket(dsocket, WskSetOption, SO_REUSEADDR, SOL_SOCKET, sizeof(ULONG), &InputBuffer = 1, 0, NULL, NULL), then csocket (line 2106)',
    replay: { fn: 'WskControlSocket', socket: DRBD_CONNECTED, request: 'WskSetOption', level: 'SOL_SOCKET', code: 'SO_REUSEADDR', input: { ulong: 1 }, outputSize: 0, outputSizeReturned: false, irp: true },
    statusUse: 'fatal', dependsOnSuccess: true, note: 'on the data and control sockets after the connection is established; a failure aborts the connection (goto out; the DW-1896 comment records a crash when the error was not returned)',
  },
  // ---- microsoft/Windows-driver-samples, network/wsk/echosrv ----
  {
    id: 'echosrv/static-callbacks', client: 'echosrv', path: 'network/wsk/echosrv/wsksmple.c', line: 765,
    call: 'WskControlClient(WSK_SET_STATIC_EVENT_CALLBACKS, sizeof(callbackControl), {&NPI_WSK_INTERFACE_ID, WSK_EVENT_ACCEPT}, 0, NULL, NULL, NULL)',
    replay: { fn: 'WskControlClient', code: 'WSK_SET_STATIC_EVENT_CALLBACKS', input: { eventMask: 'WSK_EVENT_ACCEPT' }, outputSize: 0, outputSizeReturned: false, irp: false },
    statusUse: 'fatal', dependsOnSuccess: true, note: 'before the listening socket is created',
  },
  {
    id: 'echosrv/set-ipv6-v6only', client: 'echosrv', path: 'network/wsk/echosrv/wsksmple.c', line: 827,
    call: 'WskControlSocket(listeningSocket, WskSetOption, IPV6_V6ONLY, IPPROTO_IPV6, sizeof(optionValue), &optionValue = 0, 0, NULL, NULL, irp)',
    replay: { fn: 'WskControlSocket', socket: { family: 'AF_INET6', type: 'SOCK_STREAM', protocol: 'IPPROTO_TCP', category: 'listen' }, request: 'WskSetOption', level: 'IPPROTO_IPV6', code: 'IPV6_V6ONLY', input: { ulong: 0 }, outputSize: 0, outputSizeReturned: false, irp: true },
    statusUse: 'fatal', dependsOnSuccess: true, note: 'before bind; the return value is not looked at, IoStatus.Status is',
  },
  {
    id: 'echosrv/bind', client: 'echosrv', path: 'network/wsk/echosrv/wsksmple.c', line: 856,
    call: 'WskBind(listeningSocket, (PSOCKADDR)&IPv6ListeningAddress, 0, irp)',
    replay: { fn: 'WskBind', socket: { family: 'AF_INET6', type: 'SOCK_STREAM', protocol: 'IPPROTO_TCP', category: 'listen' }, address: '[::]:40007', irp: true },
    statusUse: 'fatal', dependsOnSuccess: true, note: 'the IPv6 wildcard (line 184); IoStatus.Status is checked',
  },
];

/** A question the survey raised that the evidence does not settle. */
export interface OpenQuestion {
  readonly id: string;
  readonly question: string;
  readonly evidence: string;
  readonly calls: readonly string[];
}

/** Open questions of the survey, for the presets' evidence-based entries. */
export const SURVEY_QUESTIONS: readonly OpenQuestion[] = [
  {
    id: 'q-reuseaddr-after-connect',
    question: 'SO_REUSEADDR set on a connected socket: what does the option then do, and on a socket only bound?',
    evidence: 'Settled for what the clients do: windrbd and wdrbd set SO_REUSEADDR = 1 on both sockets of every DRBD connection once it is established and abort the connection when the call fails, so the windows preset accepts the Set on a connected socket and stores it without effect on the existing binding (entry windows-reuseaddr-connected, real-client dependency; strict answers STATUS_INVALID_DEVICE_STATE, check 12, the option being documented as "before bind"). Not settled: what a Get reads back afterwards (the stored 1 in this simulator), whether the value changes how later binds to the port are judged (here it does not: the binding keeps the mode it was made with), and the answer on a socket that is bound but not connected, or on a listener after bind, where strict\'s check 12 stands. What would settle it: a test run on Windows that sets SO_REUSEADDR on a bound, a listening and a connected socket, reads it back, and binds another socket to the same port afterwards.',
    calls: ['windrbd/reuseaddr-connected', 'wdrbd/reuseaddr-connected'],
  },
  {
    id: 'q-ipproto-ip-on-inet6',
    question: 'IPPROTO_IP options on an AF_INET6 socket beyond msquic\'s calls: on a V6ONLY socket, on a stream socket, and as a Get?',
    evidence: 'Settled for what msquic does: it clears IPV6_V6ONLY on its AF_INET6 datagram socket and then sets IP_DONTFRAGMENT, IP_PKTINFO, IP_ECN (or IP_RECVTOS), IP_RECVERR, IP_HOPLIMIT and IP_UNICAST_IF at level IPPROTO_IP, aborting the socket on any failure, so the windows preset accepts these Sets on a dual-stack AF_INET6 datagram socket (entry windows-ipproto-ip-on-dual-stack, real-client dependency). Not settled, so strict\'s check 7b answer (STATUS_NOT_SUPPORTED) stands: the same options on an AF_INET6 socket that keeps IPV6_V6ONLY 1, on an AF_INET6 stream socket, the other IPPROTO_IP rows, and any Get of them. What would settle it: a test run on Windows (as Wine\'s ws2_32 sock.c tests are) that calls setsockopt/getsockopt(IPPROTO_IP, ...) on AF_INET6 sockets with IPV6_V6ONLY 1 and 0, or a shipping client that makes those calls and depends on them.',
    calls: ['msquic/set-ip-dontfragment', 'msquic/set-ip-pktinfo', 'msquic/set-ip-ecn', 'msquic/set-ip-recverr', 'msquic/set-ip-hoplimit', 'msquic/set-ip-unicast-if'],
  },
  {
    id: 'q-osr-with-irp',
    question: 'OutputSizeReturned given together with an IRP: does Windows write *OutputSizeReturned?',
    evidence: 'The windows preset accepts the call and leaves *OutputSizeReturned untouched (the byte count travels in IoStatus.Information). libwsk passes the caller\'s in/out length as OutputSizeReturned on every getsockopt, so the two readings give the caller different lengths back: untouched, the requested length stays; written, it becomes the byte count. No measurement settles it; msquic never reads the value.',
    calls: ['libwsk/getsockopt', 'msquic/set-ipv6-v6only', 'msquic/set-remote-address'],
  },
];
