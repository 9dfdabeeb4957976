/**
 * The generated reference pages of docs/: each page's path and the function that renders it from abi/.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderEvidence } from './evidence-doc';
import { renderPolicy, renderPolicyAdditions } from './policy-doc';
import { renderSharing } from './sharing-doc';
import { renderSources } from './sources-doc';
import { renderVectors } from './vectors-doc';

/** Every generated page, by its path relative to the repository root. */
export const GENERATED_DOCS: readonly { readonly path: string; readonly render: () => string }[] = [
  { path: 'docs/EVIDENCE.md', render: renderEvidence },
  { path: 'docs/POLICY.md', render: renderPolicy },
  { path: 'docs/POLICY-ADDITIONS.md', render: renderPolicyAdditions },
  { path: 'docs/SHARING.md', render: renderSharing },
  { path: 'docs/SOURCES.md', render: renderSources },
  { path: 'docs/VECTORS.md', render: renderVectors },
];

/** Write every generated page under `root`; returns the paths written. */
export function writeDocs(root: string): string[] {
  return GENERATED_DOCS.map((d) => {
    writeFileSync(join(root, d.path), d.render());
    return d.path;
  });
}
