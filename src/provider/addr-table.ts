/**
 * The specific addresses bound in one port bucket: an open-addressing table (linear probing, backward-shift
 * deletion) in one Int32Array, mapping an address to the handle of its earliest binding. The address words sit in
 * the table itself, so a lookup loads no socket. Consecutive addresses (the low GROUP_BITS bits of the last word)
 * take consecutive slots and only the rest of the address is hashed: binding addresses in sequence touches one
 * cache line after another, while unrelated address ranges spread over the table. Allocates only when it grows.
 */

/** log2 of the number of consecutive addresses kept in consecutive slots (8 IPv4 slots = one 64-byte line). */
const GROUP_BITS = 3;
const GROUP_MASK = (1 << GROUP_BITS) - 1;
/** Initial number of slots (a power of two, at least two groups). */
const MIN_SLOTS = 16;

/** Hash of the upper three words of an IPv6 address (0 for IPv4). */
function upperHash(w0: number, w1: number, w2: number): number {
  let h = Math.imul(w0 ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ w1 ^ (h >>> 13), 0xc2b2ae35);
  return Math.imul(h ^ w2 ^ (h >>> 16), 0x85ebca6b) ^ (h >>> 13);
}

/** Address -> handle of the earliest binding with that address, for one stack's addresses (1 or 4 words). */
export class AddrTable {
  /** Int32 words per slot: the address words, then the handle (0 = empty slot). */
  private readonly stride: number;
  /** The slots, `stride` words each. */
  private slots: Int32Array;
  /** Number of slots - 1. */
  private mask = 0;
  /** 32 - log2(number of groups): the shift taking a group's hash to a group index. */
  private shift = 0;
  /** Number of addresses held. */
  count = 0;

  /** A table of `words`-word addresses: 1 for IPv4, 4 for IPv6. */
  constructor(private readonly words: 1 | 4) {
    this.stride = words + 1;
    this.slots = this.alloc(MIN_SLOTS);
  }

  private alloc(n: number): Int32Array {
    this.mask = n - 1;
    this.shift = 32 - (31 - Math.clz32(n) - GROUP_BITS);
    return new Int32Array(n * this.stride);
  }

  /** The slot where an address's probe starts: its group's hashed position plus its offset in the group. */
  private home(w0: number, w1: number, w2: number, w3: number): number {
    const last = this.words === 1 ? w0 : w3;
    const upper = this.words === 1 ? 0 : upperHash(w0, w1, w2);
    const group = Math.imul((last >>> GROUP_BITS) ^ upper, 0x9e3779b1) >>> this.shift;
    return (group << GROUP_BITS) | (last & GROUP_MASK);
  }

  /** The home slot of the address stored at word offset `o` of a slot array. */
  private homeOf(t: Int32Array, o: number): number {
    return this.words === 1 ? this.home(t[o]!, 0, 0, 0) : this.home(t[o]!, t[o + 1]!, t[o + 2]!, t[o + 3]!);
  }

  /** The slot holding an address, or (when absent) the empty slot that ends its probe run. IPv4: w1-w3 unused. */
  probe(w0: number, w1: number, w2: number, w3: number): number {
    const t = this.slots;
    const stride = this.stride;
    const words = this.words;
    for (let i = this.home(w0, w1, w2, w3); ; i = (i + 1) & this.mask) {
      const o = i * stride;
      if (t[o + words] === 0) return i;
      if (t[o] === w0 && (words === 1 || (t[o + 1] === w1 && t[o + 2] === w2 && t[o + 3] === w3))) return i;
    }
  }

  /** Handle stored in a slot (0 = empty). */
  handleAt(slot: number): number {
    return this.slots[slot * this.stride + this.words]!;
  }

  /** Replace the handle of an occupied slot. */
  setHandle(slot: number, handle: number): void {
    this.slots[slot * this.stride + this.words] = handle;
  }

  /** Store an absent address with its handle (the table may grow: `slot` is then found again). */
  insert(slot: number, w0: number, w1: number, w2: number, w3: number, handle: number): void {
    if ((this.count + 1) * 2 > this.mask + 1) {
      this.grow();
      slot = this.probe(w0, w1, w2, w3);
    }
    const t = this.slots;
    const o = slot * this.stride;
    t[o] = w0;
    if (this.words === 4) { t[o + 1] = w1; t[o + 2] = w2; t[o + 3] = w3; }
    t[o + this.words] = handle;
    this.count++;
  }

  /** Empty an occupied slot, shifting back the later members of its probe run so that no lookup stops early. */
  remove(slot: number): void {
    const t = this.slots;
    const stride = this.stride;
    const words = this.words;
    let hole = slot;
    for (let j = (hole + 1) & this.mask; t[j * stride + words] !== 0; j = (j + 1) & this.mask) {
      const o = j * stride;
      const h = this.homeOf(t, o);
      // Move j into the hole unless its home lies cyclically in (hole, j].
      if (hole <= j ? h > hole && h <= j : h > hole || h <= j) continue;
      t.copyWithin(hole * stride, o, o + stride);
      hole = j;
    }
    t[hole * stride + words] = 0;
    this.count--;
  }

  private grow(): void {
    const old = this.slots;
    const stride = this.stride;
    const words = this.words;
    this.slots = this.alloc((this.mask + 1) * 2);
    for (let o = 0; o < old.length; o += stride) {
      if (old[o + words] === 0) continue;
      // Every address is distinct: its new slot is the first empty one from its home.
      let i = this.homeOf(old, o);
      while (this.slots[i * stride + words] !== 0) i = (i + 1) & this.mask;
      for (let k = 0; k < stride; k++) this.slots[i * stride + k] = old[o + k]!;
    }
  }
}
