import type { FastifyRequest } from 'fastify';

/** The session cookie's name. */
export const SESSION_COOKIE = 'veloz_session';

const API_PATH = /^\/api(\/|$)/;

/** The request's path without the query string. */
export function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/**
 * Whether a request needs a session or the API token: `/api/*` and `/metrics`, judged on both
 * the matched route pattern (so `/%61pi/...`, which the router decodes to an API route, is
 * covered) and the decoded path (so unknown API paths, and the static wildcard, answer 401).
 */
export function isProtected(req: FastifyRequest): boolean {
  const pattern = req.routeOptions.url;
  if (pattern !== undefined && (API_PATH.test(pattern) || pattern === '/metrics')) return true;
  const path = safeDecode(pathOf(req.url));
  return API_PATH.test(path) || path === '/metrics';
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
