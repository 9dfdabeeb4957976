/**
 * Recording: a steps file without expectations (the vector format with `expect` absent) -> a vector file whose
 * expectations are the simulator's results, so that replaying it passes.
 */
import { statusName } from '../codec/names';
import { VectorFormatError } from '../errors';
import { faultName } from '../provider/result';
import { packageVersion } from '../version';
import { parseVectorFile } from './reader';
import { runVector, type StepTrace } from './runner';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

/** Options of recordVectors. */
export interface RecordOptions {
  /** Replace expectations present in the script (default: keep them and add only missing fields). */
  readonly overwrite?: boolean;
  /** Source note for the file and for vectors without one (default "recorded by wsksim <version> on <date>"). */
  readonly source?: string;
  /** Date written in the default source note (default: today, YYYY-MM-DD). */
  readonly date?: string;
}

/** A vector whose replay does not pass after recording (kept script expectations disagree with the simulator). */
export interface RecordConflict {
  readonly vectorId: string;
  readonly step: number;
  readonly message: string;
}

/** Result of recording: the new document, its text, and the conflicts found by replaying it. */
export interface RecordResult {
  readonly document: Obj;
  readonly text: string;
  readonly vectors: number;
  readonly steps: number;
  readonly conflicts: readonly RecordConflict[];
}

function isObj(v: Json | undefined): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function infoJson(v: bigint | string): Json {
  const b = typeof v === 'bigint' ? v : BigInt(v);
  return b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b.toString();
}

/** The expectations that describe what a step did, in the vector format's JSON form. */
export function expectationsOf(t: StepTrace): Obj {
  const e: Obj = {};
  if (t.result !== undefined && t.op !== 'cacheSd') {
    const f = faultName(t.result);
    if (f !== undefined) e.fault = f;
    else e.status = statusName(t.result);
  }
  if (t.op === 'control' || t.op === 'localAddress' || t.op === 'remoteAddress') {
    if (t.buffers.output !== undefined) e.output = t.buffers.output;
    if (t.buffers.outputSizeReturned !== undefined) e.outputSizeReturned = t.buffers.outputSizeReturned;
  }
  if (t.buffers.irp !== undefined && t.op !== 'complete') {
    e.irp = t.irp === undefined ? 'untouched'
      : t.irp.completed ? { completed: true, status: statusName(t.irp.status), information: infoJson(t.irp.information) }
        : { completed: false };
  }
  if (t.op === 'accept') {
    if (t.buffers.localAddress !== undefined) e.localAddress = t.buffers.localAddress;
    if (t.buffers.remoteAddress !== undefined) e.remoteAddress = t.buffers.remoteAddress;
  }
  if (t.op === 'complete') {
    e.irps = t.completions.map((c) => ({ completed: true, status: c.status, information: infoJson(c.information) }));
  }
  if (t.op === 'incoming' || t.op === 'connect' || t.op === 'socketConnect') {
    if (t.listener !== undefined) e.listener = t.listener;
    const others = t.completions.filter((c) => c.irp !== `step ${t.index} irp`);
    if (t.op === 'incoming' && others.length > 0) e.completedIrps = others.map((c) => ({ completed: true, status: c.status, information: infoJson(c.information) }));
  }
  if (t.op === 'advanceTime' && t.released !== undefined) e.released = t.released;
  if (t.rule !== '' && !/\s/.test(t.rule) && t.result !== undefined && t.op !== 'cacheSd') e.rule = t.rule;
  if (t.op === 'bind' && t.conflictSocket !== undefined) e.conflictsWith = t.conflictSocket;
  if (t.lint.length > 0) e.lint = [...t.lint];
  return e;
}

function merge(existing: Json | undefined, recorded: Obj, overwrite: boolean): Obj {
  if (overwrite || !isObj(existing)) return recorded;
  const out: Obj = { ...recorded };
  if (existing.status !== undefined || existing.fault !== undefined) { delete out.status; delete out.fault; }
  return { ...out, ...existing };
}

/**
 * Record a script: parse it (strictly, like a vector file), run every vector, and fill each step's expectations
 * with what the simulator did. The file and each vector are marked `"recorded": true`. Throws VectorFormatError for
 * a malformed script. The recorded document is replayed; vectors that do not pass are returned as conflicts.
 */
export function recordVectors(text: string, file: string, options: RecordOptions = {}): RecordResult {
  const parsed = parseVectorFile(text, file);
  const raw = JSON.parse(text) as Obj;
  const note = options.source ?? `recorded by wsksim ${packageVersion()} on ${options.date ?? new Date().toISOString().slice(0, 10)}`;
  const rawVectors = raw.vectors as Json[];
  let steps = 0;
  const vectors: Json[] = parsed.vectors.map((v, i) => {
    const rv = rawVectors[i] as Obj;
    const result = runVector(v, file, { keepGoing: true });
    const rawSteps = rv.steps as Json[];
    const newSteps = rawSteps.map((rs, j) => {
      const t = result.trace.find((x) => x.index === j);
      if (t === undefined || !isObj(rs)) return rs;
      steps++;
      return { ...rs, expect: merge(rs.expect, expectationsOf(t), options.overwrite === true) };
    });
    const { id, source, ...rest } = rv;
    return { id: id!, source: typeof source === 'string' ? source : note, ...rest, recorded: true, steps: newSteps };
  });
  const { format, title, source, recorded: _recorded, defaults, vectors: _v, ...rest } = raw;
  void _recorded; void _v;
  const document: Obj = {
    format: format!,
    ...(title !== undefined ? { title } : {}),
    source: typeof source === 'string' ? source : note,
    recorded: true,
    ...(defaults !== undefined ? { defaults } : {}),
    ...rest,
    vectors,
  };
  const out = `${JSON.stringify(document, null, 2)}\n`;
  const conflicts: RecordConflict[] = [];
  let replay;
  try {
    replay = parseVectorFile(out, file);
  } catch (e) {
    if (e instanceof VectorFormatError) throw new VectorFormatError(`the recorded document does not parse: ${e.message}`, file, e.vectorId, e.step);
    throw e;
  }
  for (const v of replay.vectors) {
    const r = runVector(v, file);
    if (!r.passed) conflicts.push({ vectorId: v.id, step: r.mismatch!.step, message: r.mismatch!.message });
  }
  return { document, text: out, vectors: vectors.length, steps, conflicts };
}
