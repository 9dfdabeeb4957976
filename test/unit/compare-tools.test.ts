import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareFiles } from '../../src/compare/compare';
import { peersMarkdown } from '../../src/compare/peers';
import { STATUS } from '../../src/codec/names';
import { parseVectorFile } from '../../src/vectors/reader';
import { simRelay } from '../helpers/sim-relay';

const pe = require('../../c/conformance/pe-checksum.js') as { peChecksum(b: Buffer, at: number): number; checksumOffset(b: Buffer): number };
const ROOT = join(__dirname, '..', '..');
const has = (tool: string): boolean => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

describe('PE checksum of the driver (c/conformance/pe-checksum.js)', () => {
  it('a hand-computed case: MZ, e_lfanew 0x40, PE signature, 256 bytes', () => {
    const b = Buffer.alloc(0x100);
    b.write('MZ', 0, 'latin1');
    b.writeUInt32LE(0x40, 0x3c);
    b.write('PE\0\0', 0x40, 'latin1');
    const at = pe.checksumOffset(b);
    expect(at).toBe(0x40 + 4 + 20 + 64);
    // words 0x5a4d + 0x0040 + 0x4550 = 0x9fdd, plus the file length 0x100
    expect(pe.peChecksum(b, at)).toBe(0xa0dd);
    b.writeUInt32LE(0xffffffff, at); // the field itself does not count
    expect(pe.peChecksum(b, at)).toBe(0xa0dd);
    expect(() => pe.checksumOffset(Buffer.alloc(0x100))).toThrow(/not a PE file/);
  });

  const tools = has('x86_64-w64-mingw32-gcc') && has('osslsigncode') && has('openssl');
  it(tools ? 'build.sh sets the checksum osslsigncode computes; sign-test.sh signs it so that osslsigncode verifies it'
    : 'mingw-w64, osslsigncode or openssl missing: build.sh and sign-test.sh say so in one line', () => {
    const out = mkdtempSync(join(tmpdir(), 'wskconf-build-'));
    if (!tools) {
      const r = spawnSync('sh', [join(ROOT, 'c/conformance/sign-test.sh'), out], { encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^sign-test\.sh: /);
      return;
    }
    expect(spawnSync('sh', [join(ROOT, 'c/conformance/build.sh'), out], { encoding: 'utf8' }).status).toBe(0);
    const sys = join(out, 'wskconf.sys');
    const built = readFileSync(sys);
    const field = built.readUInt32LE(pe.checksumOffset(built));
    // osslsigncode reports its own calculation when the field disagrees: make it disagree on a copy.
    const bad = Buffer.from(built);
    bad.writeUInt32LE(field ^ 1, pe.checksumOffset(bad));
    writeFileSync(join(out, 'bad.sys'), bad);
    const v = spawnSync('osslsigncode', ['verify', '-in', join(out, 'bad.sys')], { encoding: 'utf8' });
    const calc = /Calculated PE checksum: ([0-9A-F]{8})/.exec(v.stdout + v.stderr);
    expect(calc).not.toBeNull();
    expect(field).toBe(parseInt(calc![1]!, 16));
    const s = spawnSync('sh', [join(ROOT, 'c/conformance/sign-test.sh'), out], { encoding: 'utf8' });
    expect(s.status).toBe(0);
    const ok = spawnSync('osslsigncode', ['verify', '-in', join(out, 'wskconf-signed.sys'), '-CAfile', join(out, 'wsksim-test.pem')], { encoding: 'utf8' });
    expect(ok.stdout).toContain('Signature verification: ok');
  }, 300_000);
});

describe('docs/PEERS.md text (src/compare/peers.ts)', () => {
  it('states the SAME fraction, the kinds, the skips and a line per file', async () => {
    const f = parseVectorFile(JSON.stringify({
      format: 'wsksim/vectors@1', defaults: { arch: 'x64' },
      vectors: [
        { id: 'a', steps: [{ op: 'socket', as: 's', family: 'AF_INET', type: 'SOCK_STREAM', protocol: 'IPPROTO_TCP', flags: 'WSK_FLAG_LISTEN_SOCKET' }] },
        { id: 'b', steps: [{ op: 'socket', as: 's', family: 'AF_INET', type: 'SOCK_DGRAM', protocol: 'IPPROTO_UDP', flags: 'WSK_FLAG_DATAGRAM_SOCKET' }] },
        { id: 'c', arch: 'x86', steps: [{ op: 'socket', as: 's', family: 'AF_INET', type: 'SOCK_STREAM', protocol: 'IPPROTO_TCP', flags: 'WSK_FLAG_LISTEN_SOCKET' }] },
      ],
    }), 'vectors/small.json');
    const r = await compareFiles([f], simRelay(f.vectors, (c) => { if (c.vectorId === 'b') { c.status = STATUS.STATUS_NOT_IMPLEMENTED; c.after[5]!.writeUInt32LE(STATUS.STATUS_NOT_IMPLEMENTED, 48); } }));
    const md = peersMarkdown(r, { command: 'wsksim compare --against wine vectors/', date: new Date('2026-12-05T09:00:00Z'), load: '1.00, 1.00, 1.00' });
    expect(md).toContain('on 2026-12-05 09:00 UTC');
    expect(md).toContain('Of the 3 vectors of the shipped corpus (`vectors/`), 2 were executed by the conformance driver; **1 (50.0 %) are answered exactly as wsksim answers them**');
    expect(md).toContain('| `not-implemented` | 1 | the provider answered STATUS_NOT_IMPLEMENTED where wsksim did not |');
    expect(md).toContain('| `arch-x86`: x86 vectors (the driver is x64) | 1 |');
    expect(md).toContain('| small.json | 3 | 1 | 1 | 1 | `not-implemented` 1 |');
    expect(md).toContain('- `not-implemented`: `b` (small.json), step 0 (socket), status:');
  });
});
