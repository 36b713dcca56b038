import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  asset,
  clientOrderId,
  type EngineCommand,
  type EngineEvent,
  isStateEvent,
  type OrderPricing,
  symbolId,
} from '../model';
import { makeEngine, order } from '../testing/engine-fixtures';
import { ExternalVenue } from '../venue';
import { MemoryWalStore, recoverState, WalWriter } from '../wal';
import { applyEvent } from './apply-event';
import { createState, equity } from './engine-state';

/** A step of a random session, resolved against the session's own state when it runs. */
type Step =
  | {
      kind: 'order';
      sym: 0 | 1;
      side: 0 | 1;
      type: 0 | 1 | 2 | 3;
      lots: number;
      off: number;
      off2: number;
      tif: 0 | 1 | 2;
      post: boolean;
      reduce: boolean;
    }
  | { kind: 'cancel'; pick: number }
  | { kind: 'tick'; sym: 0 | 1; move: number }
  | { kind: 'wait'; ms: number }
  | { kind: 'exec'; pick: number; what: 0 | 1 | 2 | 3; frac: number; off: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('order' as const),
    sym: fc.constantFrom(0 as const, 1 as const),
    side: fc.constantFrom(0 as const, 1 as const),
    type: fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const),
    lots: fc.integer({ min: 1, max: 400 }),
    off: fc.integer({ min: -80, max: 80 }),
    off2: fc.integer({ min: -30, max: 30 }),
    tif: fc.constantFrom(0 as const, 1 as const, 2 as const),
    post: fc.boolean(),
    reduce: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('tick' as const),
    sym: fc.constantFrom(0 as const, 1 as const),
    move: fc.integer({ min: -60, max: 60 }),
  }),
  fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 80 }) }),
  fc.record({
    kind: fc.constant('exec' as const),
    pick: fc.nat(),
    what: fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const),
    frac: fc.double({ min: 0.05, max: 1, noNaN: true }),
    off: fc.integer({ min: -20, max: 20 }),
  }),
);

const SYMBOLS = ['BTCUSDT', 'ETHUSDT'] as const;
const BASES = ['BTC', 'ETH'] as const;
const LOT = [0.0001, 0.001] as const;
const START = [50_000, 3_000] as const;
const round2 = (x: number) => Math.round(x * 100) / 100;

interface Ledger {
  totals: Map<string, number>;
}

function trackLedger(l: Ledger, e: EngineEvent): void {
  const add = (a: string, d: number) => l.totals.set(a, (l.totals.get(a) ?? 0) + d);
  if (e.type === 'funds_deposited') add(e.asset, e.amount);
  if (e.type === 'order_filled') {
    const base = e.symbol.replace(/USDT$/, '');
    const sign = e.side === 'BUY' ? 1 : -1;
    add(base, sign * e.qty);
    add('USDT', -sign * e.qty * e.price);
    add(e.feeAsset, -e.fee);
  }
}

async function runSession(steps: readonly Step[], live: boolean, latencyMs: number): Promise<void> {
  const { engine, clock, config } = makeEngine({
    makerBps: 2,
    takerBps: 7,
    latencyMs,
    usdt: 100_000,
    ...(live ? { venue: new ExternalVenue() } : {}),
    risk: {
      maxOrderNotional: 60_000,
      priceBand: 0.05,
      maxOpenOrders: 12,
      maxOrdersPerWindow: 20,
      maxDrawdown: 0.5,
    },
  });
  const replica = createState(
    config.accountAsset,
    config.instruments,
    config.risk.orderRateWindowMs,
  );
  const fresh = () =>
    createState(config.accountAsset, config.instruments, config.risk.orderRateWindowMs);
  // The real journal: codec, store, snapshots every few records, recovery.
  const store = new MemoryWalStore();
  const wal = new WalWriter(store, 0, { compactEvery: 7 });
  const ledger: Ledger = { totals: new Map() };
  const ids: string[] = [];
  const price = [START[0] as number, START[1] as number];
  let n = 0;

  const consume = (events: readonly EngineEvent[]) => {
    for (const e of events) {
      trackLedger(ledger, e);
      if (isStateEvent(e)) {
        applyEvent(replica, e);
        wal.stage([e]);
      }
    }
  };
  // Replay the deposit made by makeEngine.
  consume([
    { type: 'funds_deposited', ts: engine.state.lastTs, asset: asset('USDT'), amount: 100_000 },
  ]);
  consume(
    engine.handle({
      type: 'market_tick',
      symbol: symbolId('BTCUSDT'),
      price: price[0] as number,
      ts: null,
    }),
  );
  consume(
    engine.handle({
      type: 'market_tick',
      symbol: symbolId('ETHUSDT'),
      price: price[1] as number,
      ts: null,
    }),
  );

  for (const s of steps) {
    let cmd: EngineCommand | null = null;
    switch (s.kind) {
      case 'order': {
        const p = price[s.sym] as number;
        const px = round2(p * (1 + s.off / 1000));
        const px2 = round2(p * (1 + s.off2 / 1000));
        const pricing: OrderPricing =
          s.type === 0
            ? { type: 'MARKET' }
            : s.type === 1
              ? { type: 'LIMIT', price: px }
              : s.type === 2
                ? { type: 'STOP', stopPrice: px }
                : { type: 'STOP_LIMIT', stopPrice: px, price: px2 };
        const id = `o${n++}`;
        ids.push(id);
        cmd = order(
          id,
          s.side === 0 ? 'BUY' : 'SELL',
          round2(s.lots * (LOT[s.sym] as number) * 1e4) / 1e4,
          pricing,
          {
            symbol: SYMBOLS[s.sym],
            tif: (['GTC', 'IOC', 'FOK'] as const)[s.tif],
            postOnly: s.post && s.type === 1,
            reduceOnly: s.reduce,
          },
        );
        break;
      }
      case 'cancel':
        cmd = {
          type: 'cancel_order',
          clientOrderId: clientOrderId(ids.length ? (ids[s.pick % ids.length] as string) : 'none'),
        };
        break;
      case 'tick': {
        price[s.sym] = round2((price[s.sym] as number) * (1 + s.move / 1000));
        cmd = {
          type: 'market_tick',
          symbol: symbolId(SYMBOLS[s.sym]),
          price: price[s.sym] as number,
          ts: null,
        };
        break;
      }
      case 'wait':
        clock.advanceTo(clock.now() + s.ms);
        consume(engine.poll());
        break;
      case 'exec': {
        if (!live || ids.length === 0) break;
        const id = ids[s.pick % ids.length] as string;
        const o = engine.state.orders.get(clientOrderId(id));
        if (o === undefined) break;
        const remaining = o.request.qty - o.executedQty;
        const lot = o.request.symbol === 'BTCUSDT' ? LOT[0] : LOT[1];
        const qty = Math.max(lot, Math.floor((remaining * s.frac) / lot) * lot);
        const statuses = ['ACCEPTED', 'PARTIALLY_FILLED', 'FILLED', 'CANCELLED'] as const;
        const status = statuses[s.what] as (typeof statuses)[number];
        const base =
          o.request.type === 'LIMIT' || o.request.type === 'STOP_LIMIT'
            ? o.request.price
            : (price[o.request.symbol === 'BTCUSDT' ? 0 : 1] as number);
        // A live buy fills at or below its limit; stay inside the reservation.
        const fillPrice = round2(
          o.request.side === 'BUY'
            ? Math.min(base, base * (1 + s.off / 1000))
            : base * (1 + s.off / 1000),
        );
        cmd = {
          type: 'execution_report',
          clientOrderId: clientOrderId(id),
          status,
          fillQty:
            status === 'FILLED'
              ? remaining
              : status === 'PARTIALLY_FILLED'
                ? Math.min(qty, remaining)
                : null,
          fillPrice: status === 'FILLED' || status === 'PARTIALLY_FILLED' ? fillPrice : null,
          fee: null,
          feeAsset: null,
          venueOrderId: `V${id}`,
          reason: null,
          liquidity: 'TAKER',
        };
        break;
      }
    }
    if (cmd !== null) consume(engine.handle(cmd));
    await wal.flush();
    await wal.maybeCompact(engine.state);
    checkInvariants();
  }
  // replay(WAL) = live state, through the codec, snapshots and recovery.
  await wal.flush();
  const recovered = recoverState(await store.load(), fresh);
  if (!recovered.ok) throw new Error(recovered.error);
  expect(recovered.value.state).toEqual(engine.state);

  function checkInvariants(): void {
    const st = engine.state;
    const reservedByAsset = new Map<string, number>();
    for (const id of st.openOrders) {
      const o = st.orders.get(id);
      if (o?.reserved)
        reservedByAsset.set(
          o.reserved.asset,
          (reservedByAsset.get(o.reserved.asset) ?? 0) + o.reserved.amount,
        );
    }
    for (const [a, b] of st.balances) {
      const scale = Math.max(1, Math.abs(ledger.totals.get(a) ?? 0));
      expect(b.free, `free ${a}`).toBeGreaterThanOrEqual(-1e-9 * scale);
      expect(b.locked, `locked ${a}`).toBeGreaterThanOrEqual(-1e-9 * scale);
      // free + locked = total, with the total computed independently from deposits and fills.
      expect(Math.abs(b.free + b.locked - (ledger.totals.get(a) ?? 0)), `total ${a}`).toBeLessThan(
        1e-7 * scale,
      );
      expect(
        Math.abs(b.locked - (reservedByAsset.get(a) ?? 0)),
        `locked = reservations ${a}`,
      ).toBeLessThan(1e-7 * scale);
    }
    // cash + Σ position × mark = equity
    let cash = st.balances.get(asset('USDT'));
    let marked = (cash?.free ?? 0) + (cash?.locked ?? 0);
    for (const [sym, p] of st.positions) marked += p.qty * (st.marks.get(sym) ?? 0);
    expect(Math.abs(marked - equity(st))).toBeLessThan(1e-6 * Math.max(1, marked));
    cash = undefined;
    // Spot: a position is exactly the base asset held.
    for (const [i, sym] of SYMBOLS.entries()) {
      const held = st.balances.get(asset(BASES[i] as string));
      const pos = st.positions.get(symbolId(sym))?.qty ?? 0;
      expect(Math.abs((held ? held.free + held.locked : 0) - pos)).toBeLessThan(1e-9);
    }
    // replay(WAL) = live state: the replica only ever saw the state events.
    expect(replica).toEqual(st);
  }
}

describe('Engine properties over random command sequences', () => {
  it('simulated venue, no latency', () => {
    return fc.assert(
      fc.asyncProperty(fc.array(stepArb, { maxLength: 60 }), (steps) =>
        runSession(steps, false, 0),
      ),
      { seed: 7, numRuns: 150 },
    );
  });
  it('simulated venue with latency', () => {
    return fc.assert(
      fc.asyncProperty(fc.array(stepArb, { maxLength: 60 }), (steps) =>
        runSession(steps, false, 25),
      ),
      { seed: 11, numRuns: 150 },
    );
  });
  it('external venue driven by execution reports', () => {
    return fc.assert(
      fc.asyncProperty(fc.array(stepArb, { maxLength: 60 }), (steps) => runSession(steps, true, 0)),
      { seed: 13, numRuns: 150 },
    );
  });
});
