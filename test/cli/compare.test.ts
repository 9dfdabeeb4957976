import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseSummaryLine } from '../../src/compare/compare';
import { encodeFrame, encodeStr, FRAME } from '../../src/compare/frames';
import { defaultPrefix, findWine } from '../../src/compare/wine';
import { loadVectorFile } from '../../src/vectors/suite';
import { simRelay } from '../helpers/sim-relay';
import { cli } from './run-cli';

const ROOT = join(__dirname, '..', '..');
const EXCL = join(ROOT, 'vectors', 'so-exclusiveaddruse.json');

async function withEnv<T>(name: string, value: string, body: () => Promise<T>): Promise<T> {
  const old = process.env[name];
  process.env[name] = value;
  try { return await body(); } finally { if (old === undefined) delete process.env[name]; else process.env[name] = old; }
}

describe('wsksim compare: bad input and a missing provider', () => {
  it('says in one line that Wine is missing (exit 2)', async () => {
    const r = await withEnv('WSKSIM_WINE', '/nonexistent/wine64', () => cli(['compare', '--against', 'wine', EXCL]));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^wsksim compare: Wine not found \(.*\); install it, e\.g\. apt-get install wine64\n$/);
    expect(r.out).toBe('');
  });

  it('rejects an unknown provider, a missing answers file and a bad filter in one line', async () => {
    for (const args of [['--against', 'reactos'], ['--against', 'answers'], ['--against', 'answers', '--answers', '/nonexistent/a.bin'], ['--filter', '/(/']]) {
      const r = await cli(['compare', ...args, EXCL]);
      expect(r.code).toBe(2);
      expect(r.err.split('\n')).toHaveLength(2);
      expect(r.err).toMatch(/^wsksim compare: /);
    }
  });
});

describe('wsksim compare offline: --write-plan, then --against answers', () => {
  it('reads a relay answer file and compares as live (the Windows procedure\'s path)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsksim-compare-'));
    const plan = join(dir, 'plan.bin');
    const w = await cli(['compare', '--write-plan', plan, '--filter', '/x64$/', EXCL]);
    expect(w.code).toBe(0);
    expect(w.out).toBe(`wrote 15 vectors (0 skipped) to ${plan}\n`);
    // Play the relay: PROVIDER, then the stand-in's answer to every vector of the plan.
    const file = loadVectorFile(EXCL);
    const sim = simRelay(file.vectors, (c) => { if (c.fn === 4) { c.status = 0xc0000002; c.completion = 0; c.after.forEach((b, i) => { if (b) c.sent[i]!.copy(b); }); } });
    const data = readFileSync(plan);
    const parts: Buffer[] = [encodeFrame(FRAME.PROVIDER, 0, Buffer.concat(['sim netio.sys', 'sim 1', 'test machine', 'wskconf 1'].map(encodeStr)))];
    let at = 0;
    let start = 0;
    while (at < data.length) {
      const len = data.readUInt32LE(at);
      const type = data.readUInt16LE(at + 4);
      if (type === FRAME.VECTOR_BEGIN) start = at;
      at += 4 + len;
      if (type === FRAME.VECTOR_END) {
        const frames = await sim.runVector(data.subarray(start, at), 1000);
        if (!Array.isArray(frames)) throw new Error('sim failed');
        for (const f of frames) parts.push(encodeFrame(f.type, f.seq, f.payload));
      }
    }
    const answers = join(dir, 'answers.bin');
    writeFileSync(answers, Buffer.concat(parts));
    const out = join(dir, 'measured.json');
    const r = await cli(['compare', '--against', 'answers', '--answers', answers, '--filter', '/x64$/', '--record-measured', out, EXCL]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(parseSummaryLine(r.out)).toEqual({ vectors: 15, same: 0, diff: 15, skip: 0 });
    expect(r.out).toContain('DIFF so-exclusiveaddruse/get-default/listen/x64\n  step 1 (control) [not-implemented] status: wsksim STATUS_SUCCESS (0x00000000); sim netio.sys STATUS_NOT_IMPLEMENTED (0xC0000002), IRP never completed\n');
    const measured = loadVectorFile(out);
    expect(measured.vectors).toHaveLength(15);
    const raw = JSON.parse(readFileSync(out, 'utf8')) as { source: string; vectors: { steps: { expect?: { status?: string; irp?: { completed: boolean } } }[] }[] };
    expect(raw.source).toMatch(/^measured: sim netio\.sys sim 1 on test machine, wskconf 1; /);
    expect(raw.vectors[0]!.steps[1]!.expect).toMatchObject({ status: '0xC0000002', irp: { completed: false } });
    // Replayed by wsksim, the measured answers are the differences: every vector fails at that step.
    const run = await cli(['run', out]);
    expect(run.out).toMatch(/0 passed, 15 failed\n$/);
  });
});

const wine = findWine();

describe('wsksim compare --against wine (runs Wine when it is installed)', () => {
  it(wine ? 'replays the x64 SO_EXCLUSIVEADDRUSE vectors against Wine\'s netio.sys; the summary parses' : 'Wine is not installed: the one-line error above is what a user sees', async () => {
    if (!wine) { expect(findWine()).toBeUndefined(); return; }
    const dir = mkdtempSync(join(tmpdir(), 'wsksim-compare-'));
    const out = join(dir, 'wine.json');
    const r = await cli(['compare', '--against', 'wine', '--filter', '/x64$/', '--record-measured', out, EXCL]);
    expect(r.code).toBe(0);
    const s = parseSummaryLine(r.out);
    expect(s).toBeDefined();
    expect(s!.vectors).toBe(15);
    expect(r.out).toMatch(/\n {2}provider: Wine netio\.sys wine-\S+ /);
    expect(JSON.parse(readFileSync(out, 'utf8')).source).toMatch(/^measured: Wine netio\.sys wine-/);
    expect(existsSync(join(defaultPrefix(), '.wsksim-lock'))).toBe(false);

    // --against windows starts the relay as a child process, as on a Windows machine; here a script runs it
    // under Wine in the same prefix (where the run above installed the driver).
    const script = join(dir, 'relay.sh');
    writeFileSync(script, `#!/bin/sh\nexec ${wine} ${join(ROOT, 'build', 'conformance', 'wskconf-relay.exe')} "$@"\n`, { mode: 0o755 });
    const env = { WINEPREFIX: defaultPrefix(), WINEDEBUG: '-all' };
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    try {
      const n = await cli(['compare', '--against', 'windows', '--relay', script, '--filter', 'get-default/listen/x64', EXCL]);
      expect(n.err).toBe('');
      expect(parseSummaryLine(n.out)).toMatchObject({ vectors: 1 });
      expect(n.out).toMatch(/provider: Wine netio\.sys /);
    } finally {
      for (const [k, v] of Object.entries(saved)) { if (v === undefined) delete process.env[k]; else process.env[k] = v; }
      spawnSync(join(dirname(wine), 'wineserver'), ['-k'], { env: { ...process.env, ...env } });
    }
  }, 300_000);
});
