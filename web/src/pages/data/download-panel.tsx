import { useEffect, useId, useMemo, useRef, useState } from 'react';
import {
  BINANCE_KLINES_LIMIT,
  type DownloadProgress,
  KLINE_INTERVALS,
} from '../../../../engine-core/src/market';
import {
  binanceBaseUrl,
  checkDownloadForm,
  DEFAULT_BINANCE_BASE_URL,
  type DownloadForm,
  describeDownloadError,
  downloadDataset,
} from '../../data/binance-download';
import { formatCount, utcDayBefore } from '../../data/dataset-format';
import { useInvalidateDatasets } from '../../data/dataset-queries';
import type { DatasetMeta } from '../../data/dataset-store';
import { createFetchHttpGet } from '../../data/fetch-http';
import { sharedKlineCache } from '../../data/kline-cache-instance';

type DownloadStatus =
  | { readonly phase: 'idle' }
  | {
      readonly phase: 'running';
      readonly progress: DownloadProgress | null;
      readonly notice: string | null;
    }
  | { readonly phase: 'failed'; readonly message: string; readonly cancelled: boolean }
  | {
      readonly phase: 'done';
      readonly meta: DatasetMeta;
      readonly fetched: number;
      readonly cached: number;
    };

/** `3 requests`, `1 request`. */
const plural = (n: number, word: string): string =>
  `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Download Binance spot klines into a dataset, with progress and cancel. */
export function DownloadPanel() {
  const ids = useId();
  const [form, setForm] = useState<DownloadForm>(() => ({
    symbol: 'BTCUSDT',
    interval: '1h',
    fromDay: utcDayBefore(Date.now(), 30),
    toDay: utcDayBefore(Date.now(), 0),
  }));
  const [status, setStatus] = useState<DownloadStatus>({ phase: 'idle' });
  const [touched, setTouched] = useState(false);
  const controllerRef = useRef<AbortController | null>(null);
  const downloadRef = useRef<HTMLButtonElement>(null);
  const invalidate = useInvalidateDatasets();
  const baseUrl = useMemo(() => binanceBaseUrl(), []);
  const checked = checkDownloadForm(form, Date.now());
  const running = status.phase === 'running';

  // Leaving the page stops the download; the pages fetched so far stay cached.
  useEffect(() => () => controllerRef.current?.abort(), []);

  const start = async (): Promise<void> => {
    setTouched(true);
    if (!checked.ok || running) return;
    const controller = new AbortController();
    controllerRef.current = controller;
    setStatus({ phase: 'running', progress: null, notice: null });
    const got = await downloadDataset(checked.value, {
      http: createFetchHttpGet(),
      cache: sharedKlineCache(),
      baseUrl,
      now: () => Date.now(),
      sleep,
      signal: controller.signal,
      onProgress: (progress) =>
        setStatus((s) => (s.phase === 'running' ? { ...s, progress, notice: null } : s)),
      onNotice: (notice) => setStatus((s) => (s.phase === 'running' ? { ...s, notice } : s)),
    });
    if (controllerRef.current !== controller) return;
    controllerRef.current = null;
    if (got.ok) {
      setStatus({
        phase: 'done',
        meta: got.value.meta,
        fetched: got.value.result.fetchedBars,
        cached: got.value.result.cachedBars,
      });
      await invalidate();
    } else {
      setStatus({
        phase: 'failed',
        message: describeDownloadError(got.error),
        cancelled: got.error.code === 'cancelled',
      });
    }
  };

  const set = (patch: Partial<DownloadForm>) => setForm((f) => ({ ...f, ...patch }));
  const expected = checked.ok ? checked.value.expectedBars : null;

  return (
    <section className="card data-card" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`} className="data-card-title">
        Download from Binance{' '}
        <code className="data-source-tag">--source binance --data-type kline</code>
      </h3>
      <form
        className="download-form"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <fieldset className="row download-fields" disabled={running}>
          <legend className="data-sr-only">Download settings</legend>
          <label className="field" htmlFor={`${ids}-symbol`}>
            Symbol
            <input
              id={`${ids}-symbol`}
              value={form.symbol}
              size={11}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => set({ symbol: e.currentTarget.value.toUpperCase() })}
            />
          </label>
          <label className="field" htmlFor={`${ids}-interval`}>
            Interval
            <select
              id={`${ids}-interval`}
              value={form.interval}
              onChange={(e) => set({ interval: e.currentTarget.value })}
            >
              {KLINE_INTERVALS.map((i) => (
                <option key={i} value={i}>
                  {i}
                </option>
              ))}
            </select>
          </label>
          <label className="field" htmlFor={`${ids}-from`}>
            From (UTC)
            <input
              id={`${ids}-from`}
              type="date"
              value={form.fromDay}
              onChange={(e) => set({ fromDay: e.currentTarget.value })}
            />
          </label>
          <label className="field" htmlFor={`${ids}-to`}>
            To (UTC, inclusive)
            <input
              id={`${ids}-to`}
              type="date"
              value={form.toDay}
              onChange={(e) => set({ toDay: e.currentTarget.value })}
            />
          </label>
        </fieldset>
        <div className="row">
          {/* Two elements, never one that changes type: a click on Cancel must not become a
              submit when the form re-renders within the click. */}
          <button key="download" ref={downloadRef} type="submit" className="btn" disabled={running}>
            {running ? 'Downloading…' : 'Download'}
          </button>
          {running ? (
            <button
              key="cancel"
              type="button"
              className="btn danger"
              onClick={() => {
                controllerRef.current?.abort();
                // The Cancel button goes away: keep the focus in the form.
                requestAnimationFrame(() => downloadRef.current?.focus());
              }}
            >
              Cancel download
            </button>
          ) : null}
          <span className="data-hint">
            {expected !== null
              ? `≈ ${formatCount(expected)} bars, ${plural(Math.ceil(expected / BINANCE_KLINES_LIMIT), 'request')}`
              : null}
            {' · '}
            {baseUrl === DEFAULT_BINANCE_BASE_URL ? (
              'api.binance.com'
            ) : (
              <span title="set in localStorage veloz-binance-base-url">{baseUrl} (override)</span>
            )}
          </span>
        </div>
        {!checked.ok && (touched || form.toDay < form.fromDay) ? (
          <p className="field-error" role="alert">
            {checked.error}
          </p>
        ) : null}
      </form>
      <DownloadState status={status} />
    </section>
  );
}

function DownloadState({ status }: { readonly status: DownloadStatus }) {
  switch (status.phase) {
    case 'idle':
      return (
        <p className="data-hint">
          Pages are cached in this browser as they arrive: a cancelled or failed download resumes
          where it stopped. Bars not closed yet are left out; exchange outages stay as gaps.
        </p>
      );
    case 'running': {
      const p = status.progress;
      return (
        <div className="import-status" role="status">
          {p === null ? (
            <>
              <progress aria-label="Download progress" />
              <p className="data-line">Asking Binance…</p>
            </>
          ) : (
            <>
              <progress
                aria-label="Download progress"
                value={p.fetchedBars}
                max={Math.max(1, p.expectedBars, p.fetchedBars)}
              />
              <p className="data-line" data-testid="download-progress">
                {formatCount(p.fetchedBars)} / {formatCount(p.expectedBars)} bars downloaded ·{' '}
                {plural(p.requests, 'request')}
                {p.cachedBars > 0 ? ` · ${formatCount(p.cachedBars)} from cache` : ''}
              </p>
            </>
          )}
          {status.notice !== null ? <p className="notice">{status.notice}</p> : null}
        </div>
      );
    }
    case 'failed':
      return (
        <p
          className={status.cancelled ? 'notice' : 'error-text'}
          role="alert"
          data-testid="download-error"
        >
          {status.message}
        </p>
      );
    case 'done':
      return (
        <p className="success-text" role="status">
          Saved “{status.meta.name}”: {formatCount(status.meta.rows)} bars (
          {formatCount(status.fetched)} downloaded, {formatCount(status.cached)} from cache)
          {status.meta.gaps > 0 ? `, ${plural(status.meta.gaps, 'gap')} (not filled)` : ''}.
        </p>
      );
  }
}
