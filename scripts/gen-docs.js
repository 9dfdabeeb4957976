#!/usr/bin/env node
/**
 * Regenerates the reference pages of docs/ from abi/ (build first: `npm run docs` does both).
 * test/unit/docs.test.ts checks that the committed pages are what this writes.
 */
const { join } = require('path');
const { writeDocs } = require('../dist/src/docs/index.js');

for (const p of writeDocs(join(__dirname, '..'))) console.log(`wrote ${p}`);
