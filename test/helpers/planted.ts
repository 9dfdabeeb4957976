/** Planted bugs shared by the fuzz tests: a provider whose sharing tables allow every bind. */
import { OUTCOME_SUCCESS, SharingRules, type CompiledCell } from '../../src/provider/sharing';

/** Run `f` with every sharing cell's outcome forced to success (so a hijack of an exclusive binding goes through). */
export function withPermissiveSharing<T>(f: () => T): T {
  const orig = SharingRules.prototype.cell;
  SharingRules.prototype.cell = function (this: SharingRules, first: number, second: number, differ: boolean): CompiledCell {
    return { ...orig.call(this, first, second, differ), outcome: OUTCOME_SUCCESS };
  };
  try {
    return f();
  } finally {
    SharingRules.prototype.cell = orig;
  }
}

/** Run `f` with a provider that lets another owner bind over any SO_EXCLUSIVEADDRUSE binding (E-W and E-S first). */
export function withHijackableExclusive<T>(f: () => T): T {
  const orig = SharingRules.prototype.cell;
  SharingRules.prototype.cell = function (this: SharingRules, first: number, second: number, differ: boolean): CompiledCell {
    const c = orig.call(this, first, second, differ);
    return differ && first >= 4 ? { ...c, outcome: OUTCOME_SUCCESS } : c;
  };
  try {
    return f();
  } finally {
    SharingRules.prototype.cell = orig;
  }
}
