import { describe, expect, it } from 'vitest';
import { formatUrl, readListenConfig } from './listen-config';

describe('readListenConfig', () => {
  it('defaults to 127.0.0.1:8080', () => {
    expect(readListenConfig({})).toEqual({ ok: true, value: { host: '127.0.0.1', port: 8080 } });
  });

  it('reads VELOZ_HOST and VELOZ_PORT', () => {
    expect(readListenConfig({ VELOZ_HOST: '0.0.0.0', VELOZ_PORT: '18080' })).toEqual({
      ok: true,
      value: { host: '0.0.0.0', port: 18080 },
    });
  });

  it.each(['abc', '-1', '65536', '80.5', '1e3'])('refuses VELOZ_PORT=%s', (port) => {
    const res = readListenConfig({ VELOZ_PORT: port });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.message).toContain(`"${port}"`);
  });
});

describe('formatUrl', () => {
  it('brackets IPv6 hosts', () => {
    expect(formatUrl('127.0.0.1', 8080)).toBe('http://127.0.0.1:8080');
    expect(formatUrl('::1', 8080)).toBe('http://[::1]:8080');
  });
});
