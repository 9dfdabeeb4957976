/**
 * `wsksim explain`: step-by-step replay with rules, citations, written bytes and expectation status.
 */
import { cli } from './run-cli';
import { getExclusive, LISTEN_S1, tempDir, writeJson } from './fixtures';

// A Get of the default SO_EXCLUSIVEADDRUSE value, as in the shipped corpus (written here so the test is stable).
const SHIPPED = writeJson(tempDir(), 'so-exclusiveaddruse.json', {
  format: 'wsksim/vectors@1',
  vectors: [{
    id: 'so-exclusiveaddruse/get-default/listen',
    source: 'so-exclusiveaddruse.md, Get parameter table; default disabled',
    steps: [
      { ...LISTEN_S1, expect: { status: 'STATUS_SUCCESS' } },
      { ...getExclusive('00000000cccccccc'), expect: { status: 'STATUS_SUCCESS', output: '00000000cccccccc', irp: { completed: true, status: 'STATUS_SUCCESS', information: 4 } } },
    ],
  }],
});

describe('wsksim explain', () => {
  it('explains a shipped vector: call, result, rule with citation, bytes written, expectations', async () => {
    const r = await cli(['explain', SHIPPED, '--vector', 'so-exclusiveaddruse/get-default/listen']);
    expect(r.code).toBe(0);
    const out = r.out;
    expect(out).toContain('vector so-exclusiveaddruse/get-default/listen  [x64, profile wsk, policy strict, completion inline]');
    expect(out).toContain('  step 0  socket: s1 = WskSocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, WSK_FLAG_LISTEN_SOCKET)');
    expect(out).toContain('  step 1  control: WskControlSocket(s1, WskGetOption (1), SO_EXCLUSIVEADDRUSE (0xFFFFFFFB), SOL_SOCKET (0xFFFF), ' +
      'InputSize 0, InputBuffer NULL, OutputSize 4, OutputBuffer 8 bytes, OutputSizeReturned NULL, Irp 208 bytes)');
    expect(out).toMatch(/^ {10}decided by: get-success: .* \[POLICY: docs\/POLICY\.md#results/m);
    expect(out).toContain('          IRP: completed, IoStatus.Status STATUS_SUCCESS (0x00000000), Information 4');
    expect(out).toContain('          OutputBuffer: written +0..3\n            0000  [00 00 00 00] cc cc cc cc\n');
    expect(out).toContain('          Irp: written +48..51, +56..63\n');
    expect(out).toContain('            0030  [00 00 00 00] cc cc cc cc [04 00 00 00 00 00 00 00]');
    expect(out.match(/expect: matched/g)).toHaveLength(2);
    expect(out).toContain('  PASS so-exclusiveaddruse/get-default/listen');
  });

  it('a failing vector: MISMATCH shown at its step, later steps still run, exit 1', async () => {
    const p = writeJson(tempDir(), 'v.json', {
      format: 'wsksim/vectors@1',
      vectors: [{ id: 'bad', steps: [LISTEN_S1, getExclusive('01000000cccccccc'), getExclusive('00000000cccccccc')] }],
    });
    const r = await cli(['explain', p]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('expect: MISMATCH output differs at offset 0 (expected 8 bytes, got 8)');
    expect(r.out).toContain('  step 2  control:');
    expect(r.out).toContain('expect: none (the step must merely not fault)'); // step 0 has no expect
    expect(r.out.match(/expect: matched/g)).toHaveLength(1); // step 2, run after the mismatch
    expect(r.out).toContain('  FAIL bad: first mismatch at step 1');
  });

  it('names the check of a failure and the socket a bind conflicted with', async () => {
    const p = writeJson(tempDir(), 'v.json', {
      format: 'wsksim/vectors@1',
      vectors: [{ id: 'conflict', steps: [
        LISTEN_S1,
        { op: 'socket', as: 's2', family: 'AF_INET', type: 'SOCK_STREAM', flags: 'WSK_FLAG_LISTEN_SOCKET' },
        { op: 'bind', socket: 's1', address: '127.0.0.1:5150', irp: { fill: '00' } },
        { op: 'bind', socket: 's2', address: '127.0.0.1:5150', irp: { fill: '00' } },
        { op: 'control', socket: 's1', requestType: 'WskSetOption', controlCode: 'SO_REUSEADDR', level: 'SOL_SOCKET', inputSize: 4, input: '02000000', irp: { fill: 'cc' } },
      ] }],
    });
    const r = await cli(['explain', p]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('  step 3  bind: WskBind(s2, 127.0.0.1:5150 (16-byte image), Flags 0, Irp 208 bytes)');
    expect(r.out).toContain('          conflict with: s1');
    // POLICY.md check 11: a boolean option's ULONG must be 0 or 1 (strict).
    expect(r.out).toContain('InputBuffer 4 bytes = 02000000');
    expect(r.out).toMatch(/^ {10}decided by: value-domain \(check 11\): .*\[POLICY: docs\/POLICY\.md#check-11/m);
  });

  it('a complete step names the rule that decided each IRP it completed', async () => {
    const set = (code: string): object => ({ op: 'control', socket: 's1', requestType: 'WskSetOption', controlCode: code, level: 'SOL_SOCKET', inputSize: 4, input: '01000000', irp: { fill: 'cc' } });
    const p = writeJson(tempDir(), 'v.json', {
      format: 'wsksim/vectors@1',
      vectors: [{ id: 'p', arch: 'x86', completion: 'pending', steps: [LISTEN_S1, set('SO_EXCLUSIVEADDRUSE'), set('SO_REUSEADDR'), { op: 'complete' }] }],
    });
    const r = await cli(['explain', p]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ {10}decided by: pending-completion: /m);
    expect(r.out).toContain('          completed step 1 irp: STATUS_SUCCESS, Information 0\n            decided by: set-success: ');
    expect(r.out).toContain('          completed step 2 irp: STATUS_INVALID_PARAMETER, Information 0\n            decided by: mutual-exclusion (check 13): ');
  });

  it('colour: PASS in green, written bytes highlighted, no brackets', async () => {
    const r = await cli(['explain', SHIPPED], true);
    expect(r.code).toBe(0);
    expect(r.out).toContain('\x1b[32mPASS\x1b[0m');
    expect(r.out).toContain('0000  \x1b[1;33m00\x1b[0m');
    expect(r.out).not.toContain('[00');
  });

  it('--json gives a machine-readable trace', async () => {
    const r = await cli(['explain', SHIPPED, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { vectors: { id: string; passed: boolean; steps: { rule: { id: string; source: { ref: string } | null }; expectation: string; buffers: Record<string, { written: string }> }[] }[] };
    const v = j.vectors[0]!;
    expect(v.passed).toBe(true);
    expect(v.steps[1]!.rule.id).toBe('get-success');
    expect(v.steps[1]!.rule.source!.ref).toBe('POLICY');
    expect(v.steps[1]!.buffers.output!.written).toBe('+0..3');
    expect(v.steps.every((s) => s.expectation === 'matched')).toBe(true);
  });

  it.each([
    [['explain', '/nonexistent.json'], /^wsksim explain: \/nonexistent\.json: cannot read vector file: no such file$/m],
    [['explain', SHIPPED, '--vector', 'nope'], /^wsksim explain: no vector "nope" in .*so-exclusiveaddruse\.json \(ids: so-exclusiveaddruse\//],
    [['explain'], /missing required argument 'file'/],
  ])('bad input %j -> one line, exit 2', async (args, msg) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(msg);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('a malformed file names file, vector and step, exit 2', async () => {
    const p = writeJson(tempDir(), 'v.json', { format: 'wsksim/vectors@1', vectors: [{ id: 'x', steps: [{ op: 'control', socket: 's1', requestType: 'WskGetOption', controlCode: 'SO_NOPE' }] }] });
    const r = await cli(['explain', p]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`wsksim explain: ${p}: vector "x", step 0: controlCode: "SO_NOPE" is not a number or a constant known to the ABI tables\n`);
  });
});
