import type { Instrument } from '../model';

/** Rounds down to a multiple of `step` (0 = any), tolerant of float noise (2.9999999999 lots → 3). */
export function floorToStep(qty: number, step: number): number {
  if (step <= 0) return qty;
  const k = Math.floor(qty / step + 1e-9);
  if (k <= 0) return 0;
  // k × step is 0.30000000000000004 for 30 000 × 0.00001: round to the step's decimals.
  const scale = decimalScale(step);
  return Math.round(k * step * scale) / scale;
}

/** 10^d for the fewest decimals d (≤ 12) that write `step` exactly. */
function decimalScale(step: number): number {
  let scale = 1;
  for (let d = 0; d < 12; d++, scale *= 10) {
    const x = step * scale;
    if (Math.abs(x - Math.round(x)) < 1e-9 * Math.max(1, x)) return scale;
  }
  return scale;
}

/** Rounds a price to the tick: up for a buy's limit, down for a sell's (never a worse price). */
export function roundPriceToTick(price: number, tick: number, dir: 'up' | 'down'): number {
  if (tick <= 0) return price;
  const k = price / tick;
  const r = Math.round(k);
  const n =
    Math.abs(k - r) <= 1e-9 * Math.max(1, Math.abs(k))
      ? r
      : dir === 'up'
        ? Math.ceil(k)
        : Math.floor(k);
  return n * tick;
}

/**
 * The quantity a child may have: `want` rounded down to the lot, or 0 when that is under the
 * instrument's min qty or min notional at `refPrice` (NaN: no price known, notional unchecked).
 */
export function sendableQty(want: number, inst: Instrument | undefined, refPrice: number): number {
  if (!(want > 0)) return 0;
  if (inst === undefined) return want;
  const q = floorToStep(want, inst.lotSize);
  if (q <= 0 || q < inst.minQty * (1 - 1e-12)) return 0;
  if (!Number.isNaN(refPrice) && q * refPrice < inst.minNotional) return 0;
  return q;
}

/**
 * A passive limit child's price: the touch on its own side moved `offsetBps` away from the other
 * side (down for a buy, up for a sell), rounded to the tick in that same passive direction and
 * written with the tick's decimals. NaN when the touch is unknown (not > 0).
 */
export function passiveLimitPrice(
  touch: number,
  side: 'BUY' | 'SELL',
  offsetBps: number,
  tick: number,
): number {
  if (!(touch > 0) || !Number.isFinite(touch)) return Number.NaN;
  const raw = side === 'BUY' ? touch * (1 - offsetBps / 10_000) : touch * (1 + offsetBps / 10_000);
  const px = roundPriceToTick(raw, tick, side === 'BUY' ? 'down' : 'up');
  if (tick <= 0) return px;
  const scale = decimalScale(tick);
  const clean = Math.round(px * scale) / scale;
  return clean > 0 ? clean : Number.NaN;
}
