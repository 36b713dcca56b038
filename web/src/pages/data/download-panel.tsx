import { useEffect, useId, useMemo, useRef, useState } from 'react';
import {
  type AggTradeProgress,
  BINANCE_KLINES_LIMIT,
  type DownloadProgress,
} from '../../../../engine-core/src/market';
import {
  binanceBaseUrl,
  checkDownloadForm,
  DEFAULT_BINANCE_BASE_URL,
  type DownloadForm,
  describeDownloadError,
  downloadDataset,
} from '../../data/binance-download';
import {
  checkTradeDownloadForm,
  downloadTradeDataset,
  MAX_TRADE_DOWNLOAD_DAYS,
  sharedTradeBarCache,
} from '../../data/binance-trade-download';
import { formatCount, utcDayBefore } from '../../data/dataset-format';
import { useInvalidateDatasets } from '../../data/dataset-queries';
import type { DatasetMeta } from '../../data/dataset-store';
import { createFetchHttpGet } from '../../data/fetch-http';
import { sharedKlineCache } from '../../data/kline-cache-instance';
import { DayField, IntervalField } from './data-fields';

/** What the Binance panel downloads (the CLI's `--data-type`). */
type DataType = 'kline' | 'trade';

/** One progress line: a bar's value and maximum, and what it counts. */
interface ProgressLine {
  readonly value: number;
  readonly max: number;
  readonly text: string;
}

type DownloadStatus =
  | { readonly phase: 'idle' }
  | {
      readonly phase: 'running';
      readonly progress: ProgressLine | null;
      readonly notice: string | null;
    }
  | { readonly phase: 'failed'; readonly message: string; readonly cancelled: boolean }
  | {
      readonly phase: 'done';
      readonly meta: DatasetMeta;
      /** `(12 downloaded, 0 from cache)` or `(from 1,234 trades, 0 from cache)`. */
      readonly detail: string;
    };

/** `3 requests`, `1 request`. */
const plural = (n: number, word: string): string =>
  `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const klineProgress = (p: DownloadProgress): ProgressLine => ({
  value: p.fetchedBars,
  max: Math.max(1, p.expectedBars, p.fetchedBars),
  text: `${formatCount(p.fetchedBars)} / ${formatCount(p.expectedBars)} bars downloaded · ${plural(p.requests, 'request')}${p.cachedBars > 0 ? ` · ${formatCount(p.cachedBars)} from cache` : ''}`,
});

const tradeProgress = (p: AggTradeProgress): ProgressLine => ({
  value: p.doneMs,
  max: Math.max(1, p.totalMs),
  text: `${plural(p.trades, 'trade')} · ${formatCount(Math.floor(p.doneMs / 3_600_000))} / ${plural(Math.ceil(p.totalMs / 3_600_000), 'hour')} · ${plural(p.requests, 'request')}${p.cachedBars > 0 ? ` · ${formatCount(p.cachedBars)} bars from cache` : ''}`,
});

/** Download Binance spot klines, or bars made from its trades, into a dataset. */
export function DownloadPanel() {
  const ids = useId();
  const [form, setForm] = useState<DownloadForm>(() => ({
    symbol: 'BTCUSDT',
    interval: '1h',
    fromDay: utcDayBefore(Date.now(), 30),
    toDay: utcDayBefore(Date.now(), 0),
  }));
  const [dataType, setDataType] = useState<DataType>('kline');
  const [status, setStatus] = useState<DownloadStatus>({ phase: 'idle' });
  const [touched, setTouched] = useState(false);
  const controllerRef = useRef<AbortController | null>(null);
  const downloadRef = useRef<HTMLButtonElement>(null);
  const invalidate = useInvalidateDatasets();
  const baseUrl = useMemo(() => binanceBaseUrl(), []);
  const checked =
    dataType === 'kline'
      ? checkDownloadForm(form, Date.now())
      : checkTradeDownloadForm(form, Date.now());
  const running = status.phase === 'running';

  // Leaving the page stops the download; the pages fetched so far stay cached.
  useEffect(() => () => controllerRef.current?.abort(), []);

  const start = async (): Promise<void> => {
    setTouched(true);
    if (!checked.ok || running) return;
    const controller = new AbortController();
    controllerRef.current = controller;
    setStatus({ phase: 'running', progress: null, notice: null });
    const show = (progress: ProgressLine) =>
      setStatus((s) => (s.phase === 'running' ? { ...s, progress, notice: null } : s));
    const common = {
      http: createFetchHttpGet(),
      baseUrl,
      now: () => Date.now(),
      sleep,
      signal: controller.signal,
      onNotice: (notice: string | null) =>
        setStatus((s) => (s.phase === 'running' ? { ...s, notice } : s)),
    };
    const req = checked.value;
    const got =
      'windows' in req
        ? await downloadTradeDataset(req, {
            ...common,
            cache: sharedTradeBarCache(),
            onProgress: (p) => show(tradeProgress(p)),
          }).then((r) =>
            r.ok
              ? {
                  ...r,
                  detail: `from ${plural(r.value.result.trades, 'trade')}, ${formatCount(r.value.result.cachedBars)} from cache`,
                }
              : r,
          )
        : await downloadDataset(req, {
            ...common,
            cache: sharedKlineCache(),
            onProgress: (p) => show(klineProgress(p)),
          }).then((r) =>
            r.ok
              ? {
                  ...r,
                  detail: `${formatCount(r.value.result.fetchedBars)} downloaded, ${formatCount(r.value.result.cachedBars)} from cache`,
                }
              : r,
          );
    if (controllerRef.current !== controller) return;
    controllerRef.current = null;
    if (got.ok) {
      setStatus({ phase: 'done', meta: got.value.meta, detail: got.detail });
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
  const estimate = !checked.ok
    ? null
    : 'windows' in checked.value
      ? `≥ ${plural(checked.value.windows, 'request')} (one per hour, one more per 1,000 trades)`
      : `≈ ${formatCount(checked.value.expectedBars)} bars, ${plural(Math.ceil(checked.value.expectedBars / BINANCE_KLINES_LIMIT), 'request')}`;

  return (
    <section className="card data-card" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`} className="data-card-title">
        Download from Binance{' '}
        <code className="data-source-tag">--source binance --data-type {dataType}</code>
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
          <label className="field" htmlFor={`${ids}-type`}>
            Data type
            <select
              id={`${ids}-type`}
              value={dataType}
              onChange={(e) => setDataType(e.currentTarget.value === 'trade' ? 'trade' : 'kline')}
            >
              <option value="kline">kline (bars)</option>
              <option value="trade">trade (aggTrades → bars)</option>
            </select>
          </label>
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
          <IntervalField
            id={`${ids}-interval`}
            value={form.interval}
            onChange={(interval) => set({ interval })}
          />
          <DayField
            id={`${ids}-from`}
            label="From (UTC)"
            value={form.fromDay}
            onChange={(fromDay) => set({ fromDay })}
          />
          <DayField
            id={`${ids}-to`}
            label="To (UTC, inclusive)"
            value={form.toDay}
            onChange={(toDay) => set({ toDay })}
          />
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
            {estimate !== null ? `${estimate} · ` : null}
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
      <DownloadState status={status} dataType={dataType} />
    </section>
  );
}

function DownloadState({
  status,
  dataType,
}: {
  readonly status: DownloadStatus;
  readonly dataType: DataType;
}) {
  switch (status.phase) {
    case 'idle':
      return dataType === 'kline' ? (
        <p className="data-hint">
          Pages are cached in this browser as they arrive: a cancelled or failed download resumes
          where it stopped. Bars not closed yet are left out; exchange outages stay as gaps.
        </p>
      ) : (
        <p className="data-hint">
          Every trade of the range (Binance aggTrades), made into bars of the interval here. Up to{' '}
          {MAX_TRADE_DOWNLOAD_DAYS} days: a busy pair trades over a million times a day. The bars
          are cached after each hour: a cancelled or failed download resumes where it stopped (a
          range before what is cached is kept once it is complete). Intervals without a trade stay
          as gaps.
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
              <progress aria-label="Download progress" value={p.value} max={p.max} />
              <p className="data-line" data-testid="download-progress">
                {p.text}
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
          Saved “{status.meta.name}”: {formatCount(status.meta.rows)} bars ({status.detail})
          {status.meta.gaps > 0 ? `, ${plural(status.meta.gaps, 'gap')} (not filled)` : ''}.
        </p>
      );
  }
}
