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

/** WDK km/wsk.h `struct _WSK_TRANSPORT { USHORT Version; USHORT SocketType; ULONG Protocol; ADDRESS_FAMILY
 *  AddressFamily; GUID ProviderId; }` laid out by hand (USHORT 2, ULONG 4, GUID 16 aligned 4: 28 bytes). */
export const WSK_TRANSPORT_LAYOUT: StructLayout = {
  name: 'WSK_TRANSPORT', size: 28, align: 4,
  fields: [
    { name: 'Version', offset: 0, size: 2, order: 'le' },
    { name: 'SocketType', offset: 2, size: 2, order: 'le' },
    { name: 'Protocol', offset: 4, size: 4, order: 'le' },
    { name: 'AddressFamily', offset: 8, size: 2, order: 'le' },
    { name: 'ProviderId', offset: 12, size: 16, order: 'bytes' },
  ],
  source: { ref: 'H-wsk', at: 'km/wsk.h struct _WSK_TRANSPORT (test copy)', layer: 'header' },
};

/** A copy of `tables` with one more (or a replaced) structure layout. */
export function withLayout(tables: AbiTables, key: string, layout: StructLayout): AbiTables {
  return { ...tables, structs: { ...tables.structs, [key]: layout } };
}
