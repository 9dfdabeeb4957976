/**
 * Worker-thread entry of `wsksim fuzz --workers K`: runs one WorkPlan of the compiled campaign code and posts
 * progress and its partial summary to the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runPlan, type PartialSummary, type WorkPlan } from './campaign';

/** Messages a worker posts. */
export type WorkerMessage =
  | { readonly type: 'progress'; readonly cases: number; readonly calls: number; readonly findings: number }
  | { readonly type: 'done'; readonly summary: PartialSummary };

if (parentPort !== null) {
  const port = parentPort;
  const plan = workerData as WorkPlan;
  const summary = runPlan(plan, [], (s) => {
    port.postMessage({ type: 'progress', cases: s.cases, calls: s.calls, findings: Object.keys(s.findings).length } satisfies WorkerMessage);
  });
  port.postMessage({ type: 'done', summary } satisfies WorkerMessage);
}
