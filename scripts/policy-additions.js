#!/usr/bin/env node
/**
 * Regenerates docs/POLICY-ADDITIONS.md from abi/policy.ts (build first: npm run build): every policy entry that is
 * not one of POLICY.md's own (ref POLICY). test/unit/options-abi.test.ts checks the page is in step.
 */
const { writeFileSync } = require('fs');
const { join } = require('path');
const { POLICY_ENTRIES, CONTROL_CHECKS } = require('../dist/abi/policy.js');

const mine = POLICY_ENTRIES.filter((e) => e.source.ref !== 'POLICY');
const c = CONTROL_CHECKS.find((x) => x.id === 'option-transport');
let md = `# Policy additions: decisions where POLICY.md is silent

shared/spec/POLICY.md decides the documentation gaps of WskControlSocket for SO_EXCLUSIVEADDRUSE / SO_REUSEADDR and
of WskBind. Every further gap met while building the simulator (WskSocket validation, stream sockets, pending IRPs
at close, the remaining SOL_SOCKET options, transport options, WSK socket IOCTLs, SO_WSK_EVENT_CALLBACK,
WskControlClient, sharing-engine details) is a named entry of \`abi/policy.ts\` \`POLICY_ENTRIES\`, citing
\`WSKSIM\` (this project's decision) or the measurement it follows. This page lists them, one section per entry, in
table order; the bind-specific narrative (check order, cell ids, disagreements) is in docs/BIND-POLICY.md.
The data in \`abi/policy.ts\` is authoritative; this page is generated from it by \`scripts/policy-additions.js\`
(test/unit/options-abi.test.ts checks that every entry has its section and decision here).

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
