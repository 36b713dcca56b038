// The Backtest form's checks, as the engine will apply them: params with engine-core's own
// `resolveParams` (so a value the form accepts is one the run accepts, with the same message),
// costs with the CLI's bounds (`npm run backtest`: cash > 0, fees and slippage in [0, 10 000] bps).
import type { BacktestConfig } from '../../../../engine-core/src/backtest/backtest-config';
import { type ParamSpec, resolveParams } from '../../../../engine-core/src/strategy/params';

/** Param values as typed, by name (`'true'`/`'false'` for a bool). */
export type ParamTexts = Readonly<Record<string, string>>;

/** The cost fields, as typed. */
export interface CostTexts {
  readonly initialCash: string;
  readonly feeBps: string;
  readonly makerFeeBps: string;
  readonly slippageBps: string;
}

export type CostField = keyof CostTexts;

/** Label, bounds and unit of each cost field. */
export const COST_FIELDS: readonly {
  readonly key: CostField;
  readonly label: string;
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  /** Whether `min` itself is excluded (cash must be > 0). */
  readonly minExclusive: boolean;
  readonly step: string;
  readonly help: string;
}[] = [
  {
    key: 'initialCash',
    label: 'Initial cash',
    unit: 'quote',
    min: 0,
    max: Number.POSITIVE_INFINITY,
    minExclusive: true,
    step: 'any',
    help: 'starting balance in the quote currency',
  },
  {
    key: 'feeBps',
    label: 'Taker fee',
    unit: 'bps',
    min: 0,
    max: 10_000,
    minExclusive: false,
    step: 'any',
    help: 'market and stop fills; 10 bps = 0.1 %',
  },
  {
    key: 'makerFeeBps',
    label: 'Maker fee',
    unit: 'bps',
    min: 0,
    max: 10_000,
    minExclusive: false,
    step: 'any',
    help: 'resting limit fills',
  },
  {
    key: 'slippageBps',
    label: 'Slippage',
    unit: 'bps',
    min: 0,
    max: 10_000,
    minExclusive: false,
    step: 'any',
    help: 'against you on market and stop fills',
  },
];

/** The form's text for a config (DESIGN §7 defaults by default). */
export function costTexts(config: BacktestConfig): CostTexts {
  return {
    initialCash: String(config.initialCash),
    feeBps: String(config.feeBps),
    makerFeeBps: String(config.makerFeeBps),
    slippageBps: String(config.slippageBps),
  };
}

/** Each param's default, as text. */
export function defaultParamTexts(specs: readonly ParamSpec[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of specs) out[s.name] = String(s.default);
  return out;
}

/** The error of one param's text (engine-core's message), or null when the engine accepts it. */
export function paramError(spec: ParamSpec, text: string | undefined): string | null {
  if (text === undefined) return null; // the default applies
  const r = resolveParams([spec], { [spec.name]: text });
  return r.ok ? null : r.error;
}

/** The error of one cost field's text, or null. */
export function costError(field: CostField, text: string): string | null {
  const f = COST_FIELDS.find((c) => c.key === field);
  if (f === undefined) return `unknown cost field "${field}"`;
  const name = f.label.toLowerCase();
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) return `${name}: "${text}" is not a number`;
  if (f.minExclusive ? n <= f.min : n < f.min)
    return `${name}: must be ${f.minExclusive ? '>' : '≥'} ${f.min}`;
  if (n > f.max) return `${name}: ${n} > max ${f.max}`;
  return null;
}

/** The outcome of checking the whole form. */
export interface FormCheck {
  /** True when every field is valid: `params` and `config` are then set. */
  readonly ok: boolean;
  readonly paramErrors: Readonly<Record<string, string | null>>;
  readonly costErrors: Readonly<Record<CostField, string | null>>;
  readonly params: Record<string, number | boolean> | null;
  readonly config: BacktestConfig | null;
}

/**
 * Checks params and costs. Texts for names the strategy doesn't declare (left over from an
 * earlier version of it) are ignored; missing ones take the default.
 */
export function checkForm(
  specs: readonly ParamSpec[],
  params: ParamTexts,
  costs: CostTexts,
): FormCheck {
  const paramErrors: Record<string, string | null> = {};
  const given: Record<string, string> = {};
  for (const s of specs) {
    const text = params[s.name];
    paramErrors[s.name] = paramError(s, text);
    if (text !== undefined) given[s.name] = text;
  }
  const costErrors = {} as Record<CostField, string | null>;
  for (const f of COST_FIELDS) costErrors[f.key] = costError(f.key, costs[f.key]);
  const resolved = resolveParams(specs, given);
  const ok =
    resolved.ok &&
    Object.values(paramErrors).every((e) => e === null) &&
    Object.values(costErrors).every((e) => e === null);
  return {
    ok,
    paramErrors,
    costErrors,
    params: ok && resolved.ok ? resolved.value : null,
    config: ok
      ? {
          initialCash: Number(costs.initialCash),
          feeBps: Number(costs.feeBps),
          makerFeeBps: Number(costs.makerFeeBps),
          slippageBps: Number(costs.slippageBps),
          volumeCap: null,
        }
      : null,
  };
}

/** Decimals of a number as written (`0.05` → 2, `1e-3` → 3, `10` → 0). */
function decimalsOf(x: number): number {
  if (!Number.isFinite(x) || Number.isInteger(x)) return 0;
  const [mant, exp] = x.toExponential().split('e') as [string, string];
  const frac = mant.split('.')[1]?.length ?? 0;
  return Math.max(0, frac - Number(exp));
}

/**
 * The text after an ArrowUp (`dir` 1) or ArrowDown (−1) in a numeric param field: one `step`
 * (1 for ints without one, else 1 % of the range or 0.1), kept inside [min, max] and rounded to
 * the step's decimals so 0.1 + 0.2 shows as 0.3. Unparsable text restarts from the default.
 */
export function stepParamText(spec: ParamSpec, text: string, dir: 1 | -1): string {
  if (spec.type === 'bool') return text;
  const step =
    spec.step ??
    (spec.type === 'int'
      ? 1
      : spec.min !== undefined && spec.max !== undefined
        ? (spec.max - spec.min) / 100
        : 0.1);
  const n = Number(text);
  const base = text.trim() !== '' && Number.isFinite(n) ? n : (spec.default as number);
  let next = base + dir * step;
  if (spec.min !== undefined && next < spec.min) next = spec.min;
  if (spec.max !== undefined && next > spec.max) next = spec.max;
  const decimals = Math.max(decimalsOf(step), decimalsOf(spec.min ?? 0));
  if (spec.type === 'int') next = Math.round(next);
  return String(Number(next.toFixed(Math.min(12, decimals))));
}
