/**
 * Every invariant has a planted provider bug that only it catches: each test plants the bug, runs the seeded
 * campaign cases on the case engine until the first case that reports that invariant's id, and requires one. Removing
 * the invariant's check from src/fuzz/invariants.ts makes its test fail. The number of cases each bug needed is
 * printed (and stated in docs/PERFORMANCE.md's fuzz section).
 */
import { caseSeed } from '../../src/fuzz/campaign';
import { CaseEngine } from '../../src/fuzz/engine';
import { caseShapeFor } from '../../src/fuzz/generator';
import { INVARIANTS, type InvariantId } from '../../src/fuzz/invariants';
import { REQUEST, STATUS } from '../../src/codec/names';
import * as connections from '../../src/provider/connections';
import { Listener } from '../../src/provider/connections';
import { EndpointTable } from '../../src/provider/endpoint-table';
import { WskProvider } from '../../src/provider/provider';
import { Fault } from '../../src/provider/result';
import { OPTION_STATE_INDEX } from '../../src/provider/socket';
import { withPermissiveSharing } from '../helpers/planted';

type Control = WskProvider['wskControlSocket'];
type Args = Parameters<Control>;

/** Flip bits of byte `i` of `b`. */
function flip(b: Uint8Array, i: number, bits: number): void {
  b[i] = b[i]! ^ bits;
}

/** Replace a method for the duration of `body`. */
function patched<T extends object, K extends keyof T>(target: T, key: K, make: (orig: T[K]) => T[K], body: () => void): void {
  const orig = target[key];
  target[key] = make(orig);
  try { body(); } finally { target[key] = orig; }
}

/** Plant a bug in wskControlSocket: `after` sees the arguments and the result and returns the result to give. */
function control(after: (self: WskProvider, a: Args, r: number) => number): (body: () => void) => void {
  return (body) => patched(WskProvider.prototype, 'wskControlSocket', (orig) => function (this: WskProvider, ...a: Args): number {
    return after(this, a, orig.apply(this, a));
  }, body);
}

/** Index of the first case of seed `seed` whose run reports `invariant` (at most `limit` cases), or -1. */
function firstCase(invariant: InvariantId, seed = 99, limit = 20000): number {
  const engine = new CaseEngine();
  for (let i = 0; i < limit; i++) {
    if (engine.run(caseShapeFor(caseSeed(seed, i))).violations.some((v) => v.invariant === invariant)) return i;
  }
  return -1;
}

/**
 * Plant a bug in the close of a listener: closeNet (what decides whether a closed exclusive listener keeps its port)
 * runs with the listener's count of active or lingering connections replaced by `held(count)`, then the count is restored.
 */
function listenerClose(held: (n: number) => number): (body: () => void) => void {
  type CloseNet = typeof connections.closeNet;
  return (body) => patched(connections as unknown as { closeNet: CloseNet }, 'closeNet', (orig) => function (p: Parameters<CloseNet>[0], s: Parameters<CloseNet>[1]): boolean {
    const n = s.net;
    if (!(n instanceof Listener)) return orig(p, s);
    const h = n.held;
    n.held = held(h);
    try { return orig(p, s); } finally { n.held = h; }
  }, body);
}

const { STATUS_SUCCESS, STATUS_NOT_SUPPORTED, STATUS_INVALID_PARAMETER, STATUS_PENDING } = STATUS;
const needed: Record<string, number> = {};

const PLANTS: [string, InvariantId, (body: () => void) => void][] = [
  ['a throw on a huge InputSize', 'never-throws', control((_s, a, r) => { if (BigInt(a[4]) > 0xffffffffn) throw new RangeError('planted'); return r; })],
  ['an unknown status', 'result-kind', control((_s, _a, r) => (r === STATUS_NOT_SUPPORTED ? 0xC0DE0001 : r))],
  ['a write just before the OutputBuffer (through its ArrayBuffer)', 'guard-bytes', control((_s, a, r) => {
    const out = a[7];
    if (r === STATUS_SUCCESS && out && out.byteOffset > 0) flip(new Uint8Array(out.buffer, out.byteOffset - 1, 1), 0, 0x11);
    return r;
  })],
  ['a write just after the OutputBuffer (through its ArrayBuffer)', 'guard-bytes', control((_s, a, r) => {
    const out = a[7];
    if (r === STATUS_SUCCESS && out) flip(new Uint8Array(out.buffer, out.byteOffset + out.length, 1), 0, 0x11);
    return r;
  })],
  ['a write into the InputBuffer', 'input-readonly', control((_s, a, r) => {
    const input = a[5];
    if (r === STATUS_NOT_SUPPORTED && input && input.length > 0) flip(input, 0, 0x55);
    return r;
  })],
  ['a write at OutputBuffer[OutputSize]', 'within-declared', control((_s, a, r) => {
    const out = a[7]; const n = Number(a[6]);
    if (r === STATUS_SUCCESS && out && out.length > n) flip(out, n, 0xff);
    return r;
  })],
  ['an IRP byte written outside IoStatus', 'irp-iostatus-only', control((s, a, r) => {
    const irp = a[9];
    if (irp && irp.length >= s.layout.sizeofIrp && r !== STATUS_PENDING && r >= 0) flip(irp, 0, 1);
    return r;
  })],
  ['an IRP written without being completed (no IoCompletion)', 'irp-needs-completion', (body) => patched(WskProvider.prototype, 'complete', (orig) => function (this: WskProvider, irp: Uint8Array, status: number, information: number): void {
    if (status !== STATUS_NOT_SUPPORTED) { orig.call(this, irp, status, information); return; }
    const hook = this.onComplete;
    this.onComplete = null;
    try { orig.call(this, irp, status, information); } finally { this.onComplete = hook; }
  }, body)],
  ['a fault that writes the output', 'fault-changes-nothing', control((_s, a, r) => {
    const out = a[7];
    if (r === Fault.InvalidSocket && out && out.length > 0) flip(out, 0, 0xff);
    return r;
  })],
  ['a failed Set that stores its value', 'failure-no-state', control((s, a, r) => {
    const sock = s.inspect(a[0]);
    if (sock !== undefined && r === STATUS_INVALID_PARAMETER && a[1] === 0) (sock.options as Uint32Array)[0] = 7;
    return r;
  })],
  ['a failure that writes the output', 'failure-no-output', control((_s, a, r) => {
    const out = a[7];
    if (r === STATUS_INVALID_PARAMETER && out && out.length > 0) flip(out, 0, 0xff);
    return r;
  })],
  ['a failed IRP completed with Information 1', 'failure-information', (body) => patched(WskProvider.prototype, 'complete', (orig) => function (this: WskProvider, irp: Uint8Array, status: number, information: number): void {
    orig.call(this, irp, status, status === STATUS_SUCCESS ? information : 1);
  }, body)],
  ['a bind that completes its IRP with Information 1', 'information-le-output-size', (body) => patched(WskProvider.prototype, 'wskBind', (orig) => function (this: WskProvider, ...a: Parameters<WskProvider['wskBind']>): number {
    const r = orig.apply(this, a);
    const irp = a[3];
    if (r === STATUS_SUCCESS && irp && irp.length >= this.layout.sizeofIrp) irp[this.layout.irpInformationOffset] = 1;
    return r;
  }, body)],
  ['*OutputSizeReturned written beyond OutputSize on success', 'osr-le-output-size', control((_s, a, r) => {
    const osr = a[8];
    if (r === STATUS_SUCCESS && osr && osr.length >= 4) { const n = Number(BigInt.asUintN(32, BigInt(a[6]))) + 1; osr[0] = n; osr[1] = n >>> 8; osr[2] = n >>> 16; osr[3] = n >>> 24; }
    return r;
  })],
  ['a return value that differs from IoStatus.Status', 'return-equals-iostatus', control((_s, a, r) => (r === STATUS_NOT_SUPPORTED && a[9] ? STATUS_INVALID_PARAMETER : r))],
  ['STATUS_PENDING returned with inline completion', 'inline-never-pending', control((s, _a, r) => (r === STATUS_NOT_SUPPORTED && s.completion === 'inline' ? STATUS_PENDING : r))],
  ['output written before a pending IRP completes', 'pending-unobservable', control((_s, a, r) => {
    const out = a[7];
    if (r === STATUS_PENDING && out && out.length > 0) flip(out, 0, 0xff);
    return r;
  })],
  ['sharing tables that allow every bind', 'anti-hijack', (body) => withPermissiveSharing(body)],
  ['a refusal that names a socket that does not exist', 'refusal-names-overlap', (body) => patched(WskProvider.prototype, 'setSharingReason', (orig) => function (this: WskProvider, ...a: Parameters<WskProvider['setSharingReason']>): void {
    a[1] += 1000;
    orig.apply(this, a);
  }, body)],
  ['port 0 skipping the lowest free port', 'port-zero-lowest', (body) => patched(EndpointTable.prototype, 'freePort', (orig) => function (this: EndpointTable, ...a: Parameters<EndpointTable['freePort']>): number {
    const r = orig.apply(this, a);
    return r >= 0 && r < 65535 ? r + 1 : r;
  }, body)],
  ['descriptors that allow everyone', 'check-descriptor', (body) => patched(WskProvider.prototype, 'sdAllows', () => function (): boolean { return true; }, body)],
  ['descriptors that allow no one', 'check-descriptor', (body) => patched(WskProvider.prototype, 'sdAllows', () => function (): boolean { return false; }, body)],
  ['a closed exclusive listener that keeps its port without a connection', 'connection-never-blocks', listenerClose(() => 1)],
  ['a listener whose SO_EXCLUSIVEADDRUSE is forgotten when it closes', 'reservation-exclusive', listenerClose(() => 0)],
  ['a clock that runs a minute fast', 'time-no-early-release', (body) => patched(WskProvider.prototype, 'advanceTime', (orig) => function (this: WskProvider, seconds: number): number {
    return orig.call(this, seconds + 60);
  }, body)],
  ['a result that differs between two fresh providers', 'deterministic', (() => {
    let n = 0;
    return control((_s, _a, r) => (r === STATUS_NOT_SUPPORTED && (n++ & 1) === 1 ? STATUS_INVALID_PARAMETER : r));
  })()],
  ['an output byte (within OutputSize) that differs between two fresh providers, results equal', 'deterministic', (() => {
    let n = 0;
    return control((_s, a, r) => {
      const out = a[7];
      if (r === STATUS_SUCCESS && out && out.length > 0 && a[6] > 0 && (n++ & 1) === 1) flip(out, 0, 0x01);
      return r;
    });
  })()],
  ['a socket state that differs between two fresh providers, results and bytes equal', 'deterministic', (() => {
    // Every second provider (the replay of each case) flips an option slot no option reads back (state 'none') after a
    // successful WskSetOption: only the comparison of the final socket-state images can see it.
    const ordinal = new WeakMap<WskProvider, number>();
    let providers = 0;
    return control((self, a, r) => {
      let k = ordinal.get(self);
      if (k === undefined) ordinal.set(self, (k = providers++));
      if (r === STATUS_SUCCESS && a[1] === REQUEST.WskSetOption && (k & 1) === 1) {
        const s = self.inspect(a[0]);
        if (s !== undefined) s.options[OPTION_STATE_INDEX.none] = s.options[OPTION_STATE_INDEX.none]! ^ 1;
      }
      return r;
    });
  })()],
];

describe('every invariant catches its planted bug', () => {
  it('every invariant of INVARIANTS has a planted bug below', () => {
    const planted = new Set(PLANTS.map(([, id]) => id));
    expect(Object.keys(INVARIANTS).filter((id) => !planted.has(id as InvariantId))).toEqual([]);
  });

  it.each(PLANTS)('%s -> %s', (what, invariant, plant) => {
    let i = -1;
    plant(() => { i = firstCase(invariant); });
    needed[`${invariant}: ${what}`] = i;
    expect(i).toBeGreaterThanOrEqual(0);
  });

  it('a guard byte after the buffer is reported as such (offset at or beyond the length)', () => {
    let msg = '';
    control((_s, a, r) => {
      const out = a[7];
      if (r === STATUS_SUCCESS && out) flip(new Uint8Array(out.buffer, out.byteOffset + out.length, 1), 0, 0x11);
      return r;
    })(() => {
      const engine = new CaseEngine();
      for (let i = 0; i < 20000 && msg === ''; i++) {
        const v = engine.run(caseShapeFor(caseSeed(99, i))).violations.find((x) => x.invariant === 'guard-bytes');
        if (v !== undefined) msg = v.message;
      }
    });
    const m = /^output of step \d+: guard byte at (-?\d+) changed$/.exec(msg);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThanOrEqual(0);
  });

  afterAll(() => {
    process.stdout.write(`cases needed (seed 99, first case reporting the invariant, 0-based index + 1):\n${Object.entries(needed).map(([k, i]) => `  ${k}: ${i + 1}`).join('\n')}\n`);
  });
});
