/**
 * Replays every shipped vector file of the options branch on both arches (the vectors carry their own arch):
 * each vector must pass byte for byte.
 */
import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import { parseVectorFile } from '../src/vectors/reader';
import { runVector } from '../src/vectors/runner';

const DIR = join(__dirname, '..', 'vectors');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.json'));
const CASES = FILES.flatMap((f) => parseVectorFile(readFileSync(join(DIR, f), 'utf8'), f).vectors.map((v) => [f, v.id, v] as const));

describe('shipped vectors', () => {
  it.each(CASES)('%s %s', (file, _id, v) => {
    const r = runVector(v, file);
    expect(r.mismatch?.message).toBeUndefined();
    expect(r.passed).toBe(true);
  });
});
