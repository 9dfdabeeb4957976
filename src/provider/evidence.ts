/**
 * Deviations from the documented parameter table (abi/deviations.ts) as bits, their recording in reason.lint, and
 * the evidence-based entries of the active preset (abi/policy.ts PRESET_ENTRIES) compiled into the few values the
 * checks read. Nothing here runs on a call without deviations.
 */
import { DEVIATIONS, type DeviationId } from '../../abi/deviations';
import { POLICY_PRESETS, PRESET_ENTRIES, type PolicySettings, type RuleId } from '../../abi/policy';
import type { ControlCallName, EvidenceEffect } from '../../abi/schema';
import { AF, CODE, LEVEL, REQUEST, SOCK, STATUS } from '../codec/names';
import { isConnected } from './connections';
import type { CompiledOption } from './option-table';
import type { WskProvider } from './provider';
import { OPTION_STATE_INDEX, type SimSocket } from './socket';

const V6ONLY = OPTION_STATE_INDEX.ipv6Only;

/** Bit of each deviation: 1 << its index in DEVIATIONS (the order a call records them). */
function bit(id: DeviationId): number {
  return 1 << DEVIATIONS.findIndex((d) => d.id === id);
}
export const DEV_INPUT_SIZE = bit('input-size-given');
export const DEV_INPUT_BUFFER = bit('input-buffer-given');
export const DEV_OUTPUT_SIZE = bit('output-size-given');
export const DEV_OUTPUT_BUFFER = bit('output-buffer-given');
export const DEV_OSR = bit('output-size-returned-given');
/** An IRP on an SO_WSK_EVENT_CALLBACK enable (decides through policy event-callback-enable-irp, not check 10). */
export const DEV_IRP = bit('irp-given');
/** InputSize and InputBuffer documented as 0/NULL. */
export const UNUSED_INPUT = DEV_INPUT_SIZE | DEV_INPUT_BUFFER;
/** OutputSize and OutputBuffer documented as 0/NULL. */
export const UNUSED_OUTPUT = DEV_OUTPUT_SIZE | DEV_OUTPUT_BUFFER;
const ALL_DEVIATIONS = (1 << DEVIATIONS.length) - 1;

/** Guarded-path rows that decline every call (WskProvider.fastRows while deviations are recorded). */
const DECLINE_ALL: readonly null[] = Object.freeze([null, null, null]);

/** The reason.lint of a call that recorded no deviation (shared, never written). */
export const NO_LINT: readonly DeviationId[] = Object.freeze([]);

/** Index of a call kind in CompiledEvidence.decidingDeviations: the request type, or 3 for WskControlClient. */
export const CALL_CLIENT = 3;
const CALL_INDEX: Readonly<Record<ControlCallName, number>> = {
  WskSetOption: REQUEST.WskSetOption!, WskGetOption: REQUEST.WskGetOption!, WskIoctl: REQUEST.WskIoctl!, WskControlClient: CALL_CLIENT,
};

/** An extend-applicability entry resolved to integers. */
interface ExtraApplicability {
  readonly requestTypes: number;
  readonly level: number;
  readonly code: number;
  readonly familyMask: number;
  readonly typeMask: number;
  readonly dualStackOnly: boolean;
  /** The entry's id, reported as the deciding rule of a call it lets succeed. */
  readonly entry: RuleId;
}

/** The active preset's evidence-based entries, compiled. */
export interface CompiledEvidence {
  /**
   * Deviation bits that decide check 10, indexed by call kind (CALL_INDEX) * 2 + (IRP given ? 1 : 0): all of them
   * under unusedArgs 'reject', none under 'ignore', less what a tolerate-deviation entry tolerates.
   */
  readonly decidingDeviations: Int32Array;
  /** Rows check 7b also passes (extend-applicability entries). */
  readonly extraApplicability: readonly ExtraApplicability[];
  /** Set rows whose before-bind rule a connected socket passes (store-after-bind entries): level and code pairs. */
  readonly storeAfterBind: readonly { readonly level: number; readonly code: number; readonly entry: RuleId }[];
  /** WskBind's address statuses (bind-address-status entry), or null for STATUS_INVALID_PARAMETER. */
  readonly bindAddress: { readonly mismatch: number; readonly noFamilyField: number; readonly rule: RuleId } | null;
}

function lookup(table: Readonly<Record<string, number>>, name: string, what: string, entry: string): number {
  const v = table[name];
  if (v === undefined) throw new Error(`abi/policy.ts: ${entry}: unknown ${what} ${name}`);
  return v;
}

/** Compiled evidence of each preset object of POLICY_PRESETS: a provider reads it only, so providers of one preset share it. */
const COMPILED = new Map<PolicySettings, CompiledEvidence>();
const PRESET_OBJECTS: ReadonlySet<PolicySettings> = new Set(Object.values(POLICY_PRESETS));

/** Compile the entries of PRESET_ENTRIES that list the preset's name (once per preset). */
export function compileEvidence(policy: PolicySettings): CompiledEvidence {
  if (!PRESET_OBJECTS.has(policy)) return compileEvidenceOnce(policy);
  let c = COMPILED.get(policy);
  if (c === undefined) COMPILED.set(policy, (c = compileEvidenceOnce(policy)));
  return c;
}

function compileEvidenceOnce(policy: PolicySettings): CompiledEvidence {
  const deciding = new Int32Array(8).fill(policy.unusedArgs === 'reject' ? ALL_DEVIATIONS : 0);
  const extra: ExtraApplicability[] = [];
  let bindAddress: CompiledEvidence['bindAddress'] = null;
  const storeAfterBind: { level: number; code: number; entry: RuleId }[] = [];
  for (const e of PRESET_ENTRIES) {
    if (!(e.presets as readonly string[]).includes(policy.name)) continue;
    const effect: EvidenceEffect = e.effect;
    if (effect.kind === 'tolerate-deviation') {
      const b = DEVIATIONS.findIndex((d) => d.id === effect.deviation);
      if (b < 0) throw new Error(`abi/policy.ts: ${e.id}: unknown deviation ${effect.deviation}`);
      for (const c of effect.calls) {
        const i = CALL_INDEX[c] * 2;
        deciding[i + 1] = deciding[i + 1]! & ~(1 << b);
        if (effect.irp === 'any') deciding[i] = deciding[i]! & ~(1 << b);
      }
    } else if (effect.kind === 'extend-applicability') {
      let rts = 0, fams = 0, types = 0;
      for (const r of effect.requestTypes) rts |= 1 << lookup(REQUEST, r, 'request type', e.id);
      for (const f of effect.families) fams |= 1 << (lookup(AF, f, 'address family', e.id) & 31);
      for (const t of effect.socketTypes) types |= 1 << (lookup(SOCK, t, 'socket type', e.id) & 31);
      for (const c of effect.codes) {
        extra.push({
          requestTypes: rts, level: lookup(LEVEL, effect.level, 'level', e.id), code: lookup(CODE, c, 'control code', e.id), familyMask: fams, typeMask: types,
          dualStackOnly: effect.dualStackOnly === true, entry: e.id,
        });
      }
    } else if (effect.kind === 'store-after-bind') {
      for (const c of effect.codes) storeAfterBind.push({ level: lookup(LEVEL, effect.level, 'level', e.id), code: lookup(CODE, c, 'control code', e.id), entry: e.id });
    } else {
      bindAddress = {
        mismatch: lookup(STATUS, effect.mismatch, 'status', e.id), noFamilyField: lookup(STATUS, effect.noFamilyField, 'status', e.id), rule: e.id,
      };
    }
  }
  return { decidingDeviations: deciding, extraApplicability: extra, storeAfterBind, bindAddress };
}

/** The deviations among `args` (DEV_* bits of the arguments the row documents as 0/NULL) that a call makes. */
export function deviationsOf(
  args: number, inSize: number, input: Uint8Array | null, outSize: number, output: Uint8Array | null, osr: Uint8Array | null,
): number {
  let d = 0;
  if ((args & DEV_INPUT_SIZE) !== 0 && inSize !== 0) d |= DEV_INPUT_SIZE;
  if ((args & DEV_INPUT_BUFFER) !== 0 && input !== null) d |= DEV_INPUT_BUFFER;
  if ((args & DEV_OUTPUT_SIZE) !== 0 && outSize !== 0) d |= DEV_OUTPUT_SIZE;
  if ((args & DEV_OUTPUT_BUFFER) !== 0 && output !== null) d |= DEV_OUTPUT_BUFFER;
  if ((args & DEV_OSR) !== 0 && osr !== null) d |= DEV_OSR;
  return d;
}

/**
 * Check 10 (or a row's own deviation rule) for deviation bits `dev` of a call kind (CALL_INDEX): records them in the
 * call's lint (attached to the reason the call ends with), after any the call recorded before, and returns whether
 * the preset lets them decide.
 */
export function deviationsDecide(p: WskProvider, dev: number, call: number, irp: Uint8Array | null): boolean {
  if (dev === 0) return false;
  const lint = p.lintScratch;
  if (p.nextLint !== lint) lint.length = 0;
  for (let i = 0; i < DEVIATIONS.length; i++) if ((dev & (1 << i)) !== 0) lint.push(DEVIATIONS[i]!.id);
  p.nextLint = lint;
  // the guarded path (which records no deviation) declines until the next entry point forgets them (clearLint)
  p.fastRows = DECLINE_ALL;
  return (dev & p.evidence.decidingDeviations[call * 2 + (irp !== null ? 1 : 0)]!) !== 0;
}

/**
 * Check 7b's evidence-based extension: an extend-applicability entry passes the row on this socket (remembered in
 * WskProvider.evidenceEntry, which a success then reports as its deciding rule).
 */
export function evidenceFitsTransport(p: WskProvider, opt: CompiledOption, s: SimSocket): boolean {
  const extra = p.evidence.extraApplicability;
  for (let i = 0; i < extra.length; i++) {
    const x = extra[i]!;
    if (x.code === opt.code && x.level === opt.level && (x.requestTypes & (1 << opt.requestType)) !== 0
      && (x.familyMask & (1 << (s.family & 31))) !== 0 && (x.typeMask & (1 << (s.type & 31))) !== 0
      && (!x.dualStackOnly || (s.family === AF.AF_INET6 && s.options[V6ONLY] === 0))) {
      p.evidenceEntry = x.entry;
      return true;
    }
  }
  return false;
}

/**
 * Check 12's evidence-based exception: a store-after-bind entry lets this Set of a before-bind row pass on this
 * connected socket (remembered in WskProvider.evidenceEntry, which a success then reports as its deciding rule).
 */
export function evidenceStoresAfterBind(p: WskProvider, opt: CompiledOption, s: SimSocket): boolean {
  const rows = p.evidence.storeAfterBind;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r.code === opt.code && r.level === opt.level) {
      if (!isConnected(s)) return false;
      p.evidenceEntry = r.entry;
      return true;
    }
  }
  return false;
}
