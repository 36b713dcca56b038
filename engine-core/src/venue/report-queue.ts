import type { VenueReport } from './venue';

/** What `drainDue` returns when nothing is due (most calls): shared, never written to. */
const NO_REPORTS: readonly VenueReport[] = [];

/**
 * Venue reports waiting for their due time (the simulated and paper venues' latency). Reports
 * keep the order they were scheduled in; with one latency their due times never go backwards.
 */
export class ReportQueue {
  private readonly _due: number[] = [];
  private readonly _reports: VenueReport[] = [];

  get size(): number {
    return this._reports.length;
  }

  schedule(due: number, report: VenueReport): void {
    this._due.push(due);
    this._reports.push(report);
  }

  /** Removes and returns the reports due at `now`, in order. */
  drainDue(now: number): readonly VenueReport[] {
    if (this._reports.length === 0) return NO_REPORTS;
    const out: VenueReport[] = [];
    let keep = 0;
    for (let i = 0; i < this._reports.length; i++) {
      const due = this._due[i] as number;
      const r = this._reports[i] as VenueReport;
      if (due <= now) out.push(r);
      else {
        this._due[keep] = due;
        this._reports[keep++] = r;
      }
    }
    this._due.length = keep;
    this._reports.length = keep;
    return out.length === 0 ? NO_REPORTS : out;
  }

  /** Due time of the first report scheduled, or null when empty. */
  firstDue(): number | null {
    return this._reports.length > 0 ? (this._due[0] as number) : null;
  }

  clear(): void {
    this._due.length = 0;
    this._reports.length = 0;
  }
}
