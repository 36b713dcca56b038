import type { IChartApi, ISeriesApi, SeriesType } from 'lightweight-charts';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  BarLod,
  CandleChart,
  type CandleChartHandle,
  EquityChart,
  MonthlyHeatmap,
  RangeExtremes,
  type SyncMember,
  syncCharts,
} from '../../charts';
import { tradeAt } from '../../engine/result-columns';
import type { BacktestRun } from './backtest-run-store';
import { MetricsTable } from './metrics-table';
import { DrawdownTable, FailureCard, Headline, LogsCard, ResultsHeader } from './results-parts';
import { TradeTable } from './trade-table';
import { useStages } from './use-stages';

type Member = { chart: IChartApi; series: ISeriesApi<SeriesType> } | null;

const CANDLES_HEIGHT = 400;
const EQUITY_HEIGHT = 260;

/** True when part of the element is on screen. */
function onScreen(el: Element): boolean {
  const r = el.getBoundingClientRect();
  return r.bottom > 0 && r.top < window.innerHeight;
}

// Parts whose props are fixed for a run: picking a trade re-renders none of them.
const MemoHeader = memo(ResultsHeader);
const MemoHeadline = memo(Headline);
const MemoMetrics = memo(MetricsTable);
const MemoHeatmap = memo(MonthlyHeatmap);
const MemoDrawdowns = memo(DrawdownTable);
const MemoLogs = memo(LogsCard);
const MemoEquity = memo(EquityChart);

/** Where a chart goes until its stage comes: the same height, so nothing moves. */
function ChartSlot({ height }: { height: number }) {
  return <div className="chart-frame" style={{ height }} />;
}

/** Render stages: the numbers first, then each chart, then the tables (one task each). */
const STAGE = { candles: 1, equity: 2, tables: 3, trades: 4 } as const;

/** Everything a finished backtest shows. */
export function ResultsView({ run }: { run: BacktestRun }) {
  const { report, trades, fills, overlays, failureText, logs } = run.response;
  const candleHandle = useRef<CandleChartHandle | null>(null);
  const chartCard = useRef<HTMLDivElement | null>(null);
  const [candleMember, setCandleMember] = useState<Member>(null);
  const [equityMember, setEquityMember] = useState<Member>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const stage = useStages(STAGE.trades);

  // Derived once per run. Both charts draw at one level of detail (the same bars per point), so
  // their time axes stay in step.
  const lod = useMemo(() => new BarLod(run.candles.length), [run]);
  useEffect(() => () => lod.dispose(), [lod]);
  const benchmark = useMemo(
    () =>
      run.response.buyAndHold ? { label: 'Buy & hold', values: run.response.buyAndHold } : null,
    [run],
  );
  const equityCurve = useMemo(
    () => ({
      time: run.candles.time.subarray(0, run.response.equity.length),
      equity: run.response.equity,
      drawdown: run.response.drawdown,
      deepest: new RangeExtremes(run.response.drawdown, 'max', run.response.extremes.drawdown),
    }),
    [run],
  );
  // The worker built the range indexes: wrapping them reads nothing.
  const extremes = useMemo(
    () => ({
      high: new RangeExtremes(run.candles.high, 'max', run.response.extremes.high),
      low: new RangeExtremes(run.candles.low, 'min', run.response.extremes.low),
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

  const tradeCount = trades.length;
  const showTrade = useCallback(
    (i: number) => {
      if (!(i >= 0 && i < trades.length)) return;
      setSelected(i);
      candleHandle.current?.showTimeRange(
        trades.entryTime[i] as number,
        trades.exitTime[i] as number,
      );
      const card = chartCard.current;
      if (card && !onScreen(card)) card.scrollIntoView({ block: 'start' });
    },
    [trades],
  );

  const picked = selected === null ? undefined : tradeAt(trades, selected);
  const highlight = useMemo(
    () =>
      picked
        ? { entryPrice: picked.entry_price, exitPrice: picked.exit_price, won: picked.pnl > 0 }
        : null,
    [picked],
  );

  return (
    <div className="bt-results" data-testid="results" data-run={run.id}>
      <MemoHeader run={run} />
      {failureText && <FailureCard text={failureText} />}
      <MemoHeadline report={report} />

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
        {stage >= STAGE.candles ? (
          <CandleChart
            candles={run.candles}
            lod={lod}
            overlays={overlays}
            fills={fills}
            extremes={extremes}
            height={CANDLES_HEIGHT}
            label={`${report.symbol} ${report.interval} candles with the backtest's fills`}
            highlight={highlight}
            handleRef={candleHandle}
            onReady={onCandleReady}
          />
        ) : (
          <ChartSlot height={CANDLES_HEIGHT} />
        )}
        {stage >= STAGE.equity ? (
          <MemoEquity
            curve={equityCurve}
            lod={lod}
            benchmark={benchmark}
            height={EQUITY_HEIGHT}
            onReady={onEquityReady}
          />
        ) : (
          <ChartSlot height={EQUITY_HEIGHT} />
        )}
      </div>

      <div className="card">
        <h3 className="bt-card-title">Metrics</h3>
        <MemoMetrics
          summary={report.summary}
          initialCash={report.config.initial_cash}
          symbol={report.symbol}
        />
      </div>

      {stage >= STAGE.tables && (
        <>
          <div className="card">
            <h3 className="bt-card-title">Monthly returns</h3>
            <MemoHeatmap monthly={report.monthly_returns} />
          </div>

          <div className="card">
            <h3 className="bt-card-title">Worst drawdowns</h3>
            <MemoDrawdowns periods={run.response.worstDrawdowns} />
          </div>
        </>
      )}

      {stage >= STAGE.trades && (
        <>
          <div className="card">
            <h3 className="bt-card-title">
              Trades <span className="bt-hint">click a row to show it on the chart</span>
            </h3>
            <TradeTable
              trades={trades}
              initialCash={report.config.initial_cash}
              selected={selected}
              onSelect={showTrade}
            />
          </div>

          <MemoLogs logs={logs} />
        </>
      )}
    </div>
  );
}
