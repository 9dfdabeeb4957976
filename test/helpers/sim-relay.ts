/**
 * A stand-in for the conformance driver and relay: it decodes the frames `compare` sends, runs them on a wsksim
 * provider, and answers as docs/MEASURING.md says the driver does (RESULT with written spans, TIMING, DELIVERED,
 * VECTOR_END). The encoders here are written from that document, independently of src/compare/frames.ts.
 * `tamper` lets a test change an answer, to play a provider that differs, crashes or sends garbage.
 */
import { WskProvider } from '../../src/provider/provider';
import type { ExternalProvider } from '../../src/compare/wine';
import type { Vector } from '../../src/vectors/types';

/** One call as the stand-in saw it, and its answer before encoding. */
export interface SimCall {
  readonly vectorId: string;
  readonly seq: number;
  readonly fn: number;
  status: number;
  fault: number;
  executed: boolean;
  /** 0 never, 1 before return, 2 after return. */
  completion: number;
  /** Argument images sent, and after the call (BUFFER and IRP only). */
  readonly sent: (Buffer | null)[];
  readonly after: (Buffer | null)[];
}

/** What `tamper` may return instead of the normal answer for a vector. */
export type Override = { crash: true } | { hung: true } | { garbage: Buffer } | undefined;

function frame(type: number, seq: number, payload: Buffer): Buffer {
  const h = Buffer.alloc(12);
  h.writeUInt32LE(8 + payload.length, 0);
  h.writeUInt16LE(type, 4);
  h.writeUInt32LE(seq, 8);
  return Buffer.concat([h, payload]);
}
const u8 = (v: number): Buffer => Buffer.from([v]);
const u16 = (v: number): Buffer => { const b = Buffer.alloc(2); b.writeUInt16LE(v); return b; };
const u32 = (v: number): Buffer => { const b = Buffer.alloc(4); b.writeUInt32LE(v >>> 0); return b; };
const u64 = (v: bigint): Buffer => { const b = Buffer.alloc(8); b.writeBigUInt64LE(v); return b; };
const str = (s: string): Buffer => Buffer.concat([u16(Buffer.byteLength(s)), Buffer.from(s)]);

function spans(c: SimCall): Buffer {
  const parts: Buffer[] = [];
  let n = 0;
  c.sent.forEach((before, i) => {
    const after = c.after[i];
    if (before === null || after === null || after === undefined) return;
    let first = 0;
    while (first < before.length && before[first] === after[first]) first++;
    if (first === before.length) return;
    let last = before.length - 1;
    while (last > first && before[last] === after[last]) last--;
    parts.push(u32(i), u32(first), u32(last - first + 1), after.subarray(first, last + 1));
    n++;
  });
  return Buffer.concat([u32(n), ...parts]);
}

function resultBody(c: SimCall, newSocket: bigint): Buffer {
  return Buffer.concat([u32(c.fn), u32(c.status), u32(c.fault), u8(c.completion !== 0 ? 1 : 0), u8(0), u16(0), u64(newSocket),
    u32(0), u32(0), str(''), u16(0), spans(c)]);
}

function timingBody(c: SimCall): Buffer {
  return Buffer.concat([u8(c.executed ? 1 : 0), u8(c.completion), u16(0), u32(5), u32(c.completion ? 7 : 0), u32(20), str(c.executed ? '' : 'not executed')]);
}

interface Parsed { type: number; seq: number; payload: Buffer }
function parseFrames(b: Buffer): Parsed[] {
  const out: Parsed[] = [];
  for (let at = 0; at < b.length;) {
    const len = b.readUInt32LE(at);
    out.push({ type: b.readUInt16LE(at + 4), seq: b.readUInt32LE(at + 8), payload: b.subarray(at + 12, at + 4 + len) });
    at += 4 + len;
  }
  return out;
}

type Arg = { kind: number; value: bigint; bytes: Buffer | null };
function parseCall(p: Buffer): { fn: number; args: Arg[] } {
  let at = 0;
  const fn = p.readUInt32LE(at); at += 4;
  const n = p.readUInt32LE(at); at += 4;
  const args: Arg[] = [];
  for (let i = 0; i < n; i++) {
    const kind = p[at++]!;
    if (kind === 1 || kind === 2) { args.push({ kind, value: p.readBigUInt64LE(at), bytes: null }); at += 8; }
    else if (kind === 3) args.push({ kind, value: 0n, bytes: null });
    else { const len = p.readUInt32LE(at); at += 4; args.push({ kind, value: 0n, bytes: Buffer.from(p.subarray(at, at + len)) }); at += len; }
  }
  return { fn, args };
}

/** The stand-in provider; `vectors` gives each vector's profile, policy and completion by id. */
export function simRelay(vectors: readonly Vector[], tamper: (c: SimCall) => void = () => undefined,
  override: (vectorId: string) => Override = () => undefined): ExternalProvider & { readonly calls: SimCall[] } {
  const byId = new Map(vectors.map((v) => [v.id, v]));
  const calls: SimCall[] = [];
  return {
    info: { provider: 'sim netio.sys', version: 'sim 1', machine: 'test', driver: 'wskconf 1' },
    calls,
    runVector(request: Buffer) {
      const frames = parseFrames(request);
      const begin = frames[0]!;
      const id = begin.payload.subarray(10, 10 + begin.payload.readUInt16LE(8)).toString();
      const o = override(id);
      if (o !== undefined && 'crash' in o) return Promise.resolve([frame(0x100, 0, begin.payload), frame(0x101, 0, Buffer.concat([u32(1), str('died')]))].map(parseOne));
      if (o !== undefined && 'hung' in o) return Promise.resolve({ failed: 'hung' as const, message: 'no answer within 1 ms' });
      if (o !== undefined && 'garbage' in o) return Promise.resolve(parseFrames(o.garbage));
      const v = byId.get(id)!;
      const live = new Map<Uint8Array, { call: SimCall; images: (Buffer | null)[] }>();
      let completedNow: Uint8Array[] = [];
      const p = new WskProvider({ arch: 'x64', profile: v.profile, policy: v.policy, completion: v.completion,
        onComplete: (irp) => { completedNow.push(irp); } });
      const sockets: number[] = [0];
      const out: Buffer[] = [frame(0x100, 0, begin.payload)];
      for (const f of frames.slice(1)) {
        if (f.type === 0x12) {
          completedNow = [];
          p.deliverCompletions();
          for (const irp of completedNow) {
            const l = live.get(irp)!;
            const c: SimCall = { ...l.call, status: 0, completion: 2, after: l.images.map((b) => (b === null ? null : Buffer.from(b))) };
            out.push(frame(0x20, c.seq, resultBody(c, 0n)));
          }
          out.push(frame(0x13, f.seq, u32(completedNow.length)));
          continue;
        }
        if (f.type !== 0x10) continue;
        const { fn, args } = parseCall(f.payload);
        const images = args.map((a) => (a.bytes === null ? null : Buffer.from(a.bytes)));
        const c: SimCall = { vectorId: id, seq: f.seq, fn, status: 0, fault: 0, executed: true, completion: 0,
          sent: args.map((a) => (a.bytes === null ? null : Buffer.from(a.bytes))), after: images };
        const sock = (a: Arg): number => sockets[Number(a.value)] ?? 0;
        completedNow = [];
        let r = 0;
        let newSocket = 0n;
        const irpOf = (i: number): Buffer | null => images[i] ?? null;
        switch (fn) {
          case 1: {
            const s = p.wskSocket({ family: Number(args[0]!.value), type: Number(args[1]!.value), protocol: Number(args[2]!.value), flags: Number(args[3]!.value) });
            sockets.push(s.socket);
            r = s.status;
            images[5]!.writeUInt32LE(s.status, 48);
            images[5]!.writeBigUInt64LE(s.socket === 0 ? 0n : 0x7f0000n + BigInt(s.socket), 56);
            c.completion = 1;
            newSocket = s.socket === 0 ? 0n : BigInt(sockets.length - 1);
            break;
          }
          case 3:
            r = p.wskControlClient(Number(args[0]!.value), args[1]!.value, images[2] ?? null, args[3]!.value, images[4] ?? null, images[5] ?? null, irpOf(6));
            break;
          case 4:
            r = p.wskControlSocket(sock(args[0]!), Number(args[1]!.value), Number(args[2]!.value), Number(args[3]!.value),
              args[4]!.value, images[5] ?? null, args[6]!.value, images[7] ?? null, images[8] ?? null, irpOf(9));
            break;
          case 5: r = p.wskCloseSocket(sock(args[0]!), irpOf(1)); break;
          case 6: r = p.wskBind(sock(args[0]!), images[1] ?? null, Number(args[2]!.value), irpOf(3)); break;
        }
        if (r < 0) {
          c.executed = false;
          c.fault = -r;
          c.status = 0;
        } else {
          c.status = r;
          if (fn !== 1) {
            const irp = images.findIndex((b, i) => b !== null && args[i]!.kind === 5);
            if (irp >= 0) {
              if (completedNow.includes(images[irp]!)) c.completion = 1;
              else live.set(images[irp]!, { call: c, images });
            }
          }
        }
        tamper(c);
        calls.push(c);
        out.push(frame(0x11, f.seq, resultBody(c, newSocket)), frame(0x103, f.seq, timingBody(c)));
      }
      out.push(frame(0x101, 0, Buffer.concat([u32(0), str('')])));
      return Promise.resolve(parseFrames(Buffer.concat(out)));
    },
    close: () => Promise.resolve(),
  };
}

function parseOne(b: Buffer): Parsed {
  return parseFrames(b)[0]!;
}
