// An EngineLink over the real engine, in process: the same Engine, ExternalVenue, line parser
// and event encoder as `npm run engine -- --stdio --venue external`, minus the pipe and the WAL.
// Commands are handled one at a time after an async hop (as across a pipe); every printed line
// goes to subscribers before the command's promise resolves.
import {
  asset,
  DEFAULT_RISK_LIMITS,
  Engine,
  ExternalVenue,
  KNOWN_INSTRUMENTS,
  LineSession,
  type RiskLimits,
  VirtualClock,
} from '../../../../../engine-core/src';
import {
  type CommandAck,
  type EngineEvent,
  type EngineLink,
  type EngineQuery,
  type EngineStatus,
  EngineUnavailableError,
  type OrderCommandFields,
} from '../../../engine-process/engine-link';
import type { ExecReport } from '../../venue-adapter';

export interface InProcessEngineOptions {
  readonly balances: Readonly<Record<string, number>>;
  readonly risk?: RiskLimits;
  readonly feeBps?: number;
}

/** The JSON `exec` command for a report (DESIGN §8 keys), as the supervisor would send it. */
export function execLine(r: ExecReport): string {
  const base = { cmd: 'exec', client_order_id: r.clientOrderId, status: r.status };
  if (r.kind === 'status') {
    return JSON.stringify({ ...base, venue_order_id: r.venueOrderId, reason: r.reason });
  }
  return JSON.stringify({
    ...base,
    fill_qty: r.fillQty,
    fill_price: r.fillPrice,
    fee: r.fee,
    fee_asset: r.feeAsset,
    venue_order_id: r.venueOrderId,
    liquidity: r.liquidity,
  });
}

export class InProcessEngineLink implements EngineLink {
  readonly engine: Engine;
  readonly clock = new VirtualClock(1_700_000_000_000);
  /** Every line sent to the engine, in order. */
  readonly sent: string[] = [];
  /** Every event printed, in order. */
  readonly printed: EngineEvent[] = [];
  /** While true, commands fail as they do when the engine is restarting. */
  unavailable = false;
  private readonly _session: LineSession;
  private readonly _listeners = new Set<(e: EngineEvent) => void>();
  private _chain: Promise<unknown> = Promise.resolve();
  private _lineNo = 0;
  private _nextId = 1;

  constructor(opts: InProcessEngineOptions) {
    const config = {
      accountAsset: asset('USDT'),
      instruments: KNOWN_INSTRUMENTS,
      fees: { makerBps: opts.feeBps ?? 10, takerBps: opts.feeBps ?? 10 },
      risk: opts.risk ?? DEFAULT_RISK_LIMITS,
      marketProtection: 0.05,
    };
    this.engine = new Engine(config, this.clock, new ExternalVenue());
    this._session = new LineSession(this.engine, this.clock);
    for (const [a, amount] of Object.entries(opts.balances)) {
      this._session.addEvents(this.engine.deposit(asset(a), amount));
    }
    this._session.takeBatch();
  }

  /** Sends a raw line (`MARKET BTCUSDT 50000`, ...) and returns what the engine printed. */
  send(line: string): Promise<readonly EngineEvent[]> {
    const run = this._chain.then(async () => {
      await Promise.resolve();
      if (this.unavailable) throw new EngineUnavailableError('engine is restarting');
      this.sent.push(line);
      this.clock.advanceTo(this.clock.now() + 1);
      this._session.handleLine(line, ++this._lineNo);
      const events = this._session.takeBatch().lines.map((l) => JSON.parse(l) as EngineEvent);
      for (const e of events) {
        this.printed.push(e);
        for (const l of this._listeners) l(e);
      }
      return events;
    });
    this._chain = run.catch(() => {});
    return run;
  }

  async order(cmd: OrderCommandFields): Promise<CommandAck> {
    const id = cmd.clientOrderId ?? `c${this._nextId++}`;
    const price = cmd.price === undefined ? 'MARKET' : String(cmd.price);
    let line = `ORDER ${cmd.side} ${cmd.symbol} ${cmd.qty} ${price} ${id} type=${cmd.type}`;
    if (cmd.stop !== undefined) line += ` stop=${cmd.stop}`;
    if (cmd.tif !== undefined) line += ` tif=${cmd.tif}`;
    if (cmd.postOnly === true) line += ' post_only=1';
    if (cmd.reduceOnly === true) line += ' reduce_only=1';
    return ackOf(id, await this.send(line));
  }

  async cancel(clientOrderId: string): Promise<CommandAck> {
    return ackOf(clientOrderId, await this.send(`CANCEL ${clientOrderId}`));
  }

  query(q: EngineQuery): Promise<readonly EngineEvent[]> {
    return this.send(typeof q === 'string' ? `QUERY ${q}` : `QUERY ORDER ${q.order}`);
  }

  exec(report: ExecReport): Promise<readonly EngineEvent[]> {
    return this.send(execLine(report));
  }

  subscribe(listener: (event: EngineEvent) => void): () => void {
    this._listeners.add(listener);
    return () => this._listeners.delete(listener);
  }

  status(): EngineStatus {
    return { state: 'running', pid: process.pid, since: 0 };
  }
}

function ackOf(id: string, events: readonly EngineEvent[]): CommandAck {
  const u = [...events]
    .reverse()
    .find((e) => e.type === 'order_update' && e.client_order_id === id);
  return {
    clientOrderId: id,
    status: typeof u?.status === 'string' ? u.status : 'UNKNOWN',
    ...(typeof u?.venue_order_id === 'string' ? { venueOrderId: u.venue_order_id } : {}),
    ...(typeof u?.reason === 'string' ? { reason: u.reason } : {}),
  };
}
