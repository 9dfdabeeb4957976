/**
 * Every IRP the provider accepts (the call returned STATUS_PENDING) is completed exactly once, whatever completion
 * routines do meanwhile (close other sockets, deliver completions, make new calls); a buffer released while its call
 * is pending is a delivery fault that is reported, never dropped (policies close-cancels-pending, pending-buffers-held).
 */
import fc from 'fast-check';
import { AF, CODE, Fault, LEVEL, REQUEST, SOCK, STATUS, WSK_FLAG, WskProvider, encodeSockaddrText } from '../../src';
import { canary, h, hexOf } from '../helpers/canary';
import { fuzzParams } from '../fuzz/fc-config';

const udp = { family: AF.AF_INET, type: SOCK.SOCK_DGRAM, protocol: 17, flags: WSK_FLAG.WSK_FLAG_DATAGRAM_SOCKET };
const { WskSetOption: SET, WskGetOption: GET, WskIoctl: IOCTL } = REQUEST;
const EX = CODE.SO_EXCLUSIVEADDRUSE;
const SOL = LEVEL.SOL_SOCKET;
const ALC = CODE.SIO_ADDRESS_LIST_CHANGE;
const IRP = 208; // sizeof(IRP), x64
const STATUS_AT = 48; // IoStatus.Status, x64

/** IoStatus of an x64 IRP as hex: Status, the untouched upper half, Information. */
const ioStatus = (irp: Uint8Array): string => hexOf(irp.subarray(STATUS_AT, STATUS_AT + 16));
const le32 = (v: number): string => Buffer.from(Uint32Array.of(v).buffer).toString('hex');

/** A provider whose completion hook counts completions per IRP and runs a caller-set reaction. */
function counting(completion: 'inline' | 'pending') {
  const counts = new Map<Uint8Array, number>();
  const react = new Map<Uint8Array, () => void>();
  const p: WskProvider = new WskProvider({
    arch: 'x64', completion,
    onComplete: (irp) => {
      counts.set(irp, (counts.get(irp) ?? 0) + 1);
      react.get(irp)?.();
    },
  });
  return { p, counts, react };
}

describe('re-entrant WskCloseSocket from completion routines (policy close-cancels-pending)', () => {
  it('three nested closes: every pending IRP of every closed socket is cancelled exactly once', () => {
    const { p, counts, react } = counting('pending');
    const s = [0, 1, 2, 3].map(() => p.wskSocket(udp).socket);
    // interleaved: A1 B1 C1 D1 A2 B2 C2 D2 A3 B3 C3 D3
    const irps: Buffer[] = [];
    for (let k = 0; k < 3; k++) {
      for (const x of s) {
        const irp = canary(IRP);
        irps.push(irp);
        expect(p.wskControlSocket(x, GET, EX, SOL, 0, null, 4, canary(4), null, irp)).toBe(STATUS.STATUS_PENDING);
      }
    }
    // A2's cancellation closes B, B2's closes C, C2's closes D: each nested close removes entries before the outer
    // loop's position
    react.set(irps[4]!, () => p.wskCloseSocket(s[1]!, canary(IRP)));
    react.set(irps[5]!, () => p.wskCloseSocket(s[2]!, canary(IRP)));
    react.set(irps[6]!, () => p.wskCloseSocket(s[3]!, canary(IRP)));
    expect(p.wskCloseSocket(s[0]!, canary(IRP))).toBe(STATUS.STATUS_PENDING);
    for (const irp of irps) {
      expect(counts.get(irp)).toBe(1);
      expect(ioStatus(irp)).toBe(h(`${le32(STATUS.STATUS_CANCELLED)} cccccccc 0000000000000000`));
    }
    // the four close IRPs are pending; nothing else is
    expect(p.pendingCount).toBe(4);
    expect(p.deliverCompletions()).toBe(4);
    expect(p.pendingCount).toBe(0);
  });

  it('cancellations complete in the order the closes took them (B1 B2, then the nested close of A: A1 A2); a re-entrant close of the closing socket is InvalidSocket', () => {
    const order: string[] = [];
    let p!: WskProvider;
    const names = new Map<Uint8Array, string>();
    let inner = 0;
    p = new WskProvider({
      arch: 'x64', completion: 'pending',
      onComplete: (irp) => {
        order.push(names.get(irp) ?? '?');
        if (names.get(irp) === 'B1') inner = p.wskCloseSocket(b, canary(IRP));
        if (names.get(irp) === 'B1') p.wskCloseSocket(a, canary(IRP));
      },
    });
    const a = p.wskSocket(udp).socket;
    const b = p.wskSocket(udp).socket;
    for (const [n, x] of [['A1', a], ['B1', b], ['A2', a], ['B2', b]] as const) {
      const irp = canary(IRP);
      names.set(irp, n);
      p.wskControlSocket(x, GET, EX, SOL, 0, null, 4, canary(4), null, irp);
    }
    p.wskCloseSocket(b, canary(IRP));
    expect(inner).toBe(Fault.InvalidSocket);
    expect(order).toEqual(['B1', 'B2', 'A1', 'A2']);
  });

  it('a completion routine that throws: the error propagates, the close still releases the socket, the other cancellations are completed by the next deliverCompletions', () => {
    const { p, counts, react } = counting('pending');
    const a = p.wskSocket(udp).socket;
    expect(p.wskBind(a, encodeSockaddrText('127.0.0.1:7100'), 0, canary(IRP))).toBe(STATUS.STATUS_PENDING);
    p.deliverCompletions();
    const irps = [0, 1, 2].map(() => {
      const irp = canary(IRP);
      p.wskControlSocket(a, GET, EX, SOL, 0, null, 4, canary(4), null, irp);
      return irp;
    });
    react.set(irps[0]!, () => { throw new Error('completion routine failed'); });
    expect(() => p.wskCloseSocket(a, canary(IRP))).toThrow('completion routine failed');
    expect(p.inspect(a)).toBeUndefined();
    expect(p.wskControlSocket(a, GET, EX, SOL, 0, null, 4, canary(4), null, canary(IRP))).toBe(Fault.InvalidSocket);
    const b = p.wskSocket(udp).socket;
    expect(p.wskBind(b, encodeSockaddrText('127.0.0.1:7100'), 0, canary(IRP))).toBe(STATUS.STATUS_PENDING); // the port was released
    expect(p.pendingCount).toBe(3); // irps[1], irps[2] still to be cancelled, then b's bind
    expect(p.deliverCompletions()).toBe(1);
    for (const irp of irps) expect(counts.get(irp)).toBe(1);
    expect(ioStatus(irps[2]!)).toBe(h(`${le32(STATUS.STATUS_CANCELLED)} cccccccc 0000000000000000`));
    expect(p.inspect(b)!.bound).toBe(true);
  });

  it('a completion routine that delivers completions while a close cancels: each IRP once', () => {
    const { p, counts, react } = counting('pending');
    const a = p.wskSocket(udp).socket;
    const b = p.wskSocket(udp).socket;
    const irps = [a, b, a, b, a].map((x) => {
      const irp = canary(IRP);
      p.wskControlSocket(x, GET, EX, SOL, 0, null, 4, canary(4), null, irp);
      return irp;
    });
    react.set(irps[0]!, () => { p.deliverCompletions(); });
    p.wskCloseSocket(a, canary(IRP));
    for (const irp of irps) expect(counts.get(irp)).toBe(1);
    expect(p.pendingCount).toBe(1); // a's close IRP, queued after the nested delivery
  });
});

/** One thing a script or a completion routine does. */
type Act =
  | { readonly k: 'close'; readonly i: number }
  | { readonly k: 'call'; readonly what: 'get' | 'set' | 'bind' | 'alc'; readonly i: number }
  | { readonly k: 'deliver' }
  | { readonly k: 'signal' }
  | { readonly k: 'socket' }
  | { readonly k: 'force'; readonly i: number }
  | { readonly k: 'none' };

// Calls and closes weighted up, on few sockets, so that queues interleave several sockets' IRPs and completion
// routines close sockets whose IRPs lie on both sides of the one being cancelled.
const act: fc.Arbitrary<Act> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ k: fc.constant('close' as const), i: fc.nat(3) }) },
  { weight: 6, arbitrary: fc.record({ k: fc.constant('call' as const), what: fc.constantFrom('get' as const, 'set' as const, 'bind' as const, 'alc' as const), i: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.constant({ k: 'deliver' as const }) },
  { weight: 1, arbitrary: fc.constant({ k: 'signal' as const }) },
  { weight: 1, arbitrary: fc.constant({ k: 'socket' as const }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('force' as const), i: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.constant({ k: 'none' as const }) },
);

describe('property: nested closes, deliveries and calls from completion routines complete every accepted IRP exactly once', () => {
  it('holds for arbitrary scripts', () => {
    fc.assert(fc.property(
      fc.constantFrom('inline' as const, 'pending' as const),
      fc.array(act, { maxLength: 25 }), fc.array(act, { maxLength: 25 }),
      (completion, script, reactions) => {
        const counts = new Map<Uint8Array, number>();
        const accepted = new Set<Uint8Array>();
        const handles: number[] = [];
        let port = 6000;
        let r = 0;
        let p!: WskProvider;
        const run = (a: Act): void => {
          const x = handles.length === 0 ? 0 : handles[('i' in a ? a.i : 0) % handles.length]!;
          const irp = canary(IRP);
          let st: number | null = null;
          switch (a.k) {
            case 'close': st = p.wskCloseSocket(x, irp); break;
            case 'deliver': p.deliverCompletions(); break;
            case 'signal': p.setAddressList(AF.AF_INET, [`127.0.0.${1 + (port++ % 200)}:0`]); break;
            case 'socket': handles.push(p.wskSocket(udp).socket); break;
            case 'force': p.forceClose(x); break;
            case 'none': break;
            case 'call':
              if (a.what === 'get') st = p.wskControlSocket(x, GET, EX, SOL, 0, null, 4, canary(4), null, irp);
              else if (a.what === 'set') st = p.wskControlSocket(x, SET, EX, SOL, 4, Buffer.from('01000000', 'hex'), 0, null, null, irp);
              else if (a.what === 'alc') st = p.wskControlSocket(x, IOCTL, ALC, 0, 0, null, 0, null, null, irp);
              else st = p.wskBind(x, encodeSockaddrText(`127.0.0.1:${port++}`), 0, irp);
          }
          if (st === STATUS.STATUS_PENDING) accepted.add(irp);
        };
        p = new WskProvider({
          arch: 'x64', completion,
          onComplete: (irp) => {
            counts.set(irp, (counts.get(irp) ?? 0) + 1);
            if (r < reactions.length) run(reactions[r++]!);
          },
        });
        for (let i = 0; i < 3; i++) handles.push(p.wskSocket(udp).socket);
        for (const a of script) run(a);
        // close everything, then deliver until nothing is left
        for (let i = 0; i < handles.length; i++) run({ k: 'close', i }); // reactions may add sockets meanwhile
        for (let guard = 0; p.pendingCount > 0 && guard < 1000; guard++) p.deliverCompletions();
        expect(p.pendingCount).toBe(0);
        expect(p.waitingCount).toBe(0);
        for (const irp of accepted) expect(counts.get(irp)).toBe(1);
        for (const n of counts.values()) expect(n).toBe(1);
        expect(p.deliveryFaults).toEqual([]);
      },
    ), fuzzParams(300));
  });
});

describe('buffers released while a call is pending (policy pending-buffers-held)', () => {
  /** Detach a buffer's memory (transfer its ArrayBuffer away), as freeing it would. */
  const detach = (u: Uint8Array): void => { structuredClone(u.buffer, { transfer: [u.buffer] }); };
  const own = (n: number): Uint8Array => new Uint8Array(n).fill(0xcc);

  it('a detached OutputBuffer at delivery: fault OutputBufferOverrun reported, nothing written, IRP not completed', () => {
    const { p, counts } = counting('pending');
    const s = p.wskSocket(udp).socket;
    const out = own(4);
    const irp = canary(IRP);
    expect(p.wskControlSocket(s, GET, EX, SOL, 0, null, 4, out, null, irp)).toBe(STATUS.STATUS_PENDING);
    detach(out);
    expect(p.deliverCompletions()).toBe(0);
    expect(p.deliveryFaults).toEqual([{ irp, fault: Fault.OutputBufferOverrun, rule: 'pending-buffers-held' }]);
    expect(p.reason.rule).toBe('pending-buffers-held');
    expect(hexOf(irp)).toBe('cc'.repeat(IRP));
    expect(counts.size).toBe(0);
    expect(p.pendingCount).toBe(0);
  });

  it('a shrunk (resizable) InputBuffer at delivery: fault InputBufferOverrun, the option unchanged', () => {
    const { p } = counting('pending');
    const s = p.wskSocket(udp).socket;
    const rab = new (ArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => ArrayBuffer & { resize(n: number): void })(4, { maxByteLength: 8 });
    const input = new Uint8Array(rab);
    input[0] = 1;
    const irp = canary(IRP);
    expect(p.wskControlSocket(s, SET, EX, SOL, 4, input, 0, null, null, irp)).toBe(STATUS.STATUS_PENDING);
    rab.resize(2);
    expect(p.deliverCompletions()).toBe(0);
    expect(p.deliveryFaults.map((f) => f.fault)).toEqual([Fault.InputBufferOverrun]);
    expect(p.inspect(s)!.options[0]).toBe(0);
    expect(hexOf(irp)).toBe('cc'.repeat(IRP));
  });

  it('a detached OutputSizeReturned at delivery: fault OutputSizeReturnedOverrun', () => {
    const { p } = counting('pending');
    const s = p.wskSocket({ family: AF.AF_INET, type: SOCK.SOCK_STREAM, protocol: 6, flags: WSK_FLAG.WSK_FLAG_CONNECTION_SOCKET }).socket;
    p.setRedirectData(s, 'records', Buffer.from('0102', 'hex'));
    const osr = own(8);
    const irp = canary(IRP);
    // the WFP redirect queries take OutputSizeReturned with an IRP
    expect(p.wskControlSocket(s, IOCTL, CODE.SIO_QUERY_WFP_CONNECTION_REDIRECT_RECORDS, 0, 0, null, 4, canary(4), osr, irp)).toBe(STATUS.STATUS_PENDING);
    detach(osr);
    expect(p.deliverCompletions()).toBe(0);
    expect(p.deliveryFaults.map((f) => f.fault)).toEqual([Fault.OutputSizeReturnedOverrun]);
  });

  it('a detached IRP at delivery: fault IrpOverrun, the Set not applied', () => {
    const { p } = counting('pending');
    const s = p.wskSocket(udp).socket;
    const irp = own(IRP);
    expect(p.wskControlSocket(s, SET, EX, SOL, 4, Buffer.from('01000000', 'hex'), 0, null, null, irp)).toBe(STATUS.STATUS_PENDING);
    detach(irp);
    expect(p.deliverCompletions()).toBe(0);
    expect(p.deliveryFaults.map((f) => [f.irp, f.fault])).toEqual([[irp, Fault.IrpOverrun]]);
    expect(p.inspect(s)!.options[0]).toBe(0);
  });

  it('a detached LocalAddress or IRP of a pending WskBind: fault AddressBufferOverrun / IrpOverrun, nothing bound', () => {
    const { p } = counting('pending');
    const s = p.wskSocket(udp).socket;
    const addr = encodeSockaddrText('127.0.0.1:7000')!;
    expect(p.wskBind(s, addr, 0, canary(IRP))).toBe(STATUS.STATUS_PENDING);
    detach(addr);
    const t = p.wskSocket(udp).socket;
    const irp = own(IRP);
    expect(p.wskBind(t, encodeSockaddrText('127.0.0.1:7001'), 0, irp)).toBe(STATUS.STATUS_PENDING);
    detach(irp);
    expect(p.deliverCompletions()).toBe(0);
    expect(p.deliveryFaults.map((f) => f.fault)).toEqual([Fault.AddressBufferOverrun, Fault.IrpOverrun]);
    expect(p.inspect(s)!.bound).toBe(false);
    expect(p.inspect(t)!.bound).toBe(false);
  });

  it('WskCloseSocket cancelling an IRP that was detached: fault IrpOverrun reported, the other IRPs cancelled', () => {
    const { p, counts } = counting('pending');
    const s = p.wskSocket(udp).socket;
    const gone = own(IRP);
    const kept = canary(IRP);
    p.wskControlSocket(s, GET, EX, SOL, 0, null, 4, canary(4), null, gone);
    p.wskControlSocket(s, GET, EX, SOL, 0, null, 4, canary(4), null, kept);
    detach(gone);
    const closeIrp = own(IRP);
    expect(p.wskCloseSocket(s, closeIrp)).toBe(STATUS.STATUS_PENDING);
    expect(p.deliveryFaults.map((f) => [f.irp, f.fault])).toEqual([[gone, Fault.IrpOverrun]]);
    expect(counts.get(kept)).toBe(1);
    expect(ioStatus(kept)).toBe(h(`${le32(STATUS.STATUS_CANCELLED)} cccccccc 0000000000000000`));
    // the close's own IRP, released before its completion is delivered
    detach(closeIrp);
    expect(p.deliverCompletions()).toBe(0);
    expect(p.deliveryFaults.map((f) => [f.irp, f.fault])).toEqual([[gone, Fault.IrpOverrun], [closeIrp, Fault.IrpOverrun]]);
  });

  it('a waiting IRP (SIO_ADDRESS_LIST_CHANGE, inline) detached before the harness event: reported, not counted as completed', () => {
    const { p, counts } = counting('inline');
    const s = p.wskSocket(udp).socket;
    const irp = own(IRP);
    const kept = canary(IRP);
    expect(p.wskControlSocket(s, IOCTL, ALC, 0, 0, null, 0, null, null, irp)).toBe(STATUS.STATUS_PENDING);
    expect(p.wskControlSocket(s, IOCTL, ALC, 0, 0, null, 0, null, null, kept)).toBe(STATUS.STATUS_PENDING);
    detach(irp);
    expect(p.setAddressList(AF.AF_INET, ['10.0.0.1:0'])).toBe(1);
    expect(p.deliveryFaults.map((f) => [f.irp, f.fault])).toEqual([[irp, Fault.IrpOverrun]]);
    expect(counts.get(kept)).toBe(1);
    expect(p.waitingCount).toBe(0);
  });
});
