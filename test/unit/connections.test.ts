/**
 * Connections (docs/POLICY.md#connections): the entry points WskListen, WskAccept, WskConnect, WskSocketConnect,
 * WskDisconnect, WskGetLocalAddress, WskGetRemoteAddress and the harness side. Buffers are 0xcc canaries; expected
 * bytes are written from the spec (SOCKADDR_IN: family LE, port and address in network order, 8 zero bytes).
 */
import { AF, Fault, SOCK, STATUS, WSK_FLAG, WskProvider, encodeSockaddrText, parseVectorFile, runVector } from '../../src';
import { canary, hexOf } from '../helpers/canary';

const tcp = (flags: number, family = AF.AF_INET) => ({ family, type: SOCK.SOCK_STREAM, protocol: 6, flags });

describe('dispatch tables decide which category has which function (policy connection-dispatch)', () => {
  it('a basic socket has none of them; a datagram socket only WskGetLocalAddress', () => {
    const p = new WskProvider({ arch: 'x64' });
    const b = p.wskSocket(tcp(WSK_FLAG.WSK_FLAG_BASIC_SOCKET)).socket;
    const d = p.wskSocket({ family: AF.AF_INET, type: SOCK.SOCK_DGRAM, protocol: 17, flags: WSK_FLAG.WSK_FLAG_DATAGRAM_SOCKET }).socket;
    const irp = canary(208);
    const addr = canary(16);
    for (const call of [
      () => p.wskListen(b, irp), () => p.wskAccept(b, 0, null, null, irp), () => p.wskConnect(b, encodeSockaddrText('127.0.0.1:1'), 0, irp),
      () => p.wskDisconnect(b, 0, 0, irp), () => p.wskGetLocalAddress(b, addr, irp), () => p.wskGetRemoteAddress(b, addr, irp),
      () => p.wskListen(d, irp), () => p.wskAccept(d, 0, null, null, irp), () => p.wskConnect(d, encodeSockaddrText('127.0.0.1:1'), 0, irp),
      () => p.wskDisconnect(d, 0, 0, irp), () => p.wskGetRemoteAddress(d, addr, irp),
    ]) {
      expect(call()).toBe(Fault.NotInDispatchTable);
      expect(p.reason.rule).toBe('connection-dispatch');
    }
    expect(hexOf(irp)).toBe('cc'.repeat(208));
    expect(hexOf(addr)).toBe('cc'.repeat(16));
    const l = p.wskSocket(tcp(WSK_FLAG.WSK_FLAG_LISTEN_SOCKET)).socket;
    expect(p.wskListen(l, irp)).toBe(Fault.NotInDispatchTable);
    expect(p.wskConnect(l, encodeSockaddrText('127.0.0.1:1'), 0, irp)).toBe(Fault.NotInDispatchTable);
    expect(p.wskGetRemoteAddress(l, addr, irp)).toBe(Fault.NotInDispatchTable);
  });

  it('an IRP shorter than sizeof(IRP) is fault IrpOverrun; a closed socket fault InvalidSocket', () => {
    const p = new WskProvider({ arch: 'x86' });
    const c = p.wskSocket(tcp(WSK_FLAG.WSK_FLAG_CONNECTION_SOCKET)).socket;
    const irp = canary(111);
    expect(p.wskDisconnect(c, 0, 0, irp)).toBe(Fault.IrpOverrun);
    expect(hexOf(irp)).toBe('cc'.repeat(111));
    expect(p.wskCloseSocket(c, canary(112))).toBe(STATUS.STATUS_SUCCESS);
    expect(p.wskConnect(c, encodeSockaddrText('127.0.0.1:1'), 0, canary(112))).toBe(Fault.InvalidSocket);
  });
});

const IRP64 = 208;
const IRP86 = 112;
/** IoStatus of an x64 IRP: Status at 48 (4 bytes), Information at 56 (8 bytes); the rest of the IRP untouched. */
function irp64(status: number, information: number): string {
  const b = Buffer.alloc(IRP64, 0xcc);
  b.writeUInt32LE(status >>> 0, 48);
  b.writeBigUInt64LE(BigInt(information), 56);
  return b.toString('hex');
}
/** IoStatus of an x86 IRP: Status at 24, Information at 28 (4 bytes). */
function irp86(status: number, information: number): string {
  const b = Buffer.alloc(IRP86, 0xcc);
  b.writeUInt32LE(status >>> 0, 24);
  b.writeUInt32LE(information >>> 0, 28);
  return b.toString('hex');
}
const a = (t: string): Buffer => encodeSockaddrText(t)!;
const LISTEN = WSK_FLAG.WSK_FLAG_LISTEN_SOCKET;
const CONN = WSK_FLAG.WSK_FLAG_CONNECTION_SOCKET;
const STREAM = WSK_FLAG.WSK_FLAG_STREAM_SOCKET;

/** A listening socket bound to `addr`, with SO_EXCLUSIVEADDRUSE or SO_REUSEADDR set first when asked. */
function listener(p: WskProvider, addr: string, opt: 'excl' | 'reuse' | null = null, family = AF.AF_INET): number {
  const s = p.wskSocket(tcp(LISTEN, family)).socket;
  if (opt !== null) {
    const v = Buffer.from('01000000', 'hex');
    const code = opt === 'excl' ? 0xfffffffb : 4;
    expect(p.wskControlSocket(s, 0, code, 0xffff, 4, v, 0, null, null, canary(p.arch === 'x64' ? IRP64 : IRP86))).toBe(STATUS.STATUS_SUCCESS);
  }
  expect(p.wskBind(s, a(addr), 0, canary(p.arch === 'x64' ? IRP64 : IRP86))).toBe(STATUS.STATUS_SUCCESS);
  return s;
}

describe('accept: the accepted socket and its address buffers (policy connection-accept)', () => {
  it('x64: the IRP completes with the new handle; LocalAddress = the address the connection arrived on, RemoteAddress = the peer', () => {
    const p = new WskProvider({ arch: 'x64' });
    const l = listener(p, '0.0.0.0:5150');
    expect(p.incomingConnection(a('10.0.0.9:40000'), a('127.0.0.1:5150'))).toBe(l);
    const irp = canary(IRP64);
    const local = canary(20);
    const remote = canary(16);
    const r = p.wskAccept(l, 0, local, remote, irp);
    expect(r).toBe(STATUS.STATUS_SUCCESS);
    const h = p.lastAcceptedSocket;
    expect(h).toBe(2);
    expect(hexOf(irp)).toBe(irp64(0, 2));
    // SOCKADDR_IN: family 2 LE, port 5150 = 0x141e BE, 127.0.0.1, 8 zero bytes; the 4 bytes after it untouched
    expect(hexOf(local)).toBe('0200141e7f0000010000000000000000cccccccc');
    expect(hexOf(remote)).toBe('02009c400a0000090000000000000000');
    expect(p.inspect(h)!.category).toBe('connection');
  });

  it('a buffer shorter than the family SOCKADDR is fault AddressBufferOverrun and takes no connection', () => {
    const p = new WskProvider({ arch: 'x86' });
    const l = listener(p, '127.0.0.1:5150');
    p.incomingConnection(a('10.0.0.9:40000'), a('127.0.0.1:5150'));
    const irp = canary(IRP86);
    const local = canary(15);
    expect(p.wskAccept(l, 0, local, null, irp)).toBe(Fault.AddressBufferOverrun);
    expect(hexOf(irp) + hexOf(local)).toBe('cc'.repeat(IRP86 + 15));
    expect(p.wskAccept(l, 0, null, null, irp)).toBe(STATUS.STATUS_SUCCESS);
    expect(hexOf(irp)).toBe(irp86(0, p.lastAcceptedSocket));
  });

  it('pending until a connection arrives; the incoming call completes it; close cancels a waiting accept', () => {
    const p = new WskProvider({ arch: 'x64' });
    const l = listener(p, '127.0.0.1:5150');
    const irp = canary(IRP64);
    expect(p.wskAccept(l, 0, null, null, irp)).toBe(STATUS.STATUS_PENDING);
    expect(hexOf(irp)).toBe('cc'.repeat(IRP64));
    expect(p.waitingCount).toBe(1);
    expect(p.incomingConnection(a('10.0.0.9:40000'), a('127.0.0.1:5150'))).toBe(l);
    expect(hexOf(irp)).toBe(irp64(0, p.lastAcceptedSocket));
    expect(p.waitingCount).toBe(0);
    const irp2 = canary(IRP64);
    expect(p.wskAccept(l, 0, null, null, irp2)).toBe(STATUS.STATUS_PENDING);
    expect(p.wskCloseSocket(l, canary(IRP64))).toBe(STATUS.STATUS_SUCCESS);
    expect(hexOf(irp2)).toBe(irp64(STATUS.STATUS_CANCELLED, 0));
  });

  it('accept on an unbound listening socket, or a stream socket that does not listen: STATUS_INVALID_DEVICE_STATE', () => {
    const p = new WskProvider({ arch: 'x64' });
    const l = p.wskSocket(tcp(LISTEN)).socket;
    const irp = canary(IRP64);
    expect(p.wskAccept(l, 0, null, null, irp)).toBe(STATUS.STATUS_INVALID_DEVICE_STATE);
    expect(hexOf(irp)).toBe(irp64(STATUS.STATUS_INVALID_DEVICE_STATE, 0));
    const st = p.wskSocket(tcp(STREAM)).socket;
    p.wskBind(st, a('127.0.0.1:6000'), 0, canary(IRP64));
    expect(p.wskAccept(st, 0, null, null, canary(IRP64))).toBe(STATUS.STATUS_INVALID_DEVICE_STATE);
    expect(p.incomingConnection(a('10.0.0.9:1'), a('127.0.0.1:6000'))).toBe(0);
    expect(p.wskListen(st, canary(IRP64))).toBe(STATUS.STATUS_SUCCESS);
    expect(p.incomingConnection(a('10.0.0.9:1'), a('127.0.0.1:6000'))).toBe(st);
    expect(p.wskAccept(st, 1, null, null, canary(IRP64))).toBe(STATUS.STATUS_INVALID_PARAMETER);
  });
});

describe('routing (policy connection-routing)', () => {
  it('specific over wildcard; among SO_REUSEADDR sharers the first bound, then the next after it closes', () => {
    const p = new WskProvider({ arch: 'x64' });
    const w = listener(p, '0.0.0.0:5150', 'reuse');
    const s1 = listener(p, '127.0.0.1:5150', 'reuse');
    const s2 = listener(p, '127.0.0.1:5150', 'reuse');
    const to = a('127.0.0.1:5150');
    expect(p.incomingConnection(a('10.0.0.9:1'), to)).toBe(s1);
    p.wskCloseSocket(s1, canary(IRP64));
    expect(p.incomingConnection(a('10.0.0.9:2'), to)).toBe(s2);
    p.wskCloseSocket(s2, canary(IRP64));
    expect(p.incomingConnection(a('10.0.0.9:3'), to)).toBe(w);
    expect(p.incomingConnection(a('10.0.0.9:3'), a('127.0.0.2:5150'))).toBe(w);
    p.wskCloseSocket(w, canary(IRP64));
    expect(p.incomingConnection(a('10.0.0.9:4'), to)).toBe(0);
    expect(p.reason.rule).toBe('connection-refused');
  });

  it('a dual-stack [::] listener accepts an IPv4 peer; its addresses are v4-mapped', () => {
    const p = new WskProvider({ arch: 'x64' });
    const s = p.wskSocket(tcp(LISTEN, AF.AF_INET6)).socket;
    expect(p.wskControlSocket(s, 0, 27, 41, 4, Buffer.alloc(4), 0, null, null, canary(IRP64))).toBe(STATUS.STATUS_SUCCESS);
    p.wskBind(s, a('[::]:5150'), 0, canary(IRP64));
    expect(p.incomingConnection(a('10.0.0.9:40000'), a('127.0.0.1:5150'))).toBe(s);
    const local = canary(28);
    const remote = canary(28);
    expect(p.wskAccept(s, 0, local, remote, canary(IRP64))).toBe(STATUS.STATUS_SUCCESS);
    // SOCKADDR_IN6: family 23 LE, port BE, flowinfo 0, ::ffff:127.0.0.1, scope 0
    expect(hexOf(local)).toBe('1700141e' + '00000000' + '00000000000000000000ffff7f000001' + '00000000');
    expect(hexOf(remote)).toBe('17009c40' + '00000000' + '00000000000000000000ffff0a000009' + '00000000');
  });
});

describe('connect (policies connection-connect, connection-connect-unbound, connection-refused)', () => {
  it('unbound: STATUS_INVALID_DEVICE_STATE at the call, IRP completed, also under completion pending', () => {
    for (const completion of ['inline', 'pending'] as const) {
      const p = new WskProvider({ arch: 'x64', completion });
      const c = p.wskSocket(tcp(CONN)).socket;
      const irp = canary(IRP64);
      expect(p.wskConnect(c, a('127.0.0.1:5150'), 0, irp)).toBe(STATUS.STATUS_INVALID_DEVICE_STATE);
      expect(hexOf(irp)).toBe(irp64(STATUS.STATUS_INVALID_DEVICE_STATE, 0));
    }
  });

  it('loopback reaches its own listener; remote addresses only declared remote listeners; local and remote addresses byte-exact', () => {
    const p = new WskProvider({ arch: 'x86' });
    const l = listener(p, '127.0.0.1:5150');
    const c = p.wskSocket(tcp(CONN)).socket;
    p.wskBind(c, a('0.0.0.0:0'), 0, canary(IRP86));
    const irp = canary(IRP86);
    expect(p.wskConnect(c, a('127.0.0.1:5150'), 0, irp)).toBe(STATUS.STATUS_SUCCESS);
    expect(hexOf(irp)).toBe(irp86(0, 0));
    expect(p.lastRoutedListener).toBe(l);
    const out = canary(17);
    const g = canary(IRP86);
    expect(p.wskGetLocalAddress(c, out, g)).toBe(STATUS.STATUS_SUCCESS);
    expect(hexOf(out)).toBe('0200c0007f0000010000000000000000cc'); // port 49152 = 0xc000, connected to 127.0.0.1
    expect(hexOf(g)).toBe(irp86(0, 16));
    expect(p.wskAccept(l, 0, null, out, canary(IRP86))).toBe(STATUS.STATUS_SUCCESS);
    expect(hexOf(out)).toBe('0200c0007f0000010000000000000000cc');
    const c2 = p.wskSocket(tcp(CONN)).socket;
    p.wskBind(c2, a('0.0.0.0:0'), 0, canary(IRP86));
    const irp2 = canary(IRP86);
    expect(p.wskConnect(c2, a('192.0.2.7:80'), 0, irp2)).toBe(STATUS.STATUS_CONNECTION_REFUSED);
    expect(hexOf(irp2)).toBe(irp86(STATUS.STATUS_CONNECTION_REFUSED, 0));
    p.addRemoteListener(a('192.0.2.7:80'));
    expect(p.wskConnect(c2, a('192.0.2.7:80'), 0, canary(IRP86))).toBe(STATUS.STATUS_SUCCESS);
    expect(p.wskConnect(c2, a('192.0.2.7:80'), 0, canary(IRP86))).toBe(STATUS.STATUS_CONNECTION_ACTIVE);
    const r = canary(16);
    expect(p.wskGetRemoteAddress(c2, r, canary(IRP86))).toBe(STATUS.STATUS_SUCCESS);
    expect(hexOf(r)).toBe('02000050c00002070000000000000000');
  });
});

describe('closing, TIME_WAIT and the exclusive reservation (policies connection-time-wait, connection-exclusive-reservation)', () => {
  function acceptedOn(p: WskProvider, l: number, from: string, to: string): number {
    expect(p.incomingConnection(a(from), a(to))).toBe(l);
    expect(p.wskAccept(l, 0, null, null, canary(IRP64))).toBe(STATUS.STATUS_SUCCESS);
    return p.lastAcceptedSocket;
  }

  it('exclusive listener closed with an active connection: rebinding fails until the connection ends; graceful close lingers 240 s', () => {
    const p = new WskProvider({ arch: 'x64' });
    const l = listener(p, '0.0.0.0:5150', 'excl');
    const acc = acceptedOn(p, l, '10.0.0.9:40000', '127.0.0.1:5150');
    expect(p.wskCloseSocket(l, canary(IRP64))).toBe(STATUS.STATUS_SUCCESS);
    const n = p.wskSocket(tcp(LISTEN)).socket;
    const irp = canary(IRP64);
    expect(p.wskBind(n, a('0.0.0.0:5150'), 0, irp)).toBe(STATUS.STATUS_ADDRESS_ALREADY_EXISTS);
    expect(p.reason.rule).toBe('connection-exclusive-reservation');
    expect(p.reason.conflictSocket).toBe(l);
    expect(p.reason.source?.ref).toBe('W1');
    expect(hexOf(irp)).toBe(irp64(STATUS.STATUS_ADDRESS_ALREADY_EXISTS, 0));
    expect(p.wskDisconnect(acc, 0, 0, canary(IRP64))).toBe(STATUS.STATUS_SUCCESS);
    expect(p.wskCloseSocket(acc, canary(IRP64))).toBe(STATUS.STATUS_SUCCESS);
    expect(p.wskBind(n, a('0.0.0.0:5150'), 0, canary(IRP64))).toBe(STATUS.STATUS_ADDRESS_ALREADY_EXISTS);
    expect(p.advanceTime(239)).toBe(0);
    expect(p.wskBind(n, a('0.0.0.0:5150'), 0, canary(IRP64))).toBe(STATUS.STATUS_ADDRESS_ALREADY_EXISTS);
    expect(p.advanceTime(1)).toBe(1);
    expect(p.now).toBe(240);
    expect(p.wskBind(n, a('0.0.0.0:5150'), 0, canary(IRP64))).toBe(STATUS.STATUS_SUCCESS);
  });

  it('without SO_EXCLUSIVEADDRUSE nothing is kept; an abortive or passive close does not linger', () => {
    const p = new WskProvider({ arch: 'x64' });
    const l = listener(p, '0.0.0.0:5150');
    const acc = acceptedOn(p, l, '10.0.0.9:40000', '127.0.0.1:5150');
    p.wskCloseSocket(l, canary(IRP64));
    const n = listener(p, '0.0.0.0:5150');
    expect(p.reason.rule).toBe('bind-conflict-scope');
    p.wskCloseSocket(n, canary(IRP64));
    const e = listener(p, '0.0.0.0:5151', 'excl');
    const a1 = acceptedOn(p, e, '10.0.0.9:1', '127.0.0.1:5151');
    const a2 = acceptedOn(p, e, '10.0.0.9:2', '127.0.0.1:5151');
    p.wskCloseSocket(e, canary(IRP64));
    expect(p.wskDisconnect(a1, 0, 1, canary(IRP64))).toBe(STATUS.STATUS_SUCCESS);
    p.wskCloseSocket(a1, canary(IRP64));
    expect(p.peerClose(a2)).toBe(1);
    expect(p.wskDisconnect(a2, 0, 0, canary(IRP64))).toBe(STATUS.STATUS_SUCCESS);
    const x = p.wskSocket(tcp(LISTEN)).socket;
    expect(p.wskBind(x, a('0.0.0.0:5151'), 0, canary(IRP64))).toBe(STATUS.STATUS_ADDRESS_ALREADY_EXISTS);
    p.wskCloseSocket(a2, canary(IRP64));
    expect(p.wskBind(x, a('0.0.0.0:5151'), 0, canary(IRP64))).toBe(STATUS.STATUS_SUCCESS);
    p.wskCloseSocket(acc, canary(IRP64));
    expect(p.advanceTime(1000)).toBe(0);
  });

  it('WskDisconnect: WSK_FLAG_ABORTIVE with a Buffer, or an unknown flag: STATUS_INVALID_PARAMETER; not connected: STATUS_INVALID_DEVICE_STATE', () => {
    const p = new WskProvider({ arch: 'x64' });
    const l = listener(p, '127.0.0.1:5150');
    const acc = acceptedOn(p, l, '10.0.0.9:1', '127.0.0.1:5150');
    expect(p.wskDisconnect(acc, 0x1000, 1, canary(IRP64))).toBe(STATUS.STATUS_INVALID_PARAMETER);
    expect(p.wskDisconnect(acc, 0, 2, canary(IRP64))).toBe(STATUS.STATUS_INVALID_PARAMETER);
    const c = p.wskSocket(tcp(CONN)).socket;
    expect(p.wskDisconnect(c, 0, 0, canary(IRP64))).toBe(STATUS.STATUS_INVALID_DEVICE_STATE);
    expect(p.wskDisconnect(acc, 0x1000, 0, canary(IRP64))).toBe(STATUS.STATUS_SUCCESS);
    expect(p.wskDisconnect(acc, 0, 1, canary(IRP64))).toBe(STATUS.STATUS_SUCCESS);
    expect(p.wskDisconnect(acc, 0, 1, canary(IRP64))).toBe(STATUS.STATUS_INVALID_DEVICE_STATE);
  });
});

describe('handles, v4-mapped addresses on V6ONLY sockets, harness steps in the trace', () => {
  it('a closed reserved listener frees its handle slot (socket-handle-reuse); the reservation keeps only the binding and names the old handle', () => {
    const p = new WskProvider({ arch: 'x64' });
    const l = listener(p, '0.0.0.0:5150', 'excl');
    expect(l).toBe(1);
    p.incomingConnection(a('10.0.0.9:1'), a('127.0.0.1:5150'));
    expect(p.wskAccept(l, 0, null, null, canary(IRP64))).toBe(STATUS.STATUS_SUCCESS);
    p.wskCloseSocket(l, canary(IRP64));
    const s3 = p.wskSocket(tcp(LISTEN)).socket;
    expect(s3).toBe(1 + 2 ** 22); // slot 1 one generation on
    expect(p.wskBind(s3, a('0.0.0.0:5150'), 0, canary(IRP64))).toBe(STATUS.STATUS_ADDRESS_ALREADY_EXISTS);
    expect([p.reason.rule, p.reason.conflictSocket]).toEqual(['connection-exclusive-reservation', l]);
    expect(p.reservationHolders(l).open).toEqual([2]);
    expect(p.wskBind(s3, a('0.0.0.0:5151'), 0, canary(IRP64))).toBe(STATUS.STATUS_SUCCESS);
    p.incomingConnection(a('10.0.0.9:2'), a('127.0.0.1:5151'));
    const irp = canary(IRP64);
    expect(p.wskAccept(s3, 0, null, null, irp)).toBe(STATUS.STATUS_SUCCESS);
    expect(hexOf(irp)).toBe(irp64(0, 3));
  });

  it('a V6ONLY socket connecting to ::ffff:127.0.0.1 reaches no IPv4 listener; a dual-stack one does', () => {
    const p = new WskProvider({ arch: 'x64' });
    const l = listener(p, '127.0.0.1:5150');
    const v6only = p.wskSocket(tcp(CONN, AF.AF_INET6)).socket;
    p.wskBind(v6only, a('[::]:6001'), 0, canary(IRP64));
    expect(p.wskConnect(v6only, a('[::ffff:127.0.0.1]:5150'), 0, canary(IRP64))).toBe(STATUS.STATUS_CONNECTION_REFUSED);
    const dual = p.wskSocket(tcp(CONN, AF.AF_INET6)).socket;
    expect(p.wskControlSocket(dual, 0, 27, 41, 4, Buffer.alloc(4), 0, null, null, canary(IRP64))).toBe(STATUS.STATUS_SUCCESS);
    p.wskBind(dual, a('[::]:6002'), 0, canary(IRP64));
    expect(p.wskConnect(dual, a('[::ffff:127.0.0.1]:5150'), 0, canary(IRP64))).toBe(STATUS.STATUS_SUCCESS);
    expect(p.lastRoutedListener).toBe(l);
  });

  it('advanceTime, peerClose and remote steps report their own rule, not the previous call\'s', () => {
    const r = runVector({
      id: 't', source: '', arch: 'x64', profile: 'wsk', policy: 'strict', completion: 'inline', recorded: false,
      steps: parseVectorFile(JSON.stringify({ format: 'wsksim/vectors@1', vectors: [{ id: 't', steps: [
        { op: 'socket', as: 'l', family: 'AF_INET', type: 'SOCK_STREAM', flags: 'WSK_FLAG_LISTEN_SOCKET' },
        { op: 'bind', socket: 'l', address: '127.0.0.1:5150', irp: { fill: 'cc' } },
        { op: 'socket', as: 'm', family: 'AF_INET', type: 'SOCK_STREAM', flags: 'WSK_FLAG_LISTEN_SOCKET' },
        { op: 'bind', socket: 'm', address: '127.0.0.1:5150', irp: { fill: 'cc' }, expect: { status: 'STATUS_ADDRESS_ALREADY_EXISTS' } },
        { op: 'advanceTime', seconds: 1, expect: { released: 0 } },
        { op: 'remote', listen: '192.0.2.7:80' },
        { op: 'incoming', from: '10.0.0.9:1', to: '127.0.0.1:5150', expect: { listener: 'l' } },
        { op: 'accept', socket: 'l', as: 'a', irp: { fill: 'cc' } },
        { op: 'bind', socket: 'm', address: '127.0.0.1:5150', irp: { fill: 'cc' }, expect: { status: 'STATUS_ADDRESS_ALREADY_EXISTS' } },
        { op: 'peerClose', socket: 'a' },
      ] }] }), 'mem.json').vectors[0]!.steps,
    });
    expect(r.passed).toBe(true);
    const t = (i: number) => r.trace[i]!;
    expect([t(4).rule, t(4).conflictSocket, t(4).wsaError, t(4).released]).toEqual(['connection-time-wait', undefined, undefined, 0]);
    expect([t(5).rule, t(5).conflictSocket]).toEqual(['connection-remote-listener', undefined]);
    expect([t(9).rule, t(9).conflictSocket, t(9).wsaError]).toEqual(['connection-peer-close', undefined, undefined]);
  });
});
