/**
 * WskControlSocket: the checks of POLICY.md in their fixed order (abi/policy.ts CONTROL_CHECKS), then the option's
 * handler. Allocation-free on the inline path.
 */
import { writeUintN } from '../codec/bytes';
import { REQUEST, STATUS } from '../codec/names';
import { OUT_OF_DOMAIN } from './option-handlers';
import {
  IRP_NULL, IRP_REQUIRED, TIMING_AFTER_BIND, TIMING_AFTER_CONNECT, TIMING_BEFORE_BIND, type CompiledOption,
} from './option-table';
import { bufferArg, sizeArg, ulongArg } from './args';
import type { WskProvider } from './provider';
import { Fault } from './result';
import { OPTION_STATE_INDEX, type SimSocket } from './socket';

// Status and request values hoisted once: the name tables are built dynamically, so reading them per call is slow.
const { STATUS_BUFFER_TOO_SMALL, STATUS_FILE_FORCED_CLOSED, STATUS_INVALID_DEVICE_REQUEST, STATUS_INVALID_DEVICE_STATE, STATUS_INVALID_PARAMETER, STATUS_NOT_SUPPORTED, STATUS_SUCCESS } = STATUS;
const { WskIoctl, WskSetOption } = REQUEST;
const LOOPBACK_FAST_PATH_SLOT = OPTION_STATE_INDEX.loopbackFastPath;
const { InvalidSocket, InputBufferOverrun, OutputBufferOverrun, OutputSizeReturnedOverrun, IrpOverrun } = Fault;

/** Implementation of WskProvider.wskControlSocket (see there for the C prototype). */
export function controlSocket(
  p: WskProvider, socket: number, requestType: number, controlCode: number, level: number,
  inputSize: number | bigint, inputBuffer: Uint8Array | null | undefined,
  outputSize: number | bigint, outputBuffer: Uint8Array | null | undefined,
  outputSizeReturned: Uint8Array | null | undefined, irp: Uint8Array | null | undefined,
): number {
  const rt = ulongArg(requestType, 'RequestType');
  const code = ulongArg(controlCode, 'ControlCode');
  const lvl = ulongArg(level, 'Level');
  const inSize = sizeArg(p.layout, inputSize, 'InputSize');
  const outSize = sizeArg(p.layout, outputSize, 'OutputSize');
  const input = bufferArg(inputBuffer, 'InputBuffer');
  const output = bufferArg(outputBuffer, 'OutputBuffer');
  const osr = bufferArg(outputSizeReturned, 'OutputSizeReturned');
  const irpBuf = bufferArg(irp, 'Irp');

  // 1. socket-live
  const s = p.liveSocket(socket);
  if (s === null) return p.fault('socket-live', InvalidSocket);
  // 2. buffers-cover-sizes
  if (input !== null && input.length < inSize) return p.fault('buffers-cover-sizes', InputBufferOverrun);
  if (output !== null && output.length < outSize) return p.fault('buffers-cover-sizes', OutputBufferOverrun);
  if (osr !== null && osr.length < p.layout.sizeT) return p.fault('buffers-cover-sizes', OutputSizeReturnedOverrun);
  if (irpBuf !== null && irpBuf.length < p.layout.sizeofIrp) return p.fault('buffers-cover-sizes', IrpOverrun);
  // 3. not-forced-closed
  if (s.forcedClosed) return p.fail(irpBuf, STATUS_FILE_FORCED_CLOSED, 'not-forced-closed');
  // 4. request-type
  if (rt > WskIoctl) return p.fail(irpBuf, STATUS_INVALID_PARAMETER, 'request-type');
  // 5. option-known
  const opt = p.options.find(rt, lvl, code);
  if (opt === undefined) return p.fail(irpBuf, STATUS_NOT_SUPPORTED, 'option-known');
  // 6. irp-required / 6b. irp-must-be-null
  if (opt.irp === IRP_REQUIRED && irpBuf === null) {
    p.setReason('irp-required');
    return STATUS_INVALID_PARAMETER;
  }
  if (opt.irp === IRP_NULL && irpBuf !== null) return p.fail(irpBuf, STATUS_INVALID_PARAMETER, 'irp-must-be-null');

  if (irpBuf !== null && p.completion === 'pending') {
    return deferFinish(p, s, opt, inSize, input, outSize, output, osr, irpBuf);
  }
  return finish(p, s, opt, inSize, input, outSize, output, osr, irpBuf);
}

/** Queue checks 7-13 for deliverCompletions (a separate function, so the inline path allocates no closure context). */
function deferFinish(
  p: WskProvider, s: SimSocket, opt: CompiledOption, inSize: number, input: Uint8Array | null,
  outSize: number, output: Uint8Array | null, osr: Uint8Array | null, irp: Uint8Array,
): number {
  return p.defer(irp, s, () => { finish(p, s, opt, inSize, input, outSize, output, osr, irp); });
}

/** Checks 7-13 and the option's effect; completes the IRP when one is given. */
function finish(
  p: WskProvider, s: SimSocket, opt: CompiledOption, inSize: number, input: Uint8Array | null,
  outSize: number, output: Uint8Array | null, osr: Uint8Array | null, irp: Uint8Array | null,
): number {
  const policy = p.policy;
  const isSet = opt.requestType === WskSetOption;
  // 7. socket-category
  if ((opt.categoryMask & s.categoryBit) === 0) return p.fail(irp, STATUS_INVALID_DEVICE_REQUEST, 'socket-category');
  // 7b. option-transport (options branch): the row's address families and socket types
  if ((opt.familyMask & (1 << (s.family & 31))) === 0 || (opt.typeMask & (1 << (s.type & 31))) === 0) {
    return p.fail(irp, STATUS_NOT_SUPPORTED, 'option-transport');
  }
  if (opt.notUnderFastPath && s.options[LOOPBACK_FAST_PATH_SLOT] !== 0) {
    return p.fail(irp, STATUS_NOT_SUPPORTED, 'loopback-fast-path-options');
  }
  // WskIoctl rows (options branch): checks 8-13 belong to the payload kind's handler
  if (opt.requestType === WskIoctl) return opt.handler.run!(p, s, opt, inSize, input, outSize, output, osr, irp);
  // 8. buffer-presence
  if (opt.size > 0 && (isSet ? input === null : output === null)) return p.fail(irp, STATUS_INVALID_PARAMETER, 'buffer-presence');
  // 9. set-input-size / get-output-size
  if (isSet) {
    if (policy.setInputSize === 'exact' ? inSize !== opt.size : inSize < opt.size) {
      return p.fail(irp, STATUS_INVALID_PARAMETER, 'set-input-size');
    }
  } else if (outSize < opt.size) {
    return p.fail(irp, STATUS_BUFFER_TOO_SMALL, 'get-output-size');
  }
  // 10. unused-args-null (strict only)
  if (policy.unusedArgs === 'reject') {
    if (opt.unusedMustBeNull && (isSet ? outSize !== 0 || output !== null : inSize !== 0 || input !== null)) {
      return p.fail(irp, STATUS_INVALID_PARAMETER, 'unused-args-null');
    }
    if (opt.outputSizeReturnedNull && osr !== null) return p.fail(irp, STATUS_INVALID_PARAMETER, 'unused-args-null');
  }
  // options branch: payload kinds with their own handler run checks 11-13 themselves
  if (opt.handler.run !== undefined) return opt.handler.run(p, s, opt, inSize, input, outSize, output, osr, irp);
  if (isSet) {
    // 11. value-domain
    const value = opt.handler.normalize(opt.handler.decode(input!, opt.size), opt.domain, policy.boolDomain === 'normalize');
    if (value === OUT_OF_DOMAIN || (opt.domainMax >= 0 && value > opt.domainMax) || (opt.handler.accept !== undefined && !opt.handler.accept(p, value))) {
      return p.fail(irp, STATUS_INVALID_PARAMETER, 'value-domain');
    }
    // 12. timing
    if (opt.timing === TIMING_BEFORE_BIND && s.bound && policy.setAfterBind === 'reject') {
      return p.fail(irp, STATUS_INVALID_DEVICE_STATE, 'timing');
    }
    if (tooEarly(opt, s)) return p.fail(irp, STATUS_INVALID_DEVICE_STATE, 'timing');
    // 13. mutual-exclusion
    if (opt.exclusiveIndex >= 0 && value !== 0 && s.options[opt.exclusiveIndex] !== 0) {
      return p.fail(irp, STATUS_INVALID_PARAMETER, 'mutual-exclusion');
    }
    s.options[opt.stateIndex] = value;
    return succeed(p, irp, null, 0, 'set-success');
  }
  // 12. timing (Get of an after-bind or after-connect operation)
  if (tooEarly(opt, s)) return p.fail(irp, STATUS_INVALID_DEVICE_STATE, 'timing');
  const written = opt.handler.encode(output!, s.options[opt.stateIndex]!, opt.returnedSize);
  return succeed(p, irp, osr, written, 'get-success');
}

/** An operation documented as "after bind" or "after connect" on a socket not yet bound (connect is not modelled). */
export function tooEarly(opt: CompiledOption, s: SimSocket): boolean {
  return (opt.timing === TIMING_AFTER_BIND || opt.timing === TIMING_AFTER_CONNECT) && !s.bound;
}

/** @internal Success: complete the IRP with the byte count, or write *OutputSizeReturned when no IRP is used. */
export function succeed(p: WskProvider, irp: Uint8Array | null, osr: Uint8Array | null, written: number, rule: string): number {
  p.setReason(rule);
  if (irp !== null) p.complete(irp, STATUS_SUCCESS, written);
  else if (osr !== null) writeUintN(osr, 0, written, p.layout.sizeT);
  return STATUS_SUCCESS;
}
