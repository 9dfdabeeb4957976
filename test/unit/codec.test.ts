import { readUintN, readUintNBig, readUlong, writeUintN, writeUlong } from '../../src/codec/bytes';
import { firstDifference, markedHex, parseHex, toHex } from '../../src/codec/hex';
import { LAYOUTS } from '../../src/codec/layout';
import { constantValue, statusName } from '../../src/codec/names';
import { decodeSockaddr, encodeSockaddrText, formatAddress } from '../../src/codec/sockaddr';
import { canary, h, hexOf } from '../helpers/canary';

describe('bytes', () => {
  it('writes a ULONG little-endian at the offset and nothing else', () => {
    const b = canary(8);
    writeUlong(b, 2, 0xfffffffb);
    expect(hexOf(b)).toBe(h('cccc fbffffff cccc'));
    expect(readUlong(b, 2)).toBe(0xfffffffb);
  });
  it.each([
    [4, 4, h('04000000 cccccccc')],
    [8, 4, h('0400000000000000')],
    [8, 0x1_0000_0002, h('0200000001000000')],
  ])('writes a %i-byte SIZE_T of %d', (width, v, image) => {
    const b = canary(8);
    writeUintN(b, 0, v, width);
    expect(hexOf(b)).toBe(image);
    expect(readUintN(b, 0, width)).toBe(v);
  });
  it('reads 64-bit values exactly as bigint', () => {
    expect(readUintNBig(Buffer.from('ffffffffffffffff', 'hex'), 0, 8)).toBe(2n ** 64n - 1n);
  });
});

describe('layouts', () => {
  it('resolves the IRP IoStatus offsets per arch', () => {
    expect([LAYOUTS.x86.sizeofIrp, LAYOUTS.x86.irpStatusOffset, LAYOUTS.x86.irpInformationOffset, LAYOUTS.x86.sizeT]).toEqual([112, 24, 28, 4]);
    expect([LAYOUTS.x64.sizeofIrp, LAYOUTS.x64.irpStatusOffset, LAYOUTS.x64.irpInformationOffset, LAYOUTS.x64.sizeT]).toEqual([208, 48, 56, 8]);
  });
});

describe('sockaddr text forms', () => {
  it.each([
    ['0.0.0.0:5150', h('0200 141e 00000000 0000000000000000')],
    ['127.0.0.1:5150', h('0200 141e 7f000001 0000000000000000')],
    ['[::]:5150', h('1700 141e 00000000 00000000000000000000000000000000 00000000')],
    ['[::ffff:127.0.0.1]:5150', h('1700 141e 00000000 00000000000000000000ffff7f000001 00000000')],
    ['[fe80::1%4]:5150', h('1700 141e 00000000 fe800000000000000000000000000001 04000000')],
    ['[2001:db8::8:800:200c:417a]:80', h('1700 0050 00000000 20010db80000000000080800200c417a 00000000')],
  ])('%s encodes as C fills SOCKADDR_IN/SOCKADDR_IN6', (text, image) => {
    const b = encodeSockaddrText(text)!;
    expect(hexOf(b)).toBe(image);
    expect(formatAddress(decodeSockaddr(b))).toBe(text.replace('2001:db8::8:800:200c:417a', '2001:db8::8:800:200c:417a'));
  });
  it.each(['1.2.3.4', '256.0.0.1:1', '1.2.3.4:65536', '[::1', '[1::2::3]:1', '[12345::]:1', 'localhost:80', '[::1]:'])('rejects %s', (t) => {
    expect(encodeSockaddrText(t)).toBeNull();
  });
});

describe('hex and names', () => {
  it('parses spaced hex and rejects odd or non-hex text', () => {
    expect(toHex(parseHex('01 00 0a FF')!)).toBe('01000aff');
    expect(parseHex('0')).toBeNull();
    expect(parseHex('zz')).toBeNull();
  });
  it('marks the first difference', () => {
    const a = Buffer.from('01020304', 'hex');
    const b = Buffer.from('01020904', 'hex');
    expect(firstDifference(a, b)).toBe(2);
    expect(markedHex(b, 2)).toBe('01 02 [09] 04');
    expect(firstDifference(a, a)).toBe(-1);
    expect(firstDifference(a, a.subarray(0, 3))).toBe(3);
  });
  it('names statuses and constants', () => {
    expect(statusName(0xc000000d)).toBe('STATUS_INVALID_PARAMETER');
    expect(statusName(0x12345678)).toBe('0x12345678');
    expect(constantValue('SO_EXCLUSIVEADDRUSE')).toBe(0xfffffffb);
    expect(constantValue('nope')).toBeUndefined();
  });
});
