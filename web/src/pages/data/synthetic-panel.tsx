import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { formatCount } from '../../data/dataset-format';
import { useInvalidateDatasets } from '../../data/dataset-queries';
import {
  checkSyntheticForm,
  SYNTHETIC_DEFAULTS,
  type SyntheticForm,
  saveSyntheticDataset,
  syntheticName,
} from '../../data/synthetic-dataset';
import { DayField, IntervalField } from './data-fields';

/** The text fields of the form, in order: [field, label, input size]. */
const TEXT_FIELDS: readonly (readonly [keyof SyntheticForm, string, number])[] = [
  ['symbol', 'Symbol', 13],
  ['seed', 'Seed', 10],
  ['bars', 'Bars', 8],
  ['startPrice', 'Start price', 8],
  ['gapRate', 'Gap rate', 5],
];

/** The regime fields, with their units: [field, label, unit, input size]. */
const REGIME_FIELDS: readonly (readonly [keyof SyntheticForm, string, string, number])[] = [
  ['trend', 'Trend', 'drift per bar, added to every regime', 8],
  ['volatilityScale', 'Volatility scale', '× every regime’s vol', 5],
  ['regimeSwitchRate', 'Regime switch', 'chance per bar', 6],
];

/** `--source synthetic`: the bundled sample's seeded generator, with its parameters. */
export function SyntheticPanel() {
  const ids = useId();
  const [form, setForm] = useState<SyntheticForm>(SYNTHETIC_DEFAULTS);
  const [name, setName] = useState('');
  const invalidate = useInvalidateDatasets();
  const checked = checkSyntheticForm(form);
  const make = useMutation({
    mutationFn: () => {
      if (!checked.ok) throw new Error(checked.error);
      return saveSyntheticDataset(checked.value, name);
    },
    onSuccess: invalidate,
  });
  const set = (patch: Partial<SyntheticForm>) => setForm((f) => ({ ...f, ...patch }));

  return (
    <section className="card data-card" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`} className="data-card-title">
        Synthetic <code className="data-source-tag">--source synthetic</code>
      </h3>
      <form
        className="download-form"
        aria-label="Generate a synthetic dataset"
        onSubmit={(e) => {
          e.preventDefault();
          if (checked.ok) make.mutate();
        }}
      >
        <fieldset className="row download-fields" disabled={make.isPending}>
          <legend className="data-sr-only">Generator parameters</legend>
          {TEXT_FIELDS.map(([key, label, size]) => (
            <label key={key} className="field" htmlFor={`${ids}-${key}`}>
              {label}
              <input
                id={`${ids}-${key}`}
                value={form[key]}
                size={size}
                autoComplete="off"
                spellCheck={false}
                onChange={(e) => set({ [key]: e.currentTarget.value })}
              />
            </label>
          ))}
          <IntervalField
            id={`${ids}-interval`}
            value={form.interval}
            onChange={(interval) => set({ interval })}
          />
          <DayField
            id={`${ids}-start`}
            label="Start (UTC)"
            value={form.startDay}
            onChange={(startDay) => set({ startDay })}
          />
          <label className="field grow" htmlFor={`${ids}-name`}>
            Dataset name
            <input
              id={`${ids}-name`}
              value={name}
              placeholder={checked.ok ? syntheticName(checked.value) : ''}
              onChange={(e) => setName(e.currentTarget.value)}
            />
          </label>
        </fieldset>
        <fieldset className="row download-fields" disabled={make.isPending}>
          <legend className="data-sr-only">Regime settings</legend>
          {REGIME_FIELDS.map(([key, label, unit, size]) => (
            <label key={key} className="field" htmlFor={`${ids}-${key}`}>
              <span>
                {label} <span className="data-unit">({unit})</span>
              </span>
              <input
                id={`${ids}-${key}`}
                value={form[key]}
                size={size}
                inputMode="decimal"
                autoComplete="off"
                spellCheck={false}
                onChange={(e) => set({ [key]: e.currentTarget.value })}
              />
            </label>
          ))}
          <label className="field grow" htmlFor={`${ids}-regimes`}>
            <span>
              Regimes <span className="data-unit">(drift:vol per bar, comma-separated)</span>
            </span>
            <input
              id={`${ids}-regimes`}
              value={form.regimes}
              size={40}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => set({ regimes: e.currentTarget.value })}
            />
          </label>
        </fieldset>
        {!checked.ok ? (
          <p className="field-error" role="alert">
            {checked.error}
          </p>
        ) : null}
        <div className="row">
          <button type="submit" className="btn" disabled={!checked.ok || make.isPending}>
            {make.isPending ? 'Generating…' : 'Generate'}
          </button>
          <span className="data-hint">
            Regime-switching random walk, the same bars for the same seed. Each regime is a per-bar
            drift (0.0002 = +0.02 %) and vol (0.01 = 1 %, the log return’s stdev); the series starts
            in the first, and each bar the regime is redrawn with the switch chance. Gap rate:
            chance per bar that a 1–5 bar outage starts. Not market data.
          </span>
        </div>
      </form>
      {make.isError ? (
        <p className="error-text" role="alert">
          Could not save: {make.error instanceof Error ? make.error.message : String(make.error)}
        </p>
      ) : make.data !== undefined ? (
        <p className="success-text" role="status">
          Saved “{make.data.name}”: {formatCount(make.data.rows)} bars
          {make.data.gaps > 0 ? `, ${formatCount(make.data.gaps)} gaps (not filled)` : ''}.
        </p>
      ) : null}
    </section>
  );
}
