/**
 * Model-based testing (fc.commands + fc.modelRun) over WskSocket, WskControlSocket Set/Get, WskBind, WskCloseSocket,
 * and connections with simulated time: a remote peer connecting to a listener, WskAccept, WskDisconnect (graceful or
 * abortive), the peer closing first, and advanceTime. The model is deliberately simpler than the provider: it tracks
 * option values, bound state, which addresses are held, and for connections only what holds a port after its
 * listener closed (docs/POLICY.md#connections): never the sharing tables' cells nor the routing. It asserts only
 * what follows without them: a bind that overlaps nothing succeeds (a connection or a lingering endpoint never blocks
 * it, connection-never-blocks), a refused bind changes nothing, anti-hijack, no second owner gets a port while a closed
 * exclusive listener's reservation lasts (reservation-exclusive), advanceTime releases exactly the lingering endpoints
 * whose 240 s have run out (time-no-early-release), and Get returns what Set stored.
 */
import fc from 'fast-check';
import { OPTION_ROWS } from '../../abi/options';
import type { OptionRow, SocketCategory } from '../../abi/schema';
import { readUlong, writeUlong } from '../codec/bytes';
import { AF, CODE, IO_FLAG, LEVEL, REQUEST, SOCK, STATUS, WSK_FLAG } from '../codec/names';
import { encodeSockaddrText, formatAddress, type TransportAddress } from '../codec/sockaddr';
import type { CompletionMode, ProfileName } from '../provider/provider';
import { WskProvider } from '../provider/provider';
import { resultName } from '../provider/result';
import { OPTION_STATE_SLOTS, stateSlot } from '../provider/socket';
import { bindingsOverlap, hijackedHolder, mayOverlap, sharingFlags, type BoundView } from './sharing-model';

/** One socket as the model sees it. */
export interface ModelSocket {
  readonly handle: number;
  readonly owner: string;
  readonly family: number;
  readonly category: SocketCategory;
  readonly type: number;
  /** Option slot values the model tracks (by state slot, src/provider/socket.ts), starting from the rows' defaults. */
  readonly options: number[];
  bound: TransportAddress | null;
  /** SO_EXCLUSIVEADDRUSE and dual-stack as they were when the socket was bound (later Sets do not change a binding). */
  boundFlags: { exclusive: boolean; dualStack: boolean } | null;
  closed: boolean;
  /** A listener: connections routed to it and not accepted yet. */
  backlog: number;
  /** An accepted socket: its connection (null for any other socket). */
  conn: ModelConnection | null;
  /** A closed listener: the binding it had (what a reservation keeps), else null. */
  closedBinding: BoundView | null;
}

/** An accepted connection as the model sees it. */
export interface ModelConnection {
  /** Index of the listener that accepted it. */
  readonly listener: number;
  /** open; graceful (WskDisconnect with flags 0 first); aborted (abortive disconnect, or closed while open). */
  state: 'open' | 'graceful' | 'aborted';
  /** The remote side closed while this side was open (a later close is passive). */
  peerClosedFirst: boolean;
  /** Closed after a graceful disconnect of its own: lingering until this time (s), else -1. */
  until: number;
}

/** The model: sockets in creation order, and the policy preset (it decides whether a late Set is refused). */
export interface Model {
  readonly sockets: ModelSocket[];
  readonly strict: boolean;
  /** Simulated time (s). */
  now: number;
}

/** The system under test. */
export interface Real {
  readonly provider: WskProvider;
}

type Cmd = fc.Command<Model, Real>;

/** Boolean rows the model understands (their state is a ULONG slot). */
const BOOL_ROWS = (OPTION_ROWS as readonly OptionRow[]).filter((r) => r.payload === 'ulongBool' && r.requestType !== 'WskIoctl');
/** Rows whose Set the model predicts (sharing options first, so that index 0 is SO_EXCLUSIVEADDRUSE). */
const SET_ROWS = BOOL_ROWS.filter((r) => r.requestType === 'WskSetOption');
const GET_ROWS = BOOL_ROWS.filter((r) => r.requestType === 'WskGetOption');

function defaults(): number[] {
  const out = new Array<number>(OPTION_STATE_SLOTS).fill(0);
  for (const r of OPTION_ROWS as readonly OptionRow[]) out[stateSlot(r.state)] = r.defaultValue;
  return out;
}

/** Whether a row applies to a socket: its category, family and type (checks 7 and 7b). */
function appliesTo(row: OptionRow, s: ModelSocket): boolean {
  const af = AF as Readonly<Record<string, number>>;
  const sock = SOCK as Readonly<Record<string, number>>;
  return row.categories.includes(s.category)
    && (row.families === null || row.families.some((f) => af[f] === s.family))
    && (row.socketTypes === undefined || row.socketTypes === null || row.socketTypes.some((t) => sock[t] === s.type));
}

/** Socket kinds the model creates (all bindable, transport matching the category). */
const KINDS: readonly { readonly category: SocketCategory; readonly flags: number; readonly type: number }[] = [
  { category: 'listen', flags: WSK_FLAG.WSK_FLAG_LISTEN_SOCKET!, type: SOCK.SOCK_STREAM! },
  { category: 'connection', flags: WSK_FLAG.WSK_FLAG_CONNECTION_SOCKET!, type: SOCK.SOCK_STREAM! },
  { category: 'stream', flags: WSK_FLAG.WSK_FLAG_STREAM_SOCKET!, type: SOCK.SOCK_STREAM! },
  { category: 'datagram', flags: WSK_FLAG.WSK_FLAG_DATAGRAM_SOCKET!, type: SOCK.SOCK_DGRAM! },
];

/** Hosts the model binds, per family. */
export const MODEL_HOSTS = { v4: ['0.0.0.0', '127.0.0.1', '10.0.0.1'], v6: ['[::]', '[::1]', '[::ffff:127.0.0.1]', '[::ffff:0.0.0.0]'] } as const;

function irp(p: WskProvider): Buffer {
  return Buffer.alloc(p.layout.sizeofIrp, 0xcc);
}

function newSocket(handle: number, owner: string, family: number, category: SocketCategory, type: number): ModelSocket {
  return { handle, owner, family, category, type, options: defaults(), bound: null, boundFlags: null, closed: false, backlog: 0, conn: null, closedBinding: null };
}

/** Whether an accepted connection still holds its listener's port: its socket is open, or lingering in TIME_WAIT. */
function holds(m: Model, s: ModelSocket): boolean {
  return s.conn !== null && (!s.closed || m.now < s.conn.until);
}

/**
 * The closed exclusive listeners whose reservation lasts (docs/POLICY.md#connection-exclusive-reservation): bound with
 * SO_EXCLUSIVEADDRUSE, closed while connections they accepted were active, and one of them still is.
 */
function reservations(m: Model): BoundView[] {
  const out: BoundView[] = [];
  m.sockets.forEach((l, i) => {
    if (l.closedBinding === null || !l.closedBinding.exclusive) return;
    if (m.sockets.some((a) => a.conn !== null && a.conn.listener === i && holds(m, a))) out.push(l.closedBinding);
  });
  return out;
}

function view(s: ModelSocket): BoundView {
  return { handle: s.handle, owner: s.owner, family: s.family, category: s.category, type: s.type, address: s.bound!, ...(s.boundFlags ?? sharingFlags(s.family, s.options)) };
}

/** WskSocket of a bindable kind, for an owner. */
export class SocketCommand implements Cmd {
  constructor(readonly kind: number, readonly v6: boolean, readonly owner: string) {}
  check(m: Readonly<Model>): boolean { return m.sockets.length < 6; }
  run(m: Model, r: Real): void {
    const k = KINDS[this.kind]!;
    const family = this.v6 ? AF.AF_INET6! : AF.AF_INET!;
    const res = r.provider.wskSocket({ family, type: k.type, protocol: 0, flags: k.flags, owner: this.owner });
    if (res.status !== STATUS.STATUS_SUCCESS) throw new Error(`WskSocket failed: ${resultName(res.status)}`);
    m.sockets.push(newSocket(res.socket, this.owner, family, k.category, k.type));
  }
  toString(): string { return `socket(${KINDS[this.kind]!.category},${this.v6 ? 'v6' : 'v4'},${this.owner})`; }
}

/** Indices of the model's sockets that satisfy `pred`, in creation order. */
function indicesWhere(m: Readonly<Model>, pred: (s: ModelSocket) => boolean): number[] {
  const out: number[] = [];
  m.sockets.forEach((s, i) => { if (pred(s)) out.push(i); });
  return out;
}

/** Sockets the option commands use: those the model created (an accepted socket's options come from its listener). */
function created(m: Readonly<Model>): number[] {
  return indicesWhere(m, (s) => s.conn === null);
}

/** A well-formed Set of a boolean row. */
export class SetCommand implements Cmd {
  constructor(readonly socket: number, readonly row: number, readonly value: number) {}
  private used = -1;
  private at(m: Model): number { const c = created(m); return (this.used = c[this.socket % c.length]!); }
  check(m: Readonly<Model>): boolean { return m.sockets.length > 0; }
  run(m: Model, r: Real): void {
    const s = m.sockets[this.at(m)]!;
    const row = SET_ROWS[this.row]!;
    const input = Buffer.alloc(4);
    writeUlong(input, 0, this.value);
    const res = r.provider.wskControlSocket(s.handle, REQUEST.WskSetOption!, CODE[row.code as keyof typeof CODE]!, LEVEL[row.level as keyof typeof LEVEL]!, 4, input, 0, null, null, irp(r.provider));
    const slot = stateSlot(row.state);
    const other = row.mutuallyExclusiveWith === null ? -1 : stateSlot(row.mutuallyExclusiveWith);
    const applies = appliesTo(row, s);
    const late = row.timing === 'beforeBind' && s.bound !== null && m.strict;
    const clash = other >= 0 && this.value !== 0 && s.options[other] !== 0;
    const expectOk = !s.closed && applies && !late && !clash;
    if (expectOk !== (res === STATUS.STATUS_SUCCESS)) {
      throw new Error(`${this.toString()}: model expected ${expectOk ? 'success' : 'a failure'}, provider returned ${resultName(res)} (rule ${r.provider.reason.rule})`);
    }
    if (expectOk) s.options[slot] = this.value;
  }
  toString(): string { return `set(${SET_ROWS[this.row]!.name}=${this.value})@s${this.used < 0 ? this.socket : this.used}`; }
}

/** A well-formed Get of a boolean row: returns what the model stored. */
export class GetCommand implements Cmd {
  constructor(readonly socket: number, readonly row: number) {}
  private used = -1;
  private at(m: Model): number { const c = created(m); return (this.used = c[this.socket % c.length]!); }
  check(m: Readonly<Model>): boolean { return m.sockets.length > 0; }
  run(m: Model, r: Real): void {
    const s = m.sockets[this.at(m)]!;
    const row = GET_ROWS[this.row]!;
    const out = Buffer.alloc(8, 0xcc);
    const res = r.provider.wskControlSocket(s.handle, REQUEST.WskGetOption!, CODE[row.code as keyof typeof CODE]!, LEVEL[row.level as keyof typeof LEVEL]!, 0, null, 4, out, null, irp(r.provider));
    const applies = appliesTo(row, s);
    if (s.closed || !applies) {
      if (res === STATUS.STATUS_SUCCESS) throw new Error(`${this.toString()}: succeeded on a ${s.closed ? 'closed' : 'non-applicable'} socket`);
      return;
    }
    if (res !== STATUS.STATUS_SUCCESS) throw new Error(`${this.toString()}: ${resultName(res)} (rule ${r.provider.reason.rule})`);
    const want = s.options[stateSlot(row.state)]!;
    if (readUlong(out, 0) !== want || !out.subarray(4).every((b) => b === 0xcc)) {
      throw new Error(`${this.toString()}: returned ${out.toString('hex')}, the model holds ${want}`);
    }
  }
  toString(): string { return `get(${GET_ROWS[this.row]!.name})@s${this.used < 0 ? this.socket : this.used}`; }
}

/** WskBind to a host of the socket's family on port p (5150) or 0. */
export class BindCommand implements Cmd {
  constructor(readonly socket: number, readonly host: number, readonly port: number) {}
  private used = -1;
  private at(m: Model): number { return (this.used = this.socket % m.sockets.length); }
  check(m: Readonly<Model>): boolean { return m.sockets.length > 0; }
  text(family: number): string {
    const hosts = family === AF.AF_INET6 ? MODEL_HOSTS.v6 : MODEL_HOSTS.v4;
    return `${hosts[this.host % hosts.length]}:${this.port}`;
  }
  run(m: Model, r: Real): void {
    const s = m.sockets[this.at(m)]!;
    this.shown = this.text(s.family);
    const res = r.provider.wskBind(s.handle, encodeSockaddrText(this.shown), 0, irp(r.provider));
    const rule = r.provider.reason.rule;
    if (s.closed) {
      if (res >= 0) throw new Error(`${this.toString()}: a closed socket gave ${resultName(res)}, not a fault`);
      return;
    }
    // An accepted socket holds its listener's local address as a connection: a bind is a rebind there too.
    if (s.bound !== null || s.conn !== null) {
      if (res !== STATUS.STATUS_ADDRESS_ALREADY_ASSOCIATED) throw new Error(`${this.toString()}: rebind gave ${resultName(res)}`);
      return;
    }
    const real = r.provider.inspect(s.handle)!;
    const others = m.sockets.filter((o) => o !== s && !o.closed && o.bound !== null).map(view);
    // A closed exclusive listener's reservation holds its binding as the listener did; nothing else of a connection does.
    const reserved = reservations(m);
    const held = [...others, ...reserved];
    if (res === STATUS.STATUS_SUCCESS) {
      if (real.boundAddress === null) throw new Error(`${this.toString()}: STATUS_SUCCESS but the socket is not bound`);
      s.bound = real.boundAddress;
      s.boundFlags = sharingFlags(s.family, s.options);
      const me = view(s);
      if (this.port === 0) {
        for (let q = 49152; q < me.address.port; q++) {
          const at = { ...me, address: { ...me.address, port: q } };
          if (!held.some((o) => bindingsOverlap(at, o))) throw new Error(`${this.toString()}: port 0 gave ${me.address.port}, but ${q} overlaps no live binding or reservation`);
        }
      }
      const holder = hijackedHolder(me, others);
      if (holder !== null) {
        throw new Error(`${this.toString()}: anti-hijack: ${s.owner} bound ${formatAddress(me.address)} over ${holder.owner}'s SO_EXCLUSIVEADDRUSE binding ${formatAddress(holder.address)} (rule ${rule})`);
      }
      const reserver = hijackedHolder(me, reserved);
      if (reserver !== null) {
        throw new Error(`${this.toString()}: reservation-exclusive: ${s.owner} bound ${formatAddress(me.address)} while ${reserver.owner}'s closed SO_EXCLUSIVEADDRUSE listener ${formatAddress(reserver.address)} still has an active connection, at ${m.now} s (rule ${rule})`);
      }
      return;
    }
    if (real.boundAddress !== null) throw new Error(`${this.toString()}: ${resultName(res)} but the socket is bound`);
    if (this.port === 0) throw new Error(`${this.toString()}: a port-0 bind failed with ${resultName(res)} (rule ${rule}) although the dynamic range is nearly empty`);
    const me = view({ ...s, bound: decodeText(this.shown), boundFlags: null });
    const overlapsAny = held.some((o) => mayOverlap(me, o));
    if (!overlapsAny) {
      const conns = m.sockets.some((a) => a.conn !== null && holds(m, a));
      throw new Error(`${this.toString()}: ${conns ? 'connection-never-blocks: ' : ''}${resultName(res)} (rule ${rule}) although no live binding or exclusive reservation overlaps, at ${m.now} s`);
    }
  }
  toString(): string {
    const text = this.shown ?? `host${this.host}:${this.port}`;
    return `bind(${text.replace(/:5150$/, ':p')})@s${this.used < 0 ? this.socket : this.used}`;
  }
  /** The address text used by the last run (the command learns its socket's family only when it runs). */
  private shown: string | null = null;
}

function decodeText(text: string): TransportAddress {
  const b = encodeSockaddrText(text)!;
  const family = b[0]! | (b[1]! << 8);
  return { family, port: (b[2]! << 8) | b[3]!, addr: family === AF.AF_INET6 ? b.subarray(8, 24) : b.subarray(4, 8), scopeId: 0, flowInfo: 0 };
}

/** WskCloseSocket: releases the binding. */
export class CloseCommand implements Cmd {
  constructor(readonly socket: number) {}
  check(m: Readonly<Model>): boolean { return m.sockets.some((s) => !s.closed); }
  run(m: Model, r: Real): void {
    const live = m.sockets.map((x, i) => (x.closed ? -1 : i)).filter((i) => i >= 0);
    this.used = live[this.socket % live.length]!;
    const s = m.sockets[this.used]!;
    const res = r.provider.wskCloseSocket(s.handle, irp(r.provider));
    if (res !== STATUS.STATUS_SUCCESS) throw new Error(`${this.toString()}: ${resultName(res)}`);
    s.closed = true;
    if (s.bound !== null && s.category === 'listen') s.closedBinding = view(s);
    s.bound = null;
    s.boundFlags = null;
    s.backlog = 0;
    const c = s.conn;
    if (c !== null) {
      // WskCloseSocket of an open connection disconnects it abortively; after a graceful disconnect of its own it lingers.
      if (c.state === 'open') c.state = 'aborted';
      else if (c.state === 'graceful' && !c.peerClosedFirst) c.until = m.now + TIME_WAIT;
    }
  }
  toString(): string { return `close@s${this.used < 0 ? this.socket : this.used}`; }
  private used = -1;
}

/** TIME_WAIT of an actively closed connection (docs/POLICY.md#connection-time-wait). */
const TIME_WAIT = 240;

/** The loopback address of a family, with a port, as a SOCKADDR image. */
function loopback(family: number, port: number): Buffer {
  return encodeSockaddrText(family === AF.AF_INET6 ? `[::1]:${port}` : `127.0.0.1:${port}`)!;
}

/** A listening socket that is open and bound: one an incoming connection can reach. */
function isOpenBoundListener(s: ModelSocket): boolean {
  return s.category === 'listen' && !s.closed && s.bound !== null;
}

/** A remote peer connects to the loopback address on a listener's port; the provider's routing picks the listener. */
export class IncomingCommand implements Cmd {
  constructor(readonly socket: number, readonly peer: number) {}
  private used = -1;
  check(m: Readonly<Model>): boolean { return m.sockets.some(isOpenBoundListener); }
  run(m: Model, r: Real): void {
    const ls = indicesWhere(m, isOpenBoundListener);
    this.used = ls[this.socket % ls.length]!;
    const l = m.sockets[this.used]!;
    const to = loopback(l.family, l.bound!.port);
    const from = encodeSockaddrText(l.family === AF.AF_INET6 ? `[2001:db8::${this.peer + 1}]:${40000 + this.peer}` : `192.0.2.${this.peer + 1}:${40000 + this.peer}`)!;
    const got = r.provider.incomingConnection(from, to);
    if (got === 0) return;
    const i = m.sockets.findIndex((s) => s.handle === got && !s.closed);
    if (i < 0 || m.sockets[i]!.category !== 'listen' || m.sockets[i]!.bound === null) {
      throw new Error(`${this.toString()}: routed to handle ${got}, which is not a bound open listener of the model`);
    }
    m.sockets[i]!.backlog++;
  }
  toString(): string { return `incoming(peer${this.peer})@s${this.used < 0 ? this.socket : this.used}`; }
}

/** A listener with a connection routed to it and not accepted yet. */
function hasBacklog(s: ModelSocket): boolean {
  return s.backlog > 0;
}

/** WskAccept on a listener with a connection waiting: the accepted socket joins the model. */
export class AcceptCommand implements Cmd {
  constructor(readonly socket: number) {}
  private used = -1;
  check(m: Readonly<Model>): boolean { return m.sockets.some(hasBacklog) && m.sockets.length < 10; }
  run(m: Model, r: Real): void {
    const ls = indicesWhere(m, hasBacklog);
    this.used = ls[this.socket % ls.length]!;
    const l = m.sockets[this.used]!;
    const res = r.provider.wskAccept(l.handle, 0, null, null, irp(r.provider));
    if (res !== STATUS.STATUS_SUCCESS) throw new Error(`${this.toString()}: ${resultName(res)} (rule ${r.provider.reason.rule}) with a connection waiting`);
    l.backlog--;
    const a = newSocket(r.provider.lastAcceptedSocket, l.owner, l.family, 'connection', l.type);
    a.conn = { listener: this.used, state: 'open', peerClosedFirst: false, until: -1 };
    m.sockets.push(a);
  }
  toString(): string { return `accept@s${this.used < 0 ? this.socket : this.used}`; }
}

/** Accepted sockets of the model that are open. */
function openConnections(m: Readonly<Model>): number[] {
  return indicesWhere(m, isOpenConnection);
}

function isOpenConnection(s: ModelSocket): boolean {
  return s.conn !== null && !s.closed;
}

/** The open accepted socket a command's `socket` draw picks (check() made sure there is one). */
function pickConnection(m: Readonly<Model>, socket: number): number {
  const cs = openConnections(m);
  return cs[socket % cs.length]!;
}

/** A command on an accepted socket with an open connection: `socket` picks one of them (pickConnection). */
abstract class ConnectionCommand {
  constructor(readonly socket: number) {}
  /** Model index of the socket the last run used (-1 before it ran). */
  protected used = -1;
  check(m: Readonly<Model>): boolean { return m.sockets.some(isOpenConnection); }
  /** Pick the socket for this run. */
  protected take(m: Model): ModelSocket {
    this.used = pickConnection(m, this.socket);
    return m.sockets[this.used]!;
  }
}

/** WskDisconnect of an accepted socket, graceful or abortive. */
export class DisconnectCommand extends ConnectionCommand implements Cmd {
  constructor(socket: number, readonly abortive: boolean) { super(socket); }
  run(m: Model, r: Real): void {
    const s = this.take(m);
    const c = s.conn!;
    const res = r.provider.wskDisconnect(s.handle, 0, this.abortive ? IO_FLAG.WSK_FLAG_ABORTIVE! : 0, irp(r.provider));
    if (c.state !== 'open') return; // a second disconnect: whatever it answers, nothing the model tracks changes
    if (res !== STATUS.STATUS_SUCCESS) throw new Error(`${this.toString()}: ${resultName(res)} (rule ${r.provider.reason.rule}) on an open connection`);
    c.state = this.abortive ? 'aborted' : 'graceful';
  }
  override toString(): string { return `disconnect(${this.abortive ? 'abortive' : 'graceful'})@s${this.used < 0 ? this.socket : this.used}`; }
}

/** The remote peer of an accepted socket closes first. */
export class PeerCloseCommand extends ConnectionCommand implements Cmd {
  run(m: Model, r: Real): void {
    const s = this.take(m);
    const c = s.conn!;
    r.provider.peerClose(s.handle);
    if (c.state === 'open') c.peerClosedFirst = true;
  }
  override toString(): string { return `peerClose@s${this.used < 0 ? this.socket : this.used}`; }
}

/** Simulated time moves on: exactly the lingering endpoints whose TIME_WAIT ran out are released. */
export class AdvanceTimeCommand implements Cmd {
  constructor(readonly seconds: number) {}
  check(): boolean { return true; }
  run(m: Model, r: Real): void {
    const before = m.now;
    m.now += this.seconds;
    const due = m.sockets.filter((s) => s.conn !== null && s.conn.until >= 0 && s.conn.until > before && s.conn.until <= m.now).length;
    const released = r.provider.advanceTime(this.seconds);
    if (released !== due) {
      throw new Error(`${this.toString()}: time-no-early-release: advanceTime released ${released} lingering endpoint(s) from ${before} s to ${m.now} s, the model expects ${due} (TIME_WAIT ${TIME_WAIT} s from each active close)`);
    }
  }
  toString(): string { return `advanceTime(${this.seconds})`; }
}

const OWNERS = ['alice', 'bob'] as const;

/** The command arbitraries; binds and sharing Sets are repeated so that conflicts are frequent. */
export function modelCommands(): fc.Arbitrary<Cmd>[] {
  const socket = fc.record({ kind: fc.oneof(fc.constant(0), fc.nat(KINDS.length - 1)), v6: fc.oneof(fc.constant(false), fc.boolean()), owner: fc.constantFrom(...OWNERS) })
    .map(({ kind, v6, owner }) => new SocketCommand(kind, v6, owner));
  const set = fc.record({ socket: fc.nat(4), row: fc.oneof(fc.constant(0), fc.nat(SET_ROWS.length - 1)), value: fc.constantFrom(0, 1, 1) })
    .map(({ socket, row, value }) => new SetCommand(socket, row, value));
  const get = fc.record({ socket: fc.nat(4), row: fc.nat(GET_ROWS.length - 1) }).map(({ socket, row }) => new GetCommand(socket, row));
  const bind = fc.record({ socket: fc.nat(4), host: fc.oneof(fc.constantFrom(0, 1), fc.nat(3)), port: fc.constantFrom(5150, 5150, 5150, 0) })
    .map(({ socket, host, port }) => new BindCommand(socket, host, port));
  const close = fc.record({ socket: fc.nat(9) }).map(({ socket }) => new CloseCommand(socket));
  const incoming = fc.record({ socket: fc.nat(4), peer: fc.nat(3) }).map(({ socket, peer }) => new IncomingCommand(socket, peer));
  const accept = fc.nat(4).map((socket) => new AcceptCommand(socket));
  const disconnect = fc.record({ socket: fc.nat(4), abortive: fc.boolean() }).map(({ socket, abortive }) => new DisconnectCommand(socket, abortive));
  const peerClose = fc.nat(4).map((socket) => new PeerCloseCommand(socket));
  const advance = fc.constantFrom(0, 1, 120, 239, 240, 241, 1000).map((s) => new AdvanceTimeCommand(s));
  return [socket, socket, set, set, get, bind, bind, bind, close, close, incoming, incoming, accept, accept, disconnect, peerClose, advance, advance];
}

/** Environment of one model run. */
export interface ModelEnv {
  readonly profile: ProfileName;
  readonly strict: boolean;
  readonly arch: 'x86' | 'x64';
  readonly completion: CompletionMode;
}

/** A model-based property over every profile, both presets and both arches (inline completion). */
export function modelProperty(maxCommands = 30): fc.IPropertyWithHooks<[ModelEnv, Iterable<Cmd>]> {
  const env = fc.record({
    profile: fc.constantFrom<ProfileName>('wsk', 'winsock', 'winsock-xp'),
    strict: fc.boolean(),
    arch: fc.constantFrom<'x86' | 'x64'>('x64', 'x86'),
    completion: fc.constant<CompletionMode>('inline'),
  });
  return fc.property(env, fc.commands(modelCommands(), { size: '+2', maxCommands }), (e, cmds) => {
    const setup = (): { model: Model; real: Real } => ({
      model: { sockets: [], strict: e.strict, now: 0 },
      real: { provider: new WskProvider({ arch: e.arch, profile: e.profile, policy: e.strict ? 'strict' : 'lenient', completion: e.completion }) },
    });
    fc.modelRun(setup, cmds);
  });
}
