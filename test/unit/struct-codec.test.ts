/**
 * encodeStruct: images of abi/structs.ts layouts. Expected bytes are written by hand from the layouts in
 * WSK-SPEC.md §6 (SOCKADDR_IN 16 bytes, SOCKADDR_IN6 28 bytes with sin6_scope_id at 24, IO_STATUS_BLOCK 8/16).
 */
import { encodeStruct } from '../../src/codec/struct';
import { AbiUsageError } from '../../src/errors';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('encodeStruct', () => {
  it.each([
    ['x86', '0d0000c0' + '44332211'],
    ['x64', '0d0000c0' + '00000000' + '8877665544332211'],
  ] as const)('IO_STATUS_BLOCK [%s]: Status LE at 0, Information LE at the ULONG_PTR offset', (arch, want) => {
    const info = arch === 'x86' ? 0x11223344 : 0x1122334455667788n;
    expect(hex(encodeStruct('IO_STATUS_BLOCK', arch, { Status: 0xC000000D, Information: info }))).toBe(want);
  });

  it('SOCKADDR_IN: family LE, port network order, address bytes, zero padding', () => {
    expect(hex(encodeStruct('SOCKADDR_IN', 'x64', { sin_family: 2, sin_port: 5150, sin_addr: [127, 0, 0, 1] })))
      .toBe('0200141e7f000001' + '0000000000000000');
  });

  it('SOCKADDR_IN6: flowinfo network order, scope id LE at 24', () => {
    expect(hex(encodeStruct('SOCKADDR_IN6', 'x86', { sin6_family: 23, sin6_port: 443, sin6_flowinfo: 0x000abcde, sin6_addr: [0xfe, 0x80], sin6_scope_id: 4 })))
      .toBe('170001bb' + '000abcde' + 'fe80000000000000' + '0000000000000000' + '04000000');
  });

  it('IRP: a nested IO_STATUS_BLOCK image at IoStatus (x64 offset 48), the rest zero', () => {
    const ios = encodeStruct('IO_STATUS_BLOCK', 'x64', { Status: 0x103, Information: 7 });
    const irp = encodeStruct('IRP', 'x64', { IoStatus: ios });
    expect(irp.length).toBe(208);
    expect(hex(irp.subarray(48, 64))).toBe('03010000' + '00000000' + '0700000000000000');
    expect(irp.subarray(0, 48).every((b) => b === 0) && irp.subarray(64).every((b) => b === 0)).toBe(true);
  });

  it.each([
    ['an unknown field', () => encodeStruct('ULONG', 'x86', { nope: 1 }), 'ULONG has no field nope'],
    ['a value too wide', () => encodeStruct('SIZE_T', 'x86', { value: 0x100000000 }), 'SIZE_T.value (x86): 4294967296 does not fit in 4 bytes'],
    ['a negative value', () => encodeStruct('ULONG', 'x64', { value: -1 }), 'ULONG.value (x64): -1 does not fit in 4 bytes'],
    ['a number for a byte field', () => encodeStruct('SOCKADDR_IN', 'x64', { sin_addr: 1 }), 'SOCKADDR_IN.sin_addr (x64) is a byte field: give its bytes'],
    ['too many bytes', () => encodeStruct('SOCKADDR_IN', 'x64', { sin_addr: [1, 2, 3, 4, 5] }), 'SOCKADDR_IN.sin_addr (x64): 5 bytes given for a 4-byte field'],
    ['a non-byte', () => encodeStruct('SOCKADDR_IN', 'x64', { sin_zero: [256] }), 'SOCKADDR_IN.sin_zero (x64): byte 0 is 256'],
  ])('throws AbiUsageError for %s', (_name, call, message) => {
    expect(call).toThrow(AbiUsageError);
    expect(call).toThrow(message);
  });
});
