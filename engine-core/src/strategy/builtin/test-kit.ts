// Helpers for the built-in strategies' tests (not exported from the package). Pure: the real
// data come through testing/shared-data.ts.
import type { BacktestResult } from '../../analyzer';
import type { Candles } from '../../market';
import type {
  Strategy,
  StrategyContext,
  StrategyInstance,
  StrategyOpenOrder,
  StrategyOrder,
} from '../strategy';

/** Hand-made hourly bars from `[open, high, low, close]` rows. */
export function bars(rows: readonly (readonly [number, number, number, number])[]): Candles {
  const n = rows.length;
  const col = (k: number) => Float64Array.from(rows, (r) => r[k] as number);
  return {
    symbol: 'TEST',
    interval: '1h',
    intervalMs: 3_600_000,
    length: n,
    time: Float64Array.from(rows, (_, i) => 1_700_000_000_000 + i * 3_600_000),
    open: col(0),
    high: col(1),
    low: col(2),
    close: col(3),
    volume: new Float64Array(n).fill(1e6),
  };
}

/** A strategy wrapped so that its orders are recorded. */
export interface Recording {
  readonly strategy: Strategy;
  /** `orders[i]`: the strategy's working orders when `onBar` of bar i returned. */
  readonly orders: (readonly StrategyOpenOrder[])[];
  /**
   * `submitted[i]`: every order the strategy submitted at bar i (in `onBar` and in the callbacks
   * delivered at that bar), whether the engine then took it or refused it.
   */
  readonly submitted: StrategyOrder[][];
}

/** Wraps `s`: same name, params and behaviour, plus a record of its orders per bar. */
export function recording(s: Strategy): Recording {
  const orders: (readonly StrategyOpenOrder[])[] = [];
  const submitted: StrategyOrder[][] = [];
  // The context the strategy sees: the runner's, with `submit` noted down first.
  const spy = (ctx: StrategyContext): StrategyContext =>
    new Proxy(ctx, {
      get(target, key) {
        if (key === 'submit')
          return (o: StrategyOrder) => {
            const list = submitted[target.bar] ?? [];
            submitted[target.bar] = list;
            list.push(o);
            return target.submit(o);
          };
        const v = Reflect.get(target, key);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
  const strategy: Strategy = {
    name: s.name,
    description: s.description,
    params: s.params,
    create(params) {
      const inner = s.create(params);
      const outer: StrategyInstance = {
        onBar(ctx) {
          inner.onBar(spy(ctx));
          orders[ctx.bar] = ctx.openOrders();
        },
      };
      // Only what the inner instance has: the runner delivers notices only when asked to.
      const o = outer as { -readonly [K in keyof StrategyInstance]: StrategyInstance[K] };
      if (inner.init) o.init = (ctx) => inner.init?.(spy(ctx));
      if (inner.onFill) o.onFill = (ctx, f) => inner.onFill?.(spy(ctx), f);
      if (inner.onOrderUpdate) o.onOrderUpdate = (ctx, u) => inner.onOrderUpdate?.(spy(ctx), u);
      return outer;
    },
  };
  return { strategy, orders, submitted };
}

/** The bar each fill happened in (fills carry the open time of their bar). */
export function fillBars(r: BacktestResult): Int32Array {
  const out = new Int32Array(r.fills.length);
  r.fills.forEach((f, k) => {
    let lo = 0;
    let hi = r.time.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((r.time[mid] as number) < f.time) lo = mid + 1;
      else hi = mid;
    }
    if (r.time[lo] !== f.time) throw new Error(`fill ${k} at ${f.time} is at no bar's open time`);
    out[k] = lo;
  });
  return out;
}

/** Equal to 1e-9 relative. */
export function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1);
}

/** Flat within float noise (a spot position sold whole is exactly 0; a perp one too). */
export const isFlat = (q: number): boolean => Math.abs(q) < 1e-12;

/**
 * The single working STOP order after each bar's `onBar`, from a recording: `price[i]` (NaN when
 * none) and `side[i]` (+1 for a SELL stop protecting a long, −1 for a BUY stop, 0 for none).
 * Throws if a bar has more than one: these strategies keep at most one.
 */
export function workingStops(rec: Recording, n: number): { price: Float64Array; side: Int8Array } {
  const price = new Float64Array(n).fill(Number.NaN);
  const side = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const stops = (rec.orders[i] ?? []).filter((o) => o.type === 'STOP');
    if (stops.length > 1) throw new Error(`bar ${i}: ${stops.length} working stops`);
    const s = stops[0];
    if (s === undefined) continue;
    price[i] = s.stopPrice as number;
    side[i] = s.side === 'SELL' ? 1 : -1;
  }
  return { price, side };
}

/**
 * DESIGN §4 for stops, checked from the fills against the bar data: a stop working into bar j
 * (`stopAfter[j − 1]`) triggers in bar j exactly when the bar reaches it (a SELL stop when
 * `low ≤ stop`, a BUY stop when `high ≥ stop`), and then the position is closed by one fill in bar
 * j at `min(open, stop) × (1 − s)` (SELL) or `max(open, stop) × (1 + s)` (BUY). A stop the bar does
 * not reach leaves the position as it was (the strategies here have no other order working
 * alongside their stop). Returns the problems found and the number of stop exits seen.
 */
export function stopProblems(
  r: BacktestResult,
  stops: { price: Float64Array; side: Int8Array },
  slippageBps: number,
): { problems: string[]; exits: number } {
  const s = slippageBps / 10_000;
  const at = fillBars(r);
  const problems: string[] = [];
  let exits = 0;
  for (let j = 1; j < r.time.length; j++) {
    const side = stops.side[j - 1] as number;
    if (side === 0) continue;
    const stop = stops.price[j - 1] as number;
    const o = r.open[j] as number;
    const hit = side > 0 ? (r.low[j] as number) <= stop : (r.high[j] as number) >= stop;
    const fills = r.fills.filter((_, k) => at[k] === j);
    if (!hit) {
      if (fills.length > 0 || r.positionQty[j] !== r.positionQty[j - 1])
        problems.push(`bar ${j}: stop ${stop} not reached, yet ${fills.length} fill(s)`);
      continue;
    }
    exits++;
    const want = side > 0 ? Math.min(o, stop) * (1 - s) : Math.max(o, stop) * (1 + s);
    const f = fills[0];
    if (
      fills.length !== 1 ||
      f === undefined ||
      f.side !== (side > 0 ? 'SELL' : 'BUY') ||
      !near(f.price, want) ||
      !near(f.qty, Math.abs(r.positionQty[j - 1] as number)) ||
      !isFlat(r.positionQty[j] as number)
    ) {
      problems.push(
        `bar ${j}: stop ${stop} (${side > 0 ? 'SELL' : 'BUY'}) reached (o ${o} h ${r.high[j]} l ${r.low[j]}), want one exit at ${want}; fills ${JSON.stringify(fills)}, position ${r.positionQty[j - 1]} → ${r.positionQty[j]}`,
      );
    }
  }
  return { problems, exits };
}

/**
 * Market orders of DESIGN §4, from the fills: the strategy decided at the close of bar j − 1
 * (`enter[j − 1]` / `exit[j − 1]`, +1 long, −1 short, 0 nothing) and the fill is at bar j's open
 * ± slippage. Checks, for every bar, that a position opens at bar j exactly when flat after bar
 * j − 1 with an entry signal there, and that a position is closed at bar j's open exactly when
 * the exit signal held at j − 1 while in it. `enter` is read only while flat and `exit` only while
 * in a position; an exit leaves the position flat (a reversal enters on a later bar, from flat,
 * so `enter` must say so there). Where a stop worked
 * into bar j (`stopSide[j − 1] ≠ 0`, see `workingStops`) a fill at the open is that stop on a gap
 * (`stopProblems` checks it), and a signal exit must not coexist with it.
 */
export function marketProblems(
  r: BacktestResult,
  enter: Int8Array,
  exit: Int8Array,
  slippageBps: number,
  stopSide: Int8Array = new Int8Array(r.time.length),
): { problems: string[]; entries: number; exits: number } {
  const s = slippageBps / 10_000;
  const at = fillBars(r);
  const problems: string[] = [];
  let entries = 0;
  let exits = 0;
  for (let j = 1; j < r.time.length; j++) {
    const before = r.positionQty[j - 1] as number;
    const o = r.open[j] as number;
    const fillsHere = r.fills.filter((_, k) => at[k] === j);
    const atOpen = (side: 'BUY' | 'SELL') =>
      fillsHere.some(
        (f) => f.side === side && near(f.price, side === 'BUY' ? o * (1 + s) : o * (1 - s)),
      );
    if (!isFlat(before)) {
      const dir = before > 0 ? 1 : -1;
      const wantExit = exit[j - 1] === dir;
      if (stopSide[j - 1] !== 0) {
        if (wantExit) problems.push(`bar ${j}: a stop still works while exiting on a signal`);
        continue;
      }
      const closed = atOpen(dir > 0 ? 'SELL' : 'BUY');
      if (wantExit !== closed)
        problems.push(
          `bar ${j}: exit signal at ${j - 1} is ${wantExit}, market exit at open ${closed}`,
        );
      if (wantExit) {
        exits++;
        // The exit leaves the position flat; nothing enters on the same open.
        if (!isFlat(r.positionQty[j] as number))
          problems.push(`bar ${j}: position ${r.positionQty[j]} after a signal exit`);
      }
      continue;
    }
    const want = enter[j - 1] as number;
    const after = r.positionQty[j] as number;
    // A position that exists after bar j was opened at its open (stops only work from j + 1).
    const opened = isFlat(after) ? 0 : after > 0 ? 1 : -1;
    if (want !== opened) {
      problems.push(
        `bar ${j}: entry signal at ${j - 1} is ${want}, position after bar ${j} ${after}`,
      );
      continue;
    }
    if (want === 0) continue;
    entries++;
    if (!atOpen(want > 0 ? 'BUY' : 'SELL'))
      problems.push(`bar ${j}: entry not filled at the open ${o}: ${JSON.stringify(fillsHere)}`);
  }
  return { problems, entries, exits };
}
