import {
  type BacktestConfig,
  type BacktestResult,
  buildReport,
  compileStrategy,
  DEFAULT_BACKTEST_CONFIG,
  type FillMarker,
  fillMarkers,
  formatStrategyFailure,
  type ParamSpec,
  type Report,
  renderHtmlReport,
  reportToJson,
  resolveParams,
  runBacktest,
  STRATEGIES,
  type Strategy,
  type StrategyFailure,
  type StrategyLogLine,
} from '../../../engine-core/src';
import { loadCandles } from '../data/dataset-store';

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

/** What the page gets back: the report (DESIGN §6) and what the charts need. */
export type BacktestResponse =
  | {
      readonly ok: true;
      readonly report: Report;
      readonly markers: readonly FillMarker[];
      readonly positionQty: Float64Array;
      readonly failure: StrategyFailure | null;
      readonly failureText: string | null;
      readonly logs: readonly StrategyLogLine[];
      readonly bars: number;
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

  const resolveStrategy = (
    ref: StrategyRef,
  ):
    | { ok: true; strategy: Strategy; sourceFile: string | null; lineOffset: number }
    | { ok: false; error: string } => {
    if (ref.kind === 'builtin') {
      const s = STRATEGIES.get(ref.name);
      return s
        ? { ok: true, strategy: s, sourceFile: null, lineOffset: 0 }
        : { ok: false, error: `unknown strategy "${ref.name}"` };
    }
    const c = compileStrategy(ref.source, ref.fileName);
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
    check(source: string, fileName: string): CompileCheck {
      const c = compileStrategy(source, fileName);
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
      const candles = await loadCandles(req.datasetId);
      if (candles === undefined) return { ok: false, error: `no dataset "${req.datasetId}"` };
      const s = resolveStrategy(req.strategy);
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
      return {
        ok: true,
        report,
        markers: fillMarkers(result),
        positionQty: result.positionQty,
        failure: result.failure ?? null,
        failureText: result.failure ? formatStrategyFailure(result.failure) : null,
        logs: result.logs ?? [],
        bars: result.equity.length,
        elapsedMs,
      };
    },

    /** The last backtest's JSON report, byte-identical to the CLI's for the same inputs. */
    reportJson(): string | null {
      return last === null ? null : reportToJson(last.report);
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
