/**
 * Reader of `wsksim/vectors@1` files: JSON text -> validated Vector objects, with errors naming file, vector, step.
 */
import { POLICY_PRESETS, FAULT_NAMES } from '../../abi/policy';
import { DEVIATIONS } from '../../abi/deviations';
import { layoutOf } from '../codec/layout';
import { constantValue } from '../codec/names';
import { parseHex } from '../codec/hex';
import { encodeSockaddrText } from '../codec/sockaddr';
import { VectorFormatError } from '../errors';
import {
  VECTOR_FORMAT, type BufferSpec, type IrpExpect, type Step, type StepExpect, type Vector, type VectorFile,
} from './types';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

const ARCHES = ['x86', 'x64'] as const;
const PROFILES = ['wsk', 'winsock', 'winsock-xp'] as const;
const COMPLETIONS = ['inline', 'pending'] as const;

/** Where an error is reported. */
interface Ctx {
  readonly file: string;
  readonly vectorId?: string;
  readonly step?: number;
}

function fail(ctx: Ctx, message: string): never {
  throw new VectorFormatError(message, ctx.file, ctx.vectorId, ctx.step);
}

function isObj(v: Json | undefined): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Keys always allowed besides a shape's own: annotations and extensions. */
function isAnnotation(k: string): boolean {
  return k.startsWith('x-') || k === 'comment' || k === 'note' || k === 'source' || k === 'description';
}

function checkKeys(ctx: Ctx, o: Obj, allowed: readonly string[], what: string): void {
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k) && !isAnnotation(k)) fail(ctx, `${what}: unknown field ${JSON.stringify(k)} (allowed: ${allowed.join(', ')})`);
  }
}

/** Parse a number field: JSON number, "0x..." or decimal string, constant name, or "A|B" flags. */
export function parseValue(v: Json | undefined, ctx: Ctx, what: string): bigint {
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) fail(ctx, `${what}: ${v} is not an integer (use a string for values above 2^53)`);
    return BigInt(v);
  }
  if (typeof v === 'string') {
    const t = v.trim();
    if (t.includes('|')) return t.split('|').reduce((acc, part) => acc | parseValue(part, ctx, what), 0n);
    if (/^0x[0-9a-fA-F]+$/.test(t)) return BigInt(t);
    if (/^-?\d+$/.test(t)) return BigInt(t);
    const c = constantValue(t);
    if (c !== undefined) return BigInt(c);
    fail(ctx, `${what}: ${JSON.stringify(v)} is not a number or a constant known to the ABI tables`);
  }
  fail(ctx, `${what}: expected a number, hex/decimal string or constant name, got ${JSON.stringify(v)}`);
}

/** Parse a 32-bit field (accepting the int32 spelling such as -5). */
function u32(v: Json | undefined, ctx: Ctx, what: string): number {
  const b = parseValue(v, ctx, what);
  if (b < -0x80000000n || b > 0xffffffffn) fail(ctx, `${what}: ${b} does not fit in 32 bits`);
  return Number(BigInt.asUintN(32, b));
}

function str(v: Json | undefined, ctx: Ctx, what: string): string {
  if (typeof v !== 'string' || v === '') fail(ctx, `${what}: expected a non-empty string`);
  return v;
}

function optStr(v: Json | undefined, ctx: Ctx, what: string): string | undefined {
  return v === undefined ? undefined : str(v, ctx, what);
}

function hexBytes(v: Json | undefined, ctx: Ctx, what: string): Buffer {
  if (typeof v !== 'string') fail(ctx, `${what}: expected a hex string`);
  const b = parseHex(v);
  if (b === null) fail(ctx, `${what}: ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)} is not an even-length hex string`);
  return b;
}

/** A read-only input buffer: hex, or null/"" for NULL. */
function inputBuffer(v: Json | undefined, ctx: Ctx, what: string): BufferSpec {
  if (v === undefined || v === null) return null;
  if (isObj(v)) return callerBuffer(v, ctx, what, 0);
  const b = hexBytes(v, ctx, what);
  return b.length === 0 ? null : { initial: b };
}

/** A caller-owned buffer the provider may write: {length, fill} or {bytes}; null/"" for NULL. */
function callerBuffer(v: Json | undefined, ctx: Ctx, what: string, defaultLength: number): BufferSpec {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'string') {
    const b = hexBytes(v, ctx, what);
    return b.length === 0 ? null : { initial: b };
  }
  if (!isObj(v)) fail(ctx, `${what}: expected {"length":N,"fill":"cc"}, {"bytes":"hex"} or null`);
  checkKeys(ctx, v, ['length', 'fill', 'bytes'], what);
  if (v.bytes !== undefined) {
    if (v.length !== undefined || v.fill !== undefined) fail(ctx, `${what}: give either "bytes" or "length"/"fill", not both`);
    const b = hexBytes(v.bytes, ctx, `${what}.bytes`);
    return b.length === 0 ? null : { initial: b };
  }
  const length = v.length === undefined ? defaultLength : Number(parseValue(v.length, ctx, `${what}.length`));
  if (!Number.isSafeInteger(length) || length < 0 || length > 1 << 24) fail(ctx, `${what}.length: ${length} is not a buffer length (0 to 16 MiB)`);
  let fill = 0;
  if (v.fill !== undefined) {
    const f = hexBytes(v.fill, ctx, `${what}.fill`);
    if (f.length !== 1) fail(ctx, `${what}.fill: expected one byte of hex, such as "cc"`);
    fill = f[0]!;
  }
  return length === 0 ? null : { initial: Buffer.alloc(length, fill) };
}

function expectedBuffer(v: Json | undefined, ctx: Ctx, what: string): Buffer | null | undefined {
  if (v === undefined) return undefined;
  if (v === null || v === '') return null;
  return hexBytes(v, ctx, what);
}

function irpExpect(v: Json | undefined, ctx: Ctx, what: string): IrpExpect | undefined {
  if (v === undefined) return undefined;
  if (v === 'untouched') return 'untouched';
  if (!isObj(v)) fail(ctx, `${what}: expected "untouched" or an object with completed/status/information/ioStatus/bytes`);
  checkKeys(ctx, v, ['completed', 'status', 'information', 'ioStatus', 'bytes'], what);
  if (v.completed !== undefined && typeof v.completed !== 'boolean') fail(ctx, `${what}.completed: expected true or false`);
  const out: { completed?: boolean; status?: number; information?: bigint; ioStatus?: Buffer; bytes?: Buffer } = {};
  if (typeof v.completed === 'boolean') out.completed = v.completed;
  if (v.status !== undefined) out.status = u32(v.status, ctx, `${what}.status`);
  if (v.information !== undefined) out.information = parseValue(v.information, ctx, `${what}.information`);
  if (v.ioStatus !== undefined) out.ioStatus = hexBytes(v.ioStatus, ctx, `${what}.ioStatus`);
  if (v.bytes !== undefined) out.bytes = hexBytes(v.bytes, ctx, `${what}.bytes`);
  return out;
}

function parseExpect(v: Json | undefined, ctx: Ctx): StepExpect | undefined {
  if (v === undefined) return undefined;
  if (!isObj(v)) fail(ctx, 'expect: expected an object');
  checkKeys(ctx, v, ['status', 'fault', 'output', 'outputSizeReturned', 'irp', 'irps', 'rule', 'conflictsWith', 'wsaError', 'lint', 'listener', 'localAddress', 'remoteAddress', 'completedIrps', 'released'], 'expect');
  const e: { -readonly [K in keyof StepExpect]: StepExpect[K] } = {};
  if (v.status !== undefined) e.status = u32(v.status, ctx, 'expect.status');
  if (v.fault !== undefined) {
    const f = str(v.fault, ctx, 'expect.fault');
    if (!(FAULT_NAMES as readonly string[]).includes(f)) fail(ctx, `expect.fault: unknown fault ${JSON.stringify(f)} (known: ${FAULT_NAMES.join(', ')})`);
    e.fault = f;
  }
  if (e.status !== undefined && e.fault !== undefined) fail(ctx, 'expect: give either "status" or "fault", not both');
  const output = expectedBuffer(v.output, ctx, 'expect.output');
  if (output !== undefined) e.output = output;
  const osr = expectedBuffer(v.outputSizeReturned, ctx, 'expect.outputSizeReturned');
  if (osr !== undefined) e.outputSizeReturned = osr;
  const irp = irpExpect(v.irp, ctx, 'expect.irp');
  if (irp !== undefined) e.irp = irp;
  if (v.irps !== undefined) {
    if (!Array.isArray(v.irps)) fail(ctx, 'expect.irps: expected an array');
    e.irps = v.irps.map((x, i) => irpExpect(x, ctx, `expect.irps[${i}]`)!);
  }
  if (v.completedIrps !== undefined) {
    if (!Array.isArray(v.completedIrps)) fail(ctx, 'expect.completedIrps: expected an array');
    if (e.irps !== undefined) fail(ctx, 'expect: give either "irps" or "completedIrps", not both');
    e.completedIrps = v.completedIrps.map((x, i) => irpExpect(x, ctx, `expect.completedIrps[${i}]`)!);
  }
  if (v.listener !== undefined) e.listener = v.listener === null ? null : str(v.listener, ctx, 'expect.listener');
  const la = expectedBuffer(v.localAddress, ctx, 'expect.localAddress');
  if (la !== undefined) e.localAddress = la;
  const ra = expectedBuffer(v.remoteAddress, ctx, 'expect.remoteAddress');
  if (ra !== undefined) e.remoteAddress = ra;
  if (v.released !== undefined) e.released = u32(v.released, ctx, 'expect.released');
  if (v.rule !== undefined) e.rule = str(v.rule, ctx, 'expect.rule');
  if (v.conflictsWith !== undefined) e.conflictsWith = str(v.conflictsWith, ctx, 'expect.conflictsWith');
  if (v.wsaError !== undefined) e.wsaError = u32(v.wsaError, ctx, 'expect.wsaError');
  if (v.lint !== undefined) {
    const known = DEVIATIONS.map((d) => d.id) as readonly string[];
    if (!Array.isArray(v.lint)) fail(ctx, 'expect.lint: expected an array of deviation identifiers ([] = none)');
    e.lint = v.lint.map((x, i) => {
      if (typeof x !== 'string' || !known.includes(x)) fail(ctx, `expect.lint[${i}]: unknown deviation ${JSON.stringify(x)} (known: ${known.join(', ')})`);
      return x;
    });
  }
  return e;
}

function parseAddress(v: Json | undefined, ctx: Ctx, what = 'address'): { bytes: Buffer; size: number } | null {
  if (v === undefined) fail(ctx, `${what}: required (text form, {"bytes","size"} or null)`);
  if (v === null || v === '') return null;
  if (typeof v === 'string') {
    const b = encodeSockaddrText(v);
    if (b === null) fail(ctx, `${what}: ${JSON.stringify(v)} is not "a.b.c.d:port" or "[ipv6%scope]:port"`);
    return { bytes: b, size: b.length };
  }
  if (!isObj(v)) fail(ctx, `${what}: expected a text address, {"bytes":"hex","size":N} or null`);
  checkKeys(ctx, v, ['bytes', 'size'], what);
  const bytes = hexBytes(v.bytes, ctx, `${what}.bytes`);
  const size = v.size === undefined ? bytes.length : Number(parseValue(v.size, ctx, `${what}.size`));
  if (!Number.isSafeInteger(size) || size < 0) fail(ctx, `${what}.size: ${size} is not a length`);
  if (bytes.length === 0) return null;
  return { bytes, size };
}

/** A harness address (text form or hex image): never NULL. */
function harnessAddress(v: Json | undefined, ctx: Ctx, what: string): Buffer {
  if (typeof v === 'string' && !/^[0-9a-fA-F\s]+$/.test(v)) {
    const b = encodeSockaddrText(v);
    if (b === null) fail(ctx, `${what}: ${JSON.stringify(v)} is not "a.b.c.d:port" or "[ipv6%scope]:port"`);
    return b;
  }
  if (typeof v !== 'string') fail(ctx, `${what}: expected a text address such as "10.0.0.9:40000" (or a hex SOCKADDR image)`);
  const b = hexBytes(v, ctx, what);
  if (b.length !== 16 && b.length !== 28) fail(ctx, `${what}: a SOCKADDR image is 16 or 28 bytes, got ${b.length}`);
  return b;
}

/** The six buffer arguments shared by WskControlSocket and WskControlClient steps. */
function controlBuffers(v: Obj, ctx: Ctx, sizeTLen: number, irpLen: number) {
  return {
    inputSize: v.inputSize === undefined ? 0n : parseValue(v.inputSize, ctx, 'inputSize'),
    input: inputBuffer(v.input, ctx, 'input'),
    outputSize: v.outputSize === undefined ? 0n : parseValue(v.outputSize, ctx, 'outputSize'),
    output: callerBuffer(v.output, ctx, 'output', 0),
    outputSizeReturned: callerBuffer(v.outputSizeReturned, ctx, 'outputSizeReturned', sizeTLen),
    irp: callerBuffer(v.irp, ctx, 'irp', irpLen),
  };
}

/** The arguments shared by WskBind and WskConnect steps: socket, SOCKADDR, flags, IRP. */
function addressCall(v: Obj, ctx: Ctx, irpLen: number) {
  return {
    socket: str(v.socket, ctx, 'socket'), address: parseAddress(v.address, ctx),
    flags: v.flags === undefined ? 0 : u32(v.flags, ctx, 'flags'), irp: callerBuffer(v.irp, ctx, 'irp', irpLen),
  };
}

/** An optional array of strings (absent = empty). */
function stringArray(v: Json | undefined, ctx: Ctx, what: string, of: string): string[] {
  const a = v ?? [];
  if (!Array.isArray(a) || a.some((x) => typeof x !== 'string')) fail(ctx, `${what}: expected an array of ${of}`);
  return a as string[];
}

function parseStep(v: Json, ctx: Ctx, sizeTLen: number, irpLen: number): Step {
  if (!isObj(v)) fail(ctx, 'a step must be an object with an "op"');
  const op = v.op;
  const index = ctx.step!;
  const expect = parseExpect(v.expect, ctx);
  switch (op) {
    case 'socket':
      checkKeys(ctx, v, ['op', 'as', 'family', 'type', 'protocol', 'flags', 'owner', 'securityDescriptor', 'expect'], 'socket');
      return {
        op, index, expect, as: optStr(v.as, ctx, 'as'),
        family: u32(v.family, ctx, 'family'), type: u32(v.type, ctx, 'type'),
        protocol: v.protocol === undefined ? 0 : u32(v.protocol, ctx, 'protocol'),
        flags: v.flags === undefined ? 0 : u32(v.flags, ctx, 'flags'),
        owner: optStr(v.owner, ctx, 'owner'), securityDescriptor: optStr(v.securityDescriptor, ctx, 'securityDescriptor'),
      };
    case 'control':
      checkKeys(ctx, v, ['op', 'socket', 'requestType', 'controlCode', 'level', 'inputSize', 'input', 'outputSize', 'output', 'outputSizeReturned', 'irp', 'expect'], 'control');
      return {
        op, index, expect, socket: str(v.socket, ctx, 'socket'),
        requestType: u32(v.requestType, ctx, 'requestType'), controlCode: u32(v.controlCode, ctx, 'controlCode'),
        level: v.level === undefined ? 0 : u32(v.level, ctx, 'level'),
        ...controlBuffers(v, ctx, sizeTLen, irpLen),
      };
    case 'bind':
      checkKeys(ctx, v, ['op', 'socket', 'address', 'flags', 'irp', 'expect'], 'bind');
      return { op, index, expect, ...addressCall(v, ctx, irpLen) };
    case 'close':
      checkKeys(ctx, v, ['op', 'socket', 'irp', 'expect'], 'close');
      return { op, index, expect, socket: str(v.socket, ctx, 'socket'), irp: callerBuffer(v.irp, ctx, 'irp', irpLen) };
    case 'cacheSd': {
      checkKeys(ctx, v, ['op', 'as', 'allow', 'expect'], 'cacheSd');
      return { op, index, expect, as: str(v.as, ctx, 'as'), allow: stringArray(v.allow, ctx, 'allow', 'principal names') };
    }
    case 'releaseSd':
      checkKeys(ctx, v, ['op', 'sd', 'expect'], 'releaseSd');
      return { op, index, expect, sd: str(v.sd, ctx, 'sd') };
    case 'complete':
      checkKeys(ctx, v, ['op', 'expect'], 'complete');
      return { op, index, expect };
    case 'forceClose':
      checkKeys(ctx, v, ['op', 'socket', 'expect'], 'forceClose');
      return { op, index, expect, socket: str(v.socket, ctx, 'socket') };
    // ---- extensions (README "Vector format extensions") ----
    case 'controlClient':
      checkKeys(ctx, v, ['op', 'controlCode', 'inputSize', 'input', 'outputSize', 'output', 'outputSizeReturned', 'irp', 'expect'], 'controlClient');
      return {
        op, index, expect, controlCode: u32(v.controlCode, ctx, 'controlCode'),
        ...controlBuffers(v, ctx, sizeTLen, irpLen),
      };
    case 'setAddressList': {
      checkKeys(ctx, v, ['op', 'family', 'addresses', 'expect'], 'setAddressList');
      return { op, index, expect, family: u32(v.family, ctx, 'family'), addresses: stringArray(v.addresses, ctx, 'addresses', 'address texts') };
    }
    case 'callbackInProgress':
      checkKeys(ctx, v, ['op', 'socket', 'event', 'inProgress', 'expect'], 'callbackInProgress');
      if (typeof v.inProgress !== 'boolean') fail(ctx, 'inProgress: expected true or false');
      return { op, index, expect, socket: str(v.socket, ctx, 'socket'), event: u32(v.event, ctx, 'event'), inProgress: v.inProgress };
    case 'sdImage':
      checkKeys(ctx, v, ['op', 'allow', 'expect'], 'sdImage');
      return { op, index, expect, allow: stringArray(v.allow, ctx, 'allow', 'principal names') };
    case 'setRedirectData':
      checkKeys(ctx, v, ['op', 'socket', 'which', 'bytes', 'expect'], 'setRedirectData');
      if (v.which !== 'records' && v.which !== 'context') fail(ctx, 'which: expected "records" or "context"');
      return { op, index, expect, socket: str(v.socket, ctx, 'socket'), which: v.which, bytes: hexBytes(v.bytes, ctx, 'bytes') };
    // ---- connections (VECTORS.md "Connections") ----
    case 'listen':
      checkKeys(ctx, v, ['op', 'socket', 'irp', 'expect'], 'listen');
      return { op, index, expect, socket: str(v.socket, ctx, 'socket'), irp: callerBuffer(v.irp, ctx, 'irp', irpLen) };
    case 'connect':
      checkKeys(ctx, v, ['op', 'socket', 'address', 'flags', 'irp', 'expect'], 'connect');
      return { op, index, expect, ...addressCall(v, ctx, irpLen) };
    case 'socketConnect':
      checkKeys(ctx, v, ['op', 'as', 'type', 'protocol', 'localAddress', 'remoteAddress', 'flags', 'owner', 'securityDescriptor', 'irp', 'expect'], 'socketConnect');
      return {
        op, index, expect, as: optStr(v.as, ctx, 'as'),
        type: v.type === undefined ? 1 : u32(v.type, ctx, 'type'), protocol: v.protocol === undefined ? 0 : u32(v.protocol, ctx, 'protocol'),
        localAddress: parseAddress(v.localAddress, ctx, 'localAddress'), remoteAddress: parseAddress(v.remoteAddress, ctx, 'remoteAddress'),
        flags: v.flags === undefined ? 0 : u32(v.flags, ctx, 'flags'),
        owner: optStr(v.owner, ctx, 'owner'), securityDescriptor: optStr(v.securityDescriptor, ctx, 'securityDescriptor'),
        irp: callerBuffer(v.irp, ctx, 'irp', irpLen),
      };
    case 'incoming':
      checkKeys(ctx, v, ['op', 'from', 'to', 'expect'], 'incoming');
      return { op, index, expect, from: harnessAddress(v.from, ctx, 'from'), to: harnessAddress(v.to, ctx, 'to') };
    case 'accept':
      checkKeys(ctx, v, ['op', 'socket', 'as', 'flags', 'localAddress', 'remoteAddress', 'irp', 'expect'], 'accept');
      return {
        op, index, expect, socket: str(v.socket, ctx, 'socket'), as: optStr(v.as, ctx, 'as'),
        flags: v.flags === undefined ? 0 : u32(v.flags, ctx, 'flags'),
        localAddress: callerBuffer(v.localAddress, ctx, 'localAddress', 0), remoteAddress: callerBuffer(v.remoteAddress, ctx, 'remoteAddress', 0),
        irp: callerBuffer(v.irp, ctx, 'irp', irpLen),
      };
    case 'disconnect': {
      checkKeys(ctx, v, ['op', 'socket', 'buffer', 'flags', 'irp', 'expect'], 'disconnect');
      const buffer = v.buffer === undefined || v.buffer === null ? 0n : parseValue(v.buffer, ctx, 'buffer');
      if (buffer < 0n || buffer > 0x7fffffffn) fail(ctx, `buffer: ${buffer} is not a pointer value this reader takes (0 = NULL, up to 0x7fffffff)`);
      return {
        op, index, expect, socket: str(v.socket, ctx, 'socket'), buffer: Number(buffer),
        flags: v.flags === undefined ? 0 : u32(v.flags, ctx, 'flags'), irp: callerBuffer(v.irp, ctx, 'irp', irpLen),
      };
    }
    case 'peerClose':
      checkKeys(ctx, v, ['op', 'socket', 'expect'], 'peerClose');
      return { op, index, expect, socket: str(v.socket, ctx, 'socket') };
    case 'advanceTime': {
      checkKeys(ctx, v, ['op', 'seconds', 'expect'], 'advanceTime');
      const seconds = v.seconds;
      if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) fail(ctx, `seconds: expected a number >= 0, got ${JSON.stringify(seconds)}`);
      return { op, index, expect, seconds };
    }
    case 'localAddress':
    case 'remoteAddress':
      checkKeys(ctx, v, ['op', 'socket', 'output', 'irp', 'expect'], op);
      return { op, index, expect, socket: str(v.socket, ctx, 'socket'), output: callerBuffer(v.output, ctx, 'output', 0), irp: callerBuffer(v.irp, ctx, 'irp', irpLen) };
    case 'remote':
      checkKeys(ctx, v, ['op', 'listen', 'expect'], 'remote');
      return { op, index, expect, listen: harnessAddress(v.listen, ctx, 'listen') };
    default:
      fail(ctx, `unknown step op ${JSON.stringify(op)} (known: socket, control, bind, close, cacheSd, releaseSd, complete, forceClose, controlClient, setAddressList, callbackInProgress, sdImage, setRedirectData, listen, connect, socketConnect, incoming, accept, disconnect, peerClose, advanceTime, localAddress, remoteAddress, remote)`);
  }
}

function pick<T extends string>(v: Json | undefined, fallback: T, allowed: readonly T[], ctx: Ctx, what: string): T {
  if (v === undefined) return fallback;
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) fail(ctx, `${what}: ${JSON.stringify(v)} is not one of ${allowed.join(', ')}`);
  return v as T;
}

/** Parse and validate a vector file's text; throws VectorFormatError naming file, vector and step. */
export function parseVectorFile(text: string, file: string): VectorFile {
  let doc: Json;
  try {
    // A UTF-8 byte-order mark (as some Windows editors write) is not part of the JSON text.
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as Json;
  } catch (e) {
    fail({ file }, `not valid JSON: ${(e as Error).message}`);
  }
  const ctx: Ctx = { file };
  if (!isObj(doc)) fail(ctx, 'expected a JSON object with "format" and "vectors"');
  if (doc.format !== VECTOR_FORMAT) fail(ctx, `unknown format ${JSON.stringify(doc.format)} (expected "${VECTOR_FORMAT}")`);
  checkKeys(ctx, doc, ['format', 'title', 'defaults', 'vectors', 'recorded'], 'file');
  const defaults = doc.defaults ?? {};
  if (!isObj(defaults)) fail(ctx, 'defaults: expected an object');
  checkKeys(ctx, defaults, ['arch', 'profile', 'policy', 'completion'], 'defaults');
  const policies = Object.keys(POLICY_PRESETS) as (keyof typeof POLICY_PRESETS)[];
  const dArch = pick(defaults.arch, 'x64', ARCHES, ctx, 'defaults.arch');
  const dProfile = pick(defaults.profile, 'wsk', PROFILES, ctx, 'defaults.profile');
  const dPolicy = pick(defaults.policy, 'strict', policies, ctx, 'defaults.policy');
  const dCompletion = pick(defaults.completion, 'inline', COMPLETIONS, ctx, 'defaults.completion');
  if (!Array.isArray(doc.vectors)) fail(ctx, 'vectors: expected an array');
  if (doc.vectors.length === 0) fail(ctx, 'vectors: the file has no vectors (nothing to run)');
  const seen = new Set<string>();
  const vectors: Vector[] = doc.vectors.map((raw, i) => {
    const vctx: Ctx = { file, vectorId: isObj(raw) && typeof raw.id === 'string' ? raw.id : `#${i}` };
    if (!isObj(raw)) fail(vctx, 'a vector must be an object');
    const id = str(raw.id, vctx, 'id');
    if (seen.has(id)) fail(vctx, 'duplicate vector id');
    seen.add(id);
    checkKeys(vctx, raw, ['id', 'source', 'arch', 'profile', 'policy', 'completion', 'steps', 'recorded'], 'vector');
    const arch = pick(raw.arch, dArch, ARCHES, vctx, 'arch');
    const layout = layoutOf(arch);
    if (!Array.isArray(raw.steps) || raw.steps.length === 0) fail(vctx, 'steps: expected a non-empty array');
    return {
      id,
      source: typeof raw.source === 'string' ? raw.source : '',
      arch,
      profile: pick(raw.profile, dProfile, PROFILES, vctx, 'profile'),
      policy: pick(raw.policy, dPolicy, policies, vctx, 'policy'),
      completion: pick(raw.completion, dCompletion, COMPLETIONS, vctx, 'completion'),
      recorded: raw.recorded === true || doc.recorded === true,
      steps: raw.steps.map((s, j) => parseStep(s, { file, vectorId: id, step: j }, layout.sizeT, layout.sizeofIrp)),
    };
  });
  return { file, title: typeof doc.title === 'string' ? doc.title : '', vectors };
}
