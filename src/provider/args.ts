/**
 * Conversion of TypeScript-API arguments into the C values they stand for; only misuse of the API throws.
 * Each function is a tiny fast path plus a separate slow path, so the hot path inlines it.
 */
import { AbiUsageError } from '../errors';
import type { ArchLayout } from '../codec/layout';

/** A ULONG-typed argument (accepting the int32 spelling, e.g. -5 for SO_EXCLUSIVEADDRUSE). */
export function ulongArg(v: number, name: string): number {
  return (v >>> 0) === v ? v : ulongSlow(v, name);
}

function ulongSlow(v: number, name: string): number {
  if (typeof v === 'number' && Math.floor(v) === v && v >= -0x80000000 && v <= 0xffffffff) return v >>> 0;
  throw new AbiUsageError(`${name} must be a 32-bit integer, got ${typeof v === 'number' ? v : typeof v}`);
}

/** A pointer-to-buffer argument: null, undefined and a zero-length buffer are all NULL. */
export function bufferArg(b: Uint8Array | null | undefined, name: string): Uint8Array | null {
  return b === null || b === undefined ? null : b instanceof Uint8Array ? (b.length === 0 ? null : b) : bufferSlow(b, name);
}

function bufferSlow(b: unknown, name: string): never {
  throw new AbiUsageError(`${name} must be a Buffer/Uint8Array, null or undefined, got ${typeof b}`);
}

/** A SIZE_T argument as a number (exact below 2^53; larger x64 values only compare as "huge"). */
export function sizeArg(L: ArchLayout, v: number | bigint, name: string): number {
  return typeof v === 'number' && (v >>> 0) === v ? v : sizeSlow(L, v, name);
}

function sizeSlow(L: ArchLayout, v: number | bigint, name: string): number {
  if (typeof v === 'number') {
    if (L.sizeT === 8 && Number.isSafeInteger(v) && v >= 0) return v;
  } else if (typeof v === 'bigint') {
    if (v >= 0n && v < L.sizeTLimit) return Number(v);
  }
  throw new AbiUsageError(`${name} must be a SIZE_T of ${L.arch.name} (0 to 2^${L.sizeT * 8}-1), got ${String(v)}`);
}
