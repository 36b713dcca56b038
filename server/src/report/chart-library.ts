import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The lightweight-charts build that the HTML report inlines, relative to the package root. */
export const CHART_LIBRARY_FILE = 'dist/lightweight-charts.standalone.production.js';

/**
 * Reads the standalone production build of lightweight-charts (it defines the global
 * `LightweightCharts`) from node_modules, for `renderHtmlReport`'s `chartLibrarySource`. The
 * package's `exports` map hides `dist/`, so the root is found through its `package.json`.
 */
export function loadChartLibrarySource(): string {
  const manifest = createRequire(import.meta.url).resolve('lightweight-charts/package.json');
  return readFileSync(join(dirname(manifest), CHART_LIBRARY_FILE), 'utf8');
}
