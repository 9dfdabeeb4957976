/**
 * Shared helpers of `npm run bench`: wall-clock timing, medians, the machine description and a plain-text table.
 */
import { cpus, loadavg } from 'node:os';

/** Nanoseconds elapsed since `t0` (a process.hrtime.bigint() reading). */
export function since(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0);
}

/** Median of a non-empty list of numbers. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Run the collector when node was started with --expose-gc (npm run bench does so); otherwise do nothing. */
export function collect(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g !== undefined) { g(); g(); }
}

/** Whether heap figures are meaningful (node --expose-gc). */
export function canCollect(): boolean {
  return typeof (globalThis as { gc?: unknown }).gc === 'function';
}

/** The 1-minute load average, rounded (the machine may be shared; reported with every measurement). */
export function load1(): number {
  return Math.round(loadavg()[0]! * 100) / 100;
}

/** The machine a run was made on. */
export interface MachineInfo {
  readonly node: string;
  readonly v8: string;
  readonly cpuModel: string;
  readonly cores: number;
  readonly platform: string;
  readonly loadAverage: readonly number[];
}

/** Describe this machine and Node. */
export function machineInfo(): MachineInfo {
  const c = cpus();
  return {
    node: process.version,
    v8: process.versions.v8,
    cpuModel: c[0]?.model ?? 'unknown',
    cores: c.length,
    platform: `${process.platform}-${process.arch}`,
    loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

/** Format a rate (per second) with an SI suffix. */
export function rate(x: number): string {
  if (x >= 1e6) return `${(x / 1e6).toFixed(2)} M`;
  if (x >= 1e3) return `${(x / 1e3).toFixed(1)} k`;
  return x.toFixed(0);
}

/** Render rows as an aligned plain-text table. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const width = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]): string => r.map((c, i) => (i === 0 ? c.padEnd(width[i]!) : c.padStart(width[i]!))).join('  ');
  return [line(header), width.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
