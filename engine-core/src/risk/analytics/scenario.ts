import { type Candles, lowerBound } from '../../market';
import type { Asset } from '../../model';
import { assert } from '../../util';
import type { CrashWindow } from './crash-windows';

/** One asset's moves along a scenario, relative to its close at the start (step 0 = 0). */
export interface ScenarioPath {
  /** close_k / close_start − 1. */
  readonly close: Float64Array;
  /** The bar's low and high relative to the start close (step 0: 0). */
  readonly low: Float64Array;
  readonly high: Float64Array;
}

/** A path of price moves to replay against today's portfolio. */
export interface Scenario {
  readonly name: string;
  /** Close time of each step, Unix ms; step 0 is the start. */
  readonly times: Float64Array;
  readonly paths: ReadonlyMap<Asset, ScenarioPath>;
  /** Holdings in an asset without a path follow this asset's path. */
  readonly proxy: Asset;
}

/**
 * The scenario of a crash window: the steps are the bars of `proxy`'s candles from the window's
 * start to its trough; every other asset with candles covering the start takes its bars of the
 * same open time (a missing bar repeats the last close: a halted market does not move).
 */
export function scenarioFromWindow(
  w: CrashWindow,
  series: ReadonlyMap<Asset, Candles>,
  proxy: Asset,
): Scenario {
  const lead = series.get(proxy);
  assert(lead !== undefined, `no candles for the proxy ${proxy}`);
  const steps = w.end - w.start + 1;
  const times = new Float64Array(steps);
  for (let k = 0; k < steps; k++) times[k] = lead.time[w.start + k] + lead.intervalMs;
  const paths = new Map<Asset, ScenarioPath>();
  for (const [a, c] of series) {
    const t0 = lead.time[w.start];
    const i0 = lowerBound(c.time, t0);
    if (i0 >= c.length || c.time[i0] !== t0) continue;
    const base = c.close[i0];
    const close = new Float64Array(steps);
    const low = new Float64Array(steps);
    const high = new Float64Array(steps);
    let i = i0;
    for (let k = 1; k < steps; k++) {
      const t = lead.time[w.start + k];
      while (i + 1 < c.length && c.time[i + 1] <= t) i++;
      const same = c.time[i] === t;
      close[k] = c.close[i] / base - 1;
      low[k] = same ? c.low[i] / base - 1 : close[k];
      high[k] = same ? c.high[i] / base - 1 : close[k];
    }
    paths.set(a, { close, low, high });
  }
  return { name: w.name, times, paths, proxy };
}
