import fc from 'fast-check';
import {
  AcceptCommand, AdvanceTimeCommand, BindCommand, CloseCommand, DisconnectCommand, GetCommand, IncomingCommand, SetCommand, SocketCommand, modelProperty, type Model, type Real,
} from '../../src/fuzz/model';
import { hijackedHolder, type BoundView } from '../../src/fuzz/sharing-model';
import { encodeSockaddrText, decodeSockaddr } from '../../src/codec/sockaddr';
import { STATUS } from '../../src/codec/names';
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
    const m: Model = { sockets: [], strict: true, now: 0 };
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
      try { fc.assert(modelProperty(25), { seed: 1, numRuns: 3000 }); } catch (e) { error = e; }
    });
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).cause)).toMatch(/anti-hijack: (alice|bob) bound 0\.0\.0\.0:5150 over (alice|bob)'s SO_EXCLUSIVEADDRUSE binding 0\.0\.0\.0:5150/);
    // Shrunk to a short story: sockets of two owners, one exclusive wildcard bind, then the other owner's wildcard bind.
    expect((error as Error).message).toMatch(
      /Counterexample: \[\{[^}]*\},(socket\(\w+,v4,(alice|bob)\),)+set\(SO_EXCLUSIVEADDRUSE=1\)@s0,(socket\(\w+,v4,(alice|bob)\),)+bind\(0\.0\.0\.0:p\)@s0,bind\(0\.0\.0\.0:p\)@s\d /,
    );
  });
});

/** Replace a WskProvider method for the duration of `body`. */
function planted<K extends keyof WskProvider>(key: K, make: (orig: WskProvider[K]) => WskProvider[K], body: () => void): void {
  const orig = WskProvider.prototype[key];
  (WskProvider.prototype as unknown as Record<string, unknown>)[key] = make(orig);
  try { body(); } finally { (WskProvider.prototype as unknown as Record<string, unknown>)[key] = orig; }
}

/** The cause of the model property's failure under a plant (null when it held). */
function failure(numRuns = 1500): string | null {
  try { fc.assert(modelProperty(40), { seed: 7, numRuns }); } catch (e) { return String((e as Error).cause ?? e); }
  return null;
}

/**
 * The lingering story, run as one command sequence: alice's exclusive listener accepts a connection and closes while
 * it is active; bob binds the same address (refused while the reservation lasts); the connection is disconnected
 * gracefully and closed (TIME_WAIT), time passes 239 s, bob binds again (still refused), 1 s more, bob binds (free).
 */
function story(): string | null {
  const cmds = [
    new SocketCommand(0, false, 'alice'), new SetCommand(0, 0, 1), new BindCommand(0, 0, 5150), new IncomingCommand(0, 0), new AcceptCommand(0),
    new CloseCommand(0), new SocketCommand(0, false, 'bob'), new BindCommand(2, 0, 5150), new DisconnectCommand(0, false), new CloseCommand(0),
    new AdvanceTimeCommand(239), new BindCommand(2, 0, 5150), new AdvanceTimeCommand(1), new BindCommand(2, 0, 5150),
  ];
  try {
    fc.modelRun(() => ({ model: { sockets: [], strict: true, now: 0 }, real: { provider: new WskProvider() } }), cmds);
  } catch (e) { return String(e); }
  return null;
}

/** A connection in TIME_WAIT (non-exclusive listener), then another owner binds another port: nothing may refuse it. */
function lingeringStory(): string | null {
  const cmds = [
    new SocketCommand(0, false, 'alice'), new BindCommand(0, 0, 5150), new IncomingCommand(0, 0), new AcceptCommand(0),
    new DisconnectCommand(0, false), new CloseCommand(1), new SocketCommand(0, false, 'bob'), new BindCommand(2, 0, 5151),
  ];
  try {
    fc.modelRun(() => ({ model: { sockets: [], strict: true, now: 0 }, real: { provider: new WskProvider() } }), cmds);
  } catch (e) { return String(e); }
  return null;
}

describe('connections and simulated time: each property catches its planted bug', () => {
  it('the lingering stories hold on the provider as it is', () => {
    expect(story()).toBeNull();
    expect(lingeringStory()).toBeNull();
  });

  it('connection-never-blocks: a provider where a lingering endpoint refuses every bind', () => {
    let cause: string | null = null;
    planted('wskBind', (orig) => function (this: WskProvider, ...a: Parameters<WskProvider['wskBind']>): number {
      const s = this.inspect(a[0]);
      return s !== undefined && !s.bound && this.lingeringEndpoints.length > 0 ? STATUS.STATUS_ADDRESS_ALREADY_EXISTS : orig.apply(this, a);
    }, () => { cause = lingeringStory(); });
    expect(cause).toMatch(/connection-never-blocks: STATUS_ADDRESS_ALREADY_EXISTS/);
  });

  it('reservation-exclusive: a provider that forgets SO_EXCLUSIVEADDRUSE when a listener with active connections closes', () => {
    let cause: string | null = null;
    planted('wskCloseSocket', (orig) => function (this: WskProvider, ...a: Parameters<WskProvider['wskCloseSocket']>): number {
      const s = this.inspect(a[0]) as { kind4: number; kind6: number; category: string } | undefined;
      if (s !== undefined && s.category === 'listen') { s.kind4 &= 1; s.kind6 &= 1; }
      return orig.apply(this, a);
    }, () => { cause = story(); });
    expect(cause).toMatch(/reservation-exclusive: (alice|bob) bound .* while (alice|bob)'s closed SO_EXCLUSIVEADDRUSE listener/);
  });

  it('time-no-early-release: a provider whose clock runs a second fast', () => {
    let cause: string | null = null;
    planted('advanceTime', (orig) => function (this: WskProvider, seconds: number): number {
      return orig.call(this, seconds === 0 ? 0 : seconds + 1);
    }, () => { cause = failure(); });
    expect(cause).toMatch(/time-no-early-release: advanceTime released 1 lingering endpoint\(s\) from \d+ s to \d+ s, the model expects 0/);
  });
});
