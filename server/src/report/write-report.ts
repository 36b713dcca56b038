import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  type BacktestResult,
  buildReport,
  type Report,
  renderHtmlReport,
  reportToJson,
} from '../../../engine-core/src/analyzer';
import { loadChartLibrarySource } from './chart-library';

/** Where to write the reports; either may be left out. */
export interface ReportPaths {
  readonly json?: string;
  readonly html?: string;
}

/**
 * Writes `text` to `path` atomically (a temporary file in the same folder, then a rename), so a
 * crash never leaves a half-written report; creates the folder if needed.
 */
function writeAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text, 'utf8');
  renameSync(tmp, path);
}

/** Writes a report's JSON (DESIGN §6, `reportToJson`) to `path`. */
export function writeJsonReport(path: string, report: Report): void {
  writeAtomic(path, reportToJson(report));
}

/**
 * Writes the self-contained HTML page of a report to `path`, with the lightweight-charts source
 * from node_modules inlined; `result` supplies the bars and fills for the charts.
 */
export function writeHtmlReport(path: string, report: Report, result: BacktestResult): void {
  writeAtomic(
    path,
    renderHtmlReport(report, result, { chartLibrarySource: loadChartLibrarySource() }),
  );
}

/** Builds the report of a backtest, writes the JSON and/or HTML asked for, and returns it. */
export function writeReport(result: BacktestResult, paths: ReportPaths): Report {
  const report = buildReport(result);
  if (paths.json !== undefined) writeJsonReport(paths.json, report);
  if (paths.html !== undefined) writeHtmlReport(paths.html, report, result);
  return report;
}
