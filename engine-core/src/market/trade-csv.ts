import { err, ok, type Result } from '../util/result';
import { CandleBuilder } from './candle-builder';
import type { Candles } from './candles';
import { KlineAggregator } from './kline-aggregator';
import { unitOfDigits } from './timestamp-reader';

/** Where a trades file keeps its fields (0-based columns). */
interface TradeColumns {
  readonly time: number;
  readonly price: number;
  readonly qty: number;
}

/** `timestamp,price,qty[,…]`: the seed's headerless trade rows. */
const SEED_TRADES: TradeColumns = { time: 0, price: 1, qty: 2 };
/** Binance's aggTrades dump: `agg_id,price,qty,first_id,last_id,time,is_buyer_maker[,best]`. */
const BINANCE_AGG_TRADES: TradeColumns = { time: 5, price: 1, qty: 2 };
const TIME_NAMES = ['time', 'timestamp', 'transact_time', 'ts', 't'];
const PRICE_NAMES = ['price', 'p'];
const QTY_NAMES = ['qty', 'quantity', 'size', 'amount', 'q'];

/** The columns named by a header row, or null when the row is not a header. */
function headerColumns(cells: readonly string[]): TradeColumns | null | string {
  // Data rows start with a number (an id or a time); flags like `true` come later.
  if (/^\s*[-+]?[0-9.]/.test(cells[0] ?? '')) return null;
  const names = cells.map((c) => c.trim().toLowerCase());
  const find = (wanted: readonly string[]) => names.findIndex((n) => wanted.includes(n));
  const cols = { time: find(TIME_NAMES), price: find(PRICE_NAMES), qty: find(QTY_NAMES) };
  if (cols.time < 0 || cols.price < 0 || cols.qty < 0)
    return `header "${cells.join(',')}" needs time, price and qty columns`;
  return cols;
}

/** Integer-digit time in s, ms, µs or ns (by magnitude) → the ms it falls in. */
function timeMs(field: string): number | null {
  const s = field.trim().split('.')[0] ?? '';
  if (!/^[0-9]+$/.test(s)) return null;
  const unit = unitOfDigits(s.replace(/^0+/, '').length);
  if (unit === undefined) return null;
  if (unit === 's') return Number(s) * 1000;
  const cut = unit === 'ms' ? 0 : unit === 'us' ? 3 : 6;
  return Number(s.slice(0, s.length - cut));
}

/**
 * Bars of `intervalMs` from a CSV of trades: the seed's headerless `timestamp,price,qty`, Binance's
 * headerless aggTrades dump, or any file whose header names time, price and qty columns.
 * Timestamps in s/ms/µs/ns (by magnitude; a trade's ms is the one it falls in). Trades must come
 * in time order; intervals without a trade make no bar (gaps stay gaps). Errors name the line.
 */
export function candlesFromTradeCsv(
  text: string,
  options: { fileName: string; symbol: string; interval: string; intervalMs: number },
): Result<{ candles: Candles; trades: number }, string> {
  const agg = new KlineAggregator({ intervalMs: options.intervalMs });
  const out = new CandleBuilder();
  const lines = text.split(/\r?\n/);
  let cols: TradeColumns | null = null;
  let trades = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    const where = `${options.fileName}:${i + 1}`;
    const cells = line.split(',');
    if (cols === null) {
      const h = headerColumns(cells);
      if (typeof h === 'string') return err(`${where}: ${h}`);
      if (h !== null) {
        cols = h;
        continue;
      }
      cols = cells.length >= 7 ? BINANCE_AGG_TRADES : SEED_TRADES;
    }
    const time = timeMs(cells[cols.time] ?? '');
    if (time === null) return err(`${where}: bad timestamp "${cells[cols.time] ?? ''}"`);
    const pushed = agg.pushTrade({
      time,
      price: Number(cells[cols.price]),
      qty: Number(cells[cols.qty]),
    });
    if (!pushed.ok) return err(`${where}: ${pushed.error}`);
    for (const b of pushed.value) out.push(b.time, b.open, b.high, b.low, b.close, b.volume);
    trades++;
  }
  for (const b of agg.closeUntil(Number.POSITIVE_INFINITY))
    out.push(b.time, b.open, b.high, b.low, b.close, b.volume);
  return ok({ candles: out.build(options.symbol, options.interval, options.intervalMs), trades });
}
