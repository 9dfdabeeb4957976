/**
 * The option table of abi/options.ts compiled for one architecture: integer keys, resolved sizes, category masks.
 */
import { OPTION_ROWS } from '../../abi/options';
import type { ArchName, OptionRow } from '../../abi/schema';
import { archSize } from '../codec/layout';
import { AF, CODE, LEVEL, REQUEST } from '../codec/names';
import { CATEGORY_BIT, OPTION_STATE_INDEX } from './socket';
import { OPTION_HANDLERS, type OptionHandler } from './option-handlers';

/** Bit of an address family in CompiledOption.familyMask: 1 for AF_INET, 2 for AF_INET6, 4 for any other. */
export function familyBit(family: number): number {
  return family === AF.AF_INET ? 1 : family === AF.AF_INET6 ? 2 : 4;
}

/** IRP rule as an integer: 0 required, 1 optional, 2 must be NULL. */
export const IRP_REQUIRED = 0;
export const IRP_OPTIONAL = 1;
export const IRP_NULL = 2;

/** Timing rule as an integer. */
export const TIMING_ANY = 0;
export const TIMING_BEFORE_BIND = 1;
export const TIMING_AFTER_BIND = 2;
export const TIMING_AFTER_CONNECT = 3;

/** One option row resolved for an architecture. */
export interface CompiledOption {
  readonly row: OptionRow;
  readonly requestType: number;
  readonly level: number;
  readonly code: number;
  readonly size: number;
  readonly returnedSize: number;
  readonly categoryMask: number;
  /** Bits of the families the row applies to (familyBit), 0 = every family. */
  readonly familyMask: number;
  readonly irp: number;
  readonly timing: number;
  readonly stateIndex: number;
  /** State slot that must be 0 when enabling this option, or -1. */
  readonly exclusiveIndex: number;
  readonly outputSizeReturnedNull: boolean;
  readonly unusedMustBeNull: boolean;
  readonly domain: readonly number[] | null;
  readonly handler: OptionHandler;
}

const TIMING: Record<OptionRow['timing'], number> = { any: TIMING_ANY, beforeBind: TIMING_BEFORE_BIND, afterBind: TIMING_AFTER_BIND, afterConnect: TIMING_AFTER_CONNECT };
const IRP: Record<OptionRow['irp'], number> = { required: IRP_REQUIRED, optional: IRP_OPTIONAL, null: IRP_NULL };

function lookup(table: Readonly<Record<string, number>>, name: string, what: string): number {
  const v = table[name];
  if (v === undefined) throw new Error(`abi/options.ts: unknown ${what} ${name}`);
  return v;
}

function compile(row: OptionRow, arch: ArchName): CompiledOption {
  let mask = 0;
  for (const c of row.categories) mask |= CATEGORY_BIT[c];
  return Object.freeze({
    row,
    requestType: lookup(REQUEST, row.requestType, 'request type'),
    level: row.requestType === 'WskIoctl' ? 0 : lookup(LEVEL, row.level, 'level'),
    code: lookup(CODE, row.code, 'control code'),
    size: archSize(row.size, arch),
    returnedSize: archSize(row.returnedSize, arch),
    categoryMask: mask,
    familyMask: row.families === null ? 0 : row.families.reduce((m, f) => m | familyBit(lookup(AF, f, 'address family')), 0),
    irp: IRP[row.irp],
    timing: TIMING[row.timing],
    stateIndex: OPTION_STATE_INDEX[row.state],
    exclusiveIndex: row.mutuallyExclusiveWith === null ? -1 : OPTION_STATE_INDEX[row.mutuallyExclusiveWith],
    outputSizeReturnedNull: row.outputSizeReturned === 'null',
    unusedMustBeNull: row.unusedMustBeNull,
    domain: row.domain === 'any' ? null : row.domain,
    handler: OPTION_HANDLERS[row.payload],
  });
}

/** Option rows of one architecture, looked up by (request type, level, code) without allocation. */
export class OptionTable {
  private readonly byCode = new Map<number, CompiledOption[]>();
  /** Default value of each state slot. */
  readonly defaults: Uint32Array;

  constructor(readonly arch: ArchName, rows: readonly OptionRow[] = OPTION_ROWS) {
    const defaults: number[] = [];
    for (const row of rows) {
      const c = compile(row, arch);
      const list = this.byCode.get(c.code);
      if (list) list.push(c);
      else this.byCode.set(c.code, [c]);
      defaults[c.stateIndex] = row.defaultValue;
    }
    this.defaults = Uint32Array.from(defaults, (v) => v ?? 0);
  }

  /** The row for a request, or undefined; Level is ignored for WskIoctl. */
  find(requestType: number, level: number, code: number): CompiledOption | undefined {
    const list = this.byCode.get(code);
    if (list === undefined) return undefined;
    for (let i = 0; i < list.length; i++) {
      const c = list[i]!;
      if (c.requestType === requestType && (requestType === REQUEST.WskIoctl || c.level === level)) return c;
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
