/**
 * Connections through the wire protocol (docs/PROTOCOL.md "Sockets created by a call", "Harness events"): a WskAccept
 * that pends and is completed by a later EVENT, CALL or DELIVER, with the accepted socket named in the frame that
 * completes its IRP; WskSocketConnect to a loopback listener; the EVENT errors; events the session takes by itself
 * (`wsksim drive --event`). Expected bytes come from the SOCKADDR_IN layout (family, port big-endian, address, 8 zero
 * bytes) and the IRP layout of abi/ (IoStatus at 48/56 on x64, 24/28 on x86), written into 0xcc canaries.
 */
import { encodeSockaddrText } from '../../src/codec/sockaddr';
import { FrameWriter } from '../../src/harness/frame-codec';
import { encodeEvent, type Answer } from '../../src/harness/messages';
import { ERROR_CODE, EVENT, FRAME } from '../../src/harness/protocol';
import { type CompletionEvent, type HarnessEvent } from '../../src/harness/session';
import { parseEvent } from '../../src/cli/drive-events';
import { canary, h } from '../helpers/canary';
import { B, I, InProcessTransport, NUL, ProtocolClient, S, V } from './protocol-client';

const FN = { WskSocket: 1, WskSocketConnect: 2, WskBind: 6, WskAccept: 9, WskDisconnect: 10, WskGetLocalAddress: 11, WskGetRemoteAddress: 12, WskCloseSocket: 5 };
const STATUS_PENDING = 0x103;
const WSK_FLAG_LISTEN_SOCKET = 1;
const WSK_FLAG_CONNECTION_SOCKET = 2;
const AF_INET = 2;

/** SOCKADDR_IN images, as docs/VECTORS.md writes addresses: family 2 LE, port BE, address, sin_zero. */
const LISTEN = h('0200 141e 7f000001 0000000000000000'); // 127.0.0.1:5150
const PEER = h('0200 9c40 0a000009 0000000000000000'); // 10.0.0.9:40000
const addr = (text: string): Buffer => encodeSockaddrText(text)!;

type Mode = 'inline' | 'pending';

function client(completion: Mode): { c: ProtocolClient; t: InProcessTransport } {
  const t = new InProcessTransport({ profile: 'wsk', policy: 'strict', completion });
  return { c: new ProtocolClient(t), t };
}

/** Spans of an answer as [argument, offset, hex]. */
const spans = (a: Answer): [number, number, string][] => a.written.map((s) => [s.argument, s.offset, s.bytes.toString('hex')]);

/** A listening socket bound to 127.0.0.1:5150 (handle 1), bound with an IRP delivered if it pended. */
async function listener(c: ProtocolClient, mode: Mode): Promise<void> {
  const s = await c.call(FN.WskSocket, [V(AF_INET), V(1), V(6), V(WSK_FLAG_LISTEN_SOCKET), V(0), NUL]);
  expect(s.answer).toMatchObject({ status: 0, newSocket: 1, newSocketFlags: WSK_FLAG_LISTEN_SOCKET });
  const b = await c.call(FN.WskBind, [S(1), B(addr('127.0.0.1:5150')), V(0), I(canary(c.pointerSize === 4 ? 112 : 208))]);
  if (mode === 'pending') {
    expect(b.answer.status).toBe(STATUS_PENDING);
    expect((await c.deliver()).completions.map((x) => x.answer.status)).toEqual([0]);
  } else expect(b.answer.status).toBe(0);
}

describe.each(['inline', 'pending'] as const)('WskAccept completed by an incoming connection (completion %s)', (mode) => {
  it.each([[8, 208, 48], [4, 112, 24]])('pointer size %i: the COMPLETION names socket 2 and writes both addresses and the IRP, byte-exact', async (ptr, irpSize, ioStatus) => {
    const { c } = client(mode);
    await c.hello(ptr);
    await listener(c, mode);
    const accept = await c.call(FN.WskAccept, [S(1), V(0), B(canary(16)), B(canary(16)), I(canary(irpSize))]);
    const acceptSeq = c.seq;
    // Nothing is waiting: the IRP pends, nothing is written, no socket yet.
    expect(accept.answer).toMatchObject({ functionId: FN.WskAccept, status: STATUS_PENDING, fault: 0, irpCompleted: false, newSocket: 0, written: [] });
    const ev = await c.event(EVENT.INCOMING, [B(addr('10.0.0.9:40000')), B(addr('127.0.0.1:5150'))]);
    expect(ev.done).toMatchObject({ eventId: EVENT.INCOMING, fault: 0, value: 1, completions: ev.completions.length });
    // Under pending completion the accept itself runs at the next DELIVER, and completes there.
    const completions = [...ev.completions, ...(mode === 'pending' ? (await c.deliver()).completions : [])];
    expect(completions).toHaveLength(1);
    const done = completions[0]!;
    expect(done.seq).toBe(acceptSeq);
    expect(done.answer).toMatchObject({ functionId: FN.WskAccept, status: 0, fault: 0, irpCompleted: true, newSocket: 2, newSocketFlags: WSK_FLAG_CONNECTION_SOCKET, newSocketFamily: AF_INET });
    const info = ptr === 8 ? '0200000000000000' : '02000000';
    const pad = ptr === 8 ? 'cccccccc' : '';
    expect(spans(done.answer)).toEqual([[2, 0, LISTEN], [3, 0, PEER], [4, ioStatus, h(`00000000 ${pad} ${info}`)]]);
    // The accepted socket is a connection socket with the peer as its remote address (Information = 16 bytes).
    const remote = await c.call(FN.WskGetRemoteAddress, [S(2), B(canary(20)), I(canary(irpSize))]);
    const remoteDone = mode === 'pending' ? (await c.deliver()).completions[0]!.answer : remote.answer;
    expect(spans(remoteDone)).toEqual([[1, 0, PEER], [2, ioStatus, h(`00000000 ${pad} ${ptr === 8 ? '1000000000000000' : '10000000'}`)]]);
  });

  it('a connection that arrived first is accepted by the call itself: the RESULT (or the DELIVER) names the socket', async () => {
    const { c } = client(mode);
    await c.hello();
    await listener(c, mode);
    const ev = await c.event(EVENT.INCOMING, [B(addr('10.0.0.9:40000')), B(addr('127.0.0.1:5150'))]);
    expect(ev).toMatchObject({ done: { value: 1, completions: 0 }, completions: [] });
    const accept = await c.call(FN.WskAccept, [S(1), V(0), NUL, B(canary(16)), I(canary(208))]);
    const answer = mode === 'inline' ? accept.answer : (await c.deliver()).completions[0]!.answer;
    expect(answer).toMatchObject({ status: 0, irpCompleted: true, newSocket: 2, newSocketFlags: WSK_FLAG_CONNECTION_SOCKET, newSocketFamily: AF_INET });
    expect(spans(answer)).toEqual([[3, 0, PEER], [4, 48, h('00000000 cccccccc 0200000000000000')]]);
  });

  it('WskSocketConnect to the loopback listener completes the pending accept; each side names the other', async () => {
    const { c } = client(mode);
    await c.hello();
    await listener(c, mode);
    await c.call(FN.WskAccept, [S(1), V(0), B(canary(16)), B(canary(16)), I(canary(208))]);
    const acceptSeq = c.seq;
    const conn = await c.call(FN.WskSocketConnect, [V(1), V(6), B(addr('127.0.0.1:0')), B(addr('127.0.0.1:5150')), V(0), V(0), I(canary(208))]);
    const connectSeq = c.seq;
    const all: { seq: number; answer: Answer }[] = [...conn.completions];
    if (mode === 'pending') {
      expect(conn.answer).toMatchObject({ status: STATUS_PENDING, newSocket: 0 });
      all.push(...(await c.deliver()).completions);
    } else {
      all.push({ seq: connectSeq, answer: conn.answer });
    }
    const accepted = all.find((x) => x.seq === acceptSeq)!.answer;
    const connected = all.find((x) => x.seq === connectSeq)!.answer;
    expect(connected).toMatchObject({ status: 0, irpCompleted: true, newSocketFlags: WSK_FLAG_CONNECTION_SOCKET, newSocketFamily: AF_INET });
    expect(accepted).toMatchObject({ status: 0, irpCompleted: true, newSocketFlags: WSK_FLAG_CONNECTION_SOCKET, newSocketFamily: AF_INET });
    const clientHandle = Number(connected.newSocket);
    const acceptedHandle = Number(accepted.newSocket);
    expect(new Set([1, clientHandle, acceptedHandle]).size).toBe(3);
    // IoStatus.Information of each IRP is its new socket's handle.
    expect(spans(connected).find((s) => s[0] === 6)).toEqual([6, 48, h(`00000000 cccccccc ${Buffer.from([clientHandle, 0, 0, 0, 0, 0, 0, 0]).toString('hex')}`)]);
    // The accepted socket's remote address is the client's local address, which has a port of its own.
    const local = await c.call(FN.WskGetLocalAddress, [S(clientHandle), B(canary(16)), I(canary(208))]);
    const localAnswer = mode === 'pending' ? (await c.deliver()).completions[0]!.answer : local.answer;
    const clientLocal = localAnswer.written.find((s) => s.argument === 1)!.bytes.toString('hex');
    expect(clientLocal).toMatch(/^0200[0-9a-f]{4}7f0000010000000000000000$/);
    expect(clientLocal.slice(4, 8)).not.toBe('0000');
    expect(spans(accepted).find((s) => s[0] === 3)).toEqual([3, 0, clientLocal]);
    expect(spans(accepted).find((s) => s[0] === 2)).toEqual([2, 0, LISTEN]);
  });
});

describe('an IPv6 listener', () => {
  it.each(['inline', 'pending'] as const)('%s: the accepted socket is AF_INET6 and both SOCKADDR_IN6 images are written whole (28 bytes), nothing past them', async (mode) => {
    const { c } = client(mode);
    await c.hello();
    await c.call(FN.WskSocket, [V(23), V(1), V(6), V(WSK_FLAG_LISTEN_SOCKET), V(0), NUL]);
    const b = await c.call(FN.WskBind, [S(1), B(addr('[::1]:5150')), V(0), I(canary(208))]);
    if (mode === 'pending') await c.deliver(); else expect(b.answer.status).toBe(0);
    await c.call(FN.WskAccept, [S(1), V(0), B(canary(32)), B(canary(32)), I(canary(208))]);
    const ev = await c.event(EVENT.INCOMING, [B(addr('[2001:db8::9]:40000')), B(addr('[::1]:5150'))]);
    expect(ev.done).toMatchObject({ fault: 0, value: 1 });
    const done = [...ev.completions, ...(mode === 'pending' ? (await c.deliver()).completions : [])];
    expect(done).toHaveLength(1);
    expect(done[0]!.answer).toMatchObject({ status: 0, newSocket: 2, newSocketFlags: WSK_FLAG_CONNECTION_SOCKET, newSocketFamily: 23 });
    // SOCKADDR_IN6: family 23, port big-endian, flowinfo 0, address, scope id 0; the last 4 canary bytes stay 0xcc
    expect(spans(done[0]!.answer)).toEqual([
      [2, 0, h('1700 141e 00000000 00000000000000000000000000000001 00000000')],
      [3, 0, h('1700 9c40 00000000 20010db8000000000000000000000009 00000000')],
      [4, 48, h('00000000 cccccccc 0200000000000000')],
    ]);
  });
});

describe('EVENT errors and values', () => {
  const w = new FrameWriter();
  const ready = async (): Promise<{ c: ProtocolClient; t: InProcessTransport }> => {
    const x = client('inline');
    await x.c.hello();
    return x;
  };

  it('an unknown event id is ERROR 6 (FUNCTION); a wrong argument count or a NULL address is ERROR 5 (ARGUMENTS)', async () => {
    for (const [eventId, args, code] of [
      [99, [], ERROR_CODE.FUNCTION],
      [EVENT.INCOMING, [B(addr('10.0.0.9:40000'))], ERROR_CODE.ARGUMENTS],
      [EVENT.INCOMING, [NUL, B(addr('127.0.0.1:5150'))], ERROR_CODE.ARGUMENTS],
      [EVENT.REMOTE_LISTENER, [NUL], ERROR_CODE.ARGUMENTS],
    ] as const) {
      const { t } = await ready();
      t.write(Buffer.from(encodeEvent(w, 2, { eventId, args: [...args] })));
      const err = t.received.filter((f) => f.type === FRAME.ERROR);
      expect(err.map((f) => f.payload.readUInt32LE(0))).toEqual([code]);
      expect(t.session.state).toBe('closed');
    }
  });

  it('peerClose of a socket the server never gave is fault InvalidSocket in EVENT_DONE; the session goes on', async () => {
    const { c } = await ready();
    const r = await c.event(EVENT.PEER_CLOSE, [S(42)]);
    expect(r).toEqual({ done: { eventId: EVENT.PEER_CLOSE, fault: 1, value: 0, rule: expect.any(String), completions: 0 }, completions: [] });
    const t = await c.event(EVENT.ADVANCE_TIME, [V(240)]);
    expect(t.done).toMatchObject({ eventId: EVENT.ADVANCE_TIME, fault: 0, value: 240 });
    expect((await c.event(EVENT.ADVANCE_TIME, [V(5)])).done.value).toBe(245);
  });

  it('an incoming connection with no listener is refused: value 0', async () => {
    const { c } = await ready();
    const r = await c.event(EVENT.INCOMING, [B(addr('10.0.0.9:40000')), B(addr('127.0.0.1:5150'))]);
    expect(r.done).toMatchObject({ fault: 0, value: 0, completions: 0 });
  });

  it('EVENT_DONE is byte-exact: header, event id, fault, value, rule, completion count', async () => {
    const { c, t } = await ready();
    await c.event(EVENT.ADVANCE_TIME, [V(7)]);
    const f = t.received[t.received.length - 1]!;
    const ruleLength = f.payload.readUInt16LE(16);
    const rule = f.payload.subarray(18, 18 + ruleLength).toString('hex');
    const payload = h(`03000000 00000000 0700000000000000 ${Buffer.from([ruleLength, 0]).toString('hex')} ${rule} 00000000`);
    const length = Buffer.alloc(4);
    length.writeUInt32LE(8 + payload.length / 2);
    expect(f.bytes.toString('hex')).toBe(h(`${length.toString('hex')} 5100 0000 02000000 ${payload}`));
  });
});

describe('events the session takes by itself (wsksim drive --event)', () => {
  it('@wait: a DELIVER with nothing ready takes the incoming connection, which completes the pending accept', async () => {
    for (const mode of ['inline', 'pending'] as const) {
      const seen: HarnessEvent[] = [];
      const t = new InProcessTransport({ profile: 'wsk', policy: 'strict', completion: mode, events: [parseEvent('incoming:127.0.0.1:5150,from=10.0.0.9:40000')], observer: { event: (e) => seen.push(e) } });
      const c = new ProtocolClient(t);
      await c.hello();
      await listener(c, mode);
      expect(seen).toEqual([]);
      await c.call(FN.WskAccept, [S(1), V(0), B(canary(16)), B(canary(16)), I(canary(208))]);
      const d = await c.deliver();
      expect(d.count).toBe(1);
      expect(d.completions[0]!.answer).toMatchObject({ functionId: FN.WskAccept, status: 0, newSocket: 2 });
      expect(spans(d.completions[0]!.answer).slice(0, 2)).toEqual([[2, 0, LISTEN], [3, 0, PEER]]);
      expect(seen.map((e) => [e.row.name, e.result, e.seq, e.scripted?.text])).toEqual([['incoming', 1, 0, 'incoming:127.0.0.1:5150,from=10.0.0.9:40000']]);
      expect(t.session.scriptedLeft).toEqual([]);
    }
  });

  it('@N: taken before the first request after the N-th CALL; a peerClose of the newest connection', async () => {
    const seen: [string, number][] = [];
    const completions: CompletionEvent[] = [];
    const t = new InProcessTransport({
      profile: 'wsk', policy: 'strict', completion: 'inline',
      events: [parseEvent('incoming:127.0.0.1:5150@2'), parseEvent('peerClose@3'), parseEvent('advanceTime:60@3')],
      observer: { event: (e) => { seen.push([e.row.name, e.result]); completions.push(...e.completions); } },
    });
    const c = new ProtocolClient(t);
    await c.hello();
    await listener(c, 'inline');
    expect(seen).toEqual([]);
    const accept = await c.call(FN.WskAccept, [S(1), V(0), NUL, B(canary(16)), I(canary(208))]);
    expect(seen).toEqual([['incoming', 1]]);
    // the default remote peer of an IPv4 address: 192.0.2.1:49152
    expect(accept.answer).toMatchObject({ status: 0, newSocket: 2 });
    expect(spans(accept.answer)[0]).toEqual([3, 0, h('0200 c000 c0000201 0000000000000000')]);
    await c.call(FN.WskDisconnect, [S(2), V(0), V(0), I(canary(208))]);
    expect(seen).toEqual([['incoming', 1], ['peerClose', 0], ['advanceTime', 60]]);
    expect(t.session.provider!.now).toBe(60);
  });
});
