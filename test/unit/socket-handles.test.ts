/**
 * Socket handles (policy socket-handle-reuse): a closed socket's slot is reused, one generation on, so that the
 * provider's memory stays flat over create/close rounds while a stale handle stays fault InvalidSocket.
 */
import { AbiUsageError, AF, CODE, Fault, LEVEL, REQUEST, SOCK, STATUS, WSK_FLAG, WskProvider, encodeSockaddrText } from '../../src';
import { HANDLE_GENERATION, HANDLE_MAX, HANDLE_SLOT_MASK } from '../../src/provider/socket';
import { canary } from '../helpers/canary';

const tcp = { family: AF.AF_INET, type: SOCK.SOCK_STREAM, protocol: 6, flags: WSK_FLAG.WSK_FLAG_LISTEN_SOCKET };
const { WskSetOption: SET, WskGetOption: GET } = REQUEST;
const EX = CODE.SO_EXCLUSIVEADDRUSE;
const SOL = LEVEL.SOL_SOCKET;

/** Every entry point taking a socket, on a handle that names no live socket. */
function expectStale(p: WskProvider, h: number): void {
  expect(p.wskControlSocket(h, GET, EX, SOL, 0, null, 4, canary(4), null, canary(208))).toBe(Fault.InvalidSocket);
  expect(p.wskControlSocket(h, SET, EX, SOL, 4, Buffer.from('01000000', 'hex'), 0, null, null, canary(208))).toBe(Fault.InvalidSocket);
  expect(p.wskBind(h, encodeSockaddrText('127.0.0.1:9000'), 0, canary(208))).toBe(Fault.InvalidSocket);
  expect(p.wskCloseSocket(h, canary(208))).toBe(Fault.InvalidSocket);
  expect(p.reason.rule).toBe('socket-live');
  expect(p.inspect(h)).toBeUndefined();
  expect(p.forceClose(h)).toBe(false);
  expect(() => p.setRedirectData(h, 'records', null)).toThrow(AbiUsageError);
}

describe('socket handles (policy socket-handle-reuse)', () => {
  it('handles are 1, 2, 3, ... while nothing was closed', () => {
    const p = new WskProvider();
    expect([0, 1, 2].map(() => p.wskSocket(tcp).socket)).toEqual([1, 2, 3]);
  });

  it('a closed slot is reused one generation on: the new handle is the old + 2^22, and the old one stays InvalidSocket', () => {
    const p = new WskProvider();
    const a = p.wskSocket(tcp).socket;
    const b = p.wskSocket(tcp).socket;
    // warm the guarded path on a, so that the stale handle meets the cached row too
    for (let i = 0; i < 3; i++) expect(p.wskControlSocket(a, SET, EX, SOL, 4, Buffer.from('01000000', 'hex'), 0, null, null, canary(208))).toBe(STATUS.STATUS_SUCCESS);
    expect(p.wskCloseSocket(a, canary(208))).toBe(STATUS.STATUS_SUCCESS);
    const c = p.wskSocket(tcp).socket;
    expect(c).toBe(a + HANDLE_GENERATION);
    expect(c & HANDLE_SLOT_MASK).toBe(a);
    expectStale(p, a);
    // the new socket is fresh (SO_EXCLUSIVEADDRUSE back at its default) and b is untouched
    const out = canary(4);
    expect(p.wskControlSocket(c, GET, EX, SOL, 0, null, 4, out, null, canary(208))).toBe(STATUS.STATUS_SUCCESS);
    expect(out.readUInt32LE(0)).toBe(0);
    expect(p.inspect(b)!.handle).toBe(b);
  });

  it('the most recently freed slot is reused first', () => {
    const p = new WskProvider();
    const hs = [0, 1, 2, 3].map(() => p.wskSocket(tcp).socket);
    p.wskCloseSocket(hs[1]!, canary(208));
    p.wskCloseSocket(hs[3]!, canary(208));
    expect(p.wskSocket(tcp).socket).toBe(hs[3]! + HANDLE_GENERATION);
    expect(p.wskSocket(tcp).socket).toBe(hs[1]! + HANDLE_GENERATION);
    expect(p.wskSocket(tcp).socket).toBe(5);
  });

  it('a slot whose next generation would pass 2^31-1 is retired: every stale handle of it stays InvalidSocket', () => {
    const p = new WskProvider();
    const stale: number[] = [];
    const generations = Math.floor(HANDLE_MAX / HANDLE_GENERATION) + 1; // 512 handles per slot
    let h = p.wskSocket(tcp).socket;
    for (let i = 0; i < generations + 5; i++) {
      expect(h).toBeLessThanOrEqual(HANDLE_MAX);
      stale.push(h);
      p.wskCloseSocket(h, canary(208));
      h = p.wskSocket(tcp).socket;
    }
    expect(new Set(stale).size).toBe(stale.length);
    expect(stale.filter((x) => (x & HANDLE_SLOT_MASK) === 1)).toHaveLength(generations);
    expect(stale[generations]).toBe(2); // slot 1 retired after its 512th handle
    for (const x of stale) expectStale(p, x);
  });

  it('bindings of a reused slot: conflicts name the current handle, closing releases the right socket', () => {
    const p = new WskProvider();
    const a = p.wskSocket(tcp).socket;
    p.wskCloseSocket(a, canary(208));
    const b = p.wskSocket(tcp).socket;
    expect(b).not.toBe(a);
    const addr = encodeSockaddrText('10.0.0.1:5150');
    expect(p.wskBind(b, addr, 0, canary(208))).toBe(STATUS.STATUS_SUCCESS);
    const c = p.wskSocket(tcp).socket;
    expect(p.wskBind(c, addr, 0, canary(208))).toBe(STATUS.STATUS_ADDRESS_ALREADY_EXISTS);
    expect(p.reason.conflictSocket).toBe(b);
    const d = p.wskSocket(tcp).socket;
    expect(p.wskBind(d, encodeSockaddrText('10.0.0.1:5151'), 0, canary(208))).toBe(STATUS.STATUS_SUCCESS);
    p.wskCloseSocket(b, canary(208));
    expect(p.wskBind(c, addr, 0, canary(208))).toBe(STATUS.STATUS_SUCCESS);
    expect(p.inspect(d)!.bound).toBe(true);
  });

  it('memory stays flat: 2,000 rounds of creating, binding and closing 50 sockets use at most 50 + 2000 * 50 / 512 + 1 slots', () => {
    const p = new WskProvider();
    const addr = encodeSockaddrText('10.0.0.1:0')!;
    const irp = canary(208);
    for (let r = 0; r < 2000; r++) {
      const hs: number[] = [];
      for (let i = 0; i < 50; i++) {
        const h = p.wskSocket(tcp).socket;
        addr[7] = i + 1;
        expect(p.wskBind(h, addr, 0, irp)).toBe(STATUS.STATUS_SUCCESS);
        hs.push(h);
      }
      for (const h of hs) p.wskCloseSocket(h, irp);
    }
    expect(p.sockets.length).toBeLessThanOrEqual(1 + 50 + Math.ceil((2000 * 50) / 512));
    expect(p.endpoints.size).toBe(0);
  });

  it('when every slot is taken, WskSocket fails with STATUS_INSUFFICIENT_RESOURCES and creates nothing', () => {
    const p = new WskProvider();
    p.sockets.length = HANDLE_SLOT_MASK + 1; // as if 2^22 - 1 sockets were live (the array is only read by slot)
    expect(p.wskSocket(tcp)).toEqual({ status: STATUS.STATUS_INSUFFICIENT_RESOURCES, socket: 0 });
    expect(p.reason.rule).toBe('socket-handle-reuse');
    expect(p.sockets.length).toBe(HANDLE_SLOT_MASK + 1);
  });
});
