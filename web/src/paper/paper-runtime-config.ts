// What a paper account runs with, and what the runtime needs from its platform.
import type { ParentJournalStore } from '../../../engine-core/src/exec';
import type { Candles, Scheduler } from '../../../engine-core/src/market';
import type { OrderState, SymbolId } from '../../../engine-core/src/model';
import { DEFAULT_RISK_LIMITS, type RiskLimits } from '../../../engine-core/src/risk';
import type { MarketFeed } from '../../../engine-core/src/venue';
import type { WalStore } from '../../../engine-core/src/wal';
import type { PaperFeedSpec, PaperStrategySpec, PaperView } from './paper-api';
import type { PaperSettings } from './paper-settings';
import type { StrategySourceLookup } from './paper-strategy';

/** Settings of a paper account. */
export interface PaperRuntimeConfig {
  /** USDT credited to a new account. */
  readonly cash: number;
  /** Order → venue and venue → report delay, ms. */
  readonly latencyMs: number;
  readonly fees: { readonly makerBps: number; readonly takerBps: number };
  readonly risk: RiskLimits;
  readonly marketProtection: number;
  /** WAL records between snapshots (default the writer's, 10 000). */
  readonly compactEvery?: number;
  /** At most one view per this many ms. */
  readonly viewEveryMs: number;
  /** The feed of an account that never chose one. */
  readonly defaultFeed: PaperFeedSpec;
}

/** Binance's spot fees without discounts, the default risk limits, a live BTCUSDT feed. */
export const DEFAULT_PAPER_CONFIG: PaperRuntimeConfig = {
  cash: 10_000,
  latencyMs: 50,
  fees: { makerBps: 10, takerBps: 10 },
  risk: DEFAULT_RISK_LIMITS,
  marketProtection: 0.05,
  viewEveryMs: 100,
  defaultFeed: { source: 'binance', symbol: 'BTCUSDT' },
};

/** What the runtime needs from its platform. */
export interface PaperRuntimeDeps {
  /** The account's WAL store (a new one after a reset). */
  readonly openStore: () => WalStore;
  /** Deletes the account's WAL and parent journal (reset); the stores are closed first. */
  readonly deleteStore: () => Promise<void>;
  /** The account's parent (algo) journal; without it parents are journaled in memory only. */
  readonly openAlgoStore?: () => ParentJournalStore;
  readonly settings: {
    load(): Promise<PaperSettings>;
    saveFeed(feed: PaperFeedSpec | null): Promise<void>;
    saveStrategy(strategy: PaperStrategySpec | null): Promise<void>;
  };
  /** Wall time and timers. */
  readonly scheduler: Scheduler;
  /** Binance market data for a symbol. */
  readonly liveFeed: (symbol: SymbolId) => MarketFeed;
  readonly loadCandles: (datasetId: string) => Promise<Candles | undefined>;
  readonly lookupStrategy: StrategySourceLookup;
  readonly onView: (view: PaperView) => void;
}

/** Everything in the account, for tests and the crash test (finished orders included). */
export interface PaperInspection {
  readonly orders: readonly OrderState[];
  readonly balances: PaperView['balances'];
  readonly durableSeq: number;
  readonly stagedSeq: number;
  /** How long the last `PaperSession.open` took (WAL load + recovery + engine), ms. */
  readonly sessionOpenMs: number;
}
