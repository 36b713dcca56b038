import { type DragEvent, useEffect, useId, useReducer, useRef, useState } from 'react';
import { KLINE_INTERVALS } from '../../../../engine-core/src/market';
import { type CsvImportJob, isCancelledParse, startCsvImport } from '../../data/csv-import';
import { formatBytes, formatCount, formatUtcMinute } from '../../data/dataset-format';
import { useInvalidateDatasets } from '../../data/dataset-queries';
import {
  IDLE,
  type ImportFile,
  type ImportState,
  importNote,
  importProblem,
  importReducer,
} from './import-state';
import { SkippedRows } from './skipped-rows';

/** True when a drag carries files (not text or a link). */
const draggingFiles = (e: { dataTransfer: DataTransfer | null }): boolean =>
  e.dataTransfer?.types.includes('Files') === true;

/** What a CSV holds, named as the CLI's `--data-type`. */
type DataType = 'kline' | 'trade';

/** Import a candle or trades CSV: pick or drop a file, check the parse, name it, save it. */
export function CsvImportPanel() {
  const [state, dispatch] = useReducer(importReducer, IDLE);
  const [dataType, setDataType] = useState<DataType>('kline');
  const [tradeInterval, setTradeInterval] = useState('1m');
  const [dragging, setDragging] = useState(false);
  const [dropNote, setDropNote] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const jobRef = useRef<CsvImportJob | null>(null);
  const invalidate = useInvalidateDatasets();
  const ids = useId();
  const busy = state.phase === 'parsing' || state.phase === 'saving';

  // A file dropped beside the zone must not make the browser open it (and leave the app).
  useEffect(() => {
    const guard = (e: globalThis.DragEvent): void => {
      if (draggingFiles(e)) e.preventDefault();
    };
    window.addEventListener('dragover', guard);
    window.addEventListener('drop', guard);
    return () => {
      window.removeEventListener('dragover', guard);
      window.removeEventListener('drop', guard);
      jobRef.current?.dispose();
    };
  }, []);

  const parse = (file: ImportFile, skipBadRows: boolean): void => {
    jobRef.current?.dispose();
    setDropNote(null);
    dispatch({ type: 'start', file, skipBadRows });
    const job = startCsvImport(file, {
      skipBadRows,
      ...(dataType === 'trade' ? { tradeInterval } : {}),
      onProgress: (done, total) => {
        if (jobRef.current === job) dispatch({ type: 'progress', done, total });
      },
    });
    jobRef.current = job;
    job.parsed.then((r) => {
      if (jobRef.current !== job) return;
      if (r.ok) dispatch({ type: 'parsed', result: r.value });
      else {
        // A failed parse holds nothing worth keeping; "skip bad rows" starts a new job.
        job.dispose();
        jobRef.current = null;
        if (isCancelledParse(r)) dispatch({ type: 'reset' });
        else dispatch({ type: 'parse_failed', error: r.error });
      }
    });
  };

  const discard = (): void => {
    jobRef.current?.dispose();
    jobRef.current = null;
    dispatch({ type: 'reset' });
  };

  const takeFiles = (files: FileList | null | undefined): void => {
    const list = files ? Array.from(files) : [];
    const first = list[0];
    if (first === undefined) {
      setDropNote('That was not a file. Drop a .csv file from your computer.');
      return;
    }
    parse(first, false);
    if (list.length > 1) {
      setDropNote(`Importing ${first.name} only: drop one file at a time (got ${list.length}).`);
    }
  };

  const onDrop = (e: DragEvent<HTMLButtonElement>): void => {
    e.preventDefault();
    setDragging(false);
    if (busy) return;
    takeFiles(e.dataTransfer.files);
  };

  const save = async (): Promise<void> => {
    const job = jobRef.current;
    if (job === null || state.phase !== 'ready' || importProblem(state) !== null) return;
    dispatch({ type: 'save' });
    const saved = await job.save({
      name: state.name,
      symbol: state.symbol,
      note: importNote(state.result),
    });
    if (jobRef.current !== job) return;
    if (!saved.ok) {
      dispatch({ type: 'save_failed', error: saved.error });
      return;
    }
    job.dispose();
    jobRef.current = null;
    dispatch({ type: 'saved', meta: saved.value });
    await invalidate();
  };

  return (
    <section className="card data-card" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`} className="data-card-title">
        Import CSV{' '}
        <code className="data-source-tag">
          --source csv --data-type {dataType}
          {dataType === 'trade' ? ` --interval ${tradeInterval}` : ''}
        </code>
      </h3>
      <fieldset className="row download-fields" disabled={busy}>
        <legend className="data-sr-only">What the file holds</legend>
        <label className="field" htmlFor={`${ids}-type`}>
          Data type
          <select
            id={`${ids}-type`}
            value={dataType}
            onChange={(e) => setDataType(e.currentTarget.value === 'trade' ? 'trade' : 'kline')}
          >
            <option value="kline">kline (bars)</option>
            <option value="trade">trade (made into bars)</option>
          </select>
        </label>
        {dataType === 'trade' ? (
          <label className="field" htmlFor={`${ids}-bar-interval`}>
            Bar interval
            <select
              id={`${ids}-bar-interval`}
              value={tradeInterval}
              onChange={(e) => setTradeInterval(e.currentTarget.value)}
            >
              {KLINE_INTERVALS.map((i) => (
                <option key={i} value={i}>
                  {i}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </fieldset>
      <button
        type="button"
        className="drop-zone"
        data-dragging={dragging ? 'true' : undefined}
        aria-describedby={`${ids}-formats`}
        disabled={busy}
        data-testid="csv-drop-zone"
        onClick={() => inputRef.current?.click()}
        onDragEnter={(e) => {
          if (draggingFiles(e)) setDragging(true);
        }}
        onDragOver={(e) => {
          if (!draggingFiles(e)) return;
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <span className="drop-zone-main">Drop a CSV file here</span>
        <span className="drop-zone-sub">or press to choose one</span>
      </button>
      <label className="data-sr-only" htmlFor={`${ids}-file`}>
        CSV file
      </label>
      <input
        ref={inputRef}
        id={`${ids}-file`}
        className="data-sr-only"
        type="file"
        accept=".csv,.txt,text/csv,text/plain"
        tabIndex={-1}
        data-testid="csv-file-input"
        onChange={(e) => {
          takeFiles(e.currentTarget.files);
          e.currentTarget.value = '';
        }}
      />
      {dataType === 'kline' ? (
        <p id={`${ids}-formats`} className="data-hint">
          <code>open_time_ms,open,high,low,close,volume</code>, Binance's 12-column klines (header
          optional) or headerless rows with s/ms/µs/ns times. The interval is detected.
        </p>
      ) : (
        <p id={`${ids}-formats`} className="data-hint">
          Headerless <code>timestamp,price,qty</code> (s/ms/µs/ns), Binance's aggTrades dump, or a
          header naming time, price and qty. Trades in time order; a minute without trades is a gap,
          not a bar.
        </p>
      )}
      {dropNote !== null ? <p className="notice">{dropNote}</p> : null}
      <ImportStatus
        state={state}
        onCancel={discard}
        onSkipBadRows={dataType === 'kline' ? (file) => parse(file, true) : null}
        onEdit={(edit) => dispatch({ type: 'edit', ...edit })}
        onSave={save}
        onDiscard={discard}
        ids={ids}
      />
    </section>
  );
}

interface StatusProps {
  readonly state: ImportState;
  readonly ids: string;
  onCancel(): void;
  /** Null for trades: a trades file must be clean, as in the CLI. */
  readonly onSkipBadRows: ((file: ImportFile) => void) | null;
  onEdit(edit: { name?: string; symbol?: string }): void;
  onSave(): void;
  onDiscard(): void;
}

function ImportStatus({ state, ids, ...on }: StatusProps) {
  switch (state.phase) {
    case 'idle':
      return state.saved !== null ? (
        <p className="success-text" role="status">
          Saved “{state.saved.name}”: {formatCount(state.saved.rows)} rows of {state.saved.symbol}{' '}
          {state.saved.interval}.
        </p>
      ) : null;
    case 'parsing':
      return (
        <div className="import-status" role="status">
          <p className="data-line">
            Reading <strong>{state.file.name}</strong> ({formatBytes(state.total)})
            {state.skipBadRows ? ', skipping bad rows' : ''}…
          </p>
          <div className="row">
            <progress
              className="grow"
              value={state.done}
              max={Math.max(1, state.total)}
              aria-label={`Reading ${state.file.name}`}
            />
            <button type="button" className="btn ghost" onClick={on.onCancel}>
              Cancel
            </button>
          </div>
        </div>
      );
    case 'failed':
      return (
        <div className="import-status">
          <p className="error-text" role="alert" data-testid="csv-error">
            {state.error}
          </p>
          {state.skipBadRows || on.onSkipBadRows === null ? null : (
            <p className="data-hint">
              Nothing was imported: a strict import stops at the first bad row. Fix the file, or
              import the good rows and see every skipped line with its reason.
            </p>
          )}
          <div className="row">
            {state.skipBadRows || on.onSkipBadRows === null ? null : (
              <button type="button" className="btn" onClick={() => on.onSkipBadRows?.(state.file)}>
                Import skipping bad rows
              </button>
            )}
            <button type="button" className="btn ghost" onClick={on.onDiscard}>
              Dismiss
            </button>
          </div>
        </div>
      );
    case 'ready':
    case 'saving':
      return <ImportPreview state={state} ids={ids} {...on} />;
  }
}

function ImportPreview({
  state,
  ids,
  onEdit,
  onSave,
  onDiscard,
}: StatusProps & { readonly state: Extract<ImportState, { phase: 'ready' | 'saving' }> }) {
  const { result } = state;
  const problem = importProblem(state);
  return (
    <form
      className="import-status"
      aria-label={`Import ${state.file.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
    >
      <dl className="summary" data-testid="csv-summary">
        <dt>File</dt>
        <dd>{state.file.name}</dd>
        <dt>Rows</dt>
        <dd data-testid="csv-rows">{formatCount(result.rows)}</dd>
        <dt>Interval</dt>
        <dd>
          {result.interval}{' '}
          {result.trades === null ? '(detected)' : `(from ${formatCount(result.trades)} trades)`}
        </dd>
        <dt>Range</dt>
        <dd>
          {formatUtcMinute(result.from)} → {formatUtcMinute(result.to)} UTC
        </dd>
        <dt>Gaps</dt>
        <dd className={result.gaps > 0 ? 'dataset-gaps' : undefined}>
          {result.gaps === 0
            ? 'none'
            : `${formatCount(result.gaps)} (${formatCount(result.missingBars)} missing bars, not filled)`}
        </dd>
        <dt>Skipped</dt>
        <dd data-testid="csv-skipped-count">
          {state.skipBadRows
            ? `${formatCount(result.skippedCount)} bad row${result.skippedCount === 1 ? '' : 's'}`
            : 'none (strict)'}
        </dd>
      </dl>
      {result.skippedCount > 0 ? (
        <SkippedRows fileName={state.file.name} rows={result.skipped} total={result.skippedCount} />
      ) : null}
      <div className="row">
        <label className="field grow" htmlFor={`${ids}-name`}>
          Name
          <input
            id={`${ids}-name`}
            value={state.name}
            onChange={(e) => onEdit({ name: e.currentTarget.value })}
            aria-invalid={problem?.field === 'name' ? true : undefined}
          />
        </label>
        <label className="field" htmlFor={`${ids}-symbol`}>
          Symbol
          <input
            id={`${ids}-symbol`}
            value={state.symbol}
            size={12}
            placeholder="BTCUSDT"
            onChange={(e) => onEdit({ symbol: e.currentTarget.value })}
            aria-invalid={problem?.field === 'symbol' ? true : undefined}
          />
        </label>
      </div>
      {problem !== null ? <p className="field-error">{problem.message}</p> : null}
      {state.saveError !== null ? (
        <p className="error-text" role="alert">
          Could not save: {state.saveError}
        </p>
      ) : null}
      <div className="row">
        <button
          type="submit"
          className="btn"
          disabled={problem !== null || state.phase === 'saving'}
        >
          {state.phase === 'saving' ? 'Saving…' : 'Save dataset'}
        </button>
        <button
          type="button"
          className="btn ghost"
          onClick={onDiscard}
          disabled={state.phase === 'saving'}
        >
          Discard
        </button>
      </div>
    </form>
  );
}
