#!/bin/bash
# Alternate two builds through bench section (a), N times: `scripts/ic/series-a.sh OLD_DIST NEW_DIST [N]`, where a
# DIST is a built checkout's dist/src (e.g. from `git worktree add /tmp/old <commit> && cd /tmp/old && npm ci && npm
# run build`). One line per run: time, 1-minute load, build, then sim and baseline M calls/s and the ratio for Set and Get.
set -e
old=$1; new=$2; n=${3:-10}
[ -f "$old/bench/main.js" ] && [ -f "$new/bench/main.js" ] || { echo "usage: series-a.sh OLD_DIST NEW_DIST [N]" >&2; exit 2; }
for i in $(seq "$n"); do
  for b in old new; do
    if [ $b = old ]; then d=$old; else d=$new; fi
    l=$(cut -d' ' -f1 /proc/loadavg)
    r=$(node --expose-gc "$d/bench/main.js" --only a | awk '/^(Set|Get) / {printf "%s %s %s %s | ", $1, $2, $4, $6}')
    echo "$(date +%H:%M:%S) load $l $b: $r"
  done
done
