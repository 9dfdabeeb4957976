#!/usr/bin/env node
/**
 * A loop alternating WskControlSocket Set and Get of SO_EXCLUSIVEADDRUSE (IRP, inline completion) over 256 buffers:
 * two call sites sharing V8's inlining budget. Usage: node control-mix.js N [x64|x86] (env D = a built dist/src).
 */
'use strict';
const { WskProvider } = require(process.env.D || require('path').join(__dirname, '../../dist/src'));
const arch = process.argv[3] || 'x64';
const p = new WskProvider({ arch });
const s = p.wskSocket({ family: 2, type: 1, protocol: 6, flags: 1 }).socket;
const irpLen = arch === 'x64' ? 208 : 112;
const ins = [], outs = [], irps = [];
for (let i = 0; i < 256; i++) { const b = Buffer.alloc(4); b[0] = i & 1; ins.push(b); outs.push(Buffer.alloc(4)); irps.push(Buffer.alloc(irpLen)); }
function mix(n) {
  let x = 0;
  for (let i = 0; i < n; i++) {
    const k = i & 255;
    x += (k & 1) ? p.wskControlSocket(s, 1, 0xFFFFFFFB, 0xFFFF, 0, null, 4, outs[k], null, irps[k]) : p.wskControlSocket(s, 0, 0xFFFFFFFB, 0xFFFF, 4, ins[k], 0, null, null, irps[k]);
  }
  return x;
}
const N = +process.argv[2] || 1e7;
for (let r = 0; r < 5; r++) mix(1e5);
const t = process.hrtime.bigint();
if (mix(N) !== 0) throw new Error('a call did not return STATUS_SUCCESS');
const ns = Number(process.hrtime.bigint() - t);
console.log(`${arch} Set/Get alternating: ${(N / ns * 1e3).toFixed(1)} M calls/s`);
