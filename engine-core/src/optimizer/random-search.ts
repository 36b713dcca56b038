import { type ParamSpec, type ParamValues, resolveParams } from '../strategy';
import { assertNever } from '../util/assert';
import { err, ok, type Result } from '../util/result';
import { mulberry32, type Rng, randomIndex } from '../util/rng';
import { validateAxes } from './grid';
import { decimalsOf, type GridAxis, type ParamValue, roundTo } from './grid-spec';

/** Draws per requested sample before giving up on finding new distinct ones. */
const ATTEMPTS_PER_SAMPLE = 50;

/** Where one parameter's random values come from. */
type Dimension =
  | { readonly kind: 'fixed'; readonly value: ParamValue }
  | { readonly kind: 'list'; readonly values: readonly ParamValue[] }
  | {
      readonly kind: 'steps';
      readonly min: number;
      readonly step: number;
      readonly count: number;
      readonly decimals: number;
    }
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number };

function dimensionOf(spec: ParamSpec, axis: GridAxis | undefined): Dimension {
  if (axis !== undefined) return { kind: 'list', values: axis.values };
  if (spec.type === 'bool') return { kind: 'list', values: [false, true] };
  if (spec.min === undefined || spec.max === undefined)
    return { kind: 'fixed', value: spec.default };
  const step = spec.step ?? (spec.type === 'int' ? 1 : undefined);
  if (step === undefined || !(step > 0)) return { kind: 'uniform', min: spec.min, max: spec.max };
  const decimals = Math.max(decimalsOf(String(spec.min)), decimalsOf(String(step)));
  const count = Math.floor((spec.max - spec.min) / step + 1e-9) + 1;
  return { kind: 'steps', min: spec.min, step, count, decimals };
}

function draw(d: Dimension, rng: Rng): ParamValue {
  switch (d.kind) {
    case 'fixed':
      return d.value;
    case 'list':
      return d.values[randomIndex(rng, d.values.length)] as ParamValue;
    case 'steps':
      return roundTo(d.min + randomIndex(rng, d.count) * d.step, d.decimals);
    case 'uniform':
      return d.min + rng() * (d.max - d.min);
    default:
      return assertNever(d);
  }
}

/**
 * `count` distinct parameter sets drawn with a seeded PRNG (mulberry32): the same seed gives the
 * same sets. A parameter on an axis takes one of the axis's values, uniformly; the others are
 * drawn within their spec's [min, max] on its step (ints: step 1; floats without a step:
 * uniformly; bools: true or false; no bounds: the default). Each set is checked with
 * `resolveParams`. Duplicates are drawn again; when the space has fewer than `count` points the
 * result is shorter (every point found within 50 draws per sample).
 */
export function randomSearch(
  specs: readonly ParamSpec[],
  axes: readonly GridAxis[],
  count: number,
  seed: number,
): Result<ParamValues[], string> {
  if (!Number.isInteger(count) || count < 0) return err(`count must be an integer ≥ 0: ${count}`);
  const valid = validateAxes(specs, axes);
  if (!valid.ok) return valid;
  for (const a of axes)
    if (a.values.length === 0) return err(`"${a.source}": the axis has no values`);
  const dims = specs.map((s) =>
    dimensionOf(
      s,
      axes.find((a) => a.name === s.name),
    ),
  );
  const rng = mulberry32(seed);
  const seen = new Set<string>();
  const out: ParamValues[] = [];
  for (let attempt = 0; out.length < count && attempt < count * ATTEMPTS_PER_SAMPLE; attempt++) {
    const given: Record<string, ParamValue> = {};
    for (let i = 0; i < specs.length; i++)
      given[(specs[i] as ParamSpec).name] = draw(dims[i] as Dimension, rng);
    const key = JSON.stringify(given);
    if (seen.has(key)) continue;
    seen.add(key);
    const r = resolveParams(specs, given);
    if (!r.ok) return err(r.error);
    out.push(r.value);
  }
  return ok(out);
}
