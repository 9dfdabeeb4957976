import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expandPaths, loadVectorFile, parseKnownFailures } from '../../src/vectors/suite';

// test/conformance/conformance.test.ts replays every vector; this file checks only that the bind corpus is complete.
describe('the bind vector corpus', () => {
  const { files, knownFailureFiles } = expandPaths([join(__dirname, '..', '..', 'vectors')]);
  const ids = files.flatMap((f) => loadVectorFile(f).vectors.map((v) => v.id));
  const known = new Map<string, string>();
  for (const f of knownFailureFiles) for (const [k, v] of parseKnownFailures(readFileSync(f, 'utf8'))) known.set(k, v);

  it('has a vector for every cell of every table (wsk on IPv4 and IPv6, winsock for both owner relations, winsock-xp)', () => {
    const cells = ['D-W', 'D-S', 'R-W', 'R-S', 'E-W', 'E-S'].flatMap((f) => ['D-W', 'D-S', 'R-W', 'R-S', 'E-W', 'E-S'].map((s) => `${f}-then-${s}`));
    for (const c of cells) {
      for (const fam of ['inet', 'inet6']) expect(ids.some((i) => i.startsWith(`wsk/${fam}/${c}`))).toBe(true);
      expect(ids).toContain(`winsock/same-owner/${c}`);
      expect(ids).toContain(`winsock/different-owners/${c}`);
      expect(ids).toContain(`winsock-xp/${c}`);
    }
  });

  it('every bind known failure names a shipped vector and gives a reason', () => {
    for (const [id, reason] of known) {
      if (!/^(winsock|wsk|disagreement)\//.test(id)) continue;
      expect(ids).toContain(id);
      expect(reason).not.toBe('');
    }
  });
});
