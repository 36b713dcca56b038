/** The parts of a report the console summary prints. */
interface SummaryReport {
  readonly strategy: string;
  readonly symbol: string;
  readonly interval: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly summary: Readonly<Record<string, number | null>>;
}

const PERCENT = new Set([
  'total_return',
  'max_drawdown',
  'cagr',
  'win_rate',
  'exposure',
  'buy_and_hold_return',
]);

/** A plain-text summary: one metric per line, percentages where they read better. */
export function formatSummary(
  report: SummaryReport,
  data: { bars: number; gaps: number; skipped: number },
): string {
  const params = Object.entries(report.params)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
  const lines = [
    `${report.strategy} ${params} on ${report.symbol} ${report.interval}: ${data.bars} bars` +
      (data.gaps ? `, ${data.gaps} gaps` : '') +
      (data.skipped ? `, ${data.skipped} bad rows skipped` : ''),
  ];
  const width = Math.max(...Object.keys(report.summary).map((k) => k.length));
  for (const [k, v] of Object.entries(report.summary)) {
    const shown =
      v === null
        ? '—'
        : PERCENT.has(k)
          ? `${(v * 100).toFixed(2)}%`
          : Number.isInteger(v)
            ? String(v)
            : v.toFixed(4);
    lines.push(`  ${k.padEnd(width)}  ${shown}`);
  }
  return `${lines.join('\n')}\n`;
}
