/**
 * Connections (docs/POLICY.md#connections): the entry points WskListen, WskAccept, WskConnect, WskSocketConnect,
 * WskDisconnect, WskGetLocalAddress, WskGetRemoteAddress and the harness side. Buffers are 0xcc canaries; expected
 * bytes are written from the spec (SOCKADDR_IN: family LE, port and address in network order, 8 zero bytes).
 */
import { AF, Fault, SOCK, STATUS, WSK_FLAG, WskProvider, encodeSockaddrText } from '../../src';
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
