// A backtest's trades and fills as typed columns: what the worker hands the page. Typed arrays
// cross postMessage as transferred buffers (no per-object cloning of thousands of trades), and
// a table or a chart reads the row it needs.
import type { FillAction, FillMarker, ReportTrade } from '../../../engine-core/src/analyzer';

/** The report's trades (`ReportTrade`) as columns; `side` is 1 for LONG, −1 for SHORT. */
export interface TradeColumns {
  readonly length: number;
  readonly side: Int8Array;
  readonly entryTime: Float64Array;
  readonly exitTime: Float64Array;
  readonly qty: Float64Array;
  readonly entryPrice: Float64Array;
  readonly exitPrice: Float64Array;
  readonly fees: Float64Array;
  readonly pnl: Float64Array;
  readonly ret: Float64Array;
}

/** The fills as the chart marks them (`FillMarker`): sides ±1, actions as `FILL_ACTIONS` codes. */
export interface FillColumns {
  readonly length: number;
  /** The bar each fill is drawn at (see `FillMarker.bar`). */
  readonly bar: Int32Array;
  /** 1 BUY, −1 SELL. */
  readonly side: Int8Array;
  readonly action: Uint8Array;
  /** Sign of the position after the fill. */
  readonly after: Int8Array;
  readonly price: Float64Array;
}

/** `FillColumns.action` codes. */
export const FILL_ACTIONS: readonly FillAction[] = ['open', 'add', 'reduce', 'close', 'flip'];

/** The trades as columns. */
export function tradeColumnsOf(trades: readonly ReportTrade[]): TradeColumns {
  const n = trades.length;
  const c = {
    length: n,
    side: new Int8Array(n),
    entryTime: new Float64Array(n),
    exitTime: new Float64Array(n),
    qty: new Float64Array(n),
    entryPrice: new Float64Array(n),
    exitPrice: new Float64Array(n),
    fees: new Float64Array(n),
    pnl: new Float64Array(n),
    ret: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const t = trades[i] as ReportTrade;
    c.side[i] = t.side === 'LONG' ? 1 : -1;
    c.entryTime[i] = t.entry_time;
    c.exitTime[i] = t.exit_time;
    c.qty[i] = t.qty;
    c.entryPrice[i] = t.entry_price;
    c.exitPrice[i] = t.exit_price;
    c.fees[i] = t.fees;
    c.pnl[i] = t.pnl;
    c.ret[i] = t.return;
  }
  return c;
}

/** Trade `i` as the report has it. */
export function tradeAt(c: TradeColumns, i: number): ReportTrade {
  return {
    entry_time: c.entryTime[i] as number,
    exit_time: c.exitTime[i] as number,
    side: c.side[i] === 1 ? 'LONG' : 'SHORT',
    qty: c.qty[i] as number,
    entry_price: c.entryPrice[i] as number,
    exit_price: c.exitPrice[i] as number,
    fees: c.fees[i] as number,
    pnl: c.pnl[i] as number,
    return: c.ret[i] as number,
  };
}

/** The fills as columns. */
export function fillColumnsOf(markers: readonly FillMarker[]): FillColumns {
  const n = markers.length;
  const c = {
    length: n,
    bar: new Int32Array(n),
    side: new Int8Array(n),
    action: new Uint8Array(n),
    after: new Int8Array(n),
    price: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const m = markers[i] as FillMarker;
    c.bar[i] = m.bar;
    c.side[i] = m.side === 'BUY' ? 1 : -1;
    c.action[i] = FILL_ACTIONS.indexOf(m.action);
    c.after[i] = m.after;
    c.price[i] = m.price;
  }
  return c;
}

/** Fill `i` as `fillMarkers` gives it. */
export function fillAt(c: FillColumns, i: number): FillMarker {
  return {
    bar: c.bar[i] as number,
    side: c.side[i] === 1 ? 'BUY' : 'SELL',
    action: FILL_ACTIONS[c.action[i] as number] as FillAction,
    after: c.after[i] as -1 | 0 | 1,
    price: c.price[i] as number,
  };
}

/** The buffers of columns, for `transfer`. */
export function columnBuffers(c: TradeColumns | FillColumns): ArrayBuffer[] {
  return Object.values(c)
    .filter((v): v is ArrayBufferView => ArrayBuffer.isView(v))
    .map((v) => v.buffer as ArrayBuffer);
}
