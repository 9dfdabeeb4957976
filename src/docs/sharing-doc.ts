/**
 * docs/SHARING.md, generated from abi/sharing-rules.ts: the address-sharing tables of the three profiles, in the
 * orientation of the page each was transcribed from, with cell ids and how refusals are reported.
 */
import { BIND_KINDS, SHARING_PROFILES } from '../../abi/sharing-rules';
import type { SharingCell, SharingTable } from '../../abi/schema';
import { anchor, cell, citationText, generatedBanner } from './markdown';

function tableAnchor(profile: string, t: SharingTable): string {
  return t.name === '' ? profile : `${profile}-${t.name.toLowerCase()}`;
}

function grid(t: SharingTable): string {
  const rowsAreSecond = /^rows = SECOND/.test(t.orientation);
  const at = (row: string, col: string): SharingCell | undefined =>
    t.cells.find((c) => (rowsAreSecond ? c.second === row && c.first === col : c.first === row && c.second === col));
  let md = `| ${rowsAreSecond ? 'second \\ first' : 'first \\ second'} | ${BIND_KINDS.join(' | ')} |\n|---|${BIND_KINDS.map(() => '---').join('|')}|\n`;
  for (const r of BIND_KINDS) md += `| **${r}** | ${BIND_KINDS.map((c) => at(r, c)?.outcome ?? '—').join(' | ')} |\n`;
  return md;
}

/** Render docs/SHARING.md. */
export function renderSharing(): string {
  let md = generatedBanner('abi/sharing-rules.ts');
  md += `# Address sharing: the bind tables

When a WskBind overlaps an existing binding (same transport, same port, overlapping addresses on the same stack;
[POLICY.md](POLICY.md#bind)), the outcome is read from a table of the active **profile**. A bind is classified by
its sharing option, D (none), R (SO_REUSEADDR) or E (SO_EXCLUSIVEADDRUSE), and its address, W (the stack's
wildcard) or S (a specific address): \`E-W\` is an SO_EXCLUSIVEADDRUSE bind to the wildcard. FIRST is the socket
already bound, SECOND the socket whose bind is judged.

Outcomes: SUCCESS; INUSE (the address is in use); DENIED (access denied); CHECK (WSK only: the first socket's
security descriptor must allow the second socket's owner, else DENIED). Each table is printed below in the
orientation of the page it was transcribed from (stated above each grid); every cell is a row of
\`abi/sharing-rules.ts\` citing that page, and \`wsksim matrix\` recomputes any table by binding through the simulator.

Cell ids (\`reason.rule\`, \`expect.rule\` in vectors) are \`<profile>[.<table>]:<FIRST>/<SECOND>\`, always in bind order
whatever the page's orientation: \`wsk:E-W/D-S\` is an exclusive wildcard bind first, then a plain specific bind.
When several bindings overlap, every one must allow; the first refusal in bind order decides.

`;
  for (const p of Object.values(SHARING_PROFILES)) {
    md += `## Profile \`${p.name}\`\n\n${p.title}.\n\n`;
    for (const t of p.tables) {
      md += `### ${anchor(tableAnchor(p.name, t))}${t.title}\n\n${t.orientation}; applies to ${t.owners === 'any' ? 'any owners' : `${t.owners} owners`}. Source: ${cell(t.cells[0] ? citationText(t.cells[0].source).replace(/, row .*$/, '') : '')}.\n\n${grid(t)}\n`;
    }
    if (p.overrides.length > 0) {
      md += `### ${anchor(`${p.name}-measured`)}Measured overrides (\`${p.name}\`)\n\nThese cells were measured on Windows and replace the table cell of the same FIRST/SECOND pair.\n\n| cell id | outcome | owners | source |\n|---|---|---|---|\n`;
      for (const c of p.overrides) md += `| \`${c.id}\` | ${c.outcome} | ${c.owners} | ${cell(citationText(c.source))} |\n`;
      md += '\n';
    }
  }
  md += `## ${anchor('reports')}How refusals are reported

| profile | INUSE | DENIED | source |\n|---|---|---|---|\n`;
  for (const p of Object.values(SHARING_PROFILES)) {
    md += `| \`${p.name}\` | \`${p.inuse.status}\` / ${p.inuse.wsaError} | \`${p.denied.status}\` / ${p.denied.wsaError} | ${cell(citationText(p.inuse.source))} |\n`;
  }
  md += `
The WSK table reports the NTSTATUS its page names. The user-mode tables name Winsock errors only; the NTSTATUS they
report is this project's decision, following what AFD returns for the same conflict (measured on Windows by Wine's
\`afd.c\` tests). \`reason.wsaError\` carries the Winsock code on every profile.
`;
  return md;
}
