import { ARCHES } from '../../abi/arch';
import { CONTROL_CODES, LEVELS, WSK_CONTROL_SOCKET_TYPE, WSK_SOCKET_FLAGS } from '../../abi/constants';
import { DISPATCH_TABLES } from '../../abi/dispatch';
import { NTSTATUS } from '../../abi/ntstatus';
import { OPTION_ROWS } from '../../abi/options';
import { BIND_CHECKS, CONTROL_CHECKS, FAULT_NAMES, POLICY_ENTRIES, POLICY_PRESETS } from '../../abi/policy';
import type { ArchSize, Citation, OptionRow, StructLayout } from '../../abi/schema';
import { SOURCES } from '../../abi/sources';
import { STRUCTS } from '../../abi/structs';
import { optionTable } from '../../src/provider/option-table';
import { OPTION_STATE_INDEX, OPTION_STATE_SLOTS } from '../../src/provider/socket';

const archNames = ['x86', 'x64'] as const;
const at = (s: ArchSize, a: 'x86' | 'x64'): number => (typeof s === 'number' ? s : s[a]);

function citations(): [string, Citation][] {
  const out: [string, Citation][] = [];
  const valueTables = { NTSTATUS, CONTROL_CODES, LEVELS, WSK_CONTROL_SOCKET_TYPE, WSK_SOCKET_FLAGS };
  for (const [t, rows] of Object.entries(valueTables)) for (const [k, r] of Object.entries(rows)) out.push([`${t}.${k}`, r.source]);
  for (const [k, s] of Object.entries(STRUCTS)) out.push([`STRUCTS.${k}`, s.source]);
  for (const r of OPTION_ROWS) for (const c of r.source) out.push([`OPTION ${r.requestType} ${r.name}`, c]);
  for (const r of CONTROL_CHECKS) out.push([`CONTROL_CHECKS ${r.id}`, r.source]);
  for (const r of BIND_CHECKS) out.push([`BIND_CHECKS ${r.id}`, r.source]);
  for (const r of POLICY_ENTRIES) out.push([`POLICY ${r.id}`, r.source]);
  for (const r of Object.values(DISPATCH_TABLES)) out.push([`DISPATCH ${r.category}`, r.source]);
  for (const r of Object.values(ARCHES)) out.push([`ARCH ${r.name}`, r.source]);
  return out;
}

describe('abi tables', () => {
  it.each(citations())('%s cites a known source with a location', (_name, c) => {
    expect(SOURCES[c.ref]).toBeDefined();
    expect(c.at.length).toBeGreaterThan(3);
    expect(['header', 'WSK', 'AFD', 'user-mode Winsock', 'policy']).toContain(c.layer);
  });

  const rows: readonly OptionRow[] = OPTION_ROWS;
  it("option rows have unique (requestType, level, code) keys", () => {
    const keys = rows.map((r) => `${r.requestType}:${r.requestType === 'WskIoctl' ? '*' : r.level}:${r.code}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('OPTION_ROWS is every row the provider compiles, on both arches', () => {
    for (const a of archNames) {
      const compiled = [...optionTable(a).rows()].map((c) => c.row);
      expect(compiled).toHaveLength(rows.length);
      expect(new Set(compiled)).toEqual(new Set(rows));
    }
  });

  it('option state slots are derived from the rows: one slot per distinct state, holding the rows\' default', () => {
    const states = [...new Set(rows.map((r) => r.state))];
    expect(Object.keys(OPTION_STATE_INDEX).sort()).toEqual([...states].sort());
    expect(new Set(Object.values(OPTION_STATE_INDEX)).size).toBe(OPTION_STATE_SLOTS);
    expect(OPTION_STATE_SLOTS).toBe(states.length);
    for (const a of archNames) {
      const defaults = optionTable(a).defaults;
      for (const r of rows) if (r.state !== 'none') expect([r.name, defaults[(OPTION_STATE_INDEX as Record<string, number>)[r.state]!]]).toEqual([r.name, r.defaultValue]);
    }
    expect(OPTION_STATE_INDEX.sndBuf).not.toBe(OPTION_STATE_INDEX.rcvBuf);
  });

  it('option rows name known constants and categories', () => {
    for (const r of rows) {
      expect(CONTROL_CODES).toHaveProperty(r.code);
      if (r.requestType !== 'WskIoctl') expect(LEVELS).toHaveProperty(r.level);
      for (const c of r.categories) expect(DISPATCH_TABLES).toHaveProperty(c);
    }
  });

  it.each(Object.entries(STRUCTS))('%s: fields lie inside the structure, in increasing order, on both arches', (_n, s: StructLayout) => {
    for (const a of archNames) {
      let end = 0;
      for (const f of s.fields) {
        expect(at(f.offset, a)).toBeGreaterThanOrEqual(end);
        end = at(f.offset, a) + at(f.size, a);
        expect(end).toBeLessThanOrEqual(at(s.size, a));
      }
      expect(at(s.size, a) % at(s.align, a)).toBe(0);
    }
  });

  it('has the layout facts POLICY.md lists', () => {
    expect(STRUCTS.IRP.size).toEqual({ x86: 112, x64: 208 });
    expect(STRUCTS.IRP.fields[0].offset).toEqual({ x86: 24, x64: 48 });
    expect(STRUCTS.IO_STATUS_BLOCK.size).toEqual({ x86: 8, x64: 16 });
    expect(STRUCTS.SOCKADDR_IN.size).toBe(16);
    expect(STRUCTS.SOCKADDR_IN6.size).toBe(28);
  });

  it('stores SO_EXCLUSIVEADDRUSE as the ULONG image of ((int)(~SO_REUSEADDR))', () => {
    expect(CONTROL_CODES.SO_EXCLUSIVEADDRUSE.value).toBe(0xfffffffb);
    expect(CONTROL_CODES.SO_EXCLUSIVEADDRUSE.value).toBe(~CONTROL_CODES.SO_REUSEADDR.value >>> 0);
  });

  it('NTSTATUS values are unsigned 32-bit and unique', () => {
    const vals = Object.values(NTSTATUS).map((r) => r.value);
    for (const v of vals) expect(v >>> 0).toBe(v);
    expect(new Set(vals).size).toBe(vals.length);
  });

  it('check rows name known statuses and faults', () => {
    for (const c of [...CONTROL_CHECKS, ...BIND_CHECKS]) {
      const o = c.outcome as { status?: string; fault?: readonly string[] };
      if (o.status !== undefined) expect(NTSTATUS).toHaveProperty(o.status);
      for (const f of o.fault ?? []) expect(FAULT_NAMES).toContain(f);
    }
  });

  it('check order is the POLICY.md order and synchronous-when-pending is exactly checks 1-6', () => {
    expect(CONTROL_CHECKS.map((c) => c.order)).toEqual(['1', '2', '3', '4', '5', '6', '6b', '7', '7b', '8', '9', '9', '10', '11', '12', '13']); // 7b: docs/POLICY-ADDITIONS.md
    for (const c of CONTROL_CHECKS) expect(c.synchronousWhenPending).toBe(['1', '2', '3', '4', '5', '6', '6b'].includes(c.order));
  });

  it('policy entries have unique ids and the three presets exist', () => {
    const ids = POLICY_ENTRIES.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(POLICY_PRESETS).sort()).toEqual(['lenient', 'strict', 'windows']);
  });

  it('every dispatch table begins with the basic dispatch functions', () => {
    for (const t of Object.values(DISPATCH_TABLES)) expect(t.functions.slice(0, 2)).toEqual(['WskControlSocket', 'WskCloseSocket']);
    expect(DISPATCH_TABLES.basic.functions).not.toContain('WskBind');
  });
});
