/**
 * Section (c): the fuzz campaign runner (`wsksim fuzz`): checked calls/s (invariants on) with 1 and 2 workers.
 */
import { existsSync } from 'node:fs';
import { load1 } from './harness';

/** One campaign run. */
export interface FuzzPoint {
  readonly workers: number;
  readonly seconds: number;
  readonly cases: number;
  readonly calls: number;
  readonly callsPerSecond: number;
  /** CPU time of the whole process (all threads: workers, collector helpers) during the run. */
  readonly cpuSeconds: number;
  /** Checked calls per CPU second: compares per-CPU efficiency independently of how many cores the machine spared. */
  readonly callsPerCpuSecond: number;
  readonly findings: number;
  readonly load: number;
  /**
   * Checked calls/s after the warm-up (from the first progress report at or after `warmupSeconds` to the last one):
   * the rate of a long campaign, without the fixed cost of compiling the fuzz code (about 0.65 CPU s per isolate).
   */
  readonly steadyCallsPerSecond: number;
}

/** Result of section (c), or why it was skipped. */
export type FuzzResult =
  | { readonly skipped: string }
  | {
    readonly points: readonly FuzzPoint[]; readonly speedup: number; readonly cpuEfficiency: number; readonly seed: number;
    /** Seconds excluded at the start of each run for the steady-state rates. */
    readonly warmupSeconds: number;
    /** steadyCallsPerSecond with 2 workers / with 1. */
    readonly steadySpeedup: number;
  };

interface CampaignModule {
  runCampaign(f: {
    seed: number; runs: number | null; timeMs: number | null; workers: number; shard: { index: number; count: number };
    out: string; json: boolean; maxFindings: number;
  }, onProgress?: (cases: number, calls: number, findings: number) => void): Promise<{ summary: { cases: number; calls: number; findings: Record<string, unknown> }; elapsedMs: number }>;
  workerScript(): string;
}

/** Checked calls/s between the first progress sample at or after `fromMs` and the last one (NaN if too few). */
function steadyRate(samples: readonly (readonly [number, number])[], fromMs: number): number {
  const first = samples.find(([t]) => t >= fromMs);
  const last = samples[samples.length - 1];
  if (first === undefined || last === undefined || last[0] - first[0] < 500) return NaN;
  return ((last[1] - first[1]) * 1000) / (last[0] - first[0]);
}

/**
 * Run section (c): a time-boxed campaign of `seconds` with 1 worker, then with 2; the steady-state rates leave out
 * the first `warmupSeconds` of each.
 */
export async function benchFuzz(seconds: number, seed: number, warmupSeconds: number): Promise<FuzzResult> {
  let mod: CampaignModule;
  try {
    // Loaded at run time: the fuzz runner is a separate part of the tool (src/fuzz, src/cli/fuzz.ts).
    mod = require('../cli/fuzz') as CampaignModule;
    if (typeof mod.runCampaign !== 'function') return { skipped: 'src/cli/fuzz.ts has no runCampaign export' };
  } catch (e) {
    return { skipped: `the fuzz runner is not available (${e instanceof Error ? e.message.split('\n')[0] : String(e)})` };
  }
  if (!existsSync(mod.workerScript())) return { skipped: `the compiled fuzz worker ${mod.workerScript()} is missing (npm run build)` };
  const points: FuzzPoint[] = [];
  for (const workers of [1, 2]) {
    const load = load1();
    const samples: [number, number][] = [];
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const { summary, elapsedMs } = await mod.runCampaign({
      seed, runs: null, timeMs: seconds * 1000, workers, shard: { index: 0, count: 1 }, out: '', json: true, maxFindings: 0,
    }, (_cases, calls) => { samples.push([performance.now() - t0, calls]); });
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    points.push({
      workers, seconds: elapsedMs / 1000, cases: summary.cases, calls: summary.calls,
      callsPerSecond: (summary.calls * 1000) / elapsedMs, cpuSeconds, callsPerCpuSecond: summary.calls / cpuSeconds,
      findings: Object.keys(summary.findings).length, load: Math.max(load, load1()),
      steadyCallsPerSecond: steadyRate(samples, warmupSeconds * 1000),
    });
  }
  return {
    points, speedup: points[1]!.callsPerSecond / points[0]!.callsPerSecond,
    cpuEfficiency: points[1]!.callsPerCpuSecond / points[0]!.callsPerCpuSecond, seed, warmupSeconds,
    steadySpeedup: points[1]!.steadyCallsPerSecond / points[0]!.steadyCallsPerSecond,
  };
}
