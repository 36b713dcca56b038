import type { TradeColumns } from '../../engine/result-columns';

/** A column the trade list sorts by (`index` is the trade's order in the report). */
export type TradeSortKey =
  | 'index'
  | 'side'
  | 'entry_time'
  | 'exit_time'
  | 'duration'
  | 'qty'
  | 'entry_price'
  | 'exit_price'
  | 'fees'
  | 'pnl'
  | 'return';

export type SortDir = 'asc' | 'desc';

export interface TradeSort {
  readonly key: TradeSortKey;
  readonly dir: SortDir;
}

/** The report's own order. */
export const DEFAULT_TRADE_SORT: TradeSort = { key: 'index', dir: 'asc' };

/** The column each plain numeric key reads. */
const COLUMN_OF = {
  entry_time: 'entryTime',
  exit_time: 'exitTime',
  qty: 'qty',
  entry_price: 'entryPrice',
  exit_price: 'exitPrice',
  fees: 'fees',
  pnl: 'pnl',
  return: 'ret',
} as const satisfies Record<
  Exclude<TradeSortKey, 'index' | 'side' | 'duration'>,
  keyof TradeColumns
>;

/** The column a key sorts by, one number per trade (`side`: LONG 0, SHORT 1, as the names sort). */
export function tradeSortKeys(trades: TradeColumns, key: TradeSortKey): Float64Array {
  const n = trades.length;
  const out = new Float64Array(n);
  switch (key) {
    case 'index':
      for (let i = 0; i < n; i++) out[i] = i;
      return out;
    case 'side':
      for (let i = 0; i < n; i++) out[i] = trades.side[i] === 1 ? 0 : 1;
      return out;
    case 'duration':
      for (let i = 0; i < n; i++)
        out[i] = (trades.exitTime[i] as number) - (trades.entryTime[i] as number);
      return out;
    default:
      out.set(trades[COLUMN_OF[key]]);
      return out;
  }
}

/**
 * The trades' indexes in sort order: a permutation, the columns stay as they are. Stable: ties
 * keep report order whatever the direction, so equal P&Ls stay in time order. NaN sorts last
 * either way.
 */
export function sortedTradeIndexes(trades: TradeColumns, sort: TradeSort): Uint32Array {
  const n = trades.length;
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = sort.key === 'index' && sort.dir === 'desc' ? n - 1 - i : i;
  if (sort.key === 'index') return idx;
  const keys = tradeSortKeys(trades, sort.key);
  const sign = sort.dir === 'asc' ? 1 : -1;
  idx.sort((a, b) => {
    const x = keys[a] as number;
    const y = keys[b] as number;
    const xn = Number.isNaN(x);
    const yn = Number.isNaN(y);
    if (xn || yn) return xn === yn ? a - b : xn ? 1 : -1;
    if (x < y) return -sign;
    if (x > y) return sign;
    return a - b;
  });
  return idx;
}

/** Columns a first click sorts largest first (a trader looks for the biggest ones). */
const DESC_FIRST: ReadonlySet<TradeSortKey> = new Set(['duration', 'qty', 'fees', 'pnl', 'return']);

/** The sort after clicking a column header: the same column flips, another starts fresh. */
export function nextTradeSort(current: TradeSort, key: TradeSortKey): TradeSort {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: DESC_FIRST.has(key) ? 'desc' : 'asc' };
}

/** A duration in ms as `3d 4h`, `5h 30m`, `45m`, `30s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const s = Math.round(ms / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return h > 0 ? `${d}d ${h}h` : `${d}d`;
  if (h > 0) return m > 0 ? `${h}h ${m}m` : `${h}h`;
  if (m > 0) return `${m}m`;
  return `${s}s`;
}
