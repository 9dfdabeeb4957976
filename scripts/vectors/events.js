const { ARCHES, sock, bind, irpDone, write, ST } = require('./lib');
const ok = 'STATUS_SUCCESS';
const vs = [];
const V = (id, arch, source, steps, extra = {}) => vs.push({ id: `${id}/${arch}`, arch, source, ...extra, steps });
// WSK_EVENT_CALLBACK_CONTROL by hand: x86 = NpiId(4) EventMask(4); x64 = NpiId(8) EventMask(4) padding(4)
const ecc = (arch, npi, maskHex) => arch === 'x86' ? npi + maskHex : npi + '00000000' + maskHex + '00000000';
const NPI = '00100000'; // &NPI_WSK_INTERFACE_ID stand-in: any non-NULL pointer (policy event-callback-npiid)
const set = (arch, s, input, o = {}) => ({ op: 'control', socket: s, requestType: 'WskSetOption', controlCode: 'SO_WSK_EVENT_CALLBACK', level: 'SOL_SOCKET', inputSize: arch === 'x86' ? 8 : 16, input, ...o });
const udpBound = [sock('s1', 'AF_INET', 'SOCK_DGRAM', 'WSK_FLAG_DATAGRAM_SOCKET'), bind('s1', '0.0.0.0:6000')];
const listenBound = [sock('s1', 'AF_INET6', 'SOCK_STREAM', 'WSK_FLAG_LISTEN_SOCKET'), bind('s1', '[::]:6000')];
const connBound = [sock('s1', 'AF_INET', 'SOCK_STREAM', 'WSK_FLAG_CONNECTION_SOCKET'), bind('s1', '0.0.0.0:6000')];
const PAGE = 'so-wsk-event-callback.md (windows-driver-docs)';
for (const arch of ARCHES) {
  const done = (n, h) => irpDone(arch, n, h, '00000000');
  const RF = '00010000', RF_OFF = '00010080', ACC = '00020000', RECV = '40000000', RECV_OFF = '40000080', DISC = '80000000';
  V('so_wsk_event_callback/enable-datagram', arch, `${PAGE}: enable with no IRP; datagram flag WSK_EVENT_RECEIVE_FROM`, [...udpBound, set(arch, 's1', ecc(arch, NPI, RF), { expect: { status: ok, rule: 'set-success' } })]);
  V('so_wsk_event_callback/enable-combination', arch, `${PAGE}: any combination valid for the category in one call`, [...connBound, set(arch, 's1', ecc(arch, NPI, 'd0000000'), { expect: { status: ok } })]);
  V('so_wsk_event_callback/enable-with-irp-strict', arch, 'policy event-callback-enable-irp (strict)', [...udpBound, set(arch, 's1', ecc(arch, NPI, RF), { irp: { fill: 'cc' }, expect: { status: 'STATUS_INVALID_PARAMETER', irp: done('STATUS_INVALID_PARAMETER', ST.INVALID_PARAMETER), rule: 'event-callback-enable-irp' } })]);
  V('so_wsk_event_callback/enable-with-irp-lenient', arch, 'policy event-callback-enable-irp (lenient)', [...udpBound, set(arch, 's1', ecc(arch, NPI, RF), { irp: { fill: 'cc' }, expect: { status: ok, irp: done(ok, ST.SUCCESS) } })], { policy: 'lenient' });
  V('so_wsk_event_callback/flag-of-other-category', arch, 'policy event-callback-mask: WSK_EVENT_ACCEPT on a datagram socket', [...udpBound, set(arch, 's1', ecc(arch, NPI, ACC), { expect: { status: 'STATUS_INVALID_PARAMETER', rule: 'event-callback-mask' } })]);
  V('so_wsk_event_callback/empty-mask', arch, 'policy event-callback-mask: EventMask 0', [...udpBound, set(arch, 's1', ecc(arch, NPI, '00000000'), { expect: { status: 'STATUS_INVALID_PARAMETER', rule: 'event-callback-mask' } })]);
  V('so_wsk_event_callback/null-npiid', arch, 'policy event-callback-npiid', [...udpBound, set(arch, 's1', ecc(arch, '00000000', RF), { expect: { status: 'STATUS_INVALID_PARAMETER', rule: 'event-callback-npiid' } })]);
  V('so_wsk_event_callback/before-bind', arch, `${PAGE}: listening and datagram sockets "after the socket has been bound"; docs/POLICY.md#check-12`, [sock('s1', 'AF_INET', 'SOCK_DGRAM', 'WSK_FLAG_DATAGRAM_SOCKET'), set(arch, 's1', ecc(arch, NPI, RF), { expect: { status: 'STATUS_INVALID_DEVICE_STATE', rule: 'timing' } })]);
  V('so_wsk_event_callback/basic-socket', arch, 'policy event-callback-basic; docs/POLICY.md#check-7', [sock('s1', 'AF_INET', 'SOCK_DGRAM', 'WSK_FLAG_BASIC_SOCKET'), set(arch, 's1', ecc(arch, NPI, RF), { expect: { status: 'STATUS_INVALID_DEVICE_REQUEST', rule: 'socket-category' } })]);
  V('so_wsk_event_callback/input-size-other-arch', arch, 'docs/POLICY.md#check-9: InputSize = sizeof(WSK_EVENT_CALLBACK_CONTROL) of the arch', [...udpBound, { ...set(arch, 's1', '00'.repeat(16)), inputSize: arch === 'x86' ? 16 : 8, expect: { status: 'STATUS_INVALID_PARAMETER', rule: 'set-input-size' } }]);
  V('so_wsk_event_callback/get-not-documented', arch, `${PAGE}: Set only; docs/POLICY.md#check-5`, [...udpBound, { op: 'control', socket: 's1', requestType: 'WskGetOption', controlCode: 'SO_WSK_EVENT_CALLBACK', level: 'SOL_SOCKET', outputSize: 16, output: { length: 16, fill: 'cc' }, irp: { fill: 'cc' }, expect: { status: 'STATUS_NOT_SUPPORTED', output: 'cc'.repeat(16), irp: done('STATUS_NOT_SUPPORTED', ST.NOT_SUPPORTED) } }]);
  V('so_wsk_event_callback/disable-no-irp', arch, `${PAGE}: disable one flag | WSK_EVENT_DISABLE, no call in progress -> STATUS_SUCCESS`, [...udpBound, set(arch, 's1', ecc(arch, NPI, RF)), set(arch, 's1', ecc(arch, NPI, RF_OFF), { expect: { status: ok } })]);
  V('so_wsk_event_callback/disable-with-irp', arch, `${PAGE}: disable with an optional IRP completed with success`, [...udpBound, set(arch, 's1', ecc(arch, NPI, RF)), set(arch, 's1', ecc(arch, NPI, RF_OFF), { irp: { fill: 'cc' }, expect: { status: ok, irp: done(ok, ST.SUCCESS) } })]);
  V('so_wsk_event_callback/disable-two-flags', arch, `${PAGE}: disable "each event callback function independently"; policy event-callback-mask`, [...connBound, set(arch, 's1', ecc(arch, NPI, 'c0000000')), set(arch, 's1', ecc(arch, NPI, 'c0000080'), { irp: { fill: 'cc' }, expect: { status: 'STATUS_INVALID_PARAMETER', irp: done('STATUS_INVALID_PARAMETER', ST.INVALID_PARAMETER) } })]);
  V('so_wsk_event_callback/disable-in-progress-irp', arch, `${PAGE}: in-progress calls and an IRP -> STATUS_PENDING, IRP completed after the calls return; policy callback-in-progress-harness`, [...connBound,
    set(arch, 's1', ecc(arch, NPI, RECV)),
    { op: 'callbackInProgress', socket: 's1', event: 'WSK_EVENT_RECEIVE', inProgress: true },
    set(arch, 's1', ecc(arch, NPI, RECV_OFF), { irp: { fill: 'cc' }, expect: { status: 'STATUS_PENDING', irp: { completed: false, ioStatus: arch === 'x86' ? 'cccccccccccccccc' : 'cc'.repeat(16) } } }),
    { op: 'callbackInProgress', socket: 's1', event: 'WSK_EVENT_RECEIVE', inProgress: false, expect: { irps: [done(ok, ST.SUCCESS)] } }]);
  V('so_wsk_event_callback/disable-in-progress-no-irp', arch, `${PAGE}: in-progress calls and no IRP -> STATUS_EVENT_PENDING`, [...udpBound,
    set(arch, 's1', ecc(arch, NPI, RF)),
    { op: 'callbackInProgress', socket: 's1', event: 'WSK_EVENT_RECEIVE_FROM', inProgress: true },
    set(arch, 's1', ecc(arch, NPI, RF_OFF), { expect: { status: 'STATUS_EVENT_PENDING' } })]);
  V('so_wsk_event_callback/other-flag-in-progress', arch, `${PAGE}: only the flag being disabled counts`, [...connBound,
    set(arch, 's1', ecc(arch, NPI, 'c0000000')),
    { op: 'callbackInProgress', socket: 's1', event: 'WSK_EVENT_DISCONNECT', inProgress: true },
    set(arch, 's1', ecc(arch, NPI, RECV_OFF), { expect: { status: ok } })]);
  V('so_wsk_event_callback/close-cancels-waiting-disable', arch, 'policy close-cancels-pending applied to a waiting disable', [...connBound,
    set(arch, 's1', ecc(arch, NPI, RECV)),
    { op: 'callbackInProgress', socket: 's1', event: 'WSK_EVENT_RECEIVE', inProgress: true },
    set(arch, 's1', ecc(arch, NPI, RECV_OFF), { irp: { fill: 'cc' }, expect: { status: 'STATUS_PENDING' } }),
    { op: 'close', socket: 's1', irp: { fill: 'cc' }, expect: { status: ok, irps: [done('STATUS_CANCELLED', ST.CANCELLED), done(ok, ST.SUCCESS)] } }]);
  V('so_wsk_event_callback/listen-connection-flags-sticky', arch, `${PAGE}: connection-oriented callbacks enabled on a listening socket "cannot be disabled"; policy event-callback-state`, [...listenBound,
    set(arch, 's1', ecc(arch, NPI, '40020000'), { expect: { status: ok } }),
    set(arch, 's1', ecc(arch, NPI, RECV_OFF), { expect: { status: 'STATUS_INVALID_DEVICE_STATE', rule: 'event-callback-listen-sticky' } }),
    set(arch, 's1', ecc(arch, NPI, '00020080'), { expect: { status: ok } })]);
  V('so_wsk_event_callback/stream-socket', arch, 'policy stream-socket-options: listening and connection flags', [sock('s1', 'AF_INET', 'SOCK_STREAM', 'WSK_FLAG_STREAM_SOCKET'), bind('s1', '0.0.0.0:6001'), set(arch, 's1', ecc(arch, NPI, 'd0020000'), { expect: { status: ok } })]);
  const udpBoundPending = [udpBound[0], { ...udpBound[1], expect: { status: 'STATUS_PENDING' } }, { op: 'complete', expect: { irps: [{ completed: true, status: ok, information: 0 }] } }];
  V('so_wsk_event_callback/pending-completion', arch, 'docs/POLICY.md completion pending: the enable has no IRP, so it completes inline', [...udpBoundPending, set(arch, 's1', ecc(arch, NPI, RF), { expect: { status: ok } })], { completion: 'pending' });
  V('so_wsk_event_callback/pending-completion-disable', arch, 'docs/POLICY.md completion pending: a disable with an IRP returns STATUS_PENDING and completes on delivery', [...udpBoundPending, set(arch, 's1', ecc(arch, NPI, RF)),
    set(arch, 's1', ecc(arch, NPI, RF_OFF), { irp: { fill: 'cc' }, expect: { status: 'STATUS_PENDING', irp: { completed: false } } }),
    { op: 'complete', expect: { irps: [done(ok, ST.SUCCESS)] } }], { completion: 'pending' });
}
write('event-callbacks', 'SO_WSK_EVENT_CALLBACK', vs);
