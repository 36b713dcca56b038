import { createChart, type IChartApi } from 'lightweight-charts';
import { type RefObject, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTheme } from '../app/theme-store';
import { type ChartPalette, chartOptions, FALLBACK_PALETTE, readPalette } from './chart-theme';
import { SliceQueue } from './slice-queue';

/** A chart owned by a component: created on mount, removed on unmount, themed with the app. */
export interface OwnedChart {
  /** Put this on the element the chart fills. */
  readonly containerRef: RefObject<HTMLDivElement | null>;
  /** The chart once mounted (null before and after). */
  readonly chart: IChartApi | null;
  /** The theme's colours; changes when the theme does. */
  readonly palette: ChartPalette;
  /** Where to queue heavy work on this chart (`setData` of big series), one task per tick. */
  readonly queue: SliceQueue | null;
}

/**
 * Creates a lightweight-charts chart in a container, once, and follows the app theme (the
 * colours are read from the CSS variables a frame after the theme changes, once `data-theme`
 * is on <html>).
 */
export function useChart(): OwnedChart {
  const containerRef = useRef<HTMLDivElement | null>(null);
  const chartRef = useRef<IChartApi | null>(null);
  const [owned, setOwned] = useState<{ chart: IChartApi; queue: SliceQueue } | null>(null);
  const chart = owned?.chart ?? null;
  const [palette, setPalette] = useState<ChartPalette>(FALLBACK_PALETTE);
  const theme = useTheme((s) => s.theme);

  useLayoutEffect(() => {
    const el = containerRef.current;
    if (el === null) return;
    const c = createChart(el, chartOptions(readPalette()));
    chartRef.current = c;
    const queue = new SliceQueue();
    setOwned({ chart: c, queue });
    return () => {
      setOwned(null);
      queue.dispose();
    };
  }, []);

  // The chart goes after every user's cleanup. Users remove their series and unsubscribe in
  // passive cleanups, which React runs in one synchronous pass over the unmounted tree (after
  // the layout cleanups, and after this one, declared first): a microtask comes after them all.
  // (A timer could fire before that pass, when React defers it to a later task.)
  useEffect(
    () => () => {
      const c = chartRef.current;
      chartRef.current = null;
      if (c !== null) queueMicrotask(() => c.remove());
    },
    [],
  );

  useEffect(() => {
    if (chart === null) return;
    // `theme` is read so that the palette is re-read when it changes.
    void theme;
    const id = requestAnimationFrame(() => {
      const p = readPalette();
      chart.applyOptions(chartOptions(p));
      setPalette(p);
    });
    return () => cancelAnimationFrame(id);
  }, [chart, theme]);

  return { containerRef, chart, palette, queue: owned?.queue ?? null };
}
