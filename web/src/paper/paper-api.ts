// The contract between the paper trading engine side (a Web Worker running `PaperSession`, led by
// one tab) and the Paper page. Everything here is plain data, structured-cloneable, so it crosses
// comlink and BroadcastChannel unchanged.

import type {
  BalanceView,
  CandleBar,
  ChildOrder,
  FeedStatus,
  MarketQualitySnapshot,
  OrderRequest,
  ParamValues,
  ParentProgress,
  PositionView,
  RiskLimits,
} from '../../../engine-core/src';

/** Where market data comes from: Binance live streams, or a replay of a stored dataset. */
export type PaperFeedSpec =
  | { readonly source: 'binance'; readonly symbol: string }
  | {
      readonly source: 'replay';
      readonly symbol: string;
      /** A dataset id of the Data page (the bundled sample is 'sample'). */
      readonly datasetId: string;
      /** Replay speed: market time per wall time (1 = real time); Infinity = as fast as possible. */
      readonly speed: number;
    };

/** `Omit` per member of a union (plain `Omit` would keep only the members' common keys). */
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An order as the ticket sends it (the worker fills in the client order id and symbol). */
export type TicketOrder = OmitEach<OrderRequest, 'clientOrderId' | 'symbol'>;

/** A strategy to run live on the feed: a built-in by name, or a saved editor strategy by id. */
export type PaperStrategySpec =
  | { readonly kind: 'builtin'; readonly name: string; readonly params: ParamValues }
  | { readonly kind: 'source'; readonly id: string; readonly params: ParamValues };

/** One open order as the orders pane shows it. */
export interface PaperOpenOrder {
  readonly clientOrderId: string;
  readonly side: 'BUY' | 'SELL';
  readonly type: OrderRequest['type'];
  readonly qty: number;
  readonly filledQty: number;
  readonly price: number | null;
  readonly stopPrice: number | null;
  readonly tif: OrderRequest['tif'];
  readonly postOnly: boolean;
  readonly reduceOnly: boolean;
  readonly status: string;
  readonly createdTs: number;
}

/** One fill as the fills pane shows it. */
export interface PaperFill {
  readonly ts: number;
  readonly clientOrderId: string;
  readonly side: 'BUY' | 'SELL';
  readonly qty: number;
  readonly price: number;
  readonly fee: number;
  readonly liquidity: 'MAKER' | 'TAKER';
  /**
   * True for a line that stands for several fills of the order, at their average price, with
   * their summed fee: fills journaled before the WAL's last snapshot, which keeps orders' totals
   * only (a reload shows them this way). Absent or false for one real fill.
   */
  readonly merged?: boolean;
}

/** One line of the event log. */
export interface PaperLogLine {
  readonly ts: number;
  /** Engine event type, or 'feed' / 'strategy' / 'session'. */
  readonly kind: string;
  readonly text: string;
}

/** Everything the Paper page renders, sent whole on subscribe and then on every change (throttled). */
export interface PaperView {
  readonly status: 'starting' | 'running' | 'stopped' | 'error';
  /** Why the session cannot run (a WAL that cannot be recovered, a feed that cannot start). */
  readonly error: string | null;
  /** This tab runs the engine, or follows the tab that does. */
  readonly role: 'leader' | 'follower';
  readonly feed: PaperFeedSpec | null;
  readonly feedStatus: FeedStatus | 'idle';
  readonly feedMessage: string;
  readonly quality: MarketQualitySnapshot | null;
  /** Best 20 levels per side, best first, as [price, qty]. */
  readonly book: { readonly bids: [number, number][]; readonly asks: [number, number][] };
  readonly lastPrice: number | null;
  /** Closed bars plus the forming one last (1m), newest at the end, at most 1 000. */
  readonly candles: readonly CandleBar[];
  readonly balances: readonly BalanceView[];
  readonly positions: readonly PositionView[];
  readonly openOrders: readonly PaperOpenOrder[];
  /** Newest last, at most 500. */
  readonly fills: readonly PaperFill[];
  /** Newest last, at most 500. */
  readonly log: readonly PaperLogLine[];
  readonly equity: number;
  readonly realizedPnl: number;
  readonly unrealizedPnl: number;
  readonly strategy: {
    readonly spec: PaperStrategySpec;
    readonly running: boolean;
    readonly failure: string | null;
  } | null;
  /** Seq of the last WAL record known durable. */
  readonly durableSeq: number;
  /** The interval of `candles` ('1m' live; the dataset's for a replay). Absent: '1m'. */
  readonly candleInterval?: string;
  /** Where a replay is (null or absent for a live feed). */
  readonly replay?: PaperReplayProgress | null;
  /** The engine's risk limits and the rolling state they are checked against. */
  readonly risk?: PaperRiskView;
  /** Parent (algo) orders, oldest first: in the worker's memory only, gone on reload. */
  readonly algos?: readonly ParentProgress[];
}

/** The engine's risk limits and the rolling state its rules read. */
export interface PaperRiskView {
  readonly limits: RiskLimits;
  /** Submissions inside the order-rate window, as of the last one. */
  readonly recentOrders: number;
  readonly peakEquity: number;
  /** Equity at the start of the UTC day (0 before the first mark). */
  readonly dayStartEquity: number;
  /** Why the kill switch tripped, or null. */
  readonly killSwitch: string | null;
}

/** A replay's progress. */
export interface PaperReplayProgress {
  readonly state: 'playing' | 'paused' | 'ended' | 'stopped' | 'idle';
  /** Market time of the last update played (ms), NaN before the first. */
  readonly position: number;
  /** Open time of the dataset's first bar and close time of its last (ms). */
  readonly from: number;
  readonly to: number;
}

/** A command's outcome: the engine's answer, or why it was refused (shown next to the ticket). */
export type PaperResult =
  | { readonly ok: true; readonly clientOrderId: string | null }
  | { readonly ok: false; readonly error: string };

/**
 * A parent (algo) order as the ticket sends it; the worker adds the feed's symbol and times
 * (a window starts now) and, for VWAP, a volume profile from the feed's bars.
 */
export type TicketAlgo =
  | {
      readonly algo: 'twap';
      readonly side: 'BUY' | 'SELL';
      readonly qty: number;
      readonly durationMs: number;
      readonly slices: number /** How children are priced (absent: market). */;
      readonly child?: ChildOrder;
    }
  | {
      readonly algo: 'vwap';
      readonly side: 'BUY' | 'SELL';
      readonly qty: number;
      readonly durationMs: number;
      readonly child?: ChildOrder;
    }
  | {
      readonly algo: 'pov';
      readonly side: 'BUY' | 'SELL';
      readonly qty: number;
      /** Share of traded volume, (0, 1]. */
      readonly participation: number;
      readonly maxChildQty: number;
      readonly child?: ChildOrder;
    }
  | {
      readonly algo: 'iceberg';
      readonly side: 'BUY' | 'SELL';
      readonly qty: number;
      readonly price: number;
      readonly visibleQty: number;
    };

/** What can be done to a working or paused parent. */
export type AlgoAction = 'pause' | 'resume' | 'cancel';

/** What the page can ask of the paper engine (the leader runs it; followers forward it). */
export interface PaperCommands {
  submit(order: TicketOrder): Promise<PaperResult>;
  cancel(clientOrderId: string): Promise<PaperResult>;
  cancelAll(): Promise<PaperResult>;
  setFeed(feed: PaperFeedSpec): Promise<PaperResult>;
  attachStrategy(spec: PaperStrategySpec): Promise<PaperResult>;
  detachStrategy(): Promise<PaperResult>;
  /** Wipes the paper account (its WAL) and starts again with the given cash. */
  resetAccount(cash: number): Promise<PaperResult>;
  /** Starts a parent order on the feed's symbol; `clientOrderId` is the parent's id. */
  submitAlgo(algo: TicketAlgo): Promise<PaperResult>;
  /** Pauses, resumes or cancels a parent order. */
  controlAlgo(parentId: string, action: AlgoAction): Promise<PaperResult>;
}
