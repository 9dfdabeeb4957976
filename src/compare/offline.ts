/**
 * The comparison without a live relay: write the frames for a machine without Node (`--write-plan`), read back the
 * relay's output (`--answers`), or run the relay natively on a Windows machine (`--against windows`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VectorFile } from '../vectors/types';
import { decodeProvider, encodeFrame, FRAME, FrameError, isFrameError, payloadReader, splitFrames, type Frame } from './frames';
import { planVector, type WaitOptions } from './plan';
import { RelayError, RelaySession } from './relay';
import { ExternalUnavailableError, repoRoot, type ExternalProvider } from './wine';

/** Writes every sendable vector's frames, then BYE; returns how many were written and skipped. */
export function writePlan(files: readonly VectorFile[], out: string, waits: WaitOptions, filter?: (id: string) => boolean): { sent: number; skipped: number } {
  const parts: Buffer[] = [];
  let seq = 1;
  let sent = 0;
  let skipped = 0;
  for (const f of files) {
    for (const v of f.vectors) {
      if (filter !== undefined && !filter(v.id)) continue;
      const p = planVector(v, waits, seq);
      if (p.kind === 'skip') { skipped++; continue; }
      seq = p.lastSeq + 1;
      parts.push(p.frames);
      sent++;
    }
  }
  parts.push(encodeFrame(FRAME.BYE, 0, Buffer.alloc(4)));
  writeFileSync(out, Buffer.concat(parts));
  return { sent, skipped };
}

/** The vector id a VECTOR_BEGIN frame names. */
export function vectorIdOf(f: Frame): string {
  const r = payloadReader(f.payload);
  r.u32(); r.u32();
  return r.str();
}

/** A provider that answers from a file the relay wrote (`wskconf-relay --in plan.bin --out answers.bin`). */
export function answersFileProvider(path: string): ExternalProvider {
  let data: Buffer;
  try { data = readFileSync(path); } catch (e) { throw new ExternalUnavailableError(`cannot read ${path}: ${(e as Error).message}`); }
  let frames: Frame[];
  try {
    const s = splitFrames(data);
    if (s.rest !== 0) throw new FrameError(`${s.rest} trailing bytes`);
    frames = s.frames;
  } catch (e) {
    throw new ExternalUnavailableError(`${path}: not a relay answer file: ${(e as Error).message}`);
  }
  const first = frames[0];
  if (first === undefined || first.type !== FRAME.PROVIDER) throw new ExternalUnavailableError(`${path}: not a relay answer file (no PROVIDER frame first)`);
  const info = decodeProvider(first.payload);
  const byId = new Map<string, Frame[]>();
  let current: Frame[] | undefined;
  for (const f of frames.slice(1)) {
    if (f.type === FRAME.VECTOR_BEGIN) { current = [f]; byId.set(vectorIdOf(f), current); continue; }
    current?.push(f);
    if (f.type === FRAME.VECTOR_END) current = undefined;
  }
  return {
    info,
    runVector(request: Buffer) {
      const id = vectorIdOf(splitFrames(request).frames[0]!);
      const got = byId.get(id);
      return Promise.resolve(got ?? { failed: 'garbage' as const, message: `no answer for this vector in ${path}` });
    },
    close: () => Promise.resolve(),
  };
}

/** The relay run natively (on the Windows test machine, with the driver installed as the wskconf service). */
export async function nativeRelay(relay?: string): Promise<ExternalProvider> {
  const exe = relay ?? join(repoRoot(), 'build', 'conformance', 'wskconf-relay.exe');
  let session: RelaySession;
  try {
    session = await RelaySession.start(exe, [], process.env, 60_000);
  } catch (e) {
    throw new ExternalUnavailableError(`cannot start ${exe}: ${(e as Error).message}`);
  }
  return {
    info: session.info!,
    async runVector(frames, timeoutMs) {
      try { return await session.runVector(frames, timeoutMs); } catch (e) {
        if (e instanceof RelayError) return { failed: e.reason === 'timeout' ? 'hung' : e.reason === 'garbage' ? 'garbage' : 'crash', message: e.message };
        if (isFrameError(e)) return { failed: 'garbage', message: e.message };
        throw e;
      }
    },
    close: () => session.close(),
  };
}
