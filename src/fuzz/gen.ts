/**
 * Generators written once, read two ways: every `Gen` is both a fast-check arbitrary (`arb`: biased values,
 * shrinking, unmapping of values read back from vectors) and a draw from a small seeded PRNG (`draw`: what campaigns
 * use, without fast-check's per-value machinery). Both readings have the same structure, the same value tables and
 * the same weights, so every value `draw` gives is one `arb` can give and shrink. Within a branch, integers and array
 * lengths are uniform in `draw`, where fast-check biases them toward small values and bounds.
 */
import fc from 'fast-check';

/** sfc32, seeded through splitmix32: fast, 32-bit, good enough for test-case generation. */
export class CaseRng {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 1;

  /** Reseed (the same seed gives the same sequence). */
  seed(s: number): this {
    let x = s >>> 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next(); this.b = next(); this.c = next(); this.d = next();
    for (let i = 0; i < 12; i++) this.u32();
    return this;
  }

  /** A uniform 32-bit unsigned integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform integer of [lo, hi] (hi - lo < 2^32). */
  int(lo: number, hi: number): number {
    const n = hi - lo + 1;
    return lo + (n >= 0x100000000 ? this.u32() : Math.floor((this.u32() / 0x100000000) * n));
  }

  /** One element of a non-empty array. */
  pick<X>(a: readonly X[]): X {
    return a[this.int(0, a.length - 1)]!;
  }

  /** A uniform bigint of [0, 2^64-1]. */
  u64(): bigint {
    return (BigInt(this.u32()) << 32n) | BigInt(this.u32());
  }
}

/** A value generator with its two readings. */
export interface Gen<T> {
  /** The fast-check arbitrary (shrinkable; values read back from vectors unmap through it). */
  readonly arb: fc.Arbitrary<T>;
  /** A value drawn from the seeded PRNG. */
  draw(r: CaseRng): T;
  /**
   * For the draw code `record` and `oneof` compile: a constant (`values` of one element), a uniform pick among
   * `values`, or an integer of [min, max]; absent for other generators.
   */
  readonly simple?: { readonly values: readonly T[] } | { readonly min: number; readonly max: number };
}

function gen<T>(arb: fc.Arbitrary<T>, draw: (r: CaseRng) => T, simple?: Gen<T>['simple']): Gen<T> {
  return simple === undefined ? { arb, draw } : { arb, draw, simple };
}

/** Always `v` (recognised by identity when unmapping). */
export function constant<T>(v: T): Gen<T> {
  return gen(fc.constant(v), () => v, { values: [v] });
}

/** One of `vs`, uniformly. */
export function constantFrom<T>(...vs: T[]): Gen<T> {
  if (vs.length === 1) return constant(vs[0]!);
  return gen(fc.constantFrom(...vs), (r) => vs[r.int(0, vs.length - 1)]!, { values: vs });
}

/** An integer of [min, max]. */
export function integer(min: number, max: number): Gen<number> {
  return gen(fc.integer({ min, max }), (r) => r.int(min, max), { min, max });
}

/**
 * The draw expression of `g` in compiled draw code, as an expression over `r` (the PRNG) and `x` (the array of
 * values the expression refers to, which this appends to).
 */
function drawExpr(g: Gen<unknown>, x: unknown[]): string {
  const s = g.simple;
  if (s !== undefined && 'values' in s) {
    x.push(s.values);
    return s.values.length === 1 ? `x[${x.length - 1}][0]` : `x[${x.length - 1}][r.int(0, ${s.values.length - 1})]`;
  }
  if (s !== undefined) return `r.int(${s.min}, ${s.max})`;
  x.push(g);
  return `x[${x.length - 1}].draw(r)`;
}

/** A bigint of [min, max]. */
export function bigIntRange(min: bigint, max: bigint): Gen<bigint> {
  const span = max - min + 1n;
  const draw = span === 1n << 64n
    ? (r: CaseRng): bigint => min + r.u64()
    : span <= 0x100000000n
      ? (r: CaseRng): bigint => min + BigInt(r.int(0, Number(span) - 1))
      : (r: CaseRng): bigint => min + (r.u64() % span);
  return gen(fc.bigInt({ min, max }), draw);
}

/** true or false. */
export function boolean(): Gen<boolean> {
  return gen(fc.boolean(), (r) => r.int(0, 1) === 1);
}

/** One of several generators, chosen with the given weights. */
export function oneof<T>(...branches: readonly { readonly gen: Gen<T>; readonly weight: number }[]): Gen<T> {
  const total = branches.reduce((a, b) => a + b.weight, 0);
  const cut: number[] = [];
  let acc = 0;
  for (const b of branches) cut.push((acc += b.weight));
  // The draw is compiled to one function: a weighted branch, each drawn inline when it is a constant, a pick or an integer.
  const x: unknown[] = [];
  const body = `return (r) => { const w = r.int(0, ${total - 1}); ${branches.map((b, i) => `${i < branches.length - 1 ? `if (w < ${cut[i]}) ` : ''}return ${drawExpr(b.gen, x)};`).join(' ')} };`;
  const draw = new Function('x', body)(x) as (r: CaseRng) => T;
  return gen(fc.oneof(...branches.map((b) => ({ arbitrary: b.gen.arb, weight: b.weight }))), draw);
}

/** One of several generators with equal weights. */
export function oneofEqual<T>(...gens: readonly Gen<T>[]): Gen<T> {
  return gen(fc.oneof(...gens.map((g) => g.arb)), (r) => gens[r.int(0, gens.length - 1)]!.draw(r));
}

type GenRecord<T> = { readonly [K in keyof T]: Gen<T[K]> };

/** An object with one generated value per key (keys drawn in declaration order). */
export function record<T extends object>(spec: GenRecord<T>): Gen<T> {
  const keys = Object.keys(spec) as (keyof T)[];
  const gens = keys.map((k) => spec[k]);
  const arbs = {} as { [K in keyof T]: fc.Arbitrary<T[K]> };
  for (const k of keys) arbs[k] = spec[k].arb;
  // The draw is compiled to one object literal, so that every drawn record of a kind has one hidden class (keyed
  // stores into an empty object are several times slower, and the engine reads these objects on every call).
  if (!keys.every((k) => typeof k === 'string' && /^[A-Za-z_$][\w$]*$/.test(k))) throw new Error('record keys must be identifiers');
  const x: unknown[] = [];
  const body = `return (r) => ({ ${keys.map((k, i) => `${String(k)}: ${drawExpr(gens[i]!, x)}`).join(', ')} });`;
  const draw = new Function('x', body)(x) as (r: CaseRng) => T;
  return gen(fc.record(arbs) as unknown as fc.Arbitrary<T>, draw);
}

/** An array of minLength to maxLength values. */
export function array<T>(g: Gen<T>, minLength: number, maxLength: number): Gen<T[]> {
  return gen(fc.array(g.arb, { minLength, maxLength }), (r) => {
    const n = r.int(minLength, maxLength);
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(g.draw(r));
    return out;
  });
}

/** An array of distinct values (by ===), minLength to maxLength long; `g` must be able to give maxLength distinct values. */
export function uniqueArray<T>(g: Gen<T>, minLength: number, maxLength: number): Gen<T[]> {
  return gen(fc.uniqueArray(g.arb, { minLength, maxLength }), (r) => {
    const n = r.int(minLength, maxLength);
    const out: T[] = [];
    while (out.length < n) {
      const x = g.draw(r);
      if (!out.includes(x)) out.push(x);
    }
    return out;
  });
}

/** `g`'s value or null (null once in 6, as fc.option's default frequency). */
export function option<T>(g: Gen<T>): Gen<T | null> {
  return gen(fc.option(g.arb, { nil: null }), (r) => (r.int(0, 5) === 0 ? null : g.draw(r)));
}

/** A value of `g` mapped by `f`; `unmap` inverts it (throwing for values `f` cannot give), so that read-back values shrink. */
export function map<A, B>(g: Gen<A>, f: (a: A) => B, unmap: (b: unknown) => A): Gen<B> {
  return gen(g.arb.map(f, unmap), (r) => f(g.draw(r)));
}
