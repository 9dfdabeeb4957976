import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compareFiles, compareJson, formatCompareText, parseSummaryLine } from '../../src/compare/compare';
import { vectorSkipReason } from '../../src/compare/executable';
import { decodeAnswer, FrameError, imagesAfter, splitFrames } from '../../src/compare/frames';
import { planVector } from '../../src/compare/plan';
import { STATUS } from '../../src/codec/names';
import { parseVectorFile } from '../../src/vectors/reader';
import { loadVectorFile } from '../../src/vectors/suite';
import type { VectorFile } from '../../src/vectors/types';
import { simRelay } from '../helpers/sim-relay';

const VECTORS = join(__dirname, '..', '..', 'vectors');
const corpus: VectorFile[] = readdirSync(VECTORS).filter((f) => f.endsWith('.json')).sort().map((f) => loadVectorFile(join(VECTORS, f)));
const allVectors = corpus.flatMap((f) => f.vectors);

/** One x64 listen socket and a Get of SO_EXCLUSIVEADDRUSE with a 0xcc IRP and an 8-byte output of 0xcc. */
const GET_EXCLUSIVE = parseVectorFile(JSON.stringify({
  format: 'wsksim/vectors@1',
  defaults: { arch: 'x64' },
  vectors: [{
    id: 'get', source: 'test',
    steps: [
      { op: 'socket', as: 's', family: 'AF_INET', type: 'SOCK_STREAM', protocol: 'IPPROTO_TCP', flags: 'WSK_FLAG_LISTEN_SOCKET' },
      { op: 'control', socket: 's', requestType: 'WskGetOption', controlCode: 'SO_EXCLUSIVEADDRUSE', level: 'SOL_SOCKET',
        inputSize: 0, input: null, outputSize: 4, output: { length: 8, fill: 'cc' }, outputSizeReturned: null, irp: { fill: 'cc' } },
    ],
  }],
}), 'get.json');

describe('plan: the frames sent for a vector (docs/MEASURING.md, docs/PROTOCOL.md CALL)', () => {
  it('encodes WskSocket and WskControlSocket CALLs at exact offsets', () => {
    const p = planVector(GET_EXCLUSIVE.vectors[0]!, { pendingWaitMs: 1000, graceMs: 20 }, 7);
    if (p.kind !== 'plan') throw new Error('skipped');
    const { frames, rest } = splitFrames(p.frames);
    expect(rest).toBe(0);
    expect(frames.map((f) => [f.type, f.seq])).toEqual([[0x100, 0], [0x10, 7], [0x10, 8], [0x101, 0]]);
    // VECTOR_BEGIN: u32 1000, u32 20, str "get"
    expect(frames[0]!.payload.toString('hex')).toBe('e8030000' + '14000000' + '0300' + Buffer.from('get').toString('hex'));
    const sock = frames[1]!.payload;
    expect(sock.readUInt32LE(0)).toBe(1); // WskSocket
    expect(sock.readUInt32LE(4)).toBe(6); // six arguments
    expect(sock.subarray(8, 17).toString('hex')).toBe('01' + '0200000000000000'); // VALUE AF_INET (2)
    expect(sock[8 + 9 * 5]).toBe(5); // the sixth is an IRP image
    expect(sock.readUInt32LE(8 + 9 * 5 + 1)).toBe(208);
    const ctl = frames[2]!.payload;
    expect(ctl.readUInt32LE(0)).toBe(4); // WskControlSocket
    expect(ctl.readUInt32LE(4)).toBe(10);
    expect(ctl.subarray(8, 17).toString('hex')).toBe('02' + '0100000000000000'); // SOCKET 1: the first socket step's
    expect(ctl.subarray(17, 26).toString('hex')).toBe('01' + '0100000000000000'); // WskGetOption = 1
    expect(ctl.subarray(26, 35).toString('hex')).toBe('01' + 'fbffffff00000000'); // SO_EXCLUSIVEADDRUSE = (int)~SO_REUSEADDR, a ULONG
  });

  it('skips what the driver cannot execute, with a named reason', () => {
    const ids = (pred: (r: string) => boolean): number => allVectors.filter((v) => { const r = vectorSkipReason(v); return r !== undefined && pred(r.id); }).length;
    expect(ids((r) => r === 'arch-x86')).toBe(allVectors.filter((v) => v.arch === 'x86').length);
    expect(ids((r) => r === 'harness-step')).toBeGreaterThan(0);
    for (const v of allVectors) {
      if (v.steps.some((s) => s.op === 'forceClose') && v.arch === 'x64') expect(vectorSkipReason(v)?.id).toBe('harness-step');
    }
  });
});

describe('plan: connection steps are never sent (docs/MEASURING.md "What is not sent")', () => {
  const CONNECTION_CALLS = ['listen', 'connect', 'socketConnect', 'accept', 'disconnect', 'localAddress', 'remoteAddress'];
  const HARNESS_EVENTS = ['incoming', 'peerClose', 'advanceTime', 'remote'];
  const vector = (steps: unknown[]): VectorFile => parseVectorFile(JSON.stringify({ format: 'wsksim/vectors@1', defaults: { arch: 'x64' }, vectors: [{ id: 'c', source: 'test', steps }] }), 'c.json');
  const listener = [
    { op: 'socket', as: 's', family: 'AF_INET', type: 'SOCK_STREAM', protocol: 'IPPROTO_TCP', flags: 'WSK_FLAG_LISTEN_SOCKET' },
    { op: 'bind', socket: 's', address: '127.0.0.1:5150', irp: { fill: 'cc' } },
  ];

  it('a connection call is SKIP connection-call, a harness event SKIP harness-step, each naming the step', () => {
    const accept = planVector(vector([...listener, { op: 'accept', socket: 's', as: 'a', localAddress: { length: 16, fill: 'cc' }, remoteAddress: null, irp: { fill: 'cc' } }]).vectors[0]!);
    expect(accept).toMatchObject({ kind: 'skip', reason: { id: 'connection-call', text: expect.stringMatching(/^step 2: accept: /) } });
    const incoming = planVector(vector([...listener, { op: 'incoming', from: '10.0.0.9:40000', to: '127.0.0.1:5150' }]).vectors[0]!);
    expect(incoming).toMatchObject({ kind: 'skip', reason: { id: 'harness-step', text: expect.stringMatching(/^step 2: incoming is a harness step/) } });
    const time = planVector(vector([...listener, { op: 'advanceTime', seconds: 240 }]).vectors[0]!);
    expect(time).toMatchObject({ kind: 'skip', reason: { id: 'harness-step' } });
  });

  it('no x64 vector of the corpus with a connection step is planned for sending', () => {
    for (const v of allVectors) {
      if (v.arch !== 'x64' || !v.steps.some((s) => CONNECTION_CALLS.includes(s.op) || HARNESS_EVENTS.includes(s.op))) continue;
      expect(planVector(v).kind).toBe('skip');
    }
  });
});

describe('frames: the answer record', () => {
  it('applies written spans to the images sent and rejects spans outside them', () => {
    const sent = [null, Buffer.alloc(8, 0xcc)];
    const after = imagesAfter(sent, [{ argument: 1, offset: 2, bytes: Buffer.from([1, 2]) }]);
    expect(after[1]!.toString('hex')).toBe('cccc0102cccccccc');
    expect(sent[1]!.toString('hex')).toBe('cccccccccccccccc');
    expect(() => imagesAfter(sent, [{ argument: 1, offset: 7, bytes: Buffer.from([1, 2]) }])).toThrow(FrameError);
    expect(() => imagesAfter(sent, [{ argument: 0, offset: 0, bytes: Buffer.from([1]) }])).toThrow(FrameError);
  });

  it('decodes a RESULT body (the protocol codec) field by field and refuses trailing bytes', () => {
    const body = Buffer.from('04000000' + '020000c0' + '00000000' + '00' + '00' + '0000' + '0000000000000000' + '00000000' + '00000000' +
      '0000' + '0000' + '01000000' + '09000000' + '30000000' + '04000000' + '01020304', 'hex');
    const a = decodeAnswer(body);
    expect(a.functionId).toBe(4);
    expect(a.status).toBe(STATUS.STATUS_NOT_IMPLEMENTED);
    expect(a.irpCompleted).toBe(false);
    expect(a.written).toEqual([{ argument: 9, offset: 48, bytes: Buffer.from([1, 2, 3, 4]) }]);
    expect(() => decodeAnswer(Buffer.concat([body, Buffer.from([0])]))).toThrow(/after the last field/);
    expect(() => decodeAnswer(body.subarray(0, body.length - 1))).toThrow(/payload ends inside/);
  });
});

describe('compare against a stand-in that is wsksim itself', () => {
  it('finds every executable x64 vector of the corpus SAME', async () => {
    const sim = simRelay(allVectors);
    const r = await compareFiles(corpus, sim);
    const diffs = r.vectors.filter((c) => c.verdict === 'DIFF').map((c) => `${c.id}: ${c.difference!.message}`);
    expect(diffs).toEqual([]);
    expect(r.same).toBeGreaterThan(300);
    expect(r.same + r.skip).toBe(allVectors.length);
    expect(sim.calls.length).toBeGreaterThan(1000);
  });
});

describe('compare: differences by kind', () => {
  const files = [GET_EXCLUSIVE];
  const vs = GET_EXCLUSIVE.vectors;

  it('NOT_IMPLEMENTED returned directly, IRP never completed (Wine 8.0 netio.sys)', async () => {
    const r = await compareFiles(files, simRelay(vs, (c) => {
      if (c.fn !== 4) return;
      c.status = STATUS.STATUS_NOT_IMPLEMENTED;
      c.completion = 0;
      c.after.forEach((b, i) => { if (b !== null) c.sent[i]!.copy(b); });
    }));
    expect(r.vectors[0]!.verdict).toBe('DIFF');
    expect(r.vectors[0]!.difference).toMatchObject({ kind: 'not-implemented', step: 1, op: 'control', field: 'status' });
    expect(r.byKind).toEqual({ 'not-implemented': 1 });
  });

  it('same status, IRP not completed', async () => {
    const r = await compareFiles(files, simRelay(vs, (c) => { if (c.fn === 4) c.completion = 0; }));
    expect(r.vectors[0]!.difference).toMatchObject({ kind: 'irp-never-completed', step: 1, field: 'irp.completed' });
  });

  it('one output byte different: the offset is named and bracketed', async () => {
    const r = await compareFiles(files, simRelay(vs, (c) => { if (c.fn === 4) c.after[7]![5] = 0x00; }));
    const d = r.vectors[0]!.difference!;
    expect(d).toMatchObject({ kind: 'bytes', field: 'output' });
    expect(d.message).toContain('differs at offset 5');
    expect(d.message).toContain('wsksim:   00 00 00 00 cc [cc] cc cc');
    expect(d.message).toContain('provider: 00 00 00 00 cc [00] cc cc');
  });

  it('IoStatus.Information different', async () => {
    const r = await compareFiles(files, simRelay(vs, (c) => { if (c.fn === 4) c.after[9]!.writeUInt32LE(8, 56); }));
    expect(r.vectors[0]!.difference).toMatchObject({ kind: 'io-status', field: 'irp' });
    expect(r.vectors[0]!.difference!.message).toContain('differs at offset 56');
  });

  it('a crash, a hang and garbage are reported per vector and the run goes on', async () => {
    const three = parseVectorFile(JSON.stringify({
      format: 'wsksim/vectors@1', defaults: { arch: 'x64' },
      vectors: ['a', 'b', 'c', 'd'].map((id) => ({ id, steps: [{ op: 'socket', as: 's', family: 'AF_INET', type: 'SOCK_STREAM', protocol: 'IPPROTO_TCP', flags: 'WSK_FLAG_LISTEN_SOCKET' }] })),
    }), 'three.json');
    const garbage = Buffer.from('0c000000' + '11000000' + '05000000' + '00000000', 'hex');
    const r = await compareFiles([three], simRelay(three.vectors, undefined,
      (id) => (id === 'a' ? { crash: true } : id === 'b' ? { hung: true } : id === 'c' ? { garbage } : undefined)));
    expect(r.vectors.map((c) => [c.id, c.verdict, c.difference?.kind])).toEqual([
      ['a', 'DIFF', 'crash'], ['b', 'DIFF', 'hung'], ['c', 'DIFF', 'garbage'], ['d', 'SAME', undefined],
    ]);
  });

  it('the text report ends with a summary that parses; --json carries the same counts', async () => {
    const r = await compareFiles(files, simRelay(vs, (c) => { if (c.fn === 4) c.status = STATUS.STATUS_NOT_IMPLEMENTED; }));
    const text = formatCompareText(r);
    expect(text).toMatch(/^DIFF get\n {2}step 1 \(control\) \[not-implemented\] status: /);
    expect(parseSummaryLine(text)).toEqual({ vectors: 1, same: 0, diff: 1, skip: 0 });
    expect(text).toContain('DIFF by kind: not-implemented 1');
    const j = compareJson(r) as { summary: { diff: number; byKind: object } };
    expect(j.summary.diff).toBe(1);
    expect(j.summary.byKind).toEqual({ 'not-implemented': 1 });
    expect(parseSummaryLine('compare: 3 vectors, 1 SAME, 1 DIFF, 0 SKIP')).toBeUndefined();
  });
});
