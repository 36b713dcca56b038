import { useEffect, useRef } from 'react';
import { formatAmount } from '../../../../engine-core/src/analyzer';
import { useTheme } from '../../app/theme-store';
import { readPalette, withAlpha } from '../../charts/chart-theme';
import type { PaperView } from '../../paper/paper-api';
import { type DepthCurve, depthAt, depthCurve, stepOutline } from './depth-geometry';
import { sameBook } from './paper-selectors';
import type { ViewStore } from './view-slice';

export interface DepthChartProps {
  /** Read directly: the canvas is redrawn in place, never re-rendered by React. */
  readonly store: ViewStore<PaperView>;
  readonly height: number;
  /** Prices as the instrument writes them. */
  readonly formatPrice: (x: number) => string;
}

const PAD = { left: 8, right: 8, top: 18, bottom: 18 };

/**
 * Cumulative bids (left) and asks (right) of the top 20 levels on a price axis centred on the mid.
 * A small canvas: lightweight-charts' only price-axis chart (`createOptionsChart`) spaces points
 * by index, not by price, which would hide the spread and the gaps between levels.
 * Hovering reads the total at a price. The canvas carries `data-levels` (bids/asks drawn).
 */
export function DepthChart({ store, height, formatPrice }: DepthChartProps) {
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const theme = useTheme((s) => s.theme);
  const formatRef = useRef(formatPrice);
  formatRef.current = formatPrice;
  const redraw = useRef<() => void>(() => {});

  useEffect(() => {
    const canvas = canvasRef.current;
    if (canvas === null) return;
    let palette = readPalette();
    let curve: DepthCurve | null = null;
    let book: PaperView['book'] | null = null;
    let hoverX: number | null = null;
    let frame = 0;

    const paint = (): void => {
      frame = 0;
      const dpr = window.devicePixelRatio || 1;
      const w = canvas.clientWidth;
      const h = canvas.clientHeight;
      if (w === 0 || h === 0) return;
      if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
        canvas.width = Math.round(w * dpr);
        canvas.height = Math.round(h * dpr);
      }
      const g = canvas.getContext('2d');
      if (g === null) return;
      g.setTransform(dpr, 0, 0, dpr, 0, 0);
      g.fillStyle = palette.background;
      g.fillRect(0, 0, w, h);
      canvas.dataset.levels = curve
        ? `${curve.bids.prices.length}/${curve.asks.prices.length}`
        : '0/0';
      if (curve === null) return;
      const c = curve;
      const iw = w - PAD.left - PAD.right;
      const ih = h - PAD.top - PAD.bottom;
      const x = (p: number): number => PAD.left + ((p - c.lo) / (c.hi - c.lo)) * iw;
      const y = (q: number): number => PAD.top + ih - (c.maxCum > 0 ? (q / c.maxCum) * ih : 0);
      const path = (pts: readonly [number, number][]): void => {
        g.beginPath();
        for (let i = 0; i < pts.length; i++) {
          const [p, q] = pts[i] as [number, number];
          if (i === 0) g.moveTo(x(p), y(q));
          else g.lineTo(x(p), y(q));
        }
      };
      const area = (pts: [number, number][], colour: string): void => {
        if (pts.length === 0) return;
        path(pts);
        g.closePath();
        g.fillStyle = withAlpha(colour, 0.22);
        g.fill();
        // The outline without the drop back to the zero line at the edge.
        path(pts.slice(0, -1));
        g.strokeStyle = colour;
        g.lineWidth = 1.5;
        g.stroke();
      };
      area(stepOutline(c.bids, c.lo), palette.up);
      area(stepOutline(c.asks, c.hi), palette.down);
      // The mid, and the axis labels.
      g.setLineDash([3, 3]);
      g.strokeStyle = palette.muted;
      g.lineWidth = 1;
      g.beginPath();
      g.moveTo(x(c.mid), PAD.top);
      g.lineTo(x(c.mid), PAD.top + ih);
      g.stroke();
      g.setLineDash([]);
      g.font = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
      g.fillStyle = palette.muted;
      g.textBaseline = 'bottom';
      const fmt = formatRef.current;
      g.textAlign = 'left';
      g.fillText(fmt(c.lo), PAD.left, h - 2);
      g.textAlign = 'center';
      g.fillText(fmt(c.mid), x(c.mid), h - 2);
      g.textAlign = 'right';
      g.fillText(fmt(c.hi), w - PAD.right, h - 2);
      g.textBaseline = 'top';
      g.textAlign = 'left';
      g.fillText(`max ${formatAmount(c.maxCum)}`, PAD.left, 2);
      if (hoverX !== null && hoverX >= PAD.left && hoverX <= w - PAD.right) {
        const price = c.lo + ((hoverX - PAD.left) / iw) * (c.hi - c.lo);
        const at = depthAt(c, price);
        g.strokeStyle = palette.text;
        g.beginPath();
        g.moveTo(hoverX, PAD.top);
        g.lineTo(hoverX, PAD.top + ih);
        g.stroke();
        const label =
          at.side === null
            ? `${fmt(price)} · in the spread`
            : `${fmt(price)} · ${at.side === 'bid' ? 'bids' : 'asks'} ${formatAmount(at.cum)}`;
        g.textAlign = hoverX > w / 2 ? 'right' : 'left';
        g.fillStyle = palette.text;
        g.fillText(label, hoverX + (hoverX > w / 2 ? -6 : 6), PAD.top + 4);
      }
    };
    const schedule = (): void => {
      if (frame === 0) frame = requestAnimationFrame(paint);
    };
    const take = (v: PaperView): void => {
      if (book !== null && sameBook(book, v.book)) return;
      book = v.book;
      curve = depthCurve(v.book.bids, v.book.asks);
      schedule();
    };
    redraw.current = () => {
      palette = readPalette();
      schedule();
    };

    take(store.getState());
    const unsubscribe = store.subscribe(() => take(store.getState()));
    const resize = new ResizeObserver(schedule);
    resize.observe(canvas);
    const onMove = (e: PointerEvent): void => {
      hoverX = e.clientX - canvas.getBoundingClientRect().left;
      schedule();
    };
    const onLeave = (): void => {
      hoverX = null;
      schedule();
    };
    canvas.addEventListener('pointermove', onMove);
    canvas.addEventListener('pointerleave', onLeave);
    return () => {
      unsubscribe();
      resize.disconnect();
      canvas.removeEventListener('pointermove', onMove);
      canvas.removeEventListener('pointerleave', onLeave);
      if (frame !== 0) cancelAnimationFrame(frame);
      redraw.current = () => {};
    };
  }, [store]);

  // The theme's colours are on <html> a frame after the switch.
  useEffect(() => {
    void theme;
    const id = requestAnimationFrame(() => redraw.current());
    return () => cancelAnimationFrame(id);
  }, [theme]);

  return (
    <canvas
      ref={canvasRef}
      className="pp-depth-canvas"
      style={{ height }}
      role="img"
      aria-label="Depth chart: cumulative bid and ask quantity of the top 20 levels around the mid"
      data-testid="depth-chart"
    />
  );
}
