/**
 * The option table: one row per (request type, level, control code) the simulated provider implements. Data only.
 * Adding an option is a row here plus, at most, a small handler in src/provider/option-handlers.ts.
 */
import type { Citation, OptionRow } from './schema';

const SEED: Citation = { ref: 'D2', at: 'so-exclusiveaddruse.md, parameter tables (shared/seed/so-exclusiveaddruse.md)', layer: 'WSK' };
const REUSE_PAGE: Citation = { ref: 'D2', at: 'so-reuseaddr.md, parameter tables', layer: 'WSK' };
const STREAM: Citation = { ref: 'WSKSIM', at: 'policy stream-socket-options (WSK-SPEC.md §2.5)', layer: 'policy' };
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
] as const satisfies readonly OptionRow[];
