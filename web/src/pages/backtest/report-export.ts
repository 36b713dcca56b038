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

/** Our JSON (DESIGN §6), the seed's BacktestResult JSON, or the HTML page. */
export type ReportKind = 'json' | 'seed-json' | 'html';

/** How each kind is fetched from the worker and saved. */
const EXPORTS: Readonly<
  Record<ReportKind, { fetch: () => Promise<string | null>; suffix: string; mime: string }>
> = {
  json: { fetch: () => engineClient.api.reportJson(), suffix: '.json', mime: 'application/json' },
  'seed-json': {
    fetch: () => engineClient.api.reportSeedJson(),
    suffix: '.seed.json',
    mime: 'application/json',
  },
  html: { fetch: () => engineClient.api.reportHtml(), suffix: '.html', mime: 'text/html' },
};

/**
 * Downloads the worker's last report (byte-identical to the CLI's `--json`, `--json-layout
 * seed` and `--html`). Returns an error message when the worker no longer has it.
 */
export async function exportReport(kind: ReportKind, stem: string): Promise<string | null> {
  const e = EXPORTS[kind];
  const text = await e.fetch();
  if (text === null)
    return 'The engine no longer holds this run: run the backtest again to export.';
  downloadText(text, `${stem}${e.suffix}`, e.mime);
  return null;
}
