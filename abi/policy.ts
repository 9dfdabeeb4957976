/**
 * Named policy entries: the project's decided answers to documentation gaps (docs/POLICY.md, generated from here), the
 * WskControlSocket check order, the strict, lenient and windows presets and the evidence-based entries that make
 * `windows` differ from `strict`. Data only.
 */
import type { BindKind, Citation, PolicyEntry, PresetEntry } from './schema';
import type { NtStatusName } from './ntstatus';

/** Where each section of the decided policy is written: its anchor in docs/POLICY.md (generated from this file). */
export const POLICY_SECTION_ANCHORS = {
  'preamble': 'presets',
  '"WskControlSocket: order of checks"': 'check-order',
  'after the check table': 'failure-changes-nothing',
  '"Results, IRP and byte counts"': 'results',
  '"Faults"': 'faults',
  '"Faults", applied to WskControlClient': 'faults',
  '"Bind"': 'bind',
  '"Bind": WskBind without an IRP': 'bind-irp',
  '"Bind": dual stack': 'dual-stack',
  'check 1': 'check-1', 'check 1 and "Faults"': 'bind-check-1', 'check 2': 'check-2', 'check 3': 'check-3',
  'check 3, applied to WskBind': 'bind-check-4', 'check 4': 'check-4', 'check 5': 'check-5', 'check 6': 'check-6',
  'check 6b': 'check-6b', 'check 7': 'check-7', 'check 8': 'check-8', 'check 9': 'check-9', 'check 10': 'check-10',
  'check 11': 'check-11', 'check 12': 'check-12', 'check 13': 'check-13',
  '"Deviations are also reported"': 'deviations-reported',
  'after the check table: documented exceptions': 'failure-exceptions',
  '"Bind": rebinding': 'bind-rebind-synchronous',
  '"Bind": rebinding, decided synchronously (measured: Wine afd.c test_bind)': 'bind-rebind-synchronous',
  '"Bind": local addresses': 'bind-local-address',
  '"Bind": local addresses (measured: Wine afd.c test_bind)': 'bind-local-address',
  '"Connections and lingering endpoints"': 'connections',
} as const;

/** A section of the decided policy, cited by its place in docs/POLICY.md. */
const P = (section: keyof typeof POLICY_SECTION_ANCHORS): Citation => ({ ref: 'POLICY', at: `docs/POLICY.md#${POLICY_SECTION_ANCHORS[section]}`, layer: 'policy' });
/** A decision of this project where POLICY.md's contract is silent, cited by its place in docs/POLICY-ADDITIONS.md. */
const ADD = (what: string): Citation => ({ ref: 'WSKSIM', at: `docs/POLICY-ADDITIONS.md: ${what}`, layer: 'policy' });

/** Fault names (POLICY.md "Faults"): ABI violations C cannot detect; a result kind, not an NTSTATUS. */
export const FAULT_NAMES = [
  'InvalidSocket', 'InputBufferOverrun', 'OutputBufferOverrun', 'OutputSizeReturnedOverrun',
  'IrpOverrun', 'AddressBufferOverrun', 'NotInDispatchTable',
] as const;

/** Name of a fault. */
export type FaultName = (typeof FAULT_NAMES)[number];

/** What a failed check produces: a fault, or an NTSTATUS and whether a supplied IRP is completed with it. */
export type CheckOutcome =
  | { readonly fault: readonly FaultName[] }
  | { readonly status: NtStatusName; readonly completesIrp: boolean };

/** One row of POLICY.md's WskControlSocket check order; the first failing check decides. */
export interface CheckRow {
  readonly id: string;
  readonly order: string;
  readonly description: string;
  readonly outcome: CheckOutcome;
  /** Checks that run when the call is made even in `completion: pending` (checks 1-6). */
  readonly synchronousWhenPending: boolean;
  readonly source: Citation;
}

/** The WskControlSocket check order, verbatim from POLICY.md, in evaluation order. */
export const CONTROL_CHECKS = [
  { id: 'socket-live', order: '1', description: 'Socket names a live socket of this provider', outcome: { fault: ['InvalidSocket'] }, synchronousWhenPending: true, source: P('check 1') },
  { id: 'buffers-cover-sizes', order: '2', description: 'every non-NULL buffer covers its declared size; OutputSizeReturned >= sizeof(SIZE_T); IRP >= sizeof(IRP)', outcome: { fault: ['InputBufferOverrun', 'OutputBufferOverrun', 'OutputSizeReturnedOverrun', 'IrpOverrun'] }, synchronousWhenPending: true, source: P('check 2') },
  { id: 'not-forced-closed', order: '3', description: 'the socket is not in the forced-closed state', outcome: { status: 'STATUS_FILE_FORCED_CLOSED', completesIrp: true }, synchronousWhenPending: true, source: P('check 3') },
  { id: 'request-type', order: '4', description: 'RequestType is WskSetOption, WskGetOption or WskIoctl', outcome: { status: 'STATUS_INVALID_PARAMETER', completesIrp: true }, synchronousWhenPending: true, source: P('check 4') },
  { id: 'option-known', order: '5', description: '(RequestType, Level, ControlCode) is in the option table (Level ignored for WskIoctl)', outcome: { status: 'STATUS_NOT_SUPPORTED', completesIrp: true }, synchronousWhenPending: true, source: P('check 5') },
  { id: 'irp-required', order: '6', description: 'IRP rule of the row: required but NULL', outcome: { status: 'STATUS_INVALID_PARAMETER', completesIrp: false }, synchronousWhenPending: true, source: P('check 6') },
  { id: 'irp-must-be-null', order: '6b', description: 'IRP rule of the row: must be NULL but supplied', outcome: { status: 'STATUS_INVALID_PARAMETER', completesIrp: true }, synchronousWhenPending: true, source: P('check 6b') },
  { id: 'socket-category', order: '7', description: "the socket's category is one the row applies to", outcome: { status: 'STATUS_INVALID_DEVICE_REQUEST', completesIrp: true }, synchronousWhenPending: false, source: P('check 7') },
  { id: 'option-transport', order: '7b', description: "the socket's address family and type are ones the row applies to (IPPROTO_IP: AF_INET; IPPROTO_IPV6: AF_INET6; IPPROTO_TCP and TCP-only IOCTLs: SOCK_STREAM)", outcome: { status: 'STATUS_NOT_SUPPORTED', completesIrp: true }, synchronousWhenPending: false, source: ADD('policy transport-option-applicability') },
  { id: 'buffer-presence', order: '8', description: 'Set needs InputBuffer; Get needs OutputBuffer', outcome: { status: 'STATUS_INVALID_PARAMETER', completesIrp: true }, synchronousWhenPending: false, source: P('check 8') },
  { id: 'set-input-size', order: '9', description: "Set: InputSize = the row's size (strict) or >= it (lenient)", outcome: { status: 'STATUS_INVALID_PARAMETER', completesIrp: true }, synchronousWhenPending: false, source: P('check 9') },
  { id: 'get-output-size', order: '9', description: "Get: OutputSize >= the row's size", outcome: { status: 'STATUS_BUFFER_TOO_SMALL', completesIrp: true }, synchronousWhenPending: false, source: P('check 9') },
  { id: 'unused-args-null', order: '10', description: "arguments the row says must be 0/NULL: every deviation is recorded (reason.lint); under strict the first decides, under windows those no evidence-based entry tolerates, under lenient none", outcome: { status: 'STATUS_INVALID_PARAMETER', completesIrp: true }, synchronousWhenPending: false, source: P('check 10') },
  { id: 'value-domain', order: '11', description: "a boolean option's ULONG is 0 or 1 (strict); lenient stores any nonzero as 1", outcome: { status: 'STATUS_INVALID_PARAMETER', completesIrp: true }, synchronousWhenPending: false, source: P('check 11') },
  { id: 'timing', order: '12', description: 'an option documented as "before bind" set on a bound socket (strict; lenient stores it without effect on the binding)', outcome: { status: 'STATUS_INVALID_DEVICE_STATE', completesIrp: true }, synchronousWhenPending: false, source: P('check 12') },
  { id: 'mutual-exclusion', order: '13', description: 'enabling SO_EXCLUSIVEADDRUSE while SO_REUSEADDR is enabled, or the reverse', outcome: { status: 'STATUS_INVALID_PARAMETER', completesIrp: true }, synchronousWhenPending: false, source: P('check 13') },
] as const satisfies readonly CheckRow[];

/** The WskBind check order (POLICY.md "Bind", with this project's additions); the first failing check decides. */
export const BIND_CHECKS = [
  { id: 'socket-live', order: '1', description: 'Socket names a live socket of this provider', outcome: { fault: ['InvalidSocket'] }, synchronousWhenPending: true, source: P('check 1 and "Faults"') },
  { id: 'bind-dispatch', order: '2', description: "the socket's dispatch table contains WskBind (not a basic socket)", outcome: { fault: ['NotInDispatchTable'] }, synchronousWhenPending: true, source: P('"Bind"') },
  { id: 'bind-buffers', order: '3', description: 'LocalAddress covers its declared size; a non-NULL IRP >= sizeof(IRP)', outcome: { fault: ['AddressBufferOverrun', 'IrpOverrun'] }, synchronousWhenPending: true, source: P('"Faults"') },
  { id: 'not-forced-closed', order: '4', description: 'the socket is not in the forced-closed state', outcome: { status: 'STATUS_FILE_FORCED_CLOSED', completesIrp: true }, synchronousWhenPending: true, source: P('check 3, applied to WskBind') },
  { id: 'bind-irp', order: '5', description: 'an IRP is supplied', outcome: { status: 'STATUS_INVALID_PARAMETER', completesIrp: false }, synchronousWhenPending: true, source: P('"Bind": WskBind without an IRP') },
  { id: 'bind-flags', order: '6', description: 'Flags is 0 (reserved)', outcome: { status: 'STATUS_INVALID_PARAMETER', completesIrp: true }, synchronousWhenPending: false, source: { ref: 'D1', at: 'nc-wsk-pfn_wsk_bind.md: Flags "reserved for system use. A WSK application must set this parameter to zero"', layer: 'WSK' } },
  { id: 'bind-category-transport', order: '7', description: 'listening, connection and stream sockets are SOCK_STREAM; datagram sockets are SOCK_DGRAM or SOCK_RAW', outcome: { status: 'STATUS_NOT_IMPLEMENTED', completesIrp: true }, synchronousWhenPending: false, source: { ref: 'WINE-netio-test', at: 'driver_netio.c: UDP WSK_FLAG_LISTEN_SOCKET bind, measured on Windows', layer: 'WSK' } },
  { id: 'bind-address', order: '8', description: "LocalAddress is a SOCKADDR of the socket's family, at least that structure's size", outcome: { status: 'STATUS_INVALID_PARAMETER', completesIrp: true }, synchronousWhenPending: false, source: P('"Bind"') },
  { id: 'bind-rebind', order: '9', description: 'the socket is not already bound', outcome: { status: 'STATUS_ADDRESS_ALREADY_ASSOCIATED', completesIrp: true }, synchronousWhenPending: true, source: P('"Bind": rebinding, decided synchronously (measured: Wine afd.c test_bind)') },
  { id: 'bind-local-address', order: '9b', description: "once the host's address list of the family has been set, a specific address is loopback or in the list (policy bind-local-address)", outcome: { status: 'STATUS_INVALID_ADDRESS_COMPONENT', completesIrp: true }, synchronousWhenPending: false, source: P('"Bind": local addresses (measured: Wine afd.c test_bind)') },
  { id: 'bind-port-zero', order: '10', description: 'port 0 finds a free port in 49152-65535', outcome: { status: 'STATUS_TOO_MANY_ADDRESSES', completesIrp: true }, synchronousWhenPending: false, source: P('"Bind"') },
  { id: 'bind-sharing', order: '11', description: "every overlapping binding (same transport, same port, overlapping address on the same stack) allows the bind under the active profile's sharing table (abi/sharing-rules.ts); the first refusal in bind order decides and reason.rule is its cell id; the status is the profile's INUSE or DENIED report (wsk: STATUS_ADDRESS_ALREADY_EXISTS / STATUS_ACCESS_DENIED; winsock, winsock-xp: STATUS_SHARING_VIOLATION / STATUS_ACCESS_DENIED)", outcome: { status: 'STATUS_ADDRESS_ALREADY_EXISTS', completesIrp: true }, synchronousWhenPending: false, source: P('"Bind"') },
  { id: 'bind-dual-stack', order: '11', description: "a dual-stack socket (AF_INET6, IPV6_V6ONLY = 0) bound to a v4-mapped address, or to :: with SO_EXCLUSIVEADDRUSE, also has an IPv4 side, judged against IPv4 bindings by the same table in the same check; a refusal on either stack binds nothing. On a V6ONLY socket a v4-mapped address is an IPv6 address like any other", outcome: { status: 'STATUS_ADDRESS_ALREADY_EXISTS', completesIrp: true }, synchronousWhenPending: false, source: P('"Bind": dual stack') },
] as const satisfies readonly CheckRow[];

/** Identifier of a control check. */
export type ControlCheckId = (typeof CONTROL_CHECKS)[number]['id'];

/** The WskControlClient check order (policy client-check-order); the first failing check decides. */
export const CLIENT_CHECKS = [
  { id: 'client-buffers-cover-sizes', order: '1', description: 'every non-NULL buffer covers its declared size; OutputSizeReturned >= sizeof(SIZE_T); IRP >= sizeof(IRP)', outcome: { fault: ['InputBufferOverrun', 'OutputBufferOverrun', 'OutputSizeReturnedOverrun', 'IrpOverrun'] }, synchronousWhenPending: true, source: P('"Faults", applied to WskControlClient') },
  { id: 'client-code-known', order: '2', description: 'ControlCode is one of the implemented WskControlClient codes', outcome: { status: 'STATUS_NOT_SUPPORTED', completesIrp: true }, synchronousWhenPending: true, source: ADD('policy client-check-order') },
  { id: 'client-irp-must-be-null', order: '3', description: 'Irp is NULL ("The Irp parameter must be NULL" on every implemented code)', outcome: { status: 'STATUS_INVALID_PARAMETER', completesIrp: true }, synchronousWhenPending: true, source: ADD('policy client-check-order') },
] as const satisfies readonly CheckRow[];

/** Identifier of a WskControlClient check. */
export type ClientCheckId = (typeof CLIENT_CHECKS)[number]['id'];

const RULE = (entry: string): Citation => ADD(`policy ${entry} (docs/POLICY-ADDITIONS.md)`);

/**
 * Results that a payload kind's handler or WskControlClient decides beyond the check rows: each names its outcome and
 * the policy entry that decides it.
 */
export const OUTCOME_RULES = [
  { id: 'output-size-returned-required', description: 'OutputSizeReturned is NULL where the operation reports a variable size through it: STATUS_INVALID_PARAMETER', source: RULE('address-list-layout') },
  { id: 'transport-list-overflow', description: 'WSK_TRANSPORT_LIST_QUERY with OutputBuffer NULL or smaller than the list: STATUS_BUFFER_OVERFLOW, the required size in *OutputSizeReturned', source: RULE('transport-list') },
  { id: 'sd-cache', description: 'WSK_CACHE_SD cached the descriptor image and wrote the handle of the cached copy', source: RULE('sd-image-pointer') },
  { id: 'sd-release', description: 'WSK_RELEASE_SD: STATUS_SUCCESS for a cached, unreleased descriptor handle, else STATUS_INVALID_PARAMETER', source: RULE('sd-image-pointer') },
  { id: 'static-callbacks-before-sockets', description: 'WSK_SET_STATIC_EVENT_CALLBACKS after a socket was created: STATUS_INVALID_DEVICE_STATE', source: RULE('static-callbacks') },
  { id: 'tdi-behavior-before-sockets', description: 'WSK_TDI_BEHAVIOR after a socket was created: STATUS_INVALID_DEVICE_STATE', source: RULE('tdi-behavior') },
  { id: 'silent-mode-loopback', description: 'SIO_WSK_SET_TCP_SILENT_MODE on a socket bound to a loopback address: STATUS_NOT_SUPPORTED', source: RULE('silent-mode') },
  { id: 'address-list-overflow', description: 'SIO_ADDRESS_LIST_QUERY with OutputBuffer NULL or smaller than the list: STATUS_BUFFER_OVERFLOW, the required size in *OutputSizeReturned', source: RULE('address-list-layout') },
  { id: 'address-list-change-pending', description: 'SIO_ADDRESS_LIST_CHANGE: STATUS_PENDING, the IRP queued until the host address list of the family changes', source: RULE('address-list-change-harness') },
  { id: 'wfp-not-redirected', description: 'a WFP redirect query on a socket without redirect data: STATUS_NOT_FOUND', source: RULE('wfp-redirect-data') },
  { id: 'wfp-buffer-too-small', description: 'a WFP redirect query with OutputBuffer NULL or too small: STATUS_BUFFER_TOO_SMALL, the required size in *OutputSizeReturned', source: RULE('wfp-redirect-data') },
  { id: 'event-callback-static', description: 'SO_WSK_EVENT_CALLBACK naming a statically enabled flag: STATUS_INVALID_DEVICE_STATE', source: RULE('event-callback-state') },
  { id: 'event-callback-listen-sticky', description: 'disabling a connection-oriented callback enabled on a listening socket: STATUS_INVALID_DEVICE_STATE', source: RULE('event-callback-state') },
  { id: 'event-callback-disable-in-progress', description: 'disabling a callback the harness marks in progress: STATUS_PENDING with the IRP queued, or STATUS_EVENT_PENDING without an IRP', source: RULE('callback-in-progress-harness') },
] as const satisfies readonly { readonly id: string; readonly description: string; readonly source: Citation }[];

/** Identifier of an outcome rule. */
export type OutcomeRuleId = (typeof OUTCOME_RULES)[number]['id'];

/**
 * The knobs on which the strict and lenient presets differ. The evidence-based entries (PRESET_ENTRIES) whose
 * `presets` list `name` apply on top of them.
 */
export interface PolicySettings {
  readonly name: string;
  /** Set's InputSize must equal the row's size ('exact') or be at least it ('atLeast'). */
  readonly setInputSize: 'exact' | 'atLeast';
  /** Arguments the row documents as 0/NULL are checked ('reject') or ignored. */
  readonly unusedArgs: 'reject' | 'ignore';
  /** A boolean option's value outside {0,1} is rejected or normalised to 1. */
  readonly boolDomain: 'reject' | 'normalize';
  /** A before-bind option set on a bound socket is rejected or stored without effect. */
  readonly setAfterBind: 'reject' | 'store';
}

/**
 * The three policy presets of POLICY.md: `strict` (default; the documented parameter table is the contract),
 * `lenient` (only what the operation needs), `windows` (`strict` plus exactly the PRESET_ENTRIES listing it).
 */
export const POLICY_PRESETS = {
  strict: { name: 'strict', setInputSize: 'exact', unusedArgs: 'reject', boolDomain: 'reject', setAfterBind: 'reject' },
  lenient: { name: 'lenient', setInputSize: 'atLeast', unusedArgs: 'ignore', boolDomain: 'normalize', setAfterBind: 'store' },
  windows: { name: 'windows', setInputSize: 'exact', unusedArgs: 'reject', boolDomain: 'reject', setAfterBind: 'reject' },
} as const satisfies Record<string, PolicySettings>;

const MSQUIC: Citation = { ref: 'MSQUIC', at: 'src/platform/datapath_winkernel.c: every WskControlSocket WskSetOption (IPV6_V6ONLY, IP_DONTFRAGMENT, IP_PKTINFO, IP_ECN, ...) and WskGetOption (UDP_SEND_MSG_SIZE in CxPlatDataPathQuerySockoptSupport) passes &OutputSizeReturned together with its Irp', layer: 'WSK' };
const MSQUIC_IOCTL: Citation = { ref: 'MSQUIC', at: 'src/platform/datapath_winkernel.c line 1757: CxPlatDataPathSetControlSocket(WskIoctl, SIO_WSK_SET_REMOTE_ADDRESS, ...) makes the WskControlSocket call of line 1260 with &OutputSizeReturned and its Irp, and a failure aborts the socket (goto Error); line 378 queries SIO_QUERY_RSS_SCALABILITY_INFO the same way', layer: 'WSK' };
const WINDRBD_ENABLE: Citation = { ref: 'WINDRBD', at: 'windrbd/src/windrbd_winsocket.c line 850 (wsk_set_event_callbacks, from wsk_listen): WskControlSocket(WskSetOption, SO_WSK_EVENT_CALLBACK, ..., {&NPI_WSK_INTERFACE_ID, WSK_EVENT_ACCEPT}, 0, NULL, NULL, Irp), waits on the IRP when STATUS_PENDING and returns IoStatus.Status as listen()\'s error', layer: 'WSK' };
const WDRBD_ENABLE: Citation = { ref: 'WDRBD', at: 'wdrbd9/wsk2.c line 1781 (SetEventCallbacks): the same call with an IRP, waited on when STATUS_PENDING; drbd/drbd_transport_tcp.c line 1701 (WSK_EVENT_ACCEPT on the listener) and line 899 (WSK_EVENT_DISCONNECT on a connected socket) abort the listener or the connection when it fails', layer: 'WSK' };
const MSQUIC_DUAL: Citation = { ref: 'MSQUIC', at: 'src/platform/datapath_winkernel.c lines 1401-1692 (SocketCreateUdp): IPV6_V6ONLY 0 on the AF_INET6 SOCK_DGRAM socket, then IP_DONTFRAGMENT (1420), IP_PKTINFO (1477), IP_RECVTOS (1516) or IP_ECN (1554), IP_RECVERR (1593), IP_HOPLIMIT (1613), IP_UNICAST_IF (1692) at IPPROTO_IP through CxPlatDataPathSetControlSocket (line 1260); each failure goes to Error and the socket is not created', layer: 'WSK' };
const LIBWSK: Citation = { ref: 'LIBWSK', at: 'libwsk/libwsk.cpp WSKGetSockOpt: WskGetOption with OutputSizeReturned = the caller\'s OutputSize pointer', layer: 'WSK' };
const WINE_IPV6ONLY: Citation = { ref: 'WINE-sock', at: 'dlls/ws2_32/tests/sock.c test_ipv6only: the AF_INET TCP socket\'s IPV6_V6ONLY checks (getsockopt reads 1, setsockopt 0/1 before bind, fails after bind) are todo_wine, so Windows passes them', layer: 'user-mode Winsock' };
const WINE_BIND: Citation = { ref: 'WINE-afd', at: 'dlls/ws2_32/tests/afd.c test_bind: IOCTL_AFD_BIND with a wrong family or a short address gives STATUS_INVALID_ADDRESS, with a length too short for the family field STATUS_INVALID_PARAMETER (measured on Windows)', layer: 'AFD' };

/**
 * The evidence-based entries: each a named difference of the presets it lists from `strict`, citing its evidence
 * and evidence class (POLICY.md "Evidence-based entries of the windows preset"). Adding one is a row here; the
 * provider compiles `effect` at construction (src/provider/evidence.ts).
 */
export const PRESET_ENTRIES = [
  {
    id: 'windows-output-size-returned-with-irp',
    summary: 'WskSetOption / WskGetOption / WskIoctl with OutputSizeReturned given together with an IRP: accepted; the deviation output-size-returned-given is reported as a warning and does not decide check 10, and *OutputSizeReturned is left untouched (the byte count travels in IoStatus.Information)',
    rationale: 'shipping WSK clients make exactly these calls (options and IOCTLs alike) and run on Windows, so Windows accepts them',
    source: MSQUIC, evidence: [MSQUIC, LIBWSK, MSQUIC_IOCTL], evidenceClass: 'real-client', presets: ['windows'],
    effect: { kind: 'tolerate-deviation', deviation: 'output-size-returned-given', calls: ['WskSetOption', 'WskGetOption', 'WskIoctl'], irp: 'given' },
  },
  {
    id: 'windows-event-callback-enable-irp',
    summary: 'SO_WSK_EVENT_CALLBACK enable (WskSetOption) with an IRP: accepted; the deviation irp-given is reported as a warning and does not decide (policy event-callback-enable-irp), and the IRP is completed with the call\'s status and Information 0: {STATUS_SUCCESS, 0} when the enable succeeds, the later checks (timing, static flags) still failing it through the IRP',
    rationale: 'the SO_WSK_EVENT_CALLBACK page says the application passes no IRP to enable, and states no status for one that does; two shipping DRBD ports enable with an IRP, wait on it, and give up the listener or the connection on failure, so Windows accepts the IRP and completes it with success',
    source: WINDRBD_ENABLE, evidence: [WINDRBD_ENABLE, WDRBD_ENABLE], evidenceClass: 'real-client', presets: ['windows'],
    effect: { kind: 'tolerate-deviation', deviation: 'irp-given', calls: ['WskSetOption'], irp: 'given' },
  },
  {
    id: 'windows-ipv6-v6only-inet-tcp',
    summary: 'IPV6_V6ONLY (IPPROTO_IPV6) on an AF_INET SOCK_STREAM socket passes check 7b: Get succeeds and reads 1 (the default); Set of 0 or 1 before bind succeeds and reads back; after bind Set fails with check 12 (STATUS_INVALID_DEVICE_STATE) and the value is unchanged',
    rationale: 'measured on Windows over the same transport (user mode); strict keeps the row\'s AF_INET6-only applicability',
    source: WINE_IPV6ONLY, evidence: [WINE_IPV6ONLY], evidenceClass: 'measured', presets: ['windows'],
    effect: { kind: 'extend-applicability', requestTypes: ['WskSetOption', 'WskGetOption'], level: 'IPPROTO_IPV6', codes: ['IPV6_V6ONLY'], families: ['AF_INET'], socketTypes: ['SOCK_STREAM'] },
  },
  {
    id: 'windows-ipproto-ip-on-dual-stack',
    summary: 'WskSetOption of IP_DONTFRAGMENT, IP_PKTINFO, IP_RECVTOS, IP_ECN, IP_RECVERR, IP_HOPLIMIT and IP_UNICAST_IF (IPPROTO_IP) on a dual-stack AF_INET6 datagram socket (IPV6_V6ONLY 0 when the call is judged) passes check 7b and is stored as on an AF_INET socket; a V6ONLY socket, a Get, and the other IPPROTO_IP rows keep the strict answer (check 7b, STATUS_NOT_SUPPORTED)',
    rationale: 'msquic clears IPV6_V6ONLY on its AF_INET6 UDP socket and then sets these IPPROTO_IP options, giving up the socket when any fails; it ships in Windows, so Windows accepts them on a dual-stack socket. Nothing shows the answer on a V6ONLY socket or for a Get (docs/EVIDENCE.md#q-ipproto-ip-on-inet6)',
    source: MSQUIC_DUAL, evidence: [MSQUIC_DUAL], evidenceClass: 'real-client', presets: ['windows'],
    effect: { kind: 'extend-applicability', requestTypes: ['WskSetOption'], level: 'IPPROTO_IP', codes: ['IP_DONTFRAGMENT', 'IP_PKTINFO', 'IP_RECVTOS', 'IP_ECN', 'IP_RECVERR', 'IP_HOPLIMIT', 'IP_UNICAST_IF'], families: ['AF_INET6'], socketTypes: ['SOCK_DGRAM'], dualStackOnly: true },
  },
  {
    id: 'windows-bind-address-status',
    summary: 'WskBind with a LocalAddress whose sa_family is not the socket\'s, or shorter than that family\'s SOCKADDR: STATUS_INVALID_ADDRESS; a length too short to hold the 2-byte family field: STATUS_INVALID_PARAMETER (IRP completed with it); a NULL LocalAddress stays STATUS_INVALID_PARAMETER',
    rationale: 'measured on Windows at the AFD layer, which WskBind reaches over the same transport; strict answers STATUS_INVALID_PARAMETER (policy bind-address)',
    source: WINE_BIND, evidence: [WINE_BIND], evidenceClass: 'measured', presets: ['windows'],
    effect: { kind: 'bind-address-status', mismatch: 'STATUS_INVALID_ADDRESS', noFamilyField: 'STATUS_INVALID_PARAMETER' },
  },
] as const satisfies readonly PresetEntry[];

/** Name of a policy preset. */
export type PolicyPresetName = keyof typeof POLICY_PRESETS;

/** Every named policy entry: POLICY.md's decisions and this project's additions where POLICY.md is silent. */
export const POLICY_ENTRIES = [
  { id: 'presets', summary: 'strict (default) judges against the documented parameter table; lenient checks only what the operation needs; windows is strict plus exactly the evidence-based entries (PRESET_ENTRIES)', rationale: 'conformance testing wants strict, compatibility testing wants lenient, running real driver code wants windows', source: P('preamble') },
  { id: 'deviations-reported', summary: 'every WskControlSocket / WskControlClient call records the deviations of its arguments from the documented parameter table (abi/deviations.ts) in reason.lint, in table order, whatever the preset, when it reaches check 10; under strict the first one decides check 10 (unused-args-null); under lenient none decides; under windows only those an evidence-based entry tolerates are warnings, the rest decide as under strict', rationale: 'a conformance tool must say what a call does that the documentation does not, also when Windows accepts it', source: P('"Deviations are also reported"') },
  { id: 'check-order', summary: 'WskControlSocket checks run in the order of CONTROL_CHECKS; the first failing check decides', rationale: 'the order is observable: AFD answers size probes in a fixed order (Wine afd.c, measured on Windows)', source: P('"WskControlSocket: order of checks"') },
  { id: 'failure-changes-nothing', summary: 'every failure leaves socket state, OutputBuffer and *OutputSizeReturned unchanged', rationale: 'no document allows partial writes', source: P('after the check table') },
  { id: 'set-success', summary: 'Set success returns STATUS_SUCCESS; the IRP is completed with {STATUS_SUCCESS, 0}', rationale: 'Set returns no bytes', source: P('"Results, IRP and byte counts"') },
  { id: 'get-success', summary: 'Get success writes the value as a little-endian ULONG into the first 4 bytes of OutputBuffer only; IRP {STATUS_SUCCESS, 4}', rationale: 'D1 IoStatus.Information is the byte count', source: P('"Results, IRP and byte counts"') },
  { id: 'output-size-returned', summary: '*OutputSizeReturned is written (as a SIZE_T of the arch) only when no IRP is used and it is given', rationale: 'D1 OutputSizeReturned rules; header declares SIZE_T *', source: P('"Results, IRP and byte counts"') },
  { id: 'failure-information', summary: 'on failure IoStatus.Information = 0', rationale: 'AFD-level measurement (Wine afd.c)', source: P('"Results, IRP and byte counts"') },
  { id: 'inline-completion', summary: 'completion inline: the IRP is completed (callback run) before the call returns, and the return value equals IoStatus.Status', rationale: 'D1 allows either completion timing; inline is the deterministic choice, pending is the other preset of completion', source: P('"Results, IRP and byte counts"') },
  { id: 'pending-completion', summary: 'completion pending: a call passing checks 1-6 returns STATUS_PENDING; everything else arrives through the IRP when completions are delivered', rationale: 'measured on Windows for other WSK functions (driver_netio.c)', source: P('"Results, IRP and byte counts"') },
  { id: 'iostatus-write', summary: 'completing writes the 4 NTSTATUS bytes and the ULONG_PTR Information at the IRP\'s IoStatus offset and no other IRP byte', rationale: 'the upper half of the x64 Status/Pointer union is untouched', source: P('"Results, IRP and byte counts"') },
  { id: 'faults', summary: 'ABI violations C cannot detect are faults: a result kind, never thrown, changing nothing', rationale: 'real Windows would corrupt memory or crash', source: P('"Faults"') },
  { id: 'bind-dispatch', summary: 'WskBind on a basic socket is fault NotInDispatchTable', rationale: 'WSK_PROVIDER_BASIC_DISPATCH has no WskBind', source: P('"Bind"') },
  { id: 'bind-address', summary: 'LocalAddress must be the SOCKADDR of the socket\'s family; a family mismatch or a length too short: STATUS_INVALID_PARAMETER', rationale: 'D1 nc-wsk-pfn_wsk_bind', source: P('"Bind"') },
  { id: 'bind-rebind', summary: 'binding an already bound socket: STATUS_ADDRESS_ALREADY_ASSOCIATED', rationale: 'AFD-level measurement (Wine afd.c test_bind)', source: P('"Bind"') },
  { id: 'bind-port-zero', summary: 'port 0 takes the lowest free port of 49152-65535 for that protocol and address; exhausted: STATUS_TOO_MANY_ADDRESSES', rationale: 'Windows dynamic port range', source: P('"Bind"') },
  { id: 'bind-conflict-scope', summary: 'bindings conflict only with the same transport, the same port and overlapping addresses on the same stack', rationale: 'WSK table is silent on the tuple', source: P('"Bind"') },
  { id: 'bind-irp', summary: 'WskBind and WskCloseSocket complete their IRP with Information = 0; WskBind without an IRP: STATUS_INVALID_PARAMETER, nothing bound', rationale: 'NULL IRP measured on Windows for other WSK functions', source: P('"Bind"') },
  { id: 'bind-close-release', summary: "a closed socket's binding is released at WskCloseSocket", rationale: 'no lingering-connection model', source: P('"Bind"') },
  { id: 'socket-create', summary: 'WskSocket: family AF_INET/AF_INET6, type SOCK_STREAM/DGRAM/RAW, Flags exactly one category; otherwise STATUS_INVALID_PARAMETER (unknown flags) or STATUS_NOT_SUPPORTED (family, type or protocol); category and type are not cross-checked at creation', rationale: 'Windows creates a WSK_FLAG_LISTEN_SOCKET over UDP and fails only at bind (driver_netio.c)', source: ADD('WskSocket validation') },
  { id: 'bind-category-transport', summary: 'WskBind of a listening, connection or stream socket whose type is not SOCK_STREAM fails with STATUS_NOT_IMPLEMENTED (through the IRP)', rationale: 'measured on Windows: Wine driver_netio.c binds a UDP WSK_FLAG_LISTEN_SOCKET and gets STATUS_NOT_IMPLEMENTED', source: { ref: 'WINE-netio-test', at: 'dlls/ntoskrnl.exe/tests/driver_netio.c (UDP WSK_FLAG_LISTEN_SOCKET bind, measured on Windows)', layer: 'WSK' } },
  { id: 'stream-socket-options', summary: 'a stream socket accepts every option valid for a listening or a connection-oriented socket', rationale: 'the option pages predate stream sockets; a stream socket acts as either (D2 wsk-socket-categories)', source: ADD('stream sockets and options') },
  { id: 'close-cancels-pending', summary: "WskCloseSocket first completes the socket's undelivered pending IRPs with STATUS_CANCELLED, Information 0, in submission order", rationale: 'a closed socket cannot complete later work; Wine netio.sys cancels pending I/O at close', source: ADD('WskCloseSocket with pending IRPs') },
  { id: 'close-reentrant', summary: "WskCloseSocket takes every undelivered IRP of the socket off the queues before any completion routine runs, then completes them one at a time in submission order; a completion routine may call the provider again (close other sockets, deliver completions, make calls): IRPs a nested close cancels are completed after those already being cancelled, each IRP the provider accepted is completed exactly once, and the closed socket's binding and handle are released even when a routine throws (the exception propagates; IRPs still to be cancelled are completed by the next deliverCompletions or close)", rationale: 'a WSK provider completes every IRP it accepted exactly once (D2 using-irps-with-winsock-kernel-functions.md: "The WSK subsystem completes the IRP after the operation performed by the WSK function is complete"); IoCompletion routines may call WSK functions again', source: ADD('re-entrant close') },
  { id: 'pending-buffers-held', summary: "the provider holds the IRP and buffers of a call that returned STATUS_PENDING until it completes the IRP; if, when it comes to complete it (deliverCompletions, a harness event, or cancellation by WskCloseSocket), the IRP or a buffer no longer covers its declared size (detached or shrunk by the caller), that is a delivery fault (IrpOverrun, InputBufferOverrun, OutputBufferOverrun, OutputSizeReturnedOverrun, AddressBufferOverrun): nothing is written, the IRP is not completed and no completion routine runs, the fault is appended to provider.deliveryFaults with rule 'pending-buffers-held' (also reason.rule), and deliverCompletions() does not count the call", rationale: 'D1 nc-wsk-pfn_wsk_control_socket.md: if the call returns STATUS_PENDING, the buffers "must remain valid until the IRP is completed"; releasing them earlier is an ABI violation C cannot detect (POLICY.md "Faults"), reported where the caller sees it instead of dropped', source: { ref: 'D1', at: 'nc-wsk-pfn_wsk_control_socket.md: InputBuffer / OutputBuffer "must remain valid until the IRP is completed"', layer: 'WSK' } },
  { id: 'socket-handle-reuse', summary: 'a socket handle is slot + generation * 2^22 (slot 1 to 2^22-1, generation 0 to 511): the first sockets get 1, 2, 3, ...; WskCloseSocket frees the slot and WskSocket reuses the most recently freed slot one generation on, so a stale handle never names a later socket and stays fault InvalidSocket; a slot whose next handle would pass 2^31-1 is retired; with every slot taken WskSocket fails with STATUS_INSUFFICIENT_RESOURCES (reason socket-handle-reuse)', rationale: 'the provider\'s memory stays flat over create/close rounds (a PWSK_SOCKET is a pointer, reused by the allocator on Windows too) while a use after close stays detectable; handles stay below 2^31 (small integers for V8)', source: ADD('socket handles') },
  { id: 'api-boundary', summary: 'TypeScript-API arguments are validated before the call changes anything: a handle (socket, security descriptor) must be an integer number; a ULONG a number that is a 32-bit integer; a SIZE_T a number or bigint in range; a buffer a real Uint8Array (Buffer), null or undefined (zero length = NULL; a detached buffer or an object merely inheriting Uint8Array.prototype is misuse; a Proxy is outside the contract: the full sequence refuses it, the guarded success path does not look for one); provider options must be known values (onComplete a function or null); anything else throws AbiUsageError, never a TypeError, and nothing a caller passes writes to a prototype', rationale: 'statuses and faults are values; only misuse of the TypeScript API throws, and a C caller cannot pass any of these values', source: ADD('TypeScript API boundary') },
  { id: 'close-marks-closing', summary: 'after WskCloseSocket is called (even when its completion is pending) the socket handle is invalid: every later call is fault InvalidSocket', rationale: 'D1: the application must not call a socket function after WskCloseSocket', source: ADD('use after close') },
  { id: 'forced-close-harness', summary: 'the harness can put a socket in the forced-closed state (provider.forceClose, vector op "forceClose")', rationale: 'needed to exercise check 3; the transport event itself is not modelled', source: ADD('forced-closed state') },
  { id: 'raw-protocol-range', summary: 'WskSocket with SOCK_RAW accepts a Protocol up to IPPROTO_RAW (255, winsock2.h): 0-255; 256 and above is STATUS_NOT_SUPPORTED', rationale: 'the protocol number of a raw socket fills the one-octet IPv4 Protocol / IPv6 Next Header field, and winsock2.h bounds the IPPROTO values with IPPROTO_MAX 256 (IPPROTO_RAW 255 is the last); no WSK page states the limit (D1 nc-wsk-pfn_wsk_socket.md: "Protocol: the transport protocol")', source: ADD('raw protocol range') },
  { id: 'bind-raw', summary: 'a datagram socket of type SOCK_RAW binds without registering a transport port: it never conflicts', rationale: 'raw sockets have no port; docs/POLICY.md#bind names only TCP and UDP', source: ADD('raw sockets at bind') },
  { id: 'ipv6-v6only-default', summary: 'IPV6_V6ONLY defaults to 1 on every AF_INET6 socket; 0 set before bind makes it dual-stack', rationale: 'as on Windows (docs/POLICY.md#dual-stack); the WSK sample clears it explicitly before binding', source: P('"Bind": dual stack') },
  { id: 'ipv6-v6only-shape', summary: 'IPV6_V6ONLY Set/Get take the SOL_SOCKET boolean forms: sizeof(ULONG), value 0 or 1, IRP required, OutputSizeReturned NULL; Set only before bind', rationale: 'the only WSK use (Microsoft echosrv sample) passes exactly this form; no WSK page documents the option', source: ADD('IPV6_V6ONLY parameter forms') },
  { id: 'dual-stack', summary: 'a dual-stack socket bound to ::ffff:a.b.c.d also binds a.b.c.d on the IPv4 stack; bound to :: it also binds 0.0.0.0 only with SO_EXCLUSIVEADDRUSE; both stacks must allow, or nothing is bound', rationale: 'Wine ws2_32 tests measured on Windows; W1 and the 2007 networking blog: the check runs on both stacks', source: P('"Bind": dual stack') },
  { id: 'sharing-profile', summary: 'the outcome of an overlap is the active profile\'s table cell (abi/sharing-rules.ts); reason.rule = the cell id <profile>[.<table>]:<FIRST>/<SECOND>, reason.conflictSocket = the first socket, reason.source = the cell citation', rationale: 'every outcome names the table cell that produced it (docs/SHARING.md)', source: P('"Bind"') },
  { id: 'sharing-every-overlap', summary: 'when several bound sockets overlap the candidate, every one must allow; the first refusal in bind order decides', rationale: 'docs/POLICY.md#bind', source: P('"Bind"') },
  { id: 'sharing-check-sd', summary: "wsk CHECK cells: SUCCESS when the FIRST socket's security descriptor allows the SECOND socket's owner, else STATUS_ACCESS_DENIED; the default descriptor allows no one", rationale: 'D2 sharing-transport-addresses.md and so-wsk-security.md; an SD is modelled as an allow-list of principals (docs/VECTORS.md#steps, cacheSd)', source: P('"Bind"') },
  { id: 'sharing-success-reason', summary: 'a bind that overlaps sockets which all allow it reports the cell of the earliest-bound overlapping socket; a bind that overlaps nothing reports bind-conflict-scope', rationale: 'every result says which rule decided', source: ADD('reason of a successful bind') },
  { id: 'sharing-wsa-code', summary: 'reason.wsaError carries the Winsock code of a sharing refusal (WSAEADDRINUSE for INUSE, WSAEACCES for DENIED, on every profile), 0 otherwise', rationale: 'users ask for both the NTSTATUS and the Winsock error; wsk uses the equivalence of docs/SHARING.md#reports', source: ADD('WSA code beside the NTSTATUS') },
  { id: 'port-zero-sides', summary: 'port 0 on a dual-stack socket takes the lowest dynamic port free on every stack the bind occupies', rationale: 'a dual-stack bind must succeed on both stacks', source: ADD('port 0 and dual stack') },
  { id: 'so-wsk-security-value', summary: 'SO_WSK_SECURITY: the PSECURITY_DESCRIPTOR value is the cached descriptor handle (cacheSecurityDescriptor) written as a pointer-sized little-endian integer (4 bytes x86, 8 x64); a Set whose value is not a live cached handle (0 included) fails check 11 with STATUS_INVALID_PARAMETER; a Get writes the current handle, 0 for the default descriptor, and IoStatus.Information = sizeof(PVOID)', rationale: 'the simulator has no kernel pointers; handles stand for cached SDs (no separate copy of the descriptor is modelled)', source: ADD('SO_WSK_SECURITY pointer value') },
  { id: 'sd-copy-at-apply', summary: 'a socket keeps the descriptor applied to it (at WskSocket or by SO_WSK_SECURITY) even if the client later releases its cached handle', rationale: 'D2: the cached copy may be released once the IRP has completed, so the socket must hold its own copy', source: ADD('descriptor lifetime') },
  { id: 'size-t-range', summary: 'a SIZE_T argument that does not fit the arch (>= 2^32 on x86, >= 2^64 on x64) is misuse of the TypeScript API and throws AbiUsageError', rationale: 'C cannot pass such a value', source: ADD('SIZE_T range') },
  // ---- every other WSK control operation; listed in docs/POLICY-ADDITIONS.md ----
  { id: 'transport-option-applicability', summary: 'check 7b: an option or IOCTL used on a socket whose address family or type the row does not list (IPPROTO_IP on AF_INET6, IPPROTO_IPV6 on AF_INET, IPPROTO_TCP or a TCP-only IOCTL on a non-SOCK_STREAM socket) fails with STATUS_NOT_SUPPORTED, IRP completed; transport options apply to every category, basic sockets included', rationale: 'WSK documents STATUS_NOT_SUPPORTED for the TCP-only SIO_LOOPBACK_FAST_PATH and says "some transports might not support" an option; basic sockets exist "to get and set transport stack socket options" (D2 winsock-kernel-socket-categories.md); user-mode Winsock answers WSAENOPROTOOPT', source: ADD('option applicability by family and socket type') },
  { id: 'so-rcvbuf-default', summary: 'SO_RCVBUF reads 8192 until set', rationale: 'the WSK page says only "transport-specific"; 8192 is the AFD default receive window on machines with more than 19 MB of RAM (smallvoid.com "Configure the winsock default send- and receive-buffer size", citing Microsoft KB214397) [COMMUNITY]', source: ADD('SO_RCVBUF default') },
  { id: 'so-sndbuf', summary: 'SO_SNDBUF (SOL_SOCKET, 0x1001) is modelled on SO_RCVBUF\'s WSK page: listening, datagram, connection-oriented and stream sockets (not basic); Set and Get of a ULONG size, IRP required, OutputSizeReturned NULL, any value; reads 8192 until set; not supported once SIO_LOOPBACK_FAST_PATH is enabled', rationale: 'no WSK page documents SO_SNDBUF (it is not in the SOL_SOCKET list of the WSK socket-options page, and not in SIO_LOOPBACK_FAST_PATH\'s list of supported options); user-mode Winsock documents it as a DWORD, get and set (W1 sol-socket-socket-options.md); 8192 is the AFD default send window, as for SO_RCVBUF (policy so-rcvbuf-default) [COMMUNITY]', source: ADD('SO_SNDBUF') },
  { id: 'accept-inheritance-not-modelled', summary: 'inheritance of SO_KEEPALIVE and SO_RCVBUF by sockets accepted on a listening socket is not modelled', rationale: 'accept is not modelled; the documented inheritance has nothing to apply to', source: ADD('accepted sockets') },
  { id: 'non-wsk-sol-socket-categories', summary: 'SO_PORT_SCALABILITY applies to listening, datagram, connection-oriented and stream sockets (not basic); Set and Get of a 4-byte BOOL', rationale: 'WSK names it only in the SIO_LOOPBACK_FAST_PATH list; it affects wildcard port allocation at bind, which basic sockets cannot do', source: ADD('SO_PORT_SCALABILITY') },
  { id: 'ip-ttl-default', summary: 'IP_TTL and IPV6_UNICAST_HOPS read 128 until set; values above 255 are STATUS_INVALID_PARAMETER (value-domain)', rationale: 'Windows DefaultTTL is 128 (TCP/IP registry parameters); W1 ipproto-ipv6-socket-options.md: "illegal to set the TTL to a value greater than 255", applied to IP_TTL too (one octet in the header)', source: ADD('TTL defaults and limit') },
  { id: 'tcp-defaults', summary: 'TCP_FASTOPEN reads 0, TCP_KEEPIDLE 7200 (seconds), TCP_KEEPCNT 10, TCP_KEEPINTVL 1 until set; TCP_KEEPCNT above 255 is STATUS_INVALID_PARAMETER', rationale: 'Windows keepalive defaults (KeepAliveTime 2 h, KeepAliveInterval 1 s, 10 probes, TCP/IP registry docs); W1 ipproto-tcp-socket-options.md bounds TCP_KEEPCNT at 255', source: ADD('TCP option defaults') },
  { id: 'tcp-bsdurgent-once', summary: 'TCP_BSDURGENT is stored as a plain boolean (default 1); the "set only once / cannot be turned off" sentence is not modelled', rationale: 'the W1 sentence contradicts its own default (on) and its inverse TCP_EXPEDITED_1122; no status is documented', source: ADD('TCP_BSDURGENT') },
  { id: 'datagram-options', summary: 'IP_DONTFRAGMENT, IP_PKTINFO, IP_HOPLIMIT, IP_RECVTOS, IP_ECN, IP_RECVERR (IPPROTO_IP, AF_INET), IPV6_DONTFRAG, IPV6_PKTINFO, IPV6_HOPLIMIT, IPV6_TCLASS, IPV6_RECVTCLASS, IPV6_ECN, IPV6_RECVERR (IPPROTO_IPV6, AF_INET6) and UDP_SEND_MSG_SIZE, UDP_RECV_MAX_COALESCED_SIZE (IPPROTO_UDP, SOCK_DGRAM) take the transport-option forms: Set and Get of a 4-byte value, IRP required, OutputSizeReturned NULL, any time, every category; the flags are booleans (0 or 1), IPV6_TCLASS a ULONG up to 255, the UDP options any ULONG; each reads 0 until set; the socket types the Winsock pages restrict an option to (message-oriented, datagram and raw, datagram only) are the row\'s socket types (check 7b)', rationale: 'the options msquic sets on every UDP socket and aborts without (docs/EVIDENCE.md); no WSK page documents them, so the Winsock pages give their shape, and the ws2ipdef.h values those pages do not list follow their documented twin (IP_ECN and IPV6_ECN as IP_RECVTOS, IP_RECVERR and IPV6_RECVERR as flags, IPV6_DONTFRAG as IP_DONTFRAGMENT, IPV6_TCLASS as IPV6_UNICAST_HOPS); the stored values have no effect (no data path)', source: ADD('datagram options of real clients') },
  { id: 'event-callback-enable-irp', summary: 'SO_WSK_EVENT_CALLBACK row IRP rule is "optional"; an enable that passes an IRP records the deviation irp-given and is STATUS_INVALID_PARAMETER with the IRP completed (strict) or accepted and the IRP completed with success (lenient; windows through windows-event-callback-enable-irp); a disable may pass one', rationale: 'D2 so-wsk-event-callback.md: the application "does not specify a pointer to an IRP" to enable and "can optionally specify" one to disable; strict treats the enable sentence like a must-be-NULL rule (check 6b)', source: ADD('SO_WSK_EVENT_CALLBACK IRP') },
  { id: 'event-callback-npiid', summary: 'WSK_EVENT_CALLBACK_CONTROL.NpiId is a pointer-sized value; NULL is STATUS_INVALID_PARAMETER; any non-NULL value stands for &NPI_WSK_INTERFACE_ID', rationale: 'the simulator has no address space; no extension interface can be registered (policy no-extension-interfaces), so every non-NULL NpiId names the standard WSK NPI', source: ADD('NpiId') },
  { id: 'event-callback-mask', summary: 'enable: EventMask must be a non-empty subset of the category\'s flags (abi/options.ts EVENT_CALLBACK_FLAGS); disable: exactly one such flag | WSK_EVENT_DISABLE; otherwise STATUS_INVALID_PARAMETER; disabling a flag that is not enabled succeeds', rationale: 'malformed masks are a documentation gap; STATUS_INVALID_PARAMETER is the status of the other malformed arguments; a listening socket may enable the connection-oriented flags for accepted sockets (D2)', source: ADD('EventMask') },
  { id: 'event-callback-state', summary: 'disabling a statically enabled flag, or a connection-oriented flag enabled on a listening socket, or re-enabling a static flag: STATUS_INVALID_DEVICE_STATE', rationale: 'D2: such callbacks "cannot be disabled" / "cannot be disabled or re-enabled"; STATUS_INVALID_DEVICE_STATE is the status of the other state errors (check 12)', source: ADD('event callback state') },
  { id: 'event-callback-basic', summary: 'SO_WSK_EVENT_CALLBACK does not apply to basic sockets (check 7: STATUS_INVALID_DEVICE_REQUEST)', rationale: 'it applies to basic sockets only after an extension interface with callbacks was registered, and none can be (policy no-extension-interfaces)', source: ADD('basic sockets and event callbacks') },
  { id: 'callback-in-progress-harness', summary: 'the harness marks callbacks in progress (provider.setCallbackInProgress, vector op "callbackInProgress"); a disable of such a flag returns STATUS_PENDING and queues its IRP, or STATUS_EVENT_PENDING without an IRP; clearing the mark completes queued IRPs with {STATUS_SUCCESS, 0}', rationale: 'D2 so-wsk-event-callback.md documents both results; the callbacks themselves are not modelled', source: ADD('in-progress callbacks') },
  { id: 'after-connect-approximated', summary: 'an operation documented as "after connect" requires the socket to be bound (connect is not modelled); otherwise STATUS_INVALID_DEVICE_STATE (check 12)', rationale: 'the closest modelled state; docs/POLICY.md#check-12 already names "after connect"', source: ADD('after connect') },
  { id: 'fixed-address-size', summary: 'SIO_WSK_SET_REMOTE_ADDRESS / SET_SENDTO_ADDRESS: InputSize must be 16 (AF_INET) or 28 (AF_INET6) (strict; lenient: at least that), sa_family must be the socket\'s (STATUS_INVALID_PARAMETER); InputSize 0 is the clear form (a non-NULL InputBuffer with it is STATUS_INVALID_PARAMETER in strict); both forms need a bound socket', rationale: 'D2 pages: "a pointer to a SOCKADDR structure ... of the socket\'s address family", clear = 0/NULL, "after the datagram socket has been bound"; same size rule as WskBind (POLICY.md "Bind")', source: ADD('fixed remote / sendto address') },
  { id: 'no-extension-interfaces', summary: 'SIO_WSK_REGISTER_EXTENSION: after its buffer and size checks, every request is STATUS_NOT_SUPPORTED (no extension interface is modelled); OutputBuffer untouched', rationale: 'D2 registering-an-extension-interface.md: an unsupported extension returns STATUS_NOT_SUPPORTED', source: ADD('extension interfaces') },
  { id: 'backlog-values', summary: 'SIO_WSK_QUERY_IDEAL_SEND_BACKLOG returns 65536 and SIO_WSK_QUERY_RECEIVE_BACKLOG 0, as a SIZE_T of the arch; IRP Information = sizeof(SIZE_T)', rationale: 'no data path is modelled, so nothing is ever received; 64 KiB is the usual ideal send backlog starting value (ISB)', source: ADD('backlog queries') },
  { id: 'inspect-id-no-accept', summary: 'SIO_WSK_QUERY_INSPECT_ID applies to no simulated socket: with an IRP, check 6b; otherwise STATUS_INVALID_DEVICE_REQUEST (check 7)', rationale: 'it applies only to sockets accepted on a conditional-accept listening socket, and accept is not modelled', source: ADD('inspect id') },
  { id: 'silent-mode', summary: 'SIO_WSK_SET_TCP_SILENT_MODE on a socket bound to a loopback address: STATUS_NOT_SUPPORTED; otherwise success; the later restriction of send/disconnect is not modelled (no data path), and control calls stay allowed', rationale: 'D2: "not supported on loopback"; the status is not documented, STATUS_NOT_SUPPORTED follows check 7b', source: ADD('silent mode') },
  { id: 'loopback-fast-path-input', summary: 'SIO_LOOPBACK_FAST_PATH input is a 4-byte BOOL; InputSize other than 4 (strict; lenient: < 4) is STATUS_INVALID_BUFFER_SIZE; values other than 0/1 follow the boolean domain rule; the connect/accept timing is not modelled', rationale: 'D2 documents STATUS_INVALID_BUFFER_SIZE; user-mode SIO_LOOPBACK_FAST_PATH takes an int OptionValue (W1 sio-loopback-fast-path)', source: ADD('loopback fast path') },
  { id: 'loopback-fast-path-options', summary: 'once SIO_LOOPBACK_FAST_PATH is enabled on a socket, Set and Get of a TCP/IP option missing from the page\'s list (SO_KEEPALIVE, SO_SNDBUF, TCP_NODELAY, TCP_FASTOPEN, TCP_KEEPIDLE, TCP_KEEPCNT, TCP_KEEPINTVL) fail with STATUS_NOT_SUPPORTED (IRP completed), checked right after check 7b; WSK options and IOCTLs are unaffected', rationale: 'D2 sio-loopback-fast-path.md: "Only a subset of the TCP/IP socket options are supported" (IP_TTL, IP_UNICAST_IF, IPV6_UNICAST_HOPS, IPV6_UNICAST_IF, IPV6_V6ONLY, SO_CONDITIONAL_ACCEPT, SO_EXCLUSIVEADDRUSE, SO_PORT_SCALABILITY, SO_RCVBUF, SO_REUSEADDR, TCP_BSDURGENT); the page documents STATUS_NOT_SUPPORTED as its failure status', source: ADD('options under the loopback fast path') },
  { id: 'address-list-layout', summary: 'SIO_ADDRESS_LIST_QUERY writes SOCKET_ADDRESS_LIST (iAddressCount, then iAddressCount SOCKET_ADDRESS entries, SIZEOF_SOCKET_ADDRESS_LIST bytes) immediately followed by the packed SOCKADDR_IN / SOCKADDR_IN6 images; required size counts all bytes; *OutputSizeReturned = required size on success and on STATUS_BUFFER_OVERFLOW (nothing else written); OutputSizeReturned NULL: STATUS_INVALID_PARAMETER', rationale: 'the layout Winsock uses for SIO_ADDRESS_LIST_QUERY; D2 documents STATUS_BUFFER_OVERFLOW with the required size; a NULL OutputSizeReturned leaves nowhere to report it', source: ADD('address list layout') },
  { id: 'address-list-pointers', summary: 'lpSockaddr = provider.outputBufferAddress (default 0) + offset of the SOCKADDR inside OutputBuffer, written pointer-sized', rationale: 'the simulator has no address space; with the default the field reads as the offset', source: ADD('address list pointers') },
  { id: 'host-address-list', summary: 'the host address list starts as {127.0.0.1} for AF_INET and {::1} for AF_INET6 (port 0); the harness replaces it with provider.setAddressList / vector op "setAddressList"', rationale: 'a deterministic default; the query returns the list of the socket\'s family', source: ADD('host addresses') },
  { id: 'address-list-change-harness', summary: 'SIO_ADDRESS_LIST_CHANGE returns STATUS_PENDING and queues its IRP until the harness changes that family\'s list, then completes it with {STATUS_SUCCESS, 0}; WskCloseSocket completes it with STATUS_CANCELLED', rationale: 'D2 sio-address-list-change.md; close cancels like other pending IRPs (policy close-cancels-pending)', source: ADD('address list change') },
  { id: 'wfp-redirect-data', summary: 'WFP redirect records/context are opaque bytes set by the harness (provider.setRedirectData) or by SIO_SET_WFP_CONNECTION_REDIRECT_RECORDS (stored as the records); a query without data: STATUS_NOT_FOUND; too small (or 0/NULL): STATUS_BUFFER_TOO_SMALL with the required size in *OutputSizeReturned (written even with an IRP) and IoStatus.Information 0; success: the bytes, *OutputSizeReturned and Information = their size', rationale: 'D2 sio-query-wfp-connection-redirect-*.md: "OutputSizeReturned will contain the required size" (a documented exception to failure-changes-nothing); its "size of the buffer is stored in Irp->IoStatus.Information" is read as the success case, so failure-information (0) holds on failure', source: ADD('WFP redirect IOCTLs') },
  { id: 'client-check-order', summary: 'WskControlClient: faults for buffers shorter than their sizes, then unknown or unimplemented code (WSK_TRANSPORT_LIST_CHANGE, WSK_TDI_DEVICENAME_MAPPING included): STATUS_NOT_SUPPORTED, then an IRP given (all implemented codes say "must be NULL"): STATUS_INVALID_PARAMETER with the IRP completed, then presence, sizes, unused arguments, value domain, state', rationale: 'mirrors the WskControlSocket check order (checks 2, 5, 6b, 8-12)', source: ADD('WskControlClient checks') },
  { id: 'transport-list', summary: 'WSK_TRANSPORT_LIST_QUERY reports TCP/IPv4, UDP/IPv4, TCP/IPv6, UDP/IPv6 as WSK_TRANSPORT (28 bytes each, Version MAKE_WSK_VERSION(1,0), ProviderId all zero, padding zero); 0/NULL or too small: STATUS_BUFFER_OVERFLOW with the size in *OutputSizeReturned', rationale: 'D2 wsk-transport-list-query.md documents the probe; the real ProviderId GUIDs are not public', source: ADD('transport list') },
  { id: 'sd-image-pointer', summary: 'a byte-level caller names a security descriptor by a pointer value obtained from provider.registerSecurityDescriptorImage (vector op "sdImage"): the k-th image is 0x5D000000 + 0x10*k; WSK_CACHE_SD reads that PSECURITY_DESCRIPTOR (pointer-sized) and writes the cached descriptor\'s handle as a pointer-sized value; an unknown or NULL pointer: STATUS_INVALID_PARAMETER; WSK_RELEASE_SD of an unknown or released handle: STATUS_INVALID_PARAMETER', rationale: 'the simulator has no address space; the handles are those of cacheSecurityDescriptor', source: ADD('security descriptors at byte level') },
  { id: 'static-callbacks', summary: 'WSK_SET_STATIC_EVENT_CALLBACKS: WSK_EVENT_CALLBACK_CONTROL; NpiId NULL, mask 0, WSK_EVENT_DISABLE or unknown flags: STATUS_INVALID_PARAMETER; after any socket was created: STATUS_INVALID_DEVICE_STATE; new sockets start with the flags valid for their category enabled', rationale: 'D2 wsk-set-static-event-callbacks.md: "must do so before it creates any sockets"', source: ADD('static event callbacks') },
  { id: 'tdi-behavior', summary: 'WSK_TDI_BEHAVIOR: a ULONG of flags, only WSK_TDI_BEHAVIOR_BYPASS_TDI (1) defined; other bits: STATUS_INVALID_PARAMETER; after any socket was created: STATUS_INVALID_DEVICE_STATE; stored without further effect', rationale: 'D2 wsk-tdi-behavior.md ("must do so before it creates any sockets"; the status is not documented, as for WSK_SET_STATIC_EVENT_CALLBACKS); TDI transports are not modelled', source: ADD('TDI behavior') },
  // ---- connections and lingering endpoints (docs/POLICY.md#connections) ----
  { id: 'connection-dispatch', summary: 'WskListen, WskAccept, WskConnect, WskDisconnect, WskGetLocalAddress and WskGetRemoteAddress exist only in the dispatch tables abi/dispatch.ts gives them (WskListen: stream; WskAccept: listening and stream; WskConnect, WskDisconnect, WskGetRemoteAddress: connection-oriented and stream; WskGetLocalAddress: listening, datagram, connection-oriented and stream); calling one on a socket whose table lacks it is fault NotInDispatchTable', rationale: 'the dispatch structure of that category has no such member; calling through it is an ABI violation C cannot detect', source: P('"Faults"') },
  { id: 'connection-buffers', summary: 'an IRP shorter than sizeof(IRP), a RemoteAddress of WskConnect shorter than the SOCKADDR its sa_family names (or than 2 bytes), and a LocalAddress / RemoteAddress output buffer of WskAccept, WskGetLocalAddress or WskGetRemoteAddress shorter than the SOCKADDR of the socket\'s family are faults (IrpOverrun, AddressBufferOverrun); nothing is written', rationale: 'the provider would read or write past the caller\'s buffer; the address buffers carry no size argument, so their size is the family\'s SOCKADDR', source: P('"Faults"') },
  // ---- the wire protocol's server (src/harness/, docs/PROTOCOL.md) ----
  { id: 'harness-not-implemented', summary: 'a CALL of an entry point the simulator does not model (the data path: WskSend, WskReceive, WskSendTo, WskReceiveFrom, WskRelease, WskInspectComplete, WskSendMessages, WskConnectEx) returns STATUS_NOT_IMPLEMENTED and completes a supplied IRP with {STATUS_NOT_IMPLEMENTED, 0}; an IRP shorter than sizeof(IRP) is fault IrpOverrun', rationale: 'a value the driver can handle, as Wine netio.sys answers unimplemented WSK calls; the IRP is completed so that a waiting driver does not hang', source: ADD('docs/PROTOCOL.md "Arguments of CALL"') },
  { id: 'harness-new-socket', summary: 'a RESULT or COMPLETION that completes the IRP of a WskAccept or WskSocketConnect with STATUS_SUCCESS names the socket IoStatus.Information holds (handle, WSK_FLAG_CONNECTION_SOCKET, family) in its new-socket fields, whichever frame it is (the call, a later call, a DELIVER or an EVENT); the call\'s context and client dispatch table stay with the client', rationale: 'the client must turn the handle into a WSK_SOCKET with the connection dispatch table before the completion routine reads Information; a pending accept completes at a frame of another request', source: ADD('docs/PROTOCOL.md "Sockets created by a call"') },
  { id: 'harness-events', summary: 'an EVENT frame (or a `wsksim drive --event`) takes a harness event: incoming (provider.incomingConnection), peerClose, advanceTime (whole seconds), remote (provider.addRemoteListener); the IRPs it completes are answered with COMPLETION frames before EVENT_DONE; a socket the server never gave is fault InvalidSocket, a NULL or unreadable address ERROR ARGUMENTS; a scripted event is taken when the client sends DELIVER and nothing is ready (@wait) or before the first request after the N-th CALL (@N)', rationale: 'a remote peer, the passing of time and remote listeners are not WSK calls: a driver under test needs a way to make them happen at a point of its run, from its own code or from the command line', source: ADD('docs/PROTOCOL.md "Harness events"') },
  { id: 'harness-socket-irp', summary: 'a WskSocket CALL completes its IRP within the call in both completion modes with {status, the new socket handle (0 on failure)}; a NULL IRP is accepted; an IRP shorter than sizeof(IRP) is fault IrpOverrun', rationale: 'the provider creates sockets synchronously and does not model the IRP of WskSocket; the client replaces Information by the address of its WSK_SOCKET', source: ADD('docs/PROTOCOL.md "Arguments of CALL"') },
  // ---- measured amendments and documented exceptions, stated by POLICY.md itself; every preset ----
  { id: 'bind-rebind-synchronous', summary: 'STATUS_ADDRESS_ALREADY_ASSOCIATED is decided at the call in both completion modes: WskBind on a socket already bound runs its checks at once, completes the IRP and returns the status before it returns, even under completion pending', rationale: 'a normal or conflicting bind pends on Windows, but a rebind fails at once', source: P('"Bind": rebinding'), evidenceClass: 'measured' },
  { id: 'bind-local-address', summary: 'once the host\'s address list of a family has been set (provider.setAddressList, vector op "setAddressList"), WskBind of a specific address of that family that is neither loopback (127.0.0.0/8, ::1) nor in the list fails with STATUS_INVALID_ADDRESS_COMPONENT (check 9b, IRP completed); until a list is set every address counts as local; a wildcard address is always local; a v4-mapped IPv6 address is judged as its IPv4 address against the AF_INET list; the port and scope id are not compared', rationale: 'measured on Windows: Wine afd.c test_bind (192.0.2.0 and 100::) and libuv tcp_bind_error_addrnotavail; the v4-mapped reading is this project\'s (a dual-stack bind of ::ffff:a.b.c.d binds a.b.c.d)', source: P('"Bind": local addresses'), evidenceClass: 'measured' },
  { id: 'failure-exception-address-list-query', summary: 'SIO_ADDRESS_LIST_QUERY reports a too-small buffer with the warning status STATUS_BUFFER_OVERFLOW and writes the required size to *OutputSizeReturned: a documented exception to failure-changes-nothing', rationale: 'D2 sio-address-list-query.md documents the probe; documented behaviour wins over the blanket rule', source: P('after the check table: documented exceptions'), evidenceClass: 'documented' },
  { id: 'failure-exception-transport-list-query', summary: 'WSK_TRANSPORT_LIST_QUERY reports a too-small buffer with the warning status STATUS_BUFFER_OVERFLOW and writes the required size to *OutputSizeReturned: a documented exception to failure-changes-nothing', rationale: 'D2 wsk-transport-list-query.md documents the probe; documented behaviour wins over the blanket rule', source: P('after the check table: documented exceptions'), evidenceClass: 'documented' },
  { id: 'failure-exception-wfp-redirect-query', summary: 'SIO_QUERY_WFP_CONNECTION_REDIRECT_RECORDS and SIO_QUERY_WFP_CONNECTION_REDIRECT_CONTEXT report a missing or too-small output buffer with STATUS_BUFFER_TOO_SMALL and write the required size to *OutputSizeReturned: a documented exception to failure-changes-nothing', rationale: 'D2 sio-query-wfp-connection-redirect-records.md and -context.md: "OutputSizeReturned will contain the required size"; POLICY.md: documented behaviour wins over the blanket rules (entry wfp-redirect-data decides the rest)', source: P('after the check table: documented exceptions'), evidenceClass: 'documented' },
  { id: 'failure-exception-address-list-change', summary: 'SIO_ADDRESS_LIST_CHANGE pends until the address list changes, even under inline completion: a documented exception to inline-completion', rationale: 'D2 sio-address-list-change.md: the IRP completes when the list changes', source: P('after the check table: documented exceptions'), evidenceClass: 'documented' },
  ...PRESET_ENTRIES,
] as const satisfies readonly PolicyEntry[];

/** Identifier of a policy entry. */
export type PolicyId = (typeof POLICY_ENTRIES)[number]['id'];

/** Identifier of a WskBind check. */
export type BindCheckId = (typeof BIND_CHECKS)[number]['id'];

/** Identifier of a sharing-table cell, `<profile>[.<table>]:<FIRST>/<SECOND>` (abi/sharing-rules.ts). */
export type SharingCellId = `${'wsk' | 'winsock' | 'winsock-xp'}${'' | `.${string}`}:${BindKind}/${BindKind}`;

/** Every rule a provider reports in reason.rule: a check, a policy entry or a sharing cell of the tables above. */
export type RuleId = ControlCheckId | BindCheckId | ClientCheckId | OutcomeRuleId | PolicyId | SharingCellId;
