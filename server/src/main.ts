import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KNOWN_INSTRUMENTS } from '../../engine-core/src';
import {
  buildApp,
  checkFixedToken,
  formatUrl,
  loadOrCreateApiToken,
  newSecret,
  readListenConfig,
} from './http';
import { LayeredCredentialSource } from './live/credentials';
import { readBreakerConfig } from './live/desk/breaker-config';
import { buildLiveDesk, readVenueEndpoints } from './live/desk/desk-config';

// Composition only: read the environment, build the app, listen, shut down on signals.

// VELOZ_DIST lets a second checkout's build (e.g. a parallel e2e run) be served without clashing.
const distDir = process.env.VELOZ_DIST
  ? `${resolve(process.env.VELOZ_DIST)}/`
  : fileURLToPath(new URL('../../dist/', import.meta.url));

const config = readListenConfig(process.env);
if (!config.ok) {
  process.stderr.write(`VeloZ: ${config.error.message}\n`);
  process.exit(2);
}
if (!existsSync(`${distDir}index.html`)) {
  process.stderr.write(
    `VeloZ: the web app is not built (${distDir} missing); run \`npm run build\` first.\n`,
  );
  process.exit(2);
}

// The data directory: the API token file, the sealed credential store, the live engine's WAL.
const dataDir = resolve(process.env.VELOZ_DATA_DIR ?? join(homedir(), '.veloz'));

// The API token for scripts: VELOZ_TOKEN (tests, e2e) or `<data dir>/api-token` (0600, kept
// across restarts). The launch token is new at every start and good for one login.
const apiToken = readApiToken();
const launchToken = newSecret();

// The live desk: one venue (VELOZ_LIVE_VENUE, default binance, on its real endpoints unless a
// VELOZ_<VENUE>_…_URL points elsewhere), keys from the environment, a 0600 file or the sealed
// store, armed only from the Live page. Until then the API refuses orders (503) and the SPA works
// offline as ever.
const endpoints = readVenueEndpoints(process.env);
if (!endpoints.ok) {
  process.stderr.write(`VeloZ: ${endpoints.message}\n`);
  process.exit(2);
}
// The desk's circuit breaker (VELOZ_LIVE_MAX_LOSS, VELOZ_LIVE_MAX_ERROR_RATE, …; see
// server/src/live/desk/breaker-config.ts): a bad value stops the start, naming the variable.
const breaker = readBreakerConfig(process.env);
if (!breaker.ok) {
  process.stderr.write(`VeloZ: ${breaker.message}\n`);
  process.exit(2);
}
const credentials = new LayeredCredentialSource({ dataDir, env: process.env });
const desk = buildLiveDesk({
  endpoints: endpoints.value,
  credentials,
  dataDir,
  breaker: breaker.value,
  // Called only once the desk is armed, after `app` exists.
  logger: {
    info: (m: string) => app.log.info(m),
    warn: (m: string) => app.log.warn(m),
    error: (m: string) => app.log.error(m),
  },
});

const app = await buildApp({
  staticDir: distDir,
  logger: { level: process.env.VELOZ_LOG_LEVEL ?? 'info', stream: process.stderr },
  auth: { apiToken: apiToken.token, launchToken, listenHost: config.value.host },
  engine: desk.engine,
  credentials,
  execution: { ping: () => desk.ping() ?? Promise.reject(new Error('venue not connected')) },
  live: desk,
  info: {
    mode: 'live',
    venue: endpoints.value.venue,
    // The pairs whose filters the engine knows without an instruments file.
    symbols: KNOWN_INSTRUMENTS.filter((i) => i.margin === undefined).map((i) => i.symbol),
  },
});

try {
  await app.listen({ host: config.value.host, port: config.value.port });
} catch (err) {
  const reason = err instanceof Error ? err.message : String(err);
  process.stderr.write(
    `VeloZ: cannot listen on ${formatUrl(config.value.host, config.value.port)}: ${reason}\n`,
  );
  process.exit(1);
}

const address = app.server.address();
const port = typeof address === 'object' && address !== null ? address.port : config.value.port;
process.stdout.write(`VeloZ listening on ${formatUrl(config.value.host, port)}\n`);
// A wildcard listen address is not a URL a browser can open: show loopback.
const wildcard = config.value.host === '0.0.0.0' || config.value.host === '::';
const launchBase = formatUrl(wildcard ? '127.0.0.1' : config.value.host, port);
process.stdout.write(
  `Open ${launchBase}/?token=${launchToken} (one-time login link)\n` +
    `API token for scripts (Authorization: Bearer …): ${apiToken.where}\n`,
);

function readApiToken(): { token: string; where: string } {
  const fixed = process.env.VELOZ_TOKEN;
  if (fixed !== undefined && fixed !== '') {
    const problem = checkFixedToken(fixed);
    if (problem !== null) {
      process.stderr.write(`VeloZ: ${problem}\n`);
      process.exit(2);
    }
    return { token: fixed, where: 'VELOZ_TOKEN' };
  }
  const file = loadOrCreateApiToken(dataDir);
  if (!file.ok) {
    // The offline app must still start: scripts get no token this run, the browser its link.
    process.stderr.write(`VeloZ: no API token for scripts this run: ${file.message}\n`);
    return { token: newSecret(), where: 'none this run (see the warning above)' };
  }
  return { token: file.token, where: file.path };
}

let closing = false;
const shutdown = (signal: NodeJS.Signals): void => {
  if (closing) {
    process.exit(1); // second signal: give up waiting
  }
  closing = true;
  app.log.info({ signal }, 'shutting down');
  const force = setTimeout(() => process.exit(1), 5000);
  force.unref();
  app
    .close()
    .then(() => desk.stop())
    .then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'error during shutdown');
        process.exit(1);
      },
    );
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
