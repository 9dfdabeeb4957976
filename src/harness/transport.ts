/**
 * A session over a pair of byte streams: frames are cut from `input` and answers written to `output`, until BYE,
 * a protocol violation (answered with ERROR) or the end of the input.
 */
import type { Readable, Writable } from 'node:stream';
import { FrameReader } from './frame-codec';
import { ProtocolError } from './protocol';
import type { Session } from './session';

/** How a session over streams ended. */
export type SessionEnd =
  | { readonly kind: 'bye'; readonly status: number }
  | { readonly kind: 'error'; readonly error: ProtocolError }
  | { readonly kind: 'eof'; readonly state: Session['state']; readonly buffered: number; readonly calls: number }
  | { readonly kind: 'stopped'; readonly reason: string };

/** A running session over streams; stop() ends it from outside (a timeout, the program's exit). */
export interface StreamSession {
  readonly done: Promise<SessionEnd>;
  /** End the session now (no effect once it has ended). */
  stop(reason: string): void;
  /** Bytes received that do not form a whole frame yet. */
  readonly buffered: () => number;
}

/** Serve `session` over `input` / `output`. */
export function serveStreams(session: Session, input: Readable, output: Writable): StreamSession {
  const reader = new FrameReader();
  let finish: (e: SessionEnd) => void = () => {};
  let ended = false;
  const done = new Promise<SessionEnd>((resolve) => {
    finish = (e): void => {
      if (ended) return;
      ended = true;
      input.off('data', onData);
      input.off('end', onEnd);
      input.off('error', onEnd);
      resolve(e);
    };
  });
  const send = (frame: Buffer): void => {
    if (!output.writableEnded && !output.destroyed) output.write(Buffer.from(frame));
  };
  session.sink = send;
  const onData = (chunk: Buffer): void => {
    if (ended) return;
    reader.push(chunk);
    try {
      for (let f = reader.next(); f !== null; f = reader.next()) {
        session.handle(f);
        if (session.state === 'closed') { finish({ kind: 'bye', status: session.byeStatus ?? 0 }); return; }
      }
    } catch (e) {
      if (!(e instanceof ProtocolError)) throw e;
      session.fail(e);
      finish({ kind: 'error', error: e });
    }
  };
  const onEnd = (): void => {
    finish({ kind: 'eof', state: session.state, buffered: reader.buffered, calls: session.calls });
  };
  input.on('data', onData);
  input.on('end', onEnd);
  input.on('error', onEnd);
  return { done, stop: (reason) => finish({ kind: 'stopped', reason }), buffered: () => reader.buffered };
}
