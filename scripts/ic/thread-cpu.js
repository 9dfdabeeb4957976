'use strict';
/**
 * CPU time per thread of the calling process, for the measurement scripts of scripts/ic: the main thread's and the
 * other threads' together (V8's compiler and GC helpers, worker threads), in milliseconds, from /proc/self/task (clock
 * ticks of 10 ms). Where /proc is missing, `main` is the whole process's CPU time and `other` 0.
 */
const fs = require('node:fs');

/** CPU milliseconds of this process's threads: { main, other }. */
function threadCpu() {
  let main = 0;
  let other = 0;
  let dir;
  try {
    dir = fs.readdirSync('/proc/self/task');
  } catch {
    const c = process.cpuUsage();
    return { main: (c.user + c.system) / 1000, other };
  }
  for (const t of dir) {
    try {
      const s = fs.readFileSync(`/proc/self/task/${t}/stat`, 'utf8');
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      const ms = (Number(f[11]) + Number(f[12])) * 10;
      if (t === String(process.pid)) main += ms; else other += ms;
    } catch { /* the thread ended */ }
  }
  return { main, other };
}

module.exports = { threadCpu };
