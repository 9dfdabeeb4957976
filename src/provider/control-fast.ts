/**
 * The guarded success path of WskControlSocket: a Set or Get of a plain ULONG option whose every check of POLICY.md
 * passes. It recognises such a call by a conjunction of the compiled row's conditions that is at least as strict as
 * checks 1-13 (an argument not already in canonical form, a value outside the row's domain, a bind-state the row
 * cares about: anything else is left to the full sequence), then applies the success effect exactly as the full
 * sequence does and returns true. Every other call returns false having changed nothing, and runs controlSocket
 * (control-socket.ts) from the start, so statuses, faults, reason records and bytes are those of the full sequence by
 * construction; the path only saves the general sequence's work on the commonest call.
 *
 * Kept small enough that the optimiser inlines it, with completeSuccess, into a caller's loop: one function for Set
 * and Get, so that wskControlSocket has one call to inline whatever calls it saw before, and the ULONG read and write
 * written out (docs/PERFORMANCE.md).
 */
import { rowFitsCategory, rowFitsTransport, type CompiledOption } from './option-table';
import type { WskProvider } from './provider';
import { HANDLE_SLOT_MASK, type SimSocket } from './socket';

if (HANDLE_SLOT_MASK !== 0x3fffff) throw new Error('control-fast.ts: the slot shift below must match HANDLE_SLOT_MASK');

/**
 * Checks 3, 7, 7b and the bind state of check 12 for a row on a socket (live, not force-closed; category, address
 * family, type; bound or not as the row allows whatever the preset); remembers a row that passes (SimSocket.fitRow;
 * SimSocket.forgetFitRow forgets it). Under completion: pending no row reaches it (WskProvider.fastRows is empty).
 */
function fits(s: SimSocket, opt: CompiledOption): boolean {
  if (s.closing === true || s.forcedClosed === true) return false;
  if (!rowFitsCategory(opt, s) || !rowFitsTransport(opt, s)) return false;
  if ((opt.fastBindStates & (s.bound === true ? 2 : 1)) === 0) return false;
  s.fitRow = opt;
  return true;
}

/**
 * WskControlSocket's WskSetOption or WskGetOption of the last plain ULONG row found (OptionTable.fastRows) with the
 * unused arguments 0 / NULL and all checks passing: completes it with STATUS_SUCCESS and returns true; otherwise
 * returns false having changed nothing.
 */
export function fastControl(
  p: WskProvider, socket: number, requestType: number, code: number, level: number,
  inSize: unknown, input: Uint8Array | null | undefined, outSize: unknown, output: Uint8Array | null | undefined,
  osr: Uint8Array | null | undefined, irp: Uint8Array | null | undefined,
): boolean {
  // Arguments of any other type decline before anything reads them as numbers (policy api-boundary): a RequestType
  // such as "1" would find a row, a bigint or Symbol handle would throw.
  const opt = p.fastRows[requestType];
  if (!opt || typeof requestType !== 'number' || typeof socket !== 'number') return false;
  // check 1: the socket in the handle's slot ((socket << 10) >>> 10 is socket & HANDLE_SLOT_MASK in fewer bytecodes)
  // must carry exactly this handle: a stale generation or a non-integer declines (policy socket-handle-reuse)
  const s = p.sockets[(socket << 10) >>> 10];
  // checks 1, 3, 7, 7b and 12's bind state: the cached row is the one asked for, on a socket it was found usable on
  if (opt.code !== code || opt.level !== level || s === undefined || s.handle !== socket || (s.fitRow !== opt && !fits(s, opt))) return false;
  // checks 2, 8 and 10 in their strictest form: an IRP large enough, OutputSizeReturned NULL (as the rows require).
  // A buffer is a Uint8Array whose last byte the size needs exists: an index read, unlike the length getter, does not
  // throw for an object that only inherits Uint8Array.prototype, and is undefined for a detached or short buffer.
  if (osr !== null || !irp || irp[p.irpLastByte] === undefined || !(irp instanceof Uint8Array)) return false;
  if (opt.isSet === true) {
    // 2, 6, 9 and 10: InputSize exactly the row's 4 bytes, InputBuffer that large, OutputSize 0, OutputBuffer NULL
    if (inSize !== 4 || !input || input[3] === undefined || !(input instanceof Uint8Array) || outSize !== 0 || output !== null) return false;
    // 11: a value of the domain as given (no normalisation); the ULONG is read as readUlong(input, 0) does, written out
    const value = (input[0]! | (input[1]! << 8) | (input[2]! << 16) | (input[3]! << 24)) >>> 0;
    if (value > opt.fastMax || ((opt.fastDomain >>> value) & 1) === 0) return false;
    // 13: no mutually exclusive option enabled
    if (opt.exclusiveIndex >= 0 && value !== 0 && s.options[opt.exclusiveIndex] !== 0) return false;
    s.options[opt.stateIndex] = value;
  } else {
    // 2, 6, 9 and 10: InputSize 0, InputBuffer NULL, OutputSize exactly the row's 4 bytes, OutputBuffer that large
    if (inSize !== 0 || input !== null || outSize !== 4 || !output || output[3] === undefined || !(output instanceof Uint8Array)) return false;
    // the ULONG written as writeUlong(output, 0, value) does
    const value = s.options[opt.stateIndex]!;
    output[0] = value; output[1] = value >>> 8; output[2] = value >>> 16; output[3] = value >>> 24;
  }
  p.completeSuccess(irp, opt.fastInformation, opt.successRule);
  return true;
}
