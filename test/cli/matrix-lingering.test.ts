/**
 * `wsksim matrix --lingering`: the first socket accepts a connection and is closed before the second bind. The
 * expectations follow docs/POLICY.md#connection-exclusive-reservation and #connection-time-wait: only a listener bound
 * with SO_EXCLUSIVEADDRUSE keeps its binding while the connection it accepted is active (open or in TIME_WAIT), and a
 * bind over it is judged as against the listener; every other binding is released at close; after 240 s nothing is kept.
 */
import { BIND_KINDS } from '../../abi/sharing-rules';
import { computeMatrix, MATRIX_LINGERING, type MatrixFamily } from '../../src/cli/matrix';
import { cli } from './run-cli';

describe('wsksim matrix --lingering', () => {
  it.each([
    ['inet', 'different'], ['inet', 'same'], ['inet6', 'different'], ['dual', 'different'],
  ] as const)('family %s, owners %s: exclusive columns as without lingering while active, everything FREE after 240 s', (family, owners) => {
    const o = { profile: 'wsk' as const, family: family as MatrixFamily, owners, sd: 'default' as const };
    const plain = computeMatrix(o);
    for (const lingering of ['active', 'time-wait'] as const) {
      const m = computeMatrix({ ...o, lingering });
      m.forEach((row, i) => row.forEach((c, j) => {
        const first = BIND_KINDS[j]!;
        if (first[0] === 'E') {
          expect([lingering, first, c.second, c.outcome]).toEqual([lingering, first, c.second, plain[i]![j]!.outcome]);
          if (c.status !== 0) expect(c.rule).toBe('connection-exclusive-reservation');
        } else {
          expect([lingering, first, c.second, c.outcome]).toEqual([lingering, first, c.second, 'FREE']);
        }
      }));
    }
    const expired = computeMatrix({ ...o, lingering: 'expired' });
    expect(new Set(expired.flat().map((c) => c.outcome))).toEqual(new Set(['FREE']));
  });

  it('prints the stage in the header, keeps it in --json, and rejects an unknown stage with exit 2', async () => {
    expect(MATRIX_LINGERING).toEqual(['none', 'active', 'time-wait', 'expired']);
    const t = await cli(['matrix', '--owners', 'different', '--lingering', 'time-wait']);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/lingers in TIME_WAIT \(docs\/POLICY\.md#connection-time-wait\)/);
    const j = await cli(['matrix', '--lingering', 'active', '--json']);
    expect(j.code).toBe(0);
    expect(JSON.parse(j.out).lingering).toBe('active');
    const plain = await cli(['matrix', '--json']);
    expect(JSON.parse(plain.out).lingering).toBeUndefined();
    const bad = await cli(['matrix', '--lingering', 'forever']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/lingering/);
  });
});
