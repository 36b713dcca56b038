// `npm run engine -- --stdio`: the engine as a process speaking DESIGN §8 on stdin/stdout.
// Every state event of a batch is made durable in the WAL before any line of that batch is
// printed, so whatever a client has seen survives a crash.
import { readFileSync } from 'node:fs';
import {
  asset,
  createState,
  Engine,
  type EngineConfig,
  ExternalVenue,
  encodeWire,
  KNOWN_INSTRUMENTS,
  LineSession,
  type OpenedWal,
  openWal,
  parseInstruments,
  SimulatedVenue,
  type Venue,
} from '../../../engine-core/src';
import { FileWalStore } from './file-wal-store';
import { parseStdioArgs, type StdioOptions, USAGE } from './stdio-args';
import { StdioPump } from './stdio-pump';
import { SystemClock } from './system-clock';

const VERSION = '0.1.0';

function fail(message: string): never {
  process.stderr.write(`engine: ${message}\n`);
  process.exit(2);
}

function loadConfig(opts: StdioOptions): EngineConfig {
  let instruments = KNOWN_INSTRUMENTS;
  if (opts.instrumentsFile !== null) {
    let text: string;
    try {
      text = readFileSync(opts.instrumentsFile, 'utf8');
    } catch (e) {
      fail(`--instruments: cannot read ${opts.instrumentsFile}: ${(e as Error).message}`);
    }
    const parsed = parseInstruments(text);
    if (!parsed.ok) fail(`--instruments ${opts.instrumentsFile}: ${parsed.error}`);
    instruments = parsed.value;
  }
  return {
    accountAsset: asset('USDT'),
    instruments,
    fees: { makerBps: opts.makerFeeBps, takerBps: opts.feeBps },
    risk: opts.risk,
    marketProtection: opts.marketProtection,
  };
}

async function main(): Promise<void> {
  const args = parseStdioArgs(process.argv.slice(2));
  if (!args.ok) fail(args.error);
  if (args.value === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const opts = args.value;
  const config = loadConfig(opts);
  const clock = new SystemClock();
  const venue: Venue =
    opts.venue === 'external'
      ? new ExternalVenue()
      : new SimulatedVenue({ latencyMs: opts.latencyMs, marketProtection: opts.marketProtection });
  const fresh = () =>
    createState(config.accountAsset, config.instruments, config.risk.orderRateWindowMs);

  let store: FileWalStore | null = null;
  let wal: OpenedWal | null = null;
  if (opts.wal !== null) {
    const made = FileWalStore.open(opts.wal);
    if (!made.ok) fail(`--wal ${opts.wal}: ${made.error}`);
    store = made.value;
    const opened = await openWal(store, fresh, { compactEvery: opts.compactEvery });
    if (!opened.ok) fail(`--wal ${opts.wal}: ${opened.error}`);
    wal = opened.value;
  }
  const recovered = wal !== null && wal.writer.lastSeq > 0;
  const engine = new Engine(config, clock, venue, recovered ? wal?.state : undefined);
  // Without a WAL there is nothing to journal: don't hold each batch's state events.
  const session = new LineSession(engine, clock, { collectStateEvents: wal !== null });
  session.addWire('engine_started', clock.now(), {
    version: VERSION,
    mode: opts.venue === 'external' ? 'live' : 'paper',
    venue: venue.name,
    wal: opts.wal,
    recovered_orders: recovered ? engine.state.orders.size : 0,
  });
  if (!recovered) {
    for (const [a, amount] of opts.balances) session.addEvents(engine.deposit(asset(a), amount));
  }

  const pump = new StdioPump({
    session,
    engine,
    clock,
    journal: wal === null ? null : wal.writer,
    output: process.stdout,
    onFatal: (msg) => {
      process.stderr.write(`engine: ${msg}\n`);
      process.exit(1);
    },
  });
  await pump.flush();

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await pump.close();
    if (wal !== null) await wal.writer.maybeCompact(engine.state);
    await store?.close();
    process.stdout.write(`${encodeWire('engine_stopped', clock.now(), {})}\n`, () =>
      process.exit(0),
    );
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  pump.run(process.stdin, () => void stop());
}

void main();
