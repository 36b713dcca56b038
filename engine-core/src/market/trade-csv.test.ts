import { describe, expect, it } from 'vitest';
import { candlesFromTradeCsv } from './trade-csv';

const M = 60_000;
const T0 = 1_700_000_040_000; // a whole minute
const opts = { fileName: 't.csv', symbol: 'BTCUSDT', interval: '1m', intervalMs: M };
const rows = (c: ReturnType<typeof candlesFromTradeCsv>) => {
  if (!c.ok) throw new Error(c.error);
  const k = c.value.candles;
  return Array.from({ length: k.length }, (_, i) => [
    k.time[i],
    k.open[i],
    k.high[i],
    k.low[i],
    k.close[i],
    k.volume[i],
  ]);
};

describe('candlesFromTradeCsv', () => {
  // Minute 0: 100 (1), 103 (0.5), 99 (2) → O 100 H 103 L 99 C 99 V 3.5; minute 1: none (a gap);
  // minute 2: 101 (1).
  const bars = [
    [T0, 100, 103, 99, 99, 3.5],
    [T0 + 2 * M, 101, 101, 101, 101, 1],
  ];

  it('reads the seed’s headerless rows with ns timestamps', () => {
    const ns = (ms: number) => `${ms}000123`;
    const text = [
      `${ns(T0)},100,1`,
      `${ns(T0 + 10_000)},103,0.5`,
      `${ns(T0 + 59_999)},99,2`,
      `${ns(T0 + 2 * M)},101,1`,
    ].join('\n');
    expect(rows(candlesFromTradeCsv(text, opts))).toEqual(bars);
  });

  it('reads a header naming its columns, and Binance’s aggTrades dump', () => {
    const header = `price,qty,time\n100,1,${T0}\n103,0.5,${T0 + 10_000}\n99,2,${T0 + 59_999}\n101,1,${T0 + 2 * M}\n`;
    expect(rows(candlesFromTradeCsv(header, opts))).toEqual(bars);
    const agg = [
      `1,100,1,10,10,${T0},true,true`,
      `2,103,0.5,11,11,${T0 + 10_000},false,true`,
      `3,99,2,12,13,${T0 + 59_999},true,true`,
      `4,101,1,14,14,${T0 + 2 * M},false,true`,
    ].join('\n');
    expect(rows(candlesFromTradeCsv(agg, opts))).toEqual(bars);
  });

  it('names the line of a bad row', () => {
    expect(candlesFromTradeCsv(`${T0},100,1\nabc,1,1\n`, opts)).toEqual({
      ok: false,
      error: 't.csv:2: bad timestamp "abc"',
    });
    const late = candlesFromTradeCsv(`${T0 + M},100,1\n${T0},100,1\n`, opts);
    expect(!late.ok && late.error).toMatch(/^t\.csv:2: trade at .* is late/);
    const head = candlesFromTradeCsv('a,b,c\n1,2,3\n', opts);
    expect(!head.ok && head.error).toMatch(/^t\.csv:1: header "a,b,c" needs time, price and qty/);
    const price = candlesFromTradeCsv(`${T0},-1,1\n`, opts);
    expect(!price.ok && price.error).toMatch(/^t\.csv:1: .*price -1 is not > 0/);
  });
});
