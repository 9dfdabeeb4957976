/**
 * The guarded success path of WskControlSocket (src/provider/control-fast.ts) against the full check sequence: for
 * any call, the public entry point (which tries the guarded path first) and the full sequence alone must give the same
 * result, reason record, bytes in every buffer, socket state and completion count.
 */
import fc from 'fast-check';
import { OPTION_ROWS, AF, CODE, LEVEL, REQUEST, SOCK, STATUS, WSK_FLAG, WskProvider, encodeSockaddrText } from '../../src';
import * as controlFast from '../../src/provider/control-fast';
import { fastControl } from '../../src/provider/control-fast';
import { optionTable } from '../../src/provider/option-table';
import { canary, h, hexOf } from '../helpers/canary';

const { WskSetOption: SET, WskGetOption: GET } = REQUEST;
const EX = CODE.SO_EXCLUSIVEADDRUSE!;
const SOL = LEVEL.SOL_SOCKET!;
const listen = { family: AF.AF_INET!, type: SOCK.SOCK_STREAM!, protocol: 6, flags: WSK_FLAG.WSK_FLAG_LISTEN_SOCKET! };

describe('the guarded path handles the commonest calls', () => {
  it('Set and Get of SO_EXCLUSIVEADDRUSE with an IRP, x64, inline: handled, with the bytes of the documented success', () => {
    const p = new WskProvider({ arch: 'x64' });
    const s = p.wskSocket(listen).socket;
    // the first call of a row goes the full way (it fills the option table's last-row cache), later ones are handled
    expect(p.wskControlSocket(s, SET, EX, SOL, 4, Buffer.from('00000000', 'hex'), 0, null, null, canary(208))).toBe(STATUS.STATUS_SUCCESS);
    const irp = canary(208);
    expect(fastControl(p, s, SET, EX, SOL, 4, Buffer.from('01000000', 'hex'), 0, null, null, irp)).toBe(true);
    expect(hexOf(irp)).toBe('cc'.repeat(48) + h('00000000 cccccccc 0000000000000000') + 'cc'.repeat(208 - 64));
    expect(p.reason).toEqual({ rule: 'set-success', conflictSocket: 0, source: null, wsaError: 0, lint: [] });
    expect(p.wskControlSocket(s, GET, EX, SOL, 0, null, 4, canary(4), null, canary(208))).toBe(STATUS.STATUS_SUCCESS);
    const out = canary(6);
    const irp2 = canary(208);
    expect(fastControl(p, s, GET, EX, SOL, 0, null, 4, out, null, irp2)).toBe(true);
    expect(hexOf(out)).toBe('01000000cccc');
    expect(hexOf(irp2.subarray(44, 68))).toBe(h('cccccccc 00000000 cccccccc 0400000000000000 cccccccc'));
    expect(p.reason.rule).toBe('get-success');
  });
  it('runs the completion hook once, after the effect and the reason record, as complete() does', () => {
    const seen: string[] = [];
    const p: WskProvider = new WskProvider({ arch: 'x86', onComplete: (irp, status, information) => { seen.push(`${irp.length} ${status} ${information} ${p.reason.rule} ${p.inspect(s)!.options[0]}`); } });
    const s = p.wskSocket(listen).socket;
    p.wskControlSocket(s, SET, EX, SOL, 4, Buffer.from('00000000', 'hex'), 0, null, null, canary(112));
    seen.length = 0;
    const count = p.completedCount;
    expect(fastControl(p, s, SET, EX, SOL, 4, Buffer.from('01000000', 'hex'), 0, null, null, canary(112))).toBe(true);
    expect(fastControl(p, s, GET, EX, SOL, 0, null, 4, canary(4), null, canary(112))).toBe(false); // first Get: full sequence
    expect(p.wskControlSocket(s, GET, EX, SOL, 0, null, 4, canary(4), null, canary(112))).toBe(STATUS.STATUS_SUCCESS);
    expect(fastControl(p, s, GET, EX, SOL, 0, null, 4, canary(4), null, canary(112))).toBe(true);
    expect(seen).toEqual(['112 0 0 set-success 1', '112 0 4 get-success 1', '112 0 4 get-success 1']);
    expect(p.completedCount).toBe(count + 3);
  });
  it.each([
    ['pending completion', { completion: 'pending' as const }, 4, Buffer.from('01000000', 'hex'), canary(208)],
    ['no IRP', {}, 4, Buffer.from('01000000', 'hex'), null],
    ['a value outside the domain', {}, 4, Buffer.from('02000000', 'hex'), canary(208)],
    ['InputSize 8', {}, 8, Buffer.from('0100000000000000', 'hex'), canary(208)],
    ['a short IRP', {}, 4, Buffer.from('01000000', 'hex'), canary(207)],
    ['a BigInt InputSize', {}, 4n, Buffer.from('01000000', 'hex'), canary(208)],
    ['an InputBuffer that is not a Uint8Array', {}, 4, new Uint16Array(4) as unknown as Buffer, canary(208)],
    ['an IRP that is not a Uint8Array', {}, 4, Buffer.from('01000000', 'hex'), Array(208).fill(0) as unknown as Buffer],
  ] as const)('declines a Set with %s, changing nothing', (_n, opts, size, input, irp) => {
    const p = new WskProvider({ arch: 'x64', ...opts });
    const s = p.wskSocket(listen).socket;
    p.wskControlSocket(s, SET, EX, SOL, 4, Buffer.from('00000000', 'hex'), 0, null, null, canary(208));
    p.deliverCompletions();
    const before = JSON.stringify(Array.from(irp ?? []));
    const count = p.completedCount;
    expect(fastControl(p, s, SET, EX, SOL, size, input, 0, null, null, irp)).toBe(false);
    expect(JSON.stringify(Array.from(irp ?? []))).toBe(before);
    expect(p.completedCount).toBe(count);
    expect(p.inspect(s)!.options[0]).toBe(0);
  });
});

// ---- differential property --------------------------------------------------------------------------------------

const PLAIN_ROWS = OPTION_ROWS.filter((r) => (r.requestType === 'WskSetOption' || r.requestType === 'WskGetOption'));
/** Rows the guarded path may handle (most calls use these, so that it takes part). */
const ELIGIBLE_ROWS = [...optionTable('x64').rows()].filter((c) => c.fastEligible).map((c) => c.row);
/** The mutually exclusive pair (check 13), often. */
const SHARING_ROWS = ELIGIBLE_ROWS.filter((r) => r.mutuallyExclusiveWith !== null);
const rowArb = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...ELIGIBLE_ROWS) }, { weight: 2, arbitrary: fc.constantFrom(...SHARING_ROWS) },
  { weight: 1, arbitrary: fc.constantFrom(...PLAIN_ROWS) },
);
const KINDS = [
  { family: AF.AF_INET!, type: SOCK.SOCK_STREAM!, protocol: 6, flags: WSK_FLAG.WSK_FLAG_LISTEN_SOCKET! },
  { family: AF.AF_INET6!, type: SOCK.SOCK_STREAM!, protocol: 6, flags: WSK_FLAG.WSK_FLAG_CONNECTION_SOCKET! },
  { family: AF.AF_INET!, type: SOCK.SOCK_DGRAM!, protocol: 17, flags: WSK_FLAG.WSK_FLAG_DATAGRAM_SOCKET! },
  { family: AF.AF_INET!, type: SOCK.SOCK_STREAM!, protocol: 6, flags: 0 },
];

type Buf = null | undefined | number; // a length (filled from the value / 0xcc)
const bufArb: fc.Arbitrary<Buf> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(4) }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constantFrom(0, 3, 8) },
);
const sizeArb = fc.oneof({ weight: 6, arbitrary: fc.constant<number | bigint>(4) }, { weight: 2, arbitrary: fc.constantFrom<number | bigint>(0, 3, 8, 4n) });
const callArb = fc.record({
  /** Mostly a WskControlSocket call; sometimes a bind, close or forced close of socket 1 or 2 between calls. */
  action: fc.oneof({ weight: 40, arbitrary: fc.constant('call' as const) }, { weight: 1, arbitrary: fc.constantFrom('bind' as const, 'close' as const, 'forceClose' as const) }),
  socket: fc.constantFrom(1, 1, 1, 2, 3),
  row: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat(2) }),
  value: fc.constantFrom(0, 1, 0, 1, 2, 5, 30, 31, 32, 33, 255, 0x80000001, 0xffffffff),
  inSize: sizeArb, input: bufArb, outSize: sizeArb, output: bufArb, osr: fc.constantFrom<Buf>(null, null, null, undefined, 8, 4),
  irp: fc.constantFrom<Buf>(208, 208, 208, 112, null, undefined, 207, 111),
  /** Canonical arguments for the row (those the guarded path may take) except the one field named by `tweak` (0-6; 7-20: none). */
  canonical: fc.boolean(),
  tweak: fc.nat(20),
});
const envArb = fc.record({
  arch: fc.constantFrom('x64' as const, 'x86' as const),
  policy: fc.constantFrom('strict' as const, 'lenient' as const),
  kinds: fc.tuple(fc.constantFrom(...KINDS), fc.constantFrom(...KINDS)),
  bind: fc.tuple(fc.boolean(), fc.boolean()),
  forceClose: fc.boolean(),
  /** A completion hook (onComplete), whose calls are compared too. */
  hook: fc.constantFrom(false, false, false, true),
  /** An option enabled on socket 1 before the calls (through the full sequence). */
  preset: fc.constantFrom(null, ...SHARING_ROWS.filter((r) => r.requestType === 'WskSetOption')),
  rows: fc.tuple(rowArb, rowArb, rowArb),
  calls: fc.array(callArb, { minLength: 1, maxLength: 30 }),
});

function make(len: Buf, fill: number, value: number): Buffer | null | undefined {
  if (len === null || len === undefined) return len;
  const b = canary(len, fill);
  for (let i = 0; i < Math.min(4, len); i++) b[i] = (value >>> (8 * i)) & 0xff;
  return b;
}

type Env = typeof envArb extends fc.Arbitrary<infer T> ? T : never;

const bindAddress = (env: Env, i: number): Buffer =>
  encodeSockaddrText(env.kinds[i]!.family === AF.AF_INET ? `127.0.0.1:${5150 + i}` : `[::1]:${5150 + i}`)!;

function setup(env: Env, log: string[]): WskProvider {
  const onComplete = (irp: Uint8Array, status: number, information: number): void => { log.push(`${irp.length} ${status} ${information}`); };
  const p = new WskProvider(env.hook ? { arch: env.arch, policy: env.policy, onComplete } : { arch: env.arch, policy: env.policy });
  env.kinds.forEach((k, i) => {
    const s = p.wskSocket(k).socket;
    if (env.bind[i]) p.wskBind(s, bindAddress(env, i), 0, canary(env.arch === 'x64' ? 208 : 112));
  });
  if (env.forceClose) p.forceClose(2);
  if (env.preset !== null) {
    const code = (CODE as Record<string, number>)[env.preset.code]!;
    p.controlSocketChecked(1, SET, code, SOL, 4, Buffer.from('01000000', 'hex'), 0, null, null, canary(env.arch === 'x64' ? 208 : 112));
  }
  return p;
}

describe('guarded path = full sequence (differential property)', () => {
  it('same result, reason, bytes, state and completions for any call sequence', () => {
    let handled = 0;
    const count = (r: boolean): boolean => { if (r) handled++; return r; };
    const real = controlFast.fastControl;
    const spy = jest.spyOn(controlFast, 'fastControl').mockImplementation((...a) => count(real(...a)));
    fc.assert(fc.property(envArb, (env) => {
      const fastLog: string[] = [];
      const fullLog: string[] = [];
      const fast = setup(env, fastLog);
      const full = setup(env, fullLog);
      const irpSize = env.arch === 'x64' ? 208 : 112;
      for (const c of env.calls) {
        if (c.action !== 'call') {
          // state changes the guarded path's per-socket cache must follow (SimSocket.fitRow)
          const s = c.socket === 2 ? 2 : 1;
          for (const p of [fast, full]) {
            if (c.action === 'bind') p.wskBind(s, bindAddress(env, s - 1), 0, canary(irpSize));
            else if (c.action === 'close') p.wskCloseSocket(s, canary(irpSize));
            else p.forceClose(s);
          }
          expect(fast.reason).toEqual(full.reason);
          continue;
        }
        const row = env.rows[c.row]!;
        const rt = row.requestType === 'WskSetOption' ? SET : GET;
        const code = (CODE as Record<string, number>)[row.code]!;
        const level = (LEVEL as Record<string, number>)[row.level]!;
        if (c.canonical) {
          const canon: Record<string, unknown> = rt === SET
            ? { inSize: 4, input: 4, outSize: 0, output: null, osr: null, irp: irpSize, value: c.value & 1 }
            : { inSize: 0, input: null, outSize: 4, output: 4, osr: null, irp: irpSize, value: c.value & 1 };
          const keep = ['inSize', 'input', 'outSize', 'output', 'osr', 'irp', 'value'][c.tweak];
          for (const [k, v] of Object.entries(canon)) if (k !== keep) (c as Record<string, unknown>)[k] = v;
        }
        const args = (): [Buffer | null | undefined, Buffer | null | undefined, Buffer | null | undefined, Buffer | null | undefined] =>
          [make(c.input, 0xcc, c.value), make(c.output, 0xcc, 0xcccccccc), make(c.osr, 0xcc, 0xcccccccc), make(c.irp, 0xcc, 0xcccccccc)];
        const a = args();
        const b = args();
        const run = (f: () => number): number | string => { try { return f(); } catch (e) { return String(e); } };
        const r1 = run(() => fast.wskControlSocket(c.socket, rt, code, level, c.inSize, a[0], c.outSize, a[1], a[2], a[3]));
        const r2 = run(() => full.controlSocketChecked(c.socket, rt, code, level, c.inSize, b[0], c.outSize, b[1], b[2], b[3]));
        expect(r1).toBe(r2);
        expect(fast.reason).toEqual(full.reason);
        expect(a.map((x) => (x ? hexOf(x) : x))).toEqual(b.map((x) => (x ? hexOf(x) : x)));
        expect(fast.completedCount).toBe(full.completedCount);
        for (const s of [1, 2, 3]) expect(Array.from(fast.inspect(s)?.options ?? [])).toEqual(Array.from(full.inspect(s)?.options ?? []));
      }
      expect(fastLog).toEqual(fullLog);
    }), { numRuns: 1000, seed: 20261125 });
    spy.mockRestore();
    // the property is about the guarded path only if it took part: thousands of calls, a good share of them handled
    expect(handled).toBeGreaterThan(250);
  });
});
