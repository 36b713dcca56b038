import { describe, expect, it } from 'vitest';
import { type CsvParseOptions, createCandleCsvParser, parseCandleCsv } from './csv-parser';

const H = 3_600_000;
const T0 = 1_700_000_000_000 - (1_700_000_000_000 % H); // 2023-11-14 22:00 UTC

/** A canonical file of `n` good hourly rows. */
function canonical(n: number, eol = '\n'): string {
  const rows = ['open_time_ms,open,high,low,close,volume'];
  for (let i = 0; i < n; i++)
    rows.push(`${T0 + i * H},${100 + i},${102 + i},${99 + i},${101 + i},${i}.5`);
  return rows.join(eol) + eol;
}

const opts: CsvParseOptions = { fileName: 'data.csv' };

function parseOk(text: string, o: Partial<CsvParseOptions> = {}) {
  const r = parseCandleCsv(text, { ...opts, ...o });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

function parseErr(text: string, o: Partial<CsvParseOptions> = {}): string {
  const r = parseCandleCsv(text, { ...opts, ...o });
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

/** `canonical(20)` with line `line` (1-based, the header is line 1) replaced. */
function withLine(line: number, row: string): string {
  const lines = canonical(20).split('\n');
  lines[line - 1] = row;
  return lines.join('\n');
}

const t = (i: number): number => T0 + i * H;

describe('parseCandleCsv: layouts', () => {
  it('reads the canonical layout', () => {
    const r = parseOk(canonical(5));
    expect(r.layout).toBe('canonical');
    expect(r.timeUnit).toBe('ms');
    expect(r.candles.interval).toBe('1h');
    expect(r.candles.intervalMs).toBe(H);
    expect(r.candles.length).toBe(5);
    expect(Array.from(r.candles.time)).toEqual([0, 1, 2, 3, 4].map(t));
    expect(Array.from(r.candles.volume)).toEqual([0.5, 1.5, 2.5, 3.5, 4.5]);
    expect(r.gaps).toEqual([]);
    expect(r.skipped).toEqual([]);
  });

  it('reads the seed layout with s, ms, µs and ns times, all to the same ms', () => {
    const body = (mult: string, div = 1) =>
      [0, 1, 2].map((i) => `${t(i) / div}${mult},1,2,0.5,1.5,3`).join('\n');
    const expected = [0, 1, 2].map(t);
    for (const [text, unit] of [
      [body('', 1000), 's'],
      [body(''), 'ms'],
      [body('000'), 'us'],
      [body('000000'), 'ns'],
    ] as const) {
      const r = parseOk(text);
      expect(r.layout).toBe('seed');
      expect(r.timeUnit).toBe(unit);
      expect(Array.from(r.candles.time)).toEqual(expected);
    }
  });

  it("reads Binance's 12-column layout with and without its header", () => {
    const row = (i: number) => `${t(i)},100,101,99,100.5,7,${t(i) + H - 1},700,12,3,300,0`;
    const header =
      'open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore';
    for (const text of [[header, row(0), row(1)].join('\n'), [row(0), row(1)].join('\n')]) {
      const r = parseOk(text);
      expect(r.layout).toBe('binance12');
      expect(Array.from(r.candles.time)).toEqual([t(0), t(1)]);
      expect(Array.from(r.candles.close)).toEqual([100.5, 100.5]);
    }
  });

  it('takes symbol and interval from the options, or guesses the symbol from the name', () => {
    expect(parseOk(canonical(3), { fileName: 'binance-ethusdt-1h.csv' }).candles.symbol).toBe(
      'ETHUSDT',
    );
    expect(parseOk(canonical(3), { fileName: 'x.csv' }).candles.symbol).toBe('');
    const r = parseOk(canonical(3), { symbol: 'BTCUSDT', interval: '1h' });
    expect(r.candles.symbol).toBe('BTCUSDT');
    expect(parseOk(canonical(3), { interval: '30m' }).candles.interval).toBe('30m');
  });

  it('handles CRLF, a BOM, no final newline, blank lines, spaces and quotes', () => {
    const crlf = `\uFEFF${canonical(4, '\r\n')}`;
    expect(parseOk(crlf).candles.length).toBe(4);
    expect(parseOk(canonical(4).trimEnd()).candles.length).toBe(4);
    expect(parseOk(`${canonical(4)}\n\n  \n`).candles.length).toBe(4);
    const quoted = `"open_time_ms","open","high","low","close","volume"\n"${t(0)}", 1 ,"2",1,1,0\n${t(1)},1,2,1,1,0`;
    expect(parseOk(quoted).candles.high[0]).toBe(2);
  });

  it('reports gaps and never fills them', () => {
    const lines = canonical(10).split('\n');
    lines.splice(4, 3); // drops rows 3, 4, 5
    const r = parseOk(lines.join('\n'));
    expect(r.candles.length).toBe(7);
    expect(r.gaps).toEqual([{ afterTime: t(2), beforeTime: t(6), missingBars: 3 }]);
  });

  it('infers the interval as the most common difference', () => {
    const text = [0, 1, 2, 5, 6, 7, 8].map((i) => `${t(i)},1,1,1,1,0`).join('\n');
    const r = parseOk(text);
    expect(r.candles.interval).toBe('1h');
    expect(r.gaps).toHaveLength(1);
  });
});

describe('parseCandleCsv: bad rows', () => {
  const cases: [string, string][] = [
    [withLine(17, `${t(15)},101,99,98,100,1`), 'data.csv:17: high 99 < max(open, close) 101'],
    [withLine(5, `${t(3)},100,105,101,102,1`), 'data.csv:5: low 101 > min(open, close) 100'],
    [withLine(3, `${t(1)},100,105,99,102,-1`), 'data.csv:3: volume -1 < 0'],
    [withLine(4, `${t(2)},abc,105,99,102,1`), 'data.csv:4: open "abc" is not a number'],
    [withLine(4, `${t(2)},100,105,99,,1`), 'data.csv:4: close "" is not a number'],
    [withLine(4, `${t(2)},100,105,99,102`), 'data.csv:4: expected 6 columns, got 5'],
    [withLine(4, `${t(2)},100,105,99,102,1,7`), 'data.csv:4: expected 6 columns, got 7'],
    [withLine(4, `${t(2)},0,105,99,102,1`), 'data.csv:4: open 0 <= 0'],
    [withLine(4, `${t(2)},100,1e999,99,102,1`), 'data.csv:4: high Infinity is not a finite number'],
    [withLine(4, `x${t(2)},100,105,99,102,1`), `data.csv:4: time "x${t(2)}" is not a number`],
    [
      withLine(4, `${t(1)},100,105,99,102,1`),
      `data.csv:4: duplicate time ${t(1)} (2023-11-14T23:00:00.000Z)`,
    ],
    [
      withLine(4, `${t(0)},100,105,99,102,1`),
      `data.csv:4: time ${t(0)} (2023-11-14T22:00:00.000Z) < previous ${t(1)} (2023-11-14T23:00:00.000Z)`,
    ],
    [
      withLine(4, `${t(2) + 60_000},100,105,99,102,1`),
      `data.csv:4: time ${t(2) + 60_000} (2023-11-15T00:01:00.000Z) not aligned to the 1h step`,
    ],
    [
      withLine(4, `${t(2) / 1000},100,105,99,102,1`),
      `data.csv:4: time ${t(2) / 1000} looks like s, but the file's times are in ms`,
    ],
  ];

  it.each(cases)('rejects with file, line and reason: %#', (text, message) => {
    expect(parseErr(text)).toBe(message);
  });

  it('checks alignment to a given interval row by row', () => {
    const text = withLine(4, `${t(2) + 60_000},100,105,99,102,1`);
    expect(parseErr(text, { interval: '1h' })).toBe(
      `data.csv:4: time ${t(2) + 60_000} (2023-11-15T00:01:00.000Z) not aligned to the 1h step`,
    );
    // 2023-11-14 22:00 is on the 2h grid; 23:00 is not.
    expect(parseErr(canonical(3), { interval: '2h' })).toBe(
      `data.csv:3: time ${t(1)} (2023-11-14T23:00:00.000Z) not aligned to the 2h step`,
    );
    expect(parseErr(canonical(3), { interval: '1y' })).toContain('data.csv: unknown interval "1y"');
  });

  it('skips and counts bad rows with skipBadRows, never silently', () => {
    let text = withLine(4, `${t(2)},abc,105,99,102,1`);
    text = text.replace(`${t(5)},105,107,104,106,5.5`, `${t(5) + 1},105,107,104,106,5.5`);
    const r = parseOk(text, { skipBadRows: true });
    expect(r.candles.length).toBe(18);
    expect(r.skippedCount).toBe(2);
    expect(r.skipped).toEqual([
      { line: 4, reason: 'open "abc" is not a number' },
      { line: 7, reason: `time ${t(5) + 1} (2023-11-15T03:00:00.001Z) not aligned to the 1h step` },
    ]);
    expect(r.gaps).toEqual([
      { afterTime: t(1), beforeTime: t(3), missingBars: 1 },
      { afterTime: t(4), beforeTime: t(6), missingBars: 1 },
    ]);
  });

  it('caps the list of skipped rows but counts them all', () => {
    const rows = [
      'open_time_ms,open,high,low,close,volume',
      `${t(0)},1,1,1,1,0`,
      `${t(1)},1,1,1,1,0`,
    ];
    for (let i = 0; i < 1500; i++) rows.push('bad');
    const r = parseOk(rows.join('\n'), { skipBadRows: true });
    expect(r.skippedCount).toBe(1500);
    expect(r.skipped).toHaveLength(1000);
    expect(r.skipped[0]).toEqual({ line: 4, reason: 'expected 6 columns, got 1' });
  });

  it('gives clear errors for empty and unusable files', () => {
    expect(parseErr('')).toBe('data.csv: empty file (no header and no rows)');
    expect(parseErr('\uFEFF\r\n\n')).toBe('data.csv: empty file (no header and no rows)');
    expect(parseErr('open_time_ms,open,high,low,close,volume\n')).toBe('data.csv: no data rows');
    expect(parseErr('date,open,high,low,close,volume\n1,1,1,1,1,1')).toBe(
      'data.csv:1: unrecognized header "date,open,high,low,close,volume" (expected open_time_ms,open,high,low,close,volume, or Binance\'s 12-column kline header)',
    );
    expect(parseErr('1,2,3\n')).toBe(
      'data.csv:1: expected 6 (timestamp,open,high,low,close,volume) or 12 (Binance kline) columns, got 3',
    );
    expect(parseErr(`${t(0)},1,1,1,1,0\n`)).toBe(
      'data.csv: cannot infer the interval from a single row; give it explicitly',
    );
    expect(parseOk(`${t(0)},1,1,1,1,0\n`, { interval: '1h' }).candles.length).toBe(1);
    expect(parseErr(`${canonical(2)}${'1'.repeat(5000)}`)).toBe(
      'data.csv:4: line longer than 4096 characters',
    );
    expect(parseErr(`${'1'.repeat(5000)}\n`)).toBe('data.csv:1: line longer than 4096 characters');
  });

  it('accepts a zero-volume bar with open = high = low = close', () => {
    const r = parseOk(withLine(5, `${t(3)},100,100,100,100,0`));
    expect(r.candles.volume[3]).toBe(0);
  });
});

describe('createCandleCsvParser: streaming', () => {
  it('gives the same result for every split of the text into two chunks', () => {
    const text = `\uFEFF${canonical(6, '\r\n')}`;
    const whole = parseOk(text);
    for (let cut = 0; cut <= text.length; cut++) {
      const p = createCandleCsvParser(opts);
      p.push(text.slice(0, cut));
      p.push(text.slice(cut));
      const r = p.end();
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.value).toEqual(whole);
    }
  });

  it('gives the same result when fed one character at a time, errors included', () => {
    for (const text of [canonical(5), withLine(4, `${t(2)},100,105,99,102,-1`).slice(0, 300)]) {
      const p = createCandleCsvParser(opts);
      for (const ch of text) p.push(ch);
      expect(p.end()).toEqual(parseCandleCsv(text, opts));
    }
  });

  it('splits a large file at three cuts in every position of a line', () => {
    const text = canonical(50);
    const whole = parseOk(text);
    for (let cut = 1; cut < 60; cut++) {
      const p = createCandleCsvParser(opts);
      for (let i = 0; i < text.length; i += cut * 7) p.push(text.slice(i, i + cut * 7));
      const r = p.end();
      expect(r.ok && r.value.candles.length).toBe(whole.candles.length);
    }
  });
});
