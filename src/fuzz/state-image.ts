/**
 * Numeric images of the socket state a case can observe: the endpoint count, then per socket handle of the case (in
 * creation order) SOCKET_WORDS words: live, the option slots, bound, port, four address words, scope id,
 * forced-closed. Two images are equal exactly when the observable state is; the sharing checks read bound addresses,
 * options and descriptors from them.
 */
import { AF } from '../codec/names';
import type { WskProvider } from '../provider/provider';
import { OPTION_STATE_SLOTS } from '../provider/socket';

const SLOTS = OPTION_STATE_SLOTS;

/** Words of one socket in a state image. */
export const SOCKET_WORDS = 1 + OPTION_STATE_SLOTS + 8;
/** Offset of a socket's words: live flag. */
export const W_LIVE = 0;
/** Offset of a socket's first option slot. */
export const W_OPTIONS = 1;
/** Offsets of bound, port, address words w0..w3, scope id and forced-closed. */
export const W_BOUND = 1 + OPTION_STATE_SLOTS;
export const W_PORT = W_BOUND + 1;
export const W_ADDR = W_BOUND + 2;
export const W_SCOPE = W_BOUND + 6;
export const W_FORCED = W_BOUND + 7;

/** Offset of socket `i` (creation order) in an image. */
export function socketAt(i: number): number {
  return 1 + i * SOCKET_WORDS;
}

/** The sockets an image covers: the first n handles (a World). */
export interface Handles {
  readonly n: number;
  readonly handles: readonly number[];
}

/** Write the state image of the sockets of `ws` into `img` (large enough: 1 + ws.n * SOCKET_WORDS); returns its length. */
export function snapshot(p: WskProvider, ws: Handles, img: Uint32Array): number {
  img[0] = p.endpoints.size;
  let w = 1;
  const handles = ws.handles;
  for (let i = 0; i < ws.n; i++) {
    const s = p.inspect(handles[i]!);
    if (s === undefined) {
      for (let j = 0; j < SOCKET_WORDS; j++) img[w + j] = 0;
    } else {
      img[w] = 1;
      img.set(s.options, w + W_OPTIONS);
      const b = w + W_BOUND;
      if (s.bound) {
        const v6 = s.family === AF.AF_INET6;
        img[b] = 1; img[b + 1] = s.port; img[b + 2] = s.w0;
        img[b + 3] = v6 ? s.w1 : 0; img[b + 4] = v6 ? s.w2 : 0; img[b + 5] = v6 ? s.w3 : 0; img[b + 6] = v6 ? s.scopeId : 0;
      } else {
        img[b] = 0; img[b + 1] = 0; img[b + 2] = 0; img[b + 3] = 0; img[b + 4] = 0; img[b + 5] = 0; img[b + 6] = 0;
      }
      img[b + 7] = s.forcedClosed ? 1 : 0;
    }
    w += SOCKET_WORDS;
  }
  return w;
}

/** Whether two images are equal. */
export function sameImage(a: Uint32Array, aLen: number, b: Uint32Array, bLen: number): boolean {
  if (aLen !== bLen) return false;
  for (let i = 0; i < aLen; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The state image after the last step (`cur`) and, when the step changed it, the one before (`prev`), kept up to
 * date word by word without allocation.
 */
export class StateImages {
  cur = new Uint32Array(1 + 16 * SOCKET_WORDS);
  prev = new Uint32Array(1 + 16 * SOCKET_WORDS);
  curLen = 0;
  prevLen = 0;
  /** Whether the last refresh changed the image (prev then holds the image before it). */
  changed = false;

  /** Start a run: the image of the provider now. */
  reset(p: WskProvider, ws: Handles): void {
    const need = 1 + ws.n * SOCKET_WORDS;
    if (this.cur.length < need) this.cur = new Uint32Array(2 * need);
    this.curLen = snapshot(p, ws, this.cur);
    this.changed = false;
  }

  /** The image before the last step. */
  get before(): Uint32Array {
    return this.changed ? this.prev : this.cur;
  }

  /** Length of the image before the last step. */
  get beforeLen(): number {
    return this.changed ? this.prevLen : this.curLen;
  }

  /** Bring `cur` up to date with the provider; when it differs, `cur` is saved into `prev` first. Sets `changed`. */
  refresh(p: WskProvider, ws: Handles): void {
    this.changed = false;
    if (this.same(p, ws)) return;
    this.save(1 + ws.n * SOCKET_WORDS);
    this.curLen = snapshot(p, ws, this.cur);
  }

  /** Whether `cur` is the image of the provider now (compared word by word, nothing written). */
  same(p: WskProvider, ws: Handles): boolean {
    const c = this.cur;
    const n = ws.n;
    if (1 + n * SOCKET_WORDS !== this.curLen || c[0] !== p.endpoints.size >>> 0) return false;
    const hs = ws.handles;
    let w = 1;
    for (let i = 0; i < n; i++, w += SOCKET_WORDS) {
      const s = p.inspect(hs[i]!);
      if (s === undefined) {
        if (c[w] !== 0) return false;
        continue;
      }
      if (c[w] !== 1) return false;
      const o = s.options;
      for (let j = 0; j < SLOTS; j++) if (c[w + 1 + j] !== o[j]) return false;
      const b = w + W_BOUND;
      if (s.bound) {
        const v6 = s.family === AF.AF_INET6;
        if (c[b] !== 1 || c[b + 1] !== s.port >>> 0 || c[b + 2] !== s.w0 >>> 0 || c[b + 3] !== (v6 ? s.w1 >>> 0 : 0) || c[b + 4] !== (v6 ? s.w2 >>> 0 : 0)
          || c[b + 5] !== (v6 ? s.w3 >>> 0 : 0) || c[b + 6] !== (v6 ? s.scopeId >>> 0 : 0)) return false;
      } else if (c[b] !== 0 || c[b + 1] !== 0 || c[b + 2] !== 0 || c[b + 3] !== 0 || c[b + 4] !== 0 || c[b + 5] !== 0 || c[b + 6] !== 0) {
        return false;
      }
      if (c[b + 7] !== (s.forcedClosed ? 1 : 0)) return false;
    }
    return true;
  }

  /** At the first difference of a refresh: keep the old image in prev and make room in cur. */
  private save(need: number): void {
    if (this.changed) return;
    this.changed = true;
    if (this.prev.length < this.curLen) this.prev = new Uint32Array(2 * this.curLen);
    const c = this.cur;
    const d = this.prev;
    for (let i = 0, n = this.curLen; i < n; i++) d[i] = c[i]!;
    this.prevLen = this.curLen;
    if (this.cur.length < need) { const y = new Uint32Array(2 * need); y.set(this.cur); this.cur = y; }
    this.curLen = need;
  }
}
