/**
 * The reference pages of docs/ are generated from abi/ and committed: regenerating must give the committed bytes.
 * Every citation the CLI can print (every rule's description and source, every Citation in abi/, every shipped
 * vector's source) names documents a user of a clone has: a project document is named by its path in the
 * repository, the file exists, and its #anchor exists in it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SOURCES } from '../../abi/sources';
import type { Citation } from '../../abi/schema';
import { GENERATED_DOCS } from '../../src/docs';
import { formatCitation, loadTableModules } from '../../src/vectors/rules';

const ROOT = join(__dirname, '..', '..');

/** Anchors a Markdown file defines: explicit <a id> anchors and GitHub-style heading slugs. */
function anchorsOf(path: string): Set<string> {
  const text = readFileSync(join(ROOT, path), 'utf8');
  const out = new Set<string>();
  for (const m of text.matchAll(/<a id="([^"]+)"><\/a>/g)) out.add(m[1]!);
  for (const m of text.matchAll(/^#+ (.*)$/gm)) {
    out.add(m[1]!.replace(/<[^>]+>/g, '').trim().toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-'));
  }
  return out;
}

const anchorCache = new Map<string, Set<string>>();

/**
 * Problems with the project documents a text names. A project document is a `.md` name whose base name starts with
 * a capital letter (README.md, POLICY.md, ...); Microsoft's page names are lowercase and belong to their snapshot.
 */
export function documentProblems(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/([\w./-]*?)([A-Z][\w-]*\.md)(#[\w-]+)?/g)) {
    const path = `${m[1]!}${m[2]!}`.replace(/^\.\//, '');
    if (!existsSync(join(ROOT, path))) { out.push(`${path}${m[3] ?? ''}: no such file in the repository`); continue; }
    if (m[3] !== undefined) {
      if (!anchorCache.has(path)) anchorCache.set(path, anchorsOf(path));
      if (!anchorCache.get(path)!.has(m[3].slice(1))) out.push(`${path}${m[3]}: no such anchor`);
    }
  }
  return out;
}

function isCitation(v: unknown): v is Citation {
  return typeof v === 'object' && v !== null && typeof (v as Citation).ref === 'string' && typeof (v as Citation).at === 'string';
}

/** Every Citation and every rule description/summary reachable from the exports of abi/, with where it was found. */
function abiTexts(): { where: string; text: string; citation?: Citation }[] {
  const out: { where: string; text: string; citation?: Citation }[] = [];
  const seen = new Set<unknown>();
  const walk = (v: unknown, where: string): void => {
    if (typeof v !== 'object' || v === null || seen.has(v)) return;
    seen.add(v);
    if (isCitation(v)) { out.push({ where, text: formatCitation(v), citation: v }); return; }
    const row = v as { id?: unknown; description?: unknown; summary?: unknown };
    if (typeof row.id === 'string') {
      for (const t of [row.description, row.summary]) if (typeof t === 'string') out.push({ where: `${where} (${row.id})`, text: t });
    }
    for (const [k, x] of Object.entries(v)) walk(x, `${where}.${k}`);
  };
  loadTableModules(join(ROOT, 'abi')).forEach((m, i) => walk(m, `abi module ${i}`));
  return out;
}

describe('generated docs', () => {
  it.each(GENERATED_DOCS.map((d) => [d.path, d] as const))('%s is up to date (npm run docs)', (path, d) => {
    expect(readFileSync(join(ROOT, path), 'utf8')).toBe(d.render());
  });

  it.each(GENERATED_DOCS.map((d) => [d.path] as const))('%s defines each anchor once and names only existing documents', (path) => {
    const text = readFileSync(join(ROOT, path), 'utf8');
    const ids = [...text.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]!);
    expect(ids.filter((x, i) => ids.indexOf(x) !== i)).toEqual([]);
    const links = [...text.matchAll(/\]\(([^)#]*)(#[\w-]+)?\)/g)].map((m) => `docs/${m[1]!}${m[2] ?? ''}`.replace(/docs\/\.\.\//, '').replace(/^docs\/(#)/, `${path}$1`));
    expect(links.flatMap(documentProblems)).toEqual([]);
  });

  it('npm pack ships docs/', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('docs');
  });
});

describe('citations name files a user has', () => {
  const texts = abiTexts();

  it('finds the citations of every table', () => {
    expect(texts.filter((t) => t.citation).length).toBeGreaterThan(300);
  });

  it('every citation names a listed source', () => {
    expect(texts.filter((t) => t.citation && !(t.citation.ref in SOURCES)).map((t) => t.where)).toEqual([]);
  });

  it('every project document a citation or rule description names exists, with its anchor', () => {
    expect(texts.flatMap((t) => documentProblems(t.text).map((p) => `${t.where}: ${p}`))).toEqual([]);
  });

  it('every citation of the project itself (POLICY, WSKSIM) names a repository file', () => {
    const local = texts.filter((t) => t.citation && (t.citation.ref === 'POLICY' || t.citation.ref === 'WSKSIM'));
    expect(local.length).toBeGreaterThan(50);
    expect(local.filter((t) => !/(docs|abi)\/[\w-]+\.(md|ts)/.test(t.text)).map((t) => `${t.where}: ${t.text}`)).toEqual([]);
  });

  it('every source a shipped vector names exists (wsksim explain prints it)', () => {
    const dir = join(ROOT, 'vectors');
    const problems: string[] = [];
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
      const doc = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { vectors: { id: string; source?: string }[] };
      for (const v of doc.vectors) problems.push(...documentProblems(v.source ?? '').map((p) => `${f} ${v.id}: ${p}`));
    }
    expect(problems.slice(0, 20)).toEqual([]);
  });

  it('the project documents named in the README exist', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).not.toMatch(/\.\.\/shared|shared\/spec/);
    const links = [...readme.matchAll(/\]\(([^)#:]+)(#[\w-]+)?\)/g)].map((m) => `${m[1]!}${m[2] ?? ''}`);
    expect(links.flatMap(documentProblems)).toEqual([]);
  });
});
