import { describe, expect, it } from 'vitest';
import { sameRows, sameShallow } from './view-slice';

describe('sameShallow / sameRows', () => {
  it('compares one level by value', () => {
    expect(sameShallow({ a: 1, b: 'x' }, { a: 1, b: 'x' })).toBe(true);
    expect(sameShallow({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameShallow({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameShallow({ a: { x: 1 } }, { a: { x: 1 } })).toBe(false);
    expect(sameShallow(Number.NaN, Number.NaN)).toBe(true);
    expect(sameShallow(null, {})).toBe(false);
  });

  it('compares rows of fields and [price, qty] pairs', () => {
    expect(
      sameRows(
        [
          [1, 2],
          [3, 4],
        ],
        [
          [1, 2],
          [3, 4],
        ],
      ),
    ).toBe(true);
    expect(sameRows([[1, 2]], [[1, 3]])).toBe(false);
    expect(sameRows([{ id: 'a' }], [{ id: 'a' }, { id: 'b' }])).toBe(false);
    expect(sameRows([], [])).toBe(true);
    expect(sameRows(null, [])).toBe(false);
  });
});
