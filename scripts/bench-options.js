#!/usr/bin/env node
/**
 * ns per WskControlSocket call (inline completion, x64, IRP given) for a few options-branch rows, best of 5 runs
 * of 1e6 calls each. Usage: npm run build && node scripts/bench-options.js [path-to-a-built-wsksim-checkout]
 */
const root = process.argv[2] ?? require('path').join(__dirname, '..');
const { WskProvider } = require(`${root}/dist/src/provider/provider.js`);
const p = new WskProvider({ arch: 'x64' });
const listen = p.wskSocket({ family: 2, type: 1, protocol: 0, flags: 1 }).socket;
const conn = p.wskSocket({ family: 2, type: 1, protocol: 0, flags: 2 }).socket;
const bind = Buffer.from('0200141e000000000000000000000000', 'hex');
p.wskBind(conn, bind, 0, Buffer.alloc(208));
const one = Buffer.from('01000000', 'hex'), out = Buffer.alloc(16), irp = Buffer.alloc(208), osr = Buffer.alloc(8);
const cases = [
  ['SO_EXCLUSIVEADDRUSE set+get', (n) => { for (let i = 0; i < n; i++) { p.wskControlSocket(listen, 0, 0xfffffffb, 0xffff, 4, one, 0, null, null, irp); p.wskControlSocket(listen, 1, 0xfffffffb, 0xffff, 0, null, 4, out, null, irp); } return 2 * n; }],
  ['SO_KEEPALIVE set+get', (n) => { for (let i = 0; i < n; i++) { p.wskControlSocket(listen, 0, 8, 0xffff, 4, one, 0, null, null, irp); p.wskControlSocket(listen, 1, 8, 0xffff, 0, null, 4, out, null, irp); } return 2 * n; }],
  ['IP_TTL get', (n) => { for (let i = 0; i < n; i++) p.wskControlSocket(listen, 1, 4, 0, 0, null, 4, out, null, irp); return n; }],
  ['SIO_WSK_QUERY_IDEAL_SEND_BACKLOG', (n) => { for (let i = 0; i < n; i++) p.wskControlSocket(conn, 2, 0x4f000003, 0, 0, null, 8, out, null, irp); return n; }],
  ['SIO_ADDRESS_LIST_QUERY (1 address)', (n) => { for (let i = 0; i < n; i++) p.wskControlSocket(conn, 2, 0x48000016, 0, 0, null, 40, Buffer.alloc(40), osr, null); return n; }],
];
for (const [name, f] of cases) {
  f(100000);
  let best = Infinity;
  for (let r = 0; r < 5; r++) { const t = process.hrtime.bigint(); const calls = f(1000000); best = Math.min(best, Number(process.hrtime.bigint() - t) / calls); }
  console.log(`${name.padEnd(38)} ${best.toFixed(1)} ns/call`);
}
