import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { AddrTable } from '../../src/provider/addr-table';

/**
 * The address table against a Map: after every store or removal, each held address gives its handle and an absent
 * one gives 0. Addresses come from a few ranges, consecutive or spread, so that pages fill up and empty out, and
 * directory entries collide, probe past the table end and are shifted back by removals.
 */
type Words = [number, number, number, number];

const RANGES: readonly Words[] = [
  [0x0a000000, 0, 0, 0], [0x0b000000, 0, 0, 0], [0x0a000100, 0, 0, 0], [0x7f000000, 0, 0, 0], [0xc0a80000 | 0, 0, 0, 0],
];
const RANGES6: readonly Words[] = [
  [0x20010db8, 0, 0, 0], [0x20010db8, 0, 0, 0x100], [0xfe800000 | 0, 0, 0x12345678, 0], [0, 0, 0x0000ffff, 0x0a000000],
];

function addrOf(words: 1 | 4, op: Op): Words {
  const r = (words === 1 ? RANGES : RANGES6)[op.range % (words === 1 ? RANGES.length : RANGES6.length)]!;
  const low = op.low * op.step;
  return words === 1 ? [(r[0] + low) | 0, 0, 0, 0] : [r[0], r[1], r[2], (r[3] + low) | 0];
}

/** Store (a new handle) or remove range + low * step: step 1 fills pages, step 16 gives each address a page of its own. */
interface Op { insert: boolean; range: number; low: number; step: number }
const opArb: fc.Arbitrary<Op> = fc.record({ insert: fc.boolean(), range: fc.nat(9), low: fc.nat(40), step: fc.constantFrom(1, 16, 256) });

/** Apply the ops to a table and to a Map; the first disagreement, or '' when there is none. */
function check(words: 1 | 4, ops: readonly Op[]): string {
  const t = new AddrTable(words);
  const model = new Map<string, { a: Words; handle: number }>();
  let next = 1;
  for (const [k, op] of ops.entries()) {
    const a = addrOf(words, op);
    const key = a.join(',');
    if (t.get(...a) !== (model.get(key)?.handle ?? 0)) return `op ${k}: ${key} gives handle ${t.get(...a)}`;
    const held = model.get(key)?.handle ?? 0;
    if (op.insert && held === 0) { if (t.add(...a, next) !== 0) return `op ${k}: add of absent ${key}`; model.set(key, { a, handle: next++ }); }
    else if (op.insert) { if (t.add(...a, next) !== held) return `op ${k}: add of held ${key}`; t.replace(...a, next); model.set(key, { a, handle: next++ }); }
    else if (held !== 0) { t.remove(...a); model.delete(key); }
    if (t.count !== model.size) return `op ${k}: count ${t.count}, expected ${model.size}`;
    // A full pass every few ops only: its lookups would hide bugs that show when ops follow each other directly.
    if (k % 8 !== 7 && k !== ops.length - 1) continue;
    for (const { a: held, handle } of model.values()) if (t.get(...held) !== handle) return `op ${k}: lost ${held.join(',')}`;
  }
  return '';
}

describe('AddrTable against a Map', () => {
  it.each([[1], [4]] as const)('%i-word addresses: inserts and removals keep every address findable', (words) => {
    fc.assert(fc.property(fc.array(opArb, { minLength: 100, maxLength: 300 }), (ops) => { expect(check(words, ops)).toBe(''); }), { numRuns: Number(process.env.WSKSIM_FC_RUNS ?? 200) });
  });

  it('holds 50 000 consecutive addresses, then empties out in a scattered order', () => {
    const t = new AddrTable(1);
    const n = 50000;
    const base = 0x0a000000;
    for (let i = 0; i < n; i++) t.add(base + i, 0, 0, 0, i + 1);
    expect(t.count).toBe(n);
    const wrong: number[] = [];
    for (let i = 0; i < n; i++) if (t.get(base + i, 0, 0, 0) !== i + 1) wrong.push(i);
    expect([t.get(base + n, 0, 0, 0), t.get(base - 1, 0, 0, 0)]).toEqual([0, 0]);
    for (let k = 0; k < n; k++) {
      const i = (k * 7919) % n;
      if (t.get(base + i, 0, 0, 0) !== i + 1) wrong.push(i);
      t.remove(base + i, 0, 0, 0);
    }
    expect([wrong, t.count]).toEqual([[], 0]);
  });

  it('add keeps the first handle, replace changes only its own address', () => {
    const t = new AddrTable(4);
    expect([t.add(1, 2, 3, 4, 7), t.add(1, 2, 3, 5, 8), t.add(1, 2, 3, 4, 9)]).toEqual([0, 0, 7]);
    t.replace(1, 2, 3, 4, 9);
    expect([t.get(1, 2, 3, 4), t.get(1, 2, 3, 5), t.get(1, 2, 3, 6), t.get(9, 2, 3, 4), t.count]).toEqual([9, 8, 0, 0, 2]);
  });
});
