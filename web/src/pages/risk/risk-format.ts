// How the Risk page writes its numbers.

/** 1234.5 → `1,234.50`; NaN and ±Infinity as `—`. */
export function money(x: number): string {
  if (!Number.isFinite(x)) return '—';
  return x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** 0.1234 → `12.34 %`. */
export function percent(x: number): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(2)} %` : '—';
}

/** A market time as `2024-01-05 13:00 UTC`. */
export function utc(ms: number): string {
  return Number.isFinite(ms)
    ? `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`
    : '—';
}
