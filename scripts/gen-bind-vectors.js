#!/usr/bin/env node
/**
 * Writes vectors/bind-sharing-{wsk,winsock,winsock-xp}.json and vectors/bind-scenarios.json.
 *
 * Expected results come from the markdown tables below, pasted VERBATIM from the project contract's sharing tables (BIND-RULES §1.2,
 * §2.1-§2.3) in the documents' own orientation, and from hand-written scenario expectations. This script never
 * reads abi/ or src/: the vectors are an independent transcription, so a wrong cell in abi/sharing-rules.ts fails.
 * Run: node scripts/gen-bind-vectors.js  (then review the diff; the JSON files are the shipped corpus).
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

// ---- BIND-RULES.md §1.2, verbatim: rows = SECOND bind, columns = FIRST bind ----------------------------------
const WSK_MD = `
| **None, Wildcard (D-W)** | INUSE | SUCCESS | INUSE | SUCCESS | INUSE | SUCCESS |
| **None, Specific (D-S)** | CHECK | INUSE | CHECK | DENIED | DENIED | INUSE |
| **SO_REUSEADDR, Wildcard (R-W)** | DENIED | SUCCESS | SUCCESS | SUCCESS | DENIED | SUCCESS |
| **SO_REUSEADDR, Specific (R-S)** | CHECK | DENIED | SUCCESS | SUCCESS | DENIED | DENIED |
| **SO_EXCLUSIVEADDRUSE, Wildcard (E-W)** | INUSE | INUSE | INUSE | INUSE | INUSE | INUSE |
| **SO_EXCLUSIVEADDRUSE, Specific (E-S)** | CHECK | INUSE | CHECK | INUSE | DENIED | INUSE |`;

// ---- BIND-RULES.md §2.1 (table A), §2.2 (B), §2.3 (C), verbatim: rows = FIRST bind, columns = SECOND bind -----
const TABLE_A_MD = `
| **Default, Wildcard** | INUSE | INUSE | Success | Success | INUSE | INUSE |
| **Default, Specific** | INUSE | INUSE | Success | Success | INUSE | INUSE |
| **SO_REUSEADDR, Wildcard** | INUSE | INUSE | Success | Success | INUSE | INUSE |
| **SO_REUSEADDR, Specific** | INUSE | INUSE | Success | Success | INUSE | INUSE |
| **SO_EXCLUSIVEADDRUSE, Wildcard** | INUSE | INUSE | ACCESS | ACCESS | INUSE | INUSE |
| **SO_EXCLUSIVEADDRUSE, Specific** | INUSE | INUSE | ACCESS | ACCESS | INUSE | INUSE |`;
const TABLE_B_MD = `
| **Default, Wildcard** | INUSE | Success | ACCESS | Success | INUSE | Success |
| **Default, Specific** | Success | INUSE | Success | ACCESS | INUSE | INUSE |
| **SO_REUSEADDR, Wildcard** | INUSE | Success | Success | Success | INUSE | Success |
| **SO_REUSEADDR, Specific** | Success | INUSE | Success | Success | INUSE | INUSE |
| **SO_EXCLUSIVEADDRUSE, Wildcard** | INUSE | ACCESS | ACCESS | ACCESS | INUSE | ACCESS |
| **SO_EXCLUSIVEADDRUSE, Specific** | Success | INUSE | Success | ACCESS | INUSE | INUSE |`;
const TABLE_C_MD = `
| **Default, Wildcard** | INUSE | ACCESS | ACCESS | ACCESS | INUSE | ACCESS |
| **Default, Specific** | Success | INUSE | Success | ACCESS | INUSE | INUSE |
| **SO_REUSEADDR, Wildcard** | INUSE | ACCESS | Success | Success | INUSE | ACCESS |
| **SO_REUSEADDR, Specific** | Success | INUSE | Success | Success | INUSE | INUSE |
| **SO_EXCLUSIVEADDRUSE, Wildcard** | INUSE | ACCESS | ACCESS | ACCESS | INUSE | ACCESS |
| **SO_EXCLUSIVEADDRUSE, Specific** | Success | INUSE | Success | ACCESS | INUSE | INUSE |`;

/** Header order of every table: D-W, D-S, R-W, R-S, E-W, E-S. */
const KINDS = ['D-W', 'D-S', 'R-W', 'R-S', 'E-W', 'E-S'];

/** Parse a pasted table into cells[rowIndex][colIndex] = SUCCESS | INUSE | DENIED | CHECK. */
function parse(md) {
  const norm = { SUCCESS: 'SUCCESS', Success: 'SUCCESS', INUSE: 'INUSE', DENIED: 'DENIED', ACCESS: 'DENIED', CHECK: 'CHECK' };
  const rows = md.trim().split('\n').map((l) => l.split('|').slice(2, 8).map((c) => {
    const v = norm[c.trim()];
    if (!v) throw new Error(`bad cell ${c}`);
    return v;
  }));
  if (rows.length !== 6 || rows.some((r) => r.length !== 6)) throw new Error('table is not 6x6');
  return rows;
}

/** outcome(first, second) for a table whose rows are FIRST (user mode) or SECOND (WSK). */
function lookup(md, rowsAre) {
  const t = parse(md);
  return (first, second) => {
    const f = KINDS.indexOf(first), s = KINDS.indexOf(second);
    return rowsAre === 'first' ? t[f][s] : t[s][f];
  };
}

// POLICY.md "Bind": statuses reported per profile.
const REPORT = {
  wsk: { INUSE: 'STATUS_ADDRESS_ALREADY_EXISTS', DENIED: 'STATUS_ACCESS_DENIED' },
  winsock: { INUSE: 'STATUS_SHARING_VIOLATION', DENIED: 'STATUS_ACCESS_DENIED' },
  'winsock-xp': { INUSE: 'STATUS_SHARING_VIOLATION', DENIED: 'STATUS_ACCESS_DENIED' },
};
const WSA = { SUCCESS: 0, INUSE: 'WSAEADDRINUSE', DENIED: 'WSAEACCES' };

const ADDR = {
  inet: { family: 'AF_INET', W: '0.0.0.0:5150', S: '127.0.0.1:5150' },
  inet6: { family: 'AF_INET6', W: '[::]:5150', S: '[::1]:5150' },
};
const OPTION = { D: null, R: 'SO_REUSEADDR', E: 'SO_EXCLUSIVEADDRUSE' };

// ---- step builders --------------------------------------------------------------------------------------------
const OK = { status: 'STATUS_SUCCESS' };
function socket(as, family, owner, extra = {}) {
  return { op: 'socket', as, family, type: 'SOCK_STREAM', protocol: 'IPPROTO_TCP', flags: 'WSK_FLAG_LISTEN_SOCKET', owner, ...extra, expect: OK };
}
function udp(as, family, owner) {
  return { op: 'socket', as, family, type: 'SOCK_DGRAM', protocol: 'IPPROTO_UDP', flags: 'WSK_FLAG_DATAGRAM_SOCKET', owner, expect: OK };
}
function setOpt(sock, code, value, level = 'SOL_SOCKET', expect = OK, inputSize = 4) {
  return { op: 'control', socket: sock, requestType: 'WskSetOption', controlCode: code, level, inputSize, input: value, irp: { fill: '00' }, expect };
}
function option(sock, mode) {
  return OPTION[mode] ? [setOpt(sock, OPTION[mode], '01000000')] : [];
}
function v6only(sock, value) {
  return setOpt(sock, 'IPV6_V6ONLY', value, 'IPPROTO_IPV6');
}
function bind(sock, address, expect) {
  return { op: 'bind', socket: sock, address, irp: { fill: 'cc' }, expect };
}
function close(sock) {
  return { op: 'close', socket: sock, irp: { fill: '00' }, expect: OK };
}
/** Expectation of a sharing decision: status, IRP, rule, conflicting socket and WSA code. */
function judged(profile, outcome, rule, conflictsWith) {
  const status = outcome === 'SUCCESS' ? 'STATUS_SUCCESS' : REPORT[profile][outcome];
  const e = { status, irp: { completed: true, status, information: 0 }, rule };
  if (conflictsWith) e.conflictsWith = conflictsWith;
  e.wsaError = WSA[outcome];
  return e;
}
const bound = (rule = 'bind-conflict-scope') => ({ status: 'STATUS_SUCCESS', irp: { completed: true, status: 'STATUS_SUCCESS', information: 0 }, rule });

/** Two sockets: first (kind, owner, sd) binds, second (kind, owner) binds and is judged. */
function pair(profile, fam, first, second, owners, outcome, rule, { sd1, pre = [] } = {}) {
  const A = ADDR[fam];
  const [m1, k1] = first.split('-');
  const [m2, k2] = second.split('-');
  return [
    ...pre,
    socket('s1', A.family, owners[0], sd1 ? { securityDescriptor: sd1 } : {}),
    ...option('s1', m1),
    bind('s1', A[k1], bound()),
    socket('s2', A.family, owners[1]),
    ...option('s2', m2),
    bind('s2', A[k2], judged(profile, outcome, rule, 's1')),
  ];
}

// ---- per-cell files -------------------------------------------------------------------------------------------
const wskCell = lookup(WSK_MD, 'second');
const cellA = lookup(TABLE_A_MD, 'first');
const cellB = lookup(TABLE_B_MD, 'first');
const cellC = lookup(TABLE_C_MD, 'first');

function wskVectors() {
  const out = [];
  for (const fam of ['inet', 'inet6']) {
    for (const first of KINDS) for (const second of KINDS) {
      const doc = wskCell(first, second);
      const rule = `wsk:${first}/${second}`;
      const src = `docs/SHARING.md#wsk (D2 sharing-transport-addresses.md): row (second) ${second}, column (first) ${first} = ${doc}`;
      const id = `wsk/${fam}/${first}-then-${second}`;
      if (doc !== 'CHECK') {
        out.push({ id, source: src, steps: pair('wsk', fam, first, second, ['alice', 'alice'], doc, rule) });
        continue;
      }
      out.push({ id: `${id}/default-sd`, source: `${src}; default descriptor allows no one (§1.5): DENIED even for the same owner`, steps: pair('wsk', fam, first, second, ['alice', 'alice'], 'DENIED', rule) });
      out.push({ id: `${id}/sd-allows-second-owner`, source: `${src}; first socket's SD allows the second socket's owner: SUCCESS (§1.3)`, steps: pair('wsk', fam, first, second, ['alice', 'bob'], 'SUCCESS', rule, { sd1: 'sd1', pre: [{ op: 'cacheSd', as: 'sd1', allow: ['bob'] }] }) });
      out.push({ id: `${id}/sd-allows-someone-else`, source: `${src}; first socket's SD allows carol, second owner is bob: DENIED (§1.3)`, steps: pair('wsk', fam, first, second, ['alice', 'bob'], 'DENIED', rule, { sd1: 'sd1', pre: [{ op: 'cacheSd', as: 'sd1', allow: ['carol'] }] }) });
    }
  }
  return out;
}

function winsockVectors() {
  const out = [];
  for (const [owners, table, cell, sect] of [[['alice', 'alice'], 'B', cellB, '#winsock-b'], [['alice', 'bob'], 'C', cellC, '#winsock-c']]) {
    for (const first of KINDS) for (const second of KINDS) {
      const doc = cell(first, second);
      out.push({
        id: `winsock/${table === 'B' ? 'same-owner' : 'different-owners'}/${first}-then-${second}`,
        source: `docs/SHARING.md${sect} table ${table} (W1): row (first) ${first}, column (second) ${second} = ${doc}`,
        steps: pair('winsock', 'inet', first, second, owners, doc, `winsock.${table}:${first}/${second}`),
      });
    }
  }
  return out;
}

function xpVectors() {
  const out = [];
  for (const first of KINDS) for (const second of KINDS) {
    const doc = cellA(first, second);
    out.push({
      id: `winsock-xp/${first}-then-${second}`,
      source: `docs/SHARING.md#winsock-xp-a table A (W1): row (first) ${first}, column (second) ${second} = ${doc}`,
      steps: pair('winsock-xp', 'inet', first, second, ['alice', 'bob'], doc, `winsock-xp.A:${first}/${second}`),
    });
  }
  return out;
}

// ---- scenarios (expectations written by hand from POLICY.md "Bind" and BIND-RULES.md) ------------------------
function scenarios() {
  const V = [];
  const add = (id, source, steps, extra = {}) => V.push({ id, source, ...extra, steps });
  const E = (profile, outcome, rule, c) => judged(profile, outcome, rule, c);

  // Scope of a conflict.
  add('scope/different-specific-addresses', 'docs/SHARING.md: two different specific addresses never conflict', [
    socket('s1', 'AF_INET', 'alice'), ...option('s1', 'E'), bind('s1', '10.0.0.1:5150', bound()),
    socket('s2', 'AF_INET', 'bob'), bind('s2', '10.99.99.99:5150', bound()),
  ]);
  add('scope/tcp-and-udp-same-port', 'docs/POLICY.md#bind: only the same transport conflicts', [
    socket('s1', 'AF_INET', 'alice'), bind('s1', '0.0.0.0:5150', bound()),
    udp('u1', 'AF_INET', 'alice'), bind('u1', '0.0.0.0:5150', bound()),
    udp('u2', 'AF_INET', 'alice'), bind('u2', '0.0.0.0:5150', E('wsk', 'INUSE', 'wsk:D-W/D-W', 'u1')),
  ]);
  add('scope/ipv4-and-v6only-ipv6-same-port', 'docs/POLICY.md#bind: only the same stack conflicts; IPV6_V6ONLY defaults to 1', [
    socket('s1', 'AF_INET', 'alice'), bind('s1', '0.0.0.0:5150', bound()),
    socket('s2', 'AF_INET6', 'alice'), ...option('s2', 'E'), bind('s2', '[::]:5150', bound()),
  ]);
  add('scope/different-ports', 'docs/POLICY.md#bind: the same port is required', [
    socket('s1', 'AF_INET', 'alice'), ...option('s1', 'E'), bind('s1', '0.0.0.0:5150', bound()),
    socket('s2', 'AF_INET', 'alice'), ...option('s2', 'E'), bind('s2', '0.0.0.0:5151', bound()),
  ]);
  add('scope/ipv6-different-specific', 'docs/SHARING.md on IPv6', [
    socket('s1', 'AF_INET6', 'alice'), bind('s1', '[fe80::1%4]:5150', bound()),
    socket('s2', 'AF_INET6', 'alice'), bind('s2', '[fe80::2%4]:5150', bound()),
    socket('s3', 'AF_INET6', 'alice'), bind('s3', '[fe80::1%4]:5150', E('wsk', 'INUSE', 'wsk:D-S/D-S', 's1')),
  ]);

  // Address checks and rebinding.
  add('address/rebind', 'docs/POLICY.md#bind: binding an already bound socket', [
    socket('s1', 'AF_INET', 'alice'), bind('s1', '0.0.0.0:5150', bound()),
    bind('s1', '0.0.0.0:5151', { status: 'STATUS_ADDRESS_ALREADY_ASSOCIATED', irp: { completed: true, status: 'STATUS_ADDRESS_ALREADY_ASSOCIATED', information: 0, ioStatus: '380200c0cccccccc0000000000000000' }, rule: 'bind-rebind' }),
  ]);
  add('irp/sharing-refusal-x86-bytes', 'docs/POLICY.md#bind and "Results": x86 IRP, IoStatus at offset 24 = {0xC000020A, 0}; no other IRP byte written', [
    socket('s1', 'AF_INET', 'alice'), bind('s1', '0.0.0.0:5150', bound()),
    socket('s2', 'AF_INET', 'alice'),
    { op: 'bind', socket: 's2', address: '0.0.0.0:5150', irp: { fill: 'cc' }, expect: {
      status: 'STATUS_ADDRESS_ALREADY_EXISTS', rule: 'wsk:D-W/D-W', conflictsWith: 's1', wsaError: 'WSAEADDRINUSE',
      irp: { completed: true, bytes: `${'cc'.repeat(24)}0a0200c000000000${'cc'.repeat(112 - 32)}` } } },
  ], { arch: 'x86' });
  add('irp/sharing-refusal-x64-bytes', 'docs/POLICY.md#bind and "Results": x64 IRP, IoStatus at offset 48: Status 4 bytes (upper half untouched), Information 8 bytes 0', [
    socket('s1', 'AF_INET', 'alice'), ...option('s1', 'E'), bind('s1', '0.0.0.0:5150', bound()),
    socket('s2', 'AF_INET', 'alice'),
    { op: 'bind', socket: 's2', address: '127.0.0.1:5150', irp: { fill: 'cc' }, expect: {
      status: 'STATUS_ACCESS_DENIED', rule: 'wsk:E-W/D-S', conflictsWith: 's1', wsaError: 'WSAEACCES',
      irp: { completed: true, bytes: `${'cc'.repeat(48)}220000c0cccccccc0000000000000000${'cc'.repeat(208 - 64)}` } } },
  ]);
  const badAddr = { status: 'STATUS_INVALID_PARAMETER', irp: { completed: true, status: 'STATUS_INVALID_PARAMETER', information: 0 }, rule: 'bind-address' };
  add('address/inet-socket-inet6-sockaddr', 'docs/POLICY.md#bind: family mismatch', [socket('s1', 'AF_INET', 'alice'), bind('s1', '[::]:5150', badAddr)]);
  add('address/inet6-socket-inet-sockaddr', 'docs/POLICY.md#bind: family mismatch', [socket('s1', 'AF_INET6', 'alice'), bind('s1', '0.0.0.0:5150', badAddr)]);
  add('address/inet-length-15', 'docs/POLICY.md#bind: length too short for SOCKADDR_IN (16)', [
    socket('s1', 'AF_INET', 'alice'), bind('s1', { bytes: '0200141e7f000001000000000000000000', size: 15 }, badAddr)]);
  add('address/inet6-length-27', 'docs/POLICY.md#bind: length too short for SOCKADDR_IN6 (28)', [
    socket('s1', 'AF_INET6', 'alice'), bind('s1', { bytes: '1700141e0000000000000000000000000000000000000001000000', size: 27 }, badAddr)]);
  add('address/failed-bind-leaves-socket-unbound', 'docs/POLICY.md#bind: a refused bind binds nothing; the socket can bind elsewhere', [
    socket('s1', 'AF_INET', 'alice'), bind('s1', '0.0.0.0:5150', bound()),
    socket('s2', 'AF_INET', 'alice'), bind('s2', '0.0.0.0:5150', E('wsk', 'INUSE', 'wsk:D-W/D-W', 's1')),
    bind('s2', '0.0.0.0:5151', bound()),
  ]);

  // Port 0.
  add('port-zero/lowest-dynamic-port', 'docs/POLICY.md#bind: port 0 takes the lowest free port of 49152-65535', [
    socket('s1', 'AF_INET', 'alice'), bind('s1', '0.0.0.0:0', bound()),
    socket('s2', 'AF_INET', 'alice'), bind('s2', '0.0.0.0:49152', E('wsk', 'INUSE', 'wsk:D-W/D-W', 's1')),
    socket('s3', 'AF_INET', 'alice'), bind('s3', '0.0.0.0:0', bound()),
    socket('s4', 'AF_INET', 'alice'), bind('s4', '0.0.0.0:49153', E('wsk', 'INUSE', 'wsk:D-W/D-W', 's3')),
  ]);
  add('port-zero/specific-skips-wildcard-ports', 'docs/POLICY.md#bind: free "for that protocol and address"', [
    socket('s1', 'AF_INET', 'alice'), bind('s1', '0.0.0.0:49152', bound()),
    socket('s2', 'AF_INET', 'alice'), bind('s2', '127.0.0.1:49153', bound()),
    socket('s3', 'AF_INET', 'alice'), bind('s3', '127.0.0.1:0', bound()),
    socket('s4', 'AF_INET', 'alice'), bind('s4', '127.0.0.1:49154', E('wsk', 'INUSE', 'wsk:D-S/D-S', 's3')),
    socket('s5', 'AF_INET', 'alice'), bind('s5', '127.0.0.2:0', bound()),
    socket('s6', 'AF_INET', 'alice'), bind('s6', '127.0.0.2:49153', E('wsk', 'INUSE', 'wsk:D-S/D-S', 's5')),
  ]);
  add('port-zero/released-port-is-reused', 'docs/POLICY.md#bind: lowest free port, after a close releases one', [
    socket('s1', 'AF_INET', 'alice'), bind('s1', '0.0.0.0:0', bound()),
    socket('s2', 'AF_INET', 'alice'), bind('s2', '0.0.0.0:0', bound()),
    close('s1'),
    socket('s3', 'AF_INET', 'alice'), bind('s3', '0.0.0.0:0', bound()),
    socket('s4', 'AF_INET', 'alice'), bind('s4', '0.0.0.0:49152', E('wsk', 'INUSE', 'wsk:D-W/D-W', 's3')),
  ]);
  add('port-zero/tcp-and-udp-counted-apart', 'docs/POLICY.md#bind: "for that protocol"', [
    socket('s1', 'AF_INET', 'alice'), bind('s1', '0.0.0.0:0', bound()),
    udp('u1', 'AF_INET', 'alice'), bind('u1', '0.0.0.0:0', bound()),
    udp('u2', 'AF_INET', 'alice'), bind('u2', '0.0.0.0:49152', E('wsk', 'INUSE', 'wsk:D-W/D-W', 'u1')),
  ]);

  // Three or more sockets.
  add('multi/first-refusal-in-bind-order', 'docs/POLICY.md#bind: every overlapping socket must allow; the first refusal in bind order decides (wsk R-W/D-S = CHECK, default SD: DENIED; R-S/D-S = DENIED)', [
    socket('s1', 'AF_INET', 'alice'), ...option('s1', 'R'), bind('s1', '0.0.0.0:5150', bound()),
    socket('s2', 'AF_INET', 'alice'), ...option('s2', 'R'), bind('s2', '127.0.0.1:5150', bound('wsk:R-W/R-S')),
    socket('s3', 'AF_INET', 'alice'), bind('s3', '127.0.0.1:5150', E('wsk', 'DENIED', 'wsk:R-W/D-S', 's1')),
  ]);
  add('multi/earlier-socket-allows-later-refuses', 'docs/POLICY.md#bind: s1 allows (its SD allows bob), s2 refuses (wsk R-S/D-S = DENIED)', [
    { op: 'cacheSd', as: 'sd1', allow: ['bob'] },
    socket('s1', 'AF_INET', 'alice', { securityDescriptor: 'sd1' }), ...option('s1', 'R'), bind('s1', '0.0.0.0:5150', bound()),
    socket('s2', 'AF_INET', 'alice'), ...option('s2', 'R'), bind('s2', '127.0.0.1:5150', bound('wsk:R-W/R-S')),
    socket('s3', 'AF_INET', 'bob'), bind('s3', '127.0.0.1:5150', E('wsk', 'DENIED', 'wsk:R-S/D-S', 's2')),
  ]);
  add('multi/close-releases-address', 'docs/POLICY.md#bind: a closed socket\'s binding is released at WskCloseSocket', [
    socket('s1', 'AF_INET', 'alice'), ...option('s1', 'R'), bind('s1', '127.0.0.1:5150', bound()),
    socket('s2', 'AF_INET', 'alice'), ...option('s2', 'R'), bind('s2', '0.0.0.0:5150', bound('wsk:R-S/R-W')),
    socket('s3', 'AF_INET', 'alice'), ...option('s3', 'E'), bind('s3', '0.0.0.0:5150', E('wsk', 'INUSE', 'wsk:R-S/E-W', 's1')),
    close('s1'),
    bind('s3', '0.0.0.0:5150', E('wsk', 'INUSE', 'wsk:R-W/E-W', 's2')),
    close('s2'),
    bind('s3', '0.0.0.0:5150', bound()),
  ]);
  add('multi/success-reports-earliest-overlap', 'policy sharing-success-reason', [
    socket('s1', 'AF_INET', 'alice'), ...option('s1', 'R'), bind('s1', '0.0.0.0:5150', bound()),
    socket('s2', 'AF_INET', 'alice'), ...option('s2', 'R'), bind('s2', '0.0.0.0:5150', bound('wsk:R-W/R-W')),
    socket('s3', 'AF_INET', 'alice'), ...option('s3', 'R'), bind('s3', '0.0.0.0:5150', { ...bound('wsk:R-W/R-W'), conflictsWith: 's1' }),
  ]);
  add('multi/winsock-two-owners', 'docs/SHARING.md tables B and C: the owner relation is judged per existing socket', [
    socket('s1', 'AF_INET', 'alice'), ...option('s1', 'R'), bind('s1', '0.0.0.0:5150', bound()),
    socket('s2', 'AF_INET', 'alice'), bind('s2', '127.0.0.1:5150', bound('winsock.B:R-W/D-S')),
    socket('s3', 'AF_INET', 'bob'), bind('s3', '127.0.0.2:5150', E('winsock', 'DENIED', 'winsock.C:R-W/D-S', 's1')),
  ], { profile: 'winsock' });

  // IPV6_V6ONLY.
  const get = (sock, code, level, outputSize, expectOut, info) => ({
    op: 'control', socket: sock, requestType: 'WskGetOption', controlCode: code, level, outputSize, output: { length: outputSize + 4, fill: 'cc' }, irp: { fill: 'cc' },
    expect: { status: 'STATUS_SUCCESS', output: expectOut, irp: { completed: true, status: 'STATUS_SUCCESS', information: info } },
  });
  const fail = (status, rule) => ({ status, irp: { completed: true, status, information: 0 }, rule });
  add('v6only/get-default-1', 'docs/POLICY.md#bind: IPV6_V6ONLY defaults to 1', [
    socket('s1', 'AF_INET6', 'alice'), get('s1', 'IPV6_V6ONLY', 'IPPROTO_IPV6', 4, '01000000cccccccc', 4)]);
  add('v6only/set-0-then-get', 'WDS echosrv sample: Set IPV6_V6ONLY 0 with sizeof(ULONG) and an IRP', [
    socket('s1', 'AF_INET6', 'alice'), v6only('s1', '00000000'), get('s1', 'IPV6_V6ONLY', 'IPPROTO_IPV6', 4, '00000000cccccccc', 4)]);
  add('v6only/datagram-socket', 'policy ipv6-v6only-shape: datagram sockets too', [
    udp('u1', 'AF_INET6', 'alice'), v6only('u1', '00000000'), get('u1', 'IPV6_V6ONLY', 'IPPROTO_IPV6', 4, '00000000cccccccc', 4)]);
  add('v6only/inet-socket-set', 'policy transport-option-applicability (check 7b): an IPPROTO_IPV6 option on an AF_INET socket', [
    socket('s1', 'AF_INET', 'alice'), setOpt('s1', 'IPV6_V6ONLY', '00000000', 'IPPROTO_IPV6', fail('STATUS_NOT_SUPPORTED', 'option-transport'))]);
  add('v6only/inet-socket-get', 'policy transport-option-applicability (check 7b): an IPPROTO_IPV6 option on an AF_INET socket', [
    socket('s1', 'AF_INET', 'alice'),
    { op: 'control', socket: 's1', requestType: 'WskGetOption', controlCode: 'IPV6_V6ONLY', level: 'IPPROTO_IPV6', outputSize: 4, output: { length: 4, fill: 'cc' }, irp: { fill: '00' },
      expect: { ...fail('STATUS_NOT_SUPPORTED', 'option-transport'), output: 'cccccccc' } }]);
  add('v6only/basic-socket-inet6', 'policy transport-option-applicability: transport options apply to every category, basic sockets included', [
    { op: 'socket', as: 'b1', family: 'AF_INET6', type: 'SOCK_STREAM', protocol: 'IPPROTO_TCP', flags: 'WSK_FLAG_BASIC_SOCKET', expect: OK },
    v6only('b1', '00000000'), get('b1', 'IPV6_V6ONLY', 'IPPROTO_IPV6', 4, '00000000cccccccc', 4)]);
  add('v6only/basic-socket-inet', 'policy transport-option-applicability (check 7b): family checked on basic sockets too', [
    { op: 'socket', as: 'b1', family: 'AF_INET', type: 'SOCK_STREAM', protocol: 'IPPROTO_TCP', flags: 'WSK_FLAG_BASIC_SOCKET', expect: OK },
    setOpt('b1', 'IPV6_V6ONLY', '00000000', 'IPPROTO_IPV6', fail('STATUS_NOT_SUPPORTED', 'option-transport'))]);
  add('v6only/after-bind', 'docs/POLICY.md#check-12: a before-bind option on a bound socket (strict)', [
    socket('s1', 'AF_INET6', 'alice'), bind('s1', '[::]:5150', bound()),
    setOpt('s1', 'IPV6_V6ONLY', '00000000', 'IPPROTO_IPV6', fail('STATUS_INVALID_DEVICE_STATE', 'timing'))]);
  add('v6only/no-irp', 'docs/POLICY.md#check-6: IRP required', [
    socket('s1', 'AF_INET6', 'alice'),
    { op: 'control', socket: 's1', requestType: 'WskSetOption', controlCode: 'IPV6_V6ONLY', level: 'IPPROTO_IPV6', inputSize: 4, input: '00000000', expect: { status: 'STATUS_INVALID_PARAMETER', rule: 'irp-required' } }]);
  add('v6only/value-2-strict', 'docs/POLICY.md#check-11', [
    socket('s1', 'AF_INET6', 'alice'), setOpt('s1', 'IPV6_V6ONLY', '02000000', 'IPPROTO_IPV6', fail('STATUS_INVALID_PARAMETER', 'value-domain'))]);
  add('v6only/wrong-level', 'docs/POLICY.md#check-5: IPV6_V6ONLY is known only at IPPROTO_IPV6', [
    socket('s1', 'AF_INET6', 'alice'), setOpt('s1', 'IPV6_V6ONLY', '00000000', 'SOL_SOCKET', fail('STATUS_NOT_SUPPORTED', 'option-known'))]);

  // Dual stack and v4-mapped.
  add('dual/non-exclusive-any-leaves-ipv4-alone', 'docs/POLICY.md#bind (Wine test_reuseaddr measured on Windows, docs/BIND-POLICY.md#disagreement-6)', [
    socket('s1', 'AF_INET6', 'alice'), v6only('s1', '00000000'), bind('s1', '[::]:5150', bound()),
    socket('s2', 'AF_INET', 'alice'), bind('s2', '0.0.0.0:5150', bound()),
  ]);
  add('dual/exclusive-any-binds-ipv4-wildcard', 'docs/POLICY.md#bind: an exclusive dual-stack :: also binds 0.0.0.0; WSK table E-W/D-W = INUSE', [
    socket('s1', 'AF_INET6', 'alice'), v6only('s1', '00000000'), ...option('s1', 'E'), bind('s1', '[::]:5150', bound()),
    socket('s2', 'AF_INET', 'alice'), bind('s2', '0.0.0.0:5150', E('wsk', 'INUSE', 'wsk:E-W/D-W', 's1')),
  ]);
  add('dual/exclusive-any-winsock-measured', 'Wine test_reuseaddr measured on Windows: exclusive dual-stack :: then plain 0.0.0.0 -> WSAEACCES (override row)', [
    socket('s1', 'AF_INET6', 'alice'), v6only('s1', '00000000'), ...option('s1', 'E'), bind('s1', '[::]:5150', bound()),
    socket('s2', 'AF_INET', 'alice'), bind('s2', '0.0.0.0:5150', E('winsock', 'DENIED', 'winsock.measured:E-W/D-W', 's1')),
  ], { profile: 'winsock' });
  add('dual/v6only-exclusive-any-leaves-ipv4-alone', 'docs/POLICY.md#bind: a V6ONLY socket has no IPv4 side', [
    socket('s1', 'AF_INET6', 'alice'), ...option('s1', 'E'), bind('s1', '[::]:5150', bound()),
    socket('s2', 'AF_INET', 'alice'), bind('s2', '0.0.0.0:5150', bound()),
  ]);
  add('dual/ipv4-first-then-exclusive-dual-any-binds-nothing', 'docs/POLICY.md#bind: the dual-stack bind must succeed on both stacks; the IPv4 side is refused (wsk D-S/E-W = INUSE) so nothing is bound', [
    socket('s1', 'AF_INET', 'alice'), bind('s1', '127.0.0.1:5000', bound()),
    socket('s2', 'AF_INET6', 'alice'), v6only('s2', '00000000'), ...option('s2', 'E'), bind('s2', '[::]:5000', E('wsk', 'INUSE', 'wsk:D-S/E-W', 's1')),
    socket('s3', 'AF_INET6', 'alice'), bind('s3', '[::]:5000', bound()),
  ]);
  add('dual/v4-mapped-binds-ipv4', 'docs/POLICY.md#bind: a dual-stack socket bound to ::ffff:a.b.c.d also binds a.b.c.d', [
    socket('s1', 'AF_INET6', 'alice'), v6only('s1', '00000000'), bind('s1', '[::ffff:127.0.0.1]:5150', bound()),
    socket('s2', 'AF_INET', 'alice'), bind('s2', '127.0.0.2:5150', bound()),
    socket('s3', 'AF_INET', 'alice'), bind('s3', '127.0.0.1:5150', E('wsk', 'INUSE', 'wsk:D-S/D-S', 's1')),
    socket('s4', 'AF_INET', 'alice'), ...option('s4', 'R'), bind('s4', '0.0.0.0:5150', E('wsk', 'SUCCESS', 'wsk:D-S/R-W', 's1')),
  ]);
  add('dual/v4-mapped-second-refused-binds-nothing', 'docs/POLICY.md#bind: the IPv4 side is refused, so the IPv6 side is not bound either', [
    socket('s1', 'AF_INET', 'alice'), bind('s1', '127.0.0.1:5150', bound()),
    socket('s2', 'AF_INET6', 'alice'), v6only('s2', '00000000'), bind('s2', '[::ffff:127.0.0.1]:5150', E('wsk', 'INUSE', 'wsk:D-S/D-S', 's1')),
    socket('s3', 'AF_INET6', 'alice'), bind('s3', '[::ffff:127.0.0.1]:5150', bound()),
  ]);
  add('dual/v4-mapped-on-v6only-is-ipv6', 'docs/POLICY.md#bind: on a V6ONLY socket a v4-mapped address is an IPv6 address like any other', [
    socket('s1', 'AF_INET6', 'alice'), bind('s1', '[::ffff:127.0.0.1]:5150', bound()),
    socket('s2', 'AF_INET', 'alice'), bind('s2', '127.0.0.1:5150', bound()),
    socket('s3', 'AF_INET6', 'alice'), bind('s3', '[::ffff:127.0.0.1]:5150', E('wsk', 'INUSE', 'wsk:D-S/D-S', 's1')),
  ]);
  add('dual/v4-mapped-ipv6-side-too', 'docs/POLICY.md#bind: "also" binds the IPv4 address: the IPv6 side stays bound (an IPv6 :: exclusive bind is refused by it)', [
    socket('s1', 'AF_INET6', 'alice'), v6only('s1', '00000000'), bind('s1', '[::ffff:127.0.0.1]:5150', bound()),
    socket('s2', 'AF_INET6', 'alice'), ...option('s2', 'E'), bind('s2', '[::]:5150', E('wsk', 'INUSE', 'wsk:D-S/E-W', 's1')),
  ]);
  add('dual/close-releases-both-stacks', 'docs/POLICY.md#bind: release at WskCloseSocket', [
    socket('s1', 'AF_INET6', 'alice'), v6only('s1', '00000000'), ...option('s1', 'E'), bind('s1', '[::]:5150', bound()),
    close('s1'),
    socket('s2', 'AF_INET', 'alice'), ...option('s2', 'E'), bind('s2', '0.0.0.0:5150', bound()),
    socket('s3', 'AF_INET6', 'alice'), ...option('s3', 'E'), bind('s3', '[::]:5150', bound()),
  ]);
  add('dual/port-zero-free-on-both-stacks', 'policy port-zero-sides', [
    socket('s1', 'AF_INET', 'alice'), bind('s1', '0.0.0.0:49152', bound()),
    socket('s2', 'AF_INET6', 'alice'), v6only('s2', '00000000'), ...option('s2', 'E'), bind('s2', '[::]:0', bound()),
    socket('s3', 'AF_INET6', 'alice'), bind('s3', '[::]:49152', bound()),
    socket('s4', 'AF_INET', 'alice'), bind('s4', '0.0.0.0:49153', E('wsk', 'INUSE', 'wsk:E-W/D-W', 's2')),
  ]);

  // Owners and security descriptors.
  const getSd = (arch, expectOut) => get('s1', 'SO_WSK_SECURITY', 'SOL_SOCKET', arch === 'x64' ? 8 : 4, expectOut, arch === 'x64' ? 8 : 4);
  add('sd/get-default-x64', 'policy so-wsk-security-value: Get writes 0 for the default descriptor, pointer-sized', [
    socket('s1', 'AF_INET', 'alice'), getSd('x64', '0000000000000000cccccccc')]);
  add('sd/get-default-x86', 'policy so-wsk-security-value (x86: 4-byte pointer)', [
    socket('s1', 'AF_INET', 'alice'), getSd('x86', '00000000cccccccc')], { arch: 'x86' });
  add('sd/get-from-wsksocket', 'docs/SHARING.md: the SecurityDescriptor argument of WskSocket; handles count from 1 in cache order', [
    { op: 'cacheSd', as: 'sd1', allow: ['bob'] }, { op: 'cacheSd', as: 'sd2', allow: ['carol'] },
    socket('s1', 'AF_INET', 'alice', { securityDescriptor: 'sd2' }), getSd('x64', '0200000000000000cccccccc')]);
  add('sd/set-then-get-x64', 'D2 so-wsk-security.md: Set with sizeof(PSECURITY_DESCRIPTOR) = 8 and an IRP', [
    { op: 'cacheSd', as: 'sd1', allow: ['bob'] }, socket('s1', 'AF_INET', 'alice'),
    setOpt('s1', 'SO_WSK_SECURITY', '0100000000000000', 'SOL_SOCKET', OK, 8), getSd('x64', '0100000000000000cccccccc')]);
  add('sd/set-then-get-x86', 'D2 so-wsk-security.md: sizeof(PSECURITY_DESCRIPTOR) = 4 on x86', [
    { op: 'cacheSd', as: 'sd1', allow: ['bob'] }, socket('s1', 'AF_INET', 'alice'),
    setOpt('s1', 'SO_WSK_SECURITY', '01000000', 'SOL_SOCKET', OK, 4), getSd('x86', '01000000cccccccc')], { arch: 'x86' });
  add('sd/set-size-4-on-x64', 'docs/POLICY.md#check-9: InputSize must be sizeof(PSECURITY_DESCRIPTOR)', [
    { op: 'cacheSd', as: 'sd1', allow: ['bob'] }, socket('s1', 'AF_INET', 'alice'),
    setOpt('s1', 'SO_WSK_SECURITY', '01000000', 'SOL_SOCKET', fail('STATUS_INVALID_PARAMETER', 'set-input-size'), 4)]);
  add('sd/set-unknown-handle', 'policy so-wsk-security-value: not a cached descriptor', [
    socket('s1', 'AF_INET', 'alice'), setOpt('s1', 'SO_WSK_SECURITY', '0700000000000000', 'SOL_SOCKET', fail('STATUS_INVALID_PARAMETER', 'value-domain'), 8)]);
  add('sd/set-null', 'policy so-wsk-security-value: NULL is not a cached descriptor', [
    socket('s1', 'AF_INET', 'alice'), setOpt('s1', 'SO_WSK_SECURITY', '0000000000000000', 'SOL_SOCKET', fail('STATUS_INVALID_PARAMETER', 'value-domain'), 8)]);
  add('sd/set-released-handle', 'policy so-wsk-security-value: a released descriptor is not live', [
    { op: 'cacheSd', as: 'sd1', allow: ['bob'] }, { op: 'releaseSd', sd: 'sd1', expect: OK }, socket('s1', 'AF_INET', 'alice'),
    setOpt('s1', 'SO_WSK_SECURITY', '0100000000000000', 'SOL_SOCKET', fail('STATUS_INVALID_PARAMETER', 'value-domain'), 8)]);
  add('sd/set-upper-half-nonzero', 'policy so-wsk-security-value: the whole 8-byte pointer is the handle', [
    { op: 'cacheSd', as: 'sd1', allow: ['bob'] }, socket('s1', 'AF_INET', 'alice'),
    setOpt('s1', 'SO_WSK_SECURITY', '0100000001000000', 'SOL_SOCKET', fail('STATUS_INVALID_PARAMETER', 'value-domain'), 8)]);
  add('sd/set-after-bind', 'docs/SHARING.md: SO_WSK_SECURITY is set before bind (docs/POLICY.md#check-12)', [
    { op: 'cacheSd', as: 'sd1', allow: ['bob'] }, socket('s1', 'AF_INET', 'alice'), bind('s1', '0.0.0.0:5150', bound()),
    setOpt('s1', 'SO_WSK_SECURITY', '0100000000000000', 'SOL_SOCKET', fail('STATUS_INVALID_DEVICE_STATE', 'timing'), 8)]);
  add('sd/set-no-irp', 'D2 so-wsk-security.md: IRP required', [
    { op: 'cacheSd', as: 'sd1', allow: ['bob'] }, socket('s1', 'AF_INET', 'alice'),
    { op: 'control', socket: 's1', requestType: 'WskSetOption', controlCode: 'SO_WSK_SECURITY', level: 'SOL_SOCKET', inputSize: 8, input: '0100000000000000', expect: { status: 'STATUS_INVALID_PARAMETER', rule: 'irp-required' } }]);
  add('sd/check-uses-sd-set-by-option', 'docs/SHARING.md: CHECK with the SD applied by SO_WSK_SECURITY', [
    { op: 'cacheSd', as: 'sd1', allow: ['bob'] }, socket('s1', 'AF_INET', 'alice'),
    setOpt('s1', 'SO_WSK_SECURITY', '0100000000000000', 'SOL_SOCKET', OK, 8), bind('s1', '0.0.0.0:5150', bound()),
    socket('s2', 'AF_INET', 'bob'), bind('s2', '127.0.0.1:5150', E('wsk', 'SUCCESS', 'wsk:D-W/D-S', 's1')),
    socket('s3', 'AF_INET', 'carol'), bind('s3', '127.0.0.2:5150', E('wsk', 'DENIED', 'wsk:D-W/D-S', 's1')),
  ]);
  add('sd/check-reads-first-sd-not-second', 'docs/SHARING.md: the SECOND socket\'s context against the FIRST socket\'s descriptor', [
    { op: 'cacheSd', as: 'sd1', allow: ['alice', 'bob'] },
    socket('s1', 'AF_INET', 'alice'), bind('s1', '0.0.0.0:5150', bound()),
    socket('s2', 'AF_INET', 'bob', { securityDescriptor: 'sd1' }), bind('s2', '127.0.0.1:5150', E('wsk', 'DENIED', 'wsk:D-W/D-S', 's1')),
  ]);
  add('sd/check-same-owner-default-sd-denied', 'docs/SHARING.md: with default SDs every CHECK cell is DENIED, even for the same owner', [
    socket('s1', 'AF_INET', 'system'), bind('s1', '0.0.0.0:5150', bound()),
    socket('s2', 'AF_INET', 'system'), bind('s2', '127.0.0.1:5150', E('wsk', 'DENIED', 'wsk:D-W/D-S', 's1')),
  ]);
  add('sd/released-after-apply-still-applies', 'policy sd-copy-at-apply', [
    { op: 'cacheSd', as: 'sd1', allow: ['bob'] }, socket('s1', 'AF_INET', 'alice', { securityDescriptor: 'sd1' }),
    { op: 'releaseSd', sd: 'sd1', expect: OK }, bind('s1', '0.0.0.0:5150', bound()),
    socket('s2', 'AF_INET', 'bob'), bind('s2', '127.0.0.1:5150', E('wsk', 'SUCCESS', 'wsk:D-W/D-S', 's1')),
  ]);
  add('sd/replaced-by-later-set', 'D2 so-wsk-security.md: a new SD "replaces any security descriptor that was previously applied"', [
    { op: 'cacheSd', as: 'sd1', allow: ['bob'] }, { op: 'cacheSd', as: 'sd2', allow: ['carol'] },
    socket('s1', 'AF_INET', 'alice', { securityDescriptor: 'sd1' }),
    setOpt('s1', 'SO_WSK_SECURITY', '0200000000000000', 'SOL_SOCKET', OK, 8), bind('s1', '0.0.0.0:5150', bound()),
    socket('s2', 'AF_INET', 'bob'), bind('s2', '127.0.0.1:5150', E('wsk', 'DENIED', 'wsk:D-W/D-S', 's1')),
    socket('s3', 'AF_INET', 'carol'), bind('s3', '127.0.0.1:5150', E('wsk', 'SUCCESS', 'wsk:D-W/D-S', 's1')),
  ]);

  add('sd/lenient-set-after-bind-no-effect', 'docs/POLICY.md#check-12 (lenient): a before-bind option set on a bound socket is stored without effect on the existing binding', [
    { op: 'cacheSd', as: 'sd1', allow: ['bob'] }, socket('s1', 'AF_INET', 'alice'), bind('s1', '0.0.0.0:5150', bound()),
    setOpt('s1', 'SO_WSK_SECURITY', '0100000000000000', 'SOL_SOCKET', OK, 8), getSd('x64', '0100000000000000cccccccc'),
    socket('s2', 'AF_INET', 'bob'), bind('s2', '127.0.0.1:5150', E('wsk', 'DENIED', 'wsk:D-W/D-S', 's1')),
  ], { policy: 'lenient' });
  add('options/lenient-exclusive-after-bind-no-effect', 'docs/POLICY.md#check-12 (lenient): SO_EXCLUSIVEADDRUSE set after bind does not change the binding (still D-W)', [
    socket('s1', 'AF_INET', 'alice'), bind('s1', '0.0.0.0:5150', bound()), setOpt('s1', 'SO_EXCLUSIVEADDRUSE', '01000000'),
    socket('s2', 'AF_INET', 'alice'), ...option('s2', 'R'), bind('s2', '0.0.0.0:5150', E('wsk', 'DENIED', 'wsk:D-W/R-W', 's1')),
  ], { policy: 'lenient' });
  add('options/lenient-v6only-after-bind-no-effect', 'docs/POLICY.md#check-12 (lenient): IPV6_V6ONLY cleared after bind does not add an IPv4 side', [
    socket('s1', 'AF_INET6', 'alice'), ...option('s1', 'E'), bind('s1', '[::]:5150', bound()), v6only('s1', '00000000'),
    socket('s2', 'AF_INET', 'alice'), bind('s2', '0.0.0.0:5150', bound()),
  ], { policy: 'lenient' });

  add('pending/sharing-refusal-through-irp', 'docs/POLICY.md "Results, IRP and byte counts": completion pending; the sharing decision arrives through the IRP, in order', [
    socket('s1', 'AF_INET', 'alice'), ...option('s1', 'E').map((x) => ({ ...x, expect: { status: 'STATUS_PENDING' } })),
    { op: 'complete', expect: { irps: [{ completed: true, status: 'STATUS_SUCCESS', information: 0 }] } },
    bind('s1', '0.0.0.0:5150', { status: 'STATUS_PENDING', irp: { completed: false } }),
    socket('s2', 'AF_INET', 'alice'), bind('s2', '0.0.0.0:5150', { status: 'STATUS_PENDING', irp: { completed: false } }),
    { op: 'complete', expect: { irps: [
      { completed: true, status: 'STATUS_SUCCESS', information: 0 },
      { completed: true, status: 'STATUS_ADDRESS_ALREADY_EXISTS', information: 0 },
    ], rule: 'wsk:E-W/D-W', conflictsWith: 's1', wsaError: 'WSAEADDRINUSE' } },
  ], { completion: 'pending' });

  // Documented disagreements (BIND-RULES.md §6).
  add('disagreement/1-ew-then-dw/wsk-table', 'docs/BIND-POLICY.md#disagreement-1: the WSK table gives INUSE', [
    socket('s1', 'AF_INET', 'alice'), ...option('s1', 'E'), bind('s1', '0.0.0.0:5150', bound()),
    socket('s2', 'AF_INET', 'alice'), bind('s2', '0.0.0.0:5150', E('wsk', 'INUSE', 'wsk:E-W/D-W', 's1'))]);
  add('disagreement/1-ew-then-dw/wsk-measured', 'docs/BIND-POLICY.md#disagreement-1: measured on Windows (user mode, Wine test_reuseaddr) DENIED; the wsk profile follows the WSK document: known failure', [
    socket('s1', 'AF_INET6', 'alice'), v6only('s1', '00000000'), ...option('s1', 'E'), bind('s1', '[::]:5150', bound()),
    socket('s2', 'AF_INET', 'alice'), bind('s2', '0.0.0.0:5150', { status: 'STATUS_ACCESS_DENIED' })]);
  add('disagreement/1-ew-then-dw/winsock-same-family', 'docs/BIND-POLICY.md#disagreement-1 and docs/POLICY.md override row: WSAEACCES', [
    socket('s1', 'AF_INET', 'alice'), ...option('s1', 'E'), bind('s1', '0.0.0.0:5150', bound()),
    socket('s2', 'AF_INET', 'alice'), bind('s2', '0.0.0.0:5150', E('winsock', 'DENIED', 'winsock.measured:E-W/D-W', 's1'))], { profile: 'winsock' });
  add('disagreement/1-ew-then-dw/winsock-different-owners', 'docs/POLICY.md override stated without owner restriction', [
    socket('s1', 'AF_INET', 'alice'), ...option('s1', 'E'), bind('s1', '0.0.0.0:5150', bound()),
    socket('s2', 'AF_INET', 'bob'), bind('s2', '0.0.0.0:5150', E('winsock', 'DENIED', 'winsock.measured:E-W/D-W', 's1'))], { profile: 'winsock' });
  add('disagreement/2-ew-then-ew/wine-model', "docs/BIND-POLICY.md#disagreement-2: Wine's server model gives ACCESS (implementation, not Windows); the wsk table gives INUSE: known failure", [
    socket('s1', 'AF_INET', 'alice'), ...option('s1', 'E'), bind('s1', '0.0.0.0:5150', bound()),
    socket('s2', 'AF_INET', 'alice'), ...option('s2', 'E'), bind('s2', '0.0.0.0:5150', { status: 'STATUS_ACCESS_DENIED' })]);
  add('disagreement/3-rs-then-ds/wsk', 'docs/BIND-POLICY.md#disagreement-3: the WSK table gives DENIED', [
    socket('s1', 'AF_INET', 'alice'), ...option('s1', 'R'), bind('s1', '127.0.0.1:5150', bound()),
    socket('s2', 'AF_INET', 'alice'), bind('s2', '127.0.0.1:5150', E('wsk', 'DENIED', 'wsk:R-S/D-S', 's1'))]);
  add('disagreement/3-rs-then-ds/winsock', 'docs/BIND-POLICY.md#disagreement-3: user-mode tables give INUSE', [
    socket('s1', 'AF_INET', 'alice'), ...option('s1', 'R'), bind('s1', '127.0.0.1:5150', bound()),
    socket('s2', 'AF_INET', 'alice'), bind('s2', '127.0.0.1:5150', E('winsock', 'INUSE', 'winsock.B:R-S/D-S', 's1'))], { profile: 'winsock' });
  add('disagreement/4-check-same-user/wsk-measured', 'docs/BIND-POLICY.md#disagreement-4: trio and Wine measured SUCCESS for one user (user mode); the wsk profile follows the WSK text (default SD allows no one): known failure', [
    socket('s1', 'AF_INET', 'alice'), bind('s1', '0.0.0.0:5150', bound()),
    socket('s2', 'AF_INET', 'alice'), bind('s2', '127.0.0.1:5150', { status: 'STATUS_SUCCESS' })]);
  add('disagreement/5-inuse-status/wsk', 'docs/BIND-POLICY.md#disagreement-5: WSK documents STATUS_ADDRESS_ALREADY_EXISTS', [
    socket('s1', 'AF_INET', 'alice'), bind('s1', '0.0.0.0:5150', bound()),
    socket('s2', 'AF_INET', 'alice'), bind('s2', '0.0.0.0:5150', E('wsk', 'INUSE', 'wsk:D-W/D-W', 's1'))]);
  add('disagreement/5-inuse-status/winsock', 'docs/BIND-POLICY.md#disagreement-5: AFD measured STATUS_SHARING_VIOLATION', [
    socket('s1', 'AF_INET', 'alice'), bind('s1', '0.0.0.0:5150', bound()),
    socket('s2', 'AF_INET', 'alice'), bind('s2', '0.0.0.0:5150', E('winsock', 'INUSE', 'winsock.B:D-W/D-W', 's1'))], { profile: 'winsock' });
  add('disagreement/4.3-w1-example/winsock', 'docs/BIND-POLICY.md#disagreement-4-3 W1 example: IPv4 loopback:5000 bound, then an exclusive dual-stack bind of port 5000 fails with WSAEACCES; table B (D-S first, E-W second) gives INUSE: known failure', [
    socket('s1', 'AF_INET', 'alice'), bind('s1', '127.0.0.1:5000', bound()),
    socket('s2', 'AF_INET6', 'alice'), v6only('s2', '00000000'), ...option('s2', 'E'), bind('s2', '[::]:5000', { status: 'STATUS_ACCESS_DENIED', wsaError: 'WSAEACCES' })], { profile: 'winsock' });
  const trio = ['INUSE', 'SUCCESS', 'DENIED', 'SUCCESS', 'INUSE', 'SUCCESS'];
  KINDS.forEach((second, i) => add(`disagreement/8-trio-row/D-W-then-${second}`, 'docs/BIND-POLICY.md#disagreement-8: trio measured row, first D-W: INUSE, Success, ACCESS, Success, INUSE, Success (matches table B)', [
    socket('s1', 'AF_INET', 'alice'), bind('s1', '0.0.0.0:5150', bound()),
    socket('s2', 'AF_INET', 'alice'), ...option('s2', second[0]), bind('s2', ADDR.inet[second[2]], E('winsock', trio[i], `winsock.B:D-W/${second}`, 's1'))], { profile: 'winsock' }));
  return V;
}

function write(name, title, defaults, vectors) {
  const doc = { format: 'wsksim/vectors@1', title, defaults, vectors };
  fs.writeFileSync(path.join(__dirname, '..', 'vectors', name), `${JSON.stringify(doc, null, 2)}\n`);
  console.log(`${name}: ${vectors.length} vectors`);
}

write('bind-sharing-wsk.json', 'WSK "Sharing Transport Addresses": every cell (IPv4 and IPv6), CHECK cells with default, allowing and other descriptors', { profile: 'wsk' }, wskVectors());
write('bind-sharing-winsock.json', 'User-mode tables B (same owner) and C (different owners), Windows Server 2003 and later: every cell', { profile: 'winsock' }, winsockVectors());
write('bind-sharing-winsock-xp.json', 'User-mode table A, Windows XP and earlier: every cell', { profile: 'winsock-xp' }, xpVectors());
write('bind-scenarios.json', 'Bind scenarios: scope, address checks, port 0, several sockets, IPV6_V6ONLY, dual stack, v4-mapped, descriptors, documented disagreements', { profile: 'wsk' }, scenarios());
