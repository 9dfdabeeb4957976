/**
 * Structure layouts of abi/structs.ts resolved for one architecture.
 */
import { ARCHES } from '../../abi/arch';
import type { ArchName, ArchSize, ArchSpec } from '../../abi/schema';
import { STRUCTS } from '../../abi/structs';
import { AbiUsageError } from '../errors';

/** Resolve an ArchSize for one architecture. */
export function archSize(size: ArchSize, arch: ArchName): number {
  return typeof size === 'number' ? size : size[arch];
}

/** Byte offset of a field of a structure for one architecture. */
export function fieldOffset(struct: keyof typeof STRUCTS, field: string, arch: ArchName): number {
  const f = (STRUCTS[struct].fields as readonly { name: string; offset: ArchSize }[]).find((x) => x.name === field);
  if (!f) throw new AbiUsageError(`${struct} has no field ${field}`);
  return archSize(f.offset, arch);
}

/** Sizes and offsets the provider needs on every call, resolved once per architecture. */
export interface ArchLayout {
  readonly arch: ArchSpec;
  readonly sizeT: number;
  readonly sizeofIrp: number;
  /** Offset of IoStatus.Status inside the IRP. */
  readonly irpStatusOffset: number;
  /** Offset of IoStatus.Information inside the IRP. */
  readonly irpInformationOffset: number;
  readonly ulongPtr: number;
  /** Largest SIZE_T value plus one (2^32 or 2^64), as a bigint. */
  readonly sizeTLimit: bigint;
}

function resolve(name: ArchName): ArchLayout {
  const ioStatus = fieldOffset('IRP', 'IoStatus', name);
  return Object.freeze({
    arch: ARCHES[name],
    sizeT: archSize(STRUCTS.SIZE_T.size, name),
    sizeofIrp: archSize(STRUCTS.IRP.size, name),
    irpStatusOffset: ioStatus + fieldOffset('IO_STATUS_BLOCK', 'Status', name),
    irpInformationOffset: ioStatus + fieldOffset('IO_STATUS_BLOCK', 'Information', name),
    ulongPtr: ARCHES[name].ulongPtr,
    sizeTLimit: 1n << BigInt(8 * archSize(STRUCTS.SIZE_T.size, name)),
  });
}

/** Resolved layouts per architecture. */
export const LAYOUTS: { readonly [K in ArchName]: ArchLayout } = { x86: resolve('x86'), x64: resolve('x64') };

/** The resolved layout of an architecture name, throwing AbiUsageError for an unknown name. */
export function layoutOf(arch: string): ArchLayout {
  if (arch !== 'x86' && arch !== 'x64') throw new AbiUsageError(`unknown arch ${JSON.stringify(arch)} (expected "x86" or "x64")`);
  return LAYOUTS[arch];
}
