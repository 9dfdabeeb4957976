/**
 * `--record-measured`: the external provider's answers as a `wsksim/vectors@1` file. Each recorded vector keeps
 * its steps as written and gets the provider's results as expectations; `source` names provider, version, machine.
 */
import { readFileSync } from 'node:fs';
import { hex32, toHex } from '../codec/hex';
import { VECTOR_FORMAT, type VectorFile } from '../vectors/types';
import type { CompareReport } from './compare';
import { providerLine } from './compare';
import { ioStatusOf, providerStep } from './diff';
import { FN, FRAME } from './frames';
import type { PlannedStep } from './plan';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

/** Build the measured vector file from a comparison (only vectors whose every step the provider executed). */
export function measuredVectorFile(r: CompareReport, files: readonly VectorFile[], when = new Date()): Obj {
  const raw = new Map<string, Obj>();
  const defaults = new Map<string, Obj>();
  for (const f of files) {
    const j = JSON.parse(readFileSync(f.file, 'utf8')) as Obj;
    defaults.set(f.file, (j.defaults ?? {}) as Obj);
    for (const v of (j.vectors ?? []) as Obj[]) raw.set(`${f.file}\u0000${String(v.id)}`, v);
  }
  const source = `measured: ${providerLine(r.provider)}; wsksim compare --record-measured, ${when.toISOString()}`;
  const vectors: Obj[] = [];
  const notRecorded: Obj[] = [];
  for (const c of r.vectors) {
    const reason = c.verdict === 'SKIP' ? `${c.skip!.id}: ${c.skip!.text}`
      : c.answer === undefined || c.answer.outcome !== 'done' ? `no answer (${c.difference?.kind ?? 'none'})`
      : c.steps!.find((s) => s.kind === 'not-sent') !== undefined ? 'a step was not sent'
      : c.steps!.some((s) => s.kind === 'call' && !c.answer!.calls.get(s.seq)!.timing.executed) ? 'the driver did not execute a step' : undefined;
    const v = raw.get(`${c.file}\u0000${c.id}`);
    if (reason !== undefined || v === undefined) { notRecorded.push({ id: c.id, reason: reason ?? 'vector not found' }); continue; }
    const d = defaults.get(c.file)!;
    const steps = (v.steps as Obj[]).map((s, i) => {
      const planned = c.steps!.find((p) => p.index === i);
      const out: Obj = { ...s };
      delete out.expect;
      if (planned === undefined || planned.kind === 'not-sent') return out;
      if (planned.kind === 'deliver') {
        out.expect = {
          irps: (c.answer!.delivered.get(planned.seq) ?? []).map((g) => {
            const call = c.steps!.find((x): x is Extract<PlannedStep, { kind: 'call' }> => x.kind === 'call' && x.seq === g.callSeq)!;
            const io = ioStatusOf(call, g.result);
            return { completed: true, status: hex32(io?.status ?? g.result.status), information: (io?.information ?? 0n).toString() };
          }),
        };
        return out;
      }
      const p = providerStep(planned, c.answer!.calls.get(planned.seq)!);
      if (planned.fn === FN.WskSocket) {
        out.expect = { status: hex32(p.completion !== 'never' && p.ioStatus ? p.ioStatus.status : p.status) };
        return out;
      }
      const e: Obj = { status: hex32(p.status) };
      for (const name of ['output', 'outputSizeReturned'] as const) {
        const b = p.buffers.get(name);
        if (b !== undefined) e[name] = toHex(b);
      }
      if (p.buffers.has('irp') && p.ioStatus) {
        e.irp = { completed: p.completion !== 'never', status: hex32(p.ioStatus.status), information: p.ioStatus.information.toString() };
      }
      out.expect = e;
      return out;
    });
    vectors.push({
      id: c.id, source,
      arch: (v.arch ?? d.arch ?? 'x64') as Json, profile: (v.profile ?? d.profile ?? 'wsk') as Json,
      policy: (v.policy ?? d.policy ?? 'strict') as Json, completion: (v.completion ?? d.completion ?? 'inline') as Json,
      steps,
    });
  }
  return {
    format: VECTOR_FORMAT,
    title: `Answers of ${r.provider.provider} measured through the conformance driver`,
    source,
    'x-measured': { provider: r.provider.provider, version: r.provider.version, machine: r.provider.machine, driver: r.provider.driver, date: when.toISOString() },
    vectors,
    'x-not-recorded': notRecorded,
  };
}
