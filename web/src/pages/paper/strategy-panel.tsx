import { type FormEvent, useMemo, useState } from 'react';
import { resolveParams } from '../../../../engine-core/src/strategy/params';
import type { PaperStrategySpec, PaperView } from '../../paper/paper-api';
import { parseStrategyKey, strategyKey } from '../backtest/backtest-form-store';
import { paramError } from '../backtest/form-validation';
import { ParamFields } from '../backtest/param-fields';
import {
  useBuiltinStrategies,
  useStrategySpec,
  useUserStrategies,
} from '../backtest/use-backtest-inputs';
import '../backtest/backtest.css';
import { paperFormStore, usePaperForm } from './paper-form-store';
import { sameStrategy, selectStrategy } from './paper-selectors';
import type { PaperSource } from './paper-source';
import { useViewSlice } from './view-slice';

const NO_TEXTS: Readonly<Record<string, string>> = {};

/** `sma-cross (fast 10, slow 30)` */
function describeSpec(spec: PaperStrategySpec, names: ReadonlyMap<string, string>): string {
  const name = spec.kind === 'builtin' ? spec.name : (names.get(spec.id) ?? spec.id);
  const params = Object.entries(spec.params)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return params ? `${name} (${params})` : name;
}

/** What is attached: nothing, running, or stopped by a failure. */
function StrategyStatus({
  strategy,
  names,
}: {
  readonly strategy: PaperView['strategy'];
  readonly names: ReadonlyMap<string, string>;
}) {
  if (strategy === null)
    return (
      <p className="pp-hint" data-testid="strategy-status" data-state="none">
        No strategy attached: orders come from the ticket only.
      </p>
    );
  const text = describeSpec(strategy.spec, names);
  if (strategy.failure !== null)
    return (
      <div
        className="pp-strategy-failure"
        role="alert"
        data-testid="strategy-status"
        data-state="failed"
      >
        <strong>{text} stopped</strong>
        <pre>{strategy.failure}</pre>
      </div>
    );
  return (
    <p
      className="pp-strategy-running"
      data-testid="strategy-status"
      data-state={strategy.running ? 'running' : 'stopped'}
    >
      <span className="pp-dot" aria-hidden="true" /> {strategy.running ? 'Running' : 'Attached'}:{' '}
      <strong>{text}</strong>
    </p>
  );
}

/**
 * Attach a strategy to run live on the feed: a built-in, or one saved in the editor, with its
 * params (the Backtest page's form, same checks); detach it; see whether it runs or why it stopped.
 */
export function StrategyPanel({
  source,
  canAttach,
}: {
  readonly source: PaperSource;
  readonly canAttach: boolean;
}) {
  const attached = useViewSlice(source.store, selectStrategy, sameStrategy);
  const builtins = useBuiltinStrategies();
  const users = useUserStrategies();
  const choice = usePaperForm((s) => s.strategy);
  const key = strategyKey(choice);
  const texts = usePaperForm((s) => s.params[key] ?? NO_TEXTS);
  const spec = useStrategySpec(choice);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const specs = spec.state === 'ok' ? spec.info.params : [];
  const check = useMemo(() => {
    const errors: Record<string, string | null> = {};
    const given: Record<string, string> = {};
    for (const s of specs) {
      errors[s.name] = paramError(s, texts[s.name]);
      const t = texts[s.name];
      if (t !== undefined) given[s.name] = t;
    }
    const r = resolveParams(specs, given);
    return { errors, params: r.ok ? r.value : null };
  }, [specs, texts]);
  const names = useMemo(
    () => new Map((users.data ?? []).map((s) => [s.id, s.name] as [string, string])),
    [users.data],
  );
  const form = paperFormStore.getState();

  const run = (p: Promise<{ ok: boolean; error?: string }>): void => {
    setPending(true);
    setError(null);
    p.then((r) => setError(r.ok ? null : (r.error ?? 'refused')))
      .catch((x: unknown) => setError(String(x)))
      .finally(() => setPending(false));
  };
  const onSubmit = (e: FormEvent<HTMLFormElement>): void => {
    e.preventDefault();
    if (pending || !canAttach || spec.state !== 'ok' || check.params === null) return;
    const s: PaperStrategySpec =
      choice.kind === 'builtin'
        ? { kind: 'builtin', name: choice.name, params: check.params }
        : { kind: 'source', id: choice.id, params: check.params };
    run(source.commands.attachStrategy(s));
  };

  return (
    <form
      className="card pp-strategy"
      aria-labelledby="pp-strategy-title"
      noValidate
      onSubmit={onSubmit}
    >
      <h3 id="pp-strategy-title" className="pp-card-title">
        Strategy
      </h3>
      <StrategyStatus strategy={attached} names={names} />
      <div className="field">
        <label htmlFor="pp-strategy-select">Run on the feed</label>
        <select
          id="pp-strategy-select"
          value={key}
          onChange={(e) => {
            const next = parseStrategyKey(e.currentTarget.value);
            if (next) form.set({ strategy: next });
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
            <optgroup label="Your strategies (editor)">
              {(users.data ?? []).map((s) => (
                <option key={s.id} value={`user:${s.id}`}>
                  {s.name}
                </option>
              ))}
            </optgroup>
          )}
        </select>
        {spec.state === 'ok' && <span className="bt-help">{spec.info.description}</span>}
        {spec.state === 'error' && <span className="field-error">{spec.error}</span>}
      </div>
      <details className="pp-params">
        <summary>
          Parameters{specs.length > 0 ? ` (${specs.length})` : ''}
          {Object.values(check.errors).some((x) => x !== null) && (
            <span className="field-error"> · fix the fields in red</span>
          )}
        </summary>
        {spec.state === 'loading' ? (
          <p className="empty">Loading…</p>
        ) : (
          <>
            <ParamFields
              specs={specs}
              values={texts}
              errors={check.errors}
              onChange={(name, text) => form.setParam(key, name, text)}
            />
            {specs.length > 0 && (
              <button
                type="button"
                className="btn ghost bt-mini"
                onClick={() => form.resetParams(key)}
              >
                Defaults
              </button>
            )}
          </>
        )}
      </details>
      <div className="pp-actions">
        <button
          type="submit"
          className="btn"
          disabled={pending || !canAttach || spec.state !== 'ok' || check.params === null}
        >
          {attached ? 'Re-attach' : 'Attach'}
        </button>
        <button
          type="button"
          className="btn ghost"
          disabled={pending || attached === null}
          onClick={() => run(source.commands.detachStrategy())}
        >
          Detach
        </button>
      </div>
      {!canAttach && <p className="pp-hint">Start a feed to attach a strategy.</p>}
      {error && (
        <p className="error-text" role="alert">
          Refused: {error}
        </p>
      )}
    </form>
  );
}
