import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors';
import type { AuthState, Principal } from './auth-state';
import { isMutating, isOwnOrigin } from './origin-check';
import { isProtected, pathOf, SESSION_COOKIE } from './protected-paths';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who made the request, once the auth hook has run; `null` when nobody. */
    principal: Principal | null;
  }
}

/** How the auth hooks are set up. */
export interface AuthHookOptions {
  readonly state: AuthState;
  /** Hosts accepted in `Origin`. */
  readonly hosts: ReadonlySet<string>;
  /** The port in an accepted `Origin`; by default the port the request came in on. */
  readonly port?: number;
}

type Presented = { kind: 'ok'; principal: Principal | null } | { kind: 'bad_bearer' };

/**
 * Registers, in order: the login link (`?token=` → session cookie + redirect), the Origin check
 * on mutating calls and the authentication of `/api/*` and `/metrics`. Needs @fastify/cookie.
 */
export function registerAuthHooks(app: FastifyInstance, opts: AuthHookOptions): void {
  app.decorateRequest('principal', null);

  app.addHook('onRequest', async (req, reply) => {
    if (req.method === 'GET' && !isProtected(req)) {
      const done = loginFromLink(req, reply, opts.state);
      if (done !== null) return done;
    }
    const presented = present(req, opts.state);
    const origin = req.headers.origin;
    if (isMutating(req.method) && origin !== undefined) {
      const port = opts.port ?? req.socket.localPort;
      if (port === undefined || !isOwnOrigin(origin, opts.hosts, port)) {
        throw new ApiError(403, 'forbidden', 'Origin: not this server');
      }
    }
    if (presented.kind === 'bad_bearer') {
      throw new ApiError(401, 'authentication_required', 'Authorization: not a valid API token');
    }
    req.principal = presented.principal;
    if (!isProtected(req)) return undefined;
    if (presented.principal === null) {
      throw new ApiError(
        401,
        'authentication_required',
        'open the launch link the server printed, or send Authorization: Bearer <API token>',
      );
    }
    // A browser always sends Origin on a cross-site POST; its absence with a cookie means a
    // client that hides it, and the cookie alone must not be enough to change state.
    if (isMutating(req.method) && origin === undefined && presented.principal.kind === 'session') {
      throw new ApiError(403, 'forbidden', 'Origin: required with a session cookie');
    }
    return undefined;
  });
}

function present(req: FastifyRequest, state: AuthState): Presented {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const m = /^Bearer[ ]+(\S+)[ ]*$/i.exec(header);
    if (m?.[1] === undefined || !state.isApiToken(m[1])) return { kind: 'bad_bearer' };
    return { kind: 'ok', principal: { kind: 'bearer' } };
  }
  const cookie = req.cookies[SESSION_COOKIE];
  if (cookie === undefined || cookie === '') return { kind: 'ok', principal: null };
  const session = state.sessions.find(cookie);
  return { kind: 'ok', principal: session === null ? null : { kind: 'session', session } };
}

/**
 * `GET /any/page?token=…`: a valid token opens a session (HttpOnly, SameSite=Strict cookie) and
 * redirects to the same URL without the token, so it stays out of the address bar and history.
 * Returns `null` when the URL carries no token.
 */
function loginFromLink(
  req: FastifyRequest,
  reply: FastifyReply,
  state: AuthState,
): FastifyReply | null {
  const url = new URL(req.url, 'http://veloz.invalid');
  const tokens = url.searchParams.getAll('token');
  if (tokens.length === 0) return null;
  const opened = tokens.length === 1 && tokens[0] !== undefined ? state.login(tokens[0]) : null;
  if (opened === null) {
    throw new ApiError(
      401,
      'authentication_required',
      'this link is spent or wrong: open the newest launch link the server printed, or /?token=<API token>',
    );
  }
  url.searchParams.delete('token');
  reply.setCookie(SESSION_COOKIE, opened.cookie, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
  });
  // One leading slash only: `//host` or `/\host` would make the redirect leave the server.
  const path = `/${pathOf(req.url).replace(/^[/\\]+/, '')}`;
  return reply.redirect(`${path}${url.search}`, 302);
}
