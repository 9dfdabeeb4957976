/**
 * Generic structure images driven by abi/structs.ts: field values in, the bytes C code lays down out.
 */
import type { ArchName, FieldSpec } from '../../abi/schema';
import { STRUCTS, type StructName } from '../../abi/structs';
import { AbiUsageError } from '../errors';
import { archSize } from './layout';

/** Value of one field: an unsigned integer (number or bigint) for 'le'/'be' fields, raw bytes for any field. */
export type FieldValue = number | bigint | Uint8Array | readonly number[];

/** Field values by field name; fields left out are zero, as in a C initialiser. */
export type FieldValues = { readonly [field: string]: FieldValue };

function fieldOf(layoutName: StructName, name: string): FieldSpec {
  const f = (STRUCTS[layoutName].fields as readonly FieldSpec[]).find((x) => x.name === name);
  if (!f) throw new AbiUsageError(`${layoutName} has no field ${name}`);
  return f;
}

function writeInteger(out: Uint8Array, off: number, size: number, order: 'le' | 'be', v: bigint, what: string): void {
  if (v < 0n || v >= 1n << BigInt(8 * size)) throw new AbiUsageError(`${what}: ${v} does not fit in ${size} bytes`);
  for (let i = 0; i < size; i++) {
    const byte = Number((v >> BigInt(8 * i)) & 0xffn);
    out[order === 'le' ? off + i : off + size - 1 - i] = byte;
  }
}

/**
 * The image of structure `layoutName` (abi/structs.ts) on `arch`: zero-filled, each given field written at its
 * offset in its byte order ('le' little-endian, 'be' network order); byte values are copied as they are and may
 * be shorter than the field (the rest stays zero, like a partial C array initialiser).
 */
export function encodeStruct(layoutName: StructName, arch: ArchName, values: FieldValues): Buffer {
  const layout = STRUCTS[layoutName];
  if (!layout) throw new AbiUsageError(`unknown structure layout ${JSON.stringify(layoutName)}`);
  const out = Buffer.alloc(archSize(layout.size, arch));
  for (const [name, value] of Object.entries(values)) {
    const f = fieldOf(layoutName, name);
    const off = archSize(f.offset, arch);
    const size = archSize(f.size, arch);
    const what = `${layoutName}.${name} (${arch})`;
    if (typeof value === 'number' || typeof value === 'bigint') {
      if (f.order === 'bytes') throw new AbiUsageError(`${what} is a byte field: give its bytes`);
      if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new AbiUsageError(`${what}: ${value} is not an integer`);
      writeInteger(out, off, size, f.order, BigInt(value), what);
    } else {
      if (value.length > size) throw new AbiUsageError(`${what}: ${value.length} bytes given for a ${size}-byte field`);
      for (let i = 0; i < value.length; i++) {
        const b = value[i]!;
        if (!Number.isInteger(b) || b < 0 || b > 255) throw new AbiUsageError(`${what}: byte ${i} is ${b}`);
        out[off + i] = b;
      }
    }
  }
  return out;
}
