/**
 * The protocol server's part of connections (docs/PROTOCOL.md "Sockets created by a call", "Harness events"),
 * independent of the provider's connection model: the provider's WskAccept, WskSocketConnect and incomingConnection
 * are replaced by a scripted stand-in (an accept that pends and completes when a peer connects, with IoStatus
 * {STATUS_SUCCESS, handle} and the two addresses written), so the frames are checked byte for byte: the accepted
 * socket named in the RESULT or COMPLETION that completes the IRP, in both arches, 0xcc canaries around every span;
 * EVENT and EVENT_DONE; the EVENT errors; events the session takes by itself (`wsksim drive --event`).
 */
import { encodeSockaddrText } from '../../src/codec/sockaddr';
import { FrameWriter } from '../../src/harness/frame-codec';
import { encodeEvent, type Answer } from '../../src/harness/messages';
import { ERROR_CODE, EVENT, FRAME } from '../../src/harness/protocol';
import { Session, type HarnessEvent, type ScriptedEvent } from '../../src/harness/session';
import type { WskProvider } from '../../src/provider/provider';
import { parseEvent } from '../../src/cli/drive-events';
import { UsageError } from '../../src/cli/util';
import { canary, h } from '../helpers/canary';
import { B, I, InProcessTransport, NUL, ProtocolClient, S, V } from './protocol-client';

const FN = { WskSocket: 1, WskSocketConnect: 2, WskAccept: 9 };
const STATUS_PENDING = 0x103;
const WSK_FLAG_CONNECTION_SOCKET = 2;
const AF_INET = 2;
const addr = (text: string): Buffer => encodeSockaddrText(text)!;
/** SOCKADDR_IN images: family 2 little-endian, port big-endian, IPv4 address, 8 zero bytes. */
const LISTEN = h('0200 141e 7f000001 0000000000000000'); // 127.0.0.1:5150
const PEER = h('0200 9c40 0a000009 0000000000000000'); // 10.0.0.9:40000
const spans = (a: Answer): [number, number, string][] => a.written.map((s) => [s.argument, s.offset, s.bytes.toString('hex')]);

/**
 * A stand-in for the provider's connection model: WskAccept on socket 1 takes a waiting connection or pends;
 * incomingConnection(from, to) creates the connection socket and completes a pending accept (or queues).
 */
function standIn(p: WskProvider, completion: 'inline' | 'pending'): void {
  let held: { irp: Uint8Array; local: Uint8Array | null; remote: Uint8Array | null } | null = null;
  const waiting: { from: Uint8Array; to: Uint8Array }[] = [];
  const finish = (c: { from: Uint8Array; to: Uint8Array }): void => {
    const h2 = held!;
    held = null;
    const s = p.wskSocket({ family: AF_INET, type: 1, protocol: 6, flags: WSK_FLAG_CONNECTION_SOCKET }).socket;
    h2.local?.set(c.to);
    h2.remote?.set(c.from);
    p.complete(h2.irp, 0, s);
  };
  p.wskAccept = (_socket, _flags, local, remote, irp) => {
    held = { irp: irp!, local: local ?? null, remote: remote ?? null };
    if (waiting.length > 0 && completion === 'inline') { finish(waiting.shift()!); return 0; }
    if (waiting.length > 0) p.defer(irp!, p.inspect(1) as never, () => { finish(waiting.shift()!); return 0; });
    return STATUS_PENDING;
  };
  p.incomingConnection = (from, to) => {
    waiting.push({ from: Uint8Array.from(from), to: Uint8Array.from(to) });
    if (held !== null) finish(waiting.shift()!);
    return 1;
  };
  p.wskSocketConnect = (params, irp) => {
    const s = p.wskSocket({ family: AF_INET, type: 1, protocol: 6, flags: WSK_FLAG_CONNECTION_SOCKET }).socket;
    p.complete(irp!, 0, s);
    return { status: 0, socket: s };
  };
}

async function session(completion: 'inline' | 'pending', pointerSize = 8, events: readonly ScriptedEvent[] = [], seen: HarnessEvent[] = []): Promise<{ c: ProtocolClient; t: InProcessTransport }> {
  const t = new InProcessTransport({ profile: 'wsk', policy: 'strict', completion, events, observer: { event: (e) => seen.push(e) } });
  const c = new ProtocolClient(t);
  await c.hello(pointerSize);
  standIn(t.session.provider!, completion);
  const s = await c.call(FN.WskSocket, [V(AF_INET), V(1), V(6), V(1), V(0), NUL]);
  expect(s.answer.newSocket).toBe(1);
  return { c, t };
}

describe.each(['inline', 'pending'] as const)('a pending WskAccept completed by an EVENT (completion %s)', (completion) => {
  it.each([[8, 208, 48], [4, 112, 24]])('pointer size %i: the COMPLETION names socket 2 (connection, AF_INET) and writes the addresses and IoStatus', async (ptr, irpSize, ioStatus) => {
    const { c, t } = await session(completion, ptr);
    const accept = await c.call(FN.WskAccept, [S(1), V(0), B(canary(16)), B(canary(20)), I(canary(irpSize))]);
    expect(accept.answer).toMatchObject({ functionId: FN.WskAccept, status: STATUS_PENDING, fault: 0, irpCompleted: false, newSocket: 0, newSocketFlags: 0, newSocketFamily: 0, written: [] });
    expect(t.session.pendingCount).toBe(1);
    const ev = await c.event(EVENT.INCOMING, [B(addr('10.0.0.9:40000')), B(addr('127.0.0.1:5150'))]);
    expect(ev.done).toEqual({ eventId: EVENT.INCOMING, fault: 0, value: 1, rule: 'socket-create', completions: 1 });
    expect(ev.completions).toHaveLength(1);
    expect(ev.completions[0]!.seq).toBe(3);
    expect(ev.completions[0]!.answer).toMatchObject({ functionId: FN.WskAccept, status: 0, fault: 0, irpCompleted: true, newSocket: 2, newSocketFlags: WSK_FLAG_CONNECTION_SOCKET, newSocketFamily: AF_INET, lint: [] });
    const io = ptr === 8 ? h('00000000 cccccccc 0200000000000000') : h('00000000 02000000');
    // RemoteAddress has 20 bytes: the SOCKADDR_IN's 16 are written, the last 4 stay 0xcc (no span reaches them).
    expect(spans(ev.completions[0]!.answer)).toEqual([[2, 0, LISTEN], [3, 0, PEER], [4, ioStatus, io]]);
    expect(t.session.pendingCount).toBe(0);
  });

  it('the COMPLETION frame is byte-exact (x64)', async () => {
    const { c, t } = await session(completion);
    await c.call(FN.WskAccept, [S(1), V(0), NUL, B(canary(16)), I(canary(208))]);
    await c.event(EVENT.INCOMING, [B(addr('10.0.0.9:40000')), B(addr('127.0.0.1:5150'))]);
    const f = t.received.find((x) => x.type === FRAME.COMPLETION)!;
    expect(f.bytes.toString('hex')).toBe(h(`
      75000000 2000 0000 03000000
      09000000 00000000 00000000 01 00 0000
      0200000000000000 02000000 02000000
      0d00 ${Buffer.from('socket-create').toString('hex')}
      0000
      02000000
      03000000 00000000 10000000 ${PEER}
      04000000 30000000 10000000 00000000cccccccc0200000000000000`));
  });
});

describe('a connection that is already there', () => {
  it('inline: WskAccept completes in its own RESULT, which names the socket', async () => {
    const { c } = await session('inline');
    expect((await c.event(EVENT.INCOMING, [B(addr('10.0.0.9:40000')), B(addr('127.0.0.1:5150'))])).done).toMatchObject({ value: 1, completions: 0 });
    const accept = await c.call(FN.WskAccept, [S(1), V(0), B(canary(16)), NUL, I(canary(208))]);
    expect(accept.completions).toEqual([]);
    expect(accept.answer).toMatchObject({ status: 0, irpCompleted: true, newSocket: 2, newSocketFlags: WSK_FLAG_CONNECTION_SOCKET, newSocketFamily: AF_INET });
    expect(spans(accept.answer)).toEqual([[2, 0, LISTEN], [4, 48, h('00000000 cccccccc 0200000000000000')]]);
  });

  it('pending: the DELIVER runs the accept, and its COMPLETION names the socket', async () => {
    const { c } = await session('pending');
    await c.event(EVENT.INCOMING, [B(addr('10.0.0.9:40000')), B(addr('127.0.0.1:5150'))]);
    const accept = await c.call(FN.WskAccept, [S(1), V(0), B(canary(16)), NUL, I(canary(208))]);
    expect(accept.answer).toMatchObject({ status: STATUS_PENDING, irpCompleted: false, newSocket: 0 });
    const d = await c.deliver();
    expect(d.completions.map((x) => [x.seq, x.answer.newSocket, x.answer.newSocketFlags])).toEqual([[4, 2, WSK_FLAG_CONNECTION_SOCKET]]);
  });

  it('WskSocketConnect: the RESULT names the connection socket; its IRP Information is the handle', async () => {
    const { c } = await session('inline');
    const r = await c.call(FN.WskSocketConnect, [V(1), V(6), B(addr('127.0.0.1:0')), B(addr('127.0.0.1:5150')), V(0), V(0), I(canary(208))]);
    expect(r.answer).toMatchObject({ status: 0, irpCompleted: true, newSocket: 2, newSocketFlags: WSK_FLAG_CONNECTION_SOCKET, newSocketFamily: AF_INET });
    expect(spans(r.answer)).toEqual([[6, 48, h('00000000 cccccccc 0200000000000000')]]);
  });
});

describe('EVENT errors and values', () => {
  const w = new FrameWriter();

  it('an unknown event id is ERROR 6 (FUNCTION); a wrong argument count or a NULL address is ERROR 5 (ARGUMENTS)', async () => {
    for (const [eventId, args, code] of [
      [99, [], ERROR_CODE.FUNCTION],
      [EVENT.INCOMING, [B(addr('10.0.0.9:40000'))], ERROR_CODE.ARGUMENTS],
      [EVENT.INCOMING, [NUL, B(addr('127.0.0.1:5150'))], ERROR_CODE.ARGUMENTS],
      [EVENT.PEER_CLOSE, [V(1)], ERROR_CODE.ARGUMENTS],
      [EVENT.REMOTE_LISTENER, [NUL], ERROR_CODE.ARGUMENTS],
    ] as const) {
      const t = new InProcessTransport({ completion: 'inline' });
      await new ProtocolClient(t).hello();
      t.write(Buffer.from(encodeEvent(w, 2, { eventId, args: [...args] })));
      expect(t.received.filter((f) => f.type === FRAME.ERROR).map((f) => f.payload.readUInt32LE(0))).toEqual([code]);
      expect(t.session.state).toBe('closed');
    }
  });

  it('peerClose of a socket the server never gave is fault InvalidSocket; the session goes on; advanceTime returns the time', async () => {
    const { c } = await session('inline');
    expect((await c.event(EVENT.PEER_CLOSE, [S(42)])).done).toEqual({ eventId: EVENT.PEER_CLOSE, fault: 1, value: 0, rule: 'socket-live', completions: 0 });
    expect((await c.event(EVENT.ADVANCE_TIME, [V(240)])).done).toEqual({ eventId: EVENT.ADVANCE_TIME, fault: 0, value: 240, rule: 'connection-time-wait', completions: 0 });
    expect((await c.event(EVENT.ADVANCE_TIME, [V(5)])).done.value).toBe(245);
    expect((await c.event(EVENT.REMOTE_LISTENER, [B(addr('10.0.0.9:80'))])).done).toMatchObject({ fault: 0, value: 0 });
  });

  it('EVENT_DONE is byte-exact', async () => {
    const { c, t } = await session('inline');
    await c.event(EVENT.ADVANCE_TIME, [V(7)]);
    const f = t.received[t.received.length - 1]!;
    const rule = Buffer.from('connection-time-wait').toString('hex');
    expect(f.bytes.toString('hex')).toBe(h(`32000000 5100 0000 03000000  03000000 00000000 0700000000000000 1400 ${rule} 00000000`));
  });

  it('an event address is copied: a later call reusing the argument memory does not change what the provider keeps', async () => {
    const { c, t } = await session('inline');
    let kept: Uint8Array | null = null;
    t.session.provider!.addRemoteListener = (a) => { kept = a; };
    await c.event(EVENT.REMOTE_LISTENER, [B(addr('10.0.0.9:80'))]);
    await c.call(FN.WskSocket, [V(AF_INET), V(1), V(6), V(1), V(0), I(Buffer.alloc(208, 0x55))]);
    await c.call(FN.WskAccept, [S(1), V(0), B(Buffer.alloc(16, 0x77)), B(Buffer.alloc(16, 0x77)), I(canary(208))]);
    expect(Buffer.from(kept!).toString('hex')).toBe(addr('10.0.0.9:80').toString('hex'));
  });
});

describe('events the session takes by itself (wsksim drive --event)', () => {
  it.each(['inline', 'pending'] as const)('@wait (%s): a DELIVER with nothing ready takes the incoming connection, which completes the pending accept', async (completion) => {
    const seen: HarnessEvent[] = [];
    const { c, t } = await session(completion, 8, [parseEvent('incoming:127.0.0.1:5150,from=10.0.0.9:40000')], seen);
    await c.call(FN.WskAccept, [S(1), V(0), B(canary(16)), B(canary(16)), I(canary(208))]);
    expect(seen).toEqual([]);
    const d = await c.deliver();
    expect(d.count).toBe(1);
    expect(d.completions[0]!.answer).toMatchObject({ functionId: FN.WskAccept, status: 0, newSocket: 2 });
    expect(spans(d.completions[0]!.answer).slice(0, 2)).toEqual([[2, 0, LISTEN], [3, 0, PEER]]);
    expect(seen.map((e) => [e.row.name, e.result, e.seq, e.scripted?.text, e.completions.length])).toEqual([['incoming', 1, 0, 'incoming:127.0.0.1:5150,from=10.0.0.9:40000', 1]]);
    expect(t.session.scriptedLeft).toEqual([]);
    expect(t.session.lastConnection).toBe(2);
  });

  it('@N: taken before the first request after the N-th CALL; peerClose of the newest connection', async () => {
    const seen: [string, number, number][] = [];
    const events = [parseEvent('incoming:127.0.0.1:5150@1'), parseEvent('peerClose@2'), parseEvent('advanceTime:60@2')];
    const t = new InProcessTransport({ completion: 'inline', events, observer: { event: (e) => seen.push([e.row.name, e.result, Number(e.args[0]!.value)]) } });
    const c = new ProtocolClient(t);
    await c.hello();
    standIn(t.session.provider!, 'inline');
    await c.call(FN.WskSocket, [V(AF_INET), V(1), V(6), V(1), V(0), NUL]);
    expect(seen).toEqual([]);
    const accept = await c.call(FN.WskAccept, [S(1), V(0), NUL, B(canary(16)), I(canary(208))]);
    expect(seen).toEqual([['incoming', 1, 0]]);
    // the default remote peer of an IPv4 address: 192.0.2.1:49152
    expect(accept.answer).toMatchObject({ status: 0, newSocket: 2 });
    expect(spans(accept.answer)[0]).toEqual([3, 0, h('0200 c000 c0000201 0000000000000000')]);
    await c.deliver();
    expect(seen).toEqual([['incoming', 1, 0], ['peerClose', 0, 2], ['advanceTime', 60, 60]]);
    expect(t.session.provider!.now).toBe(60);
  });

  it('--event specs parse; bad ones are one-line usage errors', () => {
    expect(parseEvent('remote:10.0.0.9:80')).toMatchObject({ event: EVENT.REMOTE_LISTENER, when: 0 });
    expect(parseEvent('incoming:[::1]:5150@wait').args[0]).toEqual(addr('[2001:db8::1]:49152'));
    expect(parseEvent('peerClose:#7@4')).toMatchObject({ event: EVENT.PEER_CLOSE, args: [7], when: 4 });
    expect(parseEvent('advanceTime:240')).toMatchObject({ event: EVENT.ADVANCE_TIME, args: [240], when: 'wait' });
    for (const [spec, msg] of [
      ['bogus:1', 'unknown event "bogus"'],
      ['incoming', 'incoming needs address'],
      ['incoming:127.0.0.1', 'TO "127.0.0.1" is not an address'],
      ['incoming:127.0.0.1:1,to=x', '"to=x": expected from=ADDRESS'],
      ['advanceTime:1.5', '"1.5" is not a whole number of seconds'],
      ['advanceTime:5@soon', '@soon: expected @wait or @N'],
      ['peerClose:abc', '"abc" is not a socket handle'],
    ] as const) {
      expect(() => parseEvent(spec)).toThrow(UsageError);
      expect(() => parseEvent(spec)).toThrow(msg);
    }
  });

  it('a session keeps its scripted events in order until taken', () => {
    const s = new Session({ events: [parseEvent('advanceTime:1'), parseEvent('remote:10.0.0.9:80')] });
    expect(s.scriptedLeft.map((e) => e.text)).toEqual(['advanceTime:1', 'remote:10.0.0.9:80']);
  });
});
