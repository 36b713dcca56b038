// Numbers as an instrument writes them: prices to its tick, quantities to its lot.
import { formatFixed } from '../../../../engine-core/src/analyzer';
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

/** `x` with the step's decimals, without separators (for an input field). */
export function plainStep(x: number, step: number): string {
  return x.toFixed(stepDecimals(step));
}

/** The instrument of a symbol among the known ones (engine-core's Binance spot filters). */
export function instrumentOf(symbol: string): Instrument | null {
  return KNOWN_INSTRUMENTS.find((i) => i.symbol === symbol) ?? null;
}
