/**
 * The campaign engine: runs a CaseShape straight from its fields on a fresh provider, with every caller buffer
 * carved out of one preallocated, guard-banded arena, and checks every invariant of INVARIANTS (src/fuzz/invariants.ts)
 * on every call with the same meaning and messages as the reference checker `runCase`, but with numeric state images
 * instead of strings, byte ranges compared in place against a shadow arena of what they may hold, and no JSON, vector reader
 * or per-step closures. `deterministic` is checked by replaying the case on a second fresh provider into a second
 * arena and comparing every step's result and rule and, at the end, the socket-state image and every byte of every
 * caller buffer.
 *
 * A "checked call" is one WskControlSocket, WskControlClient, WskBind or WskCloseSocket call of the first run
 * (setup calls included) after which every invariant was checked; the replay run is not counted.
 * Injected invariants (ExtraInvariant) need vector observations: runs with them go through `runCase`.
 */
import { OPTION_ROWS } from '../../abi/options';
import type { OptionRow } from '../../abi/schema';
import { AF, isKnownStatus, PROTO, SOCK, STATUS, WSK_FLAG } from '../codec/names';
import { archSize, layoutOf, type ArchLayout } from '../codec/layout';
import { decodeSockaddr, encodeSockaddrText, formatAddress, type TransportAddress } from '../codec/sockaddr';
import { AbiUsageError } from '../errors';
import { WskProvider } from '../provider/provider';
import { faultName, isFault, resultName } from '../provider/result';
import { OPTION_STATE_SLOTS } from '../provider/socket';
import {
  fitSizeT, fixedLength, HOSTS, MAX_BUFFER, OWNERS, PRESET_ROWS, rowKey, SHAPE_TABLES,
  type AddressShape, type BufLenShape, type CaseShape, type ControlBuffersShape,
} from './arbitraries';
import { GUARD, GUARD_BYTE, INVARIANT_EXCEPTIONS, type InvariantId, type Violation } from './invariants';
import { POLICY_ENTRIES } from '../../abi/policy';
import { bindingsOverlap, claimsOf, exclusiveOf, hijackedHolder, mayOverlap, sharingFlags, type BoundView } from './sharing-model';

const { STATUS_SUCCESS, STATUS_PENDING, STATUS_CANCELLED } = STATUS;
const DYNAMIC_PORT_FIRST = 49152;
/** Four guard bytes as one Int32Array element (a leading guard is four such words: GUARD is 16). */
const GUARD_WORD = (GUARD_BYTE * 0x01010101) | 0;
/** Views cached per arena offset, for offsets below VIEW_CACHED_BELOW (cases rarely use more of the arena). */
const VIEW_WAYS = 8;
const VIEW_CACHED_BELOW = 65536;
/** Alignment of each buffer's leading guard in the arena. */
const SLOT = 8;
if (GUARD !== 16) throw new Error('the campaign engine writes leading guards as four 32-bit words');
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

const ACTIVE_EXCEPTIONS = INVARIANT_EXCEPTIONS.filter((x) => (POLICY_ENTRIES as readonly { id: string }[]).some((e) => e.id === x.policy));
function excepted(invariant: InvariantId, rule: string, message: string): boolean {
  for (const x of ACTIVE_EXCEPTIONS) if (x.invariant === invariant && x.rule === rule && x.message.test(message)) return true;
  return false;
}

const ROW_NAMES = new Map<OptionRow, string>();
for (const r of OPTION_ROWS as readonly OptionRow[]) ROW_NAMES.set(r, `${r.name}/${r.requestType}`);

/** Numeric form of the socket kinds of the arbitraries. */
const KINDS = SHAPE_TABLES.SOCKET_KINDS.map((k) => ({
  flags: WSK_FLAG[k.flags as keyof typeof WSK_FLAG]!,
  type: SOCK[k.type as keyof typeof SOCK]!,
  protocol: typeof k.protocol === 'number' ? k.protocol : PROTO[k.protocol as keyof typeof PROTO]!,
}));
const PRESET_KEYS = PRESET_ROWS.map(rowKey);

/** SOCKADDR images of every generated (family, host, port), as the vector reader would decode their text. */
const ADDRESS_IMAGES: (Buffer | undefined)[] = [];
function addressImage(family: number, host: number, port: number): Buffer {
  const key = ((family === AF.AF_INET6 ? 1 : 0) * 64 + host) * 65536 + port;
  let b = ADDRESS_IMAGES[key];
  if (b === undefined) {
    const hosts = family === AF.AF_INET6 ? HOSTS.v6 : HOSTS.v4;
    b = encodeSockaddrText(`${hosts[host % hosts.length]}:${port}`)!;
    ADDRESS_IMAGES[key] = b;
  }
  return b;
}

/** The harness address lists of `addresses` calls, as texts. */
function listTexts(v6: boolean, hosts: readonly number[]): string[] {
  const h = v6 ? SHAPE_TABLES.LIST_HOSTS.v6 : SHAPE_TABLES.LIST_HOSTS.v4;
  return hosts.map((i) => (v6 ? `[${h[i]}]:0` : `${h[i]}:0`));
}
const LIST_CACHE = new Map<string, string[]>();
function cachedList(v6: boolean, hosts: readonly number[]): string[] {
  const key = `${v6 ? 6 : 4}:${hosts.join(',')}`;
  let l = LIST_CACHE.get(key);
  if (l === undefined) LIST_CACHE.set(key, (l = listTexts(v6, hosts)));
  return l;
}

/** Words of one socket in a state image: live, 25 option slots, bound, port, 4 address words, scope id, forced-closed. */
const SOCKET_WORDS = 1 + OPTION_STATE_SLOTS + 8;

type Op = 'socket' | 'control' | 'controlClient' | 'bind' | 'close' | 'cacheSd' | 'complete' | 'setAddressList' | 'forceClose';

/** Counts of one engine, materialised into a PartialSummary by the campaign. */
export interface EngineCounts {
  /** op -> result value -> count. */
  readonly results: Map<string, Map<number, number>>;
  /** op -> IoStatus.Status -> count of later completions. */
  readonly completions: Map<string, Map<number, number>>;
  /** row name -> rule -> count. */
  readonly coverage: Map<string, Map<string, number>>;
}

/** What one case run reports. */
export interface EngineRun {
  readonly calls: number;
  readonly violations: Violation[];
}

function bumpMap<K>(m: Map<K, number>, k: K): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

/** Reusable state for running many cases (one per worker). */
export class CaseEngine {
  // ---- arenas: live bytes of the checked run, its shadow, live bytes of the replay run ----
  private arena: Buffer;
  /**
   * What the checked run's arena may hold after a step: initial images, with the bytes of buffers the provider
   * was entitled to write (this step's outputs and IRP, outputs and IRPs of calls completed in the step) copied
   * in. One comparison with the arena stands for the guard-byte and input checks when nothing else changed.
   */
  private shadow: Buffer;
  private arena2: Buffer;
  /** The arenas as one array: arena at 0, shadow at size, arena2 at 2 * size. */
  private mem: Uint8Array;
  /** The same memory as 32-bit words (buffers start 8-aligned). */
  private words: Int32Array;
  /** The same memory for unaligned 32-bit stores. */
  private dv: DataView;
  /** Per buffer: 1 while it belongs to a call whose IRP is pending (its shadow keeps the initial image). */
  private bufPending = new Uint8Array(256);
  /** Views handed to the provider, VIEW_WAYS per (8-aligned) offset of each run's arena: the layouts of cases repeat. */
  private views: (Uint8Array | undefined)[];
  /** Offsets of the fill templates in mem, by fill byte (-1: not built); they live after the three arenas. */
  private templates = new Int32Array(256).fill(-1);
  private templateNext: number;
  /** Length of each cached view (-1: none). */
  private viewLen: Int32Array;
  private viewNext = 0;
  private size: number;
  private used = 0;
  // ---- buffers of the current case: arena offset, length, name, step ----
  private bufOff: number[] = [];
  private bufLen: number[] = [];
  private bufName: string[] = [];
  private bufStep: number[] = [];
  private nBuf = 0;
  // ---- per-run state ----
  private p!: WskProvider;
  private L!: ArchLayout;
  private pass = 1;
  private handles: number[] = [];
  private ownerOf: string[] = [];
  private boundSet: boolean[] = [];
  private boundExcl: boolean[] = [];
  private boundDual: boolean[] = [];
  private named: number[] = [0, 0, 0];
  private families: number[] = [0, 0, 0];
  private sd0 = 0;
  // ---- state images (endpoint count, then SOCKET_WORDS per handle): after the last step, and before it when it changed ----
  private cur: Uint32Array = new Uint32Array(1 + 16 * SOCKET_WORDS);
  private prev: Uint32Array = new Uint32Array(1 + 16 * SOCKET_WORDS);
  private fin2: Uint32Array = new Uint32Array(1 + 16 * SOCKET_WORDS);
  private curLen = 0;
  private prevLen = 0;
  /** Whether the last step changed the state image (prev then holds the image before it). */
  private changed = false;
  // ---- completion events of the current step ----
  private evCount = 0;
  private evIrp: (Uint8Array | null)[] = [];
  private evStatus: number[] = [];
  private evInfoLo: number[] = [];
  private evInfoHi: number[] = [];
  private evRule: string[] = [];
  private evConflict: number[] = [];
  private evState: Uint32Array[] = [];
  private evStateLen: number[] = [];
  private snapshotEvents = false;
  /** The IRP passed in the current step, or null. */
  private lastIrp: Uint8Array | null = null;
  // ---- IRP-based calls that returned STATUS_PENDING ----
  private pcCount = 0;
  private pcIrp: (Uint8Array | null)[] = [];
  private pcStep: number[] = [];
  private pcOp: Op[] = [];
  private pcRow: (string | null)[] = [];
  private pcDeclared: number[] = [];
  private pcOut: number[] = [];
  private pcOsr: number[] = [];
  private pcIrpBuf: number[] = [];
  private pcSocket: number[] = [];
  private pcAddr: number[] = [];
  // ---- determinism: per-step results and rules of the checked run ----
  private logResult: number[] = [];
  private logRule: string[] = [];
  private logCount = 0;
  private mismatch = false;
  // ---- output of the checked run ----
  private violations: Violation[] = [];
  private calls = 0;
  private threw = false;
  private stepIndex = 0;
  private stepOp: Op = 'socket';
  private readonly hook = (irp: Uint8Array): void => this.onEvent(irp);
  /** Accumulated counts (results, completions, coverage) of every checked run. */
  readonly counts: EngineCounts = { results: new Map(), completions: new Map(), coverage: new Map() };
  private readonly resControl = mapOf(this.counts.results, 'control');
  private readonly resClient = mapOf(this.counts.results, 'controlClient');
  private readonly resBind = mapOf(this.counts.results, 'bind');
  private readonly resClose = mapOf(this.counts.results, 'close');

  constructor(maxCalls = 6) {
    // Worst case: every setup and call step allocates four buffers of MAX_BUFFER bytes with their guards.
    const steps = 3 * 6 + maxCalls;
    const size = (steps * 4 * (MAX_BUFFER + 72 + SLOT + 2 * GUARD) + 2 * GUARD + 63) & ~63;
    // One ArrayBuffer holds the three arenas, so that copies between them are copyWithin calls.
    const ab = new ArrayBuffer(3 * size + 8 * (GUARD + MAX_BUFFER + 16));
    this.templateNext = 3 * size;
    this.mem = new Uint8Array(ab);
    this.words = new Int32Array(ab);
    this.dv = new DataView(ab);
    this.views = new Array<Uint8Array | undefined>(((2 * VIEW_CACHED_BELOW) >> 3) * VIEW_WAYS).fill(undefined);
    this.viewLen = new Int32Array(((2 * VIEW_CACHED_BELOW) >> 3) * VIEW_WAYS).fill(-1);
    this.size = size;
    this.arena = Buffer.from(ab, 0, size);
    this.shadow = Buffer.from(ab, size, size);
    this.arena2 = Buffer.from(ab, 2 * size, size);
  }

  /** Run a case twice (checked, then replayed), accounting the checked run into `counts`. */
  run(c: CaseShape): EngineRun {
    if (this.violations.length > 0) this.violations = []; // an empty one can be reused
    this.calls = 0;
    this.threw = false;
    this.logCount = 0;
    this.execute(c, 1);
    if (!this.threw) {
      const usedFirst = this.used;
      const logged = this.logCount;
      this.logCount = 0;
      this.mismatch = false;
      this.execute(c, 2);
      if (!this.mismatch && !sameImage(this.fin2, this.snapshotFinal(), this.cur, this.curLen)) this.mismatch = true;
      if (this.mismatch || this.logCount !== logged || this.used !== usedFirst || (this.arena.compare(this.arena2, 0, this.used, 0, this.used) !== 0 && !this.sameBuffers())) {
        const a = fnvRange(0x811c9dc5, this.arena, this.used);
        const b = fnvRange(0x811c9dc5, this.arena2, this.used);
        this.violations.push({ step: -1, op: 'case', invariant: 'deterministic', message: `two fresh providers gave different bytes (fingerprints ${a.toString(16)} vs ${b.toString(16)}${this.mismatch ? ', results, rules or socket state differ' : ''})`, rule: '' });
      }
    }
    return { calls: this.calls, violations: this.violations };
  }

  /**
   * Whether the two runs left the same bytes in every caller buffer. Guard bytes and padding are not compared: the
   * checked run restores a guard byte it reports, and what lies outside the buffers is not the caller's.
   */
  private sameBuffers(): boolean {
    for (let b = 0; b < this.nBuf; b++) {
      const off = this.bufOff[b]!;
      const end = off + this.bufLen[b]!;
      if (this.arena.compare(this.arena2, off, end, off, end) !== 0) return false;
    }
    return true;
  }

  // ---- execution ---------------------------------------------------------------------------------------------

  private execute(c: CaseShape, pass: number): void {
    const { arch, completion } = c.env;
    this.pass = pass;
    const p = new WskProvider({ arch, profile: c.env.profile, policy: c.env.policy, completion, onComplete: this.hook });
    this.p = p;
    const L = (this.L = layoutOf(arch));
    this.used = 0;
    this.nBuf = 0;
    this.handles.length = 0;
    this.pcCount = 0;
    this.stepIndex = 0;
    this.sd0 = 0;
    if (pass === 1) {
      this.curLen = this.snapshot(this.cur);
      this.changed = false;
    }
    const pending = completion === 'pending';
    if (c.sd !== null) {
      const allow = c.sd.map((i) => OWNERS[i]!);
      if (!this.begin('cacheSd')) return;
      try { this.sd0 = p.cacheSecurityDescriptor(allow); } catch (e) { this.threwAt(e); return; }
      if (!this.end(undefined, null, -1, -1, -1, -1, 0, 0)) return;
    }
    const n = c.sockets.length;
    for (let i = 0; i < n; i++) {
      const s = c.sockets[i]!;
      const kind = KINDS[s.kind]!;
      const family = s.v6 ? AF.AF_INET6 : AF.AF_INET;
      this.families[i] = family;
      if (!this.socketStep(family, kind.type, kind.protocol, kind.flags, OWNERS[s.owner]!, s.useSd && c.sd !== null ? this.sd0 : 0, i)) return;
      for (let q = 0; q < s.presets.length; q++) {
        const pr = s.presets[q]!;
        const key = PRESET_KEYS[pr.row % Math.max(1, PRESET_KEYS.length)];
        if (key === undefined) continue;
        const row = PRESET_ROWS[pr.row % PRESET_ROWS.length]!;
        const size = archSize(row.size, arch);
        if (!this.controlStep(this.named[i]!, key.requestType, key.code, key.level, size, Math.max(4, size), pr.value, 0, 0, 0, 0xcc, 0, L.sizeofIrp, 0xcc, false)) return;
      }
      if (s.state === 'bound' && !this.bindStep(this.named[i]!, s.address, family, 0, L.sizeofIrp, 0xcc)) return;
      if (pending && (s.presets.length > 0 || s.state === 'bound') && !this.completeStep('complete', false, null)) return;
      if (s.state === 'closed' && !this.closeStep(this.named[i]!, L.sizeofIrp, 0x00)) return;
      if (s.state === 'forced-closed') {
        if (!this.begin('forceClose')) return;
        try { p.forceClose(this.named[i]!); } catch (e) { this.threwAt(e); return; }
        if (!this.end(undefined, null, -1, -1, -1, -1, 0, 0)) return;
      }
    }
    for (let q = 0; q < c.calls.length; q++) {
      const k = c.calls[q]!;
      let ok = true;
      switch (k.op) {
        case 'control': ok = this.bufferCall(k, arch, this.named[k.socket % n]!, k.key.requestType, k.key.code, k.key.level, false); break;
        case 'client': ok = this.bufferCall(k, arch, 0, 0, k.code, 0, true); break;
        case 'bind': { const i = k.socket % n; ok = this.bindStep(this.named[i]!, k.address, this.families[i]!, k.flags, fixedLength(k.irp, L.sizeofIrp), k.irpFill); break; }
        case 'close': ok = this.closeStep(this.named[k.socket % n]!, fixedLength(k.irp, L.sizeofIrp), k.irpFill); break;
        case 'complete': ok = this.completeStep('complete', false, null); break;
        case 'addresses': ok = this.completeStep('setAddressList', k.v6, k.hosts); break;
        case 'socket': ok = this.socketStep(k.family, k.type, k.protocol, k.flags, OWNERS[k.owner]!, 0, -1); break;
      }
      if (!ok) return;
    }
  }

  private socketStep(family: number, type: number, protocol: number, flags: number, owner: string, sd: number, as: number): boolean {
    if (!this.begin('socket')) return false;
    let status: number;
    try {
      const r = this.p.wskSocket({ family, type, protocol, flags, owner, securityDescriptor: sd });
      status = r.status;
      if (r.socket !== 0) {
        this.handles.push(r.socket);
        this.ownerOf[r.socket] = owner;
        this.boundSet[r.socket] = false;
      }
      if (as >= 0) this.named[as] = r.socket !== 0 ? r.socket : 0x7fffffff;
    } catch (e) {
      if (as >= 0) this.named[as] = 0x7fffffff;
      this.threwAt(e);
      return false;
    }
    return this.end(status, null, -1, -1, -1, -1, 0, 0);
  }

  private bufferCall(k: ControlBuffersShape, arch: 'x86' | 'x64', handle: number, requestType: number, code: number, level: number, client: boolean): boolean {
    const L = this.L;
    const inSize = sizeTOf(k.inputSize, arch);
    const outSize = sizeTOf(k.outputSize, arch);
    return this.controlStep(handle, requestType, code, level, inSize, lengthOf(k.input, inSize), k.value, k.tail,
      outSize, lengthOf(k.output, outSize), k.fill, fixedLength(k.osr, L.sizeT), fixedLength(k.irp, L.sizeofIrp), k.irpFill, client);
  }

  /** A WskControlSocket (or, with `client`, WskControlClient) step. */
  private controlStep(
    handle: number, requestType: number, code: number, level: number, inputSize: number | bigint, inLen: number, value: number, tail: number,
    outputSize: number | bigint, outLen: number, fill: number, osrLen: number, irpLen: number, irpFill: number, client: boolean,
  ): boolean {
    if (!this.begin(client ? 'controlClient' : 'control')) return false;
    const inB = inLen === 0 ? -1 : this.allocInput(inLen, value, tail);
    const outB = outLen === 0 ? -1 : this.alloc('output', outLen, fill);
    const osrB = osrLen === 0 ? -1 : this.alloc('outputSizeReturned', osrLen, 0xcc);
    const irpB = irpLen === 0 ? -1 : this.alloc('irp', irpLen, irpFill);
    const input = this.view(inB);
    const output = this.view(outB);
    const osr = this.view(osrB);
    const irp = this.view(irpB);
    this.lastIrp = irp;
    const declaredOut = typeof outputSize === 'bigint' ? Number.MAX_SAFE_INTEGER : outputSize;
    let row: string | null = null;
    if (!client && this.pass === 1) {
      const r = this.p.options.find(requestType, level, code);
      row = r === undefined ? null : ROW_NAMES.get(r.row) ?? r.row.name;
    }
    this.calls += this.pass === 1 ? 1 : 0;
    let result: number;
    try {
      result = client
        ? this.p.wskControlClient(code, inputSize, input, outputSize, output, osr, irp)
        : this.p.wskControlSocket(handle, requestType, code, level, inputSize, input, outputSize, output, osr, irp);
    } catch (e) { this.threwAt(e); return false; }
    return this.end(result, row, inB, outB, osrB, irpB, declaredOut, handle);
  }

  private bindStep(handle: number, a: AddressShape, family: number, flags: number, irpLen: number, irpFill: number): boolean {
    if (!this.begin('bind')) return false;
    let addrB = -1;
    let size: number | undefined;
    if (a.lie !== 'null') {
      const fam = a.lie === 'family' ? (family === AF.AF_INET6 ? AF.AF_INET : AF.AF_INET6) : family;
      const img = addressImage(fam, a.host, a.port);
      let len = img.length;
      size = img.length;
      if (a.lie === 'short') size = img.length - 1;
      else if (a.lie === 'long') { len = img.length + 4; size = len; } else if (a.lie === 'bufferShort') len = img.length - 2;
      addrB = this.allocBytes('address', img, len);
    }
    const irpB = irpLen === 0 ? -1 : this.alloc('irp', irpLen, irpFill);
    this.calls += this.pass === 1 ? 1 : 0;
    let result: number;
    try {
      const irp = this.view(irpB);
      this.lastIrp = irp;
      result = this.p.wskBind(handle, this.view(addrB), flags, irp, size);
    } catch (e) { this.threwAt(e); return false; }
    return this.end(result, null, addrB, -1, -1, irpB, 0, handle);
  }

  private closeStep(handle: number, irpLen: number, irpFill: number): boolean {
    if (!this.begin('close')) return false;
    const irpB = irpLen === 0 ? -1 : this.alloc('irp', irpLen, irpFill);
    this.calls += this.pass === 1 ? 1 : 0;
    let result: number;
    try {
      const irp = this.view(irpB);
      this.lastIrp = irp;
      result = this.p.wskCloseSocket(handle, irp);
    } catch (e) { this.threwAt(e); return false; }
    return this.end(result, null, -1, -1, -1, irpB, 0, handle);
  }

  private completeStep(op: 'complete' | 'setAddressList', v6: boolean, hosts: readonly number[] | null): boolean {
    if (!this.begin(op)) return false;
    this.snapshotEvents = this.pass === 1;
    try {
      if (hosts === null) this.p.deliverCompletions();
      else this.p.setAddressList(v6 ? AF.AF_INET6 : AF.AF_INET, cachedList(v6, hosts));
    } catch (e) { this.snapshotEvents = false; this.threwAt(e); return false; }
    this.snapshotEvents = false;
    return this.end(undefined, null, -1, -1, -1, -1, 0, 0);
  }

  private begin(op: Op): boolean {
    this.stepOp = op;
    this.evCount = 0;
    this.lastIrp = null;
    return true;
  }

  private threwAt(e: unknown): void {
    if (this.pass === 1) {
      const what = e instanceof AbiUsageError ? 'AbiUsageError (the arbitraries generated a value the TypeScript API rejects)' : e instanceof Error ? `${e.name}` : 'a non-Error value';
      this.violate('never-throws', `${this.stepOp} threw ${what}: ${e instanceof Error ? e.message : String(e)}`);
    } else this.mismatch = true;
    this.threw = true;
  }

  // ---- buffers -----------------------------------------------------------------------------------------------

  private target(): Buffer {
    return this.pass === 1 ? this.arena : this.arena2;
  }

  /** Carve a buffer of `len` bytes filled with `fill`, with GUARD guard bytes on each side; returns its index. */
  private alloc(name: string, len: number, fill: number): number {
    const m = this.mem;
    const w = this.words;
    const start = this.used;
    // Leading guards start at multiples of SLOT bytes: word-aligned buffers (word-wise comparisons), and offsets that
    // repeat from case to case, so that the views handed to the provider can be reused.
    const g = (start + SLOT - 1) & -SLOT;
    const off = g + GUARD;
    const end = off + len;
    const stop = end + GUARD;
    if (stop > this.size) throw new Error(`fuzz case too large for the engine's arena (${stop} > ${this.size} bytes)`);
    const GW = GUARD_WORD;
    if (this.pass === 1) {
      // The arena and the shadow get the same bytes (the padding before the guard too).
      const H = this.size;
      const hw = H >> 2;
      this.fillBytes(start, g - start, GUARD_BYTE);
      this.fillBytes(H + start, g - start, GUARD_BYTE);
      const k = g >> 2;
      w[k] = GW; w[k + 1] = GW; w[k + 2] = GW; w[k + 3] = GW;
      w[hw + k] = GW; w[hw + k + 1] = GW; w[hw + k + 2] = GW; w[hw + k + 3] = GW;
      if (len <= 64) {
        this.fillBytes(off, len, fill);
        this.fillBytes(H + off, len, fill);
        this.guardAt(end);
        this.guardAt(H + end);
      } else {
        const t = this.template(fill) + GUARD;
        m.copyWithin(off, t, t + len);
        this.guardAt(end);
        m.copyWithin(H + off, off, stop);
      }
    } else {
      const B = 2 * this.size;
      this.fillBytes(B + start, g - start, GUARD_BYTE);
      const k = (B + g) >> 2;
      w[k] = GW; w[k + 1] = GW; w[k + 2] = GW; w[k + 3] = GW;
      if (len <= 64) {
        this.fillBytes(B + off, len, fill);
      } else {
        const t = this.template(fill) + GUARD;
        m.copyWithin(B + off, t, t + len);
      }
      this.guardAt(B + end);
    }
    return this.register(name, off, len, stop);
  }

  /** Write the GUARD guard bytes starting at `at` (any alignment). */
  private guardAt(at: number): void {
    const d = this.dv;
    d.setInt32(at, GUARD_WORD, true);
    d.setInt32(at + 4, GUARD_WORD, true);
    d.setInt32(at + 8, GUARD_WORD, true);
    d.setInt32(at + 12, GUARD_WORD, true);
  }

  /** Fill `len` bytes at `at` with `v` (4 at a time). */
  private fillBytes(at: number, len: number, v: number): void {
    const d = this.dv;
    const word = (v * 0x01010101) | 0;
    let i = at;
    const e = at + len;
    for (; i + 4 <= e; i += 4) d.setInt32(i, word, true);
    for (; i < e; i++) this.mem[i] = v;
  }

  /** Offset in mem of GUARD guard bytes followed by MAX_BUFFER + 16 bytes of `fill` (built on first use). */
  private template(fill: number): number {
    let t = this.templates[fill]!;
    if (t < 0) {
      t = this.templateNext;
      this.templateNext += GUARD + MAX_BUFFER + 16;
      if (this.templateNext > this.mem.length) throw new Error('no room for another fill template');
      this.mem.fill(GUARD_BYTE, t, t + GUARD);
      this.mem.fill(fill, t + GUARD, t + GUARD + MAX_BUFFER + 16);
      this.templates[fill] = t;
    }
    return t;
  }

  /** An input buffer: `value` as a little-endian ULONG (truncated to `len`), then `tail` bytes. */
  private allocInput(len: number, value: number, tail: number): number {
    const b = this.alloc('input', len, tail);
    const a = this.target();
    const off = this.bufOff[b]!;
    const v = value >>> 0;
    for (let i = 0; i < 4 && i < len; i++) a[off + i] = (v >>> (8 * i)) & 0xff;
    if (this.pass === 1) for (let i = 0; i < 4 && i < len; i++) this.shadow[off + i] = a[off + i]!;
    return b;
  }

  /** A buffer holding `len` bytes: the image, cut or extended with zeros. */
  private allocBytes(name: string, img: Buffer, len: number): number {
    const b = this.alloc(name, len, 0);
    const a = this.target();
    const off = this.bufOff[b]!;
    img.copy(a, off, 0, Math.min(len, img.length));
    if (this.pass === 1) img.copy(this.shadow, off, 0, Math.min(len, img.length));
    return b;
  }

  private register(name: string, off: number, len: number, used: number): number {
    const i = this.nBuf++;
    this.bufOff[i] = off;
    this.bufLen[i] = len;
    this.bufName[i] = name;
    this.bufStep[i] = this.stepIndex;
    if (i >= this.bufPending.length) { const x = new Uint8Array(2 * i); x.set(this.bufPending); this.bufPending = x; }
    this.bufPending[i] = 0;
    this.used = used;
    return i;
  }

  private view(b: number): Uint8Array | null {
    if (b < 0) return null;
    const off = this.bufOff[b]!;
    const at = (this.pass === 1 ? 0 : 2 * this.size) + off;
    const len = this.bufLen[b]!;
    if (off >= VIEW_CACHED_BELOW) return new Uint8Array(this.mem.buffer, at, len);
    // VIEW_WAYS cached views per offset (different lengths), replaced round-robin.
    const i = (((this.pass === 1 ? 0 : VIEW_CACHED_BELOW) + off) >> 3) * VIEW_WAYS;
    const vl = this.viewLen;
    for (let j = i; j < i + VIEW_WAYS; j++) if (vl[j] === len) return this.views[j]!;
    const v = new Uint8Array(this.mem.buffer, at, len);
    const k = i + (this.viewNext++ & (VIEW_WAYS - 1));
    this.views[k] = v;
    vl[k] = len;
    return v;
  }

  /**
   * Whether bytes [from, from+len) of buffer b equal its initial image. The shadow holds the initial image of every
   * buffer until the step that wrote it was checked (a pending call's, until its completion was checked).
   */
  private unchanged(b: number, from: number, len: number): boolean {
    return this.sameAsShadow(this.bufOff[b]! + from, len);
  }

  private sameAsShadow(s: number, len: number): boolean {
    const m = this.mem;
    const H = this.size;
    let i = s;
    const e = s + len;
    if ((i & 3) === 0 && len >= 16) {
      const w = this.words;
      const hw = H >> 2;
      const we = i + (len & ~3);
      for (let k = i >> 2, ke = we >> 2; k < ke; k++) if (w[k] !== w[hw + k]) return false;
      i = we;
    }
    for (; i < e; i++) if (m[i] !== m[H + i]) return false;
    return true;
  }

  // ---- completion events -----------------------------------------------------------------------------------

  private onEvent(irp: Uint8Array): void {
    const k = this.evCount++;
    const L = this.L;
    const o = L.irpInformationOffset;
    this.evIrp[k] = irp;
    this.evStatus[k] = (irp[L.irpStatusOffset]! | (irp[L.irpStatusOffset + 1]! << 8) | (irp[L.irpStatusOffset + 2]! << 16) | (irp[L.irpStatusOffset + 3]! << 24)) >>> 0;
    this.evInfoLo[k] = (irp[o]! | (irp[o + 1]! << 8) | (irp[o + 2]! << 16) | (irp[o + 3]! << 24)) >>> 0;
    this.evInfoHi[k] = L.ulongPtr === 8 ? (irp[o + 4]! | (irp[o + 5]! << 8) | (irp[o + 6]! << 16) | (irp[o + 7]! << 24)) >>> 0 : 0;
    this.evRule[k] = this.p.reason.rule;
    this.evConflict[k] = this.p.reason.conflictSocket;
    if (this.snapshotEvents) {
      let img = this.evState[k];
      const need = 1 + this.handles.length * SOCKET_WORDS;
      if (img === undefined || img.length < need) this.evState[k] = img = new Uint32Array(Math.max(need, 1 + 16 * SOCKET_WORDS));
      this.evStateLen[k] = this.snapshot(img);
    }
  }

  // ---- state images ------------------------------------------------------------------------------------------

  /** Write the state image (what the reference checker's string snapshot shows) into `img`; returns its length. */
  private snapshot(img: Uint32Array): number {
    const hs = this.handles;
    const need = 1 + hs.length * SOCKET_WORDS;
    if (img.length < need) throw new Error('state image too small');
    const p = this.p;
    img[0] = p.endpoints.size;
    let w = 1;
    for (let i = 0; i < hs.length; i++) {
      const s = p.inspect(hs[i]!);
      if (s === undefined) {
        img[w] = 0;
        for (let j = 1; j < SOCKET_WORDS; j++) img[w + j] = 0;
      } else {
        img[w] = 1;
        img.set(s.options, w + 1);
        const b = w + 1 + OPTION_STATE_SLOTS;
        if (s.bound) {
          const v6 = s.family === AF.AF_INET6;
          img[b] = 1; img[b + 1] = s.port; img[b + 2] = s.w0;
          img[b + 3] = v6 ? s.w1 : 0; img[b + 4] = v6 ? s.w2 : 0; img[b + 5] = v6 ? s.w3 : 0; img[b + 6] = v6 ? s.scopeId : 0;
        } else {
          img[b] = 0; img[b + 1] = 0; img[b + 2] = 0; img[b + 3] = 0; img[b + 4] = 0; img[b + 5] = 0; img[b + 6] = 0;
        }
        img[b + 7] = s.forcedClosed ? 1 : 0;
      }
      w += SOCKET_WORDS;
    }
    return w;
  }

  /** Snapshot the replay provider's final state into fin2; returns its length. */
  private snapshotFinal(): number {
    const need = 1 + this.handles.length * SOCKET_WORDS;
    if (this.fin2.length < need) this.fin2 = new Uint32Array(need * 2);
    return this.snapshot(this.fin2);
  }

  /**
   * Bring the state image `cur` up to date with the provider, word by word; at the first difference, `cur` is
   * saved into `prev` (the state before the step). Sets `changed`.
   */
  private refresh(): void {
    const hs = this.handles;
    const need = 1 + hs.length * SOCKET_WORDS;
    this.changed = false;
    if (need !== this.curLen) this.save(need);
    const p = this.p;
    const ep = p.endpoints.size >>> 0;
    if (this.cur[0] !== ep) { this.save(need); this.cur[0] = ep; }
    let w = 1;
    for (let i = 0; i < hs.length; i++) {
      const s = p.inspect(hs[i]!);
      const img = this.cur;
      if (s === undefined) {
        if (img[w] !== 0) { this.save(need); for (let j = 0; j < SOCKET_WORDS; j++) this.cur[w + j] = 0; }
      } else {
        if (img[w] !== 1) { this.save(need); this.cur[w] = 1; }
        const o = s.options;
        let x = this.cur;
        for (let j = 0, q = w + 1; j < OPTION_STATE_SLOTS; j++, q++) {
          if (x[q] !== o[j]) { this.save(need); x = this.cur; x[q] = o[j]!; }
        }
        const b = w + 1 + OPTION_STATE_SLOTS;
        const bound = s.bound;
        const v6 = bound && s.family === AF.AF_INET6;
        const x1 = bound ? 1 : 0;
        const x2 = bound ? s.port >>> 0 : 0;
        const x3 = bound ? s.w0 >>> 0 : 0;
        const x4 = v6 ? s.w1 >>> 0 : 0;
        const x5 = v6 ? s.w2 >>> 0 : 0;
        const x6 = v6 ? s.w3 >>> 0 : 0;
        const x7 = v6 ? s.scopeId >>> 0 : 0;
        const x8 = s.forcedClosed ? 1 : 0;
        const c = this.cur;
        if (c[b] !== x1 || c[b + 1] !== x2 || c[b + 2] !== x3 || c[b + 3] !== x4 || c[b + 4] !== x5 || c[b + 5] !== x6 || c[b + 6] !== x7 || c[b + 7] !== x8) {
          this.save(need);
          const d = this.cur;
          d[b] = x1; d[b + 1] = x2; d[b + 2] = x3; d[b + 3] = x4; d[b + 4] = x5; d[b + 5] = x6; d[b + 6] = x7; d[b + 7] = x8;
        }
      }
      w += SOCKET_WORDS;
    }
  }

  /** At the first difference of a refresh: keep the old image in prev and make room in cur. */
  private save(need: number): void {
    if (this.changed) return;
    this.changed = true;
    if (this.prev.length < this.curLen) this.prev = new Uint32Array(2 * this.curLen);
    this.prev.set(this.cur.subarray(0, this.curLen));
    this.prevLen = this.curLen;
    if (this.cur.length < need) { const y = new Uint32Array(2 * need); y.set(this.cur); this.cur = y; }
    this.curLen = need;
  }

  // ---- the checks after each step --------------------------------------------------------------------------

  private violate(invariant: InvariantId, message: string): void {
    const rule = this.p.reason.rule;
    if (!excepted(invariant, rule, message)) this.violations.push({ step: this.stepIndex, op: this.stepOp, invariant, message, rule });
  }

  /** Check everything after a step, account it, and advance; false stops the case. */
  private end(result: number | undefined, row: string | null, inB: number, outB: number, osrB: number, irpB: number, declaredOut: number, handle: number): boolean {
    const rule = this.p.reason.rule;
    const k = this.logCount++;
    if (this.pass === 2) {
      if (this.logResult[k] !== (result ?? -0x12345) || this.logRule[k] !== rule) this.mismatch = true;
    } else {
      this.logResult[k] = result ?? -0x12345;
      this.logRule[k] = rule;
      this.refresh();
      this.check(result, row, inB, outB, osrB, irpB, declaredOut, handle, rule, this.stepOp);
    }
    this.stepIndex++;
    return true;
  }

  private check(result: number | undefined, row: string | null, inB: number, outB: number, osrB: number, irpB: number, declaredOut: number, handle: number, rule: string, op: Op): void {
    const L = this.L;
    const isCall = op === 'control' || op === 'controlClient' || op === 'bind' || op === 'close';
    // result-kind
    if (result !== undefined) {
      const ok = Number.isInteger(result) && (isFault(result) ? faultName(result) !== undefined : isKnownStatus(result));
      if (!ok) this.violate('result-kind', `result ${String(result)} is neither a known NTSTATUS nor a fault`);
    }
    const a = this.arena;
    const before = this.changed ? this.prev : this.cur;
    const beforeLen = this.changed ? this.prevLen : this.curLen;
    let own = -1;
    let ownPending = false;
    if (irpB >= 0) {
      const irpView = this.lastIrp;
      for (let k = 0; k < this.evCount; k++) if (this.evIrp[k] === irpView) { own = k; break; }
    }
    if (isCall && result !== undefined) {
      bumpMap(op === 'control' ? this.resControl : op === 'bind' ? this.resBind : op === 'close' ? this.resClose : this.resClient, result);
      if (op === 'control' && result !== STATUS_PENDING) bumpMap(mapOf(this.counts.coverage, row ?? '(no row)'), rule);
      const outLen = outB >= 0 ? this.bufLen[outB]! : 0;
      const osrLen = osrB >= 0 ? this.bufLen[osrB]! : 0;
      if (isFault(result)) {
        const f = faultName(result);
        if (this.stateChanged()) this.violate('fault-changes-nothing', `fault ${f} changed socket state`);
        if (this.evCount > 0) this.violate('fault-changes-nothing', `fault ${f} completed ${this.evCount} IRP(s)`);
        if (outB >= 0 && !this.unchanged(outB, 0, outLen)) this.violate('fault-changes-nothing', `fault ${f} wrote OutputBuffer`);
        if (osrB >= 0 && !this.unchanged(osrB, 0, osrLen)) this.violate('fault-changes-nothing', `fault ${f} wrote *OutputSizeReturned`);
        if (irpB >= 0 && !this.unchanged(irpB, 0, this.bufLen[irpB]!)) this.violate('fault-changes-nothing', `fault ${f} wrote the IRP`);
      } else if (result === STATUS_PENDING) {
        if (this.p.completion === 'inline') this.violate('inline-never-pending', `${op} returned STATUS_PENDING with inline completion`);
        if (irpB < 0) this.violate('pending-unobservable', `${op} returned STATUS_PENDING without an IRP`);
        if (outB >= 0 && !this.unchanged(outB, 0, outLen)) this.violate('pending-unobservable', 'OutputBuffer written before completion');
        if (osrB >= 0 && !this.unchanged(osrB, 0, osrLen)) this.violate('pending-unobservable', '*OutputSizeReturned written before completion');
        if (own >= 0 || (irpB >= 0 && !this.unchanged(irpB, 0, this.bufLen[irpB]!))) this.violate('pending-unobservable', 'the IRP was completed or written before completions were delivered');
        if (op !== 'close' && this.stateChanged()) this.violate('pending-unobservable', 'socket state changed before completion');
        if (irpB >= 0) {
          this.addPending(op, row, declaredOut, outB, osrB, irpB, handle, op === 'bind' ? inB : -1);
          ownPending = true;
        }
      } else {
        const failed = result !== STATUS_SUCCESS;
        if (outB >= 0 && outLen > declaredOut && !this.unchanged(outB, declaredOut, outLen - declaredOut)) {
          this.violate('within-declared', `OutputBuffer written at or beyond OutputSize ${declaredOut}`);
        }
        if (osrB >= 0 && osrLen > L.sizeT && !this.unchanged(osrB, L.sizeT, osrLen - L.sizeT)) {
          this.violate('within-declared', `*OutputSizeReturned written beyond sizeof(SIZE_T) ${L.sizeT}`);
        }
        if (irpB >= 0) {
          this.checkIrpBytes(irpB);
          if (own < 0 && !this.unchanged(irpB, 0, this.bufLen[irpB]!)) this.violate('irp-needs-completion', 'the IRP was written but not completed');
          if (own >= 0) {
            const off = this.bufOff[irpB]!;
            const status = readU32(a, off + L.irpStatusOffset);
            const lo = readU32(a, off + L.irpInformationOffset);
            const hi = L.ulongPtr === 8 ? readU32(a, off + L.irpInformationOffset + 4) : 0;
            if (status !== this.evStatus[own] || lo !== this.evInfoLo[own] || hi !== this.evInfoHi[own]) {
              this.violate('irp-iostatus-only', `IoStatus changed after the IRP was completed (${resultName(this.evStatus[own]!)}/${big(this.evInfoLo[own]!, this.evInfoHi[own]!)} -> ${resultName(status)}/${big(lo, hi)})`);
            }
            if (status !== result) this.violate('return-equals-iostatus', `returned ${resultName(result)}, IoStatus.Status ${resultName(status)}`);
            this.checkInformation(op, status, lo, hi, declaredOut);
          }
        }
        if (failed) {
          if (op !== 'close' && this.stateChanged()) this.violate('failure-no-state', `${resultName(result)} changed socket state`);
          if (outB >= 0 && !this.unchanged(outB, 0, outLen)) this.violate('failure-no-output', `${resultName(result)} wrote OutputBuffer`);
          if (osrB >= 0 && !this.unchanged(osrB, 0, osrLen)) this.violate('failure-no-output', `${resultName(result)} wrote *OutputSizeReturned`);
        } else if (osrB >= 0 && !this.unchanged(osrB, 0, osrLen)) {
          if (irpB >= 0) this.violate('osr-le-output-size', '*OutputSizeReturned written although an IRP was used');
          const off = this.bufOff[osrB]!;
          const lo = readU32(a, off);
          const hi = L.sizeT === 8 ? readU32(a, off + 4) : 0;
          if (hi * 0x100000000 + lo > declaredOut) this.violate('osr-le-output-size', `*OutputSizeReturned = ${big(lo, hi)} > OutputSize ${declaredOut}`);
        }
        if (op === 'bind' && result === STATUS_SUCCESS) { this.checkHijack(handle); this.checkPortZero(handle, inB); }
        if (op === 'bind' && failed && this.p.reason.conflictSocket !== 0) this.checkRefusal(handle, inB, this.p.reason.conflictSocket, this.p.reason.rule);
      }
    }
    // Completions of earlier pending calls (delivered by `complete`, or cancelled by `close`).
    let prev = before;
    let prevLen = beforeLen;
    for (let k = 0; k < this.evCount; k++) {
      const c = this.takePending(this.evIrp[k]!);
      const snap = this.snapshotEventsOf(op);
      if (c < 0) {
        if (snap) { prev = this.evState[k]!; prevLen = this.evStateLen[k]!; }
        continue;
      }
      const status = this.evStatus[k]!;
      const cOp = this.pcOp[c]!;
      const cStep = this.pcStep[c]!;
      const failed = status !== STATUS_SUCCESS;
      const cancelled = op === 'close' && status === STATUS_CANCELLED;
      bumpMap(mapOf(this.counts.completions, cOp), status);
      if (cOp === 'control') bumpMap(mapOf(this.counts.coverage, this.pcRow[c] ?? '(no row)'), cancelled ? 'close-cancels-pending' : this.evRule[k]!);
      const cIrp = this.pcIrpBuf[c]!;
      const cOut = this.pcOut[c]!;
      const cOsr = this.pcOsr[c]!;
      const cDecl = this.pcDeclared[c]!;
      this.checkIrpBytes(cIrp);
      this.checkInformation(cOp, status, this.evInfoLo[k]!, this.evInfoHi[k]!, cDecl);
      if (cOut >= 0 && this.bufLen[cOut]! > cDecl && !this.unchanged(cOut, cDecl, this.bufLen[cOut]! - cDecl)) {
        this.violate('within-declared', `OutputBuffer of step ${cStep} written at or beyond OutputSize ${cDecl}`);
      }
      if (cOsr >= 0 && !this.unchanged(cOsr, 0, this.bufLen[cOsr]!)) this.violate('osr-le-output-size', `*OutputSizeReturned of step ${cStep} written although an IRP was used`);
      if (failed) {
        if (cOut >= 0 && !this.unchanged(cOut, 0, this.bufLen[cOut]!)) this.violate('failure-no-output', `completion of step ${cStep} with ${resultName(status)} wrote OutputBuffer`);
        if (snap && cOp !== 'close' && !sameImage(this.evState[k]!, this.evStateLen[k]!, prev, prevLen)) this.violate('failure-no-state', `completion of step ${cStep} with ${resultName(status)} changed socket state`);
        if (cOp === 'bind' && this.evConflict[k] !== 0) this.checkRefusal(this.pcSocket[c]!, this.pcAddr[c]!, this.evConflict[k]!, this.p.reason.rule);
      } else if (cOp === 'bind') {
        this.checkHijack(this.pcSocket[c]!);
        this.checkPortZero(this.pcSocket[c]!, this.pcAddr[c]!);
      }
      if (snap) { prev = this.evState[k]!; prevLen = this.evStateLen[k]!; }
      // Checked: the completed call's buffers now hold what they may hold.
      this.settle(cOut);
      this.settle(cOsr);
      this.settle(cIrp);
    }
    // guard-bytes (every buffer of the case so far: a provider may keep a pointer) and input-readonly: once the
    // buffers the provider was entitled to write are copied into the shadow, an arena equal to it means no guard
    // byte and no input changed.
    if (!ownPending) { this.settle(outB); this.settle(osrB); this.settle(irpB); }
    if (a.compare(this.shadow, 0, this.used, 0, this.used) !== 0) {
      for (let b = 0; b < this.nBuf; b++) {
        const off = this.bufOff[b]!;
        const end = off + this.bufLen[b]!;
        let bad = -1;
        for (let i = off - GUARD; i < off; i++) if (a[i] !== GUARD_BYTE) { bad = i; break; }
        if (bad < 0) for (let i = end; i < end + GUARD; i++) if (a[i] !== GUARD_BYTE) { bad = i; break; }
        if (bad >= 0) {
          this.violate('guard-bytes', `${this.bufName[b]} of step ${this.bufStep[b]}: guard byte at ${bad - off} changed`);
          a[bad] = GUARD_BYTE;
        }
      }
      if (inB >= 0 && !this.unchanged(inB, 0, this.bufLen[inB]!)) this.violate('input-readonly', `${op === 'bind' ? 'LocalAddress' : 'InputBuffer'} was written`);
      // Resynchronise the shadow with every byte as it is now, except guards (always GUARD_BYTE there) and buffers
      // of pending calls (their initial images are still needed).
      const m = this.mem;
      const H = this.size;
      let from = 0;
      for (let b = 0; b < this.nBuf; b++) {
        const off = this.bufOff[b]!;
        const end = off + this.bufLen[b]!;
        if (this.bufPending[b] === 1) { m.copyWithin(H + from, from, off); from = end; }
      }
      m.copyWithin(H + from, from, this.used);
      for (let b = 0; b < this.nBuf; b++) {
        const off = this.bufOff[b]!;
        const end = off + this.bufLen[b]!;
        m.fill(GUARD_BYTE, H + off - GUARD, H + off);
        m.fill(GUARD_BYTE, H + end, H + end + GUARD);
      }
    }
  }

  private stateChanged(): boolean {
    return this.changed;
  }

  private snapshotEventsOf(op: Op): boolean {
    return op === 'complete' || op === 'setAddressList';
  }


  private addPending(op: Op, row: string | null, declaredOut: number, outB: number, osrB: number, irpB: number, handle: number, addrB: number): void {
    const k = this.pcCount++;
    this.pcIrp[k] = this.lastIrp;
    this.pcStep[k] = this.stepIndex;
    this.pcOp[k] = op;
    this.pcRow[k] = row;
    this.pcDeclared[k] = declaredOut;
    this.pcOut[k] = outB;
    this.pcOsr[k] = osrB;
    this.pcIrpBuf[k] = irpB;
    this.pcSocket[k] = handle;
    this.pcAddr[k] = addrB;
    if (outB >= 0) this.bufPending[outB] = 1;
    if (osrB >= 0) this.bufPending[osrB] = 1;
    this.bufPending[irpB] = 1;
  }

  /** A buffer's bytes were checked: copy them into the shadow, and it is no longer a pending call's. */
  private settle(b: number): void {
    if (b < 0) return;
    this.bufPending[b] = 0;
    const from = this.bufOff[b]!;
    const to = from + this.bufLen[b]!;
    const m = this.mem;
    const h = this.size;
    if (to - from > 16) m.copyWithin(h + from, from, to);
    else for (let i = from; i < to; i++) m[h + i] = m[i]!;
  }

  private takePending(irp: Uint8Array): number {
    for (let k = 0; k < this.pcCount; k++) {
      if (this.pcIrp[k] === irp) { this.pcIrp[k] = null; return k; }
    }
    return -1;
  }

  private checkIrpBytes(b: number): void {
    const L = this.L;
    const off = this.bufOff[b]!;
    const len = this.bufLen[b]!;
    const s0 = L.irpStatusOffset;
    const i0 = L.irpInformationOffset;
    const i1 = i0 + L.ulongPtr;
    if (this.sameAsShadow(off, s0) && this.sameAsShadow(off + s0 + 4, i0 - s0 - 4) && this.sameAsShadow(off + i1, len - i1)) return;
    const m = this.mem;
    const H = this.size;
    for (let i = 0; i < len; i++) {
      if ((i >= s0 && i < s0 + 4) || (i >= i0 && i < i1)) continue;
      if (m[off + i] !== m[H + off + i]) { this.violate('irp-iostatus-only', `IRP byte ${i} changed (outside IoStatus.Status and Information)`); return; }
    }
  }

  private checkInformation(op: Op, status: number, lo: number, hi: number, declaredOut: number): void {
    if (status !== STATUS_SUCCESS) {
      if (lo !== 0 || hi !== 0) this.violate('failure-information', `IRP completed with ${resultName(status)} and Information ${big(lo, hi)}`);
      return;
    }
    const hasOutput = op === 'control' || op === 'controlClient';
    const limit = hasOutput ? declaredOut : 0;
    if (hi * 0x100000000 + lo > limit) this.violate('information-le-output-size', `IoStatus.Information ${big(lo, hi)} > ${hasOutput ? `OutputSize ${declaredOut}` : '0'}`);
  }

  // ---- sharing invariants (rare: successful and refused binds), as in the reference checker ------------------

  private viewOf(x: number, address: TransportAddress | null): BoundView | null {
    const s = this.p.inspect(x);
    const a = address ?? s?.boundAddress ?? null;
    if (s === undefined || a === null) return null;
    const flags = address === null && this.boundSet[x] === true ? { exclusive: this.boundExcl[x]!, dualStack: this.boundDual[x]! } : sharingFlags(s.family, s.options);
    return { handle: x, owner: this.ownerOf[x] ?? 'system', family: s.family, category: s.category, type: s.type, address: a, ...flags };
  }

  private addressBytes(b: number): Uint8Array | null {
    return this.view(b); // checks run in the checked pass: the view of the arena
  }

  private checkPortZero(h: number, addrB: number): void {
    const address = this.addressBytes(addrB);
    if (address === null || address.length < 16 || address[2] !== 0 || address[3] !== 0) return;
    const me = this.viewOf(h, null);
    if (me === null || claimsOf(me).length === 0) return;
    const port = me.address.port;
    const others: BoundView[] = [];
    for (const x of this.handles) {
      if (x === h) continue;
      const o = this.viewOf(x, null);
      if (o !== null) others.push(o);
    }
    for (let q = DYNAMIC_PORT_FIRST; q < port; q++) {
      const at = { ...me, address: { ...me.address, port: q } };
      if (!others.some((o) => bindingsOverlap(at, o))) {
        this.violate('port-zero-lowest', `port 0 was given ${port}, but ${formatAddress(at.address)} overlaps no live binding`);
        return;
      }
    }
  }

  private checkRefusal(h: number, addrB: number, conflict: number, rule: string): void {
    const address = this.addressBytes(addrB);
    if (address === null || address.length < 16) return;
    const requested = decodeSockaddr(address);
    if (requested.port === 0) {
      this.violate('port-zero-lowest', `a port-0 bind was refused by sharing rule ${rule}`);
      return;
    }
    const me = this.viewOf(h, requested);
    const other = this.viewOf(conflict, null);
    if (me === null) return;
    if (other === null) this.violate('refusal-names-overlap', `bind refused (rule ${rule}) naming socket #${conflict}, which is not bound`);
    else if (!mayOverlap(me, other)) this.violate('refusal-names-overlap', `bind of ${formatAddress(requested)} refused naming ${formatAddress(other.address)}, which does not overlap`);
  }

  private checkHijack(h: number): void {
    const me = this.p.inspect(h);
    if (me !== undefined) {
      const f = sharingFlags(me.family, me.options);
      this.boundSet[h] = true;
      this.boundExcl[h] = f.exclusive;
      this.boundDual[h] = f.dualStack;
    }
    // Only another owner's binding with SO_EXCLUSIVEADDRUSE can be hijacked: without one, hijackedHolder finds nothing
    // and the views are not built.
    const owner = this.ownerOf[h] ?? 'system';
    let holders = 0;
    for (const x of this.handles) {
      if (x === h || (this.ownerOf[x] ?? 'system') === owner) continue;
      const s = this.p.inspect(x);
      if (s !== undefined && s.bound && (this.boundSet[x] === true ? this.boundExcl[x] === true : exclusiveOf(s.options))) holders++;
    }
    if (holders === 0) return;
    const views: BoundView[] = [];
    for (const x of this.handles) {
      const s = this.p.inspect(x);
      if (s === undefined || s.boundAddress === null) continue;
      const flags = this.boundSet[x] === true ? { exclusive: this.boundExcl[x]!, dualStack: this.boundDual[x]! } : sharingFlags(s.family, s.options);
      views.push({ handle: x, owner: this.ownerOf[x] ?? 'system', family: s.family, category: s.category, type: s.type, address: s.boundAddress, ...flags });
    }
    const cand = views.find((x) => x.handle === h);
    if (cand === undefined) return;
    const holder = hijackedHolder(cand, views);
    if (holder !== null) {
      this.violate('anti-hijack', `${cand.owner}'s socket bound ${formatAddress(cand.address)} over ${holder.owner}'s SO_EXCLUSIVEADDRUSE binding ${formatAddress(holder.address)}`);
    }
  }
}

/** A SIZE_T field reduced to the arch (fitSizeT), as a number when exact, else the bigint (x64 values above 2^53). */
function sizeTOf(v: bigint, arch: 'x86' | 'x64'): number | bigint {
  if (v <= 0xffffffffn) return Number(v);
  const f = fitSizeT(v, arch);
  return f <= SAFE ? Number(f) : f;
}

/** resolveLen for a size from sizeTOf: the buffer length a BufLenShape gives (0 = NULL). */
function lengthOf(s: BufLenShape, declared: number | bigint): number {
  if (s.kind === 'null') return 0;
  if (s.kind === 'abs') return s.length;
  const base = typeof declared === 'number' && declared <= MAX_BUFFER - 8 ? declared : 8;
  return Math.max(0, base + s.delta);
}

function mapOf<K, V>(m: Map<string, Map<K, V>>, k: string): Map<K, V> {
  let x = m.get(k);
  if (x === undefined) m.set(k, (x = new Map()));
  return x;
}

function readU32(b: Uint8Array, off: number): number {
  return (b[off]! | (b[off + 1]! << 8) | (b[off + 2]! << 16) | (b[off + 3]! << 24)) >>> 0;
}

function big(lo: number, hi: number): bigint {
  return (BigInt(hi) << 32n) | BigInt(lo);
}

function sameImage(a: Uint32Array, aLen: number, b: Uint32Array, bLen: number): boolean {
  if (aLen !== bLen) return false;
  for (let i = 0; i < aLen; i++) if (a[i] !== b[i]) return false;
  return true;
}

function fnvRange(h: number, b: Uint8Array, len: number): number {
  for (let i = 0; i < len; i++) h = Math.imul(h ^ b[i]!, 16777619) >>> 0;
  return h;
}
