import {
  ColorType,
  type DeepPartial,
  TickMarkType,
  type Time,
  type TimeChartOptions,
} from 'lightweight-charts';

/** The colours a chart takes from the app theme (the CSS variables of styles.css). */
export interface ChartPalette {
  readonly background: string;
  readonly text: string;
  readonly muted: string;
  readonly grid: string;
  readonly border: string;
  readonly up: string;
  readonly down: string;
  readonly accent: string;
  readonly warn: string;
  readonly focus: string;
}

/** The dark theme's values, used when the CSS variables cannot be read (tests, SSR). */
export const FALLBACK_PALETTE: ChartPalette = {
  background: '#121a24',
  text: '#e6edf3',
  muted: '#8b9bb0',
  grid: '#18222e',
  border: '#223040',
  up: '#26a69a',
  down: '#ef5350',
  accent: '#35d0a0',
  warn: '#f5b84a',
  focus: '#7cc4ff',
};

/** Reads the palette from the CSS variables on <html> (so it follows `data-theme`). */
export function readPalette(): ChartPalette {
  if (typeof document === 'undefined') return FALLBACK_PALETTE;
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string): string =>
    css.getPropertyValue(name).trim() || fallback;
  const f = FALLBACK_PALETTE;
  return {
    background: v('--surface', f.background),
    text: v('--text', f.text),
    muted: v('--muted', f.muted),
    grid: v('--surface-2', f.grid),
    border: v('--border', f.border),
    up: v('--up', f.up),
    down: v('--down', f.down),
    accent: v('--accent', f.accent),
    warn: v('--warn', f.warn),
    focus: v('--focus', f.focus),
  };
}

/** The width every chart reserves for its right price scale, so stacked charts line up. */
export const PRICE_SCALE_WIDTH = 84;

/**
 * Zoomed out, a bar takes at least this many pixels: a year of hourly bars fits on ~900 px, while
 * 500 000 one-minute bars show at most ~20 000 at a time (a frame paints only the visible bars, so
 * this bounds its cost).
 */
export const MIN_BAR_SPACING = 0.05;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * Time-axis labels in UTC (`2024`, `Mar`, `14`, `09:30`, `09:30:15`): what the library's default
 * shows in English, without its `toLocaleString` per label (a few hundred of them cost a frame
 * ~30 ms).
 */
export function utcTickMark(time: Time, type: TickMarkType): string {
  const d = dateOf(time);
  switch (type) {
    case TickMarkType.Year:
      return String(d.getUTCFullYear());
    case TickMarkType.Month:
      return MONTHS[d.getUTCMonth()] as string;
    case TickMarkType.DayOfMonth:
      return String(d.getUTCDate());
    case TickMarkType.Time:
      return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
    default:
      return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  }
}

/** A chart time as a `Date` (UTC). */
function dateOf(time: Time): Date {
  return typeof time === 'number'
    ? new Date(time * 1000)
    : typeof time === 'string'
      ? new Date(`${time}T00:00:00Z`)
      : new Date(Date.UTC(time.year, time.month - 1, time.day));
}

/**
 * The crosshair's time label, `24 Apr '24   13:05` in UTC: the library's default look, without
 * its Intl month names (the first one costs a frame ~25 ms).
 */
export function utcCrosshairTime(time: Time): string {
  const d = dateOf(time);
  const yy = two(d.getUTCFullYear() % 100);
  return `${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} '${yy}   ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

/** Chart options for a palette: colours, UTC time axis, aligned price scale. */
export function chartOptions(p: ChartPalette): DeepPartial<TimeChartOptions> {
  return {
    autoSize: true,
    layout: {
      background: { type: ColorType.Solid, color: p.background },
      textColor: p.muted,
      fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
      fontSize: 11,
      attributionLogo: false,
      panes: { separatorColor: p.border, separatorHoverColor: p.grid },
    },
    grid: { vertLines: { color: p.grid }, horzLines: { color: p.grid } },
    rightPriceScale: { borderColor: p.border, minimumWidth: PRICE_SCALE_WIDTH },
    timeScale: {
      borderColor: p.border,
      timeVisible: true,
      secondsVisible: false,
      minBarSpacing: MIN_BAR_SPACING,
      tickMarkFormatter: utcTickMark,
    },
    localization: { timeFormatter: utcCrosshairTime },
    crosshair: { mode: 0 },
  };
}

/** `#rgb` / `#rrggbb` with an alpha, as `rgba(...)`; other colour strings are returned as-is. */
export function withAlpha(color: string, alpha: number): string {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (m === null) return color;
  let hex = m[1] as string;
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join('');
  const n = Number.parseInt(hex, 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
