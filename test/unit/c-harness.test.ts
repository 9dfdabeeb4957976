/**
 * The C harness (c/) and `wsksim cc`: usage errors without a compiler; with mingw-w64, every example builds for
 * x64 and x86 and a driver calling a kernel function the harness lacks fails to link naming it; with Wine too,
 * two x64 examples run against an in-process wsksim session in both completion modes and succeed (exit 0, their
 * check lines on stderr; CI runs all of them under `wsksim drive`), a driver whose check fails exits 1, and
 * driver faults end with one line and exit 3. CI installs the tools (.ci/run), and there
 * their absence FAILS; elsewhere a warning says which tests did not run.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Session } from '../../src/harness/session';
import { serveStreams } from '../../src/harness/transport';
import { undefinedSymbols, splitFlags } from '../../src/tools/harness-build';
import { cli } from '../cli/run-cli';

const ROOT = resolve(__dirname, '..', '..');
const EXAMPLES = readdirSync(join(ROOT, 'c', 'examples')).filter((f) => f.endsWith('.c')).sort();
const HAS_GCC = ['x86_64-w64-mingw32-gcc', 'i686-w64-mingw32-gcc'].every((c) => !spawnSync(c, ['--version']).error);
const WINE = ['/usr/lib/wine/wine64'].find((p) => existsSync(p));
const IN_CI = !!process.env['CI'];
const OUT = mkdtempSync(join(tmpdir(), 'wsksim-c-test-'));

afterAll(() => rmSync(OUT, { recursive: true, force: true }));

function missing(what: string): void {
  if (IN_CI) throw new Error(`${what} not found`);
  console.warn(`${what} not found: the C harness tests that need it did not run`);
}

describe('wsksim cc: usage', () => {
  it('rejects a bad --arch, a missing -o and no sources with one line, exit 2', async () => {
    for (const [args, msg] of [
      [['cc', '--arch', 'arm', '-o', 'x.exe', 'a.c'], 'wsksim cc: --arch "arm": expected x64 or x86\n'],
      [['cc', 'a.c'], 'wsksim cc: -o OUT.exe is required\n'],
      [['cc', '-o', 'x.exe', '-O2'], 'wsksim cc: no source files given (expected .c, .o or .a files)\n'],
    ] as const) {
      const r = await cli(args);
      expect(r).toEqual({ code: 2, out: '', err: msg });
    }
  });

  it('names the packages to install when the compiler is missing', async () => {
    const saved = process.env['WSKSIM_CC_X86_64'];
    process.env['WSKSIM_CC_X86_64'] = '/nonexistent/x86_64-w64-mingw32-gcc';
    try {
      const r = await cli(['cc', '-o', join(OUT, 'x.exe'), join(ROOT, 'c', 'examples', EXAMPLES[0]!)]);
      expect(r.code).toBe(2);
      expect(r.err).toBe('wsksim cc: /nonexistent/x86_64-w64-mingw32-gcc not found: install the mingw-w64 cross compilers with: apt-get install gcc-mingw-w64-x86-64 gcc-mingw-w64-i686\n');
    } finally {
      if (saved === undefined) delete process.env['WSKSIM_CC_X86_64']; else process.env['WSKSIM_CC_X86_64'] = saved;
    }
  });

  it('splits gcc flags between compile and link, and reads undefined kernel functions from the linker', () => {
    expect(splitFlags(['-O2', '-I', 'inc', '-DX=1', '-lfoo', '-Wl,--stack,1', '-L', 'lib'])).toEqual({
      compile: ['-O2', '-I', 'inc', '-DX=1'], link: ['-lfoo', '-Wl,--stack,1', '-L', 'lib'],
    });
    expect(undefinedSymbols("a.o:a.c:(.text+0x1a): undefined reference to `__imp_KeBugCheckEx'\nb.o: undefined reference to `_imp__ZwCreateFile@44'\nc.o: undefined reference to `__imp_@ObfReferenceObject@4'")).toEqual(['KeBugCheckEx', 'ZwCreateFile', 'ObfReferenceObject']);
  });
});

if (!HAS_GCC) {
  it('mingw-w64 is installed (required when CI is set)', () => missing('x86_64/i686-w64-mingw32-gcc'));
} else {
  describe('wsksim cc with mingw-w64', () => {
    it.each(EXAMPLES.flatMap((e) => [[e, 'x64'], [e, 'x86']]))('builds c/examples/%s for %s with -Wall -Wextra and no warning', async (example, arch) => {
      const r = await cli(['cc', '--arch', arch, '-o', join(OUT, `${example}-${arch}.exe`), join(ROOT, 'c', 'examples', example), '-Wall', '-Wextra', '-Werror']);
      expect(r).toMatchObject({ code: 0, err: '' });
      expect(existsSync(join(OUT, `${example}-${arch}.exe`))).toBe(true);
    }, 240_000);

    it.each(['x64', 'x86'])('%s: a kernel function the harness lacks fails the link, named on one line', async (arch) => {
      const src = join(OUT, `lacks-${arch}.c`);
      writeFileSync(src, '#include <ntddk.h>\n#include <wsk.h>\nNTSTATUS NTAPI DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r) {\n  (void)d; (void)r;\n  KeBugCheckEx(0xE2, 0, 0, 0, 0);\n  return STATUS_SUCCESS;\n}\n');
      const r = await cli(['cc', '--arch', arch, '-o', join(OUT, `lacks-${arch}.exe`), src]);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n').pop()).toBe('wsksim cc: link failed: the harness does not provide KeBugCheckEx (c/README.md lists the kernel functions it provides)');
    }, 240_000);

    it('__try/__except and #pragma prefast compile unchanged; a cdecl DriverEntry links on x86', async () => {
      const src = join(OUT, 'seh.c');
      writeFileSync(src, [
        '#include <ntddk.h>', '#include <wsk.h>',
        '#pragma prefast(suppress: 28175, "the sample touches the MDL")',
        'NTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r) {',
        '  NTSTATUS status = STATUS_SUCCESS; char buf[16]; PMDL mdl = IoAllocateMdl(buf, sizeof buf, FALSE, FALSE, NULL);',
        '  (void)d; (void)r; if (!mdl) return STATUS_INSUFFICIENT_RESOURCES;',
        '  __try { MmProbeAndLockPages(mdl, KernelMode, IoWriteAccess); } __except (EXCEPTION_EXECUTE_HANDLER) { status = GetExceptionCode(); }',
        '  if (NT_SUCCESS(status)) MmUnlockPages(mdl);',
        '  IoFreeMdl(mdl); return status;', '}', '',
      ].join('\n'));
      for (const arch of ['x64', 'x86']) {
        const r = await cli(['cc', '--arch', arch, '-o', join(OUT, `seh-${arch}.exe`), src, '-Wall', '-Werror']);
        expect(r).toMatchObject({ code: 0, err: '' });
      }
    }, 240_000);
  });
}

/** Run a built program under Wine against an in-process session; exit code, stderr and how the session ended. */
async function drive(exe: string, completion: 'inline' | 'pending'): Promise<{ code: number | null; stderr: string; end: string }> {
  const prefix = process.env['WINEPREFIX'] ?? join(process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'wsksim', 'wine-x64');
  mkdirSync(prefix, { recursive: true });
  const child = spawn(WINE!, [exe], { env: { ...process.env, WINEPREFIX: prefix, WINEDEBUG: '-all', WINEDLLOVERRIDES: 'mscoree,mshtml=' }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  const s = serveStreams(new Session({ profile: 'wsk', policy: 'strict', completion }), child.stdout, child.stdin);
  const code = await new Promise<number | null>((res) => child.on('close', (c) => res(c)));
  s.stop('program exited');
  const end = await s.done;
  return { code, stderr, end: end.kind };
}

if (HAS_GCC && !WINE) {
  it('Wine (wine64) is installed (required when CI is set)', () => missing('/usr/lib/wine/wine64'));
} else if (HAS_GCC && WINE) {
  describe('examples under Wine against wsksim', () => {
    // Three examples here (the others run in CI under `wsksim drive`, .ci/run): one per completion behaviour, and
    // the one whose WskAccept pends until a connection arrives (accepted sockets created from COMPLETION frames).
    it.each(['exclusive-listener.c', 'pending.c', 'accept-connect.c'].flatMap((e) => [[e, 'inline'], [e, 'pending']] as const))('%s, completion %s: exit 0 with its checks printed', async (example, completion) => {
      const exe = join(OUT, `run-${example}.exe`);
      if (!existsSync(exe)) expect((await cli(['cc', '-o', exe, join(ROOT, 'c', 'examples', example)])).code).toBe(0);
      const r = await drive(exe, completion);
      expect(r.stderr).toMatch(/as expected/);
      expect(r.stderr).not.toMatch(/MISMATCH|wsksim: /);
      expect(r).toMatchObject({ code: 0, end: 'bye' });
    }, 300_000);

    const PROLOGUE = [
      '#include <ntddk.h>', '#include <wsk.h>',
      'static WSK_REGISTRATION Reg; static WSK_PROVIDER_NPI Npi;',
      'static const WSK_CLIENT_DISPATCH Cd = { MAKE_WSK_VERSION(1, 0), 0, NULL };',
      'static PWSK_SOCKET Listener(void) {',
      '  WSK_CLIENT_NPI c = { NULL, &Cd }; PIRP irp = IoAllocateIrp(1, FALSE);',
      '  if (!NT_SUCCESS(WskRegister(&c, &Reg)) || !NT_SUCCESS(WskCaptureProviderNPI(&Reg, WSK_INFINITE_WAIT, &Npi))) return NULL;',
      '  Npi.Dispatch->WskSocket(Npi.Client, AF_INET, SOCK_STREAM, IPPROTO_TCP, WSK_FLAG_LISTEN_SOCKET, NULL, NULL, NULL, NULL, NULL, irp);',
      '  return (PWSK_SOCKET)irp->IoStatus.Information;',
      '}',
      'NTSTATUS NTAPI DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r) {',
      '  PWSK_SOCKET s = Listener(); const WSK_PROVIDER_BASIC_DISPATCH *b = s->Dispatch; (void)d; (void)r; (void)b;',
    ];
    it.each([
      ['a buffer declared over the 16 MiB limit is not read: wsksim ends the session, exit 2', [
        '  static UCHAR big[16];',
        '  b->WskControlSocket(s, WskSetOption, SO_REUSEADDR, SOL_SOCKET, (SIZE_T)32 << 20, big, 0, NULL, NULL, IoAllocateIrp(1, FALSE));',
        '  return STATUS_SUCCESS;', '}',
      ], 2, /^wsksim: error 7 from wsksim: .*/m],
      ['a PWSK_SOCKET wsksim never gave is the InvalidSocket fault, exit 3', [
        '  WSK_SOCKET fake = *s;',
        '  b->WskCloseSocket(&fake, IoAllocateIrp(1, FALSE));',
        '  return STATUS_SUCCESS;', '}',
      ], 3, /^wsksim: WskCloseSocket: fault InvalidSocket .*/m],
      ['a wait nothing can end is reported instead of hanging, exit 3', [
        '  KEVENT e; KeInitializeEvent(&e, NotificationEvent, FALSE);',
        '  KeWaitForSingleObject(&e, Executive, KernelMode, FALSE, NULL);',
        '  return STATUS_SUCCESS;', '}',
      ], 3, /^wsksim: KeWaitForSingleObject would wait forever: .*/m],
      ['a WskAccept that no connection completes: the wait is reported instead of hanging, exit 3', [
        '  SOCKADDR_IN a = { 0 }; KEVENT e; PIRP bi = IoAllocateIrp(1, FALSE), ai = IoAllocateIrp(1, FALSE);',
        '  const WSK_PROVIDER_LISTEN_DISPATCH *l = s->Dispatch;',
        '  a.sin_family = AF_INET; a.sin_port = RtlUshortByteSwap(5150); a.sin_addr.s_addr = RtlUlongByteSwap(0x7F000001);',
        '  l->WskBind(s, (PSOCKADDR)&a, 0, bi); KeInitializeEvent(&e, NotificationEvent, FALSE);',
        '  if (l->WskAccept(s, 0, NULL, NULL, NULL, NULL, ai) != STATUS_PENDING) return STATUS_UNSUCCESSFUL;',
        '  KeWaitForSingleObject(&e, Executive, KernelMode, FALSE, NULL);',
        '  return STATUS_SUCCESS;', '}',
      ], 3, /^wsksim: KeWaitForSingleObject would wait forever: the object is not signalled and the IRPs pending at the provider \(WskAccept of call 4\) wait for a harness event .*/m],
      ['IoFreeIrp of an IRP the driver embedded is reported, exit 3', [
        '  static UCHAR buf[sizeof(IRP) + sizeof(IO_STACK_LOCATION)]; PIRP irp = (PIRP)buf;',
        '  IoInitializeIrp(irp, sizeof buf, 1); IoFreeIrp(irp);',
        '  return STATUS_SUCCESS;', '}',
      ], 3, /^wsksim: IoFreeIrp of an IRP IoAllocateIrp did not allocate .*/m],
    ] as const)('%s', async (_title, body, code, line) => {
      const name = `bad-${code}-${body.length}-${body[0]!.length}`;
      const src = join(OUT, `${name}.c`);
      writeFileSync(src, [...PROLOGUE, ...body, ''].join('\n'));
      expect((await cli(['cc', '-o', join(OUT, `${name}.exe`), src])).code).toBe(0);
      const r = await drive(join(OUT, `${name}.exe`), 'inline');
      expect(r.code).toBe(code);
      expect(r.stderr).toMatch(line);
    }, 300_000);

    it.each([
      ['crashes in the completion routine of an accept a harness event completes: one line, exit 2', '*(volatile int *)0 = 1;', [], /^wsksim drive: \S*accept-crash\.exe closed the channel without BYE \(after 3 call\(s\)\); it exited with status \d+ \(under Wine an unhandled exception exits with a status such as 5 for an access violation\)\n$/],
      ['hangs in the completion routine of an accept: --timeout gives one line, exit 2', 'for (;;) (void)*(volatile int *)Context;', ['--timeout', '8'], /^wsksim drive: \S*accept-hang\.exe did not finish within 8 s \(after 3 call\(s\)\); killed\n$/],
    ] as const)('a driver that %s', async (_title, routine, opts, line) => {
      const name = routine.startsWith('for') ? 'accept-hang' : 'accept-crash';
      const src = join(OUT, `${name}.c`);
      writeFileSync(src, [
        ...PROLOGUE.slice(0, -2).map((l) => l.replace('#include <wsk.h>', '#include <wsk.h>\n#include <wsksim/harness.h>')),
        `static NTSTATUS NTAPI Done(PDEVICE_OBJECT D, PIRP I, PVOID Context) { (void)D; (void)I; ${routine} return STATUS_MORE_PROCESSING_REQUIRED; }`,
        'NTSTATUS NTAPI DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r) {',
        '  PWSK_SOCKET s = Listener(); const WSK_PROVIDER_LISTEN_DISPATCH *l = s->Dispatch; SOCKADDR_IN a = { 0 };',
        '  PIRP bi = IoAllocateIrp(1, FALSE), ai = IoAllocateIrp(1, FALSE); static int x; (void)d; (void)r;',
        '  a.sin_family = AF_INET; a.sin_port = RtlUshortByteSwap(5150); a.sin_addr.s_addr = RtlUlongByteSwap(0x7F000001);',
        '  l->WskBind(s, (PSOCKADDR)&a, 0, bi);',
        '  IoSetCompletionRoutine(ai, Done, &x, TRUE, TRUE, TRUE);',
        '  l->WskAccept(s, 0, NULL, NULL, NULL, NULL, ai);',
        '  WsksimIncomingConnection((PSOCKADDR)&a, (PSOCKADDR)&a);',
        '  return STATUS_SUCCESS;', '}', '',
      ].join('\n'));
      expect((await cli(['cc', '-o', join(OUT, `${name}.exe`), src])).code).toBe(0);
      const r = await cli(['drive', ...opts, '--', join(OUT, `${name}.exe`)]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(line);
    }, 300_000);

    it.each(['inline', 'pending'])('a server with no test hooks waiting in WskAccept gets its connection from `wsksim drive --event` (%s)', async (mode) => {
      const src = join(OUT, 'waits-for-peer.c');
      writeFileSync(src, [
        ...PROLOGUE.slice(0, -2),
        'static NTSTATUS NTAPI Done(PDEVICE_OBJECT D, PIRP I, PVOID Context) { (void)D; (void)I; KeSetEvent((PKEVENT)Context, IO_NO_INCREMENT, FALSE); return STATUS_MORE_PROCESSING_REQUIRED; }',
        'NTSTATUS NTAPI DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r) {',
        '  PWSK_SOCKET s = Listener(); const WSK_PROVIDER_LISTEN_DISPATCH *l = s->Dispatch; SOCKADDR_IN a = { 0 }, peer; KEVENT e;',
        '  PIRP bi = IoAllocateIrp(1, FALSE), ai = IoAllocateIrp(1, FALSE); NTSTATUS st; (void)d; (void)r;',
        '  a.sin_family = AF_INET; a.sin_port = RtlUshortByteSwap(5150); a.sin_addr.s_addr = RtlUlongByteSwap(0x7F000001);',
        '  KeInitializeEvent(&e, NotificationEvent, FALSE); IoSetCompletionRoutine(bi, Done, &e, TRUE, TRUE, TRUE);',
        '  if (l->WskBind(s, (PSOCKADDR)&a, 0, bi) == STATUS_PENDING) KeWaitForSingleObject(&e, Executive, KernelMode, FALSE, NULL);',
        '  KeClearEvent(&e); IoSetCompletionRoutine(ai, Done, &e, TRUE, TRUE, TRUE);',
        '  st = l->WskAccept(s, 0, NULL, NULL, NULL, (PSOCKADDR)&peer, ai);',
        '  if (st != STATUS_PENDING) return STATUS_UNSUCCESSFUL;',
        '  KeWaitForSingleObject(&e, Executive, KernelMode, FALSE, NULL);',
        '  if (ai->IoStatus.Status != STATUS_SUCCESS || !ai->IoStatus.Information) return STATUS_UNSUCCESSFUL;',
        '  if (((PWSK_SOCKET)ai->IoStatus.Information)->Dispatch == s->Dispatch) return STATUS_UNSUCCESSFUL;',
        '  if (peer.sin_port != RtlUshortByteSwap(49152) || peer.sin_addr.s_addr != RtlUlongByteSwap(0xC0000201)) return STATUS_UNSUCCESSFUL;',
        '  return STATUS_SUCCESS;', '}', '',
      ].join('\n'));
      const exe = join(OUT, 'waits-for-peer.exe');
      if (!existsSync(exe)) expect((await cli(['cc', '-o', exe, src])).code).toBe(0);
      expect(await cli(['drive', '--policy', 'strict', '--completion', mode, '--event', 'incoming:127.0.0.1:5150', '--', exe])).toEqual({ code: 0, out: '', err: '' });
    }, 300_000);

    it('a failed check fails DriverEntry: exit 1, after BYE; DbgPrint formats %wZ and %I64x as the kernel does', async () => {
      const src = join(OUT, 'fails.c');
      writeFileSync(src, '#include <ntddk.h>\n#include <wsk.h>\nNTSTATUS NTAPI DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r) {\n  (void)d; DbgPrint("path %wZ|%I64x|%ws\\n", r, 0x123456789ULL, L"w"); return STATUS_UNSUCCESSFUL;\n}\n');
      expect((await cli(['cc', '-o', join(OUT, 'fails.exe'), src])).code).toBe(0);
      const r = await drive(join(OUT, 'fails.exe'), 'inline');
      expect(r).toMatchObject({ code: 1, end: 'bye' });
      expect(r.stderr).toContain('wsksim: DriverEntry returned 0xC0000001');
      expect(r.stderr.replace(/\r\n/g, '\n')).toContain('path \\REGISTRY\\MACHINE\\SYSTEM\\ControlSet001\\Services\\fails|123456789|w\n');
    }, 300_000);
  });
}
