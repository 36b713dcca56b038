// The market side of a paper session: the feed that runs (Binance live or a replay of stored
// candles), the bars rebuilt from its trades, its quality, and the clock orders are timed by.
import type { Clock } from '../../../engine-core/src/clock';
import type { FeedClock } from '../../../engine-core/src/live';
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
import { type SymbolId, type TimestampMs, timestampMs } from '../../../engine-core/src/model';
import type { MarketFeed, MarketUpdate } from '../../../engine-core/src/venue';
import type { PaperFeedSpec, PaperReplayProgress } from './paper-api';
import { replayUpdates } from './replay-updates';

/** Bars of a live feed: 1 minute. */
export const LIVE_BAR_MS = 60_000;

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

  /** True while it follows a replay. */
  get replaying(): boolean {
    return this._feedTime !== null;
  }
}

/** A wall clock (`Clock`) from a scheduler. */
export const wallClock = (scheduler: Scheduler): Clock => ({
  now: () => timestampMs(scheduler.now()),
});

/** What a running feed needs from the session host. */
export interface FeedSink {
  readonly onUpdate: (u: MarketUpdate) => void;
  /** A replay played its last update. */
  readonly onEnd: () => void;
}

/** A feed that runs: its spec, its bars and quality, and how to stop it. */
export class RunningFeed {
  readonly bars: TradeBars;
  readonly quality: MarketQuality;
  private _stop: () => void = () => {};

  private constructor(
    private _spec: PaperFeedSpec,
    readonly symbol: SymbolId,
    intervalMs: number,
    /** The replay, or null for a live feed. */
    readonly replay: ReplayFeed | null,
    /** The replayed candles (null live). */
    readonly candles: Candles | null,
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
    f._stop = feed.subscribe([symbol], sink.onUpdate);
    return f;
  }

  /**
   * A replay of `candles` as `symbol` at `speed`, from after market time `after` (a resumed
   * session), started on `scheduler`. Its first update comes on the next timer turn.
   */
  static replay(
    spec: Extract<PaperFeedSpec, { source: 'replay' }>,
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
    f._stop = replay.subscribe([symbol], sink.onUpdate);
    return f;
  }

  get spec(): PaperFeedSpec {
    return this._spec;
  }

  /** A replay goes on at another speed (same dataset and symbol). */
  setSpeed(spec: Extract<PaperFeedSpec, { source: 'replay' }>): void {
    this.replay?.setSpeed(spec.speed);
    this._spec = spec;
  }

  /** The forming bar. */
  forming(): CandleBar | null {
    return this.bars.current(this.symbol);
  }

  /** Where the replay is (null live). */
  progress(): PaperReplayProgress | null {
    const r = this.replay;
    const c = this.candles;
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
}

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
