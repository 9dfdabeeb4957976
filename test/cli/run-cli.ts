/**
 * Test helper: run the wsksim CLI in-process through main() and capture its output and exit code.
 */
import { main } from '../../src/cli/main';

/** Captured result of one CLI invocation. */
export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Run `wsksim ...args` in-process. */
export async function cli(args: readonly string[], color = false): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => { out += s; }, err: (s) => { err += s; }, color });
  return { code, out, err };
}
