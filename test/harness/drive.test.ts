/**
 * `wsksim drive` with small fake programs (a Node client, no Wine): the program's status after BYE, one line and
 * exit status 2 for every way a program can misbehave, no process left behind, and --record / --trace.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../cli/run-cli';

const FAKE = join(__dirname, 'fixtures', 'fake-client.js');
const NODE = process.execPath;

/** Whether a process is alive (a zombie, killed and waiting for its reaper, counts as gone). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

const tmp = (): string => mkdtempSync(join(tmpdir(), 'wsksim-drive-'));

describe('wsksim drive, a program that behaves', () => {
  it('exits with the program status after BYE: 0, and 1 when DriverEntry failed', async () => {
    const ok = await cli(['drive', '--policy', 'strict', '--', NODE, FAKE, 'ok']);
    expect(ok).toEqual({ code: 0, out: '', err: '' });
    const failed = await cli(['drive', '--policy', 'strict', '--', NODE, FAKE, 'fail']);
    expect(failed).toEqual({ code: 1, out: '', err: '' });
  }, 60_000);

  it('--record writes a recorded vector file that wsksim run replays; WskSend is listed as omitted', async () => {
    const file = join(tmp(), 'rec.json');
    const r = await cli(['drive', '--policy', 'strict', '--record', file, '--', NODE, FAKE, 'ok']);
    expect(r.code).toBe(0);
    expect(r.err).toBe(`wsksim drive: 8 step(s) recorded into ${file} (1 call(s) not expressible as vector steps are listed under "x-omitted")\n`);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    expect(doc.recorded).toBe(true);
    const v = doc.vectors[0];
    expect(v).toMatchObject({ id: 'fake-client', arch: 'x64', profile: 'wsk', policy: 'strict', completion: 'inline', recorded: true });
    expect(v['x-omitted']).toEqual([expect.stringMatching(/^call 8: WskSend\(Socket #1, Irp 208 bytes\): WskSend \(not modelled/)]);
    expect(v.steps.map((s: { op: string }) => s.op)).toEqual(['socket', 'socket', 'control', 'control', 'bind', 'bind', 'close', 'complete']);
    // the Get after the Set of TRUE: ULONG 1 into the first 4 bytes of the 8-byte canary, IRP {STATUS_SUCCESS, 4}
    expect(v.steps[3].expect).toMatchObject({ status: 'STATUS_SUCCESS', output: '01000000cccccccc', irp: { completed: true, status: 'STATUS_SUCCESS', information: 4 }, rule: 'get-success' });
    expect(v.steps[5].expect).toMatchObject({ status: 'STATUS_ADDRESS_ALREADY_EXISTS' });
    const run = await cli(['run', file]);
    expect(run.out).toMatch(/^PASS fake-client\b.*\n1 passed, 0 failed\n$/);
    expect(run.code).toBe(0);
  }, 60_000);

  it('--trace prints each call with its result, rule and bytes written', async () => {
    const r = await cli(['drive', '--policy', 'strict', '--trace', '--', NODE, FAKE, 'ok']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('call 4  WskControlSocket(s1, WskSetOption (0), SO_EXCLUSIVEADDRUSE (0xFFFFFFFB), SOL_SOCKET (0xFFFF), InputSize 4, InputBuffer 4 bytes = 01000000, OutputSize 0, OutputBuffer NULL, OutputSizeReturned NULL, Irp 208 bytes)\n');
    expect(r.out).toContain('        result: STATUS_SUCCESS (0x00000000)\n        IRP: completed\n        decided by: set-success');
    expect(r.out).toContain('        OutputBuffer: written +0..3\n          0000  [01 00 00 00] cc cc cc cc\n');
    expect(r.out).toContain('        Irp: written +48..51, +56..63\n');
    expect(r.out).toContain('call 8  WskSend(Socket #1, Irp 208 bytes)\n        result: STATUS_NOT_IMPLEMENTED (0xC0000002)\n        IRP: completed\n        decided by: harness-not-implemented');
    expect(r.out).toContain('deliver 10  deliver pending IRP completions: 0\n');
  }, 60_000);
});

describe('wsksim drive, bad input: one line, exit status 2, no process left behind', () => {
  const cases: [string, string[], RegExp][] = [
    ['garbage on the channel', [], /^wsksim drive: protocol error from \S+: frame length \d+ is outside 8\.\.67108928 \(bytes 74 68 69 73/],
    ['a crash (SIGSEGV)', [], /^wsksim drive: \S+ was killed by SIGSEGV after 0 call\(s\)$/],
    ['a hang (--timeout 2)', ['--timeout', '2'], /^wsksim drive: \S+ did not finish within 2 s \(after 0 call\(s\)\); killed$/],
    ['an exit in the middle of a frame', [], /^wsksim drive: \S+ closed the channel in the middle of a frame \(10 byte\(s\) of it received, after 0 call\(s\)\); it exited with status 0$/],
    ['an exit without BYE', [], /^wsksim drive: \S+ closed the channel without BYE \(after 1 call\(s\)\); it exited with status 0$/],
    ['an exit before HELLO', [], /^wsksim drive: \S+ closed the channel without saying HELLO; it exited with status 0$/],
    ['a declared size over the limit', [], /^wsksim drive: protocol error from \S+: WskControlSocket: InputBuffer is declared 1073741824 bytes, over the 16777216-byte limit \(docs\/PROTOCOL\.md "Limits"\)$/],
  ];
  const modes: Record<string, string> = {
    'garbage on the channel': 'garbage', 'a crash (SIGSEGV)': 'crash', 'a hang (--timeout 2)': 'hang', 'an exit in the middle of a frame': 'mid-frame',
    'an exit without BYE': 'no-bye', 'an exit before HELLO': 'silent-exit', 'a declared size over the limit': 'oversize',
  };
  it.each(cases)('%s', async (name, extra, message) => {
    const pidFile = join(tmp(), 'grandchild.pid');
    const r = await cli(['drive', ...extra, '--', NODE, FAKE, modes[name]!, pidFile]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    const lines = r.err.split('\n').filter((l) => l !== '' && !l.startsWith('fake-client:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    await new Promise((res) => setTimeout(res, 100));
    expect(alive(grandchild)).toBe(false);
  }, 60_000);

  it('a program that cannot be started, and bad usage', async () => {
    const r = await cli(['drive', '--', join(tmp(), 'no-such-program')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^wsksim drive: cannot run \S+no-such-program: spawn \S+ ENOENT\n$/);
    const t = await cli(['drive', '--timeout', 'soon', '--', NODE, FAKE, 'ok']);
    expect(t).toEqual({ code: 2, out: '', err: 'wsksim drive: --timeout: "soon" is not a positive number of seconds\n' });
    const w = await cli(['drive', '--', join(tmp(), 'missing.exe')]);
    expect(w.code).toBe(2);
    expect(w.err).toMatch(/^wsksim drive: .*missing\.exe/);
  }, 60_000);
});

describe('wsksim drive --event: harness events for a program that waits for a connection', () => {
  it('the incoming connection is taken when the program waits; --record replays it; --trace shows the event', async () => {
    const file = join(tmp(), 'accept.json');
    const r = await cli(['drive', '--policy', 'strict', '--trace', '--record', file, '--event', 'incoming:127.0.0.1:7198,from=10.0.0.9:40000', '--', NODE, FAKE, 'accept']);
    expect(r.err).toBe(`wsksim drive: 6 step(s) recorded into ${file}\n`);
    expect(r.code).toBe(0);
    expect(r.out).toContain('event  incoming(From 10.0.0.9:40000, To 127.0.0.1:7198) (--event incoming:127.0.0.1:7198,from=10.0.0.9:40000)\n        result: routed to listening socket #1\n');
    expect(r.out).toMatch(/completed: the IRP of call 4 \(WskAccept\): STATUS_SUCCESS/);
    const v = JSON.parse(readFileSync(file, 'utf8')).vectors[0];
    expect(v['x-omitted']).toBeUndefined();
    expect(v.steps.map((s: { op: string }) => s.op)).toEqual(['socket', 'bind', 'accept', 'incoming', 'complete', 'remoteAddress']);
    expect(v.steps[2]).toMatchObject({ socket: 's1', as: 's2' });
    // the accepted socket's remote address: 10.0.0.9:40000 into the 16-byte canary, IRP Information 16
    expect(v.steps[5]).toMatchObject({ socket: 's2', expect: { status: 'STATUS_SUCCESS', output: '02009c400a0000090000000000000000', irp: { completed: true, information: 16 } } });
    const run = await cli(['run', file]);
    expect(run.out).toMatch(/^PASS fake-client\b.*\n1 passed, 0 failed\n$/);
  }, 60_000);

  it('without the event the program is never accepted; an event never taken is a warning; a bad --event is one line, exit 2', async () => {
    const r = await cli(['drive', '--policy', 'strict', '--event', 'advanceTime:5@99', '--', NODE, FAKE, 'accept']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^wsksim drive: warning: --event advanceTime:5@99 was not taken \(the program made 3 call\(s\)\)\nwsksim drive: \S+ closed the channel without BYE \(after 3 call\(s\)\); it exited with status 4\n$/);
    const bad = await cli(['drive', '--event', 'incoming:nowhere', '--', NODE, FAKE, 'ok']);
    expect(bad).toEqual({ code: 2, out: '', err: 'wsksim drive: --event "incoming:nowhere": TO "nowhere" is not an address such as 127.0.0.1:5150 or [::1]:5150\n' });
  }, 60_000);
});
