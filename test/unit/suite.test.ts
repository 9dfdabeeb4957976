/**
 * The known-failures mechanism of src/vectors/suite.ts: parsing the list, and the four outcomes.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseVectorFile } from '../../src/vectors/reader';
import { expandPaths, KNOWN_FAILURES_FILE, parseKnownFailures, runSuite } from '../../src/vectors/suite';

/** A vector whose only step is a valid WskSocket expecting `status` (STATUS_SUCCESS is what the provider returns). */
function socketVector(id: string, status: string): object {
  return {
    id,
    steps: [{ op: 'socket', as: 's1', family: 'AF_INET', type: 'SOCK_STREAM', protocol: 'IPPROTO_TCP', flags: 'WSK_FLAG_LISTEN_SOCKET', expect: { status } }],
  };
}

const FILE = parseVectorFile(JSON.stringify({
  format: 'wsksim/vectors@1',
  vectors: [
    socketVector('passes', 'STATUS_SUCCESS'),
    socketVector('fails', 'STATUS_NOT_SUPPORTED'),
    socketVector('listed-fails', 'STATUS_NOT_SUPPORTED'),
    socketVector('listed-passes', 'STATUS_SUCCESS'),
  ],
}), 'inline.json');

describe('parseKnownFailures', () => {
  it('reads one id per line, # comments giving the reason, blank lines ignored', () => {
    const m = parseKnownFailures('# header\n\nvec/a\nvec/b   # not modelled yet\n  vec/c  \r\n');
    expect([...m.keys()]).toEqual(['vec/a', 'vec/b', 'vec/c']);
    expect(m.get('vec/a')).toBe('');
    expect(m.get('vec/b')).toBe('not modelled yet');
  });

  it('an empty or comment-only list lists nothing', () => {
    expect(parseKnownFailures('').size).toBe(0);
    expect(parseKnownFailures('# only a comment\n#another\n').size).toBe(0);
  });
});

describe('runSuite outcomes', () => {
  const known = new Map([['listed-fails', 'reason A'], ['listed-passes', '']]);
  const s = runSuite([FILE], known);
  const outcome = (id: string): string | undefined => s.outcomes.find((o) => o.id === id)?.outcome;

  it.each([
    ['passes', 'pass'],
    ['fails', 'fail'],
    ['listed-fails', 'xfail'],
    ['listed-passes', 'xpass'],
  ])('%s -> %s', (id, want) => {
    expect(outcome(id)).toBe(want);
  });

  it('counts XFAIL as passed and XPASS as failed', () => {
    expect(s.passed).toBe(2);
    expect(s.failed).toBe(2);
  });

  it('keeps the reason of a listed vector', () => {
    expect(s.outcomes.find((o) => o.id === 'listed-fails')?.knownReason).toBe('reason A');
    expect(s.outcomes.find((o) => o.id === 'passes')?.knownReason).toBeUndefined();
  });

  it('with an empty list, the failing vectors fail', () => {
    const plain = runSuite([FILE], new Map());
    expect([plain.passed, plain.failed]).toEqual([2, 2]);
  });

  it('filters by substring and by /regex/', () => {
    expect(runSuite([FILE], known, 'listed').outcomes.map((o) => o.id)).toEqual(['listed-fails', 'listed-passes']);
    expect(runSuite([FILE], known, '/^pass/').outcomes.map((o) => o.id)).toEqual(['passes']);
  });
});

describe('expandPaths', () => {
  it("expands a directory to its sorted *.json files and picks up its known-failures list", () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsksim-suite-'));
    writeFileSync(join(dir, 'b.json'), '{}');
    writeFileSync(join(dir, 'a.json'), '{}');
    writeFileSync(join(dir, 'notes.txt'), '');
    writeFileSync(join(dir, KNOWN_FAILURES_FILE), '# none\n');
    const r = expandPaths([dir]);
    expect(r.files).toEqual([join(dir, 'a.json'), join(dir, 'b.json')]);
    expect(r.knownFailureFiles).toEqual([join(dir, KNOWN_FAILURES_FILE)]);
  });

  it('reports a missing path as a VectorFormatError naming it', () => {
    expect(() => expandPaths(['/nonexistent/wsksim'])).toThrow(/no such file or directory/);
  });
});
