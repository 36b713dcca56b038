// Locale-free number and time formatting for the HTML report: the same input always gives the
// same bytes, whatever the machine's locale or time zone.

/** Placeholder for a missing (`null`) or non-finite value. */
export const NO_VALUE = '—';

/** Groups the integer digits of a plain decimal string by thousands: `-1234.5` → `-1,234.5`. */
function groupThousands(text: string): string {
  const sign = text.startsWith('-') ? '-' : '';
  const body = sign ? text.slice(1) : text;
  const dot = body.indexOf('.');
  const int = dot < 0 ? body : body.slice(0, dot);
  const frac = dot < 0 ? '' : body.slice(dot);
  if (int.length <= 3 || !/^\d+$/.test(int)) return text;
  let grouped = '';
  for (let i = 0; i < int.length; i++) {
    if (i > 0 && (int.length - i) % 3 === 0) grouped += ',';
    grouped += int[i];
  }
  return sign + grouped + frac;
}

/** `x` with `decimals` fixed decimals and thousands separators; `—` for null/non-finite. */
export function formatFixed(x: number | null, decimals: number): string {
  if (x === null || !Number.isFinite(x)) return NO_VALUE;
  const text = x.toFixed(decimals);
  return groupThousands(text === `-${(0).toFixed(decimals)}` ? text.slice(1) : text);
}

/** A fraction as a percentage with two decimals: `0.1234` → `12.34%`. */
export function formatPercent(fraction: number | null): string {
  const text = formatFixed(fraction === null ? null : fraction * 100, 2);
  return text === NO_VALUE ? text : `${text}%`;
}

/**
 * A price, quantity or amount with about six significant digits and at least two decimals
 * (`50,000.00`, `0.0123457`, `0.00000123400`).
 */
export function formatAmount(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return NO_VALUE;
  const magnitude = x === 0 ? 3 : Math.floor(Math.log10(Math.abs(x)));
  const decimals = Math.min(12, Math.max(2, 5 - magnitude));
  return formatFixed(x, decimals);
}

/** A Unix-ms time as `YYYY-MM-DD HH:MM` UTC (`:SS` added when not 0). */
export function formatTime(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return NO_VALUE;
  const iso = new Date(ms).toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ, always UTC
  const seconds = iso.slice(17, 19);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${seconds === '00' ? '' : `:${seconds}`}`;
}
