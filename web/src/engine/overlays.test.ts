import { describe, expect, it } from 'vitest';
import { Sma } from '../../../engine-core/src/indicators';
import { syntheticSample } from '../../../engine-core/src/market';
import { STRATEGIES } from '../../../engine-core/src/strategy';
import { overlaysFor } from './overlays';

const bars = syntheticSample({ bars: 300 });

describe('overlaysFor', () => {
  it('draws sma-cross’s two SMAs from the run’s params', () => {
    const [fast, slow] = overlaysFor('sma-cross', bars, { fast: 7, slow: 21 });
    expect(fast?.label).toBe('SMA 7');
    expect(slow?.label).toBe('SMA 21');
    const ref = new Sma(21);
    const expected = Array.from(bars.close, (c) => ref.update(c));
    expect(Array.from(slow?.values ?? [])).toEqual(expected);
    expect(Number.isNaN(fast?.values[5])).toBe(true);
    expect(Number.isFinite(fast?.values[6])).toBe(true);
  });

  it('gives every built-in overlays as long as the bars, with the defaults', () => {
    for (const s of STRATEGIES.values()) {
      const params = Object.fromEntries(s.params.map((p) => [p.name, p.default]));
      const lines = overlaysFor(s.name, bars, params);
      expect(lines.length).toBeGreaterThan(0);
      for (const l of lines) expect(l.values).toHaveLength(bars.length);
    }
  });

  it('falls back to the close for unknown strategies and bad params', () => {
    const [close] = overlaysFor('mine', bars, {});
    expect(close?.id).toBe('close');
    expect(Array.from(close?.values ?? [])).toEqual(Array.from(bars.close));
    // A copy: handing the overlay over must not take the bars' column with it.
    expect(close?.values.buffer).not.toBe(bars.close.buffer);
    expect(overlaysFor('sma-cross', bars, { fast: -1, slow: 3 }).map((l) => l.id)).toEqual([
      'close',
    ]);
  });
});
