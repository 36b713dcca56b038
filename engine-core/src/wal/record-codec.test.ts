import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asset, clientOrderId, type StateEvent, symbolId, timestampMs } from '../model';
import { InvariantError } from '../util';
import { crc32Hex } from '../util/crc32';
import { STATE_EVENT_TYPES } from './event-schema';
import {
  decodeRecord,
  decodeSnapshot,
  encodeRecord,
  encodeSnapshot,
  frameLine,
  unframeLine,
} from './record-codec';

const ts = timestampMs(1_700_000_000_000);
const id = clientOrderId('a1');
const BTCUSDT = symbolId('BTCUSDT');
const request = {
  type: 'STOP_LIMIT',
  stopPrice: 48_000,
  price: 47_900.5,
  clientOrderId: id,
  symbol: BTCUSDT,
  side: 'SELL',
  qty: 0.25,
  tif: 'GTC',
  postOnly: false,
  reduceOnly: true,
} as const;

/** One event of every type. */
const SAMPLES: StateEvent[] = [
  { type: 'funds_deposited', ts, asset: asset('USDT'), amount: 10_000 },
  { type: 'order_submitted', ts, request, seq: 3, reserved: { asset: 'BTC', amount: 0.25 } },
  {
    type: 'order_submitted',
    ts,
    request: { ...request, type: 'MARKET' } as never,
    seq: 4,
    reserved: null,
  },
  { type: 'order_denied', ts, request, seq: 5, reason: 'max_order_notional: 60000 > 50000' },
  { type: 'order_accepted', ts, clientOrderId: id, venueOrderId: 'v-9' },
  { type: 'order_rejected', ts, clientOrderId: id, reason: 'line\nbreak "quoted" €𝄞' },
  { type: 'order_triggered', ts, clientOrderId: id },
  {
    type: 'order_filled',
    ts,
    clientOrderId: id,
    symbol: BTCUSDT,
    side: 'SELL',
    status: 'PARTIALLY_FILLED',
    qty: 0.1,
    price: 47_950.123456789,
    fee: 4.795e-9,
    feeAsset: asset('USDT'),
    liquidity: 'TAKER',
  },
  { type: 'order_cancelled', ts, clientOrderId: id, reason: null },
  { type: 'order_expired', ts, clientOrderId: id, reason: 'IOC' },
  { type: 'market_updated', ts, symbol: BTCUSDT, price: 1e-7 },
  { type: 'kill_switch_tripped', ts, reason: 'max_drawdown: 21% > 20%' },
];

const decodeError = (line: string): string => {
  const r = decodeRecord(line);
  expect(r.ok).toBe(false);
  return r.ok ? '' : r.error;
};

describe('encodeRecord / decodeRecord', () => {
  it('writes one line: crc32 of the JSON as 8 hex digits, a space, the JSON', () => {
    const line = encodeRecord({ seq: 1, event: SAMPLES[0] as StateEvent });
    const json =
      '{"seq":1,"event":{"type":"funds_deposited","ts":1700000000000,"asset":"USDT","amount":10000}}';
    expect(line).toBe(`${crc32Hex(json)} ${json}`);
  });

  it('round-trips every event type exactly', () => {
    expect(new Set(SAMPLES.map((e) => e.type))).toEqual(new Set(STATE_EVENT_TYPES));
    for (const [i, event] of SAMPLES.entries()) {
      const line = encodeRecord({ seq: i + 1, event });
      expect(line).not.toMatch(/[\n\r]/);
      expect(decodeRecord(line)).toStrictEqual({ ok: true, value: { seq: i + 1, event } });
    }
  });

  it('keeps fields the schema does not name', () => {
    const event = { ...SAMPLES[4], note: { x: [1, 2] } } as unknown as StateEvent;
    expect(decodeRecord(encodeRecord({ seq: 9, event }))).toStrictEqual({
      ok: true,
      value: { seq: 9, event },
    });
  });

  it('refuses to write numbers JSON cannot hold', () => {
    const event: StateEvent = { type: 'market_updated', ts, symbol: BTCUSDT, price: Number.NaN };
    expect(() => encodeRecord({ seq: 1, event })).toThrow(InvariantError);
    expect(() => encodeRecord({ seq: 1, event })).toThrow('cannot journal NaN in field "price"');
    expect(() => encodeRecord({ seq: 0, event: SAMPLES[0] as StateEvent })).toThrow(
      'bad WAL seq 0',
    );
  });

  it('says which check failed', () => {
    const good = encodeRecord({ seq: 7, event: SAMPLES[0] as StateEvent });
    expect(decodeError('')).toBe('malformed line: expected "<crc32 hex> <json>", got ""');
    expect(decodeError('{"seq":1}')).toMatch(/^malformed line: .*got "\{\\"seq\\":1}"$/);
    expect(decodeError(`${good.slice(0, 8)}${good.slice(9)}`)).toMatch(/^malformed line/);
    expect(decodeError(good.replace('10000', '90000'))).toBe(
      `checksum mismatch: line says ${good.slice(0, 8)}, content hashes to ${crc32Hex(good.slice(9).replace('10000', '90000'))}`,
    );
    expect(decodeError(good.slice(0, -3))).toMatch(/^checksum mismatch/);
    expect(decodeError(frameLine('{"seq":1,'))).toMatch(/^bad JSON: /);
    expect(decodeError(frameLine('[1]'))).toBe(
      'bad record: (root): expected object, received array',
    );
    const shaped = (v: unknown) => decodeError(frameLine(JSON.stringify(v)));
    const deposit = { type: 'funds_deposited', ts: 1, asset: 'USDT', amount: 5 };
    expect(shaped({ seq: 0, event: deposit })).toBe(
      'bad record: seq: Too small: expected number to be >=1',
    );
    expect(shaped({ seq: 1.5, event: deposit })).toBe(
      'bad record: seq: expected int, received number',
    );
    expect(shaped({ seq: 1 })).toBe('bad record: event: expected object, received undefined');
    expect(shaped({ seq: 1, event: { ...deposit, amount: '5' } })).toBe(
      'bad record: event.amount: expected number, received string',
    );
    expect(shaped({ seq: 1, event: { ...deposit, type: 'funds_stolen' } })).toBe(
      'bad record: event.type: unknown event type "funds_stolen"',
    );
    expect(
      shaped({ seq: 1, event: { ...SAMPLES[1], request: { ...request, side: 'HOLD' } } }),
    ).toBe('bad record: event.request.side: Invalid option: expected one of "BUY"|"SELL"');
    expect(
      shaped({ seq: 1, event: { ...SAMPLES[1], request: { ...request, price: undefined } } }),
    ).toBe('bad record: event.request.price: expected number, received undefined');
  });

  it('never throws on arbitrary input, and catches any single changed character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(decodeRecord(s).ok).toBe(false);
      }),
      { seed: 11, numRuns: 300 },
    );
    const line = encodeRecord({ seq: 3, event: SAMPLES[7] as StateEvent });
    fc.assert(
      fc.property(
        fc.nat({ max: line.length - 1 }),
        fc.string({ minLength: 1, maxLength: 1 }),
        (i, c) => {
          fc.pre(line[i] !== c);
          const mutated = line.slice(0, i) + c + line.slice(i + 1);
          expect(decodeRecord(mutated).ok).toBe(false);
        },
      ),
      { seed: 12, numRuns: 500 },
    );
  });
});

describe('encodeSnapshot / decodeSnapshot', () => {
  it('round-trips', () => {
    const s = { seq: 42, state: { version: 1, anything: [1, 'two', null] } };
    const line = encodeSnapshot(s);
    expect(line).toMatch(/^[0-9a-f]{8} \{"seq":42,/);
    expect(decodeSnapshot(line)).toStrictEqual({ ok: true, value: s });
  });

  it('says which check failed', () => {
    const line = encodeSnapshot({ seq: 42, state: {} });
    const bad = (l: string) => {
      const r = decodeSnapshot(l);
      return r.ok ? '' : r.error;
    };
    expect(bad(line.replace('42', '43'))).toMatch(/^checksum mismatch/);
    expect(bad(frameLine('{"seq":-1,"state":{}}'))).toBe(
      'bad snapshot: seq: Too small: expected number to be >=0',
    );
    expect(bad(frameLine('{"seq":1}'))).toBe('bad snapshot: state: missing');
    expect(() => encodeSnapshot({ seq: 1, state: { x: Number.POSITIVE_INFINITY } })).toThrow(
      'cannot journal Infinity in field "x"',
    );
  });

  it('unframeLine returns the JSON text', () => {
    expect(unframeLine(frameLine('{"a":1}'))).toStrictEqual({ ok: true, value: '{"a":1}' });
  });
});
