const { ARCHES, sock, irpDone, write, ST } = require('./lib');
const ok = 'STATUS_SUCCESS';
const vs = [];
const V = (id, arch, source, steps, extra = {}) => vs.push({ id: `${id}/${arch}`, arch, source, ...extra, steps });
const q = (s, o) => ({ op: 'control', socket: s, requestType: 'WskIoctl', controlCode: 'SIO_ADDRESS_LIST_QUERY', level: 0, ...o });
const le = (n, w) => { let h = ''; for (let i = 0; i < w; i++) { h += (i >= 4 ? 0 : (n >>> (8 * i)) & 0xff).toString(16).padStart(2, '0'); } return h; };
// SOCKADDR images by hand (port 0): 127.0.0.1, 10.0.0.1, 192.168.1.2, ::1
const LO4 = '020000007f0000010000000000000000';
const A10 = '020000000a0000010000000000000000';
const A192 = '02000000c0a801020000000000000000';
const LO6 = '17000000' + '00000000' + '00000000000000000000000000000001' + '00000000';
const PAGE = 'sio-address-list-query.md (windows-driver-docs)';
for (const arch of ARCHES) {
  const P = arch === 'x86' ? 4 : 8; // pointer / SIZE_T width
  const HDR = arch === 'x86' ? 4 : 8; // offsetof(SOCKET_ADDRESS_LIST, Address)
  const SA = arch === 'x86' ? 8 : 16; // sizeof(SOCKET_ADDRESS)
  // entry i by hand: lpSockaddr (pointer) then iSockaddrLength (INT) then, on x64, 4 untouched padding bytes
  const entry = (ptr, len) => le(ptr, P) + le(len, 4) + (arch === 'x64' ? 'cccccccc' : '');
  const count = (n) => le(n, 4) + (arch === 'x64' ? 'cccccccc' : '');
  const udp4 = [sock('s1', 'AF_INET', 'SOCK_DGRAM', 'WSK_FLAG_DATAGRAM_SOCKET')];
  const basic6 = [sock('s1', 'AF_INET6', 'SOCK_STREAM', 'WSK_FLAG_BASIC_SOCKET')];
  // one IPv4 address: header HDR + 1*SA, SOCKADDR at that offset, 16 bytes
  const req1 = HDR + SA + 16; // x86 28, x64 40
  V('sio_address_list_query/v4-default', arch, `${PAGE}; policies address-list-layout, address-list-pointers, host-address-list`, [...udp4,
    q('s1', { outputSize: req1 + 4, output: { length: req1 + 4, fill: 'cc' }, outputSizeReturned: { fill: 'cc' }, expect: { status: ok, output: count(1) + entry(HDR + SA, 16) + LO4 + 'cccccccc', outputSizeReturned: le(req1, P) } })]);
  V('sio_address_list_query/probe', arch, `${PAGE}: STATUS_BUFFER_OVERFLOW with the required size in *OutputSizeReturned`, [...udp4,
    q('s1', { outputSize: 0, output: null, outputSizeReturned: { fill: 'cc' }, expect: { status: 'STATUS_BUFFER_OVERFLOW', outputSizeReturned: le(req1, P) } })]);
  V('sio_address_list_query/one-byte-short', arch, `${PAGE}: OutputSize one byte short; nothing written to OutputBuffer`, [...udp4,
    q('s1', { outputSize: req1 - 1, output: { length: req1, fill: 'cc' }, outputSizeReturned: { fill: 'cc' }, expect: { status: 'STATUS_BUFFER_OVERFLOW', output: 'cc'.repeat(req1), outputSizeReturned: le(req1, P) } })]);
  V('sio_address_list_query/no-output-size-returned', arch, 'policy address-list-layout: OutputSizeReturned NULL -> STATUS_INVALID_PARAMETER', [...udp4,
    q('s1', { outputSize: req1, output: { length: req1, fill: 'cc' }, expect: { status: 'STATUS_INVALID_PARAMETER', output: 'cc'.repeat(req1), rule: 'output-size-returned-required' } })]);
  V('sio_address_list_query/with-irp', arch, `${PAGE}: "does not specify a pointer to an IRP"; docs/POLICY.md#check-6b`, [...udp4,
    q('s1', { outputSize: req1, output: { length: req1, fill: 'cc' }, outputSizeReturned: { fill: 'cc' }, irp: { fill: 'cc' }, expect: { status: 'STATUS_INVALID_PARAMETER', output: 'cc'.repeat(req1), outputSizeReturned: 'cc'.repeat(P), irp: irpDone(arch, 'STATUS_INVALID_PARAMETER', ST.INVALID_PARAMETER, '00000000') } })]);
  const req6 = HDR + SA + 28; // x86 40, x64 52
  V('sio_address_list_query/v6-default', arch, `${PAGE}: the socket family's list (AF_INET6: ::1); basic sockets included ("all socket types")`, [...basic6,
    q('s1', { outputSize: req6, output: { length: req6, fill: 'cc' }, outputSizeReturned: { fill: 'cc' }, expect: { status: ok, output: count(1) + entry(HDR + SA, 28) + LO6, outputSizeReturned: le(req6, P) } })]);
  const req2 = HDR + 2 * SA + 32; // x86 52, x64 72
  V('sio_address_list_query/two-addresses', arch, 'policy host-address-list: harness-set list; lpSockaddr of entry i points at its SOCKADDR', [
    { op: 'setAddressList', family: 'AF_INET', addresses: ['10.0.0.1:0', '192.168.1.2:0'] }, ...udp4,
    q('s1', { outputSize: req2, output: { length: req2, fill: 'cc' }, outputSizeReturned: { fill: 'cc' }, expect: { status: ok, output: count(2) + entry(HDR + 2 * SA, 16) + entry(HDR + 2 * SA + 16, 16) + A10 + A192, outputSizeReturned: le(req2, P) } })]);
  V('sio_address_list_query/empty', arch, 'policy address-list-layout: an empty list is just iAddressCount 0', [
    { op: 'setAddressList', family: 'AF_INET', addresses: [] }, ...udp4,
    q('s1', { outputSize: 8, output: { length: 8, fill: 'cc' }, outputSizeReturned: { fill: 'cc' }, expect: { status: ok, output: arch === 'x86' ? '00000000cccccccc' : '00000000cccccccc', outputSizeReturned: le(HDR, P) } })]);
  V('sio_address_list_query/with-input', arch, 'docs/POLICY.md#check-10 (strict): InputSize 0 / InputBuffer NULL; nothing written on failure', [...udp4,
    q('s1', { inputSize: 4, input: '01000000', outputSize: req1, output: { length: req1, fill: 'cc' }, outputSizeReturned: { fill: 'cc' }, expect: { status: 'STATUS_INVALID_PARAMETER', output: 'cc'.repeat(req1), outputSizeReturned: 'cc'.repeat(P), rule: 'unused-args-null' } })]);
  V('sio_address_list_query/with-input-lenient', arch, 'lenient preset ignores the unused input', [...udp4,
    q('s1', { inputSize: 4, input: '01000000', outputSize: req1, output: { length: req1, fill: 'cc' }, outputSizeReturned: { fill: 'cc' }, expect: { status: ok, output: count(1) + entry(HDR + SA, 16) + LO4, outputSizeReturned: le(req1, P) } })], { policy: 'lenient' });
  V('sio_address_list_query/buffer-base-address', arch, 'policy address-list-pointers: outputBufferAddress 0 makes lpSockaddr the offset inside OutputBuffer', [...udp4,
    q('s1', { outputSize: req1, output: { length: req1, fill: '00' }, outputSizeReturned: { fill: '00' }, expect: { status: ok, output: count(1).replace('cccccccc', '00000000') + entry(HDR + SA, 16).replace('cccccccc', '00000000') + LO4 } })]);
  const ch = (s, o) => ({ op: 'control', socket: s, requestType: 'WskIoctl', controlCode: 'SIO_ADDRESS_LIST_CHANGE', level: 0, ...o });
  const pendingIrp = { completed: false, ioStatus: 'cc'.repeat(arch === 'x86' ? 8 : 16) };
  V('sio_address_list_change/completes-on-change', arch, 'sio-address-list-change.md: STATUS_PENDING, IRP completed when the list changes; policy address-list-change-harness', [...udp4,
    ch('s1', { irp: { fill: 'cc' }, expect: { status: 'STATUS_PENDING', irp: pendingIrp } }),
    { op: 'setAddressList', family: 'AF_INET6', addresses: ['[::1]:0', '[fe80::1%4]:0'], expect: { irps: [] } },
    { op: 'setAddressList', family: 'AF_INET', addresses: ['10.0.0.1:0'], expect: { irps: [irpDone(arch, ok, ST.SUCCESS, '00000000')] } }]);
  V('sio_address_list_change/pending-completion', arch, 'docs/POLICY.md completion pending: the IOCTL is deferred, then waits for the harness', [...udp4,
    ch('s1', { irp: { fill: 'cc' }, expect: { status: 'STATUS_PENDING', irp: pendingIrp } }),
    { op: 'complete', expect: { irps: [] } },
    { op: 'setAddressList', family: 'AF_INET', addresses: ['10.0.0.1:0'], expect: { irps: [irpDone(arch, ok, ST.SUCCESS, '00000000')] } }], { completion: 'pending' });
  V('sio_address_list_change/no-irp', arch, 'sio-address-list-change.md: IRP required; docs/POLICY.md#check-6', [...udp4, ch('s1', { expect: { status: 'STATUS_INVALID_PARAMETER', rule: 'irp-required' } })]);
  V('sio_address_list_change/close-cancels', arch, 'policy address-list-change-harness: WskCloseSocket cancels the waiting IRP', [...udp4,
    ch('s1', { irp: { fill: 'cc' }, expect: { status: 'STATUS_PENDING' } }),
    { op: 'close', socket: 's1', irp: { fill: 'cc' }, expect: { status: ok, irps: [irpDone(arch, 'STATUS_CANCELLED', ST.CANCELLED, '00000000'), irpDone(arch, ok, ST.SUCCESS, '00000000')] } }]);
  V('sio_address_list_change/with-output', arch, 'docs/POLICY.md#check-10 (strict): no output', [...udp4,
    ch('s1', { outputSize: 4, output: { length: 4, fill: 'cc' }, irp: { fill: 'cc' }, expect: { status: 'STATUS_INVALID_PARAMETER', output: 'cccccccc', irp: irpDone(arch, 'STATUS_INVALID_PARAMETER', ST.INVALID_PARAMETER, '00000000') } })]);
}
write('address-list', 'SIO_ADDRESS_LIST_QUERY and SIO_ADDRESS_LIST_CHANGE', vs);
