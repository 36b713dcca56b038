import {
  type Candles,
  type Evaluated,
  type GeneticStop,
  type MetricName,
  metricDirection,
  type Ranking,
  type ReportConfig,
  type Summary,
  type WalkForwardResult,
  type WalkForwardSpec,
} from '../../../engine-core/src';

/** How the param sets were chosen. */
export type SearchDescription =
  | { readonly mode: 'grid'; readonly grid: readonly string[]; readonly combinations: number }
  | {
      readonly mode: 'random';
      readonly ranges: readonly string[];
      readonly samples: number;
      readonly seed: number;
    }
  | {
      readonly mode: 'genetic';
      readonly ranges: readonly string[];
      readonly seed: number;
      readonly population: number;
      readonly max_generations: number;
      readonly mutation_rate: number;
      readonly crossover_rate: number;
      readonly elite: number;
      readonly tournament: number;
      readonly early_stop: {
        readonly generations: number;
        readonly min_improvement: number;
      } | null;
      /** What the run did: generations run, distinct param sets backtested, why it stopped. */
      readonly generations: number;
      readonly evaluations: number;
      readonly space: number;
      readonly stop: GeneticStop;
    };

/** Everything an optimize run reports. */
export interface OptimizeOutcome {
  readonly metric: MetricName;
  readonly strategy: string;
  readonly candles: Candles;
  readonly config: ReportConfig;
  readonly search: SearchDescription;
  readonly minTrades: number;
  /** The ranking (with walk-forward: of the last window's in-sample search). */
  readonly ranking: Ranking;
  readonly walkForward?: { readonly spec: WalkForwardSpec; readonly result: WalkForwardResult };
}

const entry = (e: Evaluated) => ({ params: e.params, summary: e.summary });

/** The bars `[from, to)` as times: first and last open (ms) and the count. */
function span(c: Candles, from: number, to: number) {
  return {
    first_open_ms: c.time[from] as number,
    last_open_ms: c.time[to - 1] as number,
    bars: to - from,
  };
}

/**
 * The JSON of DESIGN §7, `{ "metric", …, "results": [{ "params", "summary" }] }` best first,
 * with what the run was (strategy, data, costs, search) between. Walk-forward adds its spec,
 * each window (in- and out-of-sample bars, chosen params, both summaries) and the stitched
 * out-of-sample summary; its `results` are the last window's in-sample ranking. No timings and
 * no worker count: the same inputs give the same bytes.
 */
export function optimizeJson(o: OptimizeOutcome): string {
  const c = o.candles;
  const wf = o.walkForward;
  const doc = {
    metric: o.metric,
    direction: metricDirection(o.metric),
    strategy: o.strategy,
    symbol: c.symbol,
    interval: c.interval,
    bars: c.length,
    config: o.config,
    search: o.search,
    min_trades: o.minTrades,
    excluded: o.ranking.excluded,
    failed: o.ranking.failed.map((f) => ({ params: f.params, error: f.failure })),
    ...(wf === undefined
      ? {}
      : {
          walk_forward: {
            in_sample_bars: wf.spec.inSample,
            out_of_sample_bars: wf.spec.outOfSample,
            step_bars: wf.spec.step,
          },
          windows: wf.result.windows.map((w) => ({
            index: w.window.index,
            in_sample: span(c, w.window.inSample.from, w.window.inSample.to),
            out_of_sample: span(c, w.window.outOfSample.from, w.window.outOfSample.to),
            params: w.best?.params ?? null,
            in_sample_summary: w.best?.summary ?? null,
            summary: w.outOfSample,
          })),
          out_of_sample: {
            bars: wf.result.stitched.result.equity.length,
            summary: wf.result.summary,
          },
        }),
    results: o.ranking.ranked.map(entry),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

const PERCENT = new Set<string>(['total_return', 'max_drawdown', 'cagr', 'win_rate', 'exposure']);

/** A metric value for a table cell. */
export function formatMetric(name: string, v: number | null): string {
  if (v === null || Number.isNaN(v)) return '—';
  if (PERCENT.has(name)) return `${(v * 100).toFixed(2)}%`;
  return Number.isInteger(v) ? String(v) : v.toFixed(4);
}

/** Right-aligned columns. */
function table(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) => r.map((x, i) => x.padStart(width[i] as number)).join('  ');
  return [line(head), ...rows.map(line)];
}

/** The top `top` runs as a table: rank, params, the metric and a few others. */
export function formatRanking(ranking: Ranking, metric: MetricName, top: number): string[] {
  const shown = ranking.ranked.slice(0, top);
  const first = shown[0];
  if (first === undefined) return ['  no run met the constraints'];
  const names = Object.keys(first.params);
  const metrics = [...new Set<keyof Summary>([metric, 'total_return', 'max_drawdown', 'trades'])];
  return table(
    ['#', ...names, ...metrics],
    shown.map((e, i) => [
      String(i + 1),
      ...names.map((n) => String(e.params[n])),
      ...metrics.map((m) => formatMetric(m, e.summary[m])),
    ]),
  ).map((l) => `  ${l}`);
}

const params = (p: Readonly<Record<string, unknown>>) =>
  Object.entries(p)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');

/** One line per walk-forward window, then the stitched out-of-sample summary. */
export function formatWalkForward(o: OptimizeOutcome): string[] {
  const wf = o.walkForward;
  if (wf === undefined) return [];
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
  const c = o.candles;
  const rows = wf.result.windows.map((w) => [
    String(w.window.index + 1),
    day(c.time[w.window.outOfSample.from] as number),
    w.best === null ? '(none: flat)' : params(w.best.params),
    formatMetric(o.metric, w.best?.summary[o.metric] ?? null),
    formatMetric(o.metric, w.outOfSample[o.metric]),
    formatMetric('total_return', w.outOfSample.total_return),
    String(w.outOfSample.trades),
  ]);
  const s = wf.result.summary;
  return [
    ...table(
      [
        'window',
        'out-of-sample from',
        'best in-sample',
        `IS ${o.metric}`,
        `OOS ${o.metric}`,
        'OOS return',
        'trades',
      ],
      rows,
    ).map((l) => `  ${l}`),
    `out-of-sample, stitched (${wf.result.stitched.result.equity.length} bars): ${o.metric} ${formatMetric(o.metric, s[o.metric])}, total_return ${formatMetric('total_return', s.total_return)}, max_drawdown ${formatMetric('max_drawdown', s.max_drawdown)}, trades ${s.trades}`,
  ];
}
