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
}

/** Result of section (c), or why it was skipped. */
export type FuzzResult =
  | { readonly skipped: string }
  | { readonly points: readonly FuzzPoint[]; readonly speedup: number; readonly cpuEfficiency: number; readonly seed: number };

interface CampaignModule {
  runCampaign(f: {
    seed: number; runs: number | null; timeMs: number | null; workers: number; shard: { index: number; count: number };
    out: string; json: boolean; maxFindings: number;
  }): Promise<{ summary: { cases: number; calls: number; findings: Record<string, unknown> }; elapsedMs: number }>;
  workerScript(): string;
}

/** Run section (c): a time-boxed campaign of `seconds` with 1 worker, then with 2. */
export async function benchFuzz(seconds: number, seed: number): Promise<FuzzResult> {
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
    const cpu0 = process.cpuUsage();
    const { summary, elapsedMs } = await mod.runCampaign({
      seed, runs: null, timeMs: seconds * 1000, workers, shard: { index: 0, count: 1 }, out: '', json: true, maxFindings: 0,
    });
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    points.push({
      workers, seconds: elapsedMs / 1000, cases: summary.cases, calls: summary.calls,
      callsPerSecond: (summary.calls * 1000) / elapsedMs, cpuSeconds, callsPerCpuSecond: summary.calls / cpuSeconds,
      findings: Object.keys(summary.findings).length, load: Math.max(load, load1()),
    });
  }
  return {
    points, speedup: points[1]!.callsPerSecond / points[0]!.callsPerSecond,
    cpuEfficiency: points[1]!.callsPerCpuSecond / points[0]!.callsPerCpuSecond, seed,
  };
}
