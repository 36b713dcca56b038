import { type ParamSpec, type ParamValues, resolveParams } from '../strategy';
import { err, ok, type Result } from '../util/result';
import type { GridAxis } from './grid-spec';

/** Combinations a grid may have (each is one backtest). */
export const MAX_COMBINATIONS = 10_000_000;

/**
 * Checks each axis against the strategy's params: a known name, given once, every value of the
 * right type and within [min, max] (through `resolveParams`, the rule every run uses). The error
 * quotes the axis spec and the value.
 */
export function validateAxes(
  specs: readonly ParamSpec[],
  axes: readonly GridAxis[],
): Result<void, string> {
  const seen = new Set<string>();
  for (const axis of axes) {
    if (seen.has(axis.name)) return err(`"${axis.source}": ${axis.name} is given twice`);
    seen.add(axis.name);
    for (const v of axis.values) {
      const r = resolveParams(specs, { [axis.name]: v });
      if (!r.ok) return err(`"${axis.source}": ${r.error}`);
    }
  }
  return ok(undefined);
}

/** How many combinations the axes make (their sizes multiplied). */
export function gridSize(axes: readonly GridAxis[]): number {
  let n = 1;
  for (const a of axes) n *= a.values.length;
  return n;
}

/**
 * Every combination of the axes' values (the cartesian product; the last axis varies fastest, as
 * nested loops in axis order), each completed with the defaults of the params not on a grid and
 * in the strategy's param order. No axes: one combination, the defaults.
 */
export function enumerateGrid(
  specs: readonly ParamSpec[],
  axes: readonly GridAxis[],
): Result<ParamValues[], string> {
  const valid = validateAxes(specs, axes);
  if (!valid.ok) return valid;
  const total = gridSize(axes);
  if (total > MAX_COMBINATIONS)
    return err(`the grid has ${total} combinations (max ${MAX_COMBINATIONS})`);
  const out: ParamValues[] = [];
  if (total === 0) return ok(out);
  const index = new Array<number>(axes.length).fill(0);
  for (let k = 0; k < total; k++) {
    const given: Record<string, number | boolean> = {};
    for (let a = 0; a < axes.length; a++) {
      const axis = axes[a] as GridAxis;
      given[axis.name] = axis.values[index[a] as number] as number | boolean;
    }
    const r = resolveParams(specs, given);
    if (!r.ok) return err(r.error); // each value passed alone; params do not constrain each other
    out.push(r.value);
    for (let a = axes.length - 1; a >= 0; a--) {
      const next = (index[a] as number) + 1;
      if (next < (axes[a] as GridAxis).values.length) {
        index[a] = next;
        break;
      }
      index[a] = 0;
    }
  }
  return ok(out);
}
