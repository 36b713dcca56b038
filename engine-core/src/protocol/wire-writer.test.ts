import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeWire } from './encode-wire';
import { WireWriter } from './wire-writer';

const SEED = 7;
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

// Any UTF-16 string: lone surrogates, controls, quotes, backslashes, U+2028, astral characters.
const anyString = fc.string({ unit: 'binary', maxLength: 40 });
const anyNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(0, -0, 0.1, 1e21, 1e-7, Number.NaN, Number.POSITIVE_INFINITY),
);
const anyTs = fc.oneof(
  fc.constant(null),
  fc.integer({ min: 0, max: 2 ** 53 - 1 }),
  fc.double(),
  fc.constantFrom(0, 1_700_000_000_123, Number.NaN),
);

describe('WireWriter', () => {
  it('writes the example line', () => {
    const w = new WireWriter();
    w.begin('order_update', 1_700_000_000_123)
      .str('client_order_id', 'a1')
      .num('qty', 0.01)
      .numOrNull('price', null)
      .strOrNull('reason', null)
      .bool('post_only', false)
      .nanos('last_ts_ns', 0)
      .end();
    expect(text(w.take())).toBe(
      '{"type":"order_update","ts_ns":1700000000123000000,"client_order_id":"a1","qty":0.01,"price":null,"reason":null,"post_only":false,"last_ts_ns":0}\n',
    );
    expect(w.length).toBe(0);
  });

  it('writes nested arrays of objects with commas in the right places', () => {
    const w = new WireWriter();
    w.begin('account', null).beginArray('balances');
    for (const a of ['USDT', 'BTC']) w.beginObject().str('asset', a).num('free', 1).endObject();
    w.endArray().end();
    w.begin('account', null).beginArray('balances').endArray().end();
    expect(w.takeLines()).toEqual([
      '{"type":"account","balances":[{"asset":"USDT","free":1},{"asset":"BTC","free":1}]}',
      '{"type":"account","balances":[]}',
    ]);
  });

  it('gives the very bytes of encodeWire + UTF-8, for any strings, numbers and times', () => {
    fc.assert(
      fc.property(anyTs, anyString, anyNumber, fc.option(anyString), (ts, s, n, maybe) => {
        const w = new WireWriter();
        w.begin('x', ts).str('s', s).num('n', n).strOrNull('m', maybe).end();
        const expected = `${encodeWire('x', ts, { s, n, m: maybe })}\n`;
        const bytes = w.take();
        expect(bytes).toEqual(utf8(expected));
        // Every line is one JSON object that gives back the (well-formed) string.
        expect(JSON.parse(text(bytes)).s).toBe(JSON.parse(JSON.stringify(s)));
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('takeLines decodes what take would have returned, line by line', () => {
    fc.assert(
      fc.property(fc.array(anyString, { maxLength: 5 }), (values) => {
        const a = new WireWriter();
        const b = new WireWriter();
        for (const v of values) {
          a.begin('x', 5).str('v', v).end();
          b.begin('x', 5).str('v', v).end();
        }
        const lines = a.takeLines();
        expect(lines).toHaveLength(values.length);
        expect(lines.map((l) => `${l}\n`).join('')).toBe(text(b.take()));
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('grows past its first buffer and starts each batch afresh', () => {
    const w = new WireWriter();
    const long = 'é😀x'.repeat(5000);
    w.line(encodeWire('big', 1, { long }));
    const first = w.take();
    expect(text(first)).toBe(`${encodeWire('big', 1, { long })}\n`);
    w.begin('small', null).end();
    // The first batch is handed off untouched by what follows.
    expect(text(first)).toBe(`${encodeWire('big', 1, { long })}\n`);
    expect(text(w.take())).toBe('{"type":"small"}\n');
  });

  it('writes later batches into released buffers', () => {
    const w = new WireWriter();
    w.begin('a', null).end();
    const first = w.take(); // the writer moves on to a second buffer
    w.release(first);
    w.begin('b', null).end();
    expect(w.take().buffer).not.toBe(first.buffer);
    w.begin('c', null).end();
    const third = w.take();
    expect(third.buffer).toBe(first.buffer);
    expect(text(third)).toBe('{"type":"c"}\n');
  });
});
