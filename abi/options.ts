/**
 * The option table: one row per (request type, level, control code) the simulated provider implements. Data only.
 * Adding an option is a row here plus, at most, a small handler in src/provider/option-handlers.ts.
 */
import type { Citation, OptionRow } from './schema';

const SEED: Citation = { ref: 'D2', at: 'so-exclusiveaddruse.md, parameter tables (shared/seed/so-exclusiveaddruse.md)', layer: 'WSK' };
const REUSE_PAGE: Citation = { ref: 'D2', at: 'so-reuseaddr.md, parameter tables', layer: 'WSK' };
const STREAM: Citation = { ref: 'WSKSIM', at: 'policy stream-socket-options (WSK-SPEC.md §2.5)', layer: 'policy' };
const V6ONLY_HDR: Citation = { ref: 'H-ws2ipdef', at: 'shared/ws2ipdef.h: IPV6_V6ONLY 27 at level IPPROTO_IPV6 (BIND-RULES.md §4.5)', layer: 'header' };
const V6ONLY_SAMPLE: Citation = { ref: 'WDS', at: 'network/wsk/echosrv/wsksmple.c: WskControlSocket(WskSetOption, IPV6_V6ONLY, IPPROTO_IPV6, sizeof(ULONG), &0, 0, NULL, NULL, Irp) before bind (WSK-SPEC.md §3)', layer: 'WSK' };
const V6ONLY_POLICY: Citation = { ref: 'POLICY', at: 'POLICY.md "Bind": IPV6_V6ONLY defaults to 1; set to 0 before bind makes an IPv6 socket dual-stack', layer: 'policy' };
const V6ONLY_SHAPE: Citation = { ref: 'WSKSIM', at: 'policy ipv6-v6only-shape: parameter forms of the SOL_SOCKET boolean options (sizeof(ULONG), IRP required, 0/1)', layer: 'policy' };
const FAMILY: Citation = { ref: 'WSKSIM', at: 'policy option-family: an IPPROTO_IPV6 option on an AF_INET socket fails check 7b', layer: 'policy' };
const WSK_SECURITY_PAGE: Citation = { ref: 'D2', at: 'so-wsk-security.md, parameter tables: sizeof(PSECURITY_DESCRIPTOR), IRP required, set before bind (WSK-SPEC.md §2.2)', layer: 'WSK' };
const WSK_SECURITY_VALUE: Citation = { ref: 'WSKSIM', at: 'policy so-wsk-security-value: the pointer value is the cached descriptor handle, pointer-sized little-endian; Get returns the current handle (0 = default)', layer: 'policy' };
const EXCL: Citation = { ref: 'POLICY', at: 'POLICY.md check 13 (user-mode precedent: Wine sock.c test_reuseaddr, measured on Windows)', layer: 'policy' };

/** Every implemented control operation. */
export const OPTION_ROWS = [
  {
    name: 'SO_EXCLUSIVEADDRUSE', requestType: 'WskSetOption', level: 'SOL_SOCKET', code: 'SO_EXCLUSIVEADDRUSE',
    payload: 'ulongBool', size: 4, returnedSize: 0, unusedMustBeNull: true, outputSizeReturned: 'null',
    categories: ['listen', 'datagram', 'connection', 'stream'], irp: 'required', timing: 'beforeBind',
    state: 'exclusiveAddrUse', defaultValue: 0, domain: [0, 1], mutuallyExclusiveWith: 'reuseAddr', families: null,
    source: [SEED, STREAM, EXCL],
  },
  {
    name: 'SO_EXCLUSIVEADDRUSE', requestType: 'WskGetOption', level: 'SOL_SOCKET', code: 'SO_EXCLUSIVEADDRUSE',
    payload: 'ulongBool', size: 4, returnedSize: 4, unusedMustBeNull: true, outputSizeReturned: 'null',
    categories: ['listen', 'datagram', 'connection', 'stream'], irp: 'required', timing: 'any',
    state: 'exclusiveAddrUse', defaultValue: 0, domain: [0, 1], mutuallyExclusiveWith: null, families: null,
    source: [SEED, STREAM],
  },
  {
    name: 'SO_REUSEADDR', requestType: 'WskSetOption', level: 'SOL_SOCKET', code: 'SO_REUSEADDR',
    payload: 'ulongBool', size: 4, returnedSize: 0, unusedMustBeNull: true, outputSizeReturned: 'null',
    categories: ['listen', 'datagram', 'connection', 'stream'], irp: 'required', timing: 'beforeBind',
    state: 'reuseAddr', defaultValue: 0, domain: [0, 1], mutuallyExclusiveWith: 'exclusiveAddrUse', families: null,
    source: [REUSE_PAGE, STREAM, EXCL],
  },
  {
    name: 'SO_REUSEADDR', requestType: 'WskGetOption', level: 'SOL_SOCKET', code: 'SO_REUSEADDR',
    payload: 'ulongBool', size: 4, returnedSize: 4, unusedMustBeNull: true, outputSizeReturned: 'null',
    categories: ['listen', 'datagram', 'connection', 'stream'], irp: 'required', timing: 'any',
    state: 'reuseAddr', defaultValue: 0, domain: [0, 1], mutuallyExclusiveWith: null, families: null,
    source: [REUSE_PAGE, STREAM],
  },
  {
    name: 'IPV6_V6ONLY', requestType: 'WskSetOption', level: 'IPPROTO_IPV6', code: 'IPV6_V6ONLY',
    payload: 'ulongBool', size: 4, returnedSize: 0, unusedMustBeNull: true, outputSizeReturned: 'null',
    categories: ['listen', 'datagram', 'connection', 'stream'], irp: 'required', timing: 'beforeBind',
    state: 'ipv6Only', defaultValue: 1, domain: [0, 1], mutuallyExclusiveWith: null, families: ['AF_INET6'],
    source: [V6ONLY_HDR, V6ONLY_SAMPLE, V6ONLY_POLICY, V6ONLY_SHAPE, FAMILY, STREAM],
  },
  {
    name: 'IPV6_V6ONLY', requestType: 'WskGetOption', level: 'IPPROTO_IPV6', code: 'IPV6_V6ONLY',
    payload: 'ulongBool', size: 4, returnedSize: 4, unusedMustBeNull: true, outputSizeReturned: 'null',
    categories: ['listen', 'datagram', 'connection', 'stream'], irp: 'required', timing: 'any',
    state: 'ipv6Only', defaultValue: 1, domain: [0, 1], mutuallyExclusiveWith: null, families: ['AF_INET6'],
    source: [V6ONLY_HDR, V6ONLY_POLICY, V6ONLY_SHAPE, FAMILY, STREAM],
  },
  {
    name: 'SO_WSK_SECURITY', requestType: 'WskSetOption', level: 'SOL_SOCKET', code: 'SO_WSK_SECURITY',
    payload: 'securityDescriptor', size: { x86: 4, x64: 8 }, returnedSize: 0, unusedMustBeNull: true, outputSizeReturned: 'null',
    categories: ['listen', 'datagram', 'connection', 'stream'], irp: 'required', timing: 'beforeBind',
    state: 'securityDescriptor', defaultValue: 0, domain: 'any', mutuallyExclusiveWith: null, families: null,
    source: [WSK_SECURITY_PAGE, WSK_SECURITY_VALUE, STREAM],
  },
  {
    name: 'SO_WSK_SECURITY', requestType: 'WskGetOption', level: 'SOL_SOCKET', code: 'SO_WSK_SECURITY',
    payload: 'securityDescriptor', size: { x86: 4, x64: 8 }, returnedSize: { x86: 4, x64: 8 }, unusedMustBeNull: true, outputSizeReturned: 'null',
    categories: ['listen', 'datagram', 'connection', 'stream'], irp: 'required', timing: 'any',
    state: 'securityDescriptor', defaultValue: 0, domain: 'any', mutuallyExclusiveWith: null, families: null,
    source: [WSK_SECURITY_PAGE, WSK_SECURITY_VALUE, STREAM],
  },
] as const satisfies readonly OptionRow[];
