#!/usr/bin/env node
/**
 * Instruction-count workload for callgrind: a fuzz campaign of N cases (seed 1, one thread, runPlan), printing the
 * checked calls it made; with WARM, a campaign of WARM cases (seed 7) runs first, so that the difference of two runs
 * counts the warm engine only. Usage: node fuzz.js N [WARM] (env D = a built dist/src directory). Driven by ic.sh.
 */
'use strict';
const { runPlan } = require(require('path').join(process.env.D || require('path').join(__dirname, '../../dist/src'), 'fuzz/campaign'));
const plan = (seed, runs) => ({ seed, runs, shard: { index: 0, count: 1 }, worker: 0, workers: 1, deadline: null });
if (+process.argv[3] > 0) runPlan(plan(7, +process.argv[3]));
const s = runPlan(plan(1, +process.argv[2]));
console.log(`calls ${s.calls} findings ${Object.keys(s.findings).length}`);
