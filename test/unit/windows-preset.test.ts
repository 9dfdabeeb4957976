/**
 * The windows preset and deviations as diagnostics (POLICY.md "windows", "Deviations are also reported", the
 * evidence-based entries) and the measured amendments of every preset (rebinding decided synchronously, local
 * addresses). Expected bytes and statuses come from POLICY.md; buffers are 0xcc canaries asserted whole.
 */
import {
  AF, CODE, DEVIATIONS, LEVEL, POLICY_ENTRIES, POLICY_PRESETS, PRESET_ENTRIES, REQUEST, SOCK, SOURCE_EVIDENCE_CLASS, STATUS,
  WSK_FLAG, WskProvider, encodeSockaddrText, type PolicyPresetName,
} from '../../src';
import { NO_LINT } from '../../src/provider/evidence';
import { CLIENT_CODE } from '../../src/codec/names';
import { INVARIANT_EXCEPTIONS } from '../../src/fuzz/invariants';
import { formatLint } from '../../src/vectors/lint';
import { canary, h, hexOf } from '../helpers/canary';

const { WskSetOption: SET, WskGetOption: GET, WskIoctl: IOCTL } = REQUEST;
const V6ONLY = CODE.IPV6_V6ONLY!;
const IPV6 = LEVEL.IPPROTO_IPV6!;
const EX = CODE.SO_EXCLUSIVEADDRUSE!;
const SOL = LEVEL.SOL_SOCKET!;
const tcp = (family: number, flags = WSK_FLAG.WSK_FLAG_LISTEN_SOCKET!) => ({ family, type: SOCK.SOCK_STREAM!, protocol: 0, flags });
const udp4 = { family: AF.AF_INET!, type: SOCK.SOCK_DGRAM!, protocol: 0, flags: WSK_FLAG.WSK_FLAG_DATAGRAM_SOCKET! };
const one = (): Buffer => Buffer.from('01000000', 'hex');
const zero = (): Buffer => Buffer.from('00000000', 'hex');
/** IoStatus of an x64 IRP filled with cc: Status, 4 untouched bytes, Information (8). */
const ios64 = (status: string, info: string): string => h(`${status} cccccccc ${info} 00000000`);
const irp64 = (status: string, info: string): string => 'cc'.repeat(48) + ios64(status, info) + 'cc'.repeat(208 - 64);

function provider(policy: PolicyPresetName, completion: 'inline' | 'pending' = 'inline'): WskProvider {
  return new WskProvider({ arch: 'x64', policy, completion });
}

describe('the evidence-based entries (abi/policy.ts PRESET_ENTRIES)', () => {
  it('each names its evidence class and evidence, applies to windows only, and is a policy entry', () => {
    const ids = POLICY_ENTRIES.map((e) => e.id) as string[];
    expect(PRESET_ENTRIES.map((e) => e.id)).toEqual(['windows-output-size-returned-with-irp', 'windows-event-callback-enable-irp', 'windows-ipv6-v6only-inet-tcp', 'windows-ipproto-ip-on-dual-stack', 'windows-reuseaddr-connected', 'windows-bind-address-status']);
    for (const e of PRESET_ENTRIES) {
      expect(ids).toContain(e.id);
      expect(['documented', 'measured', 'real-client']).toContain(e.evidenceClass);
      expect(e.evidence.length).toBeGreaterThan(0);
      expect(e.source).toBe(e.evidence[0]);
      expect(e.presets).toEqual(['windows']);
    }
    expect(PRESET_ENTRIES.map((e) => e.evidenceClass)).toEqual(['real-client', 'real-client', 'measured', 'real-client', 'real-client', 'measured']);
  });

  it('windows has the knobs of strict: it differs only by its entries', () => {
    const { name: _s, ...strict } = POLICY_PRESETS.strict;
    const { name: _w, ...windows } = POLICY_PRESETS.windows;
    expect(windows).toEqual(strict);
  });

  it('every policy entry has an evidence class, stated or read from its source', () => {
    for (const e of POLICY_ENTRIES) {
      const c = 'evidenceClass' in e && e.evidenceClass !== undefined ? e.evidenceClass : SOURCE_EVIDENCE_CLASS[e.source.ref];
      expect(['documented', 'measured', 'real-client', 'decision']).toContain(c);
    }
  });

  it("the fuzz invariants' exceptions name entries POLICY.md states itself, as documented behaviour", () => {
    expect(INVARIANT_EXCEPTIONS.map((x) => x.policy)).toEqual(['failure-exception-address-list-query', 'failure-exception-transport-list-query', 'failure-exception-wfp-redirect-query', 'failure-exception-address-list-change']);
    for (const x of INVARIANT_EXCEPTIONS) {
      const e = POLICY_ENTRIES.find((p) => p.id === x.policy)!;
      expect(e.source.ref).toBe('POLICY');
      expect('evidenceClass' in e && e.evidenceClass).toBe('documented');
    }
  });

  it('the deviation table has unique identifiers in recording order', () => {
    expect(DEVIATIONS.map((d) => d.id)).toEqual(['input-size-given', 'input-buffer-given', 'output-size-given', 'output-buffer-given', 'output-size-returned-given', 'irp-given']);
  });
});

describe('deviations are recorded whatever the preset; the preset decides', () => {
  // msquic's call: WskSetOption(IPV6_V6ONLY, IPPROTO_IPV6, sizeof(ULONG), &0, 0, NULL, &OutputSizeReturned, Irp)
  const msquicSet = (p: WskProvider, s: number, osr: Buffer, irp: Buffer | null): number => p.wskControlSocket(s, SET, V6ONLY, IPV6, 4, zero(), 0, null, osr, irp);

  it('strict: output-size-returned-given decides check 10; *OutputSizeReturned untouched; IRP completed with the status', () => {
    const p = provider('strict');
    const s = p.wskSocket(tcp(AF.AF_INET6!)).socket;
    const osr = canary(8), irp = canary(208);
    expect(msquicSet(p, s, osr, irp)).toBe(STATUS.STATUS_INVALID_PARAMETER);
    expect(p.reason.rule).toBe('unused-args-null');
    expect(p.reason.lint).toEqual(['output-size-returned-given']);
    expect(hexOf(osr)).toBe('cc'.repeat(8));
    expect(hexOf(irp)).toBe(irp64('0d0000c0', '00000000'));
  });

  it('windows: the same call succeeds, the deviation is a warning, *OutputSizeReturned untouched, IRP {STATUS_SUCCESS, 0}', () => {
    const p = provider('windows');
    const s = p.wskSocket(tcp(AF.AF_INET6!)).socket;
    const osr = canary(8), irp = canary(208);
    expect(msquicSet(p, s, osr, irp)).toBe(STATUS.STATUS_SUCCESS);
    expect(p.reason.rule).toBe('set-success');
    expect(p.reason.lint).toEqual(['output-size-returned-given']);
    expect(hexOf(osr)).toBe('cc'.repeat(8));
    expect(hexOf(irp)).toBe(irp64('00000000', '00000000'));
    // Get the libwsk way: OutputSizeReturned given with the IRP; the value is written, Information 4, *OSR untouched
    const out = canary(6), osr2 = canary(8), irp2 = canary(208);
    expect(p.wskControlSocket(s, GET, V6ONLY, IPV6, 0, null, 4, out, osr2, irp2)).toBe(STATUS.STATUS_SUCCESS);
    expect(hexOf(out)).toBe('00000000cccc');
    expect(hexOf(osr2)).toBe('cc'.repeat(8));
    expect(hexOf(irp2)).toBe(irp64('00000000', '04000000'));
    expect(p.reason.lint).toEqual(['output-size-returned-given']);
    expect(formatLint(p.reason.lint, p.reason.rule, 'windows', 'WskGetOption', true)[0]).toMatch(/^output-size-returned-given: .* — warning only \(policy windows; tolerated by windows-output-size-returned-with-irp \[MSQUIC: /);
  });

  it('windows: deviations no entry tolerates decide as under strict, and every one is listed in table order', () => {
    const p = provider('windows');
    const s = p.wskSocket(tcp(AF.AF_INET6!)).socket;
    const out = canary(4), osr = canary(8), irp = canary(208);
    expect(p.wskControlSocket(s, SET, V6ONLY, IPV6, 4, zero(), 4, out, osr, irp)).toBe(STATUS.STATUS_INVALID_PARAMETER);
    expect(p.reason.rule).toBe('unused-args-null');
    expect(p.reason.lint).toEqual(['output-size-given', 'output-buffer-given', 'output-size-returned-given']);
    expect(hexOf(out)).toBe('cccccccc');
    expect(formatLint(p.reason.lint, p.reason.rule, 'windows', 'WskSetOption', true).map((l) => l.split(' — ')[1]!.split(' (')[0])).toEqual(['decided the call', 'recorded beside it', 'recorded beside it']);
    // a Get with InputSize/InputBuffer
    expect(p.wskControlSocket(s, GET, V6ONLY, IPV6, 4, zero(), 4, canary(4), null, canary(208))).toBe(STATUS.STATUS_INVALID_PARAMETER);
    expect(p.reason.lint).toEqual(['input-size-given', 'input-buffer-given']);
  });

  it('windows tolerates output-size-returned-given only with an IRP: SO_WSK_EVENT_CALLBACK disable (IRP optional) without one is refused', () => {
    for (const policy of ['strict', 'windows'] as const) {
      const p = provider(policy);
      const s = p.wskSocket(udp4).socket;
      // WSK_EVENT_CALLBACK_CONTROL x64: NpiId (8, non-NULL), EventMask WSK_EVENT_RECEIVE_FROM | WSK_EVENT_DISABLE
      const ecc = Buffer.from(h('0100000000000000 00010080 00000000'), 'hex');
      expect(p.wskControlSocket(s, SET, CODE.SO_WSK_EVENT_CALLBACK!, SOL, 16, ecc, 0, null, canary(8), null)).toBe(STATUS.STATUS_INVALID_PARAMETER);
      expect([p.reason.rule, p.reason.lint]).toEqual(['unused-args-null', ['output-size-returned-given']]);
    }
  });

  it('lenient: every deviation is a warning, still recorded', () => {
    const p = provider('lenient');
    const s = p.wskSocket(tcp(AF.AF_INET6!)).socket;
    expect(p.wskControlSocket(s, SET, V6ONLY, IPV6, 4, zero(), 4, canary(4), canary(8), canary(208))).toBe(STATUS.STATUS_SUCCESS);
    expect(p.reason.lint).toEqual(['output-size-given', 'output-buffer-given', 'output-size-returned-given']);
  });

  it('a call without deviations records none, on the guarded path too: reason.lint is the shared empty list again', () => {
    for (const policy of ['strict', 'windows', 'lenient'] as const) {
      const p = provider(policy);
      const s = p.wskSocket(tcp(AF.AF_INET!)).socket;
      expect(p.wskControlSocket(s, SET, EX, SOL, 4, one(), 0, null, canary(8), canary(208))).toBe(policy === 'strict' ? STATUS.STATUS_INVALID_PARAMETER : STATUS.STATUS_SUCCESS);
      expect(p.reason.lint).toEqual(['output-size-returned-given']);
      // the same option without OutputSizeReturned: the guarded path after the first full call
      expect(p.wskControlSocket(s, GET, EX, SOL, 0, null, 4, canary(4), null, canary(208))).toBe(STATUS.STATUS_SUCCESS);
      expect(p.reason.lint).toBe(NO_LINT);
      expect(p.wskControlSocket(s, GET, EX, SOL, 0, null, 4, canary(4), canary(8), canary(208))).toBe(policy === 'strict' ? STATUS.STATUS_INVALID_PARAMETER : STATUS.STATUS_SUCCESS);
      expect(p.wskControlSocket(s, GET, EX, SOL, 0, null, 4, canary(4), null, canary(208))).toBe(STATUS.STATUS_SUCCESS);
      expect(p.reason.lint).toBe(NO_LINT);
      // other entry points after a deviating call report none either
      p.wskControlSocket(s, GET, EX, SOL, 0, null, 4, canary(4), canary(8), canary(208));
      expect(p.wskBind(s, encodeSockaddrText('127.0.0.1:5150')!, 0, canary(208))).toBe(STATUS.STATUS_SUCCESS);
      expect(p.reason.lint).toBe(NO_LINT);
    }
  });

  it('completion pending: the deviations are judged when the call is completed', () => {
    const p = provider('windows', 'pending');
    const s = p.wskSocket(tcp(AF.AF_INET6!)).socket;
    const osr = canary(8), irp = canary(208);
    expect(msquicSet(p, s, osr, irp)).toBe(STATUS.STATUS_PENDING);
    expect(p.reason.lint).toEqual([]);
    expect(p.deliverCompletions()).toBe(1);
    expect(p.reason.lint).toEqual(['output-size-returned-given']);
    expect(hexOf(irp)).toBe(irp64('00000000', '00000000'));
    expect(hexOf(osr)).toBe('cc'.repeat(8));
  });

  it('IOCTLs record their deviations; windows tolerates OutputSizeReturned with an IRP on WskIoctl too (any IOCTL: SIO_WSK_SET_SENDTO_ADDRESS)', () => {
    // SOCKADDR_IN 192.0.2.1:443: family 2, port big-endian, address, sin_zero
    const to = Buffer.from(h('0200 01bb c0000201 0000000000000000'), 'hex');
    for (const policy of ['strict', 'windows'] as const) {
      const p = provider(policy);
      const s = p.wskSocket(udp4).socket;
      p.wskBind(s, encodeSockaddrText('0.0.0.0:5150')!, 0, canary(208));
      const osr = canary(8), irp = canary(208);
      const st = p.wskControlSocket(s, IOCTL, CODE.SIO_WSK_SET_SENDTO_ADDRESS!, 0, 16, to, 0, null, osr, irp);
      expect(p.reason.lint).toEqual(['output-size-returned-given']);
      expect(hexOf(osr)).toBe('cc'.repeat(8));
      expect([st, p.reason.rule]).toEqual(policy === 'strict' ? [STATUS.STATUS_INVALID_PARAMETER, 'unused-args-null'] : [STATUS.STATUS_SUCCESS, 'set-success']);
      expect(hexOf(irp)).toBe(irp64(policy === 'strict' ? '0d0000c0' : '00000000', '00000000'));
    }
  });

  it('msquic line 1757: SIO_WSK_SET_REMOTE_ADDRESS with &OutputSizeReturned and its Irp on the bound AF_INET6 datagram socket', () => {
    // SOCKADDR_IN6 [::ffff:192.0.2.1]:443: family 23, port big-endian, flowinfo, address, scope id
    const mapped = Buffer.from(h('1700 01bb 00000000 00000000000000000000ffff c0000201 00000000'), 'hex');
    for (const [policy, completion] of [['strict', 'inline'], ['windows', 'inline'], ['windows', 'pending'], ['lenient', 'inline']] as const) {
      const p = provider(policy, completion);
      const s = p.wskSocket({ family: AF.AF_INET6!, type: SOCK.SOCK_DGRAM!, protocol: 0, flags: WSK_FLAG.WSK_FLAG_DATAGRAM_SOCKET! }).socket;
      p.wskBind(s, encodeSockaddrText('[::]:5150')!, 0, canary(208));
      p.deliverCompletions();
      const osr = canary(8), irp = canary(208);
      const st = p.wskControlSocket(s, IOCTL, CODE.SIO_WSK_SET_REMOTE_ADDRESS!, SOL, 28, mapped, 0, null, osr, irp);
      if (completion === 'pending') {
        expect(st).toBe(STATUS.STATUS_PENDING);
        expect(hexOf(irp)).toBe('cc'.repeat(208));
        expect(p.deliverCompletions()).toBe(1);
      } else {
        expect(st).toBe(policy === 'strict' ? STATUS.STATUS_INVALID_PARAMETER : STATUS.STATUS_SUCCESS);
      }
      expect(p.reason.rule).toBe(policy === 'strict' ? 'unused-args-null' : 'set-success');
      expect(p.reason.lint).toEqual(['output-size-returned-given']);
      expect(hexOf(irp)).toBe(irp64(policy === 'strict' ? '0d0000c0' : '00000000', '00000000'));
      expect(hexOf(osr)).toBe('cc'.repeat(8));
    }
  });

  it('WskControlClient records its deviations; windows tolerates none of them (it has no IRP)', () => {
    for (const policy of ['strict', 'windows'] as const) {
      const p = provider(policy);
      expect(p.wskControlClient(CLIENT_CODE.WSK_TDI_BEHAVIOR!, 4, one(), 4, canary(4), null, null)).toBe(STATUS.STATUS_INVALID_PARAMETER);
      expect([p.reason.rule, p.reason.lint]).toEqual(['unused-args-null', ['output-size-given', 'output-buffer-given']]);
    }
    const p = provider('lenient');
    expect(p.wskControlClient(CLIENT_CODE.WSK_TDI_BEHAVIOR!, 4, one(), 4, canary(4), null, null)).toBe(STATUS.STATUS_SUCCESS);
    expect(p.reason.lint).toEqual(['output-size-given', 'output-buffer-given']);
  });

});

describe('windows-event-callback-enable-irp: SO_WSK_EVENT_CALLBACK enable with an IRP (windrbd, wdrbd)', () => {
  // WSK_EVENT_CALLBACK_CONTROL x64: NpiId (8, non-NULL), EventMask (4), padding (4)
  const ecc = (mask: string): Buffer => Buffer.from(h(`0100000000000000 ${mask} 00000000`), 'hex');
  const ACCEPT_RECEIVE = '40020000', RECEIVE_OFF = '40000080', ACCEPT = '00020000';
  const listener = (p: WskProvider): number => {
    const s = p.wskSocket(tcp(AF.AF_INET!)).socket;
    p.wskBind(s, encodeSockaddrText('0.0.0.0:7789')!, 0, canary(208));
    p.deliverCompletions();
    return s;
  };
  const enable = (p: WskProvider, s: number, mask: string, irp: Buffer | null): number => p.wskControlSocket(s, SET, CODE.SO_WSK_EVENT_CALLBACK!, SOL, 16, ecc(mask), 0, null, null, irp);
  // WSK_EVENT_RECEIVE enabled on a listening socket cannot be disabled (policy event-callback-state): shows it was stored
  const receiveStored = (p: WskProvider, s: number): boolean => enable(p, s, RECEIVE_OFF, null) === STATUS.STATUS_INVALID_DEVICE_STATE;

  it('strict: STATUS_INVALID_PARAMETER, IRP completed with it, deviation irp-given decided, nothing enabled', () => {
    const p = provider('strict');
    const s = listener(p);
    const irp = canary(208);
    expect(enable(p, s, ACCEPT_RECEIVE, irp)).toBe(STATUS.STATUS_INVALID_PARAMETER);
    expect([p.reason.rule, p.reason.lint]).toEqual(['event-callback-enable-irp', ['irp-given']]);
    expect(hexOf(irp)).toBe(irp64('0d0000c0', '00000000'));
    expect(formatLint(p.reason.lint, p.reason.rule, 'strict', 'WskSetOption', true)).toEqual([
      'irp-given: Irp is non-NULL on an SO_WSK_EVENT_CALLBACK enable, where the page says the application passes none — decided the call (event-callback-enable-irp, policy strict)']);
    expect(receiveStored(p, s)).toBe(false);
  });

  it('windows: accepted, IRP completed with {STATUS_SUCCESS, 0}, the deviation a warning citing the DRBD ports', () => {
    const p = provider('windows');
    const s = listener(p);
    const irp = canary(208);
    expect(enable(p, s, ACCEPT_RECEIVE, irp)).toBe(STATUS.STATUS_SUCCESS);
    expect([p.reason.rule, p.reason.lint]).toEqual(['set-success', ['irp-given']]);
    expect(hexOf(irp)).toBe(irp64('00000000', '00000000'));
    expect(formatLint(p.reason.lint, p.reason.rule, 'windows', 'WskSetOption', true)[0]).toMatch(/^irp-given: .* — warning only \(policy windows; tolerated by windows-event-callback-enable-irp \[WINDRBD: windrbd\/src\/windrbd_winsocket.c line 850 /);
    expect(receiveStored(p, s)).toBe(true);
    // the documented form (no IRP) records nothing
    const q = provider('windows');
    const t = listener(q);
    expect(enable(q, t, ACCEPT, null)).toBe(STATUS.STATUS_SUCCESS);
    expect(q.reason.lint).toBe(NO_LINT);
  });

  it('windows: the later checks still decide through the IRP (before bind: check 12)', () => {
    const p = provider('windows');
    const s = p.wskSocket(tcp(AF.AF_INET!)).socket;
    const irp = canary(208);
    expect(enable(p, s, ACCEPT, irp)).toBe(STATUS.STATUS_INVALID_DEVICE_STATE);
    expect([p.reason.rule, p.reason.lint]).toEqual(['timing', ['irp-given']]);
    expect(hexOf(irp)).toBe(irp64('840100c0', '00000000'));
    expect(formatLint(p.reason.lint, p.reason.rule, 'windows', 'WskSetOption', true)[0]).toMatch(/— warning only \(policy windows; tolerated by windows-event-callback-enable-irp /);
  });

  it('windows, completion pending: STATUS_PENDING, then the IRP completes with success and the deviation is recorded', () => {
    const p = provider('windows', 'pending');
    const s = listener(p);
    const irp = canary(208);
    expect(enable(p, s, ACCEPT_RECEIVE, irp)).toBe(STATUS.STATUS_PENDING);
    expect(hexOf(irp)).toBe('cc'.repeat(208));
    expect(p.deliverCompletions()).toBe(1);
    expect([p.reason.rule, p.reason.lint]).toEqual(['set-success', ['irp-given']]);
    expect(hexOf(irp)).toBe(irp64('00000000', '00000000'));
    expect(receiveStored(p, s)).toBe(true);
  });

  it('an IRP on an enable that also passes OutputSizeReturned: both deviations listed in table order; windows tolerates both', () => {
    for (const policy of ['strict', 'windows'] as const) {
      const p = provider(policy);
      const s = listener(p);
      const irp = canary(208), osr = canary(8);
      const st = p.wskControlSocket(s, SET, CODE.SO_WSK_EVENT_CALLBACK!, SOL, 16, ecc(ACCEPT), 0, null, osr, irp);
      expect(hexOf(osr)).toBe('cc'.repeat(8));
      if (policy === 'strict') {
        // check 10 decides first; the IRP rule is not reached
        expect([st, p.reason.rule, p.reason.lint]).toEqual([STATUS.STATUS_INVALID_PARAMETER, 'unused-args-null', ['output-size-returned-given']]);
      } else {
        expect([st, p.reason.rule, p.reason.lint]).toEqual([STATUS.STATUS_SUCCESS, 'set-success', ['output-size-returned-given', 'irp-given']]);
      }
    }
  });

  it('a disable with an IRP is documented: no deviation in any preset', () => {
    for (const policy of ['strict', 'windows', 'lenient'] as const) {
      const p = provider(policy);
      const s = listener(p);
      expect(enable(p, s, ACCEPT, null)).toBe(STATUS.STATUS_SUCCESS);
      expect(enable(p, s, '00020080', canary(208))).toBe(STATUS.STATUS_SUCCESS);
      expect(p.reason.lint).toBe(NO_LINT);
    }
  });
});

describe('windows-ipv6-v6only-inet-tcp', () => {
  it('strict: check 7b refuses IPV6_V6ONLY on an AF_INET socket', () => {
    const p = provider('strict');
    const s = p.wskSocket(tcp(AF.AF_INET!)).socket;
    const out = canary(4);
    expect(p.wskControlSocket(s, GET, V6ONLY, IPV6, 0, null, 4, out, null, canary(208))).toBe(STATUS.STATUS_NOT_SUPPORTED);
    expect(p.reason.rule).toBe('option-transport');
    expect(hexOf(out)).toBe('cccccccc');
  });

  it('windows: Get reads 1, Set 0 before bind reads back 0, Set after bind is check 12 with the value unchanged', () => {
    const p = provider('windows');
    const s = p.wskSocket(tcp(AF.AF_INET!, WSK_FLAG.WSK_FLAG_CONNECTION_SOCKET!)).socket;
    const get = (): string => { const out = canary(6); expect(p.wskControlSocket(s, GET, V6ONLY, IPV6, 0, null, 4, out, null, canary(208))).toBe(STATUS.STATUS_SUCCESS); return hexOf(out); };
    expect(get()).toBe('01000000cccc');
    expect(p.wskControlSocket(s, SET, V6ONLY, IPV6, 4, zero(), 0, null, null, canary(208))).toBe(STATUS.STATUS_SUCCESS);
    expect(get()).toBe('00000000cccc');
    expect(p.wskBind(s, encodeSockaddrText('127.0.0.1:5150')!, 0, canary(208))).toBe(STATUS.STATUS_SUCCESS);
    const irp = canary(208);
    expect(p.wskControlSocket(s, SET, V6ONLY, IPV6, 4, one(), 0, null, null, irp)).toBe(STATUS.STATUS_INVALID_DEVICE_STATE);
    expect(p.reason.rule).toBe('timing');
    expect(hexOf(irp)).toBe(irp64('840100c0', '00000000'));
    expect(get()).toBe('00000000cccc');
  });

  it('windows: an AF_INET UDP socket is still refused by check 7b', () => {
    const p = provider('windows');
    const s = p.wskSocket(udp4).socket;
    expect(p.wskControlSocket(s, GET, V6ONLY, IPV6, 0, null, 4, canary(4), null, canary(208))).toBe(STATUS.STATUS_NOT_SUPPORTED);
  });
});

describe('windows-ipproto-ip-on-dual-stack: msquic\'s IPPROTO_IP Sets on its dual-stack AF_INET6 datagram socket', () => {
  const IP = LEVEL.IPPROTO_IP!;
  const udp6 = { family: AF.AF_INET6!, type: SOCK.SOCK_DGRAM!, protocol: 0, flags: WSK_FLAG.WSK_FLAG_DATAGRAM_SOCKET! };
  // msquic's order (lines 1420-1692) and values; IP_UNICAST_IF takes the index in network byte order
  const OPTIONS: [string, string][] = [['IP_DONTFRAGMENT', '01000000'], ['IP_PKTINFO', '01000000'], ['IP_RECVTOS', '01000000'], ['IP_ECN', '01000000'], ['IP_RECVERR', '01000000'], ['IP_HOPLIMIT', '01000000'], ['IP_UNICAST_IF', '00000007']];
  const socket = (p: WskProvider, v6only: Buffer | null, kind = udp6): number => {
    const s = p.wskSocket(kind).socket;
    if (v6only !== null) expect(p.wskControlSocket(s, SET, V6ONLY, IPV6, 4, v6only, 0, null, null, canary(208))).toBe(STATUS.STATUS_SUCCESS);
    return s;
  };
  const ipSet = (p: WskProvider, s: number, code: string, value: string, irp: Buffer, osr: Buffer): number =>
    p.wskControlSocket(s, SET, CODE[code as keyof typeof CODE]!, IP, 4, Buffer.from(value, 'hex'), 0, null, osr, irp);

  it('strict: every one is check 7b (STATUS_NOT_SUPPORTED), IRP completed with it, OutputSizeReturned untouched', () => {
    const p = provider('strict');
    const s = socket(p, zero());
    for (const [code, value] of OPTIONS) {
      const irp = canary(208), osr = canary(8);
      expect(ipSet(p, s, code, value, irp, osr)).toBe(STATUS.STATUS_NOT_SUPPORTED);
      expect([code, p.reason.rule, p.reason.lint]).toEqual([code, 'option-transport', []]);
      expect(hexOf(irp)).toBe(irp64('bb0000c0', '00000000'));
      expect(hexOf(osr)).toBe('cc'.repeat(8));
    }
  });

  it('windows: each succeeds on the dual-stack socket, IRP {STATUS_SUCCESS, 0}; a Get keeps check 7b', () => {
    const p = provider('windows');
    const s = socket(p, zero());
    for (const [code, value] of OPTIONS) {
      const irp = canary(208), osr = canary(8);
      expect([code, ipSet(p, s, code, value, irp, osr)]).toEqual([code, STATUS.STATUS_SUCCESS]);
      expect([p.reason.rule, p.reason.lint]).toEqual(['windows-ipproto-ip-on-dual-stack', ['output-size-returned-given']]);
      expect(hexOf(irp)).toBe(irp64('00000000', '00000000'));
      expect(hexOf(osr)).toBe('cc'.repeat(8));
    }
    const out = canary(6);
    expect(p.wskControlSocket(s, GET, CODE.IP_DONTFRAGMENT!, IP, 0, null, 4, out, null, canary(208))).toBe(STATUS.STATUS_NOT_SUPPORTED);
    expect(hexOf(out)).toBe('cc'.repeat(6));
  });

  it('windows: not on a V6ONLY socket (the default, or set back to 1), nor on a dual-stack stream socket', () => {
    const p = provider('windows');
    for (const s of [socket(p, null), socket(p, one())]) {
      const irp = canary(208);
      expect(ipSet(p, s, 'IP_PKTINFO', '01000000', irp, canary(8))).toBe(STATUS.STATUS_NOT_SUPPORTED);
      expect(p.reason.rule).toBe('option-transport');
      expect(hexOf(irp)).toBe(irp64('bb0000c0', '00000000'));
    }
    const t = socket(p, zero(), tcp(AF.AF_INET6!, WSK_FLAG.WSK_FLAG_CONNECTION_SOCKET!));
    expect(ipSet(p, t, 'IP_UNICAST_IF', '00000007', canary(208), canary(8))).toBe(STATUS.STATUS_NOT_SUPPORTED);
  });

  it('windows, completion pending: dual-stack is judged when the call is delivered', () => {
    const p = provider('windows', 'pending');
    const s = p.wskSocket(udp6).socket;
    expect(p.wskControlSocket(s, SET, V6ONLY, IPV6, 4, zero(), 0, null, null, canary(208))).toBe(STATUS.STATUS_PENDING);
    const irp = canary(208);
    expect(ipSet(p, s, 'IP_PKTINFO', '01000000', irp, canary(8))).toBe(STATUS.STATUS_PENDING);
    expect(hexOf(irp)).toBe('cc'.repeat(208));
    expect(p.deliverCompletions()).toBe(2);
    expect(hexOf(irp)).toBe(irp64('00000000', '00000000'));
  });
});

describe('windows-reuseaddr-connected: SO_REUSEADDR Set on a connected socket (wdrbd, windrbd)', () => {
  const REUSE = CODE.SO_REUSEADDR!;
  const get = (p: WskProvider, s: number): string => {
    const out = canary(6);
    expect(p.wskControlSocket(s, GET, REUSE, SOL, 0, null, 4, out, null, canary(208))).toBe(STATUS.STATUS_SUCCESS);
    return hexOf(out);
  };
  /** A connection socket bound to 10.0.0.1:6001 and connected to a remote listener at 192.0.2.7:7788. */
  const connectedSocket = (p: WskProvider): number => {
    p.setAddressList(AF.AF_INET!, ['10.0.0.1:0']);
    p.addRemoteListener(encodeSockaddrText('192.0.2.7:7788')!);
    const s = p.wskSocket(tcp(AF.AF_INET!, WSK_FLAG.WSK_FLAG_CONNECTION_SOCKET!)).socket;
    expect(p.wskBind(s, encodeSockaddrText('10.0.0.1:6001')!, 0, canary(208))).toBe(STATUS.STATUS_SUCCESS);
    expect(p.wskConnect(s, encodeSockaddrText('192.0.2.7:7788')!, 0, canary(208))).toBe(STATUS.STATUS_SUCCESS);
    return s;
  };

  it('strict: check 12 (STATUS_INVALID_DEVICE_STATE), IRP completed with it, the value unchanged', () => {
    const p = provider('strict');
    const s = connectedSocket(p);
    const irp = canary(208);
    expect(p.wskControlSocket(s, SET, REUSE, SOL, 4, one(), 0, null, null, irp)).toBe(STATUS.STATUS_INVALID_DEVICE_STATE);
    expect(p.reason.rule).toBe('timing');
    expect(hexOf(irp)).toBe(irp64('840100c0', '00000000'));
    expect(get(p, s)).toBe('00000000cccc');
  });

  it('windows: accepted on the connected socket, IRP {STATUS_SUCCESS, 0}, reads back 1; not on a socket only bound', () => {
    const p = provider('windows');
    p.setAddressList(AF.AF_INET!, ['10.0.0.1:0']);
    p.addRemoteListener(encodeSockaddrText('192.0.2.7:7788')!);
    const s = p.wskSocket(tcp(AF.AF_INET!, WSK_FLAG.WSK_FLAG_CONNECTION_SOCKET!)).socket;
    expect(p.wskBind(s, encodeSockaddrText('10.0.0.1:6001')!, 0, canary(208))).toBe(STATUS.STATUS_SUCCESS);
    expect(p.wskControlSocket(s, SET, REUSE, SOL, 4, one(), 0, null, null, canary(208))).toBe(STATUS.STATUS_INVALID_DEVICE_STATE);
    expect(p.wskConnect(s, encodeSockaddrText('192.0.2.7:7788')!, 0, canary(208))).toBe(STATUS.STATUS_SUCCESS);
    const irp = canary(208);
    expect(p.wskControlSocket(s, SET, REUSE, SOL, 4, one(), 0, null, null, irp)).toBe(STATUS.STATUS_SUCCESS);
    expect([p.reason.rule, p.reason.lint]).toEqual(['windows-reuseaddr-connected', []]);
    expect(hexOf(irp)).toBe(irp64('00000000', '00000000'));
    expect(get(p, s)).toBe('01000000cccc');
    // the other checks still decide: a value outside {0, 1} is check 11
    expect(p.wskControlSocket(s, SET, REUSE, SOL, 4, Buffer.from('02000000', 'hex'), 0, null, null, canary(208))).toBe(STATUS.STATUS_INVALID_PARAMETER);
    expect(p.reason.rule).toBe('value-domain');
  });

  it('windows: without effect on the existing binding: a later bind to the port is judged as if the Set had not been made', () => {
    const outcome = (set: boolean): [number, string] => {
      const p = provider('windows');
      const s = connectedSocket(p);
      if (set) expect(p.wskControlSocket(s, SET, REUSE, SOL, 4, one(), 0, null, null, canary(208))).toBe(STATUS.STATUS_SUCCESS);
      const t = p.wskSocket(tcp(AF.AF_INET!, WSK_FLAG.WSK_FLAG_CONNECTION_SOCKET!)).socket;
      expect(p.wskControlSocket(t, SET, REUSE, SOL, 4, one(), 0, null, null, canary(208))).toBe(STATUS.STATUS_SUCCESS);
      const st = p.wskBind(t, encodeSockaddrText('10.0.0.1:6001')!, 0, canary(208));
      return [st, p.reason.rule];
    };
    expect(outcome(true)).toEqual(outcome(false));
  });

  it('windows, completion pending: the Set pends and completes with success when delivered', () => {
    const p = provider('windows', 'pending');
    p.setAddressList(AF.AF_INET!, ['10.0.0.1:0']);
    p.addRemoteListener(encodeSockaddrText('192.0.2.7:7788')!);
    const s = p.wskSocket(tcp(AF.AF_INET!, WSK_FLAG.WSK_FLAG_CONNECTION_SOCKET!)).socket;
    p.wskBind(s, encodeSockaddrText('10.0.0.1:6001')!, 0, canary(208));
    p.deliverCompletions();
    p.wskConnect(s, encodeSockaddrText('192.0.2.7:7788')!, 0, canary(208));
    p.deliverCompletions();
    const irp = canary(208);
    expect(p.wskControlSocket(s, SET, REUSE, SOL, 4, one(), 0, null, null, irp)).toBe(STATUS.STATUS_PENDING);
    expect(hexOf(irp)).toBe('cc'.repeat(208));
    expect(p.deliverCompletions()).toBe(1);
    expect(hexOf(irp)).toBe(irp64('00000000', '00000000'));
  });
});

describe('WskBind: windows-bind-address-status', () => {
  const cases: [string, Buffer, number, number, number][] = [
    // name, image, LocalAddress size, strict status, windows status
    ['family mismatch', encodeSockaddrText('[::1]:5150')!, 28, STATUS.STATUS_INVALID_PARAMETER, STATUS.STATUS_INVALID_ADDRESS],
    ['shorter than SOCKADDR_IN', encodeSockaddrText('127.0.0.1:5150')!, 8, STATUS.STATUS_INVALID_PARAMETER, STATUS.STATUS_INVALID_ADDRESS],
    ['too short for sa_family', encodeSockaddrText('127.0.0.1:5150')!, 1, STATUS.STATUS_INVALID_PARAMETER, STATUS.STATUS_INVALID_PARAMETER],
  ];
  it.each(cases)('%s', (_name, image, size, strict, windows) => {
    for (const [policy, want, rule] of [['strict', strict, 'bind-address'], ['windows', windows, 'windows-bind-address-status'], ['lenient', strict, 'bind-address']] as const) {
      const p = provider(policy);
      const s = p.wskSocket(tcp(AF.AF_INET!)).socket;
      const irp = canary(208);
      expect(p.wskBind(s, image, 0, irp, size)).toBe(want);
      expect(p.reason.rule).toBe(rule);
      expect(hexOf(irp)).toBe(irp64(want.toString(16).padStart(8, '0').match(/../g)!.reverse().join(''), '00000000'));
      expect(p.inspect(s)!.bound).toBe(false);
    }
  });
});

describe('rebinding is decided synchronously in both completion modes (every preset)', () => {
  it.each(['strict', 'windows', 'lenient'] as const)('%s, completion pending', (policy) => {
    const p = provider(policy, 'pending');
    const s = p.wskSocket(tcp(AF.AF_INET!)).socket;
    expect(p.wskBind(s, encodeSockaddrText('127.0.0.1:5150')!, 0, canary(208))).toBe(STATUS.STATUS_PENDING);
    p.deliverCompletions();
    const irp = canary(208);
    expect(p.wskBind(s, encodeSockaddrText('127.0.0.1:5151')!, 0, irp)).toBe(STATUS.STATUS_ADDRESS_ALREADY_ASSOCIATED);
    expect(p.reason.rule).toBe('bind-rebind');
    expect(hexOf(irp)).toBe(irp64('380200c0', '00000000'));
    expect(p.pendingCount).toBe(0);
  });
});

describe('local addresses once the host list is set (every preset)', () => {
  const bind = (p: WskProvider, family: number, text: string): number => {
    const s = p.wskSocket(tcp(family)).socket;
    return p.wskBind(s, encodeSockaddrText(text)!, 0, canary(208));
  };
  it('until a list is set every address is local', () => {
    const p = provider('strict');
    expect(bind(p, AF.AF_INET!, '192.0.2.1:5150')).toBe(STATUS.STATUS_SUCCESS);
    expect(bind(p, AF.AF_INET6!, '[100::]:5150')).toBe(STATUS.STATUS_SUCCESS);
  });
  it.each(['strict', 'windows', 'lenient'] as const)('%s: a specific address neither loopback nor listed is STATUS_INVALID_ADDRESS_COMPONENT', (policy) => {
    const p = provider(policy);
    p.setAddressList(AF.AF_INET!, ['10.0.0.5:0']);
    const s = p.wskSocket(tcp(AF.AF_INET!)).socket;
    const irp = canary(208);
    expect(p.wskBind(s, encodeSockaddrText('192.0.2.0:5150')!, 0, irp)).toBe(STATUS.STATUS_INVALID_ADDRESS_COMPONENT);
    expect(p.reason.rule).toBe('bind-local-address');
    expect(hexOf(irp)).toBe(irp64('070200c0', '00000000'));
    expect(bind(p, AF.AF_INET!, '10.0.0.5:5150')).toBe(STATUS.STATUS_SUCCESS);
    expect(bind(p, AF.AF_INET!, '127.0.0.7:5150')).toBe(STATUS.STATUS_SUCCESS);
    expect(bind(p, AF.AF_INET!, '0.0.0.0:5151')).toBe(STATUS.STATUS_SUCCESS);
    // the AF_INET6 list was not set: IPv6 addresses are all local
    expect(bind(p, AF.AF_INET6!, '[100::]:5150')).toBe(STATUS.STATUS_SUCCESS);
    p.setAddressList(AF.AF_INET6!, ['[2001:db8::1]:0']);
    expect(bind(p, AF.AF_INET6!, '[100::]:5152')).toBe(STATUS.STATUS_INVALID_ADDRESS_COMPONENT);
    expect(bind(p, AF.AF_INET6!, '[2001:db8::1]:5152')).toBe(STATUS.STATUS_SUCCESS);
    expect(bind(p, AF.AF_INET6!, '[::1]:5152')).toBe(STATUS.STATUS_SUCCESS);
    expect(bind(p, AF.AF_INET6!, '[::]:5153')).toBe(STATUS.STATUS_SUCCESS);
    // a v4-mapped address is judged as its IPv4 address
    expect(bind(p, AF.AF_INET6!, '[::ffff:192.0.2.0]:5154')).toBe(STATUS.STATUS_INVALID_ADDRESS_COMPONENT);
    expect(bind(p, AF.AF_INET6!, '[::ffff:10.0.0.5]:5154')).toBe(STATUS.STATUS_SUCCESS);
  });
  it('completion pending: the refusal arrives through the IRP', () => {
    const p = provider('strict', 'pending');
    p.setAddressList(AF.AF_INET!, ['10.0.0.5:0']);
    const s = p.wskSocket(tcp(AF.AF_INET!)).socket;
    const irp = canary(208);
    expect(p.wskBind(s, encodeSockaddrText('192.0.2.0:5150')!, 0, irp)).toBe(STATUS.STATUS_PENDING);
    p.deliverCompletions();
    expect(hexOf(irp)).toBe(irp64('070200c0', '00000000'));
  });
});

describe('evidence-entry-reported: a success an evidence-based entry made possible names the entry, and only that call', () => {
  const IP = LEVEL.IPPROTO_IP!;
  const PKTINFO = CODE.IP_PKTINFO!;
  const dualStack = (p: WskProvider): number => {
    const s = p.wskSocket({ family: AF.AF_INET6!, type: SOCK.SOCK_DGRAM!, protocol: 0, flags: WSK_FLAG.WSK_FLAG_DATAGRAM_SOCKET! }).socket;
    p.wskControlSocket(s, SET, V6ONLY, IPV6, 4, zero(), 0, null, null, canary(208));
    return s;
  };

  it('inline: the entry decides its call; the next plain Set, a refused call and a WskControlClient report their own rules', () => {
    const p = provider('windows');
    const s = dualStack(p);
    expect(p.wskControlSocket(s, SET, PKTINFO, IP, 4, one(), 0, null, null, canary(208))).toBe(STATUS.STATUS_SUCCESS);
    expect(p.reason.rule).toBe('windows-ipproto-ip-on-dual-stack');
    // a plain Set of a row that fits natively (full sequence and guarded path alike)
    for (let i = 0; i < 2; i++) {
      expect(p.wskControlSocket(s, SET, V6ONLY, IPV6, 4, zero(), 0, null, null, canary(208))).toBe(STATUS.STATUS_SUCCESS);
      expect(p.reason.rule).toBe('set-success');
    }
    // the entry passed check 7b, then check 11 refused: the failing check decides
    expect(p.wskControlSocket(s, SET, PKTINFO, IP, 4, Buffer.from('02000000', 'hex'), 0, null, null, canary(208))).toBe(STATUS.STATUS_INVALID_PARAMETER);
    expect(p.reason.rule).toBe('value-domain');
    expect(p.wskControlSocket(s, SET, PKTINFO, IP, 4, one(), 0, null, null, canary(208))).toBe(STATUS.STATUS_SUCCESS);
    // WSK_TDI_BEHAVIOR after a socket exists (policy tdi-behavior)
    expect(p.wskControlClient(CLIENT_CODE.WSK_TDI_BEHAVIOR!, 4, zero(), 0, null, null, null)).toBe(STATUS.STATUS_INVALID_DEVICE_STATE);
    expect(p.reason.rule).not.toBe('windows-ipproto-ip-on-dual-stack');
  });

  it('strict answers the same call with check 7b: the entry is what changed it', () => {
    const p = provider('strict');
    const s = dualStack(p);
    expect(p.wskControlSocket(s, SET, PKTINFO, IP, 4, one(), 0, null, null, canary(208))).toBe(STATUS.STATUS_NOT_SUPPORTED);
    expect(p.reason.rule).toBe('option-transport');
  });

  it('pending: judged at delivery; a delivery after it of a plain Set reports set-success', () => {
    const p = provider('windows', 'pending');
    const s = p.wskSocket({ family: AF.AF_INET6!, type: SOCK.SOCK_DGRAM!, protocol: 0, flags: WSK_FLAG.WSK_FLAG_DATAGRAM_SOCKET! }).socket;
    p.wskControlSocket(s, SET, V6ONLY, IPV6, 4, zero(), 0, null, null, canary(208));
    p.deliverCompletions();
    expect(p.wskControlSocket(s, SET, PKTINFO, IP, 4, one(), 0, null, null, canary(208))).toBe(STATUS.STATUS_PENDING);
    expect(p.deliverCompletions()).toBe(1);
    expect(p.reason.rule).toBe('windows-ipproto-ip-on-dual-stack');
    expect(p.wskControlSocket(s, SET, V6ONLY, IPV6, 4, zero(), 0, null, null, canary(208))).toBe(STATUS.STATUS_PENDING);
    expect(p.deliverCompletions()).toBe(1);
    expect(p.reason.rule).toBe('set-success');
  });
});
