import { useEffect, useId, useState } from 'react';
import { type Theme, useTheme } from '../../app/theme-store';
import { BINANCE_BASE_URL_KEY, DEFAULT_BINANCE_BASE_URL } from '../../data/binance-download';
import { closeDatasetDb, DATASET_DB, listDatasets } from '../../data/dataset-store';
import { closeStrategyDb, listStrategies, STRATEGY_DB } from '../../strategies';
import { backtestFormStore, useBacktestForm } from '../backtest/backtest-form-store';
import {
  COST_FIELDS,
  type CostField,
  type CostTexts,
  costError,
} from '../backtest/form-validation';
import './settings.css';

/** The Settings page: theme, backtest costs, Binance base URL, local storage, about. */
export function SettingsPage() {
  return (
    <section className="page settings" aria-labelledby="page-title">
      <h2 id="page-title" className="page-title">
        Settings
      </h2>
      <ThemeCard />
      <CostsCard />
      <BaseUrlCard />
      <StorageCard />
      <AboutCard />
    </section>
  );
}

function ThemeCard() {
  const theme = useTheme((s) => s.theme);
  const setTheme = useTheme((s) => s.set);
  const options: readonly { value: Theme; label: string }[] = [
    { value: 'dark', label: 'Dark' },
    { value: 'light', label: 'Light' },
  ];
  return (
    <fieldset className="card settings-card">
      <legend className="settings-legend">Theme</legend>
      <div className="row" role="radiogroup" aria-label="Theme">
        {options.map((o) => (
          <label key={o.value} className="settings-radio">
            <input
              type="radio"
              name="theme"
              value={o.value}
              checked={theme === o.value}
              onChange={() => setTheme(o.value)}
            />
            {o.label}
          </label>
        ))}
      </div>
      <p className="settings-help">Same setting as the ☀/☾ button in the header; remembered.</p>
    </fieldset>
  );
}

const ENGINE_DEFAULT_NOTE = 'Reset restores the engine defaults.';

function CostsCard() {
  const stored = useBacktestForm((s) => s.costs);
  const [draft, setDraft] = useState<CostTexts>(stored);
  const [saved, setSaved] = useState(false);
  const baseId = useId();
  // Follow changes made elsewhere (the Backtest page, a reset).
  useEffect(() => setDraft(stored), [stored]);

  const errors = Object.fromEntries(
    COST_FIELDS.map((f) => [f.key, costError(f.key, draft[f.key])]),
  ) as Record<CostField, string | null>;
  const valid = COST_FIELDS.every((f) => errors[f.key] === null);
  const dirty = COST_FIELDS.some((f) => draft[f.key] !== stored[f.key]);

  function save(e: React.FormEvent) {
    e.preventDefault();
    if (!valid) return;
    const s = backtestFormStore.getState();
    for (const f of COST_FIELDS) s.setCost(f.key, draft[f.key].trim());
    setSaved(true);
  }

  return (
    <form
      className="card settings-card"
      onSubmit={save}
      aria-labelledby={`${baseId}-title`}
      noValidate
    >
      <h3 id={`${baseId}-title`} className="settings-legend">
        Backtest costs
      </h3>
      <p className="settings-help">
        The costs the Backtest form starts with (shared with that form). {ENGINE_DEFAULT_NOTE}
      </p>
      <div className="row settings-costs">
        {COST_FIELDS.map((f) => {
          const id = `${baseId}-${f.key}`;
          const err = errors[f.key];
          return (
            <div key={f.key} className="field">
              <label htmlFor={id}>
                {f.label} ({f.unit})
              </label>
              <input
                id={id}
                inputMode="decimal"
                value={draft[f.key]}
                aria-invalid={err !== null}
                aria-describedby={`${id}-msg`}
                onChange={(e) => {
                  setSaved(false);
                  setDraft({ ...draft, [f.key]: e.target.value });
                }}
              />
              <span id={`${id}-msg`} className={err ? 'field-error' : 'settings-help'}>
                {err ?? f.help}
              </span>
            </div>
          );
        })}
      </div>
      <div className="row">
        <button type="submit" className="btn" disabled={!valid || !dirty}>
          Save costs
        </button>
        <button
          type="button"
          className="btn ghost"
          onClick={() => {
            backtestFormStore.getState().resetCosts();
            setSaved(true);
          }}
        >
          Reset costs to defaults
        </button>
        <output className="settings-status" aria-live="polite">
          {saved && !dirty ? 'Costs saved.' : ''}
        </output>
      </div>
    </form>
  );
}

function readBaseUrl(): string {
  try {
    return localStorage.getItem(BINANCE_BASE_URL_KEY) ?? '';
  } catch {
    return '';
  }
}

/** The error of a base URL as typed, or null when it is an http(s) URL. */
export function baseUrlError(text: string): string | null {
  const t = text.trim();
  if (t === '') return 'Enter a URL, or reset to the default.';
  let u: URL;
  try {
    u = new URL(t);
  } catch {
    return `"${t}" is not a URL (e.g. ${DEFAULT_BINANCE_BASE_URL})`;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    return 'The URL must start with http:// or https://';
  if (!u.hostname) return 'The URL needs a host name';
  return null;
}

function BaseUrlCard() {
  const [current, setCurrent] = useState(() => readBaseUrl());
  const [text, setText] = useState(() => current || DEFAULT_BINANCE_BASE_URL);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const id = useId();

  function save(e: React.FormEvent) {
    e.preventDefault();
    const err = baseUrlError(text);
    setError(err);
    if (err !== null) {
      setStatus('');
      return;
    }
    const url = text.trim().replace(/\/+$/, '');
    try {
      if (url === DEFAULT_BINANCE_BASE_URL) localStorage.removeItem(BINANCE_BASE_URL_KEY);
      else localStorage.setItem(BINANCE_BASE_URL_KEY, url);
    } catch {
      setError('Could not save: browser storage is blocked.');
      return;
    }
    setText(url);
    setCurrent(readBaseUrl());
    setStatus(`Saved: ${url}`);
  }

  function reset() {
    try {
      localStorage.removeItem(BINANCE_BASE_URL_KEY);
    } catch {
      // blocked storage: nothing stored either
    }
    setCurrent('');
    setText(DEFAULT_BINANCE_BASE_URL);
    setError(null);
    setStatus(`Reset to ${DEFAULT_BINANCE_BASE_URL}`);
  }

  return (
    <form className="card settings-card" onSubmit={save} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`} className="settings-legend">
        Binance REST base URL
      </h3>
      <p className="settings-help">
        Where the Data page downloads klines from. In use:{' '}
        <code data-testid="base-url-in-use">{current || DEFAULT_BINANCE_BASE_URL}</code>
        {current ? ' (override)' : ' (default)'}
      </p>
      <div className="row">
        <div className="field settings-url">
          <label htmlFor={`${id}-url`}>Base URL</label>
          <input
            id={`${id}-url`}
            type="url"
            value={text}
            spellCheck={false}
            aria-invalid={error !== null}
            aria-describedby={`${id}-url-msg`}
            onChange={(e) => {
              setText(e.target.value);
              setError(null);
              setStatus('');
            }}
          />
        </div>
        <button type="submit" className="btn">
          Save URL
        </button>
        <button type="button" className="btn ghost" onClick={reset}>
          Reset to default
        </button>
      </div>
      <span id={`${id}-url-msg`} className={error ? 'field-error' : 'settings-help'}>
        {error ?? 'http:// or https://, without a path'}
      </span>
      <output className="settings-status" aria-live="polite">
        {status}
      </output>
    </form>
  );
}

interface StorageInfo {
  readonly datasets: number | null;
  readonly strategies: number | null;
  readonly usage: number | null;
  readonly quota: number | null;
}

function formatBytes(n: number | null): string {
  if (n === null) return 'unknown';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

async function loadStorageInfo(): Promise<StorageInfo> {
  const [datasets, strategies, estimate] = await Promise.all([
    listDatasets().then(
      (l) => l.length,
      () => null,
    ),
    listStrategies().then(
      (l) => l.length,
      () => null,
    ),
    navigator.storage?.estimate ? navigator.storage.estimate().catch(() => null) : null,
  ]);
  return {
    datasets,
    strategies,
    usage: estimate?.usage ?? null,
    quota: estimate?.quota ?? null,
  };
}

function deleteDb(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error ?? new Error(`could not delete ${name}`));
    // Another tab still has it open: the deletion completes once it closes (or reloads).
    req.onblocked = () => resolve();
  });
}

/** Closes this tab's connections, then deletes both databases. */
async function deleteAllLocalData(): Promise<void> {
  await Promise.all([closeDatasetDb(), closeStrategyDb()]);
  await Promise.all([deleteDb(DATASET_DB), deleteDb(STRATEGY_DB)]);
}

function StorageCard() {
  const [info, setInfo] = useState<StorageInfo | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  useEffect(() => {
    let live = true;
    loadStorageInfo().then((i) => {
      if (live) setInfo(i);
    });
    return () => {
      live = false;
    };
  }, []);

  async function confirmDelete() {
    setBusy(true);
    setError(null);
    try {
      await deleteAllLocalData();
      window.location.reload();
    } catch (e) {
      setBusy(false);
      setConfirming(false);
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  const count = (n: number | null | undefined) =>
    n === undefined ? '…' : n === null ? 'unknown' : String(n);
  const percent =
    info?.usage != null && info.quota ? ` (${((info.usage / info.quota) * 100).toFixed(2)} %)` : '';

  return (
    <section className="card settings-card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="settings-legend">
        Storage
      </h3>
      <dl className="settings-stats">
        <dt>Datasets</dt>
        <dd data-testid="datasets-count">{count(info?.datasets)}</dd>
        <dt>Strategies</dt>
        <dd data-testid="strategies-count">{count(info?.strategies)}</dd>
        <dt>Browser storage used</dt>
        <dd data-testid="storage-usage">
          {info ? `${formatBytes(info.usage)} of ${formatBytes(info.quota)}${percent}` : '…'}
        </dd>
      </dl>
      <p className="settings-help">
        Deleting removes every dataset and strategy kept in this browser. The synthetic sample is
        re-created on the next load. Settings (theme, costs, base URL) are kept.
      </p>
      {confirming ? (
        <div className="row settings-confirm">
          <span>Delete all datasets and strategies? This cannot be undone.</span>
          <button type="button" className="btn danger" onClick={confirmDelete} disabled={busy}>
            {busy ? 'Deleting…' : 'Yes, delete everything'}
          </button>
          <button
            type="button"
            className="btn ghost"
            onClick={() => setConfirming(false)}
            disabled={busy}
            // biome-ignore lint/a11y/noAutofocus: moves focus to the safe choice of the confirm step
            autoFocus
          >
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" className="btn danger" onClick={() => setConfirming(true)}>
          Delete all local data
        </button>
      )}
      {error && (
        <p className="error-text" role="alert">
          Could not delete: {error}
        </p>
      )}
    </section>
  );
}

function AboutCard() {
  const id = useId();
  return (
    <section className="card settings-card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="settings-legend">
        About
      </h3>
      <ul className="settings-about">
        <li>
          The bundled sample dataset (<code>SYNTH-BTCUSDT</code>) is <strong>synthetic</strong>:
          generated from a fixed seed, not market data.
        </li>
        <li>
          Exchange API keys <strong>never reach the browser</strong>: they live in the local VeloZ
          server, which places orders for paper and live trading.
        </li>
        <li>Datasets and strategies are stored only in this browser (IndexedDB).</li>
      </ul>
    </section>
  );
}
