/**
 * Deviations a call recorded (reason.lint) in readable form: each identifier with its description (abi/deviations.ts)
 * and its role under the preset: the one that decided the call, one recorded beside it, or a warning, with the
 * evidence-based entry that tolerates it (abi/policy.ts PRESET_ENTRIES).
 */
import { DEVIATIONS } from '../../abi/deviations';
import { PRESET_ENTRIES } from '../../abi/policy';
import type { ControlCallName, DeviationRow } from '../../abi/schema';
import { REQUEST } from '../codec/names';
import { formatCitation } from './rules';
import type { Step } from './types';

/** One recorded deviation and what it did. */
export interface LintNote {
  readonly id: string;
  readonly description: string;
  /** 'decided': it failed the call (check 10, or its own rule); 'recorded': reported beside the one that decided; 'warning': a diagnostic only. */
  readonly role: 'decided' | 'recorded' | 'warning';
  /** The evidence-based entry that makes it a warning under this preset, if one does. */
  readonly toleratedBy: string | undefined;
}

/** The entry of `policy` that tolerates deviation `id` on this call, if any. */
function toleratingEntry(id: string, policy: string, call: ControlCallName | undefined, irpGiven: boolean | undefined): (typeof PRESET_ENTRIES)[number] | undefined {
  return PRESET_ENTRIES.find((e) => (e.presets as readonly string[]).includes(policy) && e.effect.kind === 'tolerate-deviation'
    && e.effect.deviation === id && (call === undefined || (e.effect.calls as readonly string[]).includes(call))
    && (irpGiven !== false || (e.effect.irp as string) === 'any'));
}

/** The rule that refuses a call when deviation `id` decides: the row's own, or check 10 (unused-args-null). */
function decidingRule(id: string): string {
  const d: DeviationRow | undefined = DEVIATIONS.find((x) => x.id === id);
  return d?.rule ?? 'unused-args-null';
}

/**
 * Describe a call's lint. `rule` is the rule that decided the call: when it is the rule deviations decide through
 * (check 10's unused-args-null, or a deviation's own rule), the first deviation the preset does not tolerate decided
 * and the others are recorded beside it; otherwise each is a warning.
 */
export function lintNotes(lint: readonly string[], rule: string, policy: string, call?: ControlCallName, irpGiven?: boolean): LintNote[] {
  const decidedByDeviation = lint.some((id) => decidingRule(id) === rule);
  let decidedOne = false;
  return lint.map((id) => {
    const description = DEVIATIONS.find((d) => d.id === id)?.description ?? '';
    const t = toleratingEntry(id, policy, call, irpGiven);
    let role: LintNote['role'] = 'warning';
    if (decidedByDeviation) {
      role = !decidedOne && t === undefined ? 'decided' : 'recorded';
      if (role === 'decided') decidedOne = true;
    }
    return { id, description, role, toleratedBy: t?.id };
  });
}

/** One line per recorded deviation: `id: description — role`. */
export function formatLint(lint: readonly string[], rule: string, policy: string, call?: ControlCallName, irpGiven?: boolean): string[] {
  return lintNotes(lint, rule, policy, call, irpGiven).map((n) => {
    const how = rule === 'unused-args-null' ? 'check 10, unused-args-null' : rule;
    const role = n.role === 'decided' ? `decided the call (${how}, policy ${policy})`
      : n.role === 'recorded' ? 'recorded beside it'
        : `warning only (policy ${policy}${n.toleratedBy !== undefined ? `; tolerated by ${n.toleratedBy} ${formatCitation(PRESET_ENTRIES.find((e) => e.id === n.toleratedBy)!.source)}` : ''})`;
    return `${n.id}: ${n.description} — ${role}`;
  });
}

/** The call kind and IRP presence of a vector step, for lintNotes (undefined for steps that are not control calls). */
export function lintCall(step: Step): { call: ControlCallName | undefined; irpGiven: boolean | undefined } {
  if (step.op === 'controlClient') return { call: 'WskControlClient', irpGiven: step.irp !== null };
  if (step.op !== 'control') return { call: undefined, irpGiven: undefined };
  const call = step.requestType === REQUEST.WskSetOption ? 'WskSetOption' : step.requestType === REQUEST.WskGetOption ? 'WskGetOption'
    : step.requestType === REQUEST.WskIoctl ? 'WskIoctl' : undefined;
  return { call, irpGiven: step.irp !== null };
}
