import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  type BacktestResult,
  buildSeedReport,
  type Report,
  reportToJson,
  seedReportToJson,
} from '../../../engine-core/src';
import { CliError, type ParsedArgs, single } from './cli-args';

/** The layouts `--json` can write: ours (DESIGN §6) or the seed's BacktestResult. */
export const JSON_LAYOUTS = ['veloz', 'seed'] as const;
export type JsonLayout = (typeof JSON_LAYOUTS)[number];

/** `--json-layout veloz|seed` (default veloz); only meaningful with `--json`. */
export function jsonLayoutFlag(args: ParsedArgs): JsonLayout {
  const v = single(args, '--json-layout');
  if (v === undefined) return 'veloz';
  const layout = JSON_LAYOUTS.find((l) => l === v);
  if (layout === undefined)
    throw new CliError(`--json-layout: "${v}" is not one of ${JSON_LAYOUTS.join(', ')}`);
  if (single(args, '--json') === undefined) throw new CliError('--json-layout needs --json OUT');
  return layout;
}

/** The JSON text of a run in a layout. */
export function jsonText(layout: JsonLayout, report: Report, result: BacktestResult): string {
  return layout === 'seed' ? seedReportToJson(buildSeedReport(result)) : reportToJson(report);
}

/** Writes `text` through a temporary file and a rename, so no half-written report is left. */
export function writeTextAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text, 'utf8');
  renameSync(tmp, path);
}
