import { err, ok, type Result } from '../util/result';

/**
 * One regime of the synthetic generator. Within it, each bar's close is
 * `open · exp(drift − vol²/2 + vol · z)` with z standard normal: geometric Brownian motion over
 * one bar, so `drift` is the expected simple return per bar (E[close/open] = e^drift) and the
 * mean log return per bar is `drift − vol²/2`.
 */
export interface SyntheticRegime {
  /** A label for people (the defaults are calm, trending and stormy); the generator ignores it. */
  readonly name?: string;
  /** Drift per bar, as a fraction (0.0002 = +0.02 % per bar). */
  readonly drift: number;
  /** Standard deviation of the log return per bar, as a fraction (0.01 = 1 % per bar). */
  readonly vol: number;
}

/** The bundled sample's regimes: calm, trending up, stormy down (per-bar drift and vol). */
export const DEFAULT_SYNTHETIC_REGIMES: readonly SyntheticRegime[] = Object.freeze([
  Object.freeze({ name: 'calm', drift: 0.00002, vol: 0.004 }),
  Object.freeze({ name: 'trending', drift: 0.00025, vol: 0.007 }),
  Object.freeze({ name: 'stormy', drift: -0.0003, vol: 0.012 }),
]);

/** The bundled sample's chance per bar that the regime is redrawn: a regime lasts ~250 bars. */
export const DEFAULT_REGIME_SWITCH_RATE = 1 / 250;

/** At most this many regimes. */
export const MAX_SYNTHETIC_REGIMES = 10;
/** Largest per-bar vol (after `volatilityScale`): 50 % per bar is already absurd for a market. */
export const MAX_SYNTHETIC_VOL = 0.5;
/** Largest |drift| per bar (after `trend`): beyond it prices leave the float range in a few thousand bars. */
export const MAX_SYNTHETIC_DRIFT = 0.05;
/** Largest `volatilityScale`. */
export const MAX_VOLATILITY_SCALE = 100;

/** The regime knobs of `syntheticSample`, all optional. */
export interface SyntheticRegimeOptions {
  /** 1–10 regimes; the series starts in the first. Default `DEFAULT_SYNTHETIC_REGIMES`. */
  readonly regimes?: readonly SyntheticRegime[];
  /**
   * Chance per bar, in [0, 1], that the regime is redrawn uniformly among all regimes (so it may
   * stay the same). 0 keeps the first regime for good. Default 1/250.
   */
  readonly regimeSwitchRate?: number;
  /** Drift per bar added to every regime's drift (0.0001 = +0.01 % per bar). Default 0. */
  readonly trend?: number;
  /** Multiplies every regime's vol (2 = twice as volatile). Default 1. */
  readonly volatilityScale?: number;
}

/** The regimes as the generator uses them: `trend` and `volatilityScale` applied, checked. */
export interface ResolvedRegimes {
  readonly drift: Float64Array;
  readonly vol: Float64Array;
  readonly switchRate: number;
}

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
/** A computed value for a message: 0.051, not 0.051000000000000004. */
const show = (x: number): string => String(Number(x.toPrecision(12)));

/**
 * Checks the regime options and applies `trend` and `volatilityScale`. Throws a RangeError that
 * names the option and the value (`regimes[1].vol: 0 is not above 0`). With no options the
 * values are exactly the defaults (x + 0 and x · 1 are exact), so the bundled sample is unchanged.
 */
export function resolveSyntheticRegimes(o: SyntheticRegimeOptions): ResolvedRegimes {
  const regimes = o.regimes ?? DEFAULT_SYNTHETIC_REGIMES;
  const trend = o.trend ?? 0;
  const scale = o.volatilityScale ?? 1;
  const switchRate = o.regimeSwitchRate ?? DEFAULT_REGIME_SWITCH_RATE;
  if (!isNum(trend)) throw new RangeError(`trend: ${trend} is not a finite number`);
  if (Math.abs(trend) > MAX_SYNTHETIC_DRIFT)
    throw new RangeError(
      `trend: ${trend} is outside [-${MAX_SYNTHETIC_DRIFT}, ${MAX_SYNTHETIC_DRIFT}] per bar`,
    );
  if (!isNum(scale) || scale <= 0 || scale > MAX_VOLATILITY_SCALE)
    throw new RangeError(`volatilityScale: ${scale} is not in (0, ${MAX_VOLATILITY_SCALE}]`);
  if (!isNum(switchRate) || switchRate < 0 || switchRate > 1)
    throw new RangeError(`regimeSwitchRate: ${switchRate} is not in [0, 1]`);
  if (!Array.isArray(regimes) || regimes.length < 1 || regimes.length > MAX_SYNTHETIC_REGIMES)
    throw new RangeError(
      `regimes: ${Array.isArray(regimes) ? regimes.length : String(regimes)} regimes; want 1 to ${MAX_SYNTHETIC_REGIMES}`,
    );
  const drift = new Float64Array(regimes.length);
  const vol = new Float64Array(regimes.length);
  regimes.forEach((r: SyntheticRegime, k) => {
    const at = `regimes[${k}]`;
    const problem = regimeProblem(r?.drift, r?.vol);
    if (problem !== null) throw new RangeError(`${at}.${problem}`);
    const d = r.drift + trend;
    const v = r.vol * scale;
    if (Math.abs(d) > MAX_SYNTHETIC_DRIFT)
      throw new RangeError(
        `trend: ${trend} makes ${at} drift ${show(d)}, outside [-${MAX_SYNTHETIC_DRIFT}, ${MAX_SYNTHETIC_DRIFT}] per bar`,
      );
    if (v > MAX_SYNTHETIC_VOL)
      throw new RangeError(
        `volatilityScale: ${scale} makes ${at} vol ${show(v)}, above ${MAX_SYNTHETIC_VOL} per bar`,
      );
    drift[k] = d;
    vol[k] = v;
  });
  return { drift, vol, switchRate };
}

/** What is wrong with one regime's numbers, as `drift: …` / `vol: …`, or null. */
function regimeProblem(drift: unknown, vol: unknown): string | null {
  if (!isNum(drift)) return `drift: ${String(drift)} is not a finite number`;
  if (Math.abs(drift) > MAX_SYNTHETIC_DRIFT)
    return `drift: ${drift} is outside [-${MAX_SYNTHETIC_DRIFT}, ${MAX_SYNTHETIC_DRIFT}] per bar`;
  if (!isNum(vol)) return `vol: ${String(vol)} is not a finite number`;
  if (vol <= 0) return `vol: ${vol} is not above 0`;
  if (vol > MAX_SYNTHETIC_VOL) return `vol: ${vol} is above ${MAX_SYNTHETIC_VOL} per bar`;
  return null;
}

/**
 * Parses regimes written as `drift:vol, drift:vol, …` (per-bar fractions, e.g.
 * `0.0002:0.006, -0.0003:0.012`), as the CLI's `--regimes` and the Data page take them. The
 * error names the bad item by position and text: `item 2 "0.1:x": vol: x is not a number`.
 */
export function parseSyntheticRegimes(text: string): Result<SyntheticRegime[], string> {
  const items = text.split(',').map((s) => s.trim());
  if (items.length === 1 && items[0] === '') return err('no regimes; want drift:vol, …');
  if (items.length > MAX_SYNTHETIC_REGIMES)
    return err(`${items.length} regimes; want 1 to ${MAX_SYNTHETIC_REGIMES}`);
  const out: SyntheticRegime[] = [];
  for (let k = 0; k < items.length; k++) {
    const item = items[k] as string;
    const bad = (why: string) => err(`item ${k + 1} "${item}": ${why}`);
    const parts = item.split(':').map((s) => s.trim());
    if (parts.length !== 2) return bad('want drift:vol');
    const [ds, vs] = parts as [string, string];
    const drift = ds === '' ? Number.NaN : Number(ds);
    const vol = vs === '' ? Number.NaN : Number(vs);
    if (!Number.isFinite(drift)) return bad(`drift: "${ds}" is not a number`);
    if (!Number.isFinite(vol)) return bad(`vol: "${vs}" is not a number`);
    const problem = regimeProblem(drift, vol);
    if (problem !== null) return bad(problem);
    out.push({ drift, vol });
  }
  return ok(out);
}

/** Regimes as `parseSyntheticRegimes` reads them back: `0.00002:0.004, 0.00025:0.007, …`. */
export function formatSyntheticRegimes(regimes: readonly SyntheticRegime[]): string {
  return regimes.map((r) => `${r.drift}:${r.vol}`).join(', ');
}
