/**
 * `wsksim run`: the report of VECTORS.md "Results of wsksim run", known failures, JSON, colour and bad input.
 */
import { join } from 'node:path';
import { cli } from './run-cli';
import { getExclusive, LISTEN_S1, tempDir, writeJson } from './fixtures';

const VECTORS = join(__dirname, '..', '..', 'vectors');

// POLICY.md "Results": a Get writes the ULONG value (default 0) into the first 4 bytes only.
const GOOD = { id: 'good', steps: [LISTEN_S1, getExclusive('00000000cccccccc')] };
const BAD = { id: 'bad', steps: [LISTEN_S1, getExclusive('00000001cccccccc')] };

function file(...vectors: object[]): string {
  return writeJson(tempDir(), 'v.json', { format: 'wsksim/vectors@1', vectors });
}

describe('wsksim run', () => {
  it('replays the shipped corpus: exit 0, last line "N passed, 0 failed"', async () => {
    const r = await cli(['run', VECTORS]);
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n').pop()).toMatch(/^[1-9]\d* passed, 0 failed$/);
    expect(r.err).toBe('');
  });

  it('prints PASS / FAIL per vector with the first difference marked, exit 1', async () => {
    const r = await cli(['run', file(GOOD, BAD)]);
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('PASS good');
    expect(lines[1]).toBe('FAIL bad');
    expect(lines[2]).toBe('  step 1 (control): output differs at offset 3 (expected 8 bytes, got 8)');
    expect(lines[3]).toBe('    expected: 00 00 00 [01] cc cc cc cc');
    expect(lines[4]).toBe('    actual:   00 00 00 [00] cc cc cc cc');
    expect(r.out.trim().split('\n').pop()).toBe('1 passed, 1 failed');
  });

  it('honours --known-failures: a listed failing vector is XFAIL and counted as passed', async () => {
    const dir = tempDir();
    const kf = writeJson(dir, 'kf.txt', 'bad   # not modelled\n');
    const r = await cli(['run', file(GOOD, BAD), '--known-failures', kf]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('XFAIL bad (known failure: not modelled)');
    expect(r.out.trim().split('\n').pop()).toBe('2 passed, 0 failed');
  });

  it('a listed vector that passes fails the run: "remove it from the list"', async () => {
    const kf = writeJson(tempDir(), 'kf.txt', 'good\n');
    const r = await cli(['run', file(GOOD), '--known-failures', kf]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('FAIL good\n  listed as a known failure but passes now: remove it from the list');
  });

  it("picks up a directory's known-failures.txt", async () => {
    const dir = tempDir();
    writeJson(dir, 'v.json', { format: 'wsksim/vectors@1', vectors: [BAD] });
    writeJson(dir, 'known-failures.txt', 'bad\n');
    const r = await cli(['run', dir]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('XFAIL bad');
  });

  it('--filter keeps matching ids', async () => {
    const r = await cli(['run', file(GOOD, BAD), '--filter', 'goo']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('PASS good\n1 passed, 0 failed\n');
  });

  it('--json prints a machine-readable report', async () => {
    const r = await cli(['run', file(GOOD, BAD), '--json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as { passed: number; failed: number; vectors: { id: string; outcome: string; mismatch?: { step: number } }[] };
    expect([j.passed, j.failed]).toEqual([1, 1]);
    expect(j.vectors.map((v) => [v.id, v.outcome])).toEqual([['good', 'pass'], ['bad', 'fail']]);
    expect(j.vectors[1]!.mismatch!.step).toBe(1);
  });

  it('colours only when asked (TTY): no escape codes otherwise', async () => {
    const plain = await cli(['run', file(GOOD)]);
    expect(plain.out).not.toContain('\x1b[');
    const coloured = await cli(['run', file(GOOD)], true);
    expect(coloured.out).toContain('\x1b[32mPASS\x1b[0m good');
  });

  it('a malformed file names file, vector and step, exit 2', async () => {
    const p = file({ id: 'broken', steps: [LISTEN_S1, { op: 'frob' }] });
    const r = await cli(['run', p]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^wsksim run: ${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: vector "broken", step 1: unknown step op "frob" \\(known: socket, control, bind, close, cacheSd, releaseSd, complete, forceClose[^)]*\\)\n$`));
    expect(r.out).toBe('');
  });

  it.each([
    [['run', '/nonexistent/x.json'], /no such file or directory/],
    [['run', VECTORS, '--filter', '/[/'], /--filter: Invalid regular expression/],
    [['run', VECTORS, '--known-failures', '/nonexistent/kf.txt'], /cannot read known-failures list/],
    [['run'], /missing required argument 'paths'/],
  ])('bad input %j -> one line, exit 2', async (args, msg) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(msg);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
});
