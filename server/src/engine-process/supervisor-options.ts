// Settings of the engine supervisor and how they become the engine's `--stdio` options.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { EngineCommandLine } from './supervisor-child';
import type { RestartPolicyOptions } from './supervisor-policy';

/** Where the supervisor and the engine's stderr log to (pino's `app.log` fits). */
export interface SupervisorLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Time for the restart backoff; injected by tests. */
export interface SupervisorTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Settings of an `EngineSupervisor`. */
export interface EngineSupervisorOptions {
  /** Directory of the engine's WAL (`engine.wal` and its snapshot and lock). */
  readonly walDir: string;
  /** `external`: fills come back as EXEC (live); `simulated`: fills on MARKET ticks (paper). */
  readonly venue: 'simulated' | 'external';
  /** Starting balances of a new WAL, e.g. `{ USDT: 10000 }`. */
  readonly balances?: Readonly<Record<string, number>>;
  readonly instrumentsFile?: string;
  /** Risk limits by their `--risk` names, e.g. `{ max_order_notional: 50000, order_rate: 'off' }`. */
  readonly risk?: Readonly<Record<string, number | 'off'>>;
  readonly feeBps?: number;
  readonly makerFeeBps?: number;
  readonly latencyMs?: number;
  readonly marketProtection?: number;
  /** How to run the engine (default: `node .veloz/engine.mjs`, built when stale). */
  readonly engine?: EngineCommandLine;
  readonly logger?: SupervisorLogger;
  /** Callers' commands accepted but not answered, beyond which new ones are refused (10 000). */
  readonly maxPending?: number;
  readonly restart?: Partial<RestartPolicyOptions>;
  readonly timers?: SupervisorTimers;
  /** Client order ids for orders without one (default: unique per process start, see below). */
  readonly newClientOrderId?: () => string;
  /** Graceful stop: wait this long after EOF, then SIGTERM, then as long again, then SIGKILL. */
  readonly stopTimeoutMs?: number;
}

/** Logs nothing (the default). */
export const SILENT_LOGGER: SupervisorLogger = { info() {}, warn() {}, error() {} };

/** `Date.now` and the global timers (the default). */
export const REAL_TIMERS: SupervisorTimers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * Ids `<time><random>-<n>`: the start time and 32 random bits make them unique across
 * restarts of the server, the counter within one.
 */
export function clientOrderIdGenerator(): () => string {
  const prefix = `${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
  let n = 0;
  return () => `${prefix}-${(n++).toString(36)}`;
}

/** The engine's command-line options for these settings. */
export function engineOptions(o: EngineSupervisorOptions): string[] {
  const args = ['--wal', join(o.walDir, 'engine.wal'), '--venue', o.venue];
  if (o.balances !== undefined) {
    const list = Object.entries(o.balances).map(([a, n]) => `${a}=${n}`);
    args.push('--balances', list.join(','));
  }
  if (o.instrumentsFile !== undefined) args.push('--instruments', o.instrumentsFile);
  if (o.risk !== undefined) {
    args.push(
      '--risk',
      Object.entries(o.risk)
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
    );
  }
  if (o.feeBps !== undefined) args.push('--fee-bps', String(o.feeBps));
  if (o.makerFeeBps !== undefined) args.push('--maker-fee-bps', String(o.makerFeeBps));
  if (o.latencyMs !== undefined) args.push('--latency-ms', String(o.latencyMs));
  if (o.marketProtection !== undefined)
    args.push('--market-protection', String(o.marketProtection));
  return args;
}
