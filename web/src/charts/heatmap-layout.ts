/** Month column headers of the heatmap. */
export const MONTH_LABELS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

/** One year of the heatmap: twelve cells (null where the data has no bar) and the year's return. */
export interface HeatmapRow {
  readonly year: string;
  /** Return of each month, January first; null for a month without bars. */
  readonly cells: readonly (number | null)[];
  /** The months compounded: `Π(1 + r) − 1` over the months present. */
  readonly total: number;
}

/** The monthly returns laid out as years × months. */
export interface HeatmapLayout {
  /** Oldest year first. */
  readonly rows: readonly HeatmapRow[];
  /** Largest |monthly return|, the scale of the colours (0 when there are none). */
  readonly maxAbs: number;
}

const MONTH_KEY = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * Lays out the report's `monthly_returns` (`'YYYY-MM'` → return) as one row per year with
 * twelve month cells; years without any month in between are left out. Keys that are not
 * `YYYY-MM` and non-finite returns are ignored.
 */
export function heatmapLayout(monthly: Readonly<Record<string, number>>): HeatmapLayout {
  const byYear = new Map<string, (number | null)[]>();
  let maxAbs = 0;
  for (const key of Object.keys(monthly)) {
    const m = MONTH_KEY.exec(key);
    const r = monthly[key] as number;
    if (m === null || !Number.isFinite(r)) continue;
    const year = m[1] as string;
    let cells = byYear.get(year);
    if (cells === undefined) {
      cells = new Array<number | null>(12).fill(null);
      byYear.set(year, cells);
    }
    cells[Number(m[2]) - 1] = r;
    if (Math.abs(r) > maxAbs) maxAbs = Math.abs(r);
  }
  const rows = [...byYear.keys()].sort().map((year): HeatmapRow => {
    const cells = byYear.get(year) as (number | null)[];
    let growth = 1;
    for (const r of cells) if (r !== null) growth *= 1 + r;
    return { year, cells, total: growth - 1 };
  });
  return { rows, maxAbs };
}

/**
 * How strongly a cell is coloured, in [0, 1]: 0 for a zero return, growing with `|r| / maxAbs`
 * from a visible minimum (0.12) to 0.8, so small months still show their sign.
 */
export function heatStrength(r: number, maxAbs: number): number {
  if (!Number.isFinite(r) || r === 0 || !(maxAbs > 0)) return 0;
  return 0.12 + 0.68 * Math.min(1, Math.abs(r) / maxAbs);
}
