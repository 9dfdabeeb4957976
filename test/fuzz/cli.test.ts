import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildProgram } from '../../src/cli/main';
import { account, CLAIM_CASES, emptySummary, generateCase, mergeSummaries, PlanRun, runPlan, shrinkFinding, writeFinding, type FindingRef, type WorkPlan } from '../../src/fuzz/campaign';
import { runCase } from '../../src/fuzz/engine';
import type { ExtraInvariant } from '../../src/fuzz/invariants';
import { STATUS } from '../../src/codec/names';
import { WskProvider } from '../../src/provider/provider';
import * as connections from '../../src/provider/connections';
import { loadVectorFile } from '../../src/vectors/suite';
import { withHijackableExclusive } from '../helpers/planted';
import { runVector } from '../../src/vectors/runner';

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin/wsksim.js');

function plan(over: Partial<WorkPlan>): WorkPlan {
  return { seed: 11, runs: 90, shard: { index: 0, count: 1 }, worker: 0, workers: 1, deadline: null, ...over };
}

/** The finding of the first case of a seeded campaign that violates `invariant` (as the campaign would report it). */
function firstFinding(seed: number, invariant: string, extra: readonly ExtraInvariant[] = [], limit = 3000): FindingRef {
  for (let i = 0; i < limit; i++) {
    const run = runCase(generateCase(seed, i), { extraInvariants: extra });
    if (!run.violations.some((v) => v.invariant === invariant)) continue;
    const s = emptySummary();
    account(s, i, run);
    return Object.values(s.findings).find((f) => f.invariant === invariant)!;
  }
  throw new Error(`no case of seed ${seed} violates ${invariant}`);
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  let code = 0;
  const program = buildProgram((s) => { out += s; }, (s) => { err += s; }, (c) => { code = Math.max(code, c); });
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch {
    code = 2;
  }
  return { code, out, err };
}

/** Newest modification time of the sources the compiled CLI is built from. */
function newestSource(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestSource(p) : e.name.endsWith('.ts') ? statSync(p).mtimeMs : 0);
  }
  return t;
}

beforeAll(() => {
  // The CLI and its worker threads run the compiled dist/ code: rebuild it when a source is newer.
  const worker = join(ROOT, 'dist/src/fuzz/worker.js');
  const built = existsSync(worker) ? statSync(worker).mtimeMs : 0;
  if (built < Math.max(newestSource(join(ROOT, 'src')), newestSource(join(ROOT, 'abi')))) {
    execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT });
  }
}, 60000);

describe('wsksim fuzz: reproducible campaigns', () => {
  it('the same seed gives the same summary with 1 and 2 worker threads', () => {
    const run = (k: number): Record<string, unknown> => {
      const r = spawnSync(process.execPath, [BIN, 'fuzz', '--seed', '7', '--runs', '200', '--workers', String(k), '--json', '--out', mkdtempSync(join(tmpdir(), 'fz-'))], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      const j = JSON.parse(r.stdout) as Record<string, unknown>;
      for (const k2 of ['elapsedMs', 'callsPerSecond', 'workers', 'written']) delete j[k2];
      return j;
    };
    const one = run(1);
    expect(one.cases).toBe(200);
    expect(run(2)).toEqual(one);
  }, 60000);

  it('shards partition the campaign: 0/3 + 1/3 + 2/3 merge to the whole, and any worker split gives the same', () => {
    const whole = mergeSummaries([runPlan(plan({}))]);
    const shards = mergeSummaries([0, 1, 2].map((i) => runPlan(plan({ shard: { index: i, count: 3 } }))));
    const split = mergeSummaries([0, 1, 2].map((w) => runPlan(plan({ worker: w, workers: 3 }))));
    expect(shards).toEqual(whole);
    expect(split).toEqual(whole);
    expect(whole.cases).toBe(90);
  });

  it('a plan run in slices (as the CLI runs one worker, in its own thread) gives the summary of one run, and stops at its stop flag', () => {
    const whole = mergeSummaries([runPlan(plan({}))]);
    for (const slice of [1, 7, 64]) {
      const r = new PlanRun(plan({}));
      let slices = 0;
      while (r.run(slice)) slices++;
      expect(slices).toBe(Math.ceil(90 / slice) - 1);
      expect(mergeSummaries([r.finish()])).toEqual(whole);
    }
    const stop = new Int32Array(new SharedArrayBuffer(4));
    const r = new PlanRun({ ...plan({}), stop });
    expect(r.run(10)).toBe(true);
    Atomics.store(stop, 0, 1);
    expect(r.run(10)).toBe(false);
    expect(r.finish().cases).toBe(10);
  });

  it('workers taking blocks of indices from a shared counter (WorkPlan.claim) run every index once, whatever their pace', () => {
    const runs = 2 * CLAIM_CASES + 37;
    const whole = mergeSummaries([runPlan(plan({ runs }))]);
    const claim = new Int32Array(new SharedArrayBuffer(4));
    const workers = [0, 1, 2].map((w) => new PlanRun(plan({ runs, worker: w, workers: 3, claim })));
    // Uneven paces: worker 0 runs 300 cases a turn, worker 1 runs 7, worker 2 one.
    const pace = [300, 7, 1];
    const live = new Set([0, 1, 2]);
    while (live.size > 0) for (const w of [...live]) if (!workers[w]!.run(pace[w]!)) live.delete(w);
    const parts = workers.map((r) => r.finish());
    expect(parts.map((x) => x.cases).reduce((a, b) => a + b)).toBe(runs);
    expect(parts.every((x) => x.cases > 0)).toBe(true);
    expect(Atomics.load(claim, 0)).toBeGreaterThanOrEqual(3);
    expect(mergeSummaries(parts)).toEqual(whole);
    // A shard's blocks count that shard's indices only.
    const shard = { index: 1, count: 3 };
    const c2 = new Int32Array(new SharedArrayBuffer(4));
    const a = new PlanRun(plan({ runs, shard, worker: 0, workers: 2, claim: c2 }));
    const b = new PlanRun(plan({ runs, shard, worker: 1, workers: 2, claim: c2 }));
    for (let more = true; more;) { const ra = a.run(50); const rb = b.run(50); more = ra || rb; }
    expect(mergeSummaries([a.finish(), b.finish()])).toEqual(mergeSummaries([runPlan(plan({ runs, shard }))]));
  });

  it.each([
    [['fuzz', '--runs', '5'], /--seed S is required/],
    [['fuzz', '--seed', '1'], /exactly one of --runs N and --time T/],
    [['fuzz', '--seed', '1', '--runs', '5', '--time', '3'], /exactly one of --runs N and --time T/],
    [['fuzz', '--seed', 'abc', '--runs', '5'], /--seed must be an integer/],
    [['fuzz', '--seed', '1', '--runs', '0'], /--runs must be an integer from 1/],
    [['fuzz', '--seed', '1', '--time', 'soon'], /--time must be a duration/],
    [['fuzz', '--seed', '1', '--runs', '5', '--workers', '0'], /--workers must be an integer from 1 to 64/],
    [['fuzz', '--seed', '1', '--runs', '5', '--shard', '3/3'], /--shard must be i\/n with 0 <= i < n/],
    [['fuzz', '--seed', '1', '--runs', '5', '--bogus'], /unknown option/],
  ])('bad flags %j -> exit 2 with a clear message', async (args, msg) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(msg);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('prints a summary with calls/s, a status histogram and row × check coverage', async () => {
    const out = mkdtempSync(join(tmpdir(), 'fz-'));
    const r = await cli(['fuzz', '--seed', '3', '--runs', '200', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^calls: \d+ in [\d.]+ s = \d+ calls\/s$/m);
    expect(r.out).toMatch(/^ {4}STATUS_SUCCESS +\d+$/m);
    expect(r.out).toMatch(/^ {4}fault InvalidSocket +\d+$/m);
    expect(r.out).toMatch(/^coverage of \(option row × check\) cells: \d+\/\d+ possible cells hit$/m);
    expect(r.out).toMatch(/^ {2}SO_EXCLUSIVEADDRUSE\/WskSetOption: \d+\/\d+/m);
    expect(r.out).toMatch(/^findings: 0$/m);
    expect(readdirSync(out)).toEqual([]);
  });
});

describe('wsksim fuzz merge: shard summaries add up to the whole campaign', () => {
  const strip = (j: Record<string, unknown>): Record<string, unknown> => {
    const x = { ...j };
    for (const k of ['elapsedMs', 'callsPerSecond', 'workers', 'written']) delete x[k];
    return x;
  };
  const fuzzJson = (args: string[]): Record<string, unknown> => {
    const r = spawnSync(process.execPath, [BIN, 'fuzz', ...args, '--json', '--out', mkdtempSync(join(tmpdir(), 'fz-'))], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout) as Record<string, unknown>;
  };
  const dir = mkdtempSync(join(tmpdir(), 'fz-merge-'));
  const shardFile = (i: number, n: number, extra: string[] = []): string => {
    const f = join(dir, `s${i}-${n}${extra.join('')}.json`);
    writeFileSync(f, JSON.stringify(fuzzJson(['--seed', '7', '--runs', '300', '--shard', `${i}/${n}`, '--max-findings', '0', ...extra])));
    return f;
  };

  it('shards 0/3, 1/3 and 2/3 (any worker counts) merge to the summary of the single run', async () => {
    const whole = fuzzJson(['--seed', '7', '--runs', '300']);
    const files = [shardFile(0, 3), shardFile(1, 3, ['--workers', '2']), shardFile(2, 3)];
    const r = await cli(['fuzz', 'merge', '--json', ...files.reverse()]);
    expect(r.err).toBe('');
    expect(r.code).toBe(Object.keys(whole.findings as object).length > 0 ? 1 : 0);
    const merged = JSON.parse(r.out) as Record<string, unknown>;
    expect(strip(merged)).toEqual(strip(whole));
    expect(merged.shard).toEqual({ index: 0, count: 1 });
    expect(merged.cases).toBe(300);
    const text = await cli(['fuzz', 'merge', ...files]);
    expect(text.out).toMatch(/^wsksim fuzz: seed 7, 300 cases, 4 workers$/m);
  }, 120000);

  it.each([
    [['s0'], /missing shards 1\/3, 2\/3 of the 3/],
    [['s0', 's0', 's1', 's2'], /are both shard 0\/3/],
    [['s0', 's1', 'other'], /seed 8, but .* has seed 7/],
    [['s0', 'not-json'], /not JSON/],
    [['s0', 'absent'], /cannot read \(ENOENT\)/],
  ])('bad shard sets %j -> exit 2 with a clear message', async (names, msg) => {
    const files: Record<string, string> = { s0: join(dir, 's0-3.json'), s1: join(dir, 's1-3--workers2.json'), s2: join(dir, 's2-3.json'), absent: join(dir, 'absent.json') };
    files.other = join(dir, 'other.json');
    if (!existsSync(files.other)) writeFileSync(files.other, JSON.stringify({ ...fuzzJson(['--seed', '8', '--runs', '30', '--shard', '2/3']) }));
    files['not-json'] = join(dir, 'bad.json');
    writeFileSync(files['not-json'], '{');
    const r = await cli(['fuzz', 'merge', ...names.map((n) => files[n]!)]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(msg);
    expect(r.err.split('\n').filter((l) => l !== '')).toHaveLength(1);
  }, 60000);
});

describe('findings are shrunk and written as vectors that wsksim run replays', () => {
  it('a deliberately broken invariant: the vector replays and passes (the simulator is right)', () => {
    const broken: ExtraInvariant = { id: 'get-never-succeeds', check: (o) => (o.op === 'control' && !o.setup && o.result === STATUS.STATUS_SUCCESS && o.row?.endsWith('WskGetOption') === true ? 'a Get succeeded' : null) };
    const ref = firstFinding(21, 'extra:get-never-succeeds', [broken]);
    const dir = mkdtempSync(join(tmpdir(), 'fz-'));
    const shrunk = shrinkFinding(21, ref, [broken]);
    const file = writeFinding(dir, 21, shrunk);
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { vectors: { steps: unknown[] }[] };
    expect(doc.vectors[0]!.steps.length).toBeLessThanOrEqual(4);
    const r = spawnSync(process.execPath, [BIN, 'run', file], { encoding: 'utf8' });
    expect(r.stdout).toMatch(/^1 passed, 0 failed$/m);
    expect(r.status).toBe(0);
  }, 30000);

  it('a planted provider bug: the vector fails on the buggy provider and passes on the real one', () => {
    const orig = WskProvider.prototype.wskControlSocket;
    let file = '';
    WskProvider.prototype.wskControlSocket = function (this: WskProvider, ...a: Parameters<WskProvider['wskControlSocket']>): number {
      const r = orig.apply(this, a);
      const out = a[7];
      const n = Number(a[6]);
      if (r === STATUS.STATUS_SUCCESS && out && out.length > n) out[n] = 0x42;
      return r;
    };
    try {
      const ref = firstFinding(7, 'within-declared');
      const shrunk = shrinkFinding(7, ref);
      file = writeFinding(mkdtempSync(join(tmpdir(), 'fz-')), 7, shrunk);
      const v = loadVectorFile(file).vectors[0]!;
      const buggy = runVector(v, file);
      expect(buggy.passed).toBe(false);
      expect(buggy.mismatch!.message).toMatch(/^output differs at offset \d+/);
    } finally {
      WskProvider.prototype.wskControlSocket = orig;
    }
    expect(runVector(loadVectorFile(file).vectors[0]!, file).passed).toBe(true);
    const r = spawnSync(process.execPath, [BIN, 'run', file], { encoding: 'utf8' });
    expect(r.stdout).toMatch(/^1 passed, 0 failed$/m);
  }, 30000);

  it('a connection finding (a planted clock that runs a minute fast): the vector has the connection steps and wsksim run replays it', () => {
    const orig = WskProvider.prototype.advanceTime;
    let file = '';
    WskProvider.prototype.advanceTime = function (this: WskProvider, seconds: number): number { return orig.call(this, seconds + 60); };
    try {
      const ref = firstFinding(99, 'time-no-early-release', [], 20000);
      file = writeFinding(mkdtempSync(join(tmpdir(), 'fz-')), 99, shrinkFinding(99, ref));
    } finally {
      WskProvider.prototype.advanceTime = orig;
    }
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { vectors: { steps: { op: string; expect?: { released?: number } }[] }[] };
    const steps = doc.vectors[0]!.steps;
    expect(steps[steps.length - 1]!.op).toBe('advanceTime');
    expect(typeof steps[steps.length - 1]!.expect?.released).toBe('number');
    expect(runVector(loadVectorFile(file).vectors[0]!, file).passed).toBe(true);
    const r = spawnSync(process.execPath, [BIN, 'run', file], { encoding: 'utf8' });
    expect(r.stdout).toMatch(/^1 passed, 0 failed$/m);
    expect(r.status).toBe(0);
  }, 60000);

  it('a connection finding with accepted sockets: the vector names them and wsksim run replays it', () => {
    type CloseNet = typeof connections.closeNet;
    const mod = connections as unknown as { closeNet: CloseNet };
    const orig = mod.closeNet;
    let file = '';
    mod.closeNet = (p, s) => {
      const n = s.net;
      if (!(n instanceof connections.Listener)) return orig(p, s);
      const h = n.held;
      n.held = 0;
      try { return orig(p, s); } finally { n.held = h; }
    };
    try {
      const ref = firstFinding(99, 'reservation-exclusive', [], 20000);
      file = writeFinding(mkdtempSync(join(tmpdir(), 'fz-')), 99, shrinkFinding(99, ref));
      expect(runVector(loadVectorFile(file).vectors[0]!, file).passed).toBe(false);
    } finally {
      mod.closeNet = orig;
    }
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { vectors: { steps: { op: string }[] }[] };
    expect(doc.vectors[0]!.steps.map((s) => s.op)).toEqual(expect.arrayContaining(['incoming', 'accept']));
    expect(runVector(loadVectorFile(file).vectors[0]!, file).passed).toBe(true);
    const r = spawnSync(process.execPath, [BIN, 'run', file], { encoding: 'utf8' });
    expect(r.stdout).toMatch(/^1 passed, 0 failed$/m);
  }, 120000);

  // A sharing finding's vector expects, for the bind the invariant judged, the status the sharing tables give it.
  it.each([
    ['anti-hijack', 'another owner may bind over an exclusive binding', <T>(f: () => T): T => withHijackableExclusive(f)],
    ['check-descriptor', 'descriptors that allow everyone', <T>(f: () => T): T => {
      const orig = WskProvider.prototype.sdAllows;
      WskProvider.prototype.sdAllows = function (): boolean { return true; };
      try { return f(); } finally { WskProvider.prototype.sdAllows = orig; }
    }],
  ] as const)('a planted %s bug (%s): the finding vector fails while the bug is present and passes without it', (invariant, _what, plant) => {
    const file = plant(() => {
      const ref = firstFinding(5, invariant, [], 20000);
      const f = writeFinding(mkdtempSync(join(tmpdir(), 'fz-')), 5, shrinkFinding(5, ref));
      const v = loadVectorFile(f).vectors[0]!;
      const buggy = runVector(v, f);
      expect(buggy.passed).toBe(false);
      expect(buggy.mismatch!.message).toMatch(/status|IoStatus|irp/i);
      return f;
    });
    expect(runVector(loadVectorFile(file).vectors[0]!, file).passed).toBe(true);
    const r = spawnSync(process.execPath, [BIN, 'run', file], { encoding: 'utf8' });
    expect(r.stdout).toMatch(/^1 passed, 0 failed$/m);
  }, 60000);
});

describe('wsksim fuzz: --out is checked before the campaign', () => {
  it('an --out that is a file: one line, exit 2, nothing run and the file untouched', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fz-out-'));
    const file = join(dir, 'not-a-dir');
    writeFileSync(file, 'keep');
    const r = spawnSync(process.execPath, [BIN, 'fuzz', '--seed', '1', '--runs', '100000000', '--out', file], { encoding: 'utf8', timeout: 20000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`wsksim fuzz: --out ${file}: exists and is not a directory\n`);
    expect(r.stdout).toBe('');
    expect(readFileSync(file, 'utf8')).toBe('keep');
  });
});

describe('wsksim fuzz: Ctrl-C', () => {
  it('stops the campaign, still prints the summary and writes findings, and exits 130', async () => {
    // Under heavy load the CLI may not have started, or finished a case, 2.5 s after the spawn: then once more, later.
    let code: number | null = null;
    let stdout = '';
    let stderr = '';
    for (const delay of [2500, 15000]) {
      const out = mkdtempSync(join(tmpdir(), 'fz-int-'));
      const child = spawn(process.execPath, [BIN, 'fuzz', '--seed', '1', '--time', '120s', '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
      stdout = '';
      stderr = '';
      child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
      child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGINT');
      code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
      if (code === 130 && /stopped by Ctrl-C after [1-9]/.test(stderr)) break;
    }
    expect(code).toBe(130);
    expect(stdout).toMatch(/^wsksim fuzz: seed 1, [1-9]\d* cases, 1 worker$/m);
    expect(stderr).toMatch(/stopped by Ctrl-C after [1-9]\d* cases; 0 finding\(s\) written/);
  }, 60000);
});
