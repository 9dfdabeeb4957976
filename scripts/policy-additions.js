#!/usr/bin/env node
/**
 * Regenerates docs/POLICY-ADDITIONS.md from abi/policy.ts (build first: npm run build). The options-branch entries
 * start at 'transport-option-applicability'; test/options-branch-abi.test.ts checks the page is in step.
 */
const { writeFileSync } = require('fs');
const { join } = require('path');
const { POLICY_ENTRIES, CONTROL_CHECKS } = require('../dist/abi/policy.js');

const start = POLICY_ENTRIES.findIndex((e) => e.id === 'transport-option-applicability');
const mine = POLICY_ENTRIES.slice(start);
const c = CONTROL_CHECKS.find((x) => x.id === 'option-transport');
let md = `# Policy additions of the options branch (issue 7)

Every gap met while implementing the remaining WSK control operations (SOL_SOCKET options, transport
options, WSK socket IOCTLs, SO_WSK_EVENT_CALLBACK, WskControlClient) is a named entry of
\`abi/policy.ts\` \`POLICY_ENTRIES\` (ref \`WSKSIM\`). This page lists them, one section per entry, in table order.
The data in \`abi/policy.ts\` is authoritative; this page is generated from it by \`scripts/policy-additions.js\`
(test/options-branch-abi.test.ts checks that every entry has its section and decision here).

One check was added to the WskControlSocket order of POLICY.md, between checks 7 and 8:

| # | check | result when it fails |
|---|---|---|
| ${c.order} | ${c.description}; then, on a socket with SIO_LOOPBACK_FAST_PATH enabled, the option is one the fast path supports (policy \`loopback-fast-path-options\`) | \`${c.outcome.status}\`, IRP completed |

For WskIoctl rows, checks 8-12 are run by the row's payload-kind handler (src/provider/ioctl-handlers.ts) in the
same order: presence, sizes, unused arguments, value domain, timing. WskControlClient has its own order (policy
\`client-check-order\`).

`;
for (const e of mine) md += `## \`${e.id}\`\n\n- **Decision:** ${e.summary}\n- **Rationale:** ${e.rationale}\n- **Source:** ${e.source.ref} — ${e.source.at} (layer: ${e.source.layer})\n\n`;
writeFileSync(join(__dirname, '..', 'docs', 'POLICY-ADDITIONS.md'), md);
console.log(`${mine.length} entries written to docs/POLICY-ADDITIONS.md`);
