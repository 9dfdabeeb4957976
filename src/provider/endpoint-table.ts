/**
 * The simulated machine's bound transport addresses, bucketed by (stack, transport, port) integer keys.
 */
import { AF } from '../codec/names';
import type { TransportAddress } from '../codec/sockaddr';
import type { SimSocket } from './socket';

/** Transport of a binding: TCP (stream sockets), UDP (datagram sockets). */
export const TRANSPORT_TCP = 0;
export const TRANSPORT_UDP = 1;

/** Bucket key of a (family, transport, port) triple. */
export function endpointKey(family: number, transport: number, port: number): number {
  return ((family === AF.AF_INET6 ? 1 : 0) * 2 + transport) * 65536 + port;
}

/** True when the address is its family's wildcard (0.0.0.0 or ::). */
export function isWildcard(a: TransportAddress): boolean {
  const b = a.addr;
  for (let i = 0; i < b.length; i++) if (b[i] !== 0) return false;
  return true;
}

/** True when two addresses of one family are byte-equal. */
export function sameAddress(a: TransportAddress, b: TransportAddress): boolean {
  if (a.addr.length !== b.addr.length) return false;
  for (let i = 0; i < a.addr.length; i++) if (a.addr[i] !== b.addr[i]) return false;
  return true;
}

/** True when two bindings on one stack, transport and port overlap: equal addresses or either is the wildcard. */
export function overlaps(a: TransportAddress, b: TransportAddress): boolean {
  return sameAddress(a, b) || isWildcard(a) || isWildcard(b);
}

/** First and last port of the dynamic range used for port 0 (POLICY.md "Bind"). */
export const DYNAMIC_PORT_FIRST = 49152;
export const DYNAMIC_PORT_LAST = 65535;

/** Bound sockets per endpoint bucket. */
export class EndpointTable {
  private readonly buckets = new Map<number, SimSocket[]>();
  private count = 0;

  /** Sockets bound in a bucket (an empty array when none). */
  at(key: number): readonly SimSocket[] {
    return this.buckets.get(key) ?? EMPTY;
  }

  /** Register a bound socket in a bucket. */
  add(key: number, s: SimSocket): void {
    const list = this.buckets.get(key);
    if (list) list.push(s);
    else this.buckets.set(key, [s]);
    this.count++;
  }

  /** Remove a socket from a bucket. */
  remove(key: number, s: SimSocket): void {
    const list = this.buckets.get(key);
    if (!list) return;
    const i = list.indexOf(s);
    if (i < 0) return;
    list.splice(i, 1);
    this.count--;
    if (list.length === 0) this.buckets.delete(key);
  }

  /** Number of registered bindings. */
  get size(): number {
    return this.count;
  }
}

const EMPTY: readonly SimSocket[] = Object.freeze([]);
