/**
 * `wsksim explain` and `wsksim call` of the call microsoft/msquic makes on every WskSetOption: IPV6_V6ONLY with
 * &OutputSizeReturned and an IRP. Under strict the deviation decides (STATUS_INVALID_PARAMETER, check 10); under
 * windows the call succeeds and the deviation is a warning naming the evidence-based entry (POLICY.md).
 */
import { cli } from './run-cli';
import { tempDir, writeJson } from './fixtures';

const msquicSet = (policy: string): object => ({
  id: `msquic-set/${policy}`,
  source: 'microsoft/msquic src/platform/datapath_winkernel.c: WskSetOption(IPV6_V6ONLY) with &OutputSizeReturned and an IRP',
  policy,
  steps: [
    { op: 'socket', as: 's1', family: 'AF_INET6', type: 'SOCK_DGRAM', protocol: 'IPPROTO_UDP', flags: 'WSK_FLAG_DATAGRAM_SOCKET' },
    { op: 'control', socket: 's1', requestType: 'WskSetOption', controlCode: 'IPV6_V6ONLY', level: 'IPPROTO_IPV6', inputSize: 4, input: '00000000',
      outputSize: 0, output: null, outputSizeReturned: { fill: 'cc' }, irp: { fill: 'cc' } },
  ],
});
const FILE = writeJson(tempDir(), 'msquic.json', { format: 'wsksim/vectors@1', vectors: [msquicSet('strict'), msquicSet('windows')] });
const DEVIATION = 'deviation: output-size-returned-given: OutputSizeReturned is non-NULL where the parameter table says NULL';

describe('a refused msquic-style call, explained', () => {
  it('strict: STATUS_INVALID_PARAMETER, decided by check 10, the deviation shown as deciding', async () => {
    const r = await cli(['explain', FILE, '--vector', 'msquic-set/strict']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('policy strict');
    expect(r.out).toContain('          result: STATUS_INVALID_PARAMETER (0xC000000D)\n          decided by: unused-args-null (check 10): ');
    expect(r.out).toContain(`          ${DEVIATION} — decided the call (check 10, unused-args-null, policy strict)\n`);
    expect(r.out).toContain('          IRP: completed, IoStatus.Status STATUS_INVALID_PARAMETER (0xC000000D), Information 0');
    expect(r.out).toContain('          OutputSizeReturned: untouched');
  });

  it('windows: STATUS_SUCCESS, the deviation a warning tolerated by the msquic evidence entry', async () => {
    const r = await cli(['explain', FILE, '--vector', 'msquic-set/windows']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('policy windows');
    expect(r.out).toContain('          result: STATUS_SUCCESS (0x00000000)\n          decided by: set-success: ');
    expect(r.out).toContain(`          ${DEVIATION} — warning only (policy windows; tolerated by windows-output-size-returned-with-irp [MSQUIC: src/platform/datapath_winkernel.c`);
    expect(r.out).toContain('          IRP: completed, IoStatus.Status STATUS_SUCCESS (0x00000000), Information 0');
    expect(r.out).toContain('          OutputSizeReturned: untouched');
  });

  it('--json carries the lint with its role', async () => {
    const r = await cli(['explain', FILE, '--vector', 'msquic-set/windows', '--json']);
    const steps = (JSON.parse(r.out) as { vectors: { steps: { lint: object[] }[] }[] }).vectors[0]!.steps;
    expect(steps[1]!.lint).toEqual([{ id: 'output-size-returned-given', description: 'OutputSizeReturned is non-NULL where the parameter table says NULL', role: 'warning', toleratedBy: 'windows-output-size-returned-with-irp' }]);
    expect(steps[0]!.lint).toEqual([]);
  });

  it('wsksim call prints the same: deciding under strict, a warning under windows', async () => {
    const args = (policy: string): string[] => ['call', '--policy', policy, '--category', 'datagram', '--family', 'inet6', '--request', 'WskSetOption', '--code', 'IPV6_V6ONLY', '--input', '00000000', '--output-size-returned'];
    const strict = await cli(args('strict'));
    expect(strict.code).toBe(0);
    expect(strict.out).toContain('result: STATUS_INVALID_PARAMETER (0xC000000D)');
    expect(strict.out).toContain(`${DEVIATION} — decided the call (check 10, unused-args-null, policy strict)\n`);
    const windows = await cli(args('windows'));
    expect(windows.out).toContain('result: STATUS_SUCCESS (0x00000000)');
    expect(windows.out).toContain(`${DEVIATION} — warning only (policy windows; tolerated by windows-output-size-returned-with-irp`);
  });

  it('wsksim run: expect.lint is compared exactly, and a failing vector prints the deviations', async () => {
    const v = msquicSet('windows') as { steps: object[] };
    const withLint = (lint: unknown): string => writeJson(tempDir(), 'l.json', { format: 'wsksim/vectors@1', vectors: [{ ...v, steps: [v.steps[0], { ...v.steps[1]!, expect: { status: 'STATUS_SUCCESS', lint } }] }] });
    expect((await cli(['run', withLint(['output-size-returned-given'])])).code).toBe(0);
    const r = await cli(['run', withLint([])]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('  step 1 (control): lint: expected [], the call recorded [output-size-returned-given] (rule set-success)\n  decided by: set-success\n  deviations: output-size-returned-given\n');
    const bad = await cli(['run', withLint(['osr-given'])]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/expect\.lint\[0\]: unknown deviation "osr-given" \(known: input-size-given, /);
  });
});
