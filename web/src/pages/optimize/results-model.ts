// What the Optimize page shows of a ranking, as pure functions: sorting, the heatmap grid, and
// the link that opens one run on the Backtest page.
import type { Evaluated, MetricName } from '../../../../engine-core/src/optimizer';
import type { ParamValues } from '../../../../engine-core/src/strategy';

/** A ranked run with its place in the ranking (1 = best). */
export interface RankedRow extends Evaluated {
  readonly rank: number;
}

/** A column to sort the results by: the rank, a param, or a metric. */
export type SortKey =
  | { readonly kind: 'rank' }
  | { readonly kind: 'param'; readonly name: string }
  | { readonly kind: 'metric'; readonly name: MetricName };

export interface Sort {
  readonly key: SortKey;
  readonly descending: boolean;
}

function sortValue(row: RankedRow, key: SortKey): number | null {
  switch (key.kind) {
    case 'rank':
      return row.rank;
    case 'param': {
      const v = row.params[key.name];
      return v === undefined ? null : Number(v);
    }
    case 'metric': {
      const v = row.summary[key.name];
      return v === null || Number.isNaN(v) ? null : v;
    }
  }
}

/** The rows in the sort's order; nulls last either way; ties keep the ranking order. */
export function sortRows(rows: readonly RankedRow[], sort: Sort): RankedRow[] {
  const sign = sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = sortValue(a, sort.key);
    const y = sortValue(b, sort.key);
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      return x < y ? -sign : sign;
    }
    return a.rank - b.rank;
  });
}

/** The heatmap of two params: the best metric per (x, y) cell over the other params. */
export interface Heatmap {
  readonly xName: string;
  readonly yName: string;
  /** Distinct values, ascending. */
  readonly xs: readonly number[];
  readonly ys: readonly number[];
  /** Row-major (`y * xs.length + x`): the best run of the cell, or null (none ranked there). */
  readonly cells: readonly (RankedRow | null)[];
  /** Range of the metric over the cells (null values left out); null when none has one. */
  readonly min: number | null;
  readonly max: number | null;
}

/** The metric of a run as a number, or null (null or NaN). */
export function metricOf(row: RankedRow, metric: MetricName): number | null {
  const v = row.summary[metric];
  return v === null || Number.isNaN(v) ? null : v;
}

/**
 * Builds the heatmap of `xName` × `yName` from ranked rows (best first): each cell holds its
 * best-ranked run, so with more params varied it shows the best over the others.
 */
export function buildHeatmap(
  rows: readonly RankedRow[],
  xName: string,
  yName: string,
  metric: MetricName,
): Heatmap {
  const distinct = (name: string): number[] =>
    [...new Set(rows.map((r) => Number(r.params[name])))]
      .filter((v) => !Number.isNaN(v))
      .sort((a, b) => a - b);
  const xs = distinct(xName);
  const ys = distinct(yName);
  const xi = new Map(xs.map((v, i) => [v, i]));
  const yi = new Map(ys.map((v, i) => [v, i]));
  const cells: (RankedRow | null)[] = new Array(xs.length * ys.length).fill(null);
  let min: number | null = null;
  let max: number | null = null;
  for (const r of rows) {
    const x = xi.get(Number(r.params[xName]));
    const y = yi.get(Number(r.params[yName]));
    if (x === undefined || y === undefined) continue;
    const k = y * xs.length + x;
    if (cells[k] !== null) continue; // rows come best first
    cells[k] = r;
    const v = metricOf(r, metric);
    if (v === null) continue;
    min = min === null ? v : Math.min(min, v);
    max = max === null ? v : Math.max(max, v);
  }
  return { xName, yName, xs, ys, cells, min, max };
}

/** Params that take more than one value among the rows, in the order of the first row. */
export function variedParams(rows: readonly { params: ParamValues }[]): string[] {
  const first = rows[0];
  if (first === undefined) return [];
  return Object.keys(first.params).filter((name) =>
    rows.some((r) => r.params[name] !== first.params[name]),
  );
}

/** Which strategy a link opens: a built-in by name or a saved one by id. */
export type StrategyLink =
  | { readonly kind: 'builtin'; readonly name: string }
  | { readonly kind: 'user'; readonly id: string };

/**
 * The Backtest page's URL for one run: `/backtest?dataset=ID&strategy=KEY&p.NAME=VALUE…` where
 * KEY is a built-in's name or `user:ID`. Costs that differ from the defaults are added as
 * `initialCash`, `feeBps`, `makerFeeBps`, `slippageBps`.
 */
export function backtestHref(
  datasetId: string,
  strategy: StrategyLink,
  params: ParamValues,
  costs: Readonly<Record<string, number>> = {},
): string {
  const q = new URLSearchParams();
  q.set('dataset', datasetId);
  q.set('strategy', strategy.kind === 'builtin' ? strategy.name : `user:${strategy.id}`);
  for (const [k, v] of Object.entries(params)) q.set(`p.${k}`, String(v));
  for (const [k, v] of Object.entries(costs)) q.set(k, String(v));
  return `/backtest?${q.toString()}`;
}
