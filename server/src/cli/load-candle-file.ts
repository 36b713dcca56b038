import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { type CsvParseResult, parseCandleCsv, symbolFromFileName } from '../../../engine-core/src';
import { CliError, type ParsedArgs, single } from './cli-args';

/**
 * Reads and parses `--data FILE` for the CLIs: the symbol from `--symbol`, else the file name
 * (`binance-btcusdt-1h.csv` → BTCUSDT), else the file's name; `--skip-bad-rows` counts bad rows
 * instead of stopping. A bad file is a one-line CliError (`file:line: reason`).
 */
export function loadCandleFile(args: ParsedArgs, dataFile: string): CsvParseResult {
  let text: string;
  try {
    text = readFileSync(dataFile, 'utf8');
  } catch (e) {
    throw new CliError(
      `cannot read ${dataFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  const symbol =
    single(args, '--symbol') ??
    (symbolFromFileName(basename(dataFile)) ||
      basename(dataFile)
        .replace(/\.csv$/i, '')
        .toUpperCase());
  const data = parseCandleCsv(text, {
    fileName: basename(dataFile),
    symbol,
    skipBadRows: args.switches.has('--skip-bad-rows'),
  });
  if (!data.ok) throw new CliError(data.error);
  if (data.value.candles.length === 0) throw new CliError(`${dataFile}: no bars`);
  return data.value;
}
