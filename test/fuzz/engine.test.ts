import { caseToVector, fuzzCase, vectorToCase } from '../../src/fuzz/arbitraries';
import { caseSeed, mergeSummaries, runPlan, type WorkPlan } from '../../src/fuzz/campaign';
import { caseShapeFor } from '../../src/fuzz/generator';
import { vectorFile } from '../../src/fuzz/vector-json';
import { parseVectorFile } from '../../src/vectors/reader';
import type { ExtraInvariant } from '../../src/fuzz/invariants';
import { FUZZ_SEED, numRuns } from './fc-config';

/** An injected invariant that never fires: it sends runPlan through the reference checker runCase. */
const NEVER: ExtraInvariant = { id: 'never', check: () => null };

function plan(seed: number, runs: number): WorkPlan {
  return { seed, runs, shard: { index: 0, count: 1 }, worker: 0, workers: 1, deadline: null };
}

describe('the campaign engine agrees with the reference checker', () => {
  it.each([[FUZZ_SEED], [1], [7]])('seed %d: same cases, calls, results, completions, coverage and findings', (seed) => {
    const runs = numRuns(400);
    const fast = mergeSummaries([runPlan(plan(seed, runs))]);
    const slow = mergeSummaries([runPlan(plan(seed, runs), [NEVER])]);
    expect(fast).toEqual(slow);
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

  it('draws both arches, every profile, both presets, both completion modes and every op', () => {
    const vs = shapes.map(caseToVector);
    for (const k of ['arch', 'profile', 'policy', 'completion'] as const) {
      expect(new Set(vs.map((v) => v[k])).size).toBe(k === 'profile' ? 3 : 2);
    }
    const ops = new Set(vs.flatMap((v) => v.steps.map((s) => s.op)));
    expect([...ops].sort()).toEqual(['bind', 'cacheSd', 'close', 'complete', 'control', 'controlClient', 'forceClose', 'setAddressList', 'socket']);
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
