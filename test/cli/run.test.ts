/**
 * `wsksim run`: the report of VECTORS.md "Results of wsksim run", known failures, JSON, colour and bad input.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { readInputFile } from '../../src/vectors/input-file';
import { loadVectorFile } from '../../src/vectors/suite';
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
    const f = file(GOOD, BAD);
    const r = await cli(['run', f]);
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe(`PASS good  (${f})`);
    expect(lines[1]).toBe(`FAIL bad  (${f})`);
    expect(lines[2]).toBe('  step 1 (control): output differs at offset 3 (expected 8 bytes, got 8)');
    expect(lines[3]).toBe('    expected: 00 00 00 [01] cc cc cc cc');
    expect(lines[4]).toBe('    actual:   00 00 00 [00] cc cc cc cc');
    expect(r.out.trim().split('\n').pop()).toBe('1 passed, 1 failed');
  });

  it('honours --known-failures: a listed failing vector is XFAIL and counted as passed', async () => {
    const dir = tempDir();
    const kf = writeJson(dir, 'kf.txt', 'bad   # not modelled\n');
    const f = file(GOOD, BAD);
    const r = await cli(['run', f, '--known-failures', kf]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`XFAIL bad  (${f}) (known failure: not modelled)`);
    expect(r.out.trim().split('\n').pop()).toBe('2 passed, 0 failed');
  });

  it('a listed vector that passes fails the run: "remove it from the list"', async () => {
    const kf = writeJson(tempDir(), 'kf.txt', 'good\n');
    const f = file(GOOD);
    const r = await cli(['run', f, '--known-failures', kf]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`FAIL good  (${f})\n  listed as a known failure but passes now: remove it from the list`);
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
    const f = file(GOOD, BAD);
    const r = await cli(['run', f, '--filter', 'goo']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`PASS good  (${f})\n1 passed, 0 failed\n`);
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

  it('a malformed file among others is reported on stderr; the others still run; exit 2', async () => {
    const dir = tempDir();
    const broken = writeJson(dir, 'a-broken.json', { format: 'wsksim/vectors@1', vectors: [{ id: 'broken', steps: [{ op: 'frob' }] }] });
    const good = writeJson(dir, 'b-good.json', { format: 'wsksim/vectors@1', vectors: [GOOD] });
    const r = await cli(['run', broken, good]);
    expect(r.code).toBe(2);
    expect(r.out).toBe(`PASS good  (${good})\n1 passed, 0 failed\n`);
    expect(r.err).toContain(`wsksim run: ${broken}: vector "broken", step 0: unknown step op "frob"`);
    expect(r.err).toContain('1 of 2 file(s) could not be read (above); the others ran');
  });

  it('a known-failures entry that names no vector fails the run (without --filter)', async () => {
    const dir = tempDir();
    const kf = writeJson(dir, 'kf.txt', 'bad\ntypo-id   # stale\n');
    const r = await cli(['run', file(GOOD, BAD), '--known-failures', kf]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('FAIL typo-id\n  listed as a known failure but no vector of the files run has this id: remove it from the list');
    expect(r.out.trim().split('\n').pop()).toBe('2 passed, 1 failed');
    // With a filter only part of the files runs, so absent ids are not judged.
    const filtered = await cli(['run', file(GOOD, BAD), '--known-failures', kf, '--filter', 'bad']);
    expect(filtered.code).toBe(0);
  });

  it('a UTF-8 byte-order mark before the JSON is accepted', async () => {
    const dir = tempDir();
    const p = writeJson(dir, 'bom.json', '\ufeff' + JSON.stringify({ format: 'wsksim/vectors@1', vectors: [GOOD] }));
    const r = await cli(['run', p]);
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n').pop()).toBe('1 passed, 0 failed');
  });

  it('a device or a FIFO named *.json is refused at once, never read (no hang, no growth)', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    for (const [args, msg] of [
      [['run', '/dev/zero'], /\/dev\/zero: cannot read vector file: not a regular file/],
      [['run', fifo], /pipe\.json: cannot read vector file: not a regular file/],
      [['run', VECTORS, '--known-failures', '/dev/zero'], /cannot read known-failures list: not a regular file/],
      [['run', VECTORS, '--known-failures', fifo], /cannot read known-failures list: not a regular file/],
    ] as const) {
      const r = await cli([...args]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(msg);
    }
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
    [['run', VECTORS, '--filter', 'no-such-vector-id'], /--filter "no-such-vector-id" matches no vector in \d+ file\(s\)/],
    [['run', join(__dirname, '..', '..', 'package.json')], /unknown format undefined/],
    [['run'], /missing required argument 'paths'/],
  ])('bad input %j -> one line, exit 2', async (args, msg) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(msg);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
});

describe('readInputFile', () => {
  it('refuses a file over the limit after reading at most limit + 1 bytes, and an empty vectors list', () => {
    const dir = tempDir();
    const p = writeJson(dir, 'big.json', 'x'.repeat(100));
    expect(() => readInputFile(p, 'vector file', 99)).toThrow(/vector file is 100 bytes, over the 99-byte limit/);
    expect(readInputFile(p, 'vector file', 100)).toHaveLength(100);
    expect(() => loadVectorFile(writeJson(dir, 'empty.json', { format: 'wsksim/vectors@1', vectors: [] }))).toThrow(/the file has no vectors/);
  });
});
