import { describe, expect, it } from 'vitest';
import { countMissingBars, detectGaps } from './gaps';

describe('detectGaps', () => {
  it('lists each jump of more than one step with the whole bars missing', () => {
    const time = Float64Array.from([0, 10, 20, 50, 60, 100, 115]);
    const gaps = detectGaps(time, 10);
    expect(gaps).toEqual([
      { afterTime: 20, beforeTime: 50, missingBars: 2 },
      { afterTime: 60, beforeTime: 100, missingBars: 3 },
      { afterTime: 100, beforeTime: 115, missingBars: 1 },
    ]);
    expect(countMissingBars(gaps)).toBe(6);
    expect(detectGaps(time, 10, 3)).toEqual([]);
    expect(detectGaps(new Float64Array(0), 10)).toEqual([]);
  });
});
