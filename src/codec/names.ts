/**
 * Name <-> value lookups over the ABI tables, built once at load.
 */
import { NTSTATUS, type NtStatusName } from '../../abi/ntstatus';
import {
  ADDRESS_FAMILIES, CONTROL_CODES, LEVELS, PROTOCOLS, SOCKET_TYPES, WSA_ERRORS, WSK_CONTROL_SOCKET_TYPE, WSK_SOCKET_FLAGS,
  WSK_CLIENT_CONTROL_CODES, WSK_EVENT_FLAGS, WSK_IO_FLAGS,
} from '../../abi/constants';
import type { ValueRow } from '../../abi/schema';

function values<T extends Record<string, ValueRow>>(table: T): { readonly [K in keyof T]: number } {
  const out: Record<string, number> = {};
  for (const [k, row] of Object.entries(table)) out[k] = row.value;
  return Object.freeze(out) as { readonly [K in keyof T]: number };
}

/** NTSTATUS values by name, as unsigned 32-bit numbers. */
export const STATUS = values(NTSTATUS);
/** Level values by name. */
export const LEVEL = values(LEVELS);
/** Control code values by name (unsigned ULONG form). */
export const CODE = values(CONTROL_CODES);
/** Address family values by name. */
export const AF = values(ADDRESS_FAMILIES);
/** Socket type values by name. */
export const SOCK = values(SOCKET_TYPES);
/** Protocol values by name. */
export const PROTO = values(PROTOCOLS);
/** WskSocket flag values by name. */
export const WSK_FLAG = values(WSK_SOCKET_FLAGS);
/** WSK_CONTROL_SOCKET_TYPE values by name. */
export const REQUEST = values(WSK_CONTROL_SOCKET_TYPE);
/** Winsock error codes by name. */
export const WSA = values(WSA_ERRORS);

/** WSK_EVENT_* flags by name. */
export const EVENT = values(WSK_EVENT_FLAGS);
/** Flags of WskDisconnect by name. */
export const IO_FLAG = values(WSK_IO_FLAGS);
/** WskControlClient control codes by name. */
export const CLIENT_CODE = values(WSK_CLIENT_CONTROL_CODES);

const STATUS_NAMES = new Map<number, NtStatusName>();
for (const [k, v] of Object.entries(STATUS)) STATUS_NAMES.set(v, k as NtStatusName);

/** The Windows name of an NTSTATUS value, or its hex form when the tables do not know it. */
export function statusName(status: number): string {
  return STATUS_NAMES.get(status >>> 0) ?? `0x${(status >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

/** True when the value is one of the NTSTATUS rows of abi/ntstatus.ts. */
export function isKnownStatus(status: number): boolean {
  return STATUS_NAMES.has(status);
}

const ALL_CONSTANTS = new Map<string, number>();
for (const t of [NTSTATUS, LEVELS, CONTROL_CODES, ADDRESS_FAMILIES, SOCKET_TYPES, PROTOCOLS, WSK_SOCKET_FLAGS, WSK_CONTROL_SOCKET_TYPE, WSA_ERRORS, WSK_EVENT_FLAGS, WSK_CLIENT_CONTROL_CODES, WSK_IO_FLAGS]) {
  for (const [k, row] of Object.entries(t)) ALL_CONSTANTS.set(k, (row as ValueRow).value);
}

/** Value of any constant named in the ABI tables, or undefined. */
export function constantValue(name: string): number | undefined {
  return ALL_CONSTANTS.get(name);
}

/** Every constant name known to the ABI tables. */
export function constantNames(): IterableIterator<string> {
  return ALL_CONSTANTS.keys();
}
