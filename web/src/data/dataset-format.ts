const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of a time in UTC. */
export function formatUtcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD HH:MM` of a time in UTC. */
export function formatUtcMinute(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

/** Midnight UTC of a `YYYY-MM-DD` date (as `<input type="date">` gives it), or null. */
export function parseUtcDay(s: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim());
  if (m === null) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  // Date.UTC rolls 2024-02-31 over to March: refuse it.
  return formatUtcDay(t) === s.trim() ? t : null;
}

/** The date `days` days before `now`'s UTC day, as `YYYY-MM-DD`. */
export function utcDayBefore(now: number, days: number): string {
  return formatUtcDay(Math.floor(now / DAY_MS) * DAY_MS - days * DAY_MS);
}

/** A count with thousands separators (`12,345`). */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** A byte size, `1.5 MB`. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}
