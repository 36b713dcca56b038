import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExchangeEvent, ExOrder, SymbolSpec } from '../../../test/local-exchange';
import { BTCUSDT_SPEC } from '../../../test/local-exchange/symbols';
import {
  accountJson,
  exchangeInfoJson,
  orderJson,
  tradeJson,
  userEventJson,
} from '../../../test/local-exchange/wire-format';
import {
  parseAccount,
  parseCancel,
  parseErrorBody,
  parseExchangeInfo,
  parseMyTrades,
  parseNewOrder,
  parseOpenOrders,
  parseOrder,
  parseServerTime,
  parseWsFrame,
} from './parse';

const PARSERS = [
  parseAccount,
  parseCancel,
  parseErrorBody,
  parseExchangeInfo,
  parseMyTrades,
  parseNewOrder,
  parseOpenOrders,
  parseOrder,
  parseServerTime,
  parseWsFrame,
];

const SPEC: SymbolSpec = BTCUSDT_SPEC;

const ORDER: ExOrder = {
  account: 'a',
  symbol: 'BTCUSDT',
  orderId: 1001,
  clientOrderId: 'c1',
  side: 'BUY',
  type: 'LIMIT',
  tif: 'GTC',
  price: 19_000,
  stopPrice: 0,
  origQty: 0.1,
  executedQty: 0.04,
  cumQuote: 760,
  status: 'PARTIALLY_FILLED',
  time: 1,
  updateTime: 2,
  triggered: false,
  lockPx: 19_000,
  cancelClientOrderId: null,
};

const TRADE = {
  id: 5000,
  symbol: 'BTCUSDT',
  orderId: 1001,
  account: 'a',
  price: 19_000,
  qty: 0.04,
  quoteQty: 760,
  commission: 0.00004,
  commissionAsset: 'BTC',
  time: 3,
  isBuyer: true,
  isMaker: true,
};

const EXEC: ExchangeEvent = {
  kind: 'execution',
  account: 'a',
  order: ORDER,
  execType: 'TRADE',
  trade: TRADE,
  rejectReason: 'NONE',
  ts: 4,
};

const frame = (event: unknown) => JSON.stringify({ subscriptionId: 0, event });

describe('Binance reply parsers', () => {
  it("read the exchange's layouts (as the local exchange writes them)", () => {
    const info = parseExchangeInfo(JSON.stringify(exchangeInfoJson([SPEC], [], 1, 'NOTIONAL')));
    expect(info.ok && info.value.symbols.get('BTCUSDT')).toMatchObject({
      tickSize: '0.01000000',
      minNotional: 5,
    });
    const legacy = parseExchangeInfo(
      JSON.stringify(exchangeInfoJson([SPEC], [], 1, 'MIN_NOTIONAL')),
    );
    expect(legacy.ok && legacy.value.symbols.get('BTCUSDT')).toMatchObject({
      minNotional: 5,
      notionalAppliesToMarket: true,
    });
    expect(parseOrder(JSON.stringify(orderJson(ORDER)))).toMatchObject({
      ok: true,
      value: { origQty: 0.1, executedQty: 0.04 },
    });
    expect(parseMyTrades(JSON.stringify([tradeJson(TRADE)]))).toMatchObject({
      ok: true,
      value: [{ id: 5000, commission: 0.00004 }],
    });
    expect(
      parseAccount(
        JSON.stringify(
          accountJson([{ asset: 'BTC', free: 1, locked: 0.5 }], { maker: 0.001, taker: 0.001 }, 1),
        ),
      ),
    ).toEqual({
      ok: true,
      value: { balances: [{ asset: 'BTC', free: 1, locked: 0.5 }] },
    });
    const ws = parseWsFrame(frame(userEventJson(EXEC)));
    expect(ws.ok && ws.value.kind === 'execution' && ws.value.report).toMatchObject({
      x: 'TRADE',
      l: 0.04,
      L: 19_000,
      t: 5000,
      m: true,
    });
  });

  it('name the field and what is wrong', () => {
    const ev = userEventJson(EXEC);
    expect(parseWsFrame(frame({ ...ev, l: 'abc' }))).toEqual({
      ok: false,
      error: 'executionReport: l: not a decimal string',
    });
    const { t: _t, ...noTrade } = ev;
    expect(parseWsFrame(frame(noTrade))).toEqual({
      ok: false,
      error: 'executionReport: t: Invalid input: expected number, received undefined',
    });
    expect(parseOrder('{"symbol":"X"')).toEqual({
      ok: false,
      error: 'order reply: not JSON (13 bytes)',
    });
    expect(parseMyTrades('[{"id":1.5}]')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^myTrades reply: 0\.id: /),
    });
  });

  it('never throw on arbitrary text or JSON, and answer ok or a named error', () => {
    const inputs = fc.oneof(
      fc.string(),
      fc.json(),
      fc.jsonValue().map((v) => JSON.stringify({ subscriptionId: 0, event: v })),
      fc.jsonValue().map((v) => JSON.stringify({ ...userEventJson(EXEC), x: v })),
      fc.jsonValue().map((v) => JSON.stringify({ id: v, status: 200 })),
    );
    fc.assert(
      fc.property(inputs, (text) => {
        for (const parse of PARSERS) {
          const r = parse(text);
          if (!r.ok) expect(r.error).toMatch(/^[a-zA-Z ]+: ./);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a mutated execution report is either valid in every field or refused, never half-read', () => {
    const ev = userEventJson(EXEC);
    const keys = Object.keys(ev);
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.jsonValue(), (key, value) => {
        const r = parseWsFrame(frame({ ...ev, [key]: value }));
        if (r.ok && r.value.kind === 'execution') {
          const rep = r.value.report;
          expect(Number.isFinite(rep.l) && Number.isFinite(rep.L) && Number.isInteger(rep.t)).toBe(
            true,
          );
        } else if (!r.ok) {
          expect(r.error).toMatch(/^(executionReport|stream frame): /);
        }
      }),
      { numRuns: 500 },
    );
  });
});
