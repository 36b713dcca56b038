import type { BacktestResult, Fill } from '../analyzer';
import { VirtualClock } from '../clock';
import { Engine, type EngineConfig } from '../engine';
import type { Candles } from '../market';
import {
  asset,
  clientOrderId,
  type Instrument,
  liquidationPrice,
  type OrderRequest,
  symbolId,
} from '../model';
import { NO_RISK_LIMITS } from '../risk';
import type { ParamValues, Strategy, StrategyContext, StrategyOrder } from '../strategy';
import { BarVenue } from '../venue';
import type { BacktestConfig } from './backtest-config';

const QUOTE = asset('QUOTE');
const BASE = asset('BASE');

/**
 * The instrument a bar backtest trades: no tick, lot or notional filters (DESIGN §4 sizes
 * freely); a perpetual when the config says so.
 */
function backtestInstrument(symbol: string, perp: BacktestConfig['perp']): Instrument {
  const inst: Instrument = {
    symbol: symbolId(symbol),
    base: BASE,
    quote: QUOTE,
    tickSize: 0,
    lotSize: 0,
    minQty: 0,
    minNotional: 0,
  };
  return perp === undefined ? inst : { ...inst, margin: perp };
}

type PendingMarket = { side: 'BUY' | 'SELL'; fraction: number; qty: number; closeAll: boolean };

/**
 * Runs a strategy over candles through the one `Engine` (order state machine, accounting, risk)
 * with the bar venue of DESIGN §4. The loop touches the engine only when orders exist; a bar with
 * nothing to do costs a few array reads and the strategy call, and allocates nothing.
 */
export function runBacktest(
  candles: Candles,
  strategy: Strategy,
  params: ParamValues,
  config: BacktestConfig,
): BacktestResult {
  const n = candles.length;
  const symbol = symbolId(candles.symbol || 'SYMBOL');
  const engineConfig: EngineConfig = {
    accountAsset: QUOTE,
    instruments: [backtestInstrument(symbol, config.perp)],
    fees: { makerBps: config.makerFeeBps, takerBps: config.feeBps },
    risk: config.risk ?? NO_RISK_LIMITS,
    marketProtection: 0,
    reportChanges: false,
    keepFinishedOrders: false,
  };
  const clock = new VirtualClock(n > 0 ? (candles.time[0] as number) : 0);
  const venue = new BarVenue({
    slippageBps: config.slippageBps,
    volumeCap: config.volumeCap ?? null,
  });
  const engine = new Engine(engineConfig, clock, venue);
  engine.deposit(QUOTE, config.initialCash);

  const { time, open, high, low, close, volume } = candles;
  const equity = new Float64Array(n);
  const positionQty = new Float64Array(n);
  const fills: Fill[] = [];
  const s = config.slippageBps / 10_000;
  const f = config.feeBps / 10_000;

  // Account figures cached between engine interactions (they change only on fills).
  let cash = config.initialCash;
  let pos = 0;
  let nextId = 1;
  const pending: PendingMarket[] = [];
  let bar = 0;

  const perp = config.perp;
  // What one unit of cash buys at a price: spot pays in full, a perpetual posts margin.
  const costPerUnit = perp === undefined ? 1 + f : 1 / perp.leverage + f;
  // Perpetual equity is wallet + (close − avg) × pos; spot's is cash + pos × close.
  let costBasis = 0;
  let liqOrder: ReturnType<typeof clientOrderId> | null = null;
  const refresh = () => {
    const q = engine.state.balances.get(QUOTE);
    cash = q === undefined ? 0 : q.free + q.locked;
    if (perp === undefined) {
      const b = engine.state.balances.get(BASE);
      pos = b === undefined ? 0 : b.free + b.locked;
      return;
    }
    const p = engine.state.positions.get(symbol);
    const newPos = p === undefined ? 0 : p.qty;
    const newBasis = p === undefined ? 0 : p.qty * p.avgPrice;
    if (newPos !== pos || newBasis !== costBasis) {
      pos = newPos;
      costBasis = newBasis;
      replaceLiquidation(p?.avgPrice ?? 0);
    }
  };
  /** Keeps one reduce-only stop at the position's liquidation price (isolated margin). */
  const replaceLiquidation = (avg: number) => {
    if (perp === undefined) return;
    if (liqOrder !== null) {
      collect(engine.handle({ type: 'cancel_order', clientOrderId: liqOrder }));
      liqOrder = null;
    }
    const px = liquidationPrice(perp, pos, avg);
    if (px === null || !(px > 0)) return;
    liqOrder = clientOrderId(`liq-${nextId++}`);
    const side = pos > 0 ? ('SELL' as const) : ('BUY' as const);
    collect(
      engine.handle({
        type: 'submit_order',
        request: {
          clientOrderId: liqOrder,
          symbol,
          side,
          qty: Math.abs(pos),
          tif: 'GTC',
          postOnly: false,
          reduceOnly: true,
          type: 'STOP',
          stopPrice: px,
        },
      }),
    );
  };
  const collect = (events: ReturnType<Engine['handle']>) => {
    for (const e of events) {
      if (e.type === 'order_filled')
        fills.push({ time: e.ts, side: e.side, qty: e.qty, price: e.price, fee: e.fee });
    }
  };
  const send = (req: OrderRequest) =>
    collect(engine.handle({ type: 'submit_order', request: req }));
  const newId = () => clientOrderId(`bt-${nextId++}`);

  const ctx: StrategyContext & { bar: number } = {
    candles,
    bar: 0,
    params,
    now: () => (time[bar] as number) + candles.intervalMs,
    position: () => pos,
    cash: () => cash,
    equity: () => cash + pos * (close[bar] as number) - costBasis,
    submit(order: StrategyOrder): string {
      const id = newId();
      clock.advanceTo(time[bar] as number);
      if (order.type === 'MARKET') {
        pending.push({
          side: order.side,
          fraction: 'fraction' in order.size ? order.size.fraction : 0,
          qty: 'qty' in order.size ? order.size.qty : 0,
          closeAll: false,
        });
        return id;
      }
      const px = order.type === 'STOP' ? order.stopPrice : order.price;
      const qty =
        'qty' in order.size ? order.size.qty : (order.size.fraction * cash) / (px * costPerUnit);
      const base = {
        clientOrderId: id,
        symbol,
        side: order.side,
        qty,
        tif: 'GTC' as const,
        postOnly: false,
        reduceOnly: false,
      };
      if (order.type === 'LIMIT') send({ ...base, type: 'LIMIT', price: order.price });
      else if (order.type === 'STOP') send({ ...base, type: 'STOP', stopPrice: order.stopPrice });
      else send({ ...base, type: 'STOP_LIMIT', stopPrice: order.stopPrice, price: order.price });
      refresh();
      return id;
    },
    closePosition(): void {
      if (pos !== 0)
        pending.push({ side: pos > 0 ? 'SELL' : 'BUY', fraction: 0, qty: 0, closeAll: true });
    },
    cancel(id: string): void {
      clock.advanceTo(time[bar] as number);
      collect(engine.handle({ type: 'cancel_order', clientOrderId: clientOrderId(id) }));
      refresh();
    },
    bracket(takeProfit: number, stopLoss: number): void {
      if (pos === 0) return;
      clock.advanceTo(time[bar] as number);
      const tp = newId();
      const sl = newId();
      const side = pos > 0 ? ('SELL' as const) : ('BUY' as const);
      const common = {
        symbol,
        side,
        qty: Math.abs(pos),
        tif: 'GTC' as const,
        postOnly: false,
        reduceOnly: true,
      };
      send({ ...common, clientOrderId: tp, type: 'LIMIT', price: takeProfit });
      send({ ...common, clientOrderId: sl, type: 'STOP', stopPrice: stopLoss });
      venue.linkOco(tp, sl);
      refresh();
    },
  };

  const instance = strategy.create(params);
  for (let i = 0; i < n; i++) {
    bar = i;
    // The engine's clock moves only when the engine is used (submit, match): most bars don't.
    if (pending.length > 0) {
      clock.advanceTo(time[i] as number);
      submitPendingAtOpen(open[i] as number);
      // With nothing else working, the venue fills them on submission (no processBar below).
      refresh();
    }
    if (venue.hasWorking) {
      clock.advanceTo(time[i] as number);
      venue.processBar(
        open[i] as number,
        high[i] as number,
        low[i] as number,
        close[i] as number,
        volume[i] as number,
      );
      collect(engine.poll());
      refresh();
    }
    equity[i] = cash + pos * (close[i] as number) - costBasis;
    positionQty[i] = pos;
    ctx.bar = i;
    instance.onBar(ctx);
  }

  /** Market orders queued at the last close go in at this open, sized at their fill price. */
  function submitPendingAtOpen(o: number): void {
    for (const p of pending) {
      const price = p.side === 'BUY' ? o * (1 + s) : o * (1 - s);
      const qty = p.closeAll
        ? Math.abs(pos)
        : p.qty > 0
          ? p.qty
          : (p.fraction * cash) / (price * costPerUnit);
      if (!(qty > 0)) continue;
      // The venue prices market orders at this open (with slippage), so the reservation
      // (market protection 0) is exactly what the fill will cost.
      venue.setOpen(o);
      send({
        clientOrderId: newId(),
        symbol,
        side: p.side,
        qty,
        tif: 'GTC',
        postOnly: false,
        reduceOnly: p.closeAll,
        type: 'MARKET',
      });
    }
    pending.length = 0;
  }

  return {
    strategy: strategy.name,
    params: { ...params },
    symbol: candles.symbol,
    interval: candles.interval,
    barMs: candles.intervalMs,
    config: {
      initial_cash: config.initialCash,
      fee_bps: config.feeBps,
      maker_fee_bps: config.makerFeeBps,
      slippage_bps: config.slippageBps,
    },
    time,
    open,
    high,
    low,
    close,
    equity,
    positionQty,
    fills,
  };
}
