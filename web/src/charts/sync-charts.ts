import type {
  IChartApi,
  ISeriesApi,
  LogicalRange,
  MouseEventParams,
  SeriesType,
  Time,
} from 'lightweight-charts';

/** A chart and the series its crosshair follows. */
export interface SyncMember {
  readonly chart: IChartApi;
  readonly series: ISeriesApi<SeriesType>;
}

/**
 * Keeps charts whose series share bar times (same first bar, same step) on one time axis:
 * scrolling or zooming one scrolls the others to the same bar range (logical range), and the
 * crosshair of one is shown on the others at the same bar. Returns the unsubscribe.
 */
export function syncCharts(members: readonly SyncMember[]): () => void {
  let busy = false;
  const undo: (() => void)[] = [];
  for (const source of members) {
    const onRange = (range: LogicalRange | null): void => {
      if (busy || range === null) return;
      busy = true;
      try {
        for (const m of members) {
          if (m !== source) m.chart.timeScale().setVisibleLogicalRange(range);
        }
      } finally {
        busy = false;
      }
    };
    const onMove = (p: MouseEventParams): void => {
      if (busy) return;
      busy = true;
      try {
        for (const m of members) {
          if (m === source) continue;
          const row = (p.logical === undefined ? null : m.series.dataByIndex(p.logical)) as {
            time: Time;
            value?: number;
            close?: number;
          } | null;
          if (row === null || p.time === undefined) {
            m.chart.clearCrosshairPosition();
            continue;
          }
          const price = row.value ?? row.close ?? Number.NaN;
          if (Number.isFinite(price)) m.chart.setCrosshairPosition(price, row.time, m.series);
          else m.chart.clearCrosshairPosition();
        }
      } finally {
        busy = false;
      }
    };
    source.chart.timeScale().subscribeVisibleLogicalRangeChange(onRange);
    source.chart.subscribeCrosshairMove(onMove);
    undo.push(() => {
      source.chart.timeScale().unsubscribeVisibleLogicalRangeChange(onRange);
      source.chart.unsubscribeCrosshairMove(onMove);
    });
  }
  // Start aligned on the first chart's range.
  const first = members[0]?.chart.timeScale().getVisibleLogicalRange();
  if (first) for (const m of members.slice(1)) m.chart.timeScale().setVisibleLogicalRange(first);
  return () => {
    for (const u of undo) u();
  };
}
