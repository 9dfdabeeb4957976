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
