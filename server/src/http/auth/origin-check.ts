/** Hosts a browser may show in `Origin` for this server, besides the configured one. */
export const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'];

/** The hosts the Origin check accepts: loopback names plus the listen host unless a wildcard. */
export function allowedHosts(listenHost: string | undefined): ReadonlySet<string> {
  const hosts = new Set(LOOPBACK_HOSTS);
  if (listenHost !== undefined && listenHost !== '0.0.0.0' && listenHost !== '::') {
    hosts.add(listenHost.includes(':') ? `[${listenHost}]` : listenHost.toLowerCase());
  }
  return hosts;
}

/**
 * Whether `Origin` names this server: `http:`, an allowed host, the port the server answers on.
 * Everything else (another port on the same host, `null`, https, a path) is refused.
 */
export function isOwnOrigin(origin: string, hosts: ReadonlySet<string>, port: number): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:') return false;
  if (url.origin !== origin.toLowerCase()) return false; // no path, user info or trailing slash
  const urlPort = url.port === '' ? 80 : Number(url.port);
  return urlPort === port && hosts.has(url.hostname);
}

/** The HTTP methods that change state and therefore need a matching Origin. */
export function isMutating(method: string): boolean {
  return method === 'POST' || method === 'PUT' || method === 'PATCH' || method === 'DELETE';
}
