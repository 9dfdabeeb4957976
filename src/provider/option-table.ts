/**
 * The option table of abi/options.ts compiled for one architecture: integer keys, resolved sizes, category masks.
 */
import { OPTION_ROWS } from '../../abi/options';
import type { ArchName, OptionRow } from '../../abi/schema';
import { archSize } from '../codec/layout';
import { AF, CODE, LEVEL, REQUEST, SOCK } from '../codec/names';
import { CATEGORY_BIT, OPTION_STATE_SLOTS, stateSlot } from './socket';
import { OPTION_HANDLERS, type OptionHandler, type RunHandler } from './option-handlers';
import type { WskProvider } from './provider';
import type { SimSocket } from './socket';

/** IRP rule as an integer: required (IRP_REQUIRED), optional (1) or must be NULL (IRP_NULL). */
export const IRP_REQUIRED = 0;
export const IRP_NULL = 2;

const IOCTL = REQUEST.WskIoctl;

/** One option row resolved for an architecture. */
export interface CompiledOption {
  readonly row: OptionRow;
  readonly requestType: number;
  readonly level: number;
  readonly code: number;
  readonly size: number;
  readonly returnedSize: number;
  readonly categoryMask: number;
  readonly irp: number;
  /** timing is beforeBind: a Set on a bound socket fails check 12 under the strict preset. */
  readonly beforeBind: boolean;
  readonly stateIndex: number;
  /** State slot that must be 0 when enabling this option, or -1. */
  readonly exclusiveIndex: number;
  readonly outputSizeReturnedNull: boolean;
  readonly unusedMustBeNull: boolean;
  /** The domain as a bit mask (bit v set for each allowed value v, all below 31), or -1 when any value is allowed. */
  readonly domainBits: number;
  readonly handler: OptionHandler;
  /** Bit (1 << (family & 31)) per address family the row applies to; all bits when the row names none. */
  readonly familyMask: number;
  /** Bit (1 << (type & 31)) per socket type the row applies to; all bits when the row names none. */
  readonly typeMask: number;
  /** WskIoctl rows: minimum OutputSize (0 = no output). */
  readonly outputSize: number;
  /** Largest accepted ULONG value, or -1 for no limit. */
  readonly domainMax: number;
  /** Not supported once SIO_LOOPBACK_FAST_PATH is enabled on the socket. */
  readonly notUnderFastPath: boolean;
  // ---- resolved from the handler once, so the control path reads plain fields of one shape ----
  /** A WskSetOption row. */
  readonly isSet: boolean;
  /** The payload is a plain ULONG slot (handler.plainUlong): handled inline. */
  readonly plainUlong: boolean;
  /** The payload is a boolean ULONG (normalised to 0/1 under the lenient preset). */
  readonly boolPayload: boolean;
  /** handler.run, or null. */
  readonly run: RunHandler | null;
  /** timing is afterBind or afterConnect: the operation needs a bound socket. */
  readonly needsBound: boolean;
  /** timing is afterConnect: the operation needs a connection (policy after-connect-state). */
  readonly needsConnection: boolean;
  /** handler.accept, or null. */
  readonly accept: ((p: WskProvider, value: number) => boolean) | null;
  // ---- the guarded success path (control-fast.ts) ----
  /** A Set or Get of a 4-byte plain ULONG slot with no handler code, IRP allowed, not limited by SIO_LOOPBACK_FAST_PATH. */
  readonly fastEligible: boolean;
  /**
   * The values a Set may store as given under every preset: those up to fastMax whose bit (value & 31) is set in
   * fastDomain (a mask of the values 0-30 of the domain up to domainMax; -1 for a domain of any value).
   */
  readonly fastDomain: number;
  readonly fastMax: number;
  /** Bind states under which check 12 passes whatever the preset: bit 0 unbound, bit 1 bound. */
  readonly fastBindStates: number;
  /** IoStatus.Information of a guarded-path success: the bytes a Get writes (the row's ULONG), 0 for a Set. */
  readonly fastInformation: number;
  /** The reason rule of a successful Set or Get: set-success or get-success. */
  readonly successRule: 'set-success' | 'get-success';
}

function bitMask(names: readonly string[] | null | undefined, table: Readonly<Record<string, number>>, what: string): number {
  if (names === null || names === undefined) return -1;
  let m = 0;
  for (const n of names) m |= 1 << (lookup(table, n, what) & 31);
  return m;
}

const IRP: Record<OptionRow['irp'], number> = { required: IRP_REQUIRED, optional: 1, null: IRP_NULL };

function domainBits(row: OptionRow): number {
  if (row.domain === 'any') return -1;
  let m = 0;
  for (const v of row.domain) {
    if (!Number.isInteger(v) || v < 0 || v > 30) throw new Error(`abi/options.ts: ${row.name} domain value ${v} is outside 0-30 (domains are compiled to bit masks)`);
    m |= 1 << v;
  }
  return m;
}

/**
 * CompiledOption.fastDomain: the domain's bit mask (`bits`, -1 for a domain of any value) cut to the values up to
 * domainMax.
 */
function fastDomain(row: OptionRow, bits: number): number {
  const max = row.domainMax ?? -1;
  return bits !== -1 && max >= 0 && max < 30 ? bits & ((2 << max) - 1) : bits;
}

/**
 * CompiledOption.fastMax: domainMax for a domain of any value, else 30 (the bits of fastDomain); at most 0x7fffffff,
 * so that the field stays a small integer (larger values take the full sequence).
 */
function fastMax(row: OptionRow): number {
  if (row.domain !== 'any') return 30;
  return row.domainMax === undefined || row.domainMax < 0 ? 0x7fffffff : Math.min(row.domainMax, 0x7fffffff);
}

function lookup(table: Readonly<Record<string, number>>, name: string, what: string): number {
  const v = table[name];
  if (v === undefined) throw new Error(`abi/options.ts: unknown ${what} ${name}`);
  return v;
}

function compile(row: OptionRow, arch: ArchName): CompiledOption {
  let mask = 0;
  for (const c of row.categories) mask |= CATEGORY_BIT[c];
  const handler = OPTION_HANDLERS[row.payload];
  const isSet = row.requestType === 'WskSetOption';
  const needsBound = row.timing === 'afterBind' || row.timing === 'afterConnect';
  const size = archSize(row.size, arch);
  const bits = domainBits(row);
  return Object.freeze({
    row,
    requestType: lookup(REQUEST, row.requestType, 'request type'),
    level: row.requestType === 'WskIoctl' ? 0 : lookup(LEVEL, row.level, 'level'),
    code: lookup(CODE, row.code, 'control code'),
    size,
    returnedSize: archSize(row.returnedSize, arch),
    categoryMask: mask,
    irp: IRP[row.irp],
    beforeBind: row.timing === 'beforeBind',
    stateIndex: stateSlot(row.state),
    exclusiveIndex: row.mutuallyExclusiveWith === null ? -1 : stateSlot(row.mutuallyExclusiveWith),
    outputSizeReturnedNull: row.outputSizeReturned === 'null',
    unusedMustBeNull: row.unusedMustBeNull,
    domainBits: bits,
    handler,
    familyMask: bitMask(row.families, AF, 'address family'),
    typeMask: bitMask(row.socketTypes, SOCK, 'socket type'),
    outputSize: row.outputSize === undefined ? 0 : archSize(row.outputSize, arch),
    domainMax: row.domainMax ?? -1,
    notUnderFastPath: row.notUnderLoopbackFastPath === true,
    isSet,
    plainUlong: handler.plainUlong === true,
    boolPayload: row.payload === 'ulongBool',
    run: handler.run ?? null,
    needsBound,
    needsConnection: row.timing === 'afterConnect',
    accept: handler.accept ?? null,
    fastEligible: (row.requestType === 'WskSetOption' || row.requestType === 'WskGetOption') && handler.plainUlong === true && handler.run === undefined
      && handler.accept === undefined && size === 4 && row.irp !== 'null' && row.outputSizeReturned === 'null' && row.notUnderLoopbackFastPath !== true,
    fastDomain: fastDomain(row, bits),
    fastMax: fastMax(row),
    fastBindStates: needsBound ? 2 : isSet && row.timing === 'beforeBind' ? 1 : 3,
    fastInformation: isSet ? 0 : size,
    successRule: isSet ? 'set-success' : 'get-success',
  });
}

/** Check 7 (socket-category): the row applies to the socket's category. */
export function rowFitsCategory(opt: CompiledOption, s: SimSocket): boolean {
  return (opt.categoryMask & s.categoryBit) !== 0;
}

/** Check 7b (option-transport): the row applies to the socket's address family and type. */
export function rowFitsTransport(opt: CompiledOption, s: SimSocket): boolean {
  return (opt.familyMask & (1 << (s.family & 31))) !== 0 && (opt.typeMask & (1 << (s.type & 31))) !== 0;
}

/** Option rows of one architecture, looked up by (request type, level, code) without allocation. */
export class OptionTable {
  private readonly byCode = new Map<number, CompiledOption[]>();
  /** The last row found: repeated calls with one option skip the map lookup. */
  private last: CompiledOption | undefined = undefined;
  /**
   * The last guarded-success-eligible row found of each request type (indexed by WskSetOption 0 and WskGetOption 1;
   * null for none so far, and for WskIoctl 2), read by control-fast.ts.
   */
  readonly fastRows: (CompiledOption | null)[] = [null, null, null];
  /** Default value of each state slot. */
  readonly defaults: Uint32Array;

  constructor(readonly arch: ArchName, rows: readonly OptionRow[] = OPTION_ROWS) {
    const defaults: number[] = [];
    for (const row of rows) {
      const c = compile(row, arch);
      const list = this.byCode.get(c.code);
      if (list) list.push(c);
      else this.byCode.set(c.code, [c]);
      if (row.state !== 'none') defaults[c.stateIndex] = row.defaultValue;
    }
    this.defaults = new Uint32Array(OPTION_STATE_SLOTS);
    for (let i = 0; i < defaults.length; i++) this.defaults[i] = defaults[i] ?? 0;
  }

  /** The row for a request, or undefined; Level is ignored for WskIoctl. */
  find(requestType: number, level: number, code: number): CompiledOption | undefined {
    const last = this.last;
    if (last !== undefined && last.code === code && last.requestType === requestType && (last.level === level || requestType === IOCTL)) return last;
    return this.search(requestType, level, code);
  }

  /** find() past the last-row cache (apart, so find stays small enough to inline). */
  private search(requestType: number, level: number, code: number): CompiledOption | undefined {
    const list = this.byCode.get(code);
    if (list === undefined) return undefined;
    for (let i = 0; i < list.length; i++) {
      const c = list[i]!;
      if (c.requestType === requestType && (requestType === IOCTL || c.level === level)) {
        if (c.fastEligible) this.fastRows[c.requestType] = c;
        return (this.last = c);
      }
    }
    return undefined;
  }

  /** Every compiled row. */
  *rows(): IterableIterator<CompiledOption> {
    for (const list of this.byCode.values()) yield* list;
  }
}

const TABLES: Partial<Record<ArchName, OptionTable>> = {};

/** The shared compiled option table of an architecture. */
export function optionTable(arch: ArchName): OptionTable {
  return (TABLES[arch] ??= new OptionTable(arch));
}
