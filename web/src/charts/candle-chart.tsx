import {
  type CandlestickData,
  CandlestickSeries,
  createSeriesMarkers,
  type IChartApi,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  LineStyle,
  type LogicalRange,
  type MouseEventParams,
  type Time,
} from 'lightweight-charts';
import { type Ref, useEffect, useImperativeHandle, useMemo, useRef } from 'react';
import { formatAmount, formatFixed, formatTime } from '../../../engine-core/src/analyzer';
import type { FillColumns } from '../engine/result-columns';
import { BarLod } from './bar-lod';
import { bucketTimes, lastPoints, type OhlcExtremes, ohlcPoints } from './decimate';
import { fillMarkerRows } from './fill-points';
import { type LodPlan, logicalRangeToBars } from './lod-plan';
import {
  addOverlayLine,
  colourLevels,
  type LineOverlayLevel,
  type LineOverlayPane,
  OSCILLATOR_PANE,
  pinToPane,
} from './overlay-panes';
import { RangeExtremes } from './range-extremes';
import {
  candleRows,
  fromChartTime,
  lineRows,
  type OhlcColumns,
  paddedBarRange,
  priceFormatFor,
} from './series-data';
import { useChart } from './use-chart';
import './charts.css';

/**
 * A line drawn over the candles, or in the oscillator pane below them: one value per bar (NaN
 * where it has none).
 */
export interface LineOverlay {
  readonly id: string;
  readonly label: string;
  readonly values: Float64Array;
  /** A CSS colour; a palette colour is picked when absent. */
  readonly color?: string;
  readonly lineWidth?: 1 | 2 | 3;
  /** 'price' (over the candles) when absent; 'oscillator' lines share a pane below them. */
  readonly pane?: LineOverlayPane;
  /** Horizontal reference lines in the overlay's pane (dashed, with their labels). */
  readonly levels?: readonly LineOverlayLevel[];
  /** A fixed scale (RSI: 0–100) instead of fitting the visible values. */
  readonly range?: { readonly min: number; readonly max: number };
}

/** A trade to mark on the chart: its entry and exit prices as dashed lines. */
export interface ChartHighlight {
  readonly entryPrice: number;
  readonly exitPrice: number;
  /** Colours the exit line: up when the trade won. */
  readonly won: boolean;
}

/** What a parent can do with a candle chart. */
export interface CandleChartHandle {
  /** The chart (null before mount). */
  chart(): IChartApi | null;
  /** The candlestick series (null before mount). */
  series(): ISeriesApi<'Candlestick'> | null;
  /** Scrolls and zooms to show `fromMs`–`toMs` with some bars around it. */
  showTimeRange(fromMs: number, toMs: number): void;
  /** Shows every bar. */
  fit(): void;
}

export interface CandleChartProps {
  readonly candles: OhlcColumns | null;
  /**
   * The level of detail to draw with; share one with the charts synced to this one (same bars).
   * Without it the chart makes its own.
   */
  readonly lod?: BarLod | null;
  readonly overlays?: readonly LineOverlay[];
  /** The fills to mark (columns: see `FillColumns`). */
  readonly fills?: FillColumns | null;
  /** Range indexes of the highs and lows (built here on the first draw when absent). */
  readonly extremes?: OhlcExtremes | null;
  readonly height?: number;
  readonly label?: string;
  /** Entry and exit price lines of a selected trade. */
  readonly highlight?: ChartHighlight | null;
  readonly handleRef?: Ref<CandleChartHandle>;
  /** Called with the chart and series once created, and with nulls on unmount (for syncing). */
  readonly onReady?: (chart: IChartApi | null, series: ISeriesApi<'Candlestick'> | null) => void;
}

const OVERLAY_COLOURS = ['#f5b84a', '#7cc4ff', '#c792ea', '#ff8a65', '#9ccc65'];
const NO_OVERLAYS: readonly LineOverlay[] = [];
/** The oscillator pane's height, added to the chart's so that the candles keep theirs. */
const OSCILLATOR_HEIGHT = 140;

const colourOf = (o: LineOverlay, i: number): string =>
  o.color ?? (OVERLAY_COLOURS[i % OVERLAY_COLOURS.length] as string);
const isOscillator = (o: LineOverlay): boolean => o.pane === 'oscillator';

/** The bars of point `logical` under a plan (1 bar for bar). */
const barsAt = (plan: LodPlan, logical: number): number => {
  const j = Math.round(logical);
  const s = plan.start[j];
  const e = plan.start[j + 1];
  return s === undefined || e === undefined ? 1 : e - s;
};

/**
 * Candles with fill markers and line overlays, drawn at the level of detail of a `BarLod`: bar
 * for bar when zoomed in, bars grouped in exact OHLC buckets when zoomed out, so any number of
 * bars draws a few thousand points. The container carries `data-visible-from` /
 * `data-visible-to` (Unix ms of the first and last visible bar), `data-logical-from` /
 * `data-logical-to` (the visible bar-index range), `data-bars` (bars drawn), `data-points` and
 * `data-step` (chart points, bars per point in the detailed part), for tests and for anyone who
 * needs the range without the chart API. Oscillator overlays (RSI) go in a pane below the candles,
 * `OSCILLATOR_HEIGHT` px more, with their own legend; the container's `data-panes` counts panes.
 */
export function CandleChart({
  candles,
  lod: sharedLod = null,
  overlays = NO_OVERLAYS,
  fills = null,
  extremes: givenExtremes = null,
  height = 420,
  label = 'Price chart',
  highlight = null,
  handleRef,
  onReady,
}: CandleChartProps) {
  const { containerRef, chart, palette, queue } = useChart();
  const seriesRef = useRef<ISeriesApi<'Candlestick'> | null>(null);
  const markersRef = useRef<ISeriesMarkersPluginApi<Time> | null>(null);
  const legendRef = useRef<HTMLDivElement | null>(null);
  const stepRef = useRef<HTMLDivElement | null>(null);
  const frameRef = useRef<HTMLDivElement | null>(null);
  const oscLegendRef = useRef<HTMLDivElement | null>(null);
  const linesRef = useRef<readonly ISeriesApi<'Line'>[]>([]);
  const paletteRef = useRef(palette);
  paletteRef.current = palette;
  const onReadyRef = useRef(onReady);
  onReadyRef.current = onReady;
  const ownLod = useMemo(
    () => (sharedLod === null && candles !== null ? new BarLod(candles.length) : null),
    [sharedLod, candles],
  );
  useEffect(() => () => ownLod?.dispose(), [ownLod]);
  const lod = sharedLod ?? ownLod;

  useEffect(() => {
    if (chart === null) return;
    const s = chart.addSeries(CandlestickSeries, {
      borderVisible: false,
      priceLineVisible: false,
    });
    // Room at the top for the legend.
    s.priceScale().applyOptions({ scaleMargins: { top: 0.12, bottom: 0.06 } });
    seriesRef.current = s;
    markersRef.current = createSeriesMarkers(s, []);
    onReadyRef.current?.(chart, s);
    return () => {
      onReadyRef.current?.(null, null);
      markersRef.current?.detach();
      markersRef.current = null;
      seriesRef.current = null;
      chart.removeSeries(s);
    };
  }, [chart]);

  useEffect(() => {
    if (chart === null) return;
    seriesRef.current?.applyOptions({
      upColor: palette.up,
      downColor: palette.down,
      wickUpColor: palette.up,
      wickDownColor: palette.down,
    });
  }, [chart, palette]);

  useEffect(() => {
    if (chart === null || lod === null) return;
    return lod.attach(chart);
  }, [chart, lod]);

  // Data goes in through the chart's queue, one series per task, then again in one task for each
  // new plan (a few thousand points each). Rows are built for the call and not kept.
  useEffect(() => {
    const s = seriesRef.current;
    if (chart === null || queue === null || s === null || lod === null) return;
    const el = containerRef.current;
    // Given, or built on the first draw, once: each regrouping then costs per point, not per bar.
    let extremes: OhlcExtremes | null = givenExtremes;
    const draw = (plan: LodPlan): void => {
      if (candles && extremes === null)
        extremes = {
          high: new RangeExtremes(candles.high, 'max'),
          low: new RangeExtremes(candles.low, 'min'),
        };
      s.setData(candles && extremes ? candleRows(ohlcPoints(candles, plan, extremes)) : []);
      if (el) {
        el.dataset.points = String(plan.points);
        el.dataset.step = String(plan.fine.step);
      }
      const hint = stepRef.current;
      if (hint)
        hint.textContent =
          plan.fine.step > 1
            ? `1 candle = ${formatFixed(plan.fine.step, 0)} bars · zoom in for every bar`
            : '';
    };
    const drop = queue.add(() => {
      if (candles)
        s.applyOptions({ priceFormat: { type: 'price', ...priceFormatFor(candles.close) } });
      draw(lod.plan);
      lod.place(chart);
      if (el) el.dataset.bars = String(candles?.length ?? 0);
    });
    const unfollow = lod.follow(draw);
    return () => {
      drop();
      unfollow();
    };
  }, [chart, queue, candles, lod, givenExtremes, containerRef]);

  useEffect(() => {
    const m = markersRef.current;
    if (queue === null || m === null || lod === null) return;
    const colours = { buy: palette.up, sell: palette.down };
    const draw = (plan: LodPlan): void =>
      m.setMarkers(
        candles && fills
          ? fillMarkerRows(fills, plan, bucketTimes(candles.time, plan), colours)
          : [],
      );
    const drop = queue.add(() => draw(lod.plan));
    const unfollow = lod.follow(draw);
    return () => {
      drop();
      unfollow();
    };
  }, [queue, candles, fills, palette, lod]);

  useEffect(() => {
    if (chart === null || queue === null || candles === null || lod === null) return;
    const muted = paletteRef.current.muted;
    const lines = overlays.map((o, i) => addOverlayLine(chart, o, colourOf(o, i), muted));
    linesRef.current = lines;
    const el = containerRef.current;
    const panes = chart.panes();
    const oscPane = panes[OSCILLATOR_PANE];
    if (oscPane) {
      // The candles keep the height they have without the pane.
      panes[0]?.setStretchFactor(height);
      oscPane.setStretchFactor(OSCILLATOR_HEIGHT);
    }
    if (el) el.dataset.panes = String(panes.length);
    const frame = frameRef.current;
    const oscLegend = oscLegendRef.current;
    const unpin =
      oscPane && frame && oscLegend ? pinToPane(chart, OSCILLATOR_PANE, frame, oscLegend) : null;
    const drawLine = (i: number, plan: LodPlan): void => {
      const o = overlays[i] as LineOverlay;
      lines[i]?.setData(lineRows(bucketTimes(candles.time, plan), lastPoints(o.values, plan)));
    };
    const drops = lines.map((_, i) => queue.add(() => drawLine(i, lod.plan)));
    const unfollow = lod.follow((plan) => {
      for (let i = 0; i < lines.length; i++) drawLine(i, plan);
    });
    return () => {
      for (const drop of drops) drop();
      unfollow();
      unpin?.();
      linesRef.current = [];
      // The oscillator pane goes with its last series.
      for (const l of lines) chart.removeSeries(l);
      if (el) el.dataset.panes = String(chart.panes().length);
    };
  }, [chart, queue, candles, overlays, lod, height, containerRef]);

  useEffect(() => colourLevels(linesRef.current, palette.muted), [palette]);

  useEffect(() => {
    const s = seriesRef.current;
    if (chart === null || s === null || highlight === null) return;
    const lines = [
      s.createPriceLine({
        price: highlight.entryPrice,
        color: palette.focus,
        lineWidth: 1,
        lineStyle: LineStyle.Dashed,
        axisLabelVisible: true,
        title: 'Entry',
      }),
      s.createPriceLine({
        price: highlight.exitPrice,
        color: highlight.won ? palette.up : palette.down,
        lineWidth: 1,
        lineStyle: LineStyle.Dashed,
        axisLabelVisible: true,
        title: 'Exit',
      }),
    ];
    return () => {
      for (const l of lines) s.removePriceLine(l);
    };
  }, [chart, highlight, palette]);

  // The visible range (in bars) as data attributes, and an OHLC legend under the crosshair.
  useEffect(() => {
    const el = containerRef.current;
    if (chart === null || el === null || lod === null || candles === null) return;
    const n = candles.length;
    const onRange = (r: LogicalRange | null): void => {
      const plan = lod.plan;
      if (r === null || plan.points === 0) return;
      const first = Math.max(0, Math.ceil(r.from));
      const last = Math.min(plan.points - 1, Math.floor(r.to));
      if (first > last) return;
      el.dataset.visibleFrom = String(candles.time[plan.start[first] as number]);
      el.dataset.visibleTo = String(candles.time[Math.min(n, plan.start[last + 1] as number) - 1]);
      const shown = logicalRangeToBars(plan, r);
      el.dataset.logicalFrom = shown.from.toFixed(1);
      el.dataset.logicalTo = shown.to.toFixed(1);
    };
    const onMove = (p: MouseEventParams): void => {
      const legend = legendRef.current;
      const s = seriesRef.current;
      if (legend === null || s === null) return;
      const bar =
        p.time === undefined ? undefined : (p.seriesData.get(s) as CandlestickData | undefined);
      if (bar === undefined || bar.open === undefined) {
        legend.textContent = '';
        return;
      }
      const k = p.logical === undefined ? 1 : barsAt(lod.plan, p.logical);
      legend.textContent =
        `${formatTime(fromChartTime(p.time as number))}  O ${formatAmount(bar.open)}  ` +
        `H ${formatAmount(bar.high)}  L ${formatAmount(bar.low)}  C ${formatAmount(bar.close)}` +
        (k > 1 ? `  (${formatFixed(k, 0)} bars)` : '');
    };
    chart.timeScale().subscribeVisibleLogicalRangeChange(onRange);
    chart.subscribeCrosshairMove(onMove);
    return () => {
      chart.timeScale().unsubscribeVisibleLogicalRangeChange(onRange);
      chart.unsubscribeCrosshairMove(onMove);
    };
  }, [chart, containerRef, lod, candles]);

  useImperativeHandle(
    handleRef,
    (): CandleChartHandle => ({
      chart: () => chart,
      series: () => seriesRef.current,
      showTimeRange(fromMs, toMs) {
        if (lod === null || candles === null || candles.length === 0) return;
        lod.showBars(paddedBarRange(candles.time, fromMs, toMs));
      },
      fit() {
        lod?.showBars(null);
      },
    }),
    [chart, candles, lod],
  );

  const onPrice = overlays.filter((o) => !isOscillator(o));
  const oscillators = overlays.filter(isOscillator);
  const legendLine = (o: LineOverlay) => (
    <span key={o.id}>
      <i style={{ background: colourOf(o, overlays.indexOf(o)) }} />
      {o.label}
    </span>
  );
  return (
    <div
      ref={frameRef}
      className="chart-frame"
      style={{ height: height + (oscillators.length > 0 ? OSCILLATOR_HEIGHT : 0) }}
    >
      <div
        ref={containerRef}
        className="chart-canvas"
        role="img"
        aria-label={label}
        data-testid="candle-chart"
      />
      <div className="chart-legend" aria-hidden="true">
        <div ref={legendRef} className="chart-legend-ohlc" />
        <div ref={stepRef} className="chart-legend-step" data-testid="chart-step" />
        {onPrice.length > 0 && (
          <div className="chart-legend-lines" data-testid="overlay-legend">
            {onPrice.map(legendLine)}
          </div>
        )}
      </div>
      {oscillators.length > 0 && (
        <div
          ref={oscLegendRef}
          className="chart-legend chart-legend-pane"
          aria-hidden="true"
          data-testid="oscillator-legend"
        >
          <div className="chart-legend-lines">
            {oscillators.map(legendLine)}
            {oscillators.flatMap((o) =>
              (o.levels ?? []).map((l) => (
                <span key={`${o.id}-${l.label}`} className="chart-legend-level">
                  {l.label} {String(l.value)}
                </span>
              )),
            )}
          </div>
        </div>
      )}
    </div>
  );
}
