/**
 * Section (f): socket churn. Rounds of WskSocket, WskBind and WskCloseSocket on a batch of sockets, with the
 * process's memory after a forced gc sampled along the way: the provider's memory must stay flat (policy
 * socket-handle-reuse: a closed socket's slot is reused).
 */
import { AF, SOCK, STATUS, WSK_FLAG } from '../codec/names';
import { encodeSockaddrText } from '../codec/sockaddr';
import { WskProvider } from '../provider/provider';
import { canCollect, collect, load1, since } from './harness';

/** Memory after a forced gc, at the end of a round. */
export interface ChurnSample {
  readonly round: number;
  readonly heapUsed: number;
  readonly arrayBuffers: number;
  readonly rss: number;
}

/** Result of section (f). */
export interface ChurnResult {
  readonly socketsPerRound: number;
  readonly rounds: number;
  readonly samples: readonly ChurnSample[];
  /** Growth from the first sample (after the warm-up rounds) to the last, per created and closed socket (null without --expose-gc). */
  readonly heapBytesPerPair: number | null;
  readonly arrayBufferBytesPerPair: number | null;
  readonly rssBytesPerPair: number | null;
  /** Socket slots the provider holds at the end (live sockets are 0 then). */
  readonly slots: number;
  /** ns per create + bind + close. */
  readonly nsPerPair: number;
  readonly load: number;
}

/** The constructor the section runs against (another build's WskProvider may be passed, for before/after figures). */
type ProviderClass = new (o: { arch: 'x64' }) => Pick<WskProvider, 'wskSocket' | 'wskBind' | 'wskCloseSocket' | 'reason'> & { readonly sockets: readonly unknown[] };

const LISTEN = { family: AF.AF_INET!, type: SOCK.SOCK_STREAM!, protocol: 6, flags: WSK_FLAG.WSK_FLAG_LISTEN_SOCKET! };

/** Run `rounds` rounds of `perRound` sockets created, bound to distinct 10.a.b.c:5150 addresses and closed. */
export function benchChurn(perRound: number, rounds: number, Provider: ProviderClass = WskProvider): ChurnResult {
  const warm = Math.max(1, Math.floor(rounds / 10));
  const every = Math.max(1, Math.floor((rounds - warm) / 4));
  const p = new Provider({ arch: 'x64' });
  const irp = new Uint8Array(208);
  const addr = encodeSockaddrText('10.0.0.0:5150')!;
  const handles = new Array<number>(perRound).fill(0);
  const samples: ChurnSample[] = [];
  let load = load1();
  let ns = 0;
  for (let r = 1; r <= rounds; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < perRound; i++) {
      const h = p.wskSocket(LISTEN).socket;
      addr[5] = (i >>> 16) & 0xff; addr[6] = (i >>> 8) & 0xff; addr[7] = i & 0xff;
      const st = p.wskBind(h, addr, 0, irp);
      if (st !== STATUS.STATUS_SUCCESS) throw new Error(`bench: churn bind returned 0x${st.toString(16)} (${p.reason.rule})`);
      handles[i] = h;
    }
    for (let i = 0; i < perRound; i++) p.wskCloseSocket(handles[i]!, irp);
    if (r > warm) ns += since(t0);
    if (r >= warm && (r - warm) % every === 0) {
      collect();
      const m = process.memoryUsage();
      samples.push({ round: r, heapUsed: m.heapUsed, arrayBuffers: m.arrayBuffers, rss: m.rss });
      load = Math.max(load, load1());
    }
  }
  const first = samples[0]!;
  const last = samples[samples.length - 1]!;
  const pairs = (last.round - first.round) * perRound;
  const gc = canCollect() && pairs > 0;
  return {
    socketsPerRound: perRound, rounds, samples,
    heapBytesPerPair: gc ? (last.heapUsed - first.heapUsed) / pairs : null,
    arrayBufferBytesPerPair: gc ? (last.arrayBuffers - first.arrayBuffers) / pairs : null,
    rssBytesPerPair: gc ? (last.rss - first.rss) / pairs : null,
    slots: p.sockets.length,
    nsPerPair: ns / ((rounds - warm) * perRound),
    load,
  };
}
