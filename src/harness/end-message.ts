/**
 * The one-line description of a session that ended without BYE.
 */
import type { SessionEnd } from './transport';

/** One line describing how a session ended badly, or null after BYE. */
export function endMessage(end: SessionEnd, peer: string): string | null {
  switch (end.kind) {
    case 'bye': return null;
    case 'error': return `protocol error from ${peer}: ${end.error.message}`;
    case 'stopped': return end.reason;
    case 'eof':
      if (end.buffered > 0) return `${peer} closed the channel in the middle of a frame (${end.buffered} byte(s) of it received, after ${end.calls} call(s))`;
      if (end.state === 'hello') return `${peer} closed the channel without saying HELLO`;
      return `${peer} closed the channel without BYE (after ${end.calls} call(s))`;
  }
}
