/**
 * Consistency of the option table: rows compile on both arches, keys are unique, every cited policy exists and is
 * documented in docs/POLICY-ADDITIONS.md; WskControlClient and the option rows never throw for caller values.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import fc from 'fast-check';
import { OPTION_ROWS } from '../../abi/options';
import { POLICY_ENTRIES } from '../../abi/policy';
import { OptionTable } from '../../src/provider/option-table';
import { WskProvider } from '../../src/provider/provider';
import { isFault } from '../../src/provider/result';
import { CODE } from '../../src/codec/names';

const POLICY_IDS = new Set<string>(POLICY_ENTRIES.map((e) => e.id));

describe('option rows', () => {
  it.each(['x86', 'x64'] as const)('compile on %s with unique (requestType, level, code) keys', (arch) => {
    const t = new OptionTable(arch, OPTION_ROWS);
    const keys = new Set<string>();
    for (const c of t.rows()) {
      const key = `${c.requestType}/${c.level}/${c.code}`;
      expect(keys.has(key)).toBe(false);
      keys.add(key);
    }
    expect(keys.size).toBe(OPTION_ROWS.length);
  });

  it.each(OPTION_ROWS.map((r) => [r.name, r.requestType, r] as const))('%s %s cites a source and only existing policy entries', (_n, _t, row) => {
    expect(row.source.length).toBeGreaterThan(0);
    for (const c of row.source) {
      const m = /^(?:policy |docs\/POLICY\.md#)([a-z0-9-]+)/.exec(c.at);
      if (c.ref === 'WSKSIM' && m) expect(POLICY_IDS.has(m[1]!)).toBe(true);
    }
  });
});

describe('docs/POLICY-ADDITIONS.md', () => {
  const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'POLICY-ADDITIONS.md'), 'utf8');
  it.each(POLICY_ENTRIES.filter((e) => e.source.ref !== 'POLICY').map((e) => [e.id, e] as const))('has a section for %s with its decision', (id, e) => {
    expect(doc).toContain(`## \`${id}\``);
    expect(doc).toContain(e.summary);
  });
});

describe('WskControlClient and WskControlSocket never throw for values a C caller can pass', () => {
  const buf = fc.option(fc.uint8Array({ maxLength: 40 }), { nil: null });
  it.each(['x86', 'x64'] as const)('WskControlClient on %s', (arch) => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 48 }), buf, fc.integer({ min: 0, max: 48 }), buf, fc.boolean(), fc.boolean(),
      (code, inSize, input, outSize, output, withOsr, withIrp) => {
        const p = new WskProvider({ arch });
        const r = p.wskControlClient(code, inSize, input, outSize, output, withOsr ? new Uint8Array(8) : null, withIrp ? new Uint8Array(p.layout.sizeofIrp) : null);
        expect(typeof r).toBe('number');
        if (!isFault(r)) expect(r >>> 0).toBe(r);
      }), { numRuns: 300 });
  });
  it.each(['x86', 'x64'] as const)('WskControlSocket on every row\'s code on %s', (arch) => {
    const codes = [...new Set(OPTION_ROWS.map((r) => r.code))];
    fc.assert(fc.property(fc.constantFrom(...codes), fc.integer({ min: 0, max: 2 }), fc.constantFrom(0, 6, 41, 0xffff), fc.integer({ min: 0, max: 32 }), buf, fc.integer({ min: 0, max: 64 }), buf, fc.boolean(), fc.boolean(), fc.constantFrom(0, 1, 2, 4, 8),
      (code, rt, level, inSize, input, outSize, output, withOsr, withIrp, flags) => {
        const p = new WskProvider({ arch });
        const s = p.wskSocket({ family: 2, type: flags === 4 ? 2 : 1, protocol: 0, flags }).socket;
        const codeValue = CODE[code as keyof typeof CODE];
        const r = p.wskControlSocket(s, rt, codeValue, level, inSize, input, outSize, output, withOsr ? new Uint8Array(8) : null, withIrp ? new Uint8Array(p.layout.sizeofIrp) : null);
        expect(typeof r).toBe('number');
      }), { numRuns: 500 });
  });
});
