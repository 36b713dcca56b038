import {
  AuthenticationError,
  ExchangeNotAvailable,
  InsufficientFunds,
  InvalidOrder,
  OrderNotFound,
  RateLimitExceeded,
  RequestTimeout,
} from 'ccxt';
import { describe, expect, it } from 'vitest';
import { isRetryable, parseRetryAfter, toVenueFailure } from './ccxt-errors';

describe('ccxt-errors', () => {
  it('maps ccxt classes, most specific first', () => {
    const code = (e: unknown) => toVenueFailure(e, []).code;
    expect(code(new RequestTimeout('x'))).toBe('temporary');
    expect(code(new ExchangeNotAvailable('x'))).toBe('temporary');
    expect(code(new RateLimitExceeded('x'))).toBe('rate_limited');
    expect(code(new AuthenticationError('x'))).toBe('auth');
    expect(code(new InsufficientFunds('x'))).toBe('insufficient_funds');
    expect(code(new OrderNotFound('x'))).toBe('not_found');
    expect(code(new InvalidOrder('x'))).toBe('invalid_order');
    expect(code(new Error('x'))).toBe('unknown');
    expect(isRetryable(toVenueFailure(new RequestTimeout('x'), []))).toBe(true);
    expect(isRetryable(toVenueFailure(new InvalidOrder('x'), []))).toBe(false);
  });

  it('never keeps a secret in the message', () => {
    const f = toVenueFailure(new AuthenticationError('okx key=K3Y-abc secret s3cr3t-xyz'), [
      'K3Y-abc',
      's3cr3t-xyz',
    ]);
    expect(f.message).not.toMatch(/K3Y-abc|s3cr3t-xyz/);
    expect(f.message).toContain('[redacted]');
  });

  it('keeps Retry-After on rate limits; reads seconds and HTTP dates', () => {
    expect(toVenueFailure(new RateLimitExceeded('x'), [], 2000).retryAfterMs).toBe(2000);
    expect(toVenueFailure(new ExchangeNotAvailable('x'), [], 2000).retryAfterMs).toBe(2000);
    expect(toVenueFailure(new InvalidOrder('x'), [], 2000).retryAfterMs).toBeUndefined();
    expect(parseRetryAfter('2', 0)).toBe(2000);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:05 GMT', 1000)).toBe(4000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    expect(parseRetryAfter(undefined, 0)).toBeUndefined();
  });
});
