#!/usr/bin/env node
/**
 * Bind cost and heap per bound socket. Needs `npm run build` first.
 * Run: node --expose-gc --max-old-space-size=4096 scripts/bench-bind.js [maxSockets=1000000]
 * Workload: TCP listening sockets bound to distinct specific IPv4 addresses 10.a.b.c on port 5150 (one port bucket,
 * found by address hash), then timed binds on top of N existing bindings: a specific bind (new address), a conflicting
 * specific bind (refused by the table), a wildcard port-0 bind and a specific port-0 bind.
 */
'use strict';
const { WskProvider, AF, SOCK, WSK_FLAG, STATUS, encodeSockaddrText } = require('../dist/src/index.js');

const max = Number(process.argv[2] ?? 1000000);
const gc = global.gc ?? (() => {});

function fill(p, n, irp, addr) {
  for (let i = 0; i < n; i++) {
    const s = p.wskSocket({ family: AF.AF_INET, type: SOCK.SOCK_STREAM, protocol: 6, flags: WSK_FLAG.WSK_FLAG_LISTEN_SOCKET }).socket;
    addr[5] = (i >> 16) & 0xff; addr[6] = (i >> 8) & 0xff; addr[7] = i & 0xff;
    if (p.wskBind(s, addr, 0, irp) !== STATUS.STATUS_SUCCESS) throw new Error(`bind ${i} failed: ${p.reason.rule}`);
  }
}

function timeBinds(p, irp, label, makeAddr, expectStatus, reps = 20000) {
  const socks = [];
  for (let i = 0; i < reps; i++) socks.push(p.wskSocket({ family: AF.AF_INET, type: SOCK.SOCK_STREAM, protocol: 6, flags: WSK_FLAG.WSK_FLAG_LISTEN_SOCKET }).socket);
  const addrs = socks.map((_, i) => makeAddr(i));
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < reps; i++) {
    const st = p.wskBind(socks[i], addrs[i], 0, irp);
    if (st !== expectStatus) throw new Error(`${label}: got 0x${st.toString(16)} (${p.reason.rule})`);
  }
  const ns = Number(process.hrtime.bigint() - t0) / reps;
  for (const s of socks) p.wskCloseSocket(s, irp);
  return `${label} ${ns.toFixed(0)} ns`;
}

const sizes = [1000, 100000, 1000000].filter((n) => n <= max);
for (const n of sizes) {
  gc();
  const before = process.memoryUsage().heapUsed;
  const p = new WskProvider();
  const irp = Buffer.alloc(p.layout.sizeofIrp);
  const addr = Buffer.from(encodeSockaddrText('10.0.0.0:5150'));
  const t0 = process.hrtime.bigint();
  fill(p, n, irp, addr);
  const fillNs = Number(process.hrtime.bigint() - t0) / n;
  gc();
  const perSocket = (process.memoryUsage().heapUsed - before) / n;
  const fresh = (i) => { const b = Buffer.from(encodeSockaddrText('11.0.0.0:5150')); b[5] = i >> 16; b[6] = (i >> 8) & 0xff; b[7] = i & 0xff; return b; };
  const clash = (i) => { const b = Buffer.from(encodeSockaddrText('10.0.0.0:5150')); const j = (i * 7919) % n; b[5] = j >> 16; b[6] = (j >> 8) & 0xff; b[7] = j & 0xff; return b; };
  const any0 = () => encodeSockaddrText('0.0.0.0:0');
  const spec0 = (i) => { const b = Buffer.from(encodeSockaddrText('12.0.0.0:0')); b[5] = i >> 16; b[6] = (i >> 8) & 0xff; b[7] = i & 0xff; return b; };
  const rows = [
    timeBinds(p, irp, 'specific bind (no overlap):', fresh, STATUS.STATUS_SUCCESS),
    timeBinds(p, irp, 'conflicting bind (refused):', clash, STATUS.STATUS_ADDRESS_ALREADY_EXISTS),
    timeBinds(p, irp, 'wildcard port 0:', any0, STATUS.STATUS_SUCCESS, 10000),
    timeBinds(p, irp, 'specific port 0:', spec0, STATUS.STATUS_SUCCESS),
  ];
  console.log(`N=${n}: fill ${fillNs.toFixed(0)} ns/bind (incl. WskSocket), heap ${perSocket.toFixed(0)} B per bound socket; ${rows.join('; ')}`);
}
