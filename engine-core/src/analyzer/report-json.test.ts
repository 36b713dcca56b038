import { describe, expect, it } from 'vitest';
import { SUMMARY_KEYS } from './metrics';
import { buildReport, type Report, reportToJson } from './report-json';
import { resultOf } from './testing/result-builder';
import { syntheticResult } from './testing/synthetic-result';

const DAY = 86_400_000;

describe('buildReport', () => {
  it('has the DESIGN §6 keys in order, then the extras', () => {
    const report = buildReport(syntheticResult({ bars: 200 }));
    expect(Object.keys(report)).toEqual([
      'version',
      'strategy',
      'params',
      'symbol',
      'interval',
      'config',
      'summary',
      'trades',
      'equity',
      'monthly_returns',
      'drawdown_periods',
    ]);
    expect(report.version).toBe(1);
    expect(Object.keys(report.summary)).toEqual([...SUMMARY_KEYS]);
    expect(Object.keys(report.trades[0])).toEqual([
      'entry_time',
      'exit_time',
      'side',
      'qty',
      'entry_price',
      'exit_price',
      'fees',
      'pnl',
      'return',
    ]);
    expect(report.summary.trades).toBe(report.trades.length);
    expect(report.equity).toHaveLength(200);
  });
});

describe('reportToJson', () => {
  it('writes a small report exactly like this', () => {
    // r = 0.01, 100.5 / 101 − 1 = −0.004950495…: mean 0.002524752…, sample stdev
    // 0.014950495… / √2 = 0.010571… → sharpe 0.23883 × √365 = 4.5627; downside
    // √(0.004950495² / 2) = 0.0035005 → sortino 13.779; cagr 1.005^(365.25 / 2) − 1 = 1.4864
    const result = resultOf({
      equity: [101, 100.5],
      initialCash: 100,
      start: 0,
      open: [100, 101],
      close: [101, 100.5],
      positionQty: [1, 0],
      fills: [
        { time: 0, side: 'BUY', qty: 1, price: 100, fee: 0 },
        { time: DAY, side: 'SELL', qty: 1, price: 100.5, fee: 0 },
      ],
    });
    expect(reportToJson(buildReport(result))).toBe(`{
  "version": 1,
  "strategy": "test",
  "params": {"fast": 10, "slow": 30},
  "symbol": "BTCUSDT",
  "interval": "1d",
  "config": {"initial_cash": 100, "fee_bps": 10, "maker_fee_bps": 10, "slippage_bps": 0},
  "summary": {
    "final_equity": 100.5,
    "total_return": 0.004999999999999893,
    "max_drawdown": 0.0049504950495049506,
    "sharpe": 4.562728876764377,
    "sortino": 13.779441207828421,
    "cagr": 1.486434529528743,
    "calmar": 300.2597749648061,
    "trades": 1,
    "win_rate": 1,
    "profit_factor": null,
    "expectancy": 0.5,
    "avg_win": 0.5,
    "avg_loss": null,
    "max_consecutive_losses": 0,
    "exposure": 0.5,
    "total_fees": 0,
    "turnover": 200.5,
    "buy_and_hold_return": 0.004999999999999893
  },
  "trades": [
    {"entry_time": 0, "exit_time": 86400000, "side": "LONG", "qty": 1, "entry_price": 100, "exit_price": 100.5, "fees": 0, "pnl": 0.5, "return": 0.005}
  ],
  "equity": [
    [0, 101],
    [86400000, 100.5]
  ],
  "monthly_returns": {
    "1970-01": 0.004999999999999893
  },
  "drawdown_periods": [
    {"start": 86400000, "trough": 86400000, "recovery": null, "depth": 0.0049504950495049506, "length_bars": 1}
  ]
}
`);
  });

  it('is byte-deterministic and independent of the objects’ key order', () => {
    const result = syntheticResult({ bars: 500, seed: 3 });
    const a = reportToJson(buildReport(result));
    expect(reportToJson(buildReport(result))).toBe(a);
    expect(reportToJson(buildReport(syntheticResult({ bars: 500, seed: 3 })))).toBe(a);
    // the same report with every object's keys reversed
    const reverse = <T extends object>(o: T): T =>
      Object.fromEntries(Object.entries(o).reverse()) as T;
    const r = buildReport(result);
    const shuffled: Report = {
      ...reverse(r),
      params: reverse(r.params),
      config: reverse(r.config),
      summary: reverse(r.summary),
      trades: r.trades.map(reverse),
      monthly_returns: reverse(r.monthly_returns),
      drawdown_periods: r.drawdown_periods.map(reverse),
    };
    expect(reportToJson(shuffled)).toBe(a);
  });

  it('is valid JSON that reads back as the report', () => {
    const report = buildReport(syntheticResult({ bars: 300, seed: 8 }));
    const parsed: unknown = JSON.parse(reportToJson(report));
    expect(parsed).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it('writes empty lists compactly, non-finite numbers as null and escapes strings', () => {
    const result = resultOf({ equity: [], strategy: 'a "quoted"\nname</script>' });
    const json = reportToJson(buildReport(result));
    expect(json).toContain('"trades": [],\n');
    expect(json).toContain('"equity": [],\n');
    expect(json).toContain('"monthly_returns": {},\n');
    expect(json).toContain('"strategy": "a \\"quoted\\"\\nname</script>"');
    const report = buildReport(resultOf({ equity: [1, 2] }));
    const nan: Report = { ...report, summary: { ...report.summary, sharpe: Number.NaN } };
    expect(reportToJson(nan)).toContain('"sharpe": null,');
  });
});
