/**
 * `wsksim explain FILE [--vector ID]`: replay vectors step by step, showing each call in readable form, its
 * result, the check or rule that decided it (with its citation), the bytes written and whether the step's
 * expectations matched.
 */
import type { Command } from 'commander';
import { toHex } from '../codec/hex';
import { decodeSockaddr, formatAddress, SIZEOF_SOCKADDR_IN, SIZEOF_SOCKADDR_IN6 } from '../codec/sockaddr';
import { AF, PROTO, SOCK, WSK_FLAG } from '../codec/names';
import { VectorFormatError } from '../errors';
import { describeRule, formatRule } from '../vectors/rules';
import { lintCall, formatLint, lintNotes } from '../vectors/lint';
import { runVector, type StepTrace, type VectorResult } from '../vectors/runner';
import { loadVectorFile } from '../vectors/suite';
import type { BufferSpec, Step, Vector } from '../vectors/types';
import type { CliContext } from './main';
import {
  controlCodeText, guard, levelText, markedDump, paint, requestTypeText, statusText, UsageError, writtenRanges, type Paint,
} from './util';

function nameOf(table: Readonly<Record<string, number>>, v: number): string {
  return Object.entries(table).find(([, x]) => x === v)?.[0] ?? String(v);
}

function flagsText(v: number): string {
  if (v === 0) return Object.entries(WSK_FLAG).find(([, x]) => x === 0)?.[0] ?? '0';
  const names = Object.entries(WSK_FLAG).filter(([, x]) => x !== 0 && (v & x) === x).map(([k]) => k);
  const rest = names.reduce((acc, k) => acc & ~WSK_FLAG[k as keyof typeof WSK_FLAG]!, v);
  return [...names, ...(rest !== 0 ? [`0x${(rest >>> 0).toString(16)}`] : [])].join('|');
}

function bufText(name: string, b: BufferSpec): string {
  return `${name} ${b === null ? 'NULL' : `${b.initial.length} bytes`}`;
}

/** The step's call in readable C-like form. */
export function stepCallText(step: Step): string {
  switch (step.op) {
    case 'socket':
      return `${step.as !== undefined ? `${step.as} = ` : ''}WskSocket(${nameOf(AF, step.family)}, ${nameOf(SOCK, step.type)}, ` +
        `${step.protocol === 0 ? '0' : nameOf(PROTO, step.protocol)}, ${flagsText(step.flags)}` +
        `${step.owner !== undefined ? `, owner ${step.owner}` : ''}${step.securityDescriptor !== undefined ? `, security descriptor ${step.securityDescriptor}` : ''})`;
    case 'control':
      return `WskControlSocket(${step.socket}, ${requestTypeText(step.requestType)}, ${controlCodeText(step.controlCode)}, ${levelText(step.level)}, ` +
        `InputSize ${step.inputSize}, ${bufText('InputBuffer', step.input)}${step.input ? ` = ${toHex(step.input.initial)}` : ''}, ` +
        `OutputSize ${step.outputSize}, ${bufText('OutputBuffer', step.output)}, ${bufText('OutputSizeReturned', step.outputSizeReturned)}, ${bufText('Irp', step.irp)})`;
    case 'bind': {
      let addr = 'NULL';
      if (step.address !== null) {
        const b = step.address.bytes;
        const text = b.length >= 8 ? formatAddress(decodeSockaddr(b)) : '?';
        addr = `${text} (${b.length}-byte image${step.address.size !== b.length ? `, LocalAddress size ${step.address.size}` : ''})`;
      }
      return `WskBind(${step.socket}, ${addr}, Flags ${step.flags}, ${bufText('Irp', step.irp)})`;
    }
    case 'close':
      return `WskCloseSocket(${step.socket}, ${bufText('Irp', step.irp)})`;
    case 'cacheSd':
      return `${step.as} = WskControlClient(WSK_CACHE_SD) allowing ${step.allow.length ? step.allow.join(', ') : 'nobody'}`;
    case 'releaseSd':
      return `WskControlClient(WSK_RELEASE_SD, ${step.sd})`;
    case 'complete':
      return 'deliver pending IRP completions (in submission order)';
    case 'forceClose':
      return `forceClose(${step.socket}) (harness: forced-closed state)`;
    case 'listen':
      return `WskListen(${step.socket}, ${bufText('Irp', step.irp)})`;
    case 'connect':
      return `WskConnect(${step.socket}, ${addressText(step.address)}, Flags ${step.flags}, ${bufText('Irp', step.irp)})`;
    case 'socketConnect':
      return `${step.as !== undefined ? `${step.as} = ` : ''}WskSocketConnect(${nameOf(SOCK, step.type)}, ${step.protocol === 0 ? '0' : nameOf(PROTO, step.protocol)}, ` +
        `local ${addressText(step.localAddress)}, remote ${addressText(step.remoteAddress)}, Flags ${step.flags}, ${bufText('Irp', step.irp)})`;
    case 'incoming':
      return `incoming connection from ${addressText({ bytes: step.from, size: step.from.length })} to ${addressText({ bytes: step.to, size: step.to.length })} (harness: a remote peer connects)`;
    case 'accept':
      return `${step.as !== undefined ? `${step.as} = ` : ''}WskAccept(${step.socket}, Flags ${step.flags}, ${bufText('LocalAddress', step.localAddress)}, ${bufText('RemoteAddress', step.remoteAddress)}, ${bufText('Irp', step.irp)})`;
    case 'disconnect':
      return `WskDisconnect(${step.socket}, Buffer ${step.buffer === 0 ? 'NULL' : `0x${step.buffer.toString(16)}`}, Flags ${step.flags === 0 ? '0 (graceful)' : step.flags === 1 ? 'WSK_FLAG_ABORTIVE' : step.flags}, ${bufText('Irp', step.irp)})`;
    case 'peerClose':
      return `peerClose(${step.socket}) (harness: the remote side closes first)`;
    case 'advanceTime':
      return `advanceTime(${step.seconds} s) (harness: simulated time moves; lingering endpoints whose TIME_WAIT ends are released)`;
    case 'localAddress':
      return `WskGetLocalAddress(${step.socket}, ${bufText('LocalAddress', step.output)}, ${bufText('Irp', step.irp)})`;
    case 'remoteAddress':
      return `WskGetRemoteAddress(${step.socket}, ${bufText('RemoteAddress', step.output)}, ${bufText('Irp', step.irp)})`;
    case 'remote':
      return `remote listener at ${addressText({ bytes: step.listen, size: step.listen.length })} (harness)`;
    default: {
      const { index: _i, expect: _e, op, ...args } = step as Step & { readonly [k: string]: unknown };
      return `${op}(${Object.entries(args).map(([k, v]) => `${k} ${typeof v === 'object' && v !== null && 'initial' in v ? `${(v as { initial: Buffer }).initial.length} bytes` : JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x))}`).join(', ')})`;
    }
  }
}

const BUFFER_LABEL: Record<string, string> = {
  input: 'InputBuffer', output: 'OutputBuffer', outputSizeReturned: 'OutputSizeReturned', irp: 'Irp', address: 'LocalAddress',
  localAddress: 'LocalAddress', remoteAddress: 'RemoteAddress',
};

/** A SOCKADDR argument as text. */
function addressText(a: { readonly bytes: Buffer; readonly size: number } | null): string {
  if (a === null) return 'NULL';
  const b = a.bytes;
  const fam = b.length >= 2 ? b[0]! | (b[1]! << 8) : 0;
  const text = (fam === AF.AF_INET && b.length >= SIZEOF_SOCKADDR_IN) || (fam === AF.AF_INET6 && b.length >= SIZEOF_SOCKADDR_IN6) ? formatAddress(decodeSockaddr(b)) : `${b.length}-byte image`;
  return a.size !== b.length ? `${text} (${b.length}-byte image, size ${a.size})` : text;
}

function explainStep(step: Step, t: StepTrace | undefined, p: Paint, colour: boolean, policy: string): string[] {
  const lines = [`${p.bold(`step ${step.index}`)}  ${step.op}: ${stepCallText(step)}`];
  const ind = '        ';
  if (t === undefined) {
    lines.push(`${ind}${p.dim('not run (an earlier step failed)')}`);
    return lines;
  }
  if (t.result !== undefined && t.op !== 'cacheSd') {
    lines.push(`${ind}result: ${t.resultName.startsWith('fault') ? p.bad(t.resultName) : statusText(t.result)}`);
  }
  if (t.rule !== '' && step.op !== 'complete') lines.push(`${ind}decided by: ${formatRule(t.rule, t.source)}`);
  const { call, irpGiven } = lintCall(step);
  for (const l of formatLint(t.lint, t.rule, policy, call, irpGiven)) lines.push(`${ind}deviation: ${l.includes('decided the call') ? p.bad(l) : p.warn(l)}`);
  if (t.conflictSocket !== undefined) lines.push(`${ind}conflict with: ${t.conflictSocket}`);
  if (t.rule === 'connection-exclusive-reservation') {
    lines.push(`${ind}why: the port is still reserved by ${t.conflictSocket ?? 'a closed listener'}, a listener bound with SO_EXCLUSIVEADDRUSE and closed while connections it accepted are active; ` +
      `the bind fails as it would against that listener until the last of them ends${t.heldBy ? `: held by ${t.heldBy}` : ''} (docs/POLICY.md#connection-exclusive-reservation)`);
  }
  if (t.listener !== undefined) lines.push(`${ind}routed to: ${t.listener === null ? 'no listener (refused, or a remote listener)' : t.listener}`);
  if (t.released !== undefined) lines.push(`${ind}released: ${t.released} lingering endpoint(s)`);
  if (t.wsaError !== undefined) lines.push(`${ind}Winsock error: ${t.wsaError}`);
  if (t.irp !== undefined) {
    lines.push(`${ind}IRP: ${t.irp.completed ? `completed, IoStatus.Status ${statusText(t.irp.status)}, Information ${t.irp.information}` : 'not completed'}`);
  }
  for (const c of t.completions) {
    if (step.op === 'complete' || c.irp !== `step ${step.index} irp`) {
      lines.push(`${ind}completed ${c.irp}: ${c.status}, Information ${c.information}`);
      if (c.rule !== '') lines.push(`${ind}  decided by: ${formatRule(c.rule)}`);
    }
  }
  for (const [name, afterHex] of Object.entries(t.buffers)) {
    const initial = Buffer.from(t.initialBuffers[name] ?? '', 'hex');
    const after = Buffer.from(afterHex, 'hex');
    const w = writtenRanges(initial, after);
    const label = BUFFER_LABEL[name] ?? name;
    if (w === '') { if (name !== 'input' && name !== 'address') lines.push(`${ind}${label}: untouched`); continue; }
    lines.push(`${ind}${label}: written ${w}`);
    lines.push(...markedDump(initial, after, p, colour, `${ind}  `).split('\n'));
  }
  if (t.expectation === 'matched') lines.push(`${ind}expect: ${p.ok('matched')}`);
  else if (t.expectation === 'mismatched') lines.push(`${ind}expect: ${p.bad('MISMATCH')} ${t.mismatch!.split('\n').join(`\n${ind}  `)}`);
  else lines.push(`${ind}expect: ${p.dim('none (the step must merely not fault)')}`);
  return lines;
}

function runForExplain(v: Vector, file: string): VectorResult {
  try {
    return runVector(v, file, { keepGoing: true });
  } catch (e) {
    // Continuing after a mismatch can reach a step that needs what the failed step did not create.
    if (e instanceof VectorFormatError) return runVector(v, file);
    throw e;
  }
}

function jsonTrace(v: Vector, r: VectorResult): object {
  const steps = new Map(v.steps.map((s) => [s.index, s]));
  return {
    id: v.id, arch: v.arch, profile: v.profile, policy: v.policy, completion: v.completion, passed: r.passed,
    ...(r.mismatch ? { mismatch: r.mismatch } : {}),
    steps: r.trace.map((t) => {
      const rule = describeRule(t.rule, t.source);
      return {
        index: t.index, op: t.op, call: stepCallText(steps.get(t.index)!),
        result: t.resultName, rule: { id: t.rule, description: rule.description, source: rule.source },
        ...(t.conflictSocket !== undefined ? { conflictsWith: t.conflictSocket } : {}),
        ...(t.wsaError !== undefined ? { wsaError: t.wsaError } : {}),
        ...(t.listener !== undefined ? { listener: t.listener } : {}),
        ...(t.released !== undefined ? { released: t.released } : {}),
        ...(t.heldBy !== undefined ? { heldBy: t.heldBy } : {}),
        lint: ((c) => lintNotes(t.lint, t.rule, v.policy, c.call, c.irpGiven))(lintCall(v.steps.find((s) => s.index === t.index)!)),
        ...(t.irp !== undefined ? { irp: { completed: t.irp.completed, status: statusText(t.irp.status), information: t.irp.information.toString() } } : {}),
        completions: t.completions,
        buffers: Object.fromEntries(Object.entries(t.buffers).map(([k, after]) => {
          const initial = t.initialBuffers[k] ?? '';
          return [k, { initial, after, written: writtenRanges(Buffer.from(initial, 'hex'), Buffer.from(after, 'hex')) }];
        })),
        expectation: t.expectation, ...(t.mismatch !== undefined ? { mismatch: t.mismatch } : {}),
      };
    }),
  };
}

/** Register the `explain` command. */
export function registerExplainCommand(program: Command, ctx: CliContext): void {
  program
    .command('explain')
    .description('replay vectors step by step: each call, its result, the deciding check or rule with its source, bytes written, expectations')
    .argument('<file>', 'a wsksim/vectors@1 file')
    .option('--vector <id>', 'explain only this vector (exact id)')
    .option('--json', 'print a machine-readable trace')
    .addHelpText('after', `
Steps after a mismatch are still run and shown when they can be. Written bytes are those that differ from the
buffer's initial image: in [brackets] without colour, highlighted with colour (a TTY and NO_COLOR unset).

Exit status: 0 every explained vector passed, 1 a vector failed, 2 the file is malformed or unreadable, or no
vector has the given id.`)
    .action((file: string, opts: { vector?: string; json?: boolean }) => {
      guard(ctx, 'explain', () => {
        const f = loadVectorFile(file);
        const vectors = opts.vector === undefined ? f.vectors : f.vectors.filter((v) => v.id === opts.vector);
        if (vectors.length === 0) {
          throw new UsageError(opts.vector === undefined ? `${file} has no vectors`
            : `no vector ${JSON.stringify(opts.vector)} in ${file} (ids: ${f.vectors.map((v) => v.id).slice(0, 10).join(', ')}${f.vectors.length > 10 ? ', …' : ''})`);
        }
        const p = paint(ctx);
        if (opts.json) {
          const results = vectors.map((v) => ({ v, r: runForExplain(v, file) }));
          ctx.out(`${JSON.stringify({ file, vectors: results.map(({ v, r }) => jsonTrace(v, r)) }, null, 2)}\n`);
          ctx.setExit(results.every(({ r }) => r.passed) ? 0 : 1);
          return;
        }
        // Each step is printed as soon as it has run and its trace is not kept (a vector may have hundreds of thousands
        // of steps); output is written in chunks.
        let out: string[] = [];
        const flush = (): void => { if (out.length > 0) ctx.out(`${out.join('\n')}\n`); out = []; };
        let allPassed = true;
        for (const v of vectors) {
          out.push(`${p.bold(`vector ${v.id}`)}  [${v.arch}, profile ${v.profile}, policy ${v.policy}, completion ${v.completion}${v.recorded ? ', recorded' : ''}]`);
          if (v.source) out.push(`  source: ${v.source}`);
          let next = 0;
          let firstMismatch: number | undefined;
          const show = (t: StepTrace | undefined): void => {
            for (const l of explainStep(v.steps[next]!, t, p, ctx.color === true, v.policy)) out.push(`  ${l}`);
            if (t?.expectation === 'mismatched') firstMismatch ??= t.index;
            next++;
            if (out.length >= 4096) flush();
          };
          try {
            runVector(v, file, { keepGoing: true, retainTrace: false, onStep: show });
          } catch (e) {
            // Continuing after a mismatch can reach a step that needs what the failed step did not create.
            if (!(e instanceof VectorFormatError) || firstMismatch === undefined) throw e;
            out.push(`  ${p.dim(`(the steps below cannot run after the mismatch above: ${e.message})`)}`);
          }
          while (next < v.steps.length) show(undefined);
          allPassed &&= firstMismatch === undefined;
          out.push(firstMismatch === undefined ? `  ${p.ok('PASS')} ${v.id}` : `  ${p.bad('FAIL')} ${v.id}: first mismatch at step ${firstMismatch}`);
          out.push('');
        }
        out.pop(); // the blank line after the last vector: the output ends with one newline
        flush();
        ctx.setExit(allPassed ? 0 : 1);
      });
    });
}
