import { useCallback, useRef, useState } from 'react';
import type { StrategyLogLine, Summary } from '../../../../engine-core/src/analyzer';
import { CancelledError, engineClient } from '../../engine/engine-client';

/** Where a backtest of the editor's text is. */
export type SourceRun =
  | { readonly status: 'idle' }
  | { readonly status: 'running'; readonly done: number; readonly total: number }
  | {
      readonly status: 'done';
      readonly summary: Summary;
      readonly strategy: string;
      readonly bars: number;
      readonly elapsedMs: number;
      /** `file:line:col: message (in onBar at bar N)` when the strategy threw. */
      readonly failureText: string | null;
      readonly logs: readonly StrategyLogLine[];
    }
  | { readonly status: 'error'; readonly error: string }
  | { readonly status: 'cancelled' };

/** The line an error names in `fileName` (`f.ts:12:5: …`), or null. */
export function lineIn(text: string, fileName: string): number | null {
  const esc = fileName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`(?:^|[\\s/(])${esc}:(\\d+)(?::\\d+)?`).exec(text);
  return m ? Number(m[1]) : null;
}

/**
 * Runs the editor's text as a backtest in the engine worker (default params and costs) and
 * keeps the outcome; `errorLine` is the line of the source a compile or runtime error names.
 */
export function useSourceRun() {
  const [run, setRun] = useState<SourceRun>({ status: 'idle' });
  const [errorLine, setErrorLine] = useState<number | null>(null);
  const token = useRef(0);

  const start = useCallback(async (datasetId: string, source: string, fileName: string) => {
    const mine = ++token.current;
    setRun({ status: 'running', done: 0, total: 0 });
    setErrorLine(null);
    let settled = false;
    // Progress comes through its own comlink channel: a late report must not undo the result.
    const live = () => token.current === mine && !settled;
    try {
      const config = await engineClient.api.defaults();
      const r = await engineClient.backtest(
        { datasetId, strategy: { kind: 'source', source, fileName }, params: {}, config },
        (done, total) => {
          if (live()) setRun({ status: 'running', done, total });
        },
      );
      if (!live()) return;
      settled = true;
      if (!r.ok) {
        setRun({ status: 'error', error: r.error });
        setErrorLine(lineIn(r.error, fileName));
        return;
      }
      setRun({
        status: 'done',
        summary: r.report.summary,
        strategy: r.report.strategy,
        bars: r.bars,
        elapsedMs: r.elapsedMs,
        failureText: r.failureText,
        logs: r.logs,
      });
      const f = r.failure;
      setErrorLine(f !== null && f.file?.endsWith(fileName) === true ? f.line : null);
    } catch (e) {
      if (!live()) return;
      settled = true;
      if (e instanceof CancelledError) setRun({ status: 'cancelled' });
      else setRun({ status: 'error', error: e instanceof Error ? e.message : String(e) });
    }
  }, []);

  const cancel = useCallback(() => engineClient.cancel(), []);

  /** Forgets the outcome (another strategy was opened). */
  const clear = useCallback(() => {
    token.current++;
    setRun({ status: 'idle' });
    setErrorLine(null);
  }, []);

  return { run, errorLine, start, cancel, clear };
}
