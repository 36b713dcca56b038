import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hmacSha256Hex, signQuery, signWsParams } from './sign';

const SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';

describe('Binance signing', () => {
  it("matches Binance's documented HMAC-SHA256 example", () => {
    const params: [string, string][] = [
      ['symbol', 'LTCBTC'],
      ['side', 'BUY'],
      ['type', 'LIMIT'],
      ['timeInForce', 'GTC'],
      ['quantity', '1'],
      ['price', '0.1'],
      ['recvWindow', '5000'],
      ['timestamp', '1499827319559'],
    ];
    expect(signQuery(params, SECRET)).toBe(
      'symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559&signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71',
    );
  });

  it('signs WebSocket API params sorted by name, whatever order they come in', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.stringMatching(/^[a-zA-Z]{1,8}$/),
          fc.oneof(fc.integer(), fc.stringMatching(/^[A-Za-z0-9]{0,8}$/)),
        ),
        (params) => {
          const payload = Object.keys(params)
            .sort()
            .map((k) => `${k}=${params[k]}`)
            .join('&');
          const expected = createHmac('sha256', SECRET).update(payload).digest('hex');
          const reversed = Object.fromEntries(Object.entries(params).reverse());
          expect(signWsParams(reversed, SECRET)).toBe(expected);
        },
      ),
    );
    expect(hmacSha256Hex('k', '')).toBe(createHmac('sha256', 'k').update('').digest('hex'));
  });
});
