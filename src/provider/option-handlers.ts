/**
 * Payload handlers, one per payload kind of abi/options.ts: decode a Set's input, encode a Get's output.
 */
import type { PayloadKind } from '../../abi/schema';
import { readUlong, writeUlong } from '../codec/bytes';

/** Decodes and encodes one payload kind. */
export interface OptionHandler {
  /** The value a Set's InputBuffer carries (InputBuffer is at least the row's size). */
  decode(input: Uint8Array): number;
  /** Whether the value is in the row's domain, and what is stored (normalise = lenient preset). */
  normalize(value: number, domain: readonly number[] | null, normalize: boolean): number;
  /** Write a Get's value into OutputBuffer; returns the bytes written. */
  encode(output: Uint8Array, value: number): number;
}

/** Returned by normalize when the value is outside the domain and may not be normalised. */
export const OUT_OF_DOMAIN = -1;

const ULONG_BOOL: OptionHandler = {
  decode: (input) => readUlong(input, 0),
  normalize: (value, domain, normalize) => {
    if (normalize) return value === 0 ? 0 : 1;
    return domain === null || domain.includes(value) ? value : OUT_OF_DOMAIN;
  },
  encode: (output, value) => { writeUlong(output, 0, value); return 4; },
};

const ULONG: OptionHandler = {
  decode: (input) => readUlong(input, 0),
  normalize: (value, domain) => (domain === null || domain.includes(value) ? value : OUT_OF_DOMAIN),
  encode: (output, value) => { writeUlong(output, 0, value); return 4; },
};

/** Handlers by payload kind. */
export const OPTION_HANDLERS: { readonly [K in PayloadKind]: OptionHandler } = { ulongBool: ULONG_BOOL, ulong: ULONG };
