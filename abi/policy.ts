/**
 * Named policy entries: the project's decided answers to documentation gaps (shared/spec/POLICY.md), the
 * WskControlSocket check order, and the strict and lenient presets. Data only.
 */
import type { Citation, PolicyEntry } from './schema';
import type { NtStatusName } from './ntstatus';

const P = (section: string): Citation => ({ ref: 'POLICY', at: `POLICY.md ${section}`, layer: 'policy' });
const ADD = (what: string): Citation => ({ ref: 'WSKSIM', at: what, layer: 'policy' });

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
  { id: 'socket-family', order: '7b', description: "the socket's address family is one the row applies to (row.families; e.g. IPV6_V6ONLY only on AF_INET6)", outcome: { status: 'STATUS_INVALID_PARAMETER', completesIrp: true }, synchronousWhenPending: false, source: ADD('option-family: check 7b, placed after the category check') },
  { id: 'buffer-presence', order: '8', description: 'Set needs InputBuffer; Get needs OutputBuffer', outcome: { status: 'STATUS_INVALID_PARAMETER', completesIrp: true }, synchronousWhenPending: false, source: P('check 8') },
  { id: 'set-input-size', order: '9', description: "Set: InputSize = the row's size (strict) or >= it (lenient)", outcome: { status: 'STATUS_INVALID_PARAMETER', completesIrp: true }, synchronousWhenPending: false, source: P('check 9') },
  { id: 'get-output-size', order: '9', description: "Get: OutputSize >= the row's size", outcome: { status: 'STATUS_BUFFER_TOO_SMALL', completesIrp: true }, synchronousWhenPending: false, source: P('check 9') },
  { id: 'unused-args-null', order: '10', description: "arguments the row says must be 0/NULL (strict only)", outcome: { status: 'STATUS_INVALID_PARAMETER', completesIrp: true }, synchronousWhenPending: false, source: P('check 10') },
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
  { id: 'bind-rebind', order: '9', description: 'the socket is not already bound', outcome: { status: 'STATUS_ADDRESS_ALREADY_ASSOCIATED', completesIrp: true }, synchronousWhenPending: false, source: P('"Bind"') },
  { id: 'bind-port-zero', order: '10', description: 'port 0 finds a free port in 49152-65535', outcome: { status: 'STATUS_TOO_MANY_ADDRESSES', completesIrp: true }, synchronousWhenPending: false, source: P('"Bind"') },
  { id: 'bind-sharing', order: '11', description: "every overlapping binding (same transport, same port, overlapping address on the same stack) allows the bind under the active profile's sharing table (abi/sharing-rules.ts); the first refusal in bind order decides and reason.rule is its cell id; the status is the profile's INUSE or DENIED report (wsk: STATUS_ADDRESS_ALREADY_EXISTS / STATUS_ACCESS_DENIED; winsock, winsock-xp: STATUS_SHARING_VIOLATION / STATUS_ACCESS_DENIED)", outcome: { status: 'STATUS_ADDRESS_ALREADY_EXISTS', completesIrp: true }, synchronousWhenPending: false, source: P('"Bind"') },
  { id: 'bind-dual-stack', order: '11', description: "a dual-stack socket (AF_INET6, IPV6_V6ONLY = 0) bound to a v4-mapped address, or to :: with SO_EXCLUSIVEADDRUSE, also has an IPv4 side, judged against IPv4 bindings by the same table in the same check; a refusal on either stack binds nothing. On a V6ONLY socket a v4-mapped address is an IPv6 address like any other", outcome: { status: 'STATUS_ADDRESS_ALREADY_EXISTS', completesIrp: true }, synchronousWhenPending: false, source: P('"Bind": dual stack') },
] as const satisfies readonly CheckRow[];

/** Identifier of a control check. */
export type ControlCheckId = (typeof CONTROL_CHECKS)[number]['id'];

/** The knobs on which the strict and lenient presets differ. */
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

/** The two policy presets of POLICY.md. */
export const POLICY_PRESETS = {
  strict: { name: 'strict', setInputSize: 'exact', unusedArgs: 'reject', boolDomain: 'reject', setAfterBind: 'reject' },
  lenient: { name: 'lenient', setInputSize: 'atLeast', unusedArgs: 'ignore', boolDomain: 'normalize', setAfterBind: 'store' },
} as const satisfies Record<string, PolicySettings>;

/** Name of a policy preset. */
export type PolicyPresetName = keyof typeof POLICY_PRESETS;

/** Every named policy entry: POLICY.md's decisions and this project's additions where POLICY.md is silent. */
export const POLICY_ENTRIES = [
  { id: 'presets', summary: 'strict (default) judges against the documented parameter table; lenient checks only what the operation needs', rationale: 'conformance testing wants strict, compatibility testing wants lenient', source: P('preamble') },
  { id: 'check-order', summary: 'WskControlSocket checks run in the order of CONTROL_CHECKS; the first failing check decides', rationale: 'the order is observable (AFD size probes, WSK-SPEC.md §8.2)', source: P('"WskControlSocket: order of checks"') },
  { id: 'failure-changes-nothing', summary: 'every failure leaves socket state, OutputBuffer and *OutputSizeReturned unchanged', rationale: 'no document allows partial writes', source: P('after the check table') },
  { id: 'set-success', summary: 'Set success returns STATUS_SUCCESS; the IRP is completed with {STATUS_SUCCESS, 0}', rationale: 'Set returns no bytes', source: P('"Results, IRP and byte counts"') },
  { id: 'get-success', summary: 'Get success writes the value as a little-endian ULONG into the first 4 bytes of OutputBuffer only; IRP {STATUS_SUCCESS, 4}', rationale: 'D1 IoStatus.Information is the byte count', source: P('"Results, IRP and byte counts"') },
  { id: 'output-size-returned', summary: '*OutputSizeReturned is written (as a SIZE_T of the arch) only when no IRP is used and it is given', rationale: 'D1 OutputSizeReturned rules; header declares SIZE_T *', source: P('"Results, IRP and byte counts"') },
  { id: 'failure-information', summary: 'on failure IoStatus.Information = 0', rationale: 'AFD-level measurement (Wine afd.c)', source: P('"Results, IRP and byte counts"') },
  { id: 'inline-completion', summary: 'completion inline: the IRP is completed (callback run) before the call returns, and the return value equals IoStatus.Status', rationale: 'WSK-SPEC.md §1.3 option considered', source: P('"Results, IRP and byte counts"') },
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
  { id: 'bind-category-transport', summary: 'WskBind of a listening, connection or stream socket whose type is not SOCK_STREAM fails with STATUS_NOT_IMPLEMENTED (through the IRP)', rationale: 'measured on Windows: Wine driver_netio.c binds a UDP WSK_FLAG_LISTEN_SOCKET and gets STATUS_NOT_IMPLEMENTED', source: { ref: 'WINE-netio-test', at: 'dlls/ntoskrnl.exe/tests/driver_netio.c (WSK-SPEC.md §8.1)', layer: 'WSK' } },
  { id: 'stream-socket-options', summary: 'a stream socket accepts every option valid for a listening or a connection-oriented socket', rationale: 'the option pages predate stream sockets; a stream socket acts as either (WSK-SPEC.md §2.5)', source: ADD('stream sockets and options') },
  { id: 'close-cancels-pending', summary: "WskCloseSocket first completes the socket's undelivered pending IRPs with STATUS_CANCELLED, Information 0, in submission order", rationale: 'a closed socket cannot complete later work; Wine netio.sys cancels pending I/O at close', source: ADD('WskCloseSocket with pending IRPs') },
  { id: 'close-marks-closing', summary: 'after WskCloseSocket is called (even when its completion is pending) the socket handle is invalid: every later call is fault InvalidSocket', rationale: 'D1: the application must not call a socket function after WskCloseSocket', source: ADD('use after close') },
  { id: 'forced-close-harness', summary: 'the harness can put a socket in the forced-closed state (provider.forceClose, vector op "forceClose")', rationale: 'needed to exercise check 3; the transport event itself is not modelled', source: ADD('forced-closed state') },
  { id: 'bind-raw', summary: 'a datagram socket of type SOCK_RAW binds without registering a transport port: it never conflicts', rationale: 'raw sockets have no port; POLICY.md names only TCP and UDP', source: ADD('raw sockets at bind') },
  { id: 'option-family', summary: 'an option whose row lists families (IPPROTO_IPV6 options: AF_INET6 only) used on a socket of another family fails with STATUS_INVALID_PARAMETER (control check 7b, after the category check)', rationale: 'user-mode setsockopt reports WSAEINVAL when "the level parameter is not valid" (S1 nf-winsock-setsockopt.md), which maps to STATUS_INVALID_PARAMETER; STATUS_NOT_SUPPORTED is kept for options the provider does not know at all (check 5)', source: ADD('option family check') },
  { id: 'ipv6-v6only-default', summary: 'IPV6_V6ONLY defaults to 1 on every AF_INET6 socket; 0 set before bind makes it dual-stack', rationale: 'as on Windows (POLICY.md); the WSK sample clears it explicitly before binding', source: P('"Bind": dual stack') },
  { id: 'ipv6-v6only-shape', summary: 'IPV6_V6ONLY Set/Get take the SOL_SOCKET boolean forms: sizeof(ULONG), value 0 or 1, IRP required, OutputSizeReturned NULL; Set only before bind', rationale: 'the only WSK use (Microsoft echosrv sample) passes exactly this form; no WSK page documents the option', source: ADD('IPV6_V6ONLY parameter forms') },
  { id: 'dual-stack', summary: 'a dual-stack socket bound to ::ffff:a.b.c.d also binds a.b.c.d on the IPv4 stack; bound to :: it also binds 0.0.0.0 only with SO_EXCLUSIVEADDRUSE; both stacks must allow, or nothing is bound', rationale: 'Wine ws2_32 tests measured on Windows; W1 and the 2007 networking blog: the check runs on both stacks', source: P('"Bind": dual stack') },
  { id: 'sharing-profile', summary: 'the outcome of an overlap is the active profile\'s table cell (abi/sharing-rules.ts); reason.rule = the cell id <profile>[.<table>]:<FIRST>/<SECOND>, reason.conflictSocket = the first socket, reason.source = the cell citation', rationale: 'every outcome names the table cell that produced it (BIND-RULES.md §8)', source: P('"Bind"') },
  { id: 'sharing-every-overlap', summary: 'when several bound sockets overlap the candidate, every one must allow; the first refusal in bind order decides', rationale: 'POLICY.md', source: P('"Bind"') },
  { id: 'sharing-check-sd', summary: "wsk CHECK cells: SUCCESS when the FIRST socket's security descriptor allows the SECOND socket's owner, else STATUS_ACCESS_DENIED; the default descriptor allows no one", rationale: 'D2 sharing-transport-addresses.md and so-wsk-security.md; an SD is modelled as an allow-list of principals (VECTORS.md cacheSd)', source: P('"Bind"') },
  { id: 'sharing-success-reason', summary: 'a bind that overlaps sockets which all allow it reports the cell of the earliest-bound overlapping socket; a bind that overlaps nothing reports bind-conflict-scope', rationale: 'every result says which rule decided', source: ADD('reason of a successful bind') },
  { id: 'sharing-wsa-code', summary: 'reason.wsaError carries the Winsock code of a sharing refusal (WSAEADDRINUSE for INUSE, WSAEACCES for DENIED, on every profile), 0 otherwise', rationale: 'users ask for both the NTSTATUS and the Winsock error (BIND-RULES.md §8); wsk uses the §0 equivalence', source: ADD('WSA code beside the NTSTATUS') },
  { id: 'port-zero-sides', summary: 'port 0 on a dual-stack socket takes the lowest dynamic port free on every stack the bind occupies', rationale: 'a dual-stack bind must succeed on both stacks', source: ADD('port 0 and dual stack') },
  { id: 'so-wsk-security-value', summary: 'SO_WSK_SECURITY: the PSECURITY_DESCRIPTOR value is the cached descriptor handle (cacheSecurityDescriptor) written as a pointer-sized little-endian integer (4 bytes x86, 8 x64); a Set whose value is not a live cached handle (0 included) fails check 11 with STATUS_INVALID_PARAMETER; a Get writes the current handle, 0 for the default descriptor, and IoStatus.Information = sizeof(PVOID)', rationale: 'the simulator has no kernel pointers; handles stand for cached SDs (WSK-SPEC.md §7 item 10: no separate copy is modelled)', source: ADD('SO_WSK_SECURITY pointer value') },
  { id: 'sd-copy-at-apply', summary: 'a socket keeps the descriptor applied to it (at WskSocket or by SO_WSK_SECURITY) even if the client later releases its cached handle', rationale: 'D2: the cached copy may be released once the IRP has completed, so the socket must hold its own copy', source: ADD('descriptor lifetime') },
  { id: 'size-t-range', summary: 'a SIZE_T argument that does not fit the arch (>= 2^32 on x86, >= 2^64 on x64) is misuse of the TypeScript API and throws AbiUsageError', rationale: 'C cannot pass such a value', source: ADD('SIZE_T range') },
] as const satisfies readonly PolicyEntry[];

/** Identifier of a policy entry. */
export type PolicyId = (typeof POLICY_ENTRIES)[number]['id'];
