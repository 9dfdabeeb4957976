/**
 * `wsksim serve` as a child process: the reference client over its stdin/stdout, exit statuses, and one line on
 * stderr for a client that breaks the protocol or leaves without BYE.
 */
import { spawn } from 'node:child_process';
import { CODE, LEVEL } from '../../src/codec/names';
import { ERROR_CODE } from '../../src/harness/protocol';
import { canary, h } from '../helpers/canary';
import { BIN, ensureDist } from './build-dist';
import { B, ChildTransport, I, NUL, ProtocolClient, S, V } from './protocol-client';

beforeAll(() => ensureDist(), 120_000);

function serve(args: string[] = []): { c: ProtocolClient; t: ChildTransport; exit: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  const exit = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stderr })));
  const t = new ChildTransport(child);
  return { c: new ProtocolClient(t), t, exit };
}

describe('wsksim serve', () => {
  it('answers a session and exits 0 after BYE', async () => {
    const { c, exit } = serve(['--policy', 'strict']);
    const w = await c.hello(8, 'serve-test');
    expect(w).toEqual({ version: 1, pointerSize: 8, profile: 'wsk', policy: 'strict', completion: 'inline', maxBuffer: 0x01000000 });
    expect((await c.call(1, [V(2), V(1), V(6), V(1), V(0), NUL])).answer.newSocket).toBe(1);
    const { answer } = await c.call(4, [S(1), V(1), V(CODE.SO_EXCLUSIVEADDRUSE! >>> 0), V(LEVEL.SOL_SOCKET!), V(0), NUL, V(4), B(canary(8)), NUL, I(canary(208))]);
    expect(answer.written.map((s) => [s.argument, s.offset, s.bytes.toString('hex')])).toEqual([[7, 0, '00000000'], [9, 48, h('00000000 cccccccc 0400000000000000')]]);
    c.bye(0);
    expect(await exit).toEqual({ code: 0, stderr: '' });
  }, 30_000);

  it('garbage: an ERROR frame to the client, one line on stderr, exit 2', async () => {
    const { c, exit } = serve();
    c.raw(Buffer.from('GET / HTTP/1.1\r\n\r\n'));
    const e = await c.error();
    expect(e.code).toBe(ERROR_CODE.FRAME);
    const r = await exit;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^wsksim serve: protocol error from the client: frame length \d+ is outside 8\.\.67108928 .*\n$/);
    expect(r.stderr.split('\n')).toHaveLength(2);
  }, 30_000);

  it('a client that leaves without BYE: one line, exit 2', async () => {
    const { c, t, exit } = serve(['--completion', 'pending']);
    expect((await c.hello()).completion).toBe('pending');
    t.close();
    const r = await exit;
    expect(r).toEqual({ code: 2, stderr: 'wsksim serve: the client closed the channel without BYE (after 0 call(s))\n' });
  }, 30_000);

  it('an unknown policy is a usage error', async () => {
    const { exit } = serve(['--policy', 'nonsense']);
    const r = await exit;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^wsksim serve: unknown policy "nonsense"/);
  }, 30_000);
});
