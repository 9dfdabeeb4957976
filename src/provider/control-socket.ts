/**
 * WskControlSocket: the checks of POLICY.md in their fixed order (abi/policy.ts CONTROL_CHECKS), then the option's
 * handler. Allocation-free on the inline path.
 */
import type { RuleId } from '../../abi/policy';
import { readUlong, writeUintN, writeUlong } from '../codec/bytes';
import { REQUEST, STATUS } from '../codec/names';
import { DEV_INPUT_BUFFER, DEV_INPUT_SIZE, DEV_OSR, DEV_OUTPUT_BUFFER, DEV_OUTPUT_SIZE, deviationsDecide, evidenceFitsTransport, evidenceStoresAfterBind } from './evidence';
import { OUT_OF_DOMAIN, ulongValue } from './option-handlers';
import {
  IRP_NULL, IRP_REQUIRED, rowFitsCategory, rowFitsTransport, type CompiledOption,
} from './option-table';
import { isConnected } from './connections';
import type { WskProvider } from './provider';
import { Fault } from './result';
import { OPTION_STATE_INDEX, type SimSocket } from './socket';

// Boolean fields are tested with `=== true` / `=== false`: V8 cannot tell a boolean field from any other oddball and
// would otherwise emit a full truthiness test (about ten instructions) for each.
// Status and request values hoisted once: the name tables are built dynamically, so reading them per call is slow.
const { STATUS_BUFFER_TOO_SMALL, STATUS_FILE_FORCED_CLOSED, STATUS_INVALID_DEVICE_REQUEST, STATUS_INVALID_DEVICE_STATE, STATUS_INVALID_PARAMETER, STATUS_NOT_SUPPORTED, STATUS_SUCCESS } = STATUS;
const { WskIoctl } = REQUEST;
const LOOPBACK_FAST_PATH_SLOT = OPTION_STATE_INDEX.loopbackFastPath;
const { InvalidSocket, InputBufferOverrun, OutputBufferOverrun, OutputSizeReturnedOverrun, IrpOverrun } = Fault;

/**
 * Implementation of WskProvider.wskControlSocket (see there for the C prototype), on arguments already converted by
 * the method (so a caller's constant arguments fold where they are written). Checks 1-13 run in one function body,
 * so the optimiser compiles the whole inline path as one unit. A pending call re-enters with `delivering` set:
 * checks 1-6 were judged at submission (synchronousWhenPending); only 3 can change meanwhile and it is skipped.
 */
export function controlSocket(
  p: WskProvider, socket: number, rt: number, code: number, lvl: number, inSize: number, input: Uint8Array | null,
  outSize: number, output: Uint8Array | null, osr: Uint8Array | null, irp: Uint8Array | null, delivering: boolean,
): number {
  // 1. socket-live
  const s = p.liveSocket(socket);
  if (s === null) return p.fault('socket-live', InvalidSocket);
  // 2. buffers-cover-sizes
  if (input !== null && input.length < inSize) return p.fault('buffers-cover-sizes', InputBufferOverrun);
  if (output !== null && output.length < outSize) return p.fault('buffers-cover-sizes', OutputBufferOverrun);
  if (osr !== null && osr.length < p.sizeT) return p.fault('buffers-cover-sizes', OutputSizeReturnedOverrun);
  if (irp !== null && irp.length < p.sizeofIrp) return p.fault('buffers-cover-sizes', IrpOverrun);
  // 3. not-forced-closed
  if (s.forcedClosed === true && delivering === false) return p.fail(irp, STATUS_FILE_FORCED_CLOSED, 'not-forced-closed');
  // 4. request-type
  if (rt > WskIoctl) return p.fail(irp, STATUS_INVALID_PARAMETER, 'request-type');
  // 5. option-known
  const opt = p.options.find(rt, lvl, code);
  if (opt === undefined) return p.fail(irp, STATUS_NOT_SUPPORTED, 'option-known');
  // 6. irp-required / 6b. irp-must-be-null
  if (opt.irp === IRP_REQUIRED && irp === null) {
    p.setReason('irp-required');
    return STATUS_INVALID_PARAMETER;
  }
  if (opt.irp === IRP_NULL && irp !== null) return p.fail(irp, STATUS_INVALID_PARAMETER, 'irp-must-be-null');
  // completion: pending queues checks 7-13 for deliverCompletions
  if (irp !== null && p.deferIrps === true && delivering === false) return p.deferControl(irp, s, socket, rt, code, lvl, inSize, input, outSize, output, osr);

  // 7. socket-category (checks 7-13 run again at delivery: forget an entry the submission relied on)
  p.evidenceEntry = null;
  if (!rowFitsCategory(opt, s)) return p.fail(irp, STATUS_INVALID_DEVICE_REQUEST, 'socket-category');
  // 7b. option-transport: the row's address families and socket types (or the preset's extend-applicability entries)
  if (!rowFitsTransport(opt, s) && !evidenceFitsTransport(p, opt, s)) return p.fail(irp, STATUS_NOT_SUPPORTED, 'option-transport');
  if (opt.notUnderFastPath === true && s.options[LOOPBACK_FAST_PATH_SLOT] !== 0) {
    return p.fail(irp, STATUS_NOT_SUPPORTED, 'loopback-fast-path-options');
  }
  // WskIoctl rows: checks 8-13 belong to the payload kind's handler
  if (opt.requestType === WskIoctl) return opt.run!(p, s, opt, inSize, input, outSize, output, osr, irp);
  const isSet = opt.isSet === true;
  // 8. buffer-presence
  if (opt.size > 0 && (isSet ? input === null : output === null)) return p.fail(irp, STATUS_INVALID_PARAMETER, 'buffer-presence');
  // 9. set-input-size / get-output-size
  if (isSet) {
    if (p.exactSetSize === true ? inSize !== opt.size : inSize < opt.size) return p.fail(irp, STATUS_INVALID_PARAMETER, 'set-input-size');
  } else if (outSize < opt.size) {
    return p.fail(irp, STATUS_BUFFER_TOO_SMALL, 'get-output-size');
  }
  // 10. unused-args-null: the deviations are recorded whatever the preset; the preset decides which fail the check
  if (deviationsDecide(p, setGetDeviations(opt, inSize, input, outSize, output, osr), rt, irp)) return p.fail(irp, STATUS_INVALID_PARAMETER, 'unused-args-null');
  // Payload kinds with their own handler run checks 11-13 themselves
  if (opt.run !== null) return opt.run(p, s, opt, inSize, input, outSize, output, osr, irp);
  // 11-13 and the effect
  let written = 0;
  if (isSet) {
    const failed = setValue(p, s, opt, input!);
    if (failed !== PASSED) return p.fail(irp, FAILED_STATUS[failed]!, FAILED_RULE[failed]!);
  } else {
    // 12. timing (Get of an after-bind or after-connect operation)
    if (tooEarly(opt, s)) return p.fail(irp, STATUS_INVALID_DEVICE_STATE, 'timing');
    written = getValue(s, opt, output!);
  }
  return succeed(p, irp, isSet ? null : osr, written, opt.successRule);
}

/** Outcome of checks 11-13 of a Set: PASSED, or the failed check as an index into FAILED_RULE / FAILED_STATUS. */
const PASSED = 0;
const VALUE_DOMAIN = 1;
const TIMING = 2;
const MUTUAL_EXCLUSION = 3;
const FAILED_RULE: readonly RuleId[] = ['value-domain', 'value-domain', 'timing', 'mutual-exclusion'];
const FAILED_STATUS = [STATUS_SUCCESS, STATUS_INVALID_PARAMETER, STATUS_INVALID_DEVICE_STATE, STATUS_INVALID_PARAMETER];

/** Check 10's deviations of a Set or Get: the arguments the row documents as 0/NULL that are given (evidence.ts bits). */
function setGetDeviations(
  opt: CompiledOption, inSize: number, input: Uint8Array | null, outSize: number, output: Uint8Array | null, osr: Uint8Array | null,
): number {
  let d = 0;
  if (opt.unusedMustBeNull === true) {
    if (opt.isSet === true) d = (outSize !== 0 ? DEV_OUTPUT_SIZE : 0) | (output !== null ? DEV_OUTPUT_BUFFER : 0);
    else d = (inSize !== 0 ? DEV_INPUT_SIZE : 0) | (input !== null ? DEV_INPUT_BUFFER : 0);
  }
  if (opt.outputSizeReturnedNull === true && osr !== null) d |= DEV_OSR;
  return d;
}

/** Checks 11-13 of a Set and, when they pass, its effect (stores the value); returns PASSED or the failed check. */
function setValue(p: WskProvider, s: SimSocket, opt: CompiledOption, input: Uint8Array): number {
  // 11. value-domain (plain ULONG kinds inline; others through their handler)
  const value = opt.plainUlong === true
    ? ulongValue(readUlong(input, 0), opt.domainBits, opt.boolPayload === true && p.normalizeBool === true)
    : handlerValue(p, opt, input);
  if (value === OUT_OF_DOMAIN || (opt.domainMax >= 0 && value > opt.domainMax)) return VALUE_DOMAIN;
  // 12. timing
  if (opt.beforeBind === true && s.bound === true && p.rejectSetAfterBind === true && !evidenceStoresAfterBind(p, opt, s)) return TIMING;
  if (tooEarly(opt, s)) return TIMING;
  // 13. mutual-exclusion
  if (opt.exclusiveIndex >= 0 && value !== 0 && s.options[opt.exclusiveIndex] !== 0) return MUTUAL_EXCLUSION;
  s.options[opt.stateIndex] = value;
  return PASSED;
}

/** Check 11 of a Set through the payload kind's handler: the value to store, or OUT_OF_DOMAIN. */
function handlerValue(p: WskProvider, opt: CompiledOption, input: Uint8Array): number {
  const value = opt.handler.normalize(opt.handler.decode(input, opt.size), opt.domainBits, p.normalizeBool);
  return value !== OUT_OF_DOMAIN && opt.accept !== null && !opt.accept(p, value) ? OUT_OF_DOMAIN : value;
}

/** The effect of a Get: writes the value into OutputBuffer; returns the byte count. */
function getValue(s: SimSocket, opt: CompiledOption, output: Uint8Array): number {
  const value = s.options[opt.stateIndex]!;
  return opt.plainUlong === true ? writeUlong4(output, value) : opt.handler.encode(output, value, opt.returnedSize);
}

/** Write a plain ULONG Get result; returns the byte count. */
function writeUlong4(output: Uint8Array, value: number): number {
  writeUlong(output, 0, value);
  return 4;
}

/** An operation documented as "after bind" on a socket not yet bound, or as "after connect" on one without a connection (policy after-connect-state). */
export function tooEarly(opt: CompiledOption, s: SimSocket): boolean {
  return opt.needsBound === true && (s.bound === false || (opt.needsConnection === true && !isConnected(s)));
}

/**
 * @internal The success completion of WskControlSocket, written once: record the rule, then complete the IRP with the
 * byte count, or write *OutputSizeReturned when no IRP is used. The guarded success path has the one hand-inlined
 * copy (WskProvider.completeSuccess).
 */
export function succeed(p: WskProvider, irp: Uint8Array | null, osr: Uint8Array | null, written: number, rule: RuleId): number {
  // a success that an evidence-based entry made possible is decided by that entry (policy evidence-entry-reported)
  p.setReason(p.evidenceEntry ?? rule);
  if (irp !== null) p.complete(irp, STATUS_SUCCESS, written);
  else if (osr !== null) writeUintN(osr, 0, written, p.sizeT);
  return STATUS_SUCCESS;
}
