/**
 * Connections as state, without data transfer (docs/POLICY.md#connections): WskListen, WskAccept, WskConnect,
 * WskSocketConnect, WskDisconnect, WskGetLocalAddress and WskGetRemoteAddress; routing of incoming connections to
 * listening sockets; closing of connected and listening sockets; TIME_WAIT lingering endpoints and the reservation an
 * exclusive listener leaves behind while connections it accepted are active; and the harness side (a remote peer
 * connecting or closing, remote listeners, simulated time).
 *
 * State lives on the socket (`SimSocket.net`, null until a socket listens or connects), so a bind pays nothing for it:
 * accepted sockets are not registered in the endpoint table (a connection never conflicts with a bind), and a closed
 * exclusive listener that still has accepted connections stays registered there, closed, until the last of them ends
 * (so a bind judges it by the sharing table in O(1), as it would the listener).
 */
import type { WskFunctionName } from '../../abi/schema';
import { AF, IO_FLAG, SOCK, STATUS } from '../codec/names';
import { SIZEOF_SOCKADDR_IN, SIZEOF_SOCKADDR_IN6 } from '../codec/sockaddr';
import { AbiUsageError } from '../errors';
import { bindNow, releaseBinding, word } from './bind';
import { addrNextOn, TRANSPORT_TCP } from './endpoint-table';
import type { WskProvider } from './provider';
import { Fault } from './result';
import { OPTION_STATE_INDEX, SimSocket, STACK_V4, STACK_V6 } from './socket';

const { STATUS_SUCCESS, STATUS_PENDING, STATUS_INVALID_PARAMETER, STATUS_INVALID_DEVICE_STATE, STATUS_FILE_FORCED_CLOSED } = STATUS;
const V6ONLY = OPTION_STATE_INDEX.ipv6Only;
const CONDITIONAL_ACCEPT = OPTION_STATE_INDEX.conditionalAccept;
const KEEPALIVE = OPTION_STATE_INDEX.keepAlive;
const RCVBUF = OPTION_STATE_INDEX.rcvBuf;

/** TIME_WAIT of a connection the local side closed gracefully first: Windows' default TcpTimedWaitDelay (policy connection-time-wait). */
export const TIME_WAIT_SECONDS = 240;

/** A transport address as scalars (an IPv4 address in w0; big-endian words, as SimSocket keeps its bound address). */
export class Addr {
  constructor(
    public family: number, public port: number,
    public w0: number, public w1: number, public w2: number, public w3: number,
    public flow: number, public scope: number,
  ) {}
}

/** Connection states. */
export const CONN_OPEN = 0;
/** WskDisconnect with flags 0 was called: the local side closed first unless the peer had. */
export const CONN_GRACEFUL = 1;
/** WskDisconnect with WSK_FLAG_ABORTIVE, or a reset: nothing lingers. */
export const CONN_ABORTED = 2;

const STATE_MASK = 3;
const PEER_CLOSED = 4;
const PEER_CLOSED_FIRST = 8;
const LOCAL_FROM_REMOTE = 16;
const PORT_SHIFT = 8;

/**
 * A connection held by an accepted socket or a connected connection-oriented / stream socket. The state, the three
 * flags and the remote port share one small integer (`bits`), and an IPv4 connection keeps one address word (an IPv6
 * one is a Connection6), so that a connection costs few fields (the connection goal of bench (b): half of a million
 * bound sockets carry one). Create one with newConnection.
 */
export class Connection {
  /** state (bits 0-1), PEER_CLOSED, PEER_CLOSED_FIRST, LOCAL_FROM_REMOTE, remote port (bits 8-23). */
  private bits: number;
  /** The other end when it is a socket of this provider (a loopback connection), else null. */
  peer: SimSocket | null = null;
  /** The remote address's first word (the IPv4 address of an AF_INET socket). */
  readonly r0: number;
  /**
   * @param listener the listening socket that accepted it (it holds that listener's reservation), or null
   * @param serial its number among the listener's accepted connections (1-based; the inspect ID's SerialNumber), or 0
   */
  constructor(readonly listener: SimSocket | null, readonly serial: number, remote: Addr) {
    this.bits = (remote.port << PORT_SHIFT) | CONN_OPEN;
    this.r0 = remote.w0;
  }

  /** CONN_OPEN, CONN_GRACEFUL or CONN_ABORTED. */
  get state(): number { return this.bits & STATE_MASK; }
  set state(v: number) { this.bits = (this.bits & ~STATE_MASK) | v; }
  /** The remote side closed (harness peerClose, or a local peer's disconnect or close). */
  get peerClosed(): boolean { return (this.bits & PEER_CLOSED) !== 0; }
  set peerClosed(v: boolean) { this.bits = v ? this.bits | PEER_CLOSED : this.bits & ~PEER_CLOSED; }
  /** The remote side closed while this side was still open: this side's close is passive and does not linger. */
  get peerClosedFirst(): boolean { return (this.bits & PEER_CLOSED_FIRST) !== 0; }
  set peerClosedFirst(v: boolean) { this.bits = v ? this.bits | PEER_CLOSED_FIRST : this.bits & ~PEER_CLOSED_FIRST; }
  /** Whether the local address reads as the remote one (a wildcard-bound socket that connected to a local address). */
  get localFromRemote(): boolean { return (this.bits & LOCAL_FROM_REMOTE) !== 0; }
  set localFromRemote(v: boolean) { this.bits = v ? this.bits | LOCAL_FROM_REMOTE : this.bits & ~LOCAL_FROM_REMOTE; }
  /** The remote port. */
  get rPort(): number { return this.bits >>> PORT_SHIFT; }
}

/** The connection of an AF_INET6 socket: the other three address words, flow info and scope id. */
export class Connection6 extends Connection {
  readonly r1: number;
  readonly r2: number;
  readonly r3: number;
  readonly rFlow: number;
  readonly rScope: number;

  constructor(listener: SimSocket | null, serial: number, remote: Addr) {
    super(listener, serial, remote);
    this.r1 = remote.w1; this.r2 = remote.w2; this.r3 = remote.w3;
    this.rFlow = remote.flow; this.rScope = remote.scope;
  }
}

/** A connection of a socket whose remote address is `remote` (in the socket's family). */
function newConnection(listener: SimSocket | null, serial: number, remote: Addr): Connection {
  return remote.family === AF.AF_INET6 ? new Connection6(listener, serial, remote) : new Connection(listener, serial, remote);
}

/** A connection routed to a listening socket, waiting for WskAccept. */
interface Incoming {
  readonly local: Addr;
  readonly remote: Addr;
  readonly peer: SimSocket | null;
}

/** A WskAccept waiting for a connection. */
interface AcceptWaiter {
  readonly irp: Uint8Array;
  readonly local: Uint8Array | null;
  readonly remote: Uint8Array | null;
}

/** The listening state of a socket (created when a stream socket listens, or a listening socket first gets a connection). */
export class Listener {
  /** Routed connections not yet accepted, oldest first. */
  backlog: Incoming[] | null = null;
  /** WskAccept IRPs waiting for a connection, oldest first. */
  waiters: AcceptWaiter[] | null = null;
  /** Connections it accepted that are still active or lingering (policy connection-exclusive-reservation). */
  held = 0;
  /** Connections accepted so far. */
  accepted = 0;
}

/** A TIME_WAIT endpoint left by a closed socket (policy connection-time-wait). */
export class Lingering {
  constructor(
    /** Handle the closed socket had. */
    readonly handle: number,
    /** The listener whose reservation it holds, or null. */
    readonly listener: SimSocket | null,
    /** Simulated second at which it is released. */
    readonly until: number,
  ) {}
}

// ---- addresses ----------------------------------------------------------------------------------------------

/** sizeof the SOCKADDR of a family (SOCKADDR_IN or SOCKADDR_IN6). */
export function sockaddrSize(family: number): number {
  return family === AF.AF_INET6 ? SIZEOF_SOCKADDR_IN6 : SIZEOF_SOCKADDR_IN;
}

function putWord(b: Uint8Array, off: number, w: number): void {
  b[off] = w >>> 24; b[off + 1] = w >>> 16; b[off + 2] = w >>> 8; b[off + 3] = w;
}

/** Decode a SOCKADDR_IN / SOCKADDR_IN6 image whose family and length were checked. */
export function readAddr(a: Uint8Array): Addr {
  const family = a[0]! | (a[1]! << 8);
  const port = (a[2]! << 8) | a[3]!;
  if (family === AF.AF_INET) return new Addr(family, port, word(a, 4), 0, 0, 0, 0, 0);
  return new Addr(family, port, word(a, 8), word(a, 12), word(a, 16), word(a, 20), word(a, 4) >>> 0, (a[24]! | (a[25]! << 8) | (a[26]! << 16) | (a[27]! << 24)) >>> 0);
}

/** Write an address as the SOCKADDR of its family (zeroed padding); returns the byte count. */
export function writeAddr(b: Uint8Array, a: Addr): number {
  b[0] = a.family; b[1] = a.family >>> 8;
  b[2] = a.port >>> 8; b[3] = a.port;
  if (a.family === AF.AF_INET) {
    putWord(b, 4, a.w0);
    for (let i = 8; i < SIZEOF_SOCKADDR_IN; i++) b[i] = 0;
    return SIZEOF_SOCKADDR_IN;
  }
  putWord(b, 4, a.flow); putWord(b, 8, a.w0); putWord(b, 12, a.w1); putWord(b, 16, a.w2); putWord(b, 20, a.w3);
  b[24] = a.scope; b[25] = a.scope >>> 8; b[26] = a.scope >>> 16; b[27] = a.scope >>> 24;
  return SIZEOF_SOCKADDR_IN6;
}

/** Whether a SOCKADDR buffer is shorter than its family field, or than the SOCKADDR its family names (SOCKADDR_IN for any family but AF_INET6). */
function overrunsSockaddr(b: Uint8Array): boolean {
  return b.length < 2 || b.length < sockaddrSize(b[0]! | (b[1]! << 8));
}

function isV4Mapped(a: Addr): boolean {
  return a.family === AF.AF_INET6 && a.w0 === 0 && a.w1 === 0 && a.w2 === 0x0000ffff;
}

/** An IPv4 address, or a v4-mapped IPv6 one, as IPv4; other IPv6 addresses unchanged (policy connection-v4-mapped). */
function onWire(a: Addr): Addr {
  return isV4Mapped(a) ? new Addr(AF.AF_INET, a.port, a.w3, 0, 0, 0, 0, 0) : a;
}

/** An address in a socket family's form: IPv4 in an AF_INET6 socket is v4-mapped; null when it cannot be expressed. */
function inFamily(a: Addr, family: number): Addr | null {
  if (a.family === family) return a;
  if (family === AF.AF_INET6) return new Addr(AF.AF_INET6, a.port, 0, 0, 0x0000ffff, a.w0, 0, 0);
  const w = onWire(a);
  return w.family === AF.AF_INET ? w : null;
}

function isWildcard(a: Addr): boolean {
  return a.family === AF.AF_INET ? a.w0 === 0 : (a.w0 | a.w1 | a.w2 | a.w3) === 0;
}

/** Loopback, or an address of the host's list (policy connection-local-address); `a` is on the wire (onWire). */
function isLocal(p: WskProvider, a: Addr): boolean {
  if (a.family === AF.AF_INET) {
    if (a.w0 >>> 24 === 127) return true;
    for (const h of p.hostAddressList(AF.AF_INET)) if (word(h, 4) === a.w0) return true;
    return false;
  }
  if (a.w0 === 0 && a.w1 === 0 && a.w2 === 0 && a.w3 === 1) return true;
  for (const h of p.hostAddressList(AF.AF_INET6)) if (word(h, 8) === a.w0 && word(h, 12) === a.w1 && word(h, 16) === a.w2 && word(h, 20) === a.w3) return true;
  return false;
}

function sameAddr(x: Addr, y: Addr): boolean {
  return x.family === y.family && x.port === y.port && x.w0 === y.w0 && x.w1 === y.w1 && x.w2 === y.w2 && x.w3 === y.w3;
}

/** The local address of a bound socket (its own fields; a connection's remote address when localFromRemote). */
export function localAddrOf(s: SimSocket): Addr {
  const c = connectionOf(s);
  if (c !== null && c.localFromRemote) return c instanceof Connection6 ? new Addr(s.family, s.port, c.r0, c.r1, c.r2, c.r3, 0, c.rScope) : new Addr(s.family, s.port, c.r0, 0, 0, 0, 0, 0);
  return new Addr(s.family, s.port, s.w0, s.w1, s.w2, s.w3, s.flowInfo, s.scopeId);
}

/** The remote address of a connection, in its socket's family. */
export function remoteAddrOf(s: SimSocket, c: Connection): Addr {
  return c instanceof Connection6 ? new Addr(s.family, c.rPort, c.r0, c.r1, c.r2, c.r3, c.rFlow, c.rScope) : new Addr(s.family, c.rPort, c.r0, 0, 0, 0, 0, 0);
}

// ---- state queries ------------------------------------------------------------------------------------------

/** The connection of a socket, or null. */
export function connectionOf(s: SimSocket): Connection | null {
  const n = s.net;
  return n instanceof Connection ? n : null;
}

/** Whether a socket listens: a bound listening socket, or a stream socket after WskListen (policy connection-listen). */
export function isListening(s: SimSocket): boolean {
  if (s.closing === true) return false;
  if (s.category === 'listen') return s.bound;
  return s.net instanceof Listener;
}

/** Whether a socket has a connection that was not aborted (check 12's "after connect"; policy after-connect-state). */
export function isConnected(s: SimSocket): boolean {
  const c = connectionOf(s);
  return c !== null && c.state !== CONN_ABORTED;
}

function listenerOf(s: SimSocket): Listener {
  const n = s.net;
  if (n instanceof Listener) return n;
  const l = new Listener();
  s.net = l;
  return l;
}

/** Whether a socket's binding was made with SO_EXCLUSIVEADDRUSE (its sharing kind's option part is E). */
function boundExclusive(s: SimSocket): boolean {
  return ((s.onV6 ? s.kind6 : s.kind4) >> 1) === 2;
}

// ---- the entry points -------------------------------------------------------------------------------------

/**
 * The live socket behind a handle whose dispatch table has `fn`, with a supplied IRP covering sizeof(IRP); otherwise
 * the fault (policies connection-dispatch, connection-buffers).
 */
function connectionSocket(p: WskProvider, socket: number, fn: WskFunctionName, irp: Uint8Array | null): SimSocket | number {
  const s = p.liveSocket(socket);
  if (s === null) return p.fault('socket-live', Fault.InvalidSocket);
  if (!p.hasFunction(s.category, fn)) return p.fault('connection-dispatch', Fault.NotInDispatchTable);
  if (irp !== null && irp.length < p.sizeofIrp) return p.fault('connection-buffers', Fault.IrpOverrun);
  return s;
}

/** The checks every connection call shares after its faults: forced close (check 3), then an IRP is required. */
function irpChecks(p: WskProvider, s: SimSocket, irp: Uint8Array | null): number {
  if (s.forcedClosed === true) return p.fail(irp, STATUS_FILE_FORCED_CLOSED, 'not-forced-closed');
  if (irp === null) { p.setReason('connection-irp'); return STATUS_INVALID_PARAMETER; }
  return -1;
}

/** WskListen (policy connection-listen). */
export function listen(p: WskProvider, socket: number, irp: Uint8Array | null): number {
  const s = connectionSocket(p, socket, 'WskListen', irp);
  if (typeof s === 'number') return s;
  const r = irpChecks(p, s, irp);
  if (r >= 0) return r;
  if (p.deferIrps) return p.defer(irp!, s, () => listenRest(p, s, irp!));
  return listenRest(p, s, irp!);
}

function listenRest(p: WskProvider, s: SimSocket, irp: Uint8Array): number {
  if (s.bound === false || connectionOf(s) !== null) return p.fail(irp, STATUS_INVALID_DEVICE_STATE, 'connection-listen');
  listenerOf(s);
  p.setReason('connection-listen');
  p.complete(irp, STATUS_SUCCESS, 0);
  return STATUS_SUCCESS;
}

/** WskAccept (policy connection-accept). */
export function accept(p: WskProvider, socket: number, flags: number, local: Uint8Array | null, remote: Uint8Array | null, irp: Uint8Array | null): number {
  const s = connectionSocket(p, socket, 'WskAccept', irp);
  if (typeof s === 'number') return s;
  const need = sockaddrSize(s.family);
  if (acceptBuffersShort(local, remote, need)) return p.fault('connection-buffers', Fault.AddressBufferOverrun);
  const r = irpChecks(p, s, irp);
  if (r >= 0) return r;
  if (p.deferIrps) {
    return p.defer(irp!, s, () => (acceptBuffersShort(local, remote, need)
      ? Fault.AddressBufferOverrun : acceptRest(p, s, flags, local, remote, irp!)));
  }
  return acceptRest(p, s, flags, local, remote, irp!);
}

/** Whether a WskAccept's LocalAddress or RemoteAddress is supplied but shorter than `need` (its family's SOCKADDR). */
function acceptBuffersShort(local: Uint8Array | null, remote: Uint8Array | null, need: number): boolean {
  return (local !== null && local.length < need) || (remote !== null && remote.length < need);
}

function acceptRest(p: WskProvider, s: SimSocket, flags: number, local: Uint8Array | null, remote: Uint8Array | null, irp: Uint8Array): number {
  if (flags !== 0) return p.fail(irp, STATUS_INVALID_PARAMETER, 'connection-reserved-flags');
  if (!isListening(s)) return p.fail(irp, STATUS_INVALID_DEVICE_STATE, 'connection-accept');
  const l = listenerOf(s);
  if (l.backlog !== null && l.backlog.length > 0) {
    const c = l.backlog.shift()!;
    if (l.backlog.length === 0) l.backlog = null;
    return completeAccept(p, s, l, c, local, remote, irp);
  }
  (l.waiters ??= []).push({ irp, local, remote });
  p.acceptWaiting++;
  p.setReason('connection-accept-pending');
  return STATUS_PENDING;
}

/** Create the accepted socket for a routed connection, write the address buffers and complete the IRP with its handle. */
function completeAccept(p: WskProvider, s: SimSocket, l: Listener, c: Incoming, local: Uint8Array | null, remote: Uint8Array | null, irp: Uint8Array): number {
  const a = p.createSocket('connection', s.family, SOCK.SOCK_STREAM!, s.protocol, s.owner, 0);
  if (a === null) {
    resetPeer(c.peer);
    return p.fail(irp, STATUS.STATUS_INSUFFICIENT_RESOURCES, 'socket-handle-reuse');
  }
  a.bound = true;
  a.transport = TRANSPORT_TCP;
  a.port = c.local.port;
  a.w0 = c.local.w0; a.w1 = c.local.w1; a.w2 = c.local.w2; a.w3 = c.local.w3;
  a.flowInfo = c.local.flow; a.scopeId = c.local.scope;
  a.v4Addr = a.family === AF.AF_INET ? a.w0 : a.w3;
  const serial = ++l.accepted;
  const conn = newConnection(s, s.options[CONDITIONAL_ACCEPT] !== 0 ? serial : 0, c.remote);
  l.held++;
  a.net = conn;
  // policy accept-inheritance
  a.options[KEEPALIVE] = s.options[KEEPALIVE]!;
  a.options[RCVBUF] = s.options[RCVBUF]!;
  if (c.peer !== null) {
    const pc = connectionOf(c.peer);
    if (pc !== null && c.peer.closing === false) { conn.peer = c.peer; pc.peer = a; }
  }
  if (local !== null) writeAddr(local, c.local);
  if (remote !== null) writeAddr(remote, c.remote);
  p.lastAccepted = a.handle;
  p.setReason('connection-accept');
  p.complete(irp, STATUS_SUCCESS, a.handle);
  return STATUS_SUCCESS;
}

/** The SOCKADDR a RemoteAddress buffer holds, or the fault / status that refuses it (policies connection-buffers, connection-remote-address). */
function remoteArg(p: WskProvider, s: SimSocket, b: Uint8Array | null): Addr | number {
  if (b === null) return STATUS_INVALID_PARAMETER;
  if (b.length < 2) return Fault.AddressBufferOverrun;
  const family = b[0]! | (b[1]! << 8);
  if (family !== AF.AF_INET && family !== AF.AF_INET6) return STATUS_INVALID_PARAMETER;
  if (b.length < sockaddrSize(family)) return Fault.AddressBufferOverrun;
  if (family !== s.family) return STATUS_INVALID_PARAMETER;
  return readAddr(b);
}

/** WskConnect (policies connection-connect, connection-routing). */
export function connect(p: WskProvider, socket: number, remote: Uint8Array | null, flags: number, irp: Uint8Array | null): number {
  p.routedListener = 0;
  const s = connectionSocket(p, socket, 'WskConnect', irp);
  if (typeof s === 'number') return s;
  if (remote !== null && overrunsSockaddr(remote)) return p.fault('connection-buffers', Fault.AddressBufferOverrun);
  const r = irpChecks(p, s, irp);
  if (r >= 0) return r;
  // measured on Windows (driver_netio.c): an unbound socket is refused at the call, in both completion modes
  if (s.bound === false) return p.fail(irp, STATUS_INVALID_DEVICE_STATE, 'connection-connect-unbound');
  if (p.deferIrps) {
    const need = remote === null ? 0 : sockaddrSize(remote[0]! | (remote[1]! << 8));
    return p.defer(irp!, s, () => (remote !== null && remote.length < need ? Fault.AddressBufferOverrun : connectRest(p, s, remote, flags, irp!)));
  }
  return connectRest(p, s, remote, flags, irp!);
}

function connectRest(p: WskProvider, s: SimSocket, remote: Uint8Array | null, flags: number, irp: Uint8Array): number {
  p.routedListener = 0;
  if (flags !== 0) return p.fail(irp, STATUS_INVALID_PARAMETER, 'connection-reserved-flags');
  const ra = remoteArg(p, s, remote);
  if (typeof ra === 'number') return p.fail(irp, ra, 'connection-remote-address');
  if (isListening(s)) return p.fail(irp, STATUS_INVALID_DEVICE_STATE, 'connection-connect');
  if (connectionOf(s) !== null) return p.fail(irp, STATUS.STATUS_CONNECTION_ACTIVE, 'connection-connect');
  const status = establish(p, s, ra);
  if (status !== STATUS_SUCCESS) return p.fail(irp, status, status === STATUS.STATUS_CONNECTION_REFUSED ? 'connection-refused' : 'connection-remote-address');
  p.complete(irp, STATUS_SUCCESS, 0);
  return STATUS_SUCCESS;
}

/**
 * Connect a bound socket to a remote address (checked, in the socket's family): a local address reaches this provider's
 * listeners by the routing rules, another a declared remote listener. Returns the status; records the reason.
 */
function establish(p: WskProvider, s: SimSocket, ra: Addr): number {
  // a v4-mapped address is IPv4 on the wire only from a dual-stack socket (policy connection-v4-mapped)
  const wire = s.family === AF.AF_INET6 && s.options[V6ONLY] !== 0 ? ra : onWire(ra);
  if (isWildcard(wire) || wire.port === 0) return STATUS.STATUS_INVALID_ADDRESS_COMPONENT;
  const conn = newConnection(null, 0, ra);
  if (isLocal(p, wire)) {
    const l = route(p, wire);
    if (l === null) { p.setReason('connection-refused'); return STATUS.STATUS_CONNECTION_REFUSED; }
    const boundWild = s.family === AF.AF_INET ? s.w0 === 0 : (s.w0 | s.w1 | s.w2 | s.w3) === 0;
    conn.localFromRemote = boundWild;
    s.net = conn;
    s.forgetFitRow();
    const from = localAddrOf(s);
    deliverIncoming(p, l, wire, onWire(from), s);
    p.routedListener = l.handle;
    p.setReason('connection-routing');
    return STATUS_SUCCESS;
  }
  if (p.remoteListeners === null || !p.remoteListeners.has(remoteKey(wire))) { p.setReason('connection-refused'); return STATUS.STATUS_CONNECTION_REFUSED; }
  s.net = conn;
  s.forgetFitRow();
  p.setReason('connection-remote-listener');
  return STATUS_SUCCESS;
}

/** Key of a remote listener's address (on the wire). */
export function remoteKey(a: Addr): string {
  return a.family === AF.AF_INET ? `4:${a.w0 >>> 0}:${a.port}` : `6:${a.w0 >>> 0}.${a.w1 >>> 0}.${a.w2 >>> 0}.${a.w3 >>> 0}:${a.port}`;
}

/**
 * The listening socket an incoming connection to `to` (on the wire) is routed to, or null (policy connection-routing):
 * a specific binding of the address over a wildcard one, the earliest bound among equals; on the IPv4 stack first, then
 * a dual-stack IPv6 wildcard listener for an IPv4 address.
 */
export function route(p: WskProvider, to: Addr): SimSocket | null {
  const stack = to.family === AF.AF_INET ? STACK_V4 : STACK_V6;
  const b = p.endpoints.bucket(stack, TRANSPORT_TCP, to.port);
  if (b !== undefined && b.total > 0) {
    for (let o = p.endpoints.firstWithWords(b, stack, to.w0, to.w1, to.w2, to.w3); o !== null; o = addrNextOn(o, stack)) {
      if (isListening(o)) return o;
    }
    for (let o = b.wildHead; o !== null; o = stack === STACK_V4 ? o.chainNext4 : o.chainNext6) if (isListening(o)) return o;
  }
  if (stack === STACK_V4) {
    const b6 = p.endpoints.bucket(STACK_V6, TRANSPORT_TCP, to.port);
    if (b6 !== undefined) {
      for (let o = b6.wildHead; o !== null; o = o.chainNext6) if (isListening(o) && o.options[V6ONLY] === 0) return o;
    }
  }
  return null;
}

/** A connection from `from` to `to` (both on the wire) arrives at listener `s`: an accept waiting takes it, else it queues. */
function deliverIncoming(p: WskProvider, s: SimSocket, to: Addr, from: Addr, peer: SimSocket | null): void {
  const l = listenerOf(s);
  const c: Incoming = { local: inFamily(to, s.family)!, remote: inFamily(from, s.family)!, peer };
  if (l.waiters !== null && l.waiters.length > 0) {
    const w = l.waiters.shift()!;
    if (l.waiters.length === 0) l.waiters = null;
    p.acceptWaiting--;
    const need = sockaddrSize(s.family);
    if (w.irp.length < p.sizeofIrp) { p.deliveryFault(w.irp, Fault.IrpOverrun); (l.backlog ??= []).push(c); return; }
    if (acceptBuffersShort(w.local, w.remote, need)) {
      p.deliveryFault(w.irp, Fault.AddressBufferOverrun);
      (l.backlog ??= []).push(c);
      return;
    }
    completeAccept(p, s, l, c, w.local, w.remote, w.irp);
    return;
  }
  (l.backlog ??= []).push(c);
}

/** WskSocketConnect (policy connection-socket-connect): create, bind and connect; the IRP carries the new handle. */
export function socketConnect(
  p: WskProvider, type: number, protocol: number, local: Uint8Array | null, remote: Uint8Array | null, flags: number,
  sd: number, owner: string, irp: Uint8Array | null,
): { status: number; socket: number } {
  p.routedListener = 0;
  if (irp !== null && irp.length < p.sizeofIrp) return { status: p.fault('connection-buffers', Fault.IrpOverrun), socket: 0 };
  if (local !== null && overrunsSockaddr(local)) return { status: p.fault('connection-buffers', Fault.AddressBufferOverrun), socket: 0 };
  if (remote !== null && overrunsSockaddr(remote)) return { status: p.fault('connection-buffers', Fault.AddressBufferOverrun), socket: 0 };
  if (irp === null) { p.setReason('connection-irp'); return { status: STATUS_INVALID_PARAMETER, socket: 0 }; }
  const family = local === null ? 0 : local[0]! | (local[1]! << 8);
  if (flags !== 0) { p.setReason('connection-reserved-flags'); return finishSocketConnect(p, irp, STATUS_INVALID_PARAMETER, 0); }
  if (local === null || (family !== AF.AF_INET && family !== AF.AF_INET6)) { p.setReason('connection-socket-connect'); return finishSocketConnect(p, irp, STATUS_INVALID_PARAMETER, 0); }
  if (type !== SOCK.SOCK_STREAM || (protocol !== 0 && protocol !== 6)) { p.setReason('connection-socket-connect'); return finishSocketConnect(p, irp, STATUS.STATUS_NOT_SUPPORTED, 0); }
  if (sd !== 0 && !p.liveSd(sd)) { p.setReason('connection-socket-connect'); return finishSocketConnect(p, irp, STATUS_INVALID_PARAMETER, 0); }
  const s = p.createSocket('connection', family, type, protocol, owner, sd);
  if (s === null) { p.setReason('socket-handle-reuse'); return finishSocketConnect(p, irp, STATUS.STATUS_INSUFFICIENT_RESOURCES, 0); }
  // bind and connect at the call, whatever the completion mode; the outcome is reported through the caller's IRP
  let status = bindNow(p, s, local);
  if (status === STATUS_SUCCESS) {
    const ra = remoteArg(p, s, remote);
    if (typeof ra === 'number') { status = ra; p.setReason('connection-remote-address'); } else status = establish(p, s, ra);
  }
  if (status !== STATUS_SUCCESS) {
    discard(p, s);
    return finishSocketConnect(p, irp, status, 0);
  }
  return finishSocketConnect(p, irp, STATUS_SUCCESS, s.handle);
}

/** Complete a WskSocketConnect's IRP with its outcome and the new handle (0 on failure), or queue that completion. */
function finishSocketConnect(p: WskProvider, irp: Uint8Array, status: number, handle: number): { status: number; socket: number } {
  if (p.deferIrps) {
    p.defer(irp, SOCKET_CONNECT_SENTINEL, () => { p.complete(irp, status, handle); return status; });
    return { status: STATUS_PENDING, socket: handle };
  }
  p.complete(irp, status, handle);
  return { status, socket: handle };
}

/** The socket a WskSocketConnect's deferred completion is queued under (no socket's close cancels it). */
const SOCKET_CONNECT_SENTINEL = new SimSocket(0, 'basic', 0, 0, 0, 0, 'system');

/** Remove a socket that never became visible to the caller (a failed WskSocketConnect). */
function discard(p: WskProvider, s: SimSocket): void {
  s.closing = true;
  releaseBinding(p, s);
  p.freeHandle(s);
}

/** WskDisconnect (policy connection-disconnect). */
export function disconnect(p: WskProvider, socket: number, buffer: number, flags: number, irp: Uint8Array | null): number {
  const s = connectionSocket(p, socket, 'WskDisconnect', irp);
  if (typeof s === 'number') return s;
  const r = irpChecks(p, s, irp);
  if (r >= 0) return r;
  if (p.deferIrps) return p.defer(irp!, s, () => disconnectRest(p, s, buffer, flags, irp!));
  return disconnectRest(p, s, buffer, flags, irp!);
}

function disconnectRest(p: WskProvider, s: SimSocket, buffer: number, flags: number, irp: Uint8Array): number {
  const abortive = (flags & IO_FLAG.WSK_FLAG_ABORTIVE!) !== 0;
  if ((flags & ~IO_FLAG.WSK_FLAG_ABORTIVE!) !== 0 || (abortive && buffer !== 0)) return p.fail(irp, STATUS_INVALID_PARAMETER, 'connection-disconnect-flags');
  const c = connectionOf(s);
  if (c === null || c.state === CONN_ABORTED) return p.fail(irp, STATUS_INVALID_DEVICE_STATE, 'connection-disconnect');
  if (abortive) {
    c.state = CONN_ABORTED;
    s.forgetFitRow();
    resetPeer(c.peer);
    c.peer = null;
  } else if (c.state === CONN_OPEN) {
    c.state = CONN_GRACEFUL;
    closeByPeer(c.peer);
  }
  p.setReason('connection-disconnect');
  p.complete(irp, STATUS_SUCCESS, 0);
  return STATUS_SUCCESS;
}

/** A local peer sees the other end close (gracefully): if it was still open, its own close becomes passive. */
function closeByPeer(peer: SimSocket | null): void {
  if (peer === null) return;
  const c = connectionOf(peer);
  if (c === null || c.peerClosed) return;
  c.peerClosed = true;
  if (c.state === CONN_OPEN) c.peerClosedFirst = true;
}

/** A local peer sees the other end reset the connection: nothing of it lingers. */
function resetPeer(peer: SimSocket | null): void {
  if (peer === null) return;
  const c = connectionOf(peer);
  if (c === null) return;
  closeByPeer(peer);
  c.peer = null;
}

/** WskGetLocalAddress / WskGetRemoteAddress (policy connection-addresses). */
export function getAddress(p: WskProvider, socket: number, out: Uint8Array | null, irp: Uint8Array | null, remote: boolean): number {
  const s = connectionSocket(p, socket, remote ? 'WskGetRemoteAddress' : 'WskGetLocalAddress', irp);
  if (typeof s === 'number') return s;
  const need = sockaddrSize(s.family);
  if (out !== null && out.length < need) return p.fault('connection-buffers', Fault.AddressBufferOverrun);
  const r = irpChecks(p, s, irp);
  if (r >= 0) return r;
  if (p.deferIrps) return p.defer(irp!, s, () => (out !== null && out.length < need ? Fault.AddressBufferOverrun : getAddressRest(p, s, out, irp!, remote)));
  return getAddressRest(p, s, out, irp!, remote);
}

function getAddressRest(p: WskProvider, s: SimSocket, out: Uint8Array | null, irp: Uint8Array, remote: boolean): number {
  if (out === null) return p.fail(irp, STATUS_INVALID_PARAMETER, 'connection-addresses');
  let a: Addr;
  if (remote) {
    const c = connectionOf(s);
    if (c === null) return p.fail(irp, STATUS_INVALID_DEVICE_STATE, 'connection-addresses');
    a = remoteAddrOf(s, c);
  } else {
    if (s.bound === false) return p.fail(irp, STATUS_INVALID_DEVICE_STATE, 'connection-addresses');
    a = localAddrOf(s);
  }
  const n = writeAddr(out, a);
  p.setReason('connection-addresses');
  p.complete(irp, STATUS_SUCCESS, n);
  return STATUS_SUCCESS;
}

// ---- close ----------------------------------------------------------------------------------------------------

/** Take the accept IRPs a closing listener holds, for cancellation; returns whether there were any. */
export function takeAcceptWaiters(p: WskProvider, s: SimSocket, into: { irp: Uint8Array; status: number }[]): boolean {
  const n = s.net;
  if (!(n instanceof Listener) || n.waiters === null) return false;
  for (const w of n.waiters) into.push({ irp: w.irp, status: STATUS.STATUS_CANCELLED });
  p.acceptWaiting -= n.waiters.length;
  n.waiters = null;
  return true;
}

/**
 * WskCloseSocket's part for a socket that listens or is connected (policies connection-close, connection-time-wait,
 * connection-exclusive-reservation). Returns true when the socket must keep its binding (its handle slot is freed
 * all the same): a closed exclusive listener whose accepted connections are still active.
 */
export function closeNet(p: WskProvider, s: SimSocket): boolean {
  const n = s.net;
  if (n === null) return false;
  if (n instanceof Listener) {
    if (n.backlog !== null) { for (const c of n.backlog) resetPeer(c.peer); n.backlog = null; }
    if (n.held > 0 && s.bound && (s.onV4 || s.onV6) && boundExclusive(s)) {
      p.reservations++;
      p.endpoints.keepClosed(s);
      return true;
    }
    return false;
  }
  // a connection: abortive unless it was disconnected gracefully (the WskCloseSocket page); TIME_WAIT unless passive
  if (n.state === CONN_OPEN) { n.state = CONN_ABORTED; resetPeer(n.peer); }
  else if (n.state === CONN_GRACEFUL) closeByPeer(n.peer);
  if (n.peer !== null) { const pc = connectionOf(n.peer); if (pc !== null && pc.peer === s) pc.peer = null; n.peer = null; }
  if (n.state === CONN_GRACEFUL && !n.peerClosedFirst) {
    p.lingering.push(new Lingering(s.handle, n.listener, p.simNow + TIME_WAIT_SECONDS));
    return false;
  }
  releaseHold(p, n.listener);
  return false;
}

/** A connection accepted by `l` ended (closed without lingering, or its TIME_WAIT ran out). */
function releaseHold(p: WskProvider, l: SimSocket | null): void {
  if (l === null) return;
  const n = l.net as Listener;
  if (--n.held > 0 || l.closing === false || !l.bound) return;
  // the last connection of a closed exclusive listener: its reservation ends
  p.reservations--;
  p.endpoints.forgetClosed(l);
  l.bound = false;
  l.onV4 = false;
  l.onV6 = false;
}

// ---- harness ------------------------------------------------------------------------------------------------

/** A checked SOCKADDR image of the harness (not a C pointer: bad input is misuse). */
function harnessAddr(b: Uint8Array, name: string): Addr {
  const family = b.length >= 2 ? b[0]! | (b[1]! << 8) : 0;
  if ((family !== AF.AF_INET && family !== AF.AF_INET6) || b.length < sockaddrSize(family)) {
    throw new AbiUsageError(`${name} must be a SOCKADDR_IN (16 bytes) or SOCKADDR_IN6 (28 bytes) image, got ${b.length} bytes of family ${family}`);
  }
  return readAddr(b);
}

/** Harness: a remote peer connects (policy connection-incoming); returns the listener's handle, or 0 (refused). */
export function incoming(p: WskProvider, from: Uint8Array, to: Uint8Array): number {
  const f = onWire(harnessAddr(from, 'from'));
  const t = onWire(harnessAddr(to, 'to'));
  p.clearLint();
  p.routedListener = 0;
  if (f.family !== t.family) throw new AbiUsageError('from and to must be of one family (an IPv4 address may be written v4-mapped)');
  const l = route(p, t);
  if (l === null) { p.setReason('connection-refused'); return 0; }
  deliverIncoming(p, l, t, f, null);
  p.routedListener = l.handle;
  p.setReason('connection-routing');
  return l.handle;
}

/** Harness: the remote side of a connected socket closes first (policy connection-peer-close); 1 if it had an open connection, else 0. */
export function peerClose(p: WskProvider, s: SimSocket): number {
  p.setReason('connection-peer-close');
  const c = connectionOf(s);
  if (c === null || c.peerClosed || c.state === CONN_ABORTED) return 0;
  closeByPeer(s);
  return 1;
}

/** Harness: declare a listener at a remote address (policy connection-remote-listener). */
export function addRemote(p: WskProvider, address: Uint8Array): void {
  const a = onWire(harnessAddr(address, 'address'));
  if (isWildcard(a) || a.port === 0) throw new AbiUsageError('a remote listener needs a specific address and a port other than 0');
  p.clearLint();
  (p.remoteListeners ??= new Set()).add(remoteKey(a));
  p.setReason('connection-remote-listener');
}

/** Harness: advance simulated time; release the lingering endpoints whose TIME_WAIT ran out (policy connection-time). */
export function advance(p: WskProvider, seconds: number): number {
  p.clearLint();
  p.setReason('connection-time-wait');
  p.simNow += seconds;
  let n = 0;
  const q = p.lingering;
  while (p.lingerHead < q.length && q[p.lingerHead]!.until <= p.simNow) {
    const e = q[p.lingerHead]!;
    q[p.lingerHead++] = undefined as unknown as Lingering;
    n++;
    releaseHold(p, e.listener);
  }
  if (p.lingerHead === q.length) { q.length = 0; p.lingerHead = 0; } else if (p.lingerHead > 1024 && p.lingerHead * 2 > q.length) {
    q.copyWithin(0, p.lingerHead);
    q.length -= p.lingerHead;
    p.lingerHead = 0;
  }
  return n;
}

/** The lingering endpoints still in TIME_WAIT, oldest first. */
export function lingeringEndpoints(p: WskProvider): readonly Lingering[] {
  return p.lingering.slice(p.lingerHead);
}

/** What holds a closed exclusive listener's reservation: its accepted sockets still open, and its lingering endpoints. */
export function reservationHolders(p: WskProvider, listener: SimSocket): { open: number[]; lingering: Lingering[] } {
  const open: number[] = [];
  for (const s of p.sockets) {
    if (s === undefined || s.closing) continue;
    const c = connectionOf(s);
    if (c !== null && c.listener === listener) open.push(s.handle);
  }
  return { open, lingering: lingeringEndpoints(p).filter((e) => e.listener === listener) };
}

/** Whether a socket (a closed listener kept registered) is an exclusive reservation. */
export function isReservation(s: SimSocket): boolean {
  return s.closing === true && s.bound && s.net instanceof Listener && s.net.held > 0;
}
