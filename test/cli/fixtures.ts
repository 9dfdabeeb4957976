/**
 * Test helper: temporary vector files.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temporary directory. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'wsksim-cli-'));
}

/** Write `doc` (object: JSON-encoded; string: as is) to `name` in `dir`; returns the path. */
export function writeJson(dir: string, name: string, doc: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2));
  return p;
}

/** The socket step every fixture starts with: an IPv4 TCP listening socket named s1. */
export const LISTEN_S1 = { op: 'socket', as: 's1', family: 'AF_INET', type: 'SOCK_STREAM', protocol: 'IPPROTO_TCP', flags: 'WSK_FLAG_LISTEN_SOCKET' };

/** A Get of SO_EXCLUSIVEADDRUSE on s1 into an 8-byte 0xcc buffer with an IRP; `output` = expected output hex. */
export function getExclusive(output: string): object {
  return {
    op: 'control', socket: 's1', requestType: 'WskGetOption', controlCode: 'SO_EXCLUSIVEADDRUSE', level: 'SOL_SOCKET',
    outputSize: 4, output: { length: 8, fill: 'cc' }, irp: { fill: 'cc' }, expect: { status: 'STATUS_SUCCESS', output },
  };
}
