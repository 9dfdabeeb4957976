/**
 * Every shipped vector through both ways of WskControlSocket: the public entry point (the guarded success path first,
 * src/provider/control-fast.ts) and the full check sequence alone (WskProvider.disableGuardedPath). The step traces
 * (results, reason records, every caller buffer, completions) must be identical, every vector must pass both ways,
 * and the guarded path must actually handle calls of the corpus.
 */
import { readdirSync } from 'fs';
import { join } from 'path';
import * as controlFast from '../../src/provider/control-fast';
import { loadVectorFile } from '../../src/vectors/suite';
import { runVector } from '../../src/vectors/runner';
import type { Vector } from '../../src/vectors/types';

const DIR = join(__dirname, '..', '..', 'vectors');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
const VECTORS: [string, Vector][] = FILES.flatMap((f) => loadVectorFile(join(DIR, f)).vectors.map((v) => [f, v] as [string, Vector]));

const plain = (x: unknown): string => JSON.stringify(x, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));

describe('the shipped corpus through the guarded path and through the full sequence', () => {
  it('has vectors', () => expect(VECTORS.length).toBeGreaterThan(900));

  it('gives identical traces both ways, and the guarded path handles calls of the corpus', () => {
    const spy = jest.spyOn(controlFast, 'fastControl');
    let handled = 0;
    const differ: string[] = [];
    try {
      for (const [file, v] of VECTORS) {
        spy.mockClear();
        const fast = runVector(v, file, { keepGoing: true });
        handled += spy.mock.results.filter((r) => r.value === true).length;
        const full = runVector(v, file, { keepGoing: true, fullSequence: true });
        if (plain(fast) !== plain(full)) differ.push(`${file} ${v.id}`);
      }
    } finally {
      spy.mockRestore();
    }
    expect(differ).toEqual([]);
    expect(handled).toBeGreaterThan(100);
  });
});
