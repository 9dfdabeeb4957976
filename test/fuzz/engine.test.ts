import { mergeSummaries, runPlan, type WorkPlan } from '../../src/fuzz/campaign';
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
