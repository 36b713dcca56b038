// Line overlays in their panes: pane 0 holds the candles and the lines on the price scale, pane 1
// the oscillators (RSI 0–100) with their reference levels. lightweight-charts creates pane 1 with
// its first series and drops it with its last one.
import { type IChartApi, type ISeriesApi, LineSeries, LineStyle } from 'lightweight-charts';

/** Where a line overlay is drawn (see `LineOverlay`). */
export type LineOverlayPane = 'price' | 'oscillator';

/** A horizontal reference line in an overlay's pane. */
export interface LineOverlayLevel {
  readonly value: number;
  readonly label: string;
}

/** What `addOverlayLine` reads of an overlay. */
export interface PanedLine {
  readonly pane?: LineOverlayPane;
  readonly levels?: readonly LineOverlayLevel[];
  readonly range?: { readonly min: number; readonly max: number };
  readonly lineWidth?: 1 | 2 | 3;
}

/** The chart pane of the oscillators, below the candles. */
export const OSCILLATOR_PANE = 1;

/** The pane index of an overlay: 0 (with the candles) unless it is an oscillator. */
export const paneIndexOf = (o: PanedLine): number =>
  o.pane === 'oscillator' ? OSCILLATOR_PANE : 0;

/**
 * A line series for an overlay in its pane, with its levels as dashed price lines in
 * `levelColour` (removed with the series; see `colourLevels`) and its fixed range, when it has
 * one, as the autoscale.
 */
export function addOverlayLine(
  chart: IChartApi,
  o: PanedLine,
  colour: string,
  levelColour: string,
): ISeriesApi<'Line'> {
  const range = o.range;
  const line = chart.addSeries(
    LineSeries,
    {
      color: colour,
      lineWidth: o.lineWidth ?? 1,
      priceLineVisible: false,
      lastValueVisible: false,
      crosshairMarkerVisible: false,
      title: '',
      ...(range
        ? {
            autoscaleInfoProvider: () => ({
              priceRange: { minValue: range.min, maxValue: range.max },
            }),
          }
        : {}),
    },
    paneIndexOf(o),
  );
  for (const level of o.levels ?? [])
    line.createPriceLine({
      price: level.value,
      color: levelColour,
      lineWidth: 1,
      lineStyle: LineStyle.Dashed,
      axisLabelVisible: true,
      title: level.label,
    });
  return line;
}

/** Recolours the level lines of overlay series (when the theme changes). */
export function colourLevels(lines: readonly ISeriesApi<'Line'>[], colour: string): void {
  for (const line of lines)
    for (const level of line.priceLines()) level.applyOptions({ color: colour });
}

/**
 * Keeps `legend` at the top of pane `index` of the chart in `frame`: placed once the chart has
 * laid the pane out, and again whenever the candle pane above it changes size. Returns the stop.
 */
export function pinToPane(
  chart: IChartApi,
  index: number,
  frame: HTMLElement,
  legend: HTMLElement,
): () => void {
  let frameId = 0;
  let observer: ResizeObserver | null = null;
  const place = (): boolean => {
    const pane = chart.panes()[index]?.getHTMLElement();
    if (!pane) return false;
    const top = pane.getBoundingClientRect().top - frame.getBoundingClientRect().top;
    legend.style.top = `${Math.round(top) + 6}px`;
    legend.style.visibility = 'visible';
    return true;
  };
  const start = (): void => {
    if (!place()) {
      frameId = requestAnimationFrame(start);
      return;
    }
    const above = chart.panes()[0]?.getHTMLElement();
    if (above) {
      observer = new ResizeObserver(() => place());
      observer.observe(above);
    }
  };
  start();
  return () => {
    cancelAnimationFrame(frameId);
    observer?.disconnect();
  };
}
