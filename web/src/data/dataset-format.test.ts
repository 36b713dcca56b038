import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCount,
  formatUtcDay,
  parseUtcDay,
  utcDayBefore,
} from './dataset-format';

describe('dataset-format', () => {
  it('reads and writes UTC days', () => {
    expect(parseUtcDay('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(parseUtcDay(' 2024-01-01 ')).toBe(Date.UTC(2024, 0, 1));
    for (const bad of ['2023-02-29', '2024-13-01', '2024-1-1', '', 'yesterday']) {
      expect(parseUtcDay(bad)).toBeNull();
    }
    expect(formatUtcDay(Date.UTC(2024, 11, 31, 23, 59))).toBe('2024-12-31');
    expect(utcDayBefore(Date.UTC(2024, 2, 1, 5), 1)).toBe('2024-02-29');
    expect(utcDayBefore(Date.UTC(2024, 2, 1, 5), 0)).toBe('2024-03-01');
  });

  it('formats counts and sizes', () => {
    expect(formatCount(8760)).toBe('8,760');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
  });
});
