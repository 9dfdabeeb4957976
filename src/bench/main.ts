/**
 * `npm run bench`: the performance suite (not part of the tests). Prints a table, or with --json the results with
 * the machine description. Options: --json, --only a,b,c,d, --quick (smaller sizes), --out FILE (also write JSON).
 */
import { writeFileSync } from 'node:fs';
import { benchControl } from './control';
import { canCollect, machineInfo, rate, table } from './harness';

interface Args {
  json: boolean;
  quick: boolean;
  only: Set<string>;
  out: string | null;
}

function parseArgs(argv: readonly string[]): Args {
  const a: Args = { json: false, quick: false, only: new Set(['a', 'b', 'c', 'd']), out: null };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i]!;
    if (x === '--json') a.json = true;
    else if (x === '--quick') a.quick = true;
    else if (x === '--only') a.only = new Set((argv[++i] ?? '').split(',').map((s) => s.trim()).filter((s) => s !== ''));
    else if (x === '--out') a.out = argv[++i] ?? null;
    else if (x === '--help' || x === '-h') {
      process.stdout.write('usage: npm run bench -- [--json] [--quick] [--only a,b,c,d] [--out FILE]\n');
      process.exit(0);
    } else {
      process.stderr.write(`bench: unknown argument ${x} (try --help)\n`);
      process.exit(2);
    }
  }
  return a;
}

function log(args: Args, text: string): void {
  if (!args.json) process.stdout.write(`${text}\n`);
  else process.stderr.write(`${text}\n`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const machine = machineInfo();
  const results: Record<string, unknown> = {};
  log(args, `wsksim bench: Node ${machine.node}, ${machine.cpuModel} x ${machine.cores}, load ${machine.loadAverage.join(' ')}${canCollect() ? '' : ' (no --expose-gc: heap figures unavailable)'}`);

  if (args.only.has('a')) {
    const n = args.quick ? 1 << 18 : 1 << 21;
    const rounds = args.quick ? 3 : 7;
    const r = benchControl(n, rounds);
    results.control = r;
    log(args, `\n(a) WskControlSocket SO_EXCLUSIVEADDRUSE, x64, IRP, inline completion: median of ${rounds} interleaved rounds of ${n} calls, load ${r.load}`);
    log(args, table(['case', 'sim calls/s', 'baseline calls/s', 'ratio sim/baseline', 'goal'], [
      ['Set', rate(r.set.sim), rate(r.set.baseline), r.set.ratio.toFixed(3), '>= 0.33'],
      ['Get', rate(r.get.sim), rate(r.get.baseline), r.get.ratio.toFixed(3), '>= 0.33'],
    ]));
  }

  const doc = { tool: 'wsksim bench', date: new Date().toISOString(), machine, results };
  const json = JSON.stringify(doc, null, 2);
  if (args.json) process.stdout.write(`${json}\n`);
  if (args.out !== null) writeFileSync(args.out, `${json}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
