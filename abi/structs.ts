/**
 * Structure layouts per data model, with field offsets and sizes. Data only.
 */
import type { Citation, StructLayout } from './schema';

const MINGW_LAYOUT = (at: string): Citation => ({ ref: 'H-mingw', at: `${at}; sizeof/offsetof with i686 and x86_64 mingw-w64 GCC 12 (npm run verify:abi; abi/README.md)`, layer: 'header' });

/** Every structure the simulator reads or writes, by its Windows name. */
export const STRUCTS = {
  ULONG: {
    name: 'ULONG', size: 4, align: 4,
    fields: [{ name: 'value', offset: 0, size: 4, order: 'le' }],
    source: MINGW_LAYOUT('ntdef.h ULONG'),
  },
  SIZE_T: {
    name: 'SIZE_T', size: { x86: 4, x64: 8 }, align: { x86: 4, x64: 8 },
    fields: [{ name: 'value', offset: 0, size: { x86: 4, x64: 8 }, order: 'le' }],
    source: MINGW_LAYOUT('basetsd.h SIZE_T = ULONG_PTR'),
  },
  IO_STATUS_BLOCK: {
    name: 'IO_STATUS_BLOCK', size: { x86: 8, x64: 16 }, align: { x86: 4, x64: 8 },
    fields: [
      { name: 'Status', offset: 0, size: 4, order: 'le' },
      { name: 'Information', offset: { x86: 4, x64: 8 }, size: { x86: 4, x64: 8 }, order: 'le' },
    ],
    source: MINGW_LAYOUT('winternl.h / ddk/wdm.h IO_STATUS_BLOCK (Status in a union with Pointer)'),
  },
  IRP: {
    // align: mingw-w64's struct _IRP has no DECLSPEC_ALIGN; its 8-byte members give 8 on both (i686 included:
    // MS ABI aligns LONGLONG to 8 in structures). WDK wdm.h declares DECLSPEC_ALIGN(MEMORY_ALLOCATION_ALIGNMENT),
    // i.e. 8 on x86 and 16 on x64; sizes agree (112 and 208). The simulator never depends on the IRP's alignment.
    name: 'IRP', size: { x86: 112, x64: 208 }, align: { x86: 8, x64: 8 },
    fields: [
      { name: 'IoStatus', offset: { x86: 24, x64: 48 }, size: { x86: 8, x64: 16 }, order: 'bytes' },
    ],
    source: MINGW_LAYOUT('ddk/wdm.h struct _IRP, offsetof(IRP, IoStatus)'),
  },
  SOCKADDR_IN: {
    name: 'SOCKADDR_IN', size: 16, align: 4,
    fields: [
      { name: 'sin_family', offset: 0, size: 2, order: 'le' },
      { name: 'sin_port', offset: 2, size: 2, order: 'be' },
      { name: 'sin_addr', offset: 4, size: 4, order: 'bytes' },
      { name: 'sin_zero', offset: 8, size: 8, order: 'bytes' },
    ],
    source: MINGW_LAYOUT('ws2def.h SOCKADDR_IN'),
  },
  SOCKADDR_IN6: {
    name: 'SOCKADDR_IN6', size: 28, align: 4,
    fields: [
      { name: 'sin6_family', offset: 0, size: 2, order: 'le' },
      { name: 'sin6_port', offset: 2, size: 2, order: 'be' },
      { name: 'sin6_flowinfo', offset: 4, size: 4, order: 'be' },
      { name: 'sin6_addr', offset: 8, size: 16, order: 'bytes' },
      { name: 'sin6_scope_id', offset: 24, size: 4, order: 'le' },
    ],
    source: MINGW_LAYOUT('ws2ipdef.h SOCKADDR_IN6 (offsetof sin6_scope_id = 24)'),
  },
  WSK_EVENT_CALLBACK_CONTROL: {
    name: 'WSK_EVENT_CALLBACK_CONTROL', size: { x86: 8, x64: 16 }, align: { x86: 4, x64: 8 },
    fields: [
      { name: 'NpiId', offset: 0, size: { x86: 4, x64: 8 }, order: 'le' },
      { name: 'EventMask', offset: { x86: 4, x64: 8 }, size: 4, order: 'le' },
    ],
    source: { ref: 'H-wsk', at: 'km/wsk.h struct _WSK_EVENT_CALLBACK_CONTROL { PNPIID NpiId; ULONG EventMask; } (4 bytes of tail padding on x64; laid out by npm run verify:abi, abi/README.md)', layer: 'header' },
  },
  WSK_INSPECT_ID: {
    name: 'WSK_INSPECT_ID', size: { x86: 8, x64: 16 }, align: { x86: 4, x64: 8 },
    fields: [
      { name: 'Key', offset: 0, size: { x86: 4, x64: 8 }, order: 'le' },
      { name: 'SerialNumber', offset: { x86: 4, x64: 8 }, size: 4, order: 'le' },
    ],
    source: { ref: 'H-wsk', at: 'km/wsk.h struct _WSK_INSPECT_ID { ULONG_PTR Key; ULONG SerialNumber; } (npm run verify:abi; abi/README.md)', layer: 'header' },
  },
  WSK_EXTENSION_CONTROL_IN: {
    name: 'WSK_EXTENSION_CONTROL_IN', size: { x86: 12, x64: 24 }, align: { x86: 4, x64: 8 },
    fields: [
      { name: 'NpiId', offset: 0, size: { x86: 4, x64: 8 }, order: 'le' },
      { name: 'ClientContext', offset: { x86: 4, x64: 8 }, size: { x86: 4, x64: 8 }, order: 'le' },
      { name: 'ClientDispatch', offset: { x86: 8, x64: 16 }, size: { x86: 4, x64: 8 }, order: 'le' },
    ],
    source: { ref: 'H-wsk', at: 'km/wsk.h struct _WSK_EXTENSION_CONTROL_IN (laid out by npm run verify:abi; abi/README.md)', layer: 'header' },
  },
  WSK_EXTENSION_CONTROL_OUT: {
    name: 'WSK_EXTENSION_CONTROL_OUT', size: { x86: 8, x64: 16 }, align: { x86: 4, x64: 8 },
    fields: [
      { name: 'ProviderContext', offset: 0, size: { x86: 4, x64: 8 }, order: 'le' },
      { name: 'ProviderDispatch', offset: { x86: 4, x64: 8 }, size: { x86: 4, x64: 8 }, order: 'le' },
    ],
    source: { ref: 'H-wsk', at: 'km/wsk.h struct _WSK_EXTENSION_CONTROL_OUT (laid out by npm run verify:abi; abi/README.md)', layer: 'header' },
  },
  SOCKET_ADDRESS: {
    name: 'SOCKET_ADDRESS', size: { x86: 8, x64: 16 }, align: { x86: 4, x64: 8 },
    fields: [
      { name: 'lpSockaddr', offset: 0, size: { x86: 4, x64: 8 }, order: 'le' },
      { name: 'iSockaddrLength', offset: { x86: 4, x64: 8 }, size: 4, order: 'le' },
    ],
    source: MINGW_LAYOUT('ws2def.h SOCKET_ADDRESS (sizeof 8 / 16, offsetof iSockaddrLength 4 / 8)'),
  },
  SOCKET_ADDRESS_LIST: {
    name: 'SOCKET_ADDRESS_LIST', size: { x86: 12, x64: 24 }, align: { x86: 4, x64: 8 },
    fields: [
      { name: 'iAddressCount', offset: 0, size: 4, order: 'le' },
      { name: 'Address', offset: { x86: 4, x64: 8 }, size: { x86: 8, x64: 16 }, order: 'bytes' },
    ],
    source: MINGW_LAYOUT('ws2def.h SOCKET_ADDRESS_LIST (sizeof 12 / 24, offsetof Address 4 / 8); SIZEOF_SOCKET_ADDRESS_LIST(n) = FIELD_OFFSET(Address) + n * sizeof(SOCKET_ADDRESS)'),
  },
  WSK_TRANSPORT: {
    name: 'WSK_TRANSPORT', size: 28, align: 4,
    fields: [
      { name: 'Version', offset: 0, size: 2, order: 'le' },
      { name: 'SocketType', offset: 2, size: 2, order: 'le' },
      { name: 'Protocol', offset: 4, size: 4, order: 'le' },
      { name: 'AddressFamily', offset: 8, size: 2, order: 'le' },
      { name: 'ProviderId', offset: 12, size: 16, order: 'bytes' },
    ],
    source: { ref: 'H-wsk', at: 'km/wsk.h struct _WSK_TRANSPORT { USHORT Version; USHORT SocketType; ULONG Protocol; ADDRESS_FAMILY AddressFamily; GUID ProviderId; }: natural C layout (GUID aligned 4), no pointer so x86 = x64 (CALC by hand, not compiled: mingw has no wsk.h)', layer: 'header' },
  },
} as const satisfies Record<string, StructLayout>;

/** Name of a structure layout. */
export type StructName = keyof typeof STRUCTS;
