// What the Paper page imports: a store of the current `PaperView` and the `PaperCommands`, the
// same in every tab. One tab leads (Web Locks, `TabLeadership`): it runs the paper engine worker,
// publishes the worker's views to every tab and runs every tab's commands. The others follow.
// When the leader's tab closes or dies, the browser hands the lock to a follower, which starts
// its own worker on the same WAL: the account is recovered, nothing acknowledged is lost.
import { proxy, wrap } from 'comlink';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { binanceBaseUrl } from '../data/binance-download';
import { type ChannelLike, isTabCommandError, type LockManagerLike, TabLeadership } from './leader';
import type {
  AlgoAction,
  PaperCommands,
  PaperFeedSpec,
  PaperResult,
  PaperStrategySpec,
  PaperView,
  TicketAlgo,
  TicketOrder,
} from './paper-api';
import type { PaperInspection } from './paper-runtime-config';
import type { PaperWorkerApi, PaperWorkerStart } from './paper-worker-api';

/** A command as it crosses the tabs' channel. */
export type PaperTabCommand =
  | { readonly m: 'submit'; readonly order: TicketOrder }
  | { readonly m: 'cancel'; readonly id: string }
  | { readonly m: 'cancelAll' }
  | { readonly m: 'setFeed'; readonly feed: PaperFeedSpec }
  | { readonly m: 'attachStrategy'; readonly spec: PaperStrategySpec }
  | { readonly m: 'detachStrategy' }
  | { readonly m: 'resetAccount'; readonly cash: number }
  | { readonly m: 'submitAlgo'; readonly algo: TicketAlgo }
  | { readonly m: 'controlAlgo'; readonly id: string; readonly action: AlgoAction }
  | { readonly m: 'view' }
  | { readonly m: 'inspect' };

type Reply = PaperResult | PaperView | PaperInspection | null;
type TabEvent = { readonly type: 'view'; readonly view: PaperView };

/** The part of the worker API the leader uses (the worker through comlink, or a fake in tests). */
export interface PaperEngineApi {
  submit(order: TicketOrder): Promise<PaperResult>;
  cancel(id: string): Promise<PaperResult>;
  cancelAll(): Promise<PaperResult>;
  setFeed(feed: PaperFeedSpec): Promise<PaperResult>;
  attachStrategy(spec: PaperStrategySpec): Promise<PaperResult>;
  detachStrategy(): Promise<PaperResult>;
  resetAccount(cash: number): Promise<PaperResult>;
  submitAlgo(algo: TicketAlgo): Promise<PaperResult>;
  controlAlgo(id: string, action: AlgoAction): Promise<PaperResult>;
  view(): Promise<PaperView | null>;
  inspect(): Promise<PaperInspection | null>;
  close(): Promise<void>;
}

/** A started engine: its API and how to end it. */
export interface PaperEngineHandle {
  readonly api: PaperEngineApi;
  /** Ms the worker took to open the account and recover its WAL. */
  readonly openMs: number;
  terminate(): void;
}

/** Options of `createPaperClient`. */
export interface PaperClientOptions {
  /** What the worker is started with (WAL database, Binance URLs, account settings). */
  readonly start?: PaperWorkerStart;
  /** Lock and channel name (default `veloz-paper`; one per WAL database). */
  readonly name?: string;
  /** Starts the engine in the leader (default: the paper Web Worker). */
  readonly startEngine?: (
    start: PaperWorkerStart,
    onView: (v: PaperView) => void,
  ) => Promise<PaperEngineHandle>;
  readonly locks?: LockManagerLike;
  readonly openChannel?: (name: string) => ChannelLike;
  readonly tabId?: string;
  /** A command without an answer fails after this long (default 15 000 ms). */
  readonly commandTimeoutMs?: number;
}

/** The paper engine as a tab sees it. */
export interface PaperClient {
  /** The current view (a vanilla zustand store: `getState`, `subscribe`). */
  readonly store: StoreApi<PaperView>;
  readonly commands: PaperCommands;
  /** The whole account, finished orders included (from the leader, wherever it is). */
  inspect(): Promise<PaperInspection | null>;
  /** Ms the engine took to open here, when this tab leads (null otherwise). */
  readonly openMs: number | null;
  /** Leaves: stops the engine if this tab leads (a follower takes over), then the lock. */
  close(): Promise<void>;
}

/** The view before the leader's first one. */
export function startingView(role: PaperView['role']): PaperView {
  return {
    status: 'starting',
    error: null,
    role,
    feed: null,
    feedStatus: 'idle',
    feedMessage: '',
    quality: null,
    book: { bids: [], asks: [] },
    lastPrice: null,
    candles: [],
    balances: [],
    positions: [],
    openOrders: [],
    fills: [],
    log: [],
    equity: 0,
    realizedPnl: 0,
    unrealizedPnl: 0,
    strategy: null,
    durableSeq: 0,
  };
}

/** Starts the paper engine Web Worker. */
async function startWorker(
  start: PaperWorkerStart,
  onView: (v: PaperView) => void,
): Promise<PaperEngineHandle> {
  const worker = new Worker(new URL('./paper-worker.ts', import.meta.url), {
    type: 'module',
    name: 'veloz-paper',
  });
  const remote = wrap<PaperWorkerApi>(worker);
  try {
    const openMs = await remote.start(start, proxy(onView));
    const api: PaperEngineApi = remote;
    return { api, openMs, terminate: () => worker.terminate() };
  } catch (e) {
    worker.terminate();
    throw e;
  }
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Joins the paper session of this browser: leads it or follows the tab that does. */
export function createPaperClient(options: PaperClientOptions = {}): PaperClient {
  const store = createStore<PaperView>(() => startingView('follower'));
  const start: PaperWorkerStart = options.start ?? {};
  const startEngine = options.startEngine ?? startWorker;
  let engine: Promise<PaperEngineHandle> | null = null;
  let handle: PaperEngineHandle | null = null;
  let closed = false;

  const show = (view: PaperView): void => {
    const role = leadership.role === 'leader' ? 'leader' : 'follower';
    store.setState(view.role === role ? view : { ...view, role }, true);
  };

  const run = async (c: PaperTabCommand): Promise<Reply> => {
    if (engine === null) throw new Error('this tab does not run the paper engine');
    const { api } = await engine;
    switch (c.m) {
      case 'submit':
        return api.submit(c.order);
      case 'cancel':
        return api.cancel(c.id);
      case 'cancelAll':
        return api.cancelAll();
      case 'setFeed':
        return api.setFeed(c.feed);
      case 'attachStrategy':
        return api.attachStrategy(c.spec);
      case 'detachStrategy':
        return api.detachStrategy();
      case 'resetAccount':
        return api.resetAccount(c.cash);
      case 'submitAlgo':
        return api.submitAlgo(c.algo);
      case 'controlAlgo':
        return api.controlAlgo(c.id, c.action);
      case 'view':
        return api.view();
      case 'inspect':
        return api.inspect();
    }
  };

  const lead = (): void => {
    store.setState({ ...store.getState(), role: 'leader', status: 'starting' }, true);
    engine = startEngine(start, (view) => {
      if (leadership.role === 'leader') leadership.publish({ type: 'view', view });
    });
    engine.then(
      (h) => {
        handle = h;
        if (closed) void stopEngine();
      },
      (e: unknown) => {
        show({
          ...startingView('leader'),
          status: 'error',
          error: `the paper engine did not start: ${messageOf(e)}`,
        });
      },
    );
  };

  const stopEngine = async (): Promise<void> => {
    const h = handle;
    handle = null;
    if (h === null) return;
    try {
      await h.api.close();
    } catch {
      // the worker may be gone already
    }
    h.terminate();
  };

  const leadership = new TabLeadership<PaperTabCommand, Reply, TabEvent>({
    name: options.name ?? 'veloz-paper',
    onCommand: run,
    onEvent: (e) => {
      if (e.type === 'view') show(e.view);
    },
    onRoleChange: (role) => {
      if (role === 'leader') lead();
    },
    onLeaderElected: () => {
      // A follower asks the (new) leader for its view rather than wait for the next one.
      if (leadership.role !== 'follower') return;
      leadership.send({ m: 'view' }).then(
        (v) => {
          if (v !== null && typeof v === 'object' && 'status' in v) show(v);
        },
        () => {},
      );
    },
    commandTimeoutMs: options.commandTimeoutMs ?? 15_000,
    ...(options.locks ? { locks: options.locks } : {}),
    ...(options.openChannel ? { openChannel: options.openChannel } : {}),
    ...(options.tabId ? { tabId: options.tabId } : {}),
  });

  const send = async (c: PaperTabCommand): Promise<PaperResult> => {
    try {
      return (await leadership.send(c)) as PaperResult;
    } catch (e) {
      return { ok: false, error: isTabCommandError(e) ? e.message : messageOf(e) };
    }
  };

  const commands: PaperCommands = {
    submit: (order) => send({ m: 'submit', order }),
    cancel: (id) => send({ m: 'cancel', id }),
    cancelAll: () => send({ m: 'cancelAll' }),
    setFeed: (feed) => send({ m: 'setFeed', feed }),
    attachStrategy: (spec) => send({ m: 'attachStrategy', spec }),
    detachStrategy: () => send({ m: 'detachStrategy' }),
    resetAccount: (cash) => send({ m: 'resetAccount', cash }),
    submitAlgo: (algo) => send({ m: 'submitAlgo', algo }),
    controlAlgo: (id, action) => send({ m: 'controlAlgo', id, action }),
  };

  return {
    store,
    commands,
    inspect: async () => (await leadership.send({ m: 'inspect' })) as PaperInspection | null,
    get openMs() {
      return handle?.openMs ?? null;
    },
    async close() {
      if (closed) return;
      closed = true;
      // The engine stops (its WAL closed) before the lock goes to the next tab.
      await stopEngine();
      leadership.close();
    },
  };
}

let shared: PaperClient | null = null;

/**
 * This tab's paper client, created on first use and kept for the tab's life (the engine runs on
 * while the user is on other pages). The Binance base URL is the Settings page's.
 */
export function getPaperClient(): PaperClient {
  if (shared === null) {
    const e2e = testHookParams();
    shared = createPaperClient({
      start: { binanceRestUrl: binanceBaseUrl(), ...(e2e ? { config: e2e } : {}) },
    });
    if (e2e !== null) installTestHook(shared);
  }
  return shared;
}

const TEST_SETTINGS = ['compactEvery', 'viewEveryMs', 'cash', 'latencyMs'] as const;
type TestSetting = (typeof TEST_SETTINGS)[number];

/**
 * With `?e2e=1` in the page's URL, account settings for end-to-end tests from the query
 * (`compactEvery`, `viewEveryMs`, `cash`, `latencyMs`); null without it.
 */
function testHookParams(): Partial<Record<TestSetting, number>> | null {
  if (typeof location === 'undefined') return null;
  const q = new URLSearchParams(location.search);
  if (q.get('e2e') !== '1') return null;
  const out: Partial<Record<TestSetting, number>> = {};
  for (const k of TEST_SETTINGS) {
    const v = Number(q.get(k));
    if (q.has(k) && Number.isFinite(v) && v >= 0) out[k] = v;
  }
  return out;
}

/** `window.__velozPaper` for end-to-end tests (only with `?e2e=1`). */
function installTestHook(client: PaperClient): void {
  (globalThis as { __velozPaper?: unknown }).__velozPaper = {
    view: () => client.store.getState(),
    commands: client.commands,
    inspect: () => client.inspect(),
    openMs: () => client.openMs,
    close: () => client.close(),
  };
}
