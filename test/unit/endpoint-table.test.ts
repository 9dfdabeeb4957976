import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { BIND_KINDS } from '../../abi/sharing-rules';
import { encodeSockaddrText } from '../../src/codec/sockaddr';
import { AF, CODE, LEVEL, REQUEST, SOCK, STATUS, WSK_FLAG } from '../../src/codec/names';
import { WskProvider, type ProfileName } from '../../src/provider/provider';
import { OUTCOME_CHECK, OUTCOME_SUCCESS } from '../../src/provider/sharing';

/**
 * Model-based test: the hashed endpoint table must decide exactly like a naive model that scans every bound
 * socket, derives each socket's sides from POLICY.md "Bind" text, and applies "first refusal in bind order".
 */
interface Op { kind: 'bind'; family: 'inet' | 'inet6'; dual: boolean; mode: 'D' | 'R' | 'E'; addr: number; port: number; owner: string; udp: boolean; sd: number }
interface CloseOp { kind: 'close'; which: number }

const V4 = ['0.0.0.0', '127.0.0.1', '10.0.0.1'];
const V6 = ['::', '::1', '::ffff:127.0.0.1', '::ffff:0.0.0.0', '::ffff:10.0.0.1'];
const PORTS = [5150, 49152, 49153, 0];

interface Side { stack: 4 | 6; addr: string; wild: boolean }
interface ModelSock { handle: number; seq: number; port: number; udp: boolean; owner: string; mode: number; sd: number; sides: Side[] }

function sidesOf(op: Op): Side[] {
  if (op.family === 'inet') { const a = V4[op.addr % V4.length]!; return [{ stack: 4, addr: a, wild: a === '0.0.0.0' }]; }
  const a = V6[op.addr % V6.length]!;
  const sides: Side[] = [{ stack: 6, addr: a, wild: a === '::' }];
  if (op.dual && a.startsWith('::ffff:')) { const v4 = a.slice(7); sides.push({ stack: 4, addr: v4, wild: v4 === '0.0.0.0' }); }
  else if (op.dual && a === '::' && op.mode === 'E') sides.push({ stack: 4, addr: '0.0.0.0', wild: true });
  return sides;
}

const overlaps = (a: Side, b: Side): boolean => a.stack === b.stack && (a.addr === b.addr || a.wild || b.wild);

function run(profile: ProfileName, ops: (Op | CloseOp)[]): void {
  const p = new WskProvider({ profile });
  const irp = (): Buffer => Buffer.alloc(p.layout.sizeofIrp);
  const model: ModelSock[] = [];
  let seq = 0;
  // Descriptor 0 = default (allows no one); 1 allows bob; 2 allows alice.
  const allow: string[][] = [[], ['bob'], ['alice']];
  const sdHandles = [0, p.cacheSecurityDescriptor(allow[1]!), p.cacheSecurityDescriptor(allow[2]!)];
  for (const op of ops) {
    if (op.kind === 'close') {
      if (model.length === 0) continue;
      const m = model.splice(op.which % model.length, 1)[0]!;
      expect(p.wskCloseSocket(m.handle, irp())).toBe(STATUS.STATUS_SUCCESS);
      continue;
    }
    const r = p.wskSocket({
      family: op.family === 'inet' ? AF.AF_INET : AF.AF_INET6, type: op.udp ? SOCK.SOCK_DGRAM : SOCK.SOCK_STREAM, protocol: 0,
      flags: op.udp ? WSK_FLAG.WSK_FLAG_DATAGRAM_SOCKET : WSK_FLAG.WSK_FLAG_LISTEN_SOCKET, owner: op.owner,
      securityDescriptor: sdHandles[op.sd]!,
    });
    const set = (code: number, level: number, v: number): void => {
      expect(p.wskControlSocket(r.socket, REQUEST.WskSetOption, code, level, 4, Buffer.from([v, 0, 0, 0]), 0, null, null, irp())).toBe(STATUS.STATUS_SUCCESS);
    };
    if (op.family === 'inet6' && op.dual) set(CODE.IPV6_V6ONLY, LEVEL.IPPROTO_IPV6, 0);
    if (op.mode === 'R') set(CODE.SO_REUSEADDR, LEVEL.SOL_SOCKET, 1);
    if (op.mode === 'E') set(CODE.SO_EXCLUSIVEADDRUSE, LEVEL.SOL_SOCKET, 1);
    const sides = sidesOf(op);
    const mode = op.mode === 'D' ? 0 : op.mode === 'R' ? 1 : 2;
    // Model: port 0 = lowest dynamic port with no overlapping side.
    let port = op.port;
    const peers = (pt: number): ModelSock[] => model.filter((m) => m.port === pt && m.udp === op.udp);
    if (port === 0) {
      port = -1;
      for (let pt = 49152; pt <= 65535 && port < 0; pt++) if (!peers(pt).some((m) => m.sides.some((ms) => sides.some((s) => overlaps(ms, s))))) port = pt;
    }
    let refusal: { seq: number; rule: string; handle: number; status: number } | null = null;
    let firstOverlap: { seq: number; rule: string; handle: number } | null = null;
    for (const m of peers(port)) for (const ms of m.sides) for (const s of sides) {
      if (!overlaps(ms, s)) continue;
      const cell = p.rules.cellByKind(BIND_KINDS[m.mode * 2 + (ms.wild ? 0 : 1)]!, BIND_KINDS[mode * 2 + (s.wild ? 0 : 1)]!, m.owner !== op.owner);
      if (firstOverlap === null || m.seq < firstOverlap.seq) firstOverlap = { seq: m.seq, rule: cell.id, handle: m.handle };
      const refused = cell.outcome === OUTCOME_CHECK ? !allow[m.sd]!.includes(op.owner) : cell.outcome !== OUTCOME_SUCCESS;
      if (refused && (refusal === null || m.seq < refusal.seq)) {
        const inuse = cell.outcome === 1;
        refusal = { seq: m.seq, rule: cell.id, handle: m.handle, status: inuse ? p.rules.inuseStatus : cell.outcome === OUTCOME_CHECK ? STATUS.STATUS_ACCESS_DENIED : p.rules.deniedStatus };
      }
    }
    const text = op.family === 'inet' ? `${V4[op.addr % V4.length]}:${op.port}` : `[${V6[op.addr % V6.length]}]:${op.port}`;
    const st = p.wskBind(r.socket, encodeSockaddrText(text), 0, irp());
    if (refusal !== null) {
      expect([st, p.reason.rule, p.reason.conflictSocket]).toEqual([refusal.status, refusal.rule, refusal.handle]);
      expect(p.inspect(r.socket)!.bound).toBe(false);
    } else {
      expect([st, p.reason.rule, p.reason.conflictSocket]).toEqual([STATUS.STATUS_SUCCESS, firstOverlap?.rule ?? 'bind-conflict-scope', firstOverlap?.handle ?? 0]);
      expect(p.inspect(r.socket)!.port).toBe(port);
      model.push({ handle: r.socket, seq: seq++, port, udp: op.udp, owner: op.owner, mode, sd: op.sd, sides });
    }
  }
}

const opArb: fc.Arbitrary<Op | CloseOp> = fc.oneof(
  { weight: 5, arbitrary: fc.record({
    kind: fc.constant('bind' as const), family: fc.constantFrom('inet' as const, 'inet6' as const), dual: fc.boolean(),
    mode: fc.constantFrom('D' as const, 'R' as const, 'E' as const), addr: fc.nat(9), port: fc.constantFrom(...PORTS),
    owner: fc.constantFrom('alice', 'bob', 'carol'), udp: fc.boolean(), sd: fc.nat(2),
  }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const), which: fc.nat(50) }) },
);

describe('endpoint table against a naive model', () => {
  it.each(['wsk', 'winsock', 'winsock-xp'] as const)('profile %s: same status, rule and conflicting socket as a full scan', (profile) => {
    fc.assert(fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => { run(profile, ops); }), { numRuns: Number(process.env.WSKSIM_FC_RUNS ?? 400) });
  });
});

describe('endpoint table at scale', () => {
  it('binds 20000 specific addresses on one port and finds each one by hash', () => {
    const p = new WskProvider();
    const irp = Buffer.alloc(p.layout.sizeofIrp);
    const addr = Buffer.from(encodeSockaddrText('10.0.0.0:5150')!);
    for (let i = 0; i < 20000; i++) {
      const s = p.wskSocket({ family: AF.AF_INET, type: SOCK.SOCK_STREAM, protocol: 6, flags: WSK_FLAG.WSK_FLAG_LISTEN_SOCKET }).socket;
      addr[6] = i >> 8; addr[7] = i & 0xff;
      expect(p.wskBind(s, addr, 0, irp)).toBe(STATUS.STATUS_SUCCESS);
    }
    expect(p.endpoints.size).toBe(20000);
    const s = p.wskSocket({ family: AF.AF_INET, type: SOCK.SOCK_STREAM, protocol: 6, flags: WSK_FLAG.WSK_FLAG_LISTEN_SOCKET }).socket;
    addr[6] = 0x12; addr[7] = 0x34;
    expect(p.wskBind(s, addr, 0, irp)).toBe(STATUS.STATUS_ADDRESS_ALREADY_EXISTS);
    expect(p.reason.conflictSocket).toBe(0x1234 + 1);
  });

  it('port 0 hands out the dynamic range in order and reports exhaustion', () => {
    const p = new WskProvider();
    const irp = Buffer.alloc(p.layout.sizeofIrp);
    const any = encodeSockaddrText('0.0.0.0:0')!;
    for (let i = 0; i < 16384; i++) {
      const s = p.wskSocket({ family: AF.AF_INET, type: SOCK.SOCK_DGRAM, protocol: 17, flags: WSK_FLAG.WSK_FLAG_DATAGRAM_SOCKET }).socket;
      expect(p.wskBind(s, any, 0, irp)).toBe(STATUS.STATUS_SUCCESS);
      expect(p.inspect(s)!.port).toBe(49152 + i);
    }
    const s = p.wskSocket({ family: AF.AF_INET, type: SOCK.SOCK_DGRAM, protocol: 17, flags: WSK_FLAG.WSK_FLAG_DATAGRAM_SOCKET }).socket;
    expect(p.wskBind(s, any, 0, irp)).toBe(STATUS.STATUS_TOO_MANY_ADDRESSES);
    expect(p.reason.rule).toBe('bind-port-zero');
    expect(p.wskCloseSocket(5000, irp)).toBe(STATUS.STATUS_SUCCESS);
    expect(p.wskBind(s, any, 0, irp)).toBe(STATUS.STATUS_SUCCESS);
    expect(p.inspect(s)!.port).toBe(49152 + 4999);
  });
});
