const { ARCHES, sock, bind, irpDone, write, ST } = require('./lib');
const ok = 'STATUS_SUCCESS';
const vs = [];
const V = (id, arch, source, steps, extra = {}) => vs.push({ id: `${id}/${arch}`, arch, source, ...extra, steps });
const cc = (code, o) => ({ op: 'controlClient', controlCode: code, ...o });
// WSK_TRANSPORT by hand (28 bytes): Version 0x0100, SocketType, Protocol, AddressFamily, 2 padding bytes (0), GUID (16 zero bytes)
const T = (type, proto, af) => '0001' + type + proto + af + '0000' + '00'.repeat(16);
const LIST = T('0100', '06000000', '0200') + T('0200', '11000000', '0200') + T('0100', '06000000', '1700') + T('0200', '11000000', '1700');
for (const arch of ARCHES) {
  const P = arch === 'x86' ? 4 : 8;
  const ptr = (hex4) => hex4 + (P === 8 ? '00000000' : '');
  const size = (hex4) => hex4 + (P === 8 ? '00000000' : '');
  V('wsk_transport_list_query/probe', arch, 'wsk-transport-list-query.md: 0/NULL -> STATUS_BUFFER_OVERFLOW, required size in *OutputSizeReturned; policy transport-list', [
    cc('WSK_TRANSPORT_LIST_QUERY', { outputSize: 0, output: null, outputSizeReturned: { fill: 'cc' }, expect: { status: 'STATUS_BUFFER_OVERFLOW', outputSizeReturned: size('70000000') } })]);
  V('wsk_transport_list_query/full', arch, 'wsk-transport-list-query.md: array of WSK_TRANSPORT; policy transport-list', [
    cc('WSK_TRANSPORT_LIST_QUERY', { outputSize: 116, output: { length: 116, fill: 'cc' }, outputSizeReturned: { fill: 'cc' }, expect: { status: ok, output: LIST + 'cccccccc', outputSizeReturned: size('70000000') } })]);
  V('wsk_transport_list_query/short', arch, 'wsk-transport-list-query.md: too small -> STATUS_BUFFER_OVERFLOW, nothing written', [
    cc('WSK_TRANSPORT_LIST_QUERY', { outputSize: 111, output: { length: 112, fill: 'cc' }, outputSizeReturned: { fill: 'cc' }, expect: { status: 'STATUS_BUFFER_OVERFLOW', output: 'cc'.repeat(112), outputSizeReturned: size('70000000') } })]);
  V('wsk_transport_list_query/with-irp', arch, 'wsk-transport-list-query.md: "The Irp parameter must be NULL"; policy client-check-order', [
    cc('WSK_TRANSPORT_LIST_QUERY', { outputSize: 112, output: { length: 112, fill: 'cc' }, outputSizeReturned: { fill: 'cc' }, irp: { fill: 'cc' }, expect: { status: 'STATUS_INVALID_PARAMETER', output: 'cc'.repeat(112), outputSizeReturned: 'cc'.repeat(P), irp: irpDone(arch, 'STATUS_INVALID_PARAMETER', ST.INVALID_PARAMETER, '00000000'), rule: 'client-irp-must-be-null' } })]);
  V('wsk_transport_list_query/no-output-size-returned', arch, 'policy transport-list (OutputSizeReturned required)', [
    cc('WSK_TRANSPORT_LIST_QUERY', { outputSize: 112, output: { length: 112, fill: 'cc' }, expect: { status: 'STATUS_INVALID_PARAMETER', output: 'cc'.repeat(112) } })]);
  // security descriptors: the first image's pointer is 0x5D000010 (policy sd-image-pointer); the first cached handle is 1
  V('wsk_cache_sd/cache-and-release', arch, 'wsk-cache-sd.md, wsk-release-sd.md: PSECURITY_DESCRIPTOR in and out; policy sd-image-pointer', [
    { op: 'sdImage', allow: ['alice'] },
    cc('WSK_CACHE_SD', { inputSize: P, input: ptr('1000005d'), outputSize: P, output: { length: 12, fill: 'cc' }, expect: { status: ok, output: ptr('01000000') + 'cc'.repeat(12 - P) } }),
    cc('WSK_RELEASE_SD', { inputSize: P, input: ptr('01000000'), expect: { status: ok } }),
    cc('WSK_RELEASE_SD', { inputSize: P, input: ptr('01000000'), expect: { status: 'STATUS_INVALID_PARAMETER' } })]);
  V('wsk_cache_sd/unknown-pointer', arch, 'policy sd-image-pointer: a pointer no image was registered at', [
    cc('WSK_CACHE_SD', { inputSize: P, input: ptr('2000005d'), outputSize: P, output: { length: P, fill: 'cc' }, expect: { status: 'STATUS_INVALID_PARAMETER', output: 'cc'.repeat(P), rule: 'sd-image-pointer' } })]);
  V('wsk_cache_sd/output-short', arch, 'docs/POLICY.md#check-9 applied to WskControlClient: OutputSize < sizeof(PSECURITY_DESCRIPTOR)', [
    { op: 'sdImage', allow: [] },
    cc('WSK_CACHE_SD', { inputSize: P, input: ptr('1000005d'), outputSize: P - 1, output: { length: P, fill: 'cc' }, expect: { status: 'STATUS_BUFFER_TOO_SMALL', output: 'cc'.repeat(P) } })]);
  V('wsk_cache_sd/with-irp', arch, 'wsk-cache-sd.md: "The Irp parameter must be NULL"', [
    { op: 'sdImage', allow: [] },
    cc('WSK_CACHE_SD', { inputSize: P, input: ptr('1000005d'), outputSize: P, output: { length: P, fill: 'cc' }, irp: { fill: 'cc' }, expect: { status: 'STATUS_INVALID_PARAMETER', output: 'cc'.repeat(P), irp: irpDone(arch, 'STATUS_INVALID_PARAMETER', ST.INVALID_PARAMETER, '00000000') } })]);
  V('wsk_release_sd/input-size-other-arch', arch, 'wsk-release-sd.md: InputSize sizeof(PSECURITY_DESCRIPTOR)', [
    cc('WSK_RELEASE_SD', { inputSize: 12 - P, input: '01' + '00'.repeat(7), expect: { status: 'STATUS_INVALID_PARAMETER', rule: 'set-input-size' } })]);
  // static event callbacks: WSK_EVENT_CALLBACK_CONTROL by hand
  const ecc = (npi, mask) => arch === 'x86' ? npi + mask : npi + '00000000' + mask + '00000000';
  const E = arch === 'x86' ? 8 : 16;
  const setEv = (mask, o) => ({ op: 'control', socket: 's1', requestType: 'WskSetOption', controlCode: 'SO_WSK_EVENT_CALLBACK', level: 'SOL_SOCKET', inputSize: E, input: ecc('00100000', mask), ...o });
  V('wsk_set_static_event_callbacks/before-sockets', arch, 'wsk-set-static-event-callbacks.md: before any socket; static callbacks "cannot be disabled or re-enabled"; policy static-callbacks', [
    cc('WSK_SET_STATIC_EVENT_CALLBACKS', { inputSize: E, input: ecc('00100000', '00010000'), expect: { status: ok } }),
    sock('s1', 'AF_INET', 'SOCK_DGRAM', 'WSK_FLAG_DATAGRAM_SOCKET'), bind('s1', '0.0.0.0:7000'),
    setEv('00010080', { expect: { status: 'STATUS_INVALID_DEVICE_STATE', rule: 'event-callback-static' } }),
    setEv('00010000', { expect: { status: 'STATUS_INVALID_DEVICE_STATE', rule: 'event-callback-static' } })]);
  V('wsk_set_static_event_callbacks/other-category-unaffected', arch, 'wsk-set-static-event-callbacks.md: flags apply per socket category', [
    cc('WSK_SET_STATIC_EVENT_CALLBACKS', { inputSize: E, input: ecc('00100000', '00010000'), expect: { status: ok } }),
    sock('s1', 'AF_INET', 'SOCK_STREAM', 'WSK_FLAG_CONNECTION_SOCKET'), bind('s1', '0.0.0.0:7000'),
    setEv('40000000', { expect: { status: ok } }), setEv('40000080', { expect: { status: ok } })]);
  V('wsk_set_static_event_callbacks/after-socket', arch, 'wsk-set-static-event-callbacks.md: "must do so before it creates any sockets"', [
    sock('s1', 'AF_INET', 'SOCK_DGRAM', 'WSK_FLAG_DATAGRAM_SOCKET'),
    cc('WSK_SET_STATIC_EVENT_CALLBACKS', { inputSize: E, input: ecc('00100000', '00010000'), expect: { status: 'STATUS_INVALID_DEVICE_STATE' } })]);
  V('wsk_set_static_event_callbacks/disable-flag', arch, 'policy static-callbacks: WSK_EVENT_DISABLE is not a static form', [
    cc('WSK_SET_STATIC_EVENT_CALLBACKS', { inputSize: E, input: ecc('00100000', '00010080'), expect: { status: 'STATUS_INVALID_PARAMETER', rule: 'event-callback-mask' } })]);
  V('wsk_set_static_event_callbacks/null-npiid', arch, 'policy static-callbacks', [
    cc('WSK_SET_STATIC_EVENT_CALLBACKS', { inputSize: E, input: ecc('00000000', '00010000'), expect: { status: 'STATUS_INVALID_PARAMETER', rule: 'event-callback-npiid' } })]);
  V('wsk_tdi_behavior/bypass', arch, 'wsk-tdi-behavior.md: ULONG WSK_TDI_BEHAVIOR_BYPASS_TDI; policy tdi-behavior', [
    cc('WSK_TDI_BEHAVIOR', { inputSize: 4, input: '01000000', expect: { status: ok } })]);
  V('wsk_tdi_behavior/unknown-flag', arch, 'policy tdi-behavior', [
    cc('WSK_TDI_BEHAVIOR', { inputSize: 4, input: '02000000', expect: { status: 'STATUS_INVALID_PARAMETER', rule: 'value-domain' } })]);
  V('wsk_tdi_behavior/with-output', arch, 'wsk-tdi-behavior.md: OutputSize 0, OutputBuffer NULL (strict)', [
    cc('WSK_TDI_BEHAVIOR', { inputSize: 4, input: '01000000', outputSize: 4, output: { length: 4, fill: 'cc' }, expect: { status: 'STATUS_INVALID_PARAMETER', output: 'cccccccc', rule: 'unused-args-null' } })]);
  V('wsk_tdi_behavior/after-socket', arch, 'wsk-tdi-behavior.md: "must do so before it creates any sockets"; policy tdi-behavior', [
    sock('s1', 'AF_INET6', 'SOCK_DGRAM', 'WSK_FLAG_BASIC_SOCKET'),
    cc('WSK_TDI_BEHAVIOR', { inputSize: 4, input: '01000000', expect: { status: 'STATUS_INVALID_DEVICE_STATE', rule: 'tdi-behavior-before-sockets' } })]);
  V('wsk_transport_list_change/not-supported', arch, 'policy client-check-order: WSK_TRANSPORT_LIST_CHANGE is not implemented', [
    cc('WSK_TRANSPORT_LIST_CHANGE', { irp: { fill: 'cc' }, expect: { status: 'STATUS_NOT_SUPPORTED', irp: irpDone(arch, 'STATUS_NOT_SUPPORTED', ST.NOT_SUPPORTED, '00000000') } })]);
  V('wsk_control_client/unknown-code', arch, 'policy client-check-order', [cc(99, { expect: { status: 'STATUS_NOT_SUPPORTED', rule: 'client-code-known' } })]);
  V('wsk_control_client/input-overrun', arch, 'docs/POLICY.md "Faults" applied to WskControlClient', [cc('WSK_TDI_BEHAVIOR', { inputSize: 8, input: '01000000', expect: { fault: 'InputBufferOverrun' } })]);
}
write('control-client', 'WskControlClient at byte level', vs);
