import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expandPaths, loadVectorFile, parseKnownFailures, runSuite } from '../../src/vectors/suite';

describe('the shipped vector corpus', () => {
  const { files, knownFailureFiles } = expandPaths([join(__dirname, '..', '..', 'vectors')]);
  const known = new Map<string, string>();
  for (const f of knownFailureFiles) for (const [k, v] of parseKnownFailures(readFileSync(f, 'utf8'))) known.set(k, v);
  const summary = runSuite(files.map(loadVectorFile), known);

  it('passes, with every known failure still failing and every known failure present', () => {
    const bad = summary.outcomes.filter((o) => o.outcome === 'fail' || o.outcome === 'xpass').map((o) => `${o.id}: ${o.result.mismatch?.message ?? 'xpass'}`);
    expect(bad).toEqual([]);
    const ids = new Set(summary.outcomes.map((o) => o.id));
    for (const k of known.keys()) expect(ids.has(k)).toBe(true);
  });

  it('covers every cell of every table', () => {
    const ids = summary.outcomes.map((o) => o.id);
    expect(ids.filter((i) => /^wsk\/inet\//.test(i)).length).toBeGreaterThanOrEqual(36);
    expect(ids.filter((i) => /^winsock\/same-owner\//.test(i))).toHaveLength(36);
    expect(ids.filter((i) => /^winsock\/different-owners\//.test(i))).toHaveLength(36);
    expect(ids.filter((i) => /^winsock-xp\//.test(i))).toHaveLength(36);
  });
});
