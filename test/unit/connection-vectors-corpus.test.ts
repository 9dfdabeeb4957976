import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { loadVectorFile } from '../../src/vectors/suite';

// test/conformance/conformance.test.ts replays every vector; this file checks only that the connection corpus covers
// each rule of docs/POLICY.md#connections on both arches and in both completion modes.
const DIR = join(__dirname, '..', '..', 'vectors');
const FILES = ['connections-routing.json', 'connections-lingering.json', 'connections-calls.json'];
const VECTORS = FILES.flatMap((f) => loadVectorFile(join(DIR, f)).vectors);
const IDS = new Set(VECTORS.map((v) => v.id));

/** Scenarios the connection rules require, each written once and shipped as x86/x64 × inline/pending. */
const REQUIRED = [
  'routing/reuseaddr-two-listeners-order', // SO_REUSEADDR sharers: the first bound, then the next as each closes
  'routing/reuseaddr-bind-order-not-creation-order',
  'routing/specific-over-wildcard/specific-bound-first',
  'routing/specific-over-wildcard/wildcard-bound-first',
  'routing/no-listener-refused',
  'routing/stream-socket-listens-after-wsklisten',
  'routing/dual-stack/exclusive-wildcard-accepts-ipv4', // v4-mapped peers of a dual-stack listener
  'routing/connect/loopback-reaches-listener',
  'routing/connect/loopback-no-listener-refused',
  'routing/remote/non-local-refused', // connect to a non-local address without and with a remote listener
  'routing/remote/declared-listener',
  'lingering/exclusive/active-then-time-wait-then-240s', // the exclusive listener closed: active, TIME_WAIT, after 240 s
  'lingering/default/active-then-time-wait-do-not-block', // the same without SO_EXCLUSIVEADDRUSE
  'lingering/exclusive/abortive-disconnect-no-linger',
  'lingering/exclusive/passive-close-no-linger',
  'lingering/exclusive/close-without-disconnect-no-linger',
  'lingering/connection-does-not-conflict-with-allowed-binds',
  'calls/accept/pending-until-incoming', // accept pending before the connection arrives
  'calls/accept/pending-until-connect',
  'calls/accept/buffers-byte-exact-inet',
  'calls/accept/buffers-byte-exact-inet6',
  'calls/connect/unbound-invalid-device-state',
  'calls/local-address/port-zero-inet',
  'calls/local-address/port-zero-inet6',
  'calls/remote-address/not-connected',
  'calls/accept/short-local-buffer-fault',
  'calls/dispatch/listening-socket',
  'calls/dispatch/connection-socket',
];

describe('the connection vector corpus', () => {
  it.each(REQUIRED)('%s is shipped for x86 and x64, inline and pending', (id) => {
    const missing = ['x86', 'x64'].flatMap((a) => ['inline', 'pending'].map((m) => `${id}/${a}/${m}`)).filter((v) => !IDS.has(v));
    expect(missing).toEqual([]);
  });

  it('every vector states its arch and completion mode in its id and cites a source', () => {
    for (const v of VECTORS) {
      expect(v.id.endsWith(`/${v.arch}/${v.completion}`)).toBe(true);
      expect(v.source ?? '').not.toBe('');
    }
  });
});
