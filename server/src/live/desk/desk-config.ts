// Reads the live desk's settings from the environment and builds it: which venue, where its
// endpoints are (the real ones unless a base URL points at a local exchange), where the engine's
// WAL lives. Everything that touches process state is passed in, so tests build desks directly.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BreakerConfig } from '../../../../engine-core/src/risk';
import { EngineSupervisor, type SupervisorLogger } from '../../engine-process/supervisor';
import { BinanceSpotAdapter } from '../binance';
import { CcxtVenueAdapter } from '../ccxt';
import type { CredentialSource } from '../credentials/credential-source';
import type { VenueAdapter, VenueCredentials, VenueId } from '../venue-adapter';
import { LiveDesk } from './live-desk';

const VENUES: readonly VenueId[] = ['binance', 'okx', 'bybit', 'coinbase'];

/** The venue and its endpoints; `undefined` URLs mean the venue's real ones. */
export type VenueEndpoints =
  | { readonly venue: 'binance'; readonly restUrl?: string; readonly wsApiUrl?: string }
  | { readonly venue: 'okx' | 'bybit' | 'coinbase'; readonly baseUrl?: string };

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * `VELOZ_LIVE_VENUE` (default binance); `VELOZ_BINANCE_REST_URL` / `VELOZ_BINANCE_WS_URL`;
 * `VELOZ_OKX_BASE_URL`, `VELOZ_BYBIT_BASE_URL`, `VELOZ_COINBASE_BASE_URL`.
 */
export function readVenueEndpoints(
  env: Env,
): { ok: true; value: VenueEndpoints } | { ok: false; message: string } {
  const raw = (env.VELOZ_LIVE_VENUE ?? 'binance').trim().toLowerCase();
  const venue = VENUES.find((v) => v === raw);
  if (venue === undefined) {
    return {
      ok: false,
      message: `VELOZ_LIVE_VENUE: unknown venue "${raw}" (one of ${VENUES.join(', ')})`,
    };
  }
  const url = (name: string): string | undefined | Error => {
    const v = env[name]?.trim();
    if (v === undefined || v === '') return undefined;
    try {
      const u = new URL(v);
      const schemes = name.endsWith('_WS_URL') ? ['ws:', 'wss:'] : ['http:', 'https:'];
      if (!schemes.includes(u.protocol))
        return new Error(`${name}: must start with ${schemes.join(' or ')}//`);
      return v.replace(/\/+$/, '');
    } catch {
      return new Error(`${name}: not a URL: ${JSON.stringify(v)}`);
    }
  };
  if (venue === 'binance') {
    const restUrl = url('VELOZ_BINANCE_REST_URL');
    const wsApiUrl = url('VELOZ_BINANCE_WS_URL');
    for (const u of [restUrl, wsApiUrl])
      if (u instanceof Error) return { ok: false, message: u.message };
    return {
      ok: true,
      value: {
        venue,
        ...(restUrl === undefined ? {} : { restUrl: restUrl as string }),
        ...(wsApiUrl === undefined ? {} : { wsApiUrl: wsApiUrl as string }),
      },
    };
  }
  const baseUrl = url(`VELOZ_${venue.toUpperCase()}_BASE_URL`);
  if (baseUrl instanceof Error) return { ok: false, message: baseUrl.message };
  return { ok: true, value: { venue, ...(baseUrl === undefined ? {} : { baseUrl }) } };
}

/** Builds the adapter of the configured venue for a set of keys. */
export function adapterFactory(
  endpoints: VenueEndpoints,
  log: (line: string) => void,
): (credentials: VenueCredentials) => VenueAdapter {
  if (endpoints.venue === 'binance') {
    return (credentials) =>
      new BinanceSpotAdapter({
        credentials,
        ...(endpoints.restUrl === undefined ? {} : { restUrl: endpoints.restUrl }),
        ...(endpoints.wsApiUrl === undefined ? {} : { wsApiUrl: endpoints.wsApiUrl }),
        log: (line) => log(`binance: ${line}`),
      });
  }
  const venue = endpoints.venue;
  return (credentials) =>
    new CcxtVenueAdapter({
      venue,
      credentials,
      ...(endpoints.baseUrl === undefined ? {} : { baseUrl: endpoints.baseUrl }),
    });
}

export interface DeskSetup {
  readonly endpoints: VenueEndpoints;
  readonly credentials: CredentialSource;
  readonly dataDir: string;
  readonly logger: SupervisorLogger;
  /** The circuit breaker's settings (readBreakerConfig; default DEFAULT_DESK_BREAKER). */
  readonly breaker?: BreakerConfig;
  /** The desk's wall clock and repeating timer, for tests (LiveDeskOptions). */
  readonly now?: () => number;
  readonly every?: (fn: () => void, ms: number) => () => void;
  /** Supervisor options for tests (engine command line, restart policy). */
  readonly supervisor?: Partial<ConstructorParameters<typeof EngineSupervisor>[0]>;
}

/** The live desk of one venue, its engine WAL under `<dataDir>/live/<venue>/`. */
export function buildLiveDesk(s: DeskSetup): LiveDesk {
  const venue = s.endpoints.venue;
  return new LiveDesk({
    venue,
    credentials: s.credentials,
    makeAdapter: adapterFactory(s.endpoints, (line) => s.logger.warn(line)),
    ...(s.breaker === undefined ? {} : { breaker: s.breaker }),
    ...(s.now === undefined ? {} : { now: s.now }),
    ...(s.every === undefined ? {} : { every: s.every }),
    startEngine: async (balances) => {
      const walDir = join(s.dataDir, 'live', venue);
      // Private: the WAL holds the account's orders and balances (never keys).
      mkdirSync(walDir, { recursive: true, mode: 0o700 });
      const sup = new EngineSupervisor({
        walDir,
        venue: 'external',
        balances,
        logger: s.logger,
        ...s.supervisor,
      });
      await sup.start();
      return sup;
    },
  });
}
