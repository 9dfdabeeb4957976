import fc from 'fast-check';
import { test } from '@fast-check/jest';
import { OPTION_ROWS } from '../../abi/options';
import { LAYOUTS } from '../../src/codec/layout';
import { caseToVector, fitSizeT, fuzzCase, optionKey, PRESET_ROWS, vectorToCase } from '../../src/fuzz/arbitraries';
import { AF, CODE, LEVEL, SOCK, WSK_FLAG } from '../../src/codec/names';
import { AbiUsageError } from '../../src/errors';
import { WskProvider } from '../../src/provider/provider';
import { parseJsonSize, vectorFile, type VectorJson } from '../../src/fuzz/vector-json';
import { parseVectorFile } from '../../src/vectors/reader';
import { fuzzParams } from './fc-config';

const SIZE_FIELDS = ['inputSize', 'outputSize'] as const;

describe('fuzz arbitraries', () => {
  test.prop([fuzzCase()], fuzzParams<[VectorJson]>(300))('a case maps back to its structured form and forth unchanged', (v) => {
    expect(caseToVector(vectorToCase(v))).toEqual(v);
  });

  test.prop([fuzzCase()], fuzzParams<[VectorJson]>(300))('a case is a valid wsksim/vectors@1 vector whose sizes fit the arch SIZE_T', (v) => {
    const parsed = parseVectorFile(JSON.stringify(vectorFile('t', [v])), 't.json');
    expect(parsed.vectors).toHaveLength(1);
    const limit = LAYOUTS[v.arch].sizeTLimit;
    for (const st of v.steps) for (const k of SIZE_FIELDS) if (st[k] !== undefined) expect(parseJsonSize(st[k])).toBeLessThan(limit);
  });

  it('a vector read back from a file is accepted as an example and can shrink without context', () => {
    const [v] = fc.sample(fuzzCase(), { seed: 42, numRuns: 1 });
    const fromDisk = JSON.parse(JSON.stringify(v)) as VectorJson;
    expect(fuzzCase().canShrinkWithoutContext(fromDisk)).toBe(true);
    let seen = 0;
    const out = fc.check(fc.property(fuzzCase(), (c) => { seen++; return c.steps.length < 1; }), { examples: [[fromDisk]], numRuns: 1, seed: 1 });
    expect(out.failed).toBe(true);
    expect(seen).toBeGreaterThan(1);
    expect(out.counterexample![0]!.steps.length).toBeGreaterThanOrEqual(1);
  });

  test.prop([fc.constantFrom<'x86' | 'x64'>('x86', 'x64'), fc.bigInt({ min: 0n, max: (1n << 70n) })], fuzzParams<['x86' | 'x64', bigint]>(200))(
    'a SIZE_T the arch cannot hold is misuse of the TypeScript API (AbiUsageError); one it can hold never throws',
    (arch, size) => {
      const p = new WskProvider({ arch });
      const s = p.wskSocket({ family: AF.AF_INET!, type: SOCK.SOCK_STREAM!, protocol: 0, flags: WSK_FLAG.WSK_FLAG_LISTEN_SOCKET! }).socket;
      const call = (): number => p.wskControlSocket(s, 1, CODE.SO_REUSEADDR!, LEVEL.SOL_SOCKET!, size, null, 4, Buffer.alloc(4), null, Buffer.alloc(p.layout.sizeofIrp));
      if (size < p.layout.sizeTLimit) expect(call).not.toThrow();
      else expect(call).toThrow(AbiUsageError);
      expect(fitSizeT(size, arch)).toBeLessThan(p.layout.sizeTLimit);
    },
  );

  it('every option row is reachable: its key is generated', () => {
    const keys = new Set(fc.sample(optionKey(), { seed: 3, numRuns: 2000 }).map((k) => `${k.requestType}/${k.level}/${k.code}`));
    expect(keys.size).toBeGreaterThan(OPTION_ROWS.length);
    expect(PRESET_ROWS.map((r) => r.code)).toEqual(expect.arrayContaining(['SO_EXCLUSIVEADDRUSE', 'SO_REUSEADDR']));
  });

  it('both arches, every profile, every preset and both completion modes occur', () => {
    const vs = fc.sample(fuzzCase(), { seed: 5, numRuns: 400 });
    for (const k of ['arch', 'profile', 'policy', 'completion'] as const) {
      expect(new Set(vs.map((v) => v[k])).size).toBe(k === 'profile' || k === 'policy' ? 3 : 2);
    }
    const ops = new Set(vs.flatMap((v) => v.steps.map((s) => s.op)));
    expect([...ops].sort()).toEqual(['accept', 'advanceTime', 'bind', 'cacheSd', 'close', 'complete', 'control', 'controlClient', 'disconnect', 'forceClose', 'incoming', 'peerClose', 'setAddressList', 'socket']);
  });
});
