// fetch for the VeloZ server's /api: same-origin credentials (the HttpOnly session cookie), JSON
// in and out, every failure mapped to an ApiError. Bodies are checked by the parser the caller
// passes (all of them live in live-api.ts).
import { type ApiError, type ApiResult, errorOfAnswer } from './api-error';

/** The subset of `fetch` used here, so tests can pass a fake. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** Checks a 2xx body: the typed value, or why it does not fit. */
export type BodyParser<T> = (
  body: unknown,
) => { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

/** One client per page load; `now` reads the clock for Retry-After dates. */
export class HttpClient {
  constructor(
    private readonly fetchFn: FetchLike = (input, init) => fetch(input, init),
    private readonly now: () => number = Date.now,
  ) {}

  /** Sends one call; a JSON `body` is sent for POST. Never throws (an abort excepted). */
  async call<T>(
    method: HttpMethod,
    path: string,
    parse: BodyParser<T>,
    body?: unknown,
    signal?: AbortSignal,
  ): Promise<ApiResult<T>> {
    const init: RequestInit = {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : JSON_HEADERS,
      ...(body !== undefined && { body: JSON.stringify(body) }),
      ...(signal !== undefined && { signal }),
    };
    let res: Response;
    try {
      res = await this.fetchFn(path, init);
    } catch (err) {
      if (signal?.aborted) throw err;
      return fail({ kind: 'network', message: err instanceof Error ? err.message : String(err) });
    }
    const json = await readJson(res);
    if (!res.ok) {
      return fail(
        errorOfAnswer(
          res.status,
          json.ok ? json.value : null,
          res.headers.get('retry-after'),
          this.now(),
        ),
      );
    }
    if (!json.ok) return fail({ kind: 'bad_response', path, message: json.message });
    const parsed = parse(json.value);
    return parsed.ok
      ? { ok: true, value: parsed.value }
      : fail({ kind: 'bad_response', path, message: parsed.message });
  }
}

const JSON_HEADERS = { accept: 'application/json', 'content-type': 'application/json' };

const fail = (error: ApiError): ApiResult<never> => ({ ok: false, error });

async function readJson(
  res: Response,
): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
  let text: string;
  try {
    text = await res.text();
  } catch (err) {
    return { ok: false, message: `body unreadable (${String(err)})` };
  }
  if (text.trim() === '') return { ok: false, message: 'empty body, expected JSON' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, message: `not JSON (starts with ${JSON.stringify(text.slice(0, 40))})` };
  }
}
