import { describe, expect, it } from 'vitest';
import { heatmapLayout, heatStrength } from './heatmap-layout';

describe('heatmapLayout', () => {
  it('lays months out by year, oldest first, with compounded year totals', () => {
    const layout = heatmapLayout({
      '2025-01': 0.1,
      '2024-11': -0.05,
      '2024-12': 0.02,
      '2025-03': -0.2,
    });
    expect(layout.rows.map((r) => r.year)).toEqual(['2024', '2025']);
    const [y2024, y2025] = layout.rows;
    expect(y2024?.cells).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      -0.05,
      0.02,
    ]);
    expect(y2024?.total).toBeCloseTo(0.95 * 1.02 - 1, 15);
    expect(y2025?.cells.slice(0, 4)).toEqual([0.1, null, -0.2, null]);
    expect(y2025?.total).toBeCloseTo(1.1 * 0.8 - 1, 15);
    expect(layout.maxAbs).toBe(0.2);
  });

  it('is empty without months and ignores bad keys and values', () => {
    expect(heatmapLayout({})).toEqual({ rows: [], maxAbs: 0 });
    const l = heatmapLayout({ '2024-13': 0.5, nonsense: 1, '2024-02': Number.NaN, '2024-03': 0 });
    expect(l.rows).toHaveLength(1);
    expect(l.rows[0]?.cells[2]).toBe(0);
    expect(l.maxAbs).toBe(0);
  });
});

describe('heatStrength', () => {
  it('grows with |r| from a visible minimum to 0.8, 0 for a flat month', () => {
    expect(heatStrength(0, 0.1)).toBe(0);
    expect(heatStrength(0.1, 0)).toBe(0);
    expect(heatStrength(0.1, 0.1)).toBeCloseTo(0.8, 12);
    expect(heatStrength(-0.1, 0.1)).toBeCloseTo(0.8, 12);
    expect(heatStrength(0.0001, 0.1)).toBeGreaterThan(0.12);
    expect(heatStrength(0.05, 0.1)).toBeCloseTo(0.46, 12);
  });
});
