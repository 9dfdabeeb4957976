/**
 * The CALL dispatch table (docs/PROTOCOL.md "Arguments of CALL"): one row per function id with the C argument
 * list as sent and the provider entry point that answers it. A row whose `call` is null answers
 * STATUS_NOT_IMPLEMENTED with its IRP completed (policy entry harness-not-implemented); giving the provider a new
 * entry point means filling in that row's `call`.
 */
import type { SocketCategory } from '../../abi/schema';
import { STATUS, WSK_FLAG } from '../codec/names';
import type { WskProvider } from '../provider/provider';
import { Fault } from '../provider/result';
import { ERROR_CODE, EVENT, ProtocolError } from './protocol';

/** How an argument is sent and what C type a VALUE must fit. BUFFER and IRP arguments may also be NULL. */
export type ArgType = 'ULONG' | 'USHORT' | 'SIZE_T' | 'PTR' | 'SOCKET' | 'BUFFER' | 'IRP';

/** One argument of a function, in C prototype order. */
export interface ArgSpec {
  /** The parameter's name in the WDK prototype. */
  readonly name: string;
  readonly type: ArgType;
}

/** The decoded arguments of one CALL, in arrays the session reuses from call to call. */
export interface CallArgs {
  count: number;
  /** VALUE and SOCKET arguments (a bigint only for a SIZE_T or pointer value of 2^53 or more). */
  readonly values: (number | bigint)[];
  /** BUFFER and IRP arguments: the caller's memory as the provider sees and writes it; null = NULL. */
  readonly buffers: (Buffer | null)[];
}

/** What a call created, filled in by the handler (reset to 0 before each call). */
export interface CallOutcome {
  newSocket: number;
  newSocketFlags: number;
  newSocketFamily: number;
}

/** A provider entry point answering a CALL: returns the NTSTATUS or fault (a negative number). */
export type CallHandler = (p: WskProvider, a: CallArgs, out: CallOutcome) => number;

/** One row of the dispatch table. */
export interface FunctionRow {
  readonly id: number;
  readonly name: string;
  readonly args: readonly ArgSpec[];
  /** The provider entry point, or null: the simulator does not model this function yet. */
  readonly call: CallHandler | null;
  /**
   * The call creates a socket whose handle the provider returns as IoStatus.Information of a successful IRP
   * (WskAccept, WskSocketConnect): the RESULT or COMPLETION that completes the IRP names it as the new socket.
   */
  readonly createsSocket?: true;
}

const A = (name: string, type: ArgType): ArgSpec => ({ name, type });
const SOCKET = A('Socket', 'SOCKET');
const IRP = A('Irp', 'IRP');
const num = (v: number | bigint): number => (typeof v === 'number' ? v : Number(v));

/** WskSocket: the provider creates sockets synchronously; the harness completes the IRP with {status, handle}. */
const wskSocket: CallHandler = (p, a, out) => {
  const irp = a.buffers[5]!;
  if (irp !== null && irp.length < p.layout.sizeofIrp) return p.fault('buffers-cover-sizes', Fault.IrpOverrun);
  const r = p.wskSocket({
    family: num(a.values[0]!), type: num(a.values[1]!), protocol: num(a.values[2]!), flags: num(a.values[3]!),
    securityDescriptor: num(a.values[4]!),
  });
  if (r.socket !== 0) {
    out.newSocket = r.socket;
    out.newSocketFlags = num(a.values[3]!);
    out.newSocketFamily = num(a.values[0]!);
  }
  if (irp !== null) p.complete(irp, r.status, r.socket);
  return r.status;
};

/**
 * WskSocketConnect: a connection socket bound to LocalAddress and connected to RemoteAddress; the IRP completes with
 * {status, the new socket's handle}, within the call or later (the session names the socket from the completion).
 */
const wskSocketConnect: CallHandler = (p, a, out) => {
  const r = p.wskSocketConnect({
    type: num(a.values[0]!), protocol: num(a.values[1]!), localAddress: a.buffers[2], remoteAddress: a.buffers[3], flags: num(a.values[4]!),
    securityDescriptor: num(a.values[5]!),
  }, a.buffers[6]);
  // With an IRP the socket is named by the frame that completes it (the session reads IoStatus.Information).
  if (r.socket !== 0 && a.buffers[6] === null) setNewSocket(p, r.socket, out);
  return r.status;
};

/** WSK_FLAG_* of each socket category (WSK-SPEC.md "socket categories"). */
const CATEGORY_FLAG: { readonly [K in SocketCategory]: number } = {
  basic: WSK_FLAG.WSK_FLAG_BASIC_SOCKET!, listen: WSK_FLAG.WSK_FLAG_LISTEN_SOCKET!, connection: WSK_FLAG.WSK_FLAG_CONNECTION_SOCKET!,
  datagram: WSK_FLAG.WSK_FLAG_DATAGRAM_SOCKET!, stream: WSK_FLAG.WSK_FLAG_STREAM_SOCKET!,
};

/** Name a live socket as the outcome's new socket (handle, WSK_FLAG_* category, family); false when it is not live. */
export function setNewSocket(p: WskProvider, handle: number, out: CallOutcome): boolean {
  const s = p.inspect(handle);
  if (s === undefined) return false;
  out.newSocket = handle;
  out.newSocketFlags = CATEGORY_FLAG[s.category];
  out.newSocketFamily = s.family;
  return true;
}

/** Every function of docs/PROTOCOL.md, by id. */
export const FUNCTIONS: readonly FunctionRow[] = [
  { id: 1, name: 'WskSocket', args: [A('AddressFamily', 'USHORT'), A('SocketType', 'USHORT'), A('Protocol', 'ULONG'), A('Flags', 'ULONG'), A('SecurityDescriptor', 'PTR'), IRP], call: wskSocket },
  {
    id: 2, name: 'WskSocketConnect', createsSocket: true,
    args: [A('SocketType', 'USHORT'), A('Protocol', 'ULONG'), A('LocalAddress', 'BUFFER'), A('RemoteAddress', 'BUFFER'), A('Flags', 'ULONG'), A('SecurityDescriptor', 'PTR'), IRP],
    call: wskSocketConnect,
  },
  {
    id: 3, name: 'WskControlClient',
    args: [A('ControlCode', 'ULONG'), A('InputSize', 'SIZE_T'), A('InputBuffer', 'BUFFER'), A('OutputSize', 'SIZE_T'), A('OutputBuffer', 'BUFFER'), A('OutputSizeReturned', 'BUFFER'), IRP],
    call: (p, a) => p.wskControlClient(num(a.values[0]!), a.values[1]!, a.buffers[2], a.values[3]!, a.buffers[4], a.buffers[5], a.buffers[6]),
  },
  {
    id: 4, name: 'WskControlSocket',
    args: [SOCKET, A('RequestType', 'ULONG'), A('ControlCode', 'ULONG'), A('Level', 'ULONG'), A('InputSize', 'SIZE_T'), A('InputBuffer', 'BUFFER'), A('OutputSize', 'SIZE_T'), A('OutputBuffer', 'BUFFER'), A('OutputSizeReturned', 'BUFFER'), IRP],
    call: (p, a) => p.wskControlSocket(num(a.values[0]!), num(a.values[1]!), num(a.values[2]!), num(a.values[3]!), a.values[4]!, a.buffers[5], a.values[6]!, a.buffers[7], a.buffers[8], a.buffers[9]),
  },
  { id: 5, name: 'WskCloseSocket', args: [SOCKET, IRP], call: (p, a) => p.wskCloseSocket(num(a.values[0]!), a.buffers[1]) },
  { id: 6, name: 'WskBind', args: [SOCKET, A('LocalAddress', 'BUFFER'), A('Flags', 'ULONG'), IRP], call: (p, a) => p.wskBind(num(a.values[0]!), a.buffers[1], num(a.values[2]!), a.buffers[3]) },
  { id: 7, name: 'WskConnect', args: [SOCKET, A('RemoteAddress', 'BUFFER'), A('Flags', 'ULONG'), IRP], call: (p, a) => p.wskConnect(num(a.values[0]!), a.buffers[1], num(a.values[2]!), a.buffers[3]) },
  { id: 8, name: 'WskListen', args: [SOCKET, IRP], call: (p, a) => p.wskListen(num(a.values[0]!), a.buffers[1]) },
  {
    id: 9, name: 'WskAccept', createsSocket: true,
    args: [SOCKET, A('Flags', 'ULONG'), A('LocalAddress', 'BUFFER'), A('RemoteAddress', 'BUFFER'), IRP],
    call: (p, a) => p.wskAccept(num(a.values[0]!), num(a.values[1]!), a.buffers[2], a.buffers[3], a.buffers[4]),
  },
  { id: 10, name: 'WskDisconnect', args: [SOCKET, A('Buffer', 'PTR'), A('Flags', 'ULONG'), IRP], call: (p, a) => p.wskDisconnect(num(a.values[0]!), num(a.values[1]!), num(a.values[2]!), a.buffers[3]) },
  { id: 11, name: 'WskGetLocalAddress', args: [SOCKET, A('LocalAddress', 'BUFFER'), IRP], call: (p, a) => p.wskGetLocalAddress(num(a.values[0]!), a.buffers[1], a.buffers[2]) },
  { id: 12, name: 'WskGetRemoteAddress', args: [SOCKET, A('RemoteAddress', 'BUFFER'), IRP], call: (p, a) => p.wskGetRemoteAddress(num(a.values[0]!), a.buffers[1], a.buffers[2]) },
  { id: 13, name: 'WskSend', args: [SOCKET, IRP], call: null },
  { id: 14, name: 'WskReceive', args: [SOCKET, IRP], call: null },
  { id: 15, name: 'WskSendTo', args: [SOCKET, IRP], call: null },
  { id: 16, name: 'WskReceiveFrom', args: [SOCKET, IRP], call: null },
  { id: 17, name: 'WskRelease', args: [SOCKET, IRP], call: null },
  { id: 18, name: 'WskInspectComplete', args: [SOCKET, IRP], call: null },
  { id: 19, name: 'WskSendMessages', args: [SOCKET, IRP], call: null },
  { id: 20, name: 'WskConnectEx', args: [SOCKET, IRP], call: null },
];

/** Rows indexed by their id (undefined for an unknown id). */
function byId(rows: readonly FunctionRow[]): readonly (FunctionRow | undefined)[] {
  const t: (FunctionRow | undefined)[] = [];
  for (const r of rows) t[r.id] = r;
  return t;
}

/** The rows indexed by function id (undefined for an unknown id). */
export const FUNCTION_BY_ID = byId(FUNCTIONS);

/** The answer of a function the simulator does not model: STATUS_NOT_IMPLEMENTED, its IRP completed with it. */
export function notImplemented(p: WskProvider, row: FunctionRow, a: CallArgs): number {
  const irpIndex = row.args.findIndex((x) => x.type === 'IRP');
  const irp = irpIndex < 0 ? null : a.buffers[irpIndex]!;
  if (irp !== null && irp.length < p.layout.sizeofIrp) return p.fault('buffers-cover-sizes', Fault.IrpOverrun);
  return p.fail(irp, STATUS.STATUS_NOT_IMPLEMENTED, 'harness-not-implemented');
}

/** The SOCKADDR argument of an event: NULL is a protocol error (an event names real addresses). */
function address(a: CallArgs, i: number, name: string): Buffer {
  const b = a.buffers[i];
  if (b === null || b === undefined) throw new ProtocolError(ERROR_CODE.ARGUMENTS, `the event's ${name} is NULL (it must be a SOCKADDR)`);
  return b;
}

/**
 * The harness events of an EVENT frame (docs/PROTOCOL.md "Harness events"), rows of the same shape as the functions:
 * `call` returns the event's value (>= 0) or a fault (a negative number).
 */
export const EVENTS: readonly FunctionRow[] = [
  {
    id: EVENT.INCOMING, name: 'incoming', args: [A('From', 'BUFFER'), A('To', 'BUFFER')],
    call: (p, a) => p.incomingConnection(address(a, 0, 'From'), address(a, 1, 'To')),
  },
  {
    id: EVENT.PEER_CLOSE, name: 'peerClose', args: [SOCKET],
    call: (p, a) => (p.inspect(num(a.values[0]!)) === undefined ? p.fault('socket-live', Fault.InvalidSocket) : (p.peerClose(num(a.values[0]!)), 0)),
  },
  { id: EVENT.ADVANCE_TIME, name: 'advanceTime', args: [A('Seconds', 'ULONG')], call: (p, a) => { p.advanceTime(num(a.values[0]!)); return Math.floor(p.now); } },
  {
    id: EVENT.REMOTE_LISTENER, name: 'remote', args: [A('Address', 'BUFFER')],
    call: (p, a) => { p.addRemoteListener(address(a, 0, 'Address')); return 0; },
  },
];

/** The event rows indexed by event id. */
export const EVENT_BY_ID = byId(EVENTS);
