/**
 * `wsksim serve`: answer the wire protocol (docs/PROTOCOL.md) on stdin/stdout, or on an inherited descriptor.
 */
import { Socket } from 'node:net';
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { POLICY_PRESETS } from '../../abi/policy';
import { AbiUsageError } from '../errors';
import { DEFAULT_MAX_BUFFER } from '../harness/protocol';
import { DEFAULT_POLICY, Session, type SessionOptions } from '../harness/session';
import { endMessage } from '../harness/end-message';
import { serveStreams } from '../harness/transport';
import type { CompletionMode, ProfileName } from '../provider/provider';
import type { CliContext } from './main';
import { UsageError } from './util';

/** Session options common to `serve` and `drive`. */
export interface ServerCliOptions {
  profile?: string;
  policy?: string;
  completion?: string;
}

/** The help text of --policy, naming the actual default. */
export function policyHelp(): string {
  return `policy preset: ${Object.keys(POLICY_PRESETS).join(', ')} (default ${DEFAULT_POLICY}${DEFAULT_POLICY === 'windows' ? '' : '; windows once that preset exists'})`;
}

/** Add --profile, --policy and --completion to a command. */
export function addServerOptions(c: Command): Command {
  return c
    .option('--profile <name>', 'address-sharing rule set: wsk, winsock, winsock-xp', 'wsk')
    .option('--policy <name>', policyHelp())
    .option('--completion <mode>', 'inline (IRPs complete before the call returns) or pending (STATUS_PENDING, completions on DELIVER)', 'inline');
}

/** A session from the command's options; bad names are usage errors. */
export function sessionFrom(opts: ServerCliOptions, observer?: SessionOptions['observer'], events?: SessionOptions['events']): Session {
  try {
    return new Session({
      profile: (opts.profile ?? 'wsk') as ProfileName, policy: opts.policy ?? DEFAULT_POLICY, completion: (opts.completion ?? 'inline') as CompletionMode,
      ...(observer !== undefined ? { observer } : {}), ...(events !== undefined ? { events } : {}),
    });
  } catch (e) {
    if (e instanceof AbiUsageError) throw new UsageError(e.message);
    throw e;
  }
}

/** Register the `serve` command. */
export function registerServeCommand(program: Command, ctx: CliContext): void {
  addServerOptions(program
    .command('serve')
    .description('answer the wsksim wire protocol (docs/PROTOCOL.md) on stdin/stdout: one client session, then exit'))
    .option('--fd <n>', 'serve on this inherited descriptor (a socket open for reading and writing) instead of stdin/stdout')
    .addHelpText('after', `
The client speaks first (HELLO). Diagnostics go to stderr; stdout carries only frames.
Limits: frames up to 64 MiB + 64 bytes, buffers up to ${DEFAULT_MAX_BUFFER} bytes (docs/PROTOCOL.md "Limits").

Exit status: 0 the client said BYE, 2 a protocol error (the client gets an ERROR frame), the channel closed
before BYE, or bad usage.`)
    .action(async (opts: ServerCliOptions & { fd?: string }) => {
      let session: Session;
      let input: Readable;
      let output: Writable;
      try {
        session = sessionFrom(opts);
        if (opts.fd !== undefined) {
          if (!/^\d+$/.test(opts.fd)) throw new UsageError(`--fd: ${JSON.stringify(opts.fd)} is not a descriptor number`);
          const sock = new Socket({ fd: Number(opts.fd), readable: true, writable: true });
          input = sock;
          output = sock;
        } else {
          input = process.stdin;
          output = process.stdout;
        }
      } catch (e) {
        if (e instanceof UsageError) { ctx.err(`wsksim serve: ${e.message}\n`); ctx.setExit(2); return; }
        throw e;
      }
      const s = serveStreams(session, input, output);
      const end = await s.done;
      input.pause();
      if (input !== process.stdin) input.destroy();
      else process.stdin.destroy();
      const msg = endMessage(end, 'the client');
      if (msg !== null) { ctx.err(`wsksim serve: ${msg}\n`); ctx.setExit(2); }
    });
}
