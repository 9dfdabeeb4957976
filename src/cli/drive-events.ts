/**
 * `wsksim drive --event SPEC`: harness events the server takes by itself during a run (a remote peer connecting or
 * closing, simulated time moving, a remote listener), for a driver that cannot call the test hooks of
 * wsksim/harness.h. The grammar is in EVENT_HELP; docs/PROTOCOL.md "Harness events" says what each event does.
 */
import { AF } from '../codec/names';
import { encodeSockaddrText } from '../codec/sockaddr';
import { EVENT } from '../harness/protocol';
import type { ScriptedEvent } from '../harness/session';
import { UsageError } from './util';

/** The help text of --event. */
export const EVENT_HELP = `a harness event, repeatable, taken in order: incoming:TO[,from=FROM] (a remote peer connects to the local
address TO; FROM defaults to 192.0.2.1:49152, or [2001:db8::1]:49152 for an IPv6 TO), peerClose[:SOCKET] (the remote
peer of a connected socket closes first; SOCKET is a handle as --trace shows it, default the newest accepted or
connected socket), advanceTime:SECONDS (simulated time moves on), remote:ADDRESS (a remote listener exists there).
Each may end with @wait (default: when the program waits for a completion and none is ready) or @N (before the first
request after the program's N-th call; remote defaults to @0)`;

/** The default remote peer of an incoming connection to an address of a family (documentation address ranges). */
const DEFAULT_FROM: Readonly<Record<number, string>> = { [AF.AF_INET]: '192.0.2.1:49152', [AF.AF_INET6]: '[2001:db8::1]:49152' };

function address(text: string, what: string, spec: string): Buffer {
  const b = encodeSockaddrText(text);
  if (b === null) throw new UsageError(`--event ${JSON.stringify(spec)}: ${what} ${JSON.stringify(text)} is not an address such as 127.0.0.1:5150 or [::1]:5150`);
  return b;
}

/** Parse one --event value. */
export function parseEvent(spec: string): ScriptedEvent {
  const at = spec.lastIndexOf('@');
  const body = at < 0 ? spec : spec.slice(0, at);
  const whenText = at < 0 ? null : spec.slice(at + 1);
  const colon = body.indexOf(':');
  const kind = colon < 0 ? body : body.slice(0, colon);
  const arg = colon < 0 ? null : body.slice(colon + 1);
  const need = (what: string): string => {
    if (arg === null || arg === '') throw new UsageError(`--event ${JSON.stringify(spec)}: ${kind} needs ${what} (${kind}:${what.toUpperCase()})`);
    return arg;
  };
  let when: 'wait' | number = kind === 'remote' ? 0 : 'wait';
  if (whenText !== null) {
    if (whenText === 'wait') when = 'wait';
    else if (/^\d{1,9}$/.test(whenText)) when = Number(whenText);
    else throw new UsageError(`--event ${JSON.stringify(spec)}: @${whenText}: expected @wait or @N (a number of calls)`);
  }
  switch (kind) {
    case 'incoming': {
      const [toText, ...opts] = need('address').split(',');
      const to = address(toText!, 'TO', spec);
      let from: Buffer | null = null;
      for (const o of opts) {
        if (!o.startsWith('from=')) throw new UsageError(`--event ${JSON.stringify(spec)}: ${JSON.stringify(o)}: expected from=ADDRESS`);
        from = address(o.slice(5), 'FROM', spec);
      }
      const family = to.readUInt16LE(0);
      if (from === null) from = encodeSockaddrText(DEFAULT_FROM[family]!)!;
      return { event: EVENT.INCOMING, args: [from, to], when, text: spec };
    }
    case 'peerClose': {
      if (arg === null || arg === '') return { event: EVENT.PEER_CLOSE, args: ['last'], when, text: spec };
      const h = arg.replace(/^#/, '');
      if (!/^\d{1,10}$/.test(h) || Number(h) > 0xffffffff) throw new UsageError(`--event ${JSON.stringify(spec)}: ${JSON.stringify(arg)} is not a socket handle`);
      return { event: EVENT.PEER_CLOSE, args: [Number(h)], when, text: spec };
    }
    case 'advanceTime': {
      const s = need('seconds');
      if (!/^\d{1,10}$/.test(s) || Number(s) > 0xffffffff) throw new UsageError(`--event ${JSON.stringify(spec)}: ${JSON.stringify(s)} is not a whole number of seconds`);
      return { event: EVENT.ADVANCE_TIME, args: [Number(s)], when, text: spec };
    }
    case 'remote':
      return { event: EVENT.REMOTE_LISTENER, args: [address(need('address'), 'ADDRESS', spec)], when, text: spec };
    default:
      throw new UsageError(`--event ${JSON.stringify(spec)}: unknown event ${JSON.stringify(kind)} (expected incoming, peerClose, advanceTime or remote)`);
  }
}
