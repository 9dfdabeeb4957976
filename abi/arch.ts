/**
 * The x86 and x64 Windows data models (ILP32 and LLP64). Data only.
 */
import type { ArchName, ArchSpec } from './schema';

/** Pointer, SIZE_T and ULONG_PTR widths per architecture. */
export const ARCHES: { readonly [K in ArchName]: ArchSpec } = {
  x86: { name: 'x86', pointer: 4, sizeT: 4, ulongPtr: 4, source: { ref: 'H-mingw', at: 'sizeof(SIZE_T), sizeof(ULONG_PTR), sizeof(void*) with i686-w64-mingw32-gcc (npm run verify:abi; abi/README.md)', layer: 'header' } },
  x64: { name: 'x64', pointer: 8, sizeT: 8, ulongPtr: 8, source: { ref: 'H-mingw', at: 'sizeof(SIZE_T), sizeof(ULONG_PTR), sizeof(void*) with x86_64-w64-mingw32-gcc (npm run verify:abi; abi/README.md)', layer: 'header' } },
};

/** sizeof(ULONG): 4 on both data models. */
export const SIZEOF_ULONG = 4;
