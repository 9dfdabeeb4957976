const { ARCHES, sock, bind, irpDone, write, ST } = require('./lib');
const ok = 'STATUS_SUCCESS';
const ioctl = (s, code, o) => ({ op: 'control', socket: s, requestType: 'WskIoctl', controlCode: code, level: 0, ...o });
const udp4 = [sock('s1', 'AF_INET', 'SOCK_DGRAM', 'WSK_FLAG_DATAGRAM_SOCKET')];
const udp6 = [sock('s1', 'AF_INET6', 'SOCK_DGRAM', 'WSK_FLAG_DATAGRAM_SOCKET')];
const tcpConn = [sock('s1', 'AF_INET', 'SOCK_STREAM', 'WSK_FLAG_CONNECTION_SOCKET')];
const tcpListen = [sock('s1', 'AF_INET', 'SOCK_STREAM', 'WSK_FLAG_LISTEN_SOCKET')];
// "after connect" (docs/POLICY.md#after-connect-state): a connection to a remote listener the harness declares
const connectTo = (s, addr) => [{ op: 'remote', listen: addr }, { op: 'connect', socket: s, address: addr, irp: { fill: 'cc' }, expect: { status: 'STATUS_SUCCESS' } }];
const connected4 = (s) => connectTo(s, '192.0.2.7:80');
// SOCKADDR_IN 127.0.0.1:5150 (5150 = 0x141e, network order) and SOCKADDR_IN6 [::1]:5150, by hand
const SIN = '0200141e7f0000010000000000000000';
const SIN6 = '1700141e' + '00000000' + '00000000000000000000000000000001' + '00000000';
const vs = [];
const V = (id, arch, source, steps, extra = {}) => vs.push({ id: `${id}/${arch}`, arch, source, ...extra, steps });
for (const arch of ARCHES) {
  const sz = arch === 'x86' ? 4 : 8;
  const done = (n, h, i = '00000000') => irpDone(arch, n, h, i);
  for (const code of ['SIO_WSK_SET_REMOTE_ADDRESS', 'SIO_WSK_SET_SENDTO_ADDRESS']) {
    const p = code.toLowerCase();
    const page = code === 'SIO_WSK_SET_REMOTE_ADDRESS' ? 'sio-wsk-set-remote-address.md' : 'sio-wsk-set-sendto-address.md';
    V(`${p}/set-v4`, arch, `${page}: SOCKADDR of the socket's family after bind; IRP required`, [...udp4, bind('s1', '0.0.0.0:5151'), ioctl('s1', code, { inputSize: 16, input: SIN, irp: { fill: 'cc' }, expect: { status: ok, irp: done(ok, ST.SUCCESS) } })]);
    V(`${p}/set-v6`, arch, `${page}: AF_INET6 socket takes a 28-byte SOCKADDR_IN6`, [...udp6, bind('s1', '[::]:5151'), ioctl('s1', code, { inputSize: 28, input: SIN6, irp: { fill: 'cc' }, expect: { status: ok, irp: done(ok, ST.SUCCESS) } })]);
    V(`${p}/clear`, arch, `${page}: InputSize 0 and InputBuffer NULL clear the fixed address`, [...udp4, bind('s1', '0.0.0.0:5151'), ioctl('s1', code, { inputSize: 16, input: SIN, irp: { fill: 'cc' } }), ioctl('s1', code, { inputSize: 0, input: null, irp: { fill: 'cc' }, expect: { status: ok, irp: done(ok, ST.SUCCESS) } })]);
    V(`${p}/unbound`, arch, `${page}: "after the datagram socket has been bound"; docs/POLICY.md#check-12`, [...udp4, ioctl('s1', code, { inputSize: 16, input: SIN, irp: { fill: 'cc' }, expect: { status: 'STATUS_INVALID_DEVICE_STATE', irp: done('STATUS_INVALID_DEVICE_STATE', ST.INVALID_DEVICE_STATE), rule: 'timing' } })]);
    V(`${p}/not-datagram`, arch, `${page}: "applies only to datagram sockets"; docs/POLICY.md#check-7`, [...tcpConn, ioctl('s1', code, { inputSize: 16, input: SIN, irp: { fill: 'cc' }, expect: { status: 'STATUS_INVALID_DEVICE_REQUEST', irp: done('STATUS_INVALID_DEVICE_REQUEST', ST.INVALID_DEVICE_REQUEST) } })]);
    V(`${p}/size-15`, arch, 'policy fixed-address-size', [...udp4, bind('s1', '0.0.0.0:5151'), ioctl('s1', code, { inputSize: 15, input: SIN, irp: { fill: 'cc' }, expect: { status: 'STATUS_INVALID_PARAMETER', irp: done('STATUS_INVALID_PARAMETER', ST.INVALID_PARAMETER), rule: 'set-input-size' } })]);
    V(`${p}/wrong-family`, arch, 'policy fixed-address-size: sa_family must be the socket\'s', [...udp6, bind('s1', '[::]:5151'), ioctl('s1', code, { inputSize: 28, input: SIN + '000000000000000000000000', irp: { fill: 'cc' }, expect: { status: 'STATUS_INVALID_PARAMETER', irp: done('STATUS_INVALID_PARAMETER', ST.INVALID_PARAMETER), rule: 'value-domain' } })]);
    V(`${p}/no-irp`, arch, `${page}: IRP required (docs/POLICY.md#check-6)`, [...udp4, bind('s1', '0.0.0.0:5151'), ioctl('s1', code, { inputSize: 16, input: SIN, expect: { status: 'STATUS_INVALID_PARAMETER', rule: 'irp-required' } })]);
    V(`${p}/null-input`, arch, 'docs/POLICY.md#check-8: InputSize 16 with a NULL InputBuffer', [...udp4, bind('s1', '0.0.0.0:5151'), ioctl('s1', code, { inputSize: 16, input: null, irp: { fill: 'cc' }, expect: { status: 'STATUS_INVALID_PARAMETER', irp: done('STATUS_INVALID_PARAMETER', ST.INVALID_PARAMETER), rule: 'buffer-presence' } })]);
  }
  // SIO_WSK_REGISTER_EXTENSION: WSK_EXTENSION_CONTROL_IN 12/24 bytes, _OUT 8/16 bytes, no IRP
  const extIn = arch === 'x86' ? '00100000' + '00200000' + '00300000' : '0010000000000000' + '0020000000000000' + '0030000000000000';
  const outLen = arch === 'x86' ? 8 : 16;
  V('sio_wsk_register_extension/unsupported', arch, 'registering-an-extension-interface.md: unsupported extension -> STATUS_NOT_SUPPORTED; policy no-extension-interfaces', [...tcpConn,
    ioctl('s1', 'SIO_WSK_REGISTER_EXTENSION', { inputSize: extIn.length / 2, input: extIn, outputSize: outLen, output: { length: outLen + 4, fill: 'cc' }, expect: { status: 'STATUS_NOT_SUPPORTED', output: 'cc'.repeat(outLen + 4), rule: 'no-extension-interfaces' } })]);
  V('sio_wsk_register_extension/with-irp', arch, 'sio-wsk-register-extension.md: no IRP; docs/POLICY.md#check-6b', [sock('s1', 'AF_INET', 'SOCK_DGRAM', 'WSK_FLAG_BASIC_SOCKET'),
    ioctl('s1', 'SIO_WSK_REGISTER_EXTENSION', { inputSize: extIn.length / 2, input: extIn, outputSize: outLen, output: { length: outLen, fill: 'cc' }, irp: { fill: 'cc' }, expect: { status: 'STATUS_INVALID_PARAMETER', output: 'cc'.repeat(outLen), irp: done('STATUS_INVALID_PARAMETER', ST.INVALID_PARAMETER), rule: 'irp-must-be-null' } })]);
  V('sio_wsk_register_extension/output-short', arch, 'docs/POLICY.md#check-9: OutputSize below sizeof(WSK_EXTENSION_CONTROL_OUT)', [...udp4,
    ioctl('s1', 'SIO_WSK_REGISTER_EXTENSION', { inputSize: extIn.length / 2, input: extIn, outputSize: outLen - 1, output: { length: outLen, fill: 'cc' }, expect: { status: 'STATUS_BUFFER_TOO_SMALL', output: 'cc'.repeat(outLen) } })]);
  V('sio_wsk_register_extension/input-size-x86-on-x64', arch, 'docs/POLICY.md#check-9: InputSize must be sizeof(WSK_EXTENSION_CONTROL_IN) of the arch', [...udp4,
    ioctl('s1', 'SIO_WSK_REGISTER_EXTENSION', { inputSize: arch === 'x86' ? 24 : 12, input: '00'.repeat(24), outputSize: outLen, output: { length: outLen, fill: 'cc' }, expect: { status: 'STATUS_INVALID_PARAMETER', output: 'cc'.repeat(outLen), rule: 'set-input-size' } })]);
  // backlog queries: SIZE_T output
  const ideal = arch === 'x86' ? '00000100' : '0000010000000000';
  const zero = '00'.repeat(sz);
  V('sio_wsk_query_ideal_send_backlog/connected', arch, 'sio-wsk-query-ideal-send-backlog.md: SIZE_T output, IRP required; policy backlog-values (65536)', [...tcpConn, bind('s1', '0.0.0.0:5152'), ...connected4('s1'),
    ioctl('s1', 'SIO_WSK_QUERY_IDEAL_SEND_BACKLOG', { outputSize: sz, output: { length: 12, fill: 'cc' }, irp: { fill: 'cc' }, expect: { status: ok, output: ideal + 'cc'.repeat(12 - sz), irp: done(ok, ST.SUCCESS, sz === 4 ? '04000000' : '08000000') } })]);
  V('sio_wsk_query_receive_backlog/connected', arch, 'sio-wsk-query-receive-backlog.md: SIZE_T output; policy backlog-values (0)', [sock('s1', 'AF_INET6', 'SOCK_STREAM', 'WSK_FLAG_STREAM_SOCKET'), bind('s1', '[::]:5152'), ...connectTo('s1', '[2001:db8::7]:80'),
    ioctl('s1', 'SIO_WSK_QUERY_RECEIVE_BACKLOG', { outputSize: sz, output: { length: 12, fill: 'cc' }, irp: { fill: 'cc' }, expect: { status: ok, output: zero + 'cc'.repeat(12 - sz), irp: done(ok, ST.SUCCESS, sz === 4 ? '04000000' : '08000000') } })]);
  V('sio_wsk_query_ideal_send_backlog/output-short', arch, 'docs/POLICY.md#check-9: OutputSize < sizeof(SIZE_T)', [...tcpConn, bind('s1', '0.0.0.0:5152'),
    ioctl('s1', 'SIO_WSK_QUERY_IDEAL_SEND_BACKLOG', { outputSize: sz - 1, output: { length: 12, fill: 'cc' }, irp: { fill: 'cc' }, expect: { status: 'STATUS_BUFFER_TOO_SMALL', output: 'cc'.repeat(12), irp: done('STATUS_BUFFER_TOO_SMALL', ST.BUFFER_TOO_SMALL) } })]);
  V('sio_wsk_query_receive_backlog/output-size-returned', arch, 'sio-wsk-query-receive-backlog.md: OutputSizeReturned NULL; docs/POLICY.md#check-10 (strict)', [...tcpConn, bind('s1', '0.0.0.0:5152'),
    ioctl('s1', 'SIO_WSK_QUERY_RECEIVE_BACKLOG', { outputSize: sz, output: { length: sz, fill: 'cc' }, outputSizeReturned: { fill: 'cc' }, irp: { fill: 'cc' }, expect: { status: 'STATUS_INVALID_PARAMETER', output: 'cc'.repeat(sz), outputSizeReturned: 'cc'.repeat(sz), irp: done('STATUS_INVALID_PARAMETER', ST.INVALID_PARAMETER), rule: 'unused-args-null' } })]);
  V('sio_wsk_query_ideal_send_backlog/not-connected', arch, 'sio-wsk-query-ideal-send-backlog.md: after connect; policy after-connect-state', [...tcpConn,
    ioctl('s1', 'SIO_WSK_QUERY_IDEAL_SEND_BACKLOG', { outputSize: sz, output: { length: sz, fill: 'cc' }, irp: { fill: 'cc' }, expect: { status: 'STATUS_INVALID_DEVICE_STATE', output: 'cc'.repeat(sz), irp: done('STATUS_INVALID_DEVICE_STATE', ST.INVALID_DEVICE_STATE) } })]);
  V('sio_wsk_query_ideal_send_backlog/bound-not-connected', arch, 'sio-wsk-query-ideal-send-backlog.md: after connect (bound is not enough); policy after-connect-state', [...tcpConn, bind('s1', '0.0.0.0:5152'),
    ioctl('s1', 'SIO_WSK_QUERY_IDEAL_SEND_BACKLOG', { outputSize: sz, output: { length: sz, fill: 'cc' }, irp: { fill: 'cc' }, expect: { status: 'STATUS_INVALID_DEVICE_STATE', output: 'cc'.repeat(sz), irp: done('STATUS_INVALID_DEVICE_STATE', ST.INVALID_DEVICE_STATE), rule: 'timing' } })]);
  V('sio_wsk_query_ideal_send_backlog/aborted', arch, 'policy after-connect-state: an abortive disconnect ends the connection', [...tcpConn, bind('s1', '0.0.0.0:5152'), ...connected4('s1'),
    { op: 'disconnect', socket: 's1', flags: 'WSK_FLAG_ABORTIVE', irp: { fill: 'cc' }, expect: { status: ok } },
    ioctl('s1', 'SIO_WSK_QUERY_IDEAL_SEND_BACKLOG', { outputSize: sz, output: { length: sz, fill: 'cc' }, irp: { fill: 'cc' }, expect: { status: 'STATUS_INVALID_DEVICE_STATE', output: 'cc'.repeat(sz), irp: done('STATUS_INVALID_DEVICE_STATE', ST.INVALID_DEVICE_STATE), rule: 'timing' } })]);
  V('sio_wsk_query_receive_backlog/datagram', arch, 'sio-wsk-query-receive-backlog.md: connection-oriented only', [...udp4, bind('s1', '0.0.0.0:5152'),
    ioctl('s1', 'SIO_WSK_QUERY_RECEIVE_BACKLOG', { outputSize: sz, output: { length: sz, fill: 'cc' }, irp: { fill: 'cc' }, expect: { status: 'STATUS_INVALID_DEVICE_REQUEST', output: 'cc'.repeat(sz), irp: done('STATUS_INVALID_DEVICE_REQUEST', ST.INVALID_DEVICE_REQUEST) } })]);
  // inspect id: only sockets accepted on a conditional-accept listener qualify
  const idLen = arch === 'x86' ? 8 : 16;
  V('sio_wsk_query_inspect_id/connection', arch, 'sio-wsk-query-inspect-id.md: STATUS_INVALID_DEVICE_REQUEST on any other socket; policy inspect-id', [...tcpConn, bind('s1', '0.0.0.0:5153'),
    ioctl('s1', 'SIO_WSK_QUERY_INSPECT_ID', { outputSize: idLen, output: { length: idLen, fill: 'cc' }, outputSizeReturned: { fill: 'cc' }, expect: { status: 'STATUS_INVALID_DEVICE_REQUEST', output: 'cc'.repeat(idLen), outputSizeReturned: 'cc'.repeat(sz), rule: 'inspect-id' } })]);
  const acceptOn = (cond) => [...tcpListen,
    ...(cond ? [{ op: 'control', socket: 's1', requestType: 'WskSetOption', controlCode: 'SO_CONDITIONAL_ACCEPT', level: 'SOL_SOCKET', inputSize: 4, input: '01000000', irp: { fill: 'cc' }, expect: { status: ok } }] : []),
    bind('s1', '127.0.0.1:5153'),
    { op: 'incoming', from: '10.0.0.9:40000', to: '127.0.0.1:5153', expect: { listener: 's1' } },
    { op: 'incoming', from: '10.0.0.9:40001', to: '127.0.0.1:5153', expect: { listener: 's1' } },
    { op: 'accept', socket: 's1', as: 'a1', irp: { fill: 'cc' }, expect: { status: ok } },
    { op: 'accept', socket: 's1', as: 'a2', irp: { fill: 'cc' }, expect: { status: ok } }];
  // WSK_INSPECT_ID { ULONG_PTR Key = the listener's handle (1); ULONG SerialNumber = 2 (the second accepted) [; 4 bytes padding] }
  const id2 = arch === 'x86' ? '01000000' + '02000000' : '0100000000000000' + '02000000' + '00000000';
  V('sio_wsk_query_inspect_id/conditional-accept', arch, 'sio-wsk-query-inspect-id.md: a connection-oriented socket accepted on a listening socket with conditional accept enabled; policy inspect-id', [...acceptOn(true),
    ioctl('a2', 'SIO_WSK_QUERY_INSPECT_ID', { outputSize: idLen, output: { length: idLen + 4, fill: 'cc' }, outputSizeReturned: { fill: 'cc' }, expect: { status: ok, output: id2 + 'cccccccc', outputSizeReturned: (arch === 'x86' ? '08000000' : '1000000000000000'), rule: 'inspect-id' } })]);
  V('sio_wsk_query_inspect_id/plain-accept', arch, 'sio-wsk-query-inspect-id.md: not accepted with conditional accept: STATUS_INVALID_DEVICE_REQUEST; policy inspect-id', [...acceptOn(false),
    ioctl('a1', 'SIO_WSK_QUERY_INSPECT_ID', { outputSize: idLen, output: { length: idLen, fill: 'cc' }, outputSizeReturned: { fill: 'cc' }, expect: { status: 'STATUS_INVALID_DEVICE_REQUEST', output: 'cc'.repeat(idLen), outputSizeReturned: 'cc'.repeat(sz), rule: 'inspect-id' } })]);
  V('sio_wsk_query_inspect_id/with-irp', arch, 'sio-wsk-query-inspect-id.md: Irp NULL; docs/POLICY.md#check-6b', [...tcpListen,
    ioctl('s1', 'SIO_WSK_QUERY_INSPECT_ID', { outputSize: idLen, output: { length: idLen, fill: 'cc' }, irp: { fill: 'cc' }, expect: { status: 'STATUS_INVALID_PARAMETER', irp: done('STATUS_INVALID_PARAMETER', ST.INVALID_PARAMETER) } })]);
  // silent mode
  V('sio_wsk_set_tcp_silent_mode/connected', arch, 'sio-wsk-set-tcp-silent-mode.md: no buffers, IRP required', [...tcpConn, bind('s1', '0.0.0.0:5154'), ...connected4('s1'),
    ioctl('s1', 'SIO_WSK_SET_TCP_SILENT_MODE', { irp: { fill: 'cc' }, expect: { status: ok, irp: done(ok, ST.SUCCESS) } })]);
  V('sio_wsk_set_tcp_silent_mode/loopback', arch, 'sio-wsk-set-tcp-silent-mode.md: "not supported on loopback"; policy silent-mode', [sock('l', 'AF_INET', 'SOCK_STREAM', 'WSK_FLAG_LISTEN_SOCKET'), bind('l', '127.0.0.1:5156'),
    ...tcpConn, bind('s1', '127.0.0.1:5154'), { op: 'connect', socket: 's1', address: '127.0.0.1:5156', irp: { fill: 'cc' }, expect: { status: ok, listener: 'l' } },
    ioctl('s1', 'SIO_WSK_SET_TCP_SILENT_MODE', { irp: { fill: 'cc' }, expect: { status: 'STATUS_NOT_SUPPORTED', irp: done('STATUS_NOT_SUPPORTED', ST.NOT_SUPPORTED), rule: 'silent-mode-loopback' } })]);
  V('sio_wsk_set_tcp_silent_mode/udp-connection-flag', arch, 'sio-wsk-set-tcp-silent-mode.md: TCP only; policy transport-option-applicability', [sock('s1', 'AF_INET', 'SOCK_DGRAM', 'WSK_FLAG_CONNECTION_SOCKET'),
    ioctl('s1', 'SIO_WSK_SET_TCP_SILENT_MODE', { irp: { fill: 'cc' }, expect: { status: 'STATUS_NOT_SUPPORTED', irp: done('STATUS_NOT_SUPPORTED', ST.NOT_SUPPORTED), rule: 'option-transport' } })]);
  V('sio_wsk_set_tcp_silent_mode/with-input', arch, 'docs/POLICY.md#check-10 (strict): no input', [...tcpConn, bind('s1', '0.0.0.0:5154'), ...connected4('s1'),
    ioctl('s1', 'SIO_WSK_SET_TCP_SILENT_MODE', { inputSize: 4, input: '01000000', irp: { fill: 'cc' }, expect: { status: 'STATUS_INVALID_PARAMETER', irp: done('STATUS_INVALID_PARAMETER', ST.INVALID_PARAMETER), rule: 'unused-args-null' } })]);
  // loopback fast path
  V('sio_loopback_fast_path/enable', arch, 'sio-loopback-fast-path.md: pointer to a Boolean; IRP required', [...tcpListen,
    ioctl('s1', 'SIO_LOOPBACK_FAST_PATH', { inputSize: 4, input: '01000000', irp: { fill: 'cc' }, expect: { status: ok, irp: done(ok, ST.SUCCESS) } })]);
  V('sio_loopback_fast_path/size-1', arch, 'sio-loopback-fast-path.md: STATUS_INVALID_BUFFER_SIZE; policy loopback-fast-path-input', [...tcpConn,
    ioctl('s1', 'SIO_LOOPBACK_FAST_PATH', { inputSize: 1, input: '01000000', irp: { fill: 'cc' }, expect: { status: 'STATUS_INVALID_BUFFER_SIZE', irp: done('STATUS_INVALID_BUFFER_SIZE', ST.INVALID_BUFFER_SIZE) } })]);
  V('sio_loopback_fast_path/udp', arch, 'sio-loopback-fast-path.md: TCP only, STATUS_NOT_SUPPORTED', [sock('s1', 'AF_INET6', 'SOCK_DGRAM', 'WSK_FLAG_CONNECTION_SOCKET'),
    ioctl('s1', 'SIO_LOOPBACK_FAST_PATH', { inputSize: 4, input: '01000000', irp: { fill: 'cc' }, expect: { status: 'STATUS_NOT_SUPPORTED', irp: done('STATUS_NOT_SUPPORTED', ST.NOT_SUPPORTED) } })]);
  const getOpt = (code, level, outHex, n, h, info) => ({ op: 'control', socket: 's1', requestType: 'WskGetOption', controlCode: code, level, outputSize: 4, output: { length: 4, fill: 'cc' }, irp: { fill: 'cc' }, expect: { status: n, output: outHex, irp: done(n, h, info) } });
  V('sio_loopback_fast_path/option-subset', arch, 'sio-loopback-fast-path.md: "Only a subset of the TCP/IP socket options are supported"; policy loopback-fast-path-options', [...tcpListen,
    ioctl('s1', 'SIO_LOOPBACK_FAST_PATH', { inputSize: 4, input: '01000000', irp: { fill: 'cc' }, expect: { status: ok } }),
    getOpt('TCP_NODELAY', 'IPPROTO_TCP', 'cccccccc', 'STATUS_NOT_SUPPORTED', ST.NOT_SUPPORTED, '00000000'),
    getOpt('SO_KEEPALIVE', 'SOL_SOCKET', 'cccccccc', 'STATUS_NOT_SUPPORTED', ST.NOT_SUPPORTED, '00000000'),
    getOpt('IP_TTL', 'IPPROTO_IP', '80000000', ok, ST.SUCCESS, '04000000'),
    getOpt('TCP_BSDURGENT', 'IPPROTO_TCP', '01000000', ok, ST.SUCCESS, '04000000'),
    getOpt('SO_EXCLUSIVEADDRUSE', 'SOL_SOCKET', '00000000', ok, ST.SUCCESS, '04000000')]);
  V('sio_loopback_fast_path/disabled-again', arch, 'policy loopback-fast-path-options: only while enabled', [...tcpListen,
    ioctl('s1', 'SIO_LOOPBACK_FAST_PATH', { inputSize: 4, input: '01000000', irp: { fill: 'cc' } }),
    ioctl('s1', 'SIO_LOOPBACK_FAST_PATH', { inputSize: 4, input: '00000000', irp: { fill: 'cc' } }),
    getOpt('TCP_NODELAY', 'IPPROTO_TCP', '00000000', ok, ST.SUCCESS, '04000000')]);
  // unknown and undocumented IOCTLs
  V('sio_wsk_set_receive_ex_callback/unsupported', arch, 'header-only IOCTL, docs/POLICY.md#check-5', [...tcpConn,
    ioctl('s1', '0x8F000008', { inputSize: sz, input: '00'.repeat(sz), irp: { fill: 'cc' }, expect: { status: 'STATUS_NOT_SUPPORTED', irp: done('STATUS_NOT_SUPPORTED', ST.NOT_SUPPORTED), rule: 'option-known' } })]);
  V('sio_address_list_sort/unsupported', arch, 'no WSK page; docs/POLICY.md#check-5', [...tcpConn,
    ioctl('s1', '0xC8000019', { irp: { fill: 'cc' }, expect: { status: 'STATUS_NOT_SUPPORTED', irp: done('STATUS_NOT_SUPPORTED', ST.NOT_SUPPORTED) } })]);
  V('ioctl/level-ignored', arch, 'nc-wsk-pfn_wsk_control_socket.md: Level is ignored for WskIoctl', [...tcpConn, bind('s1', '0.0.0.0:5155'), ...connected4('s1'),
    { ...ioctl('s1', 'SIO_WSK_SET_TCP_SILENT_MODE', { irp: { fill: 'cc' }, expect: { status: ok, irp: done(ok, ST.SUCCESS) } }), level: '0x12345678' }]);
  // WFP redirect IOCTLs
  V('sio_query_wfp_connection_redirect_records/not-redirected', arch, 'sio-query-wfp-connection-redirect-records.md: STATUS_NOT_FOUND; policy wfp-redirect-data', [...tcpConn,
    ioctl('s1', 'SIO_QUERY_WFP_CONNECTION_REDIRECT_RECORDS', { outputSize: 8, output: { length: 8, fill: 'cc' }, outputSizeReturned: { fill: 'cc' }, irp: { fill: 'cc' }, expect: { status: 'STATUS_NOT_FOUND', output: 'cc'.repeat(8), outputSizeReturned: 'cc'.repeat(sz), irp: done('STATUS_NOT_FOUND', ST.NOT_FOUND) } })]);
  V('sio_query_wfp_connection_redirect_records/probe', arch, 'sio-query-wfp-connection-redirect-records.md: 0/NULL -> STATUS_BUFFER_TOO_SMALL, size in OutputSizeReturned; docs/POLICY.md failure Information 0', [...tcpConn,
    { op: 'setRedirectData', socket: 's1', which: 'records', bytes: 'a1a2a3a4a5' },
    ioctl('s1', 'SIO_QUERY_WFP_CONNECTION_REDIRECT_RECORDS', { outputSize: 0, output: null, outputSizeReturned: { fill: 'cc' }, irp: { fill: 'cc' }, expect: { status: 'STATUS_BUFFER_TOO_SMALL', outputSizeReturned: '05' + '00'.repeat(sz - 1), irp: done('STATUS_BUFFER_TOO_SMALL', ST.BUFFER_TOO_SMALL, '00000000') } })]);
  V('sio_query_wfp_connection_redirect_context/read', arch, 'sio-query-wfp-connection-redirect-context.md: buffer large enough', [...tcpConn,
    { op: 'setRedirectData', socket: 's1', which: 'context', bytes: 'b1b2b3' },
    ioctl('s1', 'SIO_QUERY_WFP_CONNECTION_REDIRECT_CONTEXT', { outputSize: 6, output: { length: 6, fill: 'cc' }, outputSizeReturned: { fill: 'cc' }, irp: { fill: 'cc' }, expect: { status: ok, output: 'b1b2b3cccccc', outputSizeReturned: '03' + '00'.repeat(sz - 1), irp: done(ok, ST.SUCCESS, '03000000') } })]);
  V('sio_set_wfp_connection_redirect_records/set-then-query', arch, 'sio-set-wfp-connection-redirect-records.md; policy wfp-redirect-data', [...tcpConn,
    ioctl('s1', 'SIO_SET_WFP_CONNECTION_REDIRECT_RECORDS', { inputSize: 2, input: 'dead', irp: { fill: 'cc' }, expect: { status: ok, irp: done(ok, ST.SUCCESS) } }),
    ioctl('s1', 'SIO_QUERY_WFP_CONNECTION_REDIRECT_RECORDS', { outputSize: 4, output: { length: 4, fill: 'cc' }, irp: { fill: 'cc' }, expect: { status: ok, output: 'deadcccc', irp: done(ok, ST.SUCCESS, '02000000') } })]);
  V('sio_set_wfp_connection_redirect_records/datagram', arch, 'redirected TCP connections only; docs/POLICY.md#check-7', [...udp4,
    ioctl('s1', 'SIO_SET_WFP_CONNECTION_REDIRECT_RECORDS', { inputSize: 2, input: 'dead', irp: { fill: 'cc' }, expect: { status: 'STATUS_INVALID_DEVICE_REQUEST', irp: done('STATUS_INVALID_DEVICE_REQUEST', ST.INVALID_DEVICE_REQUEST) } })]);
}
write('wsk-ioctls', 'WSK socket IOCTLs: SIO_WSK_*, SIO_LOOPBACK_FAST_PATH, WFP redirect', vs);
