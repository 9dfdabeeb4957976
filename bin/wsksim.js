#!/usr/bin/env node
'use strict';
// Entry point of the wsksim command: runs the compiled CLI (built by `npm ci` / `npm run build`).
try {
  require('../dist/src/cli/main.js').main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND') {
    process.stderr.write('wsksim: the compiled CLI is missing; run `npm run build` (npm ci does it) first\n');
    process.exitCode = 2;
  } else throw e;
}
