/**
 * A deliberately simpler model of address sharing than the provider's tables: it only knows which (stack,
 * transport, port, address) each bound socket claims and whether the claim is exclusive. Used by the anti-hijack
 * invariant and the model-based tests. It never says which status a conflicting bind gets; it only says which
 * outcomes are impossible.
 */
import { OPTION_ROWS } from '../../abi/options';
import { BIND_KINDS, SHARING_PROFILES } from '../../abi/sharing-rules';
import type { OptionRow, SharingCell, SharingProfile } from '../../abi/schema';
import { AF, SOCK } from '../codec/names';
import type { TransportAddress } from '../codec/sockaddr';
import { OPTION_STATE_INDEX } from '../provider/socket';

/** What the model needs to know about a bound socket. */
export interface BoundView {
  readonly handle: number;
  readonly owner: string;
  readonly family: number;
  readonly category: string;
  readonly type: number;
  readonly exclusive: boolean;
  /** True when the socket is IPv6 and IPV6_V6ONLY is 0 (only meaningful when the table has an IPV6_V6ONLY row). */
  readonly dualStack: boolean;
  readonly address: TransportAddress;
  /** SO_REUSEADDR when bound (for the sharing-table kind; absent = not set). */
  readonly reuse?: boolean;
  /** Descriptor handle in force when bound (absent or 0 = the default descriptor, which allows no one). */
  readonly sd?: number;
}

/** One stack-level claim of a binding. */
export interface Claim {
  readonly stack: 4 | 6;
  readonly transport: 'tcp' | 'udp';
  readonly port: number;
  /** Address bytes on that stack (4 or 16). */
  readonly addr: ArrayLike<number>;
  readonly wildcard: boolean;
}

/** Whether the option table implements IPV6_V6ONLY (dual-stack binds exist only then). */
export const HAS_V6ONLY_ROW = OPTION_ROWS.some((r: OptionRow) => r.code === 'IPV6_V6ONLY');

/** Transport of a bound socket, or null when it claims no port (raw). */
export function transportOf(category: string, type: number): 'tcp' | 'udp' | null {
  if (category === 'datagram') return type === SOCK.SOCK_DGRAM ? 'udp' : null;
  return type === SOCK.SOCK_STREAM ? 'tcp' : null;
}

function isV4Mapped(a: ArrayLike<number>): boolean {
  if (a.length !== 16) return false;
  for (let i = 0; i < 10; i++) if (a[i] !== 0) return false;
  return a[10] === 0xff && a[11] === 0xff;
}

function allZero(a: ArrayLike<number>): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== 0) return false;
  return true;
}

/** The IPv4 wildcard address. */
const V4_ANY: readonly number[] = Object.freeze([0, 0, 0, 0]);

/**
 * The claims of a binding (POLICY.md "Dual stack"): its own stack; a dual-stack socket also claims the IPv4
 * address of a v4-mapped bind, and the IPv4 wildcard of a `::` bind only when exclusive.
 */
export function claimsOf(b: BoundView): Claim[] {
  const transport = transportOf(b.category, b.type);
  if (transport === null) return [];
  const addr = b.address.addr;
  const port = b.address.port;
  const wildcard = allZero(addr);
  const own: Claim = { stack: b.family === AF.AF_INET6 ? 6 : 4, transport, port, addr, wildcard };
  if (b.family !== AF.AF_INET6 || !b.dualStack) return [own];
  if (isV4Mapped(addr)) {
    const v4 = [addr[12]!, addr[13]!, addr[14]!, addr[15]!];
    return [own, { stack: 4, transport, port, addr: v4, wildcard: allZero(v4) }];
  }
  if (wildcard && b.exclusive) return [own, { stack: 4, transport, port, addr: V4_ANY, wildcard: true }];
  return [own];
}

/** Two claims overlap: same stack, transport and port, and equal addresses or either a wildcard. */
export function claimsOverlap(a: Claim, b: Claim): boolean {
  if (a.stack !== b.stack || a.transport !== b.transport || a.port !== b.port) return false;
  if (a.wildcard || b.wildcard) return true;
  const x = a.addr;
  const y = b.addr;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** Whether some claim of `ca` overlaps some claim of `cb`. */
function anyOverlap(ca: readonly Claim[], cb: readonly Claim[]): boolean {
  for (let i = 0; i < ca.length; i++) for (let j = 0; j < cb.length; j++) if (claimsOverlap(ca[i]!, cb[j]!)) return true;
  return false;
}

/** Whether any claim of one binding overlaps any claim of another. */
export function bindingsOverlap(a: BoundView, b: BoundView): boolean {
  return anyOverlap(claimsOf(a), claimsOf(b));
}

/**
 * Anti-hijack: a bind that succeeded must not overlap a live binding held with SO_EXCLUSIVEADDRUSE by another
 * owner, except where every sharing table allows it: the holder bound a specific address and the newcomer a
 * non-exclusive wildcard (it is then bound to "all but" that address). Returns the offending holder, or null.
 */
export function hijackedHolder(candidate: BoundView, live: readonly BoundView[]): BoundView | null {
  const cc = claimsOf(candidate);
  for (const h of live) {
    if (h.handle === candidate.handle || !h.exclusive || h.owner === candidate.owner) continue;
    for (const hc of claimsOf(h)) {
      for (const c of cc) {
        if (!claimsOverlap(hc, c)) continue;
        const allowed = !hc.wildcard && c.wildcard && !candidate.exclusive;
        if (!allowed) return h;
      }
    }
  }
  return null;
}

/** Whether a socket's option slots have SO_EXCLUSIVEADDRUSE enabled. */
export function exclusiveOf(options: ArrayLike<number>): boolean {
  return options[OPTION_STATE_INDEX.exclusiveAddrUse] !== 0;
}

/** The exclusive-use and dual-stack flags of a socket's option slots. */
export function sharingFlags(family: number, options: ArrayLike<number>): { exclusive: boolean; dualStack: boolean } {
  return {
    exclusive: exclusiveOf(options),
    dualStack: HAS_V6ONLY_ROW && family === AF.AF_INET6 && options[OPTION_STATE_INDEX.ipv6Only] === 0,
  };
}

/** Claims that over-approximate a binding: a dual-stack `::` is taken to claim the IPv4 wildcard whatever its options. */
export function broadClaims(b: BoundView): Claim[] {
  const c = claimsOf(b);
  if (b.family === AF.AF_INET6 && b.dualStack && c.length === 1 && c[0]!.wildcard) c.push({ ...c[0]!, stack: 4, addr: V4_ANY });
  return c;
}

/** Whether two bindings may overlap under the over-approximating claims. */
export function mayOverlap(a: BoundView, b: BoundView): boolean {
  return anyOverlap(broadClaims(a), broadClaims(b));
}

/** Index of a binding's kind on one of its claims in BIND_KINDS (D/R/E x W/S) from its options when bound. */
export function kindOf(b: BoundView, c: Claim): number {
  const mode = b.exclusive ? 2 : b.reuse === true ? 1 : 0;
  return mode * 2 + (c.wildcard ? 0 : 1);
}

const CELLS = new Map<string, (SharingCell | undefined)[]>();

/** The cell of a profile's table (abi/sharing-rules.ts, read directly) for a bind of kind `second` over `first`. */
export function tableCell(profile: SharingProfile['name'], first: number, second: number, ownersDiffer: boolean): SharingCell {
  let cells = CELLS.get(profile);
  if (cells === undefined) {
    cells = [];
    const pr = SHARING_PROFILES[profile];
    const put = (c: SharingCell): void => {
      const f = BIND_KINDS.indexOf(c.first);
      const x = BIND_KINDS.indexOf(c.second);
      if (c.owners !== 'different') cells![(f * 6 + x) * 2] = c;
      if (c.owners !== 'same') cells![(f * 6 + x) * 2 + 1] = c;
    };
    for (const t of pr.tables) for (const c of t.cells) put(c);
    for (const c of pr.overrides) put(c);
    CELLS.set(profile, cells);
  }
  return cells[(first * 6 + second) * 2 + (ownersDiffer ? 1 : 0)]!;
}

/** Whether a cell id names a CHECK cell of the profile (its outcome depends on the first binding's descriptor). */
export function isCheckCell(profile: SharingProfile['name'], id: string): boolean {
  let ids = CHECK_IDS.get(profile);
  if (ids === undefined) {
    const pr = SHARING_PROFILES[profile];
    // A table cell's outcome wins over an override with the same id, as the search in table order found it.
    const first = new Map<string, boolean>();
    for (const t of pr.tables) for (const c of t.cells) if (!first.has(c.id)) first.set(c.id, c.outcome === 'CHECK');
    ids = new Set([...first].filter(([, check]) => check).map(([id]) => id));
    for (const c of pr.overrides) if (!first.has(c.id) && c.outcome === 'CHECK') ids.add(c.id);
    CHECK_IDS.set(profile, ids);
  }
  return ids.has(id);
}

const CHECK_IDS = new Map<string, Set<string>>();

const CHECK_FIRST = new Map<string, number>();

/** Bit mask of the BIND_KINDS indices that are the first binding of some CHECK cell of the profile (0: no CHECK cell). */
export function checkFirstKinds(profile: SharingProfile['name']): number {
  let m = CHECK_FIRST.get(profile);
  if (m === undefined) {
    m = 0;
    const pr = SHARING_PROFILES[profile];
    for (const c of [...pr.tables.flatMap((t) => t.cells), ...pr.overrides]) if (c.outcome === 'CHECK') m |= 1 << BIND_KINDS.indexOf(c.first);
    CHECK_FIRST.set(profile, m);
  }
  return m;
}

/** One overlap of a candidate binding with a live one, and the table cell that judges it. */
export interface CellJudgement {
  readonly holder: BoundView;
  readonly cell: SharingCell;
}

/** Every (live binding, cell) pair that judges a candidate: one per overlapping claim pair, holders in `live` order. */
export function judgements(profile: SharingProfile['name'], candidate: BoundView, live: readonly BoundView[]): CellJudgement[] {
  const out: CellJudgement[] = [];
  const cc = claimsOf(candidate);
  for (const h of live) {
    if (h.handle === candidate.handle) continue;
    for (const hc of claimsOf(h)) {
      for (const c of cc) {
        if (!claimsOverlap(hc, c)) continue;
        out.push({ holder: h, cell: tableCell(profile, kindOf(h, hc), kindOf(candidate, c), h.owner !== candidate.owner) });
      }
    }
  }
  return out;
}

/**
 * What the tables say of a bind (the first refusal in bind order decides; a CHECK cell refuses unless the holder's
 * descriptor allows the candidate's owner): 'SUCCESS', or the refusing outcome and holder. `allows` answers null for
 * a descriptor the caller does not know (the verdict is then null: undecidable here).
 */
export function tablesVerdict(
  profile: SharingProfile['name'], candidate: BoundView, liveInBindOrder: readonly BoundView[], allows: (sd: number, owner: string) => boolean | null,
): { readonly outcome: 'SUCCESS' | 'INUSE' | 'DENIED'; readonly holder: BoundView | null } | null {
  for (const j of judgements(profile, candidate, liveInBindOrder)) {
    let o = j.cell.outcome;
    if (o === 'CHECK') {
      const a = allows(j.holder.sd ?? 0, candidate.owner);
      if (a === null) return null;
      o = a ? 'SUCCESS' : 'DENIED';
    }
    if (o !== 'SUCCESS') return { outcome: o, holder: j.holder };
  }
  return { outcome: 'SUCCESS', holder: null };
}
