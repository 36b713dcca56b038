import type { ParamSpec, ParamValues } from '../strategy';
import { resolveParams } from '../strategy';
import { err, ok, type Result } from '../util/result';
import { validateAxes } from './grid';
import type { GridAxis, ParamValue } from './grid-spec';

/**
 * A point of a search space as one index per axis into that axis's values. A gene can only name
 * a value of its axis, so a genome is always in range and on the step.
 */
export type Genome = readonly number[];

/** The space a genetic search walks: the grid's axes, the params off them at their defaults. */
export interface GenomeSpace {
  readonly specs: readonly ParamSpec[];
  readonly axes: readonly GridAxis[];
  /** Values per axis. */
  readonly sizes: readonly number[];
  /** Whether an axis's values are ordered numbers (mutation may step to a neighbour). */
  readonly ordered: readonly boolean[];
  /** Points in the space (the grid's size). */
  readonly size: number;
}

const isOrdered = (values: readonly ParamValue[]): boolean =>
  values.length > 2 &&
  values.every((v, i) => typeof v === 'number' && (i === 0 || v > (values[i - 1] as number)));

/** Builds the space of the axes, checked the way a grid checks them (`validateAxes`). */
export function genomeSpace(
  specs: readonly ParamSpec[],
  axes: readonly GridAxis[],
): Result<GenomeSpace, string> {
  const valid = validateAxes(specs, axes);
  if (!valid.ok) return valid;
  for (const a of axes)
    if (a.values.length === 0) return err(`"${a.source}": the axis has no values`);
  const sizes = axes.map((a) => a.values.length);
  return ok({
    specs,
    axes,
    sizes,
    ordered: axes.map((a) => isOrdered(a.values)),
    size: sizes.reduce((n, s) => n * s, 1),
  });
}

/** A genome's identity, for the evaluation cache. */
export const genomeKey = (g: Genome): string => g.join(',');

/** The param set a genome stands for, in the strategy's param order (as `enumerateGrid` gives it). */
export function decodeGenome(space: GenomeSpace, g: Genome): ParamValues {
  const given: Record<string, ParamValue> = {};
  space.axes.forEach((a, i) => {
    given[a.name] = a.values[g[i] as number] as ParamValue;
  });
  const r = resolveParams(space.specs, given);
  // Every axis value passed validateAxes alone, and params do not constrain each other.
  if (!r.ok) throw new Error(`genome ${genomeKey(g)}: ${r.error}`);
  return r.value;
}
