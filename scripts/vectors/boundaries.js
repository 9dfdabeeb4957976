// Authoring script of vectors/provider-boundaries.json (node scripts/vectors/boundaries.js): boundaries of the
// provider that no other vector pins. Every expected byte string is written by hand from the cited page or policy
// entry; the script only assembles JSON and never runs the simulator.
const { ARCHES, sock, bind, irpDone, write, ST } = require('./lib');
const ok = 'STATUS_SUCCESS';
const vs = [];
const V = (id, arch, source, steps, extra = {}) => vs.push({ id: `${id}/${arch}`, arch, source, ...extra, steps });
const ioctl = (s, code, o) => ({ op: 'control', socket: s, requestType: 'WskIoctl', controlCode: code, level: 0, ...o });
const getOpt = (arch, code, level, outHex, n, h, info) => ({ op: 'control', socket: 's1', requestType: 'WskGetOption', controlCode: code, level, outputSize: 4, output: { length: 4, fill: 'cc' }, irp: { fill: 'cc' }, expect: { status: n, output: outHex, irp: irpDone(arch, n, h, info) } });
const tcpListen = [sock('s1', 'AF_INET', 'SOCK_STREAM', 'WSK_FLAG_LISTEN_SOCKET')];
// WSK_TRANSPORT (28 bytes): Version MAKE_WSK_VERSION(1,0) = 0x0100 LE, SocketType, Protocol (ULONG), AddressFamily,
// 2 bytes padding, ProviderId all zero (policy transport-list): TCP/IPv4, UDP/IPv4, TCP/IPv6, UDP/IPv6.
const GUID0 = '00'.repeat(16);
const TRANSPORTS = ['0001' + '0100' + '06000000' + '0200' + '0000' + GUID0, '0001' + '0200' + '11000000' + '0200' + '0000' + GUID0,
  '0001' + '0100' + '06000000' + '1700' + '0000' + GUID0, '0001' + '0200' + '11000000' + '1700' + '0000' + GUID0].join('');
for (const arch of ARCHES) {
  const osr = (n) => arch === 'x86' ? n : n + '00000000';
  // WSK_TRANSPORT_LIST_QUERY: OutputSize exactly the list's size succeeds; one byte less is the overflow probe.
  V('wsk_transport_list_query/exact-size', arch, 'wsk-transport-list-query.md; policy transport-list: 4 x sizeof(WSK_TRANSPORT) = 112 bytes is enough', [
    { op: 'controlClient', controlCode: 'WSK_TRANSPORT_LIST_QUERY', outputSize: 112, output: { length: 116, fill: 'cc' }, outputSizeReturned: { fill: 'cc' },
      expect: { status: ok, output: TRANSPORTS + 'cccccccc', outputSizeReturned: osr('70000000') } }]);
  V('wsk_transport_list_query/one-byte-short', arch, 'wsk-transport-list-query.md: too small -> STATUS_BUFFER_OVERFLOW with the required size; policy transport-list', [
    { op: 'controlClient', controlCode: 'WSK_TRANSPORT_LIST_QUERY', outputSize: 111, output: { length: 112, fill: 'cc' }, outputSizeReturned: { fill: 'cc' },
      expect: { status: 'STATUS_BUFFER_OVERFLOW', output: 'cc'.repeat(112), outputSizeReturned: osr('70000000') } }]);
  // SIO_LOOPBACK_FAST_PATH: the BOOL takes 0 or 1 under strict (check 11); lenient stores 2 as 1.
  V('sio_loopback_fast_path/value-2-strict', arch, 'policy loopback-fast-path-input: values other than 0/1 follow the boolean domain rule (docs/POLICY.md#check-11, strict): nothing enabled', [...tcpListen,
    ioctl('s1', 'SIO_LOOPBACK_FAST_PATH', { inputSize: 4, input: '02000000', irp: { fill: 'cc' }, expect: { status: 'STATUS_INVALID_PARAMETER', irp: irpDone(arch, 'STATUS_INVALID_PARAMETER', ST.INVALID_PARAMETER, '00000000'), rule: 'value-domain' } }),
    getOpt(arch, 'TCP_NODELAY', 'IPPROTO_TCP', '00000000', ok, ST.SUCCESS, '04000000')]);
  V('sio_loopback_fast_path/value-2-lenient', arch, 'policy loopback-fast-path-input; docs/POLICY.md#check-11, lenient: any nonzero enables', [...tcpListen,
    ioctl('s1', 'SIO_LOOPBACK_FAST_PATH', { inputSize: 4, input: '02000000', irp: { fill: 'cc' }, expect: { status: ok, irp: irpDone(arch, ok, ST.SUCCESS, '00000000') } }),
    getOpt(arch, 'TCP_NODELAY', 'IPPROTO_TCP', 'cccccccc', 'STATUS_NOT_SUPPORTED', ST.NOT_SUPPORTED, '00000000')], { policy: 'lenient' });
}
// WskSocket SOCK_RAW: Protocol is an IPPROTO value below IPPROTO_MAX (256): 255 (IPPROTO_RAW) is the last one.
const raw = (as, protocol, status) => ({ op: 'socket', as, family: 'AF_INET', type: 'SOCK_RAW', protocol, flags: 'WSK_FLAG_DATAGRAM_SOCKET', expect: { status } });
vs.push({ id: 'wsksocket/raw-protocol-255', source: 'policy raw-protocol-range: winsock2.h IPPROTO_RAW 255, IPPROTO_MAX 256', steps: [raw('s1', 255, ok)] });
vs.push({ id: 'wsksocket/raw-protocol-256', source: 'policy raw-protocol-range: Protocol >= IPPROTO_MAX (256) -> STATUS_NOT_SUPPORTED', steps: [{ ...raw('s1', 256, 'STATUS_NOT_SUPPORTED'), expect: { status: 'STATUS_NOT_SUPPORTED', rule: 'raw-protocol-range' } }] });
// Sharing classes (wsk profile, cells of abi/sharing-rules.ts): the refusal names a live member, each member's descriptor.
const ls = (as, owner, sd) => ({ op: 'socket', as, family: 'AF_INET', type: 'SOCK_STREAM', protocol: 'IPPROTO_TCP', flags: 'WSK_FLAG_LISTEN_SOCKET', owner, ...(sd ? { securityDescriptor: sd } : {}), expect: { status: ok } });
const opt = (s, code) => ({ op: 'control', socket: s, requestType: 'WskSetOption', controlCode: code, level: 'SOL_SOCKET', inputSize: 4, input: '01000000', irp: { fill: '00' }, expect: { status: ok } });
const bindOk = (s, address) => ({ op: 'bind', socket: s, address, irp: { fill: 'cc' }, expect: { status: ok } });
const refused = (s, address, status, rule, conflictsWith, wsaError) => ({ op: 'bind', socket: s, address, irp: { fill: 'cc' }, expect: { status, irp: { completed: true, status, information: 0 }, rule, conflictsWith, wsaError } });
const close = (s) => ({ op: 'close', socket: s, irp: { fill: '00' }, expect: { status: ok } });
vs.push({ id: 'sharing-class/first-member-closed', source: 'docs/SHARING.md: a refusal names the binding it was judged against; wsk R-W/R-W = SUCCESS, R-W/E-W = INUSE; s1 closed, s2 is the binding left', steps: [
  ls('s1', 'alice'), opt('s1', 'SO_REUSEADDR'), bindOk('s1', '0.0.0.0:5150'),
  ls('s2', 'alice'), opt('s2', 'SO_REUSEADDR'), bindOk('s2', '0.0.0.0:5150'),
  close('s1'),
  ls('s3', 'bob'), opt('s3', 'SO_EXCLUSIVEADDRUSE'), refused('s3', '0.0.0.0:5150', 'STATUS_ADDRESS_ALREADY_EXISTS', 'wsk:R-W/E-W', 's2', 'WSAEADDRINUSE')] });
vs.push({ id: 'sharing-class/first-member-closed-other-class-between', source: 'docs/SHARING.md: the first refusal in bind order decides; s1 closed: s2 (bob) is earlier than s3 (alice)', steps: [
  ls('s1', 'alice'), opt('s1', 'SO_REUSEADDR'), bindOk('s1', '0.0.0.0:5150'),
  ls('s2', 'bob'), opt('s2', 'SO_REUSEADDR'), bindOk('s2', '0.0.0.0:5150'),
  ls('s3', 'alice'), opt('s3', 'SO_REUSEADDR'), bindOk('s3', '0.0.0.0:5150'),
  close('s1'),
  ls('s4', 'carol'), opt('s4', 'SO_EXCLUSIVEADDRUSE'), refused('s4', '0.0.0.0:5150', 'STATUS_ADDRESS_ALREADY_EXISTS', 'wsk:R-W/E-W', 's2', 'WSAEADDRINUSE')] });
vs.push({ id: 'sharing-class/first-specific-member-closed', source: 'docs/SHARING.md: a wildcard bind is judged against every specific binding of the port; wsk R-S/E-W = INUSE; s1 closed, s2 (another address) is left', steps: [
  ls('s1', 'alice'), opt('s1', 'SO_REUSEADDR'), bindOk('s1', '127.0.0.1:5150'),
  ls('s2', 'alice'), opt('s2', 'SO_REUSEADDR'), bindOk('s2', '127.0.0.2:5150'),
  close('s1'),
  ls('s3', 'bob'), opt('s3', 'SO_EXCLUSIVEADDRUSE'), refused('s3', '0.0.0.0:5150', 'STATUS_ADDRESS_ALREADY_EXISTS', 'wsk:R-S/E-W', 's2', 'WSAEADDRINUSE')] });
const sdSteps = [{ op: 'cacheSd', as: 'sd1', allow: ['bob'] }, { op: 'cacheSd', as: 'sd2', allow: ['carol'] },
  ls('s1', 'alice', 'sd1'), opt('s1', 'SO_REUSEADDR'), bindOk('s1', '0.0.0.0:5150'),
  ls('s2', 'alice', 'sd2'), opt('s2', 'SO_REUSEADDR'), bindOk('s2', '0.0.0.0:5150')];
vs.push({ id: 'sharing-class/mixed-descriptors-second-refuses', source: 'docs/SHARING.md; policy sharing-check-sd: wsk R-W/D-S = CHECK consults each binding\'s descriptor: s1\'s allows bob, s2\'s does not', steps: [...sdSteps,
  ls('s3', 'bob'), refused('s3', '127.0.0.1:5150', 'STATUS_ACCESS_DENIED', 'wsk:R-W/D-S', 's2', 'WSAEACCES')] });
vs.push({ id: 'sharing-class/mixed-descriptors-first-refuses', source: 'docs/SHARING.md; policy sharing-check-sd: s1\'s descriptor does not allow carol', steps: [...sdSteps,
  ls('s3', 'carol'), refused('s3', '127.0.0.1:5150', 'STATUS_ACCESS_DENIED', 'wsk:R-W/D-S', 's1', 'WSAEACCES')] });
vs.push({ id: 'sharing-class/mixed-descriptors-both-allow', source: 'docs/SHARING.md; policy sharing-check-sd: both descriptors allow dave', steps: [{ op: 'cacheSd', as: 'sd1', allow: ['bob', 'dave'] }, { op: 'cacheSd', as: 'sd2', allow: ['carol', 'dave'] },
  ls('s1', 'alice', 'sd1'), opt('s1', 'SO_REUSEADDR'), bindOk('s1', '0.0.0.0:5150'),
  ls('s2', 'alice', 'sd2'), opt('s2', 'SO_REUSEADDR'), bindOk('s2', '0.0.0.0:5150'),
  ls('s3', 'dave'), bindOk('s3', '127.0.0.1:5150')] });
// WskBind checks 1 and 4 (abi/policy.ts BIND_CHECKS): a closed socket, a force-closed socket.
vs.push({ id: 'wskbind/closed-socket', source: 'docs/POLICY.md#check-1 and "Faults": a handle that names no live socket is fault InvalidSocket, nothing written', steps: [
  ls('s1', 'alice'), close('s1'),
  { op: 'bind', socket: 's1', address: '127.0.0.1:5150', irp: { fill: 'cc' }, expect: { fault: 'InvalidSocket', irp: 'untouched', rule: 'socket-live' } }] });
vs.push({ id: 'wskbind/force-closed', source: 'docs/POLICY.md#check-3, applied to WskBind: STATUS_FILE_FORCED_CLOSED, IRP completed', steps: [
  ls('s1', 'alice'), { op: 'forceClose', socket: 's1' },
  { op: 'bind', socket: 's1', address: '127.0.0.1:5150', irp: { fill: 'cc' }, expect: { status: 'STATUS_FILE_FORCED_CLOSED', irp: { completed: true, status: 'STATUS_FILE_FORCED_CLOSED', information: 0 }, rule: 'not-forced-closed' } }] });
write('provider-boundaries', 'Provider boundaries: exact sizes, boolean IOCTL input, raw protocol range, sharing classes after a close and with several descriptors', vs);
