/**
 * Seed and run count of the CI fuzz properties: FC_SEED (default a fixed seed, so CI is reproducible) and
 * FC_NUM_RUNS (default keeps all fuzz tests well under 20 s). The seed is printed once per file.
 */
import fc from 'fast-check';

/** The seed every fuzz property of this run uses. */
export const FUZZ_SEED = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : 20261125;

/** Number of runs: FC_NUM_RUNS, or `fallback`. */
export function numRuns(fallback: number): number {
  const v = process.env.FC_NUM_RUNS;
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : fallback;
}

/** Parameters for fc.assert / test.prop: the fixed seed and a run count. */
export function fuzzParams<T = unknown>(fallback: number): fc.Parameters<T> {
  return { seed: FUZZ_SEED, numRuns: numRuns(fallback) };
}

process.stdout.write(`fast-check seed ${FUZZ_SEED} (set FC_SEED / FC_NUM_RUNS to change)\n`);
