import {
  type CandlestickData,
  CandlestickSeries,
  createSeriesMarkers,
  type IChartApi,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  LineSeries,
  LineStyle,
  type LogicalRange,
  type MouseEventParams,
  type Time,
} from 'lightweight-charts';
import { type Ref, useEffect, useImperativeHandle, useRef } from 'react';
import type { FillMarker } from '../../../engine-core/src/analyzer';
import { formatAmount, formatTime } from '../../../engine-core/src/analyzer';
import {
  candleRows,
  fillSeriesMarkers,
  fromChartTime,
  lineRows,
  type OhlcColumns,
  paddedBarRange,
  priceFormatFor,
} from './series-data';
import { useChart } from './use-chart';
import './charts.css';

/** A line drawn over the candles: one value per bar (NaN where it has none). */
export interface LineOverlay {
  readonly id: string;
  readonly label: string;
  readonly values: Float64Array;
  /** A CSS colour; a palette colour is picked when absent. */
  readonly color?: string;
  readonly lineWidth?: 1 | 2 | 3;
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
  readonly overlays?: readonly LineOverlay[];
  readonly markers?: readonly FillMarker[];
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
const NO_MARKERS: readonly FillMarker[] = [];

/**
 * Candles with fill markers and line overlays. The container carries `data-visible-from` /
 * `data-visible-to` (Unix ms of the first and last visible bar), `data-logical-from` /
 * `data-logical-to` (the visible bar-index range) and `data-bars`, for tests and for anyone who
 * needs the range without the chart API.
 */
export function CandleChart({
  candles,
  overlays = NO_OVERLAYS,
  markers = NO_MARKERS,
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
  const onReadyRef = useRef(onReady);
  onReadyRef.current = onReady;

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

  // Data goes in through the chart's queue, one series per task; the row arrays are built in the
  // task and not kept (the chart keeps its own copy).
  useEffect(() => {
    const s = seriesRef.current;
    if (chart === null || queue === null || s === null) return;
    return queue.add(() => {
      if (candles)
        s.applyOptions({ priceFormat: { type: 'price', ...priceFormatFor(candles.close) } });
      s.setData(candles ? candleRows(candles) : []);
      chart.timeScale().fitContent();
      const el = containerRef.current;
      if (el) el.dataset.bars = String(candles?.length ?? 0);
    });
  }, [chart, queue, candles, containerRef]);

  useEffect(() => {
    const m = markersRef.current;
    if (queue === null || m === null) return;
    return queue.add(() =>
      m.setMarkers(
        candles
          ? fillSeriesMarkers(markers, candles.time, { buy: palette.up, sell: palette.down })
          : [],
      ),
    );
  }, [queue, candles, markers, palette]);

  useEffect(() => {
    if (chart === null || queue === null || candles === null) return;
    const added: ISeriesApi<'Line'>[] = [];
    const drops = overlays.map((o, i) =>
      queue.add(() => {
        const line = chart.addSeries(LineSeries, {
          color: o.color ?? OVERLAY_COLOURS[i % OVERLAY_COLOURS.length],
          lineWidth: o.lineWidth ?? 1,
          priceLineVisible: false,
          lastValueVisible: false,
          crosshairMarkerVisible: false,
          title: '',
        });
        added.push(line);
        line.setData(lineRows(candles.time, o.values, Math.min(candles.length, o.values.length)));
      }),
    );
    return () => {
      for (const drop of drops) drop();
      for (const l of added) chart.removeSeries(l);
    };
  }, [chart, queue, candles, overlays]);

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

  // The visible range as data attributes, and an OHLC legend under the crosshair.
  useEffect(() => {
    const el = containerRef.current;
    if (chart === null || el === null) return;
    const onRange = (r: LogicalRange | null): void => {
      const vr = chart.timeScale().getVisibleRange();
      if (r === null || vr === null) return;
      el.dataset.visibleFrom = String(fromChartTime(vr.from as number));
      el.dataset.visibleTo = String(fromChartTime(vr.to as number));
      el.dataset.logicalFrom = r.from.toFixed(1);
      el.dataset.logicalTo = r.to.toFixed(1);
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
      legend.textContent =
        `${formatTime(fromChartTime(p.time as number))}  O ${formatAmount(bar.open)}  ` +
        `H ${formatAmount(bar.high)}  L ${formatAmount(bar.low)}  C ${formatAmount(bar.close)}`;
    };
    chart.timeScale().subscribeVisibleLogicalRangeChange(onRange);
    chart.subscribeCrosshairMove(onMove);
    return () => {
      chart.timeScale().unsubscribeVisibleLogicalRangeChange(onRange);
      chart.unsubscribeCrosshairMove(onMove);
    };
  }, [chart, containerRef]);

  useImperativeHandle(
    handleRef,
    (): CandleChartHandle => ({
      chart: () => chart,
      series: () => seriesRef.current,
      showTimeRange(fromMs, toMs) {
        if (chart === null || candles === null || candles.length === 0) return;
        chart.timeScale().setVisibleLogicalRange(paddedBarRange(candles.time, fromMs, toMs));
      },
      fit() {
        chart?.timeScale().fitContent();
      },
    }),
    [chart, candles],
  );

  return (
    <div className="chart-frame" style={{ height }}>
      <div
        ref={containerRef}
        className="chart-canvas"
        role="img"
        aria-label={label}
        data-testid="candle-chart"
      />
      <div className="chart-legend" aria-hidden="true">
        <div ref={legendRef} className="chart-legend-ohlc" />
        {overlays.length > 0 && (
          <div className="chart-legend-lines">
            {overlays.map((o, i) => (
              <span key={o.id}>
                <i
                  style={{
                    background: o.color ?? OVERLAY_COLOURS[i % OVERLAY_COLOURS.length],
                  }}
                />
                {o.label}
              </span>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
