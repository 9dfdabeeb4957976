/**
 * `wsksim cc`: compile and link WSK driver sources against the C harness (c/) with the mingw-w64 cross compiler.
 */
import type { Command } from 'commander';
import { BuildError, buildDriver, CC_ARCHES } from '../tools/harness-build';
import type { CliContext } from './main';

/** Sources and objects `cc` takes as inputs; every other argument is a gcc flag. */
const INPUT = /\.(c|o|obj|a|lib)$/i;

/** Register `wsksim cc`. */
export function registerCcCommand(program: Command, ctx: CliContext): void {
  program
    .command('cc')
    .description('compile and link WSK driver sources against the wsksim C harness (mingw-w64), for `wsksim drive`')
    .usage('[--arch x64|x86] -o OUT.exe SOURCES... [gcc flags]')
    .option('--arch <arch>', 'x64 (x86_64-w64-mingw32-gcc) or x86 (i686-w64-mingw32-gcc)', 'x64')
    .option('-o, --output <file>', 'the program to write (required)')
    .option('--verbose', 'print each compiler command')
    .argument('[args...]', 'C sources, objects, archives and gcc flags (-I, -D, -O2, -l...)')
    .allowUnknownOption()
    .addHelpText('after', `
Driver sources include <ntddk.h> (or <wdm.h>) then <wsk.h> as they would with the WDK; the harness supplies
wsk.h (c/include), mingw-w64's kernel headers, a main that calls DriverEntry then DriverUnload, the kernel
functions listed in c/README.md, and a prelude for __try/__except, #pragma prefast and ExAllocatePool2.
DBG=1 is defined unless a -DDBG/-UDBG flag is given. The harness library is built once per compiler and cached.

Exit status: 0 built, 2 no compiler, a compile or link error (a kernel function the harness lacks is named), or bad usage.`)
    .action((args: string[], opts: { arch: string; output?: string; verbose?: boolean }) => {
      const fail = (msg: string, details = ''): void => {
        if (details) ctx.err(details.endsWith('\n') ? details : `${details}\n`);
        ctx.err(`wsksim cc: ${msg}\n`);
        ctx.setExit(2);
      };
      if (!(opts.arch in CC_ARCHES)) { fail(`--arch ${JSON.stringify(opts.arch)}: expected x64 or x86`); return; }
      if (!opts.output) { fail('-o OUT.exe is required'); return; }
      const inputs: string[] = [];
      const flags: string[] = [];
      for (let i = 0; i < args.length; i++) {
        const a = args[i]!;
        if (!a.startsWith('-') && INPUT.test(a)) inputs.push(a);
        else flags.push(a);
      }
      if (inputs.length === 0) { fail('no source files given (expected .c, .o or .a files)'); return; }
      try {
        buildDriver({ arch: opts.arch as 'x64' | 'x86', output: opts.output, inputs, flags, diagnostics: ctx.err, ...(opts.verbose ? { log: (l: string) => ctx.err(`${l}\n`) } : {}) });
      } catch (e) {
        if (e instanceof BuildError) { fail(e.message, e.details); return; }
        throw e;
      }
    });
}
