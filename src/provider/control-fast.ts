/**
 * The guarded success path of WskControlSocket: a Set or Get of a plain ULONG option whose every check of POLICY.md
 * passes. It recognises such a call by a conjunction of the compiled row's conditions that is at least as strict as
 * checks 1-13 (an argument not already in canonical form, a value outside the row's domain, a bind-state the row
 * cares about: anything else is left to the full sequence), then applies the success effect exactly as the full
 * sequence does and returns true. Every other call returns false having changed nothing, and runs controlSocket
 * (control-socket.ts) from the start, so statuses, faults, reason records and bytes are those of the full sequence by
 * construction; the path only saves the general sequence's work on the commonest call (issue 6).
 *
 * Kept small: everything it calls on the way (usable, readUlong, setReason, complete) is inlined into it.
 */
import { readUlong, writeUlong } from '../codec/bytes';
import { STATUS } from '../codec/names';
import type { CompiledOption } from './option-table';
import type { WskProvider } from './provider';
import type { SimSocket } from './socket';

const { STATUS_SUCCESS } = STATUS;

/**
 * Checks 1, 3, 7 and 7b for a call of the cached row `opt` as a success needs them: the row matches, the completion is
 * inline, the socket is live, not force-closed, and of a category, address family and type the row applies to
 * (remembered per socket: those fields never change).
 */
function usable(p: WskProvider, opt: CompiledOption, code: number, level: number, s: SimSocket | undefined): s is SimSocket {
  return opt.code === code && opt.level === level && p.deferIrps === false
    && s !== undefined && s.closing === false && s.forcedClosed === false && (s.fitRow === opt || fits(s, opt));
}

/** Checks 7 and 7b of a row on a socket (category, address family, type); remembers a row that passes. */
function fits(s: SimSocket, opt: CompiledOption): boolean {
  if ((opt.categoryMask & s.categoryBit) === 0 || (opt.familyMask & (1 << (s.family & 31))) === 0 || (opt.typeMask & (1 << (s.type & 31))) === 0) return false;
  s.fitRow = opt;
  return true;
}

/**
 * WskSetOption of a plain ULONG row with OutputSize 0 and OutputBuffer and OutputSizeReturned NULL (tested by the
 * caller), all checks passing: completes it with STATUS_SUCCESS and returns true; otherwise returns false.
 */
export function fastSet(
  p: WskProvider, socket: number, code: number, level: number, inSize: unknown, input: Uint8Array | null | undefined,
  irp: Uint8Array | null | undefined,
): boolean {
  const opt = p.options.lastSet;
  const s = p.sockets[socket];
  if (opt === null || !usable(p, opt, code, level, s)) return false;
  // checks 2, 6, 8 and 9 in their strictest form: InputSize exactly the row's size, InputBuffer and IRP large enough
  if (inSize !== opt.size || input === null || input === undefined || input.length < opt.size || !(input instanceof Uint8Array)) return false;
  if (irp === null || irp === undefined || irp.length < p.sizeofIrp || !(irp instanceof Uint8Array)) return false;
  // 11: a value of the domain as given (no normalisation)
  const value = readUlong(input, 0);
  if (opt.fastDomain !== -1 && (value > 30 || ((opt.fastDomain >>> value) & 1) === 0)) return false;
  // 12 whatever the preset: the row's bind state (fastBind: -1 any, 0 unbound, 1 bound)
  if (opt.fastBind >= 0 && opt.fastBind !== (s.bound === true ? 1 : 0)) return false;
  // 13: no mutually exclusive option enabled
  if (opt.exclusiveIndex >= 0 && value !== 0 && s.options[opt.exclusiveIndex] !== 0) return false;
  s.options[opt.stateIndex] = value;
  p.setReason('set-success');
  p.complete(irp, STATUS_SUCCESS, 0);
  return true;
}

/**
 * WskGetOption of a plain ULONG row with InputSize 0 and InputBuffer and OutputSizeReturned NULL (tested by the
 * caller), all checks passing: completes it with STATUS_SUCCESS and returns true; otherwise returns false.
 */
export function fastGet(
  p: WskProvider, socket: number, code: number, level: number, outSize: unknown, output: Uint8Array | null | undefined,
  irp: Uint8Array | null | undefined,
): boolean {
  const opt = p.options.lastGet;
  const s = p.sockets[socket];
  if (opt === null || !usable(p, opt, code, level, s)) return false;
  // checks 2, 6, 8 and 9 in their strictest form: an integer OutputSize with room for the ULONG, buffers large enough
  if (typeof outSize !== 'number' || (outSize >>> 0) !== outSize || outSize < opt.size) return false;
  if (output === null || output === undefined || output.length < outSize || !(output instanceof Uint8Array)) return false;
  if (irp === null || irp === undefined || irp.length < p.sizeofIrp || !(irp instanceof Uint8Array)) return false;
  // 12: the row's bind state (fastBind: -1 any, 1 bound)
  if (opt.fastBind >= 0 && opt.fastBind !== (s.bound === true ? 1 : 0)) return false;
  writeUlong(output, 0, s.options[opt.stateIndex]!);
  p.setReason('get-success');
  p.complete(irp, STATUS_SUCCESS, 4);
  return true;
}
