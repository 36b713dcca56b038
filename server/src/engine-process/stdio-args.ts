import {
  asset,
  DEFAULT_RISK_LIMITS,
  err,
  ok,
  type Result,
  type RiskLimits,
} from '../../../engine-core/src';

/** Options of `npm run engine -- --stdio`. */
export interface StdioOptions {
  readonly wal: string | null;
  readonly balances: ReadonlyArray<readonly [string, number]>;
  readonly feeBps: number;
  readonly makerFeeBps: number;
  readonly latencyMs: number;
  readonly venue: 'simulated' | 'external';
  readonly instrumentsFile: string | null;
  readonly risk: RiskLimits;
  readonly marketProtection: number;
  readonly compactEvery: number;
}

/** Usage text, printed by `--help`. */
export const USAGE = `usage: npm run engine -- --stdio [options]
  --wal FILE                 write-ahead log; restart with the same FILE restores the state
  --balances A=N,...         starting balances of a new engine (default USDT=10000)
  --fee-bps N                taker fee in bps (default 0: the DESIGN §8 example's numbers)
  --maker-fee-bps N          maker fee in bps (default: the taker fee)
  --latency-ms N             simulated venue latency (default 0)
  --venue simulated|external simulated fills on MARKET ticks, or EXEC reports (default simulated)
  --instruments FILE         JSON instruments (default: built-in Binance spot pairs)
  --risk k=v,...             max_order_notional, max_position_notional, price_band, max_open_orders,
                             order_rate (per window), order_rate_window_ms, max_daily_loss,
                             max_drawdown; "off" disables a rule
  --market-protection F      market/stop fill cap as a fraction of the reference price (default 0.05)
  --compact-every N          snapshot + compact the WAL every N records (default 10000)`;

const RISK_KEYS: Record<string, keyof RiskLimits> = {
  max_order_notional: 'maxOrderNotional',
  max_position_notional: 'maxPositionNotional',
  price_band: 'priceBand',
  max_open_orders: 'maxOpenOrders',
  order_rate: 'maxOrdersPerWindow',
  order_rate_window_ms: 'orderRateWindowMs',
  max_daily_loss: 'maxDailyLoss',
  max_drawdown: 'maxDrawdown',
};

function num(flag: string, v: string | undefined, min = 0): Result<number, string> {
  if (v === undefined) return err(`${flag} needs a value`);
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < min)
    return err(`${flag}: "${v}" is not a number ≥ ${min}`);
  return ok(n);
}

/** Parses the command line; a bad argument is a one-line error. */
export function parseStdioArgs(argv: readonly string[]): Result<StdioOptions | 'help', string> {
  let wal: string | null = null;
  let balances: Array<readonly [string, number]> = [['USDT', 10_000]];
  let feeBps = 0;
  let makerFeeBps: number | null = null;
  let latencyMs = 0;
  let venue: StdioOptions['venue'] = 'simulated';
  let instrumentsFile: string | null = null;
  const risk: Record<string, number | null> = { ...DEFAULT_RISK_LIMITS };
  let marketProtection = 0.05;
  let compactEvery = 10_000;
  let stdio = false;

  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    const value = (): string | undefined => argv[++i];
    switch (flag) {
      case '--stdio':
        stdio = true;
        break;
      case '--help':
      case '-h':
        return ok('help');
      case '--wal': {
        const v = value();
        if (!v) return err('--wal needs a file path');
        wal = v;
        break;
      }
      case '--balances': {
        const v = value();
        if (!v) return err('--balances needs A=N,...');
        balances = [];
        for (const part of v.split(',')) {
          const [a, n] = part.split('=');
          const amount = Number(n);
          if (
            !a ||
            !/^[A-Za-z0-9]{1,10}$/.test(a) ||
            n === undefined ||
            !Number.isFinite(amount) ||
            amount < 0
          ) {
            return err(`--balances: bad entry "${part}" (want ASSET=AMOUNT)`);
          }
          balances.push([asset(a), amount]);
        }
        break;
      }
      case '--fee-bps':
      case '--maker-fee-bps':
      case '--latency-ms':
      case '--market-protection':
      case '--compact-every': {
        const r = num(flag, value(), flag === '--compact-every' ? 1 : 0);
        if (!r.ok) return r;
        if (flag === '--fee-bps') feeBps = r.value;
        else if (flag === '--maker-fee-bps') makerFeeBps = r.value;
        else if (flag === '--latency-ms') latencyMs = r.value;
        else if (flag === '--market-protection') marketProtection = r.value;
        else compactEvery = Math.floor(r.value);
        break;
      }
      case '--venue': {
        const v = value();
        if (v !== 'simulated' && v !== 'external')
          return err(`--venue: "${v}" is not simulated or external`);
        venue = v;
        break;
      }
      case '--instruments': {
        const v = value();
        if (!v) return err('--instruments needs a file path');
        instrumentsFile = v;
        break;
      }
      case '--risk': {
        const v = value();
        if (!v) return err('--risk needs k=v,...');
        for (const part of v.split(',')) {
          const [k, val] = part.split('=');
          const key = k === undefined ? undefined : RISK_KEYS[k];
          if (key === undefined)
            return err(`--risk: unknown rule "${k}" (known: ${Object.keys(RISK_KEYS).join(', ')})`);
          if (val === 'off') {
            if (key === 'orderRateWindowMs')
              return err('--risk: order_rate_window_ms cannot be off');
            risk[key] = null;
            continue;
          }
          const r = num(`--risk ${k}`, val);
          if (!r.ok) return r;
          risk[key] = r.value;
        }
        break;
      }
      default:
        return err(`unknown argument "${flag}" (try --help)`);
    }
  }
  if (!stdio) return err('only --stdio mode exists: npm run engine -- --stdio');
  return ok({
    wal,
    balances,
    feeBps,
    makerFeeBps: makerFeeBps ?? feeBps,
    latencyMs,
    venue,
    instrumentsFile,
    risk: risk as unknown as RiskLimits,
    marketProtection,
    compactEvery,
  });
}
