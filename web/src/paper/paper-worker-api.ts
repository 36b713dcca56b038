// The paper engine worker's API (comlink): a `PaperRuntime` on the browser's parts: the WAL and
// the settings in IndexedDB, wall-time timers, Binance over the global WebSocket and fetch,
// datasets and editor strategies from their IndexedDB stores.
import { deleteDB } from 'idb';
import { BINANCE_REST_URL, BINANCE_WS_URL } from '../../../engine-core/src/market';
import { loadCandles } from '../data/dataset-store';
import { createBrowserBinanceFeed } from '../market/browser-binance-feed';
import { browserScheduler } from '../market/browser-scheduler';
import { getStrategy } from '../strategies/strategy-store';
import { IdbParentJournalStore, parentJournalDbName } from './idb-parent-journal-store';
import { DEFAULT_WAL_DB, IdbWalStore } from './idb-wal-store';
import type {
  AlgoAction,
  PaperFeedSpec,
  PaperResult,
  PaperStrategySpec,
  PaperView,
  TicketAlgo,
  TicketOrder,
} from './paper-api';
import { PaperRuntime } from './paper-runtime';
import {
  DEFAULT_PAPER_CONFIG,
  type PaperInspection,
  type PaperRuntimeConfig,
} from './paper-runtime-config';
import { PaperSettingsStore, settingsDbName } from './paper-settings';

/** How the page starts the worker's session. */
export interface PaperWorkerStart {
  /** The account's WAL database (default `veloz-paper-wal`). */
  readonly walDb?: string;
  /** Binance REST base URL (the Settings page's; default Binance's). */
  readonly binanceRestUrl?: string;
  /** Binance WebSocket base URL (default: Binance's for the default REST URL, else derived from it). */
  readonly binanceWsUrl?: string;
  /** Overrides of the account's settings (cash of a new account, latency, snapshots, view rate). */
  readonly config?: Partial<PaperRuntimeConfig>;
}

/**
 * The WebSocket base for a REST base: Binance's stream host for Binance's REST host; for any
 * other (a proxy, a test server) the same host with ws(s).
 */
export function wsUrlFor(restUrl: string): string {
  const rest = restUrl.replace(/\/+$/, '');
  if (rest === BINANCE_REST_URL) return BINANCE_WS_URL;
  return rest.replace(/^http(s?):/i, (_m, s: string) => `ws${s}:`);
}

/** What a missing session answers. */
const NOT_STARTED: PaperResult = { ok: false, error: 'the paper session has not started' };

/** The worker's API: `start` once, then the `PaperCommands`. */
export function createPaperWorkerApi() {
  let rt: PaperRuntime | null = null;
  const run = (f: (r: PaperRuntime) => Promise<PaperResult>): Promise<PaperResult> =>
    rt === null ? Promise.resolve(NOT_STARTED) : f(rt);

  return {
    /**
     * Opens the account (recovering its WAL) and starts its feed; views go to `onView`.
     * Resolves with the time it took to open and recover, ms.
     */
    async start(options: PaperWorkerStart, onView: (v: PaperView) => void): Promise<number> {
      if (rt !== null) throw new Error('the paper session is already started');
      const t0 = performance.now();
      const walDb = options.walDb ?? DEFAULT_WAL_DB;
      const restUrl = options.binanceRestUrl ?? BINANCE_REST_URL;
      const wsUrl = options.binanceWsUrl ?? wsUrlFor(restUrl);
      const settings = new PaperSettingsStore(settingsDbName(walDb));
      rt = new PaperRuntime(
        { ...DEFAULT_PAPER_CONFIG, ...options.config },
        {
          openStore: () => new IdbWalStore(walDb),
          openAlgoStore: () => new IdbParentJournalStore(parentJournalDbName(walDb)),
          deleteStore: async () => {
            await deleteDB(walDb);
            await deleteDB(parentJournalDbName(walDb));
          },
          settings,
          scheduler: browserScheduler,
          liveFeed: () => createBrowserBinanceFeed({ restUrl, wsUrl }),
          loadCandles,
          lookupStrategy: getStrategy,
          onView,
        },
      );
      await rt.start();
      return performance.now() - t0;
    },
    submit: (order: TicketOrder) => run((r) => r.submit(order)),
    cancel: (id: string) => run((r) => r.cancel(id)),
    cancelAll: () => run((r) => r.cancelAll()),
    setFeed: (feed: PaperFeedSpec) => run((r) => r.setFeed(feed)),
    attachStrategy: (spec: PaperStrategySpec) => run((r) => r.attachStrategy(spec)),
    detachStrategy: () => run((r) => r.detachStrategy()),
    resetAccount: (cash: number) => run((r) => r.resetAccount(cash)),
    submitAlgo: (algo: TicketAlgo) => run((r) => r.submitAlgo(algo)),
    controlAlgo: (id: string, action: AlgoAction) => run((r) => r.controlAlgo(id, action)),
    /** The view now. */
    view: (): PaperView | null => rt?.view() ?? null,
    /** The whole account (finished orders too): the crash test reads it. */
    inspect: async (): Promise<PaperInspection | null> => (rt === null ? null : rt.inspect()),
    /** Resolves once nothing is in flight. */
    idle: async (): Promise<void> => {
      await rt?.idle();
    },
    /** Stops the session and closes its databases. */
    close: async (): Promise<void> => {
      await rt?.close();
      rt = null;
    },
  };
}

/** The worker API's type, for the page's comlink `wrap`. */
export type PaperWorkerApi = ReturnType<typeof createPaperWorkerApi>;
