/**
 * The TypeScript API's boundary: every argument a C caller could not pass (a handle that is not an integer number, a
 * bigint or Symbol where a ULONG goes, a detached or counterfeit buffer, a bad option) is AbiUsageError, thrown before
 * anything changes; nothing a caller passes writes to a prototype (policy api-boundary).
 */
import {
  AbiUsageError, AF, CODE, Fault, LEVEL, REQUEST, SOCK, STATUS, WSK_FLAG, WskProvider, encodeSockaddrText,
} from '../../src';
import { canary, hexOf } from '../helpers/canary';

const udp = { family: AF.AF_INET, type: SOCK.SOCK_DGRAM, protocol: 17, flags: WSK_FLAG.WSK_FLAG_DATAGRAM_SOCKET };
const { WskSetOption: SET, WskGetOption: GET } = REQUEST;
const EX = CODE.SO_EXCLUSIVEADDRUSE;
const SOL = LEVEL.SOL_SOCKET;

/** A buffer whose ArrayBuffer was transferred away (detached): it stands for no memory. */
function detached(n: number): Uint8Array {
  const u = new Uint8Array(n);
  structuredClone(u.buffer, { transfer: [u.buffer] });
  return u;
}

/** Values no handle position accepts: not an integer number. */
const BAD_HANDLES: readonly [string, unknown][] = [
  ['"__proto__"', '__proto__'], ['"constructor"', 'constructor'], ['"length"', 'length'], ['"push"', 'push'],
  ['"1"', '1'], ['1n', 1n], ['Symbol()', Symbol('s')], ['1.5', 1.5], ['NaN', NaN], ['Infinity', Infinity],
  ['{}', {}], ['null', null], ['undefined', undefined], ['true', true], ['[1]', [1]],
];
/** Values no ULONG position accepts. */
const BAD_ULONGS: readonly [string, unknown][] = [
  ['1n', 1n], ['Symbol()', Symbol('u')], ['"1"', '1'], ['1.5', 1.5], ['NaN', NaN], ['2^32', 2 ** 32], ['{}', {}],
  ['null', null], ['undefined', undefined], ['{ valueOf }', { valueOf: () => 1 }],
];
/** Values no SIZE_T position accepts (a bigint in range is a SIZE_T). */
const BAD_SIZES: readonly [string, unknown][] = [
  ['Symbol()', Symbol('z')], ['"4"', '4'], ['1.5', 1.5], ['NaN', NaN], ['-1', -1], ['-1n', -1n], ['{}', {}], ['null', null],
];
/** Values no buffer position accepts (null and undefined are NULL). */
const BAD_BUFFERS: readonly [string, () => unknown][] = [
  ['a detached Uint8Array', () => detached(256)],
  ['an object with Uint8Array.prototype', () => Object.create(Uint8Array.prototype) as unknown],
  ['a string', () => 'x'.repeat(256)], ['a number', () => 256], ['an ArrayBuffer', () => new ArrayBuffer(256)],
  ['a DataView', () => new DataView(new ArrayBuffer(256))], ['a Uint16Array', () => new Uint16Array(256)],
  ['an array', () => new Array(256).fill(0)],
];

/** A provider with a bound datagram socket `s`, an unbound one `t`, and what the checks below compare. */
function fixture(): { p: WskProvider; s: number; t: number; completions: number[]; snapshot: () => string } {
  const completions: number[] = [];
  const p = new WskProvider({ arch: 'x64', onComplete: (_irp, status) => completions.push(status) });
  const s = p.wskSocket(udp).socket;
  const t = p.wskSocket(udp).socket;
  expect(p.wskBind(s, encodeSockaddrText('127.0.0.1:5000'), 0, canary(208))).toBe(STATUS.STATUS_SUCCESS);
  p.setRedirectData(s, 'records', Buffer.from('abcd', 'hex'));
  const snapshot = (): string => JSON.stringify({
    completed: p.completedCount, pending: p.pendingCount, waiting: p.waitingCount, completions: [...completions],
    reason: { ...p.reason, source: p.reason.source?.at ?? null },
    sockets: [s, t].map((h) => {
      const x = p.inspect(h);
      return x === undefined ? null : { options: [...x.options], bound: x.bound, forced: x.forcedClosed, cb: x.callbacksInProgress, wfp: x.wfpData === null ? null : [...x.wfpData.entries()].map(([k, v]) => [k, hexOf(v)]) };
    }),
  });
  return { p, s, t, completions, snapshot };
}

/** Own property names of the prototypes a handle or option name could reach. */
function prototypeKeys(): string {
  return JSON.stringify([Array.prototype, Object.prototype, Function.prototype, Uint8Array.prototype].map((o) => Reflect.ownKeys(o).map(String).sort()));
}

type Call = (p: WskProvider, s: number, v: unknown) => unknown;
const b = (n: number): Buffer => canary(n);
const VALUE = (): Buffer => Buffer.from('01000000', 'hex');
const ADDR = (): Uint8Array => encodeSockaddrText('127.0.0.1:5001')!;

/** Every handle position of the API. */
const HANDLE_POSITIONS: readonly [string, Call][] = [
  ['wskControlSocket Socket (Set)', (p, _s, v) => p.wskControlSocket(v as number, SET, EX, SOL, 4, VALUE(), 0, null, null, b(208))],
  ['wskControlSocket Socket (Get)', (p, _s, v) => p.wskControlSocket(v as number, GET, EX, SOL, 0, null, 4, b(4), null, b(208))],
  ['wskBind Socket', (p, _s, v) => p.wskBind(v as number, ADDR(), 0, b(208))],
  ['wskCloseSocket Socket', (p, _s, v) => p.wskCloseSocket(v as number, b(208))],
  ['setCallbackInProgress socket', (p, _s, v) => p.setCallbackInProgress(v as number, 1, true)],
  ['setRedirectData socket', (p, _s, v) => p.setRedirectData(v as number, 'records', b(4))],
  ['forceClose socket', (p, _s, v) => p.forceClose(v as number)],
  ['inspect socket', (p, _s, v) => p.inspect(v as number)],
  ['wskSocket securityDescriptor', (p, _s, v) => p.wskSocket({ ...udp, securityDescriptor: v as number })],
  ['releaseSecurityDescriptor sd', (p, _s, v) => p.releaseSecurityDescriptor(v as number)],
];
/** Every ULONG position of the API. */
const ULONG_POSITIONS: readonly [string, Call][] = [
  ['wskSocket AddressFamily', (p, _s, v) => p.wskSocket({ ...udp, family: v as number })],
  ['wskSocket SocketType', (p, _s, v) => p.wskSocket({ ...udp, type: v as number })],
  ['wskSocket Protocol', (p, _s, v) => p.wskSocket({ ...udp, protocol: v as number })],
  ['wskSocket Flags', (p, _s, v) => p.wskSocket({ ...udp, flags: v as number })],
  ['wskControlSocket RequestType (Set form)', (p, s, v) => p.wskControlSocket(s, v as number, EX, SOL, 4, VALUE(), 0, null, null, b(208))],
  ['wskControlSocket RequestType (Get form)', (p, s, v) => p.wskControlSocket(s, v as number, EX, SOL, 0, null, 4, b(4), null, b(208))],
  ['wskControlSocket ControlCode (Set)', (p, s, v) => p.wskControlSocket(s, SET, v as number, SOL, 4, VALUE(), 0, null, null, b(208))],
  ['wskControlSocket ControlCode (Get)', (p, s, v) => p.wskControlSocket(s, GET, v as number, SOL, 0, null, 4, b(4), null, b(208))],
  ['wskControlSocket Level (Set)', (p, s, v) => p.wskControlSocket(s, SET, EX, v as number, 4, VALUE(), 0, null, null, b(208))],
  ['wskControlSocket Level (Get)', (p, s, v) => p.wskControlSocket(s, GET, EX, v as number, 0, null, 4, b(4), null, b(208))],
  ['wskBind Flags', (p, s, v) => p.wskBind(s, ADDR(), v as number, b(208))],
  ['wskControlClient ControlCode', (p, _s, v) => p.wskControlClient(v as number, 0, null, 0, null, null, null)],
  ['setCallbackInProgress eventFlag', (p, s, v) => p.setCallbackInProgress(s, v as number, true)],
  ['setAddressList family', (p, _s, v) => p.setAddressList(v as number, [])],
];
/** Every SIZE_T position of the API. */
const SIZE_POSITIONS: readonly [string, Call][] = [
  ['wskControlSocket InputSize', (p, s, v) => p.wskControlSocket(s, SET, EX, SOL, v as number, VALUE(), 0, null, null, b(208))],
  ['wskControlSocket OutputSize', (p, s, v) => p.wskControlSocket(s, GET, EX, SOL, 0, null, v as number, b(4), null, b(208))],
  ['wskBind LocalAddress size', (p, s, v) => p.wskBind(s, ADDR(), 0, b(208), v as number)],
  ['wskControlClient InputSize', (p, _s, v) => p.wskControlClient(1, v as number, null, 0, null, null, null)],
  ['wskControlClient OutputSize', (p, _s, v) => p.wskControlClient(1, 0, null, v as number, null, null, null)],
];
/** Every buffer position of the API. */
const BUFFER_POSITIONS: readonly [string, Call][] = [
  ['wskControlSocket InputBuffer', (p, s, v) => p.wskControlSocket(s, SET, EX, SOL, 4, v as Buffer, 0, null, null, b(208))],
  ['wskControlSocket OutputBuffer', (p, s, v) => p.wskControlSocket(s, GET, EX, SOL, 0, null, 4, v as Buffer, null, b(208))],
  ['wskControlSocket OutputSizeReturned', (p, s, v) => p.wskControlSocket(s, GET, EX, SOL, 0, null, 4, b(4), v as Buffer, null)],
  ['wskControlSocket Irp (Set)', (p, s, v) => p.wskControlSocket(s, SET, EX, SOL, 4, VALUE(), 0, null, null, v as Buffer)],
  ['wskControlSocket Irp (Get)', (p, s, v) => p.wskControlSocket(s, GET, EX, SOL, 0, null, 4, b(4), null, v as Buffer)],
  ['wskBind LocalAddress', (p, s, v) => p.wskBind(s, v as Buffer, 0, b(208))],
  ['wskBind Irp', (p, s, v) => p.wskBind(s, ADDR(), 0, v as Buffer)],
  ['wskCloseSocket Irp', (p, s, v) => p.wskCloseSocket(s, v as Buffer)],
  ['wskControlClient InputBuffer', (p, _s, v) => p.wskControlClient(1, 4, v as Buffer, 0, null, null, null)],
  ['wskControlClient OutputBuffer', (p, _s, v) => p.wskControlClient(1, 0, null, 4, v as Buffer, null, null)],
  ['wskControlClient OutputSizeReturned', (p, _s, v) => p.wskControlClient(1, 0, null, 0, null, v as Buffer, null)],
  ['wskControlClient Irp', (p, _s, v) => p.wskControlClient(1, 0, null, 0, null, null, v as Buffer)],
  ['setRedirectData bytes', (p, s, v) => p.setRedirectData(s, 'records', v as Buffer)],
];

/** The call throws AbiUsageError (not a TypeError), changes nothing, and writes no prototype. */
function expectMisuse(call: Call, value: () => unknown): void {
  const keys = prototypeKeys();
  const f = fixture();
  // warm the guarded path with canonical calls first, so that the misuse meets optimised code where it would
  for (let i = 0; i < 3; i++) f.p.wskControlSocket(f.s, GET, EX, SOL, 0, null, 4, b(4), null, b(208));
  f.completions.length = 0;
  const before = f.snapshot();
  let thrown: unknown = null;
  try { call(f.p, f.s, value()); } catch (e) { thrown = e; }
  expect(thrown).toBeInstanceOf(AbiUsageError);
  expect((thrown as Error).message).not.toMatch(/\n/);
  expect(f.snapshot()).toBe(before);
  expect(prototypeKeys()).toBe(keys);
}

describe('handle positions: anything but an integer number is AbiUsageError, and no prototype is written', () => {
  for (const [where, call] of HANDLE_POSITIONS) {
    // an absent (undefined) securityDescriptor is the WSK default descriptor
    const values = where.startsWith('wskSocket') ? BAD_HANDLES.filter(([, v]) => v !== undefined) : BAD_HANDLES;
    it.each(values)(`${where}: %s`, (_n, v) => expectMisuse(call, () => v));
  }
  it('an integer naming no live socket is fault InvalidSocket, not misuse', () => {
    const { p } = fixture();
    for (const h of [0, -1, 2 ** 31, 2 ** 53, 12345]) {
      expect(p.wskControlSocket(h, GET, EX, SOL, 0, null, 4, b(4), null, b(208))).toBe(Fault.InvalidSocket);
      expect(p.wskBind(h, ADDR(), 0, b(208))).toBe(Fault.InvalidSocket);
      expect(p.wskCloseSocket(h, b(208))).toBe(Fault.InvalidSocket);
      expect(p.forceClose(h)).toBe(false);
      expect(p.inspect(h)).toBeUndefined();
    }
  });
  it('a closed handle named by a string is misuse too (WskCloseSocket("__proto__") closes nothing)', () => {
    const keys = prototypeKeys();
    const { p } = fixture();
    for (const name of ['__proto__', 'constructor', 'length', 'push', '1']) {
      expect(() => p.wskCloseSocket(name as unknown as number, b(208))).toThrow(AbiUsageError);
    }
    expect(prototypeKeys()).toBe(keys);
    expect(([] as unknown as Record<string, unknown>).closing).toBeUndefined();
  });
});

describe('ULONG positions: a bigint, Symbol, string or non-integer is AbiUsageError before any state changes', () => {
  for (const [where, call] of ULONG_POSITIONS) {
    it.each(BAD_ULONGS)(`${where}: %s`, (_n, v) => expectMisuse(call, () => v));
  }
});

describe('SIZE_T positions: a Symbol, string, negative or non-integer is AbiUsageError before any state changes', () => {
  for (const [where, call] of SIZE_POSITIONS) {
    it.each(BAD_SIZES)(`${where}: %s`, (_n, v) => expectMisuse(call, () => v));
  }
});

describe('buffer positions: a detached or counterfeit buffer is AbiUsageError before any state changes', () => {
  for (const [where, call] of BUFFER_POSITIONS) {
    it.each(BAD_BUFFERS)(`${where}: %s`, (_n, v) => expectMisuse(call, v));
  }
  it('a zero-length (not detached) buffer is still NULL', () => {
    const { p, s } = fixture();
    expect(p.wskControlSocket(s, GET, EX, SOL, 0, null, 4, b(4), null, new Uint8Array(0))).toBe(STATUS.STATUS_INVALID_PARAMETER);
    expect(p.reason.rule).toBe('irp-required');
  });
  it('setRedirectData keeps an empty (not detached) buffer as empty data', () => {
    const { p, s } = fixture();
    p.setRedirectData(s, 'context', new Uint8Array(0));
    expect(p.inspect(s)!.wfpData!.get(CODE.SIO_QUERY_WFP_CONNECTION_REDIRECT_CONTEXT)!.length).toBe(0);
  });
});

describe('provider options are validated at construction', () => {
  it.each([
    ['onComplete: 5', { onComplete: 5 }], ['onComplete: "f"', { onComplete: 'f' }], ['onComplete: {}', { onComplete: {} }],
    ['arch: 1n', { arch: 1n }], ['profile: Symbol()', { profile: Symbol('p') }], ['completion: 1', { completion: 1 }],
    ['policy: 5', { policy: 5 }], ['policy: {}', { policy: {} }],
    ['policy with an unknown knob value', { policy: { name: 'x', setInputSize: 'exact', unusedArgs: 'reject', boolDomain: 'maybe', setAfterBind: 'reject' } }],
    ['options: null', null], ['options: 5', 5], ['options: "x64"', 'x64'],
  ])('%s', (_n, options) => {
    let thrown: unknown = null;
    try { new WskProvider(options as never); } catch (e) { thrown = e; }
    expect(thrown).toBeInstanceOf(AbiUsageError);
  });
  it('a complete custom PolicySettings object and onComplete null are accepted', () => {
    const p = new WskProvider({ onComplete: null as never, policy: { name: 'mine', setInputSize: 'atLeast', unusedArgs: 'reject', boolDomain: 'reject', setAfterBind: 'store' } });
    expect(p.exactSetSize).toBe(false);
    expect(p.onComplete).toBeNull();
  });
});
