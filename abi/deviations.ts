/**
 * Deviations from the documented parameter table: the ways a call's arguments differ from what its row documents
 * (POLICY.md "Deviations are also reported"). Every call records the ones it makes, in this table's order, whatever
 * the preset; under `strict` the first one also decides (check 10). Data only.
 */
import type { Citation, DeviationRow } from './schema';

const CHECK_10: Citation = { ref: 'POLICY', at: 'docs/POLICY.md#deviations', layer: 'policy' };

/** Every deviation, in the order a call records them. */
export const DEVIATIONS = [
  { id: 'input-size-given', description: 'InputSize is nonzero where the parameter table says 0', source: CHECK_10 },
  { id: 'input-buffer-given', description: 'InputBuffer is non-NULL where the parameter table says NULL', source: CHECK_10 },
  { id: 'output-size-given', description: 'OutputSize is nonzero where the parameter table says 0', source: CHECK_10 },
  { id: 'output-buffer-given', description: 'OutputBuffer is non-NULL where the parameter table says NULL', source: CHECK_10 },
  { id: 'output-size-returned-given', description: 'OutputSizeReturned is non-NULL where the parameter table says NULL', source: CHECK_10 },
] as const satisfies readonly DeviationRow[];

/** Identifier of a deviation. */
export type DeviationId = (typeof DEVIATIONS)[number]['id'];
