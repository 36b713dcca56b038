import { describe, expect, it } from 'vitest';
import {
  asset,
  clientOrderId,
  type Instrument,
  type OrderPricing,
  type OrderRequest,
  type Side,
  type StateEvent,
  symbolId,
  timestampMs,
} from '../model';
import { applyEvent } from './apply-event';
import { createState, type EngineState } from './engine-state';
import { deserializeState, type SerializedState, serializeState } from './state-codec';

const USDT = asset('USDT');
const BTC = asset('BTC');
const ETH = asset('ETH');
const BTCUSDT = symbolId('BTCUSDT');
const ETHBTC = symbolId('ETHBTC');

const instrument = (base: string, quote: string): Instrument => ({
  symbol: symbolId(base + quote),
  base: asset(base),
  quote: asset(quote),
  tickSize: 0.01,
  lotSize: 0.0001,
  minQty: 0.0001,
  minNotional: 5,
});
const INSTRUMENTS = [
  instrument('BTC', 'USDT'),
  instrument('ETH', 'USDT'),
  instrument('ETH', 'BTC'),
];
const fresh = (): EngineState => createState(USDT, INSTRUMENTS, 60_000);

const T0 = 1_700_000_000_000;
const ts = (min: number) => timestampMs(T0 + min * 60_000);

function request(
  id: string,
  side: Side,
  qty: number,
  pricing: OrderPricing,
  symbol = BTCUSDT,
): OrderRequest {
  return {
    ...pricing,
    clientOrderId: clientOrderId(id),
    symbol,
    side,
    qty,
    tif: 'GTC',
    postOnly: false,
    reduceOnly: false,
  };
}

const fill = (
  id: string,
  side: Side,
  qty: number,
  price: number,
  status: 'PARTIALLY_FILLED' | 'FILLED',
  at: number,
  symbol = BTCUSDT,
  feeAsset = USDT,
): StateEvent => ({
  type: 'order_filled',
  ts: ts(at),
  clientOrderId: clientOrderId(id),
  symbol,
  side,
  status,
  qty,
  price,
  fee: qty * price * 0.001,
  feeAsset,
  liquidity: 'MAKER',
});

/** A session touching every part of the state, built by hand. */
const SESSION: StateEvent[] = [
  { type: 'funds_deposited', ts: ts(0), asset: USDT, amount: 10_000 },
  { type: 'market_updated', ts: ts(1), symbol: BTCUSDT, price: 50_000 },
  {
    type: 'order_submitted',
    ts: ts(2),
    request: request('b1', 'BUY', 0.1, { type: 'LIMIT', price: 49_000 }),
    seq: 1,
    reserved: { asset: USDT, amount: 0.1 * 49_000 * 1.001 },
  },
  { type: 'order_accepted', ts: ts(2), clientOrderId: clientOrderId('b1'), venueOrderId: 'v1' },
  {
    type: 'order_submitted',
    ts: ts(3),
    request: request('b2', 'BUY', 0.05, { type: 'MARKET' }),
    seq: 2,
    reserved: { asset: USDT, amount: 0.05 * 50_000 * 1.05 },
  },
  {
    type: 'order_denied',
    ts: ts(3),
    request: request('d1', 'BUY', 100, { type: 'LIMIT', price: 49_000 }),
    seq: 3,
    reason: 'insufficient funds: 4900000 > 4643.4',
  },
  fill('b1', 'BUY', 0.03, 49_000, 'PARTIALLY_FILLED', 4),
  { type: 'market_updated', ts: ts(5), symbol: BTCUSDT, price: 48_800.5 },
  fill('b1', 'BUY', 0.03, 48_990, 'PARTIALLY_FILLED', 6),
  { type: 'order_cancelled', ts: ts(7), clientOrderId: clientOrderId('b1'), reason: null },
  { type: 'order_accepted', ts: ts(7), clientOrderId: clientOrderId('b2'), venueOrderId: 'v2' },
  fill('b2', 'BUY', 0.05, 48_801, 'FILLED', 8),
  {
    type: 'order_submitted',
    ts: ts(9),
    request: request('s1', 'SELL', 0.04, { type: 'STOP_LIMIT', stopPrice: 48_000, price: 47_900 }),
    seq: 4,
    reserved: { asset: BTC, amount: 0.04 },
  },
  { type: 'order_triggered', ts: ts(10), clientOrderId: clientOrderId('s1') },
  fill('s1', 'SELL', 0.01, 47_950, 'PARTIALLY_FILLED', 11),
  { type: 'funds_deposited', ts: ts(12), asset: ETH, amount: 2 },
  {
    type: 'order_submitted',
    ts: ts(13),
    request: request('e1', 'SELL', 1, { type: 'LIMIT', price: 0.06 }, ETHBTC),
    seq: 5,
    reserved: { asset: ETH, amount: 1 },
  },
  {
    type: 'order_rejected',
    ts: ts(14),
    clientOrderId: clientOrderId('e1'),
    reason: 'venue says no',
  },
  {
    type: 'order_submitted',
    ts: ts(15),
    request: { ...request('i1', 'BUY', 0.01, { type: 'LIMIT', price: 40_000 }), tif: 'IOC' },
    seq: 6,
    reserved: { asset: USDT, amount: 400 },
  },
  { type: 'order_expired', ts: ts(15), clientOrderId: clientOrderId('i1'), reason: 'IOC' },
  { type: 'market_updated', ts: ts(60 * 24 + 1), symbol: BTCUSDT, price: 47_000 },
  { type: 'kill_switch_tripped', ts: ts(60 * 24 + 2), reason: 'max_daily_loss: 3.1% > 3%' },
];

function build(events: readonly StateEvent[]): EngineState {
  const s = fresh();
  for (const e of events) applyEvent(s, e);
  return s;
}

/** JSON both ways, as a snapshot travels. */
const viaJson = (s: EngineState): unknown => JSON.parse(JSON.stringify(serializeState(s)));

/** Deep equality that also pins the insertion order of every Map and Set. */
function expectSameState(actual: EngineState, expected: EngineState): void {
  expect(actual).toStrictEqual(expected);
  expect(serializeState(actual)).toStrictEqual(serializeState(expected));
  expect([...actual.valuationSymbols]).toStrictEqual([...expected.valuationSymbols]);
}

function decode(data: unknown): EngineState {
  const r = deserializeState(data);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('serializeState / deserializeState', () => {
  it('round-trips a fresh state', () => {
    expectSameState(decode(viaJson(fresh())), fresh());
  });

  it('round-trips the keepFinishedOrders and trackRisk flags; old snapshots default both to true', () => {
    const lean = createState(USDT, INSTRUMENTS, 60_000, false, false);
    expectSameState(decode(viaJson(lean)), lean);
    const old = viaJson(fresh()) as Record<string, unknown>;
    delete old.keepFinishedOrders;
    delete old.trackRisk;
    expect(decode(old)).toMatchObject({ keepFinishedOrders: true, trackRisk: true });
  });

  it('round-trips after every event of a session', () => {
    for (let n = 1; n <= SESSION.length; n++) {
      const s = build(SESSION.slice(0, n));
      expectSameState(decode(viaJson(s)), s);
    }
    const end = build(SESSION);
    expect([...end.openOrders]).toEqual([clientOrderId('s1')]);
    expect(end.risk.killSwitch).toBe('max_daily_loss: 3.1% > 3%');
    expect(end.orders.size).toBe(6);
  });

  it('keeps insertion order that differs from sorted order', () => {
    const s = fresh();
    applyEvent(s, { type: 'funds_deposited', ts: ts(0), asset: USDT, amount: 1e6 });
    for (const [i, id] of ['z', 'a', 'm'].entries()) {
      applyEvent(s, {
        type: 'order_submitted',
        ts: ts(i),
        request: request(id, 'BUY', 1, { type: 'LIMIT', price: 100 }),
        seq: i + 1,
        reserved: { asset: USDT, amount: 100 },
      });
    }
    applyEvent(s, {
      type: 'order_cancelled',
      ts: ts(5),
      clientOrderId: clientOrderId('a'),
      reason: null,
    });
    const back = decode(viaJson(s));
    expect([...back.openOrders]).toEqual(['z', 'm']);
    expect([...back.orders.keys()]).toEqual(['z', 'a', 'm']);
  });

  it('continues identically after a round trip', () => {
    const cut = 9;
    const live = build(SESSION);
    const resumed = decode(viaJson(build(SESSION.slice(0, cut))));
    for (const e of SESSION.slice(cut)) applyEvent(resumed, e);
    expectSameState(resumed, live);
  });

  it('shares no mutable data with the live state or the input', () => {
    const s = build(SESSION.slice(0, 6));
    const data = serializeState(s);
    const before = JSON.stringify(data);
    applyEvent(s, {
      type: 'order_submitted',
      ts: ts(100),
      request: request('x', 'BUY', 0.001, { type: 'LIMIT', price: 100 }),
      seq: 7,
      reserved: { asset: USDT, amount: 0.1 },
    });
    expect(s.openOrders.size).toBe(3);
    expect(JSON.stringify(data)).toBe(before);

    const input = viaJson(s) as SerializedState;
    const back = decode(input);
    const n = input.risk.recentOrderTs.length;
    back.risk.recentOrderTs.push(1);
    back.openOrders.clear();
    expect(input.risk.recentOrderTs).toHaveLength(n);
    expect(input.openOrders).toHaveLength(3);
  });

  it('serializes to plain JSON with Maps as entry arrays', () => {
    const data = serializeState(build(SESSION.slice(0, 4)));
    expect(data.version).toBe(1);
    expect(data.balances[0]?.[0]).toBe('USDT');
    expect(data.marks).toEqual([['BTCUSDT', 50_000]]);
    expect(JSON.parse(JSON.stringify(data))).toStrictEqual(data);
    expect('valuationSymbols' in data).toBe(false);
  });
});

/** The order at `i` of serialized data, opened up for tampering. */
function orderAt(
  d: SerializedState,
  i: number,
): Record<string, unknown> & { request: Record<string, unknown> } {
  const entry = d.orders[i];
  if (entry === undefined) throw new Error(`no order at ${i}`);
  return entry[1] as unknown as Record<string, unknown> & { request: Record<string, unknown> };
}

describe('deserializeState errors', () => {
  const good = () => viaJson(build(SESSION)) as Record<string, unknown> & SerializedState;
  const error = (data: unknown): string => {
    const r = deserializeState(data);
    expect(r.ok).toBe(false);
    return r.ok ? '' : r.error;
  };

  it('names the path and the problem', () => {
    expect(error(null)).toBe('(root): expected object, received null');
    expect(error({ ...good(), version: 2 })).toBe(
      'version: unsupported state version 2 (expected 1)',
    );
    expect(error({ ...good(), nextSeq: '7' })).toBe('nextSeq: expected number, received string');
    const { marks: _marks, ...noMarks } = good();
    expect(error(noMarks)).toBe('marks: expected array, received undefined');

    const bad = good();
    orderAt(bad, 2).request.qty = 'lots';
    expect(error(bad)).toBe('orders[2][1].request.qty: expected number, received string');

    const badType = good();
    orderAt(badType, 0).request.type = 'ICEBERG';
    expect(error(badType)).toMatch(/^orders\[0\]\[1\]\.request\.type: Invalid discriminator value/);

    const badStatus = good();
    orderAt(badStatus, 1).status = 'DONE';
    expect(error(badStatus)).toMatch(/^orders\[1\]\[1\]\.status: Invalid option/);
  });

  it('refuses non-finite numbers, which JSON turns into null', () => {
    const s = build(SESSION);
    s.marks.set(BTCUSDT, Number.NaN);
    expect(error(viaJson(s))).toBe('marks[0][1]: expected number, received null');
  });

  it('refuses what a Map or Set would hide', () => {
    const dup = good();
    const balances = [...dup.balances, dup.balances[0]];
    expect(error({ ...dup, balances })).toBe('balances[3]: duplicate key "USDT"');

    const g = good();
    expect(error({ ...g, openOrders: ['nope'] })).toBe('openOrders[0]: unknown order "nope"');
    expect(error({ ...g, openOrders: ['s1', 's1'] })).toBe('openOrders[1]: duplicate id "s1"');

    const misfiled = good();
    const [, inst] = misfiled.instruments[0] ?? [];
    expect(error({ ...misfiled, instruments: [['XUSDT', inst]] })).toBe(
      'instruments[0]: key XUSDT holds instrument BTCUSDT',
    );
  });

  it('keeps fields it does not know, so a round trip loses nothing', () => {
    const s = build(SESSION.slice(0, 3));
    const o = s.orders.get(clientOrderId('b1'));
    if (o === undefined) throw new Error('missing');
    s.orders.set(clientOrderId('b1'), {
      ...o,
      request: { ...o.request, tag: 'grid-3' } as unknown as OrderRequest,
    });
    expectSameState(decode(viaJson(s)), s);
  });
});
