/**
 * Every NTSTATUS the simulator returns, as unsigned 32-bit numbers. Data only.
 * Values are from mingw-w64 ntstatus.h (TOOLING.md §10.3) unless the row says otherwise.
 */
import type { Citation, ValueRow } from './schema';

const NTSTATUS_H: Citation = { ref: 'H-mingw', at: 'mingw-w64-headers/include/ntstatus.h', layer: 'header' };

/** NTSTATUS values by their Windows names. */
export const NTSTATUS = {
  STATUS_SUCCESS: { value: 0x00000000, source: NTSTATUS_H },
  STATUS_PENDING: { value: 0x00000103, source: NTSTATUS_H },
  STATUS_EVENT_PENDING: { value: 0x40000013, source: NTSTATUS_H },
  STATUS_BUFFER_OVERFLOW: { value: 0x80000005, source: NTSTATUS_H },
  STATUS_NOT_IMPLEMENTED: { value: 0xC0000002, source: NTSTATUS_H },
  STATUS_INVALID_HANDLE: { value: 0xC0000008, source: NTSTATUS_H },
  STATUS_INVALID_PARAMETER: { value: 0xC000000D, source: NTSTATUS_H },
  STATUS_INVALID_DEVICE_REQUEST: { value: 0xC0000010, source: NTSTATUS_H },
  STATUS_ACCESS_DENIED: { value: 0xC0000022, source: NTSTATUS_H },
  STATUS_BUFFER_TOO_SMALL: { value: 0xC0000023, source: NTSTATUS_H },
  STATUS_SHARING_VIOLATION: { value: 0xC0000043, source: NTSTATUS_H },
  STATUS_FILE_FORCED_CLOSED: { value: 0xC00000B6, source: NTSTATUS_H },
  STATUS_NOT_SUPPORTED: { value: 0xC00000BB, source: NTSTATUS_H },
  STATUS_INTEGER_OVERFLOW: { value: 0xC0000095, source: NTSTATUS_H },
  STATUS_INSUFFICIENT_RESOURCES: { value: 0xC000009A, source: NTSTATUS_H },
  STATUS_CANCELLED: { value: 0xC0000120, source: NTSTATUS_H },
  STATUS_INVALID_CONNECTION: { value: 0xC0000140, source: NTSTATUS_H },
  STATUS_INVALID_ADDRESS: { value: 0xC0000141, source: NTSTATUS_H },
  STATUS_INVALID_DEVICE_STATE: { value: 0xC0000184, source: NTSTATUS_H },
  STATUS_INVALID_BUFFER_SIZE: { value: 0xC0000206, source: NTSTATUS_H },
  STATUS_INVALID_ADDRESS_COMPONENT: { value: 0xC0000207, source: NTSTATUS_H },
  STATUS_TOO_MANY_ADDRESSES: { value: 0xC0000209, source: NTSTATUS_H },
  STATUS_ADDRESS_ALREADY_EXISTS: { value: 0xC000020A, source: NTSTATUS_H },
  STATUS_NOT_FOUND: { value: 0xC0000225, source: NTSTATUS_H },
  STATUS_CONNECTION_REFUSED: { value: 0xC0000236, source: NTSTATUS_H },
  STATUS_ADDRESS_ALREADY_ASSOCIATED: { value: 0xC0000238, source: NTSTATUS_H },
  STATUS_CONNECTION_ACTIVE: { value: 0xC000023B, source: NTSTATUS_H },
} as const satisfies Record<string, ValueRow>;

/** Name of an NTSTATUS row. */
export type NtStatusName = keyof typeof NTSTATUS;
