// Numbers as an instrument writes them: prices to its tick, quantities to its lot.
import { formatAmount, formatFixed } from '../../../../engine-core/src/analyzer';
import { KNOWN_INSTRUMENTS } from '../../../../engine-core/src/instruments';
import type { Instrument } from '../../../../engine-core/src/model';

/** Decimals of a step as written (`0.01` → 2, `1e-5` → 5, `0.5` → 1, `1` → 0). */
export function stepDecimals(step: number): number {
  if (!Number.isFinite(step) || step <= 0 || Number.isInteger(step)) return 0;
  const [mant, exp] = step.toExponential().split('e') as [string, string];
  const frac = mant.split('.')[1]?.length ?? 0;
  return Math.min(12, Math.max(0, frac - Number(exp)));
}

/** `x` with the step's decimals and thousands separators (`50,000.01` for a 0.01 tick). */
export function formatStep(x: number | null, step: number): string {
  return formatFixed(x, stepDecimals(step));
}

/**
 * A quantity in a narrow column: the lot's decimals, but no more than six significant digits
 * (`0.00772`, `507.638`, `12,345.6` for a 0.00001 lot).
 */
export function formatQtyShort(x: number, lot: number): string {
  if (!Number.isFinite(x)) return formatFixed(null, 0);
  const magnitude = x === 0 ? 0 : Math.floor(Math.log10(Math.abs(x)));
  return formatFixed(x, Math.min(stepDecimals(lot), Math.max(0, 5 - magnitude)));
}

const CENTS = new Set(['USDT', 'USDC', 'FDUSD', 'BUSD', 'TUSD', 'DAI', 'USD', 'EUR']);

/** An amount of a quote asset: cents for dollar-like ones, about six significant digits else. */
export function formatQuote(x: number, quote: string): string {
  return CENTS.has(quote) ? formatFixed(x, 2) : formatAmount(x);
}

/** `x` with the step's decimals, without separators (for an input field). */
export function plainStep(x: number, step: number): string {
  return x.toFixed(stepDecimals(step));
}

/** The instrument of a symbol among the known ones (engine-core's Binance spot filters). */
export function instrumentOf(symbol: string): Instrument | null {
  return KNOWN_INSTRUMENTS.find((i) => i.symbol === symbol) ?? null;
}
