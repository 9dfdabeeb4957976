/**
 * Section (a): WskControlSocket Set and Get of SO_EXCLUSIVEADDRUSE with an IRP (x64, inline completion) against a
 * hand-written baseline doing only the unavoidable byte work on the same Buffers, in the same run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LAYOUTS } from '../codec/layout';
import { CODE, LEVEL, REQUEST, STATUS, WSK_FLAG, AF, SOCK } from '../codec/names';
import { WskProvider } from '../provider/provider';
import { load1, median, since } from './harness';

/** Buffers in the pool: the index is i & 255, so the JIT cannot hoist a load out of the loop. */
const POOL = 256;
const SET = REQUEST.WskSetOption;
const GET = REQUEST.WskGetOption;
const SO_EXCLUSIVEADDRUSE = CODE.SO_EXCLUSIVEADDRUSE!;
const SOL_SOCKET = LEVEL.SOL_SOCKET!;
const X64 = LAYOUTS.x64;
// The baseline writes IoStatus at literal offsets, as hand-written code would; checked against the layout table.
if (X64.irpStatusOffset !== 48 || X64.irpInformationOffset !== 56) throw new Error('bench: x64 IoStatus offsets moved');

/** Result of section (a). */
export interface ControlResult {
  readonly callsPerRound: number;
  readonly rounds: number;
  readonly load: number;
  /** Median calls/s per case. */
  readonly set: { readonly sim: number; readonly baseline: number; readonly ratio: number; readonly roundRatios: readonly number[] };
  readonly get: { readonly sim: number; readonly baseline: number; readonly ratio: number; readonly roundRatios: readonly number[] };
}

interface Fixture {
  readonly p: WskProvider;
  readonly socket: number;
  readonly ins: Buffer[];
  readonly outs: Buffer[];
  readonly irps: Buffer[];
  readonly state: Uint32Array;
}

function fixture(): Fixture {
  const p = new WskProvider({ arch: 'x64', completion: 'inline' });
  const { status, socket } = p.wskSocket({ family: AF.AF_INET!, type: SOCK.SOCK_STREAM!, protocol: 6, flags: WSK_FLAG.WSK_FLAG_LISTEN_SOCKET! });
  if (status !== STATUS.STATUS_SUCCESS) throw new Error('bench: WskSocket failed');
  const ins: Buffer[] = [], outs: Buffer[] = [], irps: Buffer[] = [];
  for (let i = 0; i < POOL; i++) {
    const b = Buffer.alloc(4);
    b[0] = i & 1; // alternate 0 and 1; the last Set of a round (index 255) leaves 1
    ins.push(b);
    outs.push(Buffer.alloc(4));
    irps.push(Buffer.alloc(X64.sizeofIrp));
  }
  return { p, socket, ins, outs, irps, state: new Uint32Array([1]) };
}

// One function per case, each with its own loop, so every call site stays monomorphic.

function simSet(f: Fixture, n: number): number {
  const { p, socket, ins, irps } = f;
  let x = 0;
  for (let i = 0; i < n; i++) {
    const k = i & 255;
    x += p.wskControlSocket(socket, SET, SO_EXCLUSIVEADDRUSE, SOL_SOCKET, 4, ins[k], 0, null, null, irps[k]);
  }
  return x;
}

function baseSet(f: Fixture, n: number): number {
  const { ins, irps } = f;
  let x = 0;
  for (let i = 0; i < n; i++) {
    const k = i & 255;
    const b = ins[k]!;
    const v = (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;
    const irp = irps[k]!;
    irp[48] = 0; irp[49] = 0; irp[50] = 0; irp[51] = 0; // IoStatus.Status = STATUS_SUCCESS
    irp[56] = 0; irp[57] = 0; irp[58] = 0; irp[59] = 0; irp[60] = 0; irp[61] = 0; irp[62] = 0; irp[63] = 0; // Information = 0
    x += v;
  }
  return x;
}

function simGet(f: Fixture, n: number): number {
  const { p, socket, outs, irps } = f;
  let x = 0;
  for (let i = 0; i < n; i++) {
    const k = i & 255;
    x += p.wskControlSocket(socket, GET, SO_EXCLUSIVEADDRUSE, SOL_SOCKET, 0, null, 4, outs[k], null, irps[k]);
  }
  return x;
}

function baseGet(f: Fixture, n: number): number {
  const { outs, irps, state } = f;
  let x = 0;
  for (let i = 0; i < n; i++) {
    const k = i & 255;
    const v = state[0]!;
    const o = outs[k]!;
    o[0] = v & 0xff; o[1] = (v >>> 8) & 0xff; o[2] = (v >>> 16) & 0xff; o[3] = v >>> 24;
    const irp = irps[k]!;
    irp[48] = 0; irp[49] = 0; irp[50] = 0; irp[51] = 0; // IoStatus.Status = STATUS_SUCCESS
    irp[56] = 4; irp[57] = 0; irp[58] = 0; irp[59] = 0; irp[60] = 0; irp[61] = 0; irp[62] = 0; irp[63] = 0; // Information = 4
    x += v;
  }
  return x;
}

/** Canary-fill the IRPs and outputs, so the check after a timed loop proves every call wrote its bytes. */
function arm(f: Fixture): void {
  for (let k = 0; k < POOL; k++) { f.irps[k]!.fill(0xcc); f.outs[k]!.fill(0xcc); }
}

function verify(f: Fixture, what: string, information: number, outValue: number | null): void {
  for (let k = 0; k < POOL; k++) {
    const irp = f.irps[k]!;
    if (irp.readUInt32LE(48) !== 0 || irp.readUInt32LE(56) !== information || irp.readUInt32LE(60) !== 0 || irp[47] !== 0xcc || irp[64] !== 0xcc) {
      throw new Error(`bench: ${what}: IoStatus of IRP ${k} wrong`);
    }
    const out = f.outs[k]!;
    if (outValue === null ? out.readUInt32LE(0) !== 0xcccccccc : out.readUInt32LE(0) !== outValue) throw new Error(`bench: ${what}: output ${k} wrong`);
  }
}

type Case = (f: Fixture, n: number) => number;

/** Time one case over n calls: calls/s; checks the checksum and every buffer. */
function timed(f: Fixture, c: Case, n: number, expectSum: number, information: number, outValue: number | null): number {
  arm(f);
  const t0 = process.hrtime.bigint();
  const sum = c(f, n);
  const ns = since(t0);
  if (sum !== expectSum) throw new Error(`bench: ${c.name}: checksum ${sum}, expected ${expectSum}`);
  verify(f, c.name, information, outValue);
  return (n / ns) * 1e9;
}

/** Run section (a). `n` calls per case per round (a multiple of 256). */
export function benchControl(n: number, rounds: number): ControlResult {
  if (n % POOL !== 0) throw new Error('bench: calls per round must be a multiple of 256');
  const f = fixture();
  const load = load1();
  const setSum = n / 2; // ins alternate 0 and 1: the baseline's checksum is the sum of values read
  const cases = {
    simSet: () => timed(f, simSet, n, 0, 0, null),
    baseSet: () => timed(f, baseSet, n, setSum, 0, null),
    simGet: () => timed(f, simGet, n, 0, 4, 1),
    baseGet: () => timed(f, baseGet, n, n, 4, 1),
  };
  // warm-up: enough calls for every function to reach the optimising tier
  for (let w = 0; w < 3; w++) for (const c of [simSet, baseSet, simGet, baseGet]) c(f, 1 << 16);
  const r: Record<keyof typeof cases, number[]> = { simSet: [], baseSet: [], simGet: [], baseGet: [] };
  for (let i = 0; i < rounds; i++) {
    // interleaved, alternating order so a drift in machine load hits both sides
    const order: (keyof typeof cases)[] = i % 2 === 0 ? ['simSet', 'baseSet', 'simGet', 'baseGet'] : ['baseGet', 'simGet', 'baseSet', 'simSet'];
    for (const k of order) r[k].push(cases[k]());
  }
  const part = (sim: number[], base: number[]) => {
    const s = median(sim), b = median(base);
    return { sim: s, baseline: b, ratio: s / b, roundRatios: sim.map((x, i) => x / base[i]!) };
  };
  return { callsPerRound: n, rounds, load: Math.max(load, load1()), set: part(r.simSet, r.baseSet), get: part(r.simGet, r.baseGet) };
}

/** V8's default inlining limits (Node 20, V8 11.3): largest inlined function, cumulative budget, reserve factor. */
const MAX_INLINED_BYTECODE = 460;
const MAX_INLINED_CUMULATIVE = 920;
const RESERVE_SCALE = 1.2;

/** The functions a guarded-path call runs, all of which must be inlined into the caller's loop. */
const PATH_FUNCTIONS = ['wskControlSocket', 'fastControl', 'completeSuccess', 'setReason'] as const;

/** Bytecode sizes of the guarded control path and whether it fits V8's inlining budget in the worst compile order. */
export type InlineBudget =
  | { readonly skipped: string }
  | {
    readonly sizes: Readonly<Record<(typeof PATH_FUNCTIONS)[number], number>>;
    /** RESERVE_SCALE x the sizes together: the worst case (wskControlSocket already optimised with the rest inlined). */
    readonly worstCase: number;
    readonly limit: number;
    readonly fits: boolean;
  };

/**
 * The bytecode sizes of the guarded path's functions in this Node (node --print-bytecode on scripts/ic/control.js,
 * the same loop as section (a)), checked against the inlining budget (docs/PERFORMANCE.md).
 */
export function inlineBudget(): InlineBudget {
  const script = join(__dirname, '../../../scripts/ic/control.js');
  if (!existsSync(script)) return { skipped: `${script} is missing` };
  const names = PATH_FUNCTIONS;
  const sizes: Record<string, number> = {};
  for (const name of names) {
    const r = spawnSync(process.execPath, ['--print-bytecode', `--print-bytecode-filter=${name}`, script, 'set', '300000'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const m = /Bytecode length: (\d+)/.exec(r.stdout ?? '');
    if (m === null) return { skipped: `no bytecode printed for ${name} (${r.error?.message ?? `exit ${r.status}`})` };
    sizes[name] = Number(m[1]);
  }
  const total = names.reduce((a, k) => a + sizes[k]!, 0);
  const worstCase = Math.round(total * RESERVE_SCALE);
  return {
    sizes: sizes as Record<(typeof names)[number], number>, worstCase, limit: MAX_INLINED_CUMULATIVE,
    fits: worstCase <= MAX_INLINED_CUMULATIVE && names.every((k) => sizes[k]! <= MAX_INLINED_BYTECODE),
  };
}
