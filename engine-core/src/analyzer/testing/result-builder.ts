import type { BacktestResult, Fill } from '../backtest-result';

/** What a test specifies of a result; the rest gets neutral defaults. */
export interface ResultSpec {
  readonly equity: readonly number[];
  readonly initialCash?: number;
  readonly barMs?: number;
  /** Bar open times; default `start + t × barMs`. */
  readonly time?: readonly number[];
  readonly start?: number;
  readonly open?: readonly number[];
  readonly close?: readonly number[];
  readonly positionQty?: readonly number[];
  readonly fills?: readonly Fill[];
  readonly strategy?: string;
}

/** Builds a `BacktestResult` around an equity curve, for analyzer tests. */
export function resultOf(spec: ResultSpec): BacktestResult {
  const n = spec.equity.length;
  const barMs = spec.barMs ?? 86_400_000;
  const start = spec.start ?? Date.UTC(2024, 0, 1);
  const time = Float64Array.from(
    spec.time ?? Array.from({ length: n }, (_, t) => start + t * barMs),
  );
  const close = Float64Array.from(spec.close ?? new Array<number>(n).fill(100));
  const open = Float64Array.from(spec.open ?? new Array<number>(n).fill(100));
  return {
    strategy: spec.strategy ?? 'test',
    params: { fast: 10, slow: 30 },
    symbol: 'BTCUSDT',
    interval: '1d',
    barMs,
    config: {
      initial_cash: spec.initialCash ?? 100,
      fee_bps: 10,
      maker_fee_bps: 10,
      slippage_bps: 0,
    },
    time,
    open,
    high: open.map((o, i) => Math.max(o, close[i])),
    low: open.map((o, i) => Math.min(o, close[i])),
    close,
    equity: Float64Array.from(spec.equity),
    positionQty: Float64Array.from(spec.positionQty ?? new Array<number>(n).fill(0)),
    fills: spec.fills ?? [],
  };
}
