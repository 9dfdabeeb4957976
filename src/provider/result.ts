/**
 * Call results: an NTSTATUS (unsigned 32-bit, >= 0) or a fault (a negative number). Allocation-free by design.
 */
import { FAULT_NAMES, type FaultName } from '../../abi/policy';
import { statusName } from '../codec/names';

/** Fault codes: negative numbers, so that they can never collide with an NTSTATUS. */
export const Fault: { readonly [K in FaultName]: number } = Object.freeze(
  Object.fromEntries(FAULT_NAMES.map((n, i) => [n, -(i + 1)])) as { [K in FaultName]: number },
);

/** True when a call result is a fault rather than an NTSTATUS. */
export function isFault(result: number): boolean {
  return result < 0;
}

/** The fault name of a fault result, or undefined for an NTSTATUS. */
export function faultName(result: number): FaultName | undefined {
  return result < 0 ? FAULT_NAMES[-result - 1] : undefined;
}

/** A readable name for any call result: the fault name or the NTSTATUS name. */
export function resultName(result: number): string {
  return result < 0 ? `fault ${FAULT_NAMES[-result - 1] ?? result}` : statusName(result);
}
