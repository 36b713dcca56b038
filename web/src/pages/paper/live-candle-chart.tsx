import {
  type CandlestickData,
  CandlestickSeries,
  createSeriesMarkers,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import type { CandleBar } from '../../../../engine-core/src/market';
import { toChartTime } from '../../charts/series-data';
import { useChart } from '../../charts/use-chart';
import type { PaperView } from '../../paper/paper-api';
import { type DrawnCandles, planCandleSync } from './candle-sync';
import { fillMarkers } from './fill-markers';
import { instrumentOf, stepDecimals } from './instrument-format';
import type { ViewStore } from './view-slice';

export interface LiveCandleChartProps {
  /** Read directly (not through React state): the chart is updated in place, never re-rendered. */
  readonly store: ViewStore<PaperView>;
  readonly height: number;
}

/** Pixels per bar after a full redraw (about 90 bars on a 700 px chart; the rest a scroll away). */
const BAR_SPACING = 7;

const row = (b: CandleBar): CandlestickData<UTCTimestamp> => ({
  time: toChartTime(b.time),
  open: b.open,
  high: b.high,
  low: b.low,
  close: b.close,
});

/** A key per feed: another feed (or symbol, dataset, speed) redraws the whole series. */
const feedKey = (v: PaperView): string => (v.feed === null ? '' : JSON.stringify(v.feed));

/**
 * The feed's 1m candles with fill markers. It subscribes to the view store itself: the forming
 * bar goes in with `series.update` (plus the bar it just closed), the whole series with `setData`
 * only when the feed changes or time goes back. The container carries `data-bars`,
 * `data-last-time`, `data-last-close`, `data-updates` and `data-resets` for tests.
 */
export function LiveCandleChart({ store, height }: LiveCandleChartProps) {
  const { containerRef, chart, palette } = useChart();
  const seriesRef = useRef<ISeriesApi<'Candlestick'> | null>(null);
  const markersRef = useRef<ISeriesMarkersPluginApi<Time> | null>(null);
  const coloursRef = useRef({ up: palette.up, down: palette.down });
  coloursRef.current = { up: palette.up, down: palette.down };
  const repaintMarkers = useRef<() => void>(() => {});

  useEffect(() => {
    if (chart === null) return;
    const el = containerRef.current;
    chart.applyOptions({
      timeScale: { rightOffset: 4, barSpacing: BAR_SPACING, secondsVisible: false },
    });
    const s = chart.addSeries(CandlestickSeries, { borderVisible: false });
    s.priceScale().applyOptions({ scaleMargins: { top: 0.1, bottom: 0.08 } });
    const markers = createSeriesMarkers(s, []);
    seriesRef.current = s;
    markersRef.current = markers;
    let drawn: DrawnCandles | null = null;
    let fillsDrawn: PaperView['fills'] | null = null;
    let updates = 0;
    let resets = 0;

    const drawMarkers = (v: PaperView): void => {
      fillsDrawn = v.fills;
      const { up, down } = coloursRef.current;
      markers.setMarkers(
        fillMarkers(v.fills, v.candles).map(
          (m): SeriesMarker<Time> => ({
            time: toChartTime(m.time),
            position: m.side === 'BUY' ? 'belowBar' : 'aboveBar',
            shape: m.side === 'BUY' ? 'arrowUp' : 'arrowDown',
            color: m.side === 'BUY' ? up : down,
            text: `${m.side === 'BUY' ? 'B' : 'S'} ${m.qty}`,
          }),
        ),
      );
    };

    const push = (v: PaperView): void => {
      const key = feedKey(v);
      const c = v.candles;
      const plan = planCandleSync(drawn, key, c);
      if (plan.kind === 'reset') {
        const inst = v.feed ? instrumentOf(v.feed.symbol) : null;
        if (inst)
          s.applyOptions({
            priceFormat: {
              type: 'price',
              precision: stepDecimals(inst.tickSize),
              minMove: inst.tickSize,
            },
          });
        s.setData(c.map(row));
        // The newest bars at the usual spacing, however many there are.
        chart.timeScale().applyOptions({ barSpacing: BAR_SPACING });
        chart.timeScale().scrollToRealTime();
        resets++;
      } else if (plan.kind === 'update') {
        for (let i = plan.from; i < c.length; i++) s.update(row(c[i] as CandleBar));
        updates++;
      }
      const last = c[c.length - 1] ?? null;
      drawn = { key, last };
      // Markers follow the fills, and the bars after a redraw (they sit on bar times).
      if (plan.kind === 'reset' || !sameFillsTail(fillsDrawn, v.fills)) drawMarkers(v);
      if (el) {
        el.dataset.bars = String(c.length);
        el.dataset.lastTime = last ? String(last.time) : '';
        el.dataset.lastClose = last ? String(last.close) : '';
        el.dataset.updates = String(updates);
        el.dataset.resets = String(resets);
      }
    };
    repaintMarkers.current = () => drawMarkers(store.getState());

    push(store.getState());
    let lastView = store.getState();
    const unsubscribe = store.subscribe(() => {
      const v = store.getState();
      if (v === lastView) return;
      lastView = v;
      push(v);
    });
    return () => {
      unsubscribe();
      repaintMarkers.current = () => {};
      markersRef.current = null;
      seriesRef.current = null;
      markers.detach();
      chart.removeSeries(s);
    };
  }, [chart, store, containerRef]);

  // Theme: candle colours, and the markers again in the new colours.
  useEffect(() => {
    seriesRef.current?.applyOptions({
      upColor: palette.up,
      downColor: palette.down,
      wickUpColor: palette.up,
      wickDownColor: palette.down,
    });
    repaintMarkers.current();
  }, [palette]);

  return (
    <div className="chart-frame" style={{ height }}>
      <div
        ref={containerRef}
        className="chart-canvas"
        role="img"
        aria-label="Live candles with your fills"
        data-testid="live-candles"
      />
    </div>
  );
}

/** Fills unchanged: same array, or same length and the same newest fill. */
function sameFillsTail(a: PaperView['fills'] | null, b: PaperView['fills']): boolean {
  if (a === b) return true;
  if (a === null || a.length !== b.length) return false;
  const x = a[a.length - 1];
  const y = b[b.length - 1];
  return (
    x === y ||
    (x !== undefined &&
      y !== undefined &&
      x.ts === y.ts &&
      x.clientOrderId === y.clientOrderId &&
      x.qty === y.qty)
  );
}
