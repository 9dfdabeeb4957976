#!/bin/bash
# Instructions per operation under valgrind/callgrind (deterministic; machine load does not matter).
#   scripts/ic/ic.sh control set|get|base     instructions per WskControlSocket call (or baseline op)
#   scripts/ic/ic.sh bind N                   instructions per added bind with N sockets bound
#   scripts/ic/ic.sh fuzz N [WARM]            instructions per checked fuzz call (campaign of N vs 3N cases, seed 1; after WARM
#                                             cases of another seed in the same process: the warm engine, JIT compilation out)
# Runs the workload twice (small and large count); the difference divided by the extra count cancels start-up and
# JIT warm-up. Needs `npm run build` first; env D may point at another build's dist/src.
# env NODEFLAGS adds node options (e.g. NODEFLAGS=--max-inlined-bytecode-size-cumulative=2000 to see what inlining would give).
set -e
here=$(dirname "$0")
run() { valgrind --tool=callgrind --callgrind-out-file=/dev/null node --single-threaded --max-old-space-size=4096 $NODEFLAGS "$@" 2>&1 | grep Collected | awk '{print $4}'; }
case "$1" in
  control) a=$(run "$here/control.js" "$2" 1000000); b=$(run "$here/control.js" "$2" 3000000); echo "$2 $(( (b - a) / 2000000 )) instructions/call" ;;
  bind) a=$(run "$here/bind.js" "$2" 5000); b=$(run "$here/bind.js" "$2" 15000); echo "N=$2 $(( (b - a) / 10000 )) instructions/bind" ;;
  fuzz)
    w=${3:-0}
    ca=$(node "$here/fuzz.js" "$2" | awk '{print $2}'); cb=$(node "$here/fuzz.js" "$(( 3 * $2 ))" | awk '{print $2}')
    a=$(run "$here/fuzz.js" "$2" "$w"); b=$(run "$here/fuzz.js" "$(( 3 * $2 ))" "$w")
    echo "cases $2/$(( 3 * $2 )) (after $w) calls $ca/$cb: $(( (b - a) / (cb - ca) )) instructions per checked call" ;;
  *) echo "usage: ic.sh control set|get|base | ic.sh bind N | ic.sh fuzz N [WARM]" >&2; exit 2 ;;
esac
