import { type FormEvent, type KeyboardEvent, useEffect, useMemo, useRef } from 'react';
import { formatFixed, formatTime } from '../../../../engine-core/src/analyzer';
import { SAMPLE_ID } from '../../data/dataset-store';
import {
  backtestFormStore,
  parseStrategyKey,
  strategyKey,
  useBacktestForm,
} from './backtest-form-store';
import { cancelBacktest, startBacktest, useBacktestRun } from './backtest-run-store';
import { COST_FIELDS, checkForm } from './form-validation';
import { ParamFields } from './param-fields';
import {
  useBuiltinStrategies,
  useDatasets,
  useStrategySpec,
  useUserStrategies,
} from './use-backtest-inputs';

const NO_TEXTS: Readonly<Record<string, string>> = {};

/** The run progress: a bar, bars done / total, and Cancel. */
function RunProgress() {
  const progress = useBacktestRun((s) => s.progress);
  const done = progress?.done ?? 0;
  const total = progress?.total ?? 0;
  return (
    <div className="bt-progress" data-testid="run-progress">
      <progress
        max={total > 0 ? total : undefined}
        value={total > 0 ? done : undefined}
        aria-label="Backtest progress"
      />
      <span className="bt-hint" aria-live="polite">
        {total > 0
          ? `${formatFixed(done, 0)} / ${formatFixed(total, 0)} bars (${Math.floor((done / total) * 100)}%)`
          : 'Starting…'}
      </span>
    </div>
  );
}

/**
 * The Backtest form: dataset, strategy, its params (generated from the schema, checked as you
 * type), costs; Run (or Enter anywhere in the form), progress and Cancel (or Escape).
 */
export function BacktestForm() {
  const datasets = useDatasets();
  const builtins = useBuiltinStrategies();
  const users = useUserStrategies();
  const datasetId = useBacktestForm((s) => s.datasetId);
  const choice = useBacktestForm((s) => s.strategy);
  const key = strategyKey(choice);
  const paramTexts = useBacktestForm((s) => s.params[key] ?? NO_TEXTS);
  const costs = useBacktestForm((s) => s.costs);
  const status = useBacktestRun((s) => s.status);
  const running = status === 'running';
  const spec = useStrategySpec(choice);
  const cancelRef = useRef<HTMLButtonElement | null>(null);

  const list = datasets.data ?? [];
  const dataset = list.find((d) => d.id === datasetId);

  // Fall back to the sample (or the newest dataset) when none is chosen or it was deleted.
  useEffect(() => {
    if (!datasets.data || datasets.data.length === 0) return;
    if (datasets.data.some((d) => d.id === datasetId)) return;
    const fallback = datasets.data.find((d) => d.id === SAMPLE_ID) ?? datasets.data[0];
    if (fallback) backtestFormStore.getState().setDataset(fallback.id);
  }, [datasets.data, datasetId]);

  const specs = spec.state === 'ok' ? spec.info.params : [];
  const check = useMemo(() => checkForm(specs, paramTexts, costs), [specs, paramTexts, costs]);
  const canRun = !running && check.ok && spec.state === 'ok' && dataset !== undefined;

  // Escape cancels a running backtest, wherever the focus is; Cancel takes the focus.
  useEffect(() => {
    if (!running) return;
    cancelRef.current?.focus({ preventScroll: true });
    const onKey = (e: globalThis.KeyboardEvent): void => {
      if (e.key === 'Escape') cancelBacktest();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [running]);

  const onSubmit = (e: FormEvent<HTMLFormElement>): void => {
    e.preventDefault();
    if (!canRun || spec.state !== 'ok' || check.params === null || check.config === null) return;
    if (dataset === undefined) return;
    void startBacktest(
      {
        datasetId: dataset.id,
        strategy: spec.ref,
        params: check.params,
        config: check.config,
      },
      dataset.name,
    );
  };

  // Enter submits from text fields natively; from selects and checkboxes too, here.
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>): void => {
    if (e.key !== 'Enter' || e.defaultPrevented) return;
    const t = e.target as HTMLElement;
    if (
      t instanceof HTMLSelectElement ||
      (t instanceof HTMLInputElement && t.type === 'checkbox')
    ) {
      e.preventDefault();
      e.currentTarget.requestSubmit();
    }
  };

  const store = backtestFormStore.getState();
  const knownChoice =
    choice.kind === 'builtin'
      ? !builtins.data || builtins.data.some((s) => s.name === choice.name)
      : !users.data || users.data.some((s) => s.id === choice.id);
  const description = spec.state === 'ok' ? spec.info.description : '';

  return (
    <form
      className="bt-form"
      aria-label="Backtest settings"
      noValidate
      onSubmit={onSubmit}
      onKeyDown={onKeyDown}
    >
      <div className="bt-actions">
        {running ? (
          <>
            <RunProgress />
            <button ref={cancelRef} type="button" className="btn danger" onClick={cancelBacktest}>
              Cancel
            </button>
          </>
        ) : (
          <>
            <button type="submit" className="btn bt-run" disabled={!canRun}>
              Run backtest
            </button>
            <span className="bt-hint">
              {check.ok ? 'Enter runs · Esc cancels' : 'Fix the fields in red to run'}
            </span>
          </>
        )}
      </div>
      <fieldset className="bt-fieldset" disabled={running}>
        <legend>Data &amp; strategy</legend>
        <div className="field">
          <label htmlFor="bt-dataset">Dataset</label>
          <select
            id="bt-dataset"
            value={dataset ? dataset.id : ''}
            onChange={(e) => store.setDataset(e.currentTarget.value)}
          >
            {list.length === 0 && (
              <option value="">{datasets.isLoading ? 'Loading…' : 'No datasets'}</option>
            )}
            {list.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
          {dataset && (
            <span className="bt-help" data-testid="dataset-info">
              {dataset.symbol} {dataset.interval} · {formatFixed(dataset.rows, 0)} bars ·{' '}
              {formatTime(dataset.from).slice(0, 10)} → {formatTime(dataset.to).slice(0, 10)}
              {dataset.gaps > 0 ? ` · ${dataset.gaps} gaps` : ''}
              {dataset.note ? (
                <>
                  <br />
                  <em>{dataset.note}</em>
                </>
              ) : null}
            </span>
          )}
          {datasets.error && (
            <span className="field-error">Could not list datasets: {String(datasets.error)}</span>
          )}
        </div>
        <div className="field">
          <label htmlFor="bt-strategy">Strategy</label>
          <select
            id="bt-strategy"
            value={key}
            onChange={(e) => {
              const next = parseStrategyKey(e.currentTarget.value);
              if (next) store.setStrategy(next);
            }}
          >
            <optgroup label="Built-in">
              {(builtins.data ?? []).map((s) => (
                <option key={s.name} value={`builtin:${s.name}`}>
                  {s.name}
                </option>
              ))}
            </optgroup>
            {(users.data ?? []).length > 0 && (
              <optgroup label="Your strategies">
                {(users.data ?? []).map((s) => (
                  <option key={s.id} value={`user:${s.id}`}>
                    {s.name}
                  </option>
                ))}
              </optgroup>
            )}
            {!knownChoice && <option value={key}>{key} (not found)</option>}
          </select>
          {description && <span className="bt-help">{description}</span>}
          {spec.state === 'error' && <span className="field-error">{spec.error}</span>}
        </div>
      </fieldset>

      <fieldset className="bt-fieldset" disabled={running}>
        <legend>
          Parameters
          {specs.length > 0 && (
            <button
              type="button"
              className="btn ghost bt-mini"
              onClick={() => store.resetParams(key)}
            >
              Defaults
            </button>
          )}
        </legend>
        {spec.state === 'loading' ? (
          <p className="empty">Loading…</p>
        ) : (
          <ParamFields
            specs={specs}
            values={paramTexts}
            errors={check.paramErrors}
            onChange={(name, text) => store.setParam(key, name, text)}
          />
        )}
      </fieldset>

      <fieldset className="bt-fieldset" disabled={running}>
        <legend>
          Costs
          <button type="button" className="btn ghost bt-mini" onClick={() => store.resetCosts()}>
            Defaults
          </button>
        </legend>
        <div className="bt-fields bt-costs">
          {COST_FIELDS.map((f) => {
            const id = `bt-cost-${f.key}`;
            const error = check.costErrors[f.key];
            return (
              <div key={f.key} className="field">
                <label htmlFor={id}>
                  {f.label} <span className="bt-hint">{f.unit}</span>
                </label>
                <input
                  id={id}
                  name={f.key}
                  type="text"
                  inputMode="decimal"
                  autoComplete="off"
                  value={costs[f.key]}
                  title={f.help}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${id}-error` : undefined}
                  onChange={(e) => store.setCost(f.key, e.currentTarget.value)}
                />
                {error && (
                  <span id={`${id}-error`} className="field-error" role="alert">
                    {error}
                  </span>
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
    </form>
  );
}
