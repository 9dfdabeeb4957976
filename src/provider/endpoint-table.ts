/**
 * The simulated machine's bound transport addresses. Bindings are hashed by (stack, transport, port) into port
 * buckets. Inside a bucket, wildcard bindings form one chain and specific bindings a second chain (both doubly
 * linked, bind order) plus a table of their addresses (src/provider/addr-table.ts), so a specific bind finds its
 * equals without scanning. Each
 * chain also keeps its *sharing classes*: bindings with the same table kind, owner and descriptor decide a new bind
 * identically, so a bind judges one representative (the earliest-bound member) per class instead of every member.
 * Links are intrusive (fields of SimSocket): registering a binding allocates nothing once its bucket, address slot
 * and class exist.
 *
 * Design note: what must stay O(1), and why. A bind's cost must not grow with the number of bindings on the machine
 * (the fuzzer, the bind benchmark and long-running harnesses hold tens of thousands): finding the port bucket (a map
 * by port), finding the specific bindings equal to an address (the address table), judging a port's wildcard chain
 * (one representative per sharing class; classes are bounded by kinds x owners x descriptors, not by bindings),
 * registering a binding (tail append, class count) and unlinking one (doubly linked chains) are O(1) per stack.
 * Allowed to be linear, and only in what they walk: the bindings sharing one exact address (judged in bind order until
 * the first refusal, appended at that chain's end), the members passed over when a class's earliest member leaves
 * (the next member of that class in the chain takes over), and the port-0 search (amortised by the free hints).
 * Connections add nothing to a bind's cost (src/provider/connections.ts): accepted sockets and lingering endpoints are
 * never registered here, and a closed exclusive listener that still holds its port stays registered as the ordinary
 * binding it was, judged like any other. Routing an incoming connection walks only the bindings of its port bucket
 * that share its address, then the wildcard chain, up to the first listening socket.
 */
import { AddrTable } from './addr-table';
import { HANDLE_SLOT_MASK, STACK_V4, type SimSocket } from './socket';

/** Transport of a binding: TCP (stream sockets), UDP (datagram sockets). */
export const TRANSPORT_TCP = 0;
export const TRANSPORT_UDP = 1;

/** First and last port of the dynamic range used for port 0 (POLICY.md "Bind"). */
export const DYNAMIC_PORT_FIRST = 49152;
export const DYNAMIC_PORT_LAST = 65535;

/** Bindings of one chain that decide every bind alike: same kind, owner and descriptor; `first` = earliest bound. */
export class ShareClass {
  constructor(readonly kind: number, readonly owner: string, readonly sd: number, public first: SimSocket, public count: number) {}
}

/** Bindings of one (stack, transport, port). Buckets are kept once created (at most 4 x 65536). */
export class PortBucket {
  /** Number of bindings in the bucket. */
  total = 0;
  /** Wildcard bindings, bind order. */
  wildHead: SimSocket | null = null;
  wildTail: SimSocket | null = null;
  /** All specific bindings, bind order. */
  specHead: SimSocket | null = null;
  specTail: SimSocket | null = null;
  /** Address -> handle of the first specific binding with that address (the others chained through addrNext, bind order). */
  addrs: AddrTable | null = null;
  /** Sharing classes of the wildcard chain and of the specific chain. */
  wildClasses: ShareClass[] | null = null;
  specClasses: ShareClass[] | null = null;
}

/** A remembered port-0 search position for one specific address: ports below `port` are not free for it. */
class PortHint {
  constructor(public w0: number, public w1: number, public w2: number, public w3: number, public port: number, public epoch: number) {}
}

/** Buckets and port-0 search state of one (stack, transport). */
class StackSlot {
  readonly buckets = new Map<number, PortBucket>();
  /** Every port of the dynamic range below this one has at least one binding (lower bound, kept on release). */
  freeHint = DYNAMIC_PORT_FIRST;
  /** Bumped on every release: invalidates the per-address hints. */
  epoch = 0;
  /** Created on the first port-0 bind of the stack. */
  hints: Map<number, PortHint> | null = null;
}

/** Hash of a binding's address on a stack (the IPv4 address itself; a mix of the four IPv6 words), for port hints. */
export function addrHash(s: SimSocket, stack: number): number {
  if (stack === STACK_V4) return s.v4Addr;
  let h = Math.imul(s.w0 ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ s.w1 ^ (h >>> 13), 0xc2b2ae35);
  h = Math.imul(h ^ s.w2 ^ (h >>> 16), 0x85ebca6b);
  return (h ^ s.w3 ^ (h >>> 13)) | 0;
}

/** The sharing-table kind index of a socket's side on a stack. */
export function kindOn(s: SimSocket, stack: number): number {
  return stack === STACK_V4 ? s.kind4 : s.kind6;
}

/** True when a socket's side on a stack is that stack's wildcard. */
export function isWildSide(s: SimSocket, stack: number): boolean {
  return (kindOn(s, stack) & 1) === 0;
}

/** The next specific binding with the same address on a stack (bind order). */
export function addrNextOn(s: SimSocket, stack: number): SimSocket | null {
  return stack === STACK_V4 ? s.addrNext4 : s.addrNext6;
}

/** The handle an address table holds for a socket's address on a stack, or 0. */
function getSide(t: AddrTable, s: SimSocket, stack: number): number {
  return stack === STACK_V4 ? t.get(s.v4Addr, 0, 0, 0) : t.get(s.w0, s.w1, s.w2, s.w3);
}

/** Store a socket's handle for its address on a stack unless held: 0, or the holder's handle (AddrTable.add). */
function addSide(t: AddrTable, s: SimSocket, stack: number): number {
  return stack === STACK_V4 ? t.add(s.v4Addr, 0, 0, 0, s.handle) : t.add(s.w0, s.w1, s.w2, s.w3, s.handle);
}

/** Replace the handle held for a socket's address on a stack (`next`), or remove the address (null). */
function replaceSide(t: AddrTable, s: SimSocket, stack: number, next: SimSocket | null): void {
  if (next !== null) { if (stack === STACK_V4) t.replace(s.v4Addr, 0, 0, 0, next.handle); else t.replace(s.w0, s.w1, s.w2, s.w3, next.handle); }
  else if (stack === STACK_V4) t.remove(s.v4Addr, 0, 0, 0); else t.remove(s.w0, s.w1, s.w2, s.w3);
}

function chainNextOn(s: SimSocket, stack: number): SimSocket | null {
  return stack === STACK_V4 ? s.chainNext4 : s.chainNext6;
}

function chainPrevOn(s: SimSocket, stack: number): SimSocket | null {
  return stack === STACK_V4 ? s.chainPrev4 : s.chainPrev6;
}

function setChain(s: SimSocket, stack: number, prev: SimSocket | null, next: SimSocket | null): void {
  if (stack === STACK_V4) { s.chainPrev4 = prev; s.chainNext4 = next; } else { s.chainPrev6 = prev; s.chainNext6 = next; }
}

function setChainNext(s: SimSocket, stack: number, next: SimSocket | null): void {
  if (stack === STACK_V4) s.chainNext4 = next; else s.chainNext6 = next;
}

function setChainPrev(s: SimSocket, stack: number, prev: SimSocket | null): void {
  if (stack === STACK_V4) s.chainPrev4 = prev; else s.chainPrev6 = prev;
}

function setAddrNext(s: SimSocket, stack: number, n: SimSocket | null): void {
  if (stack === STACK_V4) s.addrNext4 = n; else s.addrNext6 = n;
}

function sameClass(c: ShareClass, s: SimSocket, stack: number): boolean {
  return c.kind === kindOn(s, stack) && c.owner === s.owner && c.sd === s.boundSd;
}

/** Bound sockets of one provider, by (stack, transport, port). */
export class EndpointTable {
  private readonly slots: (StackSlot | undefined)[] = [undefined, undefined, undefined, undefined];
  private count = 0;

  /**
   * Closed sockets whose binding stays registered after their handle slot was freed (a closed exclusive listener's
   * reservation), by the handle they had; created on first use.
   */
  private closed: Map<number, SimSocket> | null = null;

  /** A table resolving handles through the provider's socket array, indexed by handle slot (which it only reads). */
  constructor(private readonly sockets: readonly (SimSocket | undefined)[]) {}

  /** The socket a registered handle names: the live one in its slot, or a closed one kept registered. */
  private resolve(h: number): SimSocket {
    const s = this.sockets[h & HANDLE_SLOT_MASK];
    return s !== undefined && s.handle === h ? s : this.closed!.get(h)!;
  }

  /** Keep a closed socket's binding registered after its handle slot is freed (until forgetClosed). */
  keepClosed(s: SimSocket): void {
    (this.closed ??= new Map()).set(s.handle, s);
  }

  /** The closed socket kept registered under a handle, or undefined. */
  closedSocket(h: number): SimSocket | undefined {
    return this.closed?.get(h);
  }

  /** Remove a closed socket kept by keepClosed, with its binding. */
  forgetClosed(s: SimSocket): void {
    this.remove(s);
    this.closed?.delete(s.handle);
  }

  private slot(stack: number, transport: number): StackSlot {
    const i = stack * 2 + transport;
    return (this.slots[i] ??= new StackSlot());
  }

  /** The bucket of (stack, transport, port), or undefined when nothing was ever bound there. */
  bucket(stack: number, transport: number, port: number): PortBucket | undefined {
    return this.slots[stack * 2 + transport]?.buckets.get(port);
  }

  /** Register every side of a bound socket (its onV4/onV6, port, transport, address, kinds and boundSd are set). */
  add(s: SimSocket): void {
    if (s.onV4) this.addSide(s, STACK_V4);
    if (s.onV6) this.addSide(s, 1);
  }

  /** Remove every side of a socket registered by add(). */
  remove(s: SimSocket): void {
    if (s.onV4) this.removeSide(s, STACK_V4);
    if (s.onV6) this.removeSide(s, 1);
  }

  private addSide(s: SimSocket, stack: number): void {
    const slot = this.slot(stack, s.transport);
    let b = slot.buckets.get(s.port);
    if (b === undefined) { b = new PortBucket(); slot.buckets.set(s.port, b); }
    setAddrNext(s, stack, null);
    if (isWildSide(s, stack)) {
      setChain(s, stack, b.wildTail, null);
      if (b.wildTail === null) b.wildHead = s; else setChainNext(b.wildTail, stack, s);
      b.wildTail = s;
      addToClass((b.wildClasses ??= []), s, stack);
    } else {
      setChain(s, stack, b.specTail, null);
      if (b.specTail === null) b.specHead = s; else setChainNext(b.specTail, stack, s);
      b.specTail = s;
      addToClass((b.specClasses ??= []), s, stack);
      const t = (b.addrs ??= new AddrTable(stack === STACK_V4 ? 1 : 4));
      const head = addSide(t, s, stack);
      if (head !== 0) {
        let last = this.resolve(head);
        for (let n = addrNextOn(last, stack); n !== null; n = addrNextOn(last, stack)) last = n;
        setAddrNext(last, stack, s);
      }
    }
    b.total++;
    this.count++;
  }

  private removeSide(s: SimSocket, stack: number): void {
    const slot = this.slot(stack, s.transport);
    const b = slot.buckets.get(s.port);
    if (b === undefined) return;
    const wild = isWildSide(s, stack);
    removeFromClass(wild ? b.wildClasses! : b.specClasses!, s, stack);
    const prev = chainPrevOn(s, stack);
    const next = chainNextOn(s, stack);
    if (prev === null) { if (wild) b.wildHead = next; else b.specHead = next; } else setChainNext(prev, stack, next);
    if (next === null) { if (wild) b.wildTail = prev; else b.specTail = prev; } else setChainPrev(next, stack, prev);
    setChain(s, stack, null, null);
    if (!wild) {
      const t = b.addrs!;
      const head = getSide(t, s, stack);
      const next = addrNextOn(s, stack);
      if (head === s.handle) replaceSide(t, s, stack, next);
      else for (let p = this.resolve(head); ; p = addrNextOn(p, stack)!) {
        if (addrNextOn(p, stack) === s) { setAddrNext(p, stack, next); break; }
      }
      setAddrNext(s, stack, null);
    }
    b.total--;
    this.count--;
    slot.epoch++;
    if (b.total === 0 && s.port < slot.freeHint && s.port >= DYNAMIC_PORT_FIRST) slot.freeHint = s.port;
  }

  /** True when a candidate's side on a stack overlaps no binding at `port`. */
  isFree(s: SimSocket, stack: number, transport: number, port: number): boolean {
    const b = this.slots[stack * 2 + transport]?.buckets.get(port);
    if (b === undefined || b.total === 0) return true;
    if (isWildSide(s, stack) || b.wildHead !== null) return false;
    return b.addrs === null || getSide(b.addrs, s, stack) === 0;
  }

  /** The earliest specific binding of a bucket with an address (words as SimSocket keeps them; IPv4 in w0), or null. */
  firstWithWords(b: PortBucket, stack: number, w0: number, w1: number, w2: number, w3: number): SimSocket | null {
    if (b.addrs === null) return null;
    const h = stack === STACK_V4 ? b.addrs.get(w0, 0, 0, 0) : b.addrs.get(w0, w1, w2, w3);
    return h === 0 ? null : this.resolve(h);
  }

  /** The earliest specific binding of a bucket with the candidate's address on a stack, or null. */
  firstWithAddr(b: PortBucket, s: SimSocket, stack: number): SimSocket | null {
    if (b.addrs === null) return null;
    const h = getSide(b.addrs, s, stack);
    return h === 0 ? null : this.resolve(h);
  }

  /**
   * Lowest port of the dynamic range free on every side the candidate occupies (onV4/onV6 set), or -1
   * (policy bind-port-zero, port-zero-sides). Amortised O(1) while nothing is released: a wildcard search resumes
   * at the stack's free hint, a specific search at its address's hint.
   */
  freePort(s: SimSocket, transport: number): number {
    const single = s.onV4 !== s.onV6;
    let start = DYNAMIC_PORT_FIRST;
    for (let stack = 0; stack < 2; stack++) {
      if (stack === STACK_V4 ? !s.onV4 : !s.onV6) continue;
      const slot = this.slot(stack, transport);
      const low = isWildSide(s, stack) ? slot.freeHint : this.addrHint(slot, s, stack);
      if (low > start) start = low;
    }
    for (let port = start; port <= DYNAMIC_PORT_LAST; port++) {
      if (s.onV4 && !this.isFree(s, STACK_V4, transport, port)) continue;
      if (s.onV6 && !this.isFree(s, 1, transport, port)) continue;
      if (single) {
        const stack = s.onV4 ? STACK_V4 : 1;
        const slot = this.slot(stack, transport);
        if (isWildSide(s, stack)) { if (slot.freeHint <= port) slot.freeHint = port; } else this.setAddrHint(slot, s, stack, port);
      }
      return port;
    }
    return -1;
  }

  private addrHint(slot: StackSlot, s: SimSocket, stack: number): number {
    const h = slot.hints?.get(addrHash(s, stack));
    if (h === undefined || h.epoch !== slot.epoch) return DYNAMIC_PORT_FIRST;
    const same = stack === STACK_V4 ? h.w0 === s.v4Addr : h.w0 === s.w0 && h.w1 === s.w1 && h.w2 === s.w2 && h.w3 === s.w3;
    return same ? h.port : DYNAMIC_PORT_FIRST;
  }

  private setAddrHint(slot: StackSlot, s: SimSocket, stack: number, port: number): void {
    const key = addrHash(s, stack);
    const w0 = stack === STACK_V4 ? s.v4Addr : s.w0;
    const h = slot.hints?.get(key);
    if (h === undefined) { (slot.hints ??= new Map()).set(key, new PortHint(w0, s.w1, s.w2, s.w3, port, slot.epoch)); return; }
    h.w0 = w0; h.w1 = s.w1; h.w2 = s.w2; h.w3 = s.w3; h.port = port; h.epoch = slot.epoch;
  }

  /** Number of registered bindings (a dual-stack socket with an IPv4 side counts twice). */
  get size(): number {
    return this.count;
  }
}

function addToClass(classes: ShareClass[], s: SimSocket, stack: number): void {
  for (let i = 0; i < classes.length; i++) {
    const c = classes[i]!;
    if (sameClass(c, s, stack)) { c.count++; return; }
  }
  classes.push(new ShareClass(kindOn(s, stack), s.owner, s.boundSd, s, 1));
}

/** Remove a member; when it was the class's earliest, the next member along the chain (bind order) takes over. */
function removeFromClass(classes: ShareClass[], s: SimSocket, stack: number): void {
  for (let i = 0; i < classes.length; i++) {
    const c = classes[i]!;
    if (!sameClass(c, s, stack)) continue;
    if (--c.count === 0) {
      classes[i] = classes[classes.length - 1]!;
      classes.pop();
    } else if (c.first === s) {
      let n = chainNextOn(s, stack);
      while (n !== null && !sameClass(c, n, stack)) n = chainNextOn(n, stack);
      c.first = n!;
    }
    return;
  }
}
