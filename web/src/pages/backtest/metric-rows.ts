import { formatFixed, formatPercent, type Summary } from '../../../../engine-core/src/analyzer';

type Kind = 'money' | 'percent' | 'ratio' | 'count';

/** How the page shows one DESIGN §5 metric. */
export interface MetricRow {
  readonly key: keyof Summary;
  readonly label: string;
  readonly kind: Kind;
  /** The unit shown beside the value; `{quote}` is replaced by the quote asset. */
  readonly unit: string;
  /** Green when > 0, red when < 0. */
  readonly signed: boolean;
  readonly help: string;
}

/** Every summary metric, grouped as a trader reads them: returns, risk, then trades and costs. */
export const METRIC_ROWS: readonly MetricRow[] = [
  {
    key: 'final_equity',
    label: 'Final equity',
    kind: 'money',
    unit: '{quote}',
    signed: false,
    help: 'equity at the last close',
  },
  {
    key: 'total_return',
    label: 'Total return',
    kind: 'percent',
    unit: 'of initial cash',
    signed: true,
    help: 'E_T / E_0 − 1',
  },
  {
    key: 'buy_and_hold_return',
    label: 'Buy & hold return',
    kind: 'percent',
    unit: 'of first open',
    signed: true,
    help: 'last close / first open − 1',
  },
  {
    key: 'cagr',
    label: 'CAGR',
    kind: 'percent',
    unit: 'per year',
    signed: true,
    help: 'compound annual growth rate',
  },
  {
    key: 'max_drawdown',
    label: 'Max drawdown',
    kind: 'percent',
    unit: 'of peak equity',
    signed: false,
    help: 'largest fall from a running equity peak',
  },
  {
    key: 'sharpe',
    label: 'Sharpe',
    kind: 'ratio',
    unit: 'annualised',
    signed: true,
    help: 'mean / stdev of bar returns × √(bars per year), risk-free 0',
  },
  {
    key: 'sortino',
    label: 'Sortino',
    kind: 'ratio',
    unit: 'annualised',
    signed: true,
    help: 'mean / downside deviation of bar returns × √(bars per year)',
  },
  {
    key: 'calmar',
    label: 'Calmar',
    kind: 'ratio',
    unit: 'ratio',
    signed: true,
    help: 'CAGR / max drawdown',
  },
  {
    key: 'trades',
    label: 'Trades',
    kind: 'count',
    unit: 'round trips',
    signed: false,
    help: 'closed round trips',
  },
  {
    key: 'win_rate',
    label: 'Win rate',
    kind: 'percent',
    unit: 'of trades',
    signed: false,
    help: 'trades with net P&L > 0',
  },
  {
    key: 'profit_factor',
    label: 'Profit factor',
    kind: 'ratio',
    unit: '×',
    signed: false,
    help: 'Σ wins / |Σ losses|; — without a losing trade',
  },
  {
    key: 'expectancy',
    label: 'Expectancy',
    kind: 'money',
    unit: '{quote} / trade',
    signed: true,
    help: 'mean net P&L per trade',
  },
  {
    key: 'avg_win',
    label: 'Average win',
    kind: 'money',
    unit: '{quote}',
    signed: true,
    help: 'mean net P&L of winning trades',
  },
  {
    key: 'avg_loss',
    label: 'Average loss',
    kind: 'money',
    unit: '{quote}',
    signed: true,
    help: 'mean net P&L of losing trades',
  },
  {
    key: 'max_consecutive_losses',
    label: 'Max consecutive losses',
    kind: 'count',
    unit: 'trades',
    signed: false,
    help: 'longest run of losing trades',
  },
  {
    key: 'exposure',
    label: 'Exposure',
    kind: 'percent',
    unit: 'of bars',
    signed: false,
    help: 'bars whose close finds a position open',
  },
  {
    key: 'total_fees',
    label: 'Total fees',
    kind: 'money',
    unit: '{quote}',
    signed: false,
    help: 'all fills, including a position still open',
  },
  {
    key: 'turnover',
    label: 'Turnover',
    kind: 'money',
    unit: '{quote}',
    signed: false,
    help: 'Σ fill notional',
  },
];

const QUOTES = [
  'FDUSD',
  'USDT',
  'USDC',
  'BUSD',
  'TUSD',
  'DAI',
  'USD',
  'EUR',
  'TRY',
  'BTC',
  'ETH',
  'BNB',
];

/** The quote asset of a symbol (`BTCUSDT` → `USDT`), or `quote` when it can't tell. */
export function quoteAsset(symbol: string): string {
  const s = symbol.toUpperCase();
  for (const q of QUOTES) if (s.endsWith(q) && s.length > q.length) return q;
  return 'quote';
}

/** Decimals for money in the quote currency, from the size of the initial cash (as the HTML report). */
export function moneyDecimals(initialCash: number): number {
  if (!(initialCash > 0) || !Number.isFinite(initialCash)) return 2;
  return Math.min(10, Math.max(2, 6 - Math.floor(Math.log10(initialCash))));
}

/** A metric's value as shown (percent with the `%`, money with the account's decimals). */
export function formatMetric(row: MetricRow, value: number | null, initialCash: number): string {
  switch (row.kind) {
    case 'money':
      return formatFixed(value, moneyDecimals(initialCash));
    case 'percent':
      return formatPercent(value);
    case 'ratio':
      return formatFixed(value, 3);
    case 'count':
      return formatFixed(value, 0);
  }
}

/** `pos`, `neg` or undefined for a signed metric's value. */
export function signClass(value: number | null): 'pos' | 'neg' | undefined {
  if (value === null || !Number.isFinite(value) || value === 0) return undefined;
  return value > 0 ? 'pos' : 'neg';
}
