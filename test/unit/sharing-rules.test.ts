import { describe, expect, it } from '@jest/globals';
import { BIND_KINDS, SHARING_PROFILES, WINSOCK_OVERRIDES, WINSOCK_TABLE_A, WINSOCK_TABLE_B, WINSOCK_TABLE_C, WSK_TABLE } from '../../abi/sharing-rules';
import { SOURCES } from '../../abi/sources';
import type { SharingCell, SharingOutcome } from '../../abi/schema';
import { OUTCOME_DENIED, sharingRules } from '../../src/provider/sharing';
import { POLICY_ENTRIES } from '../../abi/policy';

const TABLES: [string, readonly SharingCell[], RegExp][] = [
  ['wsk', WSK_TABLE, /^wsk:([DRE]-[WS])\/([DRE]-[WS])$/],
  ['winsock B', WINSOCK_TABLE_B, /^winsock\.B:([DRE]-[WS])\/([DRE]-[WS])$/],
  ['winsock C', WINSOCK_TABLE_C, /^winsock\.C:([DRE]-[WS])\/([DRE]-[WS])$/],
  ['winsock-xp A', WINSOCK_TABLE_A, /^winsock-xp\.A:([DRE]-[WS])\/([DRE]-[WS])$/],
];

const at = (t: readonly SharingCell[], first: string, second: string): SharingOutcome =>
  t.find((c) => c.first === first && c.second === second)!.outcome;

describe.each(TABLES)('table %s', (_name, table, idPattern) => {
  it('has 36 cells, one per (first, second) pair', () => {
    expect(table).toHaveLength(36);
    const pairs = new Set(table.map((c) => `${c.first}/${c.second}`));
    expect(pairs.size).toBe(36);
    for (const f of BIND_KINDS) for (const s of BIND_KINDS) expect(pairs.has(`${f}/${s}`)).toBe(true);
  });

  it('every cell cites a known source at a named place', () => {
    for (const c of table) {
      expect(SOURCES[c.source.ref]).toBeDefined();
      expect(c.source.at).toContain(c.first);
      expect(c.source.at).toContain(c.second);
    }
  });

  it('cell ids follow <profile>[.<table>]:<FIRST>/<SECOND> in bind order', () => {
    for (const c of table) {
      const m = idPattern.exec(c.id);
      expect(m).not.toBeNull();
      expect([m![1], m![2]]).toEqual([c.first, c.second]);
    }
  });
});

describe('relations between the documented tables (BIND-RULES.md §3)', () => {
  const differences = (resolveCheck: SharingOutcome, user: readonly SharingCell[]): string[] => {
    const out: string[] = [];
    for (const f of BIND_KINDS) for (const s of BIND_KINDS) {
      const w = at(WSK_TABLE, f, s);
      if ((w === 'CHECK' ? resolveCheck : w) !== at(user, f, s)) out.push(`${f}/${s}`);
    }
    return out;
  };

  it('WSK with CHECK = SUCCESS differs from table B (same owner) only at R-S first, D-S second', () => {
    expect(differences('SUCCESS', WINSOCK_TABLE_B)).toEqual(['R-S/D-S']);
  });

  it('WSK with CHECK = DENIED differs from table C (different owners) only at R-S first, D-S second', () => {
    expect(differences('DENIED', WINSOCK_TABLE_C)).toEqual(['R-S/D-S']);
  });

  it('the WSK table has exactly the five documented CHECK cells, all with a wildcard first bind without SO_EXCLUSIVEADDRUSE', () => {
    const checks = WSK_TABLE.filter((c) => c.outcome === 'CHECK').map((c) => `${c.first}/${c.second}`).sort();
    expect(checks).toEqual(['D-W/D-S', 'D-W/E-S', 'D-W/R-S', 'R-W/D-S', 'R-W/E-S']);
  });

  it('user-mode tables have no CHECK cell', () => {
    for (const t of [WINSOCK_TABLE_A, WINSOCK_TABLE_B, WINSOCK_TABLE_C]) expect(t.some((c) => c.outcome === 'CHECK')).toBe(false);
  });

  it('an exclusive wildcard second bind is never allowed over an overlapping binding (every table)', () => {
    for (const [, t] of TABLES) for (const f of BIND_KINDS) expect(at(t, f, 'E-W')).not.toBe('SUCCESS');
  });
});

describe('measured overrides', () => {
  it('the winsock profile has exactly the measured E-W then D-W override, DENIED, citing the Windows measurement', () => {
    expect(WINSOCK_OVERRIDES).toHaveLength(1);
    const o = WINSOCK_OVERRIDES[0]!;
    expect([o.id, o.first, o.second, o.outcome, o.owners]).toEqual(['winsock.measured:E-W/D-W', 'E-W', 'D-W', 'DENIED', 'any']);
    expect(o.source.ref).toBe('WINE-sock');
    expect(at(WINSOCK_TABLE_B, 'E-W', 'D-W')).toBe('INUSE');
    expect(at(WINSOCK_TABLE_C, 'E-W', 'D-W')).toBe('INUSE');
  });

  it('the compiled winsock rules use the override for both owner relations and the tables elsewhere', () => {
    const r = sharingRules('winsock');
    expect(r.cellByKind('E-W', 'D-W', false).id).toBe('winsock.measured:E-W/D-W');
    expect(r.cellByKind('E-W', 'D-W', true).id).toBe('winsock.measured:E-W/D-W');
    expect(r.cellByKind('E-W', 'D-W', false).outcome).toBe(OUTCOME_DENIED);
    expect(r.cellByKind('D-W', 'D-S', false).id).toBe('winsock.B:D-W/D-S');
    expect(r.cellByKind('D-W', 'D-S', true).id).toBe('winsock.C:D-W/D-S');
  });

  it('wsk and winsock-xp have no overrides', () => {
    expect(SHARING_PROFILES.wsk.overrides).toHaveLength(0);
    expect(SHARING_PROFILES['winsock-xp'].overrides).toHaveLength(0);
  });
});

describe('compiled profiles', () => {
  it.each(['wsk', 'winsock', 'winsock-xp'] as const)('%s resolves every (first, second, owners) slot to a cell of its own profile', (name) => {
    const r = sharingRules(name);
    for (const f of BIND_KINDS) for (const s of BIND_KINDS) for (const d of [false, true]) {
      const c = r.cellByKind(f, s, d);
      expect(c.id.startsWith(name === 'wsk' ? 'wsk:' : `${name}.`)).toBe(true);
      expect(c.id.endsWith(`:${f}/${s}`)).toBe(true);
    }
  });

  it('reports the statuses POLICY.md names', () => {
    expect(SHARING_PROFILES.wsk.inuse.status).toBe('STATUS_ADDRESS_ALREADY_EXISTS');
    expect(SHARING_PROFILES.winsock.inuse.status).toBe('STATUS_SHARING_VIOLATION');
    expect(SHARING_PROFILES['winsock-xp'].inuse.status).toBe('STATUS_SHARING_VIOLATION');
    for (const p of Object.values(SHARING_PROFILES)) expect(p.denied.status).toBe('STATUS_ACCESS_DENIED');
  });

  it('every rule id the bind engine can report outside the tables is a policy entry or bind check', () => {
    const ids = new Set<string>(POLICY_ENTRIES.map((e) => e.id));
    for (const id of ['bind-conflict-scope', 'bind-rebind', 'bind-address', 'bind-port-zero', 'bind-raw', 'sharing-profile', 'dual-stack', 'transport-option-applicability', 'so-wsk-security-value']) expect(ids.has(id)).toBe(true);
  });
});
