/**
 * Source snapshots cited by the ABI tables (docs/SOURCES.md lists them). Data only.
 */
import type { EvidenceClass, SourceId } from './schema';

/** One cited source snapshot. */
export interface SourceSnapshot {
  readonly title: string;
  readonly where: string;
}

/** Every source a row may cite, keyed by its short identifier. */
export const SOURCES: { readonly [K in SourceId]: SourceSnapshot } = {
  D1: { title: 'Microsoft WDK DDI reference (WSK)', where: 'MicrosoftDocs/windows-driver-docs-ddi @ 6dcd4d9f, wdk-ddi-src/content/wsk/' },
  D2: { title: 'Microsoft WDK network driver docs', where: 'MicrosoftDocs/windows-driver-docs @ 825aa15f, windows-driver-docs-pr/network/' },
  W1: { title: 'Microsoft Win32 Winsock docs', where: 'MicrosoftDocs/win32 @ 47e64c18, desktop-src/WinSock/' },
  S1: { title: 'Microsoft SDK API reference (winsock)', where: 'MicrosoftDocs/sdk-api, sdk-api-src/content/winsock/' },
  'H-wsk': { title: 'WDK km/wsk.h', where: 'MuAlphaOmegaEpsilon/wdk-10 @ 951d29a5, km/wsk.h' },
  'H-ws2def': { title: 'Windows SDK shared/ws2def.h', where: 'T-RN-R/WindowsPreviewSDKs, shared/ws2def.h' },
  'H-ws2ipdef': { title: 'Windows SDK shared/ws2ipdef.h', where: 'T-RN-R/WindowsPreviewSDKs, shared/ws2ipdef.h' },
  'H-mingw': { title: 'mingw-w64 headers 10.0.0 (Debian bookworm), compiled with GCC 12', where: 'mingw-w64/mingw-w64 @ d7f3c520, mingw-w64-headers/' },
  'H-wine-wsk': { title: "Wine's ddk/wsk.h (libwine-dev 8.0)", where: 'wine-mirror/wine, include/ddk/wsk.h' },
  'H-reactos-wsk': { title: 'ReactOS ddk/wsk.h (public domain)', where: 'reactos/reactos, sdk/include/ddk/wsk.h' },
  CALC: { title: 'Computed from header macros, checked with i686/x86_64-w64-mingw32-gcc 12', where: 'npm run verify:abi (abi/README.md, src/tools/abi-probe.ts DERIVATIONS)' },
  'WINE-afd': { title: "Wine's AFD tests, run on Windows", where: 'wine-mirror/wine @ a69d295, dlls/ws2_32/tests/afd.c' },
  'WINE-sock': { title: "Wine's Winsock tests, run on Windows", where: 'wine-mirror/wine @ 3379ee2, dlls/ws2_32/tests/sock.c' },
  'WINE-netio-test': { title: "Wine's WSK kernel test driver, run on Windows", where: 'wine-mirror/wine, dlls/ntoskrnl.exe/tests/driver_netio.c' },
  'WINE-server': { title: "Wine's server socket model (implementation, not Windows)", where: 'wine-mirror/wine, server/sock.c' },
  TRIO: { title: "trio's Windows measurements", where: 'python-trio/trio, notes-to-self/how-does-windows-so-reuseaddr-work.py' },
  WDS: { title: "Microsoft's Windows driver samples (WSK echo server)", where: 'microsoft/Windows-driver-samples, network/wsk/echosrv/wsksmple.c' },
  POLICY: { title: 'wsksim decided policy', where: 'abi/policy.ts, written out in docs/POLICY.md' },
  WSKSIM: { title: 'wsksim project addition', where: 'abi/policy.ts, written out in docs/POLICY-ADDITIONS.md and docs/POLICY.md' },
  MSQUIC: { title: "microsoft/msquic's kernel datapath, a shipping WSK client", where: 'microsoft/msquic @ 4984c210, src/platform/datapath_winkernel.c' },
  LIBWSK: { title: "MiroKaku/libwsk, a BSD-socket layer over WSK used by shipping drivers", where: 'MiroKaku/libwsk @ 174d4a58, libwsk/libwsk.cpp' },
  WINDRBD: { title: "LINBIT/windrbd, DRBD for Windows, a shipping WSK client", where: 'LINBIT/windrbd @ 308559b8, windrbd/src/windrbd_winsocket.c' },
  WDRBD: { title: "mantechnology/wdrbd, DRBD for Windows (MANTECH), a shipping WSK client", where: 'mantechnology/wdrbd @ 54780580, wdrbd9/wsk2.c and drbd/drbd_transport_tcp.c' },
};

/**
 * The evidence class of each source (POLICY.md "Evidence classes"), for policy entries that do not state theirs:
 * Microsoft's pages and headers are documented; tests run on Windows are measured; shipping WSK clients are
 * real-client dependencies; compiler arithmetic on headers counts as documented; Wine's implementation and this
 * project's own pages are decisions.
 */
export const SOURCE_EVIDENCE_CLASS: { readonly [K in SourceId]: EvidenceClass } = {
  D1: 'documented', D2: 'documented', W1: 'documented', S1: 'documented',
  'H-wsk': 'documented', 'H-ws2def': 'documented', 'H-ws2ipdef': 'documented', 'H-mingw': 'documented',
  'H-wine-wsk': 'documented', 'H-reactos-wsk': 'documented', CALC: 'documented',
  'WINE-afd': 'measured', 'WINE-sock': 'measured', 'WINE-netio-test': 'measured', TRIO: 'measured',
  WDS: 'real-client', MSQUIC: 'real-client', LIBWSK: 'real-client', WINDRBD: 'real-client', WDRBD: 'real-client',
  'WINE-server': 'decision', POLICY: 'decision', WSKSIM: 'decision',
};
