/**
 * WskBind: the checks of abi/policy.ts BIND_CHECKS, then the sharing decision read from the active profile's
 * compiled table (src/provider/sharing.ts) and registration in the endpoint table. The address is decoded into the
 * socket's own fields; a bind allocates nothing on the inline path once its port bucket exists.
 */
import { POLICY_ENTRIES, type RuleId } from '../../abi/policy';
import type { Citation, PolicyEntry } from '../../abi/schema';
import { AF, SOCK, STATUS } from '../codec/names';
import { SIZEOF_SOCKADDR_IN, SIZEOF_SOCKADDR_IN6 } from '../codec/sockaddr';
import { Listener } from './connections';
import { addrNextOn, kindOn, TRANSPORT_TCP, TRANSPORT_UDP, type ShareClass } from './endpoint-table';
import { bufferArg, sizeArg, ulongArg } from './args';
import type { WskProvider } from './provider';
import { Fault } from './result';
import { kindIndex, OUTCOME_CHECK, OUTCOME_DENIED, OUTCOME_INUSE, OUTCOME_SUCCESS, type CompiledCell } from './sharing';
import { DISPATCH_BITS, OPTION_STATE_INDEX, STACK_V4, STACK_V6, type SimSocket } from './socket';

/** CATEGORY_BIT of every category whose dispatch table has WskBind. */
const BINDABLE = DISPATCH_BITS.get('WskBind') ?? 0;

const EXCL = OPTION_STATE_INDEX.exclusiveAddrUse;
const REUSE = OPTION_STATE_INDEX.reuseAddr;
const V6ONLY = OPTION_STATE_INDEX.ipv6Only;

/** Transport of a bindable socket, or -1 for raw, or -2 when the category does not match the type. */
function transportOf(s: SimSocket): number {
  if (s.category === 'datagram') return s.type === SOCK.SOCK_DGRAM ? TRANSPORT_UDP : s.type === SOCK.SOCK_RAW ? -1 : -2;
  return s.type === SOCK.SOCK_STREAM ? TRANSPORT_TCP : -2;
}

/** Implementation of WskProvider.wskBind (see there for the C prototype). */
export function bindSocket(
  p: WskProvider, socket: number, localAddress: Uint8Array | null | undefined, flags: number,
  irp: Uint8Array | null | undefined, localAddressSize: number | undefined,
): number {
  const fl = ulongArg(flags, 'Flags');
  const addr = bufferArg(localAddress, 'LocalAddress');
  const irpBuf = bufferArg(irp, 'Irp');
  const size = localAddressSize === undefined ? (addr?.length ?? 0) : sizeArg(p.layout, localAddressSize, 'LocalAddress size');

  const s = p.liveSocket(socket);
  if (s === null) return p.fault('socket-live', Fault.InvalidSocket);
  if ((BINDABLE & s.categoryBit) === 0) return p.fault('bind-dispatch', Fault.NotInDispatchTable);
  if (addr !== null && addr.length < size) return p.fault('bind-buffers', Fault.AddressBufferOverrun);
  if (irpBuf !== null && irpBuf.length < p.layout.sizeofIrp) return p.fault('bind-buffers', Fault.IrpOverrun);
  if (s.forcedClosed) return p.fail(irpBuf, STATUS.STATUS_FILE_FORCED_CLOSED, 'not-forced-closed');
  if (irpBuf === null) {
    p.setReason('bind-irp');
    return STATUS.STATUS_INVALID_PARAMETER;
  }
  // bind-rebind is decided at the call in both completion modes: on a bound socket checks 6-9 run now (policy
  // bind-rebind-synchronous); a bind of an unbound socket pends.
  if (p.deferIrps === true && s.bound === false) return p.deferBind(irpBuf, s, addr, size, fl);
  return finishBind(p, s, addr, size, fl, irpBuf);
}

/** Big-endian int32 word of an address image at `off`. */
export function word(b: Uint8Array, off: number): number {
  return (b[off]! << 24) | (b[off + 1]! << 16) | (b[off + 2]! << 8) | b[off + 3]!;
}

/** Decode the SOCKADDR into the socket's fields and decide its sides (policies dual-stack, ipv6-v6only-default). */
function decodeInto(s: SimSocket, a: Uint8Array, transport: number): void {
  const mode = s.options[EXCL] !== 0 ? 2 : s.options[REUSE] !== 0 ? 1 : 0;
  s.transport = transport;
  s.port = (a[2]! << 8) | a[3]!;
  s.onV4 = false;
  s.onV6 = false;
  if (s.family === AF.AF_INET) {
    s.w0 = word(a, 4); s.w1 = 0; s.w2 = 0; s.w3 = 0;
    s.flowInfo = 0; s.scopeId = 0;
    s.v4Addr = s.w0;
    s.kind4 = kindIndex(mode, s.v4Addr !== 0);
    s.onV4 = transport >= 0;
    return;
  }
  s.flowInfo = word(a, 4) >>> 0;
  s.w0 = word(a, 8); s.w1 = word(a, 12); s.w2 = word(a, 16); s.w3 = word(a, 20);
  s.scopeId = (a[24]! | (a[25]! << 8) | (a[26]! << 16) | (a[27]! << 24)) >>> 0;
  const any = (s.w0 | s.w1 | s.w2 | s.w3) === 0;
  s.kind6 = kindIndex(mode, !any);
  s.onV6 = transport >= 0;
  if (transport < 0 || s.options[V6ONLY] !== 0) return;
  if (s.w0 === 0 && s.w1 === 0 && s.w2 === 0x0000ffff) {
    s.onV4 = true;
    s.v4Addr = s.w3;
    s.kind4 = kindIndex(mode, s.w3 !== 0);
  } else if (any && mode === 2) {
    s.onV4 = true;
    s.v4Addr = 0;
    s.kind4 = kindIndex(mode, false);
  }
}

/**
 * @internal The rest of a pending bind, at deliverCompletions: a LocalAddress released meanwhile is a delivery fault
 * (policy pending-buffers-held).
 */
export function deliverBind(p: WskProvider, s: SimSocket, addr: Uint8Array | null, size: number, flags: number, irp: Uint8Array): number {
  return addr !== null && addr.length < size ? Fault.AddressBufferOverrun : finishBind(p, s, addr, size, flags, irp);
}

/** Bind a socket at once, completing no IRP (the bind step of WskSocketConnect); returns the status, reason recorded. */
export function bindNow(p: WskProvider, s: SimSocket, addr: Uint8Array): number {
  return finishBind(p, s, addr, addr.length, 0, null);
}

function finishBind(p: WskProvider, s: SimSocket, addr: Uint8Array | null, size: number, flags: number, irp: Uint8Array | null): number {
  if (flags !== 0) return p.fail(irp, STATUS.STATUS_INVALID_PARAMETER, 'bind-flags');
  const transport = transportOf(s);
  if (transport === -2) return p.fail(irp, STATUS.STATUS_NOT_IMPLEMENTED, 'bind-category-transport');
  const need = s.family === AF.AF_INET6 ? SIZEOF_SOCKADDR_IN6 : SIZEOF_SOCKADDR_IN;
  if (addr === null || size < need || (addr[0]! | (addr[1]! << 8)) !== s.family) {
    const w = p.evidence.bindAddress;
    if (w === null || addr === null) return p.fail(irp, STATUS.STATUS_INVALID_PARAMETER, 'bind-address');
    // policy windows-bind-address-status
    return p.fail(irp, size < 2 ? w.noFamilyField : w.mismatch, w.rule);
  }
  if (s.bound) return p.fail(irp, STATUS.STATUS_ADDRESS_ALREADY_ASSOCIATED, 'bind-rebind');
  if (!isLocalAddress(p, s.family, addr)) return p.fail(irp, STATUS.STATUS_INVALID_ADDRESS_COMPONENT, 'bind-local-address');
  decodeInto(s, addr, transport);
  if (transport === -1) {
    s.bound = true;
    s.forgetFitRow();
    p.setReason('bind-raw');
    if (irp !== null) p.complete(irp, STATUS.STATUS_SUCCESS, 0);
    return STATUS.STATUS_SUCCESS;
  }
  if (s.port === 0) {
    const port = p.endpoints.freePort(s, transport);
    if (port < 0) return refuse(p, s, irp, STATUS.STATUS_TOO_MANY_ADDRESSES, 'bind-port-zero');
    s.port = port;
  }
  // bind-sharing / bind-dual-stack: every overlapping binding on every side must allow; first refusal in bind order.
  resetScan();
  if (s.onV6) scanSide(p, s, STACK_V6, transport);
  if (s.onV4) scanSide(p, s, STACK_V4, transport);
  if (scanRefuser !== null) {
    const cell = scanRefuseCell!;
    const inuse = scanRefuseOutcome === OUTCOME_INUSE;
    const status = inuse ? p.rules.inuseStatus : p.rules.deniedStatus;
    s.onV4 = false;
    s.onV6 = false;
    // policy connection-exclusive-reservation: a closed exclusive listener still registered holds its port
    if (scanRefuser.closing === true && scanRefuser.net instanceof Listener) p.setSharingReason('connection-exclusive-reservation', scanRefuser.handle, RESERVATION_SOURCE, inuse ? p.rules.inuseWsa : p.rules.deniedWsa);
    else p.setSharingReason(cell.id, scanRefuser.handle, cell.source, inuse ? p.rules.inuseWsa : p.rules.deniedWsa);
    if (irp !== null) p.complete(irp, status, 0);
    const r = status;
    resetScan();
    return r;
  }
  s.bound = true;
  s.forgetFitRow();
  s.bindSeq = ++p.bindCounter;
  s.boundSd = s.securityDescriptor;
  p.endpoints.add(s);
  if (scanFirst !== null) p.setSharingReason(scanFirstCell!.id, scanFirst.handle, scanFirstCell!.source, 0);
  else p.setReason('bind-conflict-scope');
  resetScan();
  if (irp !== null) p.complete(irp, STATUS.STATUS_SUCCESS, 0);
  return STATUS.STATUS_SUCCESS;
}

/**
 * Check 9b (policy bind-local-address): a wildcard or loopback address, or any address of a family whose host list was
 * never set, is local; otherwise the address must be in the list (port and scope id not compared). A v4-mapped IPv6
 * address is judged as its IPv4 address.
 */
function isLocalAddress(p: WskProvider, family: number, a: Uint8Array): boolean {
  if (family === AF.AF_INET) return isLocalV4(p, a, 4);
  if (word(a, 8) === 0 && word(a, 12) === 0 && word(a, 16) === 0x0000ffff) return isLocalV4(p, a, 20);
  if (!p.harness.addressListSetV6) return true;
  let any = true;
  for (let i = 8; i < 24; i++) if (a[i] !== 0) { any = false; break; }
  if (any || (word(a, 8) === 0 && word(a, 12) === 0 && word(a, 16) === 0 && word(a, 20) === 1)) return true;
  for (const h of p.harness.hostAddressesV6) if (sameBytes(h, 8, a, 8, 16)) return true;
  return false;
}

/** isLocalAddress for the IPv4 address at `off` of `a`. */
function isLocalV4(p: WskProvider, a: Uint8Array, off: number): boolean {
  if (!p.harness.addressListSetV4) return true;
  const v = word(a, off);
  if (v === 0 || a[off] === 127) return true;
  for (const h of p.harness.hostAddressesV4) if (word(h, 4) === v) return true;
  return false;
}

function sameBytes(x: Uint8Array, xo: number, y: Uint8Array, yo: number, n: number): boolean {
  for (let i = 0; i < n; i++) if (x[xo + i] !== y[yo + i]) return false;
  return true;
}

function refuse(p: WskProvider, s: SimSocket, irp: Uint8Array | null, status: number, rule: RuleId): number {
  s.onV4 = false;
  s.onV6 = false;
  return p.fail(irp, status, rule);
}

/** The documented page behind policy connection-exclusive-reservation (a reason's citation): the entry's source. */
const RESERVATION_SOURCE: Citation = (POLICY_ENTRIES as readonly PolicyEntry[]).find((e) => e.id === 'connection-exclusive-reservation')!.source;

// Scan state: module-level scratch so that a bind allocates no result object.
let scanFirst: SimSocket | null = null;
let scanFirstCell: CompiledCell | null = null;
let scanRefuser: SimSocket | null = null;
let scanRefuseCell: CompiledCell | null = null;
let scanRefuseOutcome = 0;

function resetScan(): void {
  scanFirst = null;
  scanFirstCell = null;
  scanRefuser = null;
  scanRefuseCell = null;
  scanRefuseOutcome = 0;
}

/**
 * Judge the candidate's side on one stack against every overlapping binding there: one representative per sharing
 * class of the wildcard chain (and of the specific chain for a wildcard candidate), every equal address otherwise.
 */
function scanSide(p: WskProvider, s: SimSocket, stack: number, transport: number): void {
  const b = p.endpoints.bucket(stack, transport, s.port);
  if (b === undefined || b.total === 0) return;
  const second = kindOn(s, stack);
  if (b.wildClasses !== null) judgeClasses(p, b.wildClasses, s, second);
  if ((second & 1) === 0) {
    if (b.specClasses !== null) judgeClasses(p, b.specClasses, s, second);
  } else {
    for (let o = p.endpoints.firstWithAddr(b, s, stack); o !== null; o = addrNextOn(o, stack)) {
      if (scanRefuser !== null && o.bindSeq >= scanRefuser.bindSeq) break;
      judge(p, o, kindOn(o, stack), o.owner, o.boundSd, s, second);
    }
  }
}

function judgeClasses(p: WskProvider, classes: readonly ShareClass[], s: SimSocket, second: number): void {
  for (let i = 0; i < classes.length; i++) {
    const c = classes[i]!;
    judge(p, c.first, c.kind, c.owner, c.sd, s, second);
  }
}

/** Read the cell for (first binding o, candidate s); record the earliest overlap and the earliest refusal. */
function judge(p: WskProvider, o: SimSocket, first: number, owner: string, sd: number, s: SimSocket, second: number): void {
  // A socket refusing on both stacks is reported once, by the stack judged first (IPv6).
  if (scanRefuser !== null && o.bindSeq >= scanRefuser.bindSeq) return;
  const cell = p.rules.cell(first, second, owner !== s.owner);
  let outcome = cell.outcome;
  if (outcome === OUTCOME_CHECK) outcome = p.sdAllows(sd, s.owner) ? OUTCOME_SUCCESS : OUTCOME_DENIED;
  if (scanFirst === null || o.bindSeq < scanFirst.bindSeq) { scanFirst = o; scanFirstCell = cell; }
  if (outcome !== OUTCOME_SUCCESS) {
    scanRefuser = o;
    scanRefuseCell = cell;
    scanRefuseOutcome = outcome;
  }
}

/** Release a socket's bindings (at WskCloseSocket; policy bind-close-release). */
export function releaseBinding(p: WskProvider, s: SimSocket): void {
  if (s.bound) p.endpoints.remove(s);
  s.bound = false;
  s.onV4 = false;
  s.onV6 = false;
}
