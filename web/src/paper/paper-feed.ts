// The market side of a paper session: the feed that runs (Binance live or a replay of stored
// candles), what it says about itself, the bars rebuilt from its trades, its quality, and the
// clock orders are timed by. `apply` runs one update through the session (staged, not flushed).
import type { FeedClock, PaperSession } from '../../../engine-core/src/live';
import {
  barAt,
  type CandleBar,
  type Candles,
  MarketQuality,
  ReplayFeed,
  type Scheduler,
  TradeBars,
  upperBound,
} from '../../../engine-core/src/market';
import {
  type EngineEvent,
  type SymbolId,
  type TimestampMs,
  timestampMs,
} from '../../../engine-core/src/model';
import type { StrategyBook, StrategyTrade } from '../../../engine-core/src/strategy';
import type { MarketFeed, MarketUpdate } from '../../../engine-core/src/venue';
import { CandleWindow, MAX_CANDLES } from './candle-window';
import type { PaperFeedSpec, PaperReplayProgress, PaperView } from './paper-api';
import { replayUpdates } from './replay-updates';

/** Bars of a live feed: 1 minute. */
export const LIVE_BAR_MS = 60_000;
/** Levels per side a strategy's `onBook` sees. */
const STRATEGY_BOOK_LEVELS = 10;

/**
 * The session's clock: wall time for a live feed; for a replay, the replayed market's time from
 * `follow(start)` on (the session moves it to each update's time; it never goes back).
 */
export class PaperClock implements FeedClock {
  private _feedTime: number | null = null;

  constructor(private readonly _wall: () => number) {}

  now(): TimestampMs {
    return timestampMs(this._feedTime ?? this._wall());
  }

  advanceTo(ts: number): void {
    if (this._feedTime !== null && ts > this._feedTime) this._feedTime = ts;
  }

  /** Follows the replay from market time `start`. */
  follow(start: number): void {
    this._feedTime = start;
  }
}

/** Where a feed's updates go. */
export interface FeedSink {
  readonly onUpdate: (u: MarketUpdate) => void;
  /** A replay played its last update. */
  readonly onEnd: () => void;
}

/** What an applied update produced besides the session's state: for the panes and the strategy. */
export interface MarketEffects {
  /** Events the update caused in the engine (staged). */
  engineEvents(events: readonly EngineEvent[]): void;
  trade(t: StrategyTrade): void;
  book(b: StrategyBook): void;
  /** Bars the update closed, oldest first. */
  bars(closed: readonly CandleBar[]): void;
}

type ReplaySpec = Extract<PaperFeedSpec, { source: 'replay' }>;

/** A feed that runs, what it has said, and how to stop it. */
export class RunningFeed {
  readonly bars: TradeBars;
  readonly quality: MarketQuality;
  /** The chart's bars (closed and forming). */
  readonly candles = new CandleWindow();
  status: PaperView['feedStatus'] = 'idle';
  message = '';
  lastPrice: number | null = null;
  private _stop: () => void = () => {};

  private constructor(
    private _spec: PaperFeedSpec,
    readonly symbol: SymbolId,
    intervalMs: number,
    /** The replay, or null for a live feed. */
    readonly replay: ReplayFeed | null,
    /** The replayed candles (null live). */
    readonly dataset: Candles | null,
  ) {
    this.bars = new TradeBars(intervalMs);
    this.quality = new MarketQuality(symbol);
  }

  /** A live feed of `symbol`, started. */
  static live(
    spec: PaperFeedSpec,
    symbol: SymbolId,
    feed: MarketFeed,
    sink: FeedSink,
  ): RunningFeed {
    const f = new RunningFeed(spec, symbol, LIVE_BAR_MS, null, null);
    f.message = 'connecting';
    f._stop = feed.subscribe([symbol], sink.onUpdate);
    return f;
  }

  /**
   * A replay of `candles` as `symbol` at the spec's speed, from after market time `after` (a
   * resumed session), started on `scheduler`; the chart gets the bars before it. Its first
   * update comes on the next timer turn.
   */
  static replay(
    spec: ReplaySpec,
    symbol: SymbolId,
    candles: Candles,
    tickSize: number,
    after: number | undefined,
    scheduler: Scheduler,
    sink: FeedSink,
  ): RunningFeed {
    const replay = new ReplayFeed({
      updates: replayUpdates(candles, {
        symbol,
        tickSize,
        ...(after === undefined ? {} : { after }),
      }),
      scheduler,
      speed: spec.speed,
      onEnd: sink.onEnd,
    });
    const f = new RunningFeed(spec, symbol, candles.intervalMs, replay, candles);
    f.candles.push(barsBefore(candles, after ?? (candles.time[0] as number), MAX_CANDLES - 1));
    f.status = 'connected';
    f.message = replayMessage(spec, after !== undefined);
    f._stop = replay.subscribe([symbol], sink.onUpdate);
    return f;
  }

  get spec(): PaperFeedSpec {
    return this._spec;
  }

  /** A replay goes on at another speed (same dataset and symbol). */
  setSpeed(spec: ReplaySpec): void {
    this.replay?.setSpeed(spec.speed);
    this._spec = spec;
    this.message = replayMessage(spec, false);
  }

  /** One update: the session (staged), then bars, the strategy's trade and book, quality. */
  apply(s: PaperSession, u: MarketUpdate, nowMs: number, fx: MarketEffects): void {
    this.quality.observe(u, nowMs);
    switch (u.kind) {
      case 'status':
        this.status = u.status;
        this.message = u.message;
        return;
      case 'kline':
        return;
      case 'trade':
        this.lastPrice = u.price;
        fx.engineEvents(s.applyMarket(u));
        fx.trade({ time: u.ts, price: u.price, qty: u.qty, side: u.side });
        this.closeBars(this.bars.onUpdate(u), fx);
        return;
      case 'depth': {
        if (this.status === 'idle') this.status = 'connected';
        fx.engineEvents(s.applyMarket(u));
        const book = s.book(u.symbol);
        if (book !== undefined) fx.book({ time: u.ts, ...book.top(STRATEGY_BOOK_LEVELS) });
        return;
      }
      case 'book_ticker':
        fx.engineEvents(s.applyMarket(u));
        return;
    }
  }

  /** Bars that ended by `nowMs` with no later trade (live: each second; a replay's last). */
  closeUntil(nowMs: number, fx: MarketEffects): void {
    this.closeBars(this.bars.closeUntil(nowMs), fx);
  }

  /** The replay played its last update: its last bar closes. */
  ended(fx: MarketEffects): void {
    const c = this.dataset;
    if (c !== null && c.length > 0)
      this.closeUntil((c.time[c.length - 1] as number) + c.intervalMs, fx);
    this.message = 'replay ended';
  }

  /** The chart's bars: the closed ones and the forming one. */
  chart(): CandleBar[] {
    return this.candles.view(this.bars.current(this.symbol));
  }

  /** Where the replay is (null live). */
  progress(): PaperReplayProgress | null {
    const r = this.replay;
    const c = this.dataset;
    if (r === null || c === null || c.length === 0) return null;
    return {
      state: r.state,
      position: r.position,
      from: c.time[0] as number,
      to: (c.time[c.length - 1] as number) + c.intervalMs,
    };
  }

  stop(): void {
    this._stop();
    this._stop = () => {};
  }

  private closeBars(closed: readonly { bar: CandleBar }[], fx: MarketEffects): void {
    if (closed.length === 0) return;
    const bars = closed.map((k) => k.bar);
    this.candles.push(bars);
    fx.bars(bars);
  }
}

const replayMessage = (spec: ReplaySpec, resumed: boolean): string =>
  `replay of ${spec.datasetId} at ${spec.speed}×${resumed ? ' (resumed)' : ''}`;

/**
 * Where a resumed replay of `candles` goes on: after `lastTs` (the account's last event time)
 * when it lies within the candles' span, else from the start (undefined).
 */
export function replayResumePoint(candles: Candles, lastTs: number): number | undefined {
  if (candles.length === 0) return undefined;
  const from = candles.time[0] as number;
  const to = (candles.time[candles.length - 1] as number) + candles.intervalMs;
  return lastTs >= from && lastTs < to ? lastTs : undefined;
}

/** The last `max` bars of `candles` that closed by market time `until`. */
export function barsBefore(candles: Candles, until: number, max: number): CandleBar[] {
  const end = upperBound(candles.time, until - candles.intervalMs);
  const out: CandleBar[] = [];
  for (let i = Math.max(0, end - max); i < end; i++) out.push(barAt(candles, i));
  return out;
}
