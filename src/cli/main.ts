/**
 * The wsksim command line: `wsksim <command> [options]`. Exit codes: 0 success, 1 a check failed, 2 bad input.
 */
import { Command, CommanderError } from 'commander';
import { registerFuzzCommand } from './fuzz';
import { registerMatrixCommand } from './matrix';
import { registerRunCommand } from './run';

/** Build the command tree; each command registers itself from its own module. */
export function buildProgram(out: (s: string) => void, err: (s: string) => void, setExit: (code: number) => void): Command {
  const program = new Command('wsksim')
    .description('Byte-exact simulator of the Windows Winsock Kernel (WSK) control surface')
    .exitOverride()
    .configureOutput({ writeOut: out, writeErr: err })
    .showHelpAfterError();
  registerRunCommand(program, { out, err, setExit });
  registerMatrixCommand(program, { out, err, setExit });
  registerFuzzCommand(program, { out, err, setExit });
  return program;
}

/** Context handed to every command: output streams and the exit-code setter. */
export interface CliContext {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly setExit: (code: number) => void;
}

/** Run the CLI with arguments (without node and script); resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let code = 0;
  const out = (s: string): void => { process.stdout.write(s); };
  const err = (s: string): void => { process.stderr.write(s); };
  const program = buildProgram(out, err, (c) => { code = Math.max(code, c); });
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    err(`wsksim: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  return code;
}
