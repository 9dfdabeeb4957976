// Authoring script of vectors/connections-routing.json, connections-lingering.json and connections-calls.json
// (node scripts/vectors/connections.js). Every expected status, byte and IRP image below is written from docs/POLICY.md
// ("Connections and lingering endpoints", "Results, IRP and byte counts", "Faults", "Bind"), docs/SHARING.md (the WSK
// sharing table) and the WSK pages named in each vector's source; the script only assembles JSON and never runs the
// simulator. Every scenario is written once and emitted for x86 and x64, with inline and pending completion.
const { ARCHES } = require('./lib');

/** Write a vector file with one step per line (the files stay diffable at a third of the pretty-printed size). */
function write(name, title, vectors) {
  const steps = (v) => v.steps.map((st) => `      ${JSON.stringify(st)}`).join(',\n');
  const head = (v) => JSON.stringify(Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'steps'))).slice(0, -1);
  const body = vectors.map((v) => `    ${head(v)}, "steps": [\n${steps(v)}\n    ]}`).join(',\n');
  const text = `{\n  "format": "wsksim/vectors@1",\n  "title": ${JSON.stringify(title)},\n  "vectors": [\n${body}\n  ]\n}\n`;
  JSON.parse(text);
  require('fs').writeFileSync(require('path').join(__dirname, '..', '..', 'vectors', `${name}.json`), text);
  console.log(name, vectors.length);
}

const MODES = ['inline', 'pending'];
const OK = 'STATUS_SUCCESS';

// NTSTATUS values as the 4 little-endian bytes of IoStatus.Status (ntstatus.h).
const STATUS_HEX = {
  STATUS_SUCCESS: '00000000',
  STATUS_INVALID_PARAMETER: '0d0000c0', // 0xC000000D
  STATUS_ACCESS_DENIED: '220000c0', // 0xC0000022
  STATUS_CANCELLED: '200100c0', // 0xC0000120
  STATUS_INVALID_DEVICE_STATE: '840100c0', // 0xC0000184
  STATUS_ADDRESS_ALREADY_EXISTS: '0a0200c0', // 0xC000020A
  STATUS_CONNECTION_REFUSED: '360200c0', // 0xC0000236
  STATUS_NOT_SUPPORTED: 'bb0000c0', // 0xC00000BB
  STATUS_SHARING_VIOLATION: '430000c0', // 0xC0000043
  STATUS_FILE_FORCED_CLOSED: 'b60000c0', // 0xC00000B6
  STATUS_ADDRESS_ALREADY_ASSOCIATED: '380200c0', // 0xC0000238
};

// ---- SOCKADDR images by hand (WSK-SPEC §6.2 layouts, as docs/VECTORS.md#values encodes text forms) ----
const hex2 = (n) => n.toString(16).padStart(2, '0');
const portBE = (p) => hex2(p >> 8) + hex2(p & 0xff);
const ipv4 = (s) => s.split('.').map((x) => hex2(Number(x))).join('');
/** SOCKADDR_IN: sin_family 02 00, sin_port (network order), sin_addr (network order), sin_zero[8]. */
const sin = (ip, port) => '0200' + portBE(port) + ipv4(ip) + '0000000000000000';
/** SOCKADDR_IN6: sin6_family 17 00, sin6_port, sin6_flowinfo 0, sin6_addr (16 bytes as given), sin6_scope_id (ULONG LE). */
const sin6 = (addr16, port, scope = 0) => '1700' + portBE(port) + '00000000' + addr16 + hex2(scope) + '000000';
/** The v4-mapped IPv6 address ::ffff:a.b.c.d as a SOCKADDR_IN6. */
const mapped = (ip, port) => sin6('00000000000000000000ffff' + ipv4(ip), port);
const V6_LOOPBACK = '00000000000000000000000000000001';
const V6_ANY = '00000000000000000000000000000000';
const DB8_1 = '20010db8000000000000000000000001';
const DB8_7 = '20010db8000000000000000000000007';
const DB8_9 = '20010db8000000000000000000000009';
const FE80_1 = 'fe800000000000000000000000000001';

// ---- citations (project documents by their repository path; Microsoft pages by their lowercase names) ----
const CONN = 'docs/POLICY.md#connections ("Connections and lingering endpoints")';
const S = {
  routing: `${CONN}: an incoming connection goes to the listener bound to the specific address over one bound to the wildcard; among SO_REUSEADDR sharers of one address to the one bound first, then the next once it closes (measured: Wine dlls/ws2_32/tests/sock.c test_reuseaddr); no listener: STATUS_CONNECTION_REFUSED (docs/POLICY.md#connection-routing, docs/POLICY.md#connection-refused)`,
  listens: `${CONN}: a listening socket listens as soon as it is bound (listening-and-accepting-incoming-connections.md, windows-driver-docs); a stream socket after WskListen (nc-wsk-pfn_wsk_listen.md); docs/POLICY.md#connection-listen`,
  occupy: `${CONN}: a connection occupies its local address and never conflicts with its listener, other connections, or binds the sharing tables allow against that listener (docs/POLICY.md#connection-endpoints-no-conflict); docs/SHARING.md (WSK table)`,
  unbound: `${CONN}: WskConnect on an unbound connection socket: STATUS_INVALID_DEVICE_STATE (check 12's precedent, docs/POLICY.md#check-12; measured: Wine dlls/ntoskrnl.exe/tests/driver_netio.c returns it synchronously and completes the IRP with it; docs/POLICY.md#connection-connect-unbound)`,
  linger: `${CONN}: a graceful local disconnect then close lingers in TIME_WAIT 240 s counted from the close; abortive, passive (peer closed first) and close-without-disconnect do not linger (nc-wsk-pfn_wsk_close_socket.md: the provider disconnects abortively); docs/POLICY.md#connection-close, docs/POLICY.md#connection-time-wait`,
  excl: `${CONN}: a port an SO_EXCLUSIVEADDRUSE listener held stays reserved while a connection it accepted is active, TIME_WAIT included; a bind fails as it would against the exclusive listener (using-so-reuseaddr-and-so-exclusiveaddruse.md, win32 Winsock docs; docs/POLICY.md#connection-exclusive-reservation); docs/SHARING.md (WSK table)`,
  noexcl: `${CONN}: without SO_EXCLUSIVEADDRUSE lingering connections do not block a new bind to the port (using-so-reuseaddr-and-so-exclusiveaddruse.md, win32 Winsock docs)`,
  remote: `${CONN}; docs/VECTORS.md#connections: a connect to a non-local address reaches a remote listener declared by the harness, else STATUS_CONNECTION_REFUSED (docs/POLICY.md#connection-remote-listener, docs/POLICY.md#connection-local-address)`,
  addr: `${CONN}: WskGetLocalAddress / WskGetRemoteAddress write the SOCKADDR of the socket's family byte-exact, a port-0 bind reporting the port it was given (docs/POLICY.md#bind-port-zero); nc-wsk-pfn_wsk_get_local_address.md, nc-wsk-pfn_wsk_get_remote_address.md; docs/POLICY.md#connection-addresses`,
  accept: 'nc-wsk-pfn_wsk_accept.md (windows-driver-docs-ddi): LocalAddress receives the local transport address the connection arrived on, RemoteAddress the remote one, each the SOCKADDR of the listening socket\'s family; on success IoStatus.Information holds the accepted socket (PWSK_SOCKET); docs/POLICY.md#connection-accept',
  acceptPending: 'nc-wsk-pfn_wsk_accept.md: STATUS_PENDING while the IRP waits for an incoming connection; docs/VECTORS.md#connections: the IRP completes at the incoming or connect step; docs/POLICY.md#connection-accept-pending',
  dual: 'docs/POLICY.md#dual-stack: a dual-stack socket (IPV6_V6ONLY 0 before bind) bound to :: with SO_EXCLUSIVEADDRUSE or to ::ffff:a.b.c.d also binds the IPv4 side; nc-wsk-pfn_wsk_accept.md: the addresses are SOCKADDR_IN6 (the listening socket\'s family), ::ffff:a.b.c.d for an IPv4 peer',
  irp: 'docs/POLICY.md#iostatus-write: IoStatus.Status (4 bytes) and Information (ULONG_PTR) at the IO_STATUS_BLOCK offset of the arch (24 / 48), no other byte of the IRP written; docs/POLICY.md#inline-completion, docs/POLICY.md#pending-completion, docs/POLICY.md#connection-irp',
  faults: 'docs/POLICY.md#faults: a buffer shorter than the structure the call writes or reads, or an IRP shorter than sizeof(IRP), is a fault that changes nothing (docs/POLICY.md#connection-buffers)',
  dispatch: 'docs/POLICY.md#faults: a function missing from the socket category\'s dispatch table is fault NotInDispatchTable (docs/POLICY.md#connection-dispatch; abi/dispatch.ts, km/wsk.h WSK_PROVIDER_*_DISPATCH)',
};

/** One scenario being written for one arch and completion mode: the steps, and the socket handles the provider hands out. */
class Ctx {
  constructor(arch, mode) {
    this.arch = arch;
    this.mode = mode;
    this.P = mode === 'pending';
    this.steps = [];
    // socket-handle-reuse (docs/POLICY.md): slot + generation * 2^22; first sockets 1, 2, 3 ...; the most recently
    // freed slot is reused one generation on.
    this.handles = new Map();
    this.freed = [];
    this.nextSlot = 1;
    this.gens = new Map();
    // The connection rules as a small model, only to count what advanceTime releases (docs/POLICY.md#connections):
    // a connection lingers 240 s from its close if the local side disconnected gracefully before the peer closed;
    // abortive disconnects, closes without disconnect (abortive) and passive closes do not linger.
    this.now = 0;
    this.lingering = []; // release times
    this.conns = new Map(); // name -> { peer, graceful, peerClosedFirst, aborted }
    this.backlog = new Map(); // listener -> [client name or null], oldest first
    this.irpSize = arch === 'x86' ? 112 : 208;
    this.ioOff = arch === 'x86' ? 24 : 48;
  }

  alloc(name) {
    let slot;
    if (this.freed.length > 0) slot = this.freed.pop();
    else slot = this.nextSlot++;
    const gen = this.gens.has(slot) ? this.gens.get(slot) + 1 : 0;
    this.gens.set(slot, gen);
    const h = slot + gen * 2 ** 22;
    this.handles.set(name, h);
    return h;
  }

  release(name) {
    const h = this.handles.get(name);
    this.handles.delete(name);
    this.freed.push(h % 2 ** 22);
  }

  /** IO_STATUS_BLOCK image inside an IRP filled with cc: x86 Status(4) Information(4); x64 Status(4) [4 untouched] Information(8). */
  ios(status, info) {
    const st = STATUS_HEX[status];
    if (st === undefined) throw new Error(`no hex for ${status}`);
    let inf = '';
    const w = this.arch === 'x86' ? 4 : 8;
    for (let i = 0; i < w; i++) inf += hex2(i < 4 ? (info >>> (8 * i)) & 0xff : 0);
    return this.arch === 'x86' ? st + inf : st + 'cccccccc' + inf;
  }

  /** The completed IRP: status, Information, the IO_STATUS_BLOCK image and the whole IRP image (nothing else written). */
  done(status, info = 0, whole = true) {
    const io = this.ios(status, info);
    if (!whole) return { completed: true, status, information: info, ioStatus: io };
    const bytes = 'cc'.repeat(this.ioOff) + io + 'cc'.repeat(this.irpSize - this.ioOff - io.length / 2);
    return { completed: true, status, information: info, ioStatus: io, bytes };
  }

  /**
   * An IRP-based call that succeeds or fails with `status`. Inline (or `sync`): the IRP is completed before the call
   * returns and the return value is the status. Pending: STATUS_PENDING with the IRP untouched, then a `complete` step
   * that delivers it (docs/POLICY.md#pending-completion).
   */
  call(base, status, info = 0, o = {}) {
    // the whole IRP image is asserted for the connection calls; the set-up calls (bind, control, close) assert IoStatus
    const whole = !['bind', 'control', 'close'].includes(base.op);
    if (!this.P || o.sync) {
      this.steps.push({ ...base, irp: { fill: 'cc' }, expect: { status, irp: this.done(status, info, whole), ...(o.expect ?? {}) } });
    } else {
      this.steps.push({ ...base, irp: { fill: 'cc' }, expect: { status: 'STATUS_PENDING', irp: 'untouched', ...(o.pendingExpect ?? {}) } });
      this.steps.push({ op: 'complete', expect: { irps: [this.done(status, info, whole)] } });
    }
  }

  socket(as, family, flags, extra = {}) {
    this.steps.push({ op: 'socket', as, family, type: 'SOCK_STREAM', protocol: 'IPPROTO_TCP', flags, ...extra, expect: { status: OK } });
    this.alloc(as);
  }
  udp(as, family) {
    this.steps.push({ op: 'socket', as, family, type: 'SOCK_DGRAM', protocol: 'IPPROTO_UDP', flags: 'WSK_FLAG_DATAGRAM_SOCKET', expect: { status: OK } });
    this.alloc(as);
  }
  listener(as, family = 'AF_INET') { this.socket(as, family, 'WSK_FLAG_LISTEN_SOCKET'); }
  conn(as, family = 'AF_INET') { this.socket(as, family, 'WSK_FLAG_CONNECTION_SOCKET'); }
  stream(as, family = 'AF_INET') { this.socket(as, family, 'WSK_FLAG_STREAM_SOCKET'); }

  setOpt(s, controlCode, level, value) {
    this.call({ op: 'control', socket: s, requestType: 'WskSetOption', controlCode, level, inputSize: 4, input: value, outputSize: 0, output: null, outputSizeReturned: null }, OK);
  }
  reuse(s) { this.setOpt(s, 'SO_REUSEADDR', 'SOL_SOCKET', '01000000'); }
  excl(s) { this.setOpt(s, 'SO_EXCLUSIVEADDRUSE', 'SOL_SOCKET', '01000000'); }
  dualStack(s) { this.setOpt(s, 'IPV6_V6ONLY', 'IPPROTO_IPV6', '00000000'); }

  bind(s, address, status = OK, o = {}) {
    this.call({ op: 'bind', socket: s, address }, status, 0, o);
  }
  close(s, o = {}) {
    this.call({ op: 'close', socket: s }, OK, 0, o);
    this.release(s);
    this.closed(s);
  }

  /** A connection `as` accepted from `peer` (a local client's name, or null for a remote peer). */
  connected(as, peer) {
    this.conns.set(as, { peer, graceful: false, peerClosedFirst: false, aborted: false });
    if (peer !== null) this.conns.get(peer).peer = as;
  }
  /** The peer of `name` saw it close gracefully (or the harness closed the remote side). */
  peerClosed(name) {
    const c = this.conns.get(name);
    if (c !== undefined && !c.graceful && !c.aborted) c.peerClosedFirst = true;
  }
  reset(name) {
    const c = this.conns.get(name);
    if (c !== undefined) c.aborted = true;
  }
  closed(s) {
    for (const q of this.backlog.get(s) ?? []) if (q !== null) this.reset(q);
    this.backlog.delete(s);
    const c = this.conns.get(s);
    if (c === undefined) return;
    this.conns.delete(s);
    if (c.aborted) return;
    if (!c.graceful) { if (c.peer !== null) this.reset(c.peer); return; }
    if (!c.peerClosedFirst) this.lingering.push(this.now + 240);
  }
  routed(listener, client) {
    if (!this.backlog.has(listener)) this.backlog.set(listener, []);
    this.backlog.get(listener).push(client);
    if (client !== null) this.conns.set(client, { peer: null, graceful: false, peerClosedFirst: false, aborted: false });
  }
  takeRouted(listener, as) {
    const q = this.backlog.get(listener) ?? [];
    const client = q.length > 0 ? q.shift() : null;
    this.connected(as, client);
  }
  listen(s, status = OK) { this.call({ op: 'listen', socket: s }, status); }

  /** WskConnect; `listener` (inline only: in pending mode the connection is made at the `complete` step) names the listener reached. */
  connect(c, address, status = OK, listener) {
    const expect = listener !== undefined ? { listener } : {};
    this.call({ op: 'connect', socket: c, address }, status, 0, { expect, sync: status === 'STATUS_INVALID_DEVICE_STATE' });
    if (status !== OK) return;
    if (listener !== undefined) this.routed(listener, c);
    else this.connected(c, null);
  }

  incoming(from, to, listener, completedIrps) {
    const expect = { listener };
    if (completedIrps !== undefined) expect.completedIrps = completedIrps;
    this.steps.push({ op: 'incoming', from, to, expect });
    if (listener !== null) this.routed(listener, null);
  }

  /**
   * WskAccept of a waiting connection: the new socket `as` gets the next handle (Information), the buffers receive the
   * SOCKADDRs (local, remote) with the rest of each buffer untouched.
   */
  accept(s, as, local, remote, o = {}) {
    this.takeRouted(s, as);
    const lenL = o.lenL ?? local.length / 2 + 4;
    const lenR = o.lenR ?? remote.length / 2 + 4;
    const bufL = o.nullLocal ? null : { length: lenL, fill: 'cc' };
    const bufR = o.nullRemote ? null : { length: lenR, fill: 'cc' };
    const outL = o.nullLocal ? null : local + 'cc'.repeat(lenL - local.length / 2);
    const outR = o.nullRemote ? null : remote + 'cc'.repeat(lenR - remote.length / 2);
    const untL = o.nullLocal ? null : 'cc'.repeat(lenL);
    const untR = o.nullRemote ? null : 'cc'.repeat(lenR);
    if (!this.P) {
      const h = this.alloc(as);
      this.steps.push({ op: 'accept', socket: s, as, irp: { fill: 'cc' }, localAddress: bufL, remoteAddress: bufR,
        expect: { status: OK, irp: this.done(OK, h), localAddress: outL, remoteAddress: outR } });
    } else {
      this.steps.push({ op: 'accept', socket: s, as, irp: { fill: 'cc' }, localAddress: bufL, remoteAddress: bufR,
        expect: { status: 'STATUS_PENDING', irp: 'untouched', localAddress: untL, remoteAddress: untR } });
      const h = this.alloc(as);
      this.steps.push({ op: 'complete', expect: { irps: [this.done(OK, h)] } });
    }
  }

  /**
   * WskAccept with no connection waiting: STATUS_PENDING, IRP and buffers untouched. Returns a function that, called
   * when the connection arrives, allocates the accepted socket's handle and gives the IRP expectation.
   */
  acceptWaiting(s, as, family = 'AF_INET') {
    const len = family === 'AF_INET' ? 20 : 32;
    this.steps.push({ op: 'accept', socket: s, as, irp: { fill: 'cc' }, localAddress: { length: len, fill: 'cc' }, remoteAddress: { length: len, fill: 'cc' },
      expect: { status: 'STATUS_PENDING', irp: 'untouched', localAddress: 'cc'.repeat(len), remoteAddress: 'cc'.repeat(len) } });
    if (this.P) this.steps.push({ op: 'complete', expect: { irps: [] } });
    return () => this.done(OK, this.alloc(as));
  }

  disconnect(s, flags = 0) {
    this.call({ op: 'disconnect', socket: s, flags }, OK);
    const c = this.conns.get(s);
    if (flags !== 0) { c.aborted = true; if (c.peer !== null) this.reset(c.peer); return; }
    if (!c.graceful && !c.aborted) { c.graceful = true; if (c.peer !== null) this.peerClosed(c.peer); }
  }
  peerClose(s) { this.steps.push({ op: 'peerClose', socket: s }); this.peerClosed(s); }
  /** advanceTime; `released` counts the lingering endpoints whose 240 s are up (docs/POLICY.md#connection-time-wait). */
  advance(seconds) {
    this.now += seconds;
    const released = this.lingering.filter((t) => t <= this.now).length;
    this.lingering = this.lingering.filter((t) => t > this.now);
    this.steps.push({ op: 'advanceTime', seconds, expect: { released } });
  }
  remote(listen) { this.steps.push({ op: 'remote', listen }); }
  addressList(family, addresses) { this.steps.push({ op: 'setAddressList', family, addresses }); }

  /** WskGetLocalAddress / WskGetRemoteAddress into a buffer of `len` bytes filled with cc. */
  address(op, s, image, len) {
    const n = image.length / 2;
    len = len ?? n + 4;
    this.call({ op, socket: s, output: { length: len, fill: 'cc' } }, OK, n,
      { expect: { output: image + 'cc'.repeat(len - n) }, pendingExpect: { output: 'cc'.repeat(len) } });
  }
  local(s, image, len) { this.address('localAddress', s, image, len); }
  remoteAddr(s, image, len) { this.address('remoteAddress', s, image, len); }
  addressFails(op, s, status, len) {
    this.call({ op, socket: s, output: { length: len, fill: 'cc' } }, status, 0,
      { expect: { output: 'cc'.repeat(len) }, pendingExpect: { output: 'cc'.repeat(len) } });
  }

  /** WskControlSocket WskIoctl with no input: `outLen`-byte buffer of cc, OutputSize `outSize`; success writes `image`. */
  ioctl(s, controlCode, outSize, outLen, status, image = '') {
    const base = { op: 'control', socket: s, requestType: 'WskIoctl', controlCode, level: 0, inputSize: 0, input: null,
      outputSize: outSize, output: outLen === 0 ? null : { length: outLen, fill: 'cc' }, outputSizeReturned: null };
    const untouched = outLen === 0 ? null : 'cc'.repeat(outLen);
    const written = outLen === 0 ? null : image + 'cc'.repeat(outLen - image.length / 2);
    this.call(base, status, status === OK ? image.length / 2 : 0, { expect: { output: status === OK ? written : untouched }, pendingExpect: { output: untouched } });
  }

  /** A call that is a fault: synchronous in both modes; the IRP and every buffer stay untouched. */
  fault(base, fault, extraExpect = {}) {
    this.steps.push({ irp: { fill: 'cc' }, ...base, expect: { fault, irp: 'untouched', ...extraExpect } });
  }
}

const files = { routing: [], lingering: [], calls: [] };

/** Emit `body(ctx)` as four vectors: x86/x64 × inline/pending. */
function V(file, id, source, body, opts = {}) {
  for (const arch of ARCHES) {
    for (const mode of opts.modes ?? MODES) {
      const c = new Ctx(arch, mode);
      body(c);
      const v = { id: `${id}/${arch}/${mode}`, source, arch, completion: mode };
      if (opts.policy) v.policy = opts.policy;
      if (opts.profile) v.profile = opts.profile;
      v.steps = c.steps;
      files[file].push(v);
    }
  }
}

// =====================================================================================================================
// Routing: which listener receives an incoming connection
// =====================================================================================================================

V('routing', 'routing/reuseaddr-two-listeners-order', `${S.routing}; docs/SHARING.md: R-W then R-W is SUCCESS`, (c) => {
  c.listener('s1'); c.reuse('s1'); c.listener('s2'); c.reuse('s2');
  c.bind('s1', '0.0.0.0:5150'); c.bind('s2', '0.0.0.0:5150');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's1');
  c.incoming('10.0.0.9:40001', '127.0.0.1:5150', 's1');
  c.close('s1');
  c.incoming('10.0.0.9:40002', '127.0.0.1:5150', 's2');
  c.accept('s2', 'a1', sin('127.0.0.1', 5150), sin('10.0.0.9', 40002));
  c.close('s2');
  c.incoming('10.0.0.9:40003', '127.0.0.1:5150', null);
});

V('routing', 'routing/reuseaddr-bind-order-not-creation-order', S.routing, (c) => {
  c.listener('s1'); c.reuse('s1'); c.listener('s2'); c.reuse('s2');
  c.bind('s2', '0.0.0.0:5150'); c.bind('s1', '0.0.0.0:5150');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's2');
  c.close('s2');
  c.incoming('10.0.0.9:40001', '127.0.0.1:5150', 's1');
});

V('routing', 'routing/reuseaddr-three-listeners-middle-closes', S.routing, (c) => {
  for (const s of ['s1', 's2', 's3']) { c.listener(s); c.reuse(s); }
  for (const s of ['s1', 's2', 's3']) c.bind(s, '127.0.0.1:5150');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's1');
  c.close('s2');
  c.incoming('10.0.0.9:40001', '127.0.0.1:5150', 's1');
  c.close('s1');
  c.incoming('10.0.0.9:40002', '127.0.0.1:5150', 's3');
});

V('routing', 'routing/reuseaddr-two-listeners-inet6', S.routing, (c) => {
  c.listener('s1', 'AF_INET6'); c.reuse('s1'); c.listener('s2', 'AF_INET6'); c.reuse('s2');
  c.bind('s1', '[::]:5150'); c.bind('s2', '[::]:5150');
  c.incoming('[2001:db8::9]:40000', '[::1]:5150', 's1');
  c.close('s1');
  c.incoming('[2001:db8::9]:40001', '[::1]:5150', 's2');
  c.accept('s2', 'a1', sin6(V6_LOOPBACK, 5150), sin6(DB8_9, 40001));
});

V('routing', 'routing/specific-over-wildcard/specific-bound-first', `${S.routing}; docs/SHARING.md: D-W second against D-S first is SUCCESS`, (c) => {
  c.listener('s1'); c.listener('s2');
  c.bind('s1', '127.0.0.1:5150'); c.bind('s2', '0.0.0.0:5150');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's1');
  c.incoming('10.0.0.9:40001', '10.0.0.1:5150', 's2');
  c.close('s1');
  c.incoming('10.0.0.9:40002', '127.0.0.1:5150', 's2');
});

V('routing', 'routing/specific-over-wildcard/wildcard-bound-first', `${S.routing}; docs/SHARING.md: R-S second against R-W first is SUCCESS`, (c) => {
  c.listener('s1'); c.reuse('s1'); c.listener('s2'); c.reuse('s2');
  c.bind('s1', '0.0.0.0:5150'); c.bind('s2', '127.0.0.1:5150');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's2');
  c.incoming('10.0.0.9:40001', '10.0.0.1:5150', 's1');
  c.accept('s2', 'a1', sin('127.0.0.1', 5150), sin('10.0.0.9', 40000));
  c.accept('s1', 'a2', sin('10.0.0.1', 5150), sin('10.0.0.9', 40001));
  c.close('s2');
  c.incoming('10.0.0.9:40002', '127.0.0.1:5150', 's1');
});

V('routing', 'routing/specific-over-wildcard/inet6', `${S.routing}; docs/SHARING.md: R-S second against R-W first is SUCCESS`, (c) => {
  c.listener('s1', 'AF_INET6'); c.reuse('s1'); c.listener('s2', 'AF_INET6'); c.reuse('s2');
  c.bind('s1', '[::]:5150'); c.bind('s2', '[::1]:5150');
  c.incoming('[2001:db8::9]:40000', '[::1]:5150', 's2');
  c.incoming('[2001:db8::9]:40001', '[2001:db8::1]:5150', 's1');
  c.close('s2');
  c.incoming('[2001:db8::9]:40002', '[::1]:5150', 's1');
});

V('routing', 'routing/no-listener-refused', S.routing, (c) => {
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', null);
  c.listener('s1'); c.bind('s1', '127.0.0.1:5150');
  c.incoming('10.0.0.9:40001', '127.0.0.1:5151', null);
  c.incoming('10.0.0.9:40002', '127.0.0.1:5150', 's1');
});

V('routing', 'routing/connection-socket-is-not-a-listener', S.listens, (c) => {
  c.conn('c1'); c.bind('c1', '127.0.0.1:5150');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', null);
});

V('routing', 'routing/stream-socket-listens-after-wsklisten', S.listens, (c) => {
  c.stream('st'); c.bind('st', '127.0.0.1:5150');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', null);
  c.listen('st');
  c.incoming('10.0.0.9:40001', '127.0.0.1:5150', 'st');
  c.accept('st', 'a1', sin('127.0.0.1', 5150), sin('10.0.0.9', 40001));
});

V('routing', 'routing/v6only-listener-gets-no-ipv4', `${S.routing}; docs/POLICY.md#ipv6-v6only-default: IPV6_V6ONLY defaults to 1`, (c) => {
  c.listener('s1', 'AF_INET6'); c.bind('s1', '[::]:5150');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', null);
  c.incoming('[2001:db8::9]:40000', '[::1]:5150', 's1');
});

V('routing', 'routing/dual-stack/exclusive-wildcard-accepts-ipv4', `${S.dual}; ${S.routing}`, (c) => {
  c.listener('s1', 'AF_INET6'); c.dualStack('s1'); c.excl('s1');
  c.bind('s1', '[::]:5150');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's1');
  c.accept('s1', 'a1', mapped('127.0.0.1', 5150), mapped('10.0.0.9', 40000));
  c.local('a1', mapped('127.0.0.1', 5150));
  c.remoteAddr('a1', mapped('10.0.0.9', 40000));
  c.incoming('[2001:db8::9]:40001', '[::1]:5150', 's1');
  c.accept('s1', 'a2', sin6(V6_LOOPBACK, 5150), sin6(DB8_9, 40001));
});

V('routing', 'routing/dual-stack/v4-mapped-specific-accepts-ipv4', `${S.dual}; ${S.routing}`, (c) => {
  c.listener('s1', 'AF_INET6'); c.dualStack('s1');
  c.bind('s1', '[::ffff:127.0.0.1]:5150');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's1');
  c.accept('s1', 'a1', mapped('127.0.0.1', 5150), mapped('10.0.0.9', 40000));
  c.remoteAddr('a1', mapped('10.0.0.9', 40000));
});

V('routing', 'routing/dual-stack/v4-mapped-specific-over-ipv4-wildcard', `${S.routing}; ${S.dual}; docs/SHARING.md: R-S second against R-W first is SUCCESS (the dual-stack socket's IPv4 side is judged against IPv4 bindings)`, (c) => {
  c.listener('s1'); c.reuse('s1'); c.bind('s1', '0.0.0.0:5150');
  c.listener('s2', 'AF_INET6'); c.dualStack('s2'); c.reuse('s2');
  c.bind('s2', '[::ffff:127.0.0.1]:5150');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's2');
  c.incoming('10.0.0.9:40001', '10.0.0.1:5150', 's1');
  c.accept('s2', 'a1', mapped('127.0.0.1', 5150), mapped('10.0.0.9', 40000));
  c.accept('s1', 'a2', sin('10.0.0.1', 5150), sin('10.0.0.9', 40001));
});

V('routing', 'routing/dual-stack/plain-wildcard-accepts-ipv4', `${S.dual}; ${S.routing}: a dual-stack listener on :: receives IPv4 connections whether or not it is exclusive (the exclusive-only IPv4 side is a bind-conflict rule)`, (c) => {
  c.listener('s1', 'AF_INET6'); c.dualStack('s1');
  c.bind('s1', '[::]:5150');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's1');
  c.accept('s1', 'a1', mapped('127.0.0.1', 5150), mapped('10.0.0.9', 40000));
});

V('routing', 'routing/connect/loopback-reaches-listener', `${S.routing}; docs/VECTORS.md#connections: connect to a local address reaches the listener routing picks; ${S.accept}`, (c) => {
  c.listener('s1'); c.bind('s1', '0.0.0.0:5150');
  c.conn('c1'); c.bind('c1', '127.0.0.1:0');
  c.connect('c1', '127.0.0.1:5150', OK, 's1');
  c.accept('s1', 'a1', sin('127.0.0.1', 5150), sin('127.0.0.1', 49152));
  c.local('c1', sin('127.0.0.1', 49152));
  c.remoteAddr('c1', sin('127.0.0.1', 5150));
  c.local('a1', sin('127.0.0.1', 5150));
  c.remoteAddr('a1', sin('127.0.0.1', 49152));
});

V('routing', 'routing/connect/reuseaddr-order', S.routing, (c) => {
  c.listener('s1'); c.reuse('s1'); c.listener('s2'); c.reuse('s2');
  c.bind('s1', '127.0.0.1:5150'); c.bind('s2', '127.0.0.1:5150');
  c.conn('c1'); c.bind('c1', '127.0.0.1:6001');
  c.connect('c1', '127.0.0.1:5150', OK, 's1');
  c.accept('s1', 'a1', sin('127.0.0.1', 5150), sin('127.0.0.1', 6001));
  c.close('s1');
  c.conn('c2'); c.bind('c2', '127.0.0.1:6002');
  c.connect('c2', '127.0.0.1:5150', OK, 's2');
  c.accept('s2', 'a2', sin('127.0.0.1', 5150), sin('127.0.0.1', 6002));
});

V('routing', 'routing/connect/inet6-loopback', `${S.routing}; ${S.accept}`, (c) => {
  c.listener('s1', 'AF_INET6'); c.bind('s1', '[::1]:5150');
  c.conn('c1', 'AF_INET6'); c.bind('c1', '[::1]:0');
  c.connect('c1', '[::1]:5150', OK, 's1');
  c.accept('s1', 'a1', sin6(V6_LOOPBACK, 5150), sin6(V6_LOOPBACK, 49152));
  c.remoteAddr('c1', sin6(V6_LOOPBACK, 5150));
});

V('routing', 'routing/connect/dual-stack-client-v4-mapped-reaches-ipv4-listener', `${S.routing}; docs/POLICY.md#dual-stack: a dual-stack socket carries IPv4 as ::ffff:a.b.c.d; ${S.accept}; ${S.addr}`, (c) => {
  c.listener('s1'); c.bind('s1', '127.0.0.1:5150');
  c.conn('c1', 'AF_INET6'); c.dualStack('c1'); c.bind('c1', '[::ffff:127.0.0.1]:6001');
  c.connect('c1', '[::ffff:127.0.0.1]:5150', OK, 's1');
  c.accept('s1', 'a1', sin('127.0.0.1', 5150), sin('127.0.0.1', 6001));
  c.remoteAddr('c1', mapped('127.0.0.1', 5150));
  c.local('c1', mapped('127.0.0.1', 6001));
});

V('routing', 'routing/connect/v6only-client-v4-mapped-is-ipv6', `docs/POLICY.md#dual-stack: "On a V6ONLY socket a v4-mapped address is an IPv6 address like any other" (IPV6_V6ONLY defaults to 1, docs/POLICY.md#ipv6-v6only-default): ::ffff:127.0.0.1 is then neither ::1 nor in the AF_INET6 host list, so it is not local and, with no remote listener there, the connect is refused; ${S.remote}`, (c) => {
  c.listener('s1'); c.bind('s1', '127.0.0.1:5150');
  c.conn('c1', 'AF_INET6'); c.bind('c1', '[::]:6001');
  c.connect('c1', '[::ffff:127.0.0.1]:5150', 'STATUS_CONNECTION_REFUSED');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's1');
  c.accept('s1', 'a1', sin('127.0.0.1', 5150), sin('10.0.0.9', 40000));
});

V('routing', 'routing/connect/loopback-no-listener-refused', `${S.routing}; failure changes nothing (docs/POLICY.md#failure-changes-nothing): the socket can connect once a listener exists`, (c) => {
  c.conn('c1'); c.bind('c1', '127.0.0.1:6001');
  c.connect('c1', '127.0.0.1:5150', 'STATUS_CONNECTION_REFUSED');
  c.addressFails('remoteAddress', 'c1', 'STATUS_INVALID_DEVICE_STATE', 20);
  c.listener('s1'); c.bind('s1', '127.0.0.1:5150');
  c.connect('c1', '127.0.0.1:5150', OK, 's1');
});

V('routing', 'routing/connect/stream-socket-not-listening-refused', S.listens, (c) => {
  c.stream('st'); c.bind('st', '127.0.0.1:5150');
  c.conn('c1'); c.bind('c1', '127.0.0.1:6001');
  c.connect('c1', '127.0.0.1:5150', 'STATUS_CONNECTION_REFUSED');
});

V('routing', 'routing/connect/stream-socket-connects', `${S.routing}; nc-wsk-pfn_wsk_connect.md: a stream socket may connect (WSK_PROVIDER_STREAM_DISPATCH has WskConnect)`, (c) => {
  c.listener('s1'); c.bind('s1', '127.0.0.1:5150');
  c.stream('st'); c.bind('st', '127.0.0.1:6001');
  c.connect('st', '127.0.0.1:5150', OK, 's1');
  c.accept('s1', 'a1', sin('127.0.0.1', 5150), sin('127.0.0.1', 6001));
  c.remoteAddr('st', sin('127.0.0.1', 5150));
});

V('routing', 'routing/remote/non-local-refused', S.remote, (c) => {
  c.addressList('AF_INET', ['10.0.0.1:0']);
  c.conn('c1'); c.bind('c1', '10.0.0.1:6001');
  c.connect('c1', '192.0.2.7:80', 'STATUS_CONNECTION_REFUSED');
});

V('routing', 'routing/remote/declared-listener', `${S.remote}; ${S.addr}`, (c) => {
  c.addressList('AF_INET', ['10.0.0.1:0']);
  c.remote('192.0.2.7:80');
  c.conn('c1'); c.bind('c1', '10.0.0.1:0');
  c.connect('c1', '192.0.2.7:80', OK);
  c.remoteAddr('c1', sin('192.0.2.7', 80));
  c.local('c1', sin('10.0.0.1', 49152));
});

V('routing', 'routing/remote/other-port-refused', S.remote, (c) => {
  c.addressList('AF_INET', ['10.0.0.1:0']);
  c.remote('192.0.2.7:80');
  c.conn('c1'); c.bind('c1', '10.0.0.1:6001');
  c.connect('c1', '192.0.2.7:81', 'STATUS_CONNECTION_REFUSED');
  c.connect('c1', '192.0.2.7:80', OK);
});

V('routing', 'routing/remote/local-wildcard-listener-not-reached', `${S.remote}: a local wildcard listener on the port does not receive a connect to a non-local address`, (c) => {
  c.addressList('AF_INET', ['10.0.0.1:0']);
  c.listener('s1'); c.bind('s1', '0.0.0.0:80');
  c.conn('c1'); c.bind('c1', '10.0.0.1:6001');
  c.connect('c1', '192.0.2.7:80', 'STATUS_CONNECTION_REFUSED');
});

V('routing', 'routing/remote/dual-stack-client-v4-mapped', `${S.remote}; docs/POLICY.md#dual-stack: a dual-stack socket carries IPv4 as ::ffff:a.b.c.d (docs/POLICY.md#bind-local-address: a v4-mapped bind is judged against the AF_INET list)`, (c) => {
  c.addressList('AF_INET', ['10.0.0.1:0']);
  c.remote('192.0.2.7:80');
  c.conn('c1', 'AF_INET6'); c.dualStack('c1'); c.bind('c1', '[::ffff:10.0.0.1]:6001');
  c.connect('c1', '[::ffff:192.0.2.7]:80', OK);
  c.remoteAddr('c1', mapped('192.0.2.7', 80));
  c.local('c1', mapped('10.0.0.1', 6001));
});

V('routing', 'routing/remote/v6only-client-v4-mapped-is-ipv6', `docs/POLICY.md#dual-stack: "On a V6ONLY socket a v4-mapped address is an IPv6 address like any other": ::ffff:192.0.2.7 is not the IPv4 remote listener 192.0.2.7; ${S.remote}`, (c) => {
  c.addressList('AF_INET6', ['[2001:db8::1]:0']);
  c.remote('192.0.2.7:80');
  c.conn('c1', 'AF_INET6'); c.bind('c1', '[2001:db8::1]:6001');
  c.connect('c1', '[::ffff:192.0.2.7]:80', 'STATUS_CONNECTION_REFUSED');
});

V('routing', 'routing/remote/declared-listener-inet6', `${S.remote}; ${S.addr}`, (c) => {
  c.addressList('AF_INET6', ['[2001:db8::1]:0']);
  c.remote('[2001:db8::7]:443');
  c.conn('c1', 'AF_INET6'); c.bind('c1', '[2001:db8::1]:6001');
  c.connect('c1', '[2001:db8::7]:443', OK);
  c.remoteAddr('c1', sin6(DB8_7, 443));
  c.local('c1', sin6(DB8_1, 6001));
});

V('routing', 'routing/connect/host-list-address-reaches-local-listener', `${S.routing}: an address of the host's list is local (docs/POLICY.md#bind-local-address), so a connect to it reaches this provider's listener`, (c) => {
  c.addressList('AF_INET', ['10.0.0.1:0']);
  c.listener('s1'); c.bind('s1', '0.0.0.0:5150');
  c.conn('c1'); c.bind('c1', '10.0.0.1:6001');
  c.connect('c1', '10.0.0.1:5150', OK, 's1');
  c.accept('s1', 'a1', sin('10.0.0.1', 5150), sin('10.0.0.1', 6001));
});

// =====================================================================================================================
// Lingering endpoints: SO_EXCLUSIVEADDRUSE reservation, TIME_WAIT, and the contrast without the option
// =====================================================================================================================

/** An exclusive listener s1 on `addr` that accepted one connection a1 from 10.0.0.9:40000 to `to`; then s1 is closed. */
function exclusiveAccepted(c, addr = '0.0.0.0:5150', to = '127.0.0.1:5150') {
  c.listener('s1'); c.excl('s1');
  c.bind('s1', addr);
  c.incoming('10.0.0.9:40000', to, 's1');
  c.accept('s1', 'a1', sin(to.split(':')[0], 5150), sin('10.0.0.9', 40000));
  c.close('s1');
}

const INUSE = 'STATUS_ADDRESS_ALREADY_EXISTS';
const DENIED = 'STATUS_ACCESS_DENIED';
/** A bind refused by the closed exclusive listener s1's reservation: the reason names the rule and the listener (inline). */
const RES = { expect: { rule: 'connection-exclusive-reservation', conflictsWith: 's1' } };

V('lingering', 'lingering/exclusive/active-then-time-wait-then-240s', `${S.excl}; ${S.linger}; docs/SHARING.md: E-W second against E-W first is INUSE`, (c) => {
  exclusiveAccepted(c);
  c.incoming('10.0.0.9:40001', '127.0.0.1:5150', null);
  c.listener('s2'); c.excl('s2');
  c.bind('s2', '0.0.0.0:5150', INUSE, RES);
  c.disconnect('a1');
  c.close('a1');
  c.bind('s2', '0.0.0.0:5150', INUSE, RES);
  c.advance(239);
  c.bind('s2', '0.0.0.0:5150', INUSE, RES);
  c.advance(1);
  c.bind('s2', '0.0.0.0:5150');
  c.incoming('10.0.0.9:40001', '127.0.0.1:5150', 's2');
});

V('lingering', 'lingering/exclusive/active-connection-does-not-time-out', `${S.excl}: simulated time releases only TIME_WAIT endpoints`, (c) => {
  exclusiveAccepted(c);
  c.advance(100000);
  c.listener('s2'); c.excl('s2');
  c.bind('s2', '0.0.0.0:5150', INUSE, RES);
  c.close('a1');
  c.bind('s2', '0.0.0.0:5150');
});

V('lingering', 'lingering/exclusive/time-wait-counted-from-close', `${S.linger}: counted from the close, not the disconnect`, (c) => {
  exclusiveAccepted(c);
  c.disconnect('a1');
  c.advance(100);
  c.listener('s2'); c.excl('s2');
  c.bind('s2', '0.0.0.0:5150', INUSE, RES);
  c.close('a1');
  c.advance(239);
  c.bind('s2', '0.0.0.0:5150', INUSE, RES);
  c.advance(1);
  c.bind('s2', '0.0.0.0:5150');
});

V('lingering', 'lingering/exclusive/reservation-as-against-the-listener', `${S.excl}; docs/SHARING.md WSK table against E-W first: D-W INUSE, R-W DENIED, D-S DENIED, E-S DENIED; another port is free`, (c) => {
  exclusiveAccepted(c);
  c.listener('s2'); c.bind('s2', '0.0.0.0:5150', INUSE, RES);
  c.listener('s3'); c.reuse('s3'); c.bind('s3', '0.0.0.0:5150', DENIED, RES);
  c.listener('s4'); c.bind('s4', '127.0.0.1:5150', DENIED, RES);
  c.listener('s5'); c.excl('s5'); c.bind('s5', '127.0.0.1:5150', DENIED, RES);
  c.listener('s6'); c.excl('s6'); c.bind('s6', '0.0.0.0:5151');
});

V('lingering', 'lingering/exclusive/specific-listener', `${S.excl}; docs/SHARING.md WSK table against E-S first: E-S INUSE, D-W SUCCESS; different specific addresses never conflict (docs/POLICY.md#bind-conflict-scope)`, (c) => {
  exclusiveAccepted(c, '127.0.0.1:5150', '127.0.0.1:5150');
  c.listener('s2'); c.excl('s2'); c.bind('s2', '127.0.0.1:5150', INUSE, RES);
  c.listener('s3'); c.excl('s3'); c.bind('s3', '127.0.0.2:5150');
  c.listener('s4'); c.bind('s4', '0.0.0.0:5150');
  c.incoming('10.0.0.9:40001', '127.0.0.1:5150', 's4');
});

V('lingering', 'lingering/exclusive/abortive-disconnect-no-linger', `${S.linger}; ${S.excl}`, (c) => {
  exclusiveAccepted(c);
  c.disconnect('a1', 'WSK_FLAG_ABORTIVE');
  c.close('a1');
  c.listener('s2'); c.excl('s2');
  c.bind('s2', '0.0.0.0:5150');
});

V('lingering', 'lingering/exclusive/passive-close-no-linger', `${S.linger}; ${S.excl}: the connection is active until closed`, (c) => {
  exclusiveAccepted(c);
  c.peerClose('a1');
  c.listener('s2'); c.excl('s2');
  c.bind('s2', '0.0.0.0:5150', INUSE, RES);
  c.close('a1');
  c.bind('s2', '0.0.0.0:5150');
});

V('lingering', 'lingering/exclusive/passive-close-after-graceful-disconnect', `${S.linger}: a close after the peer closed first does not linger`, (c) => {
  exclusiveAccepted(c);
  c.peerClose('a1');
  c.disconnect('a1');
  c.close('a1');
  c.listener('s2'); c.excl('s2');
  c.bind('s2', '0.0.0.0:5150');
});

V('lingering', 'lingering/exclusive/close-without-disconnect-no-linger', `${S.linger}; ${S.excl}`, (c) => {
  exclusiveAccepted(c);
  c.close('a1');
  c.listener('s2'); c.excl('s2');
  c.bind('s2', '0.0.0.0:5150');
});

V('lingering', 'lingering/exclusive/every-accepted-connection-counts', `${S.excl}: while any connection it accepted is active`, (c) => {
  c.listener('s1'); c.excl('s1'); c.bind('s1', '0.0.0.0:5150');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's1');
  c.incoming('10.0.0.9:40001', '127.0.0.1:5150', 's1');
  c.accept('s1', 'a1', sin('127.0.0.1', 5150), sin('10.0.0.9', 40000));
  c.accept('s1', 'a2', sin('127.0.0.1', 5150), sin('10.0.0.9', 40001));
  c.close('s1');
  c.disconnect('a1', 'WSK_FLAG_ABORTIVE'); c.close('a1');
  c.listener('s2'); c.excl('s2');
  c.bind('s2', '0.0.0.0:5150', INUSE, RES);
  c.disconnect('a2'); c.close('a2');
  c.advance(120);
  c.bind('s2', '0.0.0.0:5150', INUSE, RES);
  c.advance(120);
  c.bind('s2', '0.0.0.0:5150');
});

V('lingering', 'lingering/exclusive/inet6', `${S.excl}; ${S.linger}`, (c) => {
  c.listener('s1', 'AF_INET6'); c.excl('s1'); c.bind('s1', '[::]:5150');
  c.incoming('[2001:db8::9]:40000', '[::1]:5150', 's1');
  c.accept('s1', 'a1', sin6(V6_LOOPBACK, 5150), sin6(DB8_9, 40000));
  c.close('s1');
  c.listener('s2', 'AF_INET6'); c.excl('s2');
  c.bind('s2', '[::]:5150', INUSE, RES);
  c.disconnect('a1'); c.close('a1');
  c.bind('s2', '[::]:5150', INUSE, RES);
  c.advance(240);
  c.bind('s2', '[::]:5150');
});

V('lingering', 'lingering/exclusive/time-wait-before-listener-closes', `${S.linger}; ${S.excl}: the TIME_WAIT of a connection closed while its listener was open still holds the reservation after the listener closes, 240 s from the connection's close`, (c) => {
  c.listener('s1'); c.excl('s1'); c.bind('s1', '0.0.0.0:5150');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's1');
  c.accept('s1', 'a1', sin('127.0.0.1', 5150), sin('10.0.0.9', 40000));
  c.disconnect('a1'); c.close('a1');
  c.advance(100);
  c.close('s1');
  c.listener('s2'); c.excl('s2');
  c.bind('s2', '0.0.0.0:5150', INUSE, RES);
  c.advance(139);
  c.bind('s2', '0.0.0.0:5150', INUSE, RES);
  c.advance(1);
  c.bind('s2', '0.0.0.0:5150');
});

V('lingering', 'lingering/exclusive/dual-stack-listener-both-stacks', `${S.excl}; ${S.dual}; docs/SHARING.md: D-W second against E-W first is INUSE on either stack`, (c) => {
  c.listener('s1', 'AF_INET6'); c.dualStack('s1'); c.excl('s1');
  c.bind('s1', '[::]:5150');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's1');
  c.accept('s1', 'a1', mapped('127.0.0.1', 5150), mapped('10.0.0.9', 40000));
  c.close('s1');
  c.listener('s2'); c.bind('s2', '0.0.0.0:5150', INUSE, RES);
  c.listener('s3', 'AF_INET6'); c.bind('s3', '[::]:5150', INUSE, RES);
  c.close('a1');
  c.bind('s2', '0.0.0.0:5150');
  c.bind('s3', '[::]:5150');
});

V('lingering', 'lingering/exclusive/stream-listener', `${S.excl}; ${S.listens}: a stream socket that listens is a listener`, (c) => {
  c.stream('s1'); c.excl('s1'); c.bind('s1', '0.0.0.0:5150');
  c.listen('s1');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's1');
  c.accept('s1', 'a1', sin('127.0.0.1', 5150), sin('10.0.0.9', 40000));
  c.close('s1');
  c.stream('s2'); c.excl('s2');
  c.bind('s2', '0.0.0.0:5150', INUSE, RES);
  c.disconnect('a1'); c.close('a1');
  c.advance(240);
  c.bind('s2', '0.0.0.0:5150');
});

V('lingering', 'lingering/exclusive/port-zero-skips-reserved-port', `${S.excl}; docs/POLICY.md#bind-port-zero: port 0 takes the lowest free port, and a reserved port is not free`, (c) => {
  c.listener('s1'); c.excl('s1'); c.bind('s1', '0.0.0.0:0');
  c.incoming('10.0.0.9:40000', '127.0.0.1:49152', 's1');
  c.accept('s1', 'a1', sin('127.0.0.1', 49152), sin('10.0.0.9', 40000));
  c.close('s1');
  c.listener('s2'); c.bind('s2', '0.0.0.0:0');
  c.local('s2', sin('0.0.0.0', 49153));
  c.close('a1');
  c.listener('s3'); c.bind('s3', '0.0.0.0:0');
  c.local('s3', sin('0.0.0.0', 49152));
});

V('lingering', 'lingering/exclusive/dual-stack-bind-against-ipv4-reservation', `${S.excl}; docs/POLICY.md#dual-stack: a dual-stack bind must succeed on both stacks, else nothing is bound; docs/POLICY.md#port-zero-sides: port 0 takes a port free on every stack the bind occupies`, (c) => {
  c.listener('s1'); c.excl('s1'); c.bind('s1', '0.0.0.0:0');
  c.incoming('10.0.0.9:40000', '127.0.0.1:49152', 's1');
  c.accept('s1', 'a1', sin('127.0.0.1', 49152), sin('10.0.0.9', 40000));
  c.close('s1');
  c.listener('s2', 'AF_INET6'); c.dualStack('s2'); c.excl('s2');
  c.bind('s2', '[::]:49152', INUSE, RES);
  c.listener('s4', 'AF_INET6'); c.dualStack('s4'); c.excl('s4');
  c.bind('s4', '[::]:0');
  c.local('s4', sin6(V6_ANY, 49153));
  c.listener('s3', 'AF_INET6'); c.bind('s3', '[::]:49152');
});

V('lingering', 'lingering/default/port-zero-reuses-port-of-closed-listener', `${S.noexcl}; docs/POLICY.md#bind-port-zero: the port of a closed listener without SO_EXCLUSIVEADDRUSE is free again although its connection is active`, (c) => {
  c.listener('s1'); c.bind('s1', '0.0.0.0:0');
  c.incoming('10.0.0.9:40000', '127.0.0.1:49152', 's1');
  c.accept('s1', 'a1', sin('127.0.0.1', 49152), sin('10.0.0.9', 40000));
  c.close('s1');
  c.listener('s2'); c.bind('s2', '0.0.0.0:0');
  c.local('s2', sin('0.0.0.0', 49152));
});

V('lingering', 'lingering/exclusive/local-peer-closes-first', `${S.linger}; ${S.excl}: the local client closing first makes the accepted socket's close passive; the client's own connection lingers (advanceTime releases it)`, (c) => {
  c.listener('s1'); c.excl('s1'); c.bind('s1', '127.0.0.1:5150');
  c.conn('c1'); c.bind('c1', '127.0.0.1:6001');
  c.connect('c1', '127.0.0.1:5150', OK, 's1');
  c.accept('s1', 'a1', sin('127.0.0.1', 5150), sin('127.0.0.1', 6001));
  c.close('s1');
  c.disconnect('c1'); c.close('c1');
  c.listener('s2'); c.excl('s2');
  c.bind('s2', '127.0.0.1:5150', INUSE, RES);
  c.close('a1');
  c.bind('s2', '127.0.0.1:5150');
  c.advance(240);
});

V('lingering', 'lingering/exclusive/accepted-side-closes-first-locally', `${S.linger}; ${S.excl}: the accepted socket closing gracefully first lingers although its peer is local`, (c) => {
  c.listener('s1'); c.excl('s1'); c.bind('s1', '127.0.0.1:5150');
  c.conn('c1'); c.bind('c1', '127.0.0.1:6001');
  c.connect('c1', '127.0.0.1:5150', OK, 's1');
  c.accept('s1', 'a1', sin('127.0.0.1', 5150), sin('127.0.0.1', 6001));
  c.close('s1');
  c.disconnect('a1'); c.close('a1');
  c.close('c1');
  c.listener('s2'); c.excl('s2');
  c.bind('s2', '127.0.0.1:5150', INUSE, RES);
  c.advance(240);
  c.bind('s2', '127.0.0.1:5150');
});

V('lingering', 'lingering/exclusive/last-time-wait-counts', `${S.excl}; ${S.linger}: each TIME_WAIT runs 240 s from its own close; the reservation lasts until the last ends`, (c) => {
  c.listener('s1'); c.excl('s1'); c.bind('s1', '0.0.0.0:5150');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's1');
  c.incoming('10.0.0.9:40001', '127.0.0.1:5150', 's1');
  c.accept('s1', 'a1', sin('127.0.0.1', 5150), sin('10.0.0.9', 40000));
  c.accept('s1', 'a2', sin('127.0.0.1', 5150), sin('10.0.0.9', 40001));
  c.disconnect('a1'); c.close('a1');
  c.advance(100);
  c.disconnect('a2'); c.close('a2');
  c.close('s1');
  c.listener('s2'); c.excl('s2');
  c.advance(200);
  c.bind('s2', '0.0.0.0:5150', INUSE, RES);
  c.advance(39);
  c.bind('s2', '0.0.0.0:5150', INUSE, RES);
  c.advance(1);
  c.bind('s2', '0.0.0.0:5150');
});

V('lingering', 'lingering/exclusive/pending-bind-decided-at-delivery', `${S.excl}; ${S.linger}; docs/POLICY.md#pending-completion: a pending bind is decided when its IRP completes (vectors/completion.json pending/state-changes-at-completion), here after the TIME_WAIT ran out`, (c) => {
  exclusiveAccepted(c);
  c.disconnect('a1'); c.close('a1');
  c.advance(239);
  c.listener('s2'); c.excl('s2');
  c.steps.push({ op: 'bind', socket: 's2', address: '0.0.0.0:5150', irp: { fill: 'cc' }, expect: { status: 'STATUS_PENDING', irp: 'untouched' } });
  c.advance(1);
  c.steps.push({ op: 'complete', expect: { irps: [c.done(OK, 0, false)] } });
}, { modes: ['pending'] });

V('lingering', 'lingering/exclusive/pending-close-counts-from-the-call', `${S.linger}; docs/POLICY.md#close-marks-closing and docs/POLICY.md#bind-close-release: WskCloseSocket acts at the call (handle invalid, binding released) while its IRP completes at delivery, so TIME_WAIT is counted from the call`, (c) => {
  exclusiveAccepted(c);
  c.disconnect('a1');
  c.steps.push({ op: 'close', socket: 'a1', irp: { fill: 'cc' }, expect: { status: 'STATUS_PENDING', irp: 'untouched' } });
  c.release('a1');
  c.closed('a1');
  c.advance(240);
  c.steps.push({ op: 'complete', expect: { irps: [c.done(OK, 0, false)] } });
  c.listener('s2'); c.excl('s2');
  c.bind('s2', '0.0.0.0:5150');
}, { modes: ['pending'] });

V('lingering', 'lingering/connection-does-not-conflict-where-the-descriptor-allows', `${S.occupy}; docs/SHARING.md: D-S second against R-W first is CHECK, granted when the first socket's descriptor allows the second's owner (docs/POLICY.md#sharing-check-sd); the accepted connection on that specific address adds no conflict`, (c) => {
  c.steps.push({ op: 'cacheSd', as: 'sd1', allow: ['bob'] });
  c.socket('s1', 'AF_INET', 'WSK_FLAG_LISTEN_SOCKET', { owner: 'alice', securityDescriptor: 'sd1' });
  c.reuse('s1'); c.bind('s1', '0.0.0.0:5150');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's1');
  c.accept('s1', 'a1', sin('127.0.0.1', 5150), sin('10.0.0.9', 40000));
  c.socket('s2', 'AF_INET', 'WSK_FLAG_LISTEN_SOCKET', { owner: 'bob' });
  c.bind('s2', '127.0.0.1:5150');
  c.socket('s3', 'AF_INET', 'WSK_FLAG_LISTEN_SOCKET', { owner: 'carol' });
  c.bind('s3', '127.0.0.2:5150', DENIED, { expect: { conflictsWith: 's1' } });
});

V('lingering', 'lingering/client-connections-linger-by-the-same-rule', `${S.linger}: any connection, a WskConnect one included; advanceTime reports the lingering endpoints it releases`, (c) => {
  c.addressList('AF_INET', ['10.0.0.1:0']);
  c.remote('192.0.2.7:80');
  c.conn('c1'); c.bind('c1', '10.0.0.1:6001');
  c.connect('c1', '192.0.2.7:80', OK);
  c.disconnect('c1'); c.close('c1');
  c.conn('c2'); c.bind('c2', '10.0.0.1:6002');
  c.connect('c2', '192.0.2.7:80', OK);
  c.peerClose('c2'); c.disconnect('c2'); c.close('c2');
  c.conn('c3'); c.bind('c3', '10.0.0.1:6003');
  c.connect('c3', '192.0.2.7:80', OK);
  c.disconnect('c3', 'WSK_FLAG_ABORTIVE'); c.close('c3');
  c.conn('c4'); c.bind('c4', '10.0.0.1:6004');
  c.connect('c4', '192.0.2.7:80', OK);
  c.close('c4');
  c.advance(239);
  c.advance(1);
});

V('lingering', 'lingering/default/client-time-wait-does-not-block-rebind', `${S.noexcl}; ${S.occupy}: the connected socket's own binding conflicts as any binding while it is open (docs/SHARING.md: D-S then D-S is INUSE); its TIME_WAIT blocks nothing`, (c) => {
  c.listener('s1'); c.bind('s1', '127.0.0.1:5150');
  c.conn('c1'); c.bind('c1', '127.0.0.1:6001');
  c.connect('c1', '127.0.0.1:5150', OK, 's1');
  c.conn('c2');
  c.bind('c2', '127.0.0.1:6001', INUSE, { expect: { conflictsWith: 'c1' } });
  c.disconnect('c1'); c.close('c1');
  c.bind('c2', '127.0.0.1:6001');
  c.advance(240);
});

for (const policy of ['lenient', 'windows']) {
  V('lingering', `lingering/exclusive/${policy}-preset-same-rules`, `${S.excl}; ${S.linger}: the connection rules do not depend on the preset (docs/POLICY.md#presets)`, (c) => {
    exclusiveAccepted(c);
    c.listener('s2'); c.excl('s2');
    c.bind('s2', '0.0.0.0:5150', INUSE, RES);
    c.disconnect('a1'); c.close('a1');
    c.advance(239);
    c.bind('s2', '0.0.0.0:5150', INUSE, RES);
    c.advance(1);
    c.bind('s2', '0.0.0.0:5150');
  }, { policy });
}

V('lingering', 'lingering/exclusive/winsock-profile', `${S.excl}; docs/SHARING.md: the winsock profile reads user-mode table B (same owner): E-W then E-W is INUSE, reported as STATUS_SHARING_VIOLATION / WSAEADDRINUSE (docs/POLICY.md#sharing-profile)`, (c) => {
  exclusiveAccepted(c);
  c.listener('s2'); c.excl('s2');
  c.bind('s2', '0.0.0.0:5150', 'STATUS_SHARING_VIOLATION', { expect: { ...RES.expect, wsaError: 'WSAEADDRINUSE' } });
  c.close('a1');
  c.bind('s2', '0.0.0.0:5150');
}, { profile: 'winsock' });

V('lingering', 'lingering/exclusive/listener-still-open-conflicts-with-listener', `${S.occupy}; docs/SHARING.md: D-W second against E-W first is INUSE (conflictsWith names the listener)`, (c) => {
  c.listener('s1'); c.excl('s1'); c.bind('s1', '0.0.0.0:5150');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's1');
  c.accept('s1', 'a1', sin('127.0.0.1', 5150), sin('10.0.0.9', 40000));
  c.listener('s2');
  c.bind('s2', '0.0.0.0:5150', INUSE, { expect: { conflictsWith: 's1' } });
});

V('lingering', 'lingering/default/active-then-time-wait-do-not-block', `${S.noexcl}; ${S.linger}; docs/SHARING.md: D-W second against D-W first would be INUSE while the listener is open`, (c) => {
  c.listener('s1'); c.bind('s1', '0.0.0.0:5150');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's1');
  c.accept('s1', 'a1', sin('127.0.0.1', 5150), sin('10.0.0.9', 40000));
  c.listener('s2');
  c.bind('s2', '0.0.0.0:5150', INUSE, { expect: { conflictsWith: 's1' } });
  c.close('s1');
  c.bind('s2', '0.0.0.0:5150');
  c.close('s2');
  c.disconnect('a1'); c.close('a1');
  c.listener('s3');
  c.bind('s3', '0.0.0.0:5150');
  c.incoming('10.0.0.9:40001', '127.0.0.1:5150', 's3');
  c.close('s3');
  c.advance(240);
  c.listener('s4');
  c.bind('s4', '0.0.0.0:5150');
});

V('lingering', 'lingering/reuseaddr/active-then-time-wait-do-not-block', `${S.noexcl}; ${S.linger}`, (c) => {
  c.listener('s1'); c.reuse('s1'); c.bind('s1', '0.0.0.0:5150');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's1');
  c.accept('s1', 'a1', sin('127.0.0.1', 5150), sin('10.0.0.9', 40000));
  c.close('s1');
  c.listener('s2');
  c.bind('s2', '0.0.0.0:5150');
  c.close('s2');
  c.disconnect('a1'); c.close('a1');
  c.listener('s3');
  c.bind('s3', '0.0.0.0:5150');
});

V('lingering', 'lingering/connection-does-not-conflict-with-allowed-binds', `${S.occupy}; docs/SHARING.md: R-S second against R-W first is SUCCESS`, (c) => {
  c.listener('s1'); c.reuse('s1'); c.bind('s1', '0.0.0.0:5150');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's1');
  c.incoming('10.0.0.9:40001', '127.0.0.1:5150', 's1');
  c.accept('s1', 'a1', sin('127.0.0.1', 5150), sin('10.0.0.9', 40000));
  c.accept('s1', 'a2', sin('127.0.0.1', 5150), sin('10.0.0.9', 40001));
  c.listener('s2'); c.reuse('s2');
  c.bind('s2', '127.0.0.1:5150');
  c.incoming('10.0.0.9:40002', '127.0.0.1:5150', 's2');
});

V('lingering', 'lingering/default/loopback-connection-does-not-block-restart', `${S.noexcl}; ${S.occupy}`, (c) => {
  c.listener('s1'); c.bind('s1', '127.0.0.1:5150');
  c.conn('c1'); c.bind('c1', '127.0.0.1:6001');
  c.connect('c1', '127.0.0.1:5150', OK, 's1');
  c.accept('s1', 'a1', sin('127.0.0.1', 5150), sin('127.0.0.1', 6001));
  c.close('s1');
  c.listener('s2'); c.bind('s2', '127.0.0.1:5150');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's2');
});

// =====================================================================================================================
// The calls themselves: IRP image, Information, address buffers, faults, dispatch tables
// =====================================================================================================================

V('calls', 'calls/accept/buffers-byte-exact-inet', `${S.accept}; ${S.irp}`, (c) => {
  c.listener('s1'); c.bind('s1', '127.0.0.1:5150');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's1');
  c.accept('s1', 'a1', sin('127.0.0.1', 5150), sin('10.0.0.9', 40000), { lenL: 24, lenR: 17 });
});

V('calls', 'calls/accept/buffers-byte-exact-inet6', `${S.accept}; ${S.irp}`, (c) => {
  c.listener('s1', 'AF_INET6'); c.bind('s1', '[::]:5150');
  c.incoming('[fe80::9%4]:40000', '[fe80::1%4]:5150', 's1');
  c.accept('s1', 'a1', sin6(FE80_1, 5150, 4), sin6('fe800000000000000000000000000009', 40000, 4), { lenL: 28, lenR: 36 });
});

V('calls', 'calls/accept/null-address-buffers', `${S.accept}: both buffers optional`, (c) => {
  c.listener('s1'); c.bind('s1', '127.0.0.1:5150');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's1');
  c.accept('s1', 'a1', '', '', { nullLocal: true, nullRemote: true });
  c.remoteAddr('a1', sin('10.0.0.9', 40000));
});

V('calls', 'calls/accept/wildcard-listener-reports-arrival-address', `${S.accept}; ${S.addr}`, (c) => {
  c.listener('s1'); c.bind('s1', '0.0.0.0:5150');
  c.local('s1', sin('0.0.0.0', 5150));
  c.incoming('10.0.0.9:40000', '10.0.0.1:5150', 's1');
  c.accept('s1', 'a1', sin('10.0.0.1', 5150), sin('10.0.0.9', 40000));
  c.local('a1', sin('10.0.0.1', 5150));
  c.remoteAddr('a1', sin('10.0.0.9', 40000));
});

V('calls', 'calls/accept/oldest-connection-first', 'docs/VECTORS.md#connections: accept takes the oldest routed connection', (c) => {
  c.listener('s1'); c.bind('s1', '127.0.0.1:5150');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's1');
  c.incoming('10.0.0.8:40001', '127.0.0.1:5150', 's1');
  c.accept('s1', 'a1', sin('127.0.0.1', 5150), sin('10.0.0.9', 40000));
  c.accept('s1', 'a2', sin('127.0.0.1', 5150), sin('10.0.0.8', 40001));
});

V('calls', 'calls/accept/handle-reuses-freed-slot', `${S.accept}; docs/POLICY.md#socket-handle-reuse: the accepted socket's handle is allocated as WskSocket's (the most recently freed slot, one generation on)`, (c) => {
  c.listener('s0'); c.close('s0');
  c.listener('s1'); c.bind('s1', '127.0.0.1:5150');
  c.listener('s2'); c.close('s2');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's1');
  c.accept('s1', 'a1', sin('127.0.0.1', 5150), sin('10.0.0.9', 40000));
});

V('calls', 'calls/accept/handle-after-reserved-listener-closed', `${S.accept}; docs/POLICY.md#socket-handle-reuse: WskCloseSocket frees the slot and WskSocket reuses the most recently freed slot one generation on; docs/POLICY.md#close-marks-closing; ${S.excl} (the reservation keeps the binding, not the handle)`, (c) => {
  c.listener('s1'); c.excl('s1'); c.bind('s1', '0.0.0.0:5150');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's1');
  c.accept('s1', 'a1', sin('127.0.0.1', 5150), sin('10.0.0.9', 40000));
  c.close('s1');
  c.listener('s3'); c.bind('s3', '0.0.0.0:5151');
  c.incoming('10.0.0.9:40001', '127.0.0.1:5151', 's3');
  c.accept('s3', 'a3', sin('127.0.0.1', 5151), sin('10.0.0.9', 40001));
  c.fault({ op: 'localAddress', socket: 's1', output: { length: 16, fill: 'cc' } }, 'InvalidSocket', { output: 'cc'.repeat(16) });
});

V('calls', 'calls/accept/accepted-socket-is-bound', 'nc-wsk-pfn_wsk_get_local_address.md: a connection-oriented socket accepted on a listening socket is bound by the WSK subsystem; docs/POLICY.md#bind-rebind: binding a bound socket is STATUS_ADDRESS_ALREADY_ASSOCIATED, decided at the call in both modes (docs/POLICY.md#bind-rebind-synchronous); docs/POLICY.md#check-12: a before-bind option on it is STATUS_INVALID_DEVICE_STATE', (c) => {
  c.listener('s1'); c.bind('s1', '0.0.0.0:5150');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's1');
  c.accept('s1', 'a1', sin('127.0.0.1', 5150), sin('10.0.0.9', 40000));
  c.call({ op: 'bind', socket: 'a1', address: '127.0.0.1:6001' }, 'STATUS_ADDRESS_ALREADY_ASSOCIATED', 0, { sync: true });
  c.local('a1', sin('127.0.0.1', 5150));
  // docs/POLICY.md#check-12: an option documented "before bind" set on a bound socket (strict)
  c.call({ op: 'control', socket: 'a1', requestType: 'WskSetOption', controlCode: 'SO_EXCLUSIVEADDRUSE', level: 'SOL_SOCKET', inputSize: 4, input: '01000000', outputSize: 0, output: null, outputSizeReturned: null }, 'STATUS_INVALID_DEVICE_STATE');
});

V('calls', 'calls/accept/pending-until-incoming', `${S.acceptPending}; ${S.irp}`, (c) => {
  c.listener('s1'); c.bind('s1', '127.0.0.1:5150');
  const arrive = c.acceptWaiting('s1', 'a1');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's1', [arrive()]);
  c.local('a1', sin('127.0.0.1', 5150));
  c.remoteAddr('a1', sin('10.0.0.9', 40000));
});

V('calls', 'calls/accept/pending-until-incoming-inet6', `${S.acceptPending}; ${S.irp}`, (c) => {
  c.listener('s1', 'AF_INET6'); c.bind('s1', '[::1]:5150');
  const arrive = c.acceptWaiting('s1', 'a1', 'AF_INET6');
  c.incoming('[2001:db8::9]:40000', '[::1]:5150', 's1', [arrive()]);
  c.remoteAddr('a1', sin6(DB8_9, 40000));
});

V('calls', 'calls/accept/pending-mode-deferred-until-complete', `${S.acceptPending}; docs/POLICY.md#pending-completion: under completion pending the accept is performed at the complete step (as SIO_ADDRESS_LIST_CHANGE in vectors/address-list.json), so a connection routed before it waits in the backlog and the accept takes it there`, (c) => {
  c.listener('s1'); c.bind('s1', '127.0.0.1:5150');
  c.steps.push({ op: 'accept', socket: 's1', as: 'a1', irp: { fill: 'cc' }, localAddress: { length: 20, fill: 'cc' }, remoteAddress: null,
    expect: { status: 'STATUS_PENDING', irp: 'untouched', localAddress: 'cc'.repeat(20) } });
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's1', []);
  c.takeRouted('s1', 'a1');
  c.steps.push({ op: 'complete', expect: { irps: [c.done(OK, c.alloc('a1'))] } });
  c.remoteAddr('a1', sin('10.0.0.9', 40000));
}, { modes: ['pending'] });

V('calls', 'calls/accept/two-pending-in-order', `${S.acceptPending}: waiting accepts are satisfied in the order they were made`, (c) => {
  c.listener('s1'); c.bind('s1', '127.0.0.1:5150');
  const first = c.acceptWaiting('s1', 'a1');
  const second = c.acceptWaiting('s1', 'a2');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's1', [first()]);
  c.incoming('10.0.0.8:40001', '127.0.0.1:5150', 's1', [second()]);
  c.remoteAddr('a1', sin('10.0.0.9', 40000));
  c.remoteAddr('a2', sin('10.0.0.8', 40001));
});

V('calls', 'calls/accept/pending-until-connect', `${S.acceptPending}: the waiting accept completes within the connect step, before the connect's own IRP`, (c) => {
  c.listener('s1'); c.bind('s1', '127.0.0.1:5150');
  c.conn('c1'); c.bind('c1', '127.0.0.1:6001');
  const arrive = c.acceptWaiting('s1', 'a1');
  if (!c.P) {
    const acc = arrive();
    c.steps.push({ op: 'connect', socket: 'c1', address: '127.0.0.1:5150', irp: { fill: 'cc' },
      expect: { status: OK, listener: 's1', irp: c.done(OK, 0), completedIrps: [acc, c.done(OK, 0)] } });
  } else {
    c.steps.push({ op: 'connect', socket: 'c1', address: '127.0.0.1:5150', irp: { fill: 'cc' }, expect: { status: 'STATUS_PENDING', irp: 'untouched' } });
    const acc = arrive();
    c.steps.push({ op: 'complete', expect: { irps: [acc, c.done(OK, 0)] } });
  }
  c.remoteAddr('a1', sin('127.0.0.1', 6001));
});

V('calls', 'calls/accept/pending-cancelled-by-close', `${S.acceptPending}; docs/POLICY.md#close-cancels-pending`, (c) => {
  c.listener('s1'); c.bind('s1', '127.0.0.1:5150');
  c.acceptWaiting('s1', 'a1');
  if (!c.P) {
    c.steps.push({ op: 'close', socket: 's1', irp: { fill: 'cc' }, expect: { status: OK, irp: c.done(OK, 0), irps: [c.done('STATUS_CANCELLED', 0), c.done(OK, 0)] } });
  } else {
    c.steps.push({ op: 'close', socket: 's1', irp: { fill: 'cc' }, expect: { status: 'STATUS_PENDING', irp: 'untouched', irps: [c.done('STATUS_CANCELLED', 0)] } });
    c.steps.push({ op: 'complete', expect: { irps: [c.done(OK, 0)] } });
  }
  c.release('s1');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', null);
});

V('calls', 'calls/accept/short-local-buffer-fault', `${S.faults}; ${S.accept}: the buffer must hold the family's SOCKADDR (16 bytes)`, (c) => {
  c.listener('s1'); c.bind('s1', '127.0.0.1:5150');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's1');
  c.fault({ op: 'accept', socket: 's1', as: 'bad', localAddress: { length: 15, fill: 'cc' }, remoteAddress: { length: 16, fill: 'cc' } }, 'AddressBufferOverrun',
    { localAddress: 'cc'.repeat(15), remoteAddress: 'cc'.repeat(16) });
  c.accept('s1', 'a1', sin('127.0.0.1', 5150), sin('10.0.0.9', 40000));
});

V('calls', 'calls/accept/short-remote-buffer-fault-inet6', `${S.faults}; ${S.accept}: the buffer must hold the family's SOCKADDR (28 bytes)`, (c) => {
  c.listener('s1', 'AF_INET6'); c.bind('s1', '[::1]:5150');
  c.incoming('[2001:db8::9]:40000', '[::1]:5150', 's1');
  c.fault({ op: 'accept', socket: 's1', as: 'bad', localAddress: { length: 28, fill: 'cc' }, remoteAddress: { length: 27, fill: 'cc' } }, 'AddressBufferOverrun',
    { localAddress: 'cc'.repeat(28), remoteAddress: 'cc'.repeat(27) });
  c.fault({ op: 'accept', socket: 's1', as: 'bad', localAddress: { length: 16, fill: 'cc' }, remoteAddress: null }, 'AddressBufferOverrun',
    { localAddress: 'cc'.repeat(16) });
  c.accept('s1', 'a1', sin6(V6_LOOPBACK, 5150), sin6(DB8_9, 40000));
});

V('calls', 'calls/accept/short-irp-fault', `${S.faults}: IRP shorter than sizeof(IRP)`, (c) => {
  c.listener('s1'); c.bind('s1', '127.0.0.1:5150');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's1');
  c.fault({ op: 'accept', socket: 's1', as: 'bad', irp: { length: c.irpSize - 1, fill: 'cc' }, localAddress: { length: 16, fill: 'cc' }, remoteAddress: { length: 16, fill: 'cc' } }, 'IrpOverrun',
    { localAddress: 'cc'.repeat(16), remoteAddress: 'cc'.repeat(16) });
  c.accept('s1', 'a1', sin('127.0.0.1', 5150), sin('10.0.0.9', 40000));
});

V('calls', 'calls/connect/unbound-invalid-device-state', `${S.unbound}; ${S.irp}`, (c) => {
  c.listener('s1'); c.bind('s1', '127.0.0.1:5150');
  c.conn('c1');
  c.connect('c1', '127.0.0.1:5150', 'STATUS_INVALID_DEVICE_STATE');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's1');
  c.accept('s1', 'a1', sin('127.0.0.1', 5150), sin('10.0.0.9', 40000));
});

V('calls', 'calls/connect/unbound-stream-socket', S.unbound, (c) => {
  c.stream('st');
  c.connect('st', '127.0.0.1:5150', 'STATUS_INVALID_DEVICE_STATE');
});

V('calls', 'calls/connect/short-address-fault', `${S.faults}: RemoteAddress shorter than its declared size`, (c) => {
  c.listener('s1'); c.bind('s1', '127.0.0.1:5150');
  c.conn('c1'); c.bind('c1', '127.0.0.1:6001');
  c.fault({ op: 'connect', socket: 'c1', address: { bytes: sin('127.0.0.1', 5150).slice(0, 30), size: 16 } }, 'AddressBufferOverrun');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's1');
  c.accept('s1', 'a1', sin('127.0.0.1', 5150), sin('10.0.0.9', 40000));
});

V('calls', 'calls/connect/short-irp-fault', `${S.faults}: IRP shorter than sizeof(IRP)`, (c) => {
  c.listener('s1'); c.bind('s1', '127.0.0.1:5150');
  c.conn('c1'); c.bind('c1', '127.0.0.1:6001');
  c.fault({ op: 'connect', socket: 'c1', address: '127.0.0.1:5150', irp: { length: c.irpSize - 1, fill: 'cc' } }, 'IrpOverrun');
  c.connect('c1', '127.0.0.1:5150', OK, 's1');
});

V('calls', 'calls/listen/stream-socket', `${S.listens}; ${S.irp}: WskListen completes with Information 0`, (c) => {
  c.stream('st'); c.bind('st', '127.0.0.1:5150');
  c.listen('st');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 'st');
});

V('calls', 'calls/listen/unbound-stream-socket', 'nc-wsk-pfn_wsk_listen.md: only on a stream socket previously bound by WskBind; docs/POLICY.md#check-12: an operation that needs a bound socket on an unbound one is STATUS_INVALID_DEVICE_STATE', (c) => {
  c.stream('st');
  c.listen('st', 'STATUS_INVALID_DEVICE_STATE');
});

V('calls', 'calls/disconnect/graceful-and-abortive-irps', `${S.irp}: WskDisconnect completes with Information 0`, (c) => {
  c.listener('s1'); c.bind('s1', '127.0.0.1:5150');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's1');
  c.incoming('10.0.0.9:40001', '127.0.0.1:5150', 's1');
  c.accept('s1', 'a1', sin('127.0.0.1', 5150), sin('10.0.0.9', 40000));
  c.accept('s1', 'a2', sin('127.0.0.1', 5150), sin('10.0.0.9', 40001));
  c.disconnect('a1');
  c.disconnect('a2', 'WSK_FLAG_ABORTIVE');
  c.close('a1'); c.close('a2');
});

V('calls', 'calls/disconnect/client-connection', `${S.irp}; ${S.linger}`, (c) => {
  c.listener('s1'); c.bind('s1', '127.0.0.1:5150');
  c.conn('c1'); c.bind('c1', '127.0.0.1:6001');
  c.connect('c1', '127.0.0.1:5150', OK, 's1');
  c.disconnect('c1');
  c.close('c1');
});

V('calls', 'calls/local-address/port-zero-inet', `${S.addr}; docs/POLICY.md#bind-port-zero: the lowest free port of 49152-65535`, (c) => {
  c.listener('s1'); c.bind('s1', '0.0.0.0:0');
  c.local('s1', sin('0.0.0.0', 49152));
  c.listener('s2'); c.bind('s2', '0.0.0.0:0');
  c.local('s2', sin('0.0.0.0', 49153), 16);
});

V('calls', 'calls/local-address/port-zero-inet6', `${S.addr}; docs/POLICY.md#bind-port-zero`, (c) => {
  c.listener('s1', 'AF_INET6'); c.bind('s1', '[::]:0');
  c.local('s1', sin6(V6_ANY, 49152), 40);
});

V('calls', 'calls/local-address/port-zero-connection-and-datagram', `${S.addr}: WskGetLocalAddress is in the connection and datagram dispatch tables`, (c) => {
  c.conn('c1'); c.bind('c1', '127.0.0.1:0');
  c.local('c1', sin('127.0.0.1', 49152));
  c.udp('u1', 'AF_INET'); c.bind('u1', '0.0.0.0:0');
  c.local('u1', sin('0.0.0.0', 49152));
});

V('calls', 'calls/local-address/scope-id', `${S.addr}: sin6_scope_id as bound`, (c) => {
  c.listener('s1', 'AF_INET6'); c.bind('s1', '[fe80::1%4]:5150');
  c.local('s1', sin6(FE80_1, 5150, 4));
});

V('calls', 'calls/local-address/unbound', 'nc-wsk-pfn_wsk_get_local_address.md: STATUS_INVALID_DEVICE_STATE "The socket is not bound to a local transport address", the IRP completed with it; docs/POLICY.md#failure-information', (c) => {
  c.listener('s1');
  c.addressFails('localAddress', 's1', 'STATUS_INVALID_DEVICE_STATE', 20);
  c.stream('st');
  c.addressFails('localAddress', 'st', 'STATUS_INVALID_DEVICE_STATE', 20);
});

V('calls', 'calls/local-address/short-buffer-fault', `${S.faults}: the buffer must hold the family's SOCKADDR (nc-wsk-pfn_wsk_get_local_address.md)`, (c) => {
  c.listener('s1'); c.bind('s1', '127.0.0.1:5150');
  c.fault({ op: 'localAddress', socket: 's1', output: { length: 15, fill: 'cc' } }, 'AddressBufferOverrun', { output: 'cc'.repeat(15) });
  c.listener('s6', 'AF_INET6'); c.bind('s6', '[::1]:5150');
  c.fault({ op: 'localAddress', socket: 's6', output: { length: 16, fill: 'cc' } }, 'AddressBufferOverrun', { output: 'cc'.repeat(16) });
  c.local('s6', sin6(V6_LOOPBACK, 5150), 28);
});

V('calls', 'calls/local-address/short-irp-fault', `${S.faults}: IRP shorter than sizeof(IRP)`, (c) => {
  c.listener('s1'); c.bind('s1', '127.0.0.1:5150');
  c.fault({ op: 'localAddress', socket: 's1', output: { length: 16, fill: 'cc' }, irp: { length: c.irpSize - 1, fill: 'cc' } }, 'IrpOverrun', { output: 'cc'.repeat(16) });
});

V('calls', 'calls/remote-address/not-connected', 'nc-wsk-pfn_wsk_get_remote_address.md: the socket is not connected: STATUS_INVALID_DEVICE_STATE, the IRP completed with it; docs/POLICY.md#failure-information', (c) => {
  c.conn('c1');
  c.addressFails('remoteAddress', 'c1', 'STATUS_INVALID_DEVICE_STATE', 16);
  c.bind('c1', '127.0.0.1:6001');
  c.addressFails('remoteAddress', 'c1', 'STATUS_INVALID_DEVICE_STATE', 16);
});

V('calls', 'calls/remote-address/short-buffer-fault', `${S.faults}: the buffer must hold the family's SOCKADDR (nc-wsk-pfn_wsk_get_remote_address.md)`, (c) => {
  c.listener('s1'); c.bind('s1', '127.0.0.1:5150');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's1');
  c.accept('s1', 'a1', sin('127.0.0.1', 5150), sin('10.0.0.9', 40000));
  c.fault({ op: 'remoteAddress', socket: 'a1', output: { length: 8, fill: 'cc' } }, 'AddressBufferOverrun', { output: 'cc'.repeat(8) });
  c.remoteAddr('a1', sin('10.0.0.9', 40000), 16);
});

V('calls', 'calls/closed-accepted-socket-is-invalid', 'docs/POLICY.md#close-marks-closing: every call after WskCloseSocket is fault InvalidSocket', (c) => {
  c.listener('s1'); c.bind('s1', '127.0.0.1:5150');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's1');
  c.accept('s1', 'a1', sin('127.0.0.1', 5150), sin('10.0.0.9', 40000));
  c.close('a1');
  c.fault({ op: 'remoteAddress', socket: 'a1', output: { length: 16, fill: 'cc' } }, 'InvalidSocket', { output: 'cc'.repeat(16) });
  c.fault({ op: 'disconnect', socket: 'a1', flags: 0 }, 'InvalidSocket');
});

// Dispatch tables (abi/dispatch.ts, from km/wsk.h): listen {Bind, Accept, InspectComplete, GetLocalAddress};
// datagram {Bind, SendTo, ReceiveFrom, Release, GetLocalAddress, SendMessages}; connection {Bind, Connect,
// GetLocalAddress, GetRemoteAddress, Send, Receive, Disconnect, Release, ConnectEx}; stream: all of them plus Listen;
// basic: none of them.
V('calls', 'calls/dispatch/listening-socket', `${S.dispatch}: WSK_PROVIDER_LISTEN_DISPATCH has no WskListen, WskConnect, WskDisconnect, WskGetRemoteAddress`, (c) => {
  c.listener('s1'); c.bind('s1', '127.0.0.1:5150');
  c.fault({ op: 'listen', socket: 's1' }, 'NotInDispatchTable');
  c.fault({ op: 'connect', socket: 's1', address: '127.0.0.1:5151' }, 'NotInDispatchTable');
  c.fault({ op: 'disconnect', socket: 's1', flags: 0 }, 'NotInDispatchTable');
  c.fault({ op: 'remoteAddress', socket: 's1', output: { length: 16, fill: 'cc' } }, 'NotInDispatchTable', { output: 'cc'.repeat(16) });
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's1');
});

V('calls', 'calls/dispatch/connection-socket', `${S.dispatch}: WSK_PROVIDER_CONNECTION_DISPATCH has no WskListen, WskAccept`, (c) => {
  c.conn('c1'); c.bind('c1', '127.0.0.1:5150');
  c.fault({ op: 'listen', socket: 'c1' }, 'NotInDispatchTable');
  c.fault({ op: 'accept', socket: 'c1', as: 'bad', localAddress: { length: 16, fill: 'cc' }, remoteAddress: { length: 16, fill: 'cc' } }, 'NotInDispatchTable',
    { localAddress: 'cc'.repeat(16), remoteAddress: 'cc'.repeat(16) });
});

V('calls', 'calls/dispatch/accepted-socket-is-a-connection-socket', `${S.dispatch}; issue: the accepted socket has category connection`, (c) => {
  c.listener('s1'); c.bind('s1', '127.0.0.1:5150');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's1');
  c.accept('s1', 'a1', sin('127.0.0.1', 5150), sin('10.0.0.9', 40000));
  c.fault({ op: 'accept', socket: 'a1', as: 'bad', localAddress: null, remoteAddress: null }, 'NotInDispatchTable');
  c.fault({ op: 'listen', socket: 'a1' }, 'NotInDispatchTable');
  c.local('a1', sin('127.0.0.1', 5150));
});

V('calls', 'calls/dispatch/datagram-socket', `${S.dispatch}: WSK_PROVIDER_DATAGRAM_DISPATCH has no WskListen, WskAccept, WskConnect, WskDisconnect, WskGetRemoteAddress`, (c) => {
  c.udp('u1', 'AF_INET'); c.bind('u1', '0.0.0.0:5150');
  c.fault({ op: 'listen', socket: 'u1' }, 'NotInDispatchTable');
  c.fault({ op: 'accept', socket: 'u1', as: 'bad', localAddress: null, remoteAddress: null }, 'NotInDispatchTable');
  c.fault({ op: 'connect', socket: 'u1', address: '127.0.0.1:5151' }, 'NotInDispatchTable');
  c.fault({ op: 'disconnect', socket: 'u1', flags: 0 }, 'NotInDispatchTable');
  c.fault({ op: 'remoteAddress', socket: 'u1', output: { length: 16, fill: 'cc' } }, 'NotInDispatchTable', { output: 'cc'.repeat(16) });
});

V('calls', 'calls/dispatch/basic-socket', `${S.dispatch}: WSK_PROVIDER_BASIC_DISPATCH has only WskControlSocket and WskCloseSocket`, (c) => {
  c.socket('b1', 'AF_INET', 'WSK_FLAG_BASIC_SOCKET');
  c.fault({ op: 'listen', socket: 'b1' }, 'NotInDispatchTable');
  c.fault({ op: 'accept', socket: 'b1', as: 'bad', localAddress: null, remoteAddress: null }, 'NotInDispatchTable');
  c.fault({ op: 'connect', socket: 'b1', address: '127.0.0.1:5151' }, 'NotInDispatchTable');
  c.fault({ op: 'disconnect', socket: 'b1', flags: 0 }, 'NotInDispatchTable');
  c.fault({ op: 'localAddress', socket: 'b1', output: { length: 16, fill: 'cc' } }, 'NotInDispatchTable', { output: 'cc'.repeat(16) });
  c.fault({ op: 'remoteAddress', socket: 'b1', output: { length: 16, fill: 'cc' } }, 'NotInDispatchTable', { output: 'cc'.repeat(16) });
});

V('calls', 'calls/null-irp', 'docs/POLICY.md#bind-irp precedent ("WskBind without an IRP: STATUS_INVALID_PARAMETER, nothing bound"); a NULL IRP measured on Windows for WskSocket: synchronous STATUS_INVALID_PARAMETER (Wine dlls/ntoskrnl.exe/tests/driver_netio.c); docs/POLICY.md#connection-irp; failure changes nothing (docs/POLICY.md#failure-changes-nothing)', (c) => {
  const ip = { status: 'STATUS_INVALID_PARAMETER' };
  c.listener('s1'); c.bind('s1', '127.0.0.1:5150');
  c.stream('st'); c.bind('st', '127.0.0.1:5151');
  c.conn('c1'); c.bind('c1', '127.0.0.1:6001');
  c.steps.push({ op: 'listen', socket: 'st', expect: ip });
  c.incoming('10.0.0.9:40000', '127.0.0.1:5151', null);
  c.steps.push({ op: 'connect', socket: 'c1', address: '127.0.0.1:5150', expect: ip });
  c.addressFails('remoteAddress', 'c1', 'STATUS_INVALID_DEVICE_STATE', 16);
  c.incoming('10.0.0.9:40001', '127.0.0.1:5150', 's1');
  c.steps.push({ op: 'accept', socket: 's1', as: 'bad', localAddress: { length: 16, fill: 'cc' }, remoteAddress: { length: 16, fill: 'cc' }, expect: { ...ip, localAddress: 'cc'.repeat(16), remoteAddress: 'cc'.repeat(16) } });
  c.accept('s1', 'a1', sin('127.0.0.1', 5150), sin('10.0.0.9', 40001));
  c.steps.push({ op: 'localAddress', socket: 'a1', output: { length: 16, fill: 'cc' }, expect: { ...ip, output: 'cc'.repeat(16) } });
  c.steps.push({ op: 'remoteAddress', socket: 'a1', output: { length: 16, fill: 'cc' }, expect: { ...ip, output: 'cc'.repeat(16) } });
  c.steps.push({ op: 'disconnect', socket: 'a1', flags: 0, expect: ip });
  c.remoteAddr('a1', sin('10.0.0.9', 40001));
});

V('calls', 'calls/forced-closed', 'nc-wsk-pfn_wsk_get_local_address.md, nc-wsk-pfn_wsk_listen.md: STATUS_FILE_FORCED_CLOSED "The socket is no longer functional. The IRP will be completed with failure status"; docs/POLICY.md#check-3 (decided at the call in both modes); docs/POLICY.md#connection-irp', (c) => {
  c.listener('s1'); c.bind('s1', '127.0.0.1:5150');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's1');
  c.accept('s1', 'a1', sin('127.0.0.1', 5150), sin('10.0.0.9', 40000));
  c.steps.push({ op: 'forceClose', socket: 'a1' });
  const fc = 'STATUS_FILE_FORCED_CLOSED';
  c.call({ op: 'localAddress', socket: 'a1', output: { length: 16, fill: 'cc' } }, fc, 0, { sync: true, expect: { output: 'cc'.repeat(16) } });
  c.call({ op: 'remoteAddress', socket: 'a1', output: { length: 16, fill: 'cc' } }, fc, 0, { sync: true, expect: { output: 'cc'.repeat(16) } });
  c.call({ op: 'disconnect', socket: 'a1', flags: 0 }, fc, 0, { sync: true });
  c.incoming('10.0.0.9:40001', '127.0.0.1:5150', 's1');
  c.steps.push({ op: 'forceClose', socket: 's1' });
  c.call({ op: 'accept', socket: 's1', as: 'bad', localAddress: { length: 16, fill: 'cc' }, remoteAddress: { length: 16, fill: 'cc' } }, fc, 0,
    { sync: true, expect: { localAddress: 'cc'.repeat(16), remoteAddress: 'cc'.repeat(16) } });
});

const SOCKET_CONNECT = 'nc-wsk-pfn_wsk_socket_connect.md (windows-driver-docs-ddi): creates, binds and connects a connection-oriented socket; on success IoStatus.Information holds the new socket (PWSK_SOCKET); docs/POLICY.md#connection-socket-connect; docs/VECTORS.md#connections (socketConnect, this project\'s extension)';
V('calls', 'calls/socket-connect/loopback', `${SOCKET_CONNECT}; ${S.routing}; ${S.addr}`, (c) => {
  c.listener('s1'); c.bind('s1', '127.0.0.1:5150');
  const h = c.alloc('c1');
  const base = { op: 'socketConnect', as: 'c1', type: 'SOCK_STREAM', protocol: 'IPPROTO_TCP', localAddress: '127.0.0.1:6001', remoteAddress: '127.0.0.1:5150' };
  c.call(base, OK, h, { expect: { listener: 's1' } });
  c.accept('s1', 'a1', sin('127.0.0.1', 5150), sin('127.0.0.1', 6001));
  c.local('c1', sin('127.0.0.1', 6001));
  c.remoteAddr('c1', sin('127.0.0.1', 5150));
});

V('calls', 'calls/socket-connect/refused-creates-and-binds-nothing', `${SOCKET_CONNECT}; ${S.routing}; failure changes nothing (docs/POLICY.md#failure-changes-nothing): no socket, no binding`, (c) => {
  c.call({ op: 'socketConnect', as: 'c1', type: 'SOCK_STREAM', protocol: 'IPPROTO_TCP', localAddress: '127.0.0.1:6001', remoteAddress: '127.0.0.1:5150' }, 'STATUS_CONNECTION_REFUSED', 0);
  c.listener('s1'); c.bind('s1', '127.0.0.1:6001');
  c.incoming('10.0.0.9:40000', '127.0.0.1:6001', 's1');
  c.accept('s1', 'a1', sin('127.0.0.1', 6001), sin('10.0.0.9', 40000));
});

// Check 12 with connections: "after connect" now means connected (docs/POLICY.md#check-12)
const SIZE_T = (arch, v) => { let h = ''; for (let i = 0; i < (arch === 'x86' ? 4 : 8); i++) h += hex2(i < 4 ? (v >>> (8 * i)) & 0xff : 0); return h; };
V('calls', 'calls/after-connect/backlog-queries', 'docs/POLICY.md#check-12: an operation documented "after connect" on a socket not yet connected is STATUS_INVALID_DEVICE_STATE; sio-wsk-query-ideal-send-backlog.md, sio-wsk-query-receive-backlog.md: "after the connection-oriented socket has been connected"; policy backlog-values (docs/POLICY.md): 65536 and 0 as a SIZE_T', (c) => {
  const sz = c.arch === 'x86' ? 4 : 8;
  c.listener('s1'); c.bind('s1', '127.0.0.1:5150');
  c.conn('c1'); c.bind('c1', '127.0.0.1:6001');
  c.ioctl('c1', 'SIO_WSK_QUERY_IDEAL_SEND_BACKLOG', sz, sz + 4, 'STATUS_INVALID_DEVICE_STATE');
  c.ioctl('c1', 'SIO_WSK_QUERY_RECEIVE_BACKLOG', sz, sz + 4, 'STATUS_INVALID_DEVICE_STATE');
  c.connect('c1', '127.0.0.1:5150', OK, 's1');
  c.ioctl('c1', 'SIO_WSK_QUERY_IDEAL_SEND_BACKLOG', sz, sz + 4, OK, SIZE_T(c.arch, 65536));
  c.ioctl('c1', 'SIO_WSK_QUERY_RECEIVE_BACKLOG', sz, sz + 4, OK, SIZE_T(c.arch, 0));
  c.accept('s1', 'a1', sin('127.0.0.1', 5150), sin('127.0.0.1', 6001));
  c.ioctl('a1', 'SIO_WSK_QUERY_IDEAL_SEND_BACKLOG', sz, sz + 4, OK, SIZE_T(c.arch, 65536));
});

V('calls', 'calls/after-connect/tcp-silent-mode', 'sio-wsk-set-tcp-silent-mode.md: "applies only to connected TCP sockets. It is not supported on loopback."; docs/POLICY.md#check-12: not yet connected is STATUS_INVALID_DEVICE_STATE; policy silent-mode (docs/POLICY.md): loopback is STATUS_NOT_SUPPORTED', (c) => {
  c.addressList('AF_INET', ['10.0.0.1:0']);
  c.remote('192.0.2.7:80');
  c.conn('c1'); c.bind('c1', '10.0.0.1:6001');
  c.ioctl('c1', 'SIO_WSK_SET_TCP_SILENT_MODE', 0, 0, 'STATUS_INVALID_DEVICE_STATE');
  c.connect('c1', '192.0.2.7:80', OK);
  c.ioctl('c1', 'SIO_WSK_SET_TCP_SILENT_MODE', 0, 0, OK);
  c.listener('s1'); c.bind('s1', '127.0.0.1:5150');
  c.conn('c2'); c.bind('c2', '127.0.0.1:6002');
  c.connect('c2', '127.0.0.1:5150', OK, 's1');
  c.ioctl('c2', 'SIO_WSK_SET_TCP_SILENT_MODE', 0, 0, 'STATUS_NOT_SUPPORTED');
});

V('calls', 'calls/after-connect/inspect-id', 'sio-wsk-query-inspect-id.md (windows-driver-docs): only connection-oriented sockets accepted on a listening socket with conditional accept enabled, STATUS_INVALID_DEVICE_REQUEST for any other socket, IRP NULL, *OutputSizeReturned = bytes copied (sizeof(WSK_INSPECT_ID) 8 / 16); so-conditional-accept.md: set before the listening socket is bound; docs/POLICY.md#pending-completion: a call without an IRP completes at once', (c) => {
  const idLen = c.arch === 'x86' ? 8 : 16;
  const sz = c.arch === 'x86' ? 4 : 8;
  const q = (sock, status, osr) => c.steps.push({ op: 'control', socket: sock, requestType: 'WskIoctl', controlCode: 'SIO_WSK_QUERY_INSPECT_ID', level: 0, inputSize: 0, input: null,
    outputSize: idLen, output: { length: idLen, fill: 'cc' }, outputSizeReturned: { fill: 'cc' },
    expect: status === OK ? { status, outputSizeReturned: osr } : { status, output: 'cc'.repeat(idLen), outputSizeReturned: 'cc'.repeat(sz) } });
  c.listener('s1'); c.setOpt('s1', 'SO_CONDITIONAL_ACCEPT', 'SOL_SOCKET', '01000000'); c.bind('s1', '127.0.0.1:5150');
  c.listener('s2'); c.bind('s2', '127.0.0.1:5151');
  c.incoming('10.0.0.9:40000', '127.0.0.1:5150', 's1');
  c.incoming('10.0.0.9:40001', '127.0.0.1:5151', 's2');
  c.accept('s1', 'a1', sin('127.0.0.1', 5150), sin('10.0.0.9', 40000));
  c.accept('s2', 'a2', sin('127.0.0.1', 5151), sin('10.0.0.9', 40001));
  q('a1', OK, SIZE_T(c.arch, idLen));
  q('a2', 'STATUS_INVALID_DEVICE_REQUEST');
  q('s1', 'STATUS_INVALID_DEVICE_REQUEST');
});

write('connections-routing', 'Connections: routing of incoming connections and WskConnect (specific over wildcard, SO_REUSEADDR order, dual stack, remote listeners)', files.routing);
write('connections-lingering', 'Connections: lingering endpoints (SO_EXCLUSIVEADDRUSE reservation, TIME_WAIT 240 s, abortive and passive close, without the option)', files.lingering);
write('connections-calls', 'Connections: WskListen, WskAccept, WskConnect, WskDisconnect, WskGetLocalAddress, WskGetRemoteAddress: IRP images, address buffers, faults, dispatch tables', files.calls);
