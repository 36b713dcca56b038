import type { IChartApi, LogicalRange } from 'lightweight-charts';
import {
  type BarView,
  barsToLogicalRange,
  DEFAULT_LOD,
  type LodOptions,
  type LodPlan,
  logicalRangeToBars,
  needsReplan,
  planFor,
} from './lod-plan';

/** Wait this long after the last scroll or zoom before regrouping the bars. */
const REPLAN_DELAY_MS = 120;

/**
 * The level of detail shared by charts of one bar series (candles, equity): one plan, so that
 * their logical indexes stay the same points and `syncCharts` keeps working. Scrolling or zooming
 * an attached chart regroups the bars once the view settles (debounced); followers then set their
 * data for the new plan, and every attached chart is put back on the same bars, in one task.
 */
export class BarLod {
  private _plan: LodPlan;
  /** The bars in view; null = all of them (fitted). */
  private _view: BarView | null = null;
  private readonly _followers = new Set<(plan: LodPlan) => void>();
  private readonly _charts = new Set<IChartApi>();
  /** Charts that have their data: before it, a chart's range says nothing about the view. */
  private readonly _placed = new WeakSet<IChartApi>();
  private _timer: ReturnType<typeof setTimeout> | null = null;
  /** Set while this sets data and ranges: the charts' own range events are ignored. */
  private _applying = false;

  constructor(
    readonly bars: number,
    private readonly _opts: LodOptions = DEFAULT_LOD,
  ) {
    this._plan = planFor(bars, this._allBars(), _opts);
  }

  /** The current plan. */
  get plan(): LodPlan {
    return this._plan;
  }

  /** The bars in view (bar positions): all of them until a chart says otherwise. */
  get view(): BarView {
    return this._view ?? this._allBars();
  }

  /** Calls `onPlan` with each new plan (not the current one), in the task that changes it. */
  follow(onPlan: (plan: LodPlan) => void): () => void {
    this._followers.add(onPlan);
    return () => this._followers.delete(onPlan);
  }

  /** A chart that draws this plan's points: its scrolling and zooming drive the plan. */
  attach(chart: IChartApi): () => void {
    const onRange = (r: LogicalRange | null): void => {
      if (this._applying || r === null || !this._placed.has(chart)) return;
      this._view = logicalRangeToBars(this._plan, r);
      this._schedule();
    };
    this._charts.add(chart);
    chart.timeScale().subscribeVisibleLogicalRangeChange(onRange);
    return () => {
      this._charts.delete(chart);
      chart.timeScale().unsubscribeVisibleLogicalRangeChange(onRange);
    };
  }

  /** Puts a chart on the current view, once its data is set (its range counts from then on). */
  place(chart: IChartApi): void {
    this._placed.add(chart);
    this._applying = true;
    try {
      const v = this._view;
      if (v === null) chart.timeScale().fitContent();
      else chart.timeScale().setVisibleLogicalRange(barsToLogicalRange(this._plan, v));
    } finally {
      this._applying = false;
    }
  }

  /** Shows bars `view.from`–`view.to` (null: all), regrouping at once if needed. */
  showBars(view: BarView | null): void {
    this._cancel();
    this._view = view;
    this._update(true);
  }

  /** Stops following the charts. */
  dispose(): void {
    this._cancel();
    this._followers.clear();
    this._charts.clear();
  }

  private _allBars(): BarView {
    return { from: 0, to: Math.max(0, this.bars - 1) };
  }

  private _update(placeAlways: boolean): void {
    const v = this.view;
    const replan = needsReplan(this._plan, v, this._opts);
    if (replan) {
      this._applying = true;
      try {
        this._plan = planFor(this.bars, v, this._opts);
        for (const f of this._followers) f(this._plan);
      } finally {
        this._applying = false;
      }
    }
    if (replan || placeAlways) for (const c of this._charts) this.place(c);
  }

  private _schedule(): void {
    this._cancel();
    this._timer = setTimeout(() => {
      this._timer = null;
      this._update(false);
    }, REPLAN_DELAY_MS);
  }

  private _cancel(): void {
    if (this._timer !== null) clearTimeout(this._timer);
    this._timer = null;
  }
}
