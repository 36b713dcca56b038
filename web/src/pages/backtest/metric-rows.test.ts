import { describe, expect, it } from 'vitest';
import { SUMMARY_KEYS } from '../../../../engine-core/src/analyzer';
import { formatMetric, METRIC_ROWS, moneyDecimals, quoteAsset } from './metric-rows';

describe('METRIC_ROWS', () => {
  it('shows every DESIGN §5 metric once', () => {
    expect(METRIC_ROWS.map((r) => r.key).sort()).toEqual([...SUMMARY_KEYS].sort());
  });

  it('formats by kind', () => {
    const row = (k: string) => METRIC_ROWS.find((r) => r.key === k) as (typeof METRIC_ROWS)[number];
    expect(formatMetric(row('final_equity'), 12345.678, 10_000)).toBe('12,345.68');
    expect(formatMetric(row('total_return'), 0.23456, 10_000)).toBe('23.46%');
    expect(formatMetric(row('sharpe'), 1.23456, 10_000)).toBe('1.235');
    expect(formatMetric(row('trades'), 42, 10_000)).toBe('42');
    expect(formatMetric(row('profit_factor'), null, 10_000)).toBe('—');
  });
});

describe('quoteAsset / moneyDecimals', () => {
  it('reads the quote asset off common symbols', () => {
    expect(quoteAsset('BTCUSDT')).toBe('USDT');
    expect(quoteAsset('SYNTH-BTCUSDT')).toBe('USDT');
    expect(quoteAsset('ETHBTC')).toBe('BTC');
    expect(quoteAsset('ethfdusd')).toBe('FDUSD');
    expect(quoteAsset('USDT')).toBe('quote');
    expect(quoteAsset('XYZ')).toBe('quote');
  });

  it('keeps about six significant digits of the account', () => {
    expect(moneyDecimals(10_000)).toBe(2);
    expect(moneyDecimals(0.5)).toBe(7);
    expect(moneyDecimals(0)).toBe(2);
  });
});
