import {
  AreaSeries,
  BaselineSeries,
  type IChartApi,
  type ISeriesApi,
  LineSeries,
  LineStyle,
  type MouseEventParams,
} from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import { formatFixed, formatTime } from '../../../engine-core/src/analyzer';
import { withAlpha } from './chart-theme';
import { type EquityCurve, equityRows, fromChartTime, lineRows } from './series-data';
import { useChart } from './use-chart';
import './charts.css';

/** A comparison line for the equity pane (e.g. buy & hold): values per bar at `time` (ms). */
export interface EquityBenchmark {
  readonly label: string;
  readonly time: Float64Array;
  readonly values: Float64Array;
}

export interface EquityChartProps {
  /** Equity at each bar's close, with the bars' open times. */
  readonly equity: EquityCurve | null;
  /** E_0: the drawdown's first peak. */
  readonly initialCash: number;
  readonly benchmark?: EquityBenchmark | null;
  readonly height?: number;
  /** Called with the chart and its equity series once created, and with nulls on unmount. */
  readonly onReady?: (chart: IChartApi | null, series: ISeriesApi<'Area'> | null) => void;
}

/** Equity (with an optional benchmark) over a drawdown pane, on one time axis. */
export function EquityChart({
  equity,
  initialCash,
  benchmark = null,
  height = 300,
  onReady,
}: EquityChartProps) {
  const { containerRef, chart, palette, queue } = useChart();
  const seriesRef = useRef<{
    equity: ISeriesApi<'Area'>;
    bench: ISeriesApi<'Line'>;
    drawdown: ISeriesApi<'Baseline'>;
  } | null>(null);
  const legendRef = useRef<HTMLDivElement | null>(null);
  const onReadyRef = useRef(onReady);
  onReadyRef.current = onReady;

  useEffect(() => {
    if (chart === null) return;
    const eq = chart.addSeries(AreaSeries, { lineWidth: 2, priceLineVisible: false, title: '' });
    const bench = chart.addSeries(LineSeries, {
      lineWidth: 1,
      lineStyle: LineStyle.Dashed,
      priceLineVisible: false,
      lastValueVisible: false,
      crosshairMarkerVisible: false,
    });
    const dd = chart.addSeries(
      BaselineSeries,
      {
        baseValue: { type: 'price', price: 0 },
        lineWidth: 1,
        priceFormat: { type: 'percent' },
        priceLineVisible: false,
        topFillColor1: 'rgba(0,0,0,0)',
        topFillColor2: 'rgba(0,0,0,0)',
      },
      1,
    );
    eq.priceScale().applyOptions({ scaleMargins: { top: 0.18, bottom: 0.04 } });
    dd.priceScale().applyOptions({ scaleMargins: { top: 0.08, bottom: 0.04 } });
    chart.panes()[0]?.setStretchFactor(2);
    chart.panes()[1]?.setStretchFactor(1);
    seriesRef.current = { equity: eq, bench, drawdown: dd };
    onReadyRef.current?.(chart, eq);
    return () => {
      onReadyRef.current?.(null, null);
      seriesRef.current = null;
      chart.removeSeries(dd);
      chart.removeSeries(bench);
      chart.removeSeries(eq);
    };
  }, [chart]);

  useEffect(() => {
    const s = seriesRef.current;
    if (chart === null || s === null) return;
    s.equity.applyOptions({
      lineColor: palette.accent,
      topColor: withAlpha(palette.accent, 0.3),
      bottomColor: withAlpha(palette.accent, 0.02),
    });
    s.bench.applyOptions({ color: palette.muted });
    s.drawdown.applyOptions({
      topLineColor: palette.down,
      bottomLineColor: palette.down,
      bottomFillColor1: withAlpha(palette.down, 0.15),
      bottomFillColor2: withAlpha(palette.down, 0.5),
    });
  }, [chart, palette]);

  // Through the chart's queue: equity, then drawdown, then the benchmark, one per task.
  useEffect(() => {
    const s = seriesRef.current;
    if (chart === null || queue === null || s === null) return;
    let rows: ReturnType<typeof equityRows> | null = null;
    const drops = [
      queue.add(() => {
        rows = equity ? equityRows(equity, initialCash) : null;
        s.equity.setData(rows?.equity ?? []);
        chart.timeScale().fitContent();
      }),
      queue.add(() => {
        s.drawdown.setData(rows?.drawdown ?? []);
        rows = null;
        const el = containerRef.current;
        if (el) el.dataset.bars = String(equity?.value.length ?? 0);
      }),
    ];
    return () => {
      for (const drop of drops) drop();
    };
  }, [chart, queue, equity, initialCash, containerRef]);

  useEffect(() => {
    const s = seriesRef.current;
    if (queue === null || s === null) return;
    return queue.add(() =>
      s.bench.setData(benchmark ? lineRows(benchmark.time, benchmark.values) : []),
    );
  }, [queue, benchmark]);

  useEffect(() => {
    if (chart === null) return;
    const onMove = (p: MouseEventParams): void => {
      const legend = legendRef.current;
      const s = seriesRef.current;
      if (legend === null || s === null) return;
      const e = p.seriesData.get(s.equity) as { value?: number } | undefined;
      const d = p.seriesData.get(s.drawdown) as { value?: number } | undefined;
      if (p.time === undefined || e?.value === undefined) {
        legend.textContent = '';
        return;
      }
      const dd = d?.value ?? 0;
      legend.textContent = `${formatTime(fromChartTime(p.time as number))}  equity ${formatFixed(
        e.value,
        2,
      )}  drawdown ${formatFixed(-dd, 2)}%`;
    };
    chart.subscribeCrosshairMove(onMove);
    return () => chart.unsubscribeCrosshairMove(onMove);
  }, [chart]);

  return (
    <div className="chart-frame" style={{ height }}>
      <div
        ref={containerRef}
        className="chart-canvas"
        role="img"
        aria-label="Equity and drawdown chart"
        data-testid="equity-chart"
      />
      <div className="chart-legend" aria-hidden="true">
        <div ref={legendRef} className="chart-legend-ohlc" />
        <div className="chart-legend-lines">
          <span>
            <i style={{ background: palette.accent }} />
            Equity
          </span>
          {benchmark && (
            <span>
              <i style={{ background: palette.muted }} />
              {benchmark.label}
            </span>
          )}
          <span>
            <i style={{ background: palette.down }} />
            Drawdown (lower pane)
          </span>
        </div>
      </div>
    </div>
  );
}
