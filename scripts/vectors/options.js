const { ARCHES, sock, bind, irpDone, write, ST } = require('./lib');
const get = (arch, s, code, level, outHex, statusName, stHex, info) => ({ op: 'control', socket: s, requestType: 'WskGetOption', controlCode: code, level, outputSize: 4, output: { length: 8, fill: 'cc' }, irp: { fill: 'cc' },
  expect: { status: statusName, output: outHex, irp: irpDone(arch, statusName, stHex, info) } });
const set = (arch, s, code, level, inHex, statusName, stHex, inSize = 4) => ({ op: 'control', socket: s, requestType: 'WskSetOption', controlCode: code, level, inputSize: inSize, input: inHex, irp: { fill: 'cc' },
  expect: { status: statusName, irp: irpDone(arch, statusName, stHex, '00000000') } });
const ok = 'STATUS_SUCCESS';
function optionVectors(file, title, list) {
  const vs = [];
  for (const o of list) for (const arch of ARCHES) {
    const id = (t) => `${o.code.toLowerCase()}/${t}/${arch}`;
    const S = o.setup; // steps creating socket "s1" of an applicable kind
    vs.push({ id: id('get-default'), arch, source: o.src + '; default ' + o.defNote, steps: [...S, get(arch, 's1', o.code, o.level, o.defHex + 'cccccccc', ok, ST.SUCCESS, '04000000')] });
    vs.push({ id: id('set-then-get'), arch, source: o.src, steps: [...S, set(arch, 's1', o.code, o.level, o.setHex, ok, ST.SUCCESS), get(arch, 's1', o.code, o.level, (o.getHex ?? o.setHex) + 'cccccccc', ok, ST.SUCCESS, '04000000')] });
    vs.push({ id: id('set-size-3'), arch, source: 'docs/POLICY.md#check-9: Set InputSize must equal sizeof(ULONG) (strict)', steps: [...S, set(arch, 's1', o.code, o.level, o.setHex, 'STATUS_INVALID_PARAMETER', ST.INVALID_PARAMETER, 3)] });
    vs.push({ id: id('get-size-3'), arch, source: 'docs/POLICY.md#check-9: Get OutputSize < 4 -> STATUS_BUFFER_TOO_SMALL, output untouched', steps: [...S,
      { op: 'control', socket: 's1', requestType: 'WskGetOption', controlCode: o.code, level: o.level, outputSize: 3, output: { length: 8, fill: 'cc' }, irp: { fill: 'cc' }, expect: { status: 'STATUS_BUFFER_TOO_SMALL', output: 'cccccccccccccccc', irp: irpDone(arch, 'STATUS_BUFFER_TOO_SMALL', ST.BUFFER_TOO_SMALL, '00000000') } }] });
    vs.push({ id: id('set-no-irp'), arch, source: 'docs/POLICY.md#check-6: the IRP is required', steps: [...S,
      { op: 'control', socket: 's1', requestType: 'WskSetOption', controlCode: o.code, level: o.level, inputSize: 4, input: o.setHex, expect: { status: 'STATUS_INVALID_PARAMETER', rule: 'irp-required' } }] });
    if (o.badValue) vs.push({ id: id('set-out-of-domain'), arch, source: o.badSrc, steps: [...S, set(arch, 's1', o.code, o.level, o.badValue, 'STATUS_INVALID_PARAMETER', ST.INVALID_PARAMETER), get(arch, 's1', o.code, o.level, o.defHex + 'cccccccc', ok, ST.SUCCESS, '04000000')] });
    for (const [name, steps, stName, stHex, rule] of o.wrong) vs.push({ id: id(`wrong-kind-${name}`), arch, source: rule === 'option-transport' ? 'policy transport-option-applicability (check 7b)' : 'docs/POLICY.md#check-7: category not listed by the page', steps: [...steps,
      { op: 'control', socket: 's1', requestType: 'WskGetOption', controlCode: o.code, level: o.level, outputSize: 4, output: { length: 4, fill: 'cc' }, irp: { fill: 'cc' }, expect: { status: stName, output: 'cccccccc', irp: irpDone(arch, stName, stHex, '00000000'), rule } }] });
    for (const extra of o.extra ?? []) vs.push(extra(arch, id));
  }
  write(file, title, vs);
}
const udp4 = [sock('s1', 'AF_INET', 'SOCK_DGRAM', 'WSK_FLAG_DATAGRAM_SOCKET')];
const udp6 = [sock('s1', 'AF_INET6', 'SOCK_DGRAM', 'WSK_FLAG_DATAGRAM_SOCKET')];
const tcpListen = [sock('s1', 'AF_INET', 'SOCK_STREAM', 'WSK_FLAG_LISTEN_SOCKET')];
const tcpConn = [sock('s1', 'AF_INET', 'SOCK_STREAM', 'WSK_FLAG_CONNECTION_SOCKET')];
const tcpBasic6 = [sock('s1', 'AF_INET6', 'SOCK_STREAM', 'WSK_FLAG_BASIC_SOCKET')];
const tcpStream = [sock('s1', 'AF_INET', 'SOCK_STREAM', 'WSK_FLAG_STREAM_SOCKET')];
const CAT = (name, steps) => [name, steps, 'STATUS_INVALID_DEVICE_REQUEST', ST.INVALID_DEVICE_REQUEST, 'socket-category'];
const TRN = (name, steps) => [name, steps, 'STATUS_NOT_SUPPORTED', ST.NOT_SUPPORTED, 'option-transport'];
const BOOLBAD = { badValue: '02000000', badSrc: 'docs/POLICY.md#check-11: a boolean option takes 0 or 1 (strict)' };

optionVectors('sol-socket-options', 'SOL_SOCKET options other than SO_EXCLUSIVEADDRUSE/SO_REUSEADDR', [
  { code: 'SO_BROADCAST', level: 'SOL_SOCKET', setup: udp4, defHex: '00000000', defNote: 'not allowed (0)', setHex: '01000000', src: 'so-broadcast.md (windows-driver-docs): datagram sockets only, IRP required', ...BOOLBAD, wrong: [CAT('connection', tcpConn), CAT('stream', tcpStream), CAT('basic', [sock('s1', 'AF_INET', 'SOCK_DGRAM', 'WSK_FLAG_BASIC_SOCKET')])] },
  { code: 'SO_CONDITIONAL_ACCEPT', level: 'SOL_SOCKET', setup: tcpListen, defHex: '00000000', defNote: 'disabled (0)', setHex: '01000000', src: 'so-conditional-accept.md: listening sockets only', ...BOOLBAD, wrong: [CAT('connection', tcpConn), CAT('datagram', udp4)],
    extra: [(arch, id) => ({ id: id('set-after-bind'), arch, source: 'so-conditional-accept.md "before the listening socket is bound"; docs/POLICY.md#check-12 (strict)', steps: [...tcpListen, bind('s1', '127.0.0.1:5150'), set(arch, 's1', 'SO_CONDITIONAL_ACCEPT', 'SOL_SOCKET', '01000000', 'STATUS_INVALID_DEVICE_STATE', ST.INVALID_DEVICE_STATE)] }),
      (arch, id) => ({ id: id('stream-socket'), arch, source: 'policy stream-socket-options', steps: [...tcpStream, set(arch, 's1', 'SO_CONDITIONAL_ACCEPT', 'SOL_SOCKET', '01000000', ok, ST.SUCCESS)] })] },
  { code: 'SO_KEEPALIVE', level: 'SOL_SOCKET', setup: tcpConn, defHex: '00000000', defNote: 'disabled (0)', setHex: '01000000', src: 'so-keepalive.md: listening and connection-oriented sockets', ...BOOLBAD, wrong: [CAT('datagram', udp4)],
    extra: [(arch, id) => ({ id: id('lenient-normalises'), arch, policy: 'lenient', source: 'docs/POLICY.md#check-11, lenient: any nonzero is stored as 1', steps: [...tcpListen, set(arch, 's1', 'SO_KEEPALIVE', 'SOL_SOCKET', '00010000', ok, ST.SUCCESS), get(arch, 's1', 'SO_KEEPALIVE', 'SOL_SOCKET', '01000000cccccccc', ok, ST.SUCCESS, '04000000')] })] },
  { code: 'SO_RCVBUF', level: 'SOL_SOCKET', setup: tcpListen, defHex: '00200000', defNote: '8192 (policy so-rcvbuf-default)', setHex: '00000100', src: 'so-rcvbuf.md: a ULONG size; listening, datagram, connection-oriented', wrong: [CAT('basic', tcpBasic6)],
    extra: [(arch, id) => ({ id: id('datagram-large'), arch, source: 'so-rcvbuf.md: any ULONG size', steps: [...udp4, set(arch, 's1', 'SO_RCVBUF', 'SOL_SOCKET', 'ffffffff', ok, ST.SUCCESS), get(arch, 's1', 'SO_RCVBUF', 'SOL_SOCKET', 'ffffffffcccccccc', ok, ST.SUCCESS, '04000000')] })] },
  { code: 'SO_SNDBUF', level: 'SOL_SOCKET', setup: tcpConn, defHex: '00200000', defNote: '8192 (policy so-sndbuf)', setHex: '00000100', src: 'sol-socket-socket-options.md (Win32): SO_SNDBUF DWORD, get and set; policy so-sndbuf (modelled on so-rcvbuf.md)', wrong: [CAT('basic', tcpBasic6)],
    extra: [(arch, id) => ({ id: id('own-slot'), arch, source: 'policy so-sndbuf: SO_SNDBUF and SO_RCVBUF are separate values', steps: [...udp4, set(arch, 's1', 'SO_SNDBUF', 'SOL_SOCKET', 'ffffffff', ok, ST.SUCCESS), get(arch, 's1', 'SO_RCVBUF', 'SOL_SOCKET', '00200000cccccccc', ok, ST.SUCCESS, '04000000'), get(arch, 's1', 'SO_SNDBUF', 'SOL_SOCKET', 'ffffffffcccccccc', ok, ST.SUCCESS, '04000000')] }),
      (arch, id) => ({ id: id('under-loopback-fast-path'), arch, source: 'sio-loopback-fast-path.md: SO_SNDBUF is not in the list of supported options; policy loopback-fast-path-options', steps: [...tcpListen,
        { op: 'control', socket: 's1', requestType: 'WskIoctl', controlCode: 'SIO_LOOPBACK_FAST_PATH', level: 0, inputSize: 4, input: '01000000', irp: { fill: 'cc' }, expect: { status: ok } },
        { op: 'control', socket: 's1', requestType: 'WskGetOption', controlCode: 'SO_SNDBUF', level: 'SOL_SOCKET', outputSize: 4, output: { length: 4, fill: 'cc' }, irp: { fill: 'cc' }, expect: { status: 'STATUS_NOT_SUPPORTED', output: 'cccccccc', irp: irpDone(arch, 'STATUS_NOT_SUPPORTED', ST.NOT_SUPPORTED, '00000000'), rule: 'loopback-fast-path-options' } },
        get(arch, 's1', 'SO_RCVBUF', 'SOL_SOCKET', '00200000cccccccc', ok, ST.SUCCESS, '04000000')] })] },
  { code: 'SO_PORT_SCALABILITY', level: 'SOL_SOCKET', setup: udp4, defHex: '00000000', defNote: 'disabled', setHex: '01000000', src: 'so-port-scalability.md (Win32) 0x3006; named in sio-loopback-fast-path.md', ...BOOLBAD, wrong: [CAT('basic', tcpBasic6)] },
]);

optionVectors('transport-options', 'IPPROTO_IP / IPPROTO_IPV6 / IPPROTO_TCP options named by the WSK docs', [
  { code: 'IP_TTL', level: 'IPPROTO_IP', setup: udp4, defHex: '80000000', defNote: '128 (policy ip-ttl-default)', setHex: '40000000', src: 'ipproto-ip-socket-options.md (Win32): IP_TTL DWORD', badValue: '00010000', badSrc: 'policy ip-ttl-default: above 255 is rejected', wrong: [TRN('ipv6', udp6)] },
  { code: 'IP_UNICAST_IF', level: 'IPPROTO_IP', setup: udp4, defHex: '00000000', defNote: 'unspecified (0)', setHex: '00000005', getHex: '05000000', src: 'ipproto-ip-socket-options.md: set in network byte order, get in host byte order', badValue: '01000005', badSrc: 'ipproto-ip-socket-options.md: "must be an interface index" (first octet 0)', wrong: [TRN('ipv6', tcpBasic6)] },
  { code: 'IPV6_UNICAST_HOPS', level: 'IPPROTO_IPV6', setup: udp6, defHex: '80000000', defNote: '128', setHex: 'ff000000', src: 'ipproto-ipv6-socket-options.md: IPV6_UNICAST_HOPS DWORD, at most 255', badValue: '00010000', badSrc: 'ipproto-ipv6-socket-options.md: "illegal to set the TTL to a value greater than 255"', wrong: [TRN('ipv4', udp4)] },
  { code: 'IPV6_UNICAST_IF', level: 'IPPROTO_IPV6', setup: tcpBasic6, defHex: '00000000', defNote: 'unspecified (0)', setHex: '07000000', src: 'ipproto-ipv6-socket-options.md: host byte order', wrong: [TRN('ipv4', tcpConn)] },
  { code: 'TCP_NODELAY', level: 'IPPROTO_TCP', setup: tcpBasic6, defHex: '00000000', defNote: 'FALSE', setHex: '01000000', src: 'ipproto-tcp-socket-options.md: DWORD (Boolean); basic sockets exist to set transport options', ...BOOLBAD, wrong: [TRN('udp', udp4), TRN('udp-connection-flag', [sock('s1', 'AF_INET', 'SOCK_DGRAM', 'WSK_FLAG_CONNECTION_SOCKET')])] },
  { code: 'TCP_FASTOPEN', level: 'IPPROTO_TCP', setup: tcpConn, defHex: '00000000', defNote: '0 (policy tcp-defaults)', setHex: '01000000', src: 'ipproto-tcp-socket-options.md: DWORD (Boolean)', ...BOOLBAD, wrong: [TRN('udp', udp6)] },
  { code: 'TCP_KEEPIDLE', level: 'IPPROTO_TCP', setup: tcpConn, defHex: '201c0000', defNote: '7200 s (policy tcp-defaults)', setHex: '3c000000', src: 'ipproto-tcp-socket-options.md: TCP_KEEPIDLE (= TCP_KEEPALIVE) DWORD seconds', wrong: [TRN('udp', udp4)],
    extra: [(arch, id) => ({ id: id('tcp-keepalive-alias'), arch, source: 'ws2ipdef.h: TCP_KEEPALIVE = TCP_KEEPIDLE = 3', steps: [...tcpConn, set(arch, 's1', 'TCP_KEEPALIVE', 'IPPROTO_TCP', '0a000000', ok, ST.SUCCESS), get(arch, 's1', 'TCP_KEEPIDLE', 'IPPROTO_TCP', '0a000000cccccccc', ok, ST.SUCCESS, '04000000')] })] },
  { code: 'TCP_KEEPCNT', level: 'IPPROTO_TCP', setup: tcpStream, defHex: '0a000000', defNote: '10', setHex: 'ff000000', src: 'ipproto-tcp-socket-options.md: DWORD, at most 255', badValue: '00010000', badSrc: 'ipproto-tcp-socket-options.md: "illegal to set TCP_KEEPCNT to a value greater than 255"', wrong: [TRN('udp', udp4)] },
  { code: 'TCP_KEEPINTVL', level: 'IPPROTO_TCP', setup: tcpListen, defHex: '01000000', defNote: '1 s', setHex: '05000000', src: 'ipproto-tcp-socket-options.md: DWORD seconds', wrong: [TRN('udp', udp4)] },
  { code: 'TCP_BSDURGENT', level: 'IPPROTO_TCP', setup: tcpConn, defHex: '01000000', defNote: 'TRUE', setHex: '00000000', src: 'ipproto-tcp-socket-options.md: DWORD (Boolean), enabled by default; mswsock.h 0x7000', ...BOOLBAD, wrong: [TRN('udp', udp4)] },
]);
