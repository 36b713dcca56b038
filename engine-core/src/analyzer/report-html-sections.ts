import type { BacktestResult } from './backtest-result';
import { formatAmount, formatFixed, formatPercent, formatTime, NO_VALUE } from './display-format';
import { escapeHtml } from './html-escape';
import type { Summary } from './metrics';
import type { Report, ReportTrade } from './report-json';

type Kind = 'money' | 'percent' | 'ratio' | 'count';

/**
 * Label, display format and whether the sign is coloured (green good, red bad), of each summary
 * metric, in report order.
 */
const SUMMARY_ROWS: readonly (readonly [keyof Summary, string, Kind, boolean])[] = [
  ['final_equity', 'Final equity', 'money', false],
  ['total_return', 'Total return', 'percent', true],
  ['buy_and_hold_return', 'Buy & hold return', 'percent', true],
  ['cagr', 'CAGR', 'percent', true],
  ['max_drawdown', 'Max drawdown', 'percent', false],
  ['sharpe', 'Sharpe', 'ratio', true],
  ['sortino', 'Sortino', 'ratio', true],
  ['calmar', 'Calmar', 'ratio', true],
  ['trades', 'Trades', 'count', false],
  ['win_rate', 'Win rate', 'percent', false],
  ['profit_factor', 'Profit factor', 'ratio', false],
  ['expectancy', 'Expectancy', 'money', true],
  ['avg_win', 'Average win', 'money', false],
  ['avg_loss', 'Average loss', 'money', false],
  ['max_consecutive_losses', 'Max consecutive losses', 'count', false],
  ['exposure', 'Exposure', 'percent', false],
  ['total_fees', 'Total fees', 'money', false],
  ['turnover', 'Turnover', 'money', false],
];

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Decimals for money amounts in the quote currency, from the size of the initial cash: 2 for
 * 10 000 USDT, 7 for 0.5 BTC (about six significant digits of the account's scale).
 */
export function moneyDecimals(initialCash: number): number {
  if (!(initialCash > 0) || !Number.isFinite(initialCash)) return 2;
  return Math.min(10, Math.max(2, 6 - Math.floor(Math.log10(initialCash))));
}

function formatMetric(value: number | null, kind: Kind, money: number): string {
  switch (kind) {
    case 'money':
      return formatFixed(value, money);
    case 'percent':
      return formatPercent(value);
    case 'ratio':
      return formatFixed(value, 3);
    case 'count':
      return formatFixed(value, 0);
  }
}

/** CSS class for the sign of a value: `pos`, `neg` or none. */
function signClass(value: number | null): string {
  if (value === null || !Number.isFinite(value) || value === 0) return '';
  return value > 0 ? ' class="pos"' : ' class="neg"';
}

/** The page header: strategy, market, period, parameters and accounting settings. */
export function headerSection(report: Report, result: BacktestResult): string {
  const n = result.time.length;
  const period =
    n > 0
      ? `${formatTime(result.time[0])} → ${formatTime(result.time[n - 1] + result.barMs)} UTC`
      : NO_VALUE;
  const params = Object.keys(report.params)
    .sort()
    .map((k) => `<code>${escapeHtml(k)}=${escapeHtml(String(report.params[k]))}</code>`)
    .join(' ');
  const c = report.config;
  return `<header>
<h1>${escapeHtml(report.strategy)} <span class="muted">on</span> ${escapeHtml(report.symbol)} <span class="muted">${escapeHtml(report.interval)}</span></h1>
<p class="meta">${escapeHtml(period)} · ${formatFixed(n, 0)} bars · params ${params || NO_VALUE}</p>
<p class="meta">initial cash ${formatFixed(c.initial_cash, moneyDecimals(c.initial_cash))} · fee ${formatFixed(c.fee_bps, 2)} bps · maker fee ${formatFixed(c.maker_fee_bps, 2)} bps · slippage ${formatFixed(c.slippage_bps, 2)} bps</p>
</header>`;
}

/**
 * The summary metrics as a two-column table (label, formatted value), every DESIGN §5 metric;
 * money with `moneyDecimals(initialCash)` decimals.
 */
export function summaryTable(summary: Summary, initialCash: number): string {
  const money = moneyDecimals(initialCash);
  const rows = SUMMARY_ROWS.map(([key, label, kind, signed]) => {
    const value = summary[key];
    const cls = signed ? signClass(value) : '';
    return `<tr><th scope="row" title="${key}">${escapeHtml(label)}</th><td${cls}>${formatMetric(value, kind, money)}</td></tr>`;
  });
  return `<table class="summary" id="summary"><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

/** Background colour of a heatmap cell: green up, red down, stronger with `|r| / maxAbs`. */
function heatColour(r: number, maxAbs: number): string {
  if (!Number.isFinite(r) || r === 0 || maxAbs === 0) return 'transparent';
  const alpha = (0.12 + 0.68 * Math.min(1, Math.abs(r) / maxAbs)).toFixed(3);
  return r > 0 ? `rgba(38,166,154,${alpha})` : `rgba(239,83,80,${alpha})`;
}

/** Monthly returns as a year × month table coloured by sign and size, with a compounded year column. */
export function monthlyHeatmap(monthly: Readonly<Record<string, number>>): string {
  const keys = Object.keys(monthly).sort();
  if (keys.length === 0) return '<p class="muted">No monthly returns (no bars).</p>';
  let maxAbs = 0;
  for (const k of keys) if (Math.abs(monthly[k]) > maxAbs) maxAbs = Math.abs(monthly[k]);
  const years = [...new Set(keys.map((k) => k.slice(0, 4)))];
  const head = `<tr><th>Year</th>${MONTHS.map((m) => `<th>${m}</th>`).join('')}<th>Year</th></tr>`;
  const rows = years.map((year) => {
    let growth = 1;
    const cells = MONTHS.map((_, i) => {
      const key = `${year}-${String(i + 1).padStart(2, '0')}`;
      const r = monthly[key];
      if (r === undefined) return '<td class="empty"></td>';
      growth *= 1 + r;
      return `<td style="background:${heatColour(r, maxAbs)}" title="${key}">${formatPercent(r)}</td>`;
    });
    const yearReturn = growth - 1;
    return `<tr><th scope="row">${escapeHtml(year)}</th>${cells.join('')}<td class="year"${signClass(yearReturn)}>${formatPercent(yearReturn)}</td></tr>`;
  });
  return `<table class="heatmap" id="monthly"><thead>${head}</thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

function tradeRow(trade: ReportTrade, index: number, money: number): string {
  return `<tr><td>${index + 1}</td><td>${escapeHtml(trade.side)}</td><td>${formatTime(trade.entry_time)}</td><td>${formatTime(trade.exit_time)}</td><td>${formatAmount(trade.qty)}</td><td>${formatAmount(trade.entry_price)}</td><td>${formatAmount(trade.exit_price)}</td><td>${formatFixed(trade.fees, money)}</td><td${signClass(trade.pnl)}>${formatFixed(trade.pnl, money)}</td><td${signClass(trade.return)}>${formatPercent(trade.return)}</td></tr>`;
}

/** The closed trades, one row each, in exit order; fees and P&L with `moneyDecimals` decimals. */
export function tradeTable(trades: readonly ReportTrade[], initialCash: number): string {
  if (trades.length === 0) return '<p class="muted">No closed trades.</p>';
  const money = moneyDecimals(initialCash);
  const head =
    '<tr><th>#</th><th>Side</th><th>Entry (UTC)</th><th>Exit (UTC)</th><th>Qty</th><th>Entry price</th><th>Exit price</th><th>Fees</th><th>P&amp;L</th><th>Return</th></tr>';
  return `<table class="trades" id="trades"><thead>${head}</thead><tbody>\n${trades.map((t, i) => tradeRow(t, i, money)).join('\n')}\n</tbody></table>`;
}
