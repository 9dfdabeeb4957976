/**
 * The wsksim command line: `wsksim <command> [options]`. Exit codes: 0 success, 1 a check failed, 2 bad input.
 */
import { Command, CommanderError } from 'commander';
import { registerCompareCommand } from './compare';
import { registerFuzzCommand } from './fuzz';
import { registerMatrixCommand } from './matrix';
import { registerCallCommand } from './call';
import { registerExplainCommand } from './explain';
import { registerRecordCommand } from './record';
import { registerRunCommand } from './run';
import { registerServeCommand } from './serve';
import { registerCcCommand } from './cc';
import { registerDriveCommand } from './drive';
import { packageVersion } from '../version';

/** How the CLI writes: sinks for stdout and stderr, and whether stdout may be coloured. */
export interface CliIo {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  /** Colour stdout (default: stdout is a TTY and NO_COLOR is unset or empty). */
  readonly color?: boolean;
}

/** Whether the process's stdout should be coloured: a TTY, and no NO_COLOR (https://no-color.org). */
export function defaultColor(): boolean {
  const noColor = process.env.NO_COLOR;
  return process.stdout.isTTY === true && (noColor === undefined || noColor === '');
}

let pipeGuard = false;

/** `wsksim ... | head`: a closed stdout (EPIPE) ends the process quietly instead of with a stack trace. */
function quietOnClosedPipe(): void {
  if (pipeGuard) return;
  pipeGuard = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

/** Build the command tree; each command registers itself from its own module. */
export function buildProgram(out: (s: string) => void, err: (s: string) => void, setExit: (code: number) => void, color = false): Command {
  const program = new Command('wsksim')
    .description('Byte-exact simulator of the Windows Winsock Kernel (WSK) control surface')
    .version(packageVersion(), '-V, --version', 'print the wsksim version')
    .exitOverride()
    .configureOutput({ writeOut: out, writeErr: err })
    .addHelpText('after', '\nExit status: 0 success, 1 a check failed, 2 bad input or usage.\nColour only when stdout is a TTY and NO_COLOR is not set.');
  const ctx: CliContext = { out, err, setExit, color };
  registerRunCommand(program, ctx);
  registerCallCommand(program, ctx);
  registerExplainCommand(program, ctx);
  registerRecordCommand(program, ctx);
  registerMatrixCommand(program, ctx);
  registerFuzzCommand(program, ctx);
  registerServeCommand(program, ctx);
  registerCcCommand(program, ctx);
  registerDriveCommand(program, ctx);
  registerCompareCommand(program, ctx);
  return program;
}

/** Context handed to every command: output streams, the exit-code setter, and whether stdout is coloured. */
export interface CliContext {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly setExit: (code: number) => void;
  /** Colour output (stdout is a TTY and NO_COLOR is not set); absent = no colour. */
  readonly color?: boolean;
}

/**
 * Run the CLI with arguments (without node and script); resolves to the exit code. `io` redirects output (tests
 * capture it this way); by default it goes to the process's stdout and stderr.
 */
export async function main(argv: readonly string[], io?: CliIo): Promise<number> {
  let code = 0;
  if (io === undefined) quietOnClosedPipe();
  const out = io?.out ?? ((s: string): void => { process.stdout.write(s); });
  const err = io?.err ?? ((s: string): void => { process.stderr.write(s); });
  const color = io?.color ?? (io === undefined ? defaultColor() : false);
  const program = buildProgram(out, err, (c) => { code = Math.max(code, c); }, color);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      // commander has already printed its message ("error: unknown option '--x'") or the help text.
      return e.exitCode === 0 ? 0 : 2;
    }
    err(`wsksim: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  return code;
}
