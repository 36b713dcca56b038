import {
  AreaSeries,
  BaselineSeries,
  type IChartApi,
  type ISeriesApi,
  LineSeries,
  LineStyle,
  type MouseEventParams,
} from 'lightweight-charts';
import { useEffect, useMemo, useRef } from 'react';
import { formatFixed, formatTime } from '../../../engine-core/src/analyzer';
import { BarLod } from './bar-lod';
import { withAlpha } from './chart-theme';
import { bucketTimes, lastPoints, maxPoints, pointsCovering } from './decimate';
import type { LodPlan } from './lod-plan';
import { RangeExtremes } from './range-extremes';
import { fromChartTime, lineRows } from './series-data';
import { useChart } from './use-chart';
import './charts.css';

/** A comparison line for the equity pane (e.g. buy & hold): one value per bar of the curve. */
export interface EquityBenchmark {
  readonly label: string;
  readonly values: Float64Array;
}

/** An equity curve as columns, one value per bar. */
export interface EquityCurve {
  /** The bars' open times (ms). */
  readonly time: Float64Array;
  /** Equity at each bar's close. */
  readonly equity: Float64Array;
  /** Drawdown at each bar's close, a fraction ≥ 0 (DESIGN §5; the summary's max is its max). */
  readonly drawdown: Float64Array;
  /** A 'max' range index of `drawdown` (built on the first draw when absent). */
  readonly deepest?: RangeExtremes;
}

export interface EquityChartProps {
  readonly curve: EquityCurve | null;
  /** The level of detail, shared with the charts synced to this one (one made if absent). */
  readonly lod?: BarLod | null;
  readonly benchmark?: EquityBenchmark | null;
  readonly height?: number;
  /** Called with the chart and its equity series once created, and with nulls on unmount. */
  readonly onReady?: (chart: IChartApi | null, series: ISeriesApi<'Area'> | null) => void;
}

/**
 * Equity (with an optional benchmark) over a drawdown pane, on one time axis, at the level of
 * detail of a `BarLod`: where bars are grouped, a point shows the equity at the group's last
 * bar and the group's deepest drawdown, so no trough is lost.
 */
export function EquityChart({
  curve,
  lod: sharedLod = null,
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
  const ownLod = useMemo(
    () => (sharedLod === null && curve !== null ? new BarLod(curve.equity.length) : null),
    [sharedLod, curve],
  );
  useEffect(() => () => ownLod?.dispose(), [ownLod]);
  const lod = sharedLod ?? ownLod;

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

  useEffect(() => {
    if (chart === null || lod === null) return;
    return lod.attach(chart);
  }, [chart, lod]);

  // Through the chart's queue: equity, then drawdown, then the benchmark, one per task; then all
  // three in one task for each new plan.
  useEffect(() => {
    const s = seriesRef.current;
    if (chart === null || queue === null || s === null || lod === null) return;
    const el = containerRef.current;
    // The curve may stop before the bars (a run that ended at a failure): its points are the
    // buckets it reaches.
    const covered = (plan: LodPlan): number =>
      curve ? pointsCovering(plan, curve.equity.length) : 0;
    const equity = (plan: LodPlan): void => {
      s.equity.setData(
        curve
          ? lineRows(bucketTimes(curve.time, plan), lastPoints(curve.equity, plan), covered(plan))
          : [],
      );
    };
    let deepestIn: RangeExtremes | null = curve?.deepest ?? null;
    const drawdown = (plan: LodPlan): void => {
      if (curve === null) {
        s.drawdown.setData([]);
        return;
      }
      deepestIn ??= new RangeExtremes(curve.drawdown, 'max');
      const deepest = maxPoints(curve.drawdown, plan, deepestIn);
      for (let j = 0; j < deepest.length; j++) {
        const d = deepest[j] as number;
        deepest[j] = d === 0 ? 0 : -d * 100;
      }
      s.drawdown.setData(lineRows(bucketTimes(curve.time, plan), deepest, covered(plan)));
    };
    const drops = [
      queue.add(() => {
        equity(lod.plan);
        lod.place(chart);
      }),
      queue.add(() => {
        drawdown(lod.plan);
        if (el) {
          el.dataset.points = String(lod.plan.points);
          el.dataset.bars = String(curve?.equity.length ?? 0);
        }
      }),
    ];
    const unfollow = lod.follow((plan) => {
      equity(plan);
      drawdown(plan);
      if (el) el.dataset.points = String(plan.points);
    });
    return () => {
      for (const drop of drops) drop();
      unfollow();
    };
  }, [chart, queue, curve, lod, containerRef]);

  useEffect(() => {
    const s = seriesRef.current;
    if (queue === null || s === null || lod === null) return;
    const draw = (plan: LodPlan): void =>
      s.bench.setData(
        benchmark && curve
          ? lineRows(
              bucketTimes(curve.time, plan),
              lastPoints(benchmark.values, plan),
              pointsCovering(plan, Math.min(curve.equity.length, benchmark.values.length)),
            )
          : [],
      );
    const drop = queue.add(() => draw(lod.plan));
    const unfollow = lod.follow(draw);
    return () => {
      drop();
      unfollow();
    };
  }, [queue, benchmark, curve, lod]);

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
      const plan = lod?.plan;
      const j = p.logical === undefined ? -1 : Math.round(p.logical);
      const k = plan ? (plan.start[j + 1] ?? 0) - (plan.start[j] ?? 0) : 1;
      legend.textContent =
        `${formatTime(fromChartTime(p.time as number))}  equity ${formatFixed(e.value, 2)}  ` +
        (k > 1
          ? `deepest drawdown ${formatFixed(-dd, 2)}%  (${formatFixed(k, 0)} bars)`
          : `drawdown ${formatFixed(-dd, 2)}%`);
    };
    chart.subscribeCrosshairMove(onMove);
    return () => chart.unsubscribeCrosshairMove(onMove);
  }, [chart, lod]);

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
