/**
 * docs/EVIDENCE.md: the survey of real WSK clients (abi/evidence.ts), each call replayed through the simulator under
 * every preset, so that the page states what wsksim answers today and a test notices when an answer changes.
 */
import { POLICY_PRESETS, type PolicyPresetName } from '../../abi/policy';
import { SURVEY_CALLS, SURVEY_QUESTIONS, SURVEYED_CLIENTS, type SurveyCall, type SurveyConstant, type SurveyInput, type SurveySocket } from '../../abi/evidence';
import { STRUCTS } from '../../abi/structs';
import { archSize, fieldOffset } from '../codec/layout';
import { encodeSockaddrText } from '../codec/sockaddr';
import { AF, CLIENT_CODE, constantValue, EVENT, PROTO, REQUEST, SOCK, WSK_FLAG } from '../codec/names';
import { WskProvider } from '../provider/provider';
import { resultName } from '../provider/result';
import { anchor, cell, generatedBanner } from './markdown';

/** What the simulator answered to one surveyed call under one preset. */
export interface SurveyAnswer {
  /** The status (or fault) name, or what stopped the replay before the call. */
  readonly result: string;
  /** The deciding rule (reason.rule). */
  readonly rule: string;
  /** Deviations the call recorded, when the provider reports them. */
  readonly lint: readonly string[];
  readonly ok: boolean;
}

const CATEGORY_FLAG: Readonly<Record<SurveySocket['category'], number>> = {
  basic: WSK_FLAG.WSK_FLAG_BASIC_SOCKET!, listen: WSK_FLAG.WSK_FLAG_LISTEN_SOCKET!, datagram: WSK_FLAG.WSK_FLAG_DATAGRAM_SOCKET!,
  connection: WSK_FLAG.WSK_FLAG_CONNECTION_SOCKET!, stream: WSK_FLAG.WSK_FLAG_STREAM_SOCKET!,
};

function value(v: SurveyConstant): number {
  if (typeof v === 'number') return v;
  const name = typeof v === 'string' ? v : v.name;
  const c = constantValue(name);
  if (c !== undefined) return c;
  if (typeof v === 'object') return v.value;
  throw new Error(`abi/evidence.ts names ${name}, which abi/constants.ts does not define: give its value`);
}

function eventMask(names: string): number {
  return names.split('|').reduce((m, n) => m | (EVENT[n.trim() as keyof typeof EVENT] ?? value(n.trim())), 0) >>> 0;
}

/** The input buffer of a replayed call, laid out for the provider's arch. */
function inputBytes(p: WskProvider, input: SurveyInput | null): Uint8Array | null {
  if (input === null) return null;
  if ('ulong' in input) { const b = Buffer.alloc(4); b.writeUInt32LE(input.ulong >>> 0); return b; }
  if ('sockaddr' in input) return encodeSockaddrText(input.sockaddr);
  if ('bytes' in input) return Buffer.from(input.bytes, 'hex');
  // WSK_EVENT_CALLBACK_CONTROL: NpiId (any non-NULL pointer stands for &NPI_WSK_INTERFACE_ID), then EventMask.
  const b = Buffer.alloc(archSize(STRUCTS.WSK_EVENT_CALLBACK_CONTROL.size, p.arch));
  b.writeUInt32LE(0x1000, fieldOffset('WSK_EVENT_CALLBACK_CONTROL', 'NpiId', p.arch));
  b.writeUInt32LE(eventMask(input.eventMask), fieldOffset('WSK_EVENT_CALLBACK_CONTROL', 'EventMask', p.arch));
  return b;
}

function lintOf(p: WskProvider): string[] {
  const l = (p.reason as unknown as { lint?: unknown }).lint;
  if (!Array.isArray(l)) return [];
  return l.map((x: unknown) => (typeof x === 'string' ? x : typeof x === 'object' && x !== null && typeof (x as { id?: unknown }).id === 'string' ? (x as { id: string }).id : String(x)));
}

function openSocket(p: WskProvider, s: SurveySocket): number | string {
  const r = p.wskSocket({ family: AF[s.family]!, type: SOCK[s.type]!, protocol: PROTO[s.protocol]!, flags: CATEGORY_FLAG[s.category] });
  if (r.status !== 0) return `WskSocket failed: ${resultName(r.status)}`;
  if (s.v6only === 0) {
    const v = p.wskControlSocket(r.socket, REQUEST.WskSetOption!, value('IPV6_V6ONLY'), value('IPPROTO_IPV6'), 4, Buffer.alloc(4), 0, null, null, Buffer.alloc(p.layout.sizeofIrp));
    if (v !== 0) return `setup IPV6_V6ONLY 0 failed: ${resultName(v)}`;
  }
  if (s.bound !== undefined) {
    const b = p.wskBind(r.socket, encodeSockaddrText(s.bound), 0, Buffer.alloc(p.layout.sizeofIrp));
    if (b !== 0) return `setup bind failed: ${resultName(b)}`;
  }
  if (s.connectedTo !== undefined) {
    const to = encodeSockaddrText(s.connectedTo)!;
    p.addRemoteListener(to);
    const c = p.wskConnect(r.socket, to, 0, Buffer.alloc(p.layout.sizeofIrp));
    if (c !== 0) return `setup connect failed: ${resultName(c)}`;
  }
  return r.socket;
}

/** Replay one surveyed call on a fresh x64 provider with inline completion under `policy`. */
export function replaySurveyCall(c: SurveyCall, policy: PolicyPresetName): SurveyAnswer {
  const p = new WskProvider({ arch: 'x64', policy, completion: 'inline' });
  const r = c.replay;
  const irp = (given: boolean): Uint8Array | null => (given ? Buffer.alloc(p.layout.sizeofIrp, 0xcc) : null);
  const osr = (given: boolean): Uint8Array | null => (given ? Buffer.alloc(p.layout.sizeT, 0xcc) : null);
  let status: number;
  if (r.fn === 'WskControlClient') {
    const input = inputBytes(p, r.input);
    status = p.wskControlClient(CLIENT_CODE[r.code as keyof typeof CLIENT_CODE] ?? value(r.code), input?.length ?? 0, input,
      r.outputSize, r.outputSize > 0 ? Buffer.alloc(r.outputSize, 0xcc) : null, osr(r.outputSizeReturned), irp(r.irp));
  } else {
    const s = openSocket(p, r.socket);
    if (typeof s === 'string') return { result: s, rule: p.reason.rule, lint: [], ok: false };
    if (r.fn === 'WskBind') {
      status = p.wskBind(s, encodeSockaddrText(r.address), 0, irp(r.irp));
    } else {
      const input = inputBytes(p, r.input);
      status = p.wskControlSocket(s, REQUEST[r.request]!, value(r.code), value(r.level), r.inputSize ?? input?.length ?? 0, input,
        r.outputSize, r.outputSize > 0 ? Buffer.alloc(r.outputSize, 0xcc) : null, osr(r.outputSizeReturned), irp(r.irp));
    }
  }
  return { result: resultName(status), rule: p.reason.rule, lint: lintOf(p), ok: status === 0 };
}

function answerText(a: SurveyAnswer): string {
  const name = a.result.replace(/^STATUS_/, '');
  return `${a.ok ? name : `**${name}**`}${a.rule ? ` (\`${a.rule}\`)` : ''}${a.lint.length ? `; lint: ${a.lint.map((x) => `\`${x}\``).join(', ')}` : ''}`;
}

function link(c: SurveyCall): string {
  const cl = SURVEYED_CLIENTS[c.client];
  return `[${c.path}:${c.line}](https://github.com/${cl.repo}/blob/${cl.commit}/${c.path}#L${c.line})`;
}

/** Render docs/EVIDENCE.md. */
export function renderEvidence(): string {
  const presets = Object.keys(POLICY_PRESETS) as PolicyPresetName[];
  const rows = SURVEY_CALLS.map((c) => ({ c, answers: presets.map((pr) => replaySurveyCall(c, pr)) }));
  let md = generatedBanner('abi/evidence.ts, replayed through the simulator by src/docs/evidence-doc.ts');
  md += `# Evidence: what real WSK clients call

Code that ships and works on Windows is evidence of what Windows accepts (the **real-client dependency** class of
[POLICY.md](POLICY.md#evidence-classes)). This page lists every WskControlSocket, WskControlClient and WskBind call
made by the surveyed clients, where it is, whether the client depends on its success, and what this simulator
answers to it under each preset. The calls are rows of \`abi/evidence.ts\` (the clients' code is cited, not copied);
each row is replayed on a fresh x64 provider with inline completion, on a socket of the category, family and state
the client uses (a connected socket is connected to a remote listener the replay declares), and the answers below
are the simulator's own output, regenerated with the page (\`npm run docs\`; a test fails when they change).

An answer is the status without its \`STATUS_\` prefix, in **bold** when it is a failure, with the rule that decided;
"lint" lists the deviations from the documented parameter table that the call recorded.

## ${anchor('clients')}Clients

| client | repository @ commit | what |
|---|---|---|
`;
  for (const [name, cl] of Object.entries(SURVEYED_CLIENTS)) md += `| \`${name}\` | [${cl.repo}](https://github.com/${cl.repo}/tree/${cl.commit}) @ \`${cl.commit.slice(0, 12)}\` | ${cell(cl.what)} |\n`;
  md += `
Status use: **fatal** = a failure aborts what the client was doing; **propagated** = returned to the library's
caller; **feature-probe** = a failure only turns a feature off; **logged** = printed and ignored; **ignored** = not
looked at.

## ${anchor('calls')}Calls

| id | where | call | status use | depends on success | ${presets.join(' | ')} |
|---|---|---|---|---|${presets.map(() => '---').join('|')}|
`;
  for (const { c, answers } of rows) {
    md += `| ${anchor(c.id.replace(/\//g, '-'))}\`${c.id}\` | ${link(c)} | ${cell(c.call)}${c.note ? `<br>${cell(c.note)}` : ''} | ${c.statusUse} | ${c.dependsOnSuccess ? 'yes' : 'no'} | ${answers.map((a) => cell(answerText(a))).join(' | ')} |\n`;
  }
  const target = presets.includes('windows' as PolicyPresetName) ? presets.indexOf('windows' as PolicyPresetName) : 0;
  const name: string = presets[target]!;
  const dependent = rows.filter((r) => r.c.dependsOnSuccess);
  const refused = dependent.filter(({ answers }) => !answers[target]!.ok);
  md += `
## ${anchor('refused')}Calls a client depends on that \`${name}\` refuses

${name === 'windows' ? '' : 'This version has no `windows` preset yet; the list is for `strict`. '}${refused.length} of the ${dependent.length} calls the clients depend on fail under \`${name}\`${refused.length === 0 ? '.' : ':'}
${refused.length === 0 ? '' : `\n${refused.map(({ c, answers }) => `- \`${c.id}\`: ${answerText(answers[target]!)}`).join('\n')}\n`}
## ${anchor('open-questions')}Open questions

Where the evidence does not settle the answer, or where the fix needs more than a row of data.

`;
  md += SURVEY_QUESTIONS.length === 0 ? 'None recorded.\n' : SURVEY_QUESTIONS.map((q) => `### ${anchor(q.id)}${q.question}\n\n${q.evidence}\n\nCalls: ${q.calls.map((x) => `\`${x}\``).join(', ')}.\n`).join('\n');
  return md;
}
