// Vectors of the datagram options real WSK clients set (abi/options.ts DATAGRAM_ROWS, policy datagram-options).
// Expected bytes are typed here from the Winsock pages: a ULONG value little-endian in the first 4 bytes of an
// 8-byte canary buffer, IoStatus {status, 4} for a Get and {status, 0} for a Set; the script never runs the simulator.
const { ARCHES, sock, irpDone, write, ST } = require('./lib');

const ok = 'STATUS_SUCCESS';
const get = (arch, code, level, outHex, statusName, stHex, info, rule) => ({ op: 'control', socket: 's1', requestType: 'WskGetOption', controlCode: code, level, outputSize: 4, output: { length: 8, fill: 'cc' }, irp: { fill: 'cc' },
  expect: { status: statusName, output: outHex, irp: irpDone(arch, statusName, stHex, info), ...(rule ? { rule } : {}) } });
const set = (arch, code, level, inHex, statusName, stHex, inSize = 4, rule) => ({ op: 'control', socket: 's1', requestType: 'WskSetOption', controlCode: code, level, inputSize: inSize, input: inHex, irp: { fill: 'cc' },
  expect: { status: statusName, irp: irpDone(arch, statusName, stHex, '00000000'), ...(rule ? { rule } : {}) } });
const udp4 = [sock('s1', 'AF_INET', 'SOCK_DGRAM', 'WSK_FLAG_DATAGRAM_SOCKET')];
const udp6 = [sock('s1', 'AF_INET6', 'SOCK_DGRAM', 'WSK_FLAG_DATAGRAM_SOCKET')];
const basic6 = [sock('s1', 'AF_INET6', 'SOCK_DGRAM', 'WSK_FLAG_BASIC_SOCKET')];
const tcp4 = [sock('s1', 'AF_INET', 'SOCK_STREAM', 'WSK_FLAG_CONNECTION_SOCKET')];
const tcp6 = [sock('s1', 'AF_INET6', 'SOCK_STREAM', 'WSK_FLAG_CONNECTION_SOCKET')];
const IP = 'ipproto-ip-socket-options.md (Win32)';
const IP6 = 'ipproto-ipv6-socket-options.md (Win32)';
const UDP = 'ipproto-udp-socket-options.md (Win32)';
const HDR = 'ws2ipdef.h value; no Winsock page lists it (policy datagram-options)';
const BOOL = { setHex: '01000000', bad: '02000000', badSrc: 'docs/POLICY.md#check-11: a flag takes 0 or 1 (strict)' };

// code, level, setup, other-family setup, other-type setup (when the page restricts the socket type), source
const OPTIONS = [
  { code: 'IP_DONTFRAGMENT', level: 'IPPROTO_IP', setup: udp4, family: udp6, type: tcp4, src: `${IP}: DWORD (boolean), message-oriented protocols only`, ...BOOL },
  { code: 'IP_PKTINFO', level: 'IPPROTO_IP', setup: udp4, family: udp6, src: `${IP}: DWORD`, ...BOOL },
  { code: 'IP_HOPLIMIT', level: 'IPPROTO_IP', setup: udp4, family: udp6, type: tcp4, src: `${IP}: IP_RECVTTL (= IP_HOPLIMIT) DWORD (boolean), datagram and raw sockets only`, ...BOOL },
  { code: 'IP_RECVTOS', level: 'IPPROTO_IP', setup: udp4, family: udp6, type: tcp4, src: `${IP}: DWORD (boolean), datagram sockets only`, ...BOOL },
  { code: 'IP_ECN', level: 'IPPROTO_IP', setup: udp4, family: udp6, src: HDR, ...BOOL },
  { code: 'IP_RECVERR', level: 'IPPROTO_IP', setup: udp4, family: udp6, src: HDR, ...BOOL },
  { code: 'IPV6_DONTFRAG', level: 'IPPROTO_IPV6', setup: udp6, family: udp4, src: HDR, ...BOOL },
  { code: 'IPV6_PKTINFO', level: 'IPPROTO_IPV6', setup: udp6, family: udp4, src: `${IP6}: DWORD (boolean)`, ...BOOL },
  { code: 'IPV6_HOPLIMIT', level: 'IPPROTO_IPV6', setup: udp6, family: udp4, type: tcp6, src: `${IP6}: DWORD (boolean), datagram and raw sockets only`, ...BOOL },
  { code: 'IPV6_TCLASS', level: 'IPPROTO_IPV6', setup: basic6, family: udp4, src: `${HDR}; a traffic class, at most 255`, setHex: '04000000', bad: '00010000', badSrc: 'policy datagram-options: IPV6_TCLASS above 255 is rejected' },
  { code: 'IPV6_RECVTCLASS', level: 'IPPROTO_IPV6', setup: udp6, family: udp4, type: tcp6, src: `${IP6}: DWORD (boolean), datagram sockets only`, ...BOOL },
  { code: 'IPV6_ECN', level: 'IPPROTO_IPV6', setup: udp6, family: udp4, src: HDR, ...BOOL },
  { code: 'IPV6_RECVERR', level: 'IPPROTO_IPV6', setup: udp6, family: udp4, src: HDR, ...BOOL },
  { code: 'UDP_SEND_MSG_SIZE', level: 'IPPROTO_UDP', setup: basic6, type: tcp6, src: `${UDP}: DWORD bytes, default 0`, setHex: 'b0040000' },
  { code: 'UDP_RECV_MAX_COALESCED_SIZE', level: 'IPPROTO_UDP', setup: udp4, type: tcp4, src: `${UDP}: DWORD bytes, default 0`, setHex: 'f7ff0000' },
];

const vs = [];
for (const o of OPTIONS) for (const arch of ARCHES) {
  const id = (t) => `${o.code.toLowerCase()}/${t}/${arch}`;
  vs.push({ id: id('get-default'), arch, source: `${o.src}; reads 0 until set (policy datagram-options)`, steps: [...o.setup, get(arch, o.code, o.level, '00000000cccccccc', ok, ST.SUCCESS, '04000000')] });
  vs.push({ id: id('set-then-get'), arch, source: o.src, steps: [...o.setup, set(arch, o.code, o.level, o.setHex, ok, ST.SUCCESS), get(arch, o.code, o.level, `${o.setHex}cccccccc`, ok, ST.SUCCESS, '04000000')] });
  vs.push({ id: id('set-size-3'), arch, source: 'docs/POLICY.md#check-9: Set InputSize must equal sizeof(ULONG) (strict)', steps: [...o.setup, set(arch, o.code, o.level, o.setHex, 'STATUS_INVALID_PARAMETER', ST.INVALID_PARAMETER, 3, 'set-input-size')] });
  vs.push({ id: id('get-size-3'), arch, source: 'docs/POLICY.md#check-9: Get OutputSize < 4 -> STATUS_BUFFER_TOO_SMALL, output untouched', steps: [...o.setup,
    { op: 'control', socket: 's1', requestType: 'WskGetOption', controlCode: o.code, level: o.level, outputSize: 3, output: { length: 8, fill: 'cc' }, irp: { fill: 'cc' }, expect: { status: 'STATUS_BUFFER_TOO_SMALL', output: 'cccccccccccccccc', irp: irpDone(arch, 'STATUS_BUFFER_TOO_SMALL', ST.BUFFER_TOO_SMALL, '00000000') } }] });
  vs.push({ id: id('set-no-irp'), arch, source: 'docs/POLICY.md#check-6: the IRP is required', steps: [...o.setup,
    { op: 'control', socket: 's1', requestType: 'WskSetOption', controlCode: o.code, level: o.level, inputSize: 4, input: o.setHex, expect: { status: 'STATUS_INVALID_PARAMETER', rule: 'irp-required' } }] });
  vs.push({ id: id('set-output-size-returned'), arch, source: 'docs/POLICY.md#check-10: OutputSizeReturned must be NULL on a Set (strict); msquic passes one (docs/EVIDENCE.md)', steps: [...o.setup,
    { op: 'control', socket: 's1', requestType: 'WskSetOption', controlCode: o.code, level: o.level, inputSize: 4, input: o.setHex, outputSizeReturned: { fill: 'cc' }, irp: { fill: 'cc' },
      expect: { status: 'STATUS_INVALID_PARAMETER', outputSizeReturned: arch === 'x86' ? 'cccccccc' : 'cccccccccccccccc', irp: irpDone(arch, 'STATUS_INVALID_PARAMETER', ST.INVALID_PARAMETER, '00000000'), rule: 'unused-args-null' } },
    get(arch, o.code, o.level, '00000000cccccccc', ok, ST.SUCCESS, '04000000')] });
  if (o.bad) vs.push({ id: id('set-out-of-domain'), arch, source: o.badSrc, steps: [...o.setup, set(arch, o.code, o.level, o.bad, 'STATUS_INVALID_PARAMETER', ST.INVALID_PARAMETER, 4, 'value-domain'), get(arch, o.code, o.level, '00000000cccccccc', ok, ST.SUCCESS, '04000000')] });
  for (const [name, steps] of [['family', o.family], ['type', o.type]]) {
    if (!steps) continue;
    vs.push({ id: id(`wrong-${name}`), arch, source: `policy transport-option-applicability (check 7b): ${name === 'family' ? 'the level belongs to the other address family' : 'the page restricts the socket type'}`, steps: [...steps,
      { op: 'control', socket: 's1', requestType: 'WskGetOption', controlCode: o.code, level: o.level, outputSize: 4, output: { length: 4, fill: 'cc' }, irp: { fill: 'cc' }, expect: { status: 'STATUS_NOT_SUPPORTED', output: 'cccccccc', irp: irpDone(arch, 'STATUS_NOT_SUPPORTED', ST.NOT_SUPPORTED, '00000000'), rule: 'option-transport' } }] });
  }
}
write('datagram-options', 'Datagram options real WSK clients set (IPPROTO_IP, IPPROTO_IPV6, IPPROTO_UDP)', vs);
