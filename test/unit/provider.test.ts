import { AbiUsageError, AF, CODE, LEVEL, REQUEST, SOCK, STATUS, WSK_FLAG, WskProvider, Fault, encodeSockaddrText } from '../../src';
import { canary, h, hexOf } from '../helpers/canary';

const listen = { family: AF.AF_INET, type: SOCK.SOCK_STREAM, protocol: 6, flags: WSK_FLAG.WSK_FLAG_LISTEN_SOCKET };
const { WskSetOption: SET, WskGetOption: GET } = REQUEST;
const EX = CODE.SO_EXCLUSIVEADDRUSE;
const SOL = LEVEL.SOL_SOCKET;

describe('WskProvider API misuse throws AbiUsageError (and only that)', () => {
  const p = new WskProvider({ arch: 'x86' });
  const s = p.wskSocket(listen).socket;
  it.each([
    ['a SIZE_T above 2^32-1 on x86', () => p.wskControlSocket(s, SET, EX, SOL, 2 ** 32, null, 0, null, null, null)],
    ['a negative size', () => p.wskControlSocket(s, SET, EX, SOL, -1, null, 0, null, null, null)],
    ['a fractional code', () => p.wskControlSocket(s, SET, 1.5, SOL, 4, null, 0, null, null, null)],
    ['a string buffer', () => p.wskControlSocket(s, SET, EX, SOL, 4, 'x' as unknown as Buffer, 0, null, null, null)],
    ['a non-number socket', () => p.wskControlSocket('s1' as unknown as number, SET, EX, SOL, 4, null, 0, null, null, null)],
    ['an unknown arch', () => new WskProvider({ arch: 'arm64' as 'x86' })],
    ['an unknown policy', () => new WskProvider({ policy: 'loose' as 'strict' })],
  ])('%s', (_n, f) => {
    expect(f).toThrow(AbiUsageError);
  });
  it('accepts the int32 spelling of SO_EXCLUSIVEADDRUSE (-5) and bigint sizes on x64', () => {
    const q = new WskProvider({ arch: 'x64' });
    const t = q.wskSocket(listen).socket;
    expect(q.wskControlSocket(t, SET, -5, SOL, 4n, Buffer.from('01000000', 'hex'), 0n, null, null, canary(208))).toBe(STATUS.STATUS_SUCCESS);
    expect(q.wskControlSocket(t, SET, -5, SOL, 2n ** 64n - 1n, Buffer.from('01000000', 'hex'), 0n, null, null, canary(208))).toBe(Fault.InputBufferOverrun);
  });
});

describe('IRP completion', () => {
  it('inline: the completion hook runs before the call returns, with the returned status', () => {
    const seen: number[] = [];
    const p = new WskProvider({ onComplete: (_irp, status) => seen.push(status) });
    const s = p.wskSocket(listen).socket;
    const r = p.wskControlSocket(s, SET, EX, SOL, 4, Buffer.from('01000000', 'hex'), 0, null, null, canary(208));
    expect(seen).toEqual([r]);
  });
  it('pending: output and IoStatus are written only when completions are delivered', () => {
    const p = new WskProvider({ completion: 'pending' });
    const s = p.wskSocket(listen).socket;
    const out = canary(4);
    const irp = canary(208);
    expect(p.wskControlSocket(s, GET, EX, SOL, 0, null, 4, out, null, irp)).toBe(STATUS.STATUS_PENDING);
    expect(hexOf(out)).toBe('cccccccc');
    expect(hexOf(irp)).toBe('cc'.repeat(208));
    expect(p.pendingCount).toBe(1);
    expect(p.deliverCompletions()).toBe(1);
    expect(hexOf(out)).toBe('00000000');
    expect(hexOf(irp.subarray(48, 64))).toBe(h('00000000 cccccccc 0400000000000000'));
  });
  it('without an IRP an optional-IRP style call still writes nothing to OutputSizeReturned on failure', () => {
    const p = new WskProvider();
    const s = p.wskSocket(listen).socket;
    const osr = canary(8);
    expect(p.wskControlSocket(s, GET, EX, SOL, 0, null, 4, canary(4), osr, null)).toBe(STATUS.STATUS_INVALID_PARAMETER);
    expect(hexOf(osr)).toBe('cc'.repeat(8));
  });
});

describe('reason', () => {
  it('names the check that decided, reusing one object', () => {
    const p = new WskProvider();
    const s = p.wskSocket(listen).socket;
    const r = p.reason;
    p.wskControlSocket(s, 3, EX, SOL, 4, Buffer.from('01000000', 'hex'), 0, null, null, canary(208));
    expect(p.reason.rule).toBe('request-type');
    p.wskControlSocket(s, SET, EX, SOL, 4, Buffer.from('01000000', 'hex'), 0, null, null, canary(208));
    expect(p.reason.rule).toBe('set-success');
    expect(p.reason).toBe(r);
  });
  it('bind reports the conflicting socket', () => {
    const p = new WskProvider();
    const a = p.wskSocket(listen).socket;
    const b = p.wskSocket(listen).socket;
    expect(p.wskBind(a, encodeSockaddrText('127.0.0.1:80'), 0, canary(208))).toBe(STATUS.STATUS_SUCCESS);
    expect(p.wskBind(b, encodeSockaddrText('127.0.0.1:80'), 0, canary(208))).not.toBe(STATUS.STATUS_SUCCESS);
    expect(p.reason.conflictSocket).toBe(a);
  });
  it('port 0 takes the lowest free dynamic port', () => {
    const p = new WskProvider();
    const a = p.wskSocket(listen).socket;
    const b = p.wskSocket(listen).socket;
    p.wskBind(a, encodeSockaddrText('0.0.0.0:0'), 0, canary(208));
    p.wskBind(b, encodeSockaddrText('0.0.0.0:0'), 0, canary(208));
    expect(p.inspect(a)!.boundAddress!.port).toBe(49152);
    expect(p.inspect(b)!.boundAddress!.port).toBe(49153);
  });
});
