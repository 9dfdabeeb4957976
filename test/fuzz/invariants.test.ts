import { generateCase, runPlan, type PartialSummary } from '../../src/fuzz/campaign';
import { runCase } from '../../src/fuzz/engine';
import { STATUS } from '../../src/codec/names';
import { WskProvider } from '../../src/provider/provider';
import { Fault } from '../../src/provider/result';
import { FUZZ_SEED, numRuns } from './fc-config';

type Control = WskProvider['wskControlSocket'];
type Args = Parameters<Control>;

function campaign(runs: number, seed = FUZZ_SEED): PartialSummary {
  return runPlan({ seed, runs, shard: { index: 0, count: 1 }, worker: 0, workers: 1, deadline: null });
}

/** Index of the first case of a seeded campaign that violates `invariant` (at most `limit` cases), or -1. */
function firstCaseViolating(invariant: string, seed = 99, limit = 3000): number {
  for (let i = 0; i < limit; i++) {
    if (runCase(generateCase(seed, i)).violations.some((v) => v.invariant === invariant)) return i;
  }
  return -1;
}

/** Whether a campaign on the campaign engine (runPlan without injected invariants) reports `invariant`. */
function engineFinds(invariant: string, seed = 99, runs = 3000): boolean {
  const s = runPlan({ seed, runs, shard: { index: 0, count: 1 }, worker: 0, workers: 1, deadline: null });
  return Object.values(s.findings).some((f) => f.invariant === invariant);
}

/** Replace wskControlSocket for the duration of `body` (a planted bug). */
function withControl(patch: (orig: Control, self: WskProvider, args: Args) => number, body: () => void): void {
  const orig = WskProvider.prototype.wskControlSocket;
  WskProvider.prototype.wskControlSocket = function (this: WskProvider, ...args: Args): number { return patch(orig, this, args); };
  try { body(); } finally { WskProvider.prototype.wskControlSocket = orig; }
}

describe('seeded invariant campaign (CI)', () => {
  it(`no invariant is violated in a seeded campaign (seed ${FUZZ_SEED}, FC_NUM_RUNS cases)`, () => {
    const s = campaign(numRuns(400));
    expect(s.cases).toBe(numRuns(400));
    expect(s.calls).toBeGreaterThan(s.cases);
    expect(Object.values(s.findings)).toEqual([]);
  });
});

describe('the checker catches planted bugs', () => {
  const cases: [string, string, (orig: Control, self: WskProvider, a: Args) => number][] = [
    ['a write at OutputBuffer[OutputSize]', 'within-declared', (o, self, a) => {
      const r = o.apply(self, a);
      const out = a[7]; const n = Number(a[6]);
      if (r === STATUS.STATUS_SUCCESS && out && out.length > n) out[n] = out[n]! ^ 0xff;
      return r;
    }],
    ['an IRP byte written outside IoStatus', 'irp-iostatus-only', (o, self, a) => {
      const r = o.apply(self, a);
      const irp = a[9];
      if (irp && irp.length >= self.layout.sizeofIrp && r !== STATUS.STATUS_PENDING && r >= 0) irp[0] = irp[0]! ^ 1;
      return r;
    }],
    ['a failed Set that stores its value', 'failure-no-state', (o, self, a) => {
      const r = o.apply(self, a);
      const s = self.inspect(a[0]);
      if (s !== undefined && r === STATUS.STATUS_INVALID_PARAMETER && a[1] === 0) (s.options as Uint32Array)[0] = 7;
      return r;
    }],
    ['a throw on a huge InputSize', 'never-throws', (o, self, a) => {
      if (BigInt(a[4]) > 0xffffffffn) throw new RangeError('planted');
      return o.apply(self, a);
    }],
    ['a fault that writes the output', 'fault-changes-nothing', (o, self, a) => {
      const r = o.apply(self, a);
      const out = a[7];
      if (r === Fault.InvalidSocket && out && out.length > 0) out[0] = out[0]! ^ 0xff;
      return r;
    }],
    ['an unknown status', 'result-kind', (o, self, a) => {
      const r = o.apply(self, a);
      return r === STATUS.STATUS_NOT_SUPPORTED ? 0xC0DE0001 : r;
    }],
    ['a write before the buffer (through its ArrayBuffer)', 'guard-bytes', (o, self, a) => {
      const r = o.apply(self, a);
      const out = a[7];
      if (r === STATUS.STATUS_SUCCESS && out && out.byteOffset > 0) new Uint8Array(out.buffer, out.byteOffset - 1, 1)[0] = 0;
      return r;
    }],
    ['output written before a pending IRP completes', 'pending-unobservable', (o, self, a) => {
      const r = o.apply(self, a);
      const out = a[7];
      if (r === STATUS.STATUS_PENDING && out && out.length > 0) out[0] = out[0]! ^ 0xff;
      return r;
    }],
    ['a result that differs between two fresh providers', 'deterministic', (() => {
      let n = 0;
      return (o: Control, self: WskProvider, a: Args) => {
        const r = o.apply(self, a);
        return r === STATUS.STATUS_NOT_SUPPORTED && (n++ & 1) === 1 ? STATUS.STATUS_INVALID_PARAMETER : r;
      };
    })()],
  ];
  it.each(cases)('%s -> %s', (_what, invariant, patch) => {
    withControl(patch, () => {
      expect(firstCaseViolating(invariant)).toBeGreaterThanOrEqual(0);
      expect(engineFinds(invariant)).toBe(true);
    });
  });

  it('a bind that completes its IRP with Information != 0 is caught', () => {
    const orig = WskProvider.prototype.wskBind;
    WskProvider.prototype.wskBind = function (this: WskProvider, ...a: Parameters<WskProvider['wskBind']>): number {
      const r = orig.apply(this, a);
      const irp = a[3];
      if (r === STATUS.STATUS_SUCCESS && irp && irp.length >= this.layout.sizeofIrp) irp[this.layout.irpInformationOffset] = 1;
      return r;
    };
    try {
      expect(firstCaseViolating('information-le-output-size')).toBeGreaterThanOrEqual(0);
      expect(engineFinds('information-le-output-size')).toBe(true);
    } finally {
      WskProvider.prototype.wskBind = orig;
    }
  });

  it('an injected invariant is reported under its own id, with the step and rule', () => {
    const run = runCase({
      id: 't', source: 't', arch: 'x64', profile: 'wsk', policy: 'strict', completion: 'inline',
      steps: [
        { op: 'socket', as: 's0', family: 'AF_INET', type: 'SOCK_STREAM', protocol: 'IPPROTO_TCP', flags: 'WSK_FLAG_LISTEN_SOCKET' },
        { op: 'control', socket: 's0', requestType: 'WskGetOption', controlCode: 'SO_REUSEADDR', level: 'SOL_SOCKET', outputSize: 4, output: { length: 4, fill: 'cc' }, irp: { fill: 'cc' } },
      ],
    }, { extraInvariants: [{ id: 'no-get', check: (o) => (o.op === 'control' && o.result === 0 ? 'a Get succeeded' : null) }] });
    expect(run.violations).toEqual([{ step: 1, op: 'control', invariant: 'extra:no-get', message: 'a Get succeeded', rule: 'get-success' }]);
  });
});
