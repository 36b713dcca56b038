/** Throws a RangeError unless `period` is an integer ≥ 1 (a programmer error, not a data error). */
export function checkPeriod(indicator: string, name: string, period: number): void {
  if (!Number.isInteger(period) || period < 1)
    throw new RangeError(`${indicator} ${name} must be an integer ≥ 1, got ${period}`);
}
