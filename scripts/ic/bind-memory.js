#!/usr/bin/env node
/**
 * Memory per bound socket in a fresh process: N TCP listening sockets bound to distinct 10.a.b.c addresses on 4 ports
 * (bench (b)'s fill), measured after a forced gc as heapUsed, arrayBuffers (off-heap) and RSS deltas / N. Prints one
 * JSON line. Usage: node --expose-gc bind-memory.js N [sequential|scattered] [connections] (env D = a built dist/src
 * directory); with `connections`, every second listener also carries an accepted connection and every tenth a lingering
 * endpoint (bench (b)'s connection load).
 */
'use strict';
const { WskProvider, encodeSockaddrText } = require(process.env.D || require('path').join(__dirname, '../../dist/src'));
const N = +process.argv[2];
const scattered = process.argv[3] === 'scattered';
const connections = process.argv[4] === 'connections';
const peer = Uint8Array.from(encodeSockaddrText('192.0.2.1:40000'));
if (!(N > 0) || typeof global.gc !== 'function') { console.error('usage: node --expose-gc bind-memory.js N [sequential|scattered]'); process.exit(2); }
const L = { family: 2, type: 1, protocol: 6, flags: 1 };
const addr = Uint8Array.from(encodeSockaddrText('10.0.0.0:5150'));
const irp = new Uint8Array(208);
const low24 = (k) => { if (!scattered) return k; const x = Math.imul(k, 0x2545f491) & 0xffffff; return x ^ (x >>> 12); };
global.gc(); global.gc();
const m0 = process.memoryUsage();
const p = new WskProvider({ arch: 'x64' });
for (let i = 0; i < N; i++) {
  const s = p.wskSocket(L).socket;
  const port = 5150 + (i % 4), a = low24(Math.floor(i / 4));
  addr[2] = port >>> 8; addr[3] = port & 255; addr[5] = (a >>> 16) & 255; addr[6] = (a >>> 8) & 255; addr[7] = a & 255;
  if (p.wskBind(s, addr, 0, irp) !== 0) throw new Error(`bind ${i}: ${p.reason.rule}`);
  if (!connections || (i % 2 !== 0 && i % 10 !== 1)) continue;
  peer[2] = (i >>> 8) & 255; peer[3] = i & 255;
  if (p.incomingConnection(peer, addr) !== s || p.wskAccept(s, 0, null, null, irp) !== 0) throw new Error(`accept ${i}: ${p.reason.rule}`);
  if (i % 10 === 1 && (p.wskDisconnect(p.lastAcceptedSocket, 0, 0, irp) !== 0 || p.wskCloseSocket(p.lastAcceptedSocket, irp) !== 0)) throw new Error(`close ${i}: ${p.reason.rule}`);
}
global.gc(); global.gc();
const m1 = process.memoryUsage();
if (p.inspect(1) === undefined) throw new Error('provider lost its sockets'); // keeps p alive until measured
const per = (k) => Math.round(((m1[k] - m0[k]) / N) * 10) / 10;
console.log(JSON.stringify({ sockets: N, order: scattered ? 'scattered' : 'sequential', connections, heapBytesPerSocket: per('heapUsed'), arrayBufferBytesPerSocket: per('arrayBuffers'), rssBytesPerSocket: per('rss') }));
