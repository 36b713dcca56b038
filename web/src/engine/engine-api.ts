import { transfer } from 'comlink';
// Module paths, not engine-core's root: the worker loads what a backtest needs, and the strategy
// compiler (Sucrase, acorn) only when a user strategy comes (see `compiler`).
import {
  type BacktestResult,
  buildReport,
  buildSeedReport,
  drawdownSeries,
  fillMarkers,
  type Report,
  type ReportDrawdownPeriod,
  renderHtmlReport,
  reportToJson,
  type StrategyLogLine,
  seedReportToJson,
} from '../../../engine-core/src/analyzer';
import {
  type BacktestConfig,
  DEFAULT_BACKTEST_CONFIG,
  runBacktest,
} from '../../../engine-core/src/backtest';
import { type Candles, candlesFromColumns } from '../../../engine-core/src/market';
import { type ParamSpec, resolveParams } from '../../../engine-core/src/strategy/params';
import { STRATEGIES } from '../../../engine-core/src/strategy/registry';
import type { Strategy } from '../../../engine-core/src/strategy/strategy';
import {
  formatStrategyFailure,
  type StrategyFailure,
} from '../../../engine-core/src/strategy/strategy-failure';
import { RangeExtremes } from '../charts/range-extremes';
import { loadCandles } from '../data/dataset-store';
import { closeOverlay, type Overlay, overlaysFor } from './overlays';
import {
  columnBuffers,
  type FillColumns,
  fillColumnsOf,
  type TradeColumns,
  tradeColumnsOf,
} from './result-columns';
import { buyAndHoldValues, worstDrawdowns } from './result-view';

/** The strategy compiler, loaded on first use (its own chunk). */
const compiler = () => import('../../../engine-core/src/strategy/compile-strategy');

/** Which strategy to run: a built-in by name, or source text from the editor. */
export type StrategyRef =
  | { readonly kind: 'builtin'; readonly name: string }
  | { readonly kind: 'source'; readonly source: string; readonly fileName: string };

/** A backtest the page asks the worker for. */
export interface BacktestRequest {
  readonly datasetId: string;
  readonly strategy: StrategyRef;
  readonly params: Readonly<Record<string, number | boolean | string>>;
  readonly config: BacktestConfig;
}

/**
 * The report (DESIGN §6) without its long lists: the equity points, the trades and the drawdown
 * periods come as columns or a few rows (see `BacktestResponse`). The worker keeps the whole
 * report for the exports.
 */
export type ReportHead = Omit<Report, 'equity' | 'trades' | 'drawdown_periods'>;

/** Drawdown periods the page lists (the deepest). */
export const WORST_DRAWDOWNS = 5;

/**
 * What the page gets back: the report's head and what the charts and tables need, as typed
 * arrays handed over without copying (structured-cloning 500 000 equity points, or thousands of
 * trade objects, would cost the UI thread seconds).
 */
export type BacktestResponse =
  | {
      readonly ok: true;
      readonly report: ReportHead;
      /** The report's trades, as columns. */
      readonly trades: TradeColumns;
      /** The `WORST_DRAWDOWNS` deepest of the report's drawdown periods, deepest first. */
      readonly worstDrawdowns: readonly ReportDrawdownPeriod[];
      /** Equity at each bar's close (`report.equity` as a column; times are the bars'). */
      readonly equity: Float64Array;
      /** Drawdown at each bar's close, a fraction ≥ 0; its max is `summary.max_drawdown`. */
      readonly drawdown: Float64Array;
      /** Buy & hold of the initial cash at each bar's close (null without a first price). */
      readonly buyAndHold: Float64Array | null;
      /** The fills to mark on the candles, as columns. */
      readonly fills: FillColumns;
      /** The strategy's indicator lines over the candles (one value per bar). */
      readonly overlays: readonly Overlay[];
      /**
       * Range indexes (`RangeExtremes.packed`) of the candles' highs (max), lows (min) and the
       * drawdown (max), built here so that the page's charts regroup bars without reading them.
       */
      readonly extremes: {
        readonly high: Float64Array;
        readonly low: Float64Array;
        readonly drawdown: Float64Array;
      };
      readonly failure: StrategyFailure | null;
      readonly failureText: string | null;
      readonly logs: readonly StrategyLogLine[];
      /** Bars the run covered (fewer than the candles when the strategy threw). */
      readonly bars: number;
      /** The bars it ran on (transferred, not copied: the page needs no IndexedDB read). */
      readonly candles: Candles;
      /** Time to read the bars from IndexedDB in the worker, and to run and report. */
      readonly loadMs: number;
      readonly elapsedMs: number;
    }
  | { readonly ok: false; readonly error: string };

/** A strategy as the forms see it. */
export interface StrategyInfo {
  readonly name: string;
  readonly description: string;
  readonly params: readonly ParamSpec[];
}

/** The editor's check: the strategy it defines, or where its text is wrong. */
export type CompileCheck =
  | { readonly ok: true; readonly strategy: StrategyInfo }
  | {
      readonly ok: false;
      readonly error: string;
      readonly line: number | null;
      readonly column: number | null;
    };

/** Every buffer of a response's typed arrays, once each (for `transfer`). */
function handedOver(r: Extract<BacktestResponse, { ok: true }>): ArrayBuffer[] {
  const c = r.candles;
  const views: ArrayBufferView[] = [
    c.time,
    c.open,
    c.high,
    c.low,
    c.close,
    c.volume,
    r.equity,
    r.drawdown,
    ...(r.buyAndHold ? [r.buyAndHold] : []),
    ...r.overlays.map((o) => o.values),
    r.extremes.high,
    r.extremes.low,
    r.extremes.drawdown,
  ];
  const buffers = new Set<ArrayBuffer>([
    ...views.map((v) => v.buffer as ArrayBuffer),
    ...columnBuffers(r.trades),
    ...columnBuffers(r.fills),
  ]);
  return [...buffers];
}

const info = (s: Strategy): StrategyInfo => ({
  name: s.name,
  description: s.description,
  params: s.params,
});

/**
 * The engine's API as the web worker exposes it through comlink (engine.worker.ts). Plain
 * functions over engine-core and the IndexedDB datasets, so they are testable without a worker.
 */
export function createEngineApi() {
  let last: { report: Report; result: BacktestResult } | null = null;

  const resolveStrategy = async (
    ref: StrategyRef,
  ): Promise<
    | { ok: true; strategy: Strategy; sourceFile: string | null; lineOffset: number }
    | { ok: false; error: string }
  > => {
    if (ref.kind === 'builtin') {
      const s = STRATEGIES.get(ref.name);
      return s
        ? { ok: true, strategy: s, sourceFile: null, lineOffset: 0 }
        : { ok: false, error: `unknown strategy "${ref.name}"` };
    }
    const c = (await compiler()).compileStrategy(ref.source, ref.fileName);
    return c.ok ? { ok: true, ...c.value } : { ok: false, error: c.error };
  };

  return {
    /** The built-in strategies with their param schemas. */
    strategies(): StrategyInfo[] {
      return [...STRATEGIES.values()].map(info);
    },

    defaults(): BacktestConfig {
      return DEFAULT_BACKTEST_CONFIG;
    },

    /** Compiles editor text without running it. */
    async check(source: string, fileName: string): Promise<CompileCheck> {
      const c = (await compiler()).compileStrategy(source, fileName);
      if (c.ok) return { ok: true, strategy: info(c.value.strategy) };
      const m = /^[^:]*:(\d+):(\d+): /.exec(c.error);
      return {
        ok: false,
        error: c.error,
        line: m ? Number(m[1]) : null,
        column: m ? Number(m[2]) : null,
      };
    },

    /** Runs a backtest on a stored dataset; progress goes to `onProgress(done, total)`. */
    async backtest(
      req: BacktestRequest,
      onProgress?: (done: number, total: number) => void,
    ): Promise<BacktestResponse> {
      const tLoad = performance.now();
      const candles = await loadCandles(req.datasetId);
      const loadMs = performance.now() - tLoad;
      if (candles === undefined) return { ok: false, error: `no dataset "${req.datasetId}"` };
      const s = await resolveStrategy(req.strategy);
      if (!s.ok) return { ok: false, error: s.error };
      const params = resolveParams(s.strategy.params, req.params);
      if (!params.ok) return { ok: false, error: params.error };
      const t0 = performance.now();
      const result = runBacktest(candles, s.strategy, params.value, req.config, {
        sourceFile: s.sourceFile,
        lineOffset: s.lineOffset,
        ...(onProgress
          ? { onProgress, progressEvery: Math.max(2_000, Math.ceil(candles.length / 50)) }
          : {}),
      });
      const report = buildReport(result);
      const elapsedMs = performance.now() - t0;
      last = { report, result };
      // Copies of the columns, handed over to the page (the worker keeps its own for exports).
      const bars = candlesFromColumns(candles.symbol, candles.interval, candles.intervalMs, {
        time: candles.time.slice(),
        open: candles.open.slice(),
        high: candles.high.slice(),
        low: candles.low.slice(),
        close: candles.close.slice(),
        volume: candles.volume.slice(),
      });
      const { equity: _points, trades, drawdown_periods, ...head } = report;
      const drawdown = drawdownSeries(result);
      const response: BacktestResponse = {
        ok: true,
        candles: bars,
        report: head,
        trades: tradeColumnsOf(trades),
        worstDrawdowns: worstDrawdowns(drawdown_periods, WORST_DRAWDOWNS),
        equity: result.equity.slice(),
        drawdown,
        buyAndHold: buyAndHoldValues(bars, report.config.initial_cash, result.equity.length),
        fills: fillColumnsOf(fillMarkers(result)),
        overlays:
          req.strategy.kind === 'builtin'
            ? overlaysFor(report.strategy, bars, report.params)
            : closeOverlay(bars, report.params),
        extremes: {
          high: new RangeExtremes(bars.high, 'max').packed,
          low: new RangeExtremes(bars.low, 'min').packed,
          drawdown: new RangeExtremes(drawdown, 'max').packed,
        },
        failure: result.failure ?? null,
        failureText: result.failure ? formatStrategyFailure(result.failure) : null,
        logs: result.logs ?? [],
        bars: result.equity.length,
        loadMs,
        elapsedMs,
      };
      return transfer(response, handedOver(response));
    },

    /** The last backtest's JSON report, byte-identical to the CLI's for the same inputs. */
    reportJson(): string | null {
      return last === null ? null : reportToJson(last.report);
    },

    /** The last backtest in the seed's BacktestResult layout (the CLI's `--json-layout seed`). */
    reportSeedJson(): string | null {
      return last === null ? null : seedReportToJson(buildSeedReport(last.result));
    },

    /** The last backtest's self-contained HTML report (the chart library inlined). */
    async reportHtml(): Promise<string | null> {
      if (last === null) return null;
      const lib = await import(
        '../../../node_modules/lightweight-charts/dist/lightweight-charts.standalone.production.js?raw'
      );
      return renderHtmlReport(last.report, last.result, { chartLibrarySource: lib.default });
    },
  };
}

export type EngineApi = ReturnType<typeof createEngineApi>;
