/**
 * Shared helpers of the CLI commands: usage errors, argument parsing, colour, value names and marked hex dumps.
 */
import { CODE, constantValue, LEVEL, REQUEST, statusName } from '../codec/names';
import { parseHex } from '../codec/hex';
import { VectorFormatError } from '../errors';
import type { CliContext } from './main';

/** Bad command-line input: reported as one line, exit status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    Object.setPrototypeOf(this, new.target.prototype);
    Object.defineProperty(this, 'name', { value: 'UsageError', enumerable: false, configurable: true });
  }
}

/**
 * Run a command body, turning UsageError and VectorFormatError into one line on stderr and exit status 2.
 * Any other error is a bug and propagates (main() prints its message, still without a stack trace).
 */
export function guard(ctx: CliContext, command: string, body: () => void): void {
  try {
    body();
  } catch (e) {
    if (e instanceof UsageError) {
      ctx.err(`wsksim ${command}: ${e.message}\n`);
      ctx.setExit(2);
      return;
    }
    if (e instanceof VectorFormatError) {
      ctx.err(`wsksim ${command}: ${e.where()}: ${e.message}\n`);
      ctx.setExit(2);
      return;
    }
    throw e;
  }
}

/** Parse a numeric argument: decimal, 0x hex, a constant name of the ABI tables, or `A|B` flags; bigint result. */
export function parseNumberArg(text: string, what: string): bigint {
  const t = text.trim();
  if (t.includes('|')) return t.split('|').reduce((acc, part) => acc | parseNumberArg(part, what), 0n);
  if (/^0x[0-9a-fA-F]+$/.test(t) || /^-?\d+$/.test(t)) return BigInt(t);
  const c = constantValue(t);
  if (c !== undefined) return BigInt(c);
  throw new UsageError(`${what}: ${JSON.stringify(text)} is not a number (decimal or 0x hex) or a constant name known to the ABI tables`);
}

/** Parse a 32-bit argument (the int32 spelling such as -5 is accepted), as an unsigned number. */
export function parseU32Arg(text: string, what: string): number {
  const v = parseNumberArg(text, what);
  if (v < -0x80000000n || v > 0xffffffffn) throw new UsageError(`${what}: ${v} does not fit in 32 bits`);
  return Number(BigInt.asUintN(32, v));
}

/** Parse a non-negative length (buffer length or SIZE_T) up to `max`. */
export function parseSizeArg(text: string, what: string, max: bigint): bigint {
  const v = parseNumberArg(text, what);
  if (v < 0n || v > max) throw new UsageError(`${what}: ${v} is out of range (0 to ${max})`);
  return v;
}

/** Parse hex bytes (spaces allowed) or fail with a usage error. */
export function parseHexArg(text: string, what: string): Buffer {
  const b = parseHex(text);
  if (b === null) throw new UsageError(`${what}: ${JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)} is not an even-length hex string`);
  return b;
}

/** ANSI styling that is a no-op without colour. */
export interface Paint {
  readonly ok: (s: string) => string;
  readonly bad: (s: string) => string;
  readonly warn: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly bold: (s: string) => string;
  /** Mark written bytes: reverse video with colour, else the caller brackets them. */
  readonly mark: (s: string) => string;
}

const sgr = (code: string) => (s: string): string => `\x1b[${code}m${s}\x1b[0m`;
const plain = (s: string): string => s;

/** The painter for a context: ANSI colours only when ctx.color is set. */
export function paint(ctx: Pick<CliContext, 'color'>): Paint {
  if (ctx.color !== true) return { ok: plain, bad: plain, warn: plain, dim: plain, bold: plain, mark: plain };
  return { ok: sgr('32'), bad: sgr('31'), warn: sgr('33'), dim: sgr('2'), bold: sgr('1'), mark: sgr('1;33') };
}

function reverse(table: Readonly<Record<string, number>>): Map<number, string> {
  const m = new Map<number, string>();
  for (const [k, v] of Object.entries(table)) if (!m.has(v >>> 0)) m.set(v >>> 0, k);
  return m;
}

const REQUEST_NAMES = reverse(REQUEST);
const CODE_NAMES = reverse(CODE);
const LEVEL_NAMES = reverse(LEVEL);

const hex = (v: number): string => `0x${(v >>> 0).toString(16).toUpperCase()}`;

/** `WskGetOption (1)` — the request type's name and value. */
export function requestTypeText(v: number): string {
  const n = REQUEST_NAMES.get(v >>> 0);
  return n ? `${n} (${v >>> 0})` : `${v >>> 0} (unknown)`;
}

/** `SO_EXCLUSIVEADDRUSE (0xFFFFFFFB)` — the control code's name (`name` when given: the option row's, since codes at several levels share values) and value. */
export function controlCodeText(v: number, name?: string): string {
  const n = name ?? CODE_NAMES.get(v >>> 0);
  return n ? `${n} (${hex(v)})` : hex(v);
}

/** `SOL_SOCKET (0xFFFF)` — the level's name and value. */
export function levelText(v: number): string {
  const n = LEVEL_NAMES.get(v >>> 0);
  return n ? `${n} (${hex(v)})` : hex(v);
}

/** `STATUS_SUCCESS (0x00000000)`. */
export function statusText(v: number): string {
  const n = statusName(v);
  const h = `0x${(v >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
  return n === h ? h : `${n} (${h})`;
}

/** Byte ranges written (differing from the initial image), as `+0..3, +48..51`. */
export function writtenRanges(initial: Uint8Array, after: Uint8Array): string {
  const parts: string[] = [];
  let start = -1;
  for (let i = 0; i <= after.length; i++) {
    const w = i < after.length && after[i] !== initial[i];
    if (w && start < 0) start = i;
    if (!w && start >= 0) {
      parts.push(start === i - 1 ? `+${start}` : `+${start}..${i - 1}`);
      start = -1;
    }
  }
  return parts.join(', ');
}

/**
 * Hex dump of a caller buffer, 16 bytes a line with the offset, written bytes (those differing from the initial
 * image) marked: in [brackets] without colour, highlighted with colour. A line with no written byte that repeats
 * the previous line is shown once as `*` (hexdump convention).
 */
export function markedDump(initial: Uint8Array, after: Uint8Array, p: Paint, colour: boolean, indent = '    '): string {
  const lines: string[] = [];
  let prevKey = '';
  let starred = false;
  for (let off = 0; off < after.length; off += 16) {
    const end = Math.min(after.length, off + 16);
    let anyWritten = false;
    const cells: string[] = [];
    let key = '';
    for (let i = off; i < end; i++) {
      const h = after[i]!.toString(16).padStart(2, '0');
      key += h;
      const w = after[i] !== initial[i];
      if (w) anyWritten = true;
      cells.push(w ? (colour ? p.mark(h) : h) : h);
    }
    if (!anyWritten && key === prevKey && end - off === 16) {
      if (!starred) lines.push(`${indent}*`);
      starred = true;
      continue;
    }
    starred = false;
    prevKey = anyWritten ? '' : key;
    let text: string;
    if (colour) text = cells.join(' ');
    else {
      // Bracket runs of written bytes.
      const out: string[] = [];
      for (let i = off; i < end; i++) {
        const w = after[i] !== initial[i];
        const prevW = i > off && after[i - 1] !== initial[i - 1];
        const nextW = i + 1 < end && after[i + 1] !== initial[i + 1];
        const h = cells[i - off]!;
        out.push(`${w && !prevW ? '[' : ''}${h}${w && !nextW ? ']' : ''}`);
      }
      text = out.join(' ');
    }
    lines.push(`${indent}${off.toString(16).padStart(4, '0')}  ${text}`);
  }
  return lines.join('\n');
}
