/**
 * The protocol server in-process, through the reference client: answers byte for byte from docs/PROTOCOL.md and
 * POLICY.md (0xcc canaries, IoStatus at 48/56 on x64 and 24/28 on x86), completions, and every ERROR code.
 */
import fc from 'fast-check';
import { encodeSockaddrText } from '../../src/codec/sockaddr';
import { CODE, LEVEL, REQUEST } from '../../src/codec/names';
import { FrameWriter } from '../../src/harness/frame-codec';
import { encodeCall, encodeHello, type Answer, type CallArg } from '../../src/harness/messages';
import { ERROR_CODE, FRAME } from '../../src/harness/protocol';
import { WskProvider } from '../../src/provider/provider';
import { canary, h, hexOf } from '../helpers/canary';
import { B, I, InProcessTransport, NUL, ProtocolClient, S, V } from './protocol-client';

const SO_EXCL = CODE.SO_EXCLUSIVEADDRUSE! >>> 0;
const SOL_SOCKET = LEVEL.SOL_SOCKET!;

function client(opts: { policy?: string; completion?: 'inline' | 'pending'; maxBuffer?: number } = {}): { c: ProtocolClient; t: InProcessTransport } {
  const t = new InProcessTransport({ profile: 'wsk', policy: opts.policy ?? 'strict', completion: opts.completion ?? 'inline', ...(opts.maxBuffer !== undefined ? { maxBuffer: opts.maxBuffer } : {}) });
  return { c: new ProtocolClient(t), t };
}

/** Apply an answer's written spans to copies of the images sent: the caller's memory after the call. */
function applied(answer: Answer, images: Record<number, Buffer>): Record<number, string> {
  const out: Record<number, string> = {};
  for (const [k, v] of Object.entries(images)) out[Number(k)] = Buffer.from(v).toString('hex');
  for (const s of answer.written) {
    const b = Buffer.from(out[s.argument]!, 'hex');
    expect(s.offset + s.bytes.length).toBeLessThanOrEqual(b.length);
    s.bytes.copy(b, s.offset);
    out[s.argument] = b.toString('hex');
  }
  return out;
}

const listenSocket = (irp: CallArg = NUL): CallArg[] => [V(2), V(1), V(6), V(1), V(0), irp];

describe('CALL answers (x64)', () => {
  it('WskSocket without an IRP: socket 1, flags and family, nothing written', async () => {
    const { c } = client();
    await c.hello();
    const { answer } = await c.call(1, listenSocket());
    expect(answer).toMatchObject({ functionId: 1, status: 0, fault: 0, irpCompleted: false, newSocket: 1, newSocketFlags: 1, newSocketFamily: 2, rule: 'socket-create', lint: [], written: [] });
  });

  it('Get SO_EXCLUSIVEADDRUSE: 4 bytes into OutputBuffer, IRP {STATUS_SUCCESS, 4} at 48/56, the rest untouched', async () => {
    const { c } = client();
    await c.hello();
    await c.call(1, listenSocket());
    const out = canary(8);
    const irp = canary(208);
    const { answer } = await c.call(4, [S(1), V(REQUEST.WskGetOption!), V(SO_EXCL), V(SOL_SOCKET), V(0), NUL, V(4), B(out), NUL, I(irp)]);
    expect(answer).toMatchObject({ status: 0, fault: 0, irpCompleted: true, rule: 'get-success' });
    expect(answer.written.map((s) => [s.argument, s.offset, s.bytes.length])).toEqual([[7, 0, 4], [9, 48, 16]]);
    const after = applied(answer, { 7: out, 9: irp });
    expect(after[7]).toBe(h('00000000 cccccccc'));
    expect(after[9]).toBe(h(`${'cc'.repeat(48)} 00000000 cccccccc 0400000000000000 ${'cc'.repeat(208 - 64)}`));
  });

  it('x86: IRP of 112 bytes, IoStatus at 24, Information 4 bytes at 28', async () => {
    const { c } = client();
    const w = await c.hello(4);
    expect(w.pointerSize).toBe(4);
    await c.call(1, listenSocket());
    const irp = canary(112);
    const { answer } = await c.call(4, [S(1), V(REQUEST.WskGetOption!), V(SO_EXCL), V(SOL_SOCKET), V(0), NUL, V(4), B(canary(4)), NUL, I(irp)]);
    expect(answer.written.map((s) => [s.argument, s.offset, s.bytes.toString('hex')])).toEqual([[7, 0, '00000000'], [9, 24, h('00000000 04000000')]]);
  });

  it('an unknown socket is fault InvalidSocket: status 0, nothing written, IRP not completed', async () => {
    const { c } = client();
    await c.hello();
    const { answer } = await c.call(4, [S(99), V(0), V(SO_EXCL), V(SOL_SOCKET), V(4), B(h2('01000000')), V(0), NUL, NUL, I(canary(208))]);
    expect(answer).toMatchObject({ status: 0, fault: 1, irpCompleted: false, rule: 'socket-live', written: [] });
  });

  it('WskSend is not modelled (the data path): STATUS_NOT_IMPLEMENTED, its IRP completed with it', async () => {
    const { c } = client();
    await c.hello();
    await c.call(1, listenSocket());
    const { answer } = await c.call(13, [S(1), I(canary(208))]);
    expect(answer).toMatchObject({ functionId: 13, status: 0xc0000002, fault: 0, irpCompleted: true, rule: 'harness-not-implemented' });
    expect(answer.written.map((s) => [s.argument, s.offset, s.bytes.toString('hex')])).toEqual([[1, 48, h('020000c0 cccccccc 0000000000000000')]]);
  });

  it('a second bind of 127.0.0.1:5150 is refused through the IRP; the address is not written', async () => {
    const { c } = client();
    await c.hello();
    await c.call(1, listenSocket());
    await c.call(1, listenSocket());
    const addr = encodeSockaddrText('127.0.0.1:5150')!;
    const first = await c.call(6, [S(1), B(addr), V(0), I(canary(208))]);
    expect(first.answer).toMatchObject({ status: 0, irpCompleted: true });
    const second = await c.call(6, [S(2), B(addr), V(0), I(canary(208))]);
    expect(second.answer).toMatchObject({ status: 0xc000020a, irpCompleted: true });
    expect(second.answer.written.map((s) => [s.argument, s.offset, s.bytes.toString('hex')])).toEqual([[3, 48, h('0a0200c0 cccccccc 0000000000000000')]]);
  });
});

describe('completion: pending', () => {
  it('a pending Set is cancelled by WskCloseSocket: its COMPLETION comes before the RESULT; DELIVER completes the close', async () => {
    const { c } = client({ completion: 'pending' });
    await c.hello();
    await c.call(1, listenSocket());
    const set = await c.call(4, [S(1), V(0), V(SO_EXCL), V(SOL_SOCKET), V(4), B(h2('01000000')), V(0), NUL, NUL, I(canary(208))]);
    expect(set.answer).toMatchObject({ status: 0x103, irpCompleted: false, written: [] });
    expect(c.seq).toBe(3);
    const close = await c.call(5, [S(1), I(canary(208))]);
    expect(close.completions).toHaveLength(1);
    expect(close.completions[0]!.seq).toBe(3);
    expect(close.completions[0]!.answer).toMatchObject({ functionId: 4, status: 0xc0000120, irpCompleted: true });
    expect(close.completions[0]!.answer.written.map((s) => [s.argument, s.offset, s.bytes.toString('hex')])).toEqual([[9, 48, h('200100c0 cccccccc 0000000000000000')]]);
    expect(close.answer).toMatchObject({ functionId: 5, status: 0x103, irpCompleted: false });
    const d = await c.deliver();
    expect(d.count).toBe(1);
    expect(d.completions.map((x) => [x.seq, x.answer.functionId, x.answer.status])).toEqual([[4, 5, 0]]);
    expect(d.completions[0]!.answer.written.map((s) => [s.argument, s.offset, s.bytes.toString('hex')])).toEqual([[1, 48, h('00000000 cccccccc 0000000000000000')]]);
    const again = await c.deliver();
    expect(again).toEqual({ count: 0, completions: [] });
  });

  it('a pending Get writes its OutputBuffer at delivery, into the memory of that call', async () => {
    const { c } = client({ completion: 'pending' });
    await c.hello();
    await c.call(1, listenSocket());
    const out = canary(8);
    const irp = canary(208);
    const get = await c.call(4, [S(1), V(1), V(SO_EXCL), V(SOL_SOCKET), V(0), NUL, V(4), B(out), NUL, I(irp)]);
    expect(get.answer.status).toBe(0x103);
    // A later call between the call and its delivery must not disturb the pending call's memory.
    const other = await c.call(4, [S(99), V(1), V(SO_EXCL), V(SOL_SOCKET), V(0), NUL, V(8), B(Buffer.alloc(8, 0x55)), NUL, I(Buffer.alloc(208, 0x55))]);
    expect(other.answer.fault).toBe(1);
    const d = await c.deliver();
    expect(d.completions[0]!.seq).toBe(3);
    const after = applied(d.completions[0]!.answer, { 7: out, 9: irp });
    expect(after[7]).toBe(h('00000000 cccccccc'));
    expect(after[9]).toBe(h(`${'cc'.repeat(48)} 00000000 cccccccc 0400000000000000 ${'cc'.repeat(208 - 64)}`));
  });
});

function h2(hex: string): Buffer {
  return Buffer.from(hex, 'hex');
}

describe('protocol errors: one ERROR frame with the documented code, then the session is closed', () => {
  const w = new FrameWriter();
  const hello = (): Buffer => Buffer.from(encodeHello(w, 1, { version: 1, pointerSize: 8, program: 'p' }));
  const cases: [string, number, (seq2: number) => Buffer[]][] = [
    ['a frame length below 8', ERROR_CODE.FRAME, () => [h2('04000000')]],
    ['a frame length over the limit', ERROR_CODE.FRAME, () => [h2('41000004')]],
    ['a reserved field not 0', ERROR_CODE.FRAME, () => [h2('0800000012000100')]],
    ['an unknown frame type', ERROR_CODE.TYPE, (s) => [Buffer.from(w.begin(0x99, s).finish())]],
    ['a second HELLO', ERROR_CODE.TYPE, (s) => [Buffer.from(encodeHello(w, s, { version: 1, pointerSize: 8, program: 'p' }))]],
    ['a skipped seq', ERROR_CODE.SEQUENCE, (s) => [Buffer.from(w.begin(FRAME.DELIVER, s + 1).finish())]],
    ['an unknown function id', ERROR_CODE.FUNCTION, (s) => [Buffer.from(encodeCall(w, s, { functionId: 99, args: [] }))]],
    ['a wrong argument count', ERROR_CODE.ARGUMENTS, (s) => [Buffer.from(encodeCall(w, s, { functionId: 5, args: [S(1)] }))]],
    ['a wrong argument kind', ERROR_CODE.ARGUMENTS, (s) => [Buffer.from(encodeCall(w, s, { functionId: 5, args: [V(1), NUL] }))]],
    ['a ULONG above 2^32-1', ERROR_CODE.ARGUMENTS, (s) => [Buffer.from(encodeCall(w, s, { functionId: 6, args: [S(1), NUL, V(0x100000000), NUL] }))]],
    ['a truncated argument', ERROR_CODE.ARGUMENTS, (s) => { const f = Buffer.from(encodeCall(w, s, { functionId: 5, args: [S(1), NUL] })); const g = f.subarray(0, f.length - 3); g.writeUInt32LE(g.length - 4, 0); return [Buffer.from(g)]; }],
    ['bytes after the last argument', ERROR_CODE.ARGUMENTS, (s) => { const f = Buffer.concat([encodeCall(w, s, { functionId: 5, args: [S(1), NUL] }), h2('00')]); f.writeUInt32LE(f.length - 4, 0); return [f]; }],
    ['a DELIVER with a payload', ERROR_CODE.ARGUMENTS, (s) => [Buffer.from(w.begin(FRAME.DELIVER, s).u8(0).finish())]],
    ['an OVERSIZE argument', ERROR_CODE.OVERSIZE, (s) => [Buffer.from(encodeCall(w, s, { functionId: 4, args: [S(1), V(0), V(SO_EXCL), V(SOL_SOCKET), V(0x40000000), { kind: 'oversize', size: 0x40000000 }, V(0), NUL, NUL, NUL] }))]],
    ['a BUFFER over the maximum', ERROR_CODE.OVERSIZE, (s) => [Buffer.from(encodeCall(w, s, { functionId: 6, args: [S(1), B(canary(65)), V(0), NUL] }))]],
  ];
  it.each(cases)('%s', async (_name, code, frames) => {
    const { c, t } = client({ maxBuffer: 64 });
    const usesHello = code !== ERROR_CODE.FRAME;
    if (usesHello) t.write(hello());
    for (const f of frames(2)) t.write(f);
    const got = t.received.filter((f) => f.type === FRAME.ERROR);
    expect(got).toHaveLength(1);
    expect(got[0]!.payload.readUInt32LE(0)).toBe(code);
    expect(t.session.state).toBe('closed');
    void c;
  });

  it('anything before HELLO is ERROR TYPE; a bad magic, version or pointer size is ERROR VERSION', () => {
    for (const [frame, code] of [
      [Buffer.from(encodeCall(w, 1, { functionId: 5, args: [S(1), NUL] })), ERROR_CODE.TYPE],
      [(() => { const f = Buffer.from(encodeHello(w, 1, { version: 1, pointerSize: 8, program: '' })); f[12] = 0; return f; })(), ERROR_CODE.VERSION],
      [Buffer.from(encodeHello(w, 1, { version: 2, pointerSize: 8, program: '' })), ERROR_CODE.VERSION],
      [Buffer.from(encodeHello(w, 1, { version: 1, pointerSize: 6, program: '' })), ERROR_CODE.VERSION],
    ] as const) {
      const { t } = client();
      t.write(Buffer.from(frame));
      expect(t.received.map((f) => [f.type, f.payload.readUInt32LE(0)])).toEqual([[FRAME.ERROR, code]]);
    }
  });

  it('ECHO is answered with the same payload and seq, outside the seq numbering', async () => {
    const { c, t } = client();
    t.write(Buffer.from(w.begin(FRAME.ECHO, 77).bytes(h2('0102030405')).finish()));
    expect((await t.next()).bytes.toString('hex')).toBe(h('0d000000 4000 0000 4d000000 0102030405'));
    await c.hello();
  });
});

describe('the answers equal the library called directly (differential, WskControlSocket)', () => {
  const codes = [SO_EXCL, CODE.SO_REUSEADDR! >>> 0, CODE.SO_KEEPALIVE! >>> 0, CODE.SO_RCVBUF! >>> 0, CODE.IPV6_V6ONLY! >>> 0, 12345];
  const buf = fc.option(fc.integer({ min: 1, max: 12 }), { nil: null });
  it('status, fault, rule and every caller byte', async () => {
    await fc.assert(fc.asyncProperty(
      fc.constantFrom('x86', 'x64'), fc.constantFrom('inline', 'pending'), fc.integer({ min: 0, max: 3 }), fc.constantFrom(...codes), fc.constantFrom(SOL_SOCKET, 0, 41),
      fc.integer({ min: 0, max: 12 }), buf, fc.integer({ min: 0, max: 12 }), buf, fc.boolean(), fc.boolean(), fc.integer({ min: 0, max: 255 }),
      async (arch, completion, rt, code, level, inSize, inLen, outSize, outLen, withOsr, withIrp, fill) => {
        const { c } = client({ completion: completion as 'inline' | 'pending' });
        await c.hello(arch === 'x64' ? 8 : 4);
        await c.call(1, listenSocket());
        const p = new WskProvider({ arch: arch as 'x86' | 'x64', policy: 'strict', completion: completion as 'inline' | 'pending' });
        p.wskSocket({ family: 2, type: 1, protocol: 6, flags: 1 });
        const input = inLen === null ? null : Buffer.alloc(inLen, fill);
        const output = outLen === null ? null : canary(outLen);
        const osr = withOsr ? canary(p.layout.sizeT) : null;
        const irp = withIrp ? canary(p.layout.sizeofIrp) : null;
        const arg = (b: Buffer | null, irpKind = false): CallArg => (b === null ? NUL : irpKind ? I(b) : B(b));
        const reply = await c.call(4, [S(1), V(rt), V(code), V(level), V(inSize), arg(input), V(outSize), arg(output), arg(osr), arg(irp, true)]);
        const images: Record<number, Buffer> = {};
        if (output) images[7] = Buffer.from(output);
        if (osr) images[8] = Buffer.from(osr);
        if (irp) images[9] = Buffer.from(irp);
        const r = p.wskControlSocket(1, rt, code, level, inSize, input === null ? null : Buffer.from(input), outSize, output, osr, irp);
        expect(reply.answer.fault).toBe(r < 0 ? -r : 0);
        expect(reply.answer.status).toBe(r < 0 ? 0 : r);
        expect(reply.answer.rule).toBe(p.reason.rule);
        const after = applied(reply.answer, images);
        if (output) expect(after[7]).toBe(hexOf(output));
        if (osr) expect(after[8]).toBe(hexOf(osr));
        if (irp) expect(after[9]).toBe(hexOf(irp));
        for (const s of reply.answer.written) expect([7, 8, 9]).toContain(s.argument);
      }), { numRuns: 300 });
  });
});
