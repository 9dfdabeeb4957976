#!/usr/bin/env node
/*
 * Regenerates docs/PEERS.md: the shipped corpus (vectors/) compared against Wine's netio.sys through the
 * conformance driver. Run as `npm run peers` (builds first). Needs Wine and mingw-w64 (docs/MEASURING.md).
 */
'use strict';
const { loadavg } = require('node:os');
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const root = join(__dirname, '..');
const { compareFiles } = require(join(root, 'dist/src/compare/compare.js'));
const { peersMarkdown } = require(join(root, 'dist/src/compare/peers.js'));
const { openWine, ExternalUnavailableError } = require(join(root, 'dist/src/compare/wine.js'));
const { expandPaths, loadVectorFile } = require(join(root, 'dist/src/vectors/suite.js'));

async function main() {
  const load = loadavg().map((x) => x.toFixed(2)).join(', ');
  const files = expandPaths([join(root, 'vectors')]).files.map(loadVectorFile);
  let ext;
  try {
    ext = await openWine({ log: (s) => process.stderr.write(`peers: ${s}\n`) });
  } catch (e) {
    if (e instanceof ExternalUnavailableError) { process.stderr.write(`peers: ${e.message}\n`); process.exit(2); }
    throw e;
  }
  let report;
  try {
    report = await compareFiles(files, ext);
  } finally {
    await ext.close();
  }
  for (const c of report.vectors) c.file = `vectors/${c.file.split(/[\\/]/).pop()}`;
  const md = peersMarkdown(report, { command: 'wsksim compare --against wine vectors/', date: new Date(), load });
  writeFileSync(join(root, 'docs', 'PEERS.md'), md);
  process.stdout.write(`docs/PEERS.md: ${report.vectors.length} vectors, ${report.same} SAME, ${report.diff} DIFF, ${report.skip} SKIP in ${(report.elapsedMs / 1000).toFixed(1)} s\n`);
}

main().catch((e) => { process.stderr.write(`peers: ${e && e.message ? e.message : e}\n`); process.exit(1); });
