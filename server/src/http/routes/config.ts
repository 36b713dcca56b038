import type { FastifyInstance } from 'fastify';
import type { EngineLink } from '../../engine-process/engine-link';
import type { CredentialSource } from '../../live/credentials/credential-source';

/** What the server runs, for the UI: set by main.ts from its configuration. */
export interface ServerInfo {
  /** `backtest`-only servers say `offline`; otherwise `paper` or `live`. */
  readonly mode: 'offline' | 'paper' | 'live';
  readonly venue: string | null;
  readonly symbols: readonly string[];
}

export const OFFLINE_INFO: ServerInfo = { mode: 'offline', venue: null, symbols: [] };

/**
 * `GET /api/config`: mode, venue, symbols, the engine's state and where each venue's keys come
 * from (`env`, `file`, `stored`, `absent`); never a key.
 */
export function registerConfigRoute(
  app: FastifyInstance,
  info: ServerInfo,
  engine: EngineLink | undefined,
  credentials: CredentialSource | undefined,
): void {
  app.get('/api/config', async () => ({
    mode: info.mode,
    venue: info.venue,
    symbols: info.symbols,
    engine: engine === undefined ? null : engine.status().state,
    credentials: credentials === undefined ? null : await credentials.origins(),
  }));
}
