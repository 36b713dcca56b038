import { describe, expect, it } from 'vitest';
import { formatAmount, formatFixed, formatPercent, formatTime } from './display-format';

describe('display formatting', () => {
  it('groups thousands without locale and never prints -0', () => {
    expect(formatFixed(1234567.891, 2)).toBe('1,234,567.89');
    expect(formatFixed(-1234.5, 1)).toBe('-1,234.5');
    expect(formatFixed(999, 0)).toBe('999');
    expect(formatFixed(-0.001, 2)).toBe('0.00');
    expect(formatFixed(null, 2)).toBe('—');
    expect(formatFixed(Number.NaN, 2)).toBe('—');
    expect(formatFixed(Number.POSITIVE_INFINITY, 2)).toBe('—');
  });

  it('formats percentages, amounts and UTC times', () => {
    expect(formatPercent(0.12345)).toBe('12.35%');
    expect(formatPercent(-1)).toBe('-100.00%');
    expect(formatPercent(null)).toBe('—');
    expect(formatAmount(50_000)).toBe('50,000.00');
    expect(formatAmount(0.012345678)).toBe('0.0123457');
    expect(formatAmount(0)).toBe('0.00');
    expect(formatTime(Date.UTC(2024, 0, 2, 3, 4))).toBe('2024-01-02 03:04');
    expect(formatTime(Date.UTC(2024, 0, 2, 3, 4, 5))).toBe('2024-01-02 03:04:05');
    expect(formatTime(Number.NaN)).toBe('—');
  });
});
