/**
 * `wsksim call`: one WskControlSocket call from flags. Expected bytes come from POLICY.md's checked layout facts:
 * sizeof(IRP) 208 (x64) / 112 (x86); IoStatus at 48 / 24; Information at +8 / +4; a Get writes 4 bytes.
 */
import { cli } from './run-cli';

const lines = (s: string): string[] => s.split('\n');

describe('wsksim call: results and dumps', () => {
  it('Get SO_EXCLUSIVEADDRUSE on x64 (defaults): value 0, IRP completed {STATUS_SUCCESS, 4}', async () => {
    const r = await cli(['call', '--code', 'SO_EXCLUSIVEADDRUSE']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const l = lines(r.out);
    expect(l).toContain('WskSocket(AF_INET, SOCK_STREAM, 0, WSK_FLAG_LISTEN_SOCKET) -> STATUS_SUCCESS (0x00000000)');
    expect(l).toContain('  RequestType WskGetOption (1), ControlCode SO_EXCLUSIVEADDRUSE (0xFFFFFFFB), Level SOL_SOCKET (0xFFFF),');
    expect(l).toContain('  InputSize 0, InputBuffer NULL, OutputSize 4, OutputBuffer 4 bytes,');
    expect(l).toContain('  OutputSizeReturned NULL, Irp 208 bytes)');
    expect(l).toContain('result: STATUS_SUCCESS (0x00000000)');
    expect(r.out).toMatch(/^decided by: get-success: Get success writes .* \[POLICY: docs\/POLICY\.md#results/m);
    expect(l).toContain('IoStatus: completed, Status STATUS_SUCCESS (0x00000000), Information 4');
    // OutputBuffer: the 4 value bytes written.
    expect(r.out).toContain('  OutputBuffer, 4 bytes, written +0..3:\n    0000  [00 00 00 00]\n');
    // IRP: Status at 48..51 (0x30), Information at 56..63; the upper half of the union (52..55) untouched.
    expect(r.out).toContain([
      '  Irp, 208 bytes, written +48..51, +56..63:',
      '    0000  cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc',
      '    *',
      '    0030  [00 00 00 00] cc cc cc cc [04 00 00 00 00 00 00 00]',
      '    0040  cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc',
      '    *',
    ].join('\n'));
  });

  it('x86: IoStatus at 24, Information 4 bytes at 28', async () => {
    const r = await cli(['call', '--arch', 'x86', '--code', 'SO_REUSEADDR', '--output-length', '8']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('  OutputBuffer, 8 bytes, written +0..3:\n    0000  [00 00 00 00] cc cc cc cc\n');
    expect(r.out).toContain('  Irp, 112 bytes, written +24..31:\n    0000  cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc\n' +
      '    0010  cc cc cc cc cc cc cc cc [00 00 00 00 04 00 00 00]\n');
  });

  it('--no-irp on an IRP-required option: check 6, nothing written', async () => {
    const r = await cli(['call', '--arch', 'x86', '--code', 'SO_REUSEADDR', '--no-irp', '--output-size-returned']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('  OutputSizeReturned 4 bytes, Irp NULL)');
    expect(r.out).toContain('result: STATUS_INVALID_PARAMETER (0xC000000D)');
    expect(r.out).toMatch(/^decided by: irp-required \(check 6\): IRP rule of the row: required but NULL \[POLICY: docs\/POLICY\.md#check-6/m);
    expect(r.out).toContain('IoStatus: no IRP');
    expect(r.out).toContain('  OutputBuffer, 4 bytes, untouched:\n    0000  cc cc cc cc\n');
    expect(r.out).toContain('  OutputSizeReturned, 4 bytes, untouched:\n    0000  cc cc cc cc\n');
  });

  it('--set before the call: check 13 (mutual exclusion), IRP completed {STATUS_INVALID_PARAMETER, 0}', async () => {
    const r = await cli(['call', '--request', 'WskSetOption', '--code', 'SO_REUSEADDR', '--input', '01 00 00 00',
      '--set', 'SO_EXCLUSIVEADDRUSE=1', '--expect', 'STATUS_INVALID_PARAMETER']);
    expect(r.code).toBe(0);
    expect(lines(r.out)).toContain('set SO_EXCLUSIVEADDRUSE=1 -> STATUS_SUCCESS (0x00000000)');
    expect(r.out).toMatch(/^decided by: mutual-exclusion \(check 13\)/m);
    expect(r.out).toContain('  InputBuffer, 4 bytes, untouched:\n    0000  01 00 00 00\n');
    expect(r.out).toContain('    0030  [0d 00 00 c0] cc cc cc cc [00 00 00 00 00 00 00 00]');
    expect(r.out).toContain('expected STATUS_INVALID_PARAMETER: matched');
  });

  it('--set is repeatable and applied in order; a failing --set stops with exit 1', async () => {
    const r = await cli(['call', '--code', 'SO_REUSEADDR', '--set', 'SO_EXCLUSIVEADDRUSE=1', '--set', 'SO_REUSEADDR=1']);
    expect(r.code).toBe(1);
    expect(lines(r.out)).toContain('set SO_EXCLUSIVEADDRUSE=1 -> STATUS_SUCCESS (0x00000000)');
    expect(lines(r.out)).toContain('set SO_REUSEADDR=1 -> STATUS_INVALID_PARAMETER (0xC000000D)');
    expect(r.out).toMatch(/setup failed; decided by mutual-exclusion \(check 13\)/);
  });

  it('--set NAME=hex:BYTES passes the exact InputBuffer (2 bytes: check 9, strict)', async () => {
    const r = await cli(['call', '--code', 'SO_REUSEADDR', '--set', 'SO_REUSEADDR=hex:0100']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/setup failed; decided by set-input-size \(check 9\)/);
    const ok = await cli(['call', '--code', 'SO_REUSEADDR', '--set', 'SO_REUSEADDR=hex:01000000']);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('    0000  [01 00 00 00]'); // the Get reads back 1
  });

  it('--expect that does not hold: exit 1', async () => {
    const r = await cli(['call', '--code', 'SO_REUSEADDR', '--expect', 'STATUS_BUFFER_TOO_SMALL']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('expected STATUS_BUFFER_TOO_SMALL: MISMATCH');
  });

  it('--bound first: a before-bind option set on a bound socket is check 12 (timing)', async () => {
    const r = await cli(['call', '--request', 'WskSetOption', '--code', 'SO_REUSEADDR', '--input', '01000000', '--bound', '127.0.0.1:5150']);
    expect(r.code).toBe(0);
    expect(lines(r.out)).toContain('bind 127.0.0.1:5150 -> STATUS_SUCCESS (0x00000000)');
    expect(r.out).toContain('result: STATUS_INVALID_DEVICE_STATE (0xC0000184)');
    expect(r.out).toMatch(/^decided by: timing \(check 12\)/m);
  });

  it('a buffer shorter than its size is a fault: nothing written', async () => {
    const r = await cli(['call', '--request', 'WskSetOption', '--code', 'SO_REUSEADDR', '--input', '01', '--input-size', '4']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('result: fault InputBufferOverrun');
    expect(r.out).toMatch(/^decided by: buffers-cover-sizes \(check 2\)/m);
    expect(r.out).toContain('  Irp, 208 bytes, untouched:');
  });

  it('--completion pending: STATUS_PENDING, then the IRP completes when completions are delivered', async () => {
    const r = await cli(['call', '--code', 'SO_REUSEADDR', '--completion', 'pending']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('result: STATUS_PENDING (0x00000103)');
    expect(r.out).toContain('after delivering completions: IoStatus.Status STATUS_SUCCESS (0x00000000)');
    expect(r.out).toContain('IoStatus: completed, Status STATUS_SUCCESS (0x00000000), Information 4');
  });

  it('a failed setup step (family mismatch at bind): exit 1, the call is not made', async () => {
    const r = await cli(['call', '--code', 'SO_REUSEADDR', '--bound', '[::1]:5150']);
    expect(r.code).toBe(1);
    expect(lines(r.out)).toContain('bind [::1]:5150 -> STATUS_INVALID_PARAMETER (0xC000000D)');
    expect(r.out).toMatch(/setup failed; decided by bind-address/);
    expect(r.out).not.toContain('WskControlSocket(');
  });

  it('a fault leaves the IRP as the caller filled it: shown as its bytes in hex, never as a status or a count', async () => {
    // POLICY.md check 2: OutputSize 4 over a 2-byte buffer is fault OutputBufferOverrun; nothing is written.
    const r = await cli(['call', '--code', 'SO_REUSEADDR', '--output-size', '4', '--output-length', '2']);
    expect(r.out).toContain('IoStatus: not completed (bytes as the caller left them: Status 0xCCCCCCCC, Information 0xCCCCCCCCCCCCCCCC)');
    expect(r.out).not.toMatch(/Information \d{6,}/);
    const x86 = await cli(['call', '--arch', 'x86', '--code', 'SO_REUSEADDR', '--output-size', '4', '--output-length', '2', '--json']);
    const j = JSON.parse(x86.out) as { result: { fault: string }; ioStatus: Record<string, unknown> };
    expect(j.result).toEqual({ fault: 'OutputBufferOverrun' });
    expect(j.ioStatus).toEqual({ completed: false, statusBytes: '0xCCCCCCCC', informationBytes: '0xCCCCCCCC' });
  });

  it('--json gives statuses in hex beside their names', async () => {
    const r = await cli(['call', '--code', 'SO_REUSEADDR', '--request', 'WskSetOption', '--input', '02000000', '--json']);
    const j = JSON.parse(r.out) as { result: { status: string; value: string }; ioStatus: { value: string } };
    // check 11 (strict): a boolean option's ULONG must be 0 or 1.
    expect(j.result).toEqual({ status: 'STATUS_INVALID_PARAMETER', value: '0xC000000D' });
    expect(j.ioStatus.value).toBe('0xC000000D');
  });

  it('--json: result, rule with citation, IoStatus and buffers with written ranges', async () => {
    const r = await cli(['call', '--code', 'SO_EXCLUSIVEADDRUSE', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as {
      result: { status: string; value: string }; rule: { id: string; source: { ref: string } };
      ioStatus: { completed: boolean; status: string; information: string };
      buffers: Record<string, { length: number; initial: string; after: string; written: string }>;
    };
    expect(j.result).toEqual({ status: 'STATUS_SUCCESS', value: '0x00000000' });
    expect(j.rule.id).toBe('get-success');
    expect(j.rule.source.ref).toBe('POLICY');
    expect(j.ioStatus).toEqual({ completed: true, status: 'STATUS_SUCCESS', value: '0x00000000', information: '4' });
    expect(j.buffers.OutputBuffer).toEqual({ length: 4, initial: 'cccccccc', after: '00000000', written: '+0..3' });
    expect(j.buffers.Irp!.written).toBe('+48..51, +56..63');
  });

  it('colour: written bytes highlighted instead of bracketed', async () => {
    const r = await cli(['call', '--code', 'SO_EXCLUSIVEADDRUSE'], true);
    expect(r.out).toContain('0000  \x1b[1;33m00\x1b[0m \x1b[1;33m00\x1b[0m');
    expect(r.out).not.toContain('[00');
  });

  it('datagram category defaults to SOCK_DGRAM; numeric request and code work', async () => {
    const r = await cli(['call', '--category', 'datagram', '--request', '1', '--code', '0x4', '--level', '0xffff']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('WskSocket(AF_INET, SOCK_DGRAM, 0, WSK_FLAG_DATAGRAM_SOCKET)');
    expect(r.out).toContain('result: STATUS_SUCCESS');
  });

  it('an unknown option is check 5 (option-known)', async () => {
    const r = await cli(['call', '--code', '0x1234']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('result: STATUS_NOT_SUPPORTED (0xC00000BB)');
    expect(r.out).toMatch(/^decided by: option-known \(check 5\)/m);
  });
});

describe('wsksim call: bad input is one line, exit 2', () => {
  it.each([
    [['call', '--code', 'SO_REUSEADDR', '--input', 'zz'], 'wsksim call: --input: "zz" is not an even-length hex string'],
    [['call', '--code', 'SO_REUSEADDR', '--input', '012'], 'wsksim call: --input: "012" is not an even-length hex string'],
    [['call', '--arch', 'arm64', '--code', 'SO_REUSEADDR'], 'wsksim call: --arch: "arm64" is not one of x86, x64'],
    [['call'], 'wsksim call: --code is required (a control code name such as SO_EXCLUSIVEADDRUSE, or a number)'],
    [['call', '--code', 'SO_NOPE'], 'wsksim call: --code: "SO_NOPE" is not a number (decimal or 0x hex) or a constant name known to the ABI tables'],
    [['call', '--code', 'SO_REUSEADDR', '--set', 'SO_REUSEADDR'], 'wsksim call: --set: "SO_REUSEADDR" is not NAME=VALUE (e.g. SO_REUSEADDR=1)'],
    [['call', '--code', 'SO_REUSEADDR', '--bound', '1.2.3:80'], 'wsksim call: --bound: "1.2.3:80" is not "a.b.c.d:port" or "[ipv6%scope]:port"'],
    [['call', '--code', 'SO_REUSEADDR', '--output-length', '4', '--output-null'], 'wsksim call: give either --output-length or --output-null, not both'],
    [['call', '--code', 'SO_REUSEADDR', '--input', '00', '--input-null'], 'wsksim call: give either --input or --input-null, not both'],
    [['call', '--arch', 'x86', '--code', 'SO_REUSEADDR', '--output-size', '0x100000000'], 'wsksim call: --output-size: 4294967296 is out of range (0 to 4294967295)'],
    [['call', '--code', 'SO_REUSEADDR', '--fill', 'ccdd'], 'wsksim call: --fill: expected one byte of hex, such as cc'],
    [['call', '--code', 'SO_REUSEADDR', '--output-size', '0x10001'], 'wsksim call: --output-size 65537 is above 65536: give the buffer\'s length with --output-length (or --output-null)'],
    [['call', '--code', 'SO_REUSEADDR', '--expect', 'STATUS_BOGUS'], 'wsksim call: --expect: "STATUS_BOGUS" is not a number (decimal or 0x hex) or a constant name known to the ABI tables'],
    [['call', '--code', 'SO_REUSEADDR', '--output-size', '4', '--output-length', '2', '--expect', 'fault OutputBufferOverun'], 'wsksim call: --expect: "fault OutputBufferOverun" is not a number (decimal or 0x hex) or a constant name known to the ABI tables'],
    [['call', '--code', 'SO_REUSEADDR', '--policy', 'loose'], 'wsksim call: --policy: "loose" is not one of strict, lenient, windows'],
  ])('%j', async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`${message}\n`);
    expect(r.out).toBe('');
  });

  it('--set of an option the table does not have names the settable ones', async () => {
    const r = await cli(['call', '--code', 'SO_REUSEADDR', '--set', 'SO_FOO=1']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^wsksim call: --set: no WskSetOption row for "SO_FOO" in the option table \(known: [^\n]*SO_REUSEADDR[^\n]*\)\n$/);
  });

  it('a 64-bit size on x64 is accepted and judged (fault: the buffer does not cover it)', async () => {
    const r = await cli(['call', '--code', 'SO_REUSEADDR', '--output-size', '0xFFFFFFFFFFFFFFFF', '--output-length', '4']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('result: fault OutputBufferOverrun');
  });
});

describe('wsksim call: the option row is matched on (request type, level, code) over every row', () => {
  it('--code IP_TTL (4, as SO_REUSEADDR) runs a Get of IP_TTL at IPPROTO_IP: 128 (policy ip-ttl-default)', async () => {
    const r = await cli(['call', '--code', 'IP_TTL', '--request', 'WskGetOption', '--output-size', '4', '--category', 'datagram']);
    expect(r.code).toBe(0);
    expect(lines(r.out)).toContain('  RequestType WskGetOption (1), ControlCode IP_TTL (0x4), Level IPPROTO_IP (0x0),');
    expect(r.out).toContain('  OutputBuffer, 4 bytes, written +0..3:\n    0000  [80 00 00 00]\n');
  });

  it('--code TCP_NODELAY takes the row\'s level IPPROTO_TCP (6): Get succeeds with FALSE', async () => {
    const r = await cli(['call', '--code', 'TCP_NODELAY', '--category', 'connection']);
    expect(r.code).toBe(0);
    expect(lines(r.out)).toContain('  RequestType WskGetOption (1), ControlCode TCP_NODELAY (0x1), Level IPPROTO_TCP (0x6),');
    expect(lines(r.out)).toContain('result: STATUS_SUCCESS (0x00000000)');
  });

  it('SIO_ADDRESS_LIST_QUERY gets no IRP by default (its row: the IRP must be NULL)', async () => {
    const r = await cli(['call', '--request', 'WskIoctl', '--code', 'SIO_ADDRESS_LIST_QUERY', '--output-size-returned']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('  OutputSizeReturned 8 bytes, Irp NULL)');
    expect(lines(r.out)).toContain('result: STATUS_BUFFER_OVERFLOW (0x80000005)');
  });

  it('a bare value that rows at several levels share needs --level (exit 2, one line)', async () => {
    const r = await cli(['call', '--code', '4']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^wsksim call: --code 4: SO_REUSEADDR \(SOL_SOCKET\), IP_TTL \(IPPROTO_IP\), IPV6_UNICAST_HOPS \(IPPROTO_IPV6\) share this value; give --level\n$/);
    const ok = await cli(['call', '--code', '4', '--level', 'IPPROTO_IP', '--category', 'datagram']);
    expect(ok.out).toContain('  OutputBuffer, 4 bytes, written +0..3:\n    0000  [80 00 00 00]\n');
  });

  it('--set knows every WskSetOption row: IP_TTL=64 then Get IP_TTL', async () => {
    const r = await cli(['call', '--code', 'IP_TTL', '--set', 'IP_TTL=64', '--category', 'datagram']);
    expect(r.code).toBe(0);
    expect(lines(r.out)).toContain('set IP_TTL=64 -> STATUS_SUCCESS (0x00000000)');
    expect(r.out).toContain('  OutputBuffer, 4 bytes, written +0..3:\n    0000  [40 00 00 00]\n');
  });

  it('--set SO_SNDBUF=65536 then Get SO_SNDBUF', async () => {
    const r = await cli(['call', '--code', 'SO_SNDBUF', '--set', 'SO_SNDBUF=65536', '--category', 'datagram']);
    expect(r.code).toBe(0);
    expect(lines(r.out)).toContain('set SO_SNDBUF=65536 -> STATUS_SUCCESS (0x00000000)');
    expect(r.out).toContain('  OutputBuffer, 4 bytes, written +0..3:\n    0000  [00 00 01 00]\n');
  });

  it('--set of a name no WskSetOption row has lists every settable option (exit 2)', async () => {
    const r = await cli(['call', '--code', 'SO_REUSEADDR', '--set', 'SO_BOGUS=1']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('no WskSetOption row for "SO_BOGUS"');
    for (const name of ['SO_EXCLUSIVEADDRUSE', 'SO_SNDBUF', 'IP_TTL', 'TCP_NODELAY', 'IPV6_UNICAST_IF', 'SO_WSK_EVENT_CALLBACK']) expect(r.err).toContain(name);
  });
});
