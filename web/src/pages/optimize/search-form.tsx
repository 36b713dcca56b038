import { SUMMARY_KEYS } from '../../../../engine-core/src/analyzer';
import type { MetricName } from '../../../../engine-core/src/optimizer';
import {
  type CostForm,
  type GeneticForm,
  type OptimizeForm,
  optimizeFormStore,
} from './optimize-form-store';
import { ParamRanges } from './param-ranges';
import { directionWord, type SearchSetup } from './search-setup';

interface SearchFormProps {
  readonly setup: SearchSetup;
  readonly running: boolean;
  readonly onRun: () => void;
  readonly onCancel: () => void;
}

const patch = (change: Partial<OptimizeForm>) => optimizeFormStore.getState().patch(change);

function TextField(props: {
  label: string;
  value: string;
  disabled: boolean;
  onChange: (v: string) => void;
  width?: string;
  placeholder?: string;
}) {
  return (
    <label className="field" style={props.width ? { width: props.width } : undefined}>
      {props.label}
      <input
        inputMode="numeric"
        value={props.value}
        placeholder={props.placeholder}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}

const GENETIC_FIELDS: readonly (readonly [keyof GeneticForm, string, string])[] = [
  ['population', 'Population', '96px'],
  ['generations', 'Generations', '96px'],
  ['mutationRate', 'Mutation rate', '104px'],
  ['crossoverRate', 'Crossover rate', '110px'],
  ['elite', 'Elite', '64px'],
  ['tournament', 'Tournament', '90px'],
  ['stall', 'Stop after (gens)', '120px'],
  ['minImprovement', 'Min improvement', '120px'],
];

/** The genetic search's settings (the seed is shared with random search). */
function GeneticFields({ form, disabled }: { form: OptimizeForm; disabled: boolean }) {
  return (
    <>
      {GENETIC_FIELDS.map(([key, label, width]) => (
        <TextField
          key={key}
          label={label}
          value={form.genetic[key]}
          disabled={disabled}
          width={width}
          placeholder={key === 'stall' ? 'off' : undefined}
          onChange={(v) => patch({ genetic: { ...form.genetic, [key]: v } })}
        />
      ))}
      <TextField
        label="Seed"
        value={form.seed}
        disabled={disabled}
        width="96px"
        onChange={(v) => patch({ seed: v })}
      />
    </>
  );
}

/** The search: data, strategy, objective, method, workers, costs and the param ranges. */
export function SearchForm({ setup, running, onRun, onCancel }: SearchFormProps) {
  const f = setup.form;
  const off = running;
  const cost = (key: keyof CostForm) => (v: string) => patch({ costs: { ...f.costs, [key]: v } });

  return (
    <section className="card optimize-form" aria-label="Search">
      <div className="optimize-settings">
        <div className="row">
          <label className="field grow2">
            Dataset
            <select
              value={f.datasetId}
              disabled={off}
              onChange={(e) => patch({ datasetId: e.target.value })}
            >
              {setup.dataset === null && <option value={f.datasetId}>—</option>}
              {setup.datasets.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name} ({d.rows.toLocaleString('en')} bars)
                </option>
              ))}
            </select>
          </label>
          <label className="field grow">
            Strategy
            <select
              value={f.strategyKey}
              disabled={off}
              onChange={(e) => patch({ strategyKey: e.target.value })}
            >
              {!setup.strategies.some((s) => s.key === f.strategyKey) && (
                <option value={f.strategyKey}>—</option>
              )}
              <optgroup label="Built-in">
                {setup.strategies
                  .filter((s) => s.group === 'builtin')
                  .map((s) => (
                    <option key={s.key} value={s.key}>
                      {s.label}
                    </option>
                  ))}
              </optgroup>
              {setup.strategies.some((s) => s.group === 'user') && (
                <optgroup label="Yours">
                  {setup.strategies
                    .filter((s) => s.group === 'user')
                    .map((s) => (
                      <option key={s.key} value={s.key}>
                        {s.label}
                      </option>
                    ))}
                </optgroup>
              )}
            </select>
          </label>
        </div>
        <div className="row">
          <label className="field grow">
            Objective ({directionWord(f.metric)})
            <select
              value={f.metric}
              disabled={off}
              onChange={(e) => patch({ metric: e.target.value as MetricName })}
            >
              {SUMMARY_KEYS.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </label>
          <TextField
            label="Min trades"
            value={f.minTrades}
            disabled={off}
            width="96px"
            onChange={(v) => patch({ minTrades: v })}
          />
          <TextField
            label="Workers"
            value={f.workers}
            disabled={off}
            width="80px"
            onChange={(v) => patch({ workers: v })}
          />
        </div>
        <div className="row">
          <label className="field">
            Method
            <select
              value={f.methodKind}
              disabled={off}
              onChange={(e) => patch({ methodKind: e.target.value as OptimizeForm['methodKind'] })}
            >
              <option value="grid">Grid</option>
              <option value="random">Random</option>
              <option value="walk-forward">Walk-forward (grid)</option>
              <option value="genetic">Genetic</option>
            </select>
          </label>
          {f.methodKind === 'random' && (
            <>
              <TextField
                label="Samples"
                value={f.samples}
                disabled={off}
                width="96px"
                onChange={(v) => patch({ samples: v })}
              />
              <TextField
                label="Seed"
                value={f.seed}
                disabled={off}
                width="96px"
                onChange={(v) => patch({ seed: v })}
              />
            </>
          )}
          {f.methodKind === 'genetic' && <GeneticFields form={f} disabled={off} />}
          {f.methodKind === 'walk-forward' && (
            <>
              <TextField
                label="In-sample bars"
                value={f.inSample}
                disabled={off}
                width="110px"
                onChange={(v) => patch({ inSample: v })}
              />
              <TextField
                label="Out-of-sample bars"
                value={f.outOfSample}
                disabled={off}
                width="140px"
                onChange={(v) => patch({ outOfSample: v })}
              />
              <TextField
                label="Step bars"
                placeholder="= OOS"
                value={f.wfStep}
                disabled={off}
                width="120px"
                onChange={(v) => patch({ wfStep: v })}
              />
            </>
          )}
        </div>
        <div className="row">
          <TextField
            label="Initial cash"
            value={f.costs.initialCash}
            disabled={off}
            width="110px"
            onChange={cost('initialCash')}
          />
          <TextField
            label="Fee (bps)"
            value={f.costs.feeBps}
            disabled={off}
            width="90px"
            onChange={cost('feeBps')}
          />
          <TextField
            label="Slippage (bps)"
            value={f.costs.slippageBps}
            disabled={off}
            width="110px"
            onChange={cost('slippageBps')}
          />
        </div>
      </div>
      <div className="optimize-params">
        {setup.specs.length === 0 ? (
          <p className="empty">{setup.problem ?? 'This strategy has no params.'}</p>
        ) : (
          <ParamRanges
            specs={setup.specs}
            ranges={setup.ranges}
            errors={setup.rangeErrors}
            disabled={off}
            onChange={(r) => optimizeFormStore.getState().setRanges(f.strategyKey, r)}
          />
        )}
      </div>
      <div className="optimize-actions">
        <span className="runs-text" data-testid="runs-text">
          {setup.runsText}
        </span>
        {setup.problem !== null && setup.specs.length > 0 && (
          <span className="error-text" role="alert" data-testid="search-problem">
            {setup.problem}
          </span>
        )}
        <span className="spacer" />
        {running ? (
          <button type="button" className="btn danger" onClick={onCancel}>
            Cancel
          </button>
        ) : (
          <button type="button" className="btn" onClick={onRun} disabled={setup.request === null}>
            Run optimization
          </button>
        )}
      </div>
    </section>
  );
}
