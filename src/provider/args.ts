/**
 * Conversion of TypeScript-API arguments into the C values they stand for; only misuse of the API throws
 * (AbiUsageError), and it throws before the call changes anything (policy api-boundary).
 * Each function is a tiny fast path plus a separate slow path, so the hot path inlines it.
 */
import { AbiUsageError } from '../errors';
import type { ArchLayout } from '../codec/layout';

/** A ULONG-typed argument (accepting the int32 spelling, e.g. -5 for SO_EXCLUSIVEADDRUSE). */
export function ulongArg(v: number, name: string): number {
  return typeof v === 'number' && (v >>> 0) === v ? v : ulongSlow(v, name);
}

function ulongSlow(v: unknown, name: string): number {
  if (typeof v === 'number' && Math.floor(v) === v && v >= -0x80000000 && v <= 0xffffffff) return v >>> 0;
  throw new AbiUsageError(`${name} must be a 32-bit integer, got ${describe(v)}`);
}

/** A pointer-to-buffer argument: null, undefined and a zero-length buffer are all NULL. */
export function bufferArg(b: Uint8Array | null | undefined, name: string): Uint8Array | null {
  return b === null || b === undefined ? null : isUint8Array(b) ? (b.length === 0 ? emptyBuffer(b, name) : b) : bufferSlow(b, name);
}

/** A byte-string argument of the harness (not a C pointer): a Uint8Array, empty allowed, not detached. */
export function bytesArg(b: Uint8Array, name: string): Uint8Array {
  if (!isUint8Array(b)) bufferSlow(b, name);
  if (b.length === 0) emptyBuffer(b, name);
  return b;
}

/**
 * A real Uint8Array (Buffer included): an object carrying the typed-array internal slots, not merely
 * Uint8Array.prototype (whose length getter throws a TypeError on anything else), and no Proxy.
 */
function isUint8Array(b: unknown): b is Uint8Array {
  return ArrayBuffer.isView(b) && b instanceof Uint8Array;
}

/** A zero-length buffer is NULL; one whose memory was detached (transferred away) is misuse. */
function emptyBuffer(b: Uint8Array, name: string): null {
  if (isDetached(b.buffer)) throw new AbiUsageError(`${name} is a detached buffer (its memory was transferred away)`);
  return null;
}

/** Whether an ArrayBuffer was detached (slice throws only then; Node 20 has no ArrayBuffer.prototype.detached). */
function isDetached(ab: ArrayBufferLike): boolean {
  if (ab.byteLength !== 0) return false;
  try { ab.slice(0, 0); return false; } catch { return true; }
}

function bufferSlow(b: unknown, name: string): never {
  throw new AbiUsageError(`${name} must be a Buffer/Uint8Array, null or undefined, got ${describe(b)}`);
}

/** A SIZE_T argument as a number (exact below 2^53; larger x64 values only compare as "huge"). */
export function sizeArg(L: ArchLayout, v: number | bigint, name: string): number {
  return typeof v === 'number' && (v >>> 0) === v ? v : sizeSlow(L, v, name);
}

function sizeSlow(L: ArchLayout, v: unknown, name: string): number {
  if (typeof v === 'number') {
    if (L.sizeT === 8 && Number.isSafeInteger(v) && v >= 0) return v;
  } else if (typeof v === 'bigint') {
    if (v >= 0n && v < L.sizeTLimit) return Number(v);
  }
  throw new AbiUsageError(`${name} must be a SIZE_T of ${L.arch.name} (0 to 2^${L.sizeT * 8}-1), got ${describe(v)}`);
}

/** A handle argument (a socket or a cached security descriptor): any integer number; anything else is misuse. */
export function handleArg(v: number, name: string): number {
  return typeof v === 'number' && Number.isInteger(v) ? v : handleSlow(v, name);
}

function handleSlow(v: unknown, name: string): never {
  throw new AbiUsageError(`${name} must be an integer handle number, got ${describe(v)}`);
}

/** The owner of a new socket: a non-empty principal name, 'system' when omitted; anything else is misuse. */
export function ownerArg(v: string | undefined): string {
  const owner = v ?? 'system';
  if (typeof owner !== 'string' || owner === '') throw new AbiUsageError('owner must be a non-empty string');
  return owner;
}

/** A value as a short text for a one-line message (never calls the value's own conversions). */
function describe(v: unknown): string {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'bigint') return `bigint ${v}n`;
  if (typeof v === 'string') return `string ${JSON.stringify(v.length > 20 ? `${v.slice(0, 20)}...` : v)}`;
  if (v === null) return 'null';
  if (typeof v === 'object') return ArrayBuffer.isView(v) ? v.constructor.name : Array.isArray(v) ? 'an array' : 'an object';
  return typeof v;
}
