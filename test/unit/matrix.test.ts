import { describe, expect, it } from '@jest/globals';
import { computeCell, computeMatrix, formatMatrix } from '../../src/cli/matrix';
import { buildProgram } from '../../src/cli/main';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '', code = 0;
  const program = buildProgram((s) => { out += s; }, (s) => { err += s; }, (c) => { code = Math.max(code, c); });
  try { await program.parseAsync(args, { from: 'user' }); } catch { code = 2; }
  return { code, out, err };
}

describe('wsksim matrix', () => {
  it('rows are the SECOND bind: wsk D-S second over E-W first is DENIED, E-W second over D-S first is INUSE (BIND-RULES.md §1.2)', () => {
    const o = { profile: 'wsk', family: 'inet', owners: 'same', sd: 'default' } as const;
    expect(computeCell(o, 'E-W', 'D-S')).toMatchObject({ outcome: 'DENIED', rule: 'wsk:E-W/D-S', statusName: 'STATUS_ACCESS_DENIED', wsaError: 10013 });
    expect(computeCell(o, 'D-S', 'E-W')).toMatchObject({ outcome: 'INUSE', rule: 'wsk:D-S/E-W', statusName: 'STATUS_ADDRESS_ALREADY_EXISTS', wsaError: 10048 });
    const m = computeMatrix(o);
    // Row D-S (second), column E-W (first) = index [1][4].
    expect(m[1]![4]!.outcome).toBe('DENIED');
    expect(m[4]![1]!.outcome).toBe('INUSE');
  });

  it('the descriptor option resolves CHECK cells', () => {
    expect(computeCell({ profile: 'wsk', family: 'inet', owners: 'different', sd: 'allow' }, 'D-W', 'D-S').outcome).toBe('SUCCESS');
    expect(computeCell({ profile: 'wsk', family: 'inet', owners: 'different', sd: 'default' }, 'D-W', 'D-S').outcome).toBe('DENIED');
  });

  it('winsock user-mode tables print transposed, with the measured override marked', () => {
    const o = { profile: 'winsock', family: 'inet', owners: 'same', sd: 'default' } as const;
    const text = formatMatrix(o, computeMatrix(o));
    expect(text).toContain('rows = SECOND bind, columns = FIRST bind');
    expect(text).toMatch(/^D-W +INUSE +SUCCESS +INUSE +SUCCESS +DENIED\* +SUCCESS$/m);
  });

  it('dual: a non-exclusive dual-stack wildcard leaves IPv4 free', () => {
    expect(computeCell({ profile: 'wsk', family: 'dual', owners: 'same', sd: 'default' }, 'D-W', 'D-W').outcome).toBe('FREE');
    expect(computeCell({ profile: 'wsk', family: 'dual', owners: 'same', sd: 'default' }, 'E-W', 'D-W').outcome).toBe('INUSE');
  });

  it('CLI: --json, and exit 2 for a bad profile', async () => {
    const ok = await cli(['matrix', '--profile', 'winsock-xp', '--json']);
    expect(ok.code).toBe(0);
    const doc = JSON.parse(ok.out) as { orientation: string; rows: { rule: string }[][] };
    expect(doc.orientation).toBe('rows = SECOND bind, columns = FIRST bind');
    expect(doc.rows[2]![0]!.rule).toBe('winsock-xp.A:D-W/R-W');
    const bad = await cli(['matrix', '--profile', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('nope');
  });
});
