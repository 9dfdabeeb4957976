/**
 * Handlers of the payload kinds beyond a plain ULONG: the WSK socket IOCTLs, the
 * SO_WSK_EVENT_CALLBACK option and the harness-driven waits. Each runs the checks its row leaves to it, in the
 * order of POLICY.md (8 presence, 9 sizes, 10 unused arguments, 11 value domain, 12 timing), then the effect.
 */
import { EVENT_CALLBACK_FLAGS } from '../../abi/options';
import type { ArchName, PayloadKind, SocketCategory } from '../../abi/schema';
import { STRUCTS } from '../../abi/structs';
import { readUlong, writeUintN, writeUlong } from '../codec/bytes';
import { archSize, fieldOffset } from '../codec/layout';
import { AF, CODE, EVENT, REQUEST, STATUS } from '../codec/names';
import { succeed, tooEarly } from './control-socket';
import { DEV_INPUT_BUFFER, DEV_IRP, DEV_OSR, deviationsDecide, deviationsOf, UNUSED_INPUT, UNUSED_OUTPUT } from './evidence';
import type { OptionHandler, RunHandler } from './option-handlers';
import type { WskProvider } from './provider';
import type { SimSocket } from './socket';
import { connectionOf } from './connections';

function flagMask(names: readonly string[]): number {
  let m = 0;
  for (const n of names) m |= EVENT[n as keyof typeof EVENT]!;
  return m >>> 0;
}

/** Valid and sticky SO_WSK_EVENT_CALLBACK flags per category, as masks. */
export const EVENT_MASKS: { readonly [K in SocketCategory]: { readonly valid: number; readonly sticky: number } } = {
  basic: { valid: flagMask(EVENT_CALLBACK_FLAGS.basic.valid), sticky: flagMask(EVENT_CALLBACK_FLAGS.basic.sticky) },
  listen: { valid: flagMask(EVENT_CALLBACK_FLAGS.listen.valid), sticky: flagMask(EVENT_CALLBACK_FLAGS.listen.sticky) },
  datagram: { valid: flagMask(EVENT_CALLBACK_FLAGS.datagram.valid), sticky: flagMask(EVENT_CALLBACK_FLAGS.datagram.sticky) },
  connection: { valid: flagMask(EVENT_CALLBACK_FLAGS.connection.valid), sticky: flagMask(EVENT_CALLBACK_FLAGS.connection.sticky) },
  stream: { valid: flagMask(EVENT_CALLBACK_FLAGS.stream.valid), sticky: flagMask(EVENT_CALLBACK_FLAGS.stream.sticky) },
};

/** Every standard event flag (WSK_SET_STATIC_EVENT_CALLBACKS accepts any combination of them). */
export const ALL_EVENTS = (EVENT.WSK_EVENT_SEND_BACKLOG | EVENT.WSK_EVENT_RECEIVE | EVENT.WSK_EVENT_DISCONNECT
  | EVENT.WSK_EVENT_RECEIVE_FROM | EVENT.WSK_EVENT_ACCEPT) >>> 0;

/** Offsets of the variable-layout structures, per arch. */
interface ListLayout {
  readonly ptr: number;
  readonly listHeader: number;
  readonly socketAddress: number;
  readonly lengthOffset: number;
  readonly eventMaskOffset: number;
}
function listLayout(arch: ArchName): ListLayout {
  return {
    ptr: arch === 'x86' ? 4 : 8,
    listHeader: fieldOffset('SOCKET_ADDRESS_LIST', 'Address', arch),
    socketAddress: archSize(STRUCTS.SOCKET_ADDRESS.size, arch),
    lengthOffset: fieldOffset('SOCKET_ADDRESS', 'iSockaddrLength', arch),
    eventMaskOffset: fieldOffset('WSK_EVENT_CALLBACK_CONTROL', 'EventMask', arch),
  };
}
/** Layouts per arch, resolved once. */
export const LIST_LAYOUT: { readonly [K in ArchName]: ListLayout } = { x86: listLayout('x86'), x64: listLayout('x64') };

/** A pointer-sized value is non-NULL (read as two ULONGs so no bigint is needed). */
export function pointerNonNull(b: Uint8Array, off: number, width: number): boolean {
  return readUlong(b, off) !== 0 || (width === 8 && readUlong(b, off + 4) !== 0);
}

/** Check 9 of an input: the size the row needs, exactly (strict) or at least (lenient). */
function sizeOk(p: WskProvider, size: number, need: number): boolean {
  return p.exactSetSize ? size === need : size >= need;
}

const INVALID = STATUS.STATUS_INVALID_PARAMETER;
const IOCTL = REQUEST.WskIoctl;
const SET = REQUEST.WskSetOption;
const ALL_UNUSED = UNUSED_INPUT | UNUSED_OUTPUT | DEV_OSR;

/** Check 10 of an IOCTL: records the deviations among `args` (evidence.ts bits); true when the preset lets them decide. */
function unusedGiven(
  p: WskProvider, args: number, inSize: number, input: Uint8Array | null, outSize: number, output: Uint8Array | null,
  osr: Uint8Array | null, irp: Uint8Array | null,
): boolean {
  return deviationsDecide(p, deviationsOf(args, inSize, input, outSize, output, osr), IOCTL, irp);
}

/** SIO_WSK_SET_REMOTE_ADDRESS / SIO_WSK_SET_SENDTO_ADDRESS: a SOCKADDR of the socket's family, or the clear form 0/NULL. */
const sockaddrOrClear: RunHandler = (p, s, opt, inSize, input, outSize, output, osr, irp) => {
  if (inSize !== 0 && input === null) return p.fail(irp, INVALID, 'buffer-presence');
  const clear = inSize === 0;
  if (!clear && !sizeOk(p, inSize, s.family === AF.AF_INET ? 16 : 28)) return p.fail(irp, INVALID, 'set-input-size');
  if (unusedGiven(p, UNUSED_OUTPUT | DEV_OSR | (clear ? DEV_INPUT_BUFFER : 0), inSize, input, outSize, output, osr, irp)) return p.fail(irp, INVALID, 'unused-args-null');
  if (!clear && (input![0]! | (input![1]! << 8)) !== s.family) return p.fail(irp, INVALID, 'value-domain');
  if (tooEarly(opt, s)) return p.fail(irp, STATUS.STATUS_INVALID_DEVICE_STATE, 'timing');
  if (clear) s.fixedAddresses?.delete(opt.code);
  else (s.fixedAddresses ??= new Map()).set(opt.code, Uint8Array.from(input!.subarray(0, s.family === AF.AF_INET ? 16 : 28)));
  return succeed(p, irp, null, 0, 'set-success');
};

/** SIO_WSK_REGISTER_EXTENSION: no extension interface is modelled, so a well-formed request is STATUS_NOT_SUPPORTED. */
const registerExtension: RunHandler = (p, _s, opt, inSize, input, outSize, output, osr, irp) => {
  if (input === null || output === null) return p.fail(irp, INVALID, 'buffer-presence');
  if (!sizeOk(p, inSize, opt.size)) return p.fail(irp, INVALID, 'set-input-size');
  if (outSize < opt.outputSize) return p.fail(irp, STATUS.STATUS_BUFFER_TOO_SMALL, 'get-output-size');
  if (unusedGiven(p, DEV_OSR, inSize, input, outSize, output, osr, irp)) return p.fail(irp, INVALID, 'unused-args-null');
  return p.fail(irp, STATUS.STATUS_NOT_SUPPORTED, 'no-extension-interfaces');
};

/** SIO_WSK_QUERY_IDEAL_SEND_BACKLOG / SIO_WSK_QUERY_RECEIVE_BACKLOG: a SIZE_T of the arch from the row's state slot. */
const sizeTQuery: RunHandler = (p, s, opt, inSize, input, outSize, output, osr, irp) => {
  if (output === null) return p.fail(irp, INVALID, 'buffer-presence');
  if (outSize < opt.outputSize) return p.fail(irp, STATUS.STATUS_BUFFER_TOO_SMALL, 'get-output-size');
  if (unusedGiven(p, UNUSED_INPUT | DEV_OSR, inSize, input, outSize, output, osr, irp)) return p.fail(irp, INVALID, 'unused-args-null');
  if (tooEarly(opt, s)) return p.fail(irp, STATUS.STATUS_INVALID_DEVICE_STATE, 'timing');
  writeUintN(output, 0, s.options[opt.stateIndex]!, p.layout.sizeT);
  return succeed(p, irp, osr, p.layout.sizeT, 'get-success');
};

/**
 * SIO_WSK_QUERY_INSPECT_ID: on a socket accepted on a conditional-accept listener, its WSK_INSPECT_ID (Key, then
 * SerialNumber, padding zeroed); any other socket fails as check 7 (policy inspect-id).
 */
const inspectId: RunHandler = (p, s, opt, inSize, input, outSize, output, osr, irp) => {
  const c = connectionOf(s);
  if (c === null || c.listener === null || c.serial === 0) return p.fail(irp, STATUS.STATUS_INVALID_DEVICE_REQUEST, 'inspect-id');
  if (output === null) return p.fail(irp, INVALID, 'buffer-presence');
  if (outSize < opt.outputSize) return p.fail(irp, STATUS.STATUS_BUFFER_TOO_SMALL, 'get-output-size');
  if (unusedGiven(p, UNUSED_INPUT, inSize, input, outSize, output, osr, irp)) return p.fail(irp, INVALID, 'unused-args-null');
  if (osr === null) return p.fail(irp, INVALID, 'output-size-returned-required');
  const size = opt.outputSize;
  const serialAt = fieldOffset('WSK_INSPECT_ID', 'SerialNumber', p.arch);
  writeUintN(output, 0, c.listener.handle, p.layout.sizeT);
  writeUlong(output, serialAt, c.serial);
  for (let i = serialAt + 4; i < size; i++) output[i] = 0;
  return succeed(p, irp, osr, size, 'inspect-id');
};

function isLoopback(s: SimSocket): boolean {
  const a = s.boundAddress;
  if (a === null) return false;
  if (a.family === AF.AF_INET) return a.addr[0] === 127;
  for (let i = 0; i < 15; i++) if (a.addr[i] !== 0) return false;
  return a.addr[15] === 1;
}

/** SIO_WSK_SET_TCP_SILENT_MODE: no input or output; not on loopback. */
const silentMode: RunHandler = (p, s, opt, inSize, input, outSize, output, osr, irp) => {
  if (unusedGiven(p, ALL_UNUSED, inSize, input, outSize, output, osr, irp)) return p.fail(irp, INVALID, 'unused-args-null');
  if (tooEarly(opt, s)) return p.fail(irp, STATUS.STATUS_INVALID_DEVICE_STATE, 'timing');
  if (isLoopback(s)) return p.fail(irp, STATUS.STATUS_NOT_SUPPORTED, 'silent-mode-loopback');
  s.options[opt.stateIndex] = 1;
  return succeed(p, irp, null, 0, 'set-success');
};

/** SIO_LOOPBACK_FAST_PATH: a 4-byte BOOL; a wrong InputSize is the documented STATUS_INVALID_BUFFER_SIZE. */
const loopbackFastPath: RunHandler = (p, s, opt, inSize, input, outSize, output, osr, irp) => {
  if (inSize !== 0 && input === null) return p.fail(irp, INVALID, 'buffer-presence');
  if (!sizeOk(p, inSize, opt.size)) return p.fail(irp, STATUS.STATUS_INVALID_BUFFER_SIZE, 'set-input-size');
  if (unusedGiven(p, UNUSED_OUTPUT | DEV_OSR, inSize, input, outSize, output, osr, irp)) return p.fail(irp, INVALID, 'unused-args-null');
  let value = readUlong(input!, 0);
  if (value > 1) {
    if (!p.normalizeBool) return p.fail(irp, INVALID, 'value-domain');
    value = 1;
  }
  s.options[opt.stateIndex] = value;
  return succeed(p, irp, null, 0, 'set-success');
};

/** SIO_ADDRESS_LIST_QUERY: SOCKET_ADDRESS_LIST of the socket family's host addresses, followed by the SOCKADDRs. */
const addressListQuery: RunHandler = (p, s, _opt, inSize, input, outSize, output, osr, irp) => {
  // 8. presence (OutputBuffer for a non-zero OutputSize; OutputSizeReturned is required: no IRP, variable size)
  if (outSize !== 0 && output === null) return p.fail(irp, INVALID, 'buffer-presence');
  if (osr === null) return p.fail(irp, INVALID, 'output-size-returned-required');
  const L = LIST_LAYOUT[p.arch];
  const list = p.hostAddressList(s.family);
  let required = L.listHeader + list.length * L.socketAddress;
  for (const a of list) required += a.length;
  // 9. size: too small (or the 0/NULL probe) reports the required size
  if (output === null || outSize < required) {
    writeUintN(osr, 0, required, p.layout.sizeT);
    p.setReason('address-list-overflow');
    return STATUS.STATUS_BUFFER_OVERFLOW;
  }
  // 10. unused arguments (strict)
  if (unusedGiven(p, UNUSED_INPUT, inSize, input, outSize, output, osr, irp)) return p.fail(irp, INVALID, 'unused-args-null');
  writeUintN(osr, 0, required, p.layout.sizeT);
  writeUlong(output, 0, list.length);
  let at = L.listHeader + list.length * L.socketAddress;
  for (let i = 0; i < list.length; i++) {
    const a = list[i]!;
    const entry = L.listHeader + i * L.socketAddress;
    writeUintN(output, entry, p.outputBufferAddress + at, L.ptr);
    writeUlong(output, entry + L.lengthOffset, a.length);
    output.set(a, at);
    at += a.length;
  }
  return succeed(p, irp, null, 0, 'get-success');
};

/** SIO_ADDRESS_LIST_CHANGE: queue the IRP until the harness changes the family's address list. */
const addressListChange: RunHandler = (p, s, _opt, inSize, input, outSize, output, osr, irp) => {
  if (unusedGiven(p, ALL_UNUSED, inSize, input, outSize, output, osr, irp)) return p.fail(irp, INVALID, 'unused-args-null');
  p.wait(irp!, s, 'addressListChange', s.family);
  p.setReason('address-list-change-pending');
  return STATUS.STATUS_PENDING;
};

/** SIO_QUERY_WFP_CONNECTION_REDIRECT_RECORDS / _CONTEXT: opaque bytes the harness or the SET IOCTL stored. */
const wfpQuery: RunHandler = (p, s, opt, inSize, input, outSize, output, osr, irp) => {
  if (unusedGiven(p, UNUSED_INPUT, inSize, input, outSize, output, osr, irp)) return p.fail(irp, INVALID, 'unused-args-null');
  if (outSize !== 0 && output === null) return p.fail(irp, INVALID, 'buffer-presence');
  const data = s.wfpData?.get(opt.code);
  if (data === undefined) return p.fail(irp, STATUS.STATUS_NOT_FOUND, 'wfp-not-redirected');
  if (osr !== null) writeUintN(osr, 0, data.length, p.layout.sizeT);
  if (output === null || outSize < data.length) {
    p.setReason('wfp-buffer-too-small');
    if (irp !== null) p.complete(irp, STATUS.STATUS_BUFFER_TOO_SMALL, 0);
    return STATUS.STATUS_BUFFER_TOO_SMALL;
  }
  output.set(data, 0);
  return succeed(p, irp, null, data.length, 'get-success');
};

/** SIO_SET_WFP_CONNECTION_REDIRECT_RECORDS: store the opaque redirect records (read back by the RECORDS query). */
const wfpSet: RunHandler = (p, s, _opt, inSize, input, outSize, output, osr, irp) => {
  if (input === null || inSize === 0) return p.fail(irp, INVALID, 'buffer-presence');
  if (unusedGiven(p, UNUSED_OUTPUT | DEV_OSR, inSize, input, outSize, output, osr, irp)) return p.fail(irp, INVALID, 'unused-args-null');
  (s.wfpData ??= new Map()).set(CODE.SIO_QUERY_WFP_CONNECTION_REDIRECT_RECORDS, Uint8Array.from(input.subarray(0, inSize)));
  return succeed(p, irp, null, 0, 'set-success');
};

/** SO_WSK_EVENT_CALLBACK (Set): enable any combination valid for the category, or disable exactly one flag. */
const eventCallback: RunHandler = (p, s, opt, _inSize, input, _outSize, _output, _osr, irp) => {
  const L = LIST_LAYOUT[p.arch];
  const mask = readUlong(input!, L.eventMaskOffset);
  const disable = (mask & EVENT.WSK_EVENT_DISABLE) !== 0;
  const flags = (mask & ~EVENT.WSK_EVENT_DISABLE) >>> 0;
  const M = EVENT_MASKS[s.category];
  // 11. value-domain: NpiId non-NULL; enable: a non-empty subset of the category's flags; disable: exactly one of them
  if (!pointerNonNull(input!, 0, L.ptr)) return p.fail(irp, INVALID, 'event-callback-npiid');
  if (flags === 0 || (flags & ~M.valid) !== 0 || (disable && (flags & (flags - 1)) !== 0)) return p.fail(irp, INVALID, 'event-callback-mask');
  // an IRP on an enable: deviation irp-given; the preset decides (policy event-callback-enable-irp)
  if (!disable && irp !== null && deviationsDecide(p, DEV_IRP, SET, irp)) return p.fail(irp, INVALID, 'event-callback-enable-irp');
  // 12. timing: after bind (listening, datagram) or connect (connection-oriented)
  if (tooEarly(opt, s)) return p.fail(irp, STATUS.STATUS_INVALID_DEVICE_STATE, 'timing');
  if ((flags & s.staticEvents) !== 0) return p.fail(irp, STATUS.STATUS_INVALID_DEVICE_STATE, 'event-callback-static');
  const current = s.options[opt.stateIndex]!;
  if (!disable) {
    s.options[opt.stateIndex] = (current | flags) >>> 0;
    return succeed(p, irp, null, 0, 'set-success');
  }
  if ((flags & M.sticky & current) !== 0) return p.fail(irp, STATUS.STATUS_INVALID_DEVICE_STATE, 'event-callback-listen-sticky');
  s.options[opt.stateIndex] = (current & ~flags) >>> 0;
  if ((s.callbacksInProgress & flags) !== 0) {
    if (irp !== null) {
      p.wait(irp, s, 'eventDisable', flags);
      p.setReason('event-callback-disable-in-progress');
      return STATUS.STATUS_PENDING;
    }
    p.setReason('event-callback-disable-in-progress');
    return STATUS.STATUS_EVENT_PENDING;
  }
  return succeed(p, irp, null, 0, 'set-success');
};

const noValue = (): number => 0;
function runOnly(run: RunHandler): OptionHandler {
  return { decode: noValue, normalize: noValue, encode: noValue, run };
}

/** Handlers of the payload kinds beyond ULONG (merged into OPTION_HANDLERS). */
export const IOCTL_HANDLERS: { readonly [K in Exclude<PayloadKind, 'ulongBool' | 'ulong' | 'ifIndexNetOrder' | 'securityDescriptor'>]: OptionHandler } = {
  eventCallback: runOnly(eventCallback),
  sockaddrOrClear: runOnly(sockaddrOrClear),
  sizeTQuery: runOnly(sizeTQuery),
  inspectId: runOnly(inspectId),
  registerExtension: runOnly(registerExtension),
  silentMode: runOnly(silentMode),
  loopbackFastPath: runOnly(loopbackFastPath),
  addressListQuery: runOnly(addressListQuery),
  addressListChange: runOnly(addressListChange),
  wfpQuery: runOnly(wfpQuery),
  wfpSet: runOnly(wfpSet),
};
