/** Where the server listens (DESIGN §9): `VELOZ_HOST` / `VELOZ_PORT`. */
export interface ListenConfig {
  host: string;
  port: number;
}

/** Defaults: loopback only, port 8080. */
export const DEFAULT_LISTEN: ListenConfig = { host: '127.0.0.1', port: 8080 };

/** Why the environment could not be read. */
export interface ListenConfigError {
  code: 'bad_port';
  message: string;
}

/** Reads the listen address from the environment; a bad `VELOZ_PORT` is a value, not a throw. */
export function readListenConfig(
  env: Record<string, string | undefined>,
): { ok: true; value: ListenConfig } | { ok: false; error: ListenConfigError } {
  const host = env.VELOZ_HOST?.trim() || DEFAULT_LISTEN.host;
  const rawPort = env.VELOZ_PORT?.trim();
  if (rawPort === undefined || rawPort === '') {
    return { ok: true, value: { host, port: DEFAULT_LISTEN.port } };
  }
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port > 65535) {
    return {
      ok: false,
      error: {
        code: 'bad_port',
        message: `VELOZ_PORT must be an integer 0..65535, got "${rawPort}"`,
      },
    };
  }
  return { ok: true, value: { host, port } };
}

/** `http://host:port`, with brackets around an IPv6 host. */
export function formatUrl(host: string, port: number): string {
  const h = host.includes(':') ? `[${host}]` : host;
  return `http://${h}:${port}`;
}
