/**
 * WskControlClient at byte level: WSK_TRANSPORT_LIST_QUERY, WSK_CACHE_SD, WSK_RELEASE_SD,
 * WSK_SET_STATIC_EVENT_CALLBACKS and WSK_TDI_BEHAVIOR, checked in the order of abi/policy.ts CLIENT_CHECKS.
 *
 * NTSTATUS WSKAPI WskControlClient(_In_ PWSK_CLIENT Client, _In_ ULONG ControlCode, _In_ SIZE_T InputSize,
 *   _In_reads_bytes_opt_(InputSize) PVOID InputBuffer, _In_ SIZE_T OutputSize,
 *   _Out_writes_bytes_opt_(OutputSize) PVOID OutputBuffer, _Out_opt_ SIZE_T *OutputSizeReturned,
 *   _Inout_opt_ PIRP Irp);
 */
import { SIMULATED_TRANSPORTS } from '../../abi/options';
import { STRUCTS } from '../../abi/structs';
import { readUintN, readUlong, writeUintN, writeUlong } from '../codec/bytes';
import { archSize } from '../codec/layout';
import { AF, CLIENT_CODE, EVENT, PROTO, SOCK, STATUS } from '../codec/names';
import { ALL_EVENTS, LIST_LAYOUT, pointerNonNull } from './ioctl-handlers';
import { bufferArg, sizeArg, ulongArg } from './args';
import type { WskProvider } from './provider';
import { Fault } from './result';
import { CALL_CLIENT, DEV_OSR, deviationsDecide, deviationsOf, UNUSED_INPUT, UNUSED_OUTPUT } from './evidence';

const INVALID = STATUS.STATUS_INVALID_PARAMETER;
const TRANSPORT_SIZE = archSize(STRUCTS.WSK_TRANSPORT.size, 'x64');
/** MAKE_WSK_VERSION(1, 0) (TOOLING.md §10.3). */
const WSK_VERSION_1_0 = 0x0100;

/** Implementation of WskProvider.wskControlClient (see there for the C prototype). */
export function controlClient(
  p: WskProvider, controlCode: number, inputSize: number | bigint, inputBuffer: Uint8Array | null | undefined,
  outputSize: number | bigint, outputBuffer: Uint8Array | null | undefined,
  outputSizeReturned: Uint8Array | null | undefined, irp: Uint8Array | null | undefined,
): number {
  p.clearLint();
  const code = ulongArg(controlCode, 'ControlCode');
  const inSize = sizeArg(p.layout, inputSize, 'InputSize');
  const outSize = sizeArg(p.layout, outputSize, 'OutputSize');
  const input = bufferArg(inputBuffer, 'InputBuffer');
  const output = bufferArg(outputBuffer, 'OutputBuffer');
  const osr = bufferArg(outputSizeReturned, 'OutputSizeReturned');
  const irpBuf = bufferArg(irp, 'Irp');
  // 1. client-buffers-cover-sizes
  if (input !== null && input.length < inSize) return p.fault('client-buffers-cover-sizes', Fault.InputBufferOverrun);
  if (output !== null && output.length < outSize) return p.fault('client-buffers-cover-sizes', Fault.OutputBufferOverrun);
  if (osr !== null && osr.length < p.layout.sizeT) return p.fault('client-buffers-cover-sizes', Fault.OutputSizeReturnedOverrun);
  if (irpBuf !== null && irpBuf.length < p.layout.sizeofIrp) return p.fault('client-buffers-cover-sizes', Fault.IrpOverrun);
  // 2. client-code-known
  const known = code === CLIENT_CODE.WSK_TRANSPORT_LIST_QUERY || code === CLIENT_CODE.WSK_CACHE_SD || code === CLIENT_CODE.WSK_RELEASE_SD
    || code === CLIENT_CODE.WSK_SET_STATIC_EVENT_CALLBACKS || code === CLIENT_CODE.WSK_TDI_BEHAVIOR;
  if (!known) return p.fail(irpBuf, STATUS.STATUS_NOT_SUPPORTED, 'client-code-known');
  // 3. client-irp-must-be-null: every implemented code documents "The Irp parameter must be NULL"
  if (irpBuf !== null) return p.fail(irpBuf, INVALID, 'client-irp-must-be-null');
  /** Check 10: records the deviations among `args` (evidence.ts bits); true when the preset lets them decide. */
  const unusedGiven = (args: number): boolean => deviationsDecide(p, deviationsOf(args, inSize, input, outSize, output, osr), CALL_CLIENT, null);
  const ptr = p.layout.arch.pointer;
  const exact = (size: number, need: number): boolean => (p.exactSetSize ? size === need : size >= need);

  if (code === CLIENT_CODE.WSK_TRANSPORT_LIST_QUERY) {
    if (unusedGiven(UNUSED_INPUT)) return p.fail(null, INVALID, 'unused-args-null');
    if (osr === null) return p.fail(null, INVALID, 'output-size-returned-required');
    if (outSize !== 0 && output === null) return p.fail(null, INVALID, 'buffer-presence');
    const required = SIMULATED_TRANSPORTS.length * TRANSPORT_SIZE;
    writeUintN(osr, 0, required, p.layout.sizeT);
    if (output === null || outSize < required) { p.setReason('transport-list-overflow'); return STATUS.STATUS_BUFFER_OVERFLOW; }
    SIMULATED_TRANSPORTS.forEach((t, i) => {
      const at = i * TRANSPORT_SIZE;
      output.fill(0, at, at + TRANSPORT_SIZE);
      output[at] = WSK_VERSION_1_0 & 0xff; output[at + 1] = WSK_VERSION_1_0 >>> 8;
      output[at + 2] = SOCK[t.socketType]; output[at + 3] = 0;
      writeUlong(output, at + 4, PROTO[t.protocol]);
      output[at + 8] = AF[t.family]; output[at + 9] = 0;
    });
    p.setReason('transport-list');
    return STATUS.STATUS_SUCCESS;
  }

  if (input === null) return p.fail(null, INVALID, 'buffer-presence');
  if (code === CLIENT_CODE.WSK_CACHE_SD) {
    if (output === null) return p.fail(null, INVALID, 'buffer-presence');
    if (!exact(inSize, ptr)) return p.fail(null, INVALID, 'set-input-size');
    if (outSize < ptr) return p.fail(null, STATUS.STATUS_BUFFER_TOO_SMALL, 'get-output-size');
    if (unusedGiven(DEV_OSR)) return p.fail(null, INVALID, 'unused-args-null');
    const image = pointerNonNull(input, 0, ptr) ? p.harness.sdImages?.get(readUintN(input, 0, ptr)) : undefined;
    if (image === undefined) return p.fail(null, INVALID, 'sd-image-pointer');
    const handle = p.cacheSecurityDescriptor(image);
    writeUintN(output, 0, handle, ptr);
    p.setReason('sd-cache');
    return STATUS.STATUS_SUCCESS;
  }
  if (unusedGiven(UNUSED_OUTPUT | DEV_OSR)) return p.fail(null, INVALID, 'unused-args-null');
  if (code === CLIENT_CODE.WSK_RELEASE_SD) {
    if (!exact(inSize, ptr)) return p.fail(null, INVALID, 'set-input-size');
    const handle = pointerNonNull(input, 0, ptr) ? readUintN(input, 0, ptr) : 0;
    const status = handle === 0 ? INVALID : p.releaseSecurityDescriptor(handle);
    p.setReason('sd-release');
    return status;
  }
  if (code === CLIENT_CODE.WSK_SET_STATIC_EVENT_CALLBACKS) {
    const L = LIST_LAYOUT[p.arch];
    if (!exact(inSize, archSize(STRUCTS.WSK_EVENT_CALLBACK_CONTROL.size, p.arch))) return p.fail(null, INVALID, 'set-input-size');
    const mask = readUlong(input, L.eventMaskOffset);
    if (!pointerNonNull(input, 0, L.ptr)) return p.fail(null, INVALID, 'event-callback-npiid');
    if (mask === 0 || (mask & EVENT.WSK_EVENT_DISABLE) !== 0 || (mask & ~ALL_EVENTS) !== 0) return p.fail(null, INVALID, 'event-callback-mask');
    if (p.harness.socketsCreated > 0) return p.fail(null, STATUS.STATUS_INVALID_DEVICE_STATE, 'static-callbacks-before-sockets');
    p.harness.staticEventMask = mask;
    p.setReason('static-callbacks');
    return STATUS.STATUS_SUCCESS;
  }
  // WSK_TDI_BEHAVIOR
  if (!exact(inSize, 4)) return p.fail(null, INVALID, 'set-input-size');
  const flags = readUlong(input, 0);
  if ((flags & ~CLIENT_CODE.WSK_TDI_BEHAVIOR_BYPASS_TDI) !== 0) return p.fail(null, INVALID, 'value-domain');
  if (p.harness.socketsCreated > 0) return p.fail(null, STATUS.STATUS_INVALID_DEVICE_STATE, 'tdi-behavior-before-sockets');
  p.harness.tdiBehavior = flags;
  p.setReason('tdi-behavior');
  return STATUS.STATUS_SUCCESS;
}
