/**
 * docs/POLICY.md and docs/POLICY-ADDITIONS.md, generated from abi/policy.ts: the presets, the check orders of
 * WskControlSocket and WskBind, and every named policy entry with its rationale and source.
 */
import { DEVIATIONS } from '../../abi/deviations';
import * as policy from '../../abi/policy';
import type { Citation, PolicyEntry } from '../../abi/schema';
import { anchor, cell, citationText, generatedBanner } from './markdown';

const { BIND_CHECKS, CLIENT_CHECKS, CONTROL_CHECKS, OUTCOME_RULES, POLICY_ENTRIES, POLICY_PRESETS, POLICY_SECTION_ANCHORS } = policy;

/** What each preset is for, in this project's words (a preset without a line here is listed without one). */
const PRESET_PURPOSE: Readonly<Record<string, string>> = {
  strict: 'the default of the library, the CLI and vector files. Each option\'s documented parameter table is the contract and the first deviation from it decides the status. Use it to test that a WSK client calls exactly as Microsoft documents.',
  lenient: 'checks only what the operation needs: the buffer it reads or writes exists and is large enough; extra arguments are ignored, boolean values are normalised, a before-bind option set after bind is stored without effect. Use it to see what a forgiving provider would do.',
  windows: '`strict` plus exactly the evidence-based entries: where a measurement on Windows, or a call shipping WSK drivers make and depend on, shows that Windows answers otherwise, the preset answers as Windows does; where no evidence exists, the `strict` answer stands. Use it to run real driver code.',
};

type CheckLike = { readonly id: string; readonly order: string; readonly description: string; readonly outcome: policy.CheckOutcome; readonly synchronousWhenPending: boolean; readonly source: Citation };

/** A source as the doc shows it: the core contract is this page itself. */
function sourceText(c: Citation): string {
  return c.ref === 'POLICY' ? `core contract (${c.at.replace(/^docs\/POLICY\.md/, 'this page ')})` : citationText(c);
}

function outcomeText(o: policy.CheckOutcome): string {
  if ('fault' in o) return `fault ${o.fault.map((f) => `\`${f}\``).join(' / ')}`;
  return `\`${o.status}\`${o.completesIrp ? ', IRP completed with it' : ', returned synchronously, no IRP completed'}`;
}

function checkTable(rows: readonly CheckLike[], prefix: string): string {
  let md = '| # | id | check | result when it fails | under pending completion | source |\n|---|---|---|---|---|---|\n';
  const seen = new Set<string>();
  for (const c of rows) {
    const a = seen.has(c.order) ? '' : anchor(`${prefix}${c.order}`);
    seen.add(c.order);
    md += `| ${a}${c.order} | \`${c.id}\` | ${cell(c.description)} | ${cell(outcomeText(c.outcome))} | ${c.synchronousWhenPending ? 'decided at the call' : 'arrives through the IRP'} | ${cell(sourceText(c.source))} |\n`;
  }
  return md;
}

/** Anchor a POLICY citation points at (the part after '#'), or undefined for other citations. */
function policyAnchor(c: Citation): string | undefined {
  const m = /^docs\/POLICY\.md#([a-z0-9-]+)/.exec(c.at);
  return c.ref === 'POLICY' && m ? m[1] : undefined;
}

/** Title of a section anchor: the POLICY_SECTION_ANCHORS key that names it, unquoted. */
function sectionTitle(a: string): string {
  const key = Object.entries(POLICY_SECTION_ANCHORS).find(([, v]) => v === a)?.[0] ?? a;
  return key.replace(/"/g, '');
}

const KNOWN_FIELDS = new Set(['id', 'summary', 'rationale', 'source', 'contract']);

/** Anchors of this page's fixed sections: a citation pointing at one of them groups its entry under "General". */
const PAGE_ANCHORS = new Set(['presets', 'presets-table', 'evidence-classes', 'deviations', 'control-checks', 'bind-checks', 'client-checks', 'outcome-rules', 'entries', 'general', 'additions']);

function entrySection(e: PolicyEntry, level: string): string {
  let md = `${level} ${anchor(e.id)}\`${e.id}\`\n\n- **Decision:** ${e.summary}\n- **Rationale:** ${e.rationale}\n- **Source:** ${sourceText(e.source)} (layer: ${e.source.layer})\n`;
  for (const [k, v] of Object.entries(e)) {
    if (KNOWN_FIELDS.has(k)) continue;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') md += `- **${k}:** ${String(v)}\n`;
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) md += `- **${k}:** ${v.join(', ')}\n`;
    else if (typeof v === 'object' && v !== null && typeof (v as Citation).ref === 'string') md += `- **${k}:** ${citationText(v as Citation)}\n`;
  }
  return `${md}\n`;
}

/** Render docs/POLICY.md. */
export function renderPolicy(): string {
  const entries = POLICY_ENTRIES as readonly PolicyEntry[];
  const entryIds = new Set(entries.map((e) => e.id));
  let md = generatedBanner('abi/policy.ts');
  md += `# Decided behaviour

Microsoft documents the parameters of each WSK control operation, but not every answer a provider gives to a call
outside them: which check comes first, what a failure leaves behind, how a bind conflict is reported. This page is
the project's answer to each such question. Every answer is a **named policy entry** of \`abi/policy.ts\` (data, with
its rationale and the evidence it rests on), so that a result can say which entry decided it (\`reason.rule\`, printed
by \`wsksim call\`, \`explain\` and \`run\`) and a user can cite it. The simulator's code reads the same rows, so this
page and the behaviour cannot drift apart; [POLICY-ADDITIONS.md](POLICY-ADDITIONS.md) lists the subset of entries
that go beyond the core contract, [SHARING.md](SHARING.md) the address-sharing tables, [VECTORS.md](VECTORS.md)
the vector format and [EVIDENCE.md](EVIDENCE.md) what real WSK clients call.

## ${anchor('presets-table')}Presets

A preset is chosen per provider (\`new WskProvider({ policy })\`), per vector (\`"policy"\`) and per CLI call
(\`--policy\`).

`;
  for (const name of Object.keys(POLICY_PRESETS)) md += `- ${anchor(`preset-${name}`)}**\`${name}\`**: ${PRESET_PURPOSE[name] ?? ''}\n`;
  const presets = Object.values(POLICY_PRESETS) as readonly Readonly<Record<string, unknown>>[];
  const knobs = [...new Set(presets.flatMap((p) => Object.keys(p)))].filter((k) => k !== 'name');
  md += `\nThe settings each preset resolves to (\`PolicySettings\`; a custom object may be passed instead of a name):\n\n| setting | ${presets.map((p) => `\`${String(p.name)}\``).join(' | ')} |\n|---|${presets.map(() => '---').join('|')}|\n`;
  for (const k of knobs) md += `| \`${k}\` | ${presets.map((p) => cell(typeof p[k] === 'object' ? JSON.stringify(p[k]) : String(p[k] ?? '—'))).join(' | ')} |\n`;
  md += `
## ${anchor('evidence-classes')}Evidence classes

Every fact and rule cites its evidence, and evidence is ranked, strongest first:

1. **documented**: Microsoft's pages and headers (sources \`D1\`, \`D2\`, \`W1\`, \`S1\`, \`H-*\` in [SOURCES.md](SOURCES.md));
2. **measured on Windows**: tests that run on Windows and assert its answers (Wine's \`ws2_32\`/\`afd\`/\`netio\` tests,
   including their \`todo_wine\` lines, which assert what Windows does where Wine does not yet);
3. **real-client dependency**: a call that shipping WSK drivers make and whose success they rely on; code that works
   on Windows is evidence that Windows accepts the call ([EVIDENCE.md](EVIDENCE.md) surveys such clients);
4. **project decision**: this page, where none of the above says anything.

A stronger class overrides a weaker one; where two sources of one class disagree, the disagreement and the choice
are written down in the entry. Wine's implementation (as opposed to its tests) is not evidence of what Windows does.

## ${anchor('deviations')}Deviations

A deviation is an argument outside an option's documented parameter table (for example an \`OutputSizeReturned\`
pointer on a Set whose table says NULL). Under \`strict\` the first deviation decides the status (check 10, or the
rule the deviation names); under the other presets a deviation that the preset accepts is reported as a diagnostic
rather than a failure. Calls record them in this order (\`abi/deviations.ts\`):

| id | deviation | decides through | source |
|---|---|---|---|
${DEVIATIONS.map((d) => `| \`${d.id}\` | ${cell(d.description)} | ${'rule' in d ? `[\`${d.rule}\`](#${d.rule})` : '[check 10](#check-10)'} | ${cell(citationText(d.source))} |`).join('\n')}

## ${anchor('control-checks')}WskControlSocket: order of checks

The checks run in this order and the first that fails decides; vectors pin the order. Checks marked "decided at the
call" run when the function is called even under \`completion: pending\`; the others decide the status that arrives
through the IRP when completions are delivered.

${checkTable(CONTROL_CHECKS, 'check-')}
For WskIoctl rows, checks 8-12 are run by the row's payload handler in the same order (presence, sizes, unused
arguments, value domain, timing). WskControlClient has its own order (entry [\`client-check-order\`](#client-check-order)).

## ${anchor('bind-checks')}WskBind: order of checks

${checkTable(BIND_CHECKS, 'bind-check-')}
## ${anchor('client-checks')}WskControlClient: order of checks

The first checks of WskControlClient; after them each code's handler runs presence, sizes, unused arguments, value
domain and state in the WskControlSocket order (entry [\`client-check-order\`](#client-check-order)).

${checkTable(CLIENT_CHECKS, 'client-check-')}
## ${anchor('outcome-rules')}Outcomes decided by an operation's handler

Results that an operation's own handler decides after the checks, each with the entry that decides it.

| id | outcome | source |
|---|---|---|
${OUTCOME_RULES.map((r) => `| ${anchor(r.id)}\`${r.id}\` | ${cell(r.description)} | ${cell(sourceText(r.source))} |`).join('\n')}

## ${anchor('entries')}Policy entries

Entries in table order, grouped by the part of the contract they belong to; the entries that extend the contract
follow under "Additions".

`;
  const groups = new Map<string, PolicyEntry[]>();
  for (const e of entries) {
    const a = policyAnchor(e.source) ?? (e.contract !== undefined ? (POLICY_SECTION_ANCHORS as Readonly<Record<string, string>>)[e.contract] : undefined);
    const key = a === undefined ? 'additions' : entryIds.has(a) || /^(bind-|client-)?check-/.test(a) || PAGE_ANCHORS.has(a) ? 'general' : a;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(e);
  }
  const order = [...groups.keys()].filter((k) => k !== 'additions');
  if (groups.has('additions')) order.push('additions');
  for (const key of order) {
    const title = key === 'general' ? 'General' : key === 'additions' ? 'Additions (where the core contract is silent)' : sectionTitle(key);
    md += `### ${anchor(key)}${title}\n\n`;
    for (const e of groups.get(key)!) md += entrySection(e, '####');
  }
  return md;
}

/** Render docs/POLICY-ADDITIONS.md: the entries that do not cite the core contract (ref POLICY). */
export function renderPolicyAdditions(): string {
  const mine = (POLICY_ENTRIES as readonly PolicyEntry[]).filter((e) => e.source.ref !== 'POLICY');
  const c = CONTROL_CHECKS.find((x) => x.id === 'option-transport')!;
  let md = generatedBanner('abi/policy.ts');
  md += `# Policy additions: decisions where the core contract is silent

[POLICY.md](POLICY.md) states the decided behaviour of WskControlSocket and WskBind. Every further gap met while
building the simulator (WskSocket validation, stream sockets, pending IRPs at close, the remaining SOL_SOCKET
options, transport options, WSK socket IOCTLs, SO_WSK_EVENT_CALLBACK, WskControlClient, sharing-engine details) is a
named entry of \`abi/policy.ts\` \`POLICY_ENTRIES\` citing \`WSKSIM\` (this project's decision) or the measurement it
follows. This page lists those entries, one section per entry, in table order; [POLICY.md](POLICY.md) lists every
entry, and [BIND-POLICY.md](BIND-POLICY.md) tells the bind-specific story (check order, cell ids, disagreements).

One check was added to the WskControlSocket order, between checks 7 and 8:

| # | check | result when it fails |
|---|---|---|
| ${c.order} | ${cell(c.description)}; then, on a socket with SIO_LOOPBACK_FAST_PATH enabled, the option is one the fast path supports (policy \`loopback-fast-path-options\`) | \`${'status' in c.outcome ? c.outcome.status : ''}\`, IRP completed |

For WskIoctl rows, checks 8-12 are run by the row's payload-kind handler (src/provider/ioctl-handlers.ts) in the
same order: presence, sizes, unused arguments, value domain, timing. WskControlClient has its own order (policy
\`client-check-order\`).

`;
  for (const e of mine) md += `## \`${e.id}\`\n\n- **Decision:** ${e.summary}\n- **Rationale:** ${e.rationale}\n- **Source:** ${e.source.ref} — ${e.source.at} (layer: ${e.source.layer})\n\n`;
  return md;
}
