import type { Candles } from '../../../engine-core/src';

// The part of backtest-kit's API this bench uses, typed here: the package is loaded at run time
// (it is not a dependency the repository can install, see backtest-section.ts).

interface KitCandle {
  readonly timestamp: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

interface KitSignal {
  readonly position: 'long' | 'short';
  readonly priceTakeProfit: number;
  readonly priceStopLoss: number;
  readonly minuteEstimatedTime: number;
  readonly cost: number;
}

interface KitResult {
  readonly action: string;
  readonly closeReason?: string;
  readonly closeTimestamp?: number;
  readonly pnl?: {
    readonly pnlPercentage: number;
    readonly priceOpen: number;
    readonly priceClose: number;
  };
  readonly signal?: { readonly pendingAt?: number };
}

interface KitContext {
  readonly strategyName: string;
  readonly exchangeName: string;
  readonly frameName: string;
}

/** The functions of backtest-kit that the bench calls. */
export interface BacktestKitApi {
  setConfig(config: Record<string, unknown>): void;
  addExchangeSchema(schema: {
    exchangeName: string;
    getCandles: (
      symbol: string,
      interval: string,
      since: Date,
      limit: number,
    ) => Promise<KitCandle[]>;
    formatPrice: (symbol: string, price: number) => Promise<string>;
    formatQuantity: (symbol: string, qty: number) => Promise<string>;
  }): void;
  addFrameSchema(schema: {
    frameName: string;
    interval: string;
    startDate: Date;
    endDate: Date;
  }): void;
  addStrategySchema(schema: {
    strategyName: string;
    interval: string;
    getSignal: (symbol: string, when: Date, price: number) => Promise<KitSignal | null>;
    callbacks: {
      onActivePing: (symbol: string, signal: unknown, price: number, when: Date) => Promise<void>;
    };
  }): void;
  getCandles(symbol: string, interval: string, limit: number): Promise<KitCandle[]>;
  commitClosePending(symbol: string): Promise<void>;
  Backtest: { run(symbol: string, context: KitContext): AsyncIterable<KitResult> };
}

/** Persistence adapters switched to their no-op variant (nothing is written to ./dump). */
const PERSIST_ADAPTERS = [
  'PersistSignalAdapter',
  'PersistRiskAdapter',
  'PersistScheduleAdapter',
  'PersistStrategyAdapter',
  'PersistPartialAdapter',
  'PersistBreakevenAdapter',
  'PersistCandleAdapter',
  'PersistStorageAdapter',
  'PersistNotificationAdapter',
  'PersistLogAdapter',
  'PersistMeasureAdapter',
  'PersistIntervalAdapter',
  'PersistRecentAdapter',
  'PersistStateAdapter',
  'PersistMemoryAdapter',
  'PersistSessionAdapter',
];

/** backtest-kit's method that switches an adapter to no-op (named so, but not a React hook). */
const USE_NOOP = 'useDummy';

/** Loads backtest-kit from `specifier` (a package name or a file path/URL). */
export async function loadBacktestKit(specifier: string): Promise<BacktestKitApi> {
  const mod = (await import(specifier)) as Record<string, unknown>;
  for (const name of PERSIST_ADAPTERS) {
    const adapter = mod[name] as Record<string, (() => void) | undefined> | undefined;
    const toNoop = adapter?.[USE_NOOP];
    if (toNoop !== undefined) toNoop.call(adapter);
  }
  const api = mod as unknown as BacktestKitApi;
  api.setConfig({
    CC_PERCENT_FEE: 0.1, // 10 bps per side, as ours
    CC_PERCENT_SLIPPAGE: 0,
    CC_MAX_SIGNAL_LIFETIME_MINUTES: Number.POSITIVE_INFINITY, // hold until the cross back
    CC_MAX_STOPLOSS_DISTANCE_PERCENT: 99.99, // the "no stop" stop below must validate
  });
  return api;
}

/** One backtest-kit run. */
export interface KitRun {
  /** Bars the frame ticked over (one tick per one-minute bar). */
  readonly bars: number;
  /** Index of the last bar the strategy saw closed: ours runs over `[0, lastBar]` to compare. */
  readonly lastBar: number;
  /** True when the run was stopped at `capSeconds`, before the frame's end. */
  readonly capped: boolean;
  readonly seconds: number;
  /** Positions closed by the strategy (the cross back). */
  readonly closedByStrategy: number;
  /** Positions closed otherwise (the one still open at the frame's end: `time_expired`). */
  readonly closedOtherwise: number;
  /** 10 000 compounded by every closed position's net P&L % (all-in, like ours). */
  readonly finalEquity: number;
  readonly firstTrades: readonly {
    entryTime: number;
    exitTime: number;
    entry: number;
    exit: number;
    pnlPct: number;
  }[];
}

const MIN = 60_000;
let runCounter = 0;

/**
 * sma-cross in backtest-kit's idiom: `getSignal` (called on each idle one-minute tick) reads the
 * last `slow + 1` closed candles through `getCandles` and opens a long when the fast SMA crosses
 * above the slow one; `onActivePing` (called on each candle while a position is open) reads them
 * the same way and calls `commitClosePending` on the cross back. Take-profit ×100 and stop ×0.01
 * never trigger; there is no time limit. The frame ticks bars `[slow + 1, bars)`, so the first
 * signal can come at bar `slow` as in ours; the exchange serves the whole of `candles`, which must
 * hold at least 1 000 bars past the frame (backtest-kit reads 1 000-candle chunks ahead). The run
 * stops at the first result after `capSeconds`.
 */
export async function runKitSmaCross(
  kit: BacktestKitApi,
  candles: Candles,
  bars: number,
  fast: number,
  slow: number,
  capSeconds: number,
): Promise<KitRun> {
  const { time, open, high, low, close, volume } = candles;
  const t0 = time[0] as number;
  const n = candles.length;
  const id = `${++runCounter}`;
  const names = {
    strategyName: `sma-cross-${id}`,
    exchangeName: `veloz-bars-${id}`,
    frameName: `bench-${id}`,
  };
  kit.addExchangeSchema({
    exchangeName: names.exchangeName,
    getCandles: async (_symbol, _interval, since, limit) => {
      const out: KitCandle[] = [];
      const end = Math.min(n, Math.max(0, Math.ceil((since.getTime() - t0) / MIN)) + limit);
      for (let i = Math.max(0, Math.ceil((since.getTime() - t0) / MIN)); i < end; i++) {
        out.push({
          timestamp: time[i] as number,
          open: open[i] as number,
          high: high[i] as number,
          low: low[i] as number,
          close: close[i] as number,
          volume: volume[i] as number,
        });
      }
      return out;
    },
    formatPrice: async (_s, p) => p.toFixed(8),
    formatQuantity: async (_s, q) => q.toFixed(8),
  });
  kit.addFrameSchema({
    frameName: names.frameName,
    interval: '1m',
    startDate: new Date(time[slow + 1] as number),
    endDate: new Date(time[bars - 1] as number),
  });
  /** +1 on a cross up, −1 on a cross down, 0 otherwise, over the last `slow + 1` closes. */
  const cross = (cs: readonly KitCandle[]): number => {
    const m = cs.length;
    if (m < slow + 1) return 0;
    const avg = (k: number, end: number): number => {
      let s = 0;
      for (let j = end - k; j < end; j++) s += (cs[j] as KitCandle).close;
      return s / k;
    };
    const f = avg(fast, m);
    const s = avg(slow, m);
    const pf = avg(fast, m - 1);
    const ps = avg(slow, m - 1);
    if (f > s && pf <= ps) return 1;
    if (f < s && pf >= ps) return -1;
    return 0;
  };
  kit.addStrategySchema({
    strategyName: names.strategyName,
    interval: '1m',
    getSignal: async (symbol, when, price) => {
      lastTick = when.getTime();
      const cs = await kit.getCandles(symbol, '1m', slow + 1);
      if (cross(cs) !== 1) return null;
      return {
        position: 'long',
        priceTakeProfit: price * 100,
        priceStopLoss: price * 0.01,
        minuteEstimatedTime: Number.POSITIVE_INFINITY,
        cost: 100,
      };
    },
    callbacks: {
      onActivePing: async (symbol, _signal, _price, when) => {
        lastTick = when.getTime();
        const cs = await kit.getCandles(symbol, '1m', slow + 1);
        if (cross(cs) === -1) await kit.commitClosePending(symbol);
      },
    },
  });

  let lastTick = time[slow + 1] as number;
  let capped = false;
  let closedByStrategy = 0;
  let closedOtherwise = 0;
  let equity = 10_000;
  const firstTrades: {
    entryTime: number;
    exitTime: number;
    entry: number;
    exit: number;
    pnlPct: number;
  }[] = [];
  const started = process.hrtime.bigint();
  for await (const r of kit.Backtest.run('BTCPERP', names)) {
    if (Number(process.hrtime.bigint() - started) / 1e9 > capSeconds) {
      capped = true;
      break;
    }
    if (r.action !== 'closed' || r.pnl === undefined) continue;
    if (r.closeReason === 'closed') closedByStrategy++;
    else closedOtherwise++;
    equity *= 1 + r.pnl.pnlPercentage / 100;
    if (firstTrades.length < 3) {
      firstTrades.push({
        entryTime: r.signal?.pendingAt ?? 0,
        exitTime: r.closeTimestamp ?? 0,
        entry: r.pnl.priceOpen,
        exit: r.pnl.priceClose,
        pnlPct: r.pnl.pnlPercentage,
      });
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  // At the tick of bar k (its open time) the strategy sees bars < k closed.
  const lastBar = capped ? Math.round((lastTick - t0) / MIN) - 1 : bars - 2;
  return {
    bars: lastBar + 1 - slow,
    lastBar,
    capped,
    seconds,
    closedByStrategy,
    closedOtherwise,
    finalEquity: equity,
    firstTrades,
  };
}
