#!/usr/bin/env node
/**
 * Bytes allocated per fuzz case, by allocating function: the inspector's sampling heap profiler (objects already
 * collected included) over a campaign of N cases (seed 2, after 3 000 cases of warm-up). Usage: node fuzz-alloc.js
 * [N] (env D = a built dist/src directory; default this checkout's). Sampled: figures are estimates (interval 1 KB).
 */
'use strict';
const inspector = require('node:inspector');
const path = require('node:path');
const { runPlan } = require(path.join(process.env.D || path.join(__dirname, '../../dist/src'), 'fuzz/campaign'));
const session = new inspector.Session();
session.connect();
const post = (m, p) => new Promise((res, rej) => session.post(m, p || {}, (e, r) => (e ? rej(e) : res(r))));
const plan = (seed, runs) => ({ seed, runs, shard: { index: 0, count: 1 }, worker: 0, workers: 1, deadline: null });
(async () => {
  runPlan(plan(1, 3000));
  await post('HeapProfiler.enable');
  await post('HeapProfiler.startSampling', { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  const N = +process.argv[2] || 20000;
  const r = runPlan(plan(2, N));
  const { profile } = await post('HeapProfiler.stopSampling');
  const self = new Map();
  let total = 0;
  const walk = (n) => {
    const f = n.callFrame;
    const name = `${f.functionName || '(anonymous)'} ${path.basename(f.url)}:${f.lineNumber + 1}`;
    total += n.selfSize;
    if (n.selfSize) self.set(name, (self.get(name) || 0) + n.selfSize);
    n.children.forEach(walk);
  };
  walk(profile.head);
  console.log(`${N} cases, ${r.calls} checked calls: ${(total / N).toFixed(0)} B per case`);
  [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20).forEach(([k, v]) => console.log(String(Math.round(v / N)).padStart(7), k));
})();
