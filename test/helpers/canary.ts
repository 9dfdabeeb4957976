/**
 * Canary buffers for byte-exact tests: prefilled with 0xcc so untouched bytes are visible.
 */

/** A buffer of `size` bytes, each set to `byte` (default 0xcc). */
export function canary(size: number, byte = 0xcc): Buffer {
  return Buffer.alloc(size, byte);
}

/** Hex of a buffer, for exact whole-buffer assertions. */
export function hexOf(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

/** Hex from a spaced hex literal (spaces ignored). */
export function h(text: string): string {
  return text.replace(/\s+/g, '').toLowerCase();
}
