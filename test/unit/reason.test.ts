/**
 * The reason record: live (one object per provider, overwritten by each call) with a copying snapshot; every sharing
 * cell explains itself in one sentence through describeRule.
 */
import { SHARING_PROFILES } from '../../abi/sharing-rules';
import { AF, CODE, LEVEL, REQUEST, SOCK, STATUS, WSK_FLAG, WskProvider, describeRule } from '../../src';
import { canary } from '../helpers/canary';

describe('reason: live record and snapshot', () => {
  it('the record is overwritten by the next call; reasonSnapshot() keeps the old one, frozen', () => {
    const p = new WskProvider({ arch: 'x64' });
    const s = p.wskSocket({ family: AF.AF_INET!, type: SOCK.SOCK_STREAM!, protocol: 6, flags: WSK_FLAG.WSK_FLAG_LISTEN_SOCKET! }).socket;
    const live = p.reason;
    expect(p.wskControlSocket(s, REQUEST.WskSetOption, CODE.SO_REUSEADDR!, LEVEL.SOL_SOCKET!, 4, Buffer.from('01000000', 'hex'), 0, null, null, null))
      .toBe(STATUS.STATUS_INVALID_PARAMETER);
    const snap = p.reasonSnapshot();
    expect(snap).toEqual({ rule: 'irp-required', conflictSocket: 0, source: null, wsaError: 0, lint: [] });
    p.wskControlSocket(s, REQUEST.WskGetOption, CODE.SO_REUSEADDR!, LEVEL.SOL_SOCKET!, 0, null, 4, canary(4), null, canary(208));
    expect(p.reason).toBe(live);
    expect(live.rule).toBe('get-success');
    expect(snap.rule).toBe('irp-required');
    expect(Object.isFrozen(snap)).toBe(true);
  });
});

describe('every sharing cell has a sentence', () => {
  const cells = Object.values(SHARING_PROFILES).flatMap((p) => [...p.tables.flatMap((t) => t.cells), ...p.overrides]);
  it.each(cells.map((c) => [c.id, c] as const))('%s', (id, c) => {
    const d = describeRule(id).description;
    expect(d).toBe(c.description);
    expect(d).toMatch(/^[A-Z].*\.$/);
    expect(d).toContain({ SUCCESS: 'is allowed', INUSE: 'address in use', DENIED: 'access denied', CHECK: 'security descriptor' }[c.outcome]);
  });
  it("wsk:E-W/D-W says why a plain wildcard bind was refused", () => {
    expect(describeRule('wsk:E-W/D-W').description).toBe('A wildcard bind without sharing options, on a port where an SO_EXCLUSIVEADDRUSE wildcard binding holds an overlapping address, is refused as address in use (INUSE) (WSK sharing table).');
  });
});
