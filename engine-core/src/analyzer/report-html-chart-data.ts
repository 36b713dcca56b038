import type { BacktestResult } from './backtest-result';
import { type FillAction, fillMarkers } from './fill-markers';
import { drawdownSeries } from './periods';

/** A chart marker: `[time_s, side, text]`. */
export type ChartMarker = readonly [number, 'BUY' | 'SELL', string];

/**
 * The data the report page's charts draw, compact (rows as arrays, times in Unix seconds as
 * lightweight-charts wants them).
 */
export interface ChartData {
  /** `[time_s, open, high, low, close]`. */
  readonly candles: readonly (readonly number[])[];
  /** `[time_s, equity]`. */
  readonly equity: readonly (readonly number[])[];
  /** `[time_s, E_0 × close_t / open_0]`: the same cash held in the asset. */
  readonly buyHold: readonly (readonly number[])[];
  /** `[time_s, −drawdown in %]` (0 at a peak, negative below). */
  readonly drawdown: readonly (readonly number[])[];
  readonly markers: readonly ChartMarker[];
}

const LABEL: Readonly<Record<FillAction, string>> = {
  open: 'Open',
  add: 'Add',
  reduce: 'Reduce',
  close: 'Exit',
  flip: 'Flip',
};

/** Marker text: `Long`/`Short` for an opening fill, else the action (`Exit`, `Add`, ...). */
function markerText(action: FillAction, after: -1 | 0 | 1): string {
  if (action === 'open' || action === 'flip') {
    const side = after > 0 ? 'Long' : 'Short';
    return action === 'open' ? side : `${LABEL.flip} ${side.toLowerCase()}`;
  }
  return LABEL[action];
}

/** Builds the chart payload of the HTML report from the bars, equity and fills. */
export function buildChartData(result: BacktestResult): ChartData {
  const { time, open, high, low, close, equity } = result;
  const n = time.length;
  const e0 = result.config.initial_cash;
  const dd = drawdownSeries(result);
  const candles: number[][] = new Array(n);
  const eq: number[][] = new Array(n);
  const bh: number[][] = new Array(n);
  const ddRows: number[][] = new Array(n);
  for (let t = 0; t < n; t++) {
    const s = time[t] / 1000;
    candles[t] = [s, open[t], high[t], low[t], close[t]];
    eq[t] = [s, equity[t]];
    bh[t] = [s, (e0 * close[t]) / open[0]];
    ddRows[t] = [s, dd[t] === 0 ? 0 : -dd[t] * 100];
  }
  const markers =
    n === 0
      ? []
      : fillMarkers(result).map(
          (m): ChartMarker => [time[m.bar] / 1000, m.side, markerText(m.action, m.after)],
        );
  return { candles, equity: eq, buyHold: bh, drawdown: ddRows, markers };
}
