/**
 * Generators written once, read two ways: every `Gen` is both a fast-check arbitrary (`arb`: biased values,
 * shrinking, unmapping of values read back from vectors) and a draw from a small seeded PRNG (`draw`: what campaigns
 * use, without fast-check's per-value machinery). Both readings have the same structure, the same value tables and
 * the same weights, so every value `draw` gives is one `arb` can give and shrink. Within a branch, integers and array
 * lengths are uniform in `draw`, where fast-check biases them toward small values and bounds.
 *
 * The draws are compiled: every generator can write its draw as a JavaScript expression, and records, choices and
 * arrays compile their parts' expressions into one function (a part too large to inline is called). The values an
 * expression uses are read from an array passed to the function, never written into the code, so generators of one
 * structure (the well-formed calls of every option row) share one compiled function, which V8 optimises once.
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

  /**
   * The last value of next(): a field (kept as an unboxed double), so that compiled draws read it without the heap
   * number a returned value of 2^30 or more costs when the call is not inlined.
   */
  t = 0.5;

  /** Advance: `t` becomes the next uniform 32-bit unsigned integer. */
  next(): void {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    this.t = t >>> 0;
  }

  /** A uniform 32-bit unsigned integer. */
  u32(): number {
    this.next();
    return this.t;
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
  /** Write the draw as an expression over `r` (the PRNG) and the values `c` holds. */
  emit(c: Code): string;
  /** Length of the expression `emit` writes (a parent inlines it up to INLINE_LIMIT). */
  readonly size: number;
  /** The compiled draw of records, choices and arrays: `fn(r, x)`; absent for the others. */
  readonly code?: Compiled<T>;
}

/** A compiled draw: a function shared by every generator of one structure, and this generator's values. */
interface Compiled<T> {
  readonly fn: (r: CaseRng, x: readonly unknown[]) => T;
  readonly x: readonly unknown[];
}

/** Draw code being written: the values it reads (`x[i]`) and its temporaries. */
export class Code {
  readonly x: unknown[] = [];
  temps = 0;

  /** The expression reading `v`. */
  ref(v: unknown): string {
    this.x.push(v);
    return `x[${this.x.length - 1}]`;
  }

  /** A new temporary variable. */
  temp(): string {
    return `t${this.temps++}`;
  }

  /** The expression drawing a value of `g`: its own expression when small, else a call of its compiled draw. */
  part(g: Gen<unknown>): string {
    if (g.size <= INLINE_LIMIT) return g.emit(this);
    if (g.code !== undefined) return `${this.ref(g.code.fn)}(r, ${this.ref(g.code.x)})`;
    return `${this.ref(g)}.draw(r)`;
  }
}

/**
 * The expression of `r.int(lo, hi)` for literal bounds: its arithmetic written out around `r.next()` (exact, and the
 * same value, for spans below 2^21), so that the compiled draws call only the small next(), which returns nothing.
 */
function intExpr(lo: number, hi: number): string {
  const n = hi - lo + 1;
  if (n >= 0x200000) return `r.int(${lo}, ${hi})`;
  const pick = `(r.next(), Math.floor((r.t / 4294967296) * ${n}))`;
  return lo === 0 ? pick : `(${lo} + ${pick})`;
}

/** Longest part expression inlined into its parent's compiled draw. */
const INLINE_LIMIT = 500;

/** Compiled functions by source text: generators of one structure share one. */
const FUNCTIONS = new Map<string, (r: CaseRng, x: readonly unknown[]) => unknown>();

/** Compile a draw written as statements (`body`, ending in a return) with the values and temporaries of `c`. */
function compile<T>(c: Code, body: string): Compiled<T> {
  const temps = Array.from({ length: c.temps }, (_, i) => `t${i}`);
  const src = `${temps.length > 0 ? `let ${temps.join(', ')};\n` : ''}${body}`;
  let fn = FUNCTIONS.get(src);
  if (fn === undefined) FUNCTIONS.set(src, (fn = new Function('r', 'x', src) as (r: CaseRng, x: readonly unknown[]) => unknown));
  return { fn: fn as Compiled<T>['fn'], x: c.x };
}

/** A generator whose draw is an expression (inlined by its parents; drawn alone through `draw`). */
function leaf<T>(arb: fc.Arbitrary<T>, draw: (r: CaseRng) => T, emit: (c: Code) => string): Gen<T> {
  return { arb, draw, emit, size: emit(new Code()).length };
}

/** A generator with a compiled draw: `expr` as its expression, or `body` (statements) compiled and called. */
function compiled<T>(arb: fc.Arbitrary<T>, expr: ((c: Code) => string) | null, body: (c: Code) => string): Gen<T> {
  const c = new Code();
  const code = compile<T>(c, body(c));
  const { fn, x } = code;
  const emit = expr ?? ((p: Code): string => `${p.ref(fn)}(r, ${p.ref(x)})`);
  return { arb, draw: (r) => fn(r, x), emit, size: emit(new Code()).length, code };
}

/** Always `v` (recognised by identity when unmapping). */
export function constant<T>(v: T): Gen<T> {
  return leaf(fc.constant(v), () => v, (c) => c.ref(v));
}

/** One of `vs`, uniformly. */
export function constantFrom<T>(...vs: T[]): Gen<T> {
  if (vs.length === 1) return constant(vs[0]!);
  // The length is read from the array, so that picks among tables of different lengths write the same code.
  return leaf(fc.constantFrom(...vs), (r) => vs[r.int(0, vs.length - 1)]!, (c) => {
    const a = c.ref(vs);
    return `${a}[(r.next(), Math.floor((r.t / 4294967296) * ${a}.length))]`;
  });
}

/** An integer of [min, max]. */
export function integer(min: number, max: number): Gen<number> {
  return leaf(fc.integer({ min, max }), (r) => r.int(min, max), () => intExpr(min, max));
}

/** A bigint of [min, max]. */
export function bigIntRange(min: bigint, max: bigint): Gen<bigint> {
  const span = max - min + 1n;
  const draw = span === 1n << 64n
    ? (r: CaseRng): bigint => min + r.u64()
    : span <= 0x100000000n
      ? (r: CaseRng): bigint => min + BigInt(r.int(0, Number(span) - 1))
      : (r: CaseRng): bigint => min + (r.u64() % span);
  return leaf(fc.bigInt({ min, max }), draw, (c) => `${c.ref(draw)}(r)`);
}

/** true or false. */
export function boolean(): Gen<boolean> {
  return leaf(fc.boolean(), (r) => r.int(0, 1) === 1, () => `(${intExpr(0, 1)} === 1)`);
}

/** One of several generators, chosen with the given weights. */
export function oneof<T>(...branches: readonly { readonly gen: Gen<T>; readonly weight: number }[]): Gen<T> {
  const total = branches.reduce((a, b) => a + b.weight, 0);
  const cut: number[] = [];
  let acc = 0;
  for (const b of branches) cut.push((acc += b.weight));
  // A weighted branch: (w = r.int(0, total - 1), w < cut0 ? branch0 : w < cut1 ? branch1 : ... : last).
  const expr = (c: Code): string => {
    const w = c.temp();
    let e = c.part(branches[branches.length - 1]!.gen);
    const parts = branches.slice(0, -1).map((b) => c.part(b.gen));
    for (let i = parts.length - 1; i >= 0; i--) e = `${w} < ${cut[i]} ? ${parts[i]} : ${e}`;
    return `(${w} = ${intExpr(0, total - 1)}, ${e})`;
  };
  return compiled(fc.oneof(...branches.map((b) => ({ arbitrary: b.gen.arb, weight: b.weight }))), expr, (c) => `return ${expr(c)};`);
}

/** One of several generators with equal weights. */
export function oneofEqual<T>(...gens: readonly Gen<T>[]): Gen<T> {
  const arb = fc.oneof(...gens.map((g) => g.arb));
  // Many large branches (the well-formed calls of every row): pick one and call its compiled draw, which the
  // branches of one structure share.
  if (gens.every((g) => g.code !== undefined && g.size > INLINE_LIMIT / 4)) {
    const codes = gens.map((g) => g.code!);
    const expr = (c: Code): string => {
      const t = c.temp();
      return `(${t} = ${c.ref(codes)}[${intExpr(0, gens.length - 1)}], ${t}.fn(r, ${t}.x))`;
    };
    return compiled(arb, expr, (c) => `return ${expr(c)};`);
  }
  return oneof(...gens.map((gen) => ({ gen, weight: 1 })));
}

type GenRecord<T> = { readonly [K in keyof T]: Gen<T[K]> };

/** An object with one generated value per key (keys drawn in declaration order). */
export function record<T extends object>(spec: GenRecord<T>): Gen<T> {
  const keys = Object.keys(spec) as (keyof T)[];
  const arbs = {} as { [K in keyof T]: fc.Arbitrary<T[K]> };
  for (const k of keys) arbs[k] = spec[k].arb;
  // One object literal, so that every drawn record of a kind has one hidden class (keyed stores into an empty object
  // are several times slower, and the engine reads these objects on every call).
  if (!keys.every((k) => typeof k === 'string' && /^[A-Za-z_$][\w$]*$/.test(k))) throw new Error('record keys must be identifiers');
  const expr = (c: Code): string => `({ ${keys.map((k) => `${String(k)}: ${c.part(spec[k])}`).join(', ')} })`;
  return compiled(fc.record(arbs) as unknown as fc.Arbitrary<T>, expr, (c) => `return ${expr(c)};`);
}

/** An array of minLength to maxLength values. */
export function array<T>(g: Gen<T>, minLength: number, maxLength: number): Gen<T[]> {
  return compiled(fc.array(g.arb, { minLength, maxLength }), null, (c) =>
    `const n = ${intExpr(minLength, maxLength)};\nconst out = [];\nfor (let i = 0; i < n; i++) out.push(${c.part(g)});\nreturn out;`);
}

/** An array of distinct values (by ===), minLength to maxLength long; `g` must be able to give maxLength distinct values. */
export function uniqueArray<T>(g: Gen<T>, minLength: number, maxLength: number): Gen<T[]> {
  return compiled(fc.uniqueArray(g.arb, { minLength, maxLength }), null, (c) =>
    `const n = ${intExpr(minLength, maxLength)};\nconst out = [];\nwhile (out.length < n) { const v = ${c.part(g)}; if (!out.includes(v)) out.push(v); }\nreturn out;`);
}

/** `g`'s value or null (null once in 6, as fc.option's default frequency). */
export function option<T>(g: Gen<T>): Gen<T | null> {
  const expr = (c: Code): string => `(${intExpr(0, 5)} === 0 ? null : ${c.part(g)})`;
  return compiled(fc.option(g.arb, { nil: null }), expr, (c) => `return ${expr(c)};`);
}

/** A value of `g` mapped by `f`; `unmap` inverts it (throwing for values `f` cannot give), so that read-back values shrink. */
export function map<A, B>(g: Gen<A>, f: (a: A) => B, unmap: (b: unknown) => A): Gen<B> {
  const expr = (c: Code): string => `${c.ref(f)}(${c.part(g)})`;
  return compiled(g.arb.map(f, unmap), expr, (c) => `return ${expr(c)};`);
}
