import { engineClient } from '../../engine/engine-client';

/** Saves text as a file through a temporary `<a download>` (no server round trip). */
export function downloadText(text: string, fileName: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked after the click has been handled; the download keeps its own reference.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `veloz-sma-cross-BTCUSDT-1h`: a file name stem for a run's reports. */
export function reportFileStem(strategy: string, symbol: string, interval: string): string {
  const safe = (s: string): string => s.replace(/[^A-Za-z0-9._-]+/g, '_');
  return `veloz-${safe(strategy)}-${safe(symbol)}-${safe(interval)}`;
}

export type ReportKind = 'json' | 'html';

/**
 * Downloads the worker's last report (byte-identical to the CLI's `--json` / `--html`).
 * Returns an error message when the worker no longer has it.
 */
export async function exportReport(kind: ReportKind, stem: string): Promise<string | null> {
  const text =
    kind === 'json' ? await engineClient.api.reportJson() : await engineClient.api.reportHtml();
  if (text === null)
    return 'The engine no longer holds this run: run the backtest again to export.';
  if (kind === 'json') downloadText(text, `${stem}.json`, 'application/json');
  else downloadText(text, `${stem}.html`, 'text/html');
  return null;
}
