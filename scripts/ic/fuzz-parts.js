#!/usr/bin/env node
/**
 * Where a checked fuzz case's time goes: the main-thread CPU time per case of `runPlan` (seed 1, one thread, after a
 * warm-up of WARM cases of seed 7) with parts of the checker switched off in the measuring process only, each
 * configuration in fresh processes, the configurations alternating within each round:
 *   whole       every check, and the replay for `deterministic` (what campaigns run);
 *   no-replay   without the replay (the second provider run and its comparisons);
 *   no-checks   without checkCall, checkCompletion, checkMemory and checkTime (the per-step invariants);
 *   neither     without both (what is left: the provider run, the arena, the state images, the observation record,
 *               the counts and the draw);
 *   draw        drawing the cases only.
 * Parts are switched off by replacing the compiled modules' exports (src/fuzz/invariants.ts) and CaseEngine.run in
 * the child process: nothing in src/ knows about this script. Measurement only: the stubbed runs check less.
 * Usage: node scripts/ic/fuzz-parts.js [ROUNDS] [CASES] [WARM]   (env D = a built dist/src; default this checkout's)
 */
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const { execFileSync } = require('node:child_process');
const { threadCpu } = require('./thread-cpu');

const CONFIGS = ['whole', 'no-replay', 'no-checks', 'neither', 'draw'];

/** CPU milliseconds of this process's main thread so far. */
const mainCpuMs = () => threadCpu().main;

if (process.argv[2] === '--child') {
  const [config, dist, cases, warm] = [process.argv[3], process.argv[4], +process.argv[5], +process.argv[6]];
  const inv = require(path.join(dist, 'fuzz/invariants'));
  const { CaseEngine } = require(path.join(dist, 'fuzz/engine'));
  const { runPlan, caseSeed } = require(path.join(dist, 'fuzz/campaign'));
  const { caseShapeFor } = require(path.join(dist, 'fuzz/generator'));
  // The switches below replace these internals; a build without them cannot be measured this way.
  const missing = ['checkCall', 'checkCompletion', 'checkMemory', 'checkTime'].filter((k) => typeof inv[k] !== 'function');
  if (typeof CaseEngine.prototype.twice !== 'function') missing.push('CaseEngine.twice');
  if (missing.length > 0) throw new Error(`this build lacks ${missing.join(', ')}`);
  if (config === 'no-checks' || config === 'neither') {
    inv.checkCall = () => {};
    inv.checkCompletion = () => {};
    inv.checkMemory = () => false;
    inv.checkTime = () => {};
  }
  if (config === 'no-replay' || config === 'neither') {
    CaseEngine.prototype.run = function run(c) { this.shape = c; return this.twice(false); };
  }
  const plan = (seed, runs) => ({ seed, runs, shard: { index: 0, count: 1 }, worker: 0, workers: 1, deadline: null });
  let calls = 0;
  let t0;
  if (config === 'draw') {
    for (let i = 0; i < warm; i++) caseShapeFor(caseSeed(7, i));
    t0 = mainCpuMs();
    for (let i = 0; i < cases; i++) caseShapeFor(caseSeed(1, i));
  } else {
    runPlan(plan(7, warm));
    t0 = mainCpuMs();
    calls = runPlan(plan(1, cases)).calls;
  }
  const ms = mainCpuMs() - t0;
  process.stdout.write(`${JSON.stringify({ config, calls, ms })}\n`);
  process.exit(0);
}

const dist = path.resolve(process.env.D || path.join(__dirname, '../../dist/src'));
const rounds = +(process.argv[2] || 3);
const cases = +(process.argv[3] || 100000);
const warm = +(process.argv[4] || 40000);
if (![rounds, cases, warm].every((n) => Number.isInteger(n) && n > 0)) {
  process.stderr.write('usage: node scripts/ic/fuzz-parts.js [ROUNDS] [CASES] [WARM] (positive integers)\n');
  process.exit(2);
}
if (!fs.existsSync(path.join(dist, 'fuzz/campaign.js'))) {
  process.stderr.write(`fuzz-parts: ${dist} is not a built dist/src (no fuzz/campaign.js; run npm run build)\n`);
  process.exit(2);
}
const per = new Map(CONFIGS.map((c) => [c, []]));
const callsOf = new Map();
for (let i = 0; i < rounds; i++) {
  const order = i % 2 === 0 ? CONFIGS : [...CONFIGS].reverse();
  for (const config of order) {
    const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
    let r;
    try {
      r = JSON.parse(execFileSync(process.execPath, [__filename, '--child', config, dist, String(cases), String(warm)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
    } catch (e) {
      const why = String(e.stderr || '').split('\n').find((l) => /^\w*Error: /.test(l)) || String(e.message).split('\n')[0];
      process.stderr.write(`fuzz-parts: the ${config} process failed: ${why.trim()}\n`);
      process.exit(1);
    }
    per.get(config).push((1000 * r.ms) / cases);
    if (config !== 'draw') callsOf.set(config, r.calls);
    const rate = config === 'draw' ? '' : `, ${(r.calls / r.ms).toFixed(1)} k checked calls per main-thread CPU s`;
    process.stdout.write(`${new Date().toISOString().slice(11, 19)} load ${load} ${config.padEnd(9)}: ${((1000 * r.ms) / cases).toFixed(2)} us per case${rate}\n`);
  }
}
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const whole = median(per.get('whole'));
const calls = callsOf.get('whole');
process.stdout.write(`medians over ${rounds} rounds (${cases} cases, ${(calls / cases).toFixed(2)} checked calls per case):\n`);
for (const c of CONFIGS) {
  const us = median(per.get(c));
  const rate = c === 'draw' ? '' : `, ${((calls / cases / us) * 1000).toFixed(0)} k checked calls per core-s`;
  process.stdout.write(`  ${c.padEnd(9)} ${us.toFixed(2)} us per case (${((100 * us) / whole).toFixed(0)} % of whole${rate})\n`);
}
