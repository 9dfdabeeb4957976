/**
 * SOCKADDR_IN / SOCKADDR_IN6 images: text forms encoded exactly as C code fills the structures, and decoding.
 */
import { STRUCTS } from '../../abi/structs';
import { AF } from './names';

/** sizeof(SOCKADDR_IN). */
export const SIZEOF_SOCKADDR_IN = STRUCTS.SOCKADDR_IN.size;
/** sizeof(SOCKADDR_IN6). */
export const SIZEOF_SOCKADDR_IN6 = STRUCTS.SOCKADDR_IN6.size;

/** A decoded transport address. */
export interface TransportAddress {
  readonly family: number;
  readonly port: number;
  /** 4 bytes (IPv4) or 16 bytes (IPv6), network order. */
  readonly addr: Uint8Array;
  readonly scopeId: number;
  readonly flowInfo: number;
}

function parseIpv4(s: string): number[] | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    out.push(n);
  }
  return out;
}

function parseIpv6(s: string): number[] | null {
  let text = s;
  const lastColon = text.lastIndexOf(':');
  if (lastColon >= 0 && text.slice(lastColon + 1).includes('.')) {
    const v4 = parseIpv4(text.slice(lastColon + 1));
    if (!v4) return null;
    text = `${text.slice(0, lastColon + 1)}${((v4[0]! << 8) | v4[1]!).toString(16)}:${((v4[2]! << 8) | v4[3]!).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groups = (h: string): number[] | null => {
    if (h === '') return [];
    const out: number[] = [];
    for (const g of h.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !rest) return null;
  const want = 8;
  const fill = want - head.length - rest.length;
  if (halves.length === 1 ? fill !== 0 : fill < 1) return null;
  const words = [...head, ...new Array<number>(Math.max(0, fill)).fill(0), ...rest];
  const bytes: number[] = [];
  for (const w of words) bytes.push(w >> 8, w & 0xff);
  return bytes;
}

/**
 * Encode a text address ("127.0.0.1:5150", "[::]:5150", "[fe80::1%4]:5150") as the SOCKADDR_IN or SOCKADDR_IN6
 * image C code would build: family little-endian, port and address in network order, padding zeroed.
 * Returns null when the text is not such an address.
 */
export function encodeSockaddrText(text: string): Buffer | null {
  const m6 = /^\[([^\]%]+)(?:%(\d+))?\]:(\d{1,5})$/.exec(text);
  if (m6) {
    const addr = parseIpv6(m6[1]!);
    const port = Number(m6[3]);
    const scope = m6[2] === undefined ? 0 : Number(m6[2]);
    if (!addr || port > 65535 || scope > 0xffffffff) return null;
    const b = Buffer.alloc(SIZEOF_SOCKADDR_IN6);
    b.writeUInt16LE(AF.AF_INET6, 0);
    b.writeUInt16BE(port, 2);
    b.set(addr, 8);
    b.writeUInt32LE(scope, 24);
    return b;
  }
  const m4 = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/.exec(text);
  if (m4) {
    const addr = parseIpv4(m4[1]!);
    const port = Number(m4[2]);
    if (!addr || port > 65535) return null;
    const b = Buffer.alloc(SIZEOF_SOCKADDR_IN);
    b.writeUInt16LE(AF.AF_INET, 0);
    b.writeUInt16BE(port, 2);
    b.set(addr, 4);
    return b;
  }
  return null;
}

/** Decode a SOCKADDR_IN/SOCKADDR_IN6 image whose family and length were already validated. */
export function decodeSockaddr(b: Uint8Array): TransportAddress {
  const family = b[0]! | (b[1]! << 8);
  const port = (b[2]! << 8) | b[3]!;
  if (family === AF.AF_INET6) {
    return {
      family, port, addr: b.slice(8, 24),
      flowInfo: ((b[4]! << 24) | (b[5]! << 16) | (b[6]! << 8) | b[7]!) >>> 0,
      scopeId: (b[24]! | (b[25]! << 8) | (b[26]! << 16) | (b[27]! << 24)) >>> 0,
    };
  }
  return { family, port, addr: b.slice(4, 8), flowInfo: 0, scopeId: 0 };
}

/** Text form of a transport address, as accepted by encodeSockaddrText. */
export function formatAddress(a: TransportAddress): string {
  if (a.family === AF.AF_INET) return `${Array.from(a.addr).join('.')}:${a.port}`;
  const words: string[] = [];
  for (let i = 0; i < 16; i += 2) words.push(((a.addr[i]! << 8) | a.addr[i + 1]!).toString(16));
  // Compress the longest run of zero groups.
  let best = -1, bestLen = 0;
  for (let i = 0; i < 8;) {
    if (words[i] !== '0') { i++; continue; }
    let j = i;
    while (j < 8 && words[j] === '0') j++;
    if (j - i > bestLen && j - i > 1) { best = i; bestLen = j - i; }
    i = j;
  }
  let text = best < 0 ? words.join(':') : `${words.slice(0, best).join(':')}::${words.slice(best + bestLen).join(':')}`;
  if (a.addr.subarray(0, 10).every((x) => x === 0) && a.addr[10] === 0xff && a.addr[11] === 0xff) {
    text = `::ffff:${Array.from(a.addr.subarray(12)).join('.')}`;
  }
  return `[${text}${a.scopeId ? `%${a.scopeId}` : ''}]:${a.port}`;
}
