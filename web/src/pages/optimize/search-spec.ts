// The Optimize form as data: param ranges from a strategy's schema, and their conversion to the
// optimizer's grid axes. Pure (no React), so it is unit-tested.
import {
  checkGeneticSettings,
  decimalsOf,
  type GeneticSettings,
  type GridAxis,
  gridSize,
  type ParamValue,
  rangeValues,
  validateAxes,
} from '../../../../engine-core/src/optimizer';
import type { ParamSpec } from '../../../../engine-core/src/strategy';

/** A numeric param's row: searched over `from..to` by `step`, or fixed at `value`. */
export interface NumberRange {
  readonly kind: 'number';
  readonly name: string;
  readonly vary: boolean;
  readonly from: string;
  readonly to: string;
  readonly step: string;
  /** The value when not varied (the default at first). */
  readonly value: string;
}

/** A bool param's row: both values, or one. */
export interface BoolRange {
  readonly kind: 'bool';
  readonly name: string;
  readonly choice: 'both' | 'true' | 'false';
}

export type ParamRange = NumberRange | BoolRange;

/** Combinations a grid may have in the page (each is one backtest; the params live in memory). */
export const MAX_UI_COMBINATIONS = 200_000;

/** `x` as the form shows it: no float noise (`0.30000000000000004` → `0.3`). */
export function numberText(x: number): string {
  return String(Number(x.toPrecision(12)));
}

/**
 * The form's first rows for a strategy: every numeric param varied over its `[min, max]` by its
 * `step` (ints: 1; floats without a step: a tenth of the span); a param without bounds fixed at
 * its default; bools both ways.
 */
export function defaultRanges(specs: readonly ParamSpec[]): ParamRange[] {
  return specs.map((s): ParamRange => {
    if (s.type === 'bool') return { kind: 'bool', name: s.name, choice: 'both' };
    const value = numberText(Number(s.default));
    const bounded = s.min !== undefined && s.max !== undefined;
    const from = s.min ?? Number(s.default);
    const to = s.max ?? Number(s.default);
    const step = s.step ?? (s.type === 'int' ? 1 : bounded && to > from ? (to - from) / 10 : 1);
    return {
      kind: 'number',
      name: s.name,
      vary: bounded,
      from: numberText(from),
      to: numberText(to),
      step: numberText(step),
      value,
    };
  });
}

/** Why a row cannot be searched, by param name. */
export type RangeErrors = Readonly<Record<string, string>>;

/** The axes of the rows, or each row's error. */
export type AxesResult =
  | { readonly ok: true; readonly axes: GridAxis[]; readonly combinations: number }
  | { readonly ok: false; readonly errors: RangeErrors };

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

function num(text: string): number | null {
  const t = text.trim();
  return NUMBER.test(t) && Number.isFinite(Number(t)) ? Number(t) : null;
}

function axisOf(r: ParamRange): GridAxis | string {
  if (r.kind === 'bool') {
    const values: ParamValue[] =
      r.choice === 'both' ? [false, true] : r.choice === 'true' ? [true] : [false];
    return { name: r.name, source: `${r.name}=${values.join(',')}`, values };
  }
  if (!r.vary) {
    const v = num(r.value);
    if (v === null) return `"${r.value}" is not a number`;
    return { name: r.name, source: `${r.name}=${r.value.trim()}`, values: [v] };
  }
  const from = num(r.from);
  const to = num(r.to);
  const step = num(r.step);
  if (from === null) return `from: "${r.from}" is not a number`;
  if (to === null) return `to: "${r.to}" is not a number`;
  if (step === null) return `step: "${r.step}" is not a number`;
  const decimals = Math.max(decimalsOf(r.from.trim()), decimalsOf(r.step.trim()));
  const values = rangeValues(from, to, step, decimals);
  if (!values.ok) return values.error;
  return {
    name: r.name,
    source: `${r.name}=${r.from.trim()}:${r.to.trim()}:${r.step.trim()}`,
    values: values.value,
  };
}

/**
 * Turns the rows into the optimizer's grid axes (one per param, a fixed param as one value),
 * checked against the schema the way every run is (`validateAxes`: types, min, max). Errors are
 * per param, without the spec text.
 */
export function rangesToAxes(
  specs: readonly ParamSpec[],
  ranges: readonly ParamRange[],
): AxesResult {
  const errors: Record<string, string> = {};
  const axes: GridAxis[] = [];
  for (const r of ranges) {
    const a = axisOf(r);
    if (typeof a === 'string') {
      errors[r.name] = a;
      continue;
    }
    const valid = validateAxes(specs, [a]);
    if (!valid.ok) {
      errors[r.name] = valid.error.replace(/^"[^"]*": (?:param \S+: )?/, '');
      continue;
    }
    axes.push(a);
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, axes, combinations: gridSize(axes) };
}

/** The search method and its settings, as typed. */
export type MethodForm =
  | { readonly kind: 'grid' }
  | { readonly kind: 'random'; readonly samples: string; readonly seed: string }
  | {
      readonly kind: 'walk-forward';
      readonly inSample: string;
      readonly outOfSample: string;
      readonly step: string;
    }
  | {
      readonly kind: 'genetic';
      readonly population: string;
      readonly generations: string;
      readonly mutationRate: string;
      readonly crossoverRate: string;
      readonly elite: string;
      readonly tournament: string;
      /** Generations without gain before stopping; empty: no early stop. */
      readonly stall: string;
      readonly minImprovement: string;
      readonly seed: string;
    };

/** A checked method. */
export type Method =
  | { readonly kind: 'grid' }
  | { readonly kind: 'random'; readonly samples: number; readonly seed: number }
  | {
      readonly kind: 'walk-forward';
      readonly inSample: number;
      readonly outOfSample: number;
      readonly step: number;
    }
  | { readonly kind: 'genetic'; readonly settings: GeneticSettings };

function int(text: string, min: number, max: number, what: string): number | string {
  const n = num(text);
  if (n === null || !Number.isInteger(n)) return `${what}: "${text}" is not a whole number`;
  if (n < min || n > max) return `${what}: ${n} is not within ${min}…${max}`;
  return n;
}

/** Checks the method's fields; the error names the field. */
export function parseMethod(
  m: MethodForm,
  bars: number,
): { ok: true; method: Method } | { ok: false; error: string } {
  if (m.kind === 'grid') return { ok: true, method: m };
  if (m.kind === 'genetic') return parseGenetic(m);
  if (m.kind === 'random') {
    const samples = int(m.samples, 1, MAX_UI_COMBINATIONS, 'samples');
    if (typeof samples === 'string') return { ok: false, error: samples };
    const seed = int(m.seed, 0, 2 ** 32 - 1, 'seed');
    if (typeof seed === 'string') return { ok: false, error: seed };
    return { ok: true, method: { kind: 'random', samples, seed } };
  }
  const inSample = int(m.inSample, 1, Number.MAX_SAFE_INTEGER, 'in-sample bars');
  if (typeof inSample === 'string') return { ok: false, error: inSample };
  const outOfSample = int(m.outOfSample, 1, Number.MAX_SAFE_INTEGER, 'out-of-sample bars');
  if (typeof outOfSample === 'string') return { ok: false, error: outOfSample };
  const step =
    m.step.trim() === '' ? outOfSample : int(m.step, 1, Number.MAX_SAFE_INTEGER, 'step bars');
  if (typeof step === 'string') return { ok: false, error: step };
  if (step < outOfSample)
    return {
      ok: false,
      error: `step ${step} < out-of-sample ${outOfSample}: test windows would overlap`,
    };
  if (inSample + outOfSample > bars)
    return {
      ok: false,
      error: `in-sample + out-of-sample = ${inSample + outOfSample} bars, the dataset has ${bars}`,
    };
  return { ok: true, method: { kind: 'walk-forward', inSample, outOfSample, step } };
}

function rate(text: string, what: string): number | string {
  const n = num(text);
  return n === null || n < 0 || n > 1 ? `${what}: "${text}" is not a number in 0…1` : n;
}

/** The genetic fields as settings, checked together (`checkGeneticSettings`). */
function parseGenetic(
  m: Extract<MethodForm, { kind: 'genetic' }>,
): { ok: true; method: Method } | { ok: false; error: string } {
  const fields = {
    populationSize: int(m.population, 2, MAX_UI_COMBINATIONS, 'population'),
    maxGenerations: int(m.generations, 1, 100_000, 'generations'),
    mutationRate: rate(m.mutationRate, 'mutation rate'),
    crossoverRate: rate(m.crossoverRate, 'crossover rate'),
    eliteCount: int(m.elite, 0, MAX_UI_COMBINATIONS, 'elite'),
    tournamentSize: int(m.tournament, 1, MAX_UI_COMBINATIONS, 'tournament'),
    seed: int(m.seed, 0, 2 ** 32 - 1, 'seed'),
  };
  for (const v of Object.values(fields)) if (typeof v === 'string') return { ok: false, error: v };
  let earlyStop: GeneticSettings['earlyStop'] = null;
  if (m.stall.trim() !== '') {
    const generations = int(m.stall, 1, 100_000, 'early stop generations');
    if (typeof generations === 'string') return { ok: false, error: generations };
    const minImprovement = num(m.minImprovement);
    if (minImprovement === null || minImprovement < 0)
      return { ok: false, error: `min improvement: "${m.minImprovement}" is not a number ≥ 0` };
    earlyStop = { generations, minImprovement };
  }
  const checked = checkGeneticSettings({
    ...(fields as Omit<GeneticSettings, 'earlyStop'>),
    earlyStop,
  });
  if (!checked.ok) return { ok: false, error: checked.error };
  return { ok: true, method: { kind: 'genetic', settings: checked.value } };
}
