#!/bin/bash
# Whether WskControlSocket's guarded success path still fits V8's inlining budget (docs/PERFORMANCE.md, section (a)):
# the bytecode sizes of its functions in this Node and the worst-case check, as `npm run bench` prints them with
# section (a) (src/bench/control.ts, inlineBudget). Exit status 1 when the budget is exceeded. Needs `npm run build`.
set -e
dist=$(dirname "$0")/../../dist/src/bench/control.js
[ -f "$dist" ] || { echo "inline-budget: $dist is missing (npm run build)" >&2; exit 2; }
node -e '
const b = require(process.argv[1]).inlineBudget();
if ("skipped" in b) { console.log(`inline-budget: not checked (${b.skipped})`); process.exit(2); }
console.log(`bytecode: ${Object.entries(b.sizes).map(([k, v]) => `${k} ${v}`).join(", ")}; worst case ${b.worstCase} of ${b.limit}`);
console.log(b.fits ? "inline-budget: OK" : "inline-budget: EXCEEDED (the path will be called, not inlined, in some compile orders)");
process.exit(b.fits ? 0 : 1);
' "$(cd "$(dirname "$dist")" && pwd)/control.js"
