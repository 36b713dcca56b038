/** How far a search is: runs done of all, and the time left estimated from the pace so far. */
export interface OptimizerProgress {
  readonly done: number;
  readonly total: number;
  /** Since the search started; null without a clock. */
  readonly elapsedMs: number | null;
  /** `elapsed / done × (total − done)`; null before the first run or without a clock. */
  readonly etaMs: number | null;
  /** A genetic search: the last finished generation (absent before the first, and elsewhere). */
  readonly generation?: GenerationStats;
}

/** One generation of a genetic search, as reported and kept in its result. */
export interface GenerationStats {
  /** From 1. */
  readonly generation: number;
  readonly maxGenerations: number;
  /** The objective's metric of the best run so far; null while no run counts. */
  readonly best: number | null;
  /** The best metric in this generation (with elites it never gets worse). */
  readonly populationBest: number | null;
  /** Mean metric over this generation's counted genomes; null when none counts. */
  readonly mean: number | null;
  /** Distinct genomes evaluated so far (backtests run). */
  readonly evaluations: number;
  /** Of which in this generation. */
  readonly newEvaluations: number;
}

/** Measures progress against an injected clock (ms); no clock, no times. */
export class ProgressMeter {
  private readonly _start: number | null;

  constructor(
    private readonly _total: number,
    private readonly _now: (() => number) | undefined,
  ) {
    this._start = _now === undefined ? null : _now();
  }

  /** The progress after `done` runs. */
  at(done: number): OptimizerProgress {
    if (this._now === undefined || this._start === null)
      return { done, total: this._total, elapsedMs: null, etaMs: null };
    const elapsedMs = this._now() - this._start;
    const etaMs = done > 0 ? (elapsedMs / done) * (this._total - done) : null;
    return { done, total: this._total, elapsedMs, etaMs };
  }
}
