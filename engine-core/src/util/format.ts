/** Formats a number for human-readable messages: no float noise, no exponent for usual magnitudes. */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return String(Number.parseFloat(x.toPrecision(12)));
}

/** Formats a fraction as a percentage with two decimals. */
export function pct(fraction: number): string {
  return `${(fraction * 100).toFixed(2)}%`;
}
