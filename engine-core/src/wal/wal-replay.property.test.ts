import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEvent } from '../engine/apply-event';
import { createState, type EngineState } from '../engine/engine-state';
import { serializeState } from '../engine/state-codec';
import {
  type Asset,
  asset,
  clientOrderId,
  type Instrument,
  type OrderPricing,
  type Side,
  type StateEvent,
  symbolId,
  type TimeInForce,
  timestampMs,
} from '../model';
import { MemoryWalStore } from './memory-wal-store';
import { recoverState } from './recover';
import { openWal, type WalWriter } from './wal-writer';

// A tiny driver turns abstract actions into plausible state events, reading the live state so
// that every event is one the reducer accepts: reservations within free balances, fills within
// the remaining quantity, and cancels, rejects and expiries only on open orders.

const USDT = asset('USDT');
const inst = (base: string, quote: string): Instrument => ({
  symbol: symbolId(base + quote),
  base: asset(base),
  quote: asset(quote),
  tickSize: 1e-8,
  lotSize: 1e-8,
  minQty: 1e-8,
  minNotional: 0,
});
const INSTRUMENTS = [inst('BTC', 'USDT'), inst('ETH', 'USDT'), inst('ETH', 'BTC')];
const BASE_PRICE = [50_000, 3_000, 0.06];
const UNIT_QTY = [0.2, 3, 3];
const ASSETS = [USDT, asset('BTC'), asset('ETH')];
const UNIT_DEPOSIT = [20_000, 0.5, 5];
const fresh = (): EngineState => createState(USDT, INSTRUMENTS, 3_600_000);

type Pick = 'accept' | 'cancel' | 'reject' | 'expire' | 'trigger';
type Action =
  | { readonly k: 'deposit'; readonly asset: number; readonly size: number }
  | {
      readonly k: 'submit';
      readonly sym: number;
      readonly side: Side;
      readonly type: 'LIMIT' | 'MARKET' | 'STOP';
      readonly size: number;
      readonly off: number;
      readonly tif: TimeInForce;
    }
  | { readonly k: Pick; readonly pick: number }
  | { readonly k: 'fill'; readonly pick: number; readonly frac: number; readonly full: boolean }
  | { readonly k: 'market'; readonly sym: number; readonly move: number }
  | { readonly k: 'kill' };

interface Step {
  readonly actions: readonly Action[];
  readonly dt: number;
  readonly restart: boolean;
}

const symIndex = fc.nat({ max: 2 });
const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('deposit' as const),
      asset: symIndex,
      size: fc.double({ min: 0.01, max: 1, noNaN: true }),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      k: fc.constant('submit' as const),
      sym: symIndex,
      side: fc.constantFrom<Side>('BUY', 'SELL'),
      type: fc.constantFrom('LIMIT' as const, 'MARKET' as const, 'STOP' as const),
      size: fc.oneof(
        { weight: 5, arbitrary: fc.double({ min: 0.001, max: 0.3, noNaN: true }) },
        { weight: 1, arbitrary: fc.double({ min: 1, max: 5, noNaN: true }) }, // often denied
      ),
      off: fc.double({ min: -0.05, max: 0.05, noNaN: true, noDefaultInfinity: true }),
      tif: fc.constantFrom<TimeInForce>('GTC', 'GTC', 'IOC'),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constantFrom<Pick>('accept', 'cancel', 'reject', 'expire', 'trigger'),
      pick: fc.nat(),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      k: fc.constant('fill' as const),
      pick: fc.nat(),
      frac: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
      full: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('market' as const),
      sym: symIndex,
      move: fc.double({ min: -0.03, max: 0.03, noNaN: true }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('kill' as const) }) },
);
const steps: fc.Arbitrary<Step[]> = fc.array(
  fc.record({
    actions: fc.array(action, { minLength: 1, maxLength: 3 }),
    dt: fc.integer({ min: 0, max: 4 * 3_600_000 }),
    restart: fc.nat({ max: 11 }).map((n) => n === 0),
  }),
  { minLength: 1, maxLength: 60 },
);

class Driver {
  private _ts = 1_700_000_000_000;
  private _ids = 0;

  advance(dt: number): void {
    this._ts += dt;
  }

  /** Events for one action, given the live state; applies each so the next action sees it. */
  run(state: EngineState, a: Action): StateEvent[] {
    const out: StateEvent[] = [];
    const ts = timestampMs(this._ts);
    const push = (e: StateEvent) => {
      applyEvent(state, e);
      out.push(e);
    };
    const free = (x: Asset) => state.balances.get(x)?.free ?? 0;
    const ref = (i: number) =>
      state.marks.get((INSTRUMENTS[i] as Instrument).symbol) ?? (BASE_PRICE[i] as number);
    const open = (pick: number) => {
      const ids = [...state.openOrders];
      const id = ids[pick % Math.max(1, ids.length)];
      return id === undefined ? undefined : state.orders.get(id);
    };
    switch (a.k) {
      case 'deposit': {
        push({
          type: 'funds_deposited',
          ts,
          asset: ASSETS[a.asset] as Asset,
          amount: a.size * (UNIT_DEPOSIT[a.asset] as number),
        });
        break;
      }
      case 'submit': {
        const i = a.sym;
        const ins = INSTRUMENTS[i] as Instrument;
        const px = ref(i) * (1 + a.off);
        const pricing: OrderPricing =
          a.type === 'LIMIT'
            ? { type: 'LIMIT', price: px }
            : a.type === 'STOP'
              ? { type: 'STOP', stopPrice: px }
              : { type: 'MARKET' };
        const qty = a.size * (UNIT_QTY[i] as number);
        const request = {
          ...pricing,
          clientOrderId: clientOrderId(`o${++this._ids}`),
          symbol: ins.symbol,
          side: a.side,
          qty,
          tif: a.tif,
          postOnly: false,
          reduceOnly: false,
        };
        const reserved =
          a.side === 'SELL'
            ? { asset: ins.base, amount: qty }
            : { asset: ins.quote, amount: qty * (a.type === 'LIMIT' ? px : px * 1.05) * 1.001 };
        const seq = state.nextSeq;
        if (reserved.amount > free(reserved.asset)) {
          push({
            type: 'order_denied',
            ts,
            request,
            seq,
            reason: `insufficient ${reserved.asset}: ${reserved.amount} > ${free(reserved.asset)}`,
          });
        } else {
          push({ type: 'order_submitted', ts, request, seq, reserved });
        }
        break;
      }
      case 'accept':
      case 'reject': {
        const o = open(a.pick);
        if (o === undefined || o.status !== 'NEW') break;
        const clientOrderId = o.request.clientOrderId;
        push(
          a.k === 'accept'
            ? { type: 'order_accepted', ts, clientOrderId, venueOrderId: `v-${clientOrderId}` }
            : { type: 'order_rejected', ts, clientOrderId, reason: 'venue: try later' },
        );
        break;
      }
      case 'cancel':
      case 'expire': {
        const o = open(a.pick);
        if (o === undefined) break;
        const clientOrderId = o.request.clientOrderId;
        push(
          a.k === 'cancel'
            ? {
                type: 'order_cancelled',
                ts,
                clientOrderId,
                reason: a.pick % 2 === 0 ? null : 'user',
              }
            : { type: 'order_expired', ts, clientOrderId, reason: o.request.tif },
        );
        break;
      }
      case 'trigger': {
        const o = open(a.pick);
        if (o === undefined || o.request.type !== 'STOP' || o.triggered) break;
        push({ type: 'order_triggered', ts, clientOrderId: o.request.clientOrderId });
        break;
      }
      case 'fill': {
        const o = open(a.pick);
        if (o === undefined) break;
        const r = o.request;
        const i = INSTRUMENTS.findIndex((x) => x.symbol === r.symbol);
        const ins = INSTRUMENTS[i] as Instrument;
        if (r.type === 'STOP' && !o.triggered)
          push({ type: 'order_triggered', ts, clientOrderId: r.clientOrderId });
        const remaining = r.qty - o.executedQty;
        const qty = a.full ? remaining : remaining * a.frac;
        const better = r.side === 'BUY' ? 1 - 0.001 * a.frac : 1 + 0.001 * a.frac;
        const price =
          r.type === 'LIMIT' ? r.price * better : r.type === 'STOP' ? r.stopPrice : ref(i);
        push({
          type: 'order_filled',
          ts,
          clientOrderId: r.clientOrderId,
          symbol: r.symbol,
          side: r.side,
          status: a.full ? 'FILLED' : 'PARTIALLY_FILLED',
          qty,
          price,
          fee: qty * price * (a.full ? 0.001 : 0.0002),
          feeAsset: ins.quote,
          liquidity: a.full ? 'TAKER' : 'MAKER',
        });
        break;
      }
      case 'market': {
        const ins = INSTRUMENTS[a.sym] as Instrument;
        push({ type: 'market_updated', ts, symbol: ins.symbol, price: ref(a.sym) * (1 + a.move) });
        break;
      }
      case 'kill':
        push({ type: 'kill_switch_tripped', ts, reason: 'max_daily_loss: test' });
        break;
    }
    return out;
  }
}

/** Deep equality that also pins the insertion order of every Map and Set. */
function expectSameState(actual: EngineState, expected: EngineState): void {
  expect(actual).toStrictEqual(expected);
  expect(serializeState(actual)).toStrictEqual(serializeState(expected));
}

async function open(
  store: MemoryWalStore,
  compactEvery: number,
): Promise<{ state: EngineState; writer: WalWriter }> {
  const r = await openWal(store, fresh, { compactEvery });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('WAL replay (property)', () => {
  it('recovers exactly the live state after every step, across compactions and restarts', async () => {
    await fc.assert(
      fc.asyncProperty(
        steps,
        fc.integer({ min: 1, max: 25 }),
        fc.nat(),
        async (plan, compactEvery, corruptAt) => {
          const driver = new Driver();
          const reference = fresh(); // one process from start to end, never serialized
          let store = new MemoryWalStore();
          let { state, writer } = await open(store, compactEvery);
          let total = 0;
          const funding = [0, 1, 2].map((asset): Action => ({ k: 'deposit', asset, size: 1 }));
          for (const s of [{ actions: funding, dt: 0, restart: false }, ...plan]) {
            driver.advance(s.dt);
            for (const a of s.actions) {
              const events = driver.run(state, a);
              for (const e of events) applyEvent(reference, e);
              writer.stage(events);
              total += events.length;
            }
            await writer.flush();
            await writer.maybeCompact(state);
            if (s.restart) {
              await store.close();
              store = store.reopen();
              ({ state, writer } = await open(store, compactEvery));
            }
            const recovered = recoverState(await store.load(), fresh);
            if (!recovered.ok) throw new Error(recovered.error);
            expect(recovered.value.lastSeq).toBe(total);
            expectSameState(recovered.value.state, state);
            expectSameState(state, reference);
          }

          // A corrupted record is reported, never applied.
          if (store.lines.length > 0) {
            const i = corruptAt % store.lines.length;
            const line = store.lines[i] as string;
            store.lines[i] = line.replace(
              /"ts":(\d)/,
              (_, d: string) => `"ts":${(Number(d) + 1) % 10}`,
            );
            const r = await openWal(store.reopen(), fresh);
            expect(r.ok ? 'opened' : r.error).toMatch(
              new RegExp(`^cannot load WAL: record line ${i + 1}: checksum mismatch`),
            );
          }
        },
      ),
      { seed: 20_240_611, numRuns: 120 },
    );
  });
});
