import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Candles } from '../../../../engine-core/src/market';
import {
  answerKlines,
  type KlinesFault,
  type SeenRequest,
  splitUrl,
} from '../../../../engine-core/src/market/testing/fake-binance-replies';

/** A fault of the fake server: those of the in-memory fake, or no answer at all. */
export type ServerFault = KlinesFault | { readonly kind: 'hang' };

/** Options of `startFakeBinanceKlines`. */
export interface FakeBinanceKlinesOptions {
  /** The series served (its symbol and interval are the only ones accepted). */
  readonly candles: Candles;
  /** Clock of the weight count (default `Date.now`). */
  readonly now?: () => number;
  /** Weight per request (default 2) and weight used by others each minute (default 0). */
  readonly weight?: number;
  readonly otherWeight?: number;
}

/** A running fake. */
export interface FakeBinanceKlines {
  /** `http://127.0.0.1:<port>`. */
  readonly baseUrl: string;
  /** Every request received, in order. */
  readonly seen: SeenRequest[];
  /** Queues faults: each of the next requests gets the next fault instead of an answer. */
  inject(...faults: ServerFault[]): void;
  /** Stops the server and drops open connections. */
  close(): Promise<void>;
}

/**
 * Binance's GET /api/v3/klines on 127.0.0.1 (a free port), for tests: the documented 12-field
 * layout from `candles`, `limit` ≤ 1000 enforced, `X-MBX-USED-WEIGHT-1M` counted per minute, and
 * injectable faults: an HTTP status (429 with `Retry-After`, 500 …), a malformed body, a dropped
 * connection, or no answer.
 */
export async function startFakeBinanceKlines(
  o: FakeBinanceKlinesOptions,
): Promise<FakeBinanceKlines> {
  const now = o.now ?? Date.now;
  const seen: SeenRequest[] = [];
  const faults: ServerFault[] = [];
  let minute = Number.NaN;
  let used = 0;

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = req.url ?? '/';
    seen.push(splitUrl(url));
    const m = Math.floor(now() / 60_000);
    if (m !== minute) {
      minute = m;
      used = o.otherWeight ?? 0;
    }
    used += o.weight ?? 2;
    const fault = faults.shift();
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    const headers: Record<string, string> = { 'x-mbx-used-weight-1m': String(used) };
    if (fault?.kind === 'body') {
      res.writeHead(200, { ...headers, 'content-type': 'application/json' }).end(fault.body);
      return;
    }
    if (fault?.kind === 'status') {
      if (fault.retryAfterS !== undefined) headers['retry-after'] = String(fault.retryAfterS);
      res
        .writeHead(fault.status, { ...headers, 'content-type': 'application/json' })
        .end(fault.body ?? '{"code":-1003,"msg":"Too many requests."}');
      return;
    }
    if (req.method !== 'GET') {
      res.writeHead(405).end();
      return;
    }
    const answer = answerKlines(o.candles, url, used);
    res.writeHead(answer.status, answer.headers).end(answer.body);
  };

  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    seen,
    inject: (...f) => {
      faults.push(...f);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
