/**
 * Minimal reader of COFF object files (what x86_64/i686-w64-mingw32-gcc -c writes): sections and symbols, enough
 * to read the bytes the compiler laid down for an initialised global.
 */

/** One section header of a COFF object. */
export interface CoffSection {
  readonly name: string;
  readonly rawSize: number;
  readonly rawPointer: number;
  /** IMAGE_SCN_CNT_UNINITIALIZED_DATA: no bytes in the file (.bss). */
  readonly uninitialized: boolean;
}

/** One symbol table entry. */
export interface CoffSymbol {
  readonly name: string;
  readonly value: number;
  /** 1-based section number; 0 undefined, negative special. */
  readonly section: number;
}

/** A parsed COFF object. */
export interface CoffObject {
  readonly machine: number;
  readonly sections: readonly CoffSection[];
  readonly symbols: readonly CoffSymbol[];
  readonly bytes: Uint8Array;
}

/** IMAGE_FILE_MACHINE_AMD64 and IMAGE_FILE_MACHINE_I386. */
export const COFF_MACHINE = { AMD64: 0x8664, I386: 0x014c } as const;

function u16(b: Uint8Array, o: number): number { return b[o]! | (b[o + 1]! << 8); }
function u32(b: Uint8Array, o: number): number { return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0; }
function cstr(b: Uint8Array, from: number, max: number): string {
  let end = from;
  while (end < from + max && end < b.length && b[end] !== 0) end++;
  return Buffer.from(b.subarray(from, end)).toString('latin1');
}

/** Parse a COFF object; throws Error naming the problem when the bytes are not one. */
export function parseCoff(bytes: Uint8Array): CoffObject {
  if (bytes.length < 20) throw new Error('COFF: file shorter than its 20-byte header');
  const machine = u16(bytes, 0);
  const nSections = u16(bytes, 2);
  const symPtr = u32(bytes, 8);
  const nSymbols = u32(bytes, 12);
  const optSize = u16(bytes, 16);
  const secBase = 20 + optSize;
  if (secBase + 40 * nSections > bytes.length) throw new Error('COFF: section table runs past the end of the file');
  const strBase = symPtr + 18 * nSymbols;
  if (nSymbols > 0 && strBase > bytes.length) throw new Error('COFF: symbol table runs past the end of the file');
  const longName = (off: number): string => cstr(bytes, strBase + off, bytes.length - strBase - off);
  const sections: CoffSection[] = [];
  for (let i = 0; i < nSections; i++) {
    const o = secBase + 40 * i;
    let name = cstr(bytes, o, 8);
    if (name.startsWith('/')) name = longName(Number(name.slice(1)));
    sections.push({ name, rawSize: u32(bytes, o + 16), rawPointer: u32(bytes, o + 20), uninitialized: (u32(bytes, o + 36) & 0x80) !== 0 });
  }
  const symbols: CoffSymbol[] = [];
  for (let i = 0; i < nSymbols; i++) {
    const o = symPtr + 18 * i;
    const name = u32(bytes, o) === 0 ? longName(u32(bytes, o + 4)) : cstr(bytes, o, 8);
    const section = (u16(bytes, o + 12) << 16) >> 16;
    symbols.push({ name, value: u32(bytes, o + 8), section });
    i += bytes[o + 17]!;
  }
  return { machine, sections, symbols, bytes };
}

/**
 * The `size` bytes of the initialised global `name` (C spelling; i386's leading underscore is tried too),
 * or an error message when it is not in an initialised section of the object.
 */
export function symbolBytes(obj: CoffObject, name: string, size: number): Uint8Array | string {
  const sym = obj.symbols.find((s) => s.name === name || s.name === `_${name}`);
  if (!sym) return `symbol ${name} not found in the object`;
  const sec = obj.sections[sym.section - 1];
  if (!sec) return `symbol ${name} is not in a section (section number ${sym.section})`;
  if (sec.uninitialized) return `symbol ${name} is in ${sec.name}, which holds no bytes (all zero)`;
  if (sym.value + size > sec.rawSize) return `symbol ${name} (+${size} bytes) runs past the end of ${sec.name}`;
  return obj.bytes.subarray(sec.rawPointer + sym.value, sec.rawPointer + sym.value + size);
}
