/** One declared parameter: what the UI renders and the optimizer searches. */
export interface ParamSpec {
  readonly name: string;
  readonly type: 'int' | 'float' | 'bool';
  readonly default: number | boolean;
  readonly min?: number;
  readonly max?: number;
  readonly step?: number;
  readonly description: string;
}

/** Parameter values by name. */
export type ParamValues = Readonly<Record<string, number | boolean>>;

/**
 * Fills in defaults and checks values against their specs. Unknown names, wrong types and values
 * outside [min, max] are errors naming the parameter.
 */
export function resolveParams(
  specs: readonly ParamSpec[],
  given: Readonly<Record<string, number | boolean | string>>,
): { ok: true; value: Record<string, number | boolean> } | { ok: false; error: string } {
  const out: Record<string, number | boolean> = {};
  for (const name of Object.keys(given)) {
    if (!specs.some((s) => s.name === name)) {
      return {
        ok: false,
        error: `unknown param "${name}" (known: ${specs.map((s) => s.name).join(', ') || 'none'})`,
      };
    }
  }
  for (const s of specs) {
    const raw = given[s.name];
    if (raw === undefined) {
      out[s.name] = s.default;
      continue;
    }
    if (s.type === 'bool') {
      if (raw === true || raw === 'true' || raw === 1 || raw === '1') out[s.name] = true;
      else if (raw === false || raw === 'false' || raw === 0 || raw === '0') out[s.name] = false;
      else return { ok: false, error: `param ${s.name}: "${raw}" is not true or false` };
      continue;
    }
    const n =
      typeof raw === 'number'
        ? raw
        : typeof raw === 'string' && raw.trim() !== ''
          ? Number(raw)
          : Number.NaN;
    if (!Number.isFinite(n))
      return { ok: false, error: `param ${s.name}: "${String(raw)}" is not a number` };
    if (s.type === 'int' && !Number.isInteger(n))
      return { ok: false, error: `param ${s.name}: ${n} is not an integer` };
    if (s.min !== undefined && n < s.min)
      return { ok: false, error: `param ${s.name}: ${n} < min ${s.min}` };
    if (s.max !== undefined && n > s.max)
      return { ok: false, error: `param ${s.name}: ${n} > max ${s.max}` };
    out[s.name] = n;
  }
  return { ok: true, value: out };
}
