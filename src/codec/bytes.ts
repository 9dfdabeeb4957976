/**
 * Little-endian scalar access on caller Buffers by byte operations: no views, no allocation.
 */

/** Read a little-endian ULONG at `off`. */
export function readUlong(b: Uint8Array, off: number): number {
  return (b[off]! | (b[off + 1]! << 8) | (b[off + 2]! << 16) | (b[off + 3]! << 24)) >>> 0;
}

/** Write a little-endian ULONG at `off` (the low 32 bits of `v`; a Uint8Array store keeps the low byte by itself). */
export function writeUlong(b: Uint8Array, off: number, v: number): void {
  b[off] = v;
  b[off + 1] = v >>> 8;
  b[off + 2] = v >>> 16;
  b[off + 3] = v >>> 24;
}

/** Write an unsigned value of `width` bytes (4 or 8; a SIZE_T or ULONG_PTR) little-endian at `off`. */
export function writeUintN(b: Uint8Array, off: number, v: number, width: number): void {
  writeUlong(b, off, v >>> 0);
  if (width === 8) writeUlong(b, off + 4, Math.floor(v / 0x100000000) >>> 0);
}

/** Read an unsigned value of `width` bytes (4 or 8) little-endian at `off`, as a number (exact below 2^53). */
export function readUintN(b: Uint8Array, off: number, width: number): number {
  const lo = readUlong(b, off);
  return width === 8 ? lo + readUlong(b, off + 4) * 0x100000000 : lo;
}

/** Read an unsigned value of `width` bytes (4 or 8) little-endian at `off`, exactly, as a bigint. */
export function readUintNBig(b: Uint8Array, off: number, width: number): bigint {
  const lo = BigInt(readUlong(b, off));
  return width === 8 ? lo | (BigInt(readUlong(b, off + 4)) << 32n) : lo;
}
