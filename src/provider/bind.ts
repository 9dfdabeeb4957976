/**
 * WskBind: the checks of abi/policy.ts BIND_CHECKS, then the sharing decision and registration in the endpoint table.
 */
import { AF, SOCK, STATUS } from '../codec/names';
import { decodeSockaddr, SIZEOF_SOCKADDR_IN, SIZEOF_SOCKADDR_IN6, type TransportAddress } from '../codec/sockaddr';
import {
  DYNAMIC_PORT_FIRST, DYNAMIC_PORT_LAST, endpointKey, overlaps, TRANSPORT_TCP, TRANSPORT_UDP,
} from './endpoint-table';
import { bufferArg, ulongArg, type WskProvider } from './provider';
import { Fault } from './result';
import type { SimSocket } from './socket';

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
  const size = localAddressSize === undefined ? (addr?.length ?? 0) : p.sizeArg(localAddressSize, 'LocalAddress size');

  const s = p.liveSocket(socket);
  if (s === null) return p.fault('socket-live', Fault.InvalidSocket);
  if (!p.hasFunction(s.category, 'WskBind')) return p.fault('bind-dispatch', Fault.NotInDispatchTable);
  if (addr !== null && addr.length < size) return p.fault('bind-buffers', Fault.AddressBufferOverrun);
  if (irpBuf !== null && irpBuf.length < p.layout.sizeofIrp) return p.fault('bind-buffers', Fault.IrpOverrun);
  if (s.forcedClosed) return p.fail(irpBuf, STATUS.STATUS_FILE_FORCED_CLOSED, 'not-forced-closed');
  if (irpBuf === null) {
    p.setReason('bind-irp');
    return STATUS.STATUS_INVALID_PARAMETER;
  }
  if (p.completion === 'pending') return deferBind(p, s, addr, size, fl, irpBuf);
  return finishBind(p, s, addr, size, fl, irpBuf);
}

/** Queue the rest of the bind for deliverCompletions (kept apart so the inline path allocates no closure context). */
function deferBind(p: WskProvider, s: SimSocket, addr: Uint8Array | null, size: number, flags: number, irp: Uint8Array): number {
  return p.defer(irp, s, () => { finishBind(p, s, addr, size, flags, irp); });
}

function finishBind(p: WskProvider, s: SimSocket, addr: Uint8Array | null, size: number, flags: number, irp: Uint8Array): number {
  if (flags !== 0) return p.fail(irp, STATUS.STATUS_INVALID_PARAMETER, 'bind-flags');
  const transport = transportOf(s);
  if (transport === -2) return p.fail(irp, STATUS.STATUS_NOT_IMPLEMENTED, 'bind-category-transport');
  const need = s.family === AF.AF_INET6 ? SIZEOF_SOCKADDR_IN6 : SIZEOF_SOCKADDR_IN;
  if (addr === null || size < need || (addr[0]! | (addr[1]! << 8)) !== s.family) {
    return p.fail(irp, STATUS.STATUS_INVALID_PARAMETER, 'bind-address');
  }
  if (s.boundAddress !== null) return p.fail(irp, STATUS.STATUS_ADDRESS_ALREADY_ASSOCIATED, 'bind-rebind');
  let local = decodeSockaddr(addr);
  if (transport === -1) {
    s.boundAddress = local;
    p.setReason('bind-raw');
    p.complete(irp, STATUS.STATUS_SUCCESS, 0);
    return STATUS.STATUS_SUCCESS;
  }
  if (local.port === 0) {
    const port = freePort(p, s.family, transport, local);
    if (port < 0) return p.fail(irp, STATUS.STATUS_TOO_MANY_ADDRESSES, 'bind-port-zero');
    local = { ...local, port };
  }
  const key = endpointKey(s.family, transport, local.port);
  const existing = p.endpoints.at(key);
  for (let i = 0; i < existing.length; i++) {
    const other = existing[i]!;
    if (other.boundAddress !== null && overlaps(other.boundAddress, local)) {
      p.setReason('bind-sharing', other.handle);
      p.complete(irp, STATUS.STATUS_ADDRESS_ALREADY_EXISTS, 0);
      return STATUS.STATUS_ADDRESS_ALREADY_EXISTS;
    }
  }
  s.boundAddress = local;
  s.bindingKeys.push(key);
  p.endpoints.add(key, s);
  p.setReason('bind-success');
  p.complete(irp, STATUS.STATUS_SUCCESS, 0);
  return STATUS.STATUS_SUCCESS;
}

/** Lowest port of the dynamic range with no overlapping binding, or -1 (policy bind-port-zero). */
function freePort(p: WskProvider, family: number, transport: number, local: TransportAddress): number {
  for (let port = DYNAMIC_PORT_FIRST; port <= DYNAMIC_PORT_LAST; port++) {
    const list = p.endpoints.at(endpointKey(family, transport, port));
    let free = true;
    for (let i = 0; i < list.length && free; i++) if (overlaps(list[i]!.boundAddress!, local)) free = false;
    if (free) return port;
  }
  return -1;
}

/** Release a socket's bindings (at WskCloseSocket). */
export function releaseBinding(p: WskProvider, s: SimSocket): void {
  for (const key of s.bindingKeys) p.endpoints.remove(key, s);
  s.bindingKeys.length = 0;
}
