// A stand-in for the paper engine, implementing the page's contract (`PaperView` +
// `PaperCommands`) with a seeded random market: a random-walk mid, a 20-level book around it,
// trades that fill resting limits and fire stops, 1m candles, balances, a position and P&L.
// For unit tests (drive it with `step`) and for looking at the page before the real worker exists.
// It is not the engine: its fills and refusals only look like the engine's.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CandleBar } from '../../../../../engine-core/src/market';
import type { BalanceView, Instrument, PositionView } from '../../../../../engine-core/src/model';
import { mulberry32 } from '../../../../../engine-core/src/util/rng';
import type {
  PaperCommands,
  PaperFeedSpec,
  PaperFill,
  PaperOpenOrder,
  PaperResult,
  PaperView,
  TicketOrder,
} from '../../../paper/paper-api';
import { instrumentOf } from '../instrument-format';
import { depthWithin, emptyPaperView, fakeBook, START_PRICE } from './fake-market';

/** Settings of the fake. */
export interface FakePaperOptions {
  readonly role?: 'leader' | 'follower';
  /** Starting cash in the quote asset (default 10 000). */
  readonly cash?: number;
  readonly seed?: number;
  /** Runs `fn` every `ms` until the returned stop is called (default `setInterval`). */
  readonly every?: (ms: number, fn: () => void) => () => void;
  /** Wall time, ms (default `Date.now`). */
  readonly now?: () => number;
}

/** The fake: the contract's store and commands, and handles for tests. */
export interface FakePaper {
  readonly store: StoreApi<PaperView>;
  readonly commands: PaperCommands;
  /** Advances the market by `n` ticks of 100 ms wall time. */
  step(n?: number): void;
  /** A feed incident: a gap (then a resync), or silence until the next `setFeed`. */
  simulate(incident: 'gap' | 'stale'): void;
  dispose(): void;
}

const TICK_MS = 100;
const FEE = 0.001;

const defaultEvery = (ms: number, fn: () => void): (() => void) => {
  const id = setInterval(fn, ms);
  return () => clearInterval(id);
};

/** Creates the fake; the market moves only once a feed is set. */
export function createFakePaper(options: FakePaperOptions = {}): FakePaper {
  const role = options.role ?? 'leader';
  const now = options.now ?? Date.now;
  const every = options.every ?? defaultEvery;
  const rnd = mulberry32(options.seed ?? 7);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const store = createStore<PaperView>(() => emptyPaperView(role, options.cash ?? 10_000));

  let inst: Instrument | null = null;
  let speed = 1;
  let t = 0;
  let mid = 0;
  let ticks = 0;
  let stale = false;
  let gapTicks = 0;
  let gaps = 0;
  let stopTimer: (() => void) | null = null;
  let seq = 0;
  let triggered = new Set<string>();
  let position = { qty: 0, avg: 0, realized: 0 };
  const bal = new Map<string, { free: number; locked: number }>();

  const set = (patch: Partial<PaperView>): void => store.setState(patch);
  const log = (kind: string, text: string): void => {
    const lines = [...store.getState().log, { ts: t || now(), kind, text }];
    set({ log: lines.length > 500 ? lines.slice(-500) : lines });
  };
  const balance = (a: string) => {
    let b = bal.get(a);
    if (!b) {
      b = { free: 0, locked: 0 };
      bal.set(a, b);
    }
    return b;
  };
  const resetAccount = (cash: number): void => {
    bal.clear();
    balance('USDT').free = cash;
    position = { qty: 0, avg: 0, realized: 0 };
    triggered = new Set();
    set({ openOrders: [], fills: [], positions: [] });
  };
  resetAccount(options.cash ?? 10_000);

  const round = (x: number, step: number): number => Math.round(x / step) * step;

  function fill(o: PaperOpenOrder, price: number, liquidity: 'MAKER' | 'TAKER'): void {
    if (inst === null) return;
    const qty = o.qty - o.filledQty;
    const q = balance(inst.quote);
    const b = balance(inst.base);
    const fee = qty * price * FEE;
    // Release what the order held (market orders hold nothing), then pay and receive.
    if (o.type !== 'MARKET') {
      if (o.side === 'BUY') {
        const held = qty * (o.price ?? o.stopPrice ?? price) * (1 + FEE);
        q.locked = Math.max(0, q.locked - held);
        q.free += held;
      } else {
        b.locked = Math.max(0, b.locked - qty);
        b.free += qty;
      }
    }
    if (o.side === 'BUY') {
      q.free -= qty * price + fee;
      b.free += qty;
    } else {
      b.free -= qty;
      q.free += qty * price - fee;
    }
    const signed = o.side === 'BUY' ? qty : -qty;
    const p = position;
    if (p.qty === 0 || Math.sign(p.qty) === Math.sign(signed)) {
      p.avg = (p.avg * Math.abs(p.qty) + price * qty) / (Math.abs(p.qty) + qty);
      p.qty += signed;
    } else {
      const closed = Math.min(Math.abs(p.qty), qty);
      p.realized += closed * (price - p.avg) * Math.sign(p.qty);
      p.qty += signed;
      if (Math.abs(p.qty) < 1e-12) p.qty = 0;
      if (p.qty !== 0 && Math.sign(p.qty) === Math.sign(signed)) p.avg = price;
    }
    const f: PaperFill = {
      ts: t,
      clientOrderId: o.clientOrderId,
      side: o.side,
      qty,
      price,
      fee,
      liquidity,
    };
    const fills = [...store.getState().fills, f];
    set({
      fills: fills.length > 500 ? fills.slice(-500) : fills,
      openOrders: store.getState().openOrders.filter((x) => x.clientOrderId !== o.clientOrderId),
    });
    log(
      'order_filled',
      `${o.clientOrderId} ${o.side} ${qty} @ ${price} (${liquidity.toLowerCase()})`,
    );
  }

  function onTrade(price: number): void {
    for (const o of store.getState().openOrders) {
      const buy = o.side === 'BUY';
      if ((o.type === 'STOP' || o.type === 'STOP_LIMIT') && !triggered.has(o.clientOrderId)) {
        const stop = o.stopPrice ?? 0;
        if (buy ? price >= stop : price <= stop) {
          triggered.add(o.clientOrderId);
          log('order_triggered', `${o.clientOrderId} stop ${stop} hit`);
          if (o.type === 'STOP') fill(o, price, 'TAKER');
        }
        continue;
      }
      if (o.price !== null && (buy ? price <= o.price : price >= o.price))
        fill(o, o.price, 'MAKER');
    }
  }

  function publish(): void {
    const bk =
      inst === null || ticks < 3 || gapTicks > 0
        ? { bids: [], asks: [] }
        : fakeBook(inst, mid, rnd);
    const candles = store.getState().candles;
    const last = store.getState().lastPrice;
    const bals: BalanceView[] = [...bal].map(([asset, b]) => ({ asset, ...b }) as BalanceView);
    const mark = last ?? mid;
    const total = (a: string): number => (bal.get(a)?.free ?? 0) + (bal.get(a)?.locked ?? 0);
    const unrealized = position.qty * (mark - position.avg);
    const positions: PositionView[] =
      inst && position.qty !== 0
        ? [
            {
              symbol: inst.symbol,
              qty: position.qty,
              avgPrice: position.avg,
              realizedPnl: position.realized,
              unrealizedPnl: unrealized,
              markPrice: mark,
              liquidationPrice: null,
            },
          ]
        : [];
    const b0 = bk.bids[0]?.[0];
    const a0 = bk.asks[0]?.[0];
    set({
      book: bk,
      candles: [...candles],
      balances: bals,
      positions,
      equity: inst ? total(inst.quote) + total(inst.base) * mark : total('USDT'),
      realizedPnl: position.realized,
      unrealizedPnl: unrealized,
      feedStatus: stale ? 'stale' : gapTicks > 0 ? 'gap' : 'connected',
      quality: inst
        ? {
            symbol: inst.symbol,
            at: now(),
            bestBid: b0 ?? Number.NaN,
            bestAsk: a0 ?? Number.NaN,
            spreadBps: b0 && a0 ? ((a0 - b0) / ((a0 + b0) / 2)) * 1e4 : Number.NaN,
            depth: bk.bids.length ? [10, 50, 100].map((x) => depthWithin(bk, x)) : [],
            updatesPerSec: stale ? 0 : 30,
            stalenessMs: stale ? (store.getState().quality?.stalenessMs ?? 0) + TICK_MS : 20,
            stale,
            gaps,
            resyncs: gaps,
            disconnects: 0,
            staleReports: stale ? 1 : 0,
            errors: 0,
          }
        : null,
      durableSeq: seq,
    });
  }

  function step(n = 1): void {
    for (let k = 0; k < n; k++) {
      if (inst === null) return;
      if (stale) {
        publish();
        continue;
      }
      ticks++;
      if (gapTicks > 0 && --gapTicks === 0) log('feed', 'book resynced from a snapshot');
      const dt = TICK_MS * speed;
      t += dt;
      mid = Math.max(inst.tickSize * 50, mid * Math.exp(0.0008 * Math.sqrt(dt / 60_000) * gauss()));
      const price = round(mid + (rnd() - 0.5) * inst.tickSize * 4, inst.tickSize);
      const time = Math.floor(t / 60_000) * 60_000;
      const candles = store.getState().candles as CandleBar[];
      const bar = candles[candles.length - 1];
      const qty = round((50 + 500 * rnd()) / mid, inst.lotSize);
      if (bar && bar.time === time) {
        candles[candles.length - 1] = {
          ...bar,
          high: Math.max(bar.high, price),
          low: Math.min(bar.low, price),
          close: price,
          volume: bar.volume + qty,
        };
      } else {
        candles.push({ time, open: price, high: price, low: price, close: price, volume: qty });
        if (candles.length > 1000) candles.shift();
      }
      set({ lastPrice: price });
      onTrade(price);
      publish();
    }
  }

  const ok = (clientOrderId: string | null = null): PaperResult => ({ ok: true, clientOrderId });
  const refuse = (error: string): PaperResult => ({ ok: false, error });

  const commands: PaperCommands = {
    async submit(order: TicketOrder) {
      if (inst === null) return refuse('no feed: start one before sending orders');
      const bk = store.getState().book;
      const best = order.side === 'BUY' ? bk.asks[0]?.[0] : bk.bids[0]?.[0];
      if (order.type === 'MARKET' && best === undefined)
        return refuse(`no market price for ${inst.symbol}: wait for the book`);
      const limit = order.type === 'LIMIT' || order.type === 'STOP_LIMIT' ? order.price : null;
      const stopPx = order.type === 'STOP' || order.type === 'STOP_LIMIT' ? order.stopPrice : null;
      const ref = limit ?? stopPx ?? best ?? mid;
      if (order.side === 'BUY') {
        const need = order.qty * ref * (1 + FEE);
        const q = balance(inst.quote);
        if (need > q.free)
          return refuse(
            `insufficient_funds: need ${need.toFixed(2)} ${inst.quote}, free ${q.free.toFixed(2)}`,
          );
        if (order.type !== 'MARKET') {
          q.free -= need;
          q.locked += need;
        }
      } else {
        const b = balance(inst.base);
        if (order.qty > b.free)
          return refuse(`insufficient_funds: need ${order.qty} ${inst.base}, free ${b.free}`);
        if (order.type !== 'MARKET') {
          b.free -= order.qty;
          b.locked += order.qty;
        }
      }
      const id = `paper-${++seq}`;
      const o: PaperOpenOrder = {
        clientOrderId: id,
        side: order.side,
        type: order.type,
        qty: order.qty,
        filledQty: 0,
        price: limit,
        stopPrice: stopPx,
        tif: order.tif,
        postOnly: order.postOnly,
        reduceOnly: order.reduceOnly,
        status: 'ACCEPTED',
        createdTs: t,
      };
      log(
        'order_accepted',
        `${id} ${order.side} ${order.type} ${order.qty}${limit ? ` @ ${limit}` : ''}`,
      );
      const crosses =
        limit !== null &&
        best !== undefined &&
        (order.side === 'BUY' ? limit >= best : limit <= best);
      if (order.type === 'MARKET' || (order.type === 'LIMIT' && crosses && !order.postOnly)) {
        fill(o, best ?? mid, 'TAKER');
      } else if (order.type === 'LIMIT' && crosses) {
        return refuse('post_only: the order would take liquidity');
      } else {
        set({ openOrders: [...store.getState().openOrders, o] });
      }
      publish();
      return ok(id);
    },
    async cancel(id) {
      const o = store.getState().openOrders.find((x) => x.clientOrderId === id);
      if (!o || !inst) return refuse(`cancel_rejected: unknown client_order_id ${id}`);
      if (o.side === 'BUY') {
        const q = balance(inst.quote);
        const held = o.qty * (o.price ?? o.stopPrice ?? mid) * (1 + FEE);
        q.locked = Math.max(0, q.locked - held);
        q.free += held;
      } else {
        const b = balance(inst.base);
        b.locked -= o.qty;
        b.free += o.qty;
      }
      set({ openOrders: store.getState().openOrders.filter((x) => x.clientOrderId !== id) });
      log('order_cancelled', id);
      publish();
      return ok(id);
    },
    async cancelAll() {
      for (const o of store.getState().openOrders) await commands.cancel(o.clientOrderId);
      return ok();
    },
    async setFeed(feed: PaperFeedSpec) {
      const i = instrumentOf(feed.symbol);
      if (i === null) return refuse(`unknown symbol ${feed.symbol}`);
      stopTimer?.();
      inst = i;
      speed = feed.source === 'replay' ? (Number.isFinite(feed.speed) ? feed.speed : 3600) : 1;
      t = feed.source === 'replay' ? Date.UTC(2024, 0, 1) : now();
      mid = START_PRICE[i.symbol] ?? 100;
      ticks = 0;
      stale = false;
      gapTicks = 0;
      set({
        feed,
        candles: [],
        lastPrice: null,
        feedMessage:
          feed.source === 'replay'
            ? `replaying ${feed.datasetId} at ${speed}×`
            : 'connected to Binance',
      });
      log('feed', `feed: ${feed.source} ${feed.symbol}`);
      publish();
      stopTimer = every(TICK_MS, () => step());
      return ok();
    },
    async attachStrategy(spec) {
      const name = spec.kind === 'builtin' ? spec.name : spec.id;
      const failure = name === 'fail' ? 'strategy threw: Error: boom (in onBar)' : null;
      set({ strategy: { spec, running: failure === null, failure } });
      log('strategy', failure ?? `attached ${name}`);
      return ok();
    },
    async detachStrategy() {
      set({ strategy: null });
      log('strategy', 'detached');
      return ok();
    },
    async resetAccount(cash: number) {
      if (!(cash > 0)) return refuse('reset: cash must be > 0');
      resetAccount(cash);
      set({ log: [] });
      log('session', `account reset with ${cash} USDT`);
      publish();
      return ok();
    },
    // The fake runs no scheduler: algo orders need the real worker.
    async submitAlgo() {
      return refuse('algo orders need the paper engine worker');
    },
    async controlAlgo(id: string) {
      return refuse(`unknown parent ${id}`);
    },
  };

  return {
    store,
    commands,
    step,
    simulate(incident) {
      if (incident === 'gap') {
        gaps++;
        gapTicks = 5;
        log('feed', 'gap in the depth stream: resyncing');
      } else {
        stale = true;
        log('feed', 'no data for 5 s: stale');
      }
      publish();
    },
    dispose() {
      stopTimer?.();
      stopTimer = null;
    },
  };
}
