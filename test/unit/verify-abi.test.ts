/**
 * verify:abi without a compiler: probe generation from the tables, marker and error parsing, comparison and its
 * messages, the two-pass (header, then derivation) logic, COFF reading and byte-image comparison. Compiler output
 * here is written by hand in the shape `gcc -S` / `gcc -c` produce.
 */
import { NTSTATUS } from '../../abi/ntstatus';
import * as CONSTANTS from '../../abi/constants';
import {
  abiTables, checksFor, collectChecks, compareOne, constantTables, describeDifference, generateProbe, parseErrors,
  parseMarkers, ProbeCompileError, summarise, verifyUnit, type AbiTables, type Check, type CompileFn,
} from '../../src/tools/abi-probe';
import { compareImages, IMAGE_SAMPLES } from '../../src/tools/abi-images';
import { parseCoff, symbolBytes } from '../../src/tools/coff';
import { exitStatus, main, uncoveredAbiFiles, type AbiVerification } from '../../src/tools/verify-abi';
import { withConstant, withStruct } from '../helpers/abi-tables';

const TABLES = abiTables();
const { checks: CHECKS } = collectChecks(TABLES);

function check(id: string, arch: 'x86' | 'x64' | null = null, tables: AbiTables = TABLES, unit?: string): Check {
  const c = collectChecks(tables).checks.find((x) => x.id === id && x.arch === arch && (unit === undefined || x.unit === unit));
  if (!c) throw new Error(`no check ${id} ${arch}`);
  return c;
}

describe('checks generated from the abi/ tables', () => {
  it('every exported ValueRow table of abi/constants.ts and abi/ntstatus.ts is included', () => {
    const names = constantTables().map((t) => t.table);
    expect(names).toEqual(expect.arrayContaining([
      'ADDRESS_FAMILIES', 'CONTROL_CODES', 'LEVELS', 'NTSTATUS', 'PROTOCOLS', 'SOCKET_TYPES', 'WSA_ERRORS',
      'WSK_CONTROL_SOCKET_TYPE', 'WSK_SOCKET_FLAGS',
    ]));
    const rowTables = Object.entries(CONSTANTS).filter(([, t]) => Object.values(t).every((r) => typeof (r as { value?: unknown }).value === 'number'));
    expect(rowTables.length).toBeGreaterThan(0);
    for (const [k] of rowTables) expect(names).toContain(k);
  });

  it('every constant row becomes one check, in the unit its citation names', () => {
    for (const t of constantTables()) {
      for (const [name, row] of Object.entries(t.rows)) {
        const c = check(`${t.table}.${name}`);
        expect(c).toMatchObject({ file: t.file, expected: row.value, expr: name, kind: 'value' });
      }
    }
    expect(check('WSK_CONTROL_SOCKET_TYPE.WskIoctl').unit).toBe('wine-wsk');
    expect(check('WSK_SOCKET_FLAGS.WSK_FLAG_STREAM_SOCKET').unit).toBe('wine-wsk');
    expect(check('NTSTATUS.STATUS_PENDING').unit).toBe('mingw');
    expect(check('CONTROL_CODES.SO_WSK_SECURITY').derivation?.expr).toBe('(WSK_SO_BASE + 1)');
  });

  it('a new row is checked without touching the verifier', () => {
    const t = TABLES.constants.find((x) => x.table === 'CONTROL_CODES')!;
    const extended: AbiTables = {
      ...TABLES,
      constants: TABLES.constants.map((x) => (x === t ? { ...t, rows: { ...t.rows, SO_SNDBUF: { value: 0x1001, source: t.rows['SO_REUSEADDR']!.source } } } : x)),
    };
    expect(check('CONTROL_CODES.SO_SNDBUF', null, extended)).toMatchObject({ expr: 'SO_SNDBUF', expected: 0x1001, unit: 'mingw' });
  });

  it('structure sizes, alignments, offsets and field sizes are checked per data model', () => {
    expect(check('STRUCTS.IRP.size', 'x86')).toMatchObject({ expected: 112, expr: 'sizeof(IRP)', unit: 'mingw-ddk' });
    expect(check('STRUCTS.IRP.size', 'x64')).toMatchObject({ expected: 208 });
    expect(check('STRUCTS.IRP.fields.IoStatus.offset', 'x64')).toMatchObject({ expected: 48, expr: 'offsetof(IRP, IoStatus)' });
    expect(check('STRUCTS.SOCKADDR_IN6.fields.sin6_scope_id.offset')).toMatchObject({ expected: 24, expr: 'offsetof(SOCKADDR_IN6, sin6_scope_id)' });
    expect(check('STRUCTS.SOCKADDR_IN.fields.sin_port.size')).toMatchObject({ expected: 2, expr: 'sizeof(((SOCKADDR_IN *)0)->sin_port)' });
    expect(check('STRUCTS.SIZE_T.fields.value.size', 'x86')).toMatchObject({ expected: 4, expr: 'sizeof(SIZE_T)' });
    expect(check('STRUCTS.IO_STATUS_BLOCK.align', 'x64', TABLES, 'mingw')).toMatchObject({ expected: 8, expr: '_Alignof(IO_STATUS_BLOCK)' });
    expect(check('STRUCTS.IO_STATUS_BLOCK.align', 'x64', TABLES, 'mingw-ddk')).toMatchObject({ expected: 8 });
    expect(check('ARCHES.x86.sizeT', 'x86')).toMatchObject({ expected: 4, expr: 'sizeof(SIZE_T)', file: 'abi/arch.ts' });
    expect(check('SIZEOF_ULONG')).toMatchObject({ expected: 4, expr: 'sizeof(ULONG)' });
  });

  it('a WSK structure the headers lack gets its documented definition as a derivation, in the wine-wsk unit', () => {
    const t = TABLES;
    const c = check('STRUCTS.WSK_TRANSPORT.fields.ProviderId.offset', null, t);
    expect(c).toMatchObject({ unit: 'wine-wsk', expected: 12, expr: 'offsetof(WSK_TRANSPORT, ProviderId)' });
    expect(c.derivation).toMatchObject({ nameKind: 'enumerator', expr: 'offsetof(WSK_TRANSPORT, ProviderId)' });
    expect(c.derivation!.decls).toEqual(['typedef struct _WSK_TRANSPORT { USHORT Version; USHORT SocketType; ULONG Protocol; ADDRESS_FAMILY AddressFamily; GUID ProviderId; } WSK_TRANSPORT;']);
    const all = collectChecks(t).checks.filter((x) => x.id.startsWith('STRUCTS.WSK_TRANSPORT.') && x.unit === 'wine-wsk');
    const src = generateProbe('wine-wsk', [], all).source;
    expect(src.split('typedef struct _WSK_TRANSPORT').length).toBe(2);
    expect(src.indexOf('typedef struct _WSK_TRANSPORT')).toBeLessThan(src.indexOf('@@@ derived STRUCTS.WSK_TRANSPORT.size'));
  });

  it('each dispatch-table function is checked as a field offset of its dispatch structure (i * pointer)', () => {
    expect(check('DISPATCH_TABLES.listen.functions.WskInspectComplete.offset', 'x64')).toMatchObject({
      file: 'abi/dispatch.ts', expected: 32, expr: 'offsetof(WSK_PROVIDER_LISTEN_DISPATCH, WskInspectComplete)', unit: 'wine-wsk',
    });
    expect(check('DISPATCH_TABLES.datagram.functions.WskCloseSocket.offset', 'x86')).toMatchObject({ expected: 4, expr: 'offsetof(WSK_PROVIDER_DATAGRAM_DISPATCH, Basic.WskCloseSocket)' });
    expect(check('DISPATCH_TABLES.basic.functions.WskCloseSocket.offset', 'x64')).toMatchObject({ expected: 8, expr: 'offsetof(WSK_PROVIDER_BASIC_DISPATCH, WskCloseSocket)' });
  });

  it("every kernel-mode cell is also a required check against wsksim's c/include/wsk.h, basic functions named through each table", () => {
    const mine = CHECKS.filter((c) => c.unit === 'wsksim-wsk');
    expect(mine.every((c) => c.required === true && c.derivation === null)).toBe(true);
    for (const t of constantTables()) {
      for (const name of Object.keys(t.rows)) {
        expect(mine.some((c) => c.id === `${t.table}.${name}`)).toBe(t.table !== 'WSA_ERRORS');
      }
    }
    expect(mine.find((c) => c.id === 'DISPATCH_TABLES.datagram.functions.WskCloseSocket.offset' && c.arch === 'x86')).toMatchObject({ expected: 4, expr: 'offsetof(WSK_PROVIDER_DATAGRAM_DISPATCH, WskCloseSocket)' });
    expect(mine.filter((c) => c.id === 'STRUCTS.IO_STATUS_BLOCK.size' && c.arch === 'x64')).toHaveLength(1);
    const missing = mine.find((c) => c.id === 'WSK_CLIENT_CONTROL_CODES.WSK_CACHE_SD')!;
    const report = summarise([{ check: missing, arch: 'x86_64', status: 'unverified', reason: 'not defined by the headers: x' }], []);
    expect(report.differences).toEqual(['abi/constants.ts WSK_CLIENT_CONTROL_CODES.WSK_CACHE_SD: x86_64 (wsksim-wsk) c/include/wsk.h does not define it (not defined by the headers: x)']);
    expect(report.unverified).toEqual([]);
  });

  it('checksFor keeps shared checks and the checks of the compiler\'s own data model', () => {
    const i686 = checksFor(CHECKS, 'i686');
    expect(i686.some((c) => c.id === 'ARCHES.x86.pointer')).toBe(true);
    expect(i686.some((c) => c.id === 'ARCHES.x64.pointer')).toBe(false);
    expect(i686.some((c) => c.id === 'CONTROL_CODES.SO_REUSEADDR')).toBe(true);
  });
});

describe('probe source', () => {
  const mine = CHECKS.filter((c) => c.unit === 'mingw' && c.arch !== 'x86' && !c.derivation);
  const probe = generateProbe('mingw', mine, [check('CONTROL_CODES.SO_WSK_SECURITY')]);
  const lines = probe.source.split('\n');

  it('puts each check on its own line, as an .ascii marker with the value as two 32-bit immediates', () => {
    for (const [n, { check: c, origin }] of probe.lineOf) {
      expect(origin).toBe(c.id === 'CONTROL_CODES.SO_WSK_SECURITY' ? 'derived' : 'header');
      expect(lines[n - 1]).toContain(`@@@ ${origin} ${c.id} = %c0 %c1`);
    }
    expect(probe.lineOf.size).toBe(mine.length + 1);
    const line = lines.find((l) => l.includes('CONTROL_CODES.SO_REUSEADDR '))!;
    expect(line).toMatch(/^void wsksim_probe_\d+\(void\) \{ __asm__ volatile \(/);
    expect(line).toContain('(".ascii \\"@@@ header CONTROL_CODES.SO_REUSEADDR = %c0 %c1\\\\n\\"" :: "i" ((int)((unsigned long long)(SO_REUSEADDR) & 0xFFFFFFFFu)), "i" ((int)((long long)(SO_REUSEADDR) >> 32))); }');
  });

  it('includes the headers with WIN32_NO_STATUS around windows.h, then ntstatus.h', () => {
    expect(probe.source.indexOf('#define WIN32_NO_STATUS')).toBeLessThan(probe.source.indexOf('#include <windows.h>'));
    expect(probe.source.indexOf('#undef WIN32_NO_STATUS')).toBeLessThan(probe.source.indexOf('#include <ntstatus.h>'));
  });

  it('defines documented macros for derivations only where the headers do not', () => {
    expect(probe.source).toContain('#ifndef WSK_SO_BASE\n#define WSK_SO_BASE 0x4000\n#endif');
    expect(probe.source).toContain('@@@ derived CONTROL_CODES.SO_WSK_SECURITY = %c0 %c1');
    expect(probe.source).toContain('(WSK_SO_BASE + 1)');
    expect(generateProbe('mingw', mine).source).not.toContain('WSK_SO_BASE');
  });

  it('lets the preprocessor choose header or derivation for a macro name', () => {
    const src = generateProbe('mingw', [check('CONTROL_CODES.SO_WSK_SECURITY')]).source;
    expect(src).toMatch(/#ifdef SO_WSK_SECURITY\n.*@@@ header CONTROL_CODES\.SO_WSK_SECURITY .*\n#else\n.*@@@ derived CONTROL_CODES\.SO_WSK_SECURITY .*\(WSK_SO_BASE \+ 1\).*\n#endif/);
  });
});

describe('parsing compiler output', () => {
  const ASM = [
    '\t.file\t"wsksim-probe-mingw-x86_64.c"',
    '/APP',
    ' # 12 "wsksim-probe-mingw-x86_64.c" 1',
    '\t.ascii "@@@ header CONTROL_CODES.SO_REUSEADDR = 4 0\\n"',
    ' # 0 "" 2',
    '\t.ascii "@@@ header CONTROL_CODES.SO_EXCLUSIVEADDRUSE = -5 -1\\n"',
    '\t.ascii "@@@ header NTSTATUS.STATUS_INVALID_PARAMETER = -1073741811 -1\\n"',
    '\t.ascii "@@@ header STRUCTS.IRP.size = 208 0\\n"',
    '\t.ascii "@@@ derived CONTROL_CODES.SO_WSK_SECURITY = 16385 0\\n"',
    '\t.ascii "@@@ header BIG = -1 255\\n"',
    '/NO_APP',
  ].join('\n');
  const markers = parseMarkers(ASM);

  it('reads each marker as (high << 32) + unsigned low', () => {
    expect(markers.get('CONTROL_CODES.SO_REUSEADDR')).toEqual({ origin: 'header', value: 4n });
    expect(markers.get('CONTROL_CODES.SO_EXCLUSIVEADDRUSE')).toEqual({ origin: 'header', value: -5n });
    expect(markers.get('NTSTATUS.STATUS_INVALID_PARAMETER')).toEqual({ origin: 'header', value: -1073741811n });
    expect(markers.get('STRUCTS.IRP.size')).toEqual({ origin: 'header', value: 208n });
    expect(markers.get('CONTROL_CODES.SO_WSK_SECURITY')).toEqual({ origin: 'derived', value: 0x4001n });
    expect(markers.get('BIG')).toEqual({ origin: 'header', value: 0xFFFFFFFFFFn });
    expect(markers.size).toBe(6);
  });

  it('maps gcc errors in the probe to lines and keeps errors elsewhere apart', () => {
    const stderr = [
      "wsksim-probe-wine-wsk-x86_64.c: In function 'wsksim_abi_probe':",
      "wsksim-probe-wine-wsk-x86_64.c:24:126: error: 'WskControlMax' undeclared (first use in this function)",
      "wsksim-probe-wine-wsk-x86_64.c:24:126: note: each undeclared identifier is reported only once for each function it appears in",
      "wsksim-probe-wine-wsk-x86_64.c:24:190: error: 'WskControlMax' undeclared (first use in this function)",
      '/usr/share/mingw-w64/include/winsock2.h:15:2: error: #error broken',
    ].join('\n');
    const { byLine, other } = parseErrors(stderr, 'wsksim-probe-wine-wsk-x86_64.c');
    expect([...byLine]).toEqual([[24, "'WskControlMax' undeclared (first use in this function)"]]);
    expect(other).toEqual(['/usr/share/mingw-w64/include/winsock2.h:15:2: error: #error broken']);
  });

  it('reports a wrong table value exactly (header value from canned marker output, mutated table)', () => {
    const mutated = withConstant(TABLES, 'CONTROL_CODES', 'SO_REUSEADDR', 0x5);
    const o = compareOne(check('CONTROL_CODES.SO_REUSEADDR', null, mutated), 'x86_64', markers.get('CONTROL_CODES.SO_REUSEADDR'));
    expect(o.status).toBe('differ');
    expect(describeDifference(o)).toBe('abi/constants.ts CONTROL_CODES.SO_REUSEADDR: table 0x5, x86_64 header 0x4');
    expect(compareOne(check('CONTROL_CODES.SO_REUSEADDR'), 'x86_64', markers.get('CONTROL_CODES.SO_REUSEADDR')).status).toBe('match');
  });

  it('compares negative header values in their ULONG form and shows both on a difference', () => {
    expect(compareOne(check('CONTROL_CODES.SO_EXCLUSIVEADDRUSE'), 'i686', markers.get('CONTROL_CODES.SO_EXCLUSIVEADDRUSE')).status).toBe('match');
    expect(compareOne(check('NTSTATUS.STATUS_INVALID_PARAMETER'), 'i686', markers.get('NTSTATUS.STATUS_INVALID_PARAMETER')).status).toBe('match');
    const mutated = withConstant(TABLES, 'CONTROL_CODES', 'SO_EXCLUSIVEADDRUSE', 0xFFFFFFFA);
    const o = compareOne(check('CONTROL_CODES.SO_EXCLUSIVEADDRUSE', null, mutated), 'i686', markers.get('CONTROL_CODES.SO_EXCLUSIVEADDRUSE'));
    expect(describeDifference(o)).toBe('abi/constants.ts CONTROL_CODES.SO_EXCLUSIVEADDRUSE: table 0xFFFFFFFA, i686 header 0xFFFFFFFB (-5)');
    const s = withConstant(TABLES, 'NTSTATUS', 'STATUS_INVALID_PARAMETER', NTSTATUS.STATUS_INVALID_PARAMETER.value + 1);
    expect(describeDifference(compareOne(check('NTSTATUS.STATUS_INVALID_PARAMETER', null, s), 'x86_64', markers.get('NTSTATUS.STATUS_INVALID_PARAMETER'))))
      .toBe('abi/ntstatus.ts NTSTATUS.STATUS_INVALID_PARAMETER: table 0xC000000E, x86_64 header 0xC000000D (-1073741811)');
  });

  it('reports layout differences in decimal with the data model and unit', () => {
    const mutated = withStruct(TABLES, 'IRP', (l) => ({ ...l, size: { x86: 112, x64: 200 } }));
    const o = compareOne(check('STRUCTS.IRP.size', 'x64', mutated), 'x86_64', markers.get('STRUCTS.IRP.size'));
    expect(describeDifference(o)).toBe('abi/structs.ts STRUCTS.IRP.size [x64]: table 200, x86_64 (mingw-ddk) header 208');
  });

  it('reports a derived value that disagrees, naming the derivation', () => {
    const mutated = withConstant(TABLES, 'CONTROL_CODES', 'SO_WSK_SECURITY', 0x4002);
    const o = compareOne(check('CONTROL_CODES.SO_WSK_SECURITY', null, mutated), 'x86_64', markers.get('CONTROL_CODES.SO_WSK_SECURITY'));
    expect(describeDifference(o)).toBe('abi/constants.ts CONTROL_CODES.SO_WSK_SECURITY: table 0x4002, x86_64 derived 0x4001 from (WSK_SO_BASE + 1), WSK_SO_BASE 0x4000');
  });
});

describe('verification of a unit with a canned compiler', () => {
  const cc = (id: string, value: number): Check => ({ ...check(id), expected: value });
  // A fake gcc. Preprocessing: `#ifdef NAME` is false for every NAME (no header here defines SO_WSK_*).
  // Compiling: a header marker for WskControlMax fails like gcc does (Wine's enum lacks it); every other marker is
  // answered from a fixed table of header values written by hand from TOOLING.md §10.3.
  const HEADER: Record<string, string> = {
    'CONTROL_CODES.SO_REUSEADDR': '4 0', 'LEVELS.SOL_SOCKET': '65535 0', 'CONTROL_CODES.SO_WSK_SECURITY': '16385 0',
    'WSK_CONTROL_SOCKET_TYPE.WskIoctl': '2 0', 'WSK_CONTROL_SOCKET_TYPE.WskControlMax': '3 0',
  };
  const calls: string[] = [];
  const fake: CompileFn = async (_arch, _unit, source, file) => {
    calls.push(source);
    const live: [number, string][] = [];
    let skipping = false;
    source.split('\n').forEach((l, i) => {
      if (l.startsWith('#ifdef ')) skipping = true;
      else if (l === '#else') skipping = !skipping;
      else if (l === '#endif') skipping = false;
      else if (!skipping) live.push([i + 1, l]);
    });
    const bad = live.find(([, l]) => l.includes('@@@ header WSK_CONTROL_SOCKET_TYPE.WskControlMax'));
    if (bad) return { code: 1, stdout: '', stderr: `${file}: In function 'wsksim_abi_probe':\n${file}:${bad[0]}:60: error: 'WskControlMax' undeclared (first use in this function)\n` };
    const asm = live.flatMap(([, l]) => {
      const m = /@@@ (header|derived) (\S+) =/.exec(l);
      return m ? [`\t.ascii "@@@ ${m[1]} ${m[2]} = ${HEADER[m[2]!]}\\n"`] : [];
    });
    return { code: 0, stdout: asm.join('\n'), stderr: '' };
  };

  it('resolves a macro the headers lack from its derivation in one pass and reports the wrong row precisely', async () => {
    calls.length = 0;
    const checks = [cc('CONTROL_CODES.SO_REUSEADDR', 5), cc('LEVELS.SOL_SOCKET', 0xFFFF), check('CONTROL_CODES.SO_WSK_SECURITY')];
    const { outcomes, asm } = await verifyUnit(fake, 'x86_64', 'mingw', checks);
    expect(calls).toHaveLength(1);
    expect(asm).toContain('@@@ derived CONTROL_CODES.SO_WSK_SECURITY = 16385 0');
    expect(outcomes.map((o) => [o.check.id, o.status, o.origin])).toEqual([
      ['CONTROL_CODES.SO_REUSEADDR', 'differ', 'header'],
      ['LEVELS.SOL_SOCKET', 'match', 'header'],
      ['CONTROL_CODES.SO_WSK_SECURITY', 'match', 'derived'],
    ]);
    const report = summarise(outcomes, []);
    expect(report.differences).toEqual(['abi/constants.ts CONTROL_CODES.SO_REUSEADDR: table 0x5, x86_64 header 0x4']);
    expect(report.counts).toEqual({ x86_64: { header: 2, derived: 1 } });
    expect(report.derived).toHaveLength(1);
    expect(report.derived[0]).toMatch(/^abi\/constants\.ts CONTROL_CODES\.SO_WSK_SECURITY = 0x4001: computed as \(WSK_SO_BASE \+ 1\) with WSK_SO_BASE 0x4000 \[H-wsk: /);
  });

  it('retries an enumerator the headers lack from its derivation in a second pass', async () => {
    calls.length = 0;
    const { outcomes } = await verifyUnit(fake, 'i686', 'wine-wsk', [check('WSK_CONTROL_SOCKET_TYPE.WskIoctl'), check('WSK_CONTROL_SOCKET_TYPE.WskControlMax')]);
    expect(calls).toHaveLength(2);
    expect(calls[1]).toContain('@@@ derived WSK_CONTROL_SOCKET_TYPE.WskControlMax = %c0 %c1');
    expect(calls[1]).toContain('(WskIoctl + 1)');
    expect(outcomes.map((o) => [o.check.id, o.status, o.origin])).toEqual([
      ['WSK_CONTROL_SOCKET_TYPE.WskIoctl', 'match', 'header'],
      ['WSK_CONTROL_SOCKET_TYPE.WskControlMax', 'match', 'derived'],
    ]);
  });

  it('lists a name the headers lack and no derivation covers as unverified, with the compiler message', async () => {
    const noDerivation: Check = { ...check('WSK_CONTROL_SOCKET_TYPE.WskControlMax'), derivation: null };
    const { outcomes } = await verifyUnit(fake, 'i686', 'wine-wsk', [check('WSK_CONTROL_SOCKET_TYPE.WskIoctl'), noDerivation]);
    expect(outcomes[1]).toMatchObject({ status: 'unverified', reason: "not defined by the headers: 'WskControlMax' undeclared (first use in this function)" });
    const report = summarise(outcomes, []);
    expect(report.differences).toEqual([]);
    expect(report.unverified).toEqual([{ file: 'abi/constants.ts', id: 'WSK_CONTROL_SOCKET_TYPE.WskControlMax', reason: "not defined by the headers: 'WskControlMax' undeclared (first use in this function) (wine-wsk)", arches: ['i686'] }]);
  });

  it('throws ProbeCompileError when the headers themselves do not compile', async () => {
    const broken: CompileFn = async () => ({ code: 1, stdout: '', stderr: 'wsksim-probe-mingw-x86_64.c:2:10: fatal error: ddk/wsk.h: No such file or directory\n' });
    await expect(verifyUnit(broken, 'x86_64', 'mingw', [check('LEVELS.SOL_SOCKET')])).rejects.toBeInstanceOf(ProbeCompileError);
  });
});

describe('COFF objects and byte images', () => {
  // A hand-built AMD64 COFF object: one .data section holding 16 bytes, one symbol at offset 0, a long-named
  // symbol in the string table at offset 8.
  function coff(symbolName: string, data: number[]): Uint8Array {
    const b = Buffer.alloc(20 + 40 + data.length + 2 * 18 + 4 + symbolName.length + 1);
    b.writeUInt16LE(0x8664, 0); b.writeUInt16LE(1, 2);
    const dataAt = 60, symAt = dataAt + data.length;
    b.writeUInt32LE(symAt, 8); b.writeUInt32LE(2, 12);
    b.write('.data', 20, 'latin1');
    b.writeUInt32LE(data.length, 20 + 16); b.writeUInt32LE(dataAt, 20 + 20); b.writeUInt32LE(0xC0300040, 20 + 36);
    Buffer.from(data).copy(b, dataAt);
    b.write('.data', symAt, 'latin1'); b.writeUInt16LE(1, symAt + 12); b.writeUInt8(3, symAt + 16); b.writeUInt8(0, symAt + 17);
    b.writeUInt32LE(0, symAt + 18); b.writeUInt32LE(4, symAt + 22); b.writeUInt32LE(0, symAt + 26); b.writeUInt16LE(1, symAt + 30); b.writeUInt8(2, symAt + 34);
    const strAt = symAt + 36;
    b.writeUInt32LE(4 + symbolName.length + 1, strAt); b.write(symbolName, strAt + 4, 'latin1');
    return b;
  }
  // SOCKADDR_IN sample: AF_INET=2 LE, port 0xbeef network order, 192.0.2.33, sin_zero a1..a8 (WSK-SPEC §6 layout).
  const SOCKADDR_IN_IMAGE = [0x02, 0x00, 0xbe, 0xef, 192, 0, 2, 33, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8];

  it('reads a global\'s bytes by symbol name, with or without the i386 underscore', () => {
    const obj = parseCoff(coff('wsksim_img_4', SOCKADDR_IN_IMAGE));
    expect(obj.sections.map((s) => s.name)).toEqual(['.data']);
    expect(Array.from(symbolBytes(obj, 'wsksim_img_4', 16) as Uint8Array)).toEqual(SOCKADDR_IN_IMAGE);
    const i386 = parseCoff(coff('_wsksim_img_4', SOCKADDR_IN_IMAGE));
    expect(Array.from(symbolBytes(i386, 'wsksim_img_4', 16) as Uint8Array)).toEqual(SOCKADDR_IN_IMAGE);
    expect(symbolBytes(obj, 'wsksim_img_9', 16)).toBe('symbol wsksim_img_9 not found in the object');
    expect(symbolBytes(obj, 'wsksim_img_4', 17)).toBe('symbol wsksim_img_4 (+17 bytes) runs past the end of .data');
    expect(() => parseCoff(new Uint8Array(5))).toThrow('COFF: file shorter than its 20-byte header');
  });

  it('accepts the compiler image that matches the encoder and pinpoints a wrong byte', () => {
    const i = IMAGE_SAMPLES.findIndex((s) => s.id === 'SOCKADDR_IN');
    expect(compareImages('x86_64', new Map([[i, Uint8Array.from(SOCKADDR_IN_IMAGE)]]))).toEqual({ compared: 1, differences: [] });
    const swapped = [...SOCKADDR_IN_IMAGE]; swapped[2] = 0xef; swapped[3] = 0xbe;
    const r = compareImages('i686', new Map([[i, Uint8Array.from(swapped)]]));
    expect(r.differences).toEqual([
      "image SOCKADDR_IN [x86] vs encodeStruct('SOCKADDR_IN'): first difference at byte 2\n    i686 compiler: 02 00 [ef] be c0 00 02 21 a1 a2 a3 a4 a5 a6 a7 a8\n    simulator:   02 00 [be] ef c0 00 02 21 a1 a2 a3 a4 a5 a6 a7 a8",
    ]);
  });

  it('compares text samples with encodeSockaddrText too', () => {
    const i = IMAGE_SAMPLES.findIndex((s) => s.text === '127.0.0.1:5150');
    const img = Uint8Array.from([0x02, 0x00, 0x14, 0x1e, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(compareImages('x86_64', new Map([[i, img]]))).toEqual({ compared: 2, differences: [] });
  });
});

describe('verify:abi command', () => {
  it('exits 2 with a clear message (no stack trace) when no compiler is on PATH', async () => {
    const saved = { ...process.env };
    process.env['WSKSIM_CC_X86_64'] = 'wsksim-no-such-x86_64-gcc';
    process.env['WSKSIM_CC_I686'] = 'wsksim-no-such-i686-gcc';
    let out = '', err = '';
    try {
      const code = await main([], (s) => { out += s; }, (s) => { err += s; });
      expect(code).toBe(2);
    } finally {
      process.env = saved;
    }
    expect(out).toBe('');
    expect(err).toContain('verify:abi: no Windows-targeting compiler found (wsksim-no-such-x86_64-gcc and wsksim-no-such-i686-gcc are not on PATH)');
    expect(err).toContain('apt-get install');
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('names the abi/ table files it does not check', () => {
    expect(uncoveredAbiFiles()).toEqual(expect.arrayContaining(['abi/options.ts', 'abi/policy.ts']));
    expect(uncoveredAbiFiles()).not.toContain('abi/constants.ts');
  });

  it('exit status: 1 on a difference, 2 when incomplete, 0 otherwise', () => {
    const base: AbiVerification = { values: summarise([], []), images: {}, differences: [], missing: [] };
    expect(exitStatus(base)).toBe(0);
    expect(exitStatus({ ...base, missing: ['i686-w64-mingw32-gcc'] })).toBe(2);
    expect(exitStatus({ ...base, missing: ['i686-w64-mingw32-gcc'], differences: ['x'] })).toBe(1);
  });
});
