/**
 * Section (b): WskBind with 1k, 100k and 1M sockets already bound: time per additional bind and heap bytes per
 * bound socket. Two address orders: sequential (the goal's scenario) and scattered (no locality to exploit).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AF, SOCK, STATUS, WSK_FLAG } from '../codec/names';
import { encodeSockaddrText } from '../codec/sockaddr';
import { WskProvider } from '../provider/provider';
import { canCollect, collect, load1, median, since } from './harness';

/** Ports the bound sockets spread over; the address is 10.a.b.c with a = index / PORTS, so buckets stay realistic. */
const PORTS = 4;
const BASE_PORT = 5150;

/** How a.b.c follows the socket index: in sequence, or scattered over the 24 bits (a bijection, so still distinct). */
export type AddressOrder = 'sequential' | 'scattered';

/** The a.b.c of the k-th address of a port bucket. */
function low24(k: number, order: AddressOrder): number {
  if (order === 'sequential') return k;
  const x = Math.imul(k, 0x2545f491) & 0xffffff;
  return x ^ (x >>> 12);
}

/** One table size. */
export interface BindPoint {
  readonly bound: number;
  /** Median ns per additional (accepted, specific-address) bind, over the rounds. */
  readonly nsPerBind: number;
  readonly roundsNs: readonly number[];
  /** Median process CPU time per added bind: user + system of all threads, so it includes V8's background (GC) threads
   * working during the round, and excludes time the shared machine ran other jobs. */
  readonly cpuNsPerBind: number;
  /** ns per socket while filling the table (WskSocket + WskBind). */
  readonly fillNsPerSocket: number;
  /** heapUsed delta / bound sockets after a forced gc (null without --expose-gc). */
  readonly heapBytesPerSocket: number | null;
  /** Off-heap (ArrayBuffer) bytes per bound socket: the option slots and the address tables. */
  readonly arrayBufferBytesPerSocket: number | null;
  /** Resident set size delta / bound sockets (heap, off-heap and the allocator's slack; not returned to the system after gc). */
  readonly rssBytesPerSocket: number;
  readonly load: number;
}

/** Result of section (b). */
export interface BindResult {
  readonly order: AddressOrder;
  readonly points: readonly BindPoint[];
  /** nsPerBind at the largest size / at the smallest. */
  readonly scaling: number;
  /** Whether the table held the connection load (half the listeners with an accepted connection, a tenth lingering). */
  readonly connections: boolean;
  readonly note: string;
}

const LISTEN = { family: AF.AF_INET!, type: SOCK.SOCK_STREAM!, protocol: 6, flags: WSK_FLAG.WSK_FLAG_LISTEN_SOCKET! };

/** SOCKADDR_IN of `net`.a.b.c on port BASE_PORT + (i % PORTS), a.b.c from i / PORTS. */
function address(template: Uint8Array, net: number, i: number, order: AddressOrder): Uint8Array {
  const b = Uint8Array.from(template);
  const port = BASE_PORT + (i % PORTS);
  const a = low24(Math.floor(i / PORTS), order);
  b[2] = port >>> 8; b[3] = port & 0xff;
  b[4] = net; b[5] = (a >>> 16) & 0xff; b[6] = (a >>> 8) & 0xff; b[7] = a & 0xff;
  return b;
}

/**
 * Bind n listening sockets; with `connections`, the load of the connection goal: every even-numbered listener carries an
 * accepted connection that stays open, and every tenth (i % 10 = 1) one whose accepted connection was disconnected
 * gracefully and closed, so that a lingering endpoint in TIME_WAIT holds it (half carry a connection, a tenth linger).
 */
export function fill(p: WskProvider, n: number, template: Uint8Array, irp: Uint8Array, order: AddressOrder, connections = false): void {
  const addr = Uint8Array.from(template);
  const peer = encodeSockaddrText('192.0.2.1:40000')!;
  for (let i = 0; i < n; i++) {
    const s = p.wskSocket(LISTEN).socket;
    const port = BASE_PORT + (i % PORTS);
    const a = low24(Math.floor(i / PORTS), order);
    addr[2] = port >>> 8; addr[3] = port & 0xff;
    addr[4] = 10; addr[5] = (a >>> 16) & 0xff; addr[6] = (a >>> 8) & 0xff; addr[7] = a & 0xff;
    const st = p.wskBind(s, addr, 0, irp);
    if (st !== STATUS.STATUS_SUCCESS) throw new Error(`bench: fill bind ${i} returned 0x${st.toString(16)} (${p.reason.rule})`);
    if (!connections || (i % 2 !== 0 && i % 10 !== 1)) continue;
    peer[2] = (i >>> 8) & 0xff; peer[3] = i & 0xff;
    if (p.incomingConnection(peer, addr) !== s) throw new Error(`bench: connection ${i} was not routed to its listener (${p.reason.rule})`);
    if (p.wskAccept(s, 0, null, null, irp) !== STATUS.STATUS_SUCCESS) throw new Error(`bench: accept ${i}: ${p.reason.rule}`);
    if (i % 10 !== 1) continue;
    const acc = p.lastAcceptedSocket;
    if (p.wskDisconnect(acc, 0, 0, irp) !== STATUS.STATUS_SUCCESS || p.wskCloseSocket(acc, irp) !== STATUS.STATUS_SUCCESS) throw new Error(`bench: close ${i}: ${p.reason.rule}`);
  }
  if (connections && p.lingeringEndpoints.length !== Math.floor((n + 8) / 10)) throw new Error(`bench: ${p.lingeringEndpoints.length} lingering endpoints for ${n} sockets`);
}

/** Time `batch` additional binds on top of the table, `rounds` times (sockets closed again after each round): wall
 * and CPU ns per bind of each round. */
function timeBinds(p: WskProvider, template: Uint8Array, irp: Uint8Array, batch: number, rounds: number, order: AddressOrder): [number[], number[]] {
  const out: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const socks: number[] = [];
    const addrs: Uint8Array[] = [];
    for (let i = 0; i < batch; i++) {
      socks.push(p.wskSocket(LISTEN).socket);
      addrs.push(address(template, 11, r * batch + i, order));
    }
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) {
      const st = p.wskBind(socks[i]!, addrs[i], 0, irp);
      if (st !== STATUS.STATUS_SUCCESS) throw new Error(`bench: bind returned 0x${st.toString(16)} (${p.reason.rule})`);
    }
    out.push(since(t0) / batch);
    const c = process.cpuUsage(c0);
    cpu.push(((c.user + c.system) * 1000) / batch);
    for (const s of socks) p.wskCloseSocket(s, irp);
  }
  return [out, cpu];
}

function point(n: number, batch: number, rounds: number, order: AddressOrder, connections: boolean): BindPoint {
  const template = encodeSockaddrText('10.0.0.0:5150');
  if (template === null) throw new Error('bench: cannot encode the template address');
  collect();
  const m0 = process.memoryUsage();
  const p = new WskProvider({ arch: 'x64' });
  const irp = new Uint8Array(p.layout.sizeofIrp);
  const t0 = process.hrtime.bigint();
  fill(p, n, template, irp, order, connections);
  const fillNs = since(t0) / n;
  collect();
  const m1 = process.memoryUsage();
  const load = load1();
  const [times, cpu] = timeBinds(p, template, irp, batch, rounds, order);
  const gc = canCollect();
  const result: BindPoint = {
    bound: n,
    nsPerBind: median(times),
    roundsNs: times,
    cpuNsPerBind: median(cpu),
    fillNsPerSocket: fillNs,
    heapBytesPerSocket: gc ? (m1.heapUsed - m0.heapUsed) / n : null,
    arrayBufferBytesPerSocket: gc ? (m1.arrayBuffers - m0.arrayBuffers) / n : null,
    rssBytesPerSocket: (m1.rss - m0.rss) / n,
    load: Math.max(load, load1()),
  };
  if (p.inspect(1) === undefined) throw new Error('bench: provider lost its sockets'); // keeps p alive until measured
  return result;
}

/** Memory per bound socket measured in a fresh process (scripts/ic/bind-memory.js), where RSS is not blurred by earlier sizes. */
export interface FreshMemory {
  readonly sockets: number;
  readonly order: AddressOrder;
  readonly heapBytesPerSocket: number;
  readonly arrayBufferBytesPerSocket: number;
  readonly rssBytesPerSocket: number;
}

/** Fill n sockets in a fresh Node process and return its per-socket heap, off-heap and RSS, or why it could not. */
export function freshProcessMemory(n: number, order: AddressOrder, connections = false): FreshMemory | { readonly skipped: string } {
  const script = join(__dirname, '../../../scripts/ic/bind-memory.js');
  if (!existsSync(script)) return { skipped: `${script} is missing` };
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', script, String(n), order, ...(connections ? ['connections'] : [])], { encoding: 'utf8', env: { ...process.env, D: join(__dirname, '..') } });
  try { return JSON.parse(r.stdout) as FreshMemory; } catch { return { skipped: `bind-memory.js: ${(r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n')[0]}` }; }
}

/**
 * Run section (b) for the given table sizes and address order; with `connections`, the table also holds the connection
 * goal's load (fill): half the listeners carry an accepted connection, a tenth a lingering endpoint.
 */
export function benchBind(sizes: readonly number[], batch: number, rounds: number, order: AddressOrder = 'sequential', connections = false): BindResult {
  point(1000, batch, 10, order, connections); // warm-up: JIT the bind and close paths before the first measured size
  // The same batch at every N (never more than N, so "N bound" stays true while timing): the sockets a round binds are
  // created just before it, so a larger batch at larger N would also time their own cache misses, not only N's.
  const points = sizes.map((n) => point(n, Math.min(batch, n), rounds, order, connections));
  return {
    order,
    points,
    scaling: points[points.length - 1]!.nsPerBind / points[0]!.nsPerBind,
    connections,
    note: `TCP listening sockets bound to distinct 10.a.b.c addresses (a.b.c ${order === 'sequential' ? 'in sequence' : 'scattered'}) on ${PORTS} ports${connections ? ', every second one with an accepted connection open and every tenth with an accepted connection closed after a graceful disconnect (a lingering endpoint in TIME_WAIT)' : ''}; timed binds add min(N, ${batch}) sockets per round at 11.a.b.c on the same ports (same buckets), closed after each round; heap per socket = heapUsed delta / N after gc, includes the WskSocket state`,
  };
}
