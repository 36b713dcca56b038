import { err, ok, type Result } from '../util/result';

/** A value one parameter takes in a search. */
export type ParamValue = number | boolean;

/** One axis of a parameter grid: a parameter name and the values it takes, in order. */
export interface GridAxis {
  readonly name: string;
  /** The spec as written (`fast=5:20:1`), for error messages. */
  readonly source: string;
  readonly values: readonly ParamValue[];
}

/** Values one axis may have: more would not fit a search anyway. */
export const MAX_AXIS_VALUES = 1_000_000;

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const FORMS = 'want name=from:to:step or name=v1,v2,…';

/** Decimal places a number written as `text` has (`0.25` → 2, `1e-3` → 3, `1.5e2` → 0). */
export function decimalsOf(text: string): number {
  const m = /^[+-]?\d*(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text);
  if (m === null) return 0;
  const frac = m[1]?.length ?? 0;
  const exp = m[2] === undefined ? 0 : Number(m[2]);
  return Math.max(0, frac - exp);
}

/** Rounds to `decimals` places through the decimal representation (no float drift). */
export function roundTo(x: number, decimals: number): number {
  return decimals > 100 ? x : Number(x.toFixed(decimals));
}

/**
 * The values `from, from + step, …` up to `to` inclusive. Each is computed as `from + i × step`
 * and rounded to the decimals of `from` and `step` (so `0.1:0.3:0.1` gives 0.1, 0.2, 0.3, not
 * 0.30000000000000004), never accumulated.
 */
export function rangeValues(
  from: number,
  to: number,
  step: number,
  decimals: number,
): Result<number[], string> {
  if (!(step > 0)) return err(`step must be > 0, got ${step}`);
  if (from > to) return err(`from ${from} > to ${to}`);
  // The tolerance absorbs (0.3 − 0.1) / 0.1 = 1.9999999999999998.
  let count = Math.floor((to - from) / step + 1e-9) + 1;
  if (!Number.isFinite(count) || count > MAX_AXIS_VALUES)
    return err(`${Number.isFinite(count) ? count : 'too many'} values (max ${MAX_AXIS_VALUES})`);
  if (count > 1 && roundTo(from + (count - 1) * step, decimals) > to) count--;
  const out = new Array<number>(count);
  for (let i = 0; i < count; i++) out[i] = roundTo(from + i * step, decimals);
  return ok(out);
}

function parseNumber(text: string, what: string): Result<number, string> {
  if (!NUMBER.test(text)) return err(`${what} "${text}" is not a number`);
  const n = Number(text);
  if (!Number.isFinite(n)) return err(`${what} "${text}" is out of range`);
  return ok(n);
}

/**
 * Parses one grid spec: `name=from:to:step` (a range, ends included) or `name=v1,v2,…` (a list:
 * numbers or `true`/`false`; one value fixes the parameter). Errors quote the spec and say what
 * is wrong. The values are checked against the strategy's params later (`enumerateGrid`).
 */
export function parseGridSpec(spec: string): Result<GridAxis, string> {
  const fail = (why: string): Result<GridAxis, string> => err(`"${spec}": ${why}`);
  const eq = spec.indexOf('=');
  if (eq < 0) return fail(FORMS);
  const name = spec.slice(0, eq).trim();
  const body = spec.slice(eq + 1).trim();
  if (name === '') return fail(`no parameter name (${FORMS})`);
  if (!/^[A-Za-z_][\w.-]*$/.test(name)) return fail(`"${name}" is not a parameter name`);
  if (body === '') return fail(`no values (${FORMS})`);

  if (body.includes(':')) {
    const parts = body.split(':').map((p) => p.trim());
    if (parts.length !== 3) return fail(`a range has 3 parts, from:to:step, got ${parts.length}`);
    const [a, b, c] = parts as [string, string, string];
    const from = parseNumber(a, 'from');
    if (!from.ok) return fail(from.error);
    const to = parseNumber(b, 'to');
    if (!to.ok) return fail(to.error);
    const step = parseNumber(c, 'step');
    if (!step.ok) return fail(step.error);
    const values = rangeValues(
      from.value,
      to.value,
      step.value,
      Math.max(decimalsOf(a), decimalsOf(c)),
    );
    if (!values.ok) return fail(values.error);
    return ok({ name, source: spec, values: values.value });
  }

  const values: ParamValue[] = [];
  for (const raw of body.split(',')) {
    const v = raw.trim();
    if (v === '') return fail('empty value in the list');
    if (v === 'true' || v === 'false') {
      values.push(v === 'true');
      continue;
    }
    const n = parseNumber(v, 'value');
    if (!n.ok) return fail(n.error);
    values.push(n.value);
  }
  if (values.length > MAX_AXIS_VALUES)
    return fail(`${values.length} values (max ${MAX_AXIS_VALUES})`);
  return ok({ name, source: spec, values });
}
