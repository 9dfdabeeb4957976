#!/usr/bin/env node
/**
 * Instruction-count workload for callgrind: N WskControlSocket Set or Get calls of SO_EXCLUSIVEADDRUSE (x64, IRP,
 * inline completion) or the hand-written baseline, over 256 distinct buffers. Usage: node control.js set|get|base N
 * (env D = a built dist/src directory; default this checkout's). Driven by ic.sh.
 */
'use strict';
const { WskProvider } = require(process.env.D || require('path').join(__dirname, '../../dist/src'));
const p = new WskProvider({ arch: 'x64' });
const s = p.wskSocket({ family: 2, type: 1, protocol: 6, flags: 1 }).socket;
const ins = [], outs = [], irps = [];
for (let i = 0; i < 256; i++) { const b = Buffer.alloc(4); b[0] = i & 1; ins.push(b); outs.push(Buffer.alloc(4)); irps.push(Buffer.alloc(208)); }
const which = process.argv[2]; const N = +process.argv[3];
let x = 0;
if (which === 'base') {
  for (let i = 0; i < N; i++) {
    const k = i & 255; const b = ins[k]; const v = (b[0] | b[1] << 8 | b[2] << 16 | b[3] << 24) >>> 0; const irp = irps[k];
    irp[48] = 0; irp[49] = 0; irp[50] = 0; irp[51] = 0; irp[56] = 0; irp[57] = 0; irp[58] = 0; irp[59] = 0; irp[60] = 0; irp[61] = 0; irp[62] = 0; irp[63] = 0;
    x += v;
  }
} else if (which === 'set') {
  for (let i = 0; i < N; i++) { const k = i & 255; x += p.wskControlSocket(s, 0, 0xFFFFFFFB, 0xFFFF, 4, ins[k], 0, null, null, irps[k]); }
} else if (which === 'get') {
  for (let i = 0; i < N; i++) { const k = i & 255; x += p.wskControlSocket(s, 1, 0xFFFFFFFB, 0xFFFF, 0, null, 4, outs[k], null, irps[k]); }
} else throw new Error('usage: control.js set|get|base N');
console.log(x);
