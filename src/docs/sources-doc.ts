/**
 * docs/SOURCES.md: every source snapshot a citation may name (abi/sources.ts).
 */
import { SOURCES } from '../../abi/sources';
import { cell, generatedBanner } from './markdown';

/** Render docs/SOURCES.md. */
export function renderSources(): string {
  let md = generatedBanner('abi/sources.ts');
  md += `# Sources cited by the ABI tables

Every row of \`abi/\` cites a source as \`{ ref, at, layer }\`: \`ref\` is one of the snapshots below, \`at\` the place
inside it, \`layer\` the evidence layer (header, WSK, AFD, user-mode Winsock, policy). \`POLICY\` and \`WSKSIM\` are this
repository's own decisions, written out in [POLICY.md](POLICY.md) and [POLICY-ADDITIONS.md](POLICY-ADDITIONS.md);
every other reference is public material outside the repository, named by repository and commit where one was read.
The provenance rules are in [abi/README.md](../abi/README.md).

| ref | what | where |
|---|---|---|
`;
  for (const [ref, s] of Object.entries(SOURCES)) md += `| \`${ref}\` | ${cell(s.title)} | ${cell(s.where)} |\n`;
  return md;
}
