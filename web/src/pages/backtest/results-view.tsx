import type { IChartApi, ISeriesApi, SeriesType } from 'lightweight-charts';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  CandleChart,
  type CandleChartHandle,
  type EquityBenchmark,
  EquityChart,
  MonthlyHeatmap,
  type SyncMember,
  syncCharts,
} from '../../charts';
import type { BacktestRun } from './backtest-run-store';
import { MetricsTable } from './metrics-table';
import { closeOverlay, overlaysFor } from './overlays';
import { DrawdownTable, FailureCard, Headline, LogsCard, ResultsHeader } from './results-parts';
import { TradeTable } from './trade-table';

type Member = { chart: IChartApi; series: ISeriesApi<SeriesType> } | null;

/** `E_0 × close_t / open_0`: the initial cash held in the asset, bar by bar. */
function buyAndHold(run: BacktestRun): EquityBenchmark | null {
  const c = run.candles;
  const open0 = c.open[0];
  if (c.length === 0 || open0 === undefined || !(open0 > 0)) return null;
  const e0 = run.response.report.config.initial_cash;
  const n = Math.min(c.length, run.response.equity.length);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = (e0 * (c.close[i] as number)) / open0;
  return { label: 'Buy & hold', time: c.time, values };
}

/** True when part of the element is on screen. */
function onScreen(el: Element): boolean {
  const r = el.getBoundingClientRect();
  return r.bottom > 0 && r.top < window.innerHeight;
}

/** Everything a finished backtest shows. */
export function ResultsView({ run }: { run: BacktestRun }) {
  const { report, markers, failureText, logs } = run.response;
  const candleHandle = useRef<CandleChartHandle | null>(null);
  const chartCard = useRef<HTMLDivElement | null>(null);
  const [candleMember, setCandleMember] = useState<Member>(null);
  const [equityMember, setEquityMember] = useState<Member>(null);
  const [selected, setSelected] = useState<number | null>(null);

  // Derived once per run: the charts get stable arrays and build their rows once.
  const overlays = useMemo(
    () =>
      run.request.strategy.kind === 'builtin'
        ? overlaysFor(report.strategy, run.candles, report.params)
        : closeOverlay(run.candles, report.params),
    [run, report],
  );
  const benchmark = useMemo(() => buyAndHold(run), [run]);
  const equityCurve = useMemo(
    () => ({
      time: run.candles.time.subarray(0, run.response.equity.length),
      value: run.response.equity,
    }),
    [run],
  );

  useEffect(() => {
    if (candleMember === null || equityMember === null) return;
    const members: SyncMember[] = [candleMember, equityMember];
    return syncCharts(members);
  }, [candleMember, equityMember]);

  const onCandleReady = useCallback(
    (chart: IChartApi | null, series: ISeriesApi<'Candlestick'> | null) =>
      setCandleMember(chart && series ? { chart, series } : null),
    [],
  );
  const onEquityReady = useCallback(
    (chart: IChartApi | null, series: ISeriesApi<'Area'> | null) =>
      setEquityMember(chart && series ? { chart, series } : null),
    [],
  );

  const showTrade = useCallback(
    (i: number) => {
      const t = report.trades[i];
      if (!t) return;
      setSelected(i);
      candleHandle.current?.showTimeRange(t.entry_time, t.exit_time);
      const card = chartCard.current;
      if (card && !onScreen(card)) card.scrollIntoView({ block: 'start' });
    },
    [report],
  );

  const tradeCount = report.trades.length;
  const picked = selected === null ? undefined : report.trades[selected];
  const highlight = useMemo(
    () =>
      picked
        ? { entryPrice: picked.entry_price, exitPrice: picked.exit_price, won: picked.pnl > 0 }
        : null,
    [picked],
  );

  return (
    <div className="bt-results" data-testid="results" data-run={run.id}>
      <ResultsHeader run={run} />
      {failureText && <FailureCard text={failureText} />}
      <Headline report={report} />

      <div className="card bt-charts" ref={chartCard}>
        <div className="bt-card-head">
          <h3>Price, fills and equity</h3>
          <div className="bt-chart-tools">
            {tradeCount > 0 && (
              <>
                <button
                  type="button"
                  className="btn ghost bt-mini"
                  aria-label="Previous trade"
                  disabled={selected === 0}
                  onClick={() => showTrade(selected === null ? tradeCount - 1 : selected - 1)}
                >
                  ◀
                </button>
                <span className="bt-hint" data-testid="trade-position">
                  {selected === null
                    ? `${tradeCount} trades`
                    : `Trade ${selected + 1} of ${tradeCount}`}
                </span>
                <button
                  type="button"
                  className="btn ghost bt-mini"
                  aria-label="Next trade"
                  disabled={selected === tradeCount - 1}
                  onClick={() => showTrade(selected === null ? 0 : selected + 1)}
                >
                  ▶
                </button>
              </>
            )}
            <button
              type="button"
              className="btn ghost bt-mini"
              onClick={() => {
                setSelected(null);
                candleHandle.current?.fit();
              }}
            >
              Show all
            </button>
          </div>
        </div>
        <CandleChart
          candles={run.candles}
          overlays={overlays}
          markers={markers}
          height={400}
          label={`${report.symbol} ${report.interval} candles with the backtest's fills`}
          highlight={highlight}
          handleRef={candleHandle}
          onReady={onCandleReady}
        />
        <EquityChart
          equity={equityCurve}
          initialCash={report.config.initial_cash}
          benchmark={benchmark}
          height={260}
          onReady={onEquityReady}
        />
      </div>

      <div className="card">
        <h3 className="bt-card-title">Metrics</h3>
        <MetricsTable
          summary={report.summary}
          initialCash={report.config.initial_cash}
          symbol={report.symbol}
        />
      </div>

      <div className="card">
        <h3 className="bt-card-title">Monthly returns</h3>
        <MonthlyHeatmap monthly={report.monthly_returns} />
      </div>

      <div className="card">
        <h3 className="bt-card-title">Worst drawdowns</h3>
        <DrawdownTable report={report} />
      </div>

      <div className="card">
        <h3 className="bt-card-title">
          Trades <span className="bt-hint">click a row to show it on the chart</span>
        </h3>
        <TradeTable
          trades={report.trades}
          initialCash={report.config.initial_cash}
          selected={selected}
          onSelect={showTrade}
        />
      </div>

      <LogsCard logs={logs} />
    </div>
  );
}
