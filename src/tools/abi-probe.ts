/**
 * verify:abi, pure part: turn the abi/ tables into compile-time checks, generate the C probe that makes a
 * Windows-targeting GCC print each value as an assembler marker (`gcc -S`), parse the markers and compare.
 * Nothing here runs a compiler; src/tools/toolchain.ts does, and tests feed canned output instead.
 */
import { ARCHES, SIZEOF_ULONG } from '../../abi/arch';
import * as CONSTANT_TABLES from '../../abi/constants';
import { NTSTATUS } from '../../abi/ntstatus';
import { DISPATCH_TABLES } from '../../abi/dispatch';
import type { ArchName, ArchSize, ArchSpec, Citation, DispatchTable, FieldSpec, SourceId, StructLayout, ValueRow } from '../../abi/schema';
import { STRUCTS } from '../../abi/structs';

/** The two Windows-targeting compilers, by their mingw-w64 triplet prefix. */
export type CompilerArch = 'x86_64' | 'i686';

/** The data model each compiler targets. */
export const COMPILER_ARCHES: { readonly [K in CompilerArch]: ArchName } = { x86_64: 'x64', i686: 'x86' };

/** A translation unit the probe is compiled as: one set of Windows headers in one include order. */
export type UnitName = 'mingw' | 'mingw-ddk' | 'wine-wsk' | 'wsksim-wsk';

/** The headers of each unit and what they are. */
export const UNITS: { readonly [K in UnitName]: { readonly title: string; readonly prelude: string } } = {
  mingw: {
    title: 'mingw-w64 user-mode headers (winsock2.h, ws2tcpip.h, mswsock.h, mstcpip.h, windows.h, winternl.h, ntstatus.h)',
    prelude: [
      '#define WIN32_NO_STATUS', '#include <winsock2.h>', '#include <ws2tcpip.h>', '#include <mswsock.h>', '#include <mstcpip.h>',
      '#include <windows.h>', '#include <winternl.h>', '#undef WIN32_NO_STATUS', '#include <ntstatus.h>', '#include <stddef.h>',
    ].join('\n'),
  },
  'mingw-ddk': {
    title: "mingw-w64 ddk/wdm.h",
    prelude: ['#include <ddk/wdm.h>', '#include <stddef.h>'].join('\n'),
  },
  'wine-wsk': {
    title: "libwine-dev ddk/wsk.h in Wine netio.sys's include order",
    prelude: [
      '#include <stdarg.h>', '#include "ntstatus.h"', '#define WIN32_NO_STATUS', '#include "windef.h"', '#include "winbase.h"',
      '#include "winternl.h"', '#include "winioctl.h"', '#include "winsock2.h"', '#include "ws2tcpip.h"', '#include "ddk/wdm.h"',
      '#include "ddk/wsk.h"', '#include <stddef.h>',
    ].join('\n'),
  },
  'wsksim-wsk': {
    title: "wsksim's c/include/wsk.h after mingw-w64 <ntddk.h> (kernel mode, as `wsksim cc` compiles a driver)",
    prelude: ['#include <ntddk.h>', '#include <wsk.h>', '#include <stddef.h>'].join('\n'),
  },
};

/** Where wsksim's own wsk.h lives (c/include, next to abi/ in the repository and the package). */
export const WSK_H_FILE = 'c/include/wsk.h';

/** Constant tables c/include/wsk.h need not define: user-mode Winsock errors a kernel client never sees. */
export const WSK_H_EXEMPT_TABLES: ReadonlySet<string> = new Set(['WSA_ERRORS']);

/** A value the headers do not carry, computed in the probe from documented macros. */
export interface Derivation {
  /** 'macro': the name would be a #define, so the probe picks header or derivation with #ifdef in one pass;
   *  'enumerator': no preprocessor test exists, so a name the headers lack costs a second pass. */
  readonly nameKind: 'macro' | 'enumerator';
  /** Documented macros the probe defines (only where the headers do not). */
  readonly defines: { readonly [name: string]: string };
  /** C expression computing the value from those macros and header definitions. */
  readonly expr: string;
  /** File-scope declarations the expression needs (e.g. a documented structure definition the headers lack). */
  readonly decls?: readonly string[];
  /** Where the definition comes from. */
  readonly source: Citation;
}

const WSK_SO = (n: number, name: string): Derivation => ({
  nameKind: 'macro',
  defines: { WSK_SO_BASE: '0x4000' },
  expr: `(WSK_SO_BASE + ${n})`,
  source: { ref: 'H-wsk', at: `km/wsk.h: #define ${name} (WSK_SO_BASE+${n}); shared/ws2def.h [H-ws2def]: #define WSK_SO_BASE 0x4000`, layer: 'header' },
});
const SIO_WSK = (macro: '_WSAIO' | '_WSAIOW' | '_WSAIOR' | '_WSAIORW', n: number, name: string): Derivation => ({
  nameKind: 'macro',
  defines: { IOC_WSK: '(IOC_WS2 | 0x07000000)' },
  expr: `${macro}(IOC_WSK, ${n})`,
  source: { ref: 'H-wsk', at: `km/wsk.h: #define ${name} ${macro}(IOC_WSK,0x${n.toString(16)}); shared/ws2def.h [H-ws2def]: #define IOC_WSK (IOC_WS2|0x07000000); ${macro}/IOC_WS2 from mingw-w64 winsock2.h`, layer: 'header' },
});

const SIO_VENDOR = (n: number, name: string): Derivation => ({
  nameKind: 'macro',
  defines: {},
  expr: `_WSAIOW(IOC_VENDOR, ${n})`,
  source: { ref: 'CALC', at: `Windows SDK um/mstcpip.h: #define ${name} _WSAIOW(IOC_VENDOR, ${n}) (absent from mingw-w64 10); _WSAIOW/IOC_VENDOR from mingw-w64`, layer: 'header' },
});

/** Documented definitions of values that neither mingw-w64 nor libwine-dev headers carry (TOOLING.md §10.3). */
export const DERIVATIONS: { readonly [name: string]: Derivation } = {
  SO_WSK_SECURITY: WSK_SO(1, 'SO_WSK_SECURITY'),
  SO_WSK_EVENT_CALLBACK: WSK_SO(2, 'SO_WSK_EVENT_CALLBACK'),
  SIO_WSK_SET_REMOTE_ADDRESS: SIO_WSK('_WSAIOW', 1, 'SIO_WSK_SET_REMOTE_ADDRESS'),
  SIO_WSK_REGISTER_EXTENSION: SIO_WSK('_WSAIORW', 2, 'SIO_WSK_REGISTER_EXTENSION'),
  SIO_WSK_QUERY_IDEAL_SEND_BACKLOG: SIO_WSK('_WSAIOR', 3, 'SIO_WSK_QUERY_IDEAL_SEND_BACKLOG'),
  SIO_WSK_QUERY_RECEIVE_BACKLOG: SIO_WSK('_WSAIOR', 4, 'SIO_WSK_QUERY_RECEIVE_BACKLOG'),
  SIO_WSK_QUERY_INSPECT_ID: SIO_WSK('_WSAIOR', 5, 'SIO_WSK_QUERY_INSPECT_ID'),
  SIO_WSK_SET_SENDTO_ADDRESS: SIO_WSK('_WSAIOW', 6, 'SIO_WSK_SET_SENDTO_ADDRESS'),
  SIO_WSK_SET_TCP_SILENT_MODE: SIO_WSK('_WSAIO', 7, 'SIO_WSK_SET_TCP_SILENT_MODE'),
  SIO_QUERY_WFP_CONNECTION_REDIRECT_RECORDS: SIO_VENDOR(220, 'SIO_QUERY_WFP_CONNECTION_REDIRECT_RECORDS'),
  SIO_QUERY_WFP_CONNECTION_REDIRECT_CONTEXT: SIO_VENDOR(221, 'SIO_QUERY_WFP_CONNECTION_REDIRECT_CONTEXT'),
  SIO_SET_WFP_CONNECTION_REDIRECT_RECORDS: SIO_VENDOR(222, 'SIO_SET_WFP_CONNECTION_REDIRECT_RECORDS'),
  WskControlMax: {
    nameKind: 'enumerator',
    defines: {},
    expr: '(WskIoctl + 1)',
    source: { ref: 'H-wsk', at: 'km/wsk.h: enum _WSK_CONTROL_SOCKET_TYPE { WskSetOption, WskGetOption, WskIoctl, WskControlMax } (member after WskIoctl)', layer: 'header' },
  },
};

const KM_WSK = (struct: string): Citation => ({ ref: 'H-wsk', at: `km/wsk.h typedef struct _${struct} (documented definition compiled in the probe; Wine's ddk/wsk.h lacks it)`, layer: 'header' });

/**
 * Documented definitions (WDK km/wsk.h, D1 -syntax blocks) of structures the Debian headers lack: when a layout's
 * type is undeclared, the probe declares it from this text and lays it out with the real compiler, so the table's
 * sizes, padding and offsets are still checked (marked derived). PNPIID is `NPIID *` (netioddk.h), NPIID a GUID.
 */
export const STRUCT_DERIVATIONS: { readonly [type: string]: { readonly decl: string; readonly source: Citation } } = {
  WSK_EVENT_CALLBACK_CONTROL: {
    decl: 'typedef struct _WSK_EVENT_CALLBACK_CONTROL { const GUID *NpiId; ULONG EventMask; } WSK_EVENT_CALLBACK_CONTROL;',
    source: KM_WSK('WSK_EVENT_CALLBACK_CONTROL { PNPIID NpiId; ULONG EventMask; }'),
  },
  WSK_EXTENSION_CONTROL_IN: {
    decl: 'typedef struct _WSK_EXTENSION_CONTROL_IN { const GUID *NpiId; PVOID ClientContext; const VOID *ClientDispatch; } WSK_EXTENSION_CONTROL_IN;',
    source: KM_WSK('WSK_EXTENSION_CONTROL_IN { PNPIID NpiId; PVOID ClientContext; CONST VOID* ClientDispatch; }'),
  },
  WSK_EXTENSION_CONTROL_OUT: {
    decl: 'typedef struct _WSK_EXTENSION_CONTROL_OUT { PVOID ProviderContext; const VOID *ProviderDispatch; } WSK_EXTENSION_CONTROL_OUT;',
    source: KM_WSK('WSK_EXTENSION_CONTROL_OUT { PVOID ProviderContext; CONST VOID* ProviderDispatch; }'),
  },
  WSK_TRANSPORT: {
    decl: 'typedef struct _WSK_TRANSPORT { USHORT Version; USHORT SocketType; ULONG Protocol; ADDRESS_FAMILY AddressFamily; GUID ProviderId; } WSK_TRANSPORT;',
    source: KM_WSK('WSK_TRANSPORT { USHORT Version; USHORT SocketType; ULONG Protocol; ADDRESS_FAMILY AddressFamily; GUID ProviderId; }'),
  },
};

/** Citation refs whose rows are checked against Wine's ddk/wsk.h; every other constant row uses the mingw unit. */
const WSK_REFS: ReadonlySet<SourceId> = new Set<SourceId>(['H-wsk', 'H-wine-wsk', 'H-reactos-wsk']);

/** Units each structure layout is checked in (default: the mingw user-mode unit). */
export const STRUCT_UNITS: { readonly [name: string]: readonly UnitName[] } = {
  IRP: ['mingw-ddk'],
  IO_STATUS_BLOCK: ['mingw', 'mingw-ddk'],
};

/** Units a layout is checked in: STRUCT_UNITS, else Wine's ddk/wsk.h for WSK-header citations, else mingw. */
export function structUnits(key: string, layout: StructLayout): readonly UnitName[] {
  return STRUCT_UNITS[key] ?? (WSK_REFS.has(layout.source.ref) ? ['wine-wsk'] : ['mingw']);
}

/** C expressions for the numeric fields of an ArchSpec. */
const ARCH_FIELD_EXPR: { readonly [field: string]: string } = {
  pointer: 'sizeof(void *)',
  sizeT: 'sizeof(SIZE_T)',
  ulongPtr: 'sizeof(ULONG_PTR)',
};

/** One named table of ValueRows, with the abi/ file that holds it. */
export interface ConstantTable {
  readonly file: string;
  readonly table: string;
  readonly rows: { readonly [name: string]: ValueRow };
}

/** The abi/ tables verify:abi reads (tests pass mutated copies). */
export interface AbiTables {
  readonly constants: readonly ConstantTable[];
  readonly structs: { readonly [name: string]: StructLayout };
  readonly arches: { readonly [K in ArchName]: ArchSpec };
  readonly sizeofUlong: number;
  /** Provider dispatch tables: each function's position is a field offset of the dispatch structure. */
  readonly dispatch: { readonly [category: string]: DispatchTable };
}

function isValueTable(x: unknown): x is { readonly [name: string]: ValueRow } {
  if (typeof x !== 'object' || x === null) return false;
  const rows = Object.values(x);
  return rows.length > 0 && rows.every((r) => typeof r === 'object' && r !== null && typeof (r as ValueRow).value === 'number' && typeof (r as ValueRow).source === 'object');
}

/** Every ValueRow table exported by abi/constants.ts and abi/ntstatus.ts (a new table is picked up by itself). */
export function constantTables(): ConstantTable[] {
  const out: ConstantTable[] = [];
  for (const [table, rows] of Object.entries(CONSTANT_TABLES)) if (isValueTable(rows)) out.push({ file: 'abi/constants.ts', table, rows });
  out.push({ file: 'abi/ntstatus.ts', table: 'NTSTATUS', rows: NTSTATUS });
  return out;
}

/** The real abi/ tables. */
export function abiTables(): AbiTables {
  return { constants: constantTables(), structs: STRUCTS, arches: ARCHES, sizeofUlong: SIZEOF_ULONG, dispatch: DISPATCH_TABLES };
}

/** What a check compares: a numeric value (shown in hex) or a size/offset/alignment (shown in decimal). */
export type CheckKind = 'value' | 'layout';

/** One table cell the compiler can confirm. */
export interface Check {
  readonly file: string;
  /** Row path inside the file, e.g. CONTROL_CODES.SO_REUSEADDR or STRUCTS.IRP.fields.IoStatus.offset. */
  readonly id: string;
  /** Data model the expected value belongs to; null when the table gives one value for both. */
  readonly arch: ArchName | null;
  readonly expected: number;
  readonly expr: string;
  readonly unit: UnitName;
  readonly kind: CheckKind;
  readonly derivation: Derivation | null;
  /** The row's citation, when the row carries one. */
  readonly cites: SourceId | null;
  /** The unit's header must define the name: not compiling is a difference, not "unverified". */
  readonly required?: boolean;
}

/** A table cell the compiler cannot confirm, and why. */
export interface Unverifiable {
  readonly file: string;
  readonly id: string;
  readonly reason: string;
  readonly arches?: readonly CompilerArch[];
}

function perArch(size: ArchSize): readonly [ArchName | null, number][] {
  return typeof size === 'number' ? [[null, size]] : [['x86', size.x86], ['x64', size.x64]];
}

/** Turn the tables into compiler checks (and the cells no compiler expression exists for). */
export function collectChecks(tables: AbiTables): { checks: Check[]; skipped: Unverifiable[] } {
  const checks: Check[] = [];
  const skipped: Unverifiable[] = [];
  for (const t of tables.constants) {
    for (const [name, row] of Object.entries(t.rows)) {
      checks.push({
        file: t.file, id: `${t.table}.${name}`, arch: null, expected: row.value, expr: name,
        unit: WSK_REFS.has(row.source.ref) ? 'wine-wsk' : 'mingw', kind: 'value',
        derivation: DERIVATIONS[name] ?? null, cites: row.source.ref,
      });
    }
  }
  for (const [key, layout] of Object.entries(tables.structs)) {
    const type = layout.name;
    const scalar = layout.fields.length === 1 && layout.fields[0]!.name === 'value';
    const units = structUnits(key, layout);
    const doc = STRUCT_DERIVATIONS[type];
    for (const unit of units) {
      const add = (id: string, size: ArchSize, expr: string): void => {
        const derivation: Derivation | null = doc ? { nameKind: 'enumerator', defines: {}, expr, decls: [doc.decl], source: doc.source } : null;
        for (const [arch, expected] of perArch(size)) {
          checks.push({ file: 'abi/structs.ts', id: `STRUCTS.${key}.${id}`, arch, expected, expr, unit, kind: 'layout', derivation, cites: layout.source.ref });
        }
      };
      add('size', layout.size, `sizeof(${type})`);
      add('align', layout.align, `_Alignof(${type})`);
      for (const f of layout.fields as readonly FieldSpec[]) {
        if (scalar) {
          add(`fields.${f.name}.size`, f.size, `sizeof(${type})`);
          if (unit === units[0]) {
            skipped.push({ file: 'abi/structs.ts', id: `STRUCTS.${key}.fields.${f.name}.offset`, reason: `pseudo-field of the scalar type ${type}: offset 0 by definition` });
          }
          continue;
        }
        add(`fields.${f.name}.offset`, f.offset, `offsetof(${type}, ${f.name})`);
        add(`fields.${f.name}.size`, f.size, `sizeof(((${type} *)0)->${f.name})`);
      }
    }
  }
  for (const [archName, spec] of Object.entries(tables.arches) as [ArchName, ArchSpec][]) {
    for (const [field, value] of Object.entries(spec)) {
      if (typeof value !== 'number') continue;
      const expr = ARCH_FIELD_EXPR[field];
      const id = `ARCHES.${archName}.${field}`;
      if (!expr) { skipped.push({ file: 'abi/arch.ts', id, reason: `no C expression known for ArchSpec field ${field}` }); continue; }
      checks.push({ file: 'abi/arch.ts', id, arch: archName, expected: value, expr, unit: 'mingw', kind: 'layout', derivation: null, cites: spec.source.ref });
    }
  }
  // Dispatch tables: function i sits at offset i * sizeof(void *); the basic table's functions are reached
  // through the nested `Basic` member of every other dispatch structure.
  const basic = Object.values(tables.dispatch).find((t) => t.category === 'basic');
  for (const [category, t] of Object.entries(tables.dispatch)) {
    t.functions.forEach((fn, i) => {
      const member = t !== basic && basic?.functions.includes(fn) ? `Basic.${fn}` : fn;
      for (const arch of ['x86', 'x64'] as const) {
        checks.push({
          file: 'abi/dispatch.ts', id: `DISPATCH_TABLES.${category}.functions.${fn}.offset`, arch, expected: i * tables.arches[arch].pointer,
          expr: `offsetof(${t.structName}, ${member})`, unit: WSK_REFS.has(t.source.ref) ? 'wine-wsk' : 'mingw', kind: 'layout', derivation: null, cites: t.source.ref,
        });
      }
    });
  }
  checks.push({ file: 'abi/arch.ts', id: 'SIZEOF_ULONG', arch: null, expected: tables.sizeofUlong, expr: 'sizeof(ULONG)', unit: 'mingw', kind: 'layout', derivation: null, cites: null });
  checks.push(...wskHeaderChecks(checks));
  return { checks, skipped };
}

/**
 * The same cells against wsksim's c/include/wsk.h (unit wsksim-wsk): every value, layout and dispatch offset,
 * each required (no derivation fallback), the basic functions named through each table (`WskCloseSocket`, as
 * WDK C code writes `Dispatch->WskCloseSocket`). User-mode-only tables (WSK_H_EXEMPT_TABLES) are left out.
 */
export function wskHeaderChecks(checks: readonly Check[]): Check[] {
  const seen = new Set<string>();
  const out: Check[] = [];
  for (const c of checks) {
    if (c.unit === 'wsksim-wsk') continue;
    if (c.file === 'abi/constants.ts' && WSK_H_EXEMPT_TABLES.has(c.id.split('.')[0]!)) continue;
    const key = `${c.id} ${c.arch}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const expr = c.file === 'abi/dispatch.ts' ? c.expr.replace(', Basic.', ', ') : c.expr;
    out.push({ ...c, expr, unit: 'wsksim-wsk', derivation: null, required: true });
  }
  return out;
}

/** The checks that apply to one compiler. */
export function checksFor(checks: readonly Check[], arch: CompilerArch): Check[] {
  const model = COMPILER_ARCHES[arch];
  return checks.filter((c) => c.arch === null || c.arch === model);
}

/** How a marker's value was obtained: straight from the headers, or computed from documented macros. */
export type Origin = 'header' | 'derived';

/** A generated probe: C source plus the check (and marker origin) on each line; compiler errors are mapped back by line. */
export interface Probe {
  readonly source: string;
  readonly lineOf: ReadonlyMap<number, { readonly check: Check; readonly origin: Origin }>;
}

/** Key of a check inside one compile (ids repeat only across units). */
export function markerKey(c: Check): string {
  return c.id;
}

/** One marker as a whole function on one line (gcc reports an undeclared name once per function, so one each). */
function markerLine(n: number, origin: Origin, key: string, expr: string): string {
  const lo = `(int)((unsigned long long)(${expr}) & 0xFFFFFFFFu)`;
  const hi = `(int)((long long)(${expr}) >> 32)`;
  return `void wsksim_probe_${n}(void) { __asm__ volatile (".ascii \\"@@@ ${origin} ${key} = %c0 %c1\\\\n\\"" :: "i" (${lo}), "i" (${hi})); }`;
}

/**
 * The C probe for one unit: each check on its own line as an inline-asm `.ascii` marker carrying the value as
 * two 32-bit immediates (low, high). A check whose derivation is for a macro name gets `#ifdef NAME` (header
 * marker) `#else` (derived marker); `derived` lists checks to compute from their derivation outright. `extra`
 * (C definitions, e.g. the byte-image globals) is appended.
 */
export function generateProbe(unit: UnitName, header: readonly Check[], derived: readonly Check[] = [], extra = ''): Probe {
  const lines: string[] = [`/* verify:abi probe, unit ${unit}: generated from the abi/ tables (src/tools/abi-probe.ts). */`, ...UNITS[unit].prelude.split('\n')];
  const byMacro = (c: Check): boolean => c.derivation?.nameKind === 'macro';
  const defines = new Map<string, string>();
  for (const c of [...header.filter(byMacro), ...derived]) for (const [k, v] of Object.entries(c.derivation?.defines ?? {})) defines.set(k, v);
  for (const [k, v] of defines) lines.push(`#ifndef ${k}`, `#define ${k} ${v}`, '#endif');
  for (const d of new Set(derived.flatMap((c) => c.derivation?.decls ?? []))) lines.push(...d.split('\n'));
  const lineOf = new Map<number, { check: Check; origin: Origin }>();
  let n = 0;
  const emit = (origin: Origin, c: Check, expr: string, fn: number): void => { lines.push(markerLine(fn, origin, markerKey(c), expr)); lineOf.set(lines.length, { check: c, origin }); };
  for (const c of header) {
    const fn = n++;
    if (!byMacro(c)) { emit('header', c, c.expr, fn); continue; }
    lines.push(`#ifdef ${c.expr}`);
    emit('header', c, c.expr, fn);
    lines.push('#else');
    emit('derived', c, c.derivation!.expr, fn);
    lines.push('#endif');
  }
  for (const c of derived) emit('derived', c, c.derivation!.expr, n++);
  lines.push(extra, '');
  return { source: lines.join('\n'), lineOf };
}

/** One value read back from the compiler's assembly. */
export interface Marker {
  readonly origin: Origin;
  readonly value: bigint;
}

/** The markers in `gcc -S` output, by key. */
export function parseMarkers(asm: string): Map<string, Marker> {
  const out = new Map<string, Marker>();
  for (const m of asm.matchAll(/@@@ (header|derived) (\S+) = (-?\d+) (-?\d+)/g)) {
    const lo = BigInt(m[3]!) & 0xFFFFFFFFn;
    const hi = BigInt(m[4]!);
    out.set(m[2]!, { origin: m[1] as Origin, value: (hi << 32n) + lo });
  }
  return out;
}

/** Compiler errors located in the probe, by probe line (errors elsewhere are returned apart). */
export function parseErrors(stderr: string, probeFile: string): { byLine: Map<number, string>; other: string[] } {
  const byLine = new Map<number, string>();
  const other: string[] = [];
  for (const line of stderr.split('\n')) {
    const m = /^(.*?):(\d+):\d+: (?:fatal )?error: (.*)$/.exec(line);
    if (!m) { if (/\berror\b/.test(line) && !/^\s/.test(line) && !/In function/.test(line)) other.push(line); continue; }
    if (m[1]!.endsWith(probeFile)) { if (!byLine.has(Number(m[2]))) byLine.set(Number(m[2]), m[3]!); } else other.push(line);
  }
  return { byLine, other };
}

/** A table value next to what the compiler produced for it. */
export interface Outcome {
  readonly check: Check;
  readonly arch: CompilerArch;
  readonly status: 'match' | 'differ' | 'unverified';
  readonly origin?: Origin;
  readonly actual?: bigint;
  readonly reason?: string;
}

/** A header value as the table stores it: a negative 32-bit value (e.g. SO_EXCLUSIVEADDRUSE -5) as its ULONG form. */
export function asTableValue(v: bigint): bigint {
  return v < 0n && v >= -(1n << 31n) ? v + (1n << 32n) : v;
}

function show(kind: CheckKind, v: bigint | number): string {
  const b = BigInt(v);
  if (kind === 'layout') return b.toString();
  return b < 0n ? `-0x${(-b).toString(16).toUpperCase()}` : `0x${b.toString(16).toUpperCase()}`;
}

/** Compare one check with its marker. */
export function compareOne(check: Check, arch: CompilerArch, marker: Marker | undefined, missingReason?: string): Outcome {
  if (!marker) return { check, arch, status: 'unverified', reason: missingReason ?? 'no marker in the compiler output' };
  const actual = asTableValue(marker.value);
  return { check, arch, status: actual === BigInt(check.expected) ? 'match' : 'differ', origin: marker.origin, actual: marker.value };
}

/** The one-line description of a difference, e.g. `abi/constants.ts CONTROL_CODES.SO_REUSEADDR: table 0x5, x86_64 header 0x4`. */
export function describeDifference(o: Outcome): string {
  const c = o.check;
  const raw = o.actual!;
  const shown = asTableValue(raw) === raw ? show(c.kind, raw) : `${show(c.kind, asTableValue(raw))} (${raw})`;
  const where = c.arch ? ` [${c.arch}]` : '';
  const how = o.origin === 'derived' ? `derived ${shown} from ${c.derivation!.expr}${Object.entries(c.derivation!.defines).map(([k, v]) => `, ${k} ${v}`).join('')}` : `header ${shown}`;
  const unit = c.unit === 'mingw' ? '' : ` (${c.unit})`;
  return `${c.file} ${c.id}${where}: table ${show(c.kind, c.expected)}, ${o.arch}${unit} ${how}`;
}

/** Everything verify:abi found for the value checks. */
export interface ValueReport {
  readonly outcomes: readonly Outcome[];
  readonly differences: readonly string[];
  /** Checks compared per compiler, split by origin. */
  readonly counts: { readonly [K in CompilerArch]?: { readonly header: number; readonly derived: number } };
  readonly unverified: readonly Unverifiable[];
  readonly derived: readonly string[];
  /** Rows citing mingw-w64 headers that those headers do not define. */
  readonly provenance: readonly string[];
}

/** Summarise outcomes (of any number of compilers) plus the cells that had no compiler expression. */
export function summarise(outcomes: readonly Outcome[], skipped: readonly Unverifiable[]): ValueReport {
  const counts: { [K in CompilerArch]?: { header: number; derived: number } } = {};
  const differences: string[] = [];
  const unverified = new Map<string, { u: Unverifiable; arches: CompilerArch[] }>();
  const derived = new Map<string, string>();
  const provenance = new Set<string>();
  const declCells = new Map<string, Set<string>>();
  for (const o of outcomes) {
    const c = o.check;
    if (o.status === 'unverified' && c.required) {
      differences.push(`${c.file} ${c.id}${c.arch ? ` [${c.arch}]` : ''}: ${o.arch} (${c.unit}) ${WSK_H_FILE} does not define it (${o.reason})`);
      continue;
    }
    if (o.status === 'unverified') {
      const k = `${c.file} ${c.id}${c.arch ? ` [${c.arch}]` : ''} (${c.unit}): ${o.reason}`;
      const e = unverified.get(k) ?? { u: { file: c.file, id: `${c.id}${c.arch ? ` [${c.arch}]` : ''}`, reason: `${o.reason} (${c.unit})` }, arches: [] };
      e.arches.push(o.arch);
      unverified.set(k, e);
      if (c.cites === 'H-mingw') provenance.add(`${c.file} ${c.id} cites mingw-w64 headers, which do not define it`);
      continue;
    }
    const n = (counts[o.arch] ??= { header: 0, derived: 0 });
    n[o.origin!]++;
    if (o.status === 'differ') differences.push(describeDifference(o));
    if (o.origin === 'derived') {
      const d = c.derivation!;
      if (d.decls?.length) {
        const struct = c.id.split('.').slice(0, 2).join('.');
        const key = `${c.file} ${struct}`;
        const cells = (declCells.get(key) ?? new Set<string>()).add(c.id + (c.arch ?? ''));
        declCells.set(key, cells);
        derived.set(key, `${c.file} ${struct}: ${cells.size} cells (size, alignment, offsets, field sizes) laid out by the compiler from the documented definition [${d.source.ref}: ${d.source.at}]`);
      } else {
        derived.set(`${c.file} ${c.id}`, `${c.file} ${c.id} = ${show(c.kind, c.expected)}: computed as ${d.expr}${Object.entries(d.defines).map(([k, v]) => ` with ${k} ${v}`).join('')} [${d.source.ref}: ${d.source.at}]`);
      }
      if (c.cites === 'H-mingw') provenance.add(`${c.file} ${c.id} cites mingw-w64 headers, which do not define it`);
    }
  }
  return {
    outcomes, differences, counts,
    unverified: [...skipped, ...[...unverified.values()].map((e) => ({ ...e.u, arches: e.arches }))],
    derived: [...derived.values()],
    provenance: [...provenance],
  };
}

/** Runs one compile of C source for one compiler and unit; resolves to gcc's exit code and output. */
export type CompileFn = (arch: CompilerArch, unit: UnitName, source: string, probeFile: string) => Promise<{ code: number; stdout: string; stderr: string }>;

/** What verifying one unit gives: an outcome per check, and the assembly of the final (successful) compile. */
export interface UnitResult {
  readonly outcomes: Outcome[];
  readonly asm: string;
}

/** A compile that failed for reasons not attributable to one probe line (missing header, broken include order). */
export class ProbeCompileError extends Error {
  constructor(message: string) {
    super(message);
    Object.setPrototypeOf(this, new.target.prototype);
    Object.defineProperty(this, 'name', { value: 'ProbeCompileError', enumerable: false, configurable: true });
  }
}

/**
 * Verify the checks of one unit with one compiler: pass 1 asks the headers for every value by name (macro names
 * with a derivation fall back to it by #ifdef); checks whose line fails to compile (the headers do not define the
 * name) are retried in pass 2 from their derivation, or reported unverified with the compiler's message.
 * `extra` C definitions are compiled along (see generateProbe).
 */
export async function verifyUnit(compile: CompileFn, arch: CompilerArch, unit: UnitName, checks: readonly Check[], extra = ''): Promise<UnitResult> {
  const file = `wsksim-probe-${unit}-${arch}.c`;
  const run = async (header: readonly Check[], derived: readonly Check[]): Promise<{ markers: Map<string, Marker>; failed: Map<Check, { origin: Origin; msg: string }>; asm: string }> => {
    const probe = generateProbe(unit, header, derived, extra);
    const r = await compile(arch, unit, probe.source, file);
    const failed = new Map<Check, { origin: Origin; msg: string }>();
    if (r.code !== 0) {
      const { byLine, other } = parseErrors(r.stderr, file);
      for (const [line, msg] of byLine) {
        const at = probe.lineOf.get(line);
        if (at) { if (!failed.has(at.check)) failed.set(at.check, { origin: at.origin, msg }); } else other.push(`${file}:${line}: ${msg}`);
      }
      if (other.length > 0 || failed.size === 0) {
        throw new ProbeCompileError(`${arch}-w64-mingw32-gcc failed on the ${unit} probe (${UNITS[unit].title}):\n${(other.length ? other : [r.stderr.trim()]).slice(0, 20).join('\n')}`);
      }
    }
    return { markers: r.code === 0 ? parseMarkers(r.stdout) : new Map(), failed, asm: r.code === 0 ? r.stdout : '' };
  };
  // Each round drops (or moves to its derivation) every check whose line failed, so it ends within 2n+1 rounds.
  let header = [...checks];
  let derived: Check[] = [];
  const reasons = new Map<Check, string>();
  for (;;) {
    const r = await run(header, derived);
    if (r.failed.size === 0) return { outcomes: checks.map((c) => compareOne(c, arch, r.markers.get(markerKey(c)), reasons.get(c))), asm: r.asm };
    for (const [c, { origin, msg }] of r.failed) {
      const inHeader = header.includes(c);
      header = header.filter((x) => x !== c);
      derived = derived.filter((x) => x !== c);
      if (origin === 'header') {
        reasons.set(c, `not defined by the headers: ${msg}`);
        if (inHeader && c.derivation && c.derivation.nameKind !== 'macro') derived.push(c);
      } else {
        reasons.set(c, `${reasons.get(c) ?? 'not defined by the headers'}; its derivation ${c.derivation?.expr} does not compile: ${msg}`);
      }
    }
  }
}
