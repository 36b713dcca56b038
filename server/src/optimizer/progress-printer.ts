import type { OptimizerProgress } from '../../../engine-core/src';

/** Where the progress goes: a stream's `write` and whether it is a terminal. */
export interface ProgressSink {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** Seconds, readably. */
export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - m * 60)} s`;
}

/**
 * Progress on stderr: `label: done/total (pct), elapsed, ETA`. On a terminal one line rewritten
 * in place at most every 100 ms; elsewhere (a log, a test) a line at most every 2 s. The final
 * line (`done = total`) is always written, with the rate.
 */
export function progressPrinter(sink: ProgressSink, label: string): (p: OptimizerProgress) => void {
  const tty = sink.isTTY === true;
  const every = tty ? 100 : 2000;
  let last = Number.NEGATIVE_INFINITY;
  return (p) => {
    const elapsed = p.elapsedMs ?? 0;
    const final = p.done === p.total;
    if (!final && elapsed - last < every) return;
    last = elapsed;
    const pct = p.total > 0 ? ((p.done / p.total) * 100).toFixed(1) : '100.0';
    const line = final
      ? `${label}: ${p.done}/${p.total} in ${formatSeconds(elapsed)}` +
        (elapsed > 0 ? ` (${Math.round((p.done / elapsed) * 1000)} runs/s)` : '')
      : `${label}: ${p.done}/${p.total} (${pct}%), ${formatSeconds(elapsed)} elapsed, ETA ${
          p.etaMs === null ? '—' : formatSeconds(p.etaMs)
        }`;
    sink.write(tty ? `\r\x1b[K${line}${final ? '\n' : ''}` : `${line}\n`);
  };
}
