/**
 * The check tables drive the tests: for every row of CONTROL_CHECKS (and of BIND_CHECKS and CLIENT_CHECKS), a shipped
 * vector has a step that this rule decides with the row's outcome (its status, or one of its faults); and every rule
 * the corpus reports is described by a table row (describeRule).
 */
import { readdirSync } from 'fs';
import { join } from 'path';
import { BIND_CHECKS, CLIENT_CHECKS, CONTROL_CHECKS, type CheckRow } from '../../abi/policy';
import { describeRule } from '../../src/vectors/rules';
import { runVector, type StepTrace } from '../../src/vectors/runner';
import { loadVectorFile } from '../../src/vectors/suite';

const DIR = join(__dirname, '..', '..', 'vectors');
const TRACES: { id: string; step: StepTrace }[] = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort()
  .flatMap((f) => loadVectorFile(join(DIR, f)).vectors.flatMap((v) => runVector(v, f, { keepGoing: true }).trace.map((step) => ({ id: v.id, step }))));

/** The result names a check row's outcome allows: the status, or `fault X` for each fault. */
function outcomes(row: CheckRow): string[] {
  return 'fault' in row.outcome ? row.outcome.fault.map((f) => `fault ${f}`) : [row.outcome.status];
}

const OPS: Record<string, readonly string[]> = { CONTROL_CHECKS: ['control'], BIND_CHECKS: ['bind'], CLIENT_CHECKS: ['controlClient'] };

/**
 * Bind checks no step reports by their own id: a sharing refusal reports the deciding cell (bind-sharing,
 * bind-dual-stack: every cell has its vectors in vectors/bind-sharing-*.json), and exhausting the 16 384 dynamic ports
 * (bind-port-zero) is tested in test/unit/endpoint-table.test.ts rather than by a vector.
 */
const DECIDED_ELSEWHERE = new Set(['bind-sharing', 'bind-dual-stack', 'bind-port-zero']);

describe.each([['CONTROL_CHECKS', CONTROL_CHECKS], ['BIND_CHECKS', BIND_CHECKS], ['CLIENT_CHECKS', CLIENT_CHECKS]] as const)('%s', (table, rows) => {
  it.each((rows as readonly CheckRow[]).filter((r) => !DECIDED_ELSEWHERE.has(r.id)).map((r) => [`${r.order} ${r.id}`, r] as const))('check %s: a shipped vector decides by it with its outcome', (_n, row) => {
    const want = outcomes(row);
    const hit = TRACES.find((t) => OPS[table]!.includes(t.step.op) && t.step.rule === row.id && want.some((w) => t.step.resultName.startsWith(w)));
    expect(hit === undefined ? `no ${OPS[table]!.join('/')} step decided by ${row.id} with ${want.join(' or ')}` : 'found').toBe('found');
  });
});

describe('every rule the shipped corpus reports', () => {
  const rules = [...new Set(TRACES.map((t) => t.step.rule).filter((r) => r !== ''))].sort();
  it.each(rules)('%s has a description and a source', (rule) => {
    const info = describeRule(rule);
    expect(info.description).not.toBe('');
    expect(info.source).not.toBeNull();
  });
});
