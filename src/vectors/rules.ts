/**
 * Rule lookup: the identifier a provider reports in `reason.rule` (a WskControlSocket check, a WskBind check, a
 * named policy entry, a sharing-table cell) -> its description and source citation. Table-driven: every exported
 * array or record of rows with a string `id` and a Citation `source` is indexed, from abi/policy.ts first and then
 * from every other module of abi/, so rows added by other tables are found by id without code changes here.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as policyTables from '../../abi/policy';
import { SOURCES } from '../../abi/sources';
import type { Citation } from '../../abi/schema';

/** What is known about a rule identifier. */
export interface RuleInfo {
  readonly id: string;
  /** One-line description (the row's `description` or `summary`), or '' when the id is not in any table. */
  readonly description: string;
  /** Where the rule comes from, or null when the id is not in any table. */
  readonly source: Citation | null;
  /** Name of the exported table the row was found in (e.g. CONTROL_CHECKS), or '' when unknown. */
  readonly table: string;
  /** Position in the table's order (CONTROL_CHECKS `order`), when the row has one. */
  readonly order: string | undefined;
}

let index: Map<string, RuleInfo> | null = null;
const extra: RuleInfo[] = [];

/** Modules indexed first (their rows win over rows of the same id elsewhere). */
export const RULE_MODULES: readonly Readonly<Record<string, unknown>>[] = [policyTables];

/** The modules of a directory of data tables (abi/: .ts under jest, .js in dist/), sorted by name; unloadable ones skipped. */
export function loadTableModules(dir: string): Readonly<Record<string, unknown>>[] {
  let names: string[];
  try { names = readdirSync(dir).sort(); } catch { return []; }
  const out: Readonly<Record<string, unknown>>[] = [];
  for (const n of names) {
    if (!(n.endsWith('.ts') || n.endsWith('.js')) || n.endsWith('.d.ts')) continue;
    try { out.push(require(join(dir, n)) as Record<string, unknown>); } catch { /* not loadable here: skip */ }
  }
  return out;
}

const moreModules: Readonly<Record<string, unknown>>[] = [];

/** Index the rule tables of one more module (after abi/); the first row for an id wins. */
export function addRuleModule(mod: Readonly<Record<string, unknown>>): void {
  moreModules.push(mod);
  index = null;
}

type RowLike = { id: string; source: Citation; description?: unknown; summary?: unknown; order?: unknown };

function isCitation(v: unknown): v is Citation {
  return typeof v === 'object' && v !== null && typeof (v as Citation).ref === 'string' && typeof (v as Citation).at === 'string';
}

function isRow(v: unknown): v is RowLike {
  return typeof v === 'object' && v !== null && typeof (v as RowLike).id === 'string' && isCitation((v as RowLike).source);
}

function rowsOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'object' && value !== null) return Object.values(value);
  return [];
}


function build(): Map<string, RuleInfo> {
  const m = new Map<string, RuleInfo>();
  const add = (info: RuleInfo): void => { if (!m.has(info.id)) m.set(info.id, info); };
  for (const mod of [...RULE_MODULES, ...loadTableModules(join(__dirname, '..', '..', 'abi')), ...moreModules]) {
    for (const [table, value] of Object.entries(mod)) {
      for (const row of rowsOf(value)) {
        if (!isRow(row)) continue;
        const d = typeof row.description === 'string' ? row.description : typeof row.summary === 'string' ? row.summary : '';
        add({ id: row.id, description: d, source: row.source, table, order: typeof row.order === 'string' ? row.order : undefined });
      }
    }
  }
  for (const e of extra) add(e);
  return m;
}

/** Register further rule rows (e.g. from a table not listed in RULE_MODULES); the first row for an id wins. */
export function registerRules(rows: readonly { id: string; description?: string; summary?: string; source: Citation }[], table = 'registered'): void {
  for (const r of rows) extra.push({ id: r.id, description: r.description ?? r.summary ?? '', source: r.source, table, order: undefined });
  index = null;
}

/**
 * Describe a rule id. `fallbackSource` (e.g. the provider's `reason.source`) is used when the id is not in any
 * table; an unknown id comes back bare (empty description, null source).
 */
export function describeRule(id: string, fallbackSource: Citation | null = null): RuleInfo {
  if (index === null) index = build();
  const hit = index.get(id);
  if (hit !== undefined) return fallbackSource !== null && hit.source === null ? { ...hit, source: fallbackSource } : hit;
  return { id, description: '', source: fallbackSource, table: '', order: undefined };
}

/** Citation as text: `[REF: at]` plus the source snapshot's title when known. */
export function formatCitation(c: Citation | null): string {
  if (c === null) return '';
  const snap = (SOURCES as Record<string, { title: string } | undefined>)[c.ref];
  return `[${c.ref}: ${c.at}${snap ? ` — ${snap.title}` : ''}]`;
}

/** One-line rendering: `id (check 9): description [REF: at]`, or the bare id when nothing is known. */
export function formatRule(id: string, fallbackSource: Citation | null = null): string {
  if (id === '') return '(no rule reported)';
  const r = describeRule(id, fallbackSource);
  const order = r.order !== undefined && r.table === 'CONTROL_CHECKS' ? ` (check ${r.order})` : r.order !== undefined ? ` (${r.table} ${r.order})` : '';
  const desc = r.description ? `: ${r.description}` : '';
  const cite = r.source ? ` ${formatCitation(r.source)}` : '';
  return `${id}${order}${desc}${cite}`;
}
