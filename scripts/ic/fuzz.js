#!/usr/bin/env node
/**
 * Instruction-count workload for callgrind: a fuzz campaign of N cases (seed 1, one thread, runPlan), printing the
 * checked calls it made. Usage: node fuzz.js N (env D = a built dist/src directory). Driven by ic.sh.
 */
'use strict';
const { runPlan } = require(require('path').join(process.env.D || require('path').join(__dirname, '../../dist/src'), 'fuzz/campaign'));
const s = runPlan({ seed: 1, runs: +process.argv[2], shard: { index: 0, count: 1 }, worker: 0, workers: 1, deadline: null });
console.log(`calls ${s.calls} findings ${Object.keys(s.findings).length}`);
