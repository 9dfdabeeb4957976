/**
 * The trace of `wsksim drive --trace`: each call in C-like form (explain's rendering of the vector step it is), its
 * result, the IRP, the deciding rule with its source, lint, and the bytes written, marked as explain marks them.
 */
import { faultName } from '../provider/result';
import type { Answer } from '../harness/messages';
import type { CallEvent, CompletionEvent, HarnessEvent } from '../harness/session';
import { decodeSockaddr, formatAddress } from '../codec/sockaddr';
import { EVENT } from '../harness/protocol';
import { formatRule } from '../vectors/rules';
import { markedDump, statusText, writtenRanges, type Paint } from './util';

function resultText(a: Answer): string {
  const f = faultName(a.fault === 0 ? 0 : -a.fault);
  return f !== undefined ? `fault ${f}` : statusText(a.status);
}

/** Lines describing the bytes an answer wrote into the call's arguments. */
function writtenLines(names: readonly string[], before: readonly (Buffer | null)[], after: readonly (Buffer | null)[], a: Answer, p: Paint, colour: boolean, ind: string): string[] {
  const lines: string[] = [];
  for (const s of a.written) {
    const b = before[s.argument];
    const x = after[s.argument];
    if (b === null || b === undefined || x === null || x === undefined) continue;
    lines.push(`${ind}${names[s.argument]}: written ${writtenRanges(b, x)}`);
    lines.push(...markedDump(b, x, p, colour, `${ind}  `).split('\n'));
  }
  return lines;
}

/** Trace lines of one call: the call, result, IRP, deciding rule, lint, bytes written, earlier IRPs completed. */
export function traceCall(e: CallEvent, text: string, p: Paint, colour: boolean): string[] {
  const ind = '        ';
  const a = e.answer;
  const lines = [`${p.bold(`call ${e.seq}`)}  ${text}`];
  lines.push(`${ind}result: ${a.fault !== 0 ? p.bad(resultText(a)) : resultText(a)}${a.newSocket !== 0 ? `, new socket #${a.newSocket}` : ''}`);
  const irp = e.args.find((x) => x.kind === 'irp');
  if (irp !== undefined) lines.push(`${ind}IRP: ${a.irpCompleted ? 'completed' : 'not completed'}`);
  lines.push(`${ind}decided by: ${formatRule(a.rule, e.source)}`);
  for (const l of a.lint) lines.push(`${ind}${p.warn('lint')}: ${l.id}${l.message !== '' ? `: ${l.message}` : ''}`);
  lines.push(...writtenLines(e.args.map((x) => x.name), e.args.map((x) => x.before), e.args.map((x) => x.after), a, p, colour, ind));
  for (const c of e.completions) lines.push(...traceCompletion(c, p, colour, e.seq));
  return lines;
}

/** Trace lines of a COMPLETION (an IRP of call `c.seq` completed). */
export function traceCompletion(c: CompletionEvent, p: Paint, colour: boolean, during?: number): string[] {
  const ind = '        ';
  const lines = [`${ind}completed: the IRP of call ${c.seq} (${c.row.name})${during !== undefined ? ` during call ${during}` : ''}: ${statusText(c.answer.status)}, decided by ${formatRule(c.answer.rule)}`];
  for (const s of c.answer.written) lines.push(`${ind}  ${c.row.args[s.argument]?.name ?? `argument ${s.argument}`}: written +${s.offset}..${s.offset + s.bytes.length - 1} = ${s.bytes.toString('hex')}`);
  return lines;
}

/** An event's arguments as text: addresses as 127.0.0.1:5150, sockets as #handle, seconds. */
export function eventText(e: HarnessEvent): string {
  const parts = e.args.map((a) => {
    if (a.kind === 'buffer' && a.before !== null) {
      try { return `${a.name} ${formatAddress(decodeSockaddr(a.before))}`; } catch { return `${a.name} ${a.before.length} bytes`; }
    }
    if (a.kind === 'socket') return `${a.name} #${a.value}`;
    return `${a.name} ${a.value}`;
  });
  return `${e.row.name}(${parts.join(', ')})`;
}

/** What an event's value means, in words. */
export function eventResultText(e: HarnessEvent): string {
  const f = faultName(e.result < 0 ? e.result : 0);
  if (f !== undefined) return `fault ${f}`;
  switch (e.row.id) {
    case EVENT.INCOMING: return e.result === 0 ? 'refused (no listener for that address)' : `routed to listening socket #${e.result}`;
    case EVENT.ADVANCE_TIME: return `simulated time is now ${e.result} s`;
    default: return 'done';
  }
}

/** Trace lines of a harness event (an EVENT frame or a scripted --event) and the completions it caused. */
export function traceEvent(e: HarnessEvent, p: Paint, colour: boolean): string[] {
  const ind = '        ';
  const lines = [`${p.bold(e.scripted !== null ? 'event' : `event ${e.seq}`)}  ${eventText(e)}${e.scripted !== null ? ` (--event ${e.scripted.text})` : ''}`];
  lines.push(`${ind}result: ${e.result < 0 ? p.bad(eventResultText(e)) : eventResultText(e)}`);
  if (e.rule !== '') lines.push(`${ind}decided by: ${formatRule(e.rule)}`);
  for (const c of e.completions) lines.push(...traceCompletion(c, p, colour));
  return lines;
}
