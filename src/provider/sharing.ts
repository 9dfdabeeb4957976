/**
 * The address-sharing profiles of abi/sharing-rules.ts compiled into a flat lookup: (first kind, second kind,
 * owner relation) -> cell. The bind engine reads cells; it holds no per-cell logic.
 */
import { SHARING_PROFILES, BIND_KINDS } from '../../abi/sharing-rules';
import type { SharingCellId } from '../../abi/policy';
import type { BindKind, Citation, SharingCell, SharingProfile } from '../../abi/schema';
import { STATUS, WSA } from '../codec/names';

/** The form of a sharing cell id (abi/policy.ts SharingCellId), checked when a profile is compiled. */
const CELL_ID = /^(wsk|winsock|winsock-xp)(\.[A-Za-z0-9]+)?:[DRE]-[WS]\/[DRE]-[WS]$/;

/** Cell outcomes as integers. */
export const OUTCOME_SUCCESS = 0;
export const OUTCOME_INUSE = 1;
export const OUTCOME_DENIED = 2;
export const OUTCOME_CHECK = 3;

const OUTCOME_CODE = { SUCCESS: OUTCOME_SUCCESS, INUSE: OUTCOME_INUSE, DENIED: OUTCOME_DENIED, CHECK: OUTCOME_CHECK } as const;

/** Index of a bind kind: option (D 0, R 1, E 2) * 2 + address kind (W 0, S 1); the order of BIND_KINDS. */
export function kindIndex(mode: number, specific: boolean): number {
  return mode * 2 + (specific ? 1 : 0);
}

/** One compiled cell. */
export interface CompiledCell {
  readonly id: SharingCellId;
  readonly outcome: number;
  readonly source: Citation;
  readonly row: SharingCell;
}

/** A profile's cells by (first kind, second kind, owners differ), plus its reported statuses. */
export class SharingRules {
  private readonly cells: CompiledCell[] = [];
  readonly inuseStatus: number;
  readonly deniedStatus: number;
  readonly inuseWsa: number;
  readonly deniedWsa: number;

  constructor(readonly profile: SharingProfile) {
    const put = (c: SharingCell): void => {
      const f = BIND_KINDS.indexOf(c.first);
      const s = BIND_KINDS.indexOf(c.second);
      if (f < 0 || s < 0) throw new Error(`abi/sharing-rules.ts: bad bind kind in ${c.id}`);
      if (!CELL_ID.test(c.id)) throw new Error(`abi/sharing-rules.ts: cell id ${c.id} is not <profile>[.<table>]:<FIRST>/<SECOND>`);
      const compiled: CompiledCell = Object.freeze({ id: c.id as SharingCellId, outcome: OUTCOME_CODE[c.outcome], source: c.source, row: c });
      if (c.owners !== 'different') this.cells[slot(f, s, false)] = compiled;
      if (c.owners !== 'same') this.cells[slot(f, s, true)] = compiled;
    };
    for (const t of profile.tables) for (const c of t.cells) put(c);
    for (const c of profile.overrides) put(c);
    for (let i = 0; i < 72; i++) if (this.cells[i] === undefined) throw new Error(`abi/sharing-rules.ts: profile ${profile.name} leaves cell ${i} undefined`);
    this.inuseStatus = STATUS[profile.inuse.status as keyof typeof STATUS]!;
    this.deniedStatus = STATUS[profile.denied.status as keyof typeof STATUS]!;
    this.inuseWsa = WSA[profile.inuse.wsaError as keyof typeof WSA]!;
    this.deniedWsa = WSA[profile.denied.wsaError as keyof typeof WSA]!;
    if ([this.inuseStatus, this.deniedStatus, this.inuseWsa, this.deniedWsa].some((v) => v === undefined)) {
      throw new Error(`abi/sharing-rules.ts: profile ${profile.name} names an unknown status or WSA code`);
    }
  }

  /** The cell deciding a bind of kind `second` over a binding of kind `first` (kind indexes), by owner relation. */
  cell(first: number, second: number, ownersDiffer: boolean): CompiledCell {
    return this.cells[slot(first, second, ownersDiffer)]!;
  }

  /** The cell for named kinds (tests, CLI). */
  cellByKind(first: BindKind, second: BindKind, ownersDiffer: boolean): CompiledCell {
    return this.cell(BIND_KINDS.indexOf(first), BIND_KINDS.indexOf(second), ownersDiffer);
  }
}

function slot(first: number, second: number, ownersDiffer: boolean): number {
  return (first * 6 + second) * 2 + (ownersDiffer ? 1 : 0);
}

const COMPILED: Partial<Record<SharingProfile['name'], SharingRules>> = {};

/** The shared compiled rules of a profile. */
export function sharingRules(name: SharingProfile['name']): SharingRules {
  return (COMPILED[name] ??= new SharingRules(SHARING_PROFILES[name]));
}
