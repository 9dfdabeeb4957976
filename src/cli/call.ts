/**
 * `wsksim call`: one WskControlSocket call built from flags (after optional --set options and a --bound bind),
 * printing the result, the deciding rule with its citation, IoStatus, and every caller buffer with written bytes
 * marked.
 */
import { DISPATCH_TABLES } from '../../abi/dispatch';
import { OPTION_ROWS } from '../../abi/options';
import { FAULT_NAMES, POLICY_PRESETS } from '../../abi/policy';
import type { ArchName, Citation, OptionRow, SocketCategory } from '../../abi/schema';
import { readUintNBig } from '../codec/bytes';
import { archSize, layoutOf } from '../codec/layout';
import { AF, LEVEL, REQUEST, SOCK, STATUS, WSK_FLAG, statusName } from '../codec/names';
import { encodeSockaddrText } from '../codec/sockaddr';
import { toHex } from '../codec/hex';
import { AbiUsageError } from '../errors';
import { optionTable } from '../provider/option-table';
import { WskProvider, type CompletionMode, type ProfileName } from '../provider/provider';
import { faultName, isFault, resultName } from '../provider/result';
import { describeRule, formatRule } from '../vectors/rules';
import { formatLint, lintNotes } from '../vectors/lint';
import type { CliContext } from './main';
import {
  controlCodeText, guard, levelText, markedDump, paint, parseHexArg, parseSizeArg, parseU32Arg,
  requestTypeText, statusText, UsageError, writtenRanges,
} from './util';
import type { Command } from 'commander';

/** Options of `wsksim call` as commander hands them over. */
interface CallOptions {
  arch: string; category: string; family: string; type?: string; protocol: string;
  profile: string; policy: string; completion: string;
  request: string; code?: string; level?: string;
  input?: string; inputNull?: boolean; inputSize?: string;
  outputSize?: string; outputLength?: string; outputNull?: boolean;
  outputSizeReturned?: boolean | string; irp?: boolean; irpLength?: string; fill: string;
  bound?: string; set?: string[]; expect?: string; json?: boolean;
}

const CATEGORIES = Object.keys(DISPATCH_TABLES) as SocketCategory[];
const MAX_BUFFER = 1n << 24n;
/** Largest OutputSize used as the OutputBuffer length by default. */
const DEFAULT_LENGTH_MAX = 65536n;

function oneOf<T extends string>(v: string, allowed: readonly T[], what: string): T {
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`${what}: ${JSON.stringify(v)} is not one of ${allowed.join(', ')}`);
  return v as T;
}

/**
 * The option table row (abi/options.ts OPTION_ROWS, compiled for the arch) a call names: (request type, level, code),
 * Level ignored for WskIoctl, as the provider matches them. Without --level: the one row of that request type and
 * code; a code value that rows at several levels share (IP_TTL and SO_REUSEADDR are both 4) takes the row whose code
 * name was given, and otherwise needs --level.
 */
function findRow(arch: ArchName, requestType: number, level: number | undefined, code: number, codeText: string): OptionRow | undefined {
  const matches = [...optionTable(arch).rows()].filter((c) => c.requestType === requestType && c.code === code
    && (level === undefined || requestType === REQUEST.WskIoctl || c.level === level));
  if (matches.length <= 1) return matches[0]?.row;
  const named = matches.filter((c) => c.row.code === codeText.trim());
  if (named.length === 1) return named[0]!.row;
  throw new UsageError(`--code ${codeText}: ${matches.map((c) => `${c.row.code} (${c.row.level})`).join(', ')} share this value; give --level`);
}

/** A caller buffer of the call, with its initial image. */
interface Arg {
  readonly name: string;
  readonly buf: Buffer;
  readonly initial: Buffer;
}

/** Everything `call` did, for the text and JSON reports. */
interface CallReport {
  arch: ArchName; category: SocketCategory; family: number; type: number; protocol: number;
  profile: ProfileName; policy: string; completion: CompletionMode;
  setup: { what: string; result: string; rule: string; ok: boolean }[];
  call?: {
    requestType: number; controlCode: number; codeName: string | undefined; level: number; inputSize: bigint; outputSize: bigint;
    result: number; resultAfterDelivery: number | undefined; rule: string; ruleText: string; ruleSource: Citation | null;
    lint: string[];
    ioStatus: { completed: boolean; status: number; information: bigint } | null;
    args: { name: string; length: number; initial: Buffer; after: Buffer }[];
    nullArgs: string[];
  };
  expect?: { wanted: string; matched: boolean };
}

function parseFill(text: string): number {
  const b = parseHexArg(text, '--fill');
  if (b.length !== 1) throw new UsageError('--fill: expected one byte of hex, such as cc');
  return b[0]!;
}

function buildAndRun(o: CallOptions): CallReport {
  const arch = oneOf(o.arch, ['x86', 'x64'] as const, '--arch');
  const category = oneOf(o.category, CATEGORIES, '--category');
  const familyName = oneOf(o.family, ['inet', 'inet6'] as const, '--family');
  const profile = oneOf(o.profile, ['wsk', 'winsock', 'winsock-xp'] as const, '--profile');
  const policy = oneOf(o.policy, Object.keys(POLICY_PRESETS) as (keyof typeof POLICY_PRESETS)[], '--policy');
  const completion = oneOf(o.completion, ['inline', 'pending'] as const, '--completion');
  const L = layoutOf(arch);
  const sizeMax = L.sizeTLimit - 1n;
  const fill = parseFill(o.fill);
  const family = familyName === 'inet' ? AF.AF_INET : AF.AF_INET6;
  const typeAliases: Record<string, string> = { stream: 'SOCK_STREAM', dgram: 'SOCK_DGRAM', raw: 'SOCK_RAW' };
  const type = o.type !== undefined ? parseU32Arg(typeAliases[o.type] ?? o.type, '--type')
    : category === 'datagram' ? SOCK.SOCK_DGRAM : SOCK.SOCK_STREAM;
  const protocol = parseU32Arg(o.protocol, '--protocol');

  if (o.code === undefined) throw new UsageError('--code is required (a control code name such as SO_EXCLUSIVEADDRUSE, or a number)');
  const requestType = parseU32Arg(o.request, '--request');
  const controlCode = parseU32Arg(o.code, '--code');
  const givenLevel = o.level !== undefined ? parseU32Arg(o.level, '--level') : undefined;
  const row = findRow(arch, requestType, givenLevel, controlCode, o.code);
  const level = givenLevel ?? (row !== undefined && row.requestType !== 'WskIoctl' ? LEVEL[row.level as keyof typeof LEVEL] ?? 0 : 0);

  if (o.input !== undefined && o.inputNull) throw new UsageError('give either --input or --input-null, not both');
  if (o.outputLength !== undefined && o.outputNull) throw new UsageError('give either --output-length or --output-null, not both');
  if (o.irp === false && o.irpLength !== undefined) throw new UsageError('give either --no-irp or --irp-length, not both');
  const input = o.input !== undefined ? parseHexArg(o.input, '--input') : null;
  const inputSize = o.inputSize !== undefined ? parseSizeArg(o.inputSize, '--input-size', sizeMax) : BigInt(input?.length ?? 0);
  const isGet = requestType === REQUEST.WskGetOption;
  const outputSize = o.outputSize !== undefined ? parseSizeArg(o.outputSize, '--output-size', sizeMax)
    : isGet && row !== undefined ? BigInt(archSize(row.size, arch)) : 0n;
  if (!o.outputNull && o.outputLength === undefined && outputSize > DEFAULT_LENGTH_MAX) {
    throw new UsageError(`--output-size ${outputSize} is above ${DEFAULT_LENGTH_MAX}: give the buffer's length with --output-length (or --output-null)`);
  }
  const outputLength = o.outputNull ? 0 : Number(o.outputLength !== undefined ? parseSizeArg(o.outputLength, '--output-length', MAX_BUFFER) : outputSize);
  let osrLength = 0;
  if (o.outputSizeReturned === true) osrLength = L.sizeT;
  else if (typeof o.outputSizeReturned === 'string') osrLength = Number(parseSizeArg(o.outputSizeReturned, '--output-size-returned', MAX_BUFFER));
  const irpWanted = o.irp ?? (o.irpLength !== undefined || row === undefined || row.irp !== 'null');
  const irpLength = !irpWanted ? 0 : o.irpLength !== undefined ? Number(parseSizeArg(o.irpLength, '--irp-length', MAX_BUFFER)) : L.sizeofIrp;

  const setAssignments = (o.set ?? []).map((a) => {
    const eq = a.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set: ${JSON.stringify(a)} is not NAME=VALUE (e.g. SO_REUSEADDR=1)`);
    const name = a.slice(0, eq).trim();
    const setRow = OPTION_ROWS.find((r) => r.requestType === 'WskSetOption' && (r.code === name || r.name === name));
    if (setRow === undefined) {
      const known = [...new Set(OPTION_ROWS.filter((r) => r.requestType === 'WskSetOption').map((r) => r.code))];
      throw new UsageError(`--set: no WskSetOption row for ${JSON.stringify(name)} in the option table (known: ${known.join(', ')})`);
    }
    const valueText = a.slice(eq + 1).trim();
    const bytes = valueText.startsWith('hex:') ? parseHexArg(valueText.slice(4), `--set ${name}`) : null;
    return { text: a, row: setRow, bytes, value: bytes === null ? parseU32Arg(valueText, `--set ${name}`) : 0 };
  });
  let bindAddress: Buffer | null = null;
  if (o.bound !== undefined) {
    bindAddress = encodeSockaddrText(o.bound);
    if (bindAddress === null) throw new UsageError(`--bound: ${JSON.stringify(o.bound)} is not "a.b.c.d:port" or "[ipv6%scope]:port"`);
  }

  const report: CallReport = { arch, category, family, type, protocol, profile, policy, completion, setup: [] };
  const provider = new WskProvider({ arch, profile, policy, completion });
  const completed = new Set<Uint8Array>();
  provider.onComplete = (irp) => { completed.add(irp); };

  /** A setup call's final result: delivering completions when it went pending. */
  const settle = (r: number, irp: Buffer | null): number => {
    if (r === STATUS.STATUS_PENDING && irp !== null) {
      provider.deliverCompletions();
      return Number(readUintNBig(irp, L.irpStatusOffset, 4));
    }
    return r;
  };
  const flagName = DISPATCH_TABLES[category].flag;
  const sock = provider.wskSocket({ family, type, protocol, flags: WSK_FLAG[flagName as keyof typeof WSK_FLAG]! });
  report.setup.push({
    what: `WskSocket(${familyName === 'inet' ? 'AF_INET' : 'AF_INET6'}, ${Object.entries(SOCK).find(([, v]) => v === type)?.[0] ?? type}, ${protocol}, ${flagName})`,
    result: statusText(sock.status), rule: provider.reason.rule, ok: sock.status === STATUS.STATUS_SUCCESS,
  });
  if (sock.status !== STATUS.STATUS_SUCCESS) return report;

  for (const s of setAssignments) {
    let size = archSize(s.row.size, arch);
    let buf: Buffer = Buffer.alloc(size);
    if (s.bytes !== null) { buf = s.bytes; size = s.bytes.length; } // exact InputBuffer image
    else for (let i = 0; i < Math.min(4, size); i++) buf[i] = (s.value >>> (8 * i)) & 0xff;
    const irp = s.row.irp === 'null' ? null : Buffer.alloc(L.sizeofIrp);
    const r = settle(provider.wskControlSocket(sock.socket, REQUEST.WskSetOption, parseU32Arg(s.row.code, 'code'),
      LEVEL[s.row.level as keyof typeof LEVEL] ?? 0, size, buf, 0, null, null, irp), irp);
    report.setup.push({ what: `set ${s.text}`, result: isFault(r) ? resultName(r) : statusText(r), rule: provider.reason.rule, ok: r === STATUS.STATUS_SUCCESS });
    if (r !== STATUS.STATUS_SUCCESS) return report;
  }
  if (bindAddress !== null) {
    const irp = Buffer.alloc(L.sizeofIrp);
    const r = settle(provider.wskBind(sock.socket, bindAddress, 0, irp), irp);
    report.setup.push({ what: `bind ${o.bound}`, result: isFault(r) ? resultName(r) : statusText(r), rule: provider.reason.rule, ok: r === STATUS.STATUS_SUCCESS });
    if (r !== STATUS.STATUS_SUCCESS) return report;
  }

  const args: Arg[] = [];
  const nullArgs: string[] = [];
  const arg = (name: string, b: Buffer | null): Buffer | null => {
    if (b === null || b.length === 0) { nullArgs.push(name); return null; }
    args.push({ name, buf: b, initial: Buffer.from(b) });
    return b;
  };
  const inBuf = arg('InputBuffer', input);
  const outBuf = arg('OutputBuffer', outputLength > 0 ? Buffer.alloc(outputLength, fill) : null);
  const osrBuf = arg('OutputSizeReturned', osrLength > 0 ? Buffer.alloc(osrLength, fill) : null);
  const irpBuf = arg('Irp', irpLength > 0 ? Buffer.alloc(irpLength, fill) : null);
  completed.clear();
  let result: number;
  try {
    result = provider.wskControlSocket(sock.socket, requestType, controlCode, level, inputSize, inBuf, outputSize, outBuf, osrBuf, irpBuf);
  } catch (e) {
    if (e instanceof AbiUsageError) throw new UsageError(e.message);
    throw e;
  }
  let after: number | undefined;
  if (result === STATUS.STATUS_PENDING && irpBuf !== null && provider.pendingCount > 0) {
    provider.deliverCompletions();
    after = Number(readUintNBig(irpBuf, L.irpStatusOffset, 4));
  }
  const rule = provider.reason.rule;
  report.call = {
    requestType, controlCode, codeName: row?.code, level, inputSize, outputSize, result, resultAfterDelivery: after, rule,
    ruleText: formatRule(rule, provider.reason.source),
    ruleSource: provider.reason.source,
    lint: [...provider.reason.lint],
    ioStatus: irpBuf === null || irpBuf.length < L.sizeofIrp ? null : {
      completed: completed.has(irpBuf),
      status: Number(readUintNBig(irpBuf, L.irpStatusOffset, 4)),
      information: readUintNBig(irpBuf, L.irpInformationOffset, L.ulongPtr),
    },
    args: args.map((a) => ({ name: a.name, length: a.buf.length, initial: a.initial, after: a.buf })),
    nullArgs,
  };
  if (o.expect !== undefined) {
    const final = after ?? result;
    const want = o.expect.trim();
    const f = faultName(final);
    const wantFault = FAULT_NAMES.find((n) => want === n || want === `fault ${n}`);
    // Neither a fault name nor a status (name or number): bad usage, exit 2 (parseU32Arg throws UsageError).
    const wantStatus = wantFault === undefined ? parseU32Arg(want, '--expect') : undefined;
    const matched = f !== undefined ? wantFault === f : wantStatus === final;
    report.expect = { wanted: want, matched };
  }
  return report;
}

/** The request type as a call kind of the evidence-based entries. */
function lintCallOf(requestType: number): 'WskSetOption' | 'WskGetOption' | 'WskIoctl' | undefined {
  return requestType === REQUEST.WskSetOption ? 'WskSetOption' : requestType === REQUEST.WskGetOption ? 'WskGetOption'
    : requestType === REQUEST.WskIoctl ? 'WskIoctl' : undefined;
}

/** A value as 0x-hex of `bytes` bytes, upper case (`0xC000000D`). */
function hexText(v: bigint, bytes: number): string {
  return `0x${v.toString(16).toUpperCase().padStart(bytes * 2, '0')}`;
}

function sizeText(v: bigint): string {
  return v > 0xffffn ? `0x${v.toString(16).toUpperCase()}` : v.toString();
}

function formatReport(r: CallReport, ctx: CliContext): string {
  const p = paint(ctx);
  const colour = ctx.color === true;
  const lines: string[] = [];
  lines.push(p.dim(`[${r.arch}, ${r.category} socket, profile ${r.profile}, policy ${r.policy}, completion ${r.completion}]`));
  for (const s of r.setup) {
    lines.push(`${s.what} -> ${s.ok ? s.result : p.bad(s.result)}`);
    if (!s.ok) lines.push(`  ${p.bad('setup failed')}; decided by ${formatRule(s.rule)}`);
  }
  const c = r.call;
  if (c === undefined) return `${lines.join('\n')}\n`;
  const argText = (name: string, size: string | null): string => {
    const a = c.args.find((x) => x.name === name);
    return `${size !== null ? `${name === 'InputBuffer' ? 'InputSize' : 'OutputSize'} ${size}, ` : ''}${name} ${a ? `${a.length} bytes` : 'NULL'}`;
  };
  lines.push('WskControlSocket(');
  lines.push(`  RequestType ${requestTypeText(c.requestType)}, ControlCode ${controlCodeText(c.controlCode, c.codeName)}, Level ${levelText(c.level)},`);
  lines.push(`  ${argText('InputBuffer', sizeText(c.inputSize))}, ${argText('OutputBuffer', sizeText(c.outputSize))},`);
  lines.push(`  ${argText('OutputSizeReturned', null)}, ${argText('Irp', null)})`);
  const resText = (v: number): string => (isFault(v) ? p.bad(resultName(v)) : v >= 0x80000000 ? p.bad(statusText(v)) : v >= 0x40000000 ? p.warn(statusText(v)) : p.ok(statusText(v)));
  lines.push(`result: ${resText(c.result)}`);
  if (c.resultAfterDelivery !== undefined) lines.push(`after delivering completions: IoStatus.Status ${resText(c.resultAfterDelivery)}`);
  lines.push(`decided by: ${c.ruleText}`);
  for (const l of formatLint(c.lint, c.rule, r.policy, lintCallOf(c.requestType), c.args.some((a) => a.name === 'Irp'))) {
    lines.push(`deviation: ${l.includes('decided the call') ? p.bad(l) : p.warn(l)}`);
  }
  if (c.ioStatus !== null) {
    lines.push(c.ioStatus.completed
      ? `IoStatus: completed, Status ${statusText(c.ioStatus.status)}, Information ${sizeText(c.ioStatus.information)}`
      // Not completed: the bytes are still the caller's (a canary), not a status or a count.
      : `IoStatus: not completed (bytes as the caller left them: Status ${hexText(BigInt(c.ioStatus.status), 4)}, Information ${hexText(c.ioStatus.information, layoutOf(r.arch).ulongPtr)})`);
  } else lines.push('IoStatus: no IRP');
  if (c.args.length > 0) {
    lines.push(`buffers (${colour ? 'written bytes highlighted' : 'written bytes in [brackets]'}; written = differs from the initial image):`);
    for (const a of c.args) {
      const w = writtenRanges(a.initial, a.after);
      lines.push(`  ${a.name}, ${a.length} bytes, ${w === '' ? 'untouched' : `written ${w}`}:`);
      lines.push(markedDump(a.initial, a.after, p, colour));
    }
  }
  if (r.expect) lines.push(r.expect.matched ? p.ok(`expected ${r.expect.wanted}: matched`) : p.bad(`expected ${r.expect.wanted}: MISMATCH`));
  return `${lines.join('\n')}\n`;
}

function jsonReport(r: CallReport): object {
  const c = r.call;
  const rule = c ? describeRule(c.rule, c.ruleSource) : undefined;
  return {
    arch: r.arch, category: r.category, family: r.family, type: r.type, protocol: r.protocol,
    profile: r.profile, policy: r.policy, completion: r.completion,
    setup: r.setup,
    ...(c ? {
      call: {
        requestType: c.requestType, controlCode: c.controlCode, level: c.level,
        inputSize: c.inputSize.toString(), outputSize: c.outputSize.toString(), nullArguments: c.nullArgs,
      },
      result: isFault(c.result) ? { fault: faultName(c.result) } : { status: statusName(c.result), value: hexText(BigInt(c.result), 4) },
      ...(c.resultAfterDelivery !== undefined ? { resultAfterDelivery: { status: statusName(c.resultAfterDelivery), value: hexText(BigInt(c.resultAfterDelivery), 4) } } : {}),
      rule: { id: c.rule, description: rule?.description ?? '', source: rule?.source ?? null },
      lint: lintNotes(c.lint, c.rule, r.policy, lintCallOf(c.requestType), c.args.some((a) => a.name === 'Irp')),
      ioStatus: c.ioStatus === null ? null : c.ioStatus.completed
        ? { completed: true, status: statusName(c.ioStatus.status), value: hexText(BigInt(c.ioStatus.status), 4), information: c.ioStatus.information.toString() }
        : { completed: false, statusBytes: hexText(BigInt(c.ioStatus.status), 4), informationBytes: hexText(c.ioStatus.information, layoutOf(r.arch).ulongPtr) },
      buffers: Object.fromEntries(c.args.map((a) => [a.name, { length: a.length, initial: toHex(a.initial), after: toHex(a.after), written: writtenRanges(a.initial, a.after) }])),
    } : {}),
    ...(r.expect ? { expect: r.expect } : {}),
  };
}

const collect = (v: string, acc: string[] | undefined): string[] => [...(acc ?? []), v];

/** Register the `call` command. */
export function registerCallCommand(program: Command, ctx: CliContext): void {
  program
    .command('call')
    .description('make one WskControlSocket call on a fresh socket and show the result, the deciding rule and every caller buffer')
    .option('--arch <arch>', 'x86 or x64', 'x64')
    .option('--category <category>', `socket category: ${CATEGORIES.join(', ')}`, 'listen')
    .option('--family <family>', 'inet or inet6', 'inet')
    .option('--type <type>', 'socket type: stream, dgram, raw, a SOCK_* name or a number (default: SOCK_DGRAM for datagram, else SOCK_STREAM)')
    .option('--protocol <protocol>', 'protocol name or number', '0')
    .option('--profile <profile>', 'address-sharing profile: wsk, winsock, winsock-xp', 'wsk')
    .option('--policy <policy>', 'strict (the documented parameter table), lenient (only what the operation needs) or windows (strict plus the evidence-based entries)', 'strict')
    .option('--completion <mode>', 'inline or pending (pending: completions are delivered after the call)', 'inline')
    .option('--request <type>', 'WskSetOption, WskGetOption, WskIoctl or a number', 'WskGetOption')
    .option('--code <code>', 'control code: a name (SO_EXCLUSIVEADDRUSE) or a number (required)')
    .option('--level <level>', "level: a name (SOL_SOCKET) or a number (default: the option table row's level, else 0)")
    .option('--input <hex>', 'InputBuffer content as hex (default: NULL)')
    .option('--input-null', 'pass a NULL InputBuffer (the default)')
    .option('--input-size <n>', 'InputSize (default: the --input length)')
    .option('--output-size <n>', "OutputSize (default: the option's size for WskGetOption, else 0)")
    .option('--output-length <n>', 'OutputBuffer length in bytes (default: OutputSize; 0 = NULL)')
    .option('--output-null', 'pass a NULL OutputBuffer')
    .option('--output-size-returned [length]', 'pass an OutputSizeReturned buffer (default length: sizeof(SIZE_T))')
    .option('--irp', 'pass an IRP (default: unless the option table row says it must be NULL)')
    .option('--no-irp', 'pass a NULL IRP')
    .option('--irp-length <n>', 'IRP buffer length (default: sizeof(IRP) of the arch)')
    .option('--fill <byte>', 'initial fill byte of output, OutputSizeReturned and IRP buffers', 'cc')
    .option('--bound <address>', 'bind the socket first ("0.0.0.0:5150", "[::1]:5150")')
    .option('--set <NAME=VALUE>', "set an option first with WskSetOption (repeatable; before --bound); VALUE is a number written as a little-endian ULONG in a buffer of the row's size, or hex:BYTES for an exact InputBuffer", collect)
    .option('--expect <result>', 'exit 1 unless the final result is this status (name or number) or fault name')
    .option('--json', 'print a machine-readable report')
    .addHelpText('after', `
Examples:
  wsksim call --code SO_EXCLUSIVEADDRUSE
  wsksim call --request WskSetOption --code SO_REUSEADDR --input 01000000 --set SO_EXCLUSIVEADDRUSE=1
  wsksim call --arch x86 --code SO_REUSEADDR --no-irp --output-size-returned --bound 127.0.0.1:5150

Exit status: 0 the call was made (whatever it returned), 1 a setup step (--set, --bound, the socket) failed or the
result differs from --expect, 2 bad flags or values.`)
    .action((opts: CallOptions) => {
      guard(ctx, 'call', () => {
        const report = buildAndRun(opts);
        ctx.out(opts.json ? `${JSON.stringify(jsonReport(report), null, 2)}\n` : formatReport(report, ctx));
        const setupFailed = report.setup.some((s) => !s.ok);
        ctx.setExit(setupFailed || (report.expect !== undefined && !report.expect.matched) ? 1 : 0);
      });
    });
}
