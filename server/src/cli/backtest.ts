// `npm run backtest -- --data FILE (--strategy NAME | --strategy-file PATH.ts) [--param k=v]... [--initial-cash N]
//   [--fee-bps N] [--maker-fee-bps N] [--slippage-bps N] [--volume-cap F] [--symbol S]
//   [--leverage N [--maintenance-margin F]] [--json OUT [--json-layout veloz|seed]] [--html OUT]
//   [--skip-bad-rows] [--source csv|synthetic|binance] [--data-type kline|trade] [--interval I]
//   [--bars N --seed N --gap-rate F --trend F --volatility F --regime-switch F
//    --regimes "drift:vol,..."] [--start D --end D --base-url URL --cache-dir DIR]`
//   (DESIGN §7; --leverage runs a linear perpetual instead of spot; data sources: data-source.ts;
//   synthetic --trend is drift per bar added to every regime, --volatility scales every regime's
//   per-bar vol, --regime-switch is the chance per bar of redrawing the regime, default 0.004).
import {
  buildReport,
  DEFAULT_BACKTEST_CONFIG,
  formatStrategyFailure,
  resolveParams,
  runBacktest,
} from '../../../engine-core/src';
import { writeHtmlReport } from '../report/write-report';
import { CliError, costFlags, numberFlag, parseArgs, runCli, single } from './cli-args';
import { DATA_SOURCE_FLAGS, loadBars } from './data-source';
import { formatSummary } from './format-summary';
import { jsonLayoutFlag, jsonText, writeTextAtomic } from './json-layout';
import { loadStrategy } from './load-strategy';

const VALUE_FLAGS = [
  '--data',
  '--strategy',
  '--strategy-file',
  '--param',
  '--initial-cash',
  '--fee-bps',
  '--maker-fee-bps',
  '--leverage',
  '--maintenance-margin',
  '--slippage-bps',
  '--volume-cap',
  '--symbol',
  '--json',
  '--html',
  '--json-layout',
  ...DATA_SOURCE_FLAGS,
];

runCli(async () => {
  const parsed = parseArgs(process.argv.slice(2), VALUE_FLAGS, ['--skip-bad-rows']);
  if (!parsed.ok) throw new CliError(parsed.error);
  const args = parsed.value;
  const jsonLayout = jsonLayoutFlag(args);
  const loaded = loadStrategy(args);
  const strategy = { value: loaded.strategy };

  const given: Record<string, string> = {};
  for (const kv of args.values.get('--param') ?? []) {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new CliError(`--param "${kv}": want name=value`);
    given[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  const params = resolveParams(strategy.value.params, given);
  if (!params.ok) throw new CliError(params.error);

  const config = {
    ...costFlags(args, DEFAULT_BACKTEST_CONFIG),
    volumeCap: args.values.has('--volume-cap')
      ? numberFlag(args, '--volume-cap', 1, Number.MIN_VALUE, 1)
      : null,
    // --leverage makes the run a linear perpetual (shorts, margin, liquidation); spot otherwise.
    ...(args.values.has('--leverage')
      ? {
          perp: {
            leverage: numberFlag(args, '--leverage', 1, 1, 125),
            maintenanceMarginRate: numberFlag(args, '--maintenance-margin', 0.005, 0, 0.5),
          },
        }
      : {}),
  };
  if (!args.values.has('--leverage') && args.values.has('--maintenance-margin')) {
    throw new CliError('--maintenance-margin needs --leverage (perpetuals only)');
  }

  const { candles, gaps, skippedCount } = await loadBars(args);

  const result = runBacktest(candles, strategy.value, params.value, config, loaded);
  if (result.failure)
    throw new CliError(`strategy failed: ${formatStrategyFailure(result.failure)}`);
  const report = buildReport(result);
  process.stdout.write(
    formatSummary(report, { bars: candles.length, gaps: gaps.length, skipped: skippedCount }),
  );
  const jsonOut = single(args, '--json');
  if (jsonOut !== undefined) writeTextAtomic(jsonOut, jsonText(jsonLayout, report, result));
  const htmlOut = single(args, '--html');
  if (htmlOut !== undefined) writeHtmlReport(htmlOut, report, result);
});
