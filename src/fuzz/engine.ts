/**
 * The case engine: runs a case on a fresh provider, every caller buffer carved out of a guard-banded arena
 * (src/fuzz/arena.ts), fills the observation record of each step (src/fuzz/observation.ts) and runs every invariant of
 * src/fuzz/invariants.ts on it. Two drivers feed it: `run` executes a generated CaseShape straight from its fields
 * (campaigns), `runVector` executes a vector's steps (jest properties, shrinking, finding files); both go through
 * the same steps, observation and checks. `deterministic` is checked by replaying the case on a second fresh provider
 * into a second arena region and comparing every step's result and rule and, at the end, the socket-state image and
 * every byte of every caller buffer.
 *
 * A "checked call" is one WskControlSocket, WskControlClient, WskBind or WskCloseSocket call of the first run
 * (setup calls included) after which every invariant was checked; the replay run is not counted.
 */
import { OPTION_ROWS } from '../../abi/options';
import type { OptionRow } from '../../abi/schema';
import { writeUintN, writeUlong } from '../codec/bytes';
import { toHex } from '../codec/hex';
import { archSize, layoutOf } from '../codec/layout';
import { AF, PROTO, SOCK, STATUS, WSK_FLAG } from '../codec/names';
import { encodeSockaddrText } from '../codec/sockaddr';
import { AbiUsageError } from '../errors';
import { Listener } from '../provider/connections';
import { WskProvider } from '../provider/provider';
import { parsedAddress } from '../provider/harness';
import type { SimSocket } from '../provider/socket';
import { parseVectorFile } from '../vectors/reader';
import type { BufferSpec, Step, Vector } from '../vectors/types';
import {
  connFrom, connTarget, connTo, fitSizeT, fixedLength, HOSTS, MAX_BUFFER, MAX_CALLS_DEFAULT, OWNERS, portOf, PRESET_ROWS, rowKey, SHAPE_TABLES,
  type AddressShape, type BufLenShape, type CaseShape, type ConnShape, type ControlBuffersShape,
} from './arbitraries';
import { Arena, arenaBytesFor, GUARD } from './arena';
import { checkCall, checkCompletion, checkExtra, checkMemory, checkTime, Violations, type ExtraInvariant, type Violation } from './invariants';
import { DOUBLE_ZERO, NO_RESULT, Observation } from './observation';
import type { Op } from './pending';
import { snapshot, SOCKET_WORDS } from './state-image';
import { vectorFile, type VectorJson } from './vector-json';

const { STATUS_SUCCESS, STATUS_PENDING, STATUS_CANCELLED } = STATUS;

/** A handle no socket has: a named socket the case never got (its WskSocket failed, or it was never accepted). */
const UNKNOWN = 0x7fffffff;

/** Vector ops that make a case a connection case. */
const CONN_OPS: ReadonlySet<string> = new Set(['incoming', 'accept', 'disconnect', 'peerClose', 'advanceTime']);
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

const ROW_NAMES = new Map<OptionRow, string>();
for (const r of OPTION_ROWS as readonly OptionRow[]) ROW_NAMES.set(r, `${r.name}/${r.requestType}`);

/** Numeric form of the socket kinds of the generator. */
const KINDS = SHAPE_TABLES.SOCKET_KINDS.map((k) => ({
  flags: WSK_FLAG[k.flags as keyof typeof WSK_FLAG]!,
  type: SOCK[k.type as keyof typeof SOCK]!,
  protocol: typeof k.protocol === 'number' ? k.protocol : PROTO[k.protocol as keyof typeof PROTO]!,
}));
const PRESET_KEYS = PRESET_ROWS.map(rowKey);

/** SOCKADDR images (port 0) of every generated (family, host); the port is written per bind into a scratch copy. */
const ADDRESS_BASES = [HOSTS.v4, HOSTS.v6].map((hosts) => hosts.map((h) => new Uint8Array(encodeSockaddrText(`${h}:0`)!)));
const ADDRESS_SCRATCH = [new Uint8Array(ADDRESS_BASES[0]![0]!.length), new Uint8Array(ADDRESS_BASES[1]![0]!.length)];

/** Entries the address-list cache keeps before it is emptied (host lists keep coming in a long campaign). */
const LIST_CACHE_MAX = 4096;

/** The harness address lists of `addresses` calls, as texts. */
const LIST_CACHE = new Map<string, string[]>();
function cachedList(v6: boolean, hosts: readonly number[]): string[] {
  const key = `${v6 ? 6 : 4}:${hosts.join(',')}`;
  let l = LIST_CACHE.get(key);
  if (l === undefined) {
    const h = v6 ? SHAPE_TABLES.LIST_HOSTS.v6 : SHAPE_TABLES.LIST_HOSTS.v4;
    if (LIST_CACHE.size >= LIST_CACHE_MAX) LIST_CACHE.clear();
    LIST_CACHE.set(key, (l = hosts.map((i) => (v6 ? `[${h[i]}]:0` : `${h[i]}:0`))));
  }
  return l;
}

/** The SOCKADDR image of an incoming connection's address text (the provider's bounded cache of parsed texts). */
function sockaddrOf(text: string): Uint8Array {
  return parsedAddress(text)!;
}

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

/** Images of one caller buffer around one call. */
export interface BufferImages {
  readonly initial: Buffer;
  readonly after: Buffer;
}

/** Per-step record kept by runVector with `record: true` (for turning a failure into a vector). */
export interface StepRecord {
  readonly result: number | undefined;
  readonly rule: string;
  readonly output?: BufferImages;
  readonly outputSizeReturned?: BufferImages;
  readonly irp?: BufferImages & { readonly completed: boolean };
  /** IoStatus of each IRP completed during the step, in order. */
  readonly completions: readonly { readonly status: number; readonly information: bigint }[];
  /** Option slots of the socket the step used, before the call (when it was live). */
  readonly optionsBefore?: readonly number[];
  readonly socketHandle?: number;
  /** advanceTime: how many lingering endpoints' TIME_WAIT had run out by the new time (what it must release). */
  readonly released?: number;
  /** A connection step the engine did not run (its socket was never accepted, or is closed): left out of finding vectors. */
  readonly skipped?: boolean;
}

/** Result of running one vector case. */
export interface CaseRun {
  readonly calls: number;
  readonly violations: Violation[];
  /** One record per step with `record: true`, else empty. */
  readonly records: StepRecord[];
}

/** Options of runVector / runCase. */
export interface RunCaseOptions {
  readonly extraInvariants?: readonly ExtraInvariant[];
  /** Also run on a second fresh provider and compare every byte (invariant `deterministic`). Default true. */
  readonly twice?: boolean;
  /** Keep per-step images for turning a failure into a vector. Default false. */
  readonly record?: boolean;
}

/**
 * Counts by number (return values, IoStatus values): open addressing over typed arrays, so that counting a call
 * costs a hash and a compare instead of a Map lookup.
 */
class NumTally {
  private keys = new Float64Array(64);
  private counts = new Float64Array(64);
  private used = new Uint8Array(64);
  private size = 0;
  /** Keys the arrays cannot hold exactly (NaN, or not a number at all when a provider misbehaves). */
  private readonly other = new Map<number, number>();

  add(k: number): void {
    if (typeof k !== 'number' || k !== k) { this.other.set(k, (this.other.get(k) ?? 0) + 1); return; }
    const mask = this.keys.length - 1;
    for (let h = (Math.imul((k | 0) ^ ((k / 0x100000000) | 0), 0x9e3779b1) >>> 16) & mask; ; h = (h + 1) & mask) {
      if (this.used[h] === 0) break;
      if (this.keys[h] === k) { this.counts[h]!++; return; }
    }
    this.insert(k, 1);
  }

  private insert(k: number, n: number): void {
    if (2 * (this.size + 1) > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let h = (Math.imul((k | 0) ^ ((k / 0x100000000) | 0), 0x9e3779b1) >>> 16) & mask;
    while (this.used[h] === 1) h = (h + 1) & mask;
    this.used[h] = 1;
    this.keys[h] = k;
    this.counts[h] = n;
    this.size++;
  }

  private grow(): void {
    const { keys, counts, used } = this;
    this.keys = new Float64Array(2 * keys.length);
    this.counts = new Float64Array(2 * keys.length);
    this.used = new Uint8Array(2 * keys.length);
    this.size = 0;
    for (let i = 0; i < keys.length; i++) if (used[i] === 1) this.insert(keys[i]!, counts[i]!);
  }

  /** The counts as a Map, in no particular order. */
  toMap(): Map<number, number> {
    const m = new Map<number, number>(this.other);
    for (let i = 0; i < this.keys.length; i++) if (this.used[i] === 1) m.set(this.keys[i]!, this.counts[i]!);
    return m;
  }
}

/** The coverage row of a control call that resolved to no option row. */
const NO_ROW = '(no row)';

/** A count incremented in place: one Map lookup per count instead of a get and a set. */
interface Count { n: number }

/** Coverage of one option row: its name and its counts by deciding rule (the engine's), the last rule counted at hand. */
interface RowCoverage {
  readonly name: string;
  rules: Map<string, Count> | null;
  lastRule: string;
  last: Count | null;
}

function bump(m: Map<string, Count>, k: string): void {
  const c = m.get(k);
  if (c !== undefined) c.n++;
  else m.set(k, { n: 1 });
}

function tallyOf<T>(m: Map<string, T>, k: string, make: () => T): T {
  let x = m.get(k);
  if (x === undefined) m.set(k, (x = make()));
  return x;
}

const newNumTally = (): NumTally => new NumTally();
const newCounts = (): Map<string, Count> => new Map();

/** Arena bytes a shape may need: every setup and call step allocating four buffers of MAX_BUFFER bytes. */
function shapeArenaBytes(maxCalls: number): number {
  const steps = 3 * 6 + maxCalls + 10;
  return steps * 4 * (MAX_BUFFER + 72 + 8 + 2 * GUARD) + 2 * GUARD + 64;
}

/** Reusable state for running many cases (one per worker). */
export class CaseEngine {
  private arena: Arena;
  private readonly o = new Observation();
  private v = new Violations();
  private p!: WskProvider;
  private pass = 1;
  private extra: readonly ExtraInvariant[] = [];
  // ---- per-run state of the driver ----
  private named: number[] = [0, 0, 0];
  private families: number[] = [0, 0, 0];
  private stepIndex = 0;
  /** The case being run: a generated shape, or (shape null) a vector with its setup steps. */
  private shape: CaseShape | null = null;
  private vector: Vector | null = null;
  private setupSteps: ReadonlySet<number> = new Set();
  private irpView: Uint8Array | null = null;
  private snapshotEvents = false;
  // ---- determinism: per-step results and rules of the checked run ----
  private logResult: number[] = [];
  private logRule: string[] = [];
  private logCount = 0;
  private mismatch = false;
  private calls = 0;
  private threw = false;
  /** With runVector({record: true}): per-step records. */
  private records: StepRecord[] | null = null;
  private readonly hook = (irp: Uint8Array): void => this.onEvent(irp);
  private readonly results = new Map<string, NumTally>();
  private readonly completions = new Map<string, NumTally>();
  private readonly coverage = new Map<string, Map<string, Count>>();
  /** Per option row: its coverage (entries of `coverage`); the row of the current control call, or null. */
  private readonly rowCoverage = new Map<OptionRow, RowCoverage>();
  private callRow: RowCoverage | null = null;
  private readonly resControl = tallyOf(this.results, 'control', newNumTally);
  private readonly resClient = tallyOf(this.results, 'controlClient', newNumTally);
  private readonly resBind = tallyOf(this.results, 'bind', newNumTally);
  private readonly resClose = tallyOf(this.results, 'close', newNumTally);
  // ---- connection steps: accepted sockets by accept ordinal (UNKNOWN until the IRP completes), their IRPs, names ----
  private connCase = false;
  private acceptCount = 0;
  private incomings = 0;
  private readonly accepted: number[] = [];
  private readonly acceptIrps: (Uint8Array | null)[] = [];
  private readonly acceptAs: (string | undefined)[] = [];
  /** Per world index: the provider's socket (to read a listener's held connections after it is closed). */
  private readonly sims: (Readonly<SimSocket> | undefined)[] = [];
  private skipped = false;
  /** The WskSocket parameters of a socket step (the provider reads them during the call). */
  private readonly socketParams = { family: DOUBLE_ZERO, type: DOUBLE_ZERO, protocol: DOUBLE_ZERO, flags: DOUBLE_ZERO, owner: '', securityDescriptor: 0 };
  /** The principals of the case's descriptor, as the checked run passed them (the replay passes the same array). */
  private allow: readonly string[] = [];
  /** Per call of the shape: its InputSize and OutputSize as passed (computed by the checked run, passed again by the replay). */
  private readonly callIn: (number | bigint)[] = [];
  private readonly callOut: (number | bigint)[] = [];
  /** The option row of the last control call and its coverage record. */
  private lastOption: object | null = null;
  private lastCoverage: RowCoverage | null = null;

  /** Accumulated counts (results, completions, coverage) of every checked run. */
  get counts(): EngineCounts {
    const numbers = (m: Map<string, NumTally>): Map<string, Map<number, number>> => new Map([...m].map(([k, t]) => [k, t.toMap()]));
    const coverage = new Map([...this.coverage].map(([row, m]) => [row, new Map([...m].map(([rule, c]) => [rule, c.n]))]));
    return { results: numbers(this.results), completions: numbers(this.completions), coverage };
  }

  constructor(maxCalls = MAX_CALLS_DEFAULT, extra: readonly ExtraInvariant[] = []) {
    this.arena = new Arena(shapeArenaBytes(maxCalls));
    this.o.arena = this.arena;
    this.extra = extra;
  }

  /** Run a generated case twice (checked, then replayed), accounting the checked run into `counts`. */
  run(c: CaseShape): EngineRun {
    this.shape = c;
    return this.twice(true);
  }

  /** Run a vector (a fuzz case, or any vector with the ops below) the same way; optionally with per-step records. */
  runVector(vec: Vector, opts: RunCaseOptions = {}, setupSteps: ReadonlySet<number> = new Set()): CaseRun {
    const need = arenaBytesFor(vectorBufferLengths(vec));
    if (need > this.arena.size) { this.arena = new Arena(need); this.o.arena = this.arena; }
    const saveExtra = this.extra;
    this.extra = opts.extraInvariants ?? saveExtra;
    this.records = opts.record === true ? [] : null;
    try {
      this.shape = null;
      this.vector = vec;
      this.setupSteps = setupSteps;
      const r = this.twice(opts.twice !== false);
      return { calls: r.calls, violations: r.violations, records: this.records ?? [] };
    } finally {
      this.extra = saveExtra;
      this.records = null;
      this.vector = null;
    }
  }

  /** Run the case in `shape` (or, when null, `vector`) once, for the current pass. */
  private execute(): void {
    if (this.shape !== null) this.executeShape(this.shape);
    else this.executeVector(this.vector!, this.setupSteps);
  }

  private twice(replay: boolean): EngineRun {
    if (this.v.list.length > 0) this.v = new Violations(); // an empty one is reused
    this.calls = 0;
    this.threw = false;
    this.logCount = 0;
    this.pass = 1;
    this.execute();
    if (!this.threw && replay) {
      const A = this.arena;
      const logged = this.logCount;
      const records = this.records;
      this.records = null;
      this.logCount = 0;
      this.mismatch = false;
      this.pass = 2;
      this.execute();
      this.records = records;
      // The replay's final socket state against the checked run's last image.
      if (!this.mismatch && !this.o.state.same(this.p, this.o.world)) this.mismatch = true;
      if (this.mismatch || this.logCount !== logged || A.used !== A.usedFirst || !A.sameAsReplay()) {
        const a = A.fingerprint(A.shadow, A.usedFirst);
        const b = A.fingerprint(A.live, A.used);
        this.v.list.push({ step: -1, op: 'case', invariant: 'deterministic', message: `two fresh providers gave different bytes (fingerprints ${a.toString(16)} vs ${b.toString(16)}${this.mismatch ? ', results, rules or socket state differ' : ''})`, rule: '' });
      }
    }
    return { calls: this.calls, violations: this.v.list };
  }

  private start(arch: 'x86' | 'x64', profile: CaseShape['env']['profile'], policy: CaseShape['env']['policy'], completion: CaseShape['env']['completion']): WskProvider {
    const p = new WskProvider({ arch, profile, policy, completion, onComplete: this.hook });
    this.p = p;
    const o = this.o;
    o.layout = layoutOf(arch);
    o.inline = completion === 'inline';
    this.arena.begin(this.pass);
    this.stepIndex = 0;
    o.world.reset(profile);
    o.pending.reset();
    this.acceptCount = 0;
    this.incomings = 0;
    if (this.accepted.length !== 0) { this.accepted.length = 0; this.acceptIrps.length = 0; this.acceptAs.length = 0; }
    if (this.sims.length !== 0) this.sims.length = 0;
    o.conn = this.connCase;
    if (this.pass === 1) o.state.reset(p, o.world);
    return p;
  }

  // ---- the shape driver --------------------------------------------------------------------------------------

  private executeShape(c: CaseShape): void {
    const { arch } = c.env;
    this.connCase = c.conn.length > 0;
    const p = this.start(arch, c.env.profile, c.env.policy, c.env.completion);
    const L = this.o.layout;
    let sd0 = 0;
    if (c.sd !== null) {
      if (this.pass === 1) this.allow = c.sd.map((i) => OWNERS[i]!);
      const allow = this.allow;
      this.begin('cacheSd', true);
      try { sd0 = p.cacheSecurityDescriptor(allow); } catch (e) { this.threwAt(e); return; }
      this.o.world.addDescriptor(sd0, allow);
      this.end(NO_RESULT, false);
    }
    const pending = c.env.completion === 'pending';
    const n = c.sockets.length;
    for (let i = 0; i < n; i++) {
      const s = c.sockets[i]!;
      const kind = KINDS[s.kind]!;
      const family = s.v6 ? AF.AF_INET6 : AF.AF_INET;
      this.families[i] = family;
      if (!this.socketStep(family, kind.type, kind.protocol, kind.flags, OWNERS[s.owner]!, s.useSd && c.sd !== null ? sd0 : 0, i, true)) return;
      for (let q = 0; q < s.presets.length; q++) {
        const pr = s.presets[q]!;
        const key = PRESET_KEYS[pr.row % Math.max(1, PRESET_KEYS.length)];
        if (key === undefined) continue;
        const row = PRESET_ROWS[pr.row % PRESET_ROWS.length]!;
        const size = archSize(row.size, arch);
        if (!this.controlStep(this.named[i]!, key.requestType, key.code, key.level, size, Math.max(4, size), pr.value, 0, 0, 0, 0xcc, 0, L.sizeofIrp, 0xcc, false, true)) return;
      }
      if (s.state === 'bound' && !this.bindShape(this.named[i]!, s.address, c.ports, family, 0, L.sizeofIrp, 0xcc, true)) return;
      if (pending && (s.presets.length > 0 || s.state === 'bound') && !this.harnessStep('complete', false, null, true)) return;
      if (s.state === 'closed' && !this.closeStep(this.named[i]!, L.sizeofIrp, 0x00, true)) return;
      if (s.state === 'forced-closed') {
        this.begin('forceClose', true);
        try { p.forceClose(this.named[i]!); } catch (e) { this.threwAt(e); return; }
        this.end(NO_RESULT, false);
      }
    }
    for (let q = 0; q <= c.calls.length; q++) {
      if (this.connCase) {
        for (let j = 0; j < c.conn.length; j++) {
          const x = c.conn[j]!;
          if (Math.min(x.at, c.calls.length) === q && !this.connShapeStep(c, x)) return;
        }
      }
      const k = c.calls[q];
      if (k === undefined) break;
      let ok = true;
      switch (k.op) {
        case 'control': ok = this.bufferCall(k, q, arch, this.named[k.socket % n]!, k.key.requestType, k.key.code, k.key.level, false); break;
        case 'client': ok = this.bufferCall(k, q, arch, 0, 0, k.code, 0, true); break;
        case 'bind': { const i = k.socket % n; ok = this.bindShape(this.named[i]!, k.address, c.ports, this.families[i]!, k.flags, fixedLength(k.irp, L.sizeofIrp), k.irpFill, false); break; }
        case 'close': ok = this.closeStep(this.named[k.socket % n]!, fixedLength(k.irp, L.sizeofIrp), k.irpFill, false); break;
        case 'complete': ok = this.harnessStep('complete', false, null, false); break;
        case 'addresses': ok = this.harnessStep('setAddressList', k.v6, k.hosts, false); break;
        case 'socket': ok = this.socketStep(k.family, k.type, k.protocol, k.flags, OWNERS[k.owner]!, 0, -1, false); break;
      }
      if (!ok) return;
    }
  }

  /** A connection step of the shape driver (the steps caseToVector writes for it). */
  private connShapeStep(c: CaseShape, k: ConnShape): boolean {
    const n = c.sockets.length;
    const t = connTarget(k, n, this.acceptCount);
    const h = t < n ? this.named[t]! : this.accepted[t - n]!;
    const irpLen = this.o.layout.sizeofIrp;
    switch (k.act) {
      case 'incoming': {
        const s = c.sockets[t]!;
        return this.incomingStep(sockaddrOf(connFrom(s.v6, this.incomings++)), sockaddrOf(connTo(s, k.port, c.ports)));
      }
      case 'accept': this.begin('accept', false); return this.acceptCall(h, this.acceptCount++, undefined, -1, -1, this.arena.alloc('irp', irpLen, 0xcc));
      case 'disconnect':
      case 'abort':
        if (h === UNKNOWN) return this.skipStep('disconnect');
        this.begin('disconnect', false);
        return this.disconnectCall(h, k.act === 'abort' ? 1 : 0, this.arena.alloc('irp', irpLen, 0xcc));
      case 'peerClose': return this.peerCloseStep(h);
      case 'close':
        if (h === UNKNOWN) return this.skipStep('close');
        return this.closeStep(h, irpLen, 0xcc, false);
      case 'advance': return this.advanceStep(k.seconds);
    }
  }

  /** A connection step not run (a socket never accepted, or closed): a step without a result, left out of finding vectors. */
  private skipStep(op: Op): boolean {
    this.begin(op, false);
    this.skipped = true;
    return this.end(NO_RESULT, false);
  }

  private incomingStep(from: Uint8Array, to: Uint8Array): boolean {
    this.begin('incoming', false);
    try { this.p.incomingConnection(from, to); } catch (e) { this.threwAt(e); return false; }
    return this.end(NO_RESULT, false);
  }

  /** WskAccept on `h`, accept number `ord` of the case (its socket named `as` in vectors). */
  private acceptCall(h: number, ord: number, as: string | undefined, localB: number, remoteB: number, irpB: number): boolean {
    const A = this.arena;
    const o = this.o;
    A.mirror();
    o.handle = h;
    o.outB = localB;
    o.irpB = irpB;
    this.accepted[ord] = UNKNOWN;
    this.acceptAs[ord] = as;
    if (this.pass === 1) this.calls++;
    let result: number;
    try {
      const irp = A.view(irpB);
      this.irpView = irp;
      this.acceptIrps[ord] = irp;
      result = this.p.wskAccept(h, 0, A.view(localB), A.view(remoteB), irp);
    } catch (e) { this.threwAt(e); return false; }
    return this.end(result, true);
  }

  private disconnectCall(h: number, flags: number, irpB: number): boolean {
    const A = this.arena;
    const o = this.o;
    A.mirror();
    o.handle = h;
    o.irpB = irpB;
    if (this.pass === 1) this.calls++;
    let result: number;
    try {
      const irp = A.view(irpB);
      this.irpView = irp;
      result = this.p.wskDisconnect(h, 0, flags, irp);
    } catch (e) { this.threwAt(e); return false; }
    return this.end(result, true);
  }

  private peerCloseStep(h: number): boolean {
    if (h === UNKNOWN || this.p.inspect(h) === undefined) return this.skipStep('peerClose');
    this.begin('peerClose', false);
    try { this.p.peerClose(h); } catch (e) { this.threwAt(e); return false; }
    return this.end(NO_RESULT, false);
  }

  private advanceStep(seconds: number): boolean {
    this.begin('advanceTime', false);
    const p = this.p;
    const o = this.o;
    if (this.pass === 1) { o.seconds = seconds; o.nowBefore = p.now; o.lingerBefore = p.lingeringEndpoints; }
    let released: number;
    try { released = p.advanceTime(seconds); } catch (e) { this.threwAt(e); return false; }
    if (this.pass === 1) { o.released = released; o.nowAfter = p.now; o.lingerAfter = p.lingeringEndpoints; }
    return this.end(NO_RESULT, false);
  }

  /** Call `q` of the shape: a control call with its buffers (its SIZE_T arguments reduced once, by the checked run). */
  private bufferCall(k: ControlBuffersShape, q: number, arch: 'x86' | 'x64', handle: number, requestType: number, code: number, level: number, client: boolean): boolean {
    const L = this.o.layout;
    let inSize: number | bigint;
    let outSize: number | bigint;
    if (this.pass === 1) {
      this.callIn[q] = inSize = sizeTOf(k.inputSize, arch);
      this.callOut[q] = outSize = sizeTOf(k.outputSize, arch);
    } else {
      inSize = this.callIn[q]!;
      outSize = this.callOut[q]!;
    }
    return this.controlStep(handle, requestType, code, level, inSize, lengthOf(k.input, inSize), k.value, k.tail,
      outSize, lengthOf(k.output, outSize), k.fill, fixedLength(k.osr, L.sizeT), fixedLength(k.irp, L.sizeofIrp), k.irpFill, client, false);
  }

  private bindShape(handle: number, a: AddressShape, ports: readonly number[], family: number, flags: number, irpLen: number, irpFill: number, setup: boolean): boolean {
    this.begin('bind', setup);
    const A = this.arena;
    let addrB = -1;
    let size: number | undefined;
    if (a.lie !== 'null') {
      const fam = a.lie === 'family' ? (family === AF.AF_INET6 ? AF.AF_INET : AF.AF_INET6) : family;
      const v6 = fam === AF.AF_INET6 ? 1 : 0;
      const img = ADDRESS_SCRATCH[v6]!;
      let len = img.length;
      size = img.length;
      if (a.lie === 'short') size = img.length - 1;
      else if (a.lie === 'long') { len = img.length + 4; size = len; } else if (a.lie === 'bufferShort') len = img.length - 2;
      addrB = A.alloc('address', len, 0);
      if (!A.holdsInitial()) {
        // The SOCKADDR: the host's image with the port written in.
        const bases = ADDRESS_BASES[v6]!;
        img.set(bases[a.host % bases.length]!);
        const port = portOf(ports, a.port);
        img[2] = port >>> 8;
        img[3] = port & 0xff;
        A.write(addrB, img);
      }
    }
    const irpB = irpLen === 0 ? -1 : A.alloc('irp', irpLen, irpFill);
    return this.bindCall(handle, addrB, irpB, flags, size);
  }

  // ---- the vector driver -------------------------------------------------------------------------------------

  private executeVector(vec: Vector, setupSteps: ReadonlySet<number>): void {
    this.connCase = vec.steps.some((st) => CONN_OPS.has(st.op));
    const p = this.start(vec.arch, vec.profile, vec.policy, vec.completion);
    const A = this.arena;
    const names = new Map<string, number>();
    const sds = new Map<string, number>();
    const named = (name: string): number => names.get(name) ?? UNKNOWN;
    const buf = (name: string, spec: BufferSpec): number => {
      if (spec === null) return -1;
      const b = A.allocBytes(name, spec.initial, spec.initial.length);
      if (this.records !== null) this.initials.set(b, spec.initial);
      return b;
    };
    for (const step of vec.steps) {
      const setup = setupSteps.has(step.index);
      let ok = true;
      if (this.connCase) {
        for (let k = 0; k < this.acceptAs.length; k++) {
          const as = this.acceptAs[k];
          if (as !== undefined && this.accepted[k] !== UNKNOWN) names.set(as, this.accepted[k]!);
        }
      }
      switch (step.op) {
        case 'incoming': ok = this.incomingStep(step.from, step.to); break;
        case 'accept': {
          const h = named(step.socket);
          const ord = this.acceptCount++;
          this.begin('accept', setup);
          ok = this.acceptCall(h, ord, step.as, buf('localAddress', step.localAddress), buf('remoteAddress', step.remoteAddress), buf('irp', step.irp));
          break;
        }
        case 'disconnect':
          if (!names.has(step.socket)) { ok = this.skipStep('disconnect'); break; }
          this.begin('disconnect', setup);
          ok = this.disconnectCall(named(step.socket), step.flags, buf('irp', step.irp));
          break;
        case 'peerClose': ok = this.peerCloseStep(names.get(step.socket) ?? UNKNOWN); break;
        case 'advanceTime': ok = this.advanceStep(step.seconds); break;
        case 'socket': {
          const sd = step.securityDescriptor === undefined ? 0 : sds.get(step.securityDescriptor) ?? 0;
          const before = this.o.world.n;
          ok = this.socketStep(step.family, step.type, step.protocol, step.flags, step.owner ?? 'system', sd, -1, setup);
          const h = this.o.world.n > before ? this.o.world.handles[before]! : 0;
          if (step.as !== undefined && h !== 0) names.set(step.as, h);
          break;
        }
        case 'control':
        case 'controlClient': {
          const client = step.op === 'controlClient';
          const handle = client ? 0 : named(step.socket);
          this.begin(step.op, setup);
          const inB = buf('input', step.input);
          const outB = buf('output', step.output);
          const osrB = buf('outputSizeReturned', step.outputSizeReturned);
          const irpB = buf('irp', step.irp);
          const declaredOut = step.outputSize > SAFE ? Number.MAX_SAFE_INTEGER : Number(step.outputSize);
          const optionsBefore = this.records !== null && !client ? p.inspect(handle)?.options : undefined;
          const ob = optionsBefore === undefined ? undefined : Array.from(optionsBefore);
          ok = this.controlCall(handle, client ? 0 : step.requestType, step.controlCode, client ? 0 : step.level, step.inputSize, step.outputSize, inB, outB, osrB, irpB, declaredOut, client, ob);
          break;
        }
        case 'bind': {
          this.begin('bind', setup);
          const addrB = step.address === null ? -1 : A.allocBytes('address', step.address.bytes, step.address.bytes.length);
          const irpB = buf('irp', step.irp);
          ok = this.bindCall(named(step.socket), addrB, irpB, step.flags, step.address?.size);
          break;
        }
        case 'close': {
          if (this.connCase && !names.has(step.socket)) { ok = this.skipStep('close'); break; }
          this.begin('close', setup);
          ok = this.closeCall(named(step.socket), buf('irp', step.irp));
          break;
        }
        case 'cacheSd': {
          this.begin('cacheSd', setup);
          let h = 0;
          try { h = p.cacheSecurityDescriptor(step.allow); } catch (e) { this.threwAt(e); return; }
          sds.set(step.as, h);
          this.o.world.addDescriptor(h, step.allow);
          ok = this.end(NO_RESULT, false);
          break;
        }
        case 'releaseSd': {
          this.begin('releaseSd', setup);
          let r = 0;
          try { r = p.releaseSecurityDescriptor(sds.get(step.sd) ?? 0); } catch (e) { this.threwAt(e); return; }
          ok = this.end(r, false);
          break;
        }
        case 'complete': ok = this.harnessStep('complete', false, null, setup); break;
        case 'setAddressList': ok = this.harnessStep('setAddressList', step.family === AF.AF_INET6, step.addresses, setup); break;
        case 'forceClose': {
          this.begin('forceClose', setup);
          try { p.forceClose(named(step.socket)); } catch (e) { this.threwAt(e); return; }
          ok = this.end(NO_RESULT, false);
          break;
        }
        default:
          throw new AbiUsageError(`the case engine does not run ${step.op} steps`);
      }
      if (!ok) return;
    }
  }

  // ---- steps shared by both drivers --------------------------------------------------------------------------

  private socketStep(family: number, type: number, protocol: number, flags: number, owner: string, sd: number, as: number, setup: boolean): boolean {
    this.begin('socket', setup);
    let status: number;
    try {
      const q = this.socketParams;
      q.family = family; q.type = type; q.protocol = protocol; q.flags = flags; q.owner = owner; q.securityDescriptor = sd;
      const r = this.p.wskSocket(q);
      status = r.status;
      if (r.socket !== 0) {
        const s = this.p.inspect(r.socket)!;
        if (this.connCase) this.sims[this.o.world.n] = s;
        this.o.world.add(r.socket, owner, s.family, s.category, s.type);
      }
      if (as >= 0) this.named[as] = r.socket !== 0 ? r.socket : UNKNOWN;
    } catch (e) {
      if (as >= 0) this.named[as] = UNKNOWN;
      this.threwAt(e);
      return false;
    }
    return this.end(status, false);
  }

  /** A WskControlSocket (or, with `client`, WskControlClient) step of the shape driver. */
  private controlStep(
    handle: number, requestType: number, code: number, level: number, inputSize: number | bigint, inLen: number, value: number, tail: number,
    outputSize: number | bigint, outLen: number, fill: number, osrLen: number, irpLen: number, irpFill: number, client: boolean, setup: boolean,
  ): boolean {
    this.begin(client ? 'controlClient' : 'control', setup);
    const A = this.arena;
    const inB = inLen === 0 ? -1 : A.allocInput(inLen, value, tail);
    const outB = outLen === 0 ? -1 : A.alloc('output', outLen, fill);
    const osrB = osrLen === 0 ? -1 : A.alloc('outputSizeReturned', osrLen, 0xcc);
    const irpB = irpLen === 0 ? -1 : A.alloc('irp', irpLen, irpFill);
    const declaredOut = typeof outputSize === 'bigint' ? Number.MAX_SAFE_INTEGER : outputSize;
    return this.controlCall(handle, requestType, code, level, inputSize, outputSize, inB, outB, osrB, irpB, declaredOut, client, undefined);
  }

  private controlCall(
    handle: number, requestType: number, code: number, level: number, inputSize: number | bigint, outputSize: number | bigint,
    inB: number, outB: number, osrB: number, irpB: number, declaredOut: number, client: boolean, optionsBefore: number[] | undefined,
  ): boolean {
    const A = this.arena;
    const o = this.o;
    A.mirror();
    const input = A.view(inB);
    const output = A.view(outB);
    const osr = A.view(osrB);
    const irp = A.view(irpB);
    this.irpView = irp;
    if (!client && this.pass === 1) {
      const r = this.p.options.find(requestType, level, code);
      let rc: RowCoverage | null = null;
      if (r !== undefined && r === this.lastOption) rc = this.lastCoverage;
      else if (r !== undefined) {
        rc = this.rowCoverage.get(r.row) ?? null;
        if (rc === null) this.rowCoverage.set(r.row, (rc = { name: ROW_NAMES.get(r.row) ?? r.row.name, rules: null, lastRule: '', last: null }));
        this.lastOption = r;
        this.lastCoverage = rc;
      }
      o.row = rc === null ? null : rc.name;
      this.callRow = rc;
    }
    o.handle = handle;
    o.inB = inB; o.outB = outB; o.osrB = osrB; o.irpB = irpB;
    o.declaredOut = declaredOut;
    if (this.pass === 1) this.calls++;
    let result: number;
    try {
      result = client
        ? this.p.wskControlClient(code, inputSize, input, outputSize, output, osr, irp)
        : this.p.wskControlSocket(handle, requestType, code, level, inputSize, input, outputSize, output, osr, irp);
    } catch (e) { this.threwAt(e); return false; }
    return this.end(result, true, optionsBefore);
  }

  private bindCall(handle: number, addrB: number, irpB: number, flags: number, size: number | undefined): boolean {
    const A = this.arena;
    const o = this.o;
    A.mirror();
    o.handle = handle;
    o.inB = addrB; o.irpB = irpB;
    if (this.pass === 1) this.calls++;
    let result: number;
    try {
      const irp = A.view(irpB);
      this.irpView = irp;
      result = this.p.wskBind(handle, A.view(addrB), flags, irp, size);
    } catch (e) { this.threwAt(e); return false; }
    return this.end(result, true);
  }

  private closeStep(handle: number, irpLen: number, irpFill: number, setup: boolean): boolean {
    this.begin('close', setup);
    return this.closeCall(handle, irpLen === 0 ? -1 : this.arena.alloc('irp', irpLen, irpFill));
  }

  private closeCall(handle: number, irpB: number): boolean {
    const o = this.o;
    this.arena.mirror();
    o.handle = handle;
    o.irpB = irpB;
    if (this.pass === 1) this.calls++;
    let result: number;
    try {
      const irp = this.arena.view(irpB);
      this.irpView = irp;
      result = this.p.wskCloseSocket(handle, irp);
    } catch (e) { this.threwAt(e); return false; }
    return this.end(result, true);
  }

  private harnessStep(op: 'complete' | 'setAddressList', v6: boolean, hosts: readonly (number | string)[] | null, setup: boolean): boolean {
    this.begin(op, setup);
    this.snapshotEvents = this.pass === 1;
    try {
      if (hosts === null) this.p.deliverCompletions();
      else this.p.setAddressList(v6 ? AF.AF_INET6 : AF.AF_INET, typeof hosts[0] === 'number' ? cachedList(v6, hosts as number[]) : hosts as string[]);
    } catch (e) { this.snapshotEvents = false; this.threwAt(e); return false; }
    this.snapshotEvents = false;
    return this.end(NO_RESULT, false);
  }

  private begin(op: Op, setup: boolean): void {
    const o = this.o;
    o.events.count = 0;
    this.irpView = null;
    // The replay checks nothing per step: the call fills what it needs.
    if (this.pass === 2) return;
    o.step = this.stepIndex;
    o.op = op;
    o.setup = setup;
    o.row = null;
    this.callRow = null;
    o.handle = 0;
    o.inB = -1; o.outB = -1; o.osrB = -1; o.irpB = -1;
    o.declaredOut = 0;
    this.skipped = false;
    this.arena.step = this.stepIndex;
    if (this.records !== null) this.initials.clear();
  }

  private threwAt(e: unknown): void {
    if (this.pass === 1) {
      const what = e instanceof AbiUsageError ? 'AbiUsageError (the generator gave a value the TypeScript API rejects)' : e instanceof Error ? `${e.name}` : 'a non-Error value';
      const v = this.v;
      v.step = this.o.step; v.op = this.o.op; v.rule = this.p.reason.rule; v.completion = -1;
      v.violate('never-throws', `${this.o.op} threw ${what}: ${e instanceof Error ? e.message : String(e)}`);
    } else this.mismatch = true;
    this.threw = true;
  }

  // ---- completion events -----------------------------------------------------------------------------------

  private onEvent(irp: Uint8Array): void {
    const ev = this.o.events;
    // The replay reads completions only to learn which sockets were accepted.
    if (this.pass === 2 && !this.connCase) return;
    const k = ev.count++;
    const L = this.o.layout;
    const so = L.irpStatusOffset;
    const io = L.irpInformationOffset;
    ev.irp[k] = irp;
    ev.status[k] = (irp[so]! | (irp[so + 1]! << 8) | (irp[so + 2]! << 16) | (irp[so + 3]! << 24)) >>> 0;
    ev.infoLo[k] = (irp[io]! | (irp[io + 1]! << 8) | (irp[io + 2]! << 16) | (irp[io + 3]! << 24)) >>> 0;
    ev.infoHi[k] = L.ulongPtr === 8 ? (irp[io + 4]! | (irp[io + 5]! << 8) | (irp[io + 6]! << 16) | (irp[io + 7]! << 24)) >>> 0 : 0;
    ev.rule[k] = this.p.reason.rule;
    ev.conflict[k] = this.p.reason.conflictSocket;
    if (this.snapshotEvents) {
      // The state right after this completion: a bind delivered in a batch is judged on it, not on the batch's end.
      const w = this.o.world;
      const need = 1 + w.n * SOCKET_WORDS;
      let img = ev.images[k];
      if (img === undefined || img.length < need) ev.images[k] = img = new Uint32Array(Math.max(need, 1 + 16 * SOCKET_WORDS));
      ev.state[k] = img;
      ev.stateLen[k] = snapshot(this.p, w, img);
    } else {
      ev.state[k] = null;
    }
  }

  // ---- after each step: observe, check, account --------------------------------------------------------------

  /** Finish a step: fill the observation, run the checks, account; false stops the case. */
  private end(result: number, call: boolean, optionsBefore?: number[]): boolean {
    const p = this.p;
    const o = this.o;
    const rule = p.reason.rule;
    const k = this.logCount++;
    this.stepIndex++;
    if (this.connCase) this.captureAccepts();
    if (this.pass === 2) {
      if (this.logResult[k] !== result || this.logRule[k] !== rule) this.mismatch = true;
      return true;
    }
    this.logResult[k] = result;
    this.logRule[k] = rule;
    o.hasResult = result !== NO_RESULT && o.op !== 'releaseSd';
    o.result = result;
    o.rule = rule;
    o.conflict = p.reason.conflictSocket;
    const w = o.world;
    o.state.refresh(p, w);
    const ev = o.events;
    if (this.connCase) this.observeHeld();
    const A = this.arena;
    const P = o.pending;
    o.own = -1;
    for (let j = 0; j < ev.count; j++) {
      if (ev.irp[j] === this.irpView && this.irpView !== null) { o.own = j; ev.call[j] = -1; } else ev.call[j] = P.take(ev.irp[j]!);
    }
    const v = this.v;
    const op = o.op;
    let ownPending = false;
    if (call) {
      (op === 'control' ? this.resControl : op === 'bind' ? this.resBind : op === 'close' ? this.resClose : op === 'controlClient' ? this.resClient : tallyOf(this.results, op, newNumTally)).add(result);
      if (op === 'control' && result !== STATUS_PENDING) this.cover(rule);
    }
    checkCall(o, v);
    if (op === 'advanceTime') checkTime(o, v);
    if (call && result === STATUS_PENDING && o.irpB >= 0) {
      P.add(this.irpView!, o.step, op, o.row, o.declaredOut, o.outB, o.osrB, o.irpB, o.handle, op === 'bind' ? o.inB : -1);
      A.markPending(o.outB); A.markPending(o.osrB); A.markPending(o.irpB);
      ownPending = true;
    }
    if (op === 'bind' && result === STATUS_SUCCESS) { const i = w.indexOf(o.handle); if (i >= 0) w.recordBind(i, o.state.cur); }
    // Completions of earlier pending calls (delivered by `complete`, or cancelled by `close`).
    for (let j = 0; j < ev.count; j++) {
      const c = ev.call[j]!;
      if (c < 0) continue;
      const status = ev.status[j]!;
      const cOp = P.op[c]!;
      tallyOf(this.completions, cOp, newNumTally).add(status);
      if (cOp === 'control') bump(tallyOf(this.coverage, P.row[c] ?? NO_ROW, newCounts), op === 'close' && status === STATUS_CANCELLED ? 'close-cancels-pending' : ev.rule[j]!);
      checkCompletion(o, j, c, v);
      if (cOp === 'bind' && status === STATUS_SUCCESS) { const i = w.indexOf(P.socket[c]!); if (i >= 0) w.recordBind(i, ev.state[j] ?? o.state.cur); }
      // Checked: the completed call's buffers now hold what they may hold.
      A.settle(P.outB[c]!);
      A.settle(P.osrB[c]!);
      A.settle(P.irpB[c]!);
    }
    if (!ownPending) { A.settle(o.outB); A.settle(o.osrB); A.settle(o.irpB); }
    if (checkMemory(o, v)) A.resync();
    checkExtra(o, this.extra, v);
    if (this.records !== null) this.record(result, optionsBefore);
    return true;
  }

  /** Count the deciding rule of the current control call in its row's coverage. */
  private cover(rule: string): void {
    const rc = this.callRow;
    if (rc === null) { bump(tallyOf(this.coverage, NO_ROW, newCounts), rule); return; }
    if (rc.last !== null && rc.lastRule === rule) { rc.last.n++; return; }
    const m = rc.rules ??= tallyOf(this.coverage, rc.name, newCounts);
    let c = m.get(rule);
    if (c === undefined) m.set(rule, (c = { n: 0 }));
    c.n++;
    rc.lastRule = rule;
    rc.last = c;
  }

  /** The accepted sockets of the WskAccept IRPs completed with success during the step (both runs). */
  private captureAccepts(): void {
    const ev = this.o.events;
    for (let j = 0; j < ev.count; j++) {
      if (ev.status[j] !== STATUS_SUCCESS) continue;
      const k = this.acceptIrps.indexOf(ev.irp[j]!);
      if (k >= 0 && this.accepted[k] === UNKNOWN) this.accepted[k] = ev.infoLo[j]! + ev.infoHi[j]! * 0x100000000;
    }
  }

  /** Every listener's connections still active or lingering, after the step (cases with connection steps). */
  private observeHeld(): void {
    const o = this.o;
    const n = o.world.n;
    for (let i = 0; i < n; i++) {
      const net = this.sims[i]?.net;
      o.held[i] = net instanceof Listener ? net.held : -1;
    }
  }

  private record(result: number, optionsBefore: number[] | undefined): void {
    const o = this.o;
    const A = this.arena;
    const images = (b: number): BufferImages | undefined => (b < 0 ? undefined : { initial: Buffer.from(this.initials.get(b)!), after: Buffer.from(A.bytes(b)) });
    const ev = o.events;
    const completions: { status: number; information: bigint }[] = [];
    for (let j = 0; j < ev.count; j++) completions.push({ status: ev.status[j]!, information: big(ev.infoLo[j]!, ev.infoHi[j]!) });
    const irp = images(o.irpB);
    this.records!.push({
      result: result === NO_RESULT ? undefined : result, rule: o.rule,
      ...(o.outB >= 0 ? { output: images(o.outB)! } : {}),
      ...(o.osrB >= 0 ? { outputSizeReturned: images(o.osrB)! } : {}),
      ...(irp !== undefined ? { irp: { ...irp, completed: o.own >= 0 } } : {}),
      completions,
      ...(optionsBefore !== undefined ? { optionsBefore } : {}),
      ...(o.handle !== 0 ? { socketHandle: o.handle } : {}),
      ...(this.skipped ? { skipped: true } : {}),
      ...(o.op === 'advanceTime' ? { released: o.lingerBefore.filter((e) => e.until <= o.nowBefore + o.seconds).length } : {}),
    });
  }

  /** Initial images of the buffers of the current step (kept only when recording). */
  private readonly initials = new Map<number, Buffer>();
}

function big(lo: number, hi: number): bigint {
  return (BigInt(hi) << 32n) | BigInt(lo);
}

/** Every caller buffer length a vector allocates. */
function vectorBufferLengths(vec: Vector): number[] {
  const out: number[] = [];
  const add = (s: BufferSpec | undefined): void => { if (s !== null && s !== undefined) out.push(s.initial.length); };
  for (const st of vec.steps as readonly Step[]) {
    if (st.op === 'control' || st.op === 'controlClient') { add(st.input); add(st.output); add(st.outputSizeReturned); add(st.irp); }
    if (st.op === 'bind') { if (st.address !== null) out.push(st.address.bytes.length); add(st.irp); }
    if (st.op === 'close' || st.op === 'disconnect') add(st.irp);
    if (st.op === 'accept') { add(st.localAddress); add(st.remoteAddress); add(st.irp); }
  }
  return out;
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

// ---- runCase: a vector case through the engine -------------------------------------------------------------------

/** Parse a fuzz case (vector object) into the runner's Vector. */
export function parseCase(v: VectorJson): Vector {
  return parseVectorFile(JSON.stringify(vectorFile('fuzz case', [v])), '<fuzz case>').vectors[0]!;
}

const SHARED = new Map<number, CaseEngine>();

/**
 * Run a case (a vector object or a parsed vector), checking every invariant on every call; on `engine` if given (its
 * counts then include the run). Never throws for provider misbehaviour.
 */
export function runCase(input: VectorJson | Vector, opts: RunCaseOptions = {}, engine?: CaseEngine): CaseRun {
  const isParsed = typeof (input.steps[0] as { index?: unknown } | undefined)?.index === 'number';
  const vector = isParsed ? input as Vector : parseCase(input as VectorJson);
  const setup = new Set<number>();
  if (!isParsed) (input as VectorJson).steps.forEach((st, i) => { if (st['x-setup'] === true) setup.add(i); });
  let e = engine ?? SHARED.get(0);
  if (e === undefined) SHARED.set(0, (e = new CaseEngine()));
  return e.runVector(vector, opts, setup);
}

/** The IRP image a correct provider leaves: the initial bytes with IoStatus {status, information}. */
export function expectedIrp(initial: Buffer, status: number, information: bigint, L: WskProvider['layout']): Buffer {
  const b = Buffer.from(initial);
  writeUlong(b, L.irpStatusOffset, status);
  writeUintN(b, L.irpInformationOffset, Number(information), L.ulongPtr);
  return b;
}

/** A ULONG option value image (for Get probes added to finding vectors). */
export function ulongImage(v: number): string {
  const b = Buffer.alloc(4);
  writeUlong(b, 0, v);
  return toHex(b);
}

