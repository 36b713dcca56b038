// An adapter wired to a fresh local Binance exchange, with every event it reports recorded.
import { expect } from 'vitest';
import {
  type LocalBinance,
  type LocalBinanceOptions,
  startLocalBinance,
} from '../../../../test/local-exchange';
import { BTCUSDT_SPEC } from '../../../../test/local-exchange/symbols';
import type {
  ConnectionState,
  ExecReport,
  LiveOrderRequest,
  VenueSnapshot,
} from '../../venue-adapter';
import { BinanceSpotAdapter, type BinanceSpotOptions } from '../binance-spot-adapter';

export const KEY = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';
export const SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';

export const BTCUSDT = BTCUSDT_SPEC;

export interface Harness {
  readonly ex: LocalBinance;
  readonly adapter: BinanceSpotAdapter;
  readonly reports: ExecReport[];
  readonly states: ConnectionState[];
  readonly snapshots: VenueSnapshot[];
  readonly logs: string[];
  close(): Promise<void>;
}

export async function startHarness(
  opts: {
    balances?: Record<string, number>;
    exchange?: Partial<LocalBinanceOptions>;
    adapter?: Partial<BinanceSpotOptions>;
    beforeStart?: (ex: LocalBinance) => void;
  } = {},
): Promise<Harness> {
  const ex = await startLocalBinance({
    accounts: [{ apiKey: KEY, apiSecret: SECRET, balances: opts.balances ?? { USDT: 10_000 } }],
    symbols: [BTCUSDT],
    ...opts.exchange,
  });
  ex.controls.setPrice('BTCUSDT', 20_000);
  opts.beforeStart?.(ex);
  const reports: ExecReport[] = [];
  const states: ConnectionState[] = [];
  const snapshots: VenueSnapshot[] = [];
  const logs: string[] = [];
  const adapter = new BinanceSpotAdapter({
    credentials: { apiKey: KEY, apiSecret: SECRET },
    restUrl: ex.restUrl,
    wsApiUrl: ex.wsUrl,
    symbols: ['BTCUSDT'],
    requestTimeoutMs: 400,
    maxAttempts: 4,
    retryBackoff: { baseMs: 20, maxMs: 100 },
    reconnectBackoff: { baseMs: 20, maxMs: 100 },
    log: (l) => logs.push(l),
    ...opts.adapter,
  });
  await adapter.start({
    onReport: (r) => reports.push(r),
    onConnection: (s) => states.push(s),
    onReconciled: (s) => snapshots.push(s),
  });
  return {
    ex,
    adapter,
    reports,
    states,
    snapshots,
    logs,
    close: async () => {
      await adapter.close();
      await ex.close();
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `f` until true (fails after ~5 s). */
export async function until(f: () => boolean): Promise<void> {
  for (let k = 0; k < 1000 && !f(); k++) await sleep(5);
  expect(f()).toBe(true);
}

export const limitBuy = (id: string, o: Partial<LiveOrderRequest> = {}): LiveOrderRequest => ({
  clientOrderId: id,
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'LIMIT',
  qty: 0.1,
  price: 19_000,
  tif: 'GTC',
  postOnly: false,
  ...o,
});

export const fillsOf = (reports: readonly ExecReport[], id: string) =>
  reports.filter(
    (r): r is Extract<ExecReport, { kind: 'fill' }> => r.kind === 'fill' && r.clientOrderId === id,
  );

export const statusesOf = (reports: readonly ExecReport[], id: string) =>
  reports.filter((r) => r.clientOrderId === id).map((r) => r.status);
