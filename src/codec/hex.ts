/**
 * Hex text <-> bytes, and a rendering of the first difference between two byte strings.
 */

/** Parse hex text (spaces ignored, either case); null when it is not an even-length hex string. */
export function parseHex(text: string): Buffer | null {
  const clean = text.replace(/\s+/g, '');
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) return null;
  return Buffer.from(clean, 'hex');
}

/** Lowercase hex of bytes, no separators. */
export function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

/** Hex form of an unsigned 32-bit value, 0x-prefixed and 8 digits. */
export function hex32(v: number): string {
  return `0x${(v >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

/** Offset of the first differing byte (or the shorter length when one is a prefix), -1 when equal. */
export function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

/** Spaced hex of `b` with the byte at `mark` bracketed, windowed to 16 bytes either side. */
export function markedHex(b: Uint8Array, mark: number): string {
  const from = Math.max(0, mark - 16);
  const to = Math.min(b.length, mark + 17);
  const parts: string[] = [];
  if (from > 0) parts.push('…');
  for (let i = from; i < to; i++) {
    const h = b[i]!.toString(16).padStart(2, '0');
    parts.push(i === mark ? `[${h}]` : h);
  }
  if (mark >= b.length) parts.push('[]');
  if (to < b.length) parts.push('…');
  return parts.join(' ');
}
