/**
 * The shipped corpus: every vector of vectors/*.json is its own test, titled `${id} [${arch}]`, honouring
 * vectors/known-failures.txt exactly like `wsksim run vectors` (a listed vector must still fail).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runVector } from '../../src/vectors/runner';
import { KNOWN_FAILURES_FILE, loadVectorFile, parseKnownFailures } from '../../src/vectors/suite';

const DIR = join(__dirname, '..', '..', 'vectors');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
const KNOWN = parseKnownFailures(readFileSync(join(DIR, KNOWN_FAILURES_FILE), 'utf8'));
const PARSED = FILES.map((f) => loadVectorFile(join(DIR, f)));

it('the corpus is not empty', () => {
  expect(PARSED.reduce((n, f) => n + f.vectors.length, 0)).toBeGreaterThan(0);
});

it('every id in known-failures.txt names a shipped vector', () => {
  const ids = new Set(PARSED.flatMap((f) => f.vectors.map((v) => v.id)));
  expect([...KNOWN.keys()].filter((id) => !ids.has(id))).toEqual([]);
});

describe.each(PARSED.map((f) => [f.file.slice(DIR.length + 1), f] as const))('%s', (_name, file) => {
  it.each(file.vectors.map((v) => [`${v.id} [${v.arch}]`, v] as const))('%s', (_title, v) => {
    const r = runVector(v, file.file);
    if (KNOWN.has(v.id)) {
      if (r.passed) throw new Error(`${v.id} is listed in ${KNOWN_FAILURES_FILE} but passes now: remove it from the list`);
      return; // XFAIL
    }
    if (!r.passed) throw new Error(`step ${r.mismatch!.step} (${r.mismatch!.op}): ${r.mismatch!.message}`);
  });
});
