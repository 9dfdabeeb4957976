/**
 * Caller memory of fuzz runs: every caller buffer of a case is carved out of one preallocated arena, with GUARD
 * guard bytes on each side. A shadow arena holds what the live arena may hold (initial images, plus what the provider
 * was entitled to write once that was checked), so that "nothing else changed" is one comparison. A third region
 * keeps the initial image of every buffer; the replay run of the same case (invariant `deterministic`) starts from it in
 * the live region, with the very views the checked run handed out, while the shadow keeps what the checked run left.
 */

/** Bytes around every caller buffer that must stay as they are. */
export const GUARD = 16;
/** Value of the guard bytes. */
export const GUARD_BYTE = 0x5a;
/** Four guard bytes as one Int32Array element (a leading guard is four such words). */
const GUARD_WORD = (GUARD_BYTE * 0x01010101) | 0;
/**
 * Views cached per arena offset, VIEW_WAYS lengths each, for offsets below VIEW_CACHED_BELOW (cases rarely use more of
 * the arena). Indexed by offset rather than by a hash of (offset, length): consecutive buffers then use neighbouring
 * entries, which stay in the CPU's caches (a hashed table missed fewer views but waited for memory on most lookups).
 */
const VIEW_WAYS = 8;
const VIEW_CACHED_BELOW = 65536;
/** Alignment of each buffer's leading guard in the arena. */
const SLOT = 8;
/** Largest buffer a fill template covers. */
const TEMPLATE_BYTES = 4096;
if (GUARD !== 16) throw new Error('the arena writes leading guards as four 32-bit words');

/** Arena bytes needed for buffers of these lengths. */
export function arenaBytesFor(lengths: Iterable<number>): number {
  let n = 2 * GUARD + 64;
  for (const l of lengths) n += l + SLOT + 2 * GUARD;
  return (n + 63) & ~63;
}

/** The guard-banded caller memory of one case engine. */
export class Arena {
  /** The caller memory of both runs. */
  readonly live: Buffer;
  /** What the live arena may hold after the last checked step; during the replay, what the checked run left. */
  readonly shadow: Buffer;
  /** The initial image of every buffer the checked run handed to the provider (what the replay starts from). */
  readonly initial: Buffer;
  /** All three regions as one array: live at 0, shadow at size, initial at 2 * size; fill templates after them. */
  readonly mem: Uint8Array;
  private readonly words: Int32Array;
  private readonly dv: DataView;
  readonly size: number;
  /** Which run the buffers are carved for: 1 (checked, mirrored into the shadow) or 2 (replay). */
  pass = 1;
  /** Bytes of the region in use. */
  used = 0;
  /** Bytes of the live region already copied into the shadow and the initial region (mirror()). */
  private mirrored = 0;
  /** Buffers of the checked run whose initial bytes mirror() kept (the replay carves them unfilled). */
  private replayBufs = 0;
  /** Bytes of the live region the checked run used (the replay compares them). */
  usedFirst = 0;
  /** Whether the last buffer the replay carved already held its initial bytes. */
  private prefilled = false;
  // ---- buffers of the current case: offset in the region, length, name, step, pending flag ----
  readonly bufOff: number[] = [];
  readonly bufLen: number[] = [];
  readonly bufName: string[] = [];
  readonly bufStep: number[] = [];
  /** The view of each buffer handed to the provider by the checked run (the replay hands the same one again). */
  private readonly bufView: (Uint8Array | undefined)[] = [];
  /** Per buffer: 1 while it belongs to a call whose IRP is pending (its shadow keeps the initial image). */
  private bufPending = new Uint8Array(256);
  nBuf = 0;
  /** Step index recorded with each new buffer. */
  step = 0;
  /** Offsets of the fill templates in mem, by fill byte (-1: not built). */
  private readonly templates = new Int32Array(256).fill(-1);
  private templateNext: number;
  private readonly views: (Uint8Array | undefined)[];
  /** Per cache entry: the length of its view (-1: empty). */
  private readonly viewLen: Int32Array;
  private viewNext = 0;

  constructor(size: number) {
    size = (size + 63) & ~63;
    const ab = new ArrayBuffer(3 * size + 8 * (GUARD + TEMPLATE_BYTES + 16));
    this.templateNext = 3 * size;
    this.mem = new Uint8Array(ab);
    this.words = new Int32Array(ab);
    this.dv = new DataView(ab);
    this.views = new Array<Uint8Array | undefined>((VIEW_CACHED_BELOW >> 3) * VIEW_WAYS).fill(undefined);
    this.viewLen = new Int32Array((VIEW_CACHED_BELOW >> 3) * VIEW_WAYS).fill(-1);
    this.size = size;
    this.live = Buffer.from(ab, 0, size);
    this.shadow = Buffer.from(ab, size, size);
    this.initial = Buffer.from(ab, 2 * size, size);
  }

  /**
   * Start carving a run's buffers. The replay (pass 2) first saves what the checked run left into the shadow and puts
   * the initial images back into the live region.
   */
  begin(pass: number): void {
    if (pass === 2) {
      const m = this.mem;
      const u = this.used;
      this.usedFirst = u;
      m.copyWithin(this.size, 0, u);
      m.copyWithin(0, 2 * this.size, 2 * this.size + this.mirrored);
    } else {
      this.replayBufs = 0;
    }
    this.pass = pass;
    this.used = 0;
    this.mirrored = 0;
    this.nBuf = 0;
  }

  /** Carve a buffer of `len` bytes filled with `fill`, with GUARD guard bytes on each side; returns its index. */
  alloc(name: string, len: number, fill: number): number {
    const m = this.mem;
    const w = this.words;
    const start = this.used;
    // Leading guards start at multiples of SLOT bytes: word-aligned buffers (word-wise comparisons), and offsets that
    // repeat from case to case, so that the views handed to the provider can be reused.
    const g = (start + SLOT - 1) & -SLOT;
    const off = g + GUARD;
    const end = off + len;
    const stop = end + GUARD;
    if (stop > this.size) throw new Error(`fuzz case too large for the arena (${stop} > ${this.size} bytes)`);
    if (this.pass === 2 && this.nBuf < this.replayBufs && this.bufOff[this.nBuf] === off && this.bufLen[this.nBuf] === len) {
      // The replay carves what the checked run carved, where begin(2) put the initial bytes back.
      this.prefilled = true;
      this.nBuf++;
      this.used = stop;
      return this.nBuf - 1;
    }
    // The live region gets the bytes; in the checked run mirror() copies them into the shadow and the initial region
    // before the call. A replay that went another way carves from here on as the checked run did.
    if (this.pass === 2) { this.replayBufs = 0; this.prefilled = false; }
    const GW = GUARD_WORD;
    this.fillBytes(start, g - start, GUARD_BYTE);
    const k = g >> 2;
    w[k] = GW; w[k + 1] = GW; w[k + 2] = GW; w[k + 3] = GW;
    if (len <= 64 || len > TEMPLATE_BYTES) {
      this.fillBytes(off, len, fill);
    } else {
      const t = this.template(fill) + GUARD;
      m.copyWithin(off, t, t + len);
    }
    this.guardAt(end);
    const i = this.nBuf++;
    this.bufOff[i] = off;
    this.bufLen[i] = len;
    this.bufName[i] = name;
    this.bufStep[i] = this.step;
    this.bufView[i] = undefined;
    if (i >= this.bufPending.length) { const x = new Uint8Array(2 * i); x.set(this.bufPending); this.bufPending = x; }
    this.bufPending[i] = 0;
    this.used = stop;
    return i;
  }

  /** An input buffer: `value` as a little-endian ULONG (truncated to `len`), then `tail` bytes. */
  allocInput(len: number, value: number, tail: number): number {
    const b = this.alloc('input', len, tail);
    if (this.holdsInitial()) return b;
    const a = this.live;
    const off = this.bufOff[b]!;
    const v = value >>> 0;
    for (let i = 0; i < 4 && i < len; i++) a[off + i] = (v >>> (8 * i)) & 0xff;
    return b;
  }

  /** A buffer holding `len` bytes: the image, cut or extended with `fill`. */
  allocBytes(name: string, img: Uint8Array, len: number, fill = 0): number {
    const b = this.alloc(name, len, fill);
    if (!this.holdsInitial()) this.write(b, img);
    return b;
  }

  /** Whether the buffer just carved already holds its initial bytes (the replay carving what the checked run carved). */
  holdsInitial(): boolean {
    return this.pass === 2 && this.prefilled;
  }

  /** Write the start of buffer b: as much of `img` as fits. */
  write(b: number, img: Uint8Array): void {
    const off = this.bufOff[b]!;
    const n = Math.min(this.bufLen[b]!, img.length);
    const a = this.live;
    if (n <= 64) for (let i = 0; i < n; i++) a[off + i] = img[i]!;
    else a.set(img.subarray(0, n), off);
  }

  /**
   * In the checked run, copy the buffers carved since the last mirror (with their guards) into the shadow and the
   * initial region: called once per step, after its buffers are carved and before the provider sees them.
   */
  mirror(): void {
    if (this.pass !== 1 || this.mirrored === this.used) return;
    const m = this.mem;
    m.copyWithin(this.size + this.mirrored, this.mirrored, this.used);
    m.copyWithin(2 * this.size + this.mirrored, this.mirrored, this.used);
    this.mirrored = this.used;
    this.replayBufs = this.nBuf;
  }

  /** Write the GUARD guard bytes starting at `at` (any alignment). */
  private guardAt(at: number): void {
    const d = this.dv;
    d.setInt32(at, GUARD_WORD, true);
    d.setInt32(at + 4, GUARD_WORD, true);
    d.setInt32(at + 8, GUARD_WORD, true);
    d.setInt32(at + 12, GUARD_WORD, true);
  }

  /** Fill `len` bytes at `at` with `v` (4 at a time). */
  private fillBytes(at: number, len: number, v: number): void {
    const d = this.dv;
    const word = (v * 0x01010101) | 0;
    let i = at;
    const e = at + len;
    for (; i + 4 <= e; i += 4) d.setInt32(i, word, true);
    for (; i < e; i++) this.mem[i] = v;
  }

  /** Offset in mem of GUARD guard bytes followed by TEMPLATE_BYTES + 16 bytes of `fill` (built on first use). */
  private template(fill: number): number {
    let t = this.templates[fill]!;
    if (t < 0) {
      t = this.templateNext;
      this.templateNext += GUARD + TEMPLATE_BYTES + 16;
      if (this.templateNext > this.mem.length) throw new Error('no room for another fill template');
      this.mem.fill(GUARD_BYTE, t, t + GUARD);
      this.mem.fill(fill, t + GUARD, t + GUARD + TEMPLATE_BYTES + 16);
      this.templates[fill] = t;
    }
    return t;
  }

  /** The view of buffer `b` handed to the provider (null for -1); views repeat with the layouts of cases. */
  view(b: number): Uint8Array | null {
    if (b < 0) return null;
    if (this.pass === 2) {
      const v = this.bufView[b];
      // The checked run's buffer b, at the same place with the same length: its view again.
      if (v !== undefined && b < this.replayBufs) return v;
    }
    const off = this.bufOff[b]!;
    const len = this.bufLen[b]!;
    let v: Uint8Array | undefined;
    if (off >= VIEW_CACHED_BELOW) {
      v = new Uint8Array(this.mem.buffer, off, len);
    } else {
      const i = (off >> 3) * VIEW_WAYS;
      const vl = this.viewLen;
      for (let j = i; j < i + VIEW_WAYS; j++) if (vl[j] === len) { v = this.views[j]!; break; }
      if (v === undefined) {
        v = new Uint8Array(this.mem.buffer, off, len);
        const k = i + (this.viewNext++ & (VIEW_WAYS - 1));
        this.views[k] = v;
        vl[k] = len;
      }
    }
    if (this.pass === 1) this.bufView[b] = v;
    return v;
  }

  /** Live bytes of buffer `b` (a view of the live region; checks run on the checked pass). */
  bytes(b: number): Uint8Array {
    const off = this.bufOff[b]!;
    return this.live.subarray(off, off + this.bufLen[b]!);
  }

  /** Whether bytes [from, from+len) of buffer b equal its image in the shadow. */
  unchanged(b: number, from: number, len: number): boolean {
    return this.sameAsShadow(this.bufOff[b]! + from, len);
  }

  /** Whether `len` live bytes at `s` equal the shadow's. */
  sameAsShadow(s: number, len: number): boolean {
    const m = this.mem;
    const H = this.size;
    let i = s;
    const e = s + len;
    if ((i & 3) === 0 && len >= 16) {
      const w = this.words;
      const hw = H >> 2;
      const we = i + (len & ~3);
      for (let k = i >> 2, ke = we >> 2; k < ke; k++) if (w[k] !== w[hw + k]) return false;
      i = we;
    }
    for (; i < e; i++) if (m[i] !== m[H + i]) return false;
    return true;
  }

  /** Buffer b belongs to a pending call: its shadow keeps the initial image until the completion is checked. */
  markPending(b: number): void {
    if (b >= 0) this.bufPending[b] = 1;
  }

  /** A buffer's bytes were checked: copy them into the shadow, and it is no longer a pending call's. */
  settle(b: number): void {
    if (b < 0) return;
    this.bufPending[b] = 0;
    const from = this.bufOff[b]!;
    const to = from + this.bufLen[b]!;
    const m = this.mem;
    const h = this.size;
    if (to - from > 16) m.copyWithin(h + from, from, to);
    else for (let i = from; i < to; i++) m[h + i] = m[i]!;
  }

  /** Whether any live byte differs from the shadow (after settling, a difference is a guard byte or an input). */
  differs(): boolean {
    if (this.used === 0) return false;
    return this.live.compare(this.shadow, 0, this.used, 0, this.used) !== 0;
  }

  /** Offset (relative to the buffer) of the first changed guard byte of buffer b, or NaN. */
  brokenGuard(b: number): number {
    const a = this.mem;
    const off = this.bufOff[b]!;
    const end = off + this.bufLen[b]!;
    for (let i = off - GUARD; i < off; i++) if (a[i] !== GUARD_BYTE) return i - off;
    for (let i = end; i < end + GUARD; i++) if (a[i] !== GUARD_BYTE) return i - off;
    return NaN;
  }

  /**
   * Make the shadow equal to every live byte, except guards (always GUARD_BYTE there, and restored in the live
   * arena) and buffers of pending calls (their initial images are still needed).
   */
  resync(): void {
    const m = this.mem;
    const H = this.size;
    let from = 0;
    for (let b = 0; b < this.nBuf; b++) {
      const off = this.bufOff[b]!;
      const end = off + this.bufLen[b]!;
      if (this.bufPending[b] === 1) { m.copyWithin(H + from, from, off); from = end; }
    }
    m.copyWithin(H + from, from, this.used);
    for (let b = 0; b < this.nBuf; b++) {
      const off = this.bufOff[b]!;
      const end = off + this.bufLen[b]!;
      m.fill(GUARD_BYTE, H + off - GUARD, H + off);
      m.fill(GUARD_BYTE, H + end, H + end + GUARD);
      m.fill(GUARD_BYTE, off - GUARD, off);
      m.fill(GUARD_BYTE, end, end + GUARD);
    }
  }

  /** After the replay: whether it left the same bytes in every caller buffer as the checked run (guards are not compared). */
  sameAsReplay(): boolean {
    const used = this.usedFirst;
    if (this.live.compare(this.shadow, 0, used, 0, used) === 0) return true;
    for (let b = 0; b < this.nBuf; b++) {
      const off = this.bufOff[b]!;
      const end = off + this.bufLen[b]!;
      if (this.live.compare(this.shadow, off, end, off, end) !== 0) return false;
    }
    return true;
  }

  /** FNV-1a of the first `len` bytes of a region (for messages). */
  fingerprint(region: Buffer, len: number): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < len; i++) h = Math.imul(h ^ region[i]!, 16777619) >>> 0;
    return h;
  }
}
