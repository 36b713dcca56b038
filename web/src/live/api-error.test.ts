import { describe, expect, it } from 'vitest';
import { describeApiError, errorOfAnswer, parseRetryAfter } from './api-error';

const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);

describe('errorOfAnswer', () => {
  it('maps 401 to auth, and the page text says where the launch URL is', () => {
    const e = errorOfAnswer(
      401,
      { error: 'authentication_required', message: 'no session' },
      null,
      NOW,
    );
    expect(e).toEqual({ kind: 'auth', message: 'no session' });
    expect(describeApiError(e)).toContain('?token=');
  });

  it('maps 429 with a delta or a date Retry-After to seconds', () => {
    const body = { error: 'rate_limit_exceeded', message: 'slow down' };
    expect(errorOfAnswer(429, body, '7', NOW)).toEqual({
      kind: 'rate_limited',
      retryAfterSec: 7,
      message: 'slow down',
    });
    const date = new Date(NOW + 30_500).toUTCString(); // HTTP dates have whole seconds
    expect(errorOfAnswer(429, body, date, NOW)).toMatchObject({ retryAfterSec: 30 });
    expect(errorOfAnswer(429, body, null, NOW)).toMatchObject({ retryAfterSec: null });
  });

  it('maps execution_unavailable (and a bare 503) to unavailable', () => {
    const body = { error: 'execution_unavailable', message: 'engine restarting' };
    expect(errorOfAnswer(503, body, null, NOW)).toEqual({
      kind: 'unavailable',
      message: 'engine restarting',
    });
    expect(errorOfAnswer(503, null, null, NOW).kind).toBe('unavailable');
  });

  it('takes the field of bad_params from the "<field>: <reason>" message', () => {
    const e = errorOfAnswer(400, { error: 'bad_params', message: 'qty: must be > 0' }, null, NOW);
    expect(e).toEqual({ kind: 'bad_params', field: 'qty', message: 'qty: must be > 0' });
    const none = errorOfAnswer(400, { error: 'bad_params', message: 'nonsense' }, null, NOW);
    expect(none).toMatchObject({ field: null });
  });

  it('keeps the code and status of anything else', () => {
    expect(
      errorOfAnswer(403, { error: 'forbidden', message: 'Origin: not this server' }, null, NOW),
    ).toEqual({ kind: 'forbidden', message: 'Origin: not this server' });
    expect(errorOfAnswer(404, { error: 'not_found', message: 'no route' }, null, NOW)).toEqual({
      kind: 'http',
      status: 404,
      code: 'not_found',
      message: 'no route',
    });
    expect(errorOfAnswer(500, 'oops', null, NOW)).toEqual({
      kind: 'http',
      status: 500,
      code: null,
      message: 'status 500',
    });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds, a date, and refuses junk', () => {
    expect(parseRetryAfter('0', NOW)).toBe(0);
    expect(parseRetryAfter(' 12 ', NOW)).toBe(12);
    expect(parseRetryAfter(new Date(NOW - 5000).toUTCString(), NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeNull();
    expect(parseRetryAfter('', NOW)).toBeNull();
  });
});
