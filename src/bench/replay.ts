/**
 * Section (d): vector replay speed: the shipped corpus parsed once, then every vector replayed repeatedly.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseVectorFile } from '../vectors/reader';
import { runVector } from '../vectors/runner';
import type { Vector } from '../vectors/types';
import { load1, median, since } from './harness';

/** Result of section (d). */
export interface ReplayResult {
  readonly files: number;
  readonly vectors: number;
  readonly steps: number;
  readonly parseMs: number;
  /** Median steps/s over the rounds. */
  readonly stepsPerSecond: number;
  readonly vectorsPerSecond: number;
  readonly rounds: number;
  readonly load: number;
}

/** Run section (d) on the *.json files of `dir`. */
export function benchReplay(dir: string, rounds: number, minMsPerRound: number): ReplayResult {
  const t0 = process.hrtime.bigint();
  const loaded: { file: string; v: Vector }[] = [];
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  for (const f of files) {
    const path = join(dir, f);
    for (const v of parseVectorFile(readFileSync(path, 'utf8'), path).vectors) loaded.push({ file: path, v });
  }
  const parseMs = since(t0) / 1e6;
  const steps = loaded.reduce((a, x) => a + x.v.steps.length, 0);
  const pass = (): number => {
    let passed = 0;
    for (const { file, v } of loaded) if (runVector(v, file).passed) passed++;
    return passed;
  };
  const firstPassed = pass(); // warm-up, and the reference pass count
  const load = load1();
  const rates: number[] = [];
  const vrates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let reps = 0;
    const t = process.hrtime.bigint();
    let ns = 0;
    do {
      if (pass() !== firstPassed) throw new Error('bench: replay results changed between passes');
      reps++;
      ns = since(t);
    } while (ns < minMsPerRound * 1e6);
    rates.push((reps * steps * 1e9) / ns);
    vrates.push((reps * loaded.length * 1e9) / ns);
  }
  return {
    files: files.length, vectors: loaded.length, steps, parseMs,
    stepsPerSecond: median(rates), vectorsPerSecond: median(vrates), rounds, load: Math.max(load, load1()),
  };
}
