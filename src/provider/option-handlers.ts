/**
 * Payload handlers, one per payload kind of abi/options.ts: decode a Set's input, encode a Get's output.
 */
import type { PayloadKind } from '../../abi/schema';
import { readUintN, readUlong, writeUintN, writeUlong } from '../codec/bytes';
import { IOCTL_HANDLERS } from './ioctl-handlers';
import type { CompiledOption } from './option-table';
import type { WskProvider } from './provider';
import type { SimSocket } from './socket';

/**
 * Runs a row whose payload needs more than decode/encode: for WskIoctl rows checks 8-13 and the
 * effect; for Set/Get rows checks 11-13 and the effect. Completes the IRP when one is given.
 */
export type RunHandler = (
  p: WskProvider, s: SimSocket, opt: CompiledOption, inSize: number, input: Uint8Array | null,
  outSize: number, output: Uint8Array | null, osr: Uint8Array | null, irp: Uint8Array | null,
) => number;

/** Decodes and encodes one payload kind. */
export interface OptionHandler {
  /** The value a Set's InputBuffer carries (InputBuffer is at least the row's size, `size` bytes). */
  decode(input: Uint8Array, size: number): number;
  /** Whether the value is in the row's domain (CompiledOption.domainBits), and what is stored (normalise = lenient preset). */
  normalize(value: number, domainBits: number, normalize: boolean): number;
  /** Extra value-domain check against provider state (check 11), when the payload needs one. */
  accept?(p: WskProvider, value: number): boolean;
  /** Write a Get's value (`size` = the row's returned size) into OutputBuffer; returns the bytes written. */
  encode(output: Uint8Array, value: number, size: number): number;
  /** Present for payload kinds handled by their own code. */
  readonly run?: RunHandler;
  /**
   * Set on the plain ULONG kinds (decode = readUlong, normalize = ulongValue, encode = writeUlong, 4 bytes): the
   * control path runs them inline instead of calling through the handler.
   */
  readonly plainUlong?: boolean;
}

/** Returned by normalize when the value is outside the domain and may not be normalised. */
export const OUT_OF_DOMAIN = -1;

/** Whether a value is in a domain given as a bit mask (bit v = value v; -1 = any value). */
export function inDomain(domainBits: number, value: number): boolean {
  return domainBits === -1 || (value < 31 && ((domainBits >>> value) & 1) === 1);
}

/**
 * Check 11 for a plain ULONG: the value to store, or OUT_OF_DOMAIN. `normalizeBool` (a boolean kind under the lenient
 * preset) stores any nonzero value as 1.
 */
export function ulongValue(value: number, domainBits: number, normalizeBool: boolean): number {
  if (normalizeBool) return value === 0 ? 0 : 1;
  return inDomain(domainBits, value) ? value : OUT_OF_DOMAIN;
}

const ULONG_BOOL: OptionHandler = {
  decode: (input) => readUlong(input, 0),
  normalize: ulongValue,
  encode: (output, value) => { writeUlong(output, 0, value); return 4; },
  plainUlong: true,
};

const ULONG: OptionHandler = {
  decode: (input) => readUlong(input, 0),
  normalize: (value, domainBits) => ulongValue(value, domainBits, false),
  encode: (output, value) => { writeUlong(output, 0, value); return 4; },
  plainUlong: true,
};

/**
 * PSECURITY_DESCRIPTOR (SO_WSK_SECURITY): a pointer-sized little-endian value that is the handle of a cached
 * descriptor (policy so-wsk-security-value); a Set must name a live cached descriptor.
 */
const SECURITY_DESCRIPTOR: OptionHandler = {
  decode: (input, size) => readUintN(input, 0, size),
  normalize: (value) => value,
  accept: (p, value) => value <= 0xffffffff && p.liveSd(value),
  encode: (output, value, size) => { writeUintN(output, 0, value, size); return size; },
};

/**
 * IP_UNICAST_IF: Set carries an interface index in network byte order whose first octet must be 0
 * (W1 ipproto-ip-socket-options.md: "must be an interface index in network byte order"; an index is a 24-bit
 * number); Get returns it in host byte order.
 */
const IF_INDEX_NET_ORDER: OptionHandler = {
  decode: (input) => ((input[0]! << 24) | (input[1]! << 16) | (input[2]! << 8) | input[3]!) >>> 0,
  normalize: (value) => (value >>> 24 === 0 ? value : OUT_OF_DOMAIN),
  encode: (output, value) => { writeUlong(output, 0, value); return 4; },
};

/** Handlers by payload kind. */
export const OPTION_HANDLERS: { readonly [K in PayloadKind]: OptionHandler } = {
  ulongBool: ULONG_BOOL, ulong: ULONG,
  securityDescriptor: SECURITY_DESCRIPTOR,
  ifIndexNetOrder: IF_INDEX_NET_ORDER,
  ...IOCTL_HANDLERS,
};
