/** Percentile of a sorted array (nearest rank). */
export function percentile(sorted: Float64Array | readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

/** Formats a count per second with thousands separators. */
export const perSecond = (n: number, seconds: number): string =>
  `${Math.round(n / seconds).toLocaleString('en-US')}/s`;

/** Resident set size and heap in MiB, right now. */
export function memoryMiB(): { rss: number; heap: number } {
  const m = process.memoryUsage();
  return { rss: m.rss / 2 ** 20, heap: m.heapUsed / 2 ** 20 };
}
