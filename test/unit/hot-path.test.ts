/**
 * Regressions for the control hot path: byte writes, the pending re-entry and the policy and
 * layout fields resolved at construction.
 */
import { AF, CODE, LEVEL, REQUEST, SOCK, STATUS, WSK_FLAG, WskProvider } from '../../src';
import { writeUlong } from '../../src/codec/bytes';
import { canary, h, hexOf } from '../helpers/canary';

const listen = { family: AF.AF_INET, type: SOCK.SOCK_STREAM, protocol: 6, flags: WSK_FLAG.WSK_FLAG_LISTEN_SOCKET };
const { WskSetOption: SET, WskGetOption: GET } = REQUEST;
const EX = CODE.SO_EXCLUSIVEADDRUSE;
const SOL = LEVEL.SOL_SOCKET;

describe('writeUlong stores the low 32 bits little-endian (no masks needed)', () => {
  it.each([
    [0, '00000000'], [1, '01000000'], [0xc000000d, '0d0000c0'], [0xffffffff, 'ffffffff'], [-1, 'ffffffff'],
    [2 ** 32 + 5, '05000000'], [2 ** 53 - 1, 'ffffffff'], [0x12345678, '78563412'],
  ])('%d', (v, hex) => {
    const b = canary(6);
    writeUlong(b, 1, v);
    expect(hexOf(b)).toBe(`cc${hex}cc`);
  });
});

describe('pending completion re-enters the checks after 1-6', () => {
  it('a Set queued before the socket is forced closed still completes with the option result (check 3 is judged at submission)', () => {
    const p = new WskProvider({ completion: 'pending' });
    const s = p.wskSocket(listen).socket;
    const irp = canary(208);
    expect(p.wskControlSocket(s, SET, EX, SOL, 4, Buffer.from('01000000', 'hex'), 0, null, null, irp)).toBe(STATUS.STATUS_PENDING);
    expect(p.forceClose(s)).toBe(true);
    expect(p.deliverCompletions()).toBe(1);
    expect(hexOf(irp.subarray(48, 64))).toBe(h('00000000 cccccccc 0000000000000000'));
    expect(p.reason.rule).toBe('set-success');
    expect(p.inspect(s)!.options[0]).toBe(1);
    // a new call on the forced-closed socket fails at check 3
    expect(p.wskControlSocket(s, GET, EX, SOL, 0, null, 4, canary(4), null, canary(208))).toBe(STATUS.STATUS_FILE_FORCED_CLOSED);
  });
  it('a queued Set fails at check 13 when the exclusive option was enabled after submission', () => {
    const p = new WskProvider({ completion: 'pending' });
    const s = p.wskSocket(listen).socket;
    const irp1 = canary(208);
    const irp2 = canary(208);
    expect(p.wskControlSocket(s, SET, CODE.SO_REUSEADDR, SOL, 4, Buffer.from('01000000', 'hex'), 0, null, null, irp1)).toBe(STATUS.STATUS_PENDING);
    expect(p.wskControlSocket(s, SET, EX, SOL, 4, Buffer.from('01000000', 'hex'), 0, null, null, irp2)).toBe(STATUS.STATUS_PENDING);
    expect(p.deliverCompletions()).toBe(2);
    expect(hexOf(irp1.subarray(48, 52))).toBe('00000000');
    expect(hexOf(irp2.subarray(48, 64))).toBe(h('0d0000c0 cccccccc 0000000000000000'));
    expect(p.reason.rule).toBe('mutual-exclusion');
  });
});

describe('policy and layout resolved at construction', () => {
  it.each([
    ['strict', { exactSetSize: true, rejectUnused: true, normalizeBool: false, rejectSetAfterBind: true }],
    ['lenient', { exactSetSize: false, rejectUnused: false, normalizeBool: true, rejectSetAfterBind: false }],
  ] as const)('%s', (policy, fields) => {
    const p = new WskProvider({ policy });
    expect({ exactSetSize: p.exactSetSize, rejectUnused: p.rejectUnused, normalizeBool: p.normalizeBool, rejectSetAfterBind: p.rejectSetAfterBind }).toEqual(fields);
  });
  it.each([
    ['x86', 4, 0x18, 0x1c, false], ['x64', 8, 0x30, 0x38, true],
  ] as const)('%s', (arch, sizeT, status, information, wide) => {
    const p = new WskProvider({ arch });
    expect([p.sizeT, p.statusOffset, p.informationOffset, p.wideInformation]).toEqual([sizeT, status, information, wide]);
  });
});
