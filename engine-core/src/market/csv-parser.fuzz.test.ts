import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Result } from '../util/result';
import type { Candles } from './candles';
import { type CsvParseResult, createCandleCsvParser, parseCandleCsv } from './csv-parser';
import { detectGaps } from './gaps';

// Seeded, so that a failure reproduces: thousands of mutated CSV files, each parsed whole and in
// random chunks, with and without skipBadRows.
const SEED = 20_240_601;
const FILE = 'fuzz.csv';
const M = 60_000;

/** A good file of `n` bars in one of the three layouts. */
function goodFile(n: number, layout: number, unit: number, step: number): string {
  const lines: string[] = [];
  if (layout === 0) lines.push('open_time_ms,open,high,low,close,volume');
  const t0 = 1_600_041_600_000; // 2020-09-14 00:00 UTC, on every grid
  for (let i = 0; i < n; i++) {
    const t = t0 + i * step;
    const ts =
      unit === 0
        ? String(t / 1000)
        : unit === 1
          ? String(t)
          : `${t}${'0'.repeat(unit === 2 ? 3 : 6)}`;
    const o = 100 + (i % 7);
    const row = `${ts},${o},${o + 2.25},${o - 1.5},${o + 0.5},${(i * 1.25).toFixed(2)}`;
    lines.push(layout === 1 ? `${row},${t + step - 1},1.5,3,0.5,0.75,0` : row);
  }
  return lines.join(i3(n) ? '\r\n' : '\n');
}
const i3 = (n: number): boolean => n % 3 === 0;

const ALPHABET = [
  '0',
  '1',
  '9',
  ',',
  '.',
  '-',
  '\n',
  '\r',
  'e',
  'x',
  ' ',
  '"',
  '\uFEFF',
  '+',
  '\t',
];

type Mutation =
  | { kind: 'insert'; at: number; ch: number }
  | { kind: 'delete'; at: number; len: number }
  | { kind: 'dupLine'; line: number }
  | { kind: 'swapLines'; a: number; b: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'replaceDigit'; at: number; digit: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    ch: fc.nat(ALPHABET.length - 1),
  }),
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.nat(),
    len: fc.integer({ min: 1, max: 4 }),
  }),
  fc.record({ kind: fc.constant('dupLine' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('replaceDigit' as const), at: fc.nat(), digit: fc.nat(9) }),
);

function mutate(text: string, m: Mutation): string {
  const at = (x: number): number => (text.length === 0 ? 0 : x % (text.length + 1));
  switch (m.kind) {
    case 'insert':
      return text.slice(0, at(m.at)) + ALPHABET[m.ch] + text.slice(at(m.at));
    case 'delete':
      return text.slice(0, at(m.at)) + text.slice(at(m.at) + m.len);
    case 'truncate':
      return text.slice(0, at(m.at));
    case 'replaceDigit': {
      const i = at(m.at);
      return /[0-9]/.test(text[i] ?? '')
        ? text.slice(0, i) + String(m.digit) + text.slice(i + 1)
        : text;
    }
    case 'dupLine':
    case 'swapLines': {
      const lines = text.split('\n');
      if (m.kind === 'dupLine') {
        const i = m.line % lines.length;
        lines.splice(i, 0, lines[i] ?? '');
      } else {
        const a = m.a % lines.length;
        const b = m.b % lines.length;
        [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
      }
      return lines.join('\n');
    }
  }
}

/** The first broken invariant of parsed candles, or null. */
function violation(r: CsvParseResult, skipping: boolean): string | null {
  const c: Candles = r.candles;
  if (c.length < 1) return 'no rows';
  if (!(Number.isSafeInteger(c.intervalMs) && c.intervalMs > 0)) return `step ${c.intervalMs}`;
  for (const col of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
    if (c[col].length !== c.length) return `${col} length`;
  }
  for (let i = 0; i < c.length; i++) {
    const [t, o, h, l, cl, v] = [
      c.time[i],
      c.open[i],
      c.high[i],
      c.low[i],
      c.close[i],
      c.volume[i],
    ];
    if (!Number.isSafeInteger(t) || t < 0) return `time ${t}`;
    if (i > 0 && !(t > (c.time[i - 1] ?? 0))) return `time not increasing at ${i}`;
    if (i > 0 && (t - (c.time[0] ?? 0)) % c.intervalMs !== 0) return `time off the grid at ${i}`;
    if (![o, h, l, cl, v].every(Number.isFinite)) return `non-finite at ${i}`;
    if (!(o > 0 && h > 0 && l > 0 && cl > 0)) return `price <= 0 at ${i}`;
    if (h < Math.max(o, cl) || l > Math.min(o, cl)) return `high/low at ${i}`;
    if (v < 0) return `volume at ${i}`;
  }
  if (JSON.stringify(r.gaps) !== JSON.stringify(detectGaps(c.time, c.intervalMs))) return 'gaps';
  if (!skipping && r.skippedCount !== 0) return 'skipped without skipBadRows';
  if (r.skipped.length !== Math.min(r.skippedCount, 1000)) return 'skipped count';
  return null;
}

function checkOutcome(r: Result<CsvParseResult, string>, skipping: boolean): boolean {
  if (r.ok) {
    expect(violation(r.value, skipping)).toBeNull();
  } else {
    expect(r.error).toMatch(/^fuzz\.csv(:[1-9][0-9]*)?: \S/);
  }
  return r.ok;
}

describe('candle CSV parser fuzz', () => {
  it('never throws; errors name file and line, or the candles are valid', () => {
    const arb = fc.record({
      n: fc.integer({ min: 0, max: 12 }),
      layout: fc.nat(2),
      unit: fc.nat(3),
      step: fc.constantFrom(M, 5 * M, 60 * M, 1440 * M),
      mutations: fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
      skip: fc.boolean(),
      cuts: fc.array(fc.nat(), { maxLength: 5 }),
    });
    const outcomes = { ok: 0, skipped: 0, error: 0 };
    fc.assert(
      fc.property(arb, ({ n, layout, unit, step, mutations, skip, cuts }) => {
        let text = goodFile(n, layout, unit, step);
        for (const m of mutations) text = mutate(text, m);
        const options = { fileName: FILE, skipBadRows: skip };
        const whole = parseCandleCsv(text, options);
        if (!checkOutcome(whole, skip)) outcomes.error++;
        else if (whole.ok && whole.value.skippedCount > 0) outcomes.skipped++;
        else outcomes.ok++;
        // Any chunking gives the same outcome.
        const p = createCandleCsvParser(options);
        const points = cuts.map((c) => c % (text.length + 1)).sort((a, b) => a - b);
        let from = 0;
        for (const at of points) {
          p.push(text.slice(from, at));
          from = at;
        }
        p.push(text.slice(from));
        expect(p.end()).toEqual(whole);
      }),
      { seed: SEED, numRuns: 6_000 },
    );
    // The mutations must leave enough files loadable for the checks above to mean something.
    expect(outcomes.ok).toBeGreaterThan(400);
    expect(outcomes.skipped).toBeGreaterThan(500);
    expect(outcomes.error).toBeGreaterThan(1000);
  }, 60_000);

  it('unmutated files of every layout and unit parse to valid candles', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 30 }), fc.nat(2), fc.nat(3), (n, layout, unit) => {
        const r = parseCandleCsv(goodFile(n, layout, unit, M), { fileName: FILE });
        expect(r.ok && r.value.candles.length).toBe(n);
        checkOutcome(r, false);
      }),
      { seed: SEED + 1, numRuns: 300 },
    );
  });
});
