/**
 * verify:abi, byte images: sample structures initialised in C, compiled with `gcc -c`, their bytes read back from
 * the COFF object and compared with the simulator's encoders (encodeStruct, encodeSockaddrText) for the same
 * field values. Pure part: samples, C generation, comparison; src/tools/toolchain.ts runs the compiler.
 */
import type { ArchName, FieldSpec } from '../../abi/schema';
import { STRUCTS, type StructName } from '../../abi/structs';
import { constantValue } from '../codec/names';
import { encodeSockaddrText } from '../codec/sockaddr';
import { encodeStruct, type FieldValue } from '../codec/struct';
import { firstDifference, markedHex } from '../codec/hex';
import { archSize } from '../codec/layout';
import { AbiUsageError } from '../errors';
import { COMPILER_ARCHES, structUnits, type CompilerArch, type UnitName } from './abi-probe';
import { parseCoff, symbolBytes } from './coff';

/** An integer field value: a number, a bigint, or the name of a header constant (the encoder uses the abi/ row). */
export type SampleScalar = number | bigint | string;

/** A sample field value: a scalar (optionally per data model), raw bytes, or a nested structure. */
export type SampleValue =
  | SampleScalar
  | { readonly x86: SampleScalar; readonly x64: SampleScalar }
  | readonly number[]
  | { readonly layout: StructName; readonly values: SampleValues };

/** Sample field values by field name. */
export type SampleValues = { readonly [field: string]: SampleValue };

/** One structure image to compare: a layout, field values, and optionally a text address encodeSockaddrText must agree with. */
export interface ImageSample {
  readonly id: string;
  readonly layout: StructName;
  readonly values: SampleValues;
  readonly text?: string;
}

/**
 * The samples. Field values are distinct and recognisable so a wrong offset, size or byte order shows; the text
 * samples give, by hand, the field values each address means.
 */
export const IMAGE_SAMPLES: readonly ImageSample[] = [
  { id: 'ULONG', layout: 'ULONG', values: { value: 0x12345678 } },
  { id: 'SIZE_T', layout: 'SIZE_T', values: { value: { x86: 0x8badf00d, x64: 0x0123456789abcdefn } } },
  {
    id: 'IO_STATUS_BLOCK', layout: 'IO_STATUS_BLOCK',
    values: { Status: 'STATUS_BUFFER_OVERFLOW', Information: { x86: 0x0a0b0c0d, x64: 0x1112131415161718n } },
  },
  {
    id: 'IRP.IoStatus', layout: 'IRP',
    values: { IoStatus: { layout: 'IO_STATUS_BLOCK', values: { Status: 'STATUS_PENDING', Information: { x86: 0x21222324, x64: 0x3132333435363738n } } } },
  },
  {
    id: 'SOCKADDR_IN', layout: 'SOCKADDR_IN',
    values: { sin_family: 'AF_INET', sin_port: 0xbeef, sin_addr: [192, 0, 2, 33], sin_zero: [0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8] },
  },
  {
    id: 'SOCKADDR_IN6', layout: 'SOCKADDR_IN6',
    values: {
      sin6_family: 'AF_INET6', sin6_port: 0xc0de, sin6_flowinfo: 0x000abcde,
      sin6_addr: [0x20, 0x01, 0x0d, 0xb8, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc],
      sin6_scope_id: 0x0a0b0c0d,
    },
  },
  { id: 'text 127.0.0.1:5150', layout: 'SOCKADDR_IN', text: '127.0.0.1:5150', values: { sin_family: 'AF_INET', sin_port: 5150, sin_addr: [127, 0, 0, 1] } },
  {
    id: 'text [fe80::1%4]:5150', layout: 'SOCKADDR_IN6', text: '[fe80::1%4]:5150',
    values: { sin6_family: 'AF_INET6', sin6_port: 5150, sin6_addr: [0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], sin6_scope_id: 4 },
  },
  {
    id: 'text [2001:db8::ff00:42:8329]:443', layout: 'SOCKADDR_IN6', text: '[2001:db8::ff00:42:8329]:443',
    values: { sin6_family: 'AF_INET6', sin6_port: 443, sin6_addr: [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0xff, 0x00, 0x00, 0x42, 0x83, 0x29] },
  },
];

function isPerArch(v: SampleValue): v is { readonly x86: SampleScalar; readonly x64: SampleScalar } {
  return typeof v === 'object' && !Array.isArray(v) && 'x86' in v;
}
function isNested(v: SampleValue): v is { readonly layout: StructName; readonly values: SampleValues } {
  return typeof v === 'object' && !Array.isArray(v) && 'layout' in v;
}

function fieldOf(layout: StructName, name: string): FieldSpec {
  const f = (STRUCTS[layout].fields as readonly FieldSpec[]).find((x) => x.name === name);
  if (!f) throw new AbiUsageError(`image sample: ${layout} has no field ${name}`);
  return f;
}

function scalarOf(v: SampleValue, arch: ArchName): SampleScalar | null {
  if (isPerArch(v)) return v[arch];
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'string') return v;
  return null;
}

function cLiteral(v: number | bigint): string {
  const b = BigInt(v);
  return `0x${b.toString(16)}${b > 0xffffffffn ? 'ULL' : 'u'}`;
}

function cValue(layout: StructName, field: FieldSpec, v: SampleValue, arch: ArchName): string {
  if (isNested(v)) return cInitialiser(v.layout, v.values, arch);
  if (Array.isArray(v)) return `{ ${(v as readonly number[]).map((b) => `0x${b.toString(16).padStart(2, '0')}`).join(', ')} }`;
  const s = scalarOf(v, arch)!;
  const lit = typeof s === 'string' ? s : cLiteral(s);
  if (field.order !== 'be') return lit;
  const bits = 8 * archSize(field.size, arch);
  if (bits !== 16 && bits !== 32 && bits !== 64) throw new AbiUsageError(`image sample: ${layout}.${field.name} is big-endian with ${bits} bits`);
  return `__builtin_bswap${bits}(${lit})`;
}

function cInitialiser(layout: StructName, values: SampleValues, arch: ArchName): string {
  const parts = Object.entries(values).map(([name, v]) => `.${name} = ${cValue(layout, fieldOf(layout, name), v, arch)}`);
  return `{ ${parts.join(', ')} }`;
}

function isScalarLayout(layout: StructName): boolean {
  const fields = STRUCTS[layout].fields as readonly FieldSpec[];
  return fields.length === 1 && fields[0]!.name === 'value';
}

/** The unit (headers) a sample is compiled in. */
export function sampleUnit(s: ImageSample): UnitName {
  return structUnits(s.layout, STRUCTS[s.layout])[0]!;
}

/** C symbol of the i-th sample. */
export function sampleSymbol(i: number): string {
  return `wsksim_img_${i}`;
}

/** C definitions of every sample of one unit as an initialised global (appended to that unit's probe). */
export function generateImageDefinitions(unit: UnitName, arch: CompilerArch, samples: readonly ImageSample[] = IMAGE_SAMPLES): string {
  const model = COMPILER_ARCHES[arch];
  const lines = [`/* verify:abi byte images (src/tools/abi-images.ts) */`];
  samples.forEach((s, i) => {
    if (sampleUnit(s) !== unit) return;
    const type = STRUCTS[s.layout].name;
    const init = isScalarLayout(s.layout) ? cValue(s.layout, fieldOf(s.layout, 'value'), s.values['value']!, model) : cInitialiser(s.layout, s.values, model);
    lines.push(`/* ${s.id} */`, `${type} ${sampleSymbol(i)} = ${init};`);
  });
  return lines.length > 1 ? lines.join('\n') : '';
}

function encoderValues(layout: StructName, values: SampleValues, arch: ArchName): { [field: string]: FieldValue } {
  const out: { [field: string]: FieldValue } = {};
  for (const [name, v] of Object.entries(values)) {
    fieldOf(layout, name);
    if (isNested(v)) { out[name] = encodeStruct(v.layout, arch, encoderValues(v.layout, v.values, arch)); continue; }
    if (Array.isArray(v)) { out[name] = v as readonly number[]; continue; }
    const s = scalarOf(v, arch)!;
    if (typeof s === 'string') {
      const c = constantValue(s);
      if (c === undefined) throw new AbiUsageError(`image sample: ${s} is not a constant of the abi/ tables`);
      out[name] = c;
    } else out[name] = s;
  }
  return out;
}

/** What the simulator's encoder produces for a sample on one data model. */
export function encodeSample(s: ImageSample, arch: ArchName): Buffer {
  return encodeStruct(s.layout, arch, encoderValues(s.layout, s.values, arch));
}

function diffText(what: string, compiler: Uint8Array, ours: Uint8Array, arch: CompilerArch): string {
  const at = firstDifference(compiler, ours);
  return `${what}: first difference at byte ${at}\n    ${arch} compiler: ${markedHex(compiler, at)}\n    simulator:   ${markedHex(ours, at)}`;
}

/** Compare the compiler's image of each sample with the simulator's encoders; returns difference descriptions. */
export function compareImages(arch: CompilerArch, images: ReadonlyMap<number, Uint8Array | string>, samples: readonly ImageSample[] = IMAGE_SAMPLES): { compared: number; differences: string[] } {
  const model = COMPILER_ARCHES[arch];
  const differences: string[] = [];
  let compared = 0;
  samples.forEach((s, i) => {
    const img = images.get(i);
    if (img === undefined) return;
    if (typeof img === 'string') { differences.push(`image ${s.id} [${model}]: ${img}`); return; }
    const ours = encodeSample(s, model);
    compared++;
    if (firstDifference(img, ours) >= 0) differences.push(diffText(`image ${s.id} [${model}] vs encodeStruct('${s.layout}')`, img, ours, arch));
    if (s.text !== undefined) {
      compared++;
      const t = encodeSockaddrText(s.text);
      if (!t) differences.push(`image ${s.id} [${model}]: encodeSockaddrText(${JSON.stringify(s.text)}) returned null`);
      else if (firstDifference(img, t) >= 0) differences.push(diffText(`image ${s.id} [${model}] vs encodeSockaddrText(${JSON.stringify(s.text)})`, img, t, arch));
    }
  });
  return { compared, differences };
}

/** Read every sample of a unit from its compiled COFF object (bytes, or an error message per sample). */
export function readImages(object: Uint8Array, unit: UnitName, arch: CompilerArch, samples: readonly ImageSample[] = IMAGE_SAMPLES): Map<number, Uint8Array | string> {
  const obj = parseCoff(object);
  const out = new Map<number, Uint8Array | string>();
  samples.forEach((s, i) => {
    if (sampleUnit(s) !== unit) return;
    out.set(i, symbolBytes(obj, sampleSymbol(i), archSize(STRUCTS[s.layout].size, COMPILER_ARCHES[arch])));
  });
  return out;
}
