#!/usr/bin/env node
/** Kept for habit: docs/POLICY-ADDITIONS.md is now written with every other generated page by scripts/gen-docs.js. */
require('./gen-docs.js');
