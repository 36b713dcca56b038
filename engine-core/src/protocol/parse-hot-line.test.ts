import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHotLine } from './parse-hot-line';
import { parseTextCommand } from './parse-text';
import { tokenize } from './tokenize';

const SEED = 11;

/** The general text parser, without the hot path in front of it. */
const general = (line: string) => parseTextCommand(tokenize(line));

// Mostly well-formed tokens (so that many lines take the hot path), else tokens near the edges
// of every rule: cases, signs, exponents, limits, whitespace, odd characters.
const often = <T>(good: fc.Arbitrary<T>, odd: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: good, weight: 4 }, { arbitrary: odd, weight: 1 });

const word = often(
  fc.constantFrom('ORDER', 'CANCEL'),
  fc.constantFrom('order', 'Order', 'ORDERS', 'CANCE', 'MARKET'),
);
const side = often(fc.constantFrom('BUY', 'SELL'), fc.constantFrom('buy', 'Sell', 'BUYS', '', 'B'));
const numberTok = often(
  fc.oneof(
    fc.double({ min: 0, max: 1e6, noNaN: true }).map(String),
    fc.integer({ min: 1, max: 100_000 }).map(String),
    fc.constantFrom('0.01', '49000', '1e3', '1E-2', '+5', '.5', '5.', '1e-400'),
  ),
  fc.constantFrom('-1', '0', '0.0', '-0', '.', 'e5', '1e309', 'NaN', 'Infinity', '0x10', '١'),
);
const idChars = 'abcXYZ019._:/-';
const idTok = often(
  fc.string({ unit: fc.constantFrom(...idChars), minLength: 1, maxLength: 70 }),
  fc.oneof(
    fc.constantFrom('', 'a b', 'é', 'c\t1', 'x'.repeat(64), 'x'.repeat(65), 'btcusdt'),
    fc.string({ unit: 'binary', maxLength: 6 }),
  ),
);
const sep = often(fc.constant(' '), fc.constantFrom('  ', '\t', '', ' \u000b'));

const line = fc.oneof(
  fc
    .tuple(word, sep, side, sep, idTok, sep, numberTok, sep, numberTok, sep, idTok)
    .map((parts) => parts.join('')),
  fc.tuple(word, sep, idTok).map((parts) => parts.join('')),
  fc
    .tuple(word, side, idTok, numberTok, numberTok, idTok, fc.constantFrom('', ' tif=IOC', ' x'))
    .map(([w, ...rest]) => `${w} ${rest.slice(0, -1).join(' ')}${rest.at(-1)}`),
);

describe('parseHotLine', () => {
  it('reads the two common lines', () => {
    expect(parseHotLine('ORDER BUY BTCUSDT 0.01 49000 c1')).toEqual({
      type: 'submit_order',
      request: {
        type: 'LIMIT',
        price: 49000,
        clientOrderId: 'c1',
        symbol: 'BTCUSDT',
        side: 'BUY',
        qty: 0.01,
        tif: 'GTC',
        postOnly: false,
        reduceOnly: false,
      },
    });
    expect(parseHotLine('CANCEL c1')).toEqual({ type: 'cancel_order', clientOrderId: 'c1' });
  });

  it('leaves everything else to the general parser', () => {
    for (const l of [
      'ORDER BUY BTCUSDT 0.01 MARKET c1',
      'ORDER BUY BTCUSDT 0.01 49000 c1 tif=IOC',
      'ORDER BUY BTCUSDT 0.01 49000 c1 ',
      'ORDER buy BTCUSDT 0.01 49000 c1',
      'ORDER BUY BTCUSDT -1 49000 c1',
      'ORDER BUY BTCUSDT 0.01 49000',
      ' CANCEL c1',
      'CANCEL c1 c2',
      'CANCEL ',
      'QUERY ORDERS',
    ]) {
      expect(parseHotLine(l), l).toBeNull();
    }
  });

  it('agrees with the general parser whenever it answers, to the key order', () => {
    let answered = 0;
    fc.assert(
      fc.property(line, (l) => {
        const hot = parseHotLine(l);
        if (hot === null) return;
        answered++;
        const slow = general(l);
        expect(slow.ok).toBe(true);
        if (slow.ok) expect(JSON.stringify(hot)).toBe(JSON.stringify(slow.value));
      }),
      { seed: SEED, numRuns: 20_000 },
    );
    expect(answered).toBeGreaterThan(1_500);
  });
});
