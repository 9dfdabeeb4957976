/**
 * The on-disk JSON shape of `wsksim/vectors@1` (docs/VECTORS.md) as plain objects, so that fuzz cases are
 * vectors: generated, replayed, shrunk and written back as files without a second representation.
 */
import type { PolicyPresetName } from '../../abi/policy';
import { VECTOR_FORMAT } from '../vectors/types';

/** A JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

/** One step object of a vector, as written in a file. */
export type StepJson = { op: string } & { [k: string]: JsonValue };

/** One vector object, as written in a file. */
export interface VectorJson {
  id: string;
  source: string;
  arch: 'x86' | 'x64';
  profile: 'wsk' | 'winsock' | 'winsock-xp';
  policy: PolicyPresetName;
  completion: 'inline' | 'pending';
  recorded?: boolean;
  steps: StepJson[];
  [k: `x-${string}`]: JsonValue;
}

/** A vector file, as written on disk. */
export interface VectorFileJson {
  format: typeof VECTOR_FORMAT;
  title: string;
  vectors: VectorJson[];
  [k: `x-${string}`]: JsonValue;
}

/** A SIZE_T or other 64-bit value in a vector: a JSON number when exact, otherwise a decimal string. */
export function jsonSize(v: bigint): number | string {
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
}

/** Parse a number field written by jsonSize (or by hand as a number, decimal or 0x string). */
export function parseJsonSize(v: JsonValue | undefined): bigint {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
  if (typeof v === 'string' && /^(0x[0-9a-fA-F]+|\d+)$/.test(v.trim())) return BigInt(v.trim());
  throw new Error(`not a size: ${JSON.stringify(v)}`);
}

/** Wrap vectors into a file object. */
export function vectorFile(title: string, vectors: VectorJson[], extra: { [k: `x-${string}`]: JsonValue } = {}): VectorFileJson {
  return { format: VECTOR_FORMAT, title, ...extra, vectors };
}
