/**
 * `wsksim record` and recordVectors: a steps file -> a vector file with the simulator's results, which replays.
 * The expected values are POLICY.md's by hand (Get writes a 4-byte ULONG; IRP {STATUS_SUCCESS, 4}; bind/close
 * complete with Information 0; a conflicting bind in the wsk profile is STATUS_ADDRESS_ALREADY_EXISTS).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseVectorFile } from '../../src/vectors/reader';
import { recordVectors } from '../../src/vectors/record';
import { runVector } from '../../src/vectors/runner';
import { parseKnownFailures } from '../../src/vectors/suite';
import { cli } from './run-cli';
import { LISTEN_S1, tempDir, writeJson } from './fixtures';

const GET = { op: 'control', socket: 's1', requestType: 'WskGetOption', controlCode: 'SO_EXCLUSIVEADDRUSE', level: 'SOL_SOCKET', outputSize: 4, output: { length: 8, fill: 'cc' }, irp: { fill: 'cc' } };
const SCRIPT = {
  format: 'wsksim/vectors@1',
  title: 'record test',
  vectors: [
    { id: 'inline', steps: [
      LISTEN_S1,
      { op: 'socket', as: 's2', family: 'AF_INET', type: 'SOCK_STREAM', flags: 'WSK_FLAG_LISTEN_SOCKET' },
      GET,
      { op: 'control', socket: 's1', requestType: 'WskSetOption', controlCode: 'SO_REUSEADDR', level: 'SOL_SOCKET', inputSize: 4, input: '01', irp: { fill: 'cc' } },
      { op: 'bind', socket: 's1', address: '127.0.0.1:5150', irp: { fill: '00' } },
      { op: 'bind', socket: 's2', address: '127.0.0.1:5150', irp: { fill: '00' } },
      { op: 'close', socket: 's1', irp: { fill: '00' } },
    ] },
    { id: 'pending', source: 'given by the author', arch: 'x86', completion: 'pending', steps: [
      LISTEN_S1,
      { op: 'control', socket: 's1', requestType: 'WskGetOption', controlCode: 'SO_REUSEADDR', level: 'SOL_SOCKET', outputSize: 4, output: { length: 4, fill: 'cc' }, irp: { fill: 'cc' } },
      { op: 'complete' },
    ] },
  ],
};

type Doc = { source: string; recorded: boolean; vectors: { id: string; source: string; recorded: boolean; steps: { expect?: Record<string, unknown> }[] }[] };

describe('recordVectors', () => {
  const r = recordVectors(JSON.stringify(SCRIPT), 'script.json', { date: '2026-01-02' });
  const doc = JSON.parse(r.text) as Doc;
  const e = (v: number, s: number): Record<string, unknown> => doc.vectors[v]!.steps[s]!.expect!;

  it('marks the file and every vector recorded, with a source note unless one is given', () => {
    expect(doc.recorded).toBe(true);
    expect(doc.source).toMatch(/^recorded by wsksim \d+\.\d+\.\d+\S* on 2026-01-02$/);
    expect(doc.vectors.map((v) => v.recorded)).toEqual([true, true]);
    expect(doc.vectors[0]!.source).toBe(doc.source);
    expect(doc.vectors[1]!.source).toBe('given by the author');
    expect([r.vectors, r.steps, r.conflicts.length]).toEqual([2, 10, 0]);
  });

  it('records status, whole output buffer, IRP and rule of a Get', () => {
    expect(e(0, 0)).toMatchObject({ status: 'STATUS_SUCCESS' });
    expect(e(0, 2)).toEqual({
      status: 'STATUS_SUCCESS', output: '00000000cccccccc',
      irp: { completed: true, status: 'STATUS_SUCCESS', information: 4 }, rule: 'get-success',
    });
  });

  it('records a fault (buffer shorter than InputSize) with the IRP not completed', () => {
    expect(e(0, 3)).toMatchObject({ fault: 'InputBufferOverrun', irp: { completed: false }, rule: 'buffers-cover-sizes' });
  });

  it('records binds with the conflicting socket, and close', () => {
    expect(e(0, 4)).toMatchObject({ status: 'STATUS_SUCCESS', irp: { completed: true, status: 'STATUS_SUCCESS', information: 0 } });
    expect(e(0, 5)).toMatchObject({
      status: 'STATUS_ADDRESS_ALREADY_EXISTS', conflictsWith: 's1',
      irp: { completed: true, status: 'STATUS_ADDRESS_ALREADY_EXISTS', information: 0 },
    });
    expect(e(0, 6)).toMatchObject({ status: 'STATUS_SUCCESS', irp: { completed: true, status: 'STATUS_SUCCESS', information: 0 } });
  });

  it('records pending calls and the completions of a complete step (x86)', () => {
    expect(e(1, 1)).toMatchObject({ status: 'STATUS_PENDING', output: 'cccccccc', irp: { completed: false }, rule: 'pending-completion' });
    expect(e(1, 2)).toEqual({ irps: [{ completed: true, status: 'STATUS_SUCCESS', information: 4 }] });
  });

  it('the recorded file parses and every vector passes', () => {
    const f = parseVectorFile(r.text, 'recorded.json');
    for (const v of f.vectors) expect(runVector(v).passed).toBe(true);
  });

  it('keeps expectations already in the script; a disagreeing one is reported as a conflict', () => {
    const script = structuredClone(SCRIPT) as typeof SCRIPT;
    (script.vectors[0]!.steps[2] as Record<string, unknown>).expect = { status: 'STATUS_BUFFER_TOO_SMALL', 'x-note': 'kept' };
    const kept = recordVectors(JSON.stringify(script), 's.json');
    const step = (JSON.parse(kept.text) as Doc).vectors[0]!.steps[2]!.expect!;
    expect(step.status).toBe('STATUS_BUFFER_TOO_SMALL');
    expect(step['x-note']).toBe('kept');
    expect(step.output).toBe('00000000cccccccc'); // missing fields are added
    expect(kept.conflicts).toEqual([{ vectorId: 'inline', step: 2, message: expect.stringContaining('expected STATUS_BUFFER_TOO_SMALL') }]);
    const over = recordVectors(JSON.stringify(script), 's.json', { overwrite: true });
    expect((JSON.parse(over.text) as Doc).vectors[0]!.steps[2]!.expect!.status).toBe('STATUS_SUCCESS');
    expect(over.conflicts).toEqual([]);
  });
});

describe('wsksim record', () => {
  it('-o writes the vector file; `wsksim run` on it passes', async () => {
    const dir = tempDir();
    const script = writeJson(dir, 'script.json', SCRIPT);
    const out = join(dir, 'out.json');
    const r = await cli(['record', script, '-o', out, '--source', 'unit test']);
    expect(r.code).toBe(0);
    expect(r.err).toBe(`wsksim record: 2 vector(s), 10 step(s) recorded into ${out}\n`);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as Doc;
    expect(doc.source).toBe('unit test');
    expect(doc.vectors[0]!.source).toBe('unit test');
    const run = await cli(['run', out]);
    expect(run.code).toBe(0);
    expect(run.out).toBe(`PASS inline  (${out})\nPASS pending  (${out})\n2 passed, 0 failed\n`);
  });

  it('-o never replaces the script itself, and replaces another existing file only with --force', async () => {
    const dir = tempDir();
    const script = writeJson(dir, 'script.json', SCRIPT);
    const before = readFileSync(script, 'utf8');
    const self = await cli(['record', script, '-o', script, '--force']);
    expect(self.code).toBe(2);
    expect(self.err).toBe(`wsksim record: -o ${script} is the steps file itself; write the recording elsewhere\n`);
    expect(readFileSync(script, 'utf8')).toBe(before);
    const other = writeJson(dir, 'keep.json', 'precious');
    const refused = await cli(['record', script, '-o', other]);
    expect(refused.code).toBe(2);
    expect(refused.err).toBe(`wsksim record: -o ${other} exists; add --force to replace it\n`);
    expect(readFileSync(other, 'utf8')).toBe('precious');
    const forced = await cli(['record', script, '-o', other, '--force']);
    expect(forced.code).toBe(0);
    expect((JSON.parse(readFileSync(other, 'utf8')) as Doc).recorded).toBe(true);
  });

  it('without -o prints the vector file on stdout', async () => {
    const r = await cli(['record', writeJson(tempDir(), 's.json', SCRIPT), '--date', '2026-01-02']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as Doc).source).toMatch(/ on 2026-01-02$/);
  });

  it('a kept expectation that disagrees: written, reported, exit 1; --overwrite fixes it', async () => {
    const script = structuredClone(SCRIPT) as typeof SCRIPT;
    (script.vectors[0]!.steps[0] as Record<string, unknown>).expect = { status: 'STATUS_NOT_SUPPORTED' };
    const p = writeJson(tempDir(), 's.json', script);
    const r = await cli(['record', p]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^wsksim record: vector "inline", step 0: a kept expectation disagrees with the simulator: status: expected STATUS_NOT_SUPPORTED/);
    expect((await cli(['record', p, '--overwrite'])).code).toBe(0);
  });

  it.each([
    [['record', '/nonexistent.json'], /^wsksim record: \/nonexistent\.json: cannot read steps file: no such file$/m],
    [['record', 'x.json', '--date', '2026/01/02'], /^wsksim record: --date: "2026\/01\/02" is not YYYY-MM-DD$/m],
    [['record'], /missing required argument 'script'/],
  ])('bad input %j -> one line, exit 2', async (args, msg) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(msg);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('a malformed script names file, vector and step, exit 2', async () => {
    const p = writeJson(tempDir(), 's.json', { format: 'wsksim/vectors@1', vectors: [{ id: 'v', steps: [{ op: 'control', socket: 's1', requestType: 'WskGetOption', controlCode: 4, input: 'xyz' }] }] });
    const r = await cli(['record', p]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`wsksim record: ${p}: vector "v", step 0: input: "xyz" is not an even-length hex string\n`);
  });

  it('a script using a socket its failed creation did not make is reported, exit 2', async () => {
    const p = writeJson(tempDir(), 's.json', { format: 'wsksim/vectors@1', vectors: [{ id: 'v', steps: [
      { op: 'socket', as: 's1', family: 'AF_UNSPEC', type: 'SOCK_STREAM', flags: 'WSK_FLAG_LISTEN_SOCKET' }, GET,
    ] }] });
    const r = await cli(['record', p]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`wsksim record: ${p}: vector "v", step 1: socket "s1" was not created by an earlier step ("as")\n`);
  });
});

describe('recording the shipped corpus', () => {
  const { readdirSync } = require('node:fs') as typeof import('node:fs');
  const dir = join(__dirname, '..', '..', 'vectors');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

  it.each(files)('%s: stripped of expectations, recorded, replays cleanly and agrees with the original', (name) => {
    const original = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { vectors: { steps: { expect?: unknown }[] }[] };
    const stripped = structuredClone(original);
    for (const v of stripped.vectors) for (const s of v.steps) delete s.expect;
    const r = recordVectors(JSON.stringify(stripped), name);
    expect(r.conflicts).toEqual([]);
    // The original expectations hold against the recorded run too: keep them, record the rest, no conflict.
    // (Vectors of known-failures.txt are expected to disagree with the simulator.)
    const known = parseKnownFailures(readFileSync(join(dir, 'known-failures.txt'), 'utf8'));
    const merged = recordVectors(JSON.stringify(original), name);
    expect(merged.conflicts.filter((c) => !known.has(c.vectorId))).toEqual([]);
  });
});
