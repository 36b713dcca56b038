import type { FastifyInstance } from 'fastify';
import { type BuildAppOptions, buildApp } from '../app';

/** Fixed secrets and address of the test apps. */
export const API_TOKEN = 'test-api-token-abcdefghijklmnopqrstuvwxyz';
export const LAUNCH_TOKEN = 'test-launch-token-abcdefghijklmnopqrstuvwxyz';
export const PORT = 8080;
export const ORIGIN = `http://127.0.0.1:${PORT}`;

/** Headers of a script: the API token, no Origin. */
export const BEARER = { authorization: `Bearer ${API_TOKEN}` } as const;

/** An app with the test tokens and port, no process metrics; `overrides` win. */
export function testApp(overrides: BuildAppOptions = {}): Promise<FastifyInstance> {
  return buildApp({
    auth: { apiToken: API_TOKEN, launchToken: LAUNCH_TOKEN, port: PORT },
    processMetrics: false,
    ...overrides,
  });
}

/** Opens a browser session with the API token link; returns the `cookie` header to send. */
export async function sessionCookie(app: FastifyInstance): Promise<string> {
  const res = await app.inject({ method: 'GET', url: `/?token=${API_TOKEN}` });
  const set = res.headers['set-cookie'];
  const first = Array.isArray(set) ? set[0] : set;
  if (res.statusCode !== 302 || first === undefined) {
    throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  }
  return first.split(';')[0] ?? '';
}

/** Headers of the browser app: its session cookie and its own Origin. */
export async function browserHeaders(
  app: FastifyInstance,
): Promise<{ cookie: string; origin: string }> {
  return { cookie: await sessionCookie(app), origin: ORIGIN };
}
