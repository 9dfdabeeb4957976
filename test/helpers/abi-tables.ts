/**
 * Mutated copies of the abi/ tables for verify:abi tests (the real tables are never modified).
 */
import type { AbiTables, ConstantTable } from '../../src/tools/abi-probe';
import type { StructLayout } from '../../abi/schema';

/** A copy of `tables` with constant `table.name` set to `value`. */
export function withConstant(tables: AbiTables, table: string, name: string, value: number): AbiTables {
  let hit = false;
  const constants: ConstantTable[] = tables.constants.map((t) => {
    if (t.table !== table || !(name in t.rows)) return t;
    hit = true;
    return { ...t, rows: { ...t.rows, [name]: { ...t.rows[name]!, value } } };
  });
  if (!hit) throw new Error(`no constant ${table}.${name}`);
  return { ...tables, constants };
}

/** A copy of `tables` with structure `name` replaced by `edit(copy of its layout)`. */
export function withStruct(tables: AbiTables, name: string, edit: (layout: StructLayout & Record<string, unknown>) => StructLayout): AbiTables {
  const layout = tables.structs[name];
  if (!layout) throw new Error(`no structure ${name}`);
  return { ...tables, structs: { ...tables.structs, [name]: edit(structuredClone(layout) as StructLayout & Record<string, unknown>) } };
}


/** A copy of `tables` with one more (or a replaced) structure layout. */
export function withLayout(tables: AbiTables, key: string, layout: StructLayout): AbiTables {
  return { ...tables, structs: { ...tables.structs, [key]: layout } };
}
