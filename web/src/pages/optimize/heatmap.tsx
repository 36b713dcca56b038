import { type MouseEvent, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { formatFixed } from '../../../../engine-core/src/analyzer';
import type { MetricName } from '../../../../engine-core/src/optimizer';
import { useTheme } from '../../app/theme-store';
import { type Heatmap as HeatmapData, metricOf, type RankedRow } from './results-model';

/** Viridis, worse → better: readable on both themes and for colour-blind eyes. */
const STOPS: readonly (readonly [number, number, number])[] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

/** The colour of `t` in [0, 1] (0 worst, 1 best). */
export function heatColor(t: number): string {
  const x = Math.min(1, Math.max(0, t)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const a = STOPS[i] as readonly [number, number, number];
  const b = STOPS[i + 1] as readonly [number, number, number];
  const c = (k: 0 | 1 | 2) => Math.round(a[k] + (b[k] - a[k]) * f);
  return `rgb(${c(0)} ${c(1)} ${c(2)})`;
}

const GRADIENT = `linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1].map(heatColor).join(', ')})`;
const LEFT = 56;
const BOTTOM = 30;
const TOP = 4;
const RIGHT = 4;

interface HeatmapProps {
  readonly heatmap: HeatmapData;
  readonly metric: MetricName;
  readonly direction: 'max' | 'min';
  readonly onPick: (row: RankedRow) => void;
}

const label = (v: number): string => String(Number(v.toPrecision(6)));

/**
 * A canvas heatmap of the objective over two params (x across, y up); each cell is its best run.
 * Hover shows the run, a click opens it.
 */
export function Heatmap({ heatmap: h, metric, direction, onPick }: HeatmapProps) {
  const wrap = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);
  const [hover, setHover] = useState<number | null>(null);
  const theme = useTheme((s) => s.theme);

  useLayoutEffect(() => {
    const el = wrap.current;
    if (el === null) return;
    setWidth(el.clientWidth);
    const ro = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      if (w !== undefined) setWidth(Math.floor(w));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const nx = h.xs.length;
  const ny = h.ys.length;
  const plotW = Math.max(0, width - LEFT - RIGHT);
  const cellW = nx > 0 ? plotW / nx : 0;
  const cellH = ny > 0 ? Math.max(3, Math.min(40, cellW, 320 / ny)) : 0;
  const plotH = cellH * ny;
  const height = TOP + plotH + BOTTOM;

  const tOf = (row: RankedRow | null): number | null => {
    const v = row === null ? null : metricOf(row, metric);
    if (v === null || h.min === null || h.max === null) return null;
    const t = h.max === h.min ? 1 : (v - h.min) / (h.max - h.min);
    return direction === 'max' ? t : 1 - t;
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: theme changes the CSS colours read here
  useEffect(() => {
    const c = canvas.current;
    if (c === null || width === 0) return;
    const dpr = window.devicePixelRatio || 1;
    c.width = Math.round(width * dpr);
    c.height = Math.round(height * dpr);
    const g = c.getContext('2d');
    if (g === null) return;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, width, height);
    const css = getComputedStyle(c);
    const muted = css.getPropertyValue('--muted').trim() || '#888';
    const empty = css.getPropertyValue('--surface-2').trim() || '#222';
    const hoverColor = css.getPropertyValue('--text').trim() || '#fff';
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        const t = tOf(h.cells[y * nx + x] ?? null);
        g.fillStyle = t === null ? empty : heatColor(t);
        // y grows upwards: the first value at the bottom.
        const top = TOP + (ny - 1 - y) * cellH;
        g.fillRect(
          LEFT + x * cellW,
          top,
          Math.max(1, cellW - (cellW > 6 ? 1 : 0)),
          Math.max(1, cellH - (cellH > 6 ? 1 : 0)),
        );
      }
    }
    if (hover !== null) {
      const x = hover % nx;
      const y = Math.floor(hover / nx);
      g.strokeStyle = hoverColor;
      g.lineWidth = 2;
      g.strokeRect(LEFT + x * cellW + 1, TOP + (ny - 1 - y) * cellH + 1, cellW - 2, cellH - 2);
    }
    g.fillStyle = muted;
    g.font = '11px system-ui, sans-serif';
    g.textBaseline = 'top';
    g.textAlign = 'center';
    const xEvery = Math.max(1, Math.ceil(nx / Math.max(1, Math.floor(plotW / 44))));
    for (let x = 0; x < nx; x += xEvery)
      g.fillText(label(h.xs[x] as number), LEFT + (x + 0.5) * cellW, TOP + plotH + 4);
    g.textAlign = 'right';
    g.textBaseline = 'middle';
    const yEvery = Math.max(1, Math.ceil(ny / Math.max(1, Math.floor(plotH / 16))));
    for (let y = 0; y < ny; y += yEvery)
      g.fillText(label(h.ys[y] as number), LEFT - 6, TOP + (ny - 1 - y + 0.5) * cellH);
    g.textAlign = 'center';
    g.textBaseline = 'bottom';
    g.fillText(h.xName, LEFT + plotW / 2, height - 1);
    g.save();
    g.translate(11, TOP + plotH / 2);
    g.rotate(-Math.PI / 2);
    g.textBaseline = 'middle';
    g.fillText(h.yName, 0, 0);
    g.restore();
  }, [h, width, height, hover, theme, metric, direction]);

  const cellAt = (e: MouseEvent<HTMLCanvasElement>): number | null => {
    const r = e.currentTarget.getBoundingClientRect();
    const x = Math.floor((e.clientX - r.left - LEFT) / cellW);
    const y = ny - 1 - Math.floor((e.clientY - r.top - TOP) / cellH);
    return x >= 0 && x < nx && y >= 0 && y < ny ? y * nx + x : null;
  };
  const hovered = hover === null ? null : (h.cells[hover] ?? null);
  const fmt = (v: number | null) => formatFixed(v, Math.abs(v ?? 0) >= 100 ? 1 : 3);

  return (
    <div className="heatmap">
      <div ref={wrap} className="heatmap-canvas-wrap">
        <canvas
          ref={canvas}
          style={{ width: `${width}px`, height: `${height}px` }}
          role="img"
          aria-label={`${metric} over ${h.xName} (${nx} values) and ${h.yName} (${ny} values)`}
          data-testid="heatmap"
          data-cells={nx * ny}
          onMouseMove={(e) => setHover(cellAt(e))}
          onMouseLeave={() => setHover(null)}
          onClick={(e) => {
            const k = cellAt(e);
            const row = k === null ? null : h.cells[k];
            if (row) onPick(row);
          }}
          className={hovered ? 'clickable' : undefined}
        />
      </div>
      <div className="heatmap-legend">
        <span>{fmt(direction === 'max' ? h.min : h.max)}</span>
        <span className="heatmap-gradient" style={{ background: GRADIENT }} />
        <span>{fmt(direction === 'max' ? h.max : h.min)}</span>
        <span className="heatmap-legend-note">{metric}, worse → better</span>
      </div>
      <p className="heatmap-hover" aria-live="polite">
        {hover === null
          ? 'Hover a cell to see its run; click to open it in Backtest.'
          : hovered === null
            ? `${h.xName}=${label(h.xs[hover % nx] as number)}, ${h.yName}=${label(h.ys[Math.floor(hover / nx)] as number)}: no ranked run`
            : `#${hovered.rank} ${Object.entries(hovered.params)
                .map(([k, v]) => `${k}=${String(v)}`)
                .join(' ')} → ${metric} ${fmt(metricOf(hovered, metric))}`}
      </p>
    </div>
  );
}
