/**
 * Runs vector files and directories with a known-failures list, producing one outcome per vector.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { VectorFormatError } from '../errors';
import { readInputFile } from './input-file';
import { parseVectorFile } from './reader';
import { runVector, type VectorResult } from './runner';
import type { VectorFile } from './types';

/** Name of the known-failures list picked up from a vector directory. */
export const KNOWN_FAILURES_FILE = 'known-failures.txt';

/**
 * Outcome of one vector against the known-failures list; 'stale' is a list entry that names no vector of the files
 * run (reported only when no filter is given, and counted as failed, so a list never keeps a typo or a removed id).
 */
export type Outcome = 'pass' | 'fail' | 'xfail' | 'xpass' | 'stale';

/** One vector's outcome. */
export interface VectorOutcome {
  readonly file: string;
  readonly id: string;
  readonly outcome: Outcome;
  readonly result: VectorResult;
  /** The reason given in the known-failures list, when listed. */
  readonly knownReason: string | undefined;
}

/** Totals: a known failure that still fails counts as passed; one that passes counts as failed. */
export interface SuiteSummary {
  readonly passed: number;
  readonly failed: number;
  readonly outcomes: readonly VectorOutcome[];
}

/** Parse a known-failures list: one vector id per line, `#` starts a comment giving the reason. */
export function parseKnownFailures(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const hash = raw.indexOf('#');
    const id = (hash < 0 ? raw : raw.slice(0, hash)).trim();
    if (id !== '') out.set(id, hash < 0 ? '' : raw.slice(hash + 1).trim());
  }
  return out;
}

/** Expand files and directories (their *.json files, sorted) and collect known-failures lists found in directories. */
export function expandPaths(paths: readonly string[]): { files: string[]; knownFailureFiles: string[] } {
  const files: string[] = [];
  const knownFailureFiles: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new VectorFormatError('no such file or directory', p);
    }
    if (st.isDirectory()) {
      const entries = readdirSync(p).sort();
      for (const e of entries) if (e.endsWith('.json')) files.push(join(p, e));
      if (entries.includes(KNOWN_FAILURES_FILE)) knownFailureFiles.push(join(p, KNOWN_FAILURES_FILE));
    } else {
      files.push(p);
    }
  }
  return { files, knownFailureFiles };
}

/** Read and parse one vector file. */
export function loadVectorFile(path: string): VectorFile {
  return parseVectorFile(readInputFile(path, 'vector file'), path);
}

/** Run parsed files; `filter` keeps vectors whose id contains it (or matches it as /regex/). */
export function runSuite(files: readonly VectorFile[], known: ReadonlyMap<string, string>, filter?: string): SuiteSummary {
  const match = filterPredicate(filter);
  const outcomes: VectorOutcome[] = [];
  let passed = 0;
  let failed = 0;
  for (const f of files) {
    for (const v of f.vectors) {
      if (!match(v.id)) continue;
      const result = runVector(v, f.file);
      const listed = known.has(v.id);
      const outcome: Outcome = listed ? (result.passed ? 'xpass' : 'xfail') : result.passed ? 'pass' : 'fail';
      if (outcome === 'pass' || outcome === 'xfail') passed++;
      else failed++;
      outcomes.push({ file: f.file, id: v.id, outcome, result, knownReason: known.get(v.id) });
    }
  }
  if (filter === undefined || filter === '') {
    const ids = new Set(outcomes.map((o) => o.id));
    for (const [id, reason] of known) {
      if (ids.has(id)) continue;
      failed++;
      outcomes.push({ file: '', id, outcome: 'stale', result: { id, passed: false, mismatch: undefined, trace: [] }, knownReason: reason });
    }
  }
  return { passed, failed, outcomes };
}

function filterPredicate(filter: string | undefined): (id: string) => boolean {
  if (filter === undefined || filter === '') return () => true;
  const m = /^\/(.*)\/([a-z]*)$/.exec(filter);
  if (m) {
    const re = new RegExp(m[1]!, m[2]);
    return (id) => re.test(id);
  }
  return (id) => id.includes(filter);
}
