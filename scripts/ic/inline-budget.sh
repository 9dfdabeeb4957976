#!/bin/bash
# Whether WskControlSocket's guarded success path still fits V8's inlining budget (docs/PERFORMANCE.md, section (a)).
# Prints the bytecode size of wskControlSocket, fastControl and completeSuccess (node --print-bytecode, this Node) and
# checks, against V8's default limits (max-inlined-bytecode-size 460, max-inlined-bytecode-size-cumulative 920,
# reserve-inline-budget-scale-factor 1.2), the worst case: a caller's loop inlining wskControlSocket after it was
# optimised on its own with the rest already inlined, i.e. 1.2 x (sum of the three) <= 920. Needs `npm run build` first.
set -e
here=$(dirname "$0")
size() { node --print-bytecode --print-bytecode-filter="$1" "$here/control.js" "$2" 300000 2>/dev/null | grep -m1 'Bytecode length' | awk '{print $3}'; }
w=$(size wskControlSocket set); f=$(size fastControl set); c=$(size completeSuccess set)
total=$((w + f + c)); worst=$((total * 12 / 10))
echo "bytecode: wskControlSocket $w, fastControl $f, completeSuccess $c; total $total"
echo "largest function $f (limit 460); worst case 1.2 x $total = $worst (limit 920)"
if [ "$f" -le 460 ] && [ "$worst" -le 920 ]; then echo "inline-budget: OK"; else echo "inline-budget: EXCEEDED (the path will be called, not inlined, in some compile orders)"; exit 1; fi
