import {
  array, bigIntRange, boolean, CaseRng, constant, constantFrom, integer, map, oneof, oneofEqual, option, record, uniqueArray, type Gen,
} from '../../src/fuzz/gen';

/** sfc32 seeded through splitmix32, written from its definition with unsigned state words (the reference). */
function referenceRng(seed: number): () => number {
  let x = seed >>> 0;
  const split = (): number => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  const next = (): number => {
    const t = (a + b + d) >>> 0;
    d = (d + 1) >>> 0;
    a = (b ^ (b >>> 9)) >>> 0;
    b = (c + ((c << 3) >>> 0)) >>> 0;
    c = ((((c << 21) | (c >>> 11)) >>> 0) + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

/** r.int(lo, hi) of the reference sequence. */
function refInt(next: () => number, lo: number, hi: number): number {
  const n = hi - lo + 1;
  return lo + (n >= 0x100000000 ? next() : Math.floor((next() / 0x100000000) * n));
}

describe('CaseRng', () => {
  it('gives the sfc32 sequence of its splitmix32-seeded state', () => {
    const r = new CaseRng();
    for (const seed of [0, 1, 7, 0x7fffffff, 0x80000000, 0xffffffff, 123456789]) {
      const ref = referenceRng(seed);
      r.seed(seed);
      for (let i = 0; i < 200; i++) expect(r.u32()).toBe(ref());
    }
  });
});

describe('compiled draws', () => {
  const TABLE = [0, 1, 0x80000000, 0xffffffff, 7];
  const SMALL: Gen<number> = integer(-2, 4);
  /** Every leaf, with its reading from the reference sequence. */
  const leaves: readonly [string, Gen<unknown>, (next: () => number) => unknown][] = [
    ['integer(-2, 4)', SMALL, (n) => refInt(n, -2, 4)],
    ['integer(1, 65535)', integer(1, 65535), (n) => refInt(n, 1, 65535)],
    ['integer(0, 2^32-1)', integer(0, 0xffffffff), (n) => refInt(n, 0, 0xffffffff)],
    ['integer(5, 2^24)', integer(5, 1 << 24), (n) => refInt(n, 5, 1 << 24)],
    ['constantFrom', constantFrom(...TABLE), (n) => TABLE[refInt(n, 0, TABLE.length - 1)]],
    ['constant', constant('k'), () => 'k'],
    ['boolean', boolean(), (n) => refInt(n, 0, 1) === 1],
    ['bigIntRange(0, 64)', bigIntRange(0n, 64n), (n) => BigInt(refInt(n, 0, 64))],
    ['bigIntRange(3, 2^20)', bigIntRange(3n, 1n << 20n), (n) => 3n + BigInt(refInt(n, 0, (1 << 20) - 3))],
    ['bigIntRange(0, 2^64-1)', bigIntRange(0n, (1n << 64n) - 1n), (n) => (BigInt(n()) << 32n) | BigInt(n())],
    ['bigIntRange(1, 2^40)', bigIntRange(1n, 1n << 40n), (n) => 1n + (((BigInt(n()) << 32n) | BigInt(n())) % (1n << 40n))],
  ];
  const arrays: readonly [string, Gen<unknown>, (next: () => number) => unknown][] = [
    ['array(0..3)', array(SMALL, 0, 3), (n) => Array.from({ length: refInt(n, 0, 3) }, () => refInt(n, -2, 4))],
    ['array(2..12)', array(SMALL, 2, 12), (n) => Array.from({ length: refInt(n, 2, 12) }, () => refInt(n, -2, 4))],
    ['array(0..20)', array(SMALL, 0, 20), (n) => Array.from({ length: refInt(n, 0, 20) }, () => refInt(n, -2, 4))],
    ...[[0, 4], [1, 7], [0, 13]].map(([lo, hi]): [string, Gen<unknown>, (next: () => number) => unknown] => [
      `uniqueArray(${lo}..${hi})`, uniqueArray(integer(0, 19), lo!, hi!), (n) => {
        const len = refInt(n, lo!, hi!);
        const out: number[] = [];
        while (out.length < len) { const v = refInt(n, 0, 19); if (!out.includes(v)) out.push(v); }
        return out;
      },
    ]),
    ['option', option(SMALL), (n) => (refInt(n, 0, 5) === 0 ? null : refInt(n, -2, 4))],
    ['oneof', oneof<unknown>({ gen: SMALL, weight: 2 }, { gen: constant('c'), weight: 1 }), (n) => (refInt(n, 0, 2) < 2 ? refInt(n, -2, 4) : 'c')],
    ['map', map(SMALL, (v) => v * 10, (v) => (v as number) / 10), (n) => refInt(n, -2, 4) * 10],
  ];
  const all = [...leaves, ...arrays];

  it.each(all.map(([name]) => [name]))('%s: alone and inside a compiled record, the values of the reference sequence', (name) => {
    const [, g, ref] = all.find((x) => x[0] === name)!;
    // The part between two draws of its neighbours, inlined into the record's function, and drawn alone.
    const inRecord = record({ before: integer(0, 9), v: g, after: integer(0, 0xffffffff) });
    const r = new CaseRng();
    for (let seed = 0; seed < 300; seed++) {
      const next = referenceRng(seed);
      expect(inRecord.draw(r.seed(seed))).toEqual({ before: refInt(next, 0, 9), v: ref(next), after: refInt(next, 0, 0xffffffff) });
      expect(r.u32()).toBe(next());
      const alone = referenceRng(seed);
      expect(g.draw(r.seed(seed))).toEqual(ref(alone));
      expect(r.u32()).toBe(alone());
    }
  });

  it('a part too large to inline is called with the PRNG state written back and read again', () => {
    const big = record({ a: array(SMALL, 1, 3), b: uniqueArray(SMALL, 0, 4), c: integer(0, 9), d: integer(0, 9), e: integer(0, 9), f: integer(0, 9), g: integer(0, 9), h: integer(0, 9) });
    const bigRef = (n: () => number): unknown => ({
      a: Array.from({ length: refInt(n, 1, 3) }, () => refInt(n, -2, 4)),
      b: (() => { const len = refInt(n, 0, 4); const o: number[] = []; while (o.length < len) { const v = refInt(n, -2, 4); if (!o.includes(v)) o.push(v); } return o; })(),
      c: refInt(n, 0, 9), d: refInt(n, 0, 9), e: refInt(n, 0, 9), f: refInt(n, 0, 9), g: refInt(n, 0, 9), h: refInt(n, 0, 9),
    });
    // Two equal-weight large branches (oneofEqual calls the chosen branch's compiled draw) between two draws.
    const outer = record({ x: integer(0, 3), y: oneofEqual(big, big), z: integer(0, 3) });
    expect(big.size).toBeGreaterThan(125);
    const r = new CaseRng();
    for (let seed = 0; seed < 300; seed++) {
      const next = referenceRng(seed);
      expect(outer.draw(r.seed(seed))).toEqual({ x: refInt(next, 0, 3), y: (refInt(next, 0, 1), bigRef(next)), z: refInt(next, 0, 3) });
      expect(r.u32()).toBe(next());
    }
  });
});
