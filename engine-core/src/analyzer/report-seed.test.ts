import { describe, expect, it } from 'vitest';
import { drawdownSeries } from './periods';
import { buildReport } from './report-json';
import { buildSeedReport, msToNs, seedReportToJson } from './report-seed';
import { syntheticResult } from './testing/synthetic-result';

describe('the seed layout', () => {
  const result = syntheticResult({ bars: 400, seed: 6 });
  const ours = buildReport(result);
  const seed = buildSeedReport(result);

  it('has our report’s numbers, field by field', () => {
    const s = ours.summary;
    expect(seed.strategy_name).toBe(ours.strategy);
    expect(seed.symbol).toBe(ours.symbol);
    expect(seed.start_time).toBe(BigInt(ours.equity[0]?.[0] as number) * 1_000_000n);
    expect(seed.end_time).toBe(BigInt(ours.equity.at(-1)?.[0] as number) * 1_000_000n);
    expect(seed.initial_balance).toBe(ours.config.initial_cash);
    expect(seed.final_balance).toBe(s.final_equity);
    expect(seed.total_return).toBe(s.total_return);
    expect(seed.max_drawdown).toBe(s.max_drawdown);
    expect(seed.sharpe_ratio).toBe(s.sharpe);
    expect(seed.win_rate).toBe(s.win_rate);
    expect(seed.profit_factor).toBe(s.profit_factor);
    expect(seed.trade_count).toBe(s.trades);
    expect(seed.avg_win).toBe(s.avg_win);
    expect(seed.avg_lose).toBe(s.avg_loss);
    // Counted from our trade list: wins have net P&L > 0, the rest lose.
    const wins = ours.trades.filter((t) => t.pnl > 0).length;
    expect(seed.win_count).toBe(wins);
    expect(seed.lose_count).toBe(ours.trades.length - wins);
    expect(seed.win_count / seed.trade_count).toBe(s.win_rate);
    expect(seed.trade_count).toBeGreaterThan(10);
  });

  it('lists every fill, with the closed trade’s P&L on the fill that closed it', () => {
    expect(seed.trades.length).toBe(result.fills.length);
    result.fills.forEach((f, k) => {
      const t = seed.trades[k];
      expect(t?.timestamp).toBe(msToNs(f.time));
      expect([t?.side, t?.price, t?.quantity, t?.fee]).toEqual([f.side, f.price, f.qty, f.fee]);
      expect(t?.symbol).toBe(result.symbol);
      expect(t?.strategy_id).toBe(result.strategy);
    });
    // The non-zero P&Ls, in order, are our trades' (each closes at its exit fill's time).
    const closing = seed.trades.filter((t) => t.pnl !== 0);
    expect(closing.map((t) => t.pnl)).toEqual(ours.trades.map((t) => t.pnl));
    expect(closing.map((t) => t.timestamp)).toEqual(ours.trades.map((t) => msToNs(t.exit_time)));
  });

  it('has our equity curve, its cumulative return and our drawdown series', () => {
    const dd = drawdownSeries(result);
    expect(seed.equity_curve.length).toBe(ours.equity.length);
    ours.equity.forEach(([t, e], i) => {
      const p = seed.equity_curve[i];
      expect(p?.timestamp).toBe(msToNs(t));
      expect(p?.equity).toBe(e);
      expect(p?.cumulative_return).toBe(e / ours.config.initial_cash - 1);
      expect(seed.drawdown_curve[i]).toEqual({ timestamp: msToNs(t), drawdown: dd[i] });
    });
    expect(Math.max(...seed.drawdown_curve.map((p) => p.drawdown))).toBe(ours.summary.max_drawdown);
  });

  it('writes ns as exact integers, is valid JSON in the seed’s key order, byte-identical twice', () => {
    const text = seedReportToJson(seed);
    expect(text).toBe(seedReportToJson(buildSeedReport(result)));
    const start = `${ours.equity[0]?.[0]}000000`;
    expect(text).toContain(`"start_time": ${start},`);
    expect(text).not.toMatch(/e\+|"timestamp": [0-9.]+\./);
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual([
      'strategy_name',
      'symbol',
      'start_time',
      'end_time',
      'initial_balance',
      'final_balance',
      'total_return',
      'max_drawdown',
      'sharpe_ratio',
      'win_rate',
      'profit_factor',
      'trade_count',
      'win_count',
      'lose_count',
      'avg_win',
      'avg_lose',
      'trades',
      'equity_curve',
      'drawdown_curve',
    ]);
    expect(parsed.final_balance).toBe(ours.summary.final_equity);
    expect((parsed.trades as unknown[]).length).toBe(result.fills.length);
    // 1.7e18 is past 2^53: the digits are exact in the text, not in a float.
    expect(msToNs(1_700_000_000_123).toString()).toBe('1700000000123000000');
    expect(() => msToNs(1.5)).toThrow(RangeError);
  });

  it('writes an empty run', () => {
    const empty = syntheticResult({ bars: 0 });
    const text = seedReportToJson(buildSeedReport(empty));
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(parsed.trades).toEqual([]);
    expect(parsed.trade_count).toBe(0);
  });
});
