// vectors/windows-preset.json: the evidence-based entries of the windows preset (abi/policy.ts PRESET_ENTRIES),
// deviations asserted with expect.lint, and the measured amendments of every preset (rebinding decided at the call,
// local addresses). Every expected byte and status is written by hand from docs/POLICY.md; nothing here runs the simulator.
const { ARCHES, sock, irpDone, write, ST } = require('./lib');
const vs = [];
const V = (id, arch, source, steps, extra = {}) => vs.push({ id: `${id}/${arch}`, arch, source, ...extra, steps });
const ok = 'STATUS_SUCCESS';
// statuses not in lib.ST, little-endian by hand: 0xC0000141, 0xC0000207, 0xC0000238, 0x00000103
const INVALID_ADDRESS = '410100c0';
const INVALID_ADDRESS_COMPONENT = '070200c0';
const ALREADY_ASSOCIATED = '380200c0';
const OSR = ['output-size-returned-given'];
const msquic = 'microsoft/msquic src/platform/datapath_winkernel.c passes &OutputSizeReturned with the IRP; policy windows-output-size-returned-with-irp (docs/POLICY.md#preset-windows)';
const msquicIoctl = 'microsoft/msquic src/platform/datapath_winkernel.c line 1757: SIO_WSK_SET_REMOTE_ADDRESS through WskControlSocket(WskIoctl, ..., &OutputSizeReturned, Irp) (line 1260); policy windows-output-size-returned-with-irp (docs/POLICY.md#preset-windows)';
const enableIrpPage = 'so-wsk-event-callback.md (windows-driver-docs): the application passes no IRP to enable';
const drbd = 'LINBIT/windrbd windrbd/src/windrbd_winsocket.c line 850 and mantechnology/wdrbd wdrbd9/wsk2.c line 1781 (drbd/drbd_transport_tcp.c lines 1701, 899) enable with an IRP and fail the listener or connection without success; policy windows-event-callback-enable-irp (docs/POLICY.md#preset-windows)';
const msquicDual = 'microsoft/msquic src/platform/datapath_winkernel.c lines 1401-1692: IPV6_V6ONLY 0 on the AF_INET6 UDP socket, then IPPROTO_IP options, each failure fatal; policy windows-ipproto-ip-on-dual-stack (docs/POLICY.md#preset-windows)';
const wdrbdReuse = 'mantechnology/wdrbd drbd/drbd_transport_tcp.c lines 2095, 2106 and LINBIT/windrbd transform.d/581 patch lines 31, 36: SO_REUSEADDR = 1 on the sockets of an established connection, the connection given up on failure; policy windows-reuseaddr-connected (docs/POLICY.md#preset-windows)';
const wineV6 = 'Wine dlls/ws2_32/tests/sock.c test_ipv6only (todo_wine on the AF_INET socket: Windows passes); policy windows-ipv6-v6only-inet-tcp';
const wineBind = 'Wine dlls/ws2_32/tests/afd.c test_bind (measured on Windows); policy windows-bind-address-status';

for (const arch of ARCHES) {
  const P = arch === 'x86' ? 4 : 8; // sizeof(SIZE_T)
  const done = (name, hex, info = '00000000') => irpDone(arch, name, hex, info);
  const tcp6 = [sock('s1', 'AF_INET6', 'SOCK_STREAM', 'WSK_FLAG_LISTEN_SOCKET')];
  const tcp4 = [sock('s1', 'AF_INET', 'SOCK_STREAM', 'WSK_FLAG_LISTEN_SOCKET')];
  const conn4 = [sock('s1', 'AF_INET', 'SOCK_STREAM', 'WSK_FLAG_CONNECTION_SOCKET')];
  const udp4 = [sock('s1', 'AF_INET', 'SOCK_DGRAM', 'WSK_FLAG_DATAGRAM_SOCKET')];
  const v6set = (value, o) => ({ op: 'control', socket: 's1', requestType: 'WskSetOption', controlCode: 'IPV6_V6ONLY', level: 'IPPROTO_IPV6', inputSize: 4, input: value, irp: { fill: 'cc' }, ...o });
  const v6get = (o) => ({ op: 'control', socket: 's1', requestType: 'WskGetOption', controlCode: 'IPV6_V6ONLY', level: 'IPPROTO_IPV6', outputSize: 4, output: { length: 8, fill: 'cc' }, irp: { fill: 'cc' }, ...o });
  const reads = (hex) => v6get({ expect: { status: ok, output: hex + 'cccccccc', irp: done(ok, ST.SUCCESS, '04000000'), lint: [] } });

  // ---- windows-output-size-returned-with-irp ----
  V('osr-with-irp/set/strict', arch, `docs/POLICY.md#check-10 (strict): OutputSizeReturned where the row says NULL; ${msquic}`, [...tcp6,
    v6set('00000000', { outputSizeReturned: { fill: 'cc' }, expect: { status: 'STATUS_INVALID_PARAMETER', outputSizeReturned: 'cc'.repeat(P), irp: done('STATUS_INVALID_PARAMETER', ST.INVALID_PARAMETER), rule: 'unused-args-null', lint: OSR } }),
    reads('01000000')]);
  V('osr-with-irp/set/windows', arch, msquic, [...tcp6,
    v6set('00000000', { outputSizeReturned: { fill: 'cc' }, expect: { status: ok, outputSizeReturned: 'cc'.repeat(P), irp: done(ok, ST.SUCCESS), rule: 'set-success', lint: OSR } }),
    reads('00000000')], { policy: 'windows' });
  V('osr-with-irp/get/windows', arch, `${msquic}; MiroKaku/libwsk getsockopt: OutputSizeReturned = &OutputSize on WskGetOption`, [...tcp6,
    v6get({ outputSizeReturned: { fill: 'cc' }, expect: { status: ok, output: '01000000cccccccc', outputSizeReturned: 'cc'.repeat(P), irp: done(ok, ST.SUCCESS, '04000000'), rule: 'get-success', lint: OSR } })], { policy: 'windows' });
  V('osr-with-irp/get/strict', arch, 'docs/POLICY.md#check-10 (strict)', [...tcp6,
    v6get({ outputSizeReturned: { fill: 'cc' }, expect: { status: 'STATUS_INVALID_PARAMETER', output: 'cccccccccccccccc', outputSizeReturned: 'cc'.repeat(P), irp: done('STATUS_INVALID_PARAMETER', ST.INVALID_PARAMETER), rule: 'unused-args-null', lint: OSR } })]);
  V('osr-with-irp/set/windows-pending', arch, `${msquic}; docs/POLICY.md#results: with completion pending checks 7-13 arrive through the IRP`, [...tcp6,
    v6set('00000000', { outputSizeReturned: { fill: 'cc' }, expect: { status: 'STATUS_PENDING', outputSizeReturned: 'cc'.repeat(P), irp: { completed: false }, lint: [] } }),
    { op: 'complete', expect: { irps: [done(ok, ST.SUCCESS)], lint: OSR } }], { policy: 'windows', completion: 'pending' });
  V('osr-with-irp/set/strict-pending', arch, 'docs/POLICY.md#check-10 (strict), completion pending', [...tcp6,
    v6set('00000000', { outputSizeReturned: { fill: 'cc' }, expect: { status: 'STATUS_PENDING', irp: { completed: false } } }),
    { op: 'complete', expect: { irps: [done('STATUS_INVALID_PARAMETER', ST.INVALID_PARAMETER)], lint: OSR } }], { completion: 'pending' });
  V('untolerated-deviations/set/windows', arch, 'docs/POLICY.md#preset-windows: where no evidence exists the strict answer stands; every deviation is recorded in table order', [...tcp6,
    v6set('00000000', { outputSize: 4, output: { length: 4, fill: 'cc' }, outputSizeReturned: { fill: 'cc' }, expect: { status: 'STATUS_INVALID_PARAMETER', output: 'cccccccc', outputSizeReturned: 'cc'.repeat(P), irp: done('STATUS_INVALID_PARAMETER', ST.INVALID_PARAMETER), rule: 'unused-args-null', lint: ['output-size-given', 'output-buffer-given', 'output-size-returned-given'] } }),
    reads('01000000')], { policy: 'windows' });
  V('untolerated-deviations/get/windows', arch, 'docs/POLICY.md#preset-windows: a Get with InputSize/InputBuffer has no evidence-based entry', [...tcp6,
    v6get({ inputSize: 4, input: '00000000', expect: { status: 'STATUS_INVALID_PARAMETER', output: 'cccccccccccccccc', irp: done('STATUS_INVALID_PARAMETER', ST.INVALID_PARAMETER), rule: 'unused-args-null', lint: ['input-size-given', 'input-buffer-given'] } })], { policy: 'windows' });
  V('deviations/lenient', arch, 'docs/POLICY.md#deviations: under lenient a diagnostic only', [...tcp6,
    v6set('00000000', { outputSize: 4, output: { length: 4, fill: 'cc' }, outputSizeReturned: { fill: 'cc' }, expect: { status: ok, output: 'cccccccc', outputSizeReturned: 'cc'.repeat(P), irp: done(ok, ST.SUCCESS), lint: ['output-size-given', 'output-buffer-given', 'output-size-returned-given'] } }),
    reads('00000000')], { policy: 'lenient' });
  // WskIoctl: the entry covers it too (msquic line 1757 through line 1260), whatever the IOCTL: here
  // SIO_WSK_SET_SENDTO_ADDRESS on a bound AF_INET datagram socket. SOCKADDR_IN 192.0.2.1:443 by hand.
  const SENDTO = '0200' + '01bb' + 'c0000201' + '0000000000000000';
  const udpBound = [...udp4, { op: 'bind', socket: 's1', address: '0.0.0.0:5150', irp: { fill: '00' }, expect: { status: ok, lint: [] } }];
  const sendto = (expect) => ({ op: 'control', socket: 's1', requestType: 'WskIoctl', controlCode: 'SIO_WSK_SET_SENDTO_ADDRESS', level: 0, inputSize: 16, input: SENDTO, outputSizeReturned: { fill: 'cc' }, irp: { fill: 'cc' }, expect });
  V('osr-with-irp/ioctl/windows', arch, `${msquicIoctl}; sio-wsk-set-sendto-address.md: OutputSizeReturned NULL`, [...udpBound,
    sendto({ status: ok, outputSizeReturned: 'cc'.repeat(P), irp: done(ok, ST.SUCCESS), rule: 'set-success', lint: OSR })],
  { policy: 'windows' });
  V('osr-with-irp/ioctl/strict', arch, 'docs/POLICY.md#check-10 (strict): sio-wsk-set-sendto-address.md: OutputSizeReturned NULL', [...udpBound,
    sendto({ status: 'STATUS_INVALID_PARAMETER', outputSizeReturned: 'cc'.repeat(P), irp: done('STATUS_INVALID_PARAMETER', ST.INVALID_PARAMETER), rule: 'unused-args-null', lint: OSR })]);
  // msquic's own IOCTL: SIO_WSK_SET_REMOTE_ADDRESS with a SOCKADDR_INET (28 bytes) on its bound AF_INET6 datagram socket.
  // SOCKADDR_IN6 [::ffff:192.0.2.1]:443 by hand: family 23, port 443 big-endian, flowinfo 0, address, scope id 0.
  const MAPPED = '1700' + '01bb' + '00000000' + '00000000000000000000ffff' + 'c0000201' + '00000000';
  const dgram6 = [sock('s1', 'AF_INET6', 'SOCK_DGRAM', 'WSK_FLAG_DATAGRAM_SOCKET'),
    v6set('00000000', { expect: { status: ok, irp: done(ok, ST.SUCCESS) } }),
    { op: 'bind', socket: 's1', address: '[::]:5150', irp: { fill: '00' }, expect: { status: ok } }];
  const remote = (o) => ({ op: 'control', socket: 's1', requestType: 'WskIoctl', controlCode: 'SIO_WSK_SET_REMOTE_ADDRESS', level: 'SOL_SOCKET', inputSize: 28, input: MAPPED, outputSizeReturned: { fill: 'cc' }, irp: { fill: 'cc' }, ...o });
  V('osr-with-irp/set-remote-address/strict', arch, 'docs/POLICY.md#check-10 (strict): sio-wsk-set-remote-address.md: OutputSizeReturned NULL', [...dgram6,
    remote({ expect: { status: 'STATUS_INVALID_PARAMETER', outputSizeReturned: 'cc'.repeat(P), irp: done('STATUS_INVALID_PARAMETER', ST.INVALID_PARAMETER), rule: 'unused-args-null', lint: OSR } })]);
  V('osr-with-irp/set-remote-address/windows', arch, msquicIoctl, [...dgram6,
    remote({ expect: { status: ok, outputSizeReturned: 'cc'.repeat(P), irp: done(ok, ST.SUCCESS), rule: 'set-success', lint: OSR } }),
    // the clear form (InputSize 0, InputBuffer NULL) the same way
    remote({ inputSize: 0, input: undefined, expect: { status: ok, outputSizeReturned: 'cc'.repeat(P), irp: done(ok, ST.SUCCESS), rule: 'set-success', lint: OSR } })], { policy: 'windows' });
  V('osr-with-irp/set-remote-address/windows-pending', arch, `${msquicIoctl}; completion pending: the deviation is judged when the IRP is completed`, [
    sock('s1', 'AF_INET6', 'SOCK_DGRAM', 'WSK_FLAG_DATAGRAM_SOCKET'),
    { op: 'bind', socket: 's1', address: '[::]:5150', irp: { fill: '00' }, expect: { status: 'STATUS_PENDING' } },
    { op: 'complete' },
    remote({ expect: { status: 'STATUS_PENDING', outputSizeReturned: 'cc'.repeat(P), irp: { completed: false }, lint: [] } }),
    { op: 'complete', expect: { irps: [done(ok, ST.SUCCESS)], lint: OSR } }], { policy: 'windows', completion: 'pending' });

  // ---- windows-event-callback-enable-irp ----
  // WSK_EVENT_CALLBACK_CONTROL by hand: x86 = NpiId(4) EventMask(4); x64 = NpiId(8) EventMask(4) padding(4); any
  // non-NULL NpiId stands for &NPI_WSK_INTERFACE_ID (policy event-callback-npiid). Masks little-endian:
  // WSK_EVENT_ACCEPT 0x200, WSK_EVENT_RECEIVE 0x40, WSK_EVENT_DISCONNECT 0x80, WSK_EVENT_DISABLE 0x80000000.
  const ecc = (maskHex) => arch === 'x86' ? '00100000' + maskHex : '00100000' + '00000000' + maskHex + '00000000';
  const ACC_RECV = '40020000', RECV_OFF = '40000080', DISC = '80000000';
  const ev = (maskHex, o) => ({ op: 'control', socket: 's1', requestType: 'WskSetOption', controlCode: 'SO_WSK_EVENT_CALLBACK', level: 'SOL_SOCKET', inputSize: arch === 'x86' ? 8 : 16, input: ecc(maskHex), ...o });
  const listen4 = [sock('s1', 'AF_INET', 'SOCK_STREAM', 'WSK_FLAG_LISTEN_SOCKET'), { op: 'bind', socket: 's1', address: '0.0.0.0:7789', irp: { fill: '00' }, expect: { status: ok } }];
  const IRP = ['irp-given'];
  // the enable stored WSK_EVENT_RECEIVE on the listening socket: disabling it is refused (policy event-callback-state)
  const sticky = ev(RECV_OFF, { expect: { status: 'STATUS_INVALID_DEVICE_STATE', rule: 'event-callback-listen-sticky', lint: [] } });
  const notStored = ev(RECV_OFF, { expect: { status: ok, rule: 'set-success', lint: [] } });
  V('event-callback-enable-irp/listen/strict', arch, `${enableIrpPage}; policy event-callback-enable-irp (strict): STATUS_INVALID_PARAMETER, nothing enabled`, [...listen4,
    ev(ACC_RECV, { irp: { fill: 'cc' }, expect: { status: 'STATUS_INVALID_PARAMETER', irp: done('STATUS_INVALID_PARAMETER', ST.INVALID_PARAMETER), rule: 'event-callback-enable-irp', lint: IRP } }),
    notStored]);
  V('event-callback-enable-irp/listen/windows', arch, `${drbd}; the enable is stored`, [...listen4,
    ev(ACC_RECV, { irp: { fill: 'cc' }, expect: { status: ok, irp: done(ok, ST.SUCCESS), rule: 'set-success', lint: IRP } }),
    sticky], { policy: 'windows' });
  V('event-callback-enable-irp/listen/windows-no-irp', arch, `${enableIrpPage}: the documented form records no deviation`, [...listen4,
    ev(ACC_RECV, { expect: { status: ok, rule: 'set-success', lint: [] } }), sticky], { policy: 'windows' });
  V('event-callback-enable-irp/listen/windows-pending', arch, `${drbd}; completion pending: the enable arrives through the IRP`, [
    sock('s1', 'AF_INET', 'SOCK_STREAM', 'WSK_FLAG_LISTEN_SOCKET'),
    { op: 'bind', socket: 's1', address: '0.0.0.0:7789', irp: { fill: '00' }, expect: { status: 'STATUS_PENDING' } },
    { op: 'complete' },
    ev(ACC_RECV, { irp: { fill: 'cc' }, expect: { status: 'STATUS_PENDING', irp: { completed: false }, lint: [] } }),
    { op: 'complete', expect: { irps: [done(ok, ST.SUCCESS)], lint: IRP } },
    sticky], { policy: 'windows', completion: 'pending' });
  V('event-callback-enable-irp/listen/strict-pending', arch, `${enableIrpPage}; policy event-callback-enable-irp (strict), completion pending`, [
    sock('s1', 'AF_INET', 'SOCK_STREAM', 'WSK_FLAG_LISTEN_SOCKET'),
    { op: 'bind', socket: 's1', address: '0.0.0.0:7789', irp: { fill: '00' }, expect: { status: 'STATUS_PENDING' } },
    { op: 'complete' },
    ev(ACC_RECV, { irp: { fill: 'cc' }, expect: { status: 'STATUS_PENDING', irp: { completed: false } } }),
    { op: 'complete', expect: { irps: [done('STATUS_INVALID_PARAMETER', ST.INVALID_PARAMETER)], lint: IRP } },
    notStored], { completion: 'pending' });
  V('event-callback-enable-irp/before-bind/windows', arch, `${drbd}; the later checks still decide: before bind is check 12 (timing), through the IRP`, [
    sock('s1', 'AF_INET', 'SOCK_STREAM', 'WSK_FLAG_LISTEN_SOCKET'),
    ev(ACC_RECV, { irp: { fill: 'cc' }, expect: { status: 'STATUS_INVALID_DEVICE_STATE', irp: done('STATUS_INVALID_DEVICE_STATE', ST.INVALID_DEVICE_STATE), rule: 'timing', lint: IRP } })], { policy: 'windows' });
  V('event-callback-enable-irp/lenient', arch, `${enableIrpPage}; policy event-callback-enable-irp (lenient): accepted, the deviation recorded`, [...listen4,
    ev(ACC_RECV, { irp: { fill: 'cc' }, expect: { status: ok, irp: done(ok, ST.SUCCESS), rule: 'set-success', lint: IRP } }),
    sticky], { policy: 'lenient' });

  // ---- windows-ipv6-v6only-inet-tcp ----
  V('ipv6-v6only-inet-tcp/strict', arch, 'policy transport-option-applicability (check 7b): IPPROTO_IPV6 on an AF_INET socket', [...tcp4,
    v6get({ expect: { status: 'STATUS_NOT_SUPPORTED', output: 'cccccccccccccccc', irp: done('STATUS_NOT_SUPPORTED', ST.NOT_SUPPORTED), rule: 'option-transport', lint: [] } })]);
  V('ipv6-v6only-inet-tcp/windows', arch, wineV6, [...conn4,
    reads('01000000'),
    // the success is the entry's (policy evidence-entry-reported)
    v6set('00000000', { expect: { status: ok, irp: done(ok, ST.SUCCESS), rule: 'windows-ipv6-v6only-inet-tcp', lint: [] } }),
    reads('00000000'),
    v6set('01000000', { expect: { status: ok, irp: done(ok, ST.SUCCESS) } }),
    reads('01000000'),
    { op: 'bind', socket: 's1', address: '127.0.0.1:5150', irp: { fill: '00' }, expect: { status: ok } },
    v6set('00000000', { expect: { status: 'STATUS_INVALID_DEVICE_STATE', irp: done('STATUS_INVALID_DEVICE_STATE', ST.INVALID_DEVICE_STATE), rule: 'timing' } }),
    reads('01000000')], { policy: 'windows' });
  V('ipv6-v6only-inet-tcp/windows-pending', arch, `${wineV6}; completion pending`, [...tcp4,
    v6set('00000000', { expect: { status: 'STATUS_PENDING', irp: { completed: false } } }),
    { op: 'complete', expect: { irps: [done(ok, ST.SUCCESS)], rule: 'windows-ipv6-v6only-inet-tcp' } },
    v6get({ expect: { status: 'STATUS_PENDING', output: 'cccccccccccccccc', irp: { completed: false } } }),
    { op: 'complete', expect: { irps: [done(ok, ST.SUCCESS, '04000000')] } }], { policy: 'windows', completion: 'pending' });
  V('ipv6-v6only-inet-udp/windows', arch, `${wineV6} covers TCP only: an AF_INET UDP socket keeps check 7b`, [...udp4,
    v6get({ expect: { status: 'STATUS_NOT_SUPPORTED', output: 'cccccccccccccccc', irp: done('STATUS_NOT_SUPPORTED', ST.NOT_SUPPORTED), rule: 'option-transport' } })], { policy: 'windows' });

  // ---- windows-ipproto-ip-on-dual-stack (msquic lines 1401-1692: IPV6_V6ONLY 0, then IPPROTO_IP Sets) ----
  const dual = (pending) => [sock('s1', 'AF_INET6', 'SOCK_DGRAM', 'WSK_FLAG_DATAGRAM_SOCKET'),
    v6set('00000000', { expect: pending ? { status: 'STATUS_PENDING', irp: { completed: false } } : { status: ok, irp: done(ok, ST.SUCCESS) } }),
    ...(pending ? [{ op: 'complete', expect: { irps: [done(ok, ST.SUCCESS)] } }] : [])];
  // msquic's form: InputSize 4, OutputSize 0, OutputBuffer NULL, &OutputSizeReturned, its Irp. IP_UNICAST_IF takes
  // the interface index in network byte order (index 7: 00 00 00 07).
  const ipSet = (code, value, expect, o = {}) => ({ op: 'control', socket: 's1', requestType: 'WskSetOption', controlCode: code, level: 'IPPROTO_IP', inputSize: 4, input: value, outputSizeReturned: { fill: 'cc' }, irp: { fill: 'cc' }, expect, ...o });
  const setOk = { status: ok, outputSizeReturned: 'cc'.repeat(P), irp: done(ok, ST.SUCCESS), rule: 'windows-ipproto-ip-on-dual-stack', lint: OSR };
  const notSupported = (lint) => ({ status: 'STATUS_NOT_SUPPORTED', outputSizeReturned: 'cc'.repeat(P), irp: done('STATUS_NOT_SUPPORTED', ST.NOT_SUPPORTED), rule: 'option-transport', lint });
  const MSQUIC_IP = [['IP_DONTFRAGMENT', '01000000'], ['IP_PKTINFO', '01000000'], ['IP_RECVTOS', '01000000'], ['IP_ECN', '01000000'], ['IP_RECVERR', '01000000'], ['IP_HOPLIMIT', '01000000'], ['IP_UNICAST_IF', '00000007']];
  V('ipproto-ip-dual-stack/strict', arch, 'policy transport-option-applicability (check 7b): IPPROTO_IP rows apply to AF_INET', [...dual(false),
    ...MSQUIC_IP.map(([c, v]) => ipSet(c, v, notSupported([])))]);
  V('ipproto-ip-dual-stack/windows', arch, msquicDual, [...dual(false), ...MSQUIC_IP.map(([c, v]) => ipSet(c, v, setOk)),
    // a Get is not evidenced: check 7b stands
    { op: 'control', socket: 's1', requestType: 'WskGetOption', controlCode: 'IP_DONTFRAGMENT', level: 'IPPROTO_IP', outputSize: 4, output: { length: 6, fill: 'cc' }, irp: { fill: 'cc' },
      expect: { status: 'STATUS_NOT_SUPPORTED', output: 'cccccccccccc', irp: done('STATUS_NOT_SUPPORTED', ST.NOT_SUPPORTED), rule: 'option-transport', lint: [] } }], { policy: 'windows' });
  V('ipproto-ip-dual-stack/windows-pending', arch, `${msquicDual}; completion pending: judged when delivered`, [...dual(true),
    ipSet('IP_PKTINFO', '01000000', { status: 'STATUS_PENDING', outputSizeReturned: 'cc'.repeat(P), irp: { completed: false }, lint: [] }),
    { op: 'complete', expect: { irps: [done(ok, ST.SUCCESS)], rule: 'windows-ipproto-ip-on-dual-stack', lint: OSR } }], { policy: 'windows', completion: 'pending' });
  V('ipproto-ip-dual-stack/windows-v6only', arch, `${msquicDual}: an AF_INET6 socket that keeps IPV6_V6ONLY 1 is not evidenced, check 7b stands`, [
    sock('s1', 'AF_INET6', 'SOCK_DGRAM', 'WSK_FLAG_DATAGRAM_SOCKET'),
    ipSet('IP_PKTINFO', '01000000', notSupported([])),
    v6set('01000000', { expect: { status: ok, irp: done(ok, ST.SUCCESS) } }),
    ipSet('IP_DONTFRAGMENT', '01000000', notSupported([]))], { policy: 'windows' });
  V('ipproto-ip-dual-stack/windows-stream', arch, `${msquicDual}: datagram sockets only, a dual-stack stream socket keeps check 7b`, [
    sock('s1', 'AF_INET6', 'SOCK_STREAM', 'WSK_FLAG_CONNECTION_SOCKET'),
    v6set('00000000', { expect: { status: ok, irp: done(ok, ST.SUCCESS) } }),
    ipSet('IP_UNICAST_IF', '00000007', notSupported([]))], { policy: 'windows' });

  // ---- windows-reuseaddr-connected (wdrbd drbd_transport_tcp.c line 2095, windrbd patch 581: SO_REUSEADDR = 1 on
  // the sockets of an established connection, the connection given up on failure) ----
  const reuseSet = (as, o) => ({ op: 'control', socket: as, requestType: 'WskSetOption', controlCode: 'SO_REUSEADDR', level: 'SOL_SOCKET', inputSize: 4, input: '01000000', irp: { fill: 'cc' }, ...o });
  const reuseReads = (as, hex) => ({ op: 'control', socket: as, requestType: 'WskGetOption', controlCode: 'SO_REUSEADDR', level: 'SOL_SOCKET', outputSize: 4, output: { length: 6, fill: 'cc' }, irp: { fill: 'cc' },
    expect: { status: ok, output: hex + 'cccc', irp: done(ok, ST.SUCCESS, '04000000') } });
  const refusedLate = { status: 'STATUS_INVALID_DEVICE_STATE', irp: done('STATUS_INVALID_DEVICE_STATE', ST.INVALID_DEVICE_STATE), rule: 'timing', lint: [] };
  const storedLate = { status: ok, irp: done(ok, ST.SUCCESS), rule: 'windows-reuseaddr-connected', lint: [] };
  // a connection socket bound to a host address and connected to a remote listener (docs/POLICY.md#connections)
  const connected = [{ op: 'setAddressList', family: 'AF_INET', addresses: ['10.0.0.1:0'] }, { op: 'remote', listen: '192.0.2.7:7788' },
    sock('c1', 'AF_INET', 'SOCK_STREAM', 'WSK_FLAG_CONNECTION_SOCKET'),
    { op: 'bind', socket: 'c1', address: '10.0.0.1:6001', irp: { fill: '00' }, expect: { status: ok } }];
  const connect = { op: 'connect', socket: 'c1', address: '192.0.2.7:7788', irp: { fill: '00' }, expect: { status: ok } };
  V('reuseaddr-connected/connect/strict', arch, 'docs/POLICY.md#check-12 (strict): SO_REUSEADDR is documented as before bind; nothing stored', [...connected, connect,
    reuseSet('c1', { expect: refusedLate }), reuseReads('c1', '00000000')]);
  V('reuseaddr-connected/connect/windows', arch, wdrbdReuse, [...connected,
    // bound, not yet connected: not evidenced, check 12 stands
    reuseSet('c1', { expect: refusedLate }), reuseReads('c1', '00000000'),
    connect, reuseSet('c1', { expect: storedLate }), reuseReads('c1', '01000000')], { policy: 'windows' });
  V('reuseaddr-connected/accepted/windows', arch, `${wdrbdReuse}; an accepted socket is connected too`, [
    sock('l', 'AF_INET', 'SOCK_STREAM', 'WSK_FLAG_LISTEN_SOCKET'),
    { op: 'bind', socket: 'l', address: '127.0.0.1:7789', irp: { fill: '00' }, expect: { status: ok } },
    // the listener itself is bound, not connected: check 12 stands
    reuseSet('l', { expect: refusedLate }),
    { op: 'incoming', from: '10.0.0.9:40000', to: '127.0.0.1:7789', expect: { listener: 'l' } },
    { op: 'accept', socket: 'l', as: 'a1', irp: { fill: '00' }, expect: { status: ok } },
    reuseSet('a1', { expect: storedLate }), reuseReads('a1', '01000000')], { policy: 'windows' });
  // the same, completion pending: bind and connect delivered, then the Set pending until the next complete
  const connectedPendingSet = [{ op: 'setAddressList', family: 'AF_INET', addresses: ['10.0.0.1:0'] }, { op: 'remote', listen: '192.0.2.7:7788' },
    sock('c1', 'AF_INET', 'SOCK_STREAM', 'WSK_FLAG_CONNECTION_SOCKET'),
    { op: 'bind', socket: 'c1', address: '10.0.0.1:6001', irp: { fill: '00' }, expect: { status: 'STATUS_PENDING' } },
    { op: 'complete' },
    { op: 'connect', socket: 'c1', address: '192.0.2.7:7788', irp: { fill: '00' }, expect: { status: 'STATUS_PENDING' } },
    { op: 'complete' },
    reuseSet('c1', { expect: { status: 'STATUS_PENDING', irp: { completed: false } } })];
  V('reuseaddr-connected/connect/windows-pending', arch, `${wdrbdReuse}; completion pending: judged when delivered`, [...connectedPendingSet,
    { op: 'complete', expect: { irps: [done(ok, ST.SUCCESS)], rule: 'windows-reuseaddr-connected' } }], { policy: 'windows', completion: 'pending' });
  V('reuseaddr-connected/connect/strict-pending', arch, 'docs/POLICY.md#check-12 (strict), completion pending', [...connectedPendingSet,
    { op: 'complete', expect: { irps: [done('STATUS_INVALID_DEVICE_STATE', ST.INVALID_DEVICE_STATE)], rule: 'timing' } }], { completion: 'pending' });

  // ---- windows-bind-address-status (strict: docs/POLICY.md#bind, STATUS_INVALID_PARAMETER) ----
  const LO4 = '0200141e7f0000010000000000000000'; // SOCKADDR_IN 127.0.0.1:5150 by hand
  const bindCases = [
    ['family-mismatch', '[::1]:5150', INVALID_ADDRESS, 'STATUS_INVALID_ADDRESS'],
    ['short', { bytes: LO4, size: 8 }, INVALID_ADDRESS, 'STATUS_INVALID_ADDRESS'],
    ['no-family-field', { bytes: LO4, size: 1 }, ST.INVALID_PARAMETER, 'STATUS_INVALID_PARAMETER'],
  ];
  for (const [name, address, wHex, wName] of bindCases) {
    V(`bind-address/${name}/strict`, arch, 'docs/POLICY.md#bind: a family mismatch or a short LocalAddress is STATUS_INVALID_PARAMETER', [...tcp4,
      { op: 'bind', socket: 's1', address, irp: { fill: 'cc' }, expect: { status: 'STATUS_INVALID_PARAMETER', irp: done('STATUS_INVALID_PARAMETER', ST.INVALID_PARAMETER), rule: 'bind-address' } },
      { op: 'bind', socket: 's1', address: '127.0.0.1:5150', irp: { fill: '00' }, expect: { status: ok } }]);
    V(`bind-address/${name}/windows`, arch, wineBind, [...tcp4,
      { op: 'bind', socket: 's1', address, irp: { fill: 'cc' }, expect: { status: wName, irp: done(wName, wHex), rule: 'windows-bind-address-status', lint: [] } },
      { op: 'bind', socket: 's1', address: '127.0.0.1:5150', irp: { fill: '00' }, expect: { status: ok } }], { policy: 'windows' });
  }
  V('bind-address/family-mismatch/windows-pending', arch, `${wineBind}; completion pending: the status arrives through the IRP`, [...tcp4,
    { op: 'bind', socket: 's1', address: '[::1]:5150', irp: { fill: 'cc' }, expect: { status: 'STATUS_PENDING', irp: { completed: false } } },
    { op: 'complete', expect: { irps: [done('STATUS_INVALID_ADDRESS', INVALID_ADDRESS)] } }], { policy: 'windows', completion: 'pending' });

  // ---- rebinding, decided at the call (every preset, both completion modes) ----
  for (const policy of ['strict', 'windows', 'lenient']) {
    for (const completion of ['inline', 'pending']) {
      const first = completion === 'inline'
        ? [{ op: 'bind', socket: 's1', address: '127.0.0.1:5150', irp: { fill: 'cc' }, expect: { status: ok, irp: done(ok, ST.SUCCESS) } }]
        : [{ op: 'bind', socket: 's1', address: '127.0.0.1:5150', irp: { fill: 'cc' }, expect: { status: 'STATUS_PENDING', irp: { completed: false } } },
          { op: 'complete', expect: { irps: [done(ok, ST.SUCCESS)] } }];
      V(`bind-rebind/${policy}/${completion}`, arch, 'docs/POLICY.md#bind-rebind-synchronous: rebinding is STATUS_ADDRESS_ALREADY_ASSOCIATED, decided synchronously in both completion modes (measured: Wine afd.c test_bind); policy bind-rebind-synchronous', [...tcp4, ...first,
        { op: 'bind', socket: 's1', address: '127.0.0.1:5151', irp: { fill: 'cc' }, expect: { status: 'STATUS_ADDRESS_ALREADY_ASSOCIATED', irp: done('STATUS_ADDRESS_ALREADY_ASSOCIATED', ALREADY_ASSOCIATED), rule: 'bind-rebind' } },
        { op: 'complete', expect: { irps: [] } }], { policy, completion });
    }
  }

  // ---- local addresses once the host list is set (every preset) ----
  const local = 'docs/POLICY.md#bind-local-address: local addresses (measured: Wine afd.c test_bind with 192.0.2.0 and 100::); policy bind-local-address';
  const tryBind = (as, family, address, expect) => [sock(as, family, 'SOCK_STREAM', 'WSK_FLAG_LISTEN_SOCKET'), { op: 'bind', socket: as, address, irp: { fill: 'cc' }, expect }];
  const refused = { status: 'STATUS_INVALID_ADDRESS_COMPONENT', irp: done('STATUS_INVALID_ADDRESS_COMPONENT', INVALID_ADDRESS_COMPONENT), rule: 'bind-local-address' };
  const fine = { status: ok, irp: done(ok, ST.SUCCESS) };
  for (const policy of ['strict', 'windows', 'lenient']) {
    V(`bind-local-address/${policy}`, arch, local, [
      ...tryBind('a', 'AF_INET', '192.0.2.0:5150', fine),
      { op: 'setAddressList', family: 'AF_INET', addresses: ['10.0.0.5:0'] },
      ...tryBind('b', 'AF_INET', '192.0.2.0:5151', refused),
      ...tryBind('c', 'AF_INET', '10.0.0.5:5151', fine),
      ...tryBind('d', 'AF_INET', '127.0.0.9:5151', fine),
      ...tryBind('e', 'AF_INET', '0.0.0.0:5152', fine),
      ...tryBind('f', 'AF_INET6', '[100::]:5150', fine),
      { op: 'setAddressList', family: 'AF_INET6', addresses: ['[2001:db8::1]:0'] },
      ...tryBind('g', 'AF_INET6', '[100::]:5151', refused),
      ...tryBind('h', 'AF_INET6', '[2001:db8::1]:5151', fine),
      ...tryBind('i', 'AF_INET6', '[::1]:5151', fine),
      ...tryBind('j', 'AF_INET6', '[::]:5153', fine)], { policy });
  }
  V('bind-local-address/pending', arch, `${local}; completion pending: the status arrives through the IRP`, [
    { op: 'setAddressList', family: 'AF_INET', addresses: ['10.0.0.5:0'] },
    sock('s1', 'AF_INET', 'SOCK_STREAM', 'WSK_FLAG_LISTEN_SOCKET'),
    { op: 'bind', socket: 's1', address: '192.0.2.0:5150', irp: { fill: 'cc' }, expect: { status: 'STATUS_PENDING', irp: { completed: false } } },
    { op: 'complete', expect: { irps: [done('STATUS_INVALID_ADDRESS_COMPONENT', INVALID_ADDRESS_COMPONENT)] } }], { completion: 'pending' });
}
write('windows-preset', 'The windows preset, deviations (expect.lint) and the measured bind amendments of POLICY.md', vs);
