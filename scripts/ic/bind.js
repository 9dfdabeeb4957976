#!/usr/bin/env node
/**
 * Instruction-count workload for callgrind: fill N binds (TCP listening sockets, 10.a.b.c on 4 ports), then X more
 * binds to 11.a.b.c on the same ports. Usage: node bind.js N X (env D = a built dist/src directory). Driven by ic.sh.
 */
'use strict';
const { WskProvider, encodeSockaddrText } = require(process.env.D || require('path').join(__dirname, '../../dist/src'));
const N = +process.argv[2], X = +process.argv[3];
const p = new WskProvider({ arch: 'x64' }); const irp = new Uint8Array(208);
const L = { family: 2, type: 1, protocol: 6, flags: 1 };
const addr = Uint8Array.from(encodeSockaddrText('10.0.0.0:5150'));
function put(net, i) { const port = 5150 + (i % 4), a = Math.floor(i / 4); addr[2] = port >>> 8; addr[3] = port & 255; addr[4] = net; addr[5] = (a >>> 16) & 255; addr[6] = (a >>> 8) & 255; addr[7] = a & 255; }
for (let i = 0; i < N; i++) { const s = p.wskSocket(L).socket; put(10, i); if (p.wskBind(s, addr, 0, irp) !== 0) throw new Error('fill'); }
const socks = []; for (let i = 0; i < 20000; i++) socks.push(p.wskSocket(L).socket);
for (let i = 0; i < X; i++) { put(11, i); if (p.wskBind(socks[i], addr, 0, irp) !== 0) throw new Error('bind'); }
console.log('ok');
