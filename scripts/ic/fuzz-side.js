#!/usr/bin/env node
/**
 * Fuzz throughput of two builds side by side: checked calls of `runPlan` (seed 1, one thread, every invariant
 * checked, both runs of each case) per wall second, per CPU second of the whole process (V8's GC and compiler threads
 * count) and per CPU second of the main thread, measured after a warm-up of WARM cases (seed 7) in the same process.
 * Each round runs one fresh process per build, the builds alternating, so that both see the same machine load.
 * Usage: node scripts/ic/fuzz-side.js OLD_DIST [NEW_DIST] [ROUNDS] [CASES] [WARM]
 * (a DIST is a built checkout's dist/src; NEW_DIST defaults to this checkout's; 5 rounds of 40 000 cases after a
 * 5 000-case warm-up). Prints one line per process and the ratios new / old of each round, then the median ratios.
 * With `--child DIST CASES WARM` it is the measured process itself (one JSON line).
 */
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const { execFileSync } = require('node:child_process');
const { threadCpu } = require('./thread-cpu');


if (process.argv[2] === '--child') {
  const [dist, cases, warm] = [process.argv[3], +process.argv[4], +process.argv[5]];
  const { runPlan } = require(path.join(dist, 'fuzz/campaign'));
  const plan = (seed, runs) => ({ seed, runs, shard: { index: 0, count: 1 }, worker: 0, workers: 1, deadline: null });
  runPlan(plan(7, warm));
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const th0 = threadCpu();
  const s = runPlan(plan(1, cases));
  const c = process.cpuUsage(c0);
  const th1 = threadCpu();
  const cpu = (c.user + c.system) / 1e6;
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const mainCpu = (th1.main - th0.main) / 1000;
  process.stdout.write(`${JSON.stringify({ cases: s.cases, calls: s.calls, cpu, wall, mainCpu, perCpu: s.calls / cpu, perMainCpu: mainCpu > 0 ? s.calls / mainCpu : NaN, findings: Object.keys(s.findings).length })}\n`);
  process.exit(0);
}

const old = process.argv[2] && path.resolve(process.argv[2]);
const neu = path.resolve(process.argv[3] || path.join(__dirname, '../../dist/src'));
const rounds = +(process.argv[4] || 5);
const cases = +(process.argv[5] || 40000);
const warm = +(process.argv[6] || 5000);
if (!old) { process.stderr.write('usage: node scripts/ic/fuzz-side.js OLD_DIST [NEW_DIST] [ROUNDS] [CASES] [WARM]\n'); process.exit(2); }
const run = (dist) => JSON.parse(execFileSync(process.execPath, [__filename, '--child', dist, String(cases), String(warm)], { encoding: 'utf8' }));
const load = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
const k = (x) => `${(x / 1000).toFixed(1)} k`;
const ratios = { cpu: [], wall: [], main: [] };
for (let i = 0; i < rounds; i++) {
  // Alternate which build goes first.
  const order = i % 2 === 0 ? ['old', 'new'] : ['new', 'old'];
  const r = {};
  for (const b of order) {
    const l = load();
    r[b] = run(b === 'old' ? old : neu);
    process.stdout.write(`${new Date().toISOString().slice(11, 19)} load ${l} ${b}: ${r[b].calls} checked calls in ${r[b].wall.toFixed(2)} s, ${k(r[b].calls / r[b].wall)}/s wall, ${k(r[b].perCpu)} per CPU s, ${k(r[b].perMainCpu)} per main-thread CPU s\n`);
  }
  ratios.cpu.push(r.new.perCpu / r.old.perCpu);
  ratios.wall.push((r.new.calls / r.new.wall) / (r.old.calls / r.old.wall));
  ratios.main.push(r.new.perMainCpu / r.old.perMainCpu);
  process.stdout.write(`round ${i + 1}: new / old = ${ratios.wall[i].toFixed(3)} per wall s, ${ratios.cpu[i].toFixed(3)} per CPU s, ${ratios.main[i].toFixed(3)} per main-thread CPU s\n`);
}
const median = (a) => { a.sort((x, y) => x - y); return `${a[a.length >> 1].toFixed(3)} (range ${a[0].toFixed(3)}-${a[a.length - 1].toFixed(3)}, ${rounds} rounds)`; };
process.stdout.write(`median new / old per wall s ${median(ratios.wall)}\n`);
process.stdout.write(`median new / old per CPU s ${median(ratios.cpu)}\n`);
process.stdout.write(`median new / old per main-thread CPU s ${median(ratios.main)}\n`);
