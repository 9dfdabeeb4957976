import { caseToVector, fuzzCase, vectorToCase } from '../../src/fuzz/arbitraries';
import { account, accountCounts, caseSeed, emptySummary, generateCase, mergeSummaries, runPlan, type PartialSummary, type WorkPlan } from '../../src/fuzz/campaign';
import { CaseEngine, runCase } from '../../src/fuzz/engine';
import { caseShapeFor } from '../../src/fuzz/generator';
import { vectorFile } from '../../src/fuzz/vector-json';
import { parseVectorFile } from '../../src/vectors/reader';
import { STATUS } from '../../src/codec/names';
import { WskProvider } from '../../src/provider/provider';
import { withPermissiveSharing } from '../helpers/planted';
import { FUZZ_SEED, numRuns } from './fc-config';

function plan(seed: number, runs: number): WorkPlan {
  return { seed, runs, shard: { index: 0, count: 1 }, worker: 0, workers: 1, deadline: null };
}

/** The same cases through the vector driver: each shape mapped to its vector (caseToVector), parsed and run. */
function viaVectors(seed: number, runs: number): PartialSummary {
  const s = emptySummary();
  const e = new CaseEngine();
  for (let i = 0; i < runs; i++) account(s, i, runCase(generateCase(seed, i), {}, e));
  accountCounts(s, e.counts);
  return mergeSummaries([s]);
}

describe('the shape driver (campaigns) and the vector driver (runCase) agree', () => {
  it.each([[FUZZ_SEED], [1], [7]])('seed %d: same cases, calls, results, completions, coverage and findings', (seed) => {
    const runs = numRuns(400);
    const fast = mergeSummaries([runPlan(plan(seed, runs))]);
    expect(viaVectors(seed, runs)).toEqual(fast);
    expect(fast.cases).toBe(runs);
  });
});

describe('the seeded case generator', () => {
  const shapes = Array.from({ length: 400 }, (_, i) => caseShapeFor(caseSeed(5, i)));

  it('case i depends on (seed, i) only', () => {
    expect(caseShapeFor(caseSeed(5, 17))).toEqual(shapes[17]);
    expect(caseShapeFor(caseSeed(6, 17))).not.toEqual(shapes[17]);
  });

  it('every shape is one the arbitraries can express: a valid vector that maps back to itself', () => {
    for (const shape of shapes) {
      const v = caseToVector(shape);
      expect(caseToVector(vectorToCase(v))).toEqual(v);
      expect(parseVectorFile(JSON.stringify(vectorFile('t', [v])), 't.json').vectors).toHaveLength(1);
      expect(fuzzCase().canShrinkWithoutContext(JSON.parse(JSON.stringify(v)))).toBe(true);
    }
  });

  it('draws both arches, every profile, every preset, both completion modes and every op', () => {
    const vs = shapes.map(caseToVector);
    for (const k of ['arch', 'profile', 'policy', 'completion'] as const) {
      expect(new Set(vs.map((v) => v[k])).size).toBe(k === 'profile' || k === 'policy' ? 3 : 2);
    }
    const ops = new Set(vs.flatMap((v) => v.steps.map((s) => s.op)));
    expect([...ops].sort()).toEqual(['accept', 'advanceTime', 'bind', 'cacheSd', 'close', 'complete', 'control', 'controlClient', 'disconnect', 'forceClose', 'incoming', 'peerClose', 'setAddressList', 'socket']);
  });

  it('draws well-formed and random control calls, lying sizes and NULL buffers', () => {
    const controls = shapes.flatMap((s) => s.calls).filter((c) => c.op === 'control');
    expect(controls.length).toBeGreaterThan(300);
    expect(controls.some((c) => c.op === 'control' && c.inputSize > 0xffffffffn)).toBe(true);
    expect(controls.some((c) => c.op === 'control' && c.output.kind === 'null')).toBe(true);
    expect(controls.some((c) => c.op === 'control' && c.output.kind === 'abs')).toBe(true);
    expect(controls.some((c) => c.op === 'control' && c.tail === 0xaa)).toBe(true);
  });
});

describe('both drivers report the same findings for planted bugs', () => {
  type Control = WskProvider['wskControlSocket'];
  type Args = Parameters<Control>;
  const bugs: [string, (orig: Control, self: WskProvider, a: Args) => number][] = [
    ['a write at OutputBuffer[OutputSize]', (o, self, a) => {
      const r = o.apply(self, a);
      const out = a[7]; const n = Number(a[6]);
      if (r === STATUS.STATUS_SUCCESS && out && out.length > n) out[n] = out[n]! ^ 0xff;
      return r;
    }],
    ['an IRP byte written outside IoStatus', (o, self, a) => {
      const r = o.apply(self, a);
      const irp = a[9];
      if (irp && irp.length >= self.layout.sizeofIrp && r !== STATUS.STATUS_PENDING && r >= 0) irp[0] = irp[0]! ^ 1;
      return r;
    }],
    ['a failed Set that stores its value', (o, self, a) => {
      const r = o.apply(self, a);
      const s = self.inspect(a[0]);
      if (s !== undefined && r === STATUS.STATUS_INVALID_PARAMETER && a[1] === 0) (s.options as Uint32Array)[0] = 7;
      return r;
    }],
    ['writes around the buffers and into the input', (o, self, a) => {
      const r = o.apply(self, a);
      const out = a[7];
      const input = a[5];
      if (r === STATUS.STATUS_SUCCESS && out && out.byteOffset > 0) new Uint8Array(out.buffer, out.byteOffset - 1, 1)[0] = 0;
      if (r === STATUS.STATUS_NOT_SUPPORTED && input && input.length > 0) input[0] = input[0]! ^ 0x55;
      return r;
    }],
    ['output written before a pending IRP completes', (o, self, a) => {
      const r = o.apply(self, a);
      const out = a[7];
      if (r === STATUS.STATUS_PENDING && out && out.length > 0) out[0] = out[0]! ^ 0xff;
      return r;
    }],
  ];
  it.each(bugs)('%s', (_what, patch) => {
    const orig = WskProvider.prototype.wskControlSocket;
    WskProvider.prototype.wskControlSocket = function (this: WskProvider, ...args: Args): number { return patch(orig, this, args); };
    try {
      const fast = mergeSummaries([runPlan(plan(99, 600))]);
      const slow = viaVectors(99, 600);
      expect(Object.keys(fast.findings).length).toBeGreaterThan(0);
      expect(fast).toEqual(slow);
    } finally {
      WskProvider.prototype.wskControlSocket = orig;
    }
  });
});

describe('a planted sharing bug', () => {
  it('sharing tables that allow every bind: both drivers report anti-hijack, with the same findings', () => {
    const [fast, slow] = withPermissiveSharing(() => [
      mergeSummaries([runPlan(plan(99, 500))]),
      viaVectors(99, 500),
    ]);
    expect(Object.keys(fast.findings).some((k) => k.startsWith('anti-hijack'))).toBe(true);
    expect(fast).toEqual(slow);
  });
});
