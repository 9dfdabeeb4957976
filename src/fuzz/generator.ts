/**
 * The seeded case source of campaigns: case i of seed S is drawn from src/fuzz/arbitraries.ts's case generator
 * (`caseGen`, the same `Gen` whose `arb` is the fast-check arbitrary) with a PRNG seeded by caseSeed(S, i), so it
 * depends on (S, i) only, and every case a campaign runs is one fast-check can shrink.
 */
import { caseGen, type CaseConstraints, type CaseShape } from './arbitraries';
import { CaseRng } from './gen';

export { CaseRng } from './gen';

/** Draw a whole case from a seeded PRNG (the same seed and constraints give the same case). */
export function drawCase(r: CaseRng, c: CaseConstraints = NO_CONSTRAINTS): CaseShape {
  return caseGen(c).draw(r);
}

const RNG = new CaseRng();
const NO_CONSTRAINTS: CaseConstraints = {};

/** The shape of the case whose case seed is `caseSeedValue` (campaign.ts caseSeed(S, i)). */
export function caseShapeFor(caseSeedValue: number, c: CaseConstraints = NO_CONSTRAINTS): CaseShape {
  return caseGen(c).draw(RNG.seed(caseSeedValue));
}
