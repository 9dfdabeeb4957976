/**
 * `npm run bench`: the performance suite (not part of the tests). Prints a table, or with --json the results with
 * the machine description. Options: --json, --only a,b,c,d,e,f, --quick (smaller sizes), --out FILE (also write JSON).
 */
import { writeFileSync } from 'node:fs';
import { benchBind, freshProcessMemory } from './bind';
import { benchChurn } from './churn';
import { benchControl, inlineBudget } from './control';
import { benchDrive } from './drive';
import { benchFuzz } from './fuzz';
import { benchReplay } from './replay';
import { join } from 'node:path';
import { canCollect, collect, machineInfo, rate, table } from './harness';

interface Args {
  json: boolean;
  quick: boolean;
  only: Set<string>;
  out: string | null;
}

function parseArgs(argv: readonly string[]): Args {
  const a: Args = { json: false, quick: false, only: new Set(['a', 'b', 'c', 'd', 'e', 'f']), out: null };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i]!;
    if (x === '--json') a.json = true;
    else if (x === '--quick') a.quick = true;
    else if (x === '--only') a.only = new Set((argv[++i] ?? '').split(',').map((s) => s.trim()).filter((s) => s !== ''));
    else if (x === '--out') a.out = argv[++i] ?? null;
    else if (x === '--help' || x === '-h') {
      process.stdout.write('usage: npm run bench -- [--json] [--quick] [--only a,b,c,d,e,f] [--out FILE]\n');
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
    const b = inlineBudget();
    results.inlineBudget = b;
    if ('skipped' in b) log(args, `inlining budget: not checked (${b.skipped})`);
    else {
      log(args, `inlining budget: bytecode ${Object.entries(b.sizes).map(([k, v]) => `${k} ${v}`).join(', ')}; worst case ${b.worstCase} of ${b.limit}: ${b.fits ? 'fits (the path is inlined into the caller\'s loop in any compile order)' : 'EXCEEDED (in some compile orders the loop calls the path)'}`);
    }
  }

  if (args.only.has('c')) {
    collect();
    const seconds = args.quick ? 3 : 10;
    const r = await benchFuzz(seconds, 1, args.quick ? 1 : 3);
    results.fuzz = r;
    if ('skipped' in r) log(args, `\n(c) fuzz: skipped: ${r.skipped}`);
    else {
      log(args, `\n(c) wsksim fuzz --seed ${r.seed} --time ${seconds}s: checked calls/s (invariants on)`);
      log(args, table(['workers', 'calls/s', `after ${r.warmupSeconds} s`, 'calls', 'cases', 'findings', 'CPU s', 'calls/CPU s', 'load'], r.points.map((x) => [
        String(x.workers), rate(x.callsPerSecond), rate(x.steadyCallsPerSecond), String(x.calls), String(x.cases), String(x.findings),
        x.cpuSeconds.toFixed(1), rate(x.callsPerCpuSecond), String(x.load),
      ])));
      // The goals are judged on the campaign's sustained rate (after the warm-up); the whole-run figures include each
      // isolate's fixed JIT cost, which a 1-worker run leaves to the idle second core (docs/PERFORMANCE.md, (c)).
      log(args, `after the ${r.warmupSeconds} s warm-up: 1 worker ${rate(r.points[0]!.steadyCallsPerSecond)} calls/s (goal >= 250 k), speed-up with 2 workers ${r.steadySpeedup.toFixed(2)}x (goal >= 1.8x)`);
      log(args, `over the whole ${seconds} s run (JIT warm-up included): 1 worker ${rate(r.points[0]!.callsPerSecond)} calls/s, speed-up ${r.speedup.toFixed(2)}x`);
      log(args, `calls per CPU second with 2 workers / with 1: ${r.cpuEfficiency.toFixed(2)} (1.00 = the workers lose nothing to each other; the wall-clock speed-up is then bounded by the CPU the machine spares)`);
    }
  }

  if (args.only.has('d')) {
    const dir = join(__dirname, '../../../vectors');
    const r = benchReplay(dir, args.quick ? 3 : 5, args.quick ? 300 : 1000);
    results.replay = r;
    log(args, `\n(d) vector replay: ${r.files} files, ${r.vectors} vectors, ${r.steps} steps parsed once in ${r.parseMs.toFixed(0)} ms, then replayed (median of ${r.rounds} rounds), load ${r.load}`);
    log(args, table(['corpus', 'steps/s', 'vectors/s'], [['vectors/*.json', rate(r.stepsPerSecond), rate(r.vectorsPerSecond)]]));
  }

  if (args.only.has('e')) {
    const r = await benchDrive(args.quick ? 1000 : 5000, args.quick ? 3 : 5);
    results.drive = r;
    if ('skipped' in r) log(args, `\n(e) wsksim drive: skipped: ${r.skipped}`);
    else {
      const t = r.roundTrip;
      log(args, `\n(e) wsksim drive, x64 program under Wine (c/bench/frame-bench.c), ${t.n} round trips of each kind in one session, ${t.frameBytes}-byte request frames, load ${r.load}`);
      log(args, table(['round trip', 'p50 µs', 'p99 µs'], [
        ['WskControlSocket Set SO_EXCLUSIVEADDRUSE', t.callP50.toFixed(1), t.callP99.toFixed(1)],
        ['bare ECHO of the same size', t.echoP50.toFixed(1), t.echoP99.toFixed(1)],
      ]));
      log(args, `call p50 / echo p50: ${r.ratio.toFixed(2)} (goal <= 1.5)`);
      log(args, `drive start to first call, warm prefix: median ${r.firstCallMedianMs.toFixed(0)} ms with no wineserver running, ${r.firstCallServerUpMedianMs.toFixed(0)} ms with the previous run's still up (${r.firstCall.map((x) => `${x.ms.toFixed(0)}${x.serverRunning ? ' up' : ''}`).join(', ')} ms)`);
    }
  }

  if (args.only.has('f')) {
    collect();
    const r = benchChurn(1000, args.quick ? 100 : 1000);
    results.churn = r;
    const kb = (x: number): string => `${(x / 1024).toFixed(0)} KiB`;
    log(args, `\n(f) socket churn: ${r.rounds} rounds of ${r.socketsPerRound} sockets created, bound and closed (${r.nsPerPair.toFixed(0)} ns per socket), memory after gc, load ${r.load}`);
    log(args, table(['after round', 'heap used', 'off-heap (ArrayBuffers)', 'RSS'], r.samples.map((x) => [String(x.round), kb(x.heapUsed), kb(x.arrayBuffers), kb(x.rss)])));
    const per = (x: number | null): string => (x === null ? 'n/a' : `${x.toFixed(2)} B`);
    log(args, `growth per created and closed socket: heap ${per(r.heapBytesPerPair)}, off-heap ${per(r.arrayBufferBytesPerPair)}, RSS ${per(r.rssBytesPerPair)} (goal: flat, policy socket-handle-reuse); socket slots held at the end: ${r.slots}`);
  }

  // (b) last: its million sockets leave the main thread's heap large, which would slow (c)'s single-worker run
  if (args.only.has('b')) {
    const sizes = args.quick ? [1000, 100000] : [1000, 100000, 1000000];
    for (const [order, connections] of [['sequential', false], ['scattered', false], ['sequential', true]] as const) {
      collect();
      const r = benchBind(sizes, 1000, args.quick ? 10 : 50, order, connections);
      const key = connections ? 'bindConnections' : order === 'sequential' ? 'bind' : 'bindScattered';
      results[key] = r;
      log(args, `\n(b) WskBind on top of N bound sockets, ${order} addresses${connections ? ', with connections' : ''} (median over rounds); ${r.note}`);
      log(args, table(['bound N', 'rounds', 'ns per added bind', 'cpu ns (all threads)', 'fill ns/socket', 'heap B/socket', 'off-heap B/socket', 'RSS B/socket', 'load'], r.points.map((x) => [
        String(x.bound), String(x.roundsNs.length), x.nsPerBind.toFixed(0), x.cpuNsPerBind.toFixed(0), x.fillNsPerSocket.toFixed(0),
        x.heapBytesPerSocket === null ? 'n/a' : x.heapBytesPerSocket.toFixed(0),
        x.arrayBufferBytesPerSocket === null ? 'n/a' : x.arrayBufferBytesPerSocket.toFixed(0), x.rssBytesPerSocket.toFixed(0), String(x.load),
      ])));
      const last = r.points[r.points.length - 1]!;
      const fresh = freshProcessMemory(last.bound, order, connections);
      results[connections ? 'bindMemoryConnections' : order === 'sequential' ? 'bindMemory' : 'bindMemoryScattered'] = fresh;
      log(args, 'skipped' in fresh ? `fresh-process memory: not measured (${fresh.skipped})` : `fresh process, ${fresh.sockets} sockets bound: ${fresh.heapBytesPerSocket.toFixed(0)} B heap + ${fresh.arrayBufferBytesPerSocket.toFixed(0)} B off-heap = ${(fresh.heapBytesPerSocket + fresh.arrayBufferBytesPerSocket).toFixed(0)} B per bound socket (goal <= 1024 B), RSS ${fresh.rssBytesPerSocket.toFixed(0)} B`);
      log(args, `per-bind time at ${last.bound} / at ${r.points[0]!.bound}: ${r.scaling.toFixed(2)} (cpu time: ${(last.cpuNsPerBind / r.points[0]!.cpuNsPerBind).toFixed(2)})${order === 'sequential' ? ' (goal <= 1.5)' : ' (no goal)'}; memory per bound socket at ${last.bound}: ${last.heapBytesPerSocket === null || last.arrayBufferBytesPerSocket === null ? 'n/a' : `${last.heapBytesPerSocket.toFixed(0)} B heap + ${last.arrayBufferBytesPerSocket.toFixed(0)} B off-heap = ${(last.heapBytesPerSocket + last.arrayBufferBytesPerSocket).toFixed(0)} B`} (goal <= 1024 B), RSS ${last.rssBytesPerSocket.toFixed(0)} B`);
    }
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
