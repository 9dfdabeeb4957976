/**
 * Deviations from the documented parameter table: the ways a call's arguments differ from what its row documents
 * (POLICY.md "Deviations are also reported"). Every call records the ones it makes, in this table's order, whatever
 * the preset; under `strict` the first one also decides (check 10, or the rule a row names). Data only.
 */
import type { Citation, DeviationRow } from './schema';

const CHECK_10: Citation = { ref: 'POLICY', at: 'docs/POLICY.md#deviations', layer: 'policy' };
const ENABLE_IRP: Citation = { ref: 'D2', at: 'so-wsk-event-callback.md: "A WSK application does not specify a pointer to an IRP when calling the WskControlSocket function to enable event callback functions"', layer: 'WSK' };

/** Every deviation, in the order a call records them. */
export const DEVIATIONS = [
  { id: 'input-size-given', description: 'InputSize is nonzero where the parameter table says 0', source: CHECK_10 },
  { id: 'input-buffer-given', description: 'InputBuffer is non-NULL where the parameter table says NULL', source: CHECK_10 },
  { id: 'output-size-given', description: 'OutputSize is nonzero where the parameter table says 0', source: CHECK_10 },
  { id: 'output-buffer-given', description: 'OutputBuffer is non-NULL where the parameter table says NULL', source: CHECK_10 },
  { id: 'output-size-returned-given', description: 'OutputSizeReturned is non-NULL where the parameter table says NULL', source: CHECK_10 },
  { id: 'irp-given', description: 'Irp is non-NULL on an SO_WSK_EVENT_CALLBACK enable, where the page says the application passes none', source: ENABLE_IRP, rule: 'event-callback-enable-irp' },
] as const satisfies readonly DeviationRow[];

/** Identifier of a deviation. */
export type DeviationId = (typeof DEVIATIONS)[number]['id'];
