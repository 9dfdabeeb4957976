/**
 * The specific addresses bound in one port bucket, mapping an address to the handle of its earliest binding. An
 * address splits into a prefix (all but its last PAGE_BITS bits) and an offset: a directory (open addressing,
 * linear probing, backward-shift deletion, in one Int32Array) maps the prefix to a page of PAGE handles, and the
 * offset indexes the page. Consecutive addresses share one directory entry and one page (a 64-byte line), so
 * binding addresses in sequence touches one line after another; unrelated prefixes spread over the directory at
 * random and never displace each other's pages. Everything lives in typed arrays: a lookup loads no object, the
 * collector never scans the table, and growth reinserts directory entries only (pages keep their numbers; the page
 * pool is copied when it doubles). Allocates only when it grows.
 */

/** log2 of the number of consecutive addresses per page. */
const PAGE_BITS = 4;
const PAGE = 1 << PAGE_BITS;
const PAGE_MASK = PAGE - 1;
/**
 * Initial number of directory entries and of pages (powers of two): small, so that a new table's arrays stay within V8's
 * 64-byte limit for on-heap typed arrays (an off-heap one costs about 0.5 µs; a first bind on a new provider took 0.8 µs).
 */
const MIN_ENTRIES = 8;
const MIN_PAGES = 1;

/** The empty array a table's `dir` and `free` start as (never written: each grows before its first store). */
const NO_WORDS = new Int32Array(0);

/** MurmurHash3's finaliser: every input bit affects every output bit. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Address -> handle of the earliest binding with that address, for one stack's addresses (1 or 4 words). */
export class AddrTable {
  // Every field has its final type from the start (numbers as small integers), so all tables share one hidden class.
  /** Address words: 1 (IPv4) or 4 (IPv6). */
  private readonly words: number = 1;
  /** Int32 words per directory entry: the prefix words, then the page number + 1 (0 = empty entry). */
  private readonly stride: number = 2;
  private dir = NO_WORDS;
  /** Number of directory entries - 1. */
  private dirMask = MIN_ENTRIES - 1;
  private dirCount = 0;
  /** The pages, PAGE handles each (0 = no binding at that offset). */
  private pages = new Int32Array(MIN_PAGES * PAGE);
  /** Pages ever handed out; numbers of emptied pages wait in `free` for reuse (grown when a page is first freed). */
  private pagesUsed = 0;
  private free = NO_WORDS;
  private freeCount = 0;
  /** The prefix found last and its page number + 1 (0 = none): consecutive calls on one prefix skip the directory. */
  private lastK0 = 0;
  private lastK1 = 0;
  private lastK2 = 0;
  private lastK3 = 0;
  private lastPage = 0;
  /** Number of addresses held. */
  count = 0;

  /** A table of `words`-word addresses: 1 for IPv4 (w1-w3 always 0), 4 for IPv6. */
  constructor(words: 1 | 4) {
    if (words === 4) {
      this.words = 4;
      this.stride = 5;
    }
    this.dir = new Int32Array(MIN_ENTRIES * this.stride);
  }

  /** Handle stored for an address, or 0. */
  get(w0: number, w1: number, w2: number, w3: number): number {
    const i = this.slot(w0, w1, w2, w3, false);
    return i < 0 ? 0 : this.pages[i]!;
  }

  /** Store a handle (not 0) for an absent address and return 0; for a held address, return its handle and store nothing. */
  add(w0: number, w1: number, w2: number, w3: number, handle: number): number {
    const i = this.slot(w0, w1, w2, w3, true);
    const held = this.pages[i]!;
    if (held === 0) { this.pages[i] = handle; this.count++; }
    return held;
  }

  /** Replace the handle of a held address. */
  replace(w0: number, w1: number, w2: number, w3: number, handle: number): void {
    this.pages[this.slot(w0, w1, w2, w3, false)] = handle;
  }

  /** Remove a held address (a page left empty is freed). */
  remove(w0: number, w1: number, w2: number, w3: number): void {
    const i = this.slot(w0, w1, w2, w3, false);
    this.pages[i] = 0;
    this.count--;
    const base = i - (i & PAGE_MASK);
    for (let j = base; j < base + PAGE; j++) if (this.pages[j] !== 0) return;
    const v4 = this.words === 1;
    if (this.freeCount === this.free.length) this.growFree();
    this.free[this.freeCount++] = base / PAGE;
    this.removeEntry(this.find(v4 ? w0 >>> PAGE_BITS : w0, w1, w2, v4 ? 0 : w3 >>> PAGE_BITS));
    this.lastPage = 0;
  }

  /** Index in `pages` of an address's handle; when its page is absent: -1, or with `create` a new page's slot. */
  private slot(w0: number, w1: number, w2: number, w3: number, create: boolean): number {
    const v4 = this.words === 1;
    const k0 = v4 ? w0 >>> PAGE_BITS : w0;
    const k3 = v4 ? 0 : w3 >>> PAGE_BITS;
    const low = (v4 ? w0 : w3) & PAGE_MASK;
    if (this.lastPage !== 0 && k0 === this.lastK0 && (v4 || (w1 === this.lastK1 && w2 === this.lastK2 && k3 === this.lastK3))) {
      return (this.lastPage - 1) * PAGE + low;
    }
    let e = this.find(k0, w1, w2, k3);
    let page = this.dir[e * this.stride + this.words]!;
    if (page === 0) {
      if (!create) return -1;
      if ((this.dirCount + 1) * 2 > this.dirMask + 1) { this.growDir(); e = this.find(k0, w1, w2, k3); }
      page = this.newPage() + 1;
      const o = e * this.stride;
      this.dir[o] = k0;
      if (!v4) { this.dir[o + 1] = w1; this.dir[o + 2] = w2; this.dir[o + 3] = k3; }
      this.dir[o + this.words] = page;
      this.dirCount++;
    }
    this.lastK0 = k0; this.lastK1 = w1; this.lastK2 = w2; this.lastK3 = k3; this.lastPage = page;
    return (page - 1) * PAGE + low;
  }

  /** The directory entry of a prefix, or (when absent) the empty entry that ends its probe run. */
  private find(k0: number, k1: number, k2: number, k3: number): number {
    const t = this.dir;
    const stride = this.stride;
    const words = this.words;
    for (let e = this.home(k0, k1, k2, k3); ; e = (e + 1) & this.dirMask) {
      const o = e * stride;
      if (t[o + words] === 0) return e;
      if (t[o] === k0 && (words === 1 || (t[o + 1] === k1 && t[o + 2] === k2 && t[o + 3] === k3))) return e;
    }
  }

  /** The entry where a prefix's probe starts. */
  private home(k0: number, k1: number, k2: number, k3: number): number {
    if (this.words === 1) return mix(k0) & this.dirMask;
    return mix(mix(mix(mix(k0) ^ k1) ^ k2) ^ k3) & this.dirMask;
  }

  /** The home entry of the prefix stored at word offset `o` of a directory array. */
  private homeOf(t: Int32Array, o: number): number {
    return this.words === 1 ? this.home(t[o]!, 0, 0, 0) : this.home(t[o]!, t[o + 1]!, t[o + 2]!, t[o + 3]!);
  }

  /** Empty a directory entry, shifting back the later members of its probe run so that no lookup stops early. */
  private removeEntry(e: number): void {
    const t = this.dir;
    const stride = this.stride;
    const words = this.words;
    let hole = e;
    for (let j = (hole + 1) & this.dirMask; t[j * stride + words] !== 0; j = (j + 1) & this.dirMask) {
      const h = this.homeOf(t, j * stride);
      // Move j into the hole unless its home lies cyclically in (hole, j].
      if (hole <= j ? h > hole && h <= j : h > hole || h <= j) continue;
      t.copyWithin(hole * stride, j * stride, j * stride + stride);
      hole = j;
    }
    t[hole * stride + words] = 0;
    this.dirCount--;
  }

  /** Double the directory and reinsert its entries (the pages stay where they are). */
  private growDir(): void {
    const old = this.dir;
    const stride = this.stride;
    const words = this.words;
    this.dirMask = this.dirMask * 2 + 1;
    this.dir = new Int32Array((this.dirMask + 1) * stride);
    for (let o = 0; o < old.length; o += stride) {
      if (old[o + words] === 0) continue;
      // Every prefix is distinct: its new entry is the first empty one from its home.
      let e = this.homeOf(old, o);
      while (this.dir[e * stride + words] !== 0) e = (e + 1) & this.dirMask;
      for (let k = 0; k < stride; k++) this.dir[e * stride + k] = old[o + k]!;
    }
  }

  /** Number of an all-zero page: a freed one, or a new one (the pool doubles when full). */
  private newPage(): number {
    if (this.freeCount > 0) return this.free[--this.freeCount]!;
    if (this.pagesUsed * PAGE === this.pages.length) {
      const pages = new Int32Array(this.pages.length * 2);
      pages.set(this.pages);
      this.pages = pages;
    }
    return this.pagesUsed++;
  }

  /** Make room in `free` for one more page number (it never holds more than the pages handed out). */
  private growFree(): void {
    const free = new Int32Array(Math.max(MIN_PAGES, this.free.length * 2));
    free.set(this.free);
    this.free = free;
  }
}
