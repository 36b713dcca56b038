import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './http/app';
import { formatUrl, readListenConfig } from './http/listen-config';

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

const app = await buildApp({
  staticDir: distDir,
  logger: { level: process.env.VELOZ_LOG_LEVEL ?? 'info', stream: process.stderr },
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

let closing = false;
const shutdown = (signal: NodeJS.Signals): void => {
  if (closing) {
    process.exit(1); // second signal: give up waiting
  }
  closing = true;
  app.log.info({ signal }, 'shutting down');
  const force = setTimeout(() => process.exit(1), 5000);
  force.unref();
  app.close().then(
    () => process.exit(0),
    (err: unknown) => {
      app.log.error({ err }, 'error during shutdown');
      process.exit(1);
    },
  );
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
