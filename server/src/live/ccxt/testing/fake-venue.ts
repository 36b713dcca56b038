// Starts the local fake of a venue: one market (BTC/USDT, or BTC/USD on Coinbase) with a funded
// account, the venue's routes and signature checks, and the credentials that pass (and one set
// that does not: a wrong secret, to prove the fake verifies signatures).
import type { VenueCredentials } from '../../venue-adapter';
import type { CcxtVenueId } from '../venue-profile';
import { bybitRoutes } from './fake-bybit';
import { coinbaseKeyPair, coinbaseRoutes } from './fake-coinbase';
import { FakeHttpServer } from './fake-http';
import { FakeMarket } from './fake-market';
import { okxRoutes } from './fake-okx';

export interface RunningFake {
  readonly venue: CcxtVenueId;
  readonly baseUrl: string;
  readonly market: FakeMarket;
  readonly server: FakeHttpServer;
  /** The venue's instrument id of the one market, and the engine's symbol for it. */
  readonly instrumentId: string;
  readonly engineSymbol: string;
  readonly quote: string;
  /** Path of the venue's create-order endpoint, for fault injection. */
  readonly createPath: string;
  readonly credentials: VenueCredentials;
  readonly wrongSecret: VenueCredentials;
  close(): Promise<void>;
}

export async function startFake(venue: CcxtVenueId): Promise<RunningFake> {
  const quote = venue === 'coinbase' ? 'USD' : 'USDT';
  const instrumentId = venue === 'okx' ? 'BTC-USDT' : venue === 'bybit' ? 'BTCUSDT' : 'BTC-USD';
  const market = new FakeMarket([{ id: instrumentId, base: 'BTC', quote }], {
    BTC: 2,
    [quote]: 100_000,
  });
  market.setPrice(instrumentId, 50_000);
  let credentials: VenueCredentials;
  let wrongSecret: VenueCredentials;
  let server: FakeHttpServer;
  let createPath: string;
  if (venue === 'okx') {
    const keys = { apiKey: 'okx-test-key', secret: 'okx-test-secret', passphrase: 'okx-pass' };
    credentials = { apiKey: keys.apiKey, apiSecret: keys.secret, passphrase: keys.passphrase };
    wrongSecret = { ...credentials, apiSecret: 'not-the-secret' };
    server = new FakeHttpServer(okxRoutes(market, keys));
    createPath = '/api/v5/trade/order';
  } else if (venue === 'bybit') {
    const keys = { apiKey: 'bybit-test-key', secret: 'bybit-test-secret' };
    credentials = { apiKey: keys.apiKey, apiSecret: keys.secret };
    wrongSecret = { ...credentials, apiSecret: 'not-the-secret' };
    server = new FakeHttpServer(bybitRoutes(market, keys));
    createPath = '/v5/order/create';
  } else {
    const good = coinbaseKeyPair();
    const other = coinbaseKeyPair();
    const keyName = 'organizations/0b8f3c1e-test/apiKeys/5f1d9a77-test';
    credentials = { apiKey: keyName, apiSecret: good.privatePem };
    // Signed with another EC key under the same name: only the signature check can refuse it.
    wrongSecret = { apiKey: keyName, apiSecret: other.privatePem };
    server = new FakeHttpServer(coinbaseRoutes(market, { keyName, publicKey: good.publicKey }));
    createPath = '/api/v3/brokerage/orders';
  }
  const baseUrl = await server.listen();
  return {
    venue,
    baseUrl,
    market,
    server,
    instrumentId,
    engineSymbol: `BTC${quote}`,
    quote,
    createPath,
    credentials,
    wrongSecret,
    close: () => server.close(),
  };
}
