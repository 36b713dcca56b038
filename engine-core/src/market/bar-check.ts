/** Why one price is unusable, or null. */
function priceProblem(name: string, v: number): string | null {
  if (!Number.isFinite(v)) return `${name} ${v} is not a finite number`;
  return v > 0 ? null : `${name} ${v} <= 0`;
}

/**
 * Why a bar's prices and volume are inconsistent, or null when they are fine: every price is a
 * finite number > 0, `high ≥ max(open, close)`, `low ≤ min(open, close)` and `volume ≥ 0`
 * (a zero-volume bar, such as a trading halt, is valid). Numbers in messages are printed as
 * JavaScript prints them (`57953.86`).
 */
export function barProblem(
  open: number,
  high: number,
  low: number,
  close: number,
  volume: number,
): string | null {
  const price =
    priceProblem('open', open) ??
    priceProblem('high', high) ??
    priceProblem('low', low) ??
    priceProblem('close', close);
  if (price !== null) return price;
  const top = Math.max(open, close);
  if (high < top) return `high ${high} < max(open, close) ${top}`;
  const bottom = Math.min(open, close);
  if (low > bottom) return `low ${low} > min(open, close) ${bottom}`;
  if (!Number.isFinite(volume)) return `volume ${volume} is not a finite number`;
  return volume >= 0 ? null : `volume ${volume} < 0`;
}
