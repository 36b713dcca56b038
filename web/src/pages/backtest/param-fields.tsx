import type { KeyboardEvent } from 'react';
import type { ParamSpec } from '../../../../engine-core/src/strategy/params';
import { stepParamText } from './form-validation';

export interface ParamFieldsProps {
  readonly specs: readonly ParamSpec[];
  /** Texts as typed; a missing one shows the default. */
  readonly values: Readonly<Record<string, string>>;
  readonly errors: Readonly<Record<string, string | null>>;
  readonly disabled?: boolean;
  readonly onChange: (name: string, text: string) => void;
}

/** `int · 1 – 1000 · step 1` */
function rangeHint(s: ParamSpec): string {
  const parts: string[] = [s.type];
  if (s.min !== undefined || s.max !== undefined) parts.push(`${s.min ?? '−∞'} – ${s.max ?? '∞'}`);
  if (s.step !== undefined) parts.push(`step ${s.step}`);
  return parts.join(' · ');
}

/**
 * A form generated from a strategy's param schema: a text field per number (ArrowUp/ArrowDown
 * step it within [min, max]), a checkbox per bool; the description as help text, the engine's
 * error under the field as you type.
 */
export function ParamFields({ specs, values, errors, disabled, onChange }: ParamFieldsProps) {
  if (specs.length === 0) return <p className="empty bt-none">This strategy has no parameters.</p>;
  return (
    <div className="bt-fields">
      {specs.map((s) => {
        const id = `bt-param-${s.name}`;
        const text = values[s.name] ?? String(s.default);
        const error = errors[s.name] ?? null;
        const describedBy = `${id}-help${error ? ` ${id}-error` : ''}`;
        if (s.type === 'bool') {
          return (
            <div key={s.name} className="field bt-check">
              <label htmlFor={id}>
                <input
                  id={id}
                  name={s.name}
                  type="checkbox"
                  checked={text === 'true'}
                  disabled={disabled}
                  aria-describedby={describedBy}
                  onChange={(e) => onChange(s.name, String(e.currentTarget.checked))}
                />
                <span className="bt-param-name">{s.name}</span>
              </label>
              <span id={`${id}-help`} className="bt-help">
                {s.description}
              </span>
              {error && (
                <span id={`${id}-error`} className="field-error" role="alert">
                  {error}
                </span>
              )}
            </div>
          );
        }
        const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
          if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
          e.preventDefault();
          onChange(s.name, stepParamText(s, e.currentTarget.value, e.key === 'ArrowUp' ? 1 : -1));
        };
        return (
          <div key={s.name} className="field">
            <label htmlFor={id}>
              <span className="bt-param-name">{s.name}</span>{' '}
              <span className="bt-hint">{rangeHint(s)}</span>
            </label>
            <input
              id={id}
              name={s.name}
              type="text"
              inputMode={s.type === 'int' ? 'numeric' : 'decimal'}
              autoComplete="off"
              spellCheck={false}
              value={text}
              disabled={disabled}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy}
              onChange={(e) => onChange(s.name, e.currentTarget.value)}
              onKeyDown={onKeyDown}
            />
            <span id={`${id}-help`} className="bt-help">
              {s.description}
            </span>
            {error && (
              <span id={`${id}-error`} className="field-error" role="alert">
                {error}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}
