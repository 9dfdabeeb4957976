/**
 * Hand-written regressions for WskControlClient, the IOCTLs and the harness entry points: harness misuse, waits across arches, and the
 * byte images of the per-arch structures (expected bytes written from WSK-SPEC.md §6.2 by hand).
 */
import { AbiUsageError } from '../../src/errors';
import { WskProvider } from '../../src/provider/provider';
import { canary, h, hexOf } from '../helpers/canary';

const WskIoctl = 2;
const SIO_ADDRESS_LIST_CHANGE = 0x28000017;
const SIO_ADDRESS_LIST_QUERY = 0x48000016;
const STATUS_PENDING = 0x103;

describe('harness methods', () => {
  it('reject values no harness should pass with AbiUsageError', () => {
    const p = new WskProvider();
    expect(() => p.setAddressList(99, [])).toThrow(AbiUsageError);
    expect(() => p.setAddressList(2, ['[::1]:0'])).toThrow(AbiUsageError);
    expect(() => p.setAddressList(2, ['not an address'])).toThrow(AbiUsageError);
    expect(() => p.setCallbackInProgress(42, 0x40, true)).toThrow(AbiUsageError);
    expect(() => p.registerSecurityDescriptorImage('alice' as unknown as string[])).toThrow(AbiUsageError);
  });

  it('numbers security-descriptor images 0x5D000010, 0x5D000020, ...', () => {
    const p = new WskProvider();
    expect(p.registerSecurityDescriptorImage(['a'])).toBe(0x5d000010);
    expect(p.registerSecurityDescriptorImage([])).toBe(0x5d000020);
  });
});

describe('SIO_ADDRESS_LIST_CHANGE waits only for its own family', () => {
  it.each(['x86', 'x64'] as const)('%s', (arch) => {
    const p = new WskProvider({ arch });
    const s4 = p.wskSocket({ family: 2, type: 2, protocol: 0, flags: 4 }).socket;
    const s6 = p.wskSocket({ family: 23, type: 2, protocol: 0, flags: 4 }).socket;
    const i4 = canary(p.layout.sizeofIrp);
    const i6 = canary(p.layout.sizeofIrp);
    expect(p.wskControlSocket(s4, WskIoctl, SIO_ADDRESS_LIST_CHANGE, 0, 0, null, 0, null, null, i4)).toBe(STATUS_PENDING);
    expect(p.wskControlSocket(s6, WskIoctl, SIO_ADDRESS_LIST_CHANGE, 0, 0, null, 0, null, null, i6)).toBe(STATUS_PENDING);
    expect(p.waitingCount).toBe(2);
    expect(p.setAddressList(23, ['[::1]:0'])).toBe(1);
    expect(p.waitingCount).toBe(1);
    expect(hexOf(i4)).toBe('cc'.repeat(p.layout.sizeofIrp));
    const ios = arch === 'x86' ? h('00000000 00000000') : h('00000000 cccccccc 00000000 00000000');
    expect(hexOf(i6.subarray(p.layout.irpStatusOffset, p.layout.irpStatusOffset + ios.length / 2))).toBe(ios);
  });
});

describe('SIO_ADDRESS_LIST_QUERY honours outputBufferAddress', () => {
  it('x86: lpSockaddr = base + 12', () => {
    const p = new WskProvider({ arch: 'x86' });
    p.outputBufferAddress = 0x00401000;
    const s = p.wskSocket({ family: 2, type: 1, protocol: 0, flags: 0 }).socket;
    const out = canary(28);
    const osr = canary(4);
    expect(p.wskControlSocket(s, WskIoctl, SIO_ADDRESS_LIST_QUERY, 0, 0, null, 28, out, osr, null)).toBe(0);
    // iAddressCount 1; lpSockaddr 0x0040100C; iSockaddrLength 16; SOCKADDR_IN 127.0.0.1:0
    expect(hexOf(out)).toBe(h('01000000 0c104000 10000000 02000000 7f000001 00000000 00000000'));
    expect(hexOf(osr)).toBe(h('1c000000'));
  });
});
