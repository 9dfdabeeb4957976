/**
 * `wsksim drive -- PROGRAM [ARGS]`: run a program that speaks the wire protocol on its stdin/stdout (a driver built
 * with `wsksim cc`, under Wine; any other program directly), serve it, and exit with its status.
 */
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { stepCallText } from './explain';
import { callText, ConversationRecorder } from '../harness/conversation';
import { drive } from '../harness/drive';
import { WineUnavailableError } from '../harness/wine';
import type { CallEvent } from '../harness/session';
import type { CliContext } from './main';
import { eventResultText, traceCall, traceCompletion, traceEvent } from './drive-trace';
import { EVENT_HELP, parseEvent } from './drive-events';
import type { ScriptedEvent } from '../harness/session';
import { addServerOptions, sessionFrom, type ServerCliOptions } from './serve';
import { paint, UsageError } from './util';

interface DriveCliOptions extends ServerCliOptions {
  trace?: boolean;
  record?: string;
  timeout?: string;
  prefix?: string;
  event?: string[];
}

/** Register the `drive` command. */
export function registerDriveCommand(program: Command, ctx: CliContext): void {
  addServerOptions(program
    .command('drive')
    .description("run a program that calls WSK through the wire protocol (your driver built with `wsksim cc`), serve it, exit with its status")
    .usage('[options] -- PROGRAM [ARGS...]')
    .argument('<program>', 'the program: a .exe runs under Wine, anything else is executed directly')
    .argument('[args...]', "the program's arguments"))
    .option('--trace', 'print each call in C-like form with its result, deciding rule, lint and the bytes written')
    .option('--record <file>', 'write the conversation as a wsksim/vectors@1 file that `wsksim run` replays')
    .option('--timeout <seconds>', 'kill the program after this many seconds (exit status 2)')
    .option('--prefix <dir>', 'Wine prefix for a .exe (created once, reused; default $XDG_CACHE_HOME/wsksim/wine-x64)')
    .option('--event <spec>', EVENT_HELP, (v: string, all: string[] = []) => [...all, v])
    .addHelpText('after', `
The program's stdin and stdout are the protocol channel (docs/PROTOCOL.md); its stderr (DbgPrint) passes through.
A .exe runs under Wine (/usr/lib/wine/wine64, or $WSKSIM_WINE) with WINEDEBUG=-all in a private prefix that is
created on first use (20-40 s). Lint entries (deviations from the documented parameter tables that the policy
accepted) are printed on stderr as warnings.

Exit status: the program's own status after it said BYE (0 when DriverEntry succeeded, 1 otherwise); 2 when it
crashed, hung (--timeout), broke the protocol, exited without BYE, or on bad usage; always one line on stderr.`)
    .action(async (prog: string, args: string[], opts: DriveCliOptions) => {
      const fail = (m: string): void => { ctx.err(`wsksim drive: ${m}\n`); ctx.setExit(2); };
      let timeoutMs: number | undefined;
      if (opts.timeout !== undefined) {
        const t = Number(opts.timeout);
        if (!Number.isFinite(t) || t <= 0) { fail(`--timeout: ${JSON.stringify(opts.timeout)} is not a positive number of seconds`); return; }
        timeoutMs = Math.round(t * 1000);
      }
      const events: ScriptedEvent[] = [];
      try {
        for (const e of opts.event ?? []) events.push(parseEvent(e));
      } catch (e) {
        if (e instanceof UsageError) { fail(e.message); return; }
        throw e;
      }
      const p = paint(ctx);
      const warn = (e: CallEvent): void => {
        for (const l of e.answer.lint) ctx.err(`wsksim drive: warning: call ${e.seq} ${e.row.name}: ${l.id}${l.message !== '' ? `: ${l.message}` : ''}\n`);
      };
      const recorder = new ConversationRecorder(
        (e, c) => {
          warn(e);
          if (opts.trace) ctx.out(`${traceCall(e, 'step' in c ? stepCallText(c.step) : callText(e), p, ctx.color === true).join('\n')}\n`);
        },
        (seq, cs) => {
          if (opts.trace) ctx.out(`${[`${p.bold(`deliver ${seq}`)}  deliver pending IRP completions: ${cs.length}`, ...cs.flatMap((c) => traceCompletion(c, p, ctx.color === true))].join('\n')}\n`);
        },
        (e) => {
          if (e.scripted !== null && e.result < 0) ctx.err(`wsksim drive: warning: --event ${e.scripted.text}: ${eventResultText(e)}\n`);
          if (opts.trace) ctx.out(`${traceEvent(e, p, ctx.color === true).join('\n')}\n`);
        },
      );
      let session;
      try {
        session = sessionFrom(opts, recorder, events);
      } catch (e) {
        if (e instanceof UsageError) { fail(e.message); return; }
        throw e;
      }
      let r;
      try {
        r = await drive({ program: prog, args, session, ...(timeoutMs !== undefined ? { timeoutMs } : {}), ...(opts.prefix !== undefined ? { prefix: opts.prefix } : {}), log: ctx.err });
      } catch (e) {
        if (e instanceof WineUnavailableError) { fail(e.message); return; }
        throw e;
      }
      for (const e of session.scriptedLeft) ctx.err(`wsksim drive: warning: --event ${e.text} was not taken (${e.when === 'wait' ? 'the program never waited with nothing ready' : `the program made ${session.calls} call(s)`})\n`);
      if (opts.record !== undefined) {
        try {
          const id = basename((recorder.program !== '' ? recorder.program : prog).replace(/\\/g, '/')).replace(/\.exe$/i, '');
          const doc = recorder.document(id);
          writeFileSync(opts.record, doc.text);
          ctx.err(`wsksim drive: ${recorder.steps.length} step(s) recorded into ${opts.record}${recorder.omitted.length > 0 ? ` (${recorder.omitted.length} call(s) not expressible as vector steps are listed under "x-omitted")` : ''}\n`);
          for (const m of doc.mismatches) ctx.err(`wsksim drive: warning: the replay of recorded step ${m.step} differs from the live answer: ${m.message}\n`);
        } catch (e) {
          fail(`cannot write ${opts.record}: ${(e as Error).message}`);
          return;
        }
      }
      if (r.message !== null) { fail(r.message); return; }
      ctx.setExit(r.exitCode);
    });
}
