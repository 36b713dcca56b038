// `npm run bench -- exec` and `-- risk`: the issue 8 figures, timed here with the wall clock the
// pure engine-core functions are handed. Three runs each; the median is the figure.
import { measureMonteCarloVar } from '../../../engine-core/src';
import { measureSchedulingThroughput } from '../../../engine-core/src/exec/bench-scheduling';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;
const int = (x: number) => Math.round(x).toLocaleString('en-US');

export function printExecSection(): void {
  const runs = [0, 1, 2].map(() =>
    measureSchedulingThroughput({ parents: 1000, now: () => performance.now() }),
  );
  const r = runs[0] as (typeof runs)[number];
  console.log(
    `[exec] ${int(r.parents)} concurrent parent orders (TWAP, POV, iceberg) over ${int(r.seconds)} simulated seconds on a simulated venue, 3 runs`,
  );
  console.log(
    `  ${int(r.childOrders)} child orders through the engine, ${int(r.fills)} fills, ${int(r.engineEvents + r.execEvents)} events per run (same every run)`,
  );
  console.log(
    `  median ${int(median(runs.map((x) => x.childOrdersPerSec)))} child orders/s, ${int(median(runs.map((x) => x.eventsPerSec)))} events/s (${runs.map((x) => x.elapsedMs.toFixed(0)).join(', ')} ms)`,
  );
  console.log('  reproduce: npm run bench -- exec\n');
}

export function printRiskSection(): void {
  const runs = [0, 1, 2].map(() =>
    measureMonteCarloVar({ assets: 10, paths: 100_000, now: () => performance.now() }),
  );
  const r = runs[0] as (typeof runs)[number];
  console.log(
    '[risk] Monte Carlo VaR/ES 99 %, 100 000 correlated paths over a 10-asset portfolio (Cholesky, seeded), 3 runs',
  );
  console.log(
    `  median ${median(runs.map((x) => x.ms)).toFixed(1)} ms = ${int(median(runs.map((x) => x.pathsPerSec)))} paths/s   (VaR99 ${r.var99.toFixed(1)}, ES99 ${r.es99.toFixed(1)} on ±10 000 per asset)`,
  );
  console.log('  reproduce: npm run bench -- risk\n');
}
