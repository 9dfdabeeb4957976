/**
 * Connections as state (docs/POLICY.md#connections): WskListen, WskAccept, WskConnect, WskSocketConnect,
 * WskDisconnect, WskGetLocalAddress and WskGetRemoteAddress, and the harness side (a remote peer connecting or
 * closing, remote listeners, simulated time).
 */
import type { WskFunctionName } from '../../abi/schema';
import { STATUS } from '../codec/names';
import type { WskProvider } from './provider';
import { Fault } from './result';
import type { SimSocket } from './socket';

/**
 * The live socket behind a handle whose dispatch table has `fn`, with a supplied IRP covering sizeof(IRP); otherwise
 * the fault (policies connection-dispatch, connection-buffers).
 */
export function connectionSocket(p: WskProvider, socket: number, fn: WskFunctionName, irp: Uint8Array | null): SimSocket | number {
  const s = p.liveSocket(socket);
  if (s === null) return p.fault('socket-live', Fault.InvalidSocket);
  if (!p.hasFunction(s.category, fn)) return p.fault('connection-dispatch', Fault.NotInDispatchTable);
  if (irp !== null && irp.length < p.sizeofIrp) return p.fault('connection-buffers', Fault.IrpOverrun);
  return s;
}

/** An entry point not modelled yet: STATUS_NOT_IMPLEMENTED, a supplied IRP completed with it (policy harness-not-implemented). */
export function notImplemented(p: WskProvider, socket: number, fn: WskFunctionName, irp: Uint8Array | null): number {
  const s = connectionSocket(p, socket, fn, irp);
  if (typeof s === 'number') return s;
  return p.fail(irp, STATUS.STATUS_NOT_IMPLEMENTED, 'harness-not-implemented');
}
