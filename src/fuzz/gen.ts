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
 * structure (the well-formed calls of every option row) share one compiled function, which V8 optimises once. A
 * compiled function keeps the PRNG state in locals (each draw is a few register operations, not a call), writes it
 * back only around calls of other compiled draws, and builds arrays of up to LITERAL_MAX elements as one literal of
 * their drawn length.
 */
import fc from 'fast-check';

/**
 * sfc32, seeded through splitmix32: fast, 32-bit, good enough for test-case generation. The state words are public
 * because compiled draws (below) copy them into locals, advance them there and write them back.
 */
export class CaseRng {
  /** State word (an int32). */
  a = 0;
  /** State word (an int32). */
  b = 0;
  /** State word (an int32). */
  c = 0;
  /** State word: the counter (an int32). */
  d = 1;

  /**
   * Reseed (the same seed gives the same sequence). The state is kept as int32s: sfc32 computes modulo 2^32, so the
   * sequence is the one the unsigned words give, and the fields stay small integers.
   */
  seed(s: number): this {
    let x = s >>> 0;
    let z: number;
    x = (x + 0x9e3779b9) | 0; z = Math.imul(x ^ (x >>> 16), 0x85ebca6b); z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35); let a = z ^ (z >>> 16);
    x = (x + 0x9e3779b9) | 0; z = Math.imul(x ^ (x >>> 16), 0x85ebca6b); z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35); let b = z ^ (z >>> 16);
    x = (x + 0x9e3779b9) | 0; z = Math.imul(x ^ (x >>> 16), 0x85ebca6b); z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35); let c = z ^ (z >>> 16);
    x = (x + 0x9e3779b9) | 0; z = Math.imul(x ^ (x >>> 16), 0x85ebca6b); z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35); let d = z ^ (z >>> 16);
    for (let i = 0; i < 12; i++) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (((c << 21) | (c >>> 11)) + t) | 0;
    }
    this.a = a; this.b = b; this.c = c; this.d = d;
    return this;
  }

  /** The last value of next(), a uniform 32-bit unsigned integer. */
  t = 0.5;

  /** Advance: `t` becomes the next uniform 32-bit unsigned integer (the step U32 writes over locals). */
  next(): void {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (((this.c << 21) | (this.c >>> 11)) + t) | 0;
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
  /** Write the draw as an expression over the PRNG state locals (see Code) and the values `c` holds. */
  emit(c: Code): string;
  /** Length of the expression `emit` writes when measuring (a parent inlines it up to INLINE_LIMIT). */
  readonly size: number;
  /** The compiled draw of records, choices and arrays: `fn(r, x)`; absent for the others. */
  readonly code?: Compiled<T>;
}

/** A compiled draw: a function shared by every generator of one structure, and this generator's values. */
interface Compiled<T> {
  readonly fn: (r: CaseRng, x: readonly unknown[]) => T;
  readonly x: readonly unknown[];
}

/**
 * The next uniform 32-bit unsigned integer, as an expression: CaseRng.next()'s step over the locals `sa sb sc sd`
 * (the state, copied from the PRNG when a compiled draw starts and written back when it returns or calls out) and
 * `sq` (scratch), so that a draw is a few register operations.
 */
const U32 = '(sq = (((sa + sb) | 0) + sd) | 0, sd = (sd + 1) | 0, sa = sb ^ (sb >>> 9), sb = (sc + (sc << 3)) | 0, sc = (((sc << 21) | (sc >>> 11)) + sq) | 0, sq >>> 0)';
/** The PRNG state written back (before a call that draws) and read again (after it). */
const SAVE = 'r.a = sa, r.b = sb, r.c = sc, r.d = sd';
const LOAD = 'sa = r.a, sb = r.b, sc = r.c, sd = r.d';

/**
 * Draw code being written: the values it reads (`x[i]`) and its temporaries. A measuring Code writes the short form
 * of each draw, so that sizes (and so inlining) do not depend on how long the PRNG step is written.
 */
export class Code {
  readonly x: unknown[] = [];
  temps = 0;

  constructor(private readonly measuring = false) {}

  /** The expression reading `v`. */
  ref(v: unknown): string {
    this.x.push(v);
    return `x[${this.x.length - 1}]`;
  }

  /** A new temporary variable. */
  temp(): string {
    return `t${this.temps++}`;
  }

  /** The next uniform 32-bit unsigned integer. */
  u32(): string {
    return this.measuring ? '(r.next(), r.t)' : U32;
  }

  /** The expression of `call`, a call that draws from `r`, with the PRNG state written back around it. */
  calling(call: string): string {
    if (this.measuring) return call;
    const t = this.temp();
    return `(${SAVE}, ${t} = ${call}, ${LOAD}, ${t})`;
  }

  /**
   * The expression of `r.int(lo, hi)` for literal bounds: the same arithmetic on the same 32-bit draw (for spans of
   * 2^32 and more, `lo` plus the draw, as CaseRng.int).
   */
  int(lo: number, hi: number): string {
    const n = hi - lo + 1;
    const v = n >= 0x100000000 ? this.u32() : `Math.floor((${this.u32()} / 4294967296) * ${n})`;
    return lo === 0 ? v : `(${lo} + ${v})`;
  }

  /** The expression drawing a value of `g`: its own expression when small, else a call of its compiled draw. */
  part(g: Gen<unknown>): string {
    if (g.size <= INLINE_LIMIT) return g.emit(this);
    if (g.code !== undefined) return this.calling(`${this.ref(g.code.fn)}(r, ${this.ref(g.code.x)})`);
    return this.calling(`${this.ref(g)}.draw(r)`);
  }
}

/** Longest part expression (as measured) inlined into its parent's compiled draw. */
const INLINE_LIMIT = 500;

/** Compiled functions by source text: generators of one structure share one. */
const FUNCTIONS = new Map<string, (r: CaseRng, x: readonly unknown[]) => unknown>();

/**
 * Compile a draw: `body` (statements, may be empty) then `result` (an expression), with the values and temporaries
 * of `c`, the PRNG state in locals from the start and written back before the function returns.
 */
function compile<T>(c: Code, body: string, result: string): Compiled<T> {
  const temps = Array.from({ length: c.temps }, (_, i) => `, t${i}`).join('');
  const src = `let sa = r.a, sb = r.b, sc = r.c, sd = r.d, sq = 0${temps};\n${body}const v = ${result};\nr.a = sa; r.b = sb; r.c = sc; r.d = sd;\nreturn v;`;
  let fn = FUNCTIONS.get(src);
  if (fn === undefined) FUNCTIONS.set(src, (fn = new Function('r', 'x', src) as (r: CaseRng, x: readonly unknown[]) => unknown));
  return { fn: fn as Compiled<T>['fn'], x: c.x };
}

/** A generator whose draw is an expression (inlined by its parents; drawn alone through `draw`). */
function leaf<T>(arb: fc.Arbitrary<T>, draw: (r: CaseRng) => T, emit: (c: Code) => string): Gen<T> {
  return { arb, draw, emit, size: emit(new Code(true)).length };
}

/** A generator with a compiled draw: `expr` as its expression, or `body` then `result` compiled and called. */
function compiled<T>(arb: fc.Arbitrary<T>, expr: ((c: Code) => string) | null, body: (c: Code) => { body: string; result: string }): Gen<T> {
  const c = new Code();
  const b = body(c);
  const code = compile<T>(c, b.body, b.result);
  const { fn, x } = code;
  const emit = expr ?? ((p: Code): string => p.calling(`${p.ref(fn)}(r, ${p.ref(x)})`));
  return { arb, draw: (r) => fn(r, x), emit, size: emit(new Code(true)).length, code };
}

/** A compiled draw that is one expression. */
function compiledExpr<T>(arb: fc.Arbitrary<T>, expr: (c: Code) => string): Gen<T> {
  return compiled(arb, expr, (c) => ({ body: '', result: expr(c) }));
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
    return `${a}[Math.floor((${c.u32()} / 4294967296) * ${a}.length)]`;
  });
}

/** An integer of [min, max]. */
export function integer(min: number, max: number): Gen<number> {
  return leaf(fc.integer({ min, max }), (r) => r.int(min, max), (c) => c.int(min, max));
}

/** Spans of bigIntRange drawn from a table of their values. */
const BIGINT_TABLE_SPAN = 1024n;

/** A bigint of [min, max]. */
export function bigIntRange(min: bigint, max: bigint): Gen<bigint> {
  const span = max - min + 1n;
  const arb = fc.bigInt({ min, max });
  if (span <= BIGINT_TABLE_SPAN) {
    // r.int(0, span - 1) picks the value, as min + BigInt(r.int(0, span - 1)) would (bigints are values, not objects).
    const table = Array.from({ length: Number(span) }, (_, i) => min + BigInt(i));
    return leaf(arb, (r) => table[r.int(0, table.length - 1)]!, (c) => {
      const a = c.ref(table);
      return `${a}[Math.floor((${c.u32()} / 4294967296) * ${a}.length)]`;
    });
  }
  if (span <= 0x100000000n) {
    const add = (i: number): bigint => min + BigInt(i);
    return leaf(arb, (r) => add(r.int(0, Number(span) - 1)), (c) => `${c.ref(add)}(${c.int(0, Number(span) - 1)})`);
  }
  // Two draws, high word first (CaseRng.u64), joined without intermediate bigints.
  const join = (hi: number, lo: number): bigint => {
    JOIN.setUint32(0, hi);
    JOIN.setUint32(4, lo);
    const v = JOIN.getBigUint64(0);
    return span === 1n << 64n ? min + v : min + (v % span);
  };
  return leaf(arb, (r) => join(r.u32(), r.u32()), (c) => `${c.ref(join)}(${c.u32()}, ${c.u32()})`);
}
const JOIN = new DataView(new ArrayBuffer(8));

/** true or false. */
export function boolean(): Gen<boolean> {
  return leaf(fc.boolean(), (r) => r.int(0, 1) === 1, (c) => `(${c.int(0, 1)} === 1)`);
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
    const pick = c.int(0, total - 1);
    let e = c.part(branches[branches.length - 1]!.gen);
    const parts = branches.slice(0, -1).map((b) => c.part(b.gen));
    for (let i = parts.length - 1; i >= 0; i--) e = `${w} < ${cut[i]} ? ${parts[i]} : ${e}`;
    return `(${w} = ${pick}, ${e})`;
  };
  return compiledExpr(fc.oneof(...branches.map((b) => ({ arbitrary: b.gen.arb, weight: b.weight }))), expr);
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
      return `(${t} = ${c.ref(codes)}[${c.int(0, gens.length - 1)}], ${c.calling(`${t}.fn(r, ${t}.x)`)})`;
    };
    return compiledExpr(arb, expr);
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
  return compiledExpr(fc.record(arbs) as unknown as fc.Arbitrary<T>, expr);
}

/** Longest array drawn into locals and allocated as one literal of its exact length (longer ones are pushed). */
const LITERAL_MAX = 12;

/** The array literal of the first `n` (a variable) of `names`, for n from `min`; `empty` when n is 0. */
function literalOfLength(n: string, names: readonly string[], min: number, empty: string): string {
  let e = `[${names.join(', ')}]`;
  for (let k = names.length - 1; k >= min; k--) e = `${n} === ${k} ? ${k === 0 ? empty : `[${names.slice(0, k).join(', ')}]`} : ${e}`;
  return e;
}

/** Temporaries e0..e(n-1) of `c`. */
function temps(c: Code, n: number): string[] {
  return Array.from({ length: n }, () => c.temp());
}

/** An empty array of the elements kind array literals of objects have, copied for empty draws of `array`. */
const EMPTY_OBJECTS: unknown[] = [{}];
EMPTY_OBJECTS.pop();

/** An array of minLength to maxLength values. */
export function array<T>(g: Gen<T>, minLength: number, maxLength: number): Gen<T[]> {
  return compiled(fc.array(g.arb, { minLength, maxLength }), null, (c) => {
    const n = c.int(minLength, maxLength);
    if (maxLength > LITERAL_MAX) return { body: `const n = ${n};\nconst out = [];\nfor (let i = 0; i < n; i++) out.push(${c.part(g)});\n`, result: 'out' };
    // Elements drawn in order into locals, then one literal of the drawn length (no growth, no push calls).
    const e = temps(c, maxLength);
    const draws = e.map((t, i) => (i < minLength ? `${t} = ${c.part(g)};\n` : `if (n > ${i}) ${t} = ${c.part(g)};\n`)).join('');
    return { body: `const n = ${n};\n${draws}`, result: literalOfLength('n', e, minLength, `${c.ref(EMPTY_OBJECTS)}.slice()`) };
  });
}

/** An array of distinct values (by SameValueZero), minLength to maxLength long; `g` must be able to give maxLength distinct values. */
export function uniqueArray<T>(g: Gen<T>, minLength: number, maxLength: number): Gen<T[]> {
  return compiled(fc.uniqueArray(g.arb, { minLength, maxLength }), null, (c) => {
    const n = c.int(minLength, maxLength);
    if (maxLength > LITERAL_MAX) {
      return { body: `const n = ${n};\nconst out = [];\nwhile (out.length < n) { const e = ${c.part(g)}; if (!out.includes(e)) out.push(e); }\n`, result: 'out' };
    }
    // Values drawn until n distinct ones are kept in locals (as includes/push would keep them), then one literal.
    const e = temps(c, maxLength);
    const seen = e.map((t, i) => `(k > ${i} && (e === ${t} || (e !== e && ${t} !== ${t})))`).join(' || ');
    const keep = e.map((t, i) => `${i === 0 ? '' : 'else '}${i === e.length - 1 ? '' : `if (k === ${i}) `}${t} = e;`).join(' ');
    return {
      body: `const n = ${n};\nlet k = 0;\nwhile (k < n) { const e = ${c.part(g)}; if (${seen}) continue; ${keep} k++; }\n`,
      result: literalOfLength('n', e, minLength, '[]'),
    };
  });
}

/** `g`'s value or null (null once in 6, as fc.option's default frequency). */
export function option<T>(g: Gen<T>): Gen<T | null> {
  return compiledExpr(fc.option(g.arb, { nil: null }), (c) => `(${c.int(0, 5)} === 0 ? null : ${c.part(g)})`);
}

/** A value of `g` mapped by `f`; `unmap` inverts it (throwing for values `f` cannot give), so that read-back values shrink. */
export function map<A, B>(g: Gen<A>, f: (a: A) => B, unmap: (b: unknown) => A): Gen<B> {
  // `f` draws nothing, so the PRNG state stays in the locals across its call.
  return compiledExpr(g.arb.map(f, unmap), (c) => `${c.ref(f)}(${c.part(g)})`);
}
