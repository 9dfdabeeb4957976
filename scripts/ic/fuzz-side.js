#!/usr/bin/env node
/**
 * Fuzz throughput of two builds side by side: checked calls per CPU second of `runPlan` (seed 1, one thread, every
 * invariant checked, both runs of each case), each round one fresh process per build, the builds alternating, so
 * that both see the same machine load. Usage: node scripts/ic/fuzz-side.js OLD_DIST [NEW_DIST] [ROUNDS] [CASES]
 * (a DIST is a built checkout's dist/src; NEW_DIST defaults to this checkout's; 5 rounds of 40 000 cases after a
 * 5 000-case warm-up). Prints one line per process and the ratios new / old of each round, then the median ratios:
 * per CPU second (every thread of the process: V8's GC and compiler threads count) and per wall second.
 * With `--child DIST CASES WARM` it is the measured process itself (one JSON line).
 */
'use strict';
const path = require('node:path');
const { execFileSync } = require('node:child_process');

if (process.argv[2] === '--child') {
  const [dist, cases, warm] = [process.argv[3], +process.argv[4], +process.argv[5]];
  const { runPlan } = require(path.join(dist, 'fuzz/campaign'));
  const plan = (seed, runs) => ({ seed, runs, shard: { index: 0, count: 1 }, worker: 0, workers: 1, deadline: null });
  runPlan(plan(7, warm));
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const s = runPlan(plan(1, cases));
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6;
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  process.stdout.write(`${JSON.stringify({ cases: s.cases, calls: s.calls, cpu, wall, perCpu: s.calls / cpu, findings: Object.keys(s.findings).length })}\n`);
  process.exit(0);
}

const old = process.argv[2] && path.resolve(process.argv[2]);
const neu = path.resolve(process.argv[3] || path.join(__dirname, '../../dist/src'));
const rounds = +(process.argv[4] || 5);
const cases = +(process.argv[5] || 40000);
if (!old) { process.stderr.write('usage: node scripts/ic/fuzz-side.js OLD_DIST [NEW_DIST] [ROUNDS] [CASES]\n'); process.exit(2); }
const run = (dist) => JSON.parse(execFileSync(process.execPath, [__filename, '--child', dist, String(cases), '5000'], { encoding: 'utf8' }));
const load = () => require('node:fs').readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
const k = (x) => `${(x / 1000).toFixed(1)} k`;
const ratios = [];
const wallRatios = [];
for (let i = 0; i < rounds; i++) {
  // Alternate which build goes first.
  const order = i % 2 === 0 ? ['old', 'new'] : ['new', 'old'];
  const r = {};
  for (const b of order) {
    const l = load();
    r[b] = run(b === 'old' ? old : neu);
    process.stdout.write(`${new Date().toISOString().slice(11, 19)} load ${l} ${b}: ${r[b].calls} checked calls in ${r[b].cpu.toFixed(2)} CPU s, ${k(r[b].perCpu)} per CPU s (${k(r[b].calls / r[b].wall)}/s wall)\n`);
  }
  ratios.push(r.new.perCpu / r.old.perCpu);
  wallRatios.push((r.new.calls / r.new.wall) / (r.old.calls / r.old.wall));
  process.stdout.write(`round ${i + 1}: new / old = ${ratios[i].toFixed(3)} per CPU s, ${wallRatios[i].toFixed(3)} per wall s\n`);
}
const median = (a) => { a.sort((x, y) => x - y); return `${a[a.length >> 1].toFixed(3)} (range ${a[0].toFixed(3)}-${a[a.length - 1].toFixed(3)}, ${rounds} rounds)`; };
process.stdout.write(`median new / old per CPU s ${median(ratios)}\n`);
process.stdout.write(`median new / old per wall s ${median(wallRatios)}\n`);
