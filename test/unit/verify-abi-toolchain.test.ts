/**
 * verify:abi against the real compilers (x86_64/i686-w64-mingw32-gcc, libwine-dev's ddk/wsk.h). CI installs
 * them (.ci/run), and there their absence FAILS; elsewhere a missing tool is reported by a warning and its tests
 * are not generated, so a passing run always says which compilers it used.
 */
import { abiTables } from '../../src/tools/abi-probe';
import { findToolchain } from '../../src/tools/toolchain';
import { runVerification, type AbiVerification } from '../../src/tools/verify-abi';
import type { CompilerArch } from '../../src/tools/abi-probe';
import { STRUCTS } from '../../abi/structs';
import { withConstant, withLayout, withStruct } from '../helpers/abi-tables';

const TC = findToolchain();
const FOUND = Object.keys(TC.compilers) as CompilerArch[];
const IN_CI = !!process.env['CI'];

describe('toolchain', () => {
  it.each(['x86_64', 'i686'] as const)('%s-w64-mingw32-gcc is installed (required when CI is set)', (arch) => {
    if (!TC.compilers[arch]) {
      const msg = `${arch}-w64-mingw32-gcc not found: its verify:abi tests did not run`;
      if (IN_CI) throw new Error(msg);
      console.warn(msg);
      return;
    }
    expect(TC.compilers[arch]!.version).toMatch(/GCC/);
  });

  it("libwine-dev's ddk/wsk.h is installed (required when CI is set)", () => {
    if (!TC.wineInclude) {
      if (IN_CI) throw new Error("libwine-dev's ddk/wsk.h not found");
      console.warn("libwine-dev's ddk/wsk.h not found: WSK_CONTROL_SOCKET_TYPE and WSK_FLAG_* were not verified");
      return;
    }
    expect(TC.wineInclude).toMatch(/wine/);
  });
});

if (FOUND.length > 0) {
  describe('real compilers', () => {
    let good: AbiVerification;
    let bad: AbiVerification;
    beforeAll(async () => {
      const base = abiTables();
      const mutated = withLayout(
        withStruct(withConstant(base, 'CONTROL_CODES', 'SO_REUSEADDR', 0x5), 'SOCKADDR_IN6', (l) => ({
          ...l, fields: l.fields.map((f) => (f.name === 'sin6_scope_id' ? { ...f, offset: 20 } : f)),
        })),
        'WSK_TRANSPORT', { ...STRUCTS.WSK_TRANSPORT, fields: STRUCTS.WSK_TRANSPORT.fields.map((f) => (f.name === 'ProviderId' ? { ...f, offset: 10 } : f)) },
      );
      const stream = mutated.dispatch['stream']!;
      const swapped = stream.functions.map((f) => (f === 'WskAccept' ? 'WskConnect' : f === 'WskConnect' ? 'WskAccept' : f));
      const bad3 = { ...mutated, dispatch: { ...mutated.dispatch, stream: { ...stream, functions: swapped } } };
      [good, bad] = await Promise.all([runVerification(TC, base), runVerification(TC, bad3)]);
    }, 120_000);

    it.each(FOUND)('%s: every abi/ value the headers define matches', (arch) => {
      expect(good.differences).toEqual([]);
      const n = good.values.counts[arch]!;
      expect(n.header).toBeGreaterThanOrEqual(140);
      expect(n.derived).toBeGreaterThanOrEqual(2);
    });

    it.each(FOUND)('%s: c/include/wsk.h (after <ntddk.h>) defines every kernel-mode abi/ value, layout and dispatch offset, equal', (arch) => {
      const mine = good.values.outcomes.filter((o) => o.arch === arch && o.check.unit === 'wsksim-wsk');
      expect(mine.length).toBeGreaterThanOrEqual(200);
      expect(mine.filter((o) => o.status !== 'match')).toEqual([]);
      expect(mine.some((o) => o.check.id === 'DISPATCH_TABLES.connection.functions.WskCloseSocket.offset' && o.check.expr === 'offsetof(WSK_PROVIDER_CONNECTION_DISPATCH, WskCloseSocket)')).toBe(true);
      expect(bad.differences).toContain(`abi/constants.ts CONTROL_CODES.SO_REUSEADDR: table 0x5, ${arch} (wsksim-wsk) header 0x4`);
    });

    it.each(FOUND)('%s: the compiler\'s byte images equal encodeStruct and encodeSockaddrText', (arch) => {
      expect(good.images[arch]).toEqual({ compared: 12, differences: [] });
    });

    it('lists what it could not verify, and why', () => {
      const unverified = good.values.unverified.map((u) => `${u.id}: ${u.reason}`);
      expect(unverified).toEqual(expect.arrayContaining([
        'STRUCTS.ULONG.fields.value.offset: pseudo-field of the scalar type ULONG: offset 0 by definition',
        'STRUCTS.SIZE_T.fields.value.offset: pseudo-field of the scalar type SIZE_T: offset 0 by definition',
      ]));
      for (const u of good.values.unverified) expect(u.reason).toMatch(/by definition|not defined by the headers: .+/);
      expect(good.values.derived.map((d) => d.split(':')[0])).toEqual(expect.arrayContaining([
        'abi/constants.ts CONTROL_CODES.SO_WSK_SECURITY = 0x4001',
        'abi/constants.ts WSK_CONTROL_SOCKET_TYPE.WskControlMax = 0x3',
        'abi/structs.ts STRUCTS.WSK_TRANSPORT',
      ]));
    });

    it.each(FOUND)('%s: a wrong table value fails, with the exact difference', (arch) => {
      expect(bad.differences).toContain(`abi/constants.ts CONTROL_CODES.SO_REUSEADDR: table 0x5, ${arch} header 0x4`);
      expect(bad.differences).toContain(`abi/structs.ts STRUCTS.SOCKADDR_IN6.fields.sin6_scope_id.offset: table 20, ${arch} header 24`);
      if (TC.wineInclude) {
        const [model, from, to] = arch === 'x86_64' ? ['x64', 24, 32] : ['x86', 12, 16];
        expect(bad.differences).toContain(`abi/dispatch.ts DISPATCH_TABLES.stream.functions.WskConnect.offset [${model}]: table ${from}, ${arch} (wine-wsk) header ${to}`);
        expect(bad.differences).toContain(`abi/structs.ts STRUCTS.WSK_TRANSPORT.fields.ProviderId.offset: table 10, ${arch} (wine-wsk) derived 12 from offsetof(WSK_TRANSPORT, ProviderId)`);
      }
    });
  });
}
