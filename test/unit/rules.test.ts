/**
 * Rule lookup (src/vectors/rules.ts): table-driven, found by id, falling back to the bare id.
 */
import { BIND_CHECKS, CONTROL_CHECKS, POLICY_ENTRIES } from '../../abi/policy';
import { addRuleModule, describeRule, formatRule, loadTableModules, registerRules } from '../../src/vectors/rules';

describe('describeRule', () => {
  it.each(CONTROL_CHECKS.map((c) => [c.id, c] as const))('control check %s is found with its description and citation', (id, row) => {
    const r = describeRule(id);
    expect(r.description).toBe(row.description);
    expect(r.source).toEqual(row.source);
    expect(r.table).toBe('CONTROL_CHECKS');
  });

  it('every bind check and policy entry id is found', () => {
    for (const row of [...BIND_CHECKS, ...POLICY_ENTRIES]) expect(describeRule(row.id).source).not.toBeNull();
  });

  it('an unknown id comes back bare, or with the citation the provider gave', () => {
    expect(describeRule('no-such-rule')).toEqual({ id: 'no-such-rule', description: '', source: null, table: '', order: undefined });
    expect(formatRule('no-such-rule')).toBe('no-such-rule');
    const cite = { ref: 'D2', at: 'wsk sharing table, row 3', layer: 'WSK' } as const;
    expect(formatRule('no-such-rule', cite)).toBe('no-such-rule [D2: wsk sharing table, row 3 — Microsoft WDK network driver docs]');
  });

  it('rows registered later are found by id', () => {
    registerRules([{ id: 'test-cell-x', description: 'a cell', source: { ref: 'WSKSIM', at: 'test', layer: 'policy' } }], 'TEST_TABLE');
    expect(describeRule('test-cell-x')).toMatchObject({ description: 'a cell', table: 'TEST_TABLE' });
  });

  it('formats checks with their POLICY.md number', () => {
    expect(formatRule('get-output-size')).toBe(`get-output-size (check 9): Get: OutputSize >= the row's size [POLICY: docs/POLICY.md#check-9 — wsksim decided policy]`);
  });
});

describe('table discovery', () => {
  it('indexes every exported array or record of {id, source} rows of a module, under its export name', () => {
    const { mkdtempSync, writeFileSync } = require('node:fs') as typeof import('node:fs');
    const { join } = require('node:path') as typeof import('node:path');
    const dir = mkdtempSync(join(require('node:os').tmpdir() as string, 'wsksim-rules-'));
    writeFileSync(join(dir, 'sharing.js'), `exports.SHARING_CELLS = { a: { id: 'test-sharing-a', summary: 'cell A', source: { ref: 'D2', at: 'table row A', layer: 'WSK' } } };
exports.NOT_RULES = [{ name: 'x' }];`);
    const mods = loadTableModules(dir);
    expect(mods).toHaveLength(1);
    addRuleModule(mods[0]!);
    expect(describeRule('test-sharing-a')).toMatchObject({ description: 'cell A', table: 'SHARING_CELLS', source: { ref: 'D2', at: 'table row A' } });
  });

  it('an id in several tables is described by the first (BIND_CHECKS before POLICY_ENTRIES), with its order', () => {
    expect(describeRule('bind-rebind')).toMatchObject({ table: 'BIND_CHECKS', order: '9', description: 'the socket is not already bound' });
    expect(formatRule('bind-rebind')).toMatch(/^bind-rebind \(BIND_CHECKS 9\): the socket is not already bound \[POLICY: /);
  });
});
