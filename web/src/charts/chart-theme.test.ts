import { TickMarkType } from 'lightweight-charts';
import { describe, expect, it } from 'vitest';
import { utcCrosshairTime, utcTickMark } from './chart-theme';

describe('utcTickMark', () => {
  it('reads as the library’s English default does, in UTC (checked against Intl)', () => {
    const intl = (t: number, o: Intl.DateTimeFormatOptions): string =>
      new Date(t * 1000).toLocaleString('en-US', { timeZone: 'UTC', ...o });
    // Every 41 hours over two years (all months, days and hours), odd seconds.
    for (
      let t = Date.UTC(2023, 0, 1) / 1000;
      t < Date.UTC(2025, 0, 1) / 1000;
      t += 3_600 * 41 + 13
    ) {
      expect(utcTickMark(t as never, TickMarkType.Year)).toBe(intl(t, { year: 'numeric' }));
      expect(utcTickMark(t as never, TickMarkType.Month)).toBe(intl(t, { month: 'short' }));
      expect(utcTickMark(t as never, TickMarkType.DayOfMonth)).toBe(intl(t, { day: 'numeric' }));
      const hm = { hourCycle: 'h23', hour: '2-digit', minute: '2-digit' } as const;
      expect(utcTickMark(t as never, TickMarkType.Time)).toBe(intl(t, hm));
      expect(utcTickMark(t as never, TickMarkType.TimeWithSeconds)).toBe(
        intl(t, { ...hm, second: '2-digit' }),
      );
    }
  });

  it('takes business days too', () => {
    expect(utcTickMark({ year: 2024, month: 2, day: 29 }, TickMarkType.DayOfMonth)).toBe('29');
    expect(utcTickMark('2024-02-29', TickMarkType.Month)).toBe('Feb');
  });
});

describe('utcCrosshairTime', () => {
  it('shows day, month, year and time in UTC, as the library’s default does', () => {
    expect(utcCrosshairTime((Date.UTC(2024, 3, 24, 13, 5) / 1000) as never)).toBe(
      "24 Apr '24   13:05",
    );
    expect(utcCrosshairTime((Date.UTC(2009, 0, 2, 0, 0, 59) / 1000) as never)).toBe(
      "02 Jan '09   00:00",
    );
  });
});
