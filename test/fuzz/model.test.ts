import fc from 'fast-check';
import { BindCommand, CloseCommand, GetCommand, SetCommand, SocketCommand, modelProperty, type Model, type Real } from '../../src/fuzz/model';
import { hijackedHolder, type BoundView } from '../../src/fuzz/sharing-model';
import { encodeSockaddrText, decodeSockaddr } from '../../src/codec/sockaddr';
import { WskProvider } from '../../src/provider/provider';
import { withPermissiveSharing } from '../helpers/planted';
import { fuzzParams } from './fc-config';

function bound(handle: number, owner: string, text: string, exclusive: boolean): BoundView {
  const address = decodeSockaddr(encodeSockaddrText(text)!);
  return { handle, owner, family: address.family, category: 'listen', type: 1, exclusive, dualStack: false, address };
}

describe('model-based: socket / set / get / bind / close', () => {
  it('holds for random command sequences on every profile, preset and arch', () => {
    fc.assert(modelProperty(30), fuzzParams(300));
  });

  it('commands print compactly', () => {
    const b = new BindCommand(1, 0, 5150);
    const m: Model = { sockets: [], strict: true };
    const r: Real = { provider: new WskProvider() };
    new SocketCommand(0, false, 'alice').run(m, r);
    new SocketCommand(0, false, 'bob').run(m, r);
    new SetCommand(0, 0, 1).run(m, r);
    b.run(m, r);
    expect([new SetCommand(0, 0, 1).toString(), b.toString(), new GetCommand(1, 1).toString(), new CloseCommand(1).toString()])
      .toEqual(['set(SO_EXCLUSIVEADDRUSE=1)@s0', 'bind(0.0.0.0:p)@s1', 'get(SO_REUSEADDR)@s1', 'close@s1']);
  });
});

describe('anti-hijack predicate (the simpler model)', () => {
  it.each([
    ['E-W held by alice, bob binds the same wildcard', '0.0.0.0:5150', true, '0.0.0.0:5150', false, true],
    ['E-W held by alice, bob binds a specific address', '0.0.0.0:5150', true, '127.0.0.1:5150', false, true],
    ['E-S held by alice, bob binds the same specific address', '127.0.0.1:5150', true, '127.0.0.1:5150', false, true],
    ['E-S held by alice, bob binds a non-exclusive wildcard (the tables allow it: "all but")', '127.0.0.1:5150', true, '0.0.0.0:5150', false, false],
    ['E-S held by alice, bob binds an exclusive wildcard', '127.0.0.1:5150', true, '0.0.0.0:5150', true, true],
    ['D-W held by alice (not exclusive)', '0.0.0.0:5150', false, '0.0.0.0:5150', false, false],
    ['E-W held by alice, bob binds another port', '0.0.0.0:5150', true, '0.0.0.0:5151', false, false],
    ['E-S held by alice, bob binds another specific address', '127.0.0.1:5150', true, '10.0.0.1:5150', false, false],
  ])('%s', (_t, held, heldExcl, cand, candExcl, hijack) => {
    const h = bound(1, 'alice', held, heldExcl);
    const c = bound(2, 'bob', cand, candExcl);
    expect(hijackedHolder(c, [h, c]) !== null).toBe(hijack);
    expect(hijackedHolder({ ...c, owner: 'alice' }, [h, c])).toBeNull();
  });
});

describe('the model catches a planted sharing bug', () => {
  it('a provider whose tables allow everything is caught by anti-hijack, and the report lists compact commands', () => {
    let error: unknown = null;
    withPermissiveSharing(() => {
      try { fc.assert(modelProperty(25), { seed: 1, numRuns: 300 }); } catch (e) { error = e; }
    });
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).cause)).toMatch(/anti-hijack: (alice|bob) bound 0\.0\.0\.0:5150 over (alice|bob)'s SO_EXCLUSIVEADDRUSE binding 0\.0\.0\.0:5150/);
    // Shrunk to the minimal story: two owners, one exclusive wildcard bind, then the other owner's wildcard bind.
    expect((error as Error).message).toMatch(
      /Counterexample: \[\{[^}]*\},socket\(\w+,v4,(alice|bob)\),set\(SO_EXCLUSIVEADDRUSE=1\)@s0,socket\(\w+,v4,(alice|bob)\),bind\(0\.0\.0\.0:p\)@s0,bind\(0\.0\.0\.0:p\)@s1 /,
    );
  });
});
